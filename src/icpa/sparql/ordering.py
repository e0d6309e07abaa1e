"""A query's final ORDER BY, applied on the client as SPARQL engines apply it.

Why: on an on-disk Oxigraph store every comparison of two strings or IRIs during ORDER BY
reads both from RocksDB's string table, so sorting 20,000 rows cost 0.3-0.8 s at 10^6 triples,
often more than the rest of the query. The same rows sort in a few milliseconds in Python.
So for on-disk stores the backend runs the query without its final ORDER BY and sorts here.

Only what the saved queries use is taken over, and only when it is certain to give the
engine's order: conditions ``?v``, ``ASC(...)``/``DESC(...)`` of ``?v``, ``LCASE(?v)``,
``UCASE(?v)`` or ``STR(?v)``, on variables the query projects, with no LIMIT, OFFSET or
trailing VALUES after the ORDER BY. Anything else is left to the engine (:func:`split` returns
None). Values are ordered as SPARQL 1.1 (§15.1) and Oxigraph order them: unbound, blank nodes,
IRIs (by their text), then literals; numbers by value, strings (plain, ``xsd:string`` or
language-tagged) by their text in code-point order. A column whose values this module cannot
order exactly that way (numbers mixed with strings, dates, equal texts in different languages)
makes :func:`sort` return None, and the caller lets the engine sort instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from icpa.results.table import ResultTable
from icpa.sparql import lexer

FUNCTIONS = {"LCASE": str.lower, "UCASE": str.upper, "STR": None}
_VAR = r"[?$]([A-Za-z_0-9\u00B7-\uFFFF]+)"
_INNER = rf"(?:(LCASE|UCASE|STR)\s*\(\s*{_VAR}\s*\)|{_VAR})"
_CONDITION = re.compile(rf"\s*(?:(ASC|DESC)\s*\(\s*{_INNER}\s*\)|{_INNER})", re.I)
_NUMERIC = {str(XSD[t]) for t in (
    "integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
    "nonPositiveInteger", "negativeInteger", "positiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}


@dataclass(frozen=True)
class Key:
    """One ORDER BY condition: a variable, an optional string function, a direction."""

    var: str
    function: str | None = None
    descending: bool = False


@dataclass(frozen=True)
class Plan:
    """The query without its final ORDER BY, and the conditions to sort by on the client."""

    text: str
    keys: tuple[Key, ...]


def split(text: str) -> Plan | None:
    """Take the final ORDER BY out of a SELECT query, or None when the engine must keep it."""
    masked = lexer.masked(text)
    top = lexer.top_level(text)
    select = re.search(r"\bSELECT\b", top, re.I)
    if not select or re.search(r"\b(CONSTRUCT|DESCRIBE|ASK)\b", top[: select.start()], re.I):
        return None
    order = list(re.finditer(r"\bORDER\s+BY\b", top, re.I))
    if len(order) != 1:
        return None
    start, end = order[0].start(), order[0].end()
    clause = masked[end:]
    keys, pos = [], 0
    while True:
        m = _CONDITION.match(clause, pos)
        if not m:
            break
        direction, f1, v1, v2, f2, v3, v4 = m.groups()
        function = (f1 or f2 or "").upper() or None
        keys.append(Key(v1 or v2 or v3 or v4, function, (direction or "").upper() == "DESC"))
        pos = m.end()
    if not keys or clause[pos:].strip():  # LIMIT, OFFSET, VALUES or a condition we do not take over
        return None
    group = lexer.top_level_group(text)
    projected = _projection(top[select.end():group if group is not None else len(top)])
    if projected is not None and any(k.var not in projected for k in keys):
        return None
    return Plan(text[:start] + text[end + pos:], tuple(keys))


def _projection(after_select: str) -> set[str] | None:
    """The variables a SELECT clause projects, or None for ``SELECT *``."""
    clause = re.split(r"\bWHERE\b|\{", after_select, maxsplit=1, flags=re.I)[0]
    if re.match(r"\s*(DISTINCT|REDUCED)?\s*\*", clause, re.I):
        return None
    names, depth = set(), 0
    for m in re.finditer(rf"[()]|\bAS\s+{_VAR}|{_VAR}", clause, re.I):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth -= 1
        elif m.group(1):
            names.add(m.group(1))
        elif depth == 0:
            names.add(m.group(2))
    return names


def sort(table: ResultTable, keys: tuple[Key, ...]) -> ResultTable | None:
    """``table`` with its rows in the order of ``keys``; None if a column cannot be ordered exactly."""
    columns = {name: i for i, name in enumerate(table.vars)}
    rows = list(table.rows)
    for key in reversed(keys):  # stable sorts, least significant condition first
        i = columns.get(key.var)
        ranks = _ranks([row[i] for row in rows] if i is not None else [None] * len(rows), key.function)
        if ranks is None:
            return None
        order = sorted(range(len(rows)), key=ranks.__getitem__, reverse=key.descending)
        rows = [rows[j] for j in order]
    return replace(table, rows=rows)


def _apply(function: str | None, term):
    """``function`` (None, STR, LCASE or UCASE) of ``term`` as SPARQL computes it; None for an error."""
    if function is None or term is None:
        return term
    if function == "STR":
        return None if isinstance(term, BNode) else Literal(str(term))
    if not isinstance(term, Literal) or not _is_string(term):
        return None  # LCASE/UCASE of anything but a string is an error: unbound in ORDER BY
    return Literal(FUNCTIONS[function](str(term)), lang=term.language)


def _is_string(term: Literal) -> bool:
    return term.language is not None or term.datatype is None or term.datatype == XSD.string


_UNSORTABLE = object()


def _ranks(values: list, function: str | None) -> list | None:
    """A sort key per value of ``function``(value), or None if the values mix kinds not ordered exactly here.

    Answers repeat their terms (labels, IRIs), so each distinct term is ranked once.
    """
    kinds: set[str] = set()
    texts: dict[str, tuple] = {}
    memo: dict = {}
    ranks = []
    for term in values:
        rank = memo.get(term)
        if rank is None:
            rank = memo[term] = _rank(_apply(function, term), kinds, texts)
            if rank is _UNSORTABLE:
                return None
        ranks.append(rank)
    return ranks if len(kinds) <= 1 else None


def _rank(v, kinds: set[str], texts: dict[str, tuple]):
    if v is None:
        return (0,)
    if isinstance(v, BNode):
        return (1, str(v))
    if isinstance(v, URIRef):
        return (2, str(v))
    if _is_string(v):
        kinds.add("string")
        form = (v.language, v.datatype is None)
        if texts.setdefault(str(v), form) != form:
            return _UNSORTABLE  # equal texts in different languages: the engine's tie-break is its own
        return (3, str(v))
    if str(v.datatype) in _NUMERIC:
        kinds.add("number")
        try:
            return (3, Decimal(str(v)) if "e" not in str(v).lower() else float(str(v)))
        except (InvalidOperation, ValueError):
            return _UNSORTABLE
    return _UNSORTABLE
