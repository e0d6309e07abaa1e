"""The ``icpa`` click group and the options several commands share.

Commands live in one module per family (:mod:`icpa.cli.queries`, :mod:`icpa.cli.corpus`,
:mod:`icpa.cli.servers`); each parses its options, calls one :mod:`icpa.api` function and prints
the result. Choices for ``--format`` and ``--engine`` come from registries that import nothing
heavy, so ``icpa --help`` loads no RDF library.
"""

from __future__ import annotations

import math
from pathlib import Path

import click

from icpa.errors import ExitStatus

EXIT_CODES_HELP = "Exit codes: " + ", ".join(f"{s.value} {s.meaning}" for s in ExitStatus) + "."


class Group(click.Group):
    def list_commands(self, ctx):  # keep the order commands were added in
        return list(self.commands)


class Seconds(click.ParamType):
    """A number of seconds above 0: ``nan``, ``inf`` and negatives are usage errors."""

    name = "seconds"

    def convert(self, value, param, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(number) or number <= 0:
            self.fail(f"{value!r} is not a number of seconds above 0", param, ctx)
        return number


SECONDS = Seconds()
OUTPUT = click.Path(dir_okay=False, path_type=Path)


@click.group(cls=Group, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "-V", "--version", package_name="icpa", prog_name="icpa")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error (also ICPA_TRACEBACK=1).")
@click.option("--project", metavar="DIR", default=None,
              help="Work on this project (made by `icpa init`) instead of the one found from the working directory "
                   "(also ICPA_PROJECT).")
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr which project or corpus the command works on.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool, project: str | None, verbose: bool) -> None:
    """icpa: integrated care policy arguments.

    An OWL 2 ontology of the integrated care debate in the English NHS, instance data derived
    from a corpus of articles (every fact anchored to a verbatim quote), and saved SPARQL
    queries that answer policy questions. Run inside a project (`icpa init DIR`) or an icpa
    checkout, commands work on its files; elsewhere on the corpus bundled with icpa, read-only.
    """
    if project is not None:
        from icpa import settings

        ctx.with_resource(settings.use(settings.current().replace(project=project)))
    if verbose and ctx.invoked_subcommand is not None and "--help" not in ctx.args:
        from icpa import project as projects

        click.echo(f"icpa: working on {projects.current().describe()}", err=True)


def warn(message: str) -> None:
    click.echo(f"icpa: warning: {message}", err=True)
