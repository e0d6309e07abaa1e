"""Run SPARQL on a shared triplestore: any SPARQL 1.1 Protocol endpoint, through SPARQLWrapper.

What is sent: a POST (form-encoded), content negotiation only (``Accept``; no ``format=`` or
``output=`` URL parameters, which some servers reject), the named graph to read as
``default-graph-uri``, and an explicit client timeout. Credentials come only from the
environment (``ICPA_ENDPOINT_USER``, ``ICPA_ENDPOINT_PASSWORD``; ``ICPA_ENDPOINT_AUTH`` =
``digest`` | ``basic``, or unset to answer whatever challenge the server sends). They are never
taken from the command line or a URL, never printed and never part of an error message.

What comes back is normalised into the same :class:`~icpa.results.ResultTable` of rdflib terms
the local backend returns: Virtuoso's older ``typed-literal`` JSON type is read as a typed
literal, ``xsd:string`` literals become simple literals (the same term in RDF 1.1), and the
skolem IRIs :mod:`icpa.publish` gives blank nodes are turned back into blank nodes.

Comments are stripped before a query is sent (Virtuoso 7.2 answers some queries with comment
lines wrongly), and Virtuoso's table-shaped answer to ``ASK`` is read as a boolean.

A row cap applied by the server (Virtuoso's ``ResultSetMaxRows``, 10,000 by default, announced
in an ``X-SPARQL-MaxRows`` header; or a suspiciously round row count from any server) is checked
with a ``COUNT`` of the same query and reported in ``table.warnings``: a truncated answer is never
passed off as complete. Every network or endpoint failure is one :class:`EndpointError` line.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from icpa.backends import Backend
from icpa.results import ResultTable
from icpa.status import EndpointError, UsageError

#: the named graph ``icpa publish`` writes and remote queries read unless ``--graph`` says otherwise
DEFAULT_GRAPH = "https://w3id.org/icpa/graph"
#: where the skolem IRIs of published blank nodes live (RDF 1.1 §3.5 ``.well-known/genid``)
GENID = DEFAULT_GRAPH + "/.well-known/genid/"
DEFAULT_TIMEOUT = 60.0
AUTH_SCHEMES = ("auto", "digest", "basic")

_JSON_TYPES = ("application/sparql-results+json", "application/json")
_RDF_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "text/rdf+n3": "n3",
    "text/n3": "n3",
}


# -- credentials and connections ---------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials from the environment; the password never appears in ``repr``."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    scheme: str = "auto"

    @classmethod
    def from_env(cls) -> Credentials:
        scheme = (os.environ.get("ICPA_ENDPOINT_AUTH") or "auto").strip().lower()
        if scheme not in AUTH_SCHEMES:
            raise UsageError(f"ICPA_ENDPOINT_AUTH must be one of {', '.join(AUTH_SCHEMES)}, got {scheme!r}")
        user = os.environ.get("ICPA_ENDPOINT_USER") or None
        password = os.environ.get("ICPA_ENDPOINT_PASSWORD") or None
        if (user is None) != (password is None):
            raise UsageError("set both ICPA_ENDPOINT_USER and ICPA_ENDPOINT_PASSWORD, or neither")
        return cls(user, password, scheme)

    def __bool__(self) -> bool:
        return self.user is not None


def check_url(url: str | None, what: str = "--endpoint") -> str:
    """An http(s) URL without credentials in it; otherwise a :class:`UsageError` (that never echoes them)."""
    if not url:
        raise UsageError(f"{what} URL is required")
    parts = urllib.parse.urlsplit(url.strip())
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{what}: put credentials in ICPA_ENDPOINT_USER and ICPA_ENDPOINT_PASSWORD, not in the URL")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{what} must be an http:// or https:// URL, got {url!r}")
    if parts.fragment:
        raise UsageError(f"{what} must not have a #fragment: {url!r}")
    return url.strip()


def check_graph(iri: str) -> str:
    """A graph name must be an absolute IRI (it is sent as a URL parameter and written as ``<iri>``)."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", iri or ""):
        raise UsageError(f"--graph must be an absolute IRI, got {iri!r}")
    return iri


