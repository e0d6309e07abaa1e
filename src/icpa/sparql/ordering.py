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
IRIs (by their text), then literals; numbers by value, compared as Oxigraph compares them (an
xsd:float is an f32, promoted to f64 against a double; see the notes above :func:`_number`),
strings (plain, ``xsd:string`` or language-tagged) by their text in code-point order. A column
whose values this module cannot order exactly that way makes :func:`sort` return None, and the
caller lets the engine sort instead: numbers mixed with strings, NaN, a numeric lexical form
Oxigraph does not read as a number (an integer beyond 64 bits, ``"1_0"``), numbers of several
types whose conversions are not exact (16777217 beside an xsd:float), dates and other types,
equal texts in different languages, and LCASE/UCASE of text with characters Python's Unicode
tables do not know yet.

The conformance tests (``tests/conformance``) compare this order with Oxigraph's on ORDER BY
variants of the W3C suite's queries.
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from icpa.results.table import ResultTable
from icpa.sparql import lexer

FUNCTIONS = {"LCASE": str.lower, "UCASE": str.upper, "STR": None}
_VAR = r"[?$]([A-Za-z_0-9\u00B7-\uFFFF]+)"
_INNER = rf"(?:(LCASE|UCASE|STR)\s*\(\s*{_VAR}\s*\)|{_VAR})"
_CONDITION = re.compile(rf"\s*(?:(ASC|DESC)\s*\(\s*{_INNER}\s*\)|{_INNER})", re.I)


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


_UNSORTABLE = object()


def _apply(function: str | None, term):
    """``function`` (None, STR, LCASE or UCASE) of ``term`` as SPARQL computes it; None for an error."""
    if function is None or term is None:
        return term
    if function == "STR":
        return None if isinstance(term, BNode) else Literal(str(term))
    if not isinstance(term, Literal) or not _is_string(term):
        return None  # LCASE/UCASE of anything but a string is an error: unbound in ORDER BY
    text = str(term)
    if not text.isascii() and any(unicodedata.category(c) == "Cn" for c in text):
        return _UNSORTABLE  # a character newer than Python's Unicode tables: its case mapping may differ from Rust's
    return Literal(FUNCTIONS[function](text), lang=term.language)


def _is_string(term: Literal) -> bool:
    return term.language is not None or term.datatype is None or term.datatype == XSD.string


def _ranks(values: list, function: str | None) -> list | None:
    """A sort key per value of ``function``(value), or None if the values mix kinds not ordered exactly here.

    Answers repeat their terms (labels, IRIs), so each distinct term is ranked once.
    """
    kinds: set[str] = set()
    texts: dict[str, tuple] = {}
    numbers: dict[str, set] = {}
    memo: dict = {}
    ranks = []
    for term in values:
        rank = memo.get(term)
        if rank is None:
            applied = _apply(function, term)
            rank = memo[term] = _UNSORTABLE if applied is _UNSORTABLE else _rank(applied, kinds, texts, numbers)
            if rank is _UNSORTABLE:
                return None
        ranks.append(rank)
    if len(kinds) > 1 or not _numbers_compare_exactly(numbers):
        return None
    return ranks


def _rank(v, kinds: set[str], texts: dict[str, tuple], numbers: dict[str, set]):
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
            return _UNSORTABLE  # equal texts in different languages: left to the engine
        return (3, str(v))
    number = _number(str(v), str(v.datatype))
    if number is None:
        return _UNSORTABLE  # not a number, or a lexical form Oxigraph does not read as one
    kind, value = number
    kinds.add("number")
    numbers.setdefault(kind, set()).add(value)
    return (3, value)


# -- numbers, compared exactly as Oxigraph compares them -----------------------------------
#
# Oxigraph reads a numeric literal with Rust's parsers: xsd:integer and the types derived from it
# as a 64-bit integer, xsd:decimal as a fixed-point number with 18 fraction digits (in an i128),
# xsd:float as f32 and xsd:double as f64. A lexical form those parsers refuse (`"1_0"`, `" 7"`,
# an integer beyond 64 bits) is not a number to it: such a literal sorts by its text against
# numbers, so a column holding one is left to the engine, as is NaN (unordered). Two numbers of
# different types are compared after a conversion (integer or decimal to f32 against a float,
# to f64 against a double; float to double): the key here is each number's exact value, which
# gives Oxigraph's order whenever every conversion the column needs is exact. When one is not
# (16777217 against a float), Oxigraph's comparisons are not even transitive, and the engine sorts.

