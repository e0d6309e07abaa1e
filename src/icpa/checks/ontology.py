"""Checks of the ontology itself (ROBOT report style): it parses, it has a header, every term has
a label, a definition, a domain and range and a parent, and nothing undeclared is used."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from icpa import vocab
from icpa.checks.registry import Context, Finding, short

DECLARATION_TYPES = {
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual, OWL.Ontology,
    RDFS.Datatype,
}
BUILTIN_PREDICATES = {RDF.type, RDFS.label, RDFS.comment, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
                      RDFS.seeAlso, RDFS.isDefinedBy, RDF.first, RDF.rest}


def _own_terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(t for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef) and str(t).startswith(vocab.ICPA))


def check_parse(ctx: Context) -> Iterator[Finding]:
    for key, path, graph in (("ontology", ctx.ontology_path, lambda: ctx.ontology), ("data", ctx.data_path, lambda: ctx.data),
                             ("shapes", ctx.shapes_path if ctx.data_path else None, lambda: ctx.shapes)):
        if path is None:
            continue
        g = graph()
        if g is None:
            yield Finding("ERROR", "parse", str(path), ctx.parse_errors.get(key, "cannot parse"))
        else:
            yield Finding("INFO", "parse", path.name, f"{len(g)} triples parsed")


def check_metadata(ctx: Context) -> Iterator[Finding]:
    g = ctx.ontology
    if g is None:
        return
    heads = [s for s in g.subjects(RDF.type, OWL.Ontology)]
    if not heads:
        yield Finding("ERROR", "metadata", ctx.ontology_path.name, "no owl:Ontology header")
        return
    head = heads[0]
    for prop, name in ((OWL.versionIRI, "owl:versionIRI"), (URIRef(vocab.DCTERMS + "title"), "dcterms:title"),
                       (URIRef(vocab.DCTERMS + "description"), "dcterms:description"), (URIRef(vocab.DCTERMS + "license"), "dcterms:license"),
                       (URIRef(vocab.DCTERMS + "created"), "dcterms:created")):
        if g.value(head, prop) is None:
            yield Finding("ERROR", "metadata", short(head), f"ontology header lacks {name}")


def check_labels(ctx: Context) -> Iterator[Finding]:
    """Every class and property has an English label and a definition."""
    g = ctx.ontology
    if g is None:
        return
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for term in _own_terms(g, kind):
            labels = [lit for lit in g.objects(term, RDFS.label) if isinstance(lit, Literal)]
            if not labels:
                yield Finding("ERROR", "labels", short(term), "missing rdfs:label")
            elif not any(lit.language in (None, "en") for lit in labels):
                yield Finding("ERROR", "labels", short(term), "no English rdfs:label")
            if len([lit for lit in labels if lit.language == "en"]) > 1:
                yield Finding("WARN", "labels", short(term), "more than one English rdfs:label")
            if g.value(term, SKOS.definition) is None:
                yield Finding("ERROR", "labels", short(term), "missing skos:definition")


def check_domain_range(ctx: Context) -> Iterator[Finding]:
    g = ctx.ontology
    if g is None:
        return
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in _own_terms(g, kind):
            if g.value(prop, RDFS.domain) is None:
                yield Finding("ERROR", "domain-range", short(prop), "property has no rdfs:domain")
            if g.value(prop, RDFS.range) is None:
                yield Finding("ERROR", "domain-range", short(prop), "property has no rdfs:range")


def check_hierarchy(ctx: Context) -> Iterator[Finding]:
    """No class without a named parent, except the declared roots (icpa:isRootClass)."""
    g = ctx.ontology
    if g is None:
        return
    for cls in _own_terms(g, OWL.Class):
        parents = [p for p in g.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef) and p != OWL.Thing]
        if not parents and g.value(cls, URIRef(vocab.ICPA + "isRootClass")) is None:
            yield Finding("ERROR", "hierarchy", short(cls), "class has no named parent and is not a declared root")


def check_declarations(ctx: Context) -> Iterator[Finding]:
    """No undeclared term: every icpa: IRI and every predicate used is declared."""
    g = ctx.merged
    if g is None:
        return
    declared = {s for t in DECLARATION_TYPES for s in g.subjects(RDF.type, t)}
    typed = set(g.subjects(RDF.type, None))
    skip: set = set(g.objects(None, OWL.versionIRI)) | set(g.objects(None, OWL.imports))
    seen: set = set()
    for s, p, o in g:
        for term in (s, p, o):
            if not isinstance(term, URIRef) or term in skip or term in seen:
                continue
            seen.add(term)
            text = str(term)
            if text.startswith(vocab.ICPA) and term not in declared:
                yield Finding("ERROR", "declarations", short(term), "icpa term used but not declared in the ontology")
            elif text.startswith(vocab.DATA) and term not in typed:
                yield Finding("ERROR", "declarations", short(term), "data individual used but has no rdf:type")
    for p in sorted(set(g.predicates())):
        if p in BUILTIN_PREDICATES or p in declared or str(p).startswith(str(OWL)) or str(p).startswith(vocab.ICPA):
            continue  # icpa terms are reported above
        yield Finding("ERROR", "declarations", short(p), "predicate used but not declared as a property")
