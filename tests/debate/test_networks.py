"""``icpa network``: DNA's networks from the positions, checked against values a second reader
derived from data/*.yaml by hand (tests/data/networks/expected.yaml), against DNA's arithmetic
on a tiny debate, and read back with networkx, an XML parser and csv."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import yaml

from icpa.debate import networks
from icpa.debate.networks import Options, build
from icpa.errors import UsageError

from ..conftest import CORPUS, DATA, icpa, one_error_line
from .conftest import D, tiny

EXPECTED = yaml.safe_load((DATA / "networks" / "expected.yaml").read_text(encoding="utf-8"))
I = "https://w3id.org/icpa/ontology#"  # noqa: E741


def node(name: str) -> str:
    """The node id of an actor id or a concept's class name, as the expected file names them."""
    return f"icpad:topic-{_kebab(name)}" if name[0].isupper() else f"icpad:{name}"


def _kebab(name: str) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def claims(attr: str) -> set[str]:
    return {c.removeprefix(D) for c in attr.split()}


@pytest.fixture(scope="module")
def graphml():
    from icpa import api

    out = {}
    for kind in networks.KINDS:  # one-mode with "ignore": a tie wherever two nodes share a target, with both counts on it
        qualifier = None if kind == "actor-concept" else "ignore"
        text = api.network(Options(kind=kind, qualifier=qualifier), "graphml", corpus=CORPUS).data
        out[kind] = nx.parse_graphml(text)
    return out


def test_the_totals_are_the_hand_counted_ones(graphml):
    g = graphml["actor-concept"]
    modes = [d["mode"] for _, d in g.nodes(data=True)]
    assert modes.count("actor") == EXPECTED["totals"]["actors"]
    assert modes.count("concept") == EXPECTED["totals"]["targets"]
    assert g.graph["statements"] == EXPECTED["totals"]["statements"]


@pytest.mark.parametrize("cell", EXPECTED["actor_concept"], ids=lambda c: f"{c['actor']}-{c['target']}")
def test_actor_concept_cells(graphml, cell):
    g = graphml["actor-concept"]
    a, t = node(cell["actor"]), node(cell["target"])
    if t not in g:  # a target named by an entity id, not a concept class
        t = f"icpad:{cell['target']}"
    edge = g.edges[a, t]
    assert (edge["for"], edge["against"]) == (cell["for"], cell["against"])
    assert edge["weight"] == cell["weight_ignore"]
    assert claims(edge["claims"]) == set(cell["claims_for"]) | set(cell["claims_against"])
    assert all("#" in anchor for anchor in edge["quotes"].split())  # seedfile#start-end, one per claim


@pytest.mark.parametrize("pair", EXPECTED["actor_actor"], ids=lambda p: "-".join(p["pair"]))
def test_actor_actor_congruence_and_conflict(graphml, pair):
    g = graphml["actor-actor"]
    a, b = (node(p) for p in pair["pair"])
    if pair.get("edge") is False:
        assert not g.has_edge(a, b)
        return
    edge = g.edges[a, b]
    assert (edge["congruence"], edge["conflict"]) == (pair["congruence"], pair["conflict"])
    if pair["congruence"] and not pair["conflict"]:
        assert claims(edge["claims"]) == set(pair["claims_congruence"])  # the claims behind the agreement
    if pair["conflict"] and not pair["congruence"]:
        assert claims(edge["claims"]) == set(pair["claims_conflict"])


@pytest.mark.parametrize("pair", EXPECTED["concept_concept"], ids=lambda p: "-".join(p["pair"]))
def test_concept_concept_congruence_and_conflict(graphml, pair):
    edge = graphml["concept-concept"].edges[tuple(node(p) for p in pair["pair"])]
    assert (edge["congruence"], edge["conflict"]) == (pair["congruence"], pair["conflict"])


def test_conflict_network_keeps_only_conflict_ties():
    from icpa import api

    g = nx.parse_graphml(api.network(Options(kind="actor-actor", qualifier="conflict"), "graphml", corpus=CORPUS).data)
    assert g.edges["icpad:a000-enthusiastic-gps", "icpad:a000-some-gps"]["weight"] == 2
    assert not g.has_edge("icpad:chris-ham", "icpad:helen-bevan")  # they only agree
    assert all(d["conflict"] > 0 for *_, d in g.edges(data=True))


# --- DNA's arithmetic on a tiny debate -----------------------------------------------------------


def weights(kind: str, **options) -> dict:
    g = build(tiny(), Options(kind=kind, **options)).graph
    return {tuple(sorted((u.split(":")[-1], v.split(":")[-1]))): d["weight"] for u, v, d in g.edges(data=True)}


