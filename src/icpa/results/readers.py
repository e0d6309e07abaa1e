"""Readers of the W3C SPARQL 1.1 result formats: the mirror of :mod:`icpa.results.writers`.

``read_json`` and ``read_tsv`` give back the terms exactly (type, datatype, language tag);
``read_csv`` cannot, since CSV carries text only (the spec says so): a cell is read as a blank
node (``_:x``), an IRI (an absolute IRI with a scheme), or else a plain literal. Every reader
raises ``ValueError`` for text that is not in its format.
"""

from __future__ import annotations

import csv
import io
import json
import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from icpa.rdf.terms import literal, unescape
from icpa.results.table import ResultTable, Term

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_TSV_TERM = re.compile(
    r'^(?:<(?P<iri>[^>]*)>'
    r'|_:(?P<bnode>\S+)'
    r'|"(?P<body>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<(?P<dt>[^>]*)>)?'
    r'|(?P<number>[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+))'
    r'|(?P<boolean>true|false))$'
)


def json_term(value: dict, genid: str | None = None, *, normalize: bool = False) -> Term:
    """One SPARQL JSON RDF term (Virtuoso's older ``typed-literal`` too) as an rdflib term.

    With ``genid``, an IRI under it (a skolemised blank node) comes back as a blank node. With
    ``normalize``, a typed literal gets its canonical lexical form (``"1"^^xsd:boolean`` is
    ``true``): for servers that rewrite the forms they were given (Virtuoso does).
    """
    if not isinstance(value, dict):
        raise ValueError("a term that is not a JSON object")
    kind = value.get("type")
    text = value.get("value")
    if not isinstance(text, str):
        raise ValueError("a term without a value")
    if kind == "uri":
        if genid and text.startswith(genid):
            return BNode(text[len(genid):])
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(text, lang=lang)
        if datatype and datatype not in (str(XSD.string), str(RDF.langString)):
            return Literal(text, datatype=URIRef(datatype)) if normalize else literal(text, datatype=datatype)
        return Literal(text)
    raise ValueError(f"unknown term type {kind!r}")


def read_json(text: str | bytes, genid: str | None = None, *, normalize: bool = False) -> ResultTable:
    """A SPARQL 1.1 JSON results document → :class:`ResultTable`."""
    try:
        doc = json.loads(text.decode("utf-8") if isinstance(text, bytes) else text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise ValueError("JSON without a SPARQL results 'head'")
    if "boolean" in doc:
        return ResultTable(boolean=bool(doc["boolean"]))
    names = list(doc["head"].get("vars") or [])
    bindings = (doc.get("results") or {}).get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("JSON without 'results.bindings'")
    rows = [tuple(json_term(b[v], genid, normalize=normalize) if v in b else None for v in names) for b in bindings]
    return ResultTable(vars=names, rows=rows)


def tsv_term(cell: str) -> Term:
    """One SPARQL 1.1 TSV cell (a term in Turtle syntax; empty = unbound)."""
    if cell == "":
        return None
    m = _TSV_TERM.match(cell)
    if m is None:
        raise ValueError(f"not an RDF term in TSV: {cell[:60]!r}")
    if m.group("iri") is not None:
        return URIRef(unescape(m.group("iri")))
    if m.group("bnode") is not None:
        return BNode(m.group("bnode"))
    if m.group("body") is not None:
        body = unescape(m.group("body"))
        return literal(body, lang=m.group("lang"), datatype=m.group("dt"))
    if m.group("number") is not None:
        number = m.group("number")
        kind = "double" if "e" in number.lower() else "decimal" if "." in number else "integer"
        return literal(number, datatype=str(XSD[kind]))
    return literal(m.group("boolean"), datatype=str(XSD.boolean))


def read_tsv(text: str) -> ResultTable:
    """A SPARQL 1.1 TSV document → :class:`ResultTable`."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise ValueError("empty TSV results")
    header = lines[0].rstrip("\r").split("\t")
    if header == ["?_askResult"] or header == ["_askResult"]:
        return ResultTable(boolean=lines[1].strip() == "true")
    if header == [""]:
        header = []
    if any(not v.startswith(("?", "$")) for v in header):
        raise ValueError("TSV results need ?variables in the header line")
    names = [v[1:] for v in header]
    rows = []
    for line in lines[1:]:
        cells = line.rstrip("\r").split("\t") if names else []
        if len(cells) != len(names):
            raise ValueError(f"a TSV row with {len(cells)} cells for {len(names)} variables")
        rows.append(tuple(tsv_term(c) for c in cells))
    return ResultTable(vars=names, rows=rows)


def csv_term(cell: str) -> Term:
    if cell == "":
        return None
    if cell.startswith("_:"):
        return BNode(cell[2:])
    if _ABSOLUTE_IRI.match(cell):
        return URIRef(cell)
    return Literal(cell)


def read_csv(text: str) -> ResultTable:
    """A SPARQL 1.1 CSV document → :class:`ResultTable` (text only: see the module docstring)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise ValueError("empty CSV results")
    header = rows[0]
    if header == ["_askResult"]:
        return ResultTable(boolean=rows[1][0] == "true")
    body = []
    for row in rows[1:]:
        if len(row) != len(header):
            raise ValueError(f"a CSV row with {len(row)} cells for {len(header)} variables")
        body.append(tuple(csv_term(c) for c in row))
    return ResultTable(vars=header, rows=body)
