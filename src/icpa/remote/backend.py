"""Run SPARQL on a shared triplestore: any SPARQL 1.1 Protocol endpoint, through SPARQLWrapper.

What is sent: a POST (form-encoded), content negotiation only (``Accept``; no ``format=`` or
``output=`` URL parameters, which some servers reject), the graphs to read as
``default-graph-uri`` (unless the query names its own dataset with ``FROM``), and an explicit
client timeout. The graphs follow the layout ``icpa publish`` writes, the same as a store's:
the asserted triples in the graph ``G`` (default ``https://w3id.org/icpa/graph``), the
inferences in ``G/inferred``. A plain query reads ``G``; a reasoned one reads both, and stops
with advice when ``G/inferred`` is empty (a reasoned query on asserted triples alone would
answer nothing, silently).

What comes back is normalised into the same :class:`~icpa.results.table.ResultTable` of
rdflib terms the local engines return: Virtuoso's older ``typed-literal`` JSON type is read as
a typed literal, ``xsd:string`` literals become simple literals (the same term in RDF 1.1), and
the skolem IRIs :mod:`icpa.remote.publish` gives blank nodes are turned back into blank nodes.

Comments are stripped before a query is sent (Virtuoso 7.2 answers some queries with comment
lines wrongly), and Virtuoso's table-shaped answer to ``ASK`` is read as a boolean.

A row cap applied by the server (Virtuoso's ``ResultSetMaxRows``, 10,000 by default, announced
in an ``X-SPARQL-MaxRows`` header; or a suspiciously round row count from any server) is checked
with a ``COUNT`` of the same query and reported in ``table.warnings``: a truncated answer is never
passed off as complete.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal

from icpa import vocab
from icpa.engines.base import Backend
from icpa.errors import EndpointError, UsageError
from icpa.rdf import formats
from icpa.remote.http import (
    NETWORK_ERRORS,
    Credentials,
    build_opener,
    check_graph,
    check_url,
    endpoint_error,
    server_message,
    wrapper_class,
)
from icpa.results.readers import read_json
from icpa.results.table import ResultTable
from icpa.sparql import lexer

#: the named graph ``icpa publish`` writes and remote queries read unless ``--graph`` says otherwise
DEFAULT_GRAPH = vocab.GRAPH
GENID = vocab.GENID
DEFAULT_TIMEOUT = 60.0

_JSON_TYPES = ("application/sparql-results+json", "application/json")


# -- the backend ---------------------------------------------------------------------------


def _count_query(text: str) -> str | None:
    """``SELECT (COUNT(*) …) WHERE { <the query> }``: how many rows the query really has."""
    m = re.search(r"\bSELECT\b", lexer.masked(text), re.I)
    if m is None:
        return None
    return text[: m.start()] + "SELECT (COUNT(*) AS ?icpa_rows) WHERE {\n" + text[m.start():] + "\n}"


def _suspicious(rows: int, cap: int | None) -> bool:
    """Could ``rows`` be a server's cap rather than the whole answer?"""
    if cap is not None:
        return rows >= cap
    return rows >= 1000 and (rows % 1000 == 0 or rows & (rows - 1) == 0)


