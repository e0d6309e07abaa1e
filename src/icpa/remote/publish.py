"""Publish the ontology and data into one named graph of a shared triplestore.

``publish`` writes the graph ``icpa.kg.load(reasoned=...)`` builds (or any graph handed
to it) into ONE named graph, and never touches another: through the SPARQL 1.1 Graph Store HTTP
Protocol (``POST``/``PUT …?graph=G``) where the server offers it, otherwise through SPARQL 1.1
Update (``INSERT DATA { GRAPH <G> { … } }``). Both are sent in batches.

Blank nodes are skolemised deterministically first: the blank-node part of the graph is given
canonical labels (RGDA1, ``rdflib.compare.to_canonical_graph``) and each blank node becomes
``<https://w3id.org/icpa/graph/.well-known/genid/LABEL>``. Every triple is then ground, the
N-Triples lines are sorted, and the batches are the same on every run. So a blank node split
across two batches stays one node, and sending a batch twice adds nothing (a store holds a set
of triples). That is what makes a failed publish resumable: the batches already sent are
recorded in a small state file (under icpa's cache directory), and running the same command
again sends the rest, without duplicates. :mod:`icpa.remote` turns the skolem IRIs back into
blank nodes when results come back.

Without ``replace``, a target graph that already holds triples is refused (unless it holds an
unfinished publish of the very same content, which is then resumed). With ``replace``, the first
batch replaces the graph (Graph Store ``PUT``; or ``CLEAR SILENT GRAPH <G>`` then ``INSERT
DATA``), and only that graph.

Which protocol: ``protocol="auto"`` uses the Graph Store protocol when the write URL's path is a
known Graph Store path (:data:`GRAPH_STORE_PATHS`: Virtuoso's ``/sparql-graph-crud(-auth)``,
Fuseki's ``/data``, Oxigraph's ``/store``, RDF4J/GraphDB's ``/rdf-graphs/service``), SPARQL
Update otherwise. The write URL is ``update_endpoint``; without it, the server's ``Server``
header says where its Graph Store is (:data:`GRAPH_STORES`: Virtuoso's ``…/sparql`` implies its
digest-protected ``…/sparql-graph-crud-auth``, Oxigraph's ``…/query`` its ``…/store``), and any
other server is sent SPARQL Update at ``endpoint``.

After the upload, :mod:`icpa.remote.probes` asks the server a few known-answer questions about
what was just published and compares with icpa's own engine: a server that answers them wrongly
(Virtuoso 7.2 on a database it created in the same run) is named in the report's warnings.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from icpa import settings, vocab
from icpa.errors import EndpointError, IcpaError, UsageError
from icpa.rdf.terms import n3
from icpa.remote import http as remote
from icpa.remote.backend import DEFAULT_GRAPH, GENID, RemoteBackend
from icpa.remote.probes import ProbeReport

PROTOCOLS = ("auto", "graph-store", "update")
#: default triples per request: Graph Store bodies are cheap to parse, SPARQL Update text is not
DEFAULT_BATCH = {"graph-store": 50_000, "update": 2_000}
DEFAULT_TIMEOUT = 300.0
#: URL paths that speak the Graph Store HTTP Protocol
GRAPH_STORE_PATHS = ("/sparql-graph-crud", "/sparql-graph-crud-auth", "/data", "/store", "/rdf-graphs/service")

Progress = Callable[[int, int], None]


@dataclass
class PublishReport:
    endpoint: str
    graph: str
    protocol: str
    write_endpoint: str
    triples: int  #: triples published (after skolemisation)
    batches: int
    sent: int  #: batches sent by this run
    resumed_at: int  #: the first batch this run sent (0 unless resuming)
    batch_size: int
    seconds: float  #: the whole publish: loading, skolemising, checking and sending
    upload_seconds: float  #: sending the batches only
    graph_triples: int  #: what the server counts in the graphs written, afterwards
    graphs: dict[str, int] = field(default_factory=dict)  #: triples per graph written (the graph, its inferences)
    warnings: list[str] = field(default_factory=list)
    probes: ProbeReport | None = None  #: the known-answer probes run after the upload (None: not run)

    @property
    def triples_per_second(self) -> float:
        """Upload throughput: triples sent by this run per second of sending."""
        sent = self.triples - self.resumed_at * self.batch_size
        return sent / self.upload_seconds if self.upload_seconds else 0.0


# -- ground, sorted, batched N-Triples ---------------------------------------------------------


def skolemise(triples: Iterable[tuple]) -> Iterator[tuple]:
    """The triples with every blank node replaced by a stable skolem IRI under :data:`icpa.vocab.GENID`."""
    blank = Graph()
    for t in triples:
        if isinstance(t[0], BNode) or isinstance(t[2], BNode):
            blank.add(t)
        else:
            yield t
    if len(blank):
        from rdflib.compare import to_canonical_graph

        def sk(term):
            return URIRef(GENID + str(term)) if isinstance(term, BNode) else term

        for s, p, o in to_canonical_graph(blank):
            yield sk(s), p, sk(o)


def prepare(graph: Iterable[tuple]) -> list[str]:
    """Sorted, distinct N-Triples lines of the skolemised graph: the same list on every run."""
    return sorted({f"{n3(s)} {n3(p)} {n3(o)} ." for s, p, o in skolemise(graph)})


def batches(lines: list[str], size: int) -> list[list[str]]:
    return [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]


# -- writers: one per protocol -------------------------------------------------------------------


class _Writer:
    protocol = "abstract"

    def __init__(self, url: str, graph: str, credentials: remote.Credentials, timeout: float) -> None:
        self.url, self.graph, self.credentials, self.timeout = url, graph, credentials, timeout
        self.opener = remote.build_opener(url, credentials)

    def authenticate(self) -> None:
        """Check the credentials (and learn a digest challenge) before the first batch is sent."""
        try:
            remote.authenticate(self.opener, self.url, self.timeout)
        except remote.NETWORK_ERRORS as exc:
            raise self.fail(exc) from None

    def fail(self, exc: BaseException, doing: str = "") -> EndpointError:
        return remote.endpoint_error(exc, self.url, timeout=self.timeout, credentials=self.credentials, doing=doing)

    def clear(self) -> None:
        raise NotImplementedError

    def send(self, lines: list[str], replace: bool) -> None:
        raise NotImplementedError


class GraphStoreWriter(_Writer):
    """SPARQL 1.1 Graph Store HTTP Protocol: ``PUT`` replaces the graph, ``POST`` adds to it."""

    protocol = "graph-store"

    def _request(self, method: str, body: bytes) -> None:
        sep = "&" if urllib.parse.urlsplit(self.url).query else "?"
        url = self.url + sep + urllib.parse.urlencode({"graph": self.graph})
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": "text/turtle", "User-Agent": "icpa"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                response.read()
        except remote.NETWORK_ERRORS as exc:
            raise self.fail(exc) from None

    def clear(self) -> None:
        self._request("PUT", b"")

    def send(self, lines: list[str], replace: bool) -> None:
        self._request("PUT" if replace else "POST", ("\n".join(lines) + "\n").encode("utf-8"))


class UpdateWriter(_Writer):
    """SPARQL 1.1 Update: ``INSERT DATA { GRAPH <G> { … } }`` (and ``CLEAR SILENT GRAPH <G>``)."""

    protocol = "update"

    def _update(self, text: str) -> None:
        sw = remote.wrapper_class()(self.url, self.opener, self.timeout, updateEndpoint=self.url)
        sw.setQuery(text)
        try:
            sw.query().response.read()
        except remote.NETWORK_ERRORS as exc:
            raise self.fail(exc) from None

    def clear(self) -> None:
        self._update(f"CLEAR SILENT GRAPH <{self.graph}>")

    def send(self, lines: list[str], replace: bool) -> None:
        if replace:
            self.clear()
        if lines:
            self._update(f"INSERT DATA {{ GRAPH <{self.graph}> {{\n" + "\n".join(lines) + "\n} }")


WRITERS: dict[str, type[_Writer]] = {w.protocol: w for w in (GraphStoreWriter, UpdateWriter)}


#: where a server's query endpoint keeps its Graph Store: (Server header prefix, query path, store path)
GRAPH_STORES = (
    ("virtuoso", "/sparql", "/sparql-graph-crud-auth"),  # Virtuoso: the digest-protected Graph Store
    ("oxigraph", "/query", "/store"),  # `oxigraph serve`: queries at /query, the Graph Store at /store
)


def graph_store_of(endpoint: str, server: str) -> str | None:
    """The Graph Store URL beside the query endpoint ``endpoint`` of a server that calls itself
    ``server`` (its ``Server`` header), or None when icpa does not know where that server keeps it."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for name, query_path, store_path in GRAPH_STORES:
        if server.lower().startswith(name) and path.endswith(query_path):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(query_path)] + store_path, query=""))
    return None