_INTEGER_TYPES = frozenset(str(XSD[t]) for t in (
    "integer", "byte", "short", "int", "long", "unsignedByte", "unsignedShort", "unsignedInt", "unsignedLong",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "nonNegativeInteger"))
_DECIMAL, _FLOAT, _DOUBLE = str(XSD.decimal), str(XSD.float), str(XSD.double)
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_FLOAT_TEXT = re.compile(r"[+-]?(?:inf|infinity|nan|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?)", re.I)
_I64 = range(-(2 ** 63), 2 ** 63)
_I128 = range(-(2 ** 127), 2 ** 127)


def _number(text: str, datatype: str):
    """(kind, exact value) of a numeric literal as Oxigraph reads it; None if it is not one (or NaN)."""
    if datatype in _INTEGER_TYPES:
        if not _INTEGER_TEXT.fullmatch(text) or int(text) not in _I64:
            return None
        return "integer", int(text)
    if datatype == _DECIMAL:
        if not _DECIMAL_TEXT.fullmatch(text):
            return None
        value = Fraction(Decimal(text))
        if _fraction_digits(text) > 18 or int(value * 10 ** 18) not in _I128:
            return None  # Oxigraph's decimal holds 18 fraction digits in an i128
        return "decimal", value
    if datatype in (_FLOAT, _DOUBLE):
        if not _FLOAT_TEXT.fullmatch(text):
            return None
        value = float(text) if datatype == _DOUBLE else _f32_from_text(text)
        if value is None or math.isnan(value):
            return None
        return ("double" if datatype == _DOUBLE else "float"), value
    return None


def _fraction_digits(text: str) -> int:
    """How many fraction digits a decimal has, trailing zeros left out (Oxigraph keeps at most 18)."""
    _, _, fraction = text.partition(".")
    return len(fraction.rstrip("0"))


def _to_f32(x: float) -> float | None:
    """``x as f32`` (round to nearest, ties to even); None where it overflows."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return None


def _f32_step(x: float, up: bool) -> float:
    """The next f32 after the finite f32 ``x``, up or down."""
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    if x == 0:
        bits = 1 if up else 0x80000001
    elif (x > 0) == up:
        bits += 1
    else:
        bits -= 1
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def _f32_from_text(text: str) -> float | None:
    """Rust's ``f32::from_str``: the f32 nearest to the decimal text (ties to even), read without
    going through f64 first (that could round twice); None where it would overflow."""
    wide = float(text)
    if math.isinf(wide) or math.isnan(wide):
        return wide
    narrow = _to_f32(wide)
    if narrow is None or math.isinf(narrow):
        return None
    if narrow == wide:
        return narrow
    exact = Fraction(Decimal(text))
    candidates = [narrow] + [c for c in (_f32_step(narrow, True), _f32_step(narrow, False)) if not math.isinf(c)]

    def distance(c: float):
        bits = struct.unpack("<I", struct.pack("<f", c))[0]
        return abs(Fraction(c) - exact), bits & 1  # ties to the even significand

    return min(candidates, key=distance)


def _as_double(kind: str, value) -> float:
    """What Oxigraph compares against a double: ``i64 as f64``, or a decimal's digits as f64 divided
    by its power of ten (``Double::from(Decimal)``)."""
    if kind == "integer":
        return float(value)
    digits, power = value.numerator, value.denominator  # a decimal: digits / 10^k once reduced by tens
    if power != 1:
        k = 0
        while 10 ** k % power:
            k += 1
        digits, power = digits * (10 ** k // power), 10 ** k
    return float(digits) / float(power)


def _numbers_compare_exactly(numbers: dict[str, set]) -> bool:
    """Do Oxigraph's comparisons of these numbers (by kind) agree with their exact values?"""
    if len(numbers) <= 1:
        return True
    for kind in ("integer", "decimal"):
        for value in numbers.get(kind, ()):
            if "double" in numbers and _as_double(kind, value) != value:
                return False
            if "float" in numbers:
                if kind == "integer":  # i64 as f32: exact only for a value an f32 holds
                    narrow = _to_f32(float(value)) if float(value) == value else None
                else:  # Float::from(Decimal): through the double, then as f32
                    narrow = _to_f32(_as_double(kind, value))
                if narrow is None or narrow != value:
                    return False
    return True
