"""``icpa map``: the filters keep the claims they say, every claim is drawn under its CURIE with
its quote as tooltip, and the page is self-contained. (The page in a browser: test_browser.py.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from icpa.debate import maps
from icpa.debate.maps import MapOptions
from icpa.errors import UsageError

from ..conftest import CORPUS, icpa, one_error_line

D = "https://w3id.org/icpa/data/"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def test_a_topic_keeps_the_claims_on_it_or_its_subclasses(corpus_debate):
    m = maps.select(corpus_debate, MapOptions(topics=("VerticalIntegration",)))
    d = corpus_debate
    for c in m.claims:
        targets = {p.target for p in d.positions if p.claim == c} | set(d.flags.get(c, ()))
        assert any(d.is_a(t, "https://w3id.org/icpa/ontology#VerticalIntegration") for t in targets)
    # a claim for hospital-led vertical integration (a subclass) is on the map; one only on competition is not
    assert D + "a000-c01" in m.claims and D + "a004-c04" not in m.claims


def test_actor_article_and_neighbourhood_filters(corpus_debate):
    d = corpus_debate
    ham = maps.select(d, MapOptions(actors=("Chris Ham",)))
    assert all(D + "chris-ham" in d.claims[c].holders + d.claims[c].reporters for c in ham.claims)
    a004 = maps.select(d, MapOptions(articles=("a004",)))
    assert {d.claims[c].article for c in a004.claims} == {D + "a004"} and len(a004.claims) > 30
    alone = maps.select(d, MapOptions(claims=("a004-c04",), depth=0))
    assert alone.claims == [D + "a004-c04"]
    near = maps.select(d, MapOptions(claims=("a004-c04",), depth=1))
    assert D + "a004-c05" in near.claims  # c04 and c05 rebut each other
    both = maps.select(d, MapOptions(articles=("a004",), topics=("MarketCompetition",)))
    assert set(both.claims) <= set(a004.claims) and both.claims


def test_a_map_that_keeps_nothing_or_names_nothing_is_a_usage_error(corpus_debate):
    with pytest.raises(UsageError, match="no claim matches"):
        maps.select(corpus_debate, MapOptions(articles=("a000",), actors=("Chris Ham",)))
    code, out, err = icpa("map", "--actor", "Nobody In Particular", "-f", "dot")
    assert code == 2 and out == "" and "Nobody In Particular" in one_error_line(err)


def test_the_svg_draws_every_claim_with_its_quote_and_a_key(corpus_debate):
    from icpa import api

    drawn = api.argument_map(MapOptions(articles=("a003",)), "svg", corpus=CORPUS)
    root = ET.fromstring(drawn.data)
    groups = {g.get("id"): g for g in root.iter(SVG + "g") if g.get("class") == "node"}
    for c in drawn.made.claims:
        g = groups[c.replace(D, "icpad:")]
        tips = [a.get(XLINK + "title") for a in g.iter(SVG + "a")]
        claim = corpus_debate.claims[c]
        assert any(claim.quotes[0].exact in (t or "") and claim.quotes[0].anchor in (t or "") for t in tips)
    text = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert drawn.made.title in text and "holds the claim" in text and "an actor (ellipse)" in text  # title and key


def test_the_html_page_is_self_contained_with_a_text_alternative():
    from icpa import api

    page = api.argument_map(MapOptions(claims=("a004-c04",)), "html", corpus=CORPUS).data
    assert not re.search(r"""(src|href)=["']https?://""", page)  # nothing fetched at view time
    assert "<svg" in page and 'id="icpa-data"' in page and "What the picture shows, as text" in page
    assert 'role="img"' in page and "aria-label=" in page


def test_the_command_infers_the_format_from_the_suffix(tmp_path):
    out = tmp_path / "map.svg"
    code, _, err = icpa("map", "--article", "a001", "-o", str(out))
    assert code == 0 and "claims" in err
    assert ET.parse(out).getroot().tag == SVG + "svg"
    code, _, err = icpa("map", "-o", str(tmp_path / "map.xyz"))
    assert code == 2 and "format" in one_error_line(err)


def test_the_dot_source_is_read_by_graphviz_with_every_claim_under_its_curie():
    import json

    import graphviz

    from icpa import api

    drawn = api.argument_map(MapOptions(articles=("a001",)), "dot", corpus=CORPUS)
    laid_out = json.loads(graphviz.pipe("dot", "json", drawn.data.encode("utf-8")))  # Graphviz reads it back
    ids = {o.get("id") for o in laid_out["objects"]}
    assert {c.replace(D, "icpad:") for c in drawn.made.claims} <= ids
    assert "layout=dot" in drawn.data.replace('"', "")
