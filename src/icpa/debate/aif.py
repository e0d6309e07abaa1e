"""The debate as AIF JSON in the shape OVA3 saves and loads (arg-tech/OVA3 ``res/js/ova-save.js``:
``genjson`` writes it, ``loadOva3Json`` reads it), so an argument researcher can open icpa's
corpus in OVA3 or AIFdb.

The mapping (also in the README, with what is lost):

- a claim is an I-node; each holder saying it is an L-node (``"Holder: the quote"``) with a
  participant and a locution, tied to the I-node through a YA node (``Asserting``);
- support (premise to conclusion) is an RA node (``Default Inference``) between I-nodes;
- a rebuttal is a CA node (``Default Conflict``) from the attacker to the claim it attacks;
- an undercut is a CA node pointing at the RA nodes that conclude the undercut claim (AIF's
  attack on an inference); a claim undercut without any stated premise gets a CA on the claim
  itself, marked ``"unstatedInference": true``;
- elaboration is an MA node (``Default Rephrase``): AIF's nearest relation;
- agreement and qualification have no AIF node: they are listed under the top-level ``icpa`` key
  (``unmapped``), as are the positions (targets and polarities) on each I-node's ``icpa`` field.

AIF has no character offsets: every I- and L-node carries icpa's W3C selectors (TextQuote with
prefix and suffix, TextPosition) in its ``icpa`` field, and :func:`check_anchors` checks each
against the article's text before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path

from icpa.debate.model import Debate
from icpa.errors import DataError
from icpa.vocab import curie

TEXTS = {"YA": "Asserting", "RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
UNMAPPED = ("agrees with", "qualifies")
PERSON = "https://w3id.org/icpa/ontology#Person"


def check_anchors(debate: Debate, claims: list[str], seeds: Path | None) -> tuple[int, list[str]]:
    """Check every quote's offsets against its article: ``text[start:end] == exact``. Returns the
    number checked and the seed files that were not there to check (a store whose articles icpa
    does not hold); a quote that does not match stops the export."""
    checked, missing, texts = 0, set(), {}
    for iri in claims:
        for q in debate.claims[iri].quotes:
            path = seeds / q.seed if seeds is not None and q.seed else None
            if path is None or not path.is_file():
                missing.add(q.seed or "(no seed file)")
                continue
            if q.seed not in texts:
                texts[q.seed] = path.read_text(encoding="utf-8")
            if texts[q.seed][q.start:q.end] != q.exact:
                raise DataError(f"the quote of {curie(iri)} is not at {q.anchor} in its article "
                                f"(found {texts[q.seed][q.start:q.end][:60]!r}); rebuild the data with `icpa build`")
            checked += 1
    return checked, sorted(missing)


def _selectors(q) -> list[dict]:
    return [{"type": "TextQuoteSelector", "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix},
            {"type": "TextPositionSelector", "start": q.start, "end": q.end}]


def _names(label: str, person: bool) -> tuple[str, str]:
    """OVA3's first name and surname: split only a person's name ("Chris Ham"), never a role or
    a group ("a spokesperson for the DH" stays whole)."""
    words = label.split()
    if person and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        return words[0], " ".join(words[1:])
    return label, ""


def write(debate: Debate, claims: list[str], seeds: Path | None = None) -> str:
    """AIF JSON (OVA3's save format) for ``claims`` and the relations among them."""
    chosen = set(claims)
    nodes, edges, locutions, participants, layout = [], [], [], {}, {}
    ids = {}

    def node(kind: str, text: str, x: float, y: float, extra: dict | None = None) -> str:
        nid = str(len(nodes) + 1)
        item = {"nodeID": nid, "text": text, "type": kind}
        if extra:
            item["icpa"] = extra
        nodes.append(item)
        layout[nid] = (x, y)
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": len(edges) + 1, "fromID": a, "toID": b})

    articles = sorted({debate.claims[c].article for c in claims})
    column = {a: k for k, a in enumerate(articles)}
    row = {}
    for iri in claims:
        claim = debate.claims[iri]
        x = 900.0 * column[claim.article]
        y = 160.0 * row.setdefault(claim.article, 0)
        row[claim.article] += 1
        positions = [{"target": p.target, "targetLabel": debate.label(p.target), "polarity": p.polarity,
                      **({"condition": p.condition} if p.condition else {})} for p in debate.positions_of(iri)]
        source = debate.articles[claim.article].seed if claim.article in debate.articles else ""
        ids[iri] = node("I", claim.text, x + 450, y, {"claim": iri, "source": source, "positions": positions,
                                                       "selectors": [s for q in claim.quotes for s in _selectors(q)]})
        quote = claim.quotes[0] if claim.quotes else None
        for k, holder in enumerate(claim.holders):
            if holder not in participants:
                first, last = _names(debate.label(holder), PERSON in debate.ancestors_of(holder))
                participants[holder] = {"participantID": len(participants) + 1, "firstname": first, "surname": last,
                                        "icpa": {"actor": holder}}
            p = participants[holder]
            speaker = f"{p['firstname']} {p['surname']}".strip()
            lid = node("L", f"{speaker}: {quote.exact if quote else claim.text}", x + 40 * k, y + 30 * k,
                       {"actor": holder, "claim": iri, "source": source,
                        "selectors": _selectors(quote) if quote else [],
                        **({"reportedBy": list(claim.reporters)} if claim.reporters else {})})
            yid = node("YA", TEXTS["YA"], x + 240, y + 30 * k)
            edge(lid, yid)
            edge(yid, ids[iri])
            locution = {"nodeID": lid, "personID": p["participantID"]}
            date = debate.date_of(iri)
            if date:
                locution.update({"start": f"{date} 00:00:00", "end": None})
            locutions.append(locution)
    inferences: dict[str, list[str]] = {}
    unmapped = []
    links = [k for k in debate.links if k.source in chosen and k.target in chosen]
    for link in links:  # supports first, so that undercuts can point at their RA nodes
        if link.kind == "supports":
            x, y = layout[ids[link.target]]
            ra = node("RA", TEXTS["RA"], x - 120, y + 60, _link(link))
            edge(ids[link.source], ra)
            edge(ra, ids[link.target])
            inferences.setdefault(link.target, []).append(ra)
    for link in links:
        if link.kind in UNMAPPED:
            unmapped.append({"relation": link.kind, "from": link.source, "to": link.target, **({"reason": link.reason} if link.reason else {})})
            continue
        if link.kind == "supports":
            continue
        x, y = layout[ids[link.target]]
        if link.kind == "elaborates":
            ma = node("MA", TEXTS["MA"], x - 120, y - 60, _link(link))
            edge(ids[link.source], ma)
            edge(ma, ids[link.target])
            continue
        targets = inferences.get(link.target, []) if link.kind == "undercuts" else []
        extra = _link(link) | ({"unstatedInference": True} if link.kind == "undercuts" and not targets else {})
        ca = node("CA", TEXTS["CA"], x - 120, y - 60, extra)
        edge(ids[link.source], ca)
        for target in targets or [ids[link.target]]:
            edge(ca, target)
    text = "\n\n".join(_article_text(debate, a, seeds) for a in articles)
    document = {
        "AIF": {"nodes": nodes, "edges": edges, "schemefulfillments": [], "participants": list(participants.values()),
                "locutions": locutions, "descriptorfulfillments": [], "cqdescriptorfulfillments": []},
        "text": text,
        "OVA": {"firstname": "icpa", "surname": "", "url": "",
                "nodes": [{"nodeID": n["nodeID"], "visible": True, "x": layout[n["nodeID"]][0], "y": layout[n["nodeID"]][1],
                           "timestamp": ""} for n in nodes],
                "edges": [{"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in edges]},
        "icpa": {"claims": len(claims), "unmapped": unmapped,
                 "note": "icpa extension: each I- and L-node's icpa field holds its W3C quote selectors and the claim's positions"},
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _link(link) -> dict:
    return {"relation": link.kind, "from": link.source, "to": link.target, **({"reason": link.reason} if link.reason else {})}


def _article_text(debate: Debate, article: str, seeds: Path | None) -> str:
    a = debate.articles.get(article)
    if a is None:
        return ""
    path = seeds / a.seed if seeds is not None else None
    body = path.read_text(encoding="utf-8") if path is not None and path.is_file() else ""
    return f"{a.label} ({a.seed})\n\n{body}".rstrip()
