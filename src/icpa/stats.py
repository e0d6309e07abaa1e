"""Counts of what the knowledge graph holds (``icpa info``)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from icpa import resources

ICPA = resources.ONTOLOGY_NS


def _instances(graph: Graph, cls: str) -> set:
    """Individuals of ``cls`` or any of its subclasses (asserted types)."""
    root = URIRef(ICPA + cls)
    classes = set(graph.transitive_subjects(RDFS.subClassOf, root))
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def counts(graph: Graph | None = None) -> dict[str, int]:
    """Articles, actors, claims, quotes, figures, classes and triples in ``graph``."""
    if graph is None:
        from icpa.dataset import load

        graph = load()
    return {
        "articles": len(_instances(graph, "Article")),
        "actors": len(_instances(graph, "Actor")),
        "claims": len(_instances(graph, "Claim")),
        "quotes": len(_instances(graph, "Quote")),
        "figures": len(_instances(graph, "StatedFigure")),
        "evidence": len(_instances(graph, "EvidenceSource")),
        "classes": len({c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(ICPA)}),
        "triples": len(graph),
    }
