"""``icpa load`` and ``publish``: the corpus in an on-disk store or a SPARQL server."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icpa.cli.app import SECONDS, cli, warn


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The store folder to create or replace: absent, empty, or a store icpa made.")
@click.option("--no-bundled", is_flag=True, help="Load only FILES, not the corpus's ontology and data.")
@click.option("--reasoned", is_flag=True, help="Also materialise the inferences (rules over HermiT's classification).")
@click.option("--wait", type=click.FloatRange(min=0), default=0.0, show_default=True, metavar="SECONDS",
              help="Seconds to wait for another load of the same store to end.")
def load(files: tuple[Path, ...], store: Path, no_bundled: bool, reasoned: bool, wait: float) -> None:
    """Bulk-load RDF files into a persistent Oxigraph store, for large corpora.

    The store is built beside DIR and swapped in when complete, so concurrent readers
    (`icpa query NAME --store DIR`) never see a half-loaded store. A folder that is not empty
    and not an icpa store is refused, never replaced.
    """
    from icpa import api
    from icpa.cli.progress import status

    with status(f"loading {len(files) + (0 if no_bundled else 2)} file(s) into {store}" + (" and reasoning" if reasoned else "") + " …"):
        result = api.load(list(files), store, bundled=not no_bundled, reasoned=reasoned, wait=wait)
    click.echo(f"{result.path}: {result.triples} triples from {len(result.files)} file(s) in {result.seconds:.1f} s")


@cli.command()
@click.option("--endpoint", default=None, metavar="URL",
              help="The SPARQL query endpoint (default: ICPA_ENDPOINT); used to check and count the graph.")
@click.option("--graph", default=None, metavar="IRI",
              help="The named graph to write (default https://w3id.org/icpa/graph); with --reasoned the inferences go "
                   "into IRI/inferred. No other graph is touched.")
@click.option("--update-endpoint", metavar="URL",
              help="Where writes go: a Graph Store or SPARQL Update URL (default: found from the server: Virtuoso's "
                   "/sparql-graph-crud-auth, Oxigraph's /store, else --endpoint itself).")
@click.option("--protocol", type=click.Choice(["auto", "graph-store", "update"]), default="auto", show_default=True,
              help="Graph Store HTTP Protocol or SPARQL Update; auto goes by the write URL's path.")
@click.option("--reasoned", is_flag=True, help="Also publish HermiT's inferences, into the graph IRI/inferred.")
@click.option("--replace", is_flag=True, help="Replace the graph (and its inferences) if it already holds triples.")
@click.option("--batch-size", type=click.IntRange(min=1), metavar="N", help="Triples per request (default: 50000 Graph Store, 2000 Update).")
@click.option("--timeout", type=SECONDS, default=None, metavar="SECONDS",
              help="Give up on a request the server has not answered in this time (default 300).")
@click.option("--probe-only", is_flag=True,
              help="Write nothing: only ask the server the known-answer probes about the graph already published "
                   "(they also run after every publish).")
def publish(endpoint: str | None, graph: str | None, update_endpoint: str | None, protocol: str, reasoned: bool,
            replace: bool, batch_size: int | None, timeout: float | None, probe_only: bool) -> None:
    """Publish the ontology and data into one named graph of a SPARQL server.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol, or SPARQL Update in batches; blank nodes are
    skolemised, so a publish that stopped part-way is finished, without duplicates, by running
    the same command again. Credentials come only from ICPA_ENDPOINT_USER and
    ICPA_ENDPOINT_PASSWORD (ICPA_ENDPOINT_AUTH=digest|basic to force a scheme).

    After the upload icpa asks the server a few known-answer questions (query shapes the saved
    queries use) and compares with its own engine; a server that answers one wrongly is named
    in a warning, with what to do.

    Example (Virtuoso): icpa publish --endpoint http://127.0.0.1:8890/sparql
    """
    from icpa import api

    if probe_only:
        report, advice = api.probe(endpoint, timeout=timeout, **({"graph": graph} if graph is not None else {}))
        if advice:
            warn(advice)
        click.echo(f"{report.probes - len(report.failed)} of {report.probes} known-answer probes agree with icpa's own engine")
        return

    bar = None

    from icpa.cli.progress import on_terminal

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not on_terminal():
            return  # nothing in a pipe
        if bar is None:
            bar = click.progressbar(length=total, label="publishing", file=sys.stderr, show_pos=True)
        bar.update(done - bar.pos)

    options = {"update_endpoint": update_endpoint, "protocol": protocol, "reasoned": reasoned, "replace": replace,
               "batch_size": batch_size, "timeout": timeout, "progress": progress}
    if graph is not None:
        options["graph"] = graph
    try:
        report = api.publish(endpoint, **options)
    finally:
        if bar is not None:
            bar.render_finish()
    for warning in report.warnings:
        warn(warning)
    resumed = f", resumed at batch {report.resumed_at + 1}" if report.resumed_at else ""
    graphs = " and ".join(f"<{g}>" for g in report.graphs) or f"<{report.graph}>"
    click.echo(f"published {report.triples:,} triples to {graphs} in {report.batches} batch(es) "
               f"({report.protocol}, {report.write_endpoint}{resumed}) in {report.seconds:.1f} s; "
               f"the graph holds {report.graph_triples:,} triples")
    if report.probes is not None:
        click.echo(f"{report.probes.probes - len(report.probes.failed)} of {report.probes.probes} known-answer probes "
                   "agree with icpa's own engine")
