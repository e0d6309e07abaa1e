"""Writers of query answers: the W3C SPARQL 1.1 result formats (csv, tsv, json) and Markdown
for people (``table`` and ``report`` are in :mod:`icpa.results.terminal`). Each has the signature ``(table, iris) -> str``; the registry that names
them is :mod:`icpa.results.formats`, and :mod:`icpa.results.readers` reads the W3C ones back.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, URIRef

from icpa.rdf.terms import n3
from icpa.results.table import ResultTable, Term


def _plain(term: Term) -> str:
    return "" if term is None else str(term)


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
    """A Markdown table of what :func:`~icpa.results.readable.view` shows, every text whole."""
    if table.boolean is not None:
        return f"**{str(table.boolean).lower()}**\n"
    from icpa.results.readable import footer, view

    v = view(table, iris)

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(c.header for c in v.columns) + " |", "|" + "|".join("---" for _ in v.columns) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in v.rows]
    if v.hidden:
        lines += ["", footer(len(v.rows), v.hidden)]
    return "\n".join(lines) + "\n"


def render(table: ResultTable, fmt: str, iris: bool = False) -> str:
    """The answer as text in the result format ``fmt`` (a CONSTRUCT answer is always Turtle)."""
    if table.graph is not None:
        from icpa.rdf import turtle

        return turtle.serialize(table.graph)
    from icpa.results.formats import get

    return get(fmt).write(table, iris)
