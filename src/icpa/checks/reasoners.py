"""Checks that need Java: the OWL API load and OWL 2 DL profile (the library Protégé uses), and
HermiT's consistency and satisfiability."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from icpa.checks.registry import Context, Finding, short


def check_owlapi(ctx: Context) -> Iterator[Finding]:
    """Load in the OWL API (the library Protégé uses); zero OWL 2 DL profile violations."""
    from icpa.checks import owlapi

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
        except (owlapi.OwlApiUnavailable, owlapi.OwlApiError) as exc:
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


def check_hermit(ctx: Context) -> Iterator[Finding]:
    """HermiT finds ontology (+ data) consistent and no named class unsatisfiable."""
    from icpa.reasoning import hermit

    g = ctx.merged
    if g is None:
        return
    try:
        report = hermit.check_consistency(g)
    except hermit.ReasonerUnavailable as exc:
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
