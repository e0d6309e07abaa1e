"""Materialise the ontology's entailments over large data with SPARQL Update rules.

HermiT realises the bundled ABox in seconds but cannot realise a million-triple corpus in a
minute. The scalable route: classify the TBox alone with HermiT once (cached), then compile the
ontology into SPARQL ``INSERT ... WHERE`` rules — sub-properties, inverses, symmetric
properties, two-step property chains, domains and ranges, the (classified) subclass closure
and every defined class (``owl:equivalentClass`` of intersections, unions, someValuesFrom,
hasValue and oneOf) — and run them to a fixpoint on whatever store holds the data (rdflib for
the bundled graph, Oxigraph for a persistent store). Each rule knows the properties and classes
it reads and writes, so after the first pass a rule runs again only when its input has grown.
``tests/test_rules.py`` checks that this gives exactly HermiT's answers on the bundled data.
The same rules close HermiT's own output (:func:`close`), so there is one entailment closure.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

_SKIP_TYPES = {OWL.Thing, OWL.NamedIndividual, RDFS.Resource}


@dataclass(frozen=True)
class Rule:
    """One ``INSERT ... WHERE`` rule, with the keys it reads and writes.

    A key is a property IRI, or ``a <C>`` for the type triples of class C. A rule needs to run
    again only after a rule that writes one of the keys it reads has added triples.
    """

    name: str
    update: str
    reads: frozenset[str] = field(default=frozenset(), compare=False)
    writes: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        if not self.writes:
            reads, writes = _keys(self.update)
            object.__setattr__(self, "reads", reads)
            object.__setattr__(self, "writes", writes)


_RDF_TYPE = str(RDF.type)
_IRI = re.compile(r"(\ba\s+)?<([^>]+)>")
_PAIR = re.compile(r"\(<([^>]+)> <([^>]+)>\)")


def _keys(update: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a rule's body reads and its template writes (reads over-approximated: every IRI)."""
    head, where = update.split(" WHERE ", 1)
    pairs = _PAIR.findall(where)
    if " a ?sup " in head and pairs:  # the subclass closure: a table of (sub, super) classes
        return frozenset(f"a <{c}>" for c, _ in pairs), frozenset(f"a <{a}>" for _, a in pairs)
    reads = frozenset((f"a <{iri}>" if a else iri) for a, iri in _IRI.findall(where))
    writes = frozenset((f"a <{iri}>" if a else iri) for a, iri in _IRI.findall(head))
    return reads, writes


def _n3(term: URIRef) -> str:
    return f"<{term}>"