class RemoteBackend(Backend):
    """A SPARQL 1.1 Protocol endpoint; reads ``graph`` (and its inferences when ``reasoned``) as
    the request's default graph."""

    name = "remote"

    def __init__(self, endpoint: str, *, graph: str | None = DEFAULT_GRAPH, timeout: float | None = DEFAULT_TIMEOUT,
                 credentials: Credentials | None = None, check_caps: bool = True, reasoned: bool = False) -> None:
        self.endpoint = check_url(endpoint)
        self.graph = check_graph(graph) if graph else None
        self.reasoned = reasoned
        self.graphs = [self.graph] + ([vocab.inferred_graph(self.graph)] if reasoned else []) if self.graph else []
        self.timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
        if self.timeout <= 0:
            raise UsageError("--timeout must be more than 0 seconds")
        self.credentials = credentials if credentials is not None else Credentials.from_env()
        self.check_caps = check_caps
        self.opener = build_opener(self.endpoint, self.credentials)
        self.last_headers: dict[str, str] = {}
        self._checked_inferences = False

    def require_inferences(self) -> None:
        """A reasoned query needs ``G/inferred``: stop with advice when the server has none."""
        self._checked_inferences = True
        if self.graph is None:
            return
        inferred = vocab.inferred_graph(self.graph)
        # FROM NAMED: a request that names default graphs has no named graphs unless it names them too
        # (SPARQL 1.1 Protocol, as Oxigraph's server reads it; Virtuoso looks in every graph either way)
        table, _ = self.request(f"ASK FROM NAMED <{inferred}> {{ GRAPH <{inferred}> {{ ?s ?p ?o }} }}")
        if not (table.boolean if table.boolean is not None else _ask_answer(table)):
            raise EndpointError(f"{self.endpoint}: this query needs the inferences, and the graph <{inferred}> is empty; "
                                f"publish them with `icpa publish --reasoned --graph {self.graph}`")

    # one request -----------------------------------------------------------------------

    def _wrapper(self, text: str):
        from SPARQLWrapper import JSON, TURTLE

        sw = wrapper_class()(self.endpoint, self.opener, self.timeout)
        if not lexer.has_dataset_clause(text):
            for graph in self.graphs:
                sw.addDefaultGraph(graph)
        sw.setQuery(lexer.strip_comments(text))
        sw.setReturnFormat(TURTLE if sw.queryType in ("CONSTRUCT", "DESCRIBE") else JSON)
        return sw

    def request(self, text: str) -> tuple[ResultTable, dict[str, str]]:
        """Send one query; the table and the response headers (lower-cased names)."""
        sw = self._wrapper(text)
        if sw.isSparqlUpdateRequest():
            raise UsageError("this is a SPARQL Update; icpa sends only queries to --endpoint (see `icpa publish`)")
        try:
            response = sw.query().response
            headers = {k.lower(): v for k, v in response.headers.items()}
            body = response.read()
        except NETWORK_ERRORS as exc:
            raise endpoint_error(exc, self.endpoint, timeout=self.timeout, credentials=self.credentials) from None
        self.last_headers = headers
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if sw.queryType in ("CONSTRUCT", "DESCRIBE"):
                fmt = formats.by_media_type(ctype)
                if fmt is None:
                    raise ValueError("not RDF")
                graph = Graph()
                graph.parse(data=body.decode("utf-8"), format=fmt.rdflib)
                table = ResultTable(graph=graph)
            else:
                if ctype and ctype not in _JSON_TYPES:
                    raise ValueError("not SPARQL JSON results")
                # normalised: Virtuoso answers "1"^^xsd:boolean for a stored "true", 3.0E0 for 3.0
                table = read_json(body, genid=GENID, normalize=True)
                if sw.queryType == "ASK" and table.boolean is None:
                    table = ResultTable(boolean=_ask_answer(table))
        except Exception as exc:  # rdflib parsers raise many kinds
            snippet = server_message(body[:2000])
            raise EndpointError(
                f"{self.endpoint}: the answer is not SPARQL results ({ctype or 'no Content-Type'}: {exc}); "
                f"is this a SPARQL endpoint?{' It said: ' + snippet[:120] if snippet else ''}"
            ) from None
        return table, headers

    # the Backend interface --------------------------------------------------------------

    def execute(self, text: str) -> ResultTable:
        if self.reasoned and not self._checked_inferences:
            self.require_inferences()
        table, headers = self.request(text)
        if "x-sql-state" in headers and headers.get("x-sql-message"):
            table.warnings.append(f"the endpoint says the answer is incomplete: {' '.join(headers['x-sql-message'].split())[:200]}")
        cap = _int(headers.get("x-sparql-maxrows"))
        if table.graph is not None:
            if cap is not None and len(table.graph) >= cap:
                table.warnings.append(f"the endpoint caps answers at {cap:,} rows (X-SPARQL-MaxRows): "
                                      f"these {len(table.graph):,} triples may be incomplete")
        elif table.boolean is None and self.check_caps and _suspicious(len(table.rows), cap):
            warning = self._cap_warning(text, len(table.rows), cap)
            if warning:
                table.warnings.append(warning)
        return table

    def _cap_warning(self, text: str, got: int, cap: int | None) -> str | None:
        how = (f"the endpoint caps answers at {cap:,} rows (X-SPARQL-MaxRows; Virtuoso: [SPARQL] ResultSetMaxRows)"
               if cap is not None else "the endpoint seems to cap answers")
        count = _count_query(text)
        total = None
        if count is not None:
            try:
                counted, _ = self.request(count)
                total = int(counted.rows[0][0]) if counted.rows and counted.rows[0][0] is not None else None
            except (EndpointError, ValueError, TypeError, IndexError):
                total = None
        if total is None:
            return f"{how}: this answer has exactly {got:,} rows and may be incomplete" if cap is not None else None
        if total <= got:
            return None
        return f"{how}: only {got:,} of {total:,} rows came back; the answer is incomplete"

    def count_graph(self, graph: str) -> int:
        """Triples in the named graph ``graph`` (0 when it does not exist)."""
        table, _ = self.request(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{check_graph(graph)}> {{ ?s ?p ?o }} }}")
        try:
            return int(table.rows[0][0])
        except (IndexError, TypeError, ValueError):
            raise EndpointError(f"{self.endpoint}: cannot count the triples in <{graph}>") from None

    def server(self) -> str:
        """The ``Server`` header of the last answer (e.g. ``Virtuoso/07.20.3229 …``)."""
        return self.last_headers.get("server", "")


def _ask_answer(table: ResultTable) -> bool:
    """Virtuoso 7.2 answers ASK with a one-column table (``__ASK_RETVAL``: 1, or no row)."""
    if len(table.vars) != 1 or len(table.rows) > 1:
        raise ValueError("an ASK answered with a table")
    if not table.rows or table.rows[0][0] is None:
        return False
    value = table.rows[0][0]
    return bool(value.toPython()) if isinstance(value, Literal) else True


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def open_engine(*, endpoint: str | None = None, graph: str | None = None, timeout: float | None = None,
                reasoned: bool = False, store=None, corpus=None, **_: object) -> Backend:
    if store is not None:
        raise UsageError("--store and --endpoint cannot be combined: a store is local")
    return RemoteBackend(endpoint, graph=DEFAULT_GRAPH if graph is None else graph, timeout=timeout, reasoned=reasoned)
