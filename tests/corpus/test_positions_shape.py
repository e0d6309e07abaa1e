"""The positions shape of the curated YAML: holders and reporters, positions (target + polarity),
flags, claim-to-claim relations by kind, inferred links with reasons, concept mentions, coding.

The fixture (``tests/data/corpus/positions-a000.yaml``) annotates the real article 000; every
expectation below is read off the fixture by hand, not off the compiler's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from icpa import vocab
from icpa.corpus import compiler as build
from icpa.errors import DataError

from ..conftest import CORPUS, DATA, ICPA

FIXTURE = DATA / "corpus" / "positions-a000.yaml"
PROV = vocab.PROV


def d(name: str) -> URIRef:
    return URIRef(vocab.DATA + name)


@pytest.fixture(scope="module")
def g(ontology):
    return build.compile_data([FIXTURE], ontology=ontology, seeds=CORPUS.seeds_dir)


def compile_text(tmp_path: Path, ontology, text: str):
    path = tmp_path / "a000.yaml"
    path.write_text(text, encoding="utf-8")
    return build.compile_data([path], ontology=ontology, seeds=CORPUS.seeds_dir)


def changed(old: str, new: str) -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def positions(g, claim: str) -> set[tuple[str, str]]:
    out = set()
    for p in g.objects(d(claim), ICPA.statesPosition):
        target = g.value(p, ICPA.positionTarget)
        polarity = g.value(p, ICPA.hasPolarity)
        out.add((str(target)[len(vocab.DATA):], str(polarity)[len(vocab.ICPA):]))
    return out


def test_each_position_has_one_target_and_one_polarity(g):
    assert positions(g, "a000-c01") == {("topic-incentive-to-keep-patients-out-of-hospital", "polarityFor")}
    assert positions(g, "a000-c02") == {("topic-hospital-led-vertical-integration", "polarityAgainst")}
    assert positions(g, "a000-c04") == {("a000-hospitals", "polarityConditional"),
                                        ("a000-c02", "polarityAgainst")}


def test_a_flag_is_not_a_position(g):
    # c01 names activity-rewarding payment as the problem and argues for an incentive instead
    barrier = d("topic-activity-rewarding-payment")
    assert (d("a000-c01"), ICPA.flags, barrier) in g
    assert (d("a000-c01"), ICPA.identifiesBarrier, barrier) in g
    assert not any(g.value(p, ICPA.positionTarget) == barrier for p in g.objects(d("a000-c01"), ICPA.statesPosition))


def test_a_barrier_that_is_only_a_position_target_is_not_identified(tmp_path, ontology):
    # identifiesBarrier comes from flags only: a position on a barrier does not make its claim name it
    text = changed("      - {target: IncentiveToKeepPatientsOutOfHospital, polarity: for}\n    flags: [ActivityRewardingPayment]",
                   "      - {target: ActivityRewardingPayment, polarity: against}")
    g = compile_text(tmp_path, ontology, text)
    assert positions(g, "a000-c01") == {("topic-activity-rewarding-payment", "polarityAgainst")}
    assert (d("a000-c01"), ICPA.about, d("topic-activity-rewarding-payment")) in g
    assert not list(g.objects(d("a000-c01"), ICPA.identifiesBarrier))
    assert not list(g.objects(d("a000-c01"), ICPA.flags))


def test_conditional_positions_keep_their_condition_and_hedges_stay_apart(g):
    p = next(p for p in g.objects(d("a000-c04"), ICPA.statesPosition)
             if g.value(p, ICPA.hasPolarity) == ICPA.polarityConditional)
    assert g.value(p, ICPA.condition) == Literal("If a hospital is in collaboration with GPs")
    assert g.value(d("a000-c03"), ICPA.hedge) == Literal("probably")
    assert positions(g, "a000-c03") == {("topic-competition-between-primary-and-secondary-care", "polarityAgainst")}


def test_holder_and_reporter_are_apart(g):
    assert set(g.objects(d("a000-c02"), ICPA.madeBy)) == {d("a000-many-gps")}
    assert set(g.objects(d("a000-c02"), ICPA.reportedBy)) == {d("steve-smith")}


def test_relations_between_claims_by_kind(g):
    assert (d("a000-c03"), ICPA.supportsClaim, d("a000-c04")) in g
    assert (d("a000-c04"), ICPA.rebuts, d("a000-c02")) in g


def test_every_position_records_its_coding_and_anchor(g):
    coding = d("coding-curator-by-hand-2026-12-06")
    assert (coding, ICPA.codingMethod, ICPA.methodByHand) in g
    assert g.value(coding, ICPA.coderRole) == Literal("curator")
    assert g.value(coding, URIRef(PROV + "endedAtTime")) == Literal("2026-12-06T00:00:00", datatype=XSD.dateTime)
    all_positions = set(g.subjects(RDF.type, ICPA.Position))
    assert len(all_positions) == 5
    for p in all_positions:
        assert g.value(p, URIRef(PROV + "wasGeneratedBy")) == coding
        claim = g.value(p, ICPA.positionOf)
        assert g.value(p, ICPA.hasQuote) == g.value(claim, ICPA.hasQuote)


def test_concept_mentions_and_kind_mentions_are_anchored(g):
    m = d("a000-mc-vertical-integration-1")
    assert (m, ICPA.mentionOf, d("topic-vertical-integration")) in g
    assert (d("topic-vertical-integration"), ICPA.mentionedIn, d("a000")) in g
    k = d("a000-mc-acute-trust-1")
    assert (k, ICPA.mentionsKind, ICPA.AcuteTrust) in g
    exact = next(g.objects(predicate=URIRef(vocab.OA + "exact"), subject=URIRef(f"{k}-q-text")))
    assert str(exact) == "hospital trusts in England"


def test_roles_in_the_article_are_derived(g):
    def roles(actor):
        return {str(g.value(p, ICPA.participationRole))[len(vocab.ICPA):]
                for p in g.subjects(ICPA.participant, d(actor)) if (p, ICPA.inArticle, d("a000")) in g}

    assert roles("steve-smith") == {"roleSpeaker", "roleReporter"}
    assert roles("a000-many-gps") == {"roleReported"}
    assert roles("hsj") == {"rolePublisher"}
    assert roles("politicians") == {"roleMentioned"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("polarity: for}", "polarity: pro}", "polarity must be one of for, against, conditional, neutral"),
        (', condition: "If a hospital is in collaboration with GPs"', "", "a conditional position names its condition"),
        ('condition: "If a hospital is in collaboration with GPs"', 'condition: "If a hospital merges"',
         "is not words of the claim's quote"),
        ("hedge: probably", "hedge: surely", "hedge 'surely' is not words of the claim's quote"),
        ("rebuts: [c02]", "rebuts: [a001-c02]", "a claim of another article"),
        ("flags: [FearOfTakeover]", "flags: [VerticalIntegration]", "is not a kind of barrier, risk, outcome or incentive"),
        ("reported_by: steve-smith", "reported_by: a000-many-gps", "both holds and reports the claim"),
        ("    holders: [steve-smith]\n    verb: says\n    text: There", "    holders: [steve-smith]\n    stance: supports\n    text: There",
         "'stance' is the old shape of a claim"),
        ("method: by-hand", "method: guessed", "method must be one of by-hand, proposed-and-accepted"),
        ("{kind: AcuteTrust,", "{kind: VerticalIntegration,", "is not a kind of actor"),
    ],
)
def test_bad_positions_stop_the_build_with_one_clear_line(tmp_path, ontology, old, new, message):
    with pytest.raises(DataError) as exc:
        compile_text(tmp_path, ontology, changed(old, new))
    assert message in str(exc.value)
    assert str(exc.value).startswith("a000.yaml")
    assert "\n" not in str(exc.value)


def test_links_across_articles_carry_their_reason_and_no_plain_triple(tmp_path, ontology):
    one = changed("mentions:\n", 'links:\n  - {from: c03, kind: rebuts, to: a001-c01, reason: "answers the same worry"}\nmentions:\n')
    other = (DATA / "corpus" / "positions-a001.yaml").read_text(encoding="utf-8")
    (tmp_path / "a000.yaml").write_text(one, encoding="utf-8")
    (tmp_path / "a001.yaml").write_text(other, encoding="utf-8")
    g = build.compile_data([tmp_path / "a000.yaml", tmp_path / "a001.yaml"], ontology=ontology, seeds=CORPUS.seeds_dir)
    link = d("a000-c03-link-rebuts-a001-c01")
    assert (link, RDF.type, ICPA.InferredLink) in g
    assert g.value(link, ICPA.linkFrom) == d("a000-c03") and g.value(link, ICPA.linkTo) == d("a001-c01")
    assert g.value(link, ICPA.relationProperty) == ICPA.rebuts
    assert str(g.value(link, ICPA.linkReason)) == "answers the same worry"
    assert (d("a000-c03"), ICPA.rebuts, d("a001-c01")) not in g
    assert (d("a000-c03"), ICPA.attacksClaim, d("a001-c01")) not in g


def test_a_relation_between_actors_says_who_states_it(tmp_path, ontology):
    text = changed("mentions:\n", "relations:\n  - {subject: politicians, property: pressures, object: a000-many-gps, quote: \"politicians\"}\nmentions:\n")
    with pytest.raises(DataError, match="says who states it"):
        compile_text(tmp_path, ontology, text)
    text = text.replace('quote: "politicians"}', 'stated_by: steve-smith, claim: c01, quote: "politicians"}')
    g = compile_text(tmp_path, ontology, text)
    rel = d("a000-r01")
    assert g.value(rel, ICPA.statedBy) == d("steve-smith") and g.value(rel, ICPA.statedIn) == d("a000-c01")


@pytest.mark.java
def test_the_positions_shape_is_consistent_under_hermit(ontology, g):
    from rdflib import Graph

    from icpa.reasoning import hermit

    merged = Graph()
    merged += ontology
    merged += g
    report = hermit.check_consistency(merged)
    assert report.consistent, report.message

