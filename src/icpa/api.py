"""The operations of icpa, one function per command: what the CLI and a web app both call.

Each takes plain values (names, paths, strings), returns an object, never prints and never
exits; every error a user can cause is an :class:`~icpa.errors.IcpaError` with its exit status.
The corpus an operation works on is :func:`icpa.project.current` unless one is passed.

    >>> from icpa import api
    >>> query, table = api.run_query("claims-by-actor", {"actor": "Chris Ham"})
    >>> api.info()["claims"]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from icpa import kg, project, settings
from icpa.errors import DataError, UsageError, shorten
from icpa.fsutil import write_text
from icpa.results.table import ResultTable, sort_list_cells
from icpa.sparql import binding, lexer, saved

# -- saved queries ---------------------------------------------------------------------------


def list_queries(tags: tuple[str, ...] | list[str] = (), *, corpus: project.Corpus | None = None) -> saved.Catalogue:
    """The saved queries (those with any of ``tags``, if given), the files that could not be
    read, and the built-in queries a project's own shadow."""
    corpus = corpus or project.current()
    found = saved.scan(corpus.query_dirs)
    if tags:
        chosen = {n: q for n, q in found.queries.items() if set(tags) & set(q.tags)}
        if not chosen and found.queries:
            raise UsageError(f"no saved query has the tag(s) {', '.join(tags)}")
        found = saved.Catalogue(chosen, found.problems, {n: p for n, p in found.shadowed.items() if n in chosen})
    return found


def get_query(name: str, *, corpus: project.Corpus | None = None) -> saved.SavedQuery:
    """One saved query by name: a project's own before a built-in one (an unknown name suggests the closest)."""
    return saved.get(name, (corpus or project.current()).query_dirs)


@dataclass(frozen=True)
class Project:
    name: str
    root: Path


def init_project(folder: str | Path, *, name: str | None = None, example: bool = False) -> Project:
    """Make a project in ``folder`` (absent or an empty folder): ``icpa-project.toml``, ``seeds/``,
    ``data/`` (with the curators' rules), ``queries/`` and ``ontology/``; with ``example``, the
    bundled corpus's articles, curated data and compiled data. It is made in a temporary folder
    beside ``folder`` and renamed into place, so a failure leaves nothing behind."""
    import os
    import shutil
    import tempfile

    from icpa.errors import RefusedWrite
    from icpa.fsutil import umask

    target = Path(folder).expanduser().absolute()
    if target.exists():
        if not target.is_dir():
            raise RefusedWrite(f"{folder}: exists and is not a folder; name a new or empty folder")
        if any(target.iterdir()):
            raise RefusedWrite(f"{folder}: is not empty; icpa init makes a project only in a new or empty folder")
    if not target.parent.is_dir():
        raise UsageError(f"{folder}: cannot make it: no such directory {target.parent}")
    name = name or target.name
    if any(c in name for c in '"\\\n'):
        raise UsageError(f"--name {shorten(name)}: a project's name cannot hold quotes, backslashes or line breaks")
    source = project.bundled()
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise UsageError(f"{folder}: cannot make it: {exc.strerror}") from None
    try:
        for sub in ("seeds", "data", "queries", "ontology"):
            (work / sub).mkdir()
        (work / project.PROJECT_FILE).write_text(
            "# An icpa project: your articles (seeds/), their curated data (data/, see data/README.md) and your\n"
            "# saved queries (queries/, beside icpa's built-in ones; one of the same name shadows the built-in).\n"
            "# Commands run in this folder, or with --project, work on it. Made by `icpa init`.\n"
            f'[project]\nname = "{name}"\n', encoding="utf-8")
        shutil.copyfile(source.curated_dir / "README.md", work / "data" / "README.md")
        (work / "queries" / "README.md").write_text(
            "# Your saved queries\n\nA `.rq` file here is a saved query (`icpa list`, `icpa query NAME`), written as icpa's\n"
            f"built-in ones are (their folder, {source.queries_dir}, has a README on the format).\n"
            "A query here with a built-in's name shadows the built-in one; `icpa list` says so.\n", encoding="utf-8")
        tbox = source.ontology_file.resolve().as_uri()
        (work / "ontology" / "catalog-v001.xml").write_text(  # Protégé and the OWL API resolve the data's import offline
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
            f'    <uri id="icpa ontology" name="https://w3id.org/icpa/ontology" uri="{tbox}"/>\n'
            f'    <uri id="icpa ontology 0.2.0" name="https://w3id.org/icpa/ontology/0.2.0" uri="{tbox}"/>\n'
            '    <uri id="icpa data" name="https://w3id.org/icpa/data" uri="icpa-data.ttl"/>\n'
            '</catalog>\n', encoding="utf-8")
        if example:
            for path in sorted(source.seeds_dir.glob("*.txt")):
                shutil.copyfile(path, work / "seeds" / path.name)
            for path in source.curated_files():
                shutil.copyfile(path, work / "data" / path.name)
            shutil.copyfile(source.data_file, work / "ontology" / source.data_file.name)
        for path in sorted(work.rglob("*")):
            os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask())
        os.chmod(work, 0o777 & ~umask())
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Project(name, target)





