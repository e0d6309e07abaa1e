"""Quote anchoring: find a quote verbatim in its article and record where it is.

An :class:`Anchor` is what the W3C Web Annotation selectors record: the exact text, its
character offsets (Python string indices, end exclusive) and a little context either side.
A quote that is not in the text, or is there more than once without an offset, is a
:class:`~icpa.errors.DataError` that names the place and the nearest match.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from icpa.errors import DataError

CONTEXT = 32  # characters of prefix/suffix recorded around each quote


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def nearest_match(text: str, quote: str) -> str:
    """The span of ``text`` most like ``quote`` (for error messages)."""
    n = len(quote)
    if not text or not n:
        return ""
    starts = {0} | {m.end() for m in re.finditer(r"\s+", text)}
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for s in sorted(starts):
        window = text[s : s + n]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def locate(text: str, quote: str, offset: int | None, where: str) -> Anchor:
    """Find ``quote`` in ``text``; raise :class:`DataError` naming ``where`` if it is not there once."""
    if not isinstance(quote, str) or not quote:
        raise DataError(f"{where}: missing quote")
    if offset is not None:
        if not isinstance(offset, int) or text[offset : offset + len(quote)] != quote:
            raise DataError(
                f"{where}: quote not found at offset {offset}: {quote!r}; "
                f"text there is {text[offset:offset + len(quote)]!r}"
                if isinstance(offset, int)
                else f"{where}: offset must be an integer"
            )
        start = offset
    else:
        hits = [m.start() for m in re.finditer(re.escape(quote), text)]
        if not hits:
            raise DataError(
                f"{where}: quote not found verbatim: {quote!r}; nearest match: {nearest_match(text, quote)!r}"
            )
        if len(hits) > 1:
            raise DataError(
                f"{where}: quote occurs {len(hits)} times (offsets {', '.join(map(str, hits))}); "
                f"add 'offset:' to choose one: {quote!r}"
            )
        start = hits[0]
    end = start + len(quote)
    return Anchor(start, end, quote, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])
