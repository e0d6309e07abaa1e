"""The store loader gave a Turtle or RDF/XML file no base IRI, so a file with relative IRIs was
refused; the file's own URL is the base, as parsers take it."""

from .conftest import run


def test_a_store_loads_files_with_relative_iris(tmp_path):
    (tmp_path / "rel.ttl").write_text("<a> <p> <b> .\n", encoding="utf-8")
    result = run("load", "rel.ttl", "--store", "kg", "--no-bundled", cwd=tmp_path)
    assert result.code == 0, result.err
    result = run("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store", "kg", "-f", "csv", cwd=tmp_path)
    assert result.out.splitlines() == ["s", (tmp_path / "a").as_uri()]
