"""`icpa export -o x.owl` wrote Turtle: the format option's default won over the file's suffix.
The format now comes from the suffix (as sssom-py's writers do) unless -f is given."""

from rdflib import Graph

from .conftest import run


def test_export_takes_its_format_from_the_output_suffix(tmp_path):
    result = run("export", "--what", "ontology", "-o", "x.owl", cwd=tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "x.owl").read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "rdf:RDF" in text
    assert len(Graph().parse(tmp_path / "x.owl", format="xml")) > 100