def load_adhoc(text_or_file: str) -> saved.SavedQuery:
    """An ad-hoc query from a file path or from the query text itself."""
    path = Path(text_or_file)
    try:
        is_file = len(text_or_file) < 4096 and path.is_file()
    except OSError:
        is_file = False
    if is_file:
        return saved.load_file(path)
    body = text_or_file.lstrip("\ufeff")
    if lexer.form(body) is not None:
        return saved.parse_text(body, "query")
    if len(text_or_file) < 4096 and (path.suffix == ".rq" or "/" in text_or_file) and "\n" not in text_or_file:
        if path.is_dir():
            raise DataError(f"{text_or_file}: is a directory, not a query file")
        raise DataError(f"{text_or_file}: no such file")
    raise DataError(f"{shorten(text_or_file)}: no such file, and not SPARQL query text (SELECT, ASK, CONSTRUCT or DESCRIBE)")


@dataclass(frozen=True)
class Target:
    """Where a query runs: an engine and its options (a store, an endpoint)."""

    engine: str
    options: dict

    def open(self, *, reasoned: bool, corpus: project.Corpus | None):
        from icpa.engines.registry import open_engine

        return open_engine(self.engine, reasoned=reasoned, corpus=corpus, **self.options)


def target(*, engine: str | None = None, store: str | Path | None = None, endpoint: str | None = None,
           graph: str | None = None, timeout: float | None = None) -> Target:
    """Decide where a query runs. An option given explicitly wins over ``ICPA_ENDPOINT``; ``graph``
    and ``timeout`` belong to an endpoint and are refused without one."""
    from icpa.engines.registry import DEFAULT_ENGINE, ENGINES

    if endpoint and (engine or store):
        raise UsageError(f"--endpoint cannot be combined with {'--engine' if engine else '--store'}: "
                         "a query runs on one engine, an on-disk store or a remote endpoint")
    if not endpoint and not engine and not store:
        endpoint = settings.current().endpoint  # ICPA_ENDPOINT, when nothing else is said
    if not endpoint:
        for name, value in (("--graph", graph), ("--timeout", timeout)):
            if value is not None:
                raise UsageError(f"{name} applies to a remote endpoint; give --endpoint URL (or set ICPA_ENDPOINT)")
        name = engine or DEFAULT_ENGINE
        if name not in ENGINES or not ENGINES[name].local:
            raise UsageError(f"unknown engine {shorten(name)}; choose one of {', '.join(n for n, s in ENGINES.items() if s.local)}")
        return Target(name, {"store": str(store)} if store is not None else {})
    if timeout is not None and (not math.isfinite(timeout) or timeout <= 0):
        raise UsageError(f"--timeout must be a number of seconds above 0, got {timeout!r}")
    return Target("remote", {"endpoint": endpoint, "graph": graph, "timeout": timeout})


def execute(query: saved.SavedQuery, values: dict[str, str] | None = None, *, reasoned: bool = False,
            where: Target | None = None, labels: bool = True, allow_service: bool = False,
            corpus: project.Corpus | None = None) -> ResultTable:
    """Bind ``values`` to ``query``'s parameters and run it where ``where`` says (the default engine
    on the corpus otherwise); ``reasoned`` adds HermiT's inferences, as does a query marked so."""
    where = where or target()
    if where.engine != "remote" and not allow_service and lexer.calls_service(query.text):
        raise UsageError(f"{query.name if query.name != 'query' else 'the query'} calls SERVICE, which would make the local "
                         "engine fetch data over the network; icpa does not do that unless asked: pass --allow-service")
    engine = where.open(reasoned=reasoned or query.reasoned, corpus=corpus)
    try:
        bound = binding.bind(query, values or {}, engine.candidates, engine.lookup)
        table = engine.execute(binding.inject_values(query.text, bound))
        if query.lists:
            table = sort_list_cells(table, query.lists, saved.LIST_SEPARATOR)
        if labels:
            table.labels = engine.labels(table.iris())
    finally:
        engine.close()
    return table


