"""A SPARQL syntax error was one line of about 600 characters listing Unicode ranges."""

from .conftest import run


def test_an_undeclared_prefix_is_named_with_its_fix(tmp_path):
    result = run("sparql", "SELECT * WHERE { ?s rdfs:label ?o }", cwd=tmp_path)
    assert result.code == 3
    line = result.one_line()
    assert "line 1, column" in line and "rdfs:" in line and "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in line
    assert len(line) < 200 and "\\u{" not in line


def test_a_syntax_error_shows_the_text_there_and_what_was_expected(tmp_path):
    result = run("sparql", "SELECT ?s\nWHERE { ?s ?p }", cwd=tmp_path)
    assert result.code == 3
    line = result.one_line()
    assert "line 2, column" in line and "expected" in line and "?s ?p" in line
    assert len(line) < 300 and "\\u{" not in line
