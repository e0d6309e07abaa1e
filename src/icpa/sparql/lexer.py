"""The one SPARQL tokenizer, and what icpa reads from a query's tokens.

icpa never parses a query itself (the engine does), but it needs to know a few things about
the text: where the comments, strings and IRIs are (so that a ``?_name`` inside a string is not
a parameter and a ``#`` inside an IRI is not a comment), the query form, whether it is an
update, where the outermost ``WHERE`` group opens, whether it calls ``SERVICE``, and its final
``ORDER BY``. Every one of those questions is answered from :func:`tokenize`, so an escaped
quote (``"C:\\\\"``) or a brace inside a string is handled the same way everywhere.

The tokens follow the SPARQL 1.1 grammar's terminals (§19.8): long and short strings with
their escapes, IRIREF, variables, prefixed names, language tags, numbers, keywords, comments
and punctuation. Text the grammar does not allow becomes an ``error`` token of one character,
so the tokenizer never fails; the engine reports the syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PN_CHARS_BASE = (
    "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:"
_LOCAL = rf"(?:(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?)?"
_VARNAME = rf"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"

_RULES = (
    ("ws", r"[ \t\r\n\ufeff]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
               r'|"(?:[^"\\\r\n]|\\.)*"' r"|'(?:[^'\\\r\n]|\\.)*'"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("var", rf"[?$]{_VARNAME}"),
    ("langtag", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*"),
    ("number", r"[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.[0-9]*[eE][+-]?[0-9]+|[0-9]+(?:[eE][+-]?[0-9]+)?"),
    ("pname", rf"{_PREFIX}{_LOCAL}"),
    ("blank", rf"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("name", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*+\-/!=<>|^?@]"),
)
_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _RULES), re.S)

#: keywords that start a SPARQL Update operation (SPARQL 1.1 Update §3)
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class Token:
    kind: str  #: ws, comment, string, iri, var, langtag, number, pname, blank, name, punct or error
    text: str
    start: int
    end: int
    depth: int  #: how many ``{`` are open before this token (a ``{`` counts itself out)

    @property
    def keyword(self) -> str:
        """The upper-cased word of a ``name`` token ('' for any other kind)."""
        return self.text.upper() if self.kind == "name" else ""


@lru_cache(maxsize=64)
def tokenize(text: str) -> tuple[Token, ...]:
    """Every token of ``text``, in order, covering it exactly (``"".join`` gives ``text`` back)."""
    out: list[Token] = []
    pos, depth, n = 0, 0, len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            kind, end = "error", pos + 1
        else:
            kind, end = m.lastgroup, m.end()
        piece = text[pos:end]
        if piece == "}":
            depth = max(0, depth - 1)
        out.append(Token(kind, piece, pos, end, depth))
        if piece == "{":
            depth += 1
        pos = end
    return tuple(out)


def code(text: str) -> list[Token]:
    """The tokens that mean something: no white space, no comments."""
    return [t for t in tokenize(text) if t.kind not in ("ws", "comment")]


def strip_comments(text: str) -> str:
    """``text`` without its ``#`` comments; strings and IRIs are left alone."""
    return "".join(t.text for t in tokenize(text) if t.kind != "comment")


def masked(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked to spaces: same length, same offsets."""
    return "".join(" " * len(t.text) if t.kind in ("comment", "string", "iri") else t.text for t in tokenize(text))


def form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE for a query; UPDATE for an update; None for neither.

    The form is the first keyword after the prologue (BASE and PREFIX declarations).
    """
    tokens = code(text)
    i = 0
    while i < len(tokens):
        word = tokens[i].keyword
        if word == "BASE":
            i += 2
        elif word == "PREFIX":
            i += 3
        elif word in QUERY_FORMS:
            return word
        elif word in UPDATE_KEYWORDS:
            return "UPDATE"
        else:
            return None
    return None


def calls_service(text: str) -> bool:
    """Does the query ask the engine to call another endpoint (``SERVICE``)?"""
    return any(t.keyword == "SERVICE" for t in tokenize(text))


def variables(text: str) -> list[Token]:
    """Every variable token (``?x`` or ``$x``) outside comments, strings and IRIs."""
    return [t for t in tokenize(text) if t.kind == "var"]


def top_level_group(text: str) -> int | None:
    """The offset just after the ``{`` that opens the outermost query's WHERE group, or None.

    That is the ``{`` after the ``WHERE`` keyword at depth 0; where ``WHERE`` is left out
    (``SELECT ?x { ... }``, ``ASK { ... }``), the first ``{`` at depth 0 after the query
    form's own clause (parentheses of projected expressions are skipped). For CONSTRUCT the
    template comes first, so its WHERE keyword is required, as SPARQL says.
    """
    tokens = code(text)
    kind = None
    parens = 0
    for i, t in enumerate(tokens):
        if t.depth != 0:
            continue
        word = t.keyword
        if kind is None:
            if word in QUERY_FORMS:
                kind = word
            continue
        if word == "WHERE":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            return nxt.end if nxt is not None and nxt.text == "{" else None
        if t.text == "(":
            parens += 1
        elif t.text == ")":
            parens -= 1
        elif t.text == "{" and parens == 0 and kind != "CONSTRUCT":
            return t.end
    return None


def top_level(text: str) -> str:
    """:func:`masked` text with every group blanked too (braces included): what is left are the
    outermost query's own keywords, at their offsets."""
    out = []
    for t in tokenize(text):
        blank = t.kind in ("comment", "string", "iri") or t.depth > 0 or t.text in ("{", "}")
        out.append(" " * len(t.text) if blank else t.text)
    return "".join(out)


def has_dataset_clause(text: str) -> bool:
    """Does the query name its own dataset (``FROM`` or ``FROM NAMED`` before its WHERE group)?"""
    return any(t.keyword == "FROM" and t.depth == 0 for t in tokenize(text))


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (clamped to the text)."""
    start = 0
    for _ in range(line - 1):
        nxt = text.find("\n", start)
        if nxt < 0:
            return len(text)
        start = nxt + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + max(column - 1, 0), end)
