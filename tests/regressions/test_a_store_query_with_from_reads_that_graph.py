"""The store backend passed its default graph to every query, which overrode the query's own
FROM: `SELECT … FROM <g> { … }` on a store read the store's graphs, not <g>."""

from .conftest import run


def test_a_store_query_with_from_reads_that_graph(tmp_path):
    (tmp_path / "extra.nt").write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n",
                                       encoding="utf-8")
    result = run("load", "extra.nt", "--store", "kg", "--no-bundled", cwd=tmp_path)
    assert result.code == 0, result.err
    query = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/nowhere> WHERE { ?s ?p ?o }"
    result = run("sparql", query, "--store", "kg", "-f", "csv", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["n", "0"]  # that graph is empty; the store's default graph holds 1
    result = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", "kg", "-f", "csv", cwd=tmp_path)
    assert result.out.splitlines() == ["n", "1"]
