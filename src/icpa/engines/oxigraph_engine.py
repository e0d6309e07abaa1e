"""Oxigraph (pyoxigraph): the default engine, over the corpus in memory or an on-disk store.

Answers come back as the same rdflib terms every engine returns, with the engine's lexical
forms kept exactly (``"1050"^^xsd:double`` stays ``1050``; rdflib would rewrite it). A query
that names its own dataset (``FROM``/``FROM NAMED``) is run on that dataset; otherwise a
store's query reads the graphs icpa keeps its triples in (:func:`icpa.engines.stores.graphs`).
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, URIRef

from icpa import kg, vocab
from icpa.engines.base import Backend, best_labels
from icpa.errors import DataError
from icpa.rdf.terms import literal
from icpa.results.table import ResultTable
from icpa.sparql import lexer, syntax

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


class OxigraphBackend(Backend):
    """An Oxigraph store: the corpus in memory, or an on-disk store made by ``icpa load``."""

    name = "oxigraph"

    def __init__(self, store, default_graph=None, *, client_order: bool = False) -> None:
        self.store = store
        self.default_graph = default_graph
        self.client_order = client_order  #: sort on the client (:mod:`icpa.sparql.ordering`): on-disk stores

    #: above this many IRIs, reading every rdfs:label once beats looking each IRI up (on a store
    #: at 10^6 triples: 11,788 answer rows, 0.56 s of look-ups against 0.1 s for the scan)
    LABEL_SCAN = 2000

    def _graphs(self, text: str | None = None) -> dict:
        if self.default_graph is None or (text is not None and lexer.has_dataset_clause(text)):
            return {}
        return {"default_graph": self.default_graph}

    def labels(self, iris: set[URIRef]) -> dict[URIRef, str]:
        if len(iris) <= self.LABEL_SCAN:
            return super().labels(iris)
        import pyoxigraph as ox

        wanted = {str(i): i for i in iris}
        rows = []
        for s, label in self.store.query(f"SELECT ?s ?label WHERE {{ ?s <{_RDFS_LABEL}> ?label }}", **self._graphs()):
            if isinstance(s, ox.NamedNode) and s.value in wanted:
                rows.append((wanted[s.value], from_ox(label)))
        return best_labels(rows)

    def execute(self, text: str) -> ResultTable:
        try:
            return self._execute(text)
        except (OSError, RuntimeError) as exc:  # raised while the answer is read: SERVICE, I/O
            raise DataError(f"query failed: {' '.join(str(exc).split())[:300]}") from None

    def _execute(self, text: str) -> ResultTable:
        if self.client_order:
            from icpa.sparql import ordering

            plan = ordering.split(text)
            if plan is not None:
                try:
                    table = self._run(plan.text)
                except DataError:
                    return self._run(text)  # the error as the query has it
                ordered = ordering.sort(table, plan.keys)
                return ordered if ordered is not None else self._run(text)
        return self._run(text)

    def _run(self, text: str) -> ResultTable:
        import pyoxigraph as ox

        try:
            result = self.store.query(text, **self._graphs(text))
        except SyntaxError as exc:
            message = " ".join(str(exc).split())
            m = re.match(r"error at (\d+):(\d+): (?:expected )?(.*)", message)
            if m is None:
                raise syntax.error(text, None, None, message) from None
            raise syntax.error(text, int(m.group(1)), int(m.group(2)), m.group(3)) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise DataError(f"query failed: {' '.join(str(exc).split())[:300]}") from None
        if isinstance(result, ox.QueryBoolean):
            return ResultTable(boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            g = Graph()
            for t in result:
                g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return ResultTable(graph=g)
        names = [v.value for v in result.variables]
        seen: dict = {}  # answers repeat their terms (labels, classes): convert each once

        def term(t):
            try:
                return seen[t]
            except KeyError:
                seen[t] = converted = from_ox(t)
                return converted

        rows = [tuple(map(term, sol)) for sol in result]
        return ResultTable(vars=names, rows=rows)


def from_ox(term):
    """A pyoxigraph term as the equal rdflib term, its lexical form unchanged."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return literal(term.value, lang=term.language)
    dt = term.datatype.value
    return literal(term.value) if dt == _XSD_STRING else literal(term.value, datatype=dt)


_memory: dict[tuple, object] = {}


def memory_store(reasoned: bool = False, corpus=None):
    """The corpus's ontology + data (+ cached inferences) in an in-memory Oxigraph store, kept
    while the files stay the same."""
    import pyoxigraph as ox

    from icpa.engines.stores import load_file

    onto, data = kg.sources(corpus)
    inferred = kg.inferences_file(corpus) if reasoned else None
    key = (reasoned, kg.signature(onto, data, inferred))
    store = _memory.get(key)
    if store is None:
        for stale in [k for k in _memory if k[1][:2] != key[1][:2]]:
            del _memory[stale]
        store = ox.Store()
        load_file(store, onto)
        if data is not None:
            load_file(store, data)
            store.update(f"DELETE WHERE {{ <{vocab.DATA_ONTOLOGY_IRI}> ?p ?o }}")
        if inferred is not None:
            load_file(store, inferred)
        _memory[key] = store
    return store


def open_engine(*, reasoned: bool = False, store=None, corpus=None, **_: object) -> Backend:
    from icpa.engines import stores

    if store is not None:
        return OxigraphBackend(stores.open_read_only(store, reasoned=reasoned), stores.graphs(reasoned), client_order=True)
    return OxigraphBackend(memory_store(reasoned, corpus))
