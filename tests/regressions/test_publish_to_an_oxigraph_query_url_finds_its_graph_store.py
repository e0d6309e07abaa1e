"""``icpa publish --endpoint http://…/query`` against Oxigraph's server sent its writes to
``/query`` itself (SPARQL Update there is refused: HTTP 400). The server's ``Server`` header now
says where its Graph Store is (``/store``), as it did for Virtuoso."""

import pytest

from ..conftest import icpa
from ..remote.oxigraph_server import OxigraphServer

pytestmark = [pytest.mark.oxigraph_server]


def test_publish_to_an_oxigraph_query_url_finds_its_graph_store():
    with OxigraphServer() as server:
        code, out, err = icpa("publish", "--endpoint", server.query)
        assert code == 0, err
        assert f"(graph-store, {server.store})" in out
