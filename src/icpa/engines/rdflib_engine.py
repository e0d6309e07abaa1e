"""rdflib's pure-Python SPARQL engine over an in-memory graph (``--engine rdflib``).

Slow on large graphs but exact and dependency-free; icpa gives it a hash join
(:mod:`icpa.engines.hashjoin`), scoped to icpa's own queries.
"""

from __future__ import annotations

from rdflib import Graph

from icpa.engines import hashjoin
from icpa.engines.base import Backend
from icpa.errors import DataError, UsageError, one_line
from icpa.results.table import ResultTable
from icpa.sparql import syntax


class RdflibBackend(Backend):
    """rdflib's in-memory store and SPARQL engine."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def execute(self, text: str) -> ResultTable:
        from pyparsing import ParseException
        from rdflib.plugins.sparql import prepareQuery

        with hashjoin.active():
            try:
                prepared = prepareQuery(text)
                risky = optional_zero_length_paths(prepared.algebra)
                result = self.graph.query(prepared)
                if result.type == "ASK":
                    return ResultTable(boolean=bool(result.askAnswer), warnings=_warn(risky))
                if result.type in ("CONSTRUCT", "DESCRIBE"):
                    return ResultTable(graph=result.graph, warnings=_warn(risky))
                names = [str(v) for v in result.vars]
                return ResultTable(vars=names, rows=[tuple(row) for row in result], warnings=_warn(risky))
            except ParseException as exc:
                raise syntax.error(text, getattr(exc, "lineno", None), getattr(exc, "col", None),
                                   one_line(getattr(exc, "msg", "") or "")[:200]) from None
            except RecursionError:
                raise DataError("query failed: rdflib's engine ran out of stack on this query; try --engine oxigraph") from None
            except Exception as exc:  # evaluation errors in rdflib's engine
                raise DataError(f"query failed: {type(exc).__name__}: {one_line(str(exc))[:300]}") from None


def _warn(variables: list[str]) -> list[str]:
    if not variables:
        return []
    return [f"rdflib's engine can drop rows here (inside OPTIONAL, a '*' or '?' property path ends at "
            f"{', '.join('?' + v for v in variables)}, bound outside it), so this answer may be incomplete: "
            "run it on the default engine (--engine oxigraph)"]


def optional_zero_length_paths(algebra) -> list[str]:
    """The variables where rdflib 7 loses rows: an OPTIONAL whose pattern has a zero-or-more or
    zero-or-one property path (``p*``, ``p?``, or their inverse) with an end that is a variable
    already bound outside the OPTIONAL (a VALUES block, say). rdflib then drops the rows the
    OPTIONAL should have kept unextended, silently; Oxigraph answers them."""
    from rdflib import Variable
    from rdflib.paths import InvPath, MulPath
    from rdflib.plugins.sparql.parserutils import CompValue

    def variables(node, out: set) -> set:
        if isinstance(node, Variable):
            out.add(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                variables(key, out)
                variables(value, out)
        elif isinstance(node, (list, tuple, set)):
            for item in node:
                variables(item, out)
        return out

    def zero_length(path) -> bool:
        while isinstance(path, InvPath):
            path = path.arg
        return isinstance(path, MulPath) and path.mod in ("*", "?")

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "LeftJoin":
                outside = variables(node.get("p1"), set())
                for s, p, o in _triples(node.get("p2")):
                    if zero_length(p):
                        found.update(str(v) for v in (s, o) if isinstance(v, Variable) and v in outside)
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(algebra)
    return sorted(found)


def _triples(node):
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "BGP":
            yield from node.get("triples") or []
        for value in node.values():
            yield from _triples(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _triples(item)


def open_engine(*, reasoned: bool = False, graph: Graph | None = None, store=None, corpus=None, **_: object) -> Backend:
    if store is not None:
        raise UsageError("--store needs the oxigraph engine")
    if graph is None:
        from icpa import kg

        graph = kg.shared(reasoned, corpus)
    return RdflibBackend(graph)
