"""The checks behind ``icpa validate``: a ROBOT-report-style list of findings.

Each check is a function that receives a :class:`Context` (the files and their lazily parsed
graphs) and yields :class:`Finding` lines with a severity (ERROR, WARN, INFO). The registry
(:data:`CHECKS`) names each check's function as a ``"module:function"`` string, imported when
the check runs, so the list of checks costs nothing to import. A check that cannot run because
something it needs is missing (Java, the OWL API jars) says so as a WARN with the command
that installs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from icpa.errors import DataError

SEVERITIES = ("ERROR", "WARN", "INFO")


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
    """The files under check and their graphs, parsed on first use.

    ``curated`` and ``seeds`` (the corpus's YAML and article texts) are given when the data
    file is the corpus's own, so that the freshness check can rebuild it.
    """

    def __init__(self, ontology: Path, data: Path | None, shapes: Path | None, *, seeds: Path,
                 curated: list[Path] | None = None, java: bool = True) -> None:
        self.ontology_path = Path(ontology)
        self.data_path = Path(data) if data is not None else None
        self.shapes_path = Path(shapes) if shapes is not None else None
        self.seeds = Path(seeds)
        self.curated = curated
        self.java = java
        self.parse_errors: dict[str, str] = {}

    def _parse(self, key: str, path: Path | None):
        if path is None:
            return None
        from icpa.rdf.parse import parse_file

        try:
            return parse_file(path)
        except DataError as exc:
            self.parse_errors[key] = str(exc)
            return None

    @cached_property
    def ontology(self):
        return self._parse("ontology", self.ontology_path)

    @cached_property
    def data(self):
        return self._parse("data", self.data_path)

    @cached_property
    def shapes(self):
        return self._parse("shapes", self.shapes_path if self.data_path else None)

    @cached_property
    def merged(self):
        if self.ontology is None:
            return None
        from rdflib import Graph

        g = Graph()
        g += self.ontology
        if self.data is not None:
            g += self.data
        return g


@dataclass(frozen=True)
class CheckSpec:
    name: str
    description: str
    function: str  #: ``"module:function"``
    java: bool = False  #: skipped by ``--no-java``

    def run(self, ctx: Context) -> list[Finding]:
        from importlib import import_module

        module, _, attr = self.function.partition(":")
        return list(getattr(import_module(module), attr)(ctx))


CHECKS: dict[str, CheckSpec] = {
    c.name: c
    for c in (
        CheckSpec("parse", "the ontology, data and shapes parse as RDF", "icpa.checks.ontology:check_parse"),
        CheckSpec("metadata", "the ontology header has a version IRI, title, description, licence and date",
                  "icpa.checks.ontology:check_metadata"),
        CheckSpec("labels", "every class and property has an English label and a definition", "icpa.checks.ontology:check_labels"),
        CheckSpec("domain-range", "every property has a domain and a range", "icpa.checks.ontology:check_domain_range"),
        CheckSpec("hierarchy", "every class has a named parent or is a declared root", "icpa.checks.ontology:check_hierarchy"),
        CheckSpec("declarations", "every icpa term and every predicate used is declared", "icpa.checks.ontology:check_declarations"),
        CheckSpec("owlapi", "the OWL API (Protégé's library) loads it, in the OWL 2 DL profile",
                  "icpa.checks.reasoners:check_owlapi", java=True),
        CheckSpec("hermit", "HermiT finds it consistent, with no unsatisfiable class", "icpa.checks.reasoners:check_hermit", java=True),
        CheckSpec("shacl", "the data conforms to the SHACL shapes", "icpa.checks.shacl:check_shacl"),
        CheckSpec("anchors", "every quote's offsets select its text in its article", "icpa.checks.data:check_anchors"),
        CheckSpec("freshness", "the compiled data is what `icpa build` makes from data/*.yaml", "icpa.checks.data:check_freshness"),
    )
}


def validate(ctx: Context, *, only: list[str] | None = None, on_check=None) -> Report:
    """Run the registered checks over ``ctx`` and return the report; ``on_check(name, n, total)``
    is called before each check runs (for a progress line)."""
    if not ctx.ontology_path.is_file():
        raise DataError(f"{ctx.ontology_path}: no such file")
    if only is not None:
        unknown = [n for n in only if n not in CHECKS]
        if unknown:
            from icpa.errors import UsageError

            raise UsageError(f"unknown check(s) {', '.join(unknown)}; the checks are {', '.join(CHECKS)}")
    report = Report()
    chosen = [n for n in CHECKS if only is None or n in only]
    for name, spec in CHECKS.items():
        if only is not None and name not in only:
            continue
        if on_check is not None:
            on_check(name, chosen.index(name) + 1, len(chosen))
        if spec.java and not ctx.java:
            report.findings.append(Finding("INFO", name, "-", "skipped (--no-java)"))
            continue
        report.ran.append(name)
        report.findings.extend(spec.run(ctx))
    report.findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.check, f.subject, f.message))
    return report


def short(term) -> str:
    from rdflib import URIRef

    from icpa.vocab import curie

    return curie(str(term)) if isinstance(term, URIRef) else str(term)
