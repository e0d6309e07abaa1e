"""A query file that starts with a UTF-8 byte-order mark was a syntax error."""

from .conftest import run


def test_a_query_file_with_a_byte_order_mark_runs(tmp_path):
    path = tmp_path / "q.rq"
    path.write_bytes(b"\xef\xbb\xbfSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n")
    result = run("sparql", str(path), "-f", "csv", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "n" and int(result.out.splitlines()[1]) > 10_000
