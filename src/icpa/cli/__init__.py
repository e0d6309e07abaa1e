"""The ``icpa`` command line: parse options, call one :mod:`icpa.api` function, print."""

from icpa.cli.main import main, run

__all__ = ["main", "run"]
