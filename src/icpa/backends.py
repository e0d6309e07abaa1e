"""Where queries run: behind one interface, each backend returns the same result table.

Backends are a registry (:data:`BACKENDS`); the local one runs rdflib's SPARQL engine over
the shipped graph (plus HermiT's materialised inferences when reasoned).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from icpa.binding import expand_curie, label_key
from icpa.queries import Parameter
from icpa.results import ResultTable
from icpa.status import DataError


class Backend:
    """A place that answers SPARQL. Subclasses implement :meth:`execute`."""

    name = "abstract"

    def execute(self, text: str) -> ResultTable:
        raise NotImplementedError

    # -- shared helpers built on execute ------------------------------------------------

    def labels(self, iris: set[URIRef]) -> dict[URIRef, str]:
        """rdfs:label of each IRI (English preferred)."""
        if not iris:
            return {}
        values = " ".join(i.n3() for i in sorted(iris))
        table = self.execute(
            "SELECT ?s ?label WHERE { VALUES ?s { " + values + " } ?s <" + str(RDFS.label) + "> ?label }"
        )
        return _best_labels(table.rows)

    def _members(self, param: Parameter) -> str | None:
        """A graph pattern for ``?x``: the things a parameter may name (evaluated from the class end)."""
        if param.subclass_of:
            root = expand_curie(param.subclass_of) or URIRef(param.subclass_of)
            return f"?x <{RDFS.subClassOf}>* {root.n3()} ."
        if param.cls:
            root = expand_curie(param.cls) or URIRef(param.cls)
            return f"?cls <{RDFS.subClassOf}>* {root.n3()} . ?x a ?cls ."
        return None

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
        pattern = self._members(param)
        return self._index(pattern) if pattern else {}

    def lookup(self, param: Parameter, value: str, iri: URIRef | None = None) -> dict[str, dict[URIRef, str]]:
        """The part of :meth:`candidates` that can match ``value`` (a label) or ``iri``.

        On a large store this asks the engine for the candidates whose label, lower-cased with
        its white space squeezed (as :meth:`candidates` files them), equals the value's, instead
        of fetching every candidate's labels; :func:`icpa.binding.resolve` falls back to
        :meth:`candidates` when it finds no single match.
        """
        pattern = self._members(param)
        if not pattern:
            return {}
        if iri is not None:
            return self._index(f"VALUES ?x {{ {iri.n3()} }} {pattern}")
        key = Literal(label_key(value)).n3()  # the label side: label_key in SPARQL
        return self._index(pattern, f'FILTER (REPLACE(REPLACE(LCASE(STR(?label)), "^\\\\s+|\\\\s+$", ""), "\\\\s+", " ") = {key})')


def _syntax_error(exc: Exception) -> DataError:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    msg = getattr(exc, "msg", None) or str(exc).splitlines()[0]
    where = f" at line {line}, column {col}" if line is not None else ""
    return DataError(f"SPARQL syntax error{where}: {msg}")


class RdflibBackend(Backend):
    """rdflib's in-memory store and SPARQL engine."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        from icpa import hashjoin

        hashjoin.install()
        self.graph = graph

    def execute(self, text: str) -> ResultTable:
        from pyparsing import ParseException

        try:
            result = self.graph.query(text)
        except ParseException as exc:
            raise _syntax_error(exc) from None
        except Exception as exc:  # evaluation errors in rdflib's engine
            raise DataError(f"query failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from None
        if result.type == "ASK":
            return ResultTable(boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return ResultTable(graph=result.graph)
        names = [str(v) for v in result.vars]
        return ResultTable(vars=names, rows=[tuple(row) for row in result])


class OxigraphBackend(Backend):
    """Oxigraph (pyoxigraph): an in-memory store for the bundled graph, or an on-disk store."""

    name = "oxigraph"

    def __init__(self, store, default_graph=None, *, client_order: bool = False) -> None:
        self.store = store
        self.default_graph = default_graph
        self._graphs = {"default_graph": default_graph} if default_graph is not None else {}
        self.client_order = client_order  #: sort on the client (:mod:`icpa.ordering`): on-disk stores

    #: above this many IRIs, reading every rdfs:label once beats looking each IRI up (on a store
    #: at 10^6 triples: 11,788 answer rows, 0.56 s of look-ups against 0.1 s for the scan)
    LABEL_SCAN = 2000

    def labels(self, iris: set[URIRef]) -> dict[URIRef, str]:
        if len(iris) <= self.LABEL_SCAN:
            return super().labels(iris)
        import pyoxigraph as ox

        wanted = {str(i): i for i in iris}
        rows = []
        for s, label in self.store.query(f"SELECT ?s ?label WHERE {{ ?s <{RDFS.label}> ?label }}", **self._graphs):
            if isinstance(s, ox.NamedNode) and s.value in wanted:
                rows.append((wanted[s.value], _from_ox(label)))
        return _best_labels(rows)

    def execute(self, text: str) -> ResultTable:
        if self.client_order:
            from icpa import ordering

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
            result = self.store.query(text, **self._graphs)
        except SyntaxError as exc:
            text = " ".join(str(exc).split())
            m = re.match(r"error at (\d+):(\d+): (.*)", text)
            where = f" at line {m.group(1)}, column {m.group(2)}" if m else ""
            raise DataError(f"SPARQL syntax error{where}: {m.group(3) if m else text}") from None
        except OSError as exc:
            raise DataError(f"query failed: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return ResultTable(boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            g = Graph()
            for t in result:
                g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
            return ResultTable(graph=g)
        names = [v.value for v in result.variables]
        seen: dict = {}  # answers repeat their terms (labels, classes): convert each once

        def term(t):
            try:
                return seen[t]
            except KeyError:
                seen[t] = converted = _from_ox(t)
                return converted

        rows = [tuple(map(term, sol)) for sol in result]
        return ResultTable(vars=names, rows=rows)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _from_ox(term):
    """A pyoxigraph term as the equal rdflib term."""
    import pyoxigraph as ox
    from rdflib import BNode

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))


def _best_labels(rows) -> dict[URIRef, str]:
    """One label per IRI from (IRI, label) rows: English first, then the smallest."""
    best: dict[URIRef, tuple[int, str]] = {}
    for s, label in rows:
        rank = 0 if isinstance(label, Literal) and label.language == "en" else 1
        if s not in best or (rank, str(label)) < best[s]:
            best[s] = (rank, str(label))
    return {s: v for s, (_, v) in best.items()}


@dataclass(frozen=True)
class BackendSpec:
    name: str
    description: str
    open: Callable[..., Backend]
    local: bool = False  #: an embedded engine (offered by --engine)


@cache
def _local_graph(reasoned: bool) -> Graph:
    from icpa.dataset import load

    return load(reasoned=reasoned)


def _open_rdflib(*, reasoned: bool = False, graph: Graph | None = None, store: str | None = None, **_: object) -> Backend:
    if store is not None:
        from icpa.status import UsageError

        raise UsageError("--store needs the oxigraph engine")
    return RdflibBackend(graph if graph is not None else _local_graph(reasoned))


def _open_oxigraph(*, reasoned: bool = False, store: str | None = None, **_: object) -> Backend:
    from icpa import stores

    if store is not None:
        return OxigraphBackend(stores.open_read_only(store, reasoned=reasoned), stores.graphs(reasoned), client_order=True)
    return OxigraphBackend(stores.bundled(reasoned))


def _open_remote(*, endpoint: str | None = None, graph: str | None = None, timeout: float | None = None, **_: object) -> Backend:
    from icpa.remote import DEFAULT_GRAPH, RemoteBackend

    return RemoteBackend(endpoint, graph=DEFAULT_GRAPH if graph is None else graph, timeout=timeout)


BACKENDS: dict[str, BackendSpec] = {
    spec.name: spec
    for spec in (
        BackendSpec("oxigraph", "Oxigraph: the bundled graph in memory, or an on-disk store (--store)", _open_oxigraph, True),
        BackendSpec("rdflib", "the bundled graph in rdflib's pure-Python in-memory store", _open_rdflib, True),
        BackendSpec("remote", "a SPARQL 1.1 Protocol endpoint (--endpoint URL), e.g. Virtuoso or Fuseki", _open_remote),
    )
}

DEFAULT_ENGINE = "oxigraph"


def open_backend(name: str = DEFAULT_ENGINE, **options) -> Backend:
    return BACKENDS[name].open(**options)