def test_two_mode_qualifiers_and_normalisations():
    # A: x for 2, y against 1; B: x for 1, y for 1; C: x against 1 (neutral and conditional left out)
    assert weights("actor-concept") == {("A", "x"): 2, ("A", "y"): 1, ("B", "x"): 1, ("B", "y"): 1, ("C", "x"): 1}
    assert weights("actor-concept", qualifier="subtract") == {("A", "x"): 2, ("A", "y"): -1, ("B", "x"): 1, ("B", "y"): 1,
                                                              ("C", "x"): -1}
    assert weights("actor-concept", qualifier="combine") == {("A", "x"): 1, ("A", "y"): 2, ("B", "x"): 1, ("B", "y"): 1,
                                                             ("C", "x"): 2}
    assert weights("actor-concept", normalise="activity")[("A", "x")] == pytest.approx(2 / 3)  # A made 3 statements
    assert weights("actor-concept", normalise="prominence")[("A", "x")] == pytest.approx(2 / 4)  # x drew 4
    assert weights("actor-concept", conditional_as_for=True)[("B", "x")] == 2


def test_one_mode_qualifiers_and_normalisations():
    # A-B: x for 2*1 = 2 congruence; y against*for = 1 conflict. A-C: x for*against 2 conflict. B-C: x 1 conflict.
    assert weights("actor-actor") == {("A", "B"): 2}
    assert weights("actor-actor", qualifier="conflict") == {("A", "B"): 1, ("A", "C"): 2, ("B", "C"): 1}
    assert weights("actor-actor", qualifier="subtract") == {("A", "B"): 1, ("A", "C"): -2, ("B", "C"): -1}
    assert weights("actor-actor", qualifier="ignore") == {("A", "B"): 3, ("A", "C"): 2, ("B", "C"): 1}
    assert weights("actor-actor", qualifier="combine") == {("A", "B"): 3, ("A", "C"): 2, ("B", "C"): 2}
    assert weights("actor-actor", normalise="average")[("A", "B")] == pytest.approx(2 / ((3 + 2) / 2))
    assert weights("actor-actor", normalise="cosine")[("A", "B")] == pytest.approx(2 / (3 * 2))  # DNA's: product of counts
    # jaccard as DNA: m10 (A where B has none) 0 + 1 (y against), m01 0 + 1 (y for), m11 = 2*1 (x for)
    assert weights("actor-actor", normalise="jaccard")[("A", "B")] == pytest.approx(2 / (1 + 1 + 2))
    # concept x concept: A for x & against y -> conflict 2*1; B for both -> congruence 1
    assert weights("concept-concept") == {("x", "y"): 1}
    assert weights("concept-concept", qualifier="conflict") == {("x", "y"): 2}


def test_filters_dates_duplicates_and_rolling_up():
    assert weights("actor-concept", duplicates="article")[("A", "x")] == 2  # c1 and c2 are in two articles
    assert weights("actor-concept", articles=("a900",)) == {("A", "x"): 1, ("A", "y"): 1, ("B", "x"): 1, ("B", "y"): 1}
    net = build(tiny(), Options(kind="actor-concept", date_from="2014-01-01"))
    assert len(net.statements) == 4 and "undated" in net.warnings[0]  # a901 has no date
    rolled = weights("actor-concept", concepts=("IntegrationType",))
    assert rolled == {("A", "IntegrationType"): 3, ("B", "IntegrationType"): 2, ("C", "IntegrationType"): 1}
    assert weights("actor-concept", concepts=("VerticalIntegration",)) == {("A", "VerticalIntegration"): 2,
                                                                            ("B", "VerticalIntegration"): 1,
                                                                            ("C", "VerticalIntegration"): 1}


def test_rolling_up_the_corpus_into_a_class_sums_its_subclasses(graphml):
    from icpa import api

    g = nx.parse_graphml(api.network(Options(concepts=("MarketCompetition",)), "graphml", corpus=CORPUS).data)
    assert set(n for n, d in g.nodes(data=True) if d["mode"] == "concept") == {"icpa:MarketCompetition"}
    plain = graphml["actor-concept"]
    # Teisberg's position against the wrong kind of competition counts as one on market competition
    assert g.edges["icpad:elizabeth-teisberg", "icpa:MarketCompetition"]["against"] >= 1
    assert plain.has_edge("icpad:elizabeth-teisberg", "icpad:topic-wrong-kind-of-competition")


def test_voices_that_take_no_side_are_said_to_change_nothing():
    net = build(tiny(), Options(voices=True))
    assert any("--voices changes nothing" in w for w in net.warnings)


def test_concept_nodes_say_what_they_are_a_kind_of(graphml):
    kinds = {d["label"]: d["kind"] for _, d in graphml["actor-concept"].nodes(data=True) if d["mode"] == "concept"}
    assert kinds["hospital-led vertical integration"] == "integration"  # its branch of the topics, not its own label
    assert kinds["fixed fee per person (capitation)"] == "incentive" and kinds["payment systems that reward activity"] == "barrier"
    assert kinds["hospitals"] == "group of organisations"  # an entity target: its kind


