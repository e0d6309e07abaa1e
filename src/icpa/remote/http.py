"""Talking HTTP to a SPARQL server: credentials, connections and one-line errors.

Credentials come only from the environment (``ICPA_ENDPOINT_USER``, ``ICPA_ENDPOINT_PASSWORD``;
``ICPA_ENDPOINT_AUTH`` = ``digest`` | ``basic``, or unset to answer whatever challenge the
server sends), read through :mod:`icpa.settings`. They are never taken from the command line or
a URL, never printed and never part of an error message. Every network or endpoint failure is
one :class:`~icpa.errors.EndpointError` line.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cache

from icpa import settings
from icpa.errors import EndpointError, UsageError, shorten

AUTH_SCHEMES = ("auto", "digest", "basic")


# -- credentials and connections ---------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials from the environment; the password never appears in ``repr``."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    scheme: str = "auto"

    @classmethod
    def from_env(cls) -> Credentials:
        """The credentials in :func:`icpa.settings.current` (the environment, unless overridden)."""
        now = settings.current()
        scheme = now.endpoint_auth
        if scheme not in AUTH_SCHEMES:
            raise UsageError(f"ICPA_ENDPOINT_AUTH must be one of {', '.join(AUTH_SCHEMES)}, got {shorten(scheme)}")
        user = now.endpoint_user
        password = now.endpoint_password
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
        raise UsageError(f"{what} must be an http:// or https:// URL, got {shorten(url)}")
    if parts.fragment:
        raise UsageError(f"{what} must not have a #fragment: {shorten(url)}")
    return url.strip()


def check_graph(iri: str) -> str:
    """A graph name must be an absolute IRI (it is sent as a URL parameter and written as ``<iri>``)."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", iri or ""):
        raise UsageError(f"--graph must be an absolute IRI, got {shorten(iri)}")
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


def server_message(body: bytes) -> str:
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
        said = server_message(body)
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
def wrapper_class():
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


