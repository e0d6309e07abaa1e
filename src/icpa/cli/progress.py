"""What a long command shows while it works: a status line on stderr when stderr is a terminal,
and nothing at all in a pipe or a file (so logs and scripts see only the answer)."""

from __future__ import annotations

import contextlib
import sys


def on_terminal(stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Status:
    """A rich status line (spinner and text) that :meth:`update` changes; inert off a terminal."""

    def __init__(self, live=None) -> None:
        self._live = live

    def update(self, message: str) -> None:
        if self._live is not None:
            self._live.update(message)


@contextlib.contextmanager
def status(message: str, stream=None):
    """``with status("validating …") as s: … s.update("…")``: shown only on a terminal."""
    stream = stream if stream is not None else sys.stderr
    if not on_terminal(stream):
        yield Status()
        return
    from rich.console import Console

    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    with console.status(message) as live:
        yield Status(live)
