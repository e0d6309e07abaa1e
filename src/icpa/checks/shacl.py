"""The SHACL check: pySHACL over the data, with the ontology as its ``ont_graph``."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from icpa import vocab
from icpa.checks.registry import Context, Finding, short


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

    _, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True,
    )
    if not isinstance(results, Graph):  # pySHACL could not run the shapes (a ValidationFailure, not a report)
        first = next((line.strip() for line in str(text or results).splitlines() if line.strip()), "no reason given")
        return [Finding("ERROR", "shacl", "shapes", f"the SHACL shapes cannot be run by pySHACL: {first[:300]}")]
    sh = vocab.SH
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
