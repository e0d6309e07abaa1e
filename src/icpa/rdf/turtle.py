"""Deterministic, diff-friendly Turtle.

The same graph always gives the same bytes, whatever ``PYTHONHASHSEED`` is: a fixed prefix
map written with ``@prefix`` (the OWL API 5.1 Turtle parser rejects SPARQL-style ``PREFIX``),
subjects sorted (the ontology header first, then by kind, then by IRI), ``rdf:type`` first and
the other predicates sorted, objects sorted, and blank nodes that are used once written inline
(``[ ... ]`` and ``( ... )``) with a stable order. Anything else falls back to rdflib's
canonical blank-node labels.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from icpa.rdf.terms import literal_text
from icpa.vocab import PREFIXES, curie

_KIND_ORDER = {
    OWL.Ontology: 0,
    OWL.AnnotationProperty: 1,
    OWL.ObjectProperty: 2,
    OWL.DatatypeProperty: 3,
    OWL.Class: 4,
    OWL.NamedIndividual: 5,
}


def literal(term: Literal) -> str:
    return literal_text(term, curie)


class _Writer:
    def __init__(self, graph: Graph) -> None:
        uses: dict[BNode, int] = defaultdict(int)
        for o in graph.objects():
            if isinstance(o, BNode):
                uses[o] += 1
        inlinable = {b for b, n in uses.items() if n == 1}
        if any(n > 1 for n in uses.values()):
            from rdflib.compare import to_canonical_graph

            graph = to_canonical_graph(graph)
            uses = defaultdict(int)
            for o in graph.objects():
                if isinstance(o, BNode):
                    uses[o] += 1
            inlinable = {b for b, n in uses.items() if n == 1}
        self.graph = graph
        self.inline = inlinable

    def term(self, node, indent: int) -> str:
        if isinstance(node, URIRef):
            return "a" if node == RDF.type else curie(str(node))
        if isinstance(node, Literal):
            return literal(node)
        if node in self.inline:
            return self._bnode(node, indent)
        return f"_:{node}"

    def _bnode(self, node: BNode, indent: int) -> str:
        items = self._list_items(node)
        if items is not None:
            return "( " + " ".join(self.term(i, indent) for i in items) + " )"
        body = self.predicate_block(node, indent + 4)
        pad = " " * indent
        return "[\n" + body + "\n" + pad + "]"

    def _list_items(self, node: BNode) -> list | None:
        items = []
        seen = set()
        while node != RDF.nil:
            if not isinstance(node, BNode) or node in seen:
                return None
            seen.add(node)
            props = set(self.graph.predicates(node))
            if props != {RDF.first, RDF.rest} or node not in self.inline and items:
                return None
            items.append(self.graph.value(node, RDF.first))
            node = self.graph.value(node, RDF.rest)
        return items

    def predicate_block(self, subject, indent: int) -> str:
        by_pred: dict = defaultdict(list)
        for p, o in self.graph.predicate_objects(subject):
            by_pred[p].append(o)
        preds = sorted(by_pred, key=lambda p: (p != RDF.type, curie(str(p))))
        pad = " " * indent
        lines = []
        for p in preds:
            objs = sorted(self.term(o, indent) for o in by_pred[p])
            lines.append(f"{pad}{self.term(p, indent)} " + " ,\n".join(objs if len(objs) < 2 else [objs[0]] + [pad + "    " + o for o in objs[1:]]))
        return " ;\n".join(lines)

    def subjects(self) -> list:
        subs = {s for s in self.graph.subjects() if not (isinstance(s, BNode) and s in self.inline)}

        def key(s):
            kinds = [_KIND_ORDER.get(t, 6) for t in self.graph.objects(s, RDF.type)]
            if isinstance(s, BNode):
                return (8, self.predicate_block(s, 4))
            return (min(kinds, default=7), str(s))

        return sorted(subs, key=key)

    def write(self) -> str:
        out = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES]
        out.append("")
        for s in self.subjects():
            head = self.term(s, 0) if not isinstance(s, BNode) else "[]"
            out.append(head + "\n" + self.predicate_block(s, 4) + " .\n")
        return "\n".join(out)


def serialize(graph: Graph) -> str:
    """The graph as deterministic Turtle text."""
    return _Writer(graph).write()
