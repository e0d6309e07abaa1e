"""``icpa list``, ``show``, ``query`` and ``sparql``: the saved queries and ad-hoc SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from icpa.cli.app import SECONDS, cli, warn
from icpa.engines import registry as engines
from icpa.errors import DataError
from icpa.results import formats as result_formats


def _query_options(f):
    f = click.option("--allow-service", is_flag=True,
                     help="Let a local query call SERVICE (fetch data from another endpoint over the network).")(f)
    f = click.option("--timeout", type=SECONDS, default=None, metavar="SECONDS",
                     help="With --endpoint: give up when the endpoint has not answered in this time (default 60).")(f)
    f = click.option("--graph", default=None, metavar="IRI",
                     help="With --endpoint: the named graph to query, sent as the request's default graph "
                          "(default https://w3id.org/icpa/graph; its inferences are IRI/inferred).")(f)
    f = click.option("--endpoint", default=None, metavar="URL",
                     help="Run on this SPARQL 1.1 endpoint instead of the corpus (default: ICPA_ENDPOINT, when neither "
                          "--engine nor --store is given; credentials: ICPA_ENDPOINT_USER, ICPA_ENDPOINT_PASSWORD).")(f)
    f = click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                     help="Query this on-disk store (made by `icpa load`) instead of the corpus.")(f)
    f = click.option("--engine", type=click.Choice(engines.local_engines()), default=None,
                     help="Embedded SPARQL engine. " + engines.help_text())(f)
    f = click.option("--iris", is_flag=True, help="In table, report and md output, add the identifiers: each thing as its label and its CURIE.")(f)
    f = click.option("--reasoned", is_flag=True, help="Run on the graph with HermiT's inferences materialised (cached).")(f)
    f = click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="A parameter value: a label (case-insensitive), a CURIE or an IRI for things; repeatable.")(f)
    return click.option("-f", "--format", "fmt", type=click.Choice(list(result_formats.FORMATS)), default=result_formats.DEFAULT,
                        show_default=True, help=result_formats.help_text())(f)


def _options(params, fmt, reasoned, engine, store, endpoint, graph, timeout, allow_service) -> dict:
    from icpa.sparql.binding import parse_assignments

    return {"values": parse_assignments(params), "reasoned": reasoned, "labels": result_formats.get(fmt).needs_labels,
            "engine": engine, "store": store, "endpoint": endpoint, "graph": graph, "timeout": timeout,
            "allow_service": allow_service}


def _working(reasoned: bool) -> str:
    if reasoned:
        return "querying the reasoned graph (the first time, HermiT infers it: about half a minute; then it is cached) …"
    return "querying …"


def _emit(table, fmt: str, iris: bool) -> None:
    from icpa.results.writers import render

    for warning in table.warnings:
        warn(warning)
    click.echo(render(table, fmt, iris), nl=False)


@cli.command(name="list")
@click.option("--tag", "tags", multiple=True, help="Only queries with this tag (repeatable: any of them).")
def list_cmd(tags: tuple[str, ...]) -> None:
    """List the saved queries: name, summary, parameters and tags.

    A saved query that cannot be read is reported after the others (exit 3).
    """
    import textwrap

    from icpa import api
    from icpa.results.terminal import terminal_width

    found = api.list_queries(tags)
    width = terminal_width()

    def say(text: str) -> None:
        click.echo("\n".join(textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ",
                                            break_on_hyphens=False, break_long_words=False)))

    for q in found.queries.values():
        params = " ".join(f"{p.name}:{p.type}" for p in q.params)
        own = " [the project's own: shadows the built-in one]" if q.name in found.shadowed else ""
        click.echo(f"{q.name}{' [reasoned]' if q.reasoned else ''}{own}")
        say(q.summary)
        if params:
            say(f"params: {params}")
        if q.tags:
            say(f"tags: {', '.join(q.tags)}")
    for problem in found.problems[:-1]:
        click.echo(f"icpa: error: {problem}", err=True)
    if found.problems:
        raise DataError(str(found.problems[-1]))


@cli.command()
@click.argument("name")
def show(name: str) -> None:
    """Show one saved query: its question, parameters, an example call and its SPARQL."""
    from icpa import api

    q = api.get_query(name)
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
def query(name: str, params, fmt, reasoned, iris, engine, store, endpoint, graph, timeout, allow_service) -> None:
    """Run the saved query NAME and print its answer.

    Example: icpa query claims-by-actor --param actor="Chris Ham" --format md
    """
    from icpa import api
    from icpa.cli.progress import status

    options = _options(params, fmt, reasoned, engine, store, endpoint, graph, timeout, allow_service)
    saved = api.get_query(name)  # loaded once: whether it is reasoned says what the status line says
    with status(_working(reasoned or saved.reasoned)):
        _, table = api.run_query(saved, options.pop("values"), **options)
    _emit(table, fmt, iris)


@cli.command()
@click.argument("query_text", metavar="FILE_OR_TEXT")
@_query_options
def sparql(query_text: str, params, fmt, reasoned, iris, engine, store, endpoint, graph, timeout, allow_service) -> None:
    """Run an ad-hoc SPARQL query, from a file or given as text. icpa only reads: updates are refused.

    Example: icpa sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> }'
    """
    from icpa import api
    from icpa.cli.progress import status

    options = _options(params, fmt, reasoned, engine, store, endpoint, graph, timeout, allow_service)
    with status(_working(reasoned)):
        table = api.run_sparql(query_text, options.pop("values"), **options)
    _emit(table, fmt, iris)
