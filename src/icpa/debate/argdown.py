"""The debate as Argdown (christianvoigt/argdown), so an Argdown user can render or edit it.

- every claim is a statement ``[aNNN-cNN]: text``, under a heading per article, with its holders,
  source, offsets and verbatim quote as YAML data (``{...}``) and its article as a tag;
- support (premise to conclusion) is a reconstructed argument ``<aNNN-cNN supports aNNN-cMM>``
  whose premise-conclusion structure is the two statements;
- a rebuttal is an attack ``[A]`` / ``-> [B]``;
- an undercut ``_>`` attacks the support arguments that conclude the undercut claim; where the
  claim has no stated premise, it attacks an unreconstructed argument ``<grounds of aNNN-cNN>``
  that stands for the grounds the claim rests on;
- agreement, qualification and elaboration have no Argdown relation: they are written as
  comments (``// [A] agrees with [B]``), so nothing is silently dropped;
- a link the curator inferred across articles carries its reason in a comment.

Square brackets and angle brackets in a text would be read as references, so they are written
as parentheses in the statement text; the exact words stay in the ``quote`` data.
"""

from __future__ import annotations

import json

from icpa.debate.model import Debate
from icpa.vocab import curie

COMMENTED = ("agrees with", "qualifies", "elaborates")


def _title(iri: str) -> str:
    return curie(iri).strip("<>").split(":", 1)[-1]


def _text(text: str) -> str:
    clean = " ".join(text.split())
    for a, b in (("[", "("), ("]", ")"), ("<", "("), (">", ")"), ("{", "("), ("}", ")"), ("#", "no. "), ("//", "/ /"),
                 ("/*", "/ *"), ("@", "(at)"), ("_", " "), ("*", " ")):
        clean = clean.replace(a, b)
    return clean


def _data(debate: Debate, iri: str) -> str:
    claim = debate.claims[iri]
    data = {"holders": [debate.label(h) for h in claim.holders]}
    if claim.reporters:
        data["reportedBy"] = [debate.label(r) for r in claim.reporters]
    if claim.quotes:
        q = claim.quotes[0]
        data.update({"source": q.seed, "start": q.start, "end": q.end, "quote": q.exact})
    positions = [f"{p.polarity} {debate.label(p.target)}" + (f" (if: {p.condition})" if p.condition else "")
                 for p in debate.positions_of(iri)]
    if positions:
        data["positions"] = positions
    data["iri"] = iri
    return json.dumps(data, ensure_ascii=False)


def write(debate: Debate, claims: list[str], title: str = "icpa: the integrated care debate") -> str:
    chosen = set(claims)
    out = ["===", f"title: {json.dumps(title, ensure_ascii=False)}", "===", ""]
    by_article = {}
    for iri in claims:
        by_article.setdefault(debate.claims[iri].article, []).append(iri)
    for article in sorted(by_article):
        a = debate.articles.get(article)
        out += [f"# {_text(a.label) if a else _title(article)}", ""]
        tag = f"#{a.id}" if a else ""
        for iri in by_article[article]:
            out += [f"[{_title(iri)}]: {_text(debate.claims[iri].text)} {tag}", f"  {_data(debate, iri)}", ""]
    links = [k for k in debate.links if k.source in chosen and k.target in chosen]
    supports = {}
    if links:
        out += ["# Relations", ""]
    for link in links:
        if link.kind == "supports":
            name = f"{_title(link.source)} supports {_title(link.target)}"
            supports.setdefault(link.target, []).append(name)
            if link.reason:
                out.append(f"// supports, inferred by the curator across articles: {_text(link.reason)}")
            out += [f"<{name}>", "", f"(1) [{_title(link.source)}]", "----", f"(2) [{_title(link.target)}]", ""]
    grounds = set()
    for link in links:
        source, target = _title(link.source), _title(link.target)
        if link.reason and link.kind in ("rebuts", "undercuts"):  # the curator's inference, not the text's words
            out.append(f"// {link.kind}, inferred by the curator across articles: {_text(link.reason)}")
        if link.kind == "rebuts":
            out += [f"[{source}]", f"  -> [{target}]", ""]
        elif link.kind == "undercuts":
            targets = supports.get(link.target)
            if not targets:
                name = f"grounds of {target}"
                if name not in grounds:
                    grounds.add(name)
                    out += [f"<{name}>: the grounds {target} rests on, which the text does not state.", f"  +> [{target}]", ""]
                targets = [name]
            out += [f"[{source}]"] + [f"  _> <{t}>" for t in targets] + [""]
        elif link.kind in COMMENTED:
            out += [f"// [{source}] {link.kind} [{target}]" + (f" (curator: {_text(link.reason)})" if link.reason else ""), ""]
    return "\n".join(out).rstrip() + "\n"
