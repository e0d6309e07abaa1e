"""The result table and the registry of writers (table, csv, tsv, json, md).

``csv``, ``tsv`` and ``json`` are the W3C SPARQL 1.1 result formats, so other tools read them;
``table`` (for a terminal) and ``md`` (Markdown) show labels instead of IRIs unless asked for
IRIs. A writer is added by registering it in :data:`WRITERS`; the CLI's ``--format`` choice is
derived from that registry.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rdflib import BNode, Graph, Literal, URIRef

from icpa.turtle import curie

Term = URIRef | Literal | BNode | None


@dataclass
class ResultTable:
    """What a query returns: variables and rows of RDF terms (None = unbound), or a boolean."""

    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Term, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    labels: dict[URIRef, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def iris(self) -> set[URIRef]:
        return {t for row in self.rows for t in row if isinstance(t, URIRef)}

    def as_set(self, display: Callable[[Term], str] | None = None) -> set[tuple[str, ...]]:
        show = display or (lambda t: "" if t is None else str(t))
        return {tuple(show(t) for t in row) for row in self.rows}


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


def _plain(term: Term) -> str:
    return "" if term is None else str(term)


def _display(table: ResultTable, iris: bool) -> Callable[[Term], str]:
    def show(term: Term) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            if not iris and term in table.labels:
                return table.labels[term]
            return curie(str(term)).strip("<>") if not iris else curie(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        return str(term)

    return show


def write_csv(table: ResultTable, iris: bool = False) -> str:
    if table.boolean is not None:
        return f"_askResult\r\n{str(table.boolean).lower()}\r\n"
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(table.vars)
    for row in table.rows:
        w.writerow([f"_:{t}" if isinstance(t, BNode) else _plain(t) for t in row])
    return out.getvalue()


def _tsv_term(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3().replace("\t", "\\t")


def write_tsv(table: ResultTable, iris: bool = False) -> str:
    if table.boolean is not None:
        return f"?_askResult\n{str(table.boolean).lower()}\n"
    lines = ["\t".join("?" + v for v in table.vars)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in table.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def write_json(table: ResultTable, iris: bool = False) -> str:
    if table.boolean is not None:
        return json.dumps({"head": {}, "boolean": table.boolean}, indent=1) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(table.vars, row) if t is not None} for row in table.rows]
    return json.dumps({"head": {"vars": table.vars}, "results": {"bindings": bindings}}, indent=1, ensure_ascii=False) + "\n"


def write_md(table: ResultTable, iris: bool = False) -> str:
    if table.boolean is not None:
        return f"**{str(table.boolean).lower()}**\n"
    show = _display(table, iris)

    def cell(t: Term) -> str:
        return show(t).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(table.vars) + " |", "|" + "|".join("---" for _ in table.vars) + "|"]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def write_table(table: ResultTable, iris: bool = False) -> str:
    if table.boolean is not None:
        return f"{str(table.boolean).lower()}\n"
    show = _display(table, iris)
    cells = [[show(t).replace("\n", " ") for t in row] for row in table.rows]
    total = max(60, shutil.get_terminal_size((160, 24)).columns)
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(table.vars)]
    budget = total - 2 * (len(widths) - 1)
    while sum(widths) > budget and max(widths) > 12:
        i = widths.index(max(widths))
        widths[i] = max(12, widths[i] - max(1, (sum(widths) - budget)))
    lines = ["  ".join(v.ljust(w) for v, w in zip(table.vars, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    for row in cells:
        wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(row, widths)]
        for k in range(max(len(x) for x in wrapped)):
            lines.append("  ".join((x[k] if k < len(x) else "").ljust(w) for x, w in zip(wrapped, widths)).rstrip())
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Writer:
    name: str
    description: str
    write: Callable[[ResultTable, bool], str]
    needs_labels: bool = False


WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("table", "aligned text for a terminal, labels instead of IRIs", write_table, True),
        Writer("csv", "W3C SPARQL 1.1 CSV results", write_csv),
        Writer("tsv", "W3C SPARQL 1.1 TSV results", write_tsv),
        Writer("json", "W3C SPARQL 1.1 JSON results", write_json),
        Writer("md", "a Markdown table, labels instead of IRIs", write_md, True),
    )
}


def render(table: ResultTable, fmt: str, iris: bool = False) -> str:
    if table.graph is not None:
        from icpa import turtle

        return turtle.serialize(table.graph)
    return WRITERS[fmt].write(table, iris)
