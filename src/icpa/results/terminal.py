"""The two formats for reading an answer in a terminal: ``table`` and ``report``.

``table`` is laid out by rich: it never runs wider than the terminal (``COLUMNS``, else the
terminal's width, else 100 in a pipe), prose columns wrap at word boundaries and share the
width that short columns leave, identifiers without spaces (a seed file name, a CURIE, a date)
are elided with an ellipsis rather than broken, and a word is broken only when it is longer
than its whole column. A cell is cut after :data:`MAX_LINES` lines (with an ellipsis and a
footer that says so), so a row takes at most eight lines with the blank line between rows.
``report`` prints one block per row with nothing cut: the fields, then each quote set off
and the article it is from, ready to paste into a briefing.
"""

from __future__ import annotations

import io
import os
import shutil
import textwrap

from icpa.results.readable import Column, View, footer, view
from icpa.results.table import ResultTable

MAX_LINES = 7  #: lines of a cell in ``table``; with the blank line between rows, eight a row
FALLBACK_WIDTH = 100  #: when neither COLUMNS nor a terminal says
QUOTE_WORDS = ("quote", "passage")  #: columns whose text is a verbatim passage of an article
SOURCE_COLUMNS = ("article", "seedFile")  #: named under the quote in a report


def terminal_width() -> int:
    """``COLUMNS`` if set, else the width of the terminal on stdout or stderr, else 100."""
    size = shutil.get_terminal_size((0, 0)).columns
    if size <= 0:
        try:
            size = os.get_terminal_size(2).columns
        except OSError:
            size = FALLBACK_WIDTH
    return max(20, size)


def _console(width: int):
    from rich.console import Console

    return Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False,
                   emoji=False, highlight=False, markup=False, soft_wrap=False)


SEPARATOR = 2  #: characters between two columns: rich's blank rule and a padding space
SHORT_FLOOR = 10  #: the width an identifier or a short label keeps (elided or wrapped below its natural width)
HEADER_CAP = 12  #: a column is kept at least as wide as its header up to this; a longer header is elided
WORD_CAP = 24  #: a column of words is kept as wide as its longest word, up to this
PROSE_FLOOR = 20  #: the width a column of sentences keeps (one whose cells average over 40 characters)
IDENTIFIER_CAP = 40  #: identifiers up to this long get their whole width before prose gets more
#: columns that only say where in the article a quote is: the first to go when width is short
POSITION_COLUMNS = ("start", "end", "prefix", "suffix")


def _natural(v: View) -> list[int]:
    return [max([len(c.header)] + [len(r[k]) for r in v.rows]) for k, c in enumerate(v.columns)]


def _mean(v: View, k: int) -> float:
    return sum(len(r[k]) for r in v.rows) / max(1, len(v.rows))


def _floors(v: View, natural: list[int]) -> list[int]:
    floors = []
    for k, c in enumerate(v.columns):
        floor = PROSE_FLOOR if c.kind == "text" and _mean(v, k) > 40 else SHORT_FLOOR
        if c.kind == "text":  # room for its longest word, so words are not broken
            floor = max(floor, min(WORD_CAP, max((len(w) for r in v.rows for w in r[k].split()), default=0)))
        floor = max(floor, min(len(c.header), HEADER_CAP))
        floors.append(natural[k] if c.kind == "number" else min(natural[k], floor))
    return floors


def _leave_out_order(v: View) -> list[int]:
    """The order columns are left out in when the terminal is too narrow for all of them: where a
    quote sits in its article, then identifiers, then sentences other than the quote (or, with no
    quote, the first column of sentences), then short columns, from the right; the quote last and
    the first column never."""
    cols = list(range(1, len(v.columns)))
    long = [k for k in range(len(v.columns)) if v.columns[k].kind == "text" and _mean(v, k) > 40]
    quotes = [k for k in cols if _is_quote(v.columns[k])]
    kept_long = quotes or long[:1]
    groups = [
        [k for k in cols if v.columns[k].header in POSITION_COLUMNS],
        [k for k in cols if v.columns[k].kind == "token"],
        [k for k in cols if k in long and k not in kept_long],
        [k for k in cols if k not in long and not _is_quote(v.columns[k])],
        [k for k in cols if k in kept_long and not _is_quote(v.columns[k])],
        quotes,
    ]
    order: list[int] = []
    for group in groups:
        order += [k for k in reversed(group) if k not in order]
    return order


