"""The one place where exceptions meet exit codes (as httpie's ``raw_main`` does).

:func:`run` calls the click group without its standalone handling and maps every way a command
can end to one :class:`~icpa.errors.ExitStatus` and at most one line on stderr:

- a click usage error (unknown command or option, a bad value): ``icpa: error: …`` with a hint
  to the command's ``--help``, exit 2;
- an :class:`~icpa.errors.IcpaError`: its one line, its status;
- Ctrl-C: ``icpa: interrupted``, exit 130;
- a closed pipe (``icpa query … | head``): nothing more, exit 0;
- anything else is a bug: ``icpa: internal error: …; run again with --traceback``, exit 5.

``--traceback`` (anywhere on the command line) or ``ICPA_TRACEBACK=1`` also prints the traceback.
"""

from __future__ import annotations

import os
import sys

import click

from icpa import settings
from icpa.cli import corpus, debate, queries, servers  # noqa: F401  (they register their commands)
from icpa.cli.app import cli
from icpa.errors import ExitStatus, IcpaError, one_line


def _error(message: str) -> None:
    click.echo(f"icpa: error: {one_line(message)}", err=True)


def _usage_hint(exc: click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "icpa"
    return f" (see `{path} --help`)"


def run(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_traceback = "--traceback" in args or settings.current().traceback
    args = [a for a in args if a != "--traceback"]
    try:
        result = cli.main(args=args, prog_name="icpa", standalone_mode=False)
        return result if isinstance(result, int) and not isinstance(result, bool) else int(ExitStatus.OK)
    except click.exceptions.Abort:
        click.echo("icpa: interrupted", err=True)
        return int(ExitStatus.INTERRUPTED)
    except click.UsageError as exc:
        _error(exc.format_message() + _usage_hint(exc))
        return int(ExitStatus.USAGE)
    except click.ClickException as exc:
        _error(exc.format_message())
        return int(ExitStatus.USAGE)
    except IcpaError as exc:
        if show_traceback:
            import traceback

            traceback.print_exc()
        _error(str(exc))
        return int(exc.status)
    except KeyboardInterrupt:
        click.echo("icpa: interrupted", err=True)
        return int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        _quiet_stdout()
        return int(ExitStatus.OK)
    except Exception as exc:  # a bug: one line, unless asked for the whole story
        if show_traceback:
            import traceback

            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {one_line(str(exc))[:300]}; "
               "run again with --traceback and report it")
        return int(ExitStatus.INTERNAL)


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so Python's exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    sys.exit(run(argv))
