"""Canonical blank-node labels: the same graph gives the same N-Triples whatever its blank nodes
were called, for trees (one pass) and for any other shape (RGDA1)."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from icpa.rdf.export import _tree_labels, write_nt

TREES = """@prefix : <http://x/> .
:s :p [ :q [ :r 1 ] ; :q2 [ :r 2 ] ] , [ :q [ :r 1 ] ; :q2 [ :r 2 ] ] .
[] :a [ :b 1 ] . [] :a [ :b 1 ] .
:t :list ( 1 [ :c 2 ] 3 ) ."""
SHARED = """@prefix : <http://x/> . _:x :p 1 . :a :q _:x . :b :q _:x . _:y :p _:z . _:z :p _:y ."""


@pytest.mark.parametrize(("text", "tree"), [(TREES, True), (SHARED, False)], ids=["trees", "shared-and-cyclic"])
def test_the_same_graph_gives_the_same_lines_whatever_its_blank_nodes_are_called(text, tree):
    graphs = [Graph().parse(data=text, format="turtle") for _ in range(4)]  # each parse names its blank nodes anew
    assert (_tree_labels(graphs[0]) is not None) is tree
    outputs = {write_nt(g) for g in graphs}
    assert len(outputs) == 1
    back = Graph().parse(data=outputs.pop(), format="nt")
    assert len(back) == len(graphs[0]) and isomorphic(back, graphs[0])