def run_query(name: str | saved.SavedQuery, values: dict[str, str] | None = None, *, corpus: project.Corpus | None = None,
              **options) -> tuple[saved.SavedQuery, ResultTable]:
    """Run the saved query called ``name`` (or one already loaded by :func:`get_query`; options
    as :func:`execute`, or ``engine``/``store``/``endpoint``/``graph``/``timeout`` to say where)."""
    query = name if isinstance(name, saved.SavedQuery) else get_query(name, corpus=corpus)
    return query, execute(query, values, corpus=corpus, **_where(options))


def run_sparql(text_or_file: str, values: dict[str, str] | None = None, **options) -> ResultTable:
    """Run an ad-hoc query, given as text or as the path of a ``.rq`` file."""
    return execute(load_adhoc(text_or_file), values, **_where(options))


def _where(options: dict) -> dict:
    keys = ("engine", "store", "endpoint", "graph", "timeout")
    if "where" not in options:
        options = dict(options)
        options["where"] = target(**{k: options.pop(k) for k in keys if k in options})
    return options


# -- the corpus -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    path: Path
    triples: int
    changed: bool


def build(output: Path | None = None, *, check: bool = False, force: bool = False,
          corpus: project.Corpus | None = None) -> BuildResult:
    """Compile the curated data (``data/*.yaml``) into ``ontology/icpa-data.ttl`` (or ``output``).

    With ``check`` nothing is written; ``changed`` tells whether the file on disk is stale.
    """
    from icpa.corpus.compiler import compile_data, render

    corpus = corpus or project.current()
    target_file = Path(output) if output is not None else corpus.data_file
    if output is None and not check:
        corpus.require_writable("icpa build")
    graph = compile_data(corpus.curated_files(), ontology=kg.load_ontology(corpus), seeds=corpus.seeds_dir)
    text = render(graph)
    try:
        current = target_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    changed = current != text
    if changed and not check:
        # the compiled data file is build's own output; any other source file needs --force
        protected = [] if output is None else corpus.protected()
        write_text(target_file, text, force=force, protected=protected)
    return BuildResult(target_file, len(graph), changed)


def validate(*, ontology: Path | None = None, data: Path | None = None, shapes: Path | None = None, java: bool = True,
             only: list[str] | None = None, corpus: project.Corpus | None = None, on_check=None):
    """Run every check (``icpa validate``) and return the :class:`~icpa.checks.registry.Report`;
    ``on_check(name, n, total)`` hears of each check as it starts."""
    from icpa.checks.registry import Context
    from icpa.checks.registry import validate as run

    corpus = corpus or project.current()
    own = ontology is None and data is None
    data_path = Path(data) if data is not None else (corpus.data_file if ontology is None and corpus.data_file.is_file() else None)
    ctx = Context(Path(ontology) if ontology is not None else corpus.ontology_file, data_path,
                  Path(shapes) if shapes is not None else corpus.shapes_file, seeds=corpus.seeds_dir,
                  curated=corpus.curated_files() if own else None, java=java)
    return run(ctx, only=only, on_check=on_check)


def info(*, corpus: project.Corpus | None = None) -> dict[str, int]:
    """Counts of what the corpus holds: articles, actors, claims, quotes, triples, …"""
    return kg.counts(kg.load(corpus=corpus))


WHATS = ("all", "ontology", "data")


@dataclass(frozen=True)
class Written:
    """What an export or reasoning step produced: the text, and the file it went to (if any)."""

    text: str
    format: str
    path: Path | None = None
    triples: int = 0


