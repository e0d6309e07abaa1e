"""The remote backend swallowed ``reasoned`` (``**_``): a reasoned saved query on an endpoint ran
on the graph without inferences and returned nothing, silently. Now it reads G and G/inferred,
and stops with advice when G/inferred is empty."""

import pytest

from ..remote.oxigraph_server import OxigraphServer
from .conftest import run

pytestmark = [pytest.mark.oxigraph_server]


def test_a_reasoned_query_on_a_graph_without_inferences_stops_with_advice(tmp_path):
    with OxigraphServer() as server:
        published = run("publish", "--endpoint", server.query, "--update-endpoint", server.store, cwd=tmp_path)
        assert published.code == 0, published.err
        result = run("query", "contested-claims", "--endpoint", server.query, cwd=tmp_path)
        assert result.code == 4
        line = result.one_line()
        assert "needs the inferences" in line and "icpa publish --reasoned" in line