def fit(v: View, width: int) -> tuple[list[int], list[int]]:
    """Which columns to show and how wide, adding up to at most ``width``.

    If every column fits at its natural width, that is the answer. Else each column keeps a
    floor (a number whole, an identifier or short label 10, a column of sentences 20, a column
    of words its longest word up to 24); while the floors are too wide for the terminal,
    columns are left out in :func:`_leave_out_order` (the footer names them). Identifiers then
    get their whole width, columns of sentences share what is left in proportion to how much
    text they hold, and the others get back what is still spare. Rich wraps within these.
    """
    natural, floors = _natural(v), _floors(v, _natural(v))
    shown = list(range(len(v.columns)))

    def room() -> int:
        return width - SEPARATOR * (len(shown) - 1)

    if sum(natural) <= room():
        return shown, natural
    order = _leave_out_order(v)
    while sum(floors[k] for k in shown) > room() and order:
        shown.remove(order.pop(0))
    widths = {k: floors[k] for k in shown}
    if sum(widths.values()) > room():  # one column wider than the terminal: it is cut to fit
        widths[shown[0]] = max(1, room())
    spare = room() - sum(widths.values())
    for k in shown:  # short identifiers whole first: a seed file name, a date, a CURIE
        if v.columns[k].kind == "token" and natural[k] <= IDENTIFIER_CAP:
            extra = max(0, min(spare, natural[k] - widths[k]))
            widths[k] += extra
            spare -= extra
    prose = [k for k in shown if v.columns[k].kind == "text" and natural[k] > widths[k]]
    mass = {k: sum(len(r[k]) for r in v.rows) for k in prose}
    while spare > 0 and prose:
        total, given = sum(mass[k] for k in prose) or 1, 0
        for k in prose:
            extra = max(0, min(natural[k] - widths[k], max(1, spare * mass[k] // total), spare - given))
            widths[k] += extra
            given += extra
        spare -= given
        prose = [k for k in prose if natural[k] > widths[k]]
        if not given:
            break
    for k in shown:  # the others get back what is left
        extra = max(0, min(spare, natural[k] - widths[k]))
        widths[k] += extra
        spare -= extra
    return shown, [widths[k] for k in shown]


def elide(text: str, width: int) -> str:
    """An identifier shortened in the middle, so that its start and its end both show:
    ``004_80a5…3c40f2bb.txt``, ``icpad:a00…-c12``."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def _table(v: View, widths: list[int]):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), leading=1, expand=False)
    for k, col in enumerate(v.columns):
        options = {"no_wrap": True, "overflow": "ellipsis"} if col.kind in ("token", "number") else {"overflow": "fold"}
        table.add_column(Text(elide(col.header, widths[k]), no_wrap=True), justify="right" if col.kind == "number" else "left", width=widths[k],
                         min_width=widths[k], max_width=widths[k], **options)
    return table


def _cut(console, text: str, width: int) -> tuple[str, bool]:
    """``text`` wrapped to ``width``, cut after :data:`MAX_LINES` lines with an ellipsis."""
    from rich.text import Text

    lines = Text(text).wrap(console, width, overflow="fold")
    if len(lines) <= MAX_LINES:
        return text, False
    kept = [line.plain.rstrip() for line in lines[:MAX_LINES]]
    last = kept[-1]
    if len(last) >= width:  # room for the ellipsis: drop the last word rather than cut into it
        last = last.rsplit(" ", 1)[0] if " " in last else last[: width - 1]
    kept[-1] = last.rstrip() + "…"
    return "\n".join(kept), True


def write_table(table: ResultTable, iris: bool = False, width: int | None = None) -> str:
    if table.boolean is not None:
        return f"{str(table.boolean).lower()}\n"
    from rich.text import Text

    width = width or terminal_width()
    v = view(table, iris)
    console = _console(width)
    if not v.columns:
        return footer(len(v.rows), v.hidden) + "\n"
    shown, widths = fit(v, width)
    left_out = [v.columns[k].header for k in range(len(v.columns)) if k not in shown]
    v = View([v.columns[k] for k in shown], [[r[k] for k in shown] for r in v.rows], v.hidden)
    out = _table(v, widths)
    cut_any = elided = False
    for row in v.rows:
        cells = []
        for col, w, cell in zip(v.columns, widths, row):
            if col.kind == "text":
                cell, cut = _cut(console, cell, w)
                cut_any |= cut
            elif len(cell) > w:
                cell, elided = elide(cell, w), True
            cells.append(Text(cell))
        out.add_row(*cells)
    console.print(out)
    lines = [line.rstrip() for line in console.file.getvalue().splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    lines += [""] if v.rows else []
    lines += textwrap.wrap(footer(len(v.rows), v.hidden, cut_any, left_out, width, elided), width, break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def _is_quote(col: Column) -> bool:
    return any(word in col.header.casefold() for word in QUOTE_WORDS)


def write_report(table: ResultTable, iris: bool = False, width: int | None = None) -> str:
    """One block per row: ``n. field: value`` lines (wrapped, nothing cut), then the quotes as
    ``>`` lines, with the article they are from."""
    if table.boolean is not None:
        return f"{str(table.boolean).lower()}\n"
    width = max(40, width or terminal_width())
    v = view(table, iris)
    quotes = [c for c in v.columns if _is_quote(c)]
    source = [c for c in v.columns if c.header in SOURCE_COLUMNS] if quotes else []
    fields = [c for c in v.columns if c not in quotes and c not in source]
    pad = max([len(c.header) for c in fields] + [0]) + 2
    blocks = []
    for n, row in enumerate(v.rows, start=1):
        cell = dict(zip((c.header for c in v.columns), row))
        number = f"{n}. "
        lines = []
        for col in fields:
            value = cell[col.header]
            if not value:
                continue
            head = (number if not lines else " " * len(number)) + f"{col.header + ':':<{pad}}"
            lines += textwrap.wrap(value, width, initial_indent=head, subsequent_indent=" " * len(head),
                                   break_long_words=True, break_on_hyphens=False) or [head.rstrip()]
        for col in quotes:
            if cell[col.header]:
                lines.append("")
                lines += textwrap.wrap(cell[col.header], width, initial_indent=" " * len(number) + "> ",
                                       subsequent_indent=" " * len(number) + "> ", break_on_hyphens=False)
        where = [cell[c.header] for c in source if cell[c.header]]
        if where:
            named = where[0] + "".join(f" ({w})" for w in where[1:])
            lines += textwrap.wrap(named, width, initial_indent=" " * len(number) + "— ",
                                   subsequent_indent=" " * (len(number) + 2), break_on_hyphens=False)
        if not lines:
            lines = [number.rstrip()]
        blocks.append("\n".join(lines))
    closing = textwrap.fill(footer(len(v.rows), v.hidden), width, break_on_hyphens=False)
    return "\n\n".join(blocks + [closing]) + "\n"
