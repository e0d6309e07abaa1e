"""The result table: what every engine returns for a query, whatever the query form."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rdflib import BNode, Graph, Literal, URIRef

Term = URIRef | Literal | BNode | None


@dataclass
class ResultTable:
    """Variables and rows of RDF terms (None = unbound) for SELECT; a boolean for ASK; a graph
    for CONSTRUCT and DESCRIBE. ``labels`` holds a display label per IRI for the readable
    formats; ``warnings`` what the reader must know (an incomplete answer, say)."""

    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Term, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    labels: dict[URIRef, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def form(self) -> str:
        if self.boolean is not None:
            return "ASK"
        if self.graph is not None:
            return "CONSTRUCT"
        return "SELECT"

    def iris(self) -> set[URIRef]:
        return {t for row in self.rows for t in row if isinstance(t, URIRef)}


def sort_list_cells(table: ResultTable, columns: tuple[str, ...], separator: str) -> ResultTable:
    """Sort the items inside list cells (GROUP_CONCAT order differs between engines and runs)."""
    at = [i for i, v in enumerate(table.vars) if v in columns]
    if not at:
        return table

    def tidy(term: Term) -> Term:
        if not isinstance(term, Literal):
            return term
        items = sorted(str(term).split(separator), key=lambda s: (s.casefold(), s))
        return Literal(separator.join(items), lang=term.language, datatype=term.datatype)

    rows = [tuple(tidy(t) if i in at else t for i, t in enumerate(row)) for row in table.rows]
    return replace(table, rows=rows)
