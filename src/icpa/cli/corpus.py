"""``icpa build``, ``validate``, ``info``, ``export`` and ``reason``: the corpus and its ontology."""

from __future__ import annotations

from pathlib import Path

import click

from icpa.cli.app import OUTPUT, cli
from icpa.debate import formats as argument_formats
from icpa.errors import CheckFailed
from icpa.rdf import formats as rdf_formats


@cli.command()
@click.option("--check", is_flag=True, help="Do not write; exit 1 if the compiled file is stale.")
@click.option("-o", "--output", type=OUTPUT, help="Write here instead of ontology/icpa-data.ttl.")
@click.option("--force", is_flag=True, help="Allow -o to overwrite a source file of the corpus.")
def build(check: bool, output: Path | None, force: bool) -> None:
    """Compile the curated data (data/*.yaml) into ontology/icpa-data.ttl.

    Every quote is located in its article; a quote that is not there verbatim, or is there more
    than once without an offset, stops the build with the nearest match. Each article's text
    must be the one its YAML pins (sha256).
    """
    from icpa import api

    result = api.build(output, check=check, force=force)
    if check and result.changed:
        raise CheckFailed(f"{result.path} is stale: run `icpa build`")
    state = "up to date" if not result.changed else ("would change" if check else "written")
    click.echo(f"{result.path}: {result.triples} triples, {state}")


def _checks_epilog() -> str:
    from icpa.checks.registry import CHECKS

    return "Checks: " + "; ".join(f"{c.name}{' (Java)' if c.java else ''}: {c.description}" for c in CHECKS.values()) + "."


@cli.command(epilog=_checks_epilog())
@click.option("--no-java", is_flag=True, help="Skip the checks that need Java (OWL API, HermiT).")
@click.option("--ontology", type=click.Path(dir_okay=False, path_type=Path), help="Check this ontology file instead of the corpus's.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), help="Check this data file instead of the corpus's.")
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), help="Validate against these SHACL shapes instead of the corpus's.")
def validate(no_java: bool, ontology: Path | None, data: Path | None, shapes: Path | None) -> None:
    """Check the ontology and data; print a report, one line per problem (ERROR, WARN, INFO).

    Exits 1 if any line is an ERROR. The checks are listed below.
    """
    from icpa import api
    from icpa.cli.progress import status

    with status("validating …") as line:
        report = api.validate(ontology=ontology, data=data, shapes=shapes, java=not no_java,
                              on_check=lambda name, n, total: line.update(f"validating: {name} ({n} of {total}) …"))
    for finding in report.findings:
        click.echo(finding.line())
    click.echo(report.summary())
    if not report.ok:
        raise CheckFailed(f"validation failed: {report.count('ERROR')} error(s)")


@cli.command()
def info() -> None:
    """Print which corpus the commands work on, then counts: articles, actors, claims, quotes, triples."""
    from icpa import api, project

    click.echo(f"corpus: {project.current().describe()}")
    for name, value in api.info().items():
        click.echo(f"{name:<12}{value:>8}")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="The project's name (default: the folder's name).")
@click.option("--example", is_flag=True, help="Start from icpa's bundled corpus: its five articles and their curated data.")
def init(folder: Path, name: str | None, example: bool) -> None:
    """Make a project in FOLDER (absent or empty): your own articles (seeds/), their curated data
    (data/) and saved queries (queries/, beside icpa's built-in ones).

    Commands run inside it (or given --project FOLDER) work on it. Its individuals share icpa's
    namespace, so articles you add can name the bundled corpus's people and organisations.
    """
    from icpa import api

    made = api.init_project(folder, name=name, example=example)
    click.echo(f"made the project {made.name!r} in {made.root}" + (" from the bundled corpus" if example else ""))


@cli.command(name="export")
@click.option("-f", "--format", "fmt", type=click.Choice(rdf_formats.exportable() + list(argument_formats.ARGUMENT_FORMATS)),
              default=None, help="Output format (default: from the -o file's suffix, else ttl). " + rdf_formats.help_text()
              + " Argument formats: " + argument_formats.help_text(argument_formats.ARGUMENT_FORMATS))
@click.option("-o", "--output", type=OUTPUT, help="Write to this file (default: stdout).")
@click.option("--what", type=click.Choice(["all", "ontology", "data"]), default="all", show_default=True,
              help="The ontology, the instance data, or both merged.")
@click.option("--reasoned", is_flag=True, help="Include HermiT's inferences (for the ontology: its classification).")
@click.option("--force", is_flag=True, help="Allow overwriting a source file of the corpus (ontology/, data/, seeds/, queries/).")
def export_cmd(fmt: str | None, output: Path | None, what: str, reasoned: bool, force: bool) -> None:
    """Write the ontology and/or data as Turtle, RDF/XML (owl), N-Triples or JSON-LD; or the
    debate as AIF JSON (what OVA3 and AIFdb read) or Argdown.

    Every format is byte-identical run to run. Turtle uses @prefix lines, so Protégé and the
    OWL API read it; `owl` is RDF/XML, Protégé's default.
    """
    from icpa import api

    written = api.export(fmt, output, what=what, reasoned=reasoned, force=force)
    if output is None:
        click.echo(written.text, nl=False)
    else:
        counted = "claims" if written.format in argument_formats.ARGUMENT_FORMATS else "triples"
        click.echo(f"wrote {output} ({written.format}, {written.triples} {counted})", err=True)


