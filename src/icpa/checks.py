"""The checks behind ``icpa validate``: a ROBOT-report-style list of findings.

Each check is a function registered with :func:`check`; it receives a :class:`Context` (the
files and their lazily parsed graphs) and yields :class:`Finding` lines with a severity
(ERROR, WARN, INFO). A check that cannot run because something it needs is missing (Java,
the OWL API jars) says so as a WARN with the command that installs it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from icpa import resources
from icpa.status import DataError, IcpaError

ICPA = resources.ONTOLOGY_NS
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
SEVERITIES = ("ERROR", "WARN", "INFO")

DECLARATION_TYPES = {
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual, OWL.Ontology,
    RDFS.Datatype,
}
BUILTIN_PREDICATES = {RDF.type, RDFS.label, RDFS.comment, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
                      RDFS.seeAlso, RDFS.isDefinedBy, RDF.first, RDF.rest}


@dataclass(frozen=True, order=True)
class Finding:
    severity: str
    check: str
    subject: str
    message: str

    def line(self) -> str:
        return f"{self.severity:<5}  {self.check:<14}  {self.subject}  {self.message}"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def ok(self) -> bool:
        return self.count("ERROR") == 0

    def by_check(self, name: str) -> list[Finding]:
        return [f for f in self.findings if f.check == name]

    def summary(self) -> str:
        verdict = "PASS" if self.ok else "FAIL"
        counts = ", ".join(f"{self.count(s)} {s}" for s in SEVERITIES)
        return f"{verdict}: {counts} ({len(self.ran)} checks: {', '.join(self.ran)})"


class Context:
    """The files under check and their graphs, parsed on first use."""

    def __init__(self, ontology: Path | None = None, data: Path | None = None, shapes: Path | None = None,
                 *, java: bool = True, seeds: Path | None = None) -> None:
        self.ontology_path = Path(ontology) if ontology else resources.ontology_file()
        if data is not None:
            self.data_path: Path | None = Path(data)
        elif ontology is None and resources.data_file().is_file():
            self.data_path = resources.data_file()
        else:
            self.data_path = None
        self.shapes_path = Path(shapes) if shapes else resources.shapes_file()
        self.java = java
        self.seeds = seeds or resources.seeds_dir()
        self.parse_errors: dict[str, str] = {}

    def _parse(self, key: str, path: Path | None) -> Graph | None:
        if path is None:
            return None
        from icpa.dataset import parse

        try:
            return parse(path)
        except DataError as exc:
            self.parse_errors[key] = str(exc)
            return None

    @cached_property
    def ontology(self) -> Graph | None:
        return self._parse("ontology", self.ontology_path)

    @cached_property
    def data(self) -> Graph | None:
        return self._parse("data", self.data_path)

    @cached_property
    def shapes(self) -> Graph | None:
        return self._parse("shapes", self.shapes_path if self.data_path else None)

    @cached_property
    def merged(self) -> Graph | None:
        if self.ontology is None:
            return None
        g = Graph()
        g += self.ontology
        if self.data is not None:
            g += self.data
        return g

    @property
    def is_shipped(self) -> bool:
        return self.ontology_path.resolve() == resources.ontology_file().resolve()


CheckFn = Callable[[Context], Iterator[Finding]]
CHECKS: dict[str, tuple[CheckFn, bool]] = {}


def check(name: str, *, java: bool = False) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``name``; ``java`` marks the ones ``--no-java`` skips."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = (fn, java)
        return fn

    return register


def short(term) -> str:
    from icpa.turtle import curie

    return curie(str(term)) if isinstance(term, URIRef) else str(term)


def _own_terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(t for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef) and str(t).startswith(ICPA))


# --- checks ---------------------------------------------------------------------------


@check("parse")
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


@check("metadata")
def check_metadata(ctx: Context) -> Iterator[Finding]:
    g = ctx.ontology
    if g is None:
        return
    heads = [s for s in g.subjects(RDF.type, OWL.Ontology)]
    if not heads:
        yield Finding("ERROR", "metadata", ctx.ontology_path.name, "no owl:Ontology header")
        return
    head = heads[0]
    for prop, name in ((OWL.versionIRI, "owl:versionIRI"), (URIRef(DCTERMS + "title"), "dcterms:title"),
                       (URIRef(DCTERMS + "description"), "dcterms:description"), (URIRef(DCTERMS + "license"), "dcterms:license"),
                       (URIRef(DCTERMS + "created"), "dcterms:created")):
        if g.value(head, prop) is None:
            yield Finding("ERROR", "metadata", short(head), f"ontology header lacks {name}")


@check("labels")
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


@check("domain-range")
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


@check("hierarchy")
def check_hierarchy(ctx: Context) -> Iterator[Finding]:
    """No class without a named parent, except the declared roots (icpa:isRootClass)."""
    g = ctx.ontology
    if g is None:
        return
    for cls in _own_terms(g, OWL.Class):
        parents = [p for p in g.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef) and p != OWL.Thing]
        if not parents and g.value(cls, URIRef(ICPA + "isRootClass")) is None:
            yield Finding("ERROR", "hierarchy", short(cls), "class has no named parent and is not a declared root")


@check("declarations")
def check_declarations(ctx: Context) -> Iterator[Finding]:
    """No undeclared term: every icpa: IRI and every predicate used is declared."""
    g = ctx.merged
    if g is None:
        return
    declared = {s for t in DECLARATION_TYPES for s in g.subjects(RDF.type, t)}
    typed = set(g.subjects(RDF.type, None))
    seen: set = set(g.objects(None, OWL.versionIRI)) | set(g.objects(None, OWL.imports))
    for s, p, o in g:
        for term in (s, p, o):
            if not isinstance(term, URIRef) or term in seen:
                continue
            seen.add(term)
            text = str(term)
            if text.startswith(ICPA) and term not in declared:
                yield Finding("ERROR", "declarations", short(term), "icpa term used but not declared in the ontology")
            elif text.startswith(resources.DATA_NS) and term not in typed:
                yield Finding("ERROR", "declarations", short(term), "data individual used but has no rdf:type")
        if p not in BUILTIN_PREDICATES and p not in declared and not str(p).startswith(str(OWL)) and p not in seen:
            seen.add(p)
            yield Finding("ERROR", "declarations", short(p), "predicate used but not declared as a property")


@check("owlapi", java=True)
def check_owlapi(ctx: Context) -> Iterator[Finding]:
    """Load in the OWL API (the library Protégé uses); zero OWL 2 DL profile violations."""
    from icpa import owlapi

    targets = [ctx.ontology_path]
    if ctx.data_path is not None:
        if (ctx.data_path.parent / "catalog-v001.xml").is_file():
            targets.append(ctx.data_path)
        else:
            yield Finding("INFO", "owlapi", ctx.data_path.name, "not loaded in the OWL API: no catalog-v001.xml beside it to resolve its import")
    for path in targets:
        if not path.is_file():
            continue
        try:
            report = owlapi.check(path)
        except owlapi.OwlApiUnavailable as exc:
            yield Finding("WARN", "owlapi", path.name, f"OWL API check not run: {exc}")
            return
        if report.error:
            yield Finding("ERROR", "owlapi", path.name, f"the OWL API cannot load it: {report.error}")
            continue
        for kind, text in report.violations[:50]:
            yield Finding("ERROR", "owlapi", path.name, f"OWL 2 DL violation {kind}: {text[:300]}")
        if len(report.violations) > 50:
            yield Finding("ERROR", "owlapi", path.name, f"... and {len(report.violations) - 50} more OWL 2 DL violations")
        if report.unparsed:
            yield Finding("WARN", "owlapi", path.name, f"{report.unparsed} triples the OWL API could not parse")
        if report.in_profile:
            yield Finding("INFO", "owlapi", path.name, f"loaded ({report.format}, {report.axioms} axioms); in the OWL 2 DL profile")


@check("hermit", java=True)
def check_hermit(ctx: Context) -> Iterator[Finding]:
    """HermiT finds ontology (+ data) consistent and no named class unsatisfiable."""
    from icpa import reasoning

    g = ctx.merged
    if g is None:
        return
    try:
        report = reasoning.check_consistency(g)
    except reasoning.ReasonerUnavailable as exc:
        yield Finding("WARN", "hermit", ctx.ontology_path.name, f"HermiT check not run: {exc}")
        return
    what = "ontology + data" if ctx.data is not None else "ontology"
    if not report.consistent:
        yield Finding("ERROR", "hermit", what, report.message or "inconsistent")
        return
    for iri in report.unsatisfiable:
        yield Finding("ERROR", "hermit", short(URIRef(iri)), "class is unsatisfiable")
    if not report.unsatisfiable:
        yield Finding("INFO", "hermit", what, f"consistent, no unsatisfiable class ({report.seconds:.1f} s)")


@check("shacl")
def check_shacl(ctx: Context) -> Iterator[Finding]:
    """The data conforms to the SHACL shapes (pySHACL, with the ontology as ont_graph)."""
    if ctx.data is None or ctx.shapes is None or ctx.ontology is None:
        return
    findings = run_shacl(ctx.data, ctx.shapes, ctx.ontology)
    yield from findings
    if not findings:
        yield Finding("INFO", "shacl", ctx.data_path.name, "conforms to the SHACL shapes")


def run_shacl(data: Graph, shapes: Graph, ontology: Graph) -> list[Finding]:
    """pySHACL over ``data``; one finding per validation result."""
    import pyshacl

    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True,
    )
    sh = "http://www.w3.org/ns/shacl#"
    findings = []
    for result in results.subjects(RDF.type, URIRef(sh + "ValidationResult")):
        focus = results.value(result, URIRef(sh + "focusNode"))
        message = results.value(result, URIRef(sh + "resultMessage"))
        path = results.value(result, URIRef(sh + "resultPath"))
        severity = results.value(result, URIRef(sh + "resultSeverity"))
        level = "ERROR" if str(severity).endswith("Violation") else "WARN"
        where = f" ({short(path)})" if isinstance(path, URIRef) else ""
        findings.append(Finding(level, "shacl", short(focus) if not isinstance(focus, BNode) else "[]", f"{message}{where}"))
    return sorted(findings)


@check("anchors")
def check_anchors(ctx: Context) -> Iterator[Finding]:
    """Every quote's offsets select exactly its recorded text in the article it names."""
    g = ctx.data
    if g is None:
        return
    oa = lambda n: URIRef(OA + n)  # noqa: E731
    texts: dict = {}
    for article in sorted(set(g.objects(None, oa("hasSource")))):
        seed = g.value(article, URIRef(ICPA + "seedFile"))
        path = ctx.seeds / str(seed) if seed else None
        if path is None or not path.is_file():
            yield Finding("ERROR", "anchors", short(article), f"article text not found: {seed}")
            continue
        raw = path.read_bytes()
        digest = g.value(article, URIRef(ICPA + "sha256"))
        if digest is not None and str(digest) != hashlib.sha256(raw).hexdigest():
            yield Finding("ERROR", "anchors", short(article), f"{seed} has changed since the data was built (sha256 differs)")
        texts[article] = raw.decode("utf-8")
    count = bad = 0
    for quote in sorted(g.subjects(RDF.type, URIRef(ICPA + "Quote"))):
        article = g.value(quote, oa("hasSource"))
        if article not in texts:
            continue
        exact = start = end = None
        for sel in g.objects(quote, oa("hasSelector")):
            exact = g.value(sel, oa("exact")) if exact is None else exact
            start = g.value(sel, oa("start")) if start is None else start
            end = g.value(sel, oa("end")) if end is None else end
        count += 1
        if exact is None or start is None or end is None:
            bad += 1
            yield Finding("ERROR", "anchors", short(quote), "quote lacks its exact text or its offsets")
            continue
        actual = texts[article][int(start):int(end)]
        if actual != str(exact):
            bad += 1
            yield Finding("ERROR", "anchors", short(quote), f"text[{start}:{end}] is {actual!r}, not {str(exact)!r}")
    if count and not bad:
        yield Finding("INFO", "anchors", ctx.data_path.name, f"all {count} quotes match their articles")


