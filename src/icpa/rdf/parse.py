"""Read RDF files into rdflib graphs: the format from :mod:`icpa.rdf.formats`, one-line errors."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from icpa.errors import DataError, one_line
from icpa.rdf import formats


def parse_file(path: str | Path, fmt: str | None = None, graph: Graph | None = None) -> Graph:
    """Parse an RDF file into ``graph`` (a new one by default).

    The file's own URL is its base IRI, as RDF parsers do, so relative IRIs resolve. A missing
    file, a format icpa does not know or a syntax error is a :class:`DataError` of one line.
    """
    graph = Graph() if graph is None else graph
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file" if not path.is_dir() else f"{path}: is a directory, not an RDF file")
    rdf_format = formats.for_file(path, name=fmt, default="ttl")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        graph.parse(data=data, format=rdf_format.rdflib, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise DataError(f"{path.name}: cannot parse as {rdf_format.name}: {describe(exc)}") from None
    return graph


def parse_text(text: str, fmt: str, *, base: str | None = None, graph: Graph | None = None) -> Graph:
    """Parse RDF text (``fmt`` is a name from :mod:`icpa.rdf.formats`); raises ``ValueError``."""
    graph = Graph() if graph is None else graph
    try:
        graph.parse(data=text, format=formats.get(fmt).rdflib, publicID=base)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise ValueError(describe(exc)) from None
    return graph


def describe(exc: Exception) -> str:
    """A parser error in one line of at most 300 characters."""
    why = getattr(exc, "_why", None)  # rdflib's Turtle/N3 BadSyntax
    if why is not None and getattr(exc, "lines", None) is not None:
        return f"syntax error at line {exc.lines + 1}: {why}"
    text = one_line(str(exc)) or type(exc).__name__
    return text[:300] + ("…" if len(text) > 300 else "")