def graph_of(what: str = "all", *, reasoned: bool = False, corpus: project.Corpus | None = None):
    """The graph ``icpa export --what`` means: the ontology, the data, or both merged; with
    ``reasoned``, HermiT's inferences about it (the classified TBox for the ontology, the
    inferred facts about individuals for the data, everything for both)."""
    from rdflib import URIRef

    from icpa import vocab

    if what not in WHATS:
        raise UsageError(f"--what must be one of {', '.join(WHATS)}, got {shorten(what)}")
    if what == "all":
        return kg.load(reasoned=reasoned, corpus=corpus)
    if what == "ontology":
        graph = kg.load_ontology(corpus)
        if reasoned:
            graph += kg.classified_tbox(corpus)
        return graph
    graph = kg.load_data(corpus)
    if reasoned:
        for triple in kg.inferences(corpus):
            if isinstance(triple[0], URIRef) and str(triple[0]).startswith(vocab.DATA):
                graph.add(triple)
    return graph


def export(fmt: str | None = None, output: Path | None = None, *, what: str = "all", reasoned: bool = False,
           force: bool = False, corpus: project.Corpus | None = None) -> Written:
    """Serialise the ontology and/or data. The format is ``fmt``, else the suffix of ``output``,
    else Turtle; a source file of the corpus is only overwritten with ``force``."""
    from icpa.debate.formats import ARGUMENT_FORMATS
    from icpa.rdf import formats

    corpus = corpus or project.current()
    if fmt in ARGUMENT_FORMATS or (fmt is None and output is not None and any(
            str(output).lower().endswith(s) for f in ARGUMENT_FORMATS.values() for s in f.suffixes)):
        if what != "all" or reasoned:
            raise UsageError("--what and --reasoned choose RDF; the argument formats (aif, argdown) hold the claims and their links")
        return export_arguments(fmt, output, force=force, corpus=corpus)
    if fmt:
        rdf_format = formats.get(fmt)
    elif output is not None:  # by the suffix; Turtle only for a name without one (x.graphml is refused, not Turtle)
        rdf_format = formats.for_file(output, default="ttl" if not Path(output).suffix else None)
    else:
        rdf_format = formats.get("ttl")
    if rdf_format.writer is None:
        raise UsageError(f"icpa does not write {rdf_format.name}; choose one of {', '.join(formats.exportable())}")
    if output is not None:
        from icpa.fsutil import check_writable

        check_writable(output, force=force, protected=corpus.protected())  # before the work, not after
    graph = graph_of(what, reasoned=reasoned, corpus=corpus)
    text = rdf_format.write(graph)
    path = write_text(output, text, force=force, protected=corpus.protected()) if output is not None else None
    return Written(text, rdf_format.name, path, len(graph))


def reason(output: Path | None = None, *, refresh: bool = False, force: bool = False,
           corpus: project.Corpus | None = None) -> Written:
    """HermiT's inferences over ontology + data as Turtle (cached until an input changes)."""
    from icpa.rdf import turtle

    corpus = corpus or project.current()
    if output is not None:
        from icpa.fsutil import check_writable

        check_writable(output, force=force, protected=corpus.protected())
    graph = kg.inferences(corpus, refresh=refresh)
    text = turtle.serialize(graph)
    path = write_text(output, text, force=force, protected=corpus.protected()) if output is not None else None
    return Written(text, "ttl", path, len(graph))


# -- stores and servers -------------------------------------------------------------------------


def load(files: list[Path], store: str | Path, *, bundled: bool = True, reasoned: bool = False, wait: float = 0.0,
         corpus: project.Corpus | None = None):
    """Bulk-load RDF files (and the corpus) into a persistent on-disk store (``icpa load``)."""
    from icpa.engines import stores

    return stores.load(list(files), store, bundled_data=bundled, reasoned=reasoned, wait=wait, corpus=corpus)


def publish(endpoint: str | None = None, **options):
    """Put the ontology and data (and with ``reasoned`` the inferences) into a SPARQL server's
    named graph (``icpa publish``); see :func:`icpa.remote.publish.publish`."""
    from icpa.remote.publish import publish as run

    endpoint = endpoint or settings.current().endpoint
    if not endpoint:
        raise UsageError("publish needs --endpoint URL (or ICPA_ENDPOINT)")
    return run(endpoint, **options)


def probe(endpoint: str | None = None, **options):
    """Run only the known-answer probes against a graph already published (``icpa publish
    --probe-only``): ``(report, warning or None)``; see :func:`icpa.remote.publish.check`."""
    from icpa.remote.publish import check

    endpoint = endpoint or settings.current().endpoint
    if not endpoint:
        raise UsageError("publish needs --endpoint URL (or ICPA_ENDPOINT)")
    return check(endpoint, **options)


# -- seeing the debate: networks, maps, argument formats ------------------------------------------