@check("freshness")
def check_freshness(ctx: Context) -> Iterator[Finding]:
    """The compiled data file is what ``icpa build`` makes from data/*.yaml now."""
    if ctx.data_path is None or ctx.data_path.resolve() != resources.data_file().resolve():
        return
    from icpa.build import build, curated_files

    if not curated_files():
        return
    try:
        result = build(check=True)
    except IcpaError as exc:
        yield Finding("ERROR", "freshness", "data/", f"the curated data does not build: {exc}")
        return
    if result.changed:
        yield Finding("ERROR", "freshness", result.path.name, "stale: differs from what `icpa build` makes from data/*.yaml")
    else:
        yield Finding("INFO", "freshness", result.path.name, "matches data/*.yaml")


def validate(ontology: Path | None = None, data: Path | None = None, shapes: Path | None = None, *,
             java: bool = True, only: list[str] | None = None) -> Report:
    """Run the registered checks and return the report."""
    ctx = Context(ontology, data, shapes, java=java)
    if not ctx.ontology_path.is_file():
        raise DataError(f"{ctx.ontology_path}: no such file")
    report = Report()
    for name, (fn, needs_java) in CHECKS.items():
        if only is not None and name not in only:
            continue
        if needs_java and not java:
            report.findings.append(Finding("INFO", name, "-", "skipped (--no-java)"))
            continue
        report.ran.append(name)
        report.findings.extend(fn(ctx))
    report.findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.check, f.subject, f.message))
    return report


__all__ = ["CHECKS", "Context", "Finding", "Report", "check", "validate", "XSD"]
