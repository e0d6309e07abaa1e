"""`icpa export -o x.graphml` (or any suffix icpa does not write) wrote Turtle into it and said
"wrote x.graphml (ttl, …)": a file named for one format holding another. An unknown suffix is
now a usage error, and nothing is written; a name without a suffix still gets Turtle."""

from .conftest import run


def test_export_refuses_a_suffix_it_does_not_write(tmp_path):
    result = run("export", "-o", "x.graphml", cwd=tmp_path)
    assert result.code == 2 and "unknown RDF format" in result.err
    assert not (tmp_path / "x.graphml").exists()
    result = run("export", "--what", "ontology", "-o", "plain", cwd=tmp_path)
    assert result.code == 0 and (tmp_path / "plain").read_text(encoding="utf-8").startswith("@prefix")
