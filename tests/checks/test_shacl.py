"""Each SHACL shape, shown on a fixture that violates it (and a fixture that passes)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, XSD

from icpa import vocab
from icpa.checks.shacl import run_shacl
from icpa.rdf.parse import parse_file

from ..conftest import CORPUS, DATA, ICPA

D = Namespace(vocab.DATA)
OA = Namespace(vocab.OA)
PROV = Namespace(vocab.PROV)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return parse_file(CORPUS.shapes_file)


@pytest.fixture()
def valid() -> Graph:
    return parse_file(DATA / "shacl" / "valid.ttl")


def test_fixture_conforms(valid, shapes, ontology):
    assert run_shacl(valid, shapes, ontology) == []


def test_shipped_data_conforms(shipped_report):
    """run_shacl over the shipped data: the shared validation ran it (the shacl check)."""
    findings = shipped_report.by_check("shacl")
    assert [(f.severity, f.message) for f in findings] == [("INFO", "conforms to the SHACL shapes")], [f.line() for f in findings]


# (what is broken, triples removed, triples added, words the report must contain)
CASES = [
    ("claim without article", [(D.c1, ICPA.reportedIn, D.t1)], [], "exactly one source article"),
    ("claim in two articles", [], [(D.c1, ICPA.reportedIn, D.t2)], "exactly one source article"),
    ("claim without quote", [(D.c1, ICPA.hasQuote, D["c1-q"])], [], "at least one quote anchor"),
    ("claim without holder", [(D.c1, ICPA.madeBy, D.steve)], [], "at least one holder"),
    ("claim without position, flag or link", [(D.c1, ICPA.statesPosition, D["c1-p1"])], [], "states a position, flags"),
    ("reporter who also holds", [], [(D.c1, ICPA.reportedBy, D.steve)], "not one of its holders"),
    ("position without polarity", [(D["c1-p1"], ICPA.hasPolarity, ICPA.polarityFor)], [], "exactly one polarity"),
    ("position with two polarities", [], [(D["c1-p1"], ICPA.hasPolarity, ICPA.polarityAgainst)], "exactly one polarity"),
    ("position without target", [(D["c1-p1"], ICPA.positionTarget, D["topic-vi"])], [], "exactly one target"),
    ("position without coding", [(D["c1-p1"], PROV.wasGeneratedBy, D["coding-1"])], [], "how it was made"),
    ("conditional without condition", [(D["c1-p1"], ICPA.hasPolarity, ICPA.polarityFor)],
     [(D["c1-p1"], ICPA.hasPolarity, ICPA.polarityConditional)], "states its condition"),
    ("condition on a plain position", [], [(D["c1-p1"], ICPA.condition, Literal("if it works"))], "states its condition"),
    ("actor relation nobody states", [], [(D.r1, RDF.type, ICPA.StatedRelation), (D.r1, ICPA.relationSubject, D.steve),
                                          (D.r1, ICPA.relationProperty, ICPA.pressures), (D.r1, ICPA.reportedIn, D.t1),
                                          (D.r1, ICPA.hasQuote, D["c1-q"])], "says who states it"),
    ("claim text missing", [(D.c1, ICPA.claimText, Literal("Steve Smith is named."))], [], "states its proposition"),
    ("quote offsets beyond the article", [(D["c1-q-pos"], OA.end, Literal(180, datatype=XSD.nonNegativeInteger))],
     [(D["c1-q-pos"], OA.end, Literal(99999, datatype=XSD.nonNegativeInteger))], "outside its article"),
    ("exact text and offsets disagree", [(D["c1-q-text"], OA.exact, Literal("Steve Smith"))],
     [(D["c1-q-text"], OA.exact, Literal("Steve"))], "disagree in length"),
    ("start after end", [(D["c1-q-pos"], OA.start, Literal(169, datatype=XSD.nonNegativeInteger))],
     [(D["c1-q-pos"], OA.start, Literal(200, datatype=XSD.nonNegativeInteger))], "before its end"),
    ("quote from another article", [(D["c1-q"], OA.hasSource, D.t1)], [(D["c1-q"], OA.hasSource, D.t2)], "different article"),
    ("quote without position selector", [(D["c1-q"], OA.hasSelector, D["c1-q-pos"])], [], "text position selector"),
    ("actor without label", [(D.steve, RDFS.label, Literal("Steve Smith", lang="en"))], [], "every actor has a label"),
    ("actor without kind", [(D.steve, RDF.type, ICPA.Person)], [(D.steve, RDF.type, ICPA.Actor)], "needs a kind"),
    ("group without member kind", [(D.pcts, ICPA.memberKind, ICPA.PrimaryCareTrust)], [], "kind of its members"),
    ("article without truncation flag", [(D.t1, ICPA.isTruncated, Literal(False))], [], "whether its text is truncated"),
    ("figure without measure", [(D.f1, ICPA.measures, Literal("estimated income"))], [], "says what it measures"),
    ("money without unit", [(D.f1, ICPA.unit, Literal("GBP"))], [], "has a unit"),
    ("figure nobody states", [(D.f1, ICPA.statedBy, D.steve)], [], "stated by someone"),
]


@pytest.mark.parametrize(("removed", "added", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_shape_reports_violation(valid, shapes, ontology, removed, added, expected):
    for t in removed:
        assert t in valid, f"fixture lacks {t}"
        valid.remove(t)
    for t in added:
        valid.add(t)
    findings = run_shacl(valid, shapes, ontology)
    assert findings, "the broken fixture passed"
    assert any(expected in f.message and f.severity == "ERROR" for f in findings), [f.message for f in findings]
