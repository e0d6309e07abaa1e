"""SPARQL Update text was answered "no such file, and not SPARQL text"."""

import pytest

from .conftest import run


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "PREFIX x: <http://x/> DELETE WHERE { ?s x:p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
])
def test_updates_are_refused_as_updates(tmp_path, text):
    result = run("sparql", text, cwd=tmp_path)
    assert result.code == 2
    line = result.one_line()
    assert "SPARQL Update" in line and "only reads" in line
