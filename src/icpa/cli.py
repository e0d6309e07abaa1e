"""The ``icpa`` command line: parse options, call one library function, print.

No RDF or SPARQL work happens here. Every :class:`~icpa.status.IcpaError` is turned into one
line on stderr and its exit status in :func:`main`, the one place exceptions meet exit codes.
Heavy modules (rdflib, owlready2, Java) are imported inside the commands that need them.
"""

from __future__ import annotations

from pathlib import Path

import click

from icpa import __version__
from icpa.status import ExitStatus, IcpaError

EXIT_CODES_HELP = "Exit codes: " + ", ".join(f"{s.value} {s.name.lower().replace('_', ' ')}" for s in ExitStatus) + "."


def _formats() -> list[str]:
    from icpa.export import FORMATS

    return list(FORMATS)


class _Group(click.Group):
    """The one place where library errors meet exit codes."""

    def list_commands(self, ctx):  # keep the order commands were added in
        return list(self.commands)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except IcpaError as exc:
            click.echo(f"icpa: error: {exc}", err=True)
            ctx.exit(int(exc.status))


@click.group(cls=_Group, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="icpa")
def cli() -> None:
    """icpa: integrated care policy arguments.

    An OWL 2 ontology of the integrated care debate in the English NHS, instance data derived
    from a corpus of articles (every fact anchored to a verbatim quote), and saved SPARQL
    queries that answer policy questions.
    """


@cli.command()
@click.option("--check", is_flag=True, help="Do not write; exit 1 if the compiled file is stale.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of ontology/icpa-data.ttl.")
def build(check: bool, output: Path | None) -> None:
    """Compile the curated data (data/*.yaml) into ontology/icpa-data.ttl.

    Every quote is located in its article; a quote that is not there verbatim, or is there more
    than once without an offset, stops the build with the nearest match.
    """
    from icpa.build import build as run
    from icpa.status import CheckFailed

    result = run(output, check=check)
    if check and result.changed:
        raise CheckFailed(f"{result.path} is stale: run `icpa build`")
    state = "up to date" if not result.changed else ("would change" if check else "written")
    click.echo(f"{result.path}: {result.triples} triples, {state}")


@cli.command()
@click.option("--no-java", is_flag=True, help="Skip the checks that need Java (OWL API, HermiT).")
@click.option("--ontology", type=click.Path(dir_okay=False, path_type=Path), help="Check this ontology file instead of the shipped one.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), help="Check this data file instead of the shipped one.")
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), help="Validate against these SHACL shapes instead of the shipped ones.")
def validate(no_java: bool, ontology: Path | None, data: Path | None, shapes: Path | None) -> None:
    """Check the ontology and data; print a report, one line per problem.

    Runs: Turtle parsing; the OWL API load and OWL 2 DL profile check (Protégé's library);
    HermiT consistency and satisfiability; label, definition, domain/range, declaration and
    hierarchy checks; SHACL shapes; quote anchors against the article texts. Exits 1 if any
    line is an ERROR.
    """
    from icpa.checks import validate as run
    from icpa.status import CheckFailed

    report = run(ontology=ontology, data=data, shapes=shapes, java=not no_java)
    for finding in report.findings:
        click.echo(finding.line())
    click.echo(report.summary())
    if not report.ok:
        raise CheckFailed(f"validation failed: {report.count('ERROR')} error(s)")


@cli.command()
def info() -> None:
    """Print counts: articles, actors, claims, quotes, triples."""
    from icpa.stats import counts

    for name, value in counts().items():
        click.echo(f"{name:<12}{value:>8}")


@cli.command(name="export")
@click.option("-f", "--format", "fmt", type=click.Choice(_formats()), default="ttl", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (default: stdout).")
@click.option("--what", type=click.Choice(["all", "ontology", "data"]), default="all", show_default=True, help="The ontology, the instance data, or both merged.")
@click.option("--reasoned", is_flag=True, help="Include the inferences HermiT adds.")
@click.option("--force", is_flag=True, help="Allow overwriting a source file under ontology/.")
def export_cmd(fmt: str, output: Path | None, what: str, reasoned: bool, force: bool) -> None:
    """Write the ontology and/or data as Turtle, RDF/XML (owl), N-Triples or JSON-LD.

    Turtle is deterministic (byte-identical across runs) and uses @prefix lines, so Protégé
    and the OWL API read it; `owl` is RDF/XML, Protégé's default.
    """
    from icpa import dataset
    from icpa.export import export

    if what == "ontology":
        graph = dataset.load_ontology()
    elif what == "data":
        graph = dataset.load_data()
    else:
        graph = dataset.load(reasoned=reasoned)
    text = export(graph, fmt, output, force=force)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output} ({fmt})", err=True)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the inferred triples here as Turtle (default: stdout).")
