"""Build the graph a command works on: the ontology, the instance data and, when asked, the
inferences the reasoner adds."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from icpa import resources
from icpa.status import DataError


def parse(path: Path, fmt: str | None = None, graph: Graph | None = None) -> Graph:
    """Parse an RDF file into ``graph``; a missing file or a syntax error is a :class:`DataError`."""
    graph = Graph() if graph is None else graph
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        graph.parse(str(path), format=fmt or _guess(path))
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise DataError(f"{path.name}: cannot parse: {_one_line(exc)}") from None
    return graph


def _guess(path: Path) -> str:
    return {
        ".ttl": "turtle",
        ".nt": "nt",
        ".owl": "xml",
        ".rdf": "xml",
        ".xml": "xml",
        ".jsonld": "json-ld",
        ".json": "json-ld",
    }.get(path.suffix.lower(), "turtle")


def _one_line(exc: Exception) -> str:
    why = getattr(exc, "_why", None)  # rdflib's Turtle/N3 BadSyntax
    if why is not None and getattr(exc, "lines", None) is not None:
        return f"syntax error at line {exc.lines + 1}: {why}"
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")


def load_ontology(path: Path | None = None) -> Graph:
    """The TBox (``ontology/icpa.ttl`` unless another file is named)."""
    return parse(path or resources.ontology_file())


def load_data(path: Path | None = None) -> Graph:
    """The compiled instance data (``ontology/icpa-data.ttl``)."""
    return parse(path or resources.data_file())


def load(*, reasoned: bool = False, ontology: Path | None = None, data: Path | None = None) -> Graph:
    """Ontology + instance data (+ materialised inferences when ``reasoned``) in one graph."""
    graph = load_ontology(ontology)
    data_path = data or resources.data_file()
    if data is not None or data_path.is_file():
        parse(data_path, graph=graph)
        # one graph, one ontology: the data's header (which imports the TBox) is folded away
        graph.remove((URIRef(resources.DATA_GRAPH_IRI), None, None))
    if reasoned:
        from icpa.reasoning import inferences

        graph += inferences(ontology=ontology, data=data)
    return graph
