"""The debate read once per session from the repository's corpus, and a tiny hand-made debate
for checking the arithmetic."""

from __future__ import annotations

import pytest

from icpa.debate.model import Article, Claim, Debate, Position, Quote, Thing

from ..conftest import CORPUS

D = "https://w3id.org/icpa/data/"
I = "https://w3id.org/icpa/ontology#"  # noqa: E741


@pytest.fixture(scope="session")
def corpus_debate():
    from icpa import api

    return api.debate(corpus=CORPUS)


def tiny() -> Debate:
    """Three actors, two concepts: A for x twice and against y; B for x and for y; C against x.

    n(A,x,for)=2, n(A,y,against)=1; n(B,x,for)=1, n(B,y,for)=1; n(C,x,against)=1.
    """
    d = Debate()
    d.articles[D + "a900"] = Article(D + "a900", "tiny article", "900.txt", "2014-01-02", "NewsArticle")
    d.articles[D + "a901"] = Article(D + "a901", "second article", "901.txt", None, "NewsArticle")
    for who in ("A", "B", "C"):
        d.things[D + who] = Thing(D + who, who, (I + "Person",))
    for what, cls in (("x", "VerticalIntegration"), ("y", "HorizontalIntegration")):
        d.things[D + what] = Thing(D + what, what, (I + cls,))
    d.parents = {I + "VerticalIntegration": (I + "IntegrationType",), I + "HorizontalIntegration": (I + "IntegrationType",),
                 I + "IntegrationType": (), I + "Person": (I + "Actor",), I + "Actor": ()}
    d.class_labels = {I + "VerticalIntegration": "vertical integration", I + "HorizontalIntegration": "horizontal integration",
                      I + "IntegrationType": "integration type", I + "Person": "person", I + "Actor": "actor"}
    rows = [("c1", "A", "x", "for", "a900"), ("c2", "A", "x", "for", "a901"), ("c3", "A", "y", "against", "a900"),
            ("c4", "B", "x", "for", "a900"), ("c5", "B", "y", "for", "a900"), ("c6", "C", "x", "against", "a901"),
            ("c7", "C", "y", "neutral", "a901"), ("c8", "B", "x", "conditional", "a901")]
    for n, (claim, who, target, polarity, article) in enumerate(rows):
        d.claims[D + claim] = Claim(D + claim, f"claim {claim}", D + article, (D + who,),
                                    (Quote(d.articles[D + article].seed, n * 10, n * 10 + 5, f"q{claim}"),))
        d.positions.append(Position(D + claim + "-p1", D + claim, D + target, polarity, None, d.articles[D + article].date))
    return d