@dataclass(frozen=True)
class Drawn:
    """What ``icpa network`` and ``icpa map`` made: the output (text, or bytes for PNG), its
    format, the file it went to (if any), and the network or map it was made from."""

    data: str | bytes
    format: str
    path: Path | None
    made: object  #: a :class:`~icpa.debate.networks.Network` or :class:`~icpa.debate.maps.ArgumentMap`
    warnings: tuple[str, ...] = ()


def debate(*, reasoned: bool = False, corpus: project.Corpus | None = None, **where):
    """The debate (claims, holders, positions, links, quotes) read from where ``where`` says
    (``engine``/``store``/``endpoint``/``graph``/``timeout``, as for queries)."""
    from icpa.debate.model import read

    engine = target(**where).open(reasoned=reasoned, corpus=corpus)
    try:
        return read(engine)
    finally:
        engine.close()


def _output(table: dict, fmt: str | None, output: Path | None, what: str, force: bool, corpus: project.Corpus):
    from icpa.debate.formats import pick

    chosen = pick(table, fmt, output, what)
    if output is not None:
        from icpa.fsutil import check_writable

        check_writable(output, force=force, protected=corpus.protected())  # before the work, not after
    return chosen


def _write(data: str | bytes, output: Path | None, force: bool, corpus: project.Corpus) -> Path | None:
    from icpa.fsutil import write_bytes

    if output is None:
        return None
    return write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data, force=force, protected=corpus.protected())


def _picture(fmt: str, dot: str, title: str, items: dict, listing: list[str], alt: str) -> str | bytes:
    from icpa.debate import drawing

    if fmt == "dot":
        return dot
    if fmt == "html":
        return drawing.page(title, drawing.render(dot, "svg"), items, listing, alt)
    data = drawing.render(dot, fmt)
    return data.decode("utf-8") if fmt == "svg" else data


def network(options=None, fmt: str | None = None, output: Path | None = None, *, force: bool = False,
            corpus: project.Corpus | None = None, **where) -> Drawn:
    """A discourse network (``icpa network``): DNA's actor × concept, actor × actor or concept ×
    concept network from the claims' positions, as GraphML, GEXF, CSV or a picture."""
    from icpa.debate import graphs, networks
    from icpa.debate.formats import NETWORK_FORMATS

    corpus = corpus or project.current()
    options = (options or networks.Options()).checked()
    chosen = _output(NETWORK_FORMATS, fmt, output, "network", force, corpus)
    d = debate(corpus=corpus, **where)
    made = networks.build(d, options)
    g = made.graph
    writers = {"graphml": graphs.write_graphml, "gexf": graphs.write_gexf, "csv": graphs.write_edges_csv,
               "nodes-csv": graphs.write_nodes_csv}
    if chosen.name in writers:
        data = writers[chosen.name](g)
    else:
        from icpa.debate import drawing

        kind = networks.KINDS[options.kind]
        title = f"{kind.name} network ({options.qualifier}; {g.number_of_nodes()} nodes, {g.number_of_edges()} ties, " \
                f"{len(made.statements)} statements)"
        items = {n: {"label": a["label"], "kind": a.get("kind", ""),
                     "facts": [f"{a['statements']} statement(s) in {a['articles']}"] +
                              [f"{g.nodes[v]['label']}: {_tie_words(e)}" for _, v, e in g.edges(n, data=True)],
                     "quotes": [{"exact": q.exact, "anchor": q.anchor, "article": d.articles[d.claims[c].article].label}
                                for c in a["claims"].split()[:20] for q in d.claims[c].quotes]}
                 for n, a in g.nodes(data=True)}
        listing = [f"{g.nodes[u]['label']} and {g.nodes[v]['label']}: {_tie_words(e)}" for u, v, e in g.edges(data=True)]
        data = _picture(chosen.name, drawing.network_dot(made, d, title), title, items, listing,
                        f"A {kind.name} network of {g.number_of_nodes()} nodes and {g.number_of_edges()} ties; "
                        "the list below the picture gives every tie")
    return Drawn(data, chosen.name, _write(data, output, force, corpus), made, tuple(made.warnings))


