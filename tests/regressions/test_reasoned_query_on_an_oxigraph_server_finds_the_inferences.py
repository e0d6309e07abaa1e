"""A reasoned query on an endpoint first checks that ``G/inferred`` holds triples. The check was
``ASK { GRAPH <G/inferred> { … } }`` sent with G and G/inferred as the request's default graphs;
a request that names default graphs has no named graphs unless it names them too (SPARQL 1.1
Protocol), so Oxigraph's server answered false and every reasoned saved query stopped with
"the graph <…/inferred> is empty" on a server that held the inferences."""

import pytest

from icpa.remote import publish

from ..conftest import execute, saved_query
from ..remote.oxigraph_server import OxigraphServer

pytestmark = [pytest.mark.oxigraph_server]


def test_reasoned_query_on_an_oxigraph_server_finds_the_inferences():
    with OxigraphServer() as server:
        publish.publish(server.query, update_endpoint=server.store, reasoned=True)
        query = saved_query("contested-claims")
        assert query.reasoned
        there = execute(query, endpoint=server.query, reasoned=True)
        here = execute(query, engine="oxigraph", reasoned=True)
        assert len(there.rows) == len(here.rows) > 0