@cli.command()
@click.option("-o", "--output", type=OUTPUT, help="Write the inferred triples here as Turtle (default: stdout).")
@click.option("--refresh", is_flag=True, help="Ignore the cache and run HermiT again.")
@click.option("--force", is_flag=True, help="Allow -o to overwrite a source file of the corpus.")
def reason(output: Path | None, refresh: bool, force: bool) -> None:
    """Run HermiT over ontology + data and write the inferred triples.

    The result is cached (keyed by the ontology and data, icpa's version and the reasoning
    code), so later --reasoned queries reuse it without starting Java.
    """
    from icpa import api

    written = api.reason(output, refresh=refresh, force=force)
    if output is None:
        click.echo(written.text, nl=False)
    else:
        click.echo(f"wrote {output}: {written.triples} inferred triples", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@click.option("--id", "article_id", metavar="aNNN", help="The article's id (default: the next free one).")
@click.option("--encoding", metavar="NAME", help="The file's text encoding, where it is not UTF-8 (cp1252, latin-1, ...).")
@click.option("--label", metavar="TEXT", help="A label for the article (default: its first line).")
def ingest(files: tuple[Path, ...], article_id: str | None, encoding: str | None, label: str | None) -> None:
    """Add articles (plain text, an HTML page or a PDF) to the project: store each text in seeds/ and write a draft
    data/<id>.yaml of proposals (actors, claims with their speakers and positions, concept
    mentions, figures), each marked `status: proposed` with why it was proposed.

    Nothing enters the graph until a person accepts it: `icpa review` lists what is pending,
    and `icpa build` refuses a file with proposals left.
    """
    from icpa import api

    for done in api.ingest(list(files), article_id=article_id, encoding=encoding, label=label):
        counts = ", ".join(f"{n} {k}" for k, n in done.counts.items())
        click.echo(f"{done.article}: stored {done.seed.name}; proposed {counts} in {done.draft}")


POLARITIES = ("for", "against", "conditional", "neutral")


def _review_one(corpus, path, item) -> bool:
    """One proposal in the terminal: accept, reject, edit then accept, skip, or quit (False)."""
    from icpa.ingest import draft

    click.echo(f"\n{path.name}: {item.section} {item.label}" + (f": {item.what}" if item.what else ""))
    click.echo(f"  why: {item.why}")
    click.echo(f"  in the text: {draft.context(corpus, path, item)}")
    choice = click.prompt("  [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit", type=click.Choice(list("aresq")),
                          show_choices=False, default="s")
    if choice == "q":
        return False
    if choice == "a":
        draft.decide(path, item, "accepted")
    elif choice == "r":
        draft.decide(path, item, "rejected")
    elif choice == "e":
        changes = {}
        if item.section == "claims":
            import yaml

            entry = (yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or [])[item.index]
            holders = click.prompt("  holders (ids, comma-separated)", default=", ".join(entry.get("holders") or []))
            changes["holders"] = [h.strip() for h in holders.split(",") if h.strip()]
            changes["text"] = click.prompt("  text", default=entry.get("text", ""))
            changes["polarities"] = [click.prompt(f"  polarity on {p.get('target')}", type=click.Choice(POLARITIES),
                                                  default=p.get("polarity")) for p in entry.get("positions") or []]
        elif item.section == "entities":
            changes["label"] = click.prompt("  label", default=item.what.split(": ", 1)[-1])
        draft.decide(path, item, "accepted", changes)
    return True


@cli.command()
@click.argument("article_id", required=False, metavar="[ID]")
@click.option("--accept-all", is_flag=True, help="Accept every pending proposal (of ID, or of every article).")
@click.option("--interactive/--list", "interactive", default=None,
              help="Go through the proposals one at a time, with the text around each (the default on a terminal), "
                   "or only list them.")
def review(article_id: str | None, accept_all: bool, interactive: bool | None) -> None:
    """Review the proposals still pending (of article ID, or of all): on a terminal one at a
    time, with the sentence around each, to accept, reject, edit (the speaker, text, polarity)
    or skip, every decision written to the YAML at once; in a pipe, a list. With --accept-all,
    accept them all. A proposal can also be settled by setting its `status:` in the YAML."""
    import sys

    from icpa import api, project

    if interactive is None:
        interactive = sys.stdin.isatty() and not accept_all
    if interactive and not accept_all:
        corpus = project.current()
        for path, items in api.review(article_id).items():
            for item in items:
                if not _review_one(corpus, path, item):
                    return
        left = sum(len(v) for v in api.review(article_id).values())
        click.echo(f"\n{left} proposal(s) left to review" if left else "\nnothing left to review; run `icpa build`")
        return
    result = api.review(article_id, accept_all=accept_all)
    if accept_all:
        for path, n in result.items():
            click.echo(f"{path.name}: accepted {n} proposal(s)")
        if not result:
            click.echo("nothing to review")
        return
    for path, items in result.items():
        click.echo(f"{path.name}: {len(items)} proposal(s) to review")
        for item in items:
            click.echo(f"  {item.section:<9} {item.label}: {item.what}" if item.what else f"  {item.section:<9} {item.label}")
            click.echo(f"            why: {item.why}")
            if item.quote:
                click.echo(f"            > {item.quote[:160]}")
    if not result:
        click.echo("nothing to review")


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def remove(article_id: str, yes: bool) -> None:
    """Take article ID out of the project: its data file and its text in seeds/. Refused while
    another article's data refers to it. Run `icpa build` afterwards."""
    import sys

    from icpa import api
    from icpa.errors import UsageError

    data, seed = api.removal_plan(article_id)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"icpa remove {article_id} deletes {data.name} and seeds/{seed.name}: pass --yes to confirm")
        click.confirm(f"delete {data} and {seed}?", abort=True, err=True)
    done = api.remove_article(article_id)
    click.echo(f"removed {done.article}: {', '.join(p.name for p in done.files)}; run `icpa build`")
