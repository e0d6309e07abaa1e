"""The one interface every engine answers through: ``execute(text) -> ResultTable``.

Built on ``execute`` and shared by all engines: the labels of IRIs (for the readable formats),
and the candidates a parameter may name (for binding what a person typed). The engines are
listed in :mod:`icpa.engines.registry`.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from icpa.rdf.terms import n3
from icpa.results.table import ResultTable
from icpa.sparql.binding import expand_curie, label_key
from icpa.sparql.saved import Parameter


class Backend:
    """A place that answers SPARQL. Subclasses implement :meth:`execute`."""

    name = "abstract"

    def execute(self, text: str) -> ResultTable:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the engine holds open (a store, a connection)."""

    # -- shared helpers built on execute ------------------------------------------------

    def labels(self, iris: set[URIRef]) -> dict[URIRef, str]:
        """rdfs:label of each IRI (English preferred)."""
        if not iris:
            return {}
        values = " ".join(n3(i) for i in sorted(iris))
        table = self.execute(
            "SELECT ?s ?label WHERE { VALUES ?s { " + values + " } ?s <" + str(RDFS.label) + "> ?label }"
        )
        return best_labels(table.rows)

    def _members(self, param: Parameter) -> str:
        """A graph pattern for ``?x``: the things a parameter may name (evaluated from the class end);
        empty for a parameter of no stated kind (anything with a label)."""
        if param.subclass_of:
            root = expand_curie(param.subclass_of) or URIRef(param.subclass_of)
            return f"?x <{RDFS.subClassOf}>* {n3(root)} ."
        if param.cls:
            root = expand_curie(param.cls) or URIRef(param.cls)
            return f"?cls <{RDFS.subClassOf}>* {n3(root)} . ?x a ?cls ."
        return ""

    def _index(self, pattern: str, restrict: str = "") -> dict[str, dict[URIRef, str]]:
        table = self.execute(
            "SELECT DISTINCT ?x ?label WHERE { " + pattern
            + f" {{ ?x <{RDFS.label}> ?label }} UNION {{ ?x <{SKOS.altLabel}> ?label }} {restrict} }}"
        )
        index: dict[str, dict[URIRef, str]] = {}
        main = self.labels({x for x, _ in table.rows if isinstance(x, URIRef)})
        for x, label in table.rows:
            if isinstance(x, URIRef):
                index.setdefault(label_key(str(label)), {})[x] = main.get(x, str(label))
        return index

    def candidates(self, param: Parameter) -> dict[str, dict[URIRef, str]]:
        """Lower-cased label → {IRI: label} for the things a parameter may name."""
        return self._index(self._members(param))

    def lookup(self, param: Parameter, value: str, iri: URIRef | None = None) -> dict[str, dict[URIRef, str]]:
        """The part of :meth:`candidates` that can match ``value`` (a label) or ``iri``.

        On a large store this asks the engine for the candidates whose label, lower-cased with
        its white space squeezed (as :meth:`candidates` files them), equals the value's, instead
        of fetching every candidate's labels; :func:`icpa.sparql.binding.resolve` falls back to
        :meth:`candidates` when it finds no single match.
        """
        pattern = self._members(param)
        if iri is not None:
            return self._index(f"VALUES ?x {{ {n3(iri)} }} {pattern}")
        key = n3(Literal(label_key(value)))  # the label side: label_key in SPARQL
        return self._index(pattern, f'FILTER (REPLACE(REPLACE(LCASE(STR(?label)), "^\\\\s+|\\\\s+$", ""), "\\\\s+", " ") = {key})')


def best_labels(rows) -> dict[URIRef, str]:
    """One label per IRI from (IRI, label) rows: English first, then the smallest."""
    best: dict[URIRef, tuple[int, str]] = {}
    for s, label in rows:
        rank = 0 if isinstance(label, Literal) and label.language == "en" else 1
        if s not in best or (rank, str(label)) < best[s]:
            best[s] = (rank, str(label))
    return {s: v for s, (_, v) in best.items()}
