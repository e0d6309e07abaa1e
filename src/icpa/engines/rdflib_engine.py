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

        with hashjoin.active():
            try:
                result = self.graph.query(text)
                if result.type == "ASK":
                    return ResultTable(boolean=bool(result.askAnswer))
                if result.type in ("CONSTRUCT", "DESCRIBE"):
                    return ResultTable(graph=result.graph)
                names = [str(v) for v in result.vars]
                return ResultTable(vars=names, rows=[tuple(row) for row in result])
            except ParseException as exc:
                raise syntax.error(text, getattr(exc, "lineno", None), getattr(exc, "col", None),
                                   one_line(getattr(exc, "msg", "") or "")[:200]) from None
            except RecursionError:
                raise DataError("query failed: rdflib's engine ran out of stack on this query; try --engine oxigraph") from None
            except Exception as exc:  # evaluation errors in rdflib's engine
                raise DataError(f"query failed: {type(exc).__name__}: {one_line(str(exc))[:300]}") from None


def open_engine(*, reasoned: bool = False, graph: Graph | None = None, store=None, corpus=None, **_: object) -> Backend:
    if store is not None:
        raise UsageError("--store needs the oxigraph engine")
    if graph is None:
        from icpa import kg

        graph = kg.shared(reasoned, corpus)
    return RdflibBackend(graph)
