"""icpa against a second, independent real server: Oxigraph's own (``oxigraph serve``).

Publishing to its query URL ``/query`` finds its Graph Store at ``/store`` from its ``Server``
header, as icpa does for Virtuoso; every probe agrees, and every saved query gives the local
rows.
"""

from __future__ import annotations

import pytest

from icpa import kg, vocab
from icpa.remote import backend as remote
from icpa.remote import probes, publish

from ..conftest import SAVED, example_values, execute, icpa, saved_query
from .oxigraph_server import OxigraphServer

pytestmark = [pytest.mark.oxigraph_server, pytest.mark.slow]

GRAPH = remote.DEFAULT_GRAPH


@pytest.fixture(scope="module")
def server():
    with OxigraphServer() as s:
        yield s


@pytest.fixture(scope="module")
def published(server):
    code, out, err = icpa("publish", "--endpoint", server.query, "--reasoned")
    assert code == 0, err
    return out, err


def test_publish_to_the_query_url_writes_through_the_graph_store(server, published):
    out, err = published
    assert "warning" not in err and "error" not in err  # every probe agreed
    assert f"(graph-store, {server.store})" in out
    assert f"{len(probes.PROBES)} of {len(probes.PROBES)} known-answer probes agree" in out
    reader = remote.RemoteBackend(server.query, graph=None)
    assert reader.count_graph(GRAPH) == len(publish.prepare(kg.load()))
    assert reader.count_graph(vocab.inferred_graph(GRAPH)) == len(publish.prepare(kg.inferences()))


def test_graph_store_of_knows_oxigraph_and_virtuoso():
    assert publish.graph_store_of("http://h:7878/query", "Oxigraph/0.5.13") == "http://h:7878/store"
    assert publish.graph_store_of("http://h/x/sparql", "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu") \
        == "http://h/x/sparql-graph-crud-auth"
    assert publish.graph_store_of("http://h:7878/query", "Apache Jena Fuseki") is None
    assert publish.graph_store_of("http://h:7878/sparql", "Oxigraph/0.5.13") is None


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_gives_the_local_rows_on_oxigraph_server(server, published, name):
    query = saved_query(name)
    values = example_values(query)
    there = execute(query, values, endpoint=server.query, graph=GRAPH)
    here = execute(query, values, engine="oxigraph")
    assert not there.warnings
    assert there.vars == here.vars
    assert sorted(map(repr, there.rows)) == sorted(map(repr, here.rows))  # the same terms, as a multiset


def test_networks_and_maps_read_from_a_server_are_the_local_ones(server, published, tmp_path):
    """icpa network and icpa map read any SPARQL 1.1 endpoint: the bytes match the embedded engine's."""
    for args in (["network", "--kind", "actor-actor", "-f", "graphml"], ["network", "-f", "csv"],
                 ["map", "--article", "a003", "-f", "dot"]):
        here = icpa(*args)
        there = icpa(*args, "--endpoint", server.query, "--graph", GRAPH)
        assert here[0] == there[0] == 0, there[2]
        assert there[1] == here[1] and len(here[1]) > 1000
