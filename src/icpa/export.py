"""Write the ontology and data in every format, deterministically and safely.

Formats are a registry (:data:`FORMATS`); the CLI's ``--format`` choice is derived from it.
Writes go through a temporary file in the target folder and an atomic rename, so an
interrupted export leaves no half-written file; a source file under ``ontology/`` is only
overwritten with ``force``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from icpa import resources, turtle
from icpa.status import UsageError


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    media_type: str
    description: str
    write: Callable[[Graph], str]


def _nt(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(set(line for line in lines if line.strip()))) + "\n"


def _rdfxml(graph: Graph) -> str:
    from rdflib.compare import to_canonical_graph

    g = turtle.bind_prefixes(Graph())
    g += to_canonical_graph(graph) if any(True for _ in _bnodes(graph)) else graph
    return g.serialize(format="xml")


def _bnodes(graph: Graph):
    from rdflib import BNode

    return (s for s in graph.subjects() if isinstance(s, BNode))


def _jsonld(graph: Graph) -> str:
    from rdflib.compare import to_canonical_graph

    g = turtle.bind_prefixes(Graph())
    g += to_canonical_graph(graph)
    context = {p: ns for p, ns in turtle.PREFIXES}
    return g.serialize(format="json-ld", context=context, sort_keys=True, indent=1)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ttl", ".ttl", "text/turtle", "Turtle (deterministic, @prefix; Protégé and the OWL API read it)", turtle.serialize),
        Format("owl", ".owl", "application/rdf+xml", "RDF/XML, the format Protégé opens by default", _rdfxml),
        Format("nt", ".nt", "application/n-triples", "N-Triples, sorted (line diffs, bulk loaders)", _nt),
        Format("jsonld", ".jsonld", "application/ld+json", "JSON-LD with the icpa prefixes as context", _jsonld),
    )
}


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and an atomic rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_source(path: Path) -> bool:
    try:
        return Path(path).resolve().parent == resources.ontology_dir().resolve()
    except FileNotFoundError:
        return False


def render(graph: Graph, fmt: str) -> str:
    try:
        return FORMATS[fmt].write(graph)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def export(graph: Graph, fmt: str, output: Path | None = None, *, force: bool = False) -> str:
    """Serialise ``graph`` as ``fmt``; write it to ``output`` if given and return the text."""
    text = render(graph, fmt)
    if output is not None:
        output = Path(output)
        if _is_source(output) and output.exists() and not force:
            raise UsageError(f"{output} is a source file under ontology/; pass --force to overwrite it")
        if not output.parent.is_dir():
            raise UsageError(f"{output.parent}: no such directory")
        write_text(output, text)
    return text