class _Patterns:
    """Translate an OWL class expression into a SPARQL group pattern about a variable."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.counter = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.counter)}"

    def prop(self, p) -> tuple[str, bool]:
        inv = self.g.value(p, OWL.inverseOf) if isinstance(p, BNode) else None
        return (_n3(inv), True) if inv is not None else (_n3(p), False)

    def of(self, expr, x: str) -> str | None:
        g = self.g
        if isinstance(expr, URIRef):
            return f"{x} a {_n3(expr)} ." if expr != OWL.Thing else ""
        parts = g.value(expr, OWL.intersectionOf)
        if parts is not None:
            pats = [self.of(e, x) for e in Collection(g, parts)]
            return None if None in pats else " ".join(pats)
        parts = g.value(expr, OWL.unionOf)
        if parts is not None:
            pats = [self.of(e, x) for e in Collection(g, parts)]
            return None if None in pats else " UNION ".join("{ " + p + " }" for p in pats)
        parts = g.value(expr, OWL.oneOf)
        if parts is not None:
            return f"VALUES {x} {{ {' '.join(_n3(i) for i in Collection(g, parts))} }}"
        on = g.value(expr, OWL.onProperty)
        if on is not None:
            p, inverse = self.prop(on)
            some = g.value(expr, OWL.someValuesFrom)
            value = g.value(expr, OWL.hasValue)
            if value is not None:
                return f"{_n3(value)} {p} {x} ." if inverse else f"{x} {p} {_n3(value)} ."
            if some is not None:
                y = self.var()
                inner = self.of(some, y)
                if inner is None:
                    return None
                edge = f"{y} {p} {x} ." if inverse else f"{x} {p} {y} ."
                return f"{edge} {inner}"
        return None  # a construct the rules do not cover (cardinalities, complements, ...)


def compile_rules(ontology: Graph, classified: Graph | None = None) -> list[Rule]:
    """The rules for ``ontology``; ``classified`` adds HermiT's inferred TBox axioms."""
    g = Graph()
    g += ontology
    if classified is not None:
        g += classified
    rules: list[Rule] = []
    for p, q in sorted(g.subject_objects(RDFS.subPropertyOf)):
        if isinstance(p, URIRef) and isinstance(q, URIRef) and p != q:
            rules.append(Rule(f"subproperty {p} {q}", f"INSERT {{ ?s {_n3(q)} ?o }} WHERE {{ ?s {_n3(p)} ?o }}"))
    derived = _inverse_subproperties(g)
    if derived:  # p ⊑ q gives inv(p) ⊑ inv(q): HermiT reports it on some runs and not others
        table = " ".join(f"({_n3(a)} {_n3(b)})" for a, b in derived)
        rules.append(Rule("inverse subproperties",
                          f"INSERT {{ ?a {_n3(RDFS.subPropertyOf)} ?b }} WHERE {{ VALUES (?a ?b) {{ {table} }} }}"))
    for p, q in sorted(g.subject_objects(OWL.inverseOf)):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            rules.append(Rule(f"inverse {p} {q}", f"INSERT {{ ?o {_n3(q)} ?s }} WHERE {{ ?s {_n3(p)} ?o }}"))
            rules.append(Rule(f"inverse {q} {p}", f"INSERT {{ ?o {_n3(p)} ?s }} WHERE {{ ?s {_n3(q)} ?o }}"))
    for p in sorted(g.subjects(RDF.type, OWL.SymmetricProperty)):
        rules.append(Rule(f"symmetric {p}", f"INSERT {{ ?o {_n3(p)} ?s }} WHERE {{ ?s {_n3(p)} ?o }}"))
    for p, lst in sorted(g.subject_objects(OWL.propertyChainAxiom)):
        steps = list(Collection(g, lst))
        if all(isinstance(s, URIRef) for s in steps) and steps:
            body = " . ".join(f"?x{i} {_n3(s)} ?x{i + 1}" for i, s in enumerate(steps))
            rules.append(Rule(f"chain {p}", f"INSERT {{ ?x0 {_n3(p)} ?x{len(steps)} }} WHERE {{ {body} }}"))
    datatype_props = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for p, c in sorted(g.subject_objects(RDFS.domain)):
        if isinstance(c, URIRef) and c not in _SKIP_TYPES:
            rules.append(Rule(f"domain {p}", f"INSERT {{ ?s a {_n3(c)} }} WHERE {{ ?s {_n3(p)} ?o }}"))
    for p, c in sorted(g.subject_objects(RDFS.range)):
        if isinstance(c, URIRef) and c not in _SKIP_TYPES and p not in datatype_props and g.value(c, RDF.type) != RDFS.Datatype \
                and not str(c).startswith(str(RDFS)[:-6] + "2001/XMLSchema#"):
            rules.append(Rule(f"range {p}", f"INSERT {{ ?o a {_n3(c)} }} WHERE {{ ?s {_n3(p)} ?o FILTER(isIRI(?o)) }}"))
    # subclass closure over named classes, as one rule with a table
    pairs = []
    for c in sorted({c for c in g.subjects(RDFS.subClassOf, None) if isinstance(c, URIRef)}):
        for a in sorted(set(g.transitive_objects(c, RDFS.subClassOf))):
            if isinstance(a, URIRef) and a != c and a not in _SKIP_TYPES:
                pairs.append((c, a))
    for c, d in g.subject_objects(OWL.equivalentClass):
        if isinstance(c, URIRef) and isinstance(d, URIRef):
            pairs += [(c, d), (d, c)]
    if pairs:
        table = " ".join(f"({_n3(c)} {_n3(a)})" for c, a in pairs)
        rules.append(Rule("subclass closure", f"INSERT {{ ?x a ?sup }} WHERE {{ VALUES (?sub ?sup) {{ {table} }} ?x a ?sub }}"))
    patterns = _Patterns(g)
    for c, expr in sorted(g.subject_objects(OWL.equivalentClass), key=lambda t: str(t[0])):
        if isinstance(c, URIRef) and isinstance(expr, BNode):
            pat = patterns.of(expr, "?x")
            if pat:
                rules.append(Rule(f"defined {c}", f"INSERT {{ ?x a {_n3(c)} }} WHERE {{ {pat} FILTER(isIRI(?x)) }}"))
    return rules


def _inverse_subproperties(g: Graph) -> list[tuple[URIRef, URIRef]]:
    """The sub-property axioms between inverses that ``p ⊑ q`` entails, not already stated."""
    inverse: dict[URIRef, set[URIRef]] = {}
    for p, q in g.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            inverse.setdefault(p, set()).add(q)
            inverse.setdefault(q, set()).add(p)
    out = set()
    for p, q in g.subject_objects(RDFS.subPropertyOf):
        for p2 in inverse.get(p, ()):
            for q2 in inverse.get(q, ()):
                if p2 != q2 and (p2, RDFS.subPropertyOf, q2) not in g:
                    out.add((p2, q2))
    return sorted(out)


