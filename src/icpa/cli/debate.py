"""``icpa network`` and ``icpa map``: the debate as a discourse network and as an argument map."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icpa.cli.app import OUTPUT, SECONDS, cli, warn
from icpa.debate import formats
from icpa.debate import networks as nw
from icpa.engines import registry as engines
from icpa.errors import UsageError


def _where_options(f):
    f = click.option("--timeout", type=SECONDS, default=None, metavar="SECONDS", help="With --endpoint: give up after this long.")(f)
    f = click.option("--graph", default=None, metavar="IRI", help="With --endpoint: the named graph to read.")(f)
    f = click.option("--endpoint", default=None, metavar="URL", help="Read the debate from this SPARQL 1.1 endpoint.")(f)
    f = click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Read it from this on-disk store (icpa load).")(f)
    f = click.option("--engine", type=click.Choice(engines.local_engines()), default=None, help="Embedded SPARQL engine.")(f)
    f = click.option("--force", is_flag=True, help="Allow -o to overwrite a source file of the corpus.")(f)
    return click.option("-o", "--output", type=OUTPUT, help="Write to this file (default: stdout; the format may come from its suffix).")(f)


def _emit(drawn, output: Path | None) -> None:
    for warning in drawn.warnings:
        warn(warning)
    if output is not None:
        return
    if isinstance(drawn.data, bytes):
        if sys.stdout.isatty():
            raise UsageError(f"{drawn.format} is binary: give -o FILE.{drawn.format}, or pipe it")
        sys.stdout.buffer.write(drawn.data)
        sys.stdout.buffer.flush()
    else:
        click.echo(drawn.data, nl=False)


def _binary_to_terminal(table, fmt, output) -> None:
    """Refuse PNG to a terminal before any work is done."""
    chosen = formats.pick(table, fmt, output, "output")
    if chosen.binary and output is None and sys.stdout.isatty():
        raise UsageError(f"{chosen.name} is binary: give -o FILE.{chosen.name}, or pipe it")


_QUALIFIERS = sorted({q for k in nw.KINDS.values() for q in k.qualifiers})
_NORMS = sorted({n for k in nw.KINDS.values() for n in k.normalisations})


@cli.command(epilog="Kinds: " + nw.kinds_help() + ".")
@click.option("--kind", type=click.Choice(list(nw.KINDS)), default="actor-concept", show_default=True, help="Which network.")
@click.option("--qualifier", type=click.Choice(_QUALIFIERS), default=None,
              help="How for and against combine (DNA's qualifier aggregation; default: ignore for actor-concept, congruence otherwise).")
@click.option("--normalise", type=click.Choice(_NORMS), default="none", show_default=True, help="Normalise edge weights as DNA does.")
@click.option("--duplicates", type=click.Choice(nw.DUPLICATES), default="include", show_default=True,
              help="include: every statement counts (DNA's default); article: one identical statement per article.")
@click.option("--article", "articles", multiple=True, metavar="ID", help="Only these articles (a000, or a seed file name); repeatable.")
@click.option("--actor-kind", "actor_kinds", multiple=True, metavar="CLASS",
              help="Only actors of this class or its subclasses (Person, Organisation, GeneralPractice, ...); repeatable.")
@click.option("--concept", "concepts", multiple=True, metavar="CLASS",
              help="Only targets of this class, rolled up into it with its subclasses (Incentive, VerticalIntegration, ...); repeatable.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only positions dated on or after this day (undated ones are left out, and counted).")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only positions dated on or before this day.")
@click.option("--conditional-as-for", is_flag=True, help="Count conditional positions as for (left out by default).")
@click.option("--voices", is_flag=True, help="Count the articles' own voices as actors (left out by default).")
@click.option("--arguments", is_flag=True, help="With --kind actor-actor: add the claims' support and attack between actors as edges.")
@click.option("-f", "--format", "fmt", type=click.Choice(list(formats.NETWORK_FORMATS)), default=None,
              help="Output format (default: from the -o suffix, else graphml). " + formats.help_text(formats.NETWORK_FORMATS))
@_where_options
def network(kind, qualifier, normalise, duplicates, articles, actor_kinds, concepts, date_from, date_to, conditional_as_for,
            voices, arguments, fmt, output, force, engine, store, endpoint, graph, timeout) -> None:
    """A discourse network, as Discourse Network Analyzer computes it, from the claims' positions.

    A statement is one holder of a claim taking a side (for or against) on a concept; every node
    and edge lists the claims and quote anchors (seedfile#start-end) behind it.

    Example: icpa network --kind actor-actor --qualifier conflict -o conflict.graphml
    """
    from icpa import api

    _binary_to_terminal(formats.NETWORK_FORMATS, fmt, output)
    options = nw.Options(kind, qualifier, normalise, duplicates, articles, actor_kinds, concepts, date_from, date_to,
                         conditional_as_for, voices, arguments)
    from icpa.cli.progress import status

    with status(f"building the {kind} network …"):
        drawn = api.network(options, fmt, output, force=force, engine=engine, store=store, endpoint=endpoint, graph=graph,
                            timeout=timeout)
    _emit(drawn, output)
    if output is not None:
        g = drawn.made.graph
        click.echo(f"wrote {output} ({drawn.format}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges from "
                   f"{len(drawn.made.statements)} statements)", err=True)


@cli.command(name="map")
@click.option("--topic", "topics", multiple=True, metavar="T",
              help="Claims with a position on T or naming it: a class with its subclasses (VerticalIntegration) or an entity; repeatable.")
@click.option("--actor", "actors", multiple=True, metavar="A", help="Claims held or reported by this actor (label or CURIE); repeatable.")
@click.option("--article", "articles", multiple=True, metavar="ID", help="Claims of this article (a000 or a seed file name); repeatable.")
@click.option("--claim", "claims", multiple=True, metavar="C", help="A claim (a004-c12) and its neighbourhood (see --depth); repeatable.")
@click.option("--depth", type=click.IntRange(0, 20), default=None, help="With --claim: how many links away to go (default 1).")
@click.option("--cluster", type=click.Choice(["article", "topic", "none"]), default="article", show_default=True,
              help="Group the claims per article, per topic, or not at all.")
@click.option("--no-targets", is_flag=True, help="Leave out holders and targets: claims and their links only.")
@click.option("-f", "--format", "fmt", type=click.Choice(list(formats.MAP_FORMATS)), default=None,
              help="Output format (default: from the -o suffix, else dot). " + formats.help_text(formats.MAP_FORMATS))
@_where_options
def map_cmd(topics, actors, articles, claims, depth, cluster, no_targets, fmt, output, force, engine, store, endpoint, graph,
            timeout) -> None:
    """An argument map: claims (hover or click: the quote), who holds them, the positions they take
    and how they support, agree with, rebut or undercut one another. Filters combine.

    Example: icpa map --topic VerticalIntegration -o vi.html
    """
    from icpa import api
    from icpa.debate.maps import MapOptions

    if depth is not None and not claims:
        raise UsageError("--depth says how far from --claim to go; give --claim C as well")
    _binary_to_terminal(formats.MAP_FORMATS, fmt, output)
    options = MapOptions(topics, actors, articles, claims, 1 if depth is None else depth, cluster, not no_targets)
    from icpa.cli.progress import status

    with status("drawing the map …"):
        drawn = api.argument_map(options, fmt, output, force=force, engine=engine, store=store, endpoint=endpoint, graph=graph,
                                 timeout=timeout)
    _emit(drawn, output)
    if output is not None:
        n = len(drawn.made.claims)
        click.echo(f"wrote {output} ({drawn.format}: {n} claim{'s' if n != 1 else ''})", err=True)
