"""Exit statuses and the errors that carry them.

Every error a user can cause is an :class:`IcpaError` with a one-line message; the CLI maps it
to its :class:`ExitStatus` in one place (``cli.main``). The library never prints or exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The documented exit codes of every ``icpa`` command."""

    OK = 0  #: success
    CHECK_FAILED = 1  #: a check or validation found an ERROR
    USAGE = 2  #: bad command line: unknown query or parameter, missing option
    BAD_DATA = 3  #: unreadable or malformed data, ontology, query or YAML file
    ENDPOINT = 4  #: a remote SPARQL endpoint or the network failed


class IcpaError(Exception):
    """An error a user can cause: one line of text and an exit status."""

    status: ExitStatus = ExitStatus.BAD_DATA

    def __init__(self, message: str, *, status: ExitStatus | None = None) -> None:
        super().__init__(" ".join(message.split()) if "\n" in message else message)
        if status is not None:
            self.status = status


class UsageError(IcpaError):
    """The command line asks for something that does not exist or is not allowed."""

    status = ExitStatus.USAGE


class DataError(IcpaError):
    """A data, ontology, YAML or query file is missing or malformed."""

    status = ExitStatus.BAD_DATA


class CheckFailed(IcpaError):
    """A check ran and found at least one ERROR."""

    status = ExitStatus.CHECK_FAILED


class EndpointError(IcpaError):
    """A remote SPARQL endpoint could not be reached or answered with an error."""

    status = ExitStatus.ENDPOINT
