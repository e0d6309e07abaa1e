"""A query with SERVICE reached out to the network from a local engine (and printed a 43-89 line
ConnectionRefusedError traceback when the server was not there)."""

import socket

from .conftest import run


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_service_is_refused_without_allow_service(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        for engine in ("oxigraph", "rdflib"):
            result = run("sparql", query, "--engine", engine, cwd=tmp_path)
            assert result.code == 2
            line = result.one_line()
            assert "SERVICE" in line and "--allow-service" in line
        try:
            conn, _ = listener.accept()
            conn.close()
            raise AssertionError("the refused query still connected to the SERVICE endpoint")
        except TimeoutError:
            pass  # nobody connected: no network call was made
    finally:
        listener.close()


def test_allowed_service_to_a_missing_server_is_one_line(tmp_path):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{_closed_port()}/sparql> {{ ?s ?p ?o }} }}"
    result = run("sparql", query, "--allow-service", cwd=tmp_path)
    assert result.code == 3
    assert result.one_line().startswith("icpa: error: query failed")