def _site(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn a POST into a GET and may leave the host: report it instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _DigestAuthHandler(urllib.request.HTTPDigestAuthHandler):
    """Digest auth that, once it has seen the server's challenge, signs later requests up front.

    urllib's own handler sends every request unsigned first and repeats it after the 401: a large
    body goes out twice, and a server that answers 401 before reading it (Virtuoso does) breaks
    the connection mid-upload. :func:`authenticate` gets the challenge with a bodiless request.
    """

    def __init__(self, manager) -> None:
        super().__init__(manager)
        self._challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        _, challenge = auth.split(" ", 1)
        self._challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self._challenge is not None and not req.has_header(self.auth_header):
            auth = self.get_authorization(req, self._challenge)
            if auth:
                req.add_unredirected_header(self.auth_header, f"Digest {auth}")
        return req

    https_request = http_request


def authenticate(opener: urllib.request.OpenerDirector, url: str, timeout: float | None) -> None:
    """A bodiless ``HEAD url`` so that the opener learns the server's digest challenge before a
    large upload; fails (as :class:`urllib.error.HTTPError` 401) only when the credentials are wrong."""
    try:
        with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            raise
        # any other answer to a HEAD (404, 405, 400…) is fine: the challenge, if any, has been answered


def build_opener(url: str, credentials: Credentials) -> urllib.request.OpenerDirector:
    """A urllib opener for ``url``'s site that answers the server's auth challenge (never a global one)."""
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if credentials:
        site = _site(url)
        if credentials.scheme == "basic":
            # asked for explicitly: send it with the first request, as most basic-auth servers expect
            manager = urllib.request.HTTPPasswordMgrWithPriorAuth()
            manager.add_password(None, site, credentials.user, credentials.password, is_authenticated=True)
            handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
        else:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, site, credentials.user, credentials.password)
            handlers.append(_DigestAuthHandler(manager))
            if credentials.scheme == "auto":  # digest is tried first (handler order), basic on a Basic challenge
                handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
    return urllib.request.build_opener(*handlers)


