"""SPARQL syntax errors in words: line, column, the text there and what was expected.

Engines report a syntax error as a position and a list of what their parser would have
accepted, which for Oxigraph includes whole Unicode character classes (600 characters of
``'\\u{00C0}'..='\\u{00D6}' | …``). :func:`describe` keeps the position, shows the query text at
that place, and says what was expected in words: keywords and punctuation as they are,
character classes as "a name", "a number"; a prefixed name whose prefix the query never
declares is said so, with the ``PREFIX`` line that would declare it.
"""

from __future__ import annotations

import re

from icpa import vocab
from icpa.errors import QuerySyntaxError
from icpa.sparql import lexer

_CLASSES = (
    (re.compile(r"'A'\s*\.\.=\s*'Z'|'a'\s*\.\.=\s*'z'"), "a name"),
    (re.compile(r"'0'\s*\.\.=\s*'9'"), "a number"),
)
_WORDS = {
    "Prefix not found": "a declared prefix",
    "IRI parsing failed": "a valid IRI",
}


def _split(expected: str) -> list[str]:
    """The items of an ``expected one of a, b, [c | d]`` list (commas inside brackets kept)."""
    items, depth, current = [], 0, []
    for ch in expected:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if current:
        items.append("".join(current).strip())
    return [i for i in items if i]


def expected_in_words(expected: str) -> str:
    words: list[str] = []
    for item in _split(" ".join(expected.split())):
        if item.startswith("["):
            said = next((w for pattern, w in _CLASSES if pattern.search(item)), None)
        else:
            said = _WORDS.get(item, item)
        if said and said not in words:
            words.append(said)
    if not words:
        return ""
    return words[0] if len(words) == 1 else "one of " + ", ".join(words)


def undeclared_prefix(text: str) -> str | None:
    """The first prefix a prefixed name uses that no ``PREFIX`` line declares, if any."""
    declared, tokens = set(), lexer.code(text)
    for i, t in enumerate(tokens):
        if t.keyword == "PREFIX" and i + 1 < len(tokens) and tokens[i + 1].kind == "pname":
            declared.add(tokens[i + 1].text.split(":", 1)[0])
    for i, t in enumerate(tokens):
        if t.kind == "pname" and not (i > 0 and tokens[i - 1].keyword == "PREFIX"):
            prefix = t.text.split(":", 1)[0]
            if prefix not in declared:
                return prefix
    return None


def near(text: str, line: int | None, column: int | None, width: int = 30) -> str:
    if line is None:
        return ""
    at = lexer.offset_of(text, line, column or 1)
    start = max(0, at - width)
    snippet = " ".join(text[start:at + 10].split())
    return ("…" if start else "") + snippet


def error(text: str, line: int | None, column: int | None, expected: str = "") -> QuerySyntaxError:
    """One line saying where the query is wrong and what would have been right."""
    where = f" at line {line}, column {column}" if line is not None else ""
    shown = near(text, line, column)
    prefix = undeclared_prefix(text)
    if prefix is not None:
        iri = vocab.PREFIX_MAP.get(prefix)
        fix = f"add PREFIX {prefix}: <{iri}>" if iri else f"declare it with PREFIX {prefix}: <…>"
        return QuerySyntaxError(f"SPARQL syntax error{where}: the prefix {prefix}: is not declared; {fix}")
    words = expected_in_words(expected)
    said = f": expected {words}" if words else ""
    return QuerySyntaxError(f"SPARQL syntax error{where}{said}" + (f" (the query there: {shown!r})" if shown else ""))