def _write_target(endpoint: str, update_endpoint: str | None, protocol: str, server: str) -> tuple[str, str]:
    url = update_endpoint or graph_store_of(endpoint, server) or endpoint
    if protocol == "auto":
        path = urllib.parse.urlsplit(url).path.rstrip("/")
        protocol = "graph-store" if path.endswith(GRAPH_STORE_PATHS) else "update"
    return url, protocol


# -- resumable state -------------------------------------------------------------------------------


def _state_file(write_url: str, graph: str) -> Path:
    key = hashlib.sha256(f"{write_url}\n{graph}".encode()).hexdigest()[:20]
    return settings.cache_dir("publish", f"{key}.json")


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_state(path: Path, state: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    tmp.replace(path)


# -- the one entry point ---------------------------------------------------------------------------


def publish(endpoint: str, *, graph: str = DEFAULT_GRAPH, update_endpoint: str | None = None,
            reasoned: bool = False, replace: bool = False, batch_size: int | None = None,
            timeout: float | None = DEFAULT_TIMEOUT, protocol: str = "auto", source: Graph | None = None,
            progress: Progress | None = None, credentials: remote.Credentials | None = None,
            probe: bool = True) -> PublishReport:
    """Load the ontology + data, or ``source``, into the named graph ``graph`` at ``endpoint`` (the
    SPARQL query endpoint; writes go to ``update_endpoint``); with ``reasoned`` HermiT's inferences
    go into ``graph/inferred``, the layout a store has and reasoned queries read.

    ``progress(done, total)`` is called with triple counts before the first batch and after each.
    A failed batch raises an :class:`EndpointError` saying how far the publish got; calling
    ``publish`` again with the same arguments finishes it. With ``replace`` the graph is replaced,
    and so is ``graph/inferred`` (emptied when the inferences are not published: stale inferences
    would give reasoned queries wrong answers).

    Then, unless ``probe`` is false, the known-answer probes (:mod:`icpa.remote.probes`) run
    against what was published; a server that answers one differently is named in the warnings.
    """
    endpoint = remote.check_url(endpoint)
    graph = remote.check_graph(graph)
    inferred_graph = vocab.inferred_graph(graph)
    if update_endpoint is not None:
        update_endpoint = remote.check_url(update_endpoint, "--update-endpoint")
    if protocol not in PROTOCOLS:
        raise UsageError(f"protocol must be one of {', '.join(PROTOCOLS)}, got {protocol!r}")
    if batch_size is not None and batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    credentials = credentials if credentials is not None else remote.Credentials.from_env()
    reader = RemoteBackend(endpoint, graph=None, timeout=timeout, credentials=credentials, check_caps=False)

    started = time.perf_counter()
    existing = {graph: reader.count_graph(graph)}  # also: is the endpoint there at all, and which server is it
    existing[inferred_graph] = reader.count_graph(inferred_graph)
    write_url, protocol = _write_target(endpoint, update_endpoint, protocol, reader.server())
    writers = {g: WRITERS[protocol](write_url, g, credentials, timeout) for g in (graph, inferred_graph)}
    writers[graph].authenticate()
    writers[inferred_graph].opener = writers[graph].opener  # one connection's digest challenge serves both

    from icpa import kg

    contents = {graph: prepare(source if source is not None else kg.load())}
    if reasoned:
        contents[inferred_graph] = prepare(kg.inferences())
    size = batch_size or DEFAULT_BATCH[protocol]
    plan = [(g, chunk, i == 0) for g, lines in contents.items() for i, chunk in enumerate(batches(lines, size))]
    total = sum(len(lines) for lines in contents.values())
    digest = hashlib.sha256("\n\n".join(f"{g}\n" + "\n".join(lines) for g, lines in contents.items()).encode("utf-8")).hexdigest()
    state_path = _state_file(write_url, graph)
    state = _read_state(state_path)

    start = 0
    held = sum(existing[g] for g in contents)
    if held and not replace:
        same = state.get("content") == digest and state.get("batch_size") == size and state.get("graph") == graph
        if not same or held > total:
            busy = next(g for g in contents if existing[g])
            raise UsageError(f"graph <{busy}> at {endpoint} already holds {existing[busy]:,} triples; "
                             f"publish --replace replaces <{graph}> and its inferences <{inferred_graph}> (and nothing else)")
        start = int(state.get("done", 0))
    base = {"content": digest, "batch_size": size, "graph": graph, "batches": len(plan), "protocol": protocol}
    _write_state(state_path, {**base, "done": start})

    done_triples = sum(len(chunk) for _, chunk, _ in plan[:start])
    uploading = time.perf_counter()
    if progress:
        progress(done_triples, total)
    if replace and start == 0 and inferred_graph not in contents and existing[inferred_graph]:
        writers[inferred_graph].clear()  # inferences of what is about to be replaced
    for i in range(start, len(plan)):
        target, chunk, first = plan[i]
        try:
            writers[target].send(chunk, replace=replace and first)
        except IcpaError as exc:
            raise EndpointError(
                f"publish stopped at batch {i + 1} of {len(plan)} ({done_triples:,} of {total:,} triples sent to <{graph}>"
                f"{' and its inferences' if reasoned else ''}): {exc}; run the same command again to send the rest"
            ) from None
        done_triples += len(chunk)
        _write_state(state_path, {**base, "done": i + 1})
        if progress:
            progress(done_triples, total)
    upload_seconds = time.perf_counter() - uploading
    seconds = time.perf_counter() - started

    counts = {g: reader.count_graph(g) for g in contents}
    try:
        state_path.unlink()
    except OSError:
        pass
    report = PublishReport(endpoint=endpoint, graph=graph, protocol=protocol, write_endpoint=write_url, triples=total,
                           batches=len(plan), sent=len(plan) - start, resumed_at=start, batch_size=size,
                           seconds=seconds, upload_seconds=upload_seconds, graph_triples=sum(counts.values()),
                           graphs=counts)
    for g, lines in contents.items():
        if counts[g] != len(lines):
            report.warnings.append(f"the server counts {counts[g]:,} triples in <{g}> but icpa sent {len(lines):,}"
                                   " (a server may merge literals it considers equal)")
    if probe:
        report.probes = _probe(endpoint, graph, contents[graph], timeout, credentials)
        advice = report.probes.advice(endpoint, reader.server())
        if advice:
            report.warnings.append(advice)
    return report


def _probe(endpoint: str, graph: str, lines: list[str], timeout: float, credentials) -> ProbeReport:
    from icpa.remote import probes

    backend = RemoteBackend(endpoint, graph=graph, timeout=timeout, credentials=credentials, check_caps=False)
    return probes.run(backend, lines)


def check(endpoint: str, *, graph: str = DEFAULT_GRAPH, source: Graph | None = None, timeout: float | None = DEFAULT_TIMEOUT,
          credentials: remote.Credentials | None = None) -> tuple[ProbeReport, str | None]:
    """Only the known-answer probes (``icpa publish --probe-only``), against the graph ``graph``
    as published from ``source`` (default: the ontology and data): the report and the warning
    to give, if any. Nothing is written."""
    endpoint = remote.check_url(endpoint)
    graph = remote.check_graph(graph)
    timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    credentials = credentials if credentials is not None else remote.Credentials.from_env()
    reader = RemoteBackend(endpoint, graph=None, timeout=timeout, credentials=credentials, check_caps=False)
    if not reader.count_graph(graph):
        raise UsageError(f"graph <{graph}> at {endpoint} is empty: publish it first (icpa publish)")
    from icpa import kg

    report = _probe(endpoint, graph, prepare(source if source is not None else kg.load()), timeout, credentials)
    return report, report.advice(endpoint, reader.server())