def _tie_words(e: dict) -> str:
    """A tie of a network in words: its weight and what it is made of."""
    parts = [f"weight {e['weight']}"]
    for key in ("for", "against", "congruence", "conflict"):
        if key in e:
            parts.append(f"{key} {e[key]}")
    if e.get("agreed_on"):
        parts.append(f"agree on {e['agreed_on']}")
    if e.get("conflict_on"):
        parts.append(f"conflict on {e['conflict_on']}")
    if e.get("kind") not in (None, "position", "positions"):
        parts.append(e["kind"])
    return "; ".join(parts)


def argument_map(options=None, fmt: str | None = None, output: Path | None = None, *, force: bool = False,
                 corpus: project.Corpus | None = None, **where) -> Drawn:
    """An argument map (``icpa map``): claims, their holders and targets, support and attack,
    cut to a topic, actor, article or a claim's neighbourhood; DOT, SVG, PNG or an HTML page."""
    from icpa.debate import maps
    from icpa.debate.formats import MAP_FORMATS

    corpus = corpus or project.current()
    chosen = _output(MAP_FORMATS, fmt, output, "map", force, corpus)
    d = debate(corpus=corpus, **where)
    made = maps.select(d, options or maps.MapOptions())
    data = _picture(chosen.name, maps.dot(made, d), made.title, maps.details(made, d), maps.listing(made, d),
                    f"An argument map of {len(made.claims)} claims; the list below the picture gives each claim, "
                    "its holders, positions and links")
    return Drawn(data, chosen.name, _write(data, output, force, corpus), made)


def export_arguments(fmt: str | None = None, output: Path | None = None, *, force: bool = False,
                     corpus: project.Corpus | None = None, **where) -> Written:
    """The debate in an argument format (``icpa export -f aif|argdown``): AIF JSON as OVA3 saves
    it, or Argdown. Every quote's offsets are checked against its article first."""
    from icpa.debate import aif, argdown
    from icpa.debate.formats import ARGUMENT_FORMATS

    corpus = corpus or project.current()
    chosen = _output(ARGUMENT_FORMATS, fmt, output, "argument", force, corpus)
    d = debate(corpus=corpus, **where)
    claims = sorted(d.claims)
    _, missing = aif.check_anchors(d, claims, corpus.seeds_dir)
    if missing:
        raise DataError(f"cannot check the quotes against their articles: {', '.join(missing[:3])} not in {corpus.seeds_dir}")
    text = aif.write(d, claims, corpus.seeds_dir) if chosen.name == "aif" else argdown.write(d, claims)
    return Written(text, chosen.name, _write(text, output, force, corpus), len(claims))


# -- the analyst's own articles: ingest and review ---------------------------------------------


def ingest(files: list[Path], *, article_id: str | None = None, encoding: str | None = None, label: str | None = None,
           corpus: project.Corpus | None = None):
    """Add articles to the project (``icpa ingest``): each text stored in ``seeds/`` and a draft
    ``data/<id>.yaml`` of proposals written for review; see :mod:`icpa.ingest.draft`."""
    from icpa.ingest import draft

    corpus = corpus or project.current()
    if article_id and len(files) > 1:
        raise UsageError("--id names one article; ingest the files one at a time to give each an id")
    ontology = kg.load_ontology(corpus)
    done = []
    try:
        for f in files:
            done.append(draft.ingest(f, corpus=corpus, ontology=ontology, article_id=article_id, encoding=encoding, label=label))
    except BaseException:  # all or nothing: the articles already stored by this command are taken out again
        for d in done:
            d.draft.unlink(missing_ok=True)
            d.seed.unlink(missing_ok=True)
        raise
    return done


def review(article_id: str | None = None, *, accept_all: bool = False, corpus: project.Corpus | None = None):
    """The proposals still to review (``icpa review``), or, with ``accept_all``, accept them all:
    ``{file: proposals}`` either way."""
    from icpa.ingest import draft

    corpus = corpus or project.current()
    if accept_all:
        corpus.require_writable("icpa review --accept-all")
        return draft.accept_all(corpus, article_id)
    return dict(draft.pending(corpus, article_id))


def remove_article(article_id: str, *, corpus: project.Corpus | None = None):
    """Take an article (its data file and its text) out of the project (``icpa remove``); refused
    while another article's data refers to it. Run ``icpa build`` afterwards."""
    from icpa.ingest import draft

    return draft.remove(corpus or project.current(), article_id)


def removal_plan(article_id: str, *, corpus: project.Corpus | None = None):
    """What :func:`remove_article` would delete (checked, nothing deleted)."""
    from icpa.ingest import draft

    return draft.removal(corpus or project.current(), article_id)
