"""The YAML → Turtle build: quote anchoring, errors that name the problem, determinism."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from icpa import api, vocab
from icpa.corpus import anchors
from icpa.corpus import compiler as build
from icpa.errors import DataError

from ..conftest import CORPUS, ICPA

TEXT = "Professor Smith said: “There’s got to be a financial incentive.” Smith said it twice: Smith."


def test_locate_finds_exact_quote_with_curly_quotes():
    a = anchors.locate(TEXT, "“There’s got to be a financial incentive.”", None, "x")
    assert TEXT[a.start:a.end] == "“There’s got to be a financial incentive.”"
    assert a.prefix.endswith("said: ") and a.suffix.startswith(" Smith")


def test_locate_reports_nearest_match_for_a_wrong_quote():
    with pytest.raises(DataError) as exc:
        anchors.locate(TEXT, '"There\'s got to be a financial incentive."', None, "a000.yaml: claim c01")
    msg = str(exc.value)
    assert "a000.yaml: claim c01" in msg and "not found verbatim" in msg
    assert "nearest match" in msg and "There’s got to be" in msg


def test_locate_refuses_ambiguous_quote_and_lists_offsets():
    with pytest.raises(DataError, match=r"occurs 3 times \(offsets 10, 65, 86\).*offset"):
        anchors.locate(TEXT, "Smith", None, "here")


def test_locate_uses_offset_to_disambiguate_and_checks_it():
    assert anchors.locate(TEXT, "Smith", 65, "here").start == 65
    with pytest.raises(DataError, match="not found at offset 64"):
        anchors.locate(TEXT, "Smith", 64, "here")


def write(tmp_path: Path, body: str, name: str = "a000.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).replace("sha256: SHA", f"sha256: {SHA}"), encoding="utf-8")
    return path


def compile_files(files, ontology):
    return build.compile_data(files, ontology=ontology, seeds=CORPUS.seeds_dir)


SHA = "06e29f0b2cb1cd385604075ecb91b7258485600db78b25fea0204968f23baace"
MINIMAL = """
    article: {id: a000, seed: 000_cd5d5ad323cbdb9a.txt, sha256: SHA, kind: NewsArticle, label: test}
    coding: {role: curator, method: by-hand, date: 2026-12-06}
    entities:
      - {id: steve-smith, types: [Person], label: Steve Smith, mentions: ["Steve Smith"]}
    claims:
      - id: c01
        holders: [steve-smith]
        text: Imperial should become an integrated provider.
        positions:
          - {target: VerticalIntegration, polarity: for}
        quote: "he wants to create a large integrated provider"
"""


def test_minimal_file_compiles(tmp_path, ontology):
    g = compile_files([write(tmp_path, MINIMAL)], ontology)
    claim = vocab.DATA + "a000-c01"
    assert (None, RDF.type, ICPA.Claim) in g
    assert len(list(g.objects(predicate=ICPA.concernsIntegrationType))) == 1
    assert any(str(s) == claim for s in g.subjects(ICPA.madeBy, None))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("quote: \"he wants to create a large integrated provider\"", "quote: \"he wants to build a large integrated provider\""),
         "claim c01: quote not found verbatim"),
        (("target: VerticalIntegration", "target: VerticalIntegraton"), "unknown ontology class 'VerticalIntegraton'; did you mean VerticalIntegration?"),
        (("holders: [steve-smith]", "holders: [steve-smyth]"), "unknown entity 'steve-smyth'; did you mean steve-smith?"),
        (("polarity: for", "polarity: likes"), "polarity must be one of"),
        (("text: Imperial", "txt: Imperial"), "unknown field(s) txt"),
        (("target: VerticalIntegration", "target: Person"), "Person is not a kind of PolicyTopic"),
        (("holders: [steve-smith]", "speaker: steve-smith"), "'speaker' is the old shape of a claim"),
        (("coding: {role: curator, method: by-hand, date: 2026-12-06}\n", ""), "this file is in the old shape (it has no 'coding:')"),
        (("seed: 000_cd5d5ad323cbdb9a.txt", "seed: nothere.txt"), "cannot read seed nothere.txt"),
        (("mentions: [\"Steve Smith\"]", "mentions: []"), "needs at least one mention"),
        (("polarity: for}", "polarity: [for}"), "YAML syntax error at line"),
    ],
)
def test_bad_input_stops_the_build_with_a_clear_message(tmp_path, ontology, change, message):
    body = textwrap.dedent(MINIMAL).replace(*change)
    assert body != textwrap.dedent(MINIMAL)
    with pytest.raises(DataError) as exc:
        compile_files([write(tmp_path, body)], ontology)
    assert message in str(exc.value)
    assert "a000.yaml" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_shipped_data_is_not_stale():
    result = api.build(check=True, corpus=CORPUS)
    assert not result.changed, "ontology/icpa-data.ttl is stale: run `icpa build` and commit it"


def test_generated_turtle_has_no_blank_nodes(data):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in data for t in triple)


def test_every_anchor_matches_the_article_text(data, seeds):
    """Re-read each article and check text[start:end] == exact for every quote."""
    oa = "http://www.w3.org/ns/oa#"
    from rdflib import URIRef

    quotes = list(data.subjects(RDF.type, ICPA.Quote))
    assert len(quotes) > 300
    for q in quotes:
        article = data.value(q, URIRef(oa + "hasSource"))
        text = seeds[str(data.value(article, ICPA.seedFile))]
        sels = list(data.objects(q, URIRef(oa + "hasSelector")))
        exact = next(data.value(s, URIRef(oa + "exact")) for s in sels if data.value(s, URIRef(oa + "exact")) is not None)
        start = next(int(data.value(s, URIRef(oa + "start"))) for s in sels if data.value(s, URIRef(oa + "start")) is not None)
        end = next(int(data.value(s, URIRef(oa + "end"))) for s in sels if data.value(s, URIRef(oa + "end")) is not None)
        assert text[start:end] == str(exact), q


def test_every_article_is_the_text_its_curated_file_pins():
    """Each data/aNNN.yaml pins the sha256 of its seed; the seeds are never edited (their quotes
    are anchored to offsets), and this checks them against the pins without reading outside the
    repository."""
    import hashlib

    import yaml

    pinned = {}
    for path in CORPUS.curated_files():
        article = yaml.safe_load(path.read_text(encoding="utf-8"))["article"]
        pinned[article["seed"]] = article["sha256"]
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.seeds_dir.glob("*.txt")}
    assert len(pinned) == 5 and pinned == actual
