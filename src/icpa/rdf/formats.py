"""The one table of RDF formats: names, file suffixes, media types, and who reads and writes them.

Every place that needs to know a format asks here: parsing a file (by its suffix), loading a
store (pyoxigraph's format), reading a CONSTRUCT answer from an endpoint (by media type),
exporting (the writer, by ``--format`` or by the ``-o`` file's suffix). Writers are named as
``"module:function"`` strings and imported on first use, so this table costs nothing to import
and ``icpa --help`` lists the formats without loading rdflib. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from icpa.errors import UsageError


@dataclass(frozen=True)
class RdfFormat:
    name: str  #: what ``--format`` takes
    description: str
    suffixes: tuple[str, ...]  #: the first is what icpa writes
    media_types: tuple[str, ...]  #: how a server labels it (a CONSTRUCT answer's Content-Type)
    rdflib: str  #: rdflib's parser name
    oxigraph: str | None = None  #: the ``pyoxigraph.RdfFormat`` member, if pyoxigraph reads it
    writer: str | None = None  #: ``"module:function"`` writing a graph as deterministic text

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def write(self, graph) -> str:
        """The graph as text in this format, deterministic (byte-identical across runs and hash seeds)."""
        if self.writer is None:
            raise UsageError(f"icpa does not write {self.name}; write one of {', '.join(exportable())}")
        return _resolve(self.writer)(graph)


def _resolve(spec: str):
    from importlib import import_module

    module, _, attr = spec.partition(":")
    return getattr(import_module(module), attr)


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("ttl", "Turtle (deterministic, @prefix; Protégé and the OWL API read it)", (".ttl",),
                  ("text/turtle", "application/x-turtle", "application/turtle"), "turtle", "TURTLE", "icpa.rdf.turtle:serialize"),
        RdfFormat("owl", "RDF/XML, the format Protégé opens by default", (".owl", ".rdf", ".xml"),
                  ("application/rdf+xml",), "xml", "RDF_XML", "icpa.rdf.export:write_rdfxml"),
        RdfFormat("nt", "N-Triples, sorted (line diffs, bulk loaders)", (".nt",),
                  ("application/n-triples", "text/plain"), "nt", "N_TRIPLES", "icpa.rdf.export:write_nt"),
        RdfFormat("jsonld", "JSON-LD with the icpa prefixes as context", (".jsonld", ".json"),
                  ("application/ld+json",), "json-ld", "JSON_LD", "icpa.rdf.export:write_jsonld"),
        RdfFormat("nq", "N-Quads", (".nq",), ("application/n-quads",), "nquads", "N_QUADS"),
        RdfFormat("trig", "TriG", (".trig",), ("application/trig",), "trig", "TRIG"),
        RdfFormat("n3", "Notation3", (".n3",), ("text/n3", "text/rdf+n3"), "n3", "N3"),
    )
}


def get(name: str) -> RdfFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown RDF format {name!r}; choose one of {', '.join(FORMATS)}") from None


def help_text() -> str:
    """What ``icpa export --format`` offers, from the table."""
    return "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values() if f.writer) + "."


def exportable() -> list[str]:
    """The formats icpa writes (``icpa export --format``)."""
    return [f.name for f in FORMATS.values() if f.writer]


def by_suffix(path: str | PurePath) -> RdfFormat | None:
    suffix = PurePath(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


def by_media_type(media_type: str) -> RdfFormat | None:
    media_type = media_type.split(";")[0].strip().lower()
    return next((f for f in FORMATS.values() if media_type in f.media_types), None)


def for_file(path: str | PurePath, *, name: str | None = None, default: str | None = None) -> RdfFormat:
    """The format of ``path``: ``name`` if given, else by its suffix, else ``default``; else a UsageError."""
    if name:
        return get(name)
    found = by_suffix(path)
    if found is not None:
        return found
    if default:
        return get(default)
    suffixes = sorted(s for f in FORMATS.values() for s in f.suffixes)
    raise UsageError(f"{path}: unknown RDF format (name it with a suffix: {', '.join(suffixes)})")
