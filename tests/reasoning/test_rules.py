"""The scalable reasoning route (HermiT on the TBox, SPARQL rules on the data) gives exactly
HermiT's answers on the bundled data."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from icpa import vocab
from icpa.engines import stores
from icpa.engines.oxigraph_engine import from_ox
from icpa.reasoning import rules

from ..conftest import CORPUS

D = vocab.DATA
pytestmark = pytest.mark.java


def about_data(g) -> set:
    return {t for t in g if str(t[0]).startswith(D) and not (t[1] == RDF.type and t[2] in (OWL.Thing, OWL.NamedIndividual))}


def _normal(t):
    s, p, o = t
    return (s, p, Literal(str(o), datatype=o.datatype, lang=o.language) if isinstance(o, Literal) else o)


@pytest.fixture(scope="module")
def by_rules(ontology) -> Graph:
    # the path an on-disk store takes: asserted triples in the default graph, inferences
    # materialised (in an in-memory copy) into their own named graph
    store = ox.Store()
    stores.load_file(store, CORPUS.ontology_file)
    stores.load_file(store, CORPUS.data_file)
    stores._drop_data_header(store)
    asserted = len(store)
    added = stores._infer(store, CORPUS)
    assert len(store) == asserted + added
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(stores.INFERRED_GRAPH)):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    assert added == len(g)
    return g


def test_rules_give_exactly_hermits_answers_on_the_bundled_data(by_rules, inferred):
    hermit = {_normal(t) for t in about_data(inferred)}
    mine = {_normal(t) for t in about_data(by_rules)}
    assert len(hermit) > 1000
    assert hermit - mine == set(), sorted(hermit - mine)[:10]
    assert mine - hermit == set(), sorted(mine - hermit)[:10]


def test_every_defined_class_is_compiled_into_a_rule(ontology):
    compiled = {r.name.split(" ", 1)[1] for r in rules.compile_rules(ontology) if r.name.startswith("defined ")}
    defined = {str(c) for c, e in ontology.subject_objects(OWL.equivalentClass) if isinstance(c, URIRef)}
    assert defined == compiled
    assert len(defined) >= 5


def test_rule_for_a_defined_class_reads_like_its_definition(ontology):
    rule = next(r for r in rules.compile_rules(ontology) if r.name.endswith("#AdvocateOfVerticalIntegration"))
    assert "makesClaim" in rule.update and "VerticalIntegration" in rule.update and "polarityFor" in rule.update


def test_a_rule_runs_again_only_when_what_it_reads_has_grown():
    ex = "http://example.org/"
    g = Graph()
    g.parse(data=f"<{ex}x> <{ex}p> <{ex}y> .", format="nt")
    chain = [  # listed against the order of dependency: c needs b's output, b needs a's
        rules.Rule("c", f"INSERT {{ ?s a <{ex}C> }} WHERE {{ ?s a <{ex}B> }}"),
        rules.Rule("b", f"INSERT {{ ?s a <{ex}B> }} WHERE {{ ?s <{ex}q> ?o }}"),
        rules.Rule("a", f"INSERT {{ ?s <{ex}q> ?o }} WHERE {{ ?s <{ex}p> ?o }}"),
        rules.Rule("unrelated", f"INSERT {{ ?s <{ex}r> ?o }} WHERE {{ ?s <{ex}z> ?o }}"),
    ]
    assert chain[0].reads == {f"a <{ex}B>"} and chain[0].writes == {f"a <{ex}C>"}
    runs = rules.run_to_fixpoint(chain, g.update, lambda keys: len(g))
    assert (URIRef(f"{ex}x"), RDF.type, URIRef(f"{ex}C")) in g
    assert runs == 4 + 2  # each once, then b after a, then c after b; "unrelated" never again


def test_rdf_type_written_as_a_predicate_iri_counts_as_every_type_key():
    ex = "http://example.org/"
    g = Graph()
    g.parse(data=f"<{ex}x> <{ex}p> <{ex}y> .", format="nt")
    chain = [
        rules.Rule("copy types", f"INSERT {{ ?s <{ex}hasType> ?c }} WHERE {{ ?s <{RDF.type}> ?c }}"),
        rules.Rule("domain", f"INSERT {{ ?s a <{ex}C> }} WHERE {{ ?s <{ex}p> ?o }}"),
    ]
    rules.run_to_fixpoint(chain, g.update, lambda keys: len(g))
    assert (URIRef(f"{ex}x"), URIRef(f"{ex}hasType"), URIRef(f"{ex}C")) in g