def test_arguments_add_support_and_attack_between_actors():
    g = build(tiny_with_links(), Options(kind="actor-actor", arguments=True)).graph
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert "rebuts" in kinds and g.is_multigraph()


def tiny_with_links():
    from icpa.debate.model import Link

    d = tiny()
    d.links = [Link(D + "c4", D + "c6", "rebuts")]
    return d


@pytest.mark.parametrize(("options", "words"), [
    ({"kind": "actor-concept", "qualifier": "conflict"}, "does not apply to an actor-concept"),
    ({"date_from": "2014-12-31", "date_to": "2014-01-01"}, "is after"),
    ({"actor_kinds": ("VerticalIntegration",)}, "not a kind of actor"),
    ({"concepts": ("VerticalIntegraton",)}, "did you mean VerticalIntegration"),
    ({"articles": ("a901",), "concepts": ("HorizontalIntegration",)}, "no position is for or against anything"),
    ({"kind": "actor-actor", "normalise": "activity"}, "does not apply"),
    ({"kind": "actor-actor", "qualifier": "combine", "normalise": "jaccard"}, "cannot be normalised"),
    ({"kind": "actor-concept", "arguments": True}, "actor-actor"),
    ({"date_from": "1 May 2014"}, "YYYY-MM-DD"),
])
def test_options_that_do_not_fit_are_usage_errors(options, words):
    with pytest.raises(UsageError, match=words):
        build(tiny(), Options(**options))


def test_unknown_concepts_articles_and_bad_combinations_are_one_line_on_the_command_line():
    for args, words in ((["--concept", "NoSuchThing"], "NoSuchThing"), (["--article", "a999"], "a000"),
                        (["--kind", "actor-concept", "--qualifier", "congruence"], "congruence")):
        code, out, err = icpa("network", *args, "-f", "csv")
        assert code == 2 and out == "" and words in one_error_line(err)


# --- the files, read back -------------------------------------------------------------------------


def test_every_network_format_reads_back(tmp_path):
    from icpa import api

    options = Options(kind="actor-actor")
    g = nx.parse_graphml(api.network(options, "graphml", corpus=CORPUS).data)
    gexf = api.network(options, "gexf", corpus=CORPUS).data
    assert "lastmodifieddate" not in gexf  # no date stamp: the file is the same every day
    path = tmp_path / "n.gexf"
    path.write_text(gexf, encoding="utf-8")
    h = nx.read_gexf(path)
    assert {frozenset(e) for e in h.edges()} == {frozenset(e) for e in g.edges()} and len(h) == len(g)
    edges = list(csv.DictReader(io.StringIO(api.network(options, "csv", corpus=CORPUS).data)))
    assert {frozenset((r["source"], r["target"])) for r in edges} == {frozenset(e) for e in g.edges()}
    assert all(r["claims"] and r["quotes"] for r in edges)
    nodes = list(csv.DictReader(io.StringIO(api.network(options, "nodes-csv", corpus=CORPUS).data)))
    assert {r["id"] for r in nodes} == set(g.nodes) and all(r["label"] and r["kind"] for r in nodes)
    svg = api.network(options, "svg", corpus=CORPUS).data
    root = ET.fromstring(svg)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(g.nodes) <= ids  # every node drawn, under its CURIE
    assert api.network(options, "png", corpus=CORPUS).data[:8] == b"\x89PNG\r\n\x1a\n"  # opened in Chromium: test_browser.py
    import json

    import graphviz

    dot = api.network(options, "dot", corpus=CORPUS).data
    laid_out = json.loads(graphviz.pipe("dot", "json", dot.encode("utf-8")))  # Graphviz reads the DOT back
    assert set(g.nodes) <= {o.get("id") for o in laid_out["objects"]} and len(laid_out["edges"]) == g.number_of_edges()


def test_the_command_writes_a_file_and_says_what_it_holds(tmp_path):
    out = tmp_path / "actors.graphml"
    code, stdout, err = icpa("network", "--kind", "actor-actor", "-o", str(out))
    assert code == 0 and stdout == "" and "33 nodes" in err
    assert nx.read_graphml(out).number_of_nodes() == EXPECTED["totals"]["actors"]


def test_a_store_gives_the_same_network_as_the_corpus(tmp_path):
    from icpa import api

    api.load([], tmp_path / "store", corpus=CORPUS)
    for options in (Options(kind="actor-actor"), Options(kind="concept-concept", qualifier="conflict")):
        here = api.network(options, "graphml", corpus=CORPUS).data
        there = api.network(options, "graphml", store=tmp_path / "store", corpus=CORPUS).data
        assert there == here
