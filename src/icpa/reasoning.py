"""HermiT through owlready2: consistency, classification and materialised inferences.

owlready2 and Java are imported and started only here, and only when a command reasons.
owlready2 does not read Turtle, so graphs are handed over as N-Triples bytes. Inferences are
cached on disk, keyed by the digest of the ontology and data they came from, so a second
``--reasoned`` query does not start Java again while neither file has changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from icpa import resources
from icpa.status import DataError, IcpaError

CACHE_VERSION = "1"
_INFERRED_IRI = "https://w3id.org/icpa/inferred"


class ReasonerUnavailable(IcpaError):
    """Java (needed by HermiT) is not installed."""


@dataclass(frozen=True)
class ReasonerReport:
    consistent: bool
    unsatisfiable: tuple[str, ...]
    seconds: float
    message: str = ""


def cache_dir() -> Path:
    base = os.environ.get("ICPA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "icpa"
    )
    return Path(base)


def _require_java() -> None:
    if shutil.which("java") is None:
        raise ReasonerUnavailable(
            "HermiT needs Java, which is not installed: apt-get install default-jre-headless"
        )


def _to_owlready(graph: Graph):
    """A fresh owlready2 World holding ``graph``; returns (world, ontology)."""
    import owlready2

    nt = graph.serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(resources.ONTOLOGY_IRI).load(fileobj=io.BytesIO(nt))
    return world, onto


def _run_hermit(world, target, *, infer_property_values: bool) -> str | None:
    """Run HermiT with inferences going into ``target``; return an error text or None."""
    import owlready2

    _require_java()
    scratch = tempfile.mkdtemp(prefix="icpa-hermit-")
    old_tmp = tempfile.tempdir
    tempfile.tempdir = scratch  # owlready2 leaves its temporary file behind when Java fails
    try:
        with target:
            owlready2.sync_reasoner_hermit(world, infer_property_values=infer_property_values, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return "inconsistent"
    except FileNotFoundError as exc:
        raise ReasonerUnavailable(f"cannot run Java for HermiT: {exc}") from None
    except Exception as exc:  # owlready2 wraps Java failures in OwlReadyJavaError
        first = next((line for line in str(exc).splitlines() if "Exception" in line), str(exc).splitlines()[0] if str(exc) else "")
        return f"HermiT failed: {first.strip()[:300]}"
    finally:
        tempfile.tempdir = old_tmp
        shutil.rmtree(scratch, ignore_errors=True)
    return None


def check_consistency(graph: Graph) -> ReasonerReport:
    """Is ``graph`` consistent under HermiT, and which named classes are unsatisfiable?"""
    import time

    world, _ = _to_owlready(graph)
    target = world.get_ontology(_INFERRED_IRI)
    start = time.perf_counter()
    error = _run_hermit(world, target, infer_property_values=False)
    seconds = time.perf_counter() - start
    if error == "inconsistent":
        return ReasonerReport(False, (), seconds, "HermiT: the ontology is inconsistent")
    if error:
        return ReasonerReport(False, (), seconds, error)
    unsat = tuple(sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing)))
    return ReasonerReport(True, unsat, seconds)


def _named_types(graph: Graph) -> dict:
    return {s: {o for o in graph.objects(s, RDF.type) if isinstance(o, URIRef)} for s in set(graph.subjects(RDF.type, None))}


def materialise(graph: Graph) -> Graph:
    """Run HermiT on ``graph`` and return the triples it entails that ``graph`` does not hold.

    HermiT gives each individual's most specific inferred classes, the inferred subclass
    axioms and the inferred property values (inverses, property chains, sub-properties);
    the type closure over named superclasses is then added, so a query needs no reasoning of
    its own to find an individual under any of its classes.
    """
    world, _ = _to_owlready(graph)
    target = world.get_ontology(_INFERRED_IRI)
    error = _run_hermit(world, target, infer_property_values=True)
    if error == "inconsistent":
        raise DataError("the ontology and data are inconsistent under HermiT; run `icpa validate`")
    if error:
        raise DataError(error)
    out = io.BytesIO()
    world.as_rdflib_graph()  # make sure the quadstore is flushed
    target.save(file=out, format="ntriples")
    inferred = Graph().parse(data=out.getvalue().decode("utf-8"), format="nt")
    full = Graph()
    full += graph
    full += inferred
    # subclass closure over named classes (asserted + inferred), then type closure
    supers: dict[URIRef, set[URIRef]] = {}

    def ancestors(c: URIRef) -> set[URIRef]:
        if c not in supers:
            supers[c] = {x for x in full.transitive_objects(c, RDFS.subClassOf) if isinstance(x, URIRef)}
        return supers[c]

    for s in set(full.subjects(RDF.type, None)):
        if isinstance(s, BNode):
            continue
        for t in list(full.objects(s, RDF.type)):
            if isinstance(t, URIRef) and t not in (OWL.NamedIndividual, OWL.Class):
                for a in ancestors(t):
                    if a != t and a != OWL.Thing:
                        full.add((s, RDF.type, a))
    close_properties(full)
    result = Graph()
    for triple in full:
        s, p, o = triple
        if triple in graph or isinstance(s, BNode) or isinstance(o, BNode):
            continue
        if p == RDF.type and o in (OWL.Thing, OWL.NamedIndividual):
            continue
        if str(s).startswith(_INFERRED_IRI) or p == OWL.imports:
            continue
        result.add(triple)
    return result


def close_properties(graph: Graph) -> int:
    """Add the property values entailed by the object-property axioms, to a fixpoint.

    Covers ``rdfs:subPropertyOf``, ``owl:inverseOf``, ``owl:SymmetricProperty`` and
    two-step ``owl:propertyChainAxiom``: owlready2 computes inverses in Python and does not
    return them from HermiT, so they are materialised here. Returns the triples added.
    """
    from rdflib.collection import Collection

    supers = [(p, q) for p, q in graph.subject_objects(RDFS.subPropertyOf) if isinstance(p, URIRef) and isinstance(q, URIRef)]
    inverses = [(p, q) for p, q in graph.subject_objects(OWL.inverseOf) if isinstance(p, URIRef) and isinstance(q, URIRef)]
    symmetric = [p for p in graph.subjects(RDF.type, OWL.SymmetricProperty) if isinstance(p, URIRef)]
    chains = []
    for p, lst in graph.subject_objects(OWL.propertyChainAxiom):
        steps = list(Collection(graph, lst))
        if len(steps) == 2 and all(isinstance(x, URIRef) for x in steps):
            chains.append((p, steps[0], steps[1]))
    added = 0
    while True:
        new = set()
        for p, q in supers:
            new.update((s, q, o) for s, o in graph.subject_objects(p))
        for p, q in inverses:
            new.update((o, q, s) for s, o in graph.subject_objects(p))
            new.update((o, p, s) for s, o in graph.subject_objects(q))
        for p in symmetric:
            new.update((o, p, s) for s, o in graph.subject_objects(p))
        for p, first, second in chains:
            for s, mid in graph.subject_objects(first):
                new.update((s, p, o) for o in graph.objects(mid, second))
        new = {t for t in new if t not in graph and not isinstance(t[0], BNode)}
        if not new:
            return added
        for t in new:
            graph.add(t)
        added += len(new)


def _digest(*paths: Path) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    try:
        import owlready2

        h.update(str(getattr(owlready2, "VERSION", "")).encode())
    except ImportError:
        pass
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:32]


def inferences_file(*, ontology: Path | None = None, data: Path | None = None, refresh: bool = False) -> Path:
    """The N-Triples file of inferred triples for ontology + data, computed once and cached."""
    from icpa import dataset
    from icpa.export import FORMATS, write_text

    ontology = Path(ontology or resources.ontology_file())
    data = Path(data or resources.data_file())
    paths = [ontology] + ([data] if data.is_file() else [])
    for p in paths:
        if not p.is_file():
            raise DataError(f"{p}: no such file")
    cached = cache_dir() / "reasoned" / f"{_digest(*paths)}.nt"
    if cached.is_file() and not refresh:
        return cached
    graph = dataset.load_ontology(ontology)
    if data.is_file():
        dataset.parse(data, graph=graph)
    text = FORMATS["nt"].write(materialise(graph))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_text(cached, text)
    except OSError:  # an unwritable cache only costs time
        fd, tmp = tempfile.mkstemp(prefix="icpa-inferred-", suffix=".nt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        cached = Path(tmp)
    return cached


def inferences(*, ontology: Path | None = None, data: Path | None = None, refresh: bool = False) -> Graph:
    """The inferred triples for ontology + data (an rdflib graph), from the cache when fresh."""
    path = inferences_file(ontology=ontology, data=data, refresh=refresh)
    return Graph().parse(str(path), format="nt")


def classified_tbox(ontology: Path | None = None) -> Graph:
    """HermiT's inferred axioms for the ontology alone (cached): the input of the rules."""
    ontology = Path(ontology or resources.ontology_file())
    cached = cache_dir() / "classified" / f"{_digest(ontology)}.nt"
    if cached.is_file():
        return Graph().parse(str(cached), format="nt")
    from icpa import dataset
    from icpa.export import FORMATS, write_text

    inferred = materialise(dataset.load_ontology(ontology))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_text(cached, FORMATS["nt"].write(inferred))
    except OSError:
        pass
    return inferred