def run_to_fixpoint(rules: list[Rule], update: Callable[[str], None], size: Callable[[Iterable[str]], int],
                    max_rounds: int = 20) -> int:
    """Apply the rules until none can add anything; returns the number of rule runs.

    Every rule runs once; after that a rule runs again only when a rule that writes a key it
    reads has added triples (``size(keys)`` counts the triples with those keys, or any
    measure that grows exactly when such triples are added).
    """
    readers: dict[str, set[int]] = {}
    for i, rule in enumerate(rules):
        for key in rule.reads:
            readers.setdefault(key, set()).add(i)
    # rdf:type written out as a predicate IRI is every "a <C>" key at once, and the reverse
    typed = {i for key, found in readers.items() if key.startswith("a <") for i in found}

    def affected(keys) -> set[int]:
        found = {i for key in keys for i in readers.get(key, ())}
        if any(key.startswith("a <") for key in keys):
            found |= readers.get(_RDF_TYPE, set())
        if _RDF_TYPE in keys:
            found |= typed
        return found

    queue, queued = deque(range(len(rules))), set(range(len(rules)))
    runs = 0
    while queue:
        i = queue.popleft()
        queued.discard(i)
        rule = rules[i]
        before = size(rule.writes)
        update(rule.update)
        runs += 1
        if runs > max_rounds * len(rules):
            raise RuntimeError("rule materialisation did not reach a fixpoint")
        if size(rule.writes) != before:
            for j in sorted(affected(rule.writes)):
                if j not in queued:
                    queue.append(j)
                    queued.add(j)
    return runs


def close(graph: Graph, classified: Graph | None = None) -> Graph:
    """The triples the rules add to ``graph`` (ontology + data, in rdflib): the entailment closure.

    This is the one closure icpa has: HermiT's output goes through it (:mod:`icpa.reasoning.hermit`)
    and stores run the same rules at scale. The rules run in an in-memory Oxigraph store.
    """
    import pyoxigraph as ox

    source, target = "urn:icpa:asserted", "urn:icpa:inferred"
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(source))
    materialise_store(store, graph, classified, source=source, target=target)
    out = Graph()
    # only what the rules wrote: Oxigraph stores some literals in a normal form (xsd:integer for
    # xsd:nonNegativeInteger), so a round trip of the asserted graph would not compare equal
    out.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(target)).decode("utf-8"), format="nt")
    return out - graph


def materialise_store(store, ontology: Graph, classified: Graph | None = None, *, source: str | None = None,
                      target: str | None = None) -> int:
    """Run the rules to a fixpoint inside a pyoxigraph store; returns the triples added.

    With ``source`` and ``target`` (named-graph IRIs) the rules read both graphs and write
    only into ``target``, so asserted and inferred triples stay apart; otherwise they work on
    the default graph.
    """
    rules = compile_rules(ontology, classified)
    if not (source and target):
        start = len(store)
        run_to_fixpoint(rules, store.update, lambda keys: len(store))
        return len(store) - start
    rules = [Rule(r.name, _retarget(r.update, source, target), r.reads, r.writes) for r in rules]

    def count(keys) -> int:  # the target graph's triples with these keys
        keys = sorted(keys)
        if len(keys) > 8:  # the subclass closure: all type triples
            return _count(store, target, "?s a ?o" if all(k.startswith("a <") for k in keys) else "?s ?p ?o")
        return _count(store, target, " UNION ".join("{ ?s " + (k if k.startswith("a <") else f"<{k}> ?o") + " }" for k in keys))

    start = _count(store, target, "?s ?p ?o")
    run_to_fixpoint(rules, store.update, count)
    return _count(store, target, "?s ?p ?o") - start


def _count(store, graph: str, pattern: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}"
    return int(next(iter(store.query(query)))["n"].value)


def _retarget(update: str, source: str, target: str) -> str:
    head, where = update.split(" WHERE ", 1)
    assert head.startswith("INSERT { ") and head.endswith(" }")
    template = head[len("INSERT { "):-2]
    guarded = f"{{ {where} FILTER NOT EXISTS {{ GRAPH <{source}> {{ {template} }} }} }}"
    return (f"INSERT {{ GRAPH <{target}> {{ {template} }} }} USING <{source}> USING <{target}> USING NAMED <{source}> "
            f"WHERE {guarded}")
