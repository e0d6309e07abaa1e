"""HermiT (through owlready2) fills the defined classes from asserted facts."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from icpa.rdf.parse import parse_file
from icpa.reasoning import hermit

from ..conftest import DATA, ICPA, D

EX = Namespace("https://example.org/fixture/")
pytestmark = pytest.mark.java


@pytest.fixture(scope="module")
def fixture_inferred(ontology) -> Graph:
    g = Graph()
    g += ontology
    parse_file(DATA / "reasoning" / "defined.ttl", graph=g)
    return hermit.materialise(g)


@pytest.mark.parametrize(
    ("individual", "cls"),
    [
        (EX.alice, ICPA.AdvocateOfVerticalIntegration),  # a position for a subtype of vertical integration
        (EX.alice, ICPA.Speaker),
        (EX.bob, ICPA.CriticOfVerticalIntegration),  # a position against it
        (EX["for"], ICPA.EvidenceBackedClaim),
        (EX["for"], ICPA.ContestedClaim),  # rebutted: rebuts is under attacksClaim, whose inverse is attackedBy
        (EX["for"], ICPA.Claim),  # from the domain of madeBy
        (EX.against, ICPA.ConcernClaim),
        (EX.pay, ICPA.IncentiveProposal),
        (EX.barrier, ICPA.BarrierClaim),
        (EX.trap, ICPA.RiskWarning),
        (EX.pct, ICPA.OrganisationUnderPressure),
        (EX.sha, ICPA.InfluentialActor),
    ],
)
def test_hermit_infers_defined_class_from_asserted_facts(fixture_inferred, individual, cls):
    assert (individual, RDF.type, cls) in fixture_inferred


@pytest.mark.parametrize(
    ("individual", "cls"),
    [
        (EX.bob, ICPA.AdvocateOfVerticalIntegration),
        (EX.alice, ICPA.CriticOfVerticalIntegration),
        (EX.pay, ICPA.BarrierClaim),
        (EX.sha, ICPA.OrganisationUnderPressure),
        (EX.against, ICPA.EvidenceBackedClaim),
        (EX.carol, ICPA.CriticOfVerticalIntegration),  # conditional is never against
        (EX.carol, ICPA.AdvocateOfVerticalIntegration),  # nor plainly for
        (EX.maybe, ICPA.ConcernClaim),
    ],
)
def test_hermit_does_not_over_infer(fixture_inferred, individual, cls):
    assert (individual, RDF.type, cls) not in fixture_inferred


def test_property_chains_and_inverses_are_materialised(fixture_inferred):
    assert (EX.alice, ICPA.affiliatedWith, EX.trust) in fixture_inferred  # holdsPost o postIn
    assert (EX.alice, ICPA.holdsPost, EX.post) in fixture_inferred  # inverse of postHolder
    assert (EX.alice, ICPA.appearsIn, EX.art) in fixture_inferred  # makesClaim o reportedIn
    assert (EX.pct, ICPA.pressuredBy, EX.sha) in fixture_inferred
    assert (EX.barrier, ICPA.about, EX["payment-barrier"]) in fixture_inferred  # identifiesBarrier ⊑ flags ⊑ about
    assert (EX["for-p"], ICPA.positionOf, EX["for"]) in fixture_inferred  # inverse of statesPosition


# Hand-checked against the articles: who is inferred into which defined class on the real data.
REAL = [
    ("steve-smith", "AdvocateOfVerticalIntegration"),  # a000: wants "a large integrated provider"
    ("helen-bevan", "AdvocateOfVerticalIntegration"),  # a001: "Vertical integration is one of the ways of dealing with the [organisational] interface issue"
    ("a000-many-gps", "CriticOfVerticalIntegration"),  # a000: many “fear” integration with a hospital trust
    ("a001-resisting-pcts", "CriticOfVerticalIntegration"),  # a001: "some PCTs are resisting"
    ("a001-ft-finance-director", "AdvocateOfVerticalIntegration"),  # a001: a “no brainer”
    ("a001-some-pcts", "OrganisationUnderPressure"),  # a001: "under pressure from their strategic health authorities"
    ("department-of-health", "InfluentialActor"),  # a001: sets a 31 March deadline for PCTs
    ("a001-c10", "EvidenceBackedClaim"),  # cites the NHS Institute research
    ("a001-c10", "ContestedClaim"),  # Bevan: "that was not the intention of her research"
    ("a000-c16", "ConcernClaim"),  # some GPs fear hospitals will “suck in” patients
    ("a004-c38", "BarrierClaim"),  # payment systems that reward activity
    ("a000-c10", "IncentiveProposal"),  # "a financial incentive to help keep patients out of hospital"
    ("a004-c16", "RiskWarning"),  # the first trap
]


@pytest.mark.parametrize(("ident", "cls"), REAL)
def test_real_data_defined_class_members(reasoned, ident, cls):
    assert (D[ident], RDF.type, ICPA[cls]) in reasoned


# Hand-checked against the articles: who is NOT in a class the old stances put them in.
REAL_NOT = [
    ("mike-sobanja", "CriticOfVerticalIntegration"),  # a001: against imposing it and choosing it for speed, not against it
    ("helen-bevan", "CriticOfVerticalIntegration"),  # a001: "one of the ways … but it’s not the only way"
    ("steve-smith", "CriticOfVerticalIntegration"),  # a000: "it can be part of the solution" is conditional
    ("department-of-health", "AdvocateOfVerticalIntegration"),  # a003: "permissible" when in the best interests: conditional
    ("nuffield-trust", "AdvocateOfVerticalIntegration"),  # a003: "different routes to integration" is no kind of it
]


@pytest.mark.parametrize(("ident", "cls"), REAL_NOT)
def test_real_data_defined_class_non_members(reasoned, ident, cls):
    assert (D[ident], RDF.type, ICPA[cls]) not in reasoned


def test_chris_ham_is_one_individual_with_posts_in_two_articles(reasoned):
    orgs = set(reasoned.objects(D["chris-ham"], ICPA.affiliatedWith))
    assert {D["kings-fund"], D["birmingham-university"]} <= orgs
    assert {D.a003, D.a004} <= set(reasoned.objects(D["chris-ham"], ICPA.appearsIn))


def test_ontology_and_data_are_consistent(shipped_report):
    """hermit.check_consistency on the merged shipped graph: the shared validation ran it (the
    hermit check), so its findings are read here instead of running HermiT a second time."""
    findings = shipped_report.by_check("hermit")
    assert [f.severity for f in findings] == ["INFO"], [f.line() for f in findings]
    assert findings[0].message.startswith("consistent, no unsatisfiable class")


def test_inferences_are_cached(monkeypatch, inferred):
    from icpa import kg

    from ..conftest import CORPUS

    calls = []
    monkeypatch.setattr(hermit, "materialise", lambda g: calls.append(1) or Graph())
    again = kg.inferences(CORPUS)
    assert calls == [] and len(again) == len(inferred)
