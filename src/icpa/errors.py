"""Exit statuses and the errors that carry them.

Every error a user can cause is an :class:`IcpaError` with a one-line message and its
:class:`ExitStatus`; the command line maps every exception to a status in one place
(:func:`icpa.cli.main.run`). The library never prints and never exits. Standard library only.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The documented exit codes of every ``icpa`` command."""

    OK = 0  #: success
    CHECK_FAILED = 1  #: a check ran and found an ERROR (validate, build --check)
    USAGE = 2  #: bad command line: unknown command, query, parameter, option or format; a refused write
    BAD_DATA = 3  #: a missing or malformed ontology, data, YAML, RDF or query file
    ENDPOINT = 4  #: a remote SPARQL endpoint or the network failed
    INTERNAL = 5  #: a bug in icpa: run again with --traceback and report it
    INTERRUPTED = 130  #: stopped by Ctrl-C (SIGINT)

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitStatus.OK: "ok",
    ExitStatus.CHECK_FAILED: "a check found an ERROR",
    ExitStatus.USAGE: "usage error",
    ExitStatus.BAD_DATA: "bad data or query file",
    ExitStatus.ENDPOINT: "endpoint or network error",
    ExitStatus.INTERNAL: "internal error",
    ExitStatus.INTERRUPTED: "interrupted",
}

#: the longest piece of user input quoted back in a message
QUOTE_LIMIT = 80


def shorten(text: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of a value a user typed, cut to ``limit`` characters (a 131 KB value is not echoed)."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + f"… ({len(text):,} characters)"


def one_line(text: str) -> str:
    """``text`` with its white space squeezed onto one line."""
    return " ".join(str(text).split())


class IcpaError(Exception):
    """An error a user can cause: one line of text and an exit status."""

    status: ExitStatus = ExitStatus.BAD_DATA

    def __init__(self, message: str, *, status: ExitStatus | None = None) -> None:
        super().__init__(one_line(message))
        if status is not None:
            self.status = status


class UsageError(IcpaError):
    """The command line asks for something that does not exist or is not allowed."""

    status = ExitStatus.USAGE


class RefusedWrite(UsageError):
    """A write that would replace or delete something of the user's without being asked."""


class DataError(IcpaError):
    """A data, ontology, YAML, RDF or query file is missing or malformed."""

    status = ExitStatus.BAD_DATA


class QuerySyntaxError(DataError):
    """A SPARQL query the engine cannot parse."""


class CheckFailed(IcpaError):
    """A check ran and found at least one ERROR."""

    status = ExitStatus.CHECK_FAILED


class EndpointError(IcpaError):
    """A remote SPARQL endpoint could not be reached or answered with an error."""

    status = ExitStatus.ENDPOINT


class ToolUnavailable(DataError):
    """A program icpa needs for this operation (Java, the OWL API jars) is not installed."""
