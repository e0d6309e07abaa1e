"""The graph a command works on: the ontology, the instance data and, when asked, the
inferences HermiT adds; and counts of what it holds (``icpa info``).

Graphs that several calls in one process share (the engines' in-memory copies) are cached by
the files' identity (path, size, modification time), so a ``build`` that rewrites the data is
seen by the next query in the same process: nothing is cached for good.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from icpa import project, vocab
from icpa.rdf.parse import parse_file
from icpa.reasoning import cache


def _corpus(corpus: project.Corpus | None) -> project.Corpus:
    return corpus if corpus is not None else project.current()


def sources(corpus: project.Corpus | None = None, *, ontology: Path | None = None,
            data: Path | None = None) -> tuple[Path, Path | None]:
    """The ontology file and the data file (None when the corpus has none yet) a graph is made of."""
    corpus = _corpus(corpus)
    ontology = Path(ontology) if ontology is not None else corpus.ontology_file
    if data is not None:
        return ontology, Path(data)
    return ontology, corpus.data_file if corpus.data_file.is_file() else None


def load_ontology(corpus: project.Corpus | None = None, path: Path | None = None) -> Graph:
    """The TBox (``ontology/icpa.ttl`` unless another file is named)."""
    return parse_file(path or _corpus(corpus).ontology_file)


def load_data(corpus: project.Corpus | None = None, path: Path | None = None) -> Graph:
    """The compiled instance data (``ontology/icpa-data.ttl`` unless another file is named)."""
    return parse_file(path or _corpus(corpus).data_file)


def drop_data_header(graph: Graph) -> Graph:
    """One graph, one ontology: the data's own header (which imports the TBox) is folded away."""
    graph.remove((URIRef(vocab.DATA_ONTOLOGY_IRI), None, None))
    return graph


def load(*, reasoned: bool = False, ontology: Path | None = None, data: Path | None = None,
         corpus: project.Corpus | None = None) -> Graph:
    """Ontology + instance data (+ materialised inferences when ``reasoned``) in one graph."""
    onto, data_path = sources(corpus, ontology=ontology, data=data)
    graph = parse_file(onto)
    if data_path is not None:
        parse_file(data_path, graph=graph)
        drop_data_header(graph)
    if reasoned:
        graph += cache.inferences(onto, data_path)
    return graph


def inferences(corpus: project.Corpus | None = None, *, ontology: Path | None = None, data: Path | None = None,
               refresh: bool = False) -> Graph:
    """HermiT's inferences for the corpus's ontology + data (cached; ``refresh`` runs HermiT again)."""
    onto, data_path = sources(corpus, ontology=ontology, data=data)
    return cache.inferences(onto, data_path, refresh=refresh)


def inferences_file(corpus: project.Corpus | None = None) -> Path:
    onto, data_path = sources(corpus)
    return cache.inferences_file(onto, data_path)


def classified_tbox(corpus: project.Corpus | None = None) -> Graph:
    return cache.classified_tbox(sources(corpus)[0])


def signature(*paths: Path | None) -> tuple:
    """What identifies the contents of ``paths`` cheaply: path, size and modification time."""
    out = []
    for p in paths:
        if p is None:
            out.append(None)
            continue
        try:
            st = os.stat(p)
            out.append((str(Path(p).resolve()), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(p), None, None))
    return tuple(out)


_shared: dict[tuple, Graph] = {}


def shared(reasoned: bool = False, corpus: project.Corpus | None = None) -> Graph:
    """:func:`load`, kept while the files stay the same (engines read it; never modify it)."""
    onto, data_path = sources(corpus)
    files = signature(onto, data_path)
    graph = _shared.get((reasoned, files))
    if graph is None:
        for stale in [k for k in _shared if k[1] != files]:
            del _shared[stale]
        graph = _shared[(reasoned, files)] = load(reasoned=reasoned, corpus=corpus)
    return graph


def _instances(graph: Graph, cls: str) -> set:
    """Individuals of ``cls`` or any of its subclasses (asserted types)."""
    root = URIRef(vocab.ICPA + cls)
    classes = set(graph.transitive_subjects(RDFS.subClassOf, root))
    return {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}


def counts(graph: Graph) -> dict[str, int]:
    """Articles, actors, claims, quotes, figures, evidence, classes and triples in ``graph``."""
    return {
        "articles": len(_instances(graph, "Article")),
        "actors": len(_instances(graph, "Actor")),
        "claims": len(_instances(graph, "Claim")),
        "quotes": len(_instances(graph, "Quote")),
        "figures": len(_instances(graph, "StatedFigure")),
        "evidence": len(_instances(graph, "EvidenceSource")),
        "classes": len({c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(vocab.ICPA)}),
        "triples": len(graph),
    }