def _server_message(body: bytes) -> str:
    """The first informative line of an error body (HTML tags stripped), at most 300 characters."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", "\n", text)
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not line.lower().startswith(("<!doctype", "sparql query:")):
            return line[:300] + ("…" if len(line) > 300 else "")
    return ""


def endpoint_error(exc: BaseException, url: str, *, timeout: float | None, credentials: Credentials | None = None,
                   doing: str = "") -> EndpointError:
    """One line that says what went wrong talking to ``url``: never a traceback, never the password."""
    where = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    host = urllib.parse.urlsplit(url).netloc
    prefix = f"{where}: {doing + ': ' if doing else ''}"
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read() or b""
        except Exception:  # the body may be gone with the connection
            body = b""
        said = _server_message(body)
        reason = exc.reason if isinstance(exc.reason, str) else ""
        text = f"HTTP {exc.code}{' ' + reason if reason and reason not in said else ''}{': ' + said if said else ''}"
        if exc.code == 401:
            text += ("; check ICPA_ENDPOINT_USER, ICPA_ENDPOINT_PASSWORD (and ICPA_ENDPOINT_AUTH)" if credentials
                     else "; the endpoint wants credentials: set ICPA_ENDPOINT_USER and ICPA_ENDPOINT_PASSWORD")
        elif 300 <= exc.code < 400:
            text += f" (redirected to {exc.headers.get('Location', '?')}; give that URL instead)"
    else:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, (TimeoutError, socket.timeout)):
            text = f"no answer within {timeout:g} s (--timeout)" if timeout else "timed out"
        elif isinstance(reason, ConnectionRefusedError):
            text = f"connection refused by {host} (is the server running?)"
        elif isinstance(reason, socket.gaierror):
            text = f"unknown host {urllib.parse.urlsplit(url).hostname}"
        elif isinstance(reason, ssl.SSLError):
            text = f"TLS error: {getattr(reason, 'reason', None) or reason}"
        elif isinstance(reason, (ConnectionError, http.client.HTTPException)):
            text = f"the connection to {host} was lost ({type(reason).__name__}); the server stopped or dropped the request"
        elif isinstance(reason, ValueError) and "scheme" in str(reason):
            asked = str(reason).rsplit(":", 1)[-1].strip(" '\"")
            text = (f"the server asks for {asked} authentication, which icpa was not told to use "
                    "(unset ICPA_ENDPOINT_AUTH, or set it to match)")
        elif isinstance(reason, OSError):
            text = f"network error: {reason.strerror or reason}"
        else:
            text = f"{type(reason).__name__}: {reason}"
    message = " ".join((prefix + text).split())
    if credentials and credentials.password:
        message = message.replace(credentials.password, "***")
    return EndpointError(message)


#: exceptions that mean the endpoint or the network failed (turned into :class:`EndpointError`)
NETWORK_ERRORS = (urllib.error.URLError, OSError, http.client.HTTPException, ValueError)


# -- SPARQLWrapper, sending through our opener -------------------------------------------


@cache
def _wrapper_class():
    from SPARQLWrapper import SPARQLWrapper

    class _Wrapper(SPARQLWrapper):
        """SPARQLWrapper whose requests go through our opener: both auth schemes, a float timeout,
        and no ``urllib.request.install_opener`` (which SPARQLWrapper's own digest support does)."""

        def __init__(self, endpoint: str, opener: urllib.request.OpenerDirector, timeout: float | None, **kw) -> None:
            super().__init__(endpoint, **kw)
            self._opener = opener
            self._timeout_s = timeout
            self.setOnlyConneg(True)
            self.setMethod("POST")

        def _query(self):
            request = self._createRequest()
            return self._opener.open(request, timeout=self._timeout_s), self.returnFormat

    return _Wrapper


# -- SPARQL JSON → rdflib terms ----------------------------------------------------------


def json_term(value: dict) -> URIRef | Literal | BNode:
    """One SPARQL JSON RDF term (``typed-literal`` too) as an rdflib term."""
    kind = value.get("type")
    text = value.get("value")
    if not isinstance(text, str):
        raise ValueError("a term without a value")
    if kind == "uri":
        if text.startswith(GENID):
            return BNode(text[len(GENID):])
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(text, lang=lang)
        if datatype and datatype not in (str(XSD.string), str(RDF.langString)):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise ValueError(f"unknown term type {kind!r}")


def parse_json_results(body: bytes) -> ResultTable:
    """A SPARQL 1.1 JSON results document → :class:`ResultTable`; ``ValueError`` if it is not one."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or "head" not in doc:
        raise ValueError("JSON without a SPARQL results 'head'")
    if "boolean" in doc:
        return ResultTable(boolean=bool(doc["boolean"]))
    names = list(doc["head"].get("vars") or [])
    bindings = (doc.get("results") or {}).get("bindings")
    if not isinstance(bindings, list):
        raise ValueError("JSON without 'results.bindings'")
    rows = [tuple(json_term(b[v]) if v in b else None for v in names) for b in bindings]
    return ResultTable(vars=names, rows=rows)


# -- the backend ---------------------------------------------------------------------------


_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^\s<>"{}|^`\\]*>|#[^\n]*', re.S)


def strip_comments(text: str) -> str:
    """The query without its ``#`` comments (strings and IRIs left alone).

    Comments mean nothing to SPARQL, but Virtuoso 7.2 answers some queries wrongly (no rows)
    when they carry comment lines with quotes in them, as saved-query headers do.
    """
    return _TOKEN.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), text)


def _count_query(text: str) -> str | None:
    """``SELECT (COUNT(*) …) WHERE { <the query> }``: how many rows the query really has."""
    from icpa.queries import _strip_comments_and_strings

    m = re.search(r"\bSELECT\b", _strip_comments_and_strings(text), re.I)
    if m is None:
        return None
    return text[: m.start()] + "SELECT (COUNT(*) AS ?icpa_rows) WHERE {\n" + text[m.start():] + "\n}"


def _suspicious(rows: int, cap: int | None) -> bool:
    """Could ``rows`` be a server's cap rather than the whole answer?"""
    if cap is not None:
        return rows >= cap
    return rows >= 1000 and (rows % 1000 == 0 or rows & (rows - 1) == 0)


class RemoteBackend(Backend):
    """A SPARQL 1.1 Protocol endpoint; reads ``graph`` (as the request's default graph)."""

    name = "remote"

    def __init__(self, endpoint: str, *, graph: str | None = DEFAULT_GRAPH, timeout: float | None = DEFAULT_TIMEOUT,
                 credentials: Credentials | None = None, check_caps: bool = True) -> None:
        self.endpoint = check_url(endpoint)
        self.graph = check_graph(graph) if graph else None
        self.timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
        if self.timeout <= 0:
            raise UsageError("--timeout must be more than 0 seconds")
        self.credentials = credentials if credentials is not None else Credentials.from_env()
        self.check_caps = check_caps
        self.opener = build_opener(self.endpoint, self.credentials)
        self.last_headers: dict[str, str] = {}

    # one request -----------------------------------------------------------------------

    def _wrapper(self, text: str):
        from SPARQLWrapper import JSON, TURTLE

        sw = _wrapper_class()(self.endpoint, self.opener, self.timeout)
        if self.graph:
            sw.addDefaultGraph(self.graph)
        sw.setQuery(strip_comments(text))
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
                fmt = _RDF_TYPES.get(ctype)
                if fmt is None:
                    raise ValueError("not RDF")
                graph = Graph()
                graph.parse(data=body.decode("utf-8"), format=fmt)
                table = ResultTable(graph=graph)
            else:
                if ctype and ctype not in _JSON_TYPES:
                    raise ValueError("not SPARQL JSON results")
                table = parse_json_results(body)
                if sw.queryType == "ASK" and table.boolean is None:
                    table = ResultTable(boolean=_ask_answer(table))
        except Exception as exc:  # rdflib parsers raise many kinds
            snippet = _server_message(body[:2000])
            raise EndpointError(
                f"{self.endpoint}: the answer is not SPARQL results ({ctype or 'no Content-Type'}: {exc}); "
                f"is this a SPARQL endpoint?{' It said: ' + snippet[:120] if snippet else ''}"
            ) from None
        return table, headers

    # the Backend interface --------------------------------------------------------------

    def execute(self, text: str) -> ResultTable:
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
        table, _ = self.request(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {URIRef(graph).n3()} {{ ?s ?p ?o }} }}")
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