@click.option("--refresh", is_flag=True, help="Ignore the cache and run HermiT again.")
def reason(output: Path | None, refresh: bool) -> None:
    """Run HermiT over ontology + data and write the inferred triples.

    The result is cached (keyed by the ontology and data contents), so later --reasoned
    queries reuse it without starting Java.
    """
    from icpa import turtle
    from icpa.export import write_text
    from icpa.reasoning import inferences

    graph = inferences(refresh=refresh)
    text = turtle.serialize(graph)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}: {len(graph)} inferred triples", err=True)


def _writers() -> list[str]:
    from icpa.results import WRITERS

    return list(WRITERS)


def _format_option(f):
    return click.option("-f", "--format", "fmt", type=click.Choice(_writers()), default="table", show_default=True,
                        help="table and md show labels; csv, tsv and json are the W3C SPARQL 1.1 result formats.")(f)


def _query_options(f):
    f = click.option("--iris", is_flag=True, help="Show IRIs (as CURIEs) instead of labels in table and md output.")(f)
    f = click.option("--reasoned", is_flag=True, help="Run on the graph with HermiT's inferences materialised (cached).")(f)
    f = click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="A parameter value: a label (case-insensitive), a CURIE or an IRI for things; repeatable.")(f)
    return _format_option(f)


def _emit(table, fmt: str, iris: bool) -> None:
    from icpa.results import render

    for warning in table.warnings:
        click.echo(f"icpa: warning: {warning}", err=True)
    click.echo(render(table, fmt, iris), nl=False)


@cli.command(name="list")
@click.option("--tag", "tags", multiple=True, help="Only queries with this tag (repeatable: any of them).")
def list_cmd(tags: tuple[str, ...]) -> None:
    """List the saved queries: name, summary, parameters and tags."""
    from icpa.queries import catalogue

    shown = 0
    for q in catalogue().values():
        if tags and not set(tags) & set(q.tags):
            continue
        params = " ".join(f"{p.name}:{p.type}" for p in q.params)
        flags = " [reasoned]" if q.reasoned else ""
        click.echo(f"{q.name}{flags}")
        click.echo(f"    {q.summary}")
        if params:
            click.echo(f"    params: {params}")
        if q.tags:
            click.echo(f"    tags: {', '.join(q.tags)}")
        shown += 1
    if tags and not shown:
        from icpa.status import UsageError

        raise UsageError(f"no saved query has the tag(s) {', '.join(tags)}")


@cli.command()
@click.argument("name")
def show(name: str) -> None:
    """Show one saved query: its question, parameters, an example call and its SPARQL."""
    from icpa.queries import get

    q = get(name)
    click.echo(f"{q.name}: {q.summary}")
    if q.description:
        click.echo(f"\n{q.description}")
    click.echo(f"\ntags: {', '.join(q.tags) or '-'}; runs on the {'reasoned' if q.reasoned else 'asserted'} graph")
    if q.params:
        click.echo("\nparameters:")
        for p in q.params:
            kind = p.cls or p.subclass_of
            where = f", one of {kind}" + (" or its subclasses" if p.subclass_of else "") if kind else ""
            click.echo(f"  {p.name} ({p.type}{where}){': ' + p.description if p.description else ''}")
    click.echo(f"\nexample:\n  {q.example_call()}\n")
    click.echo(q.text, nl=not q.text.endswith("\n"))


@cli.command()
@click.argument("name")
@_query_options
def query(name: str, params: tuple[str, ...], fmt: str, reasoned: bool, iris: bool) -> None:
    """Run the saved query NAME and print its answer.

    Example: icpa query claims-by-actor --param actor="Chris Ham" --format md
    """
    from icpa.binding import parse_assignments
    from icpa.runner import run_saved

    _, table = run_saved(name, parse_assignments(params), reasoned=reasoned, labels=fmt in ("table", "md"))
    _emit(table, fmt, iris)


@cli.command()
@click.argument("query_text", metavar="FILE_OR_TEXT")
@_query_options
def sparql(query_text: str, params: tuple[str, ...], fmt: str, reasoned: bool, iris: bool) -> None:
    """Run an ad-hoc SPARQL query, from a file or given as text.

    Example: icpa sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> }'
    """
    from icpa.binding import parse_assignments
    from icpa.runner import run_adhoc

    table = run_adhoc(query_text, parse_assignments(params), reasoned=reasoned, labels=fmt in ("table", "md"))
    _emit(table, fmt, iris)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="icpa")
