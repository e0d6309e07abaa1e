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


def _engines() -> list[str]:
    from icpa.backends import BACKENDS

    return [name for name, spec in BACKENDS.items() if spec.local]


_DEFAULT_GRAPH = "https://w3id.org/icpa/graph"  # = icpa.remote.DEFAULT_GRAPH (not imported: keeps --help fast)


def _endpoint_options(f):
    """--endpoint/--graph/--timeout: run on a SPARQL endpoint; they reach the command as ``remote``."""
    from functools import wraps

    @wraps(f)
    def command(*args, endpoint: str | None, graph: str, timeout: float, **kwargs):
        remote: dict = {}
        if endpoint:
            if kwargs.get("engine") or kwargs.get("store"):
                from icpa.status import UsageError

                raise UsageError("--endpoint cannot be combined with --engine or --store")
            kwargs["engine"] = "remote"
            remote = {"endpoint": endpoint, "graph": graph, "timeout": timeout}
        return f(*args, remote=remote, **kwargs)

    command = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
                           metavar="SECONDS", help="With --endpoint: give up when the endpoint has not answered in this time.")(command)
    command = click.option("--graph", default=_DEFAULT_GRAPH, show_default=True, metavar="IRI",
                           help="With --endpoint: the named graph to query (sent as the request's default graph).")(command)
    return click.option("--endpoint", envvar="ICPA_ENDPOINT", show_envvar=True, metavar="URL",
                        help="Run on this SPARQL 1.1 endpoint instead of the bundled graph (credentials: "
                             "ICPA_ENDPOINT_USER, ICPA_ENDPOINT_PASSWORD).")(command)


def _query_options(f):
    f = _endpoint_options(f)
    f = click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                     help="Query this on-disk Oxigraph store (made by `icpa load`) instead of the bundled graph.")(f)
    f = click.option("--engine", type=click.Choice(_engines()), default=None,
                     help="Embedded SPARQL engine (default: oxigraph).")(f)
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
def query(name: str, params: tuple[str, ...], fmt: str, reasoned: bool, iris: bool, engine: str | None,
          store: Path | None, remote: dict) -> None:
    """Run the saved query NAME and print its answer.

    Example: icpa query claims-by-actor --param actor="Chris Ham" --format md
    """
    from icpa.binding import parse_assignments
    from icpa.runner import run_saved

    _, table = run_saved(name, parse_assignments(params), reasoned=reasoned, labels=fmt in ("table", "md"),
                         backend=engine, store=store, **remote)
    _emit(table, fmt, iris)


@cli.command()
@click.argument("query_text", metavar="FILE_OR_TEXT")
@_query_options
def sparql(query_text: str, params: tuple[str, ...], fmt: str, reasoned: bool, iris: bool, engine: str | None,
           store: Path | None, remote: dict) -> None:
    """Run an ad-hoc SPARQL query, from a file or given as text.

    Example: icpa sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> }'
    """
    from icpa.binding import parse_assignments
    from icpa.runner import run_adhoc

    table = run_adhoc(query_text, parse_assignments(params), reasoned=reasoned, labels=fmt in ("table", "md"),
                      backend=engine, store=store, **remote)
    _emit(table, fmt, iris)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", required=True, type=click.Path(file_okay=False, path_type=Path), help="The on-disk store to create or replace.")
@click.option("--no-bundled", is_flag=True, help="Load only FILES, not the bundled ontology and data.")
@click.option("--reasoned", is_flag=True, help="Also load HermiT's inferences for the bundled ontology and data.")
@click.option("--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for another load of the same store to end.")
def load(files: tuple[Path, ...], store: Path, no_bundled: bool, reasoned: bool, wait: float) -> None:
    """Bulk-load RDF files into a persistent Oxigraph store, for large corpora.

    The store is built beside DIR and swapped in when complete, so concurrent readers
    (`icpa query NAME --store DIR`) never see a half-loaded store.
    """
    from icpa.stores import load as run

    result = run(list(files), store, bundled_data=not no_bundled, reasoned=reasoned, wait=wait)
    click.echo(f"{result.path}: {result.triples} triples from {len(result.files)} file(s) in {result.seconds:.1f} s")


@cli.command()
@click.option("--endpoint", envvar="ICPA_ENDPOINT", show_envvar=True, required=True, metavar="URL",
              help="The SPARQL query endpoint (used to check and count the graph).")
@click.option("--graph", default=_DEFAULT_GRAPH, show_default=True, metavar="IRI", help="The named graph to write; no other graph is touched.")
@click.option("--update-endpoint", metavar="URL",
              help="Where writes go: a Graph Store or SPARQL Update URL (default: Virtuoso's /sparql-graph-crud-auth beside "
                   "a Virtuoso --endpoint, else --endpoint itself).")
@click.option("--protocol", type=click.Choice(["auto", "graph-store", "update"]), default="auto", show_default=True,
              help="Graph Store HTTP Protocol or SPARQL Update; auto goes by the write URL's path.")
@click.option("--reasoned", is_flag=True, help="Also publish the inferences HermiT adds.")
@click.option("--replace", is_flag=True, help="Replace the graph if it already holds triples (only that graph).")
@click.option("--batch-size", type=click.IntRange(min=1), metavar="N", help="Triples per request (default: 50000 Graph Store, 2000 Update).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True, metavar="SECONDS",
              help="Give up on a request the server has not answered in this time.")
def publish(endpoint: str, graph: str, update_endpoint: str | None, protocol: str, reasoned: bool, replace: bool,
            batch_size: int | None, timeout: float) -> None:
    """Publish the ontology and data into one named graph of a SPARQL server.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol, or SPARQL Update in batches; blank nodes are
    skolemised, so a publish that stopped part-way is finished, without duplicates, by running
    the same command again. Credentials come only from ICPA_ENDPOINT_USER and
    ICPA_ENDPOINT_PASSWORD (ICPA_ENDPOINT_AUTH=digest|basic to force a scheme).

    Example (Virtuoso): icpa publish --endpoint http://127.0.0.1:8890/sparql
    """
    from icpa.publish import publish as run

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="publishing", file=click.get_text_stream("stderr"), show_pos=True)
        bar.update(done - bar.pos)

    try:
        report = run(endpoint, graph=graph, update_endpoint=update_endpoint, protocol=protocol, reasoned=reasoned,
                     replace=replace, batch_size=batch_size, timeout=timeout, progress=progress)
    finally:
        if bar is not None:
            bar.render_finish()
    for warning in report.warnings:
        click.echo(f"icpa: warning: {warning}", err=True)
    resumed = f", resumed at batch {report.resumed_at + 1}" if report.resumed_at else ""
    click.echo(f"published {report.triples:,} triples to <{report.graph}> in {report.batches} batch(es) "
               f"({report.protocol}, {report.write_endpoint}{resumed}) in {report.seconds:.1f} s; "
               f"the graph holds {report.graph_triples:,} triples")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="icpa")
