"""Writers of query answers: the W3C SPARQL 1.1 result formats (csv, tsv, json) and two for
people (table, md). Each has the signature ``(table, iris) -> str``; the registry that names
them is :mod:`icpa.results.formats`, and :mod:`icpa.results.readers` reads the W3C ones back.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Callable

from rdflib import BNode, URIRef

from icpa.rdf.terms import n3
from icpa.results.table import ResultTable, Term
from icpa.vocab import curie


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
    """SPARQL 1.1 TSV: a term in Turtle syntax, tab and newline escaped; unbound is empty."""
    return "" if term is None else n3(term)


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


def render(table: ResultTable, fmt: str, iris: bool = False) -> str:
    """The answer as text in the result format ``fmt`` (a CONSTRUCT answer is always Turtle)."""
    if table.graph is not None:
        from icpa.rdf import turtle

        return turtle.serialize(table.graph)
    from icpa.results.formats import get

    return get(fmt).write(table, iris)
