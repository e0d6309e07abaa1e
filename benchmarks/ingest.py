"""How well do icpa ingest's rules read an article? Leave one out over the five curated articles,
then time the rules over 1,000 synthetic articles.

    python benchmarks/ingest.py [--throughput 1000]

``--heldout DIR`` scores instead articles nobody tuned the rules on: ``DIR/seeds/*.txt`` with
their hand-curated ``DIR/data/*.yaml``, the five curated articles being the project's known
actors.

For article k: the rules run on k's text with the other four articles' curated entities as the
project's known actors, and the ontology's labels with the synonyms the other four articles'
curated concept mentions use as the concepts (none taken from k itself), and the proposals
are compared with k's curated data:

- an *actor* is a named person or organisation (a group such as "some GPs" and the article's
  voice are counted apart, groups by recall only); a proposed and a curated actor match when
  one of their mentions' spans overlap by at least half of the shorter;
- a proposed claim matches a curated one when their quotes' spans overlap by at least half of
  the shorter; the speaker is right when the proposed holder matches one of the curated
  holders (as actors, by span, or by id); polarity is scored per position matched by target;
- concept mentions are reported only (the curated mentions were themselves proposed by a
  label matcher).

It prints a table per article and overall, and last one line
``actors_recall=… actors_precision=… claims_recall=… claims_precision=… speaker_accuracy=… polarity_accuracy=…``.
Targets (issue 14), for rules without a statistical model: actors recall >= 0.9 with precision
>= 0.8; claims recall >= 0.7 with precision >= 0.5; speaker accuracy >= 0.8; polarity >= 0.6.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from icpa import kg, project  # noqa: E402
from icpa.ingest.draft import concept_labels, known_actors, synonyms  # noqa: E402
from icpa.ingest.propose import propose  # noqa: E402

ICPA = "https://w3id.org/icpa/ontology#"


def _span(text: str, entry) -> tuple[int, int] | None:
    spec = entry if isinstance(entry, dict) else {"quote": entry}
    quote = spec.get("quote")
    if not quote:
        return None
    start = spec.get("offset") if isinstance(spec.get("offset"), int) else text.find(quote)
    return (start, start + len(quote)) if start is not None and start >= 0 else None


def _overlap(a, b) -> bool:
    if a is None or b is None:
        return False
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= min(a[1] - a[0], b[1] - b[0]) / 2


def _classes(ontology):
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    def under(name: str) -> set[str]:
        top = URIRef(ICPA + name)
        return {str(c)[len(ICPA):] for c in ontology.transitive_subjects(RDFS.subClassOf, top)}

    return under("Person"), under("Organisation"), under("PersonGroup") | under("OrganisationGroup")


def score(k: int, docs: list[tuple[Path, dict]], corpus, ontology, concepts, *, seeds: Path | None = None,
          known: list | None = None) -> dict:
    path, doc = docs[k]
    text = ((seeds or corpus.seeds_dir) / doc["article"]["seed"]).read_text(encoding="utf-8")
    others = [d for i, d in enumerate(docs) if i != k] if known is None else known
    proposals = propose(text, doc["article"]["id"], known_actors(others), concept_labels(ontology, others), synonyms(others))
    persons, orgs, groups = _classes(ontology)

    def kind(types) -> str:
        types = set(types or [])
        if types & groups:
            return "group"
        if types & (persons | orgs):
            return "actor"
        return "other"

    curated = {e["id"]: e for e in doc.get("entities") or []}
    cur_actors = {i: [_span(text, m) for m in e.get("mentions") or []] for i, e in curated.items() if kind(e.get("types")) == "actor"}
    cur_groups = {i: [_span(text, m) for m in e.get("mentions") or []] for i, e in curated.items() if kind(e.get("types")) == "group"}
    prop = {e["id"]: [_span(text, m) for m in e.get("mentions") or []] for e in proposals["entities"]}
    prop_actors = {i: s for i, s in prop.items() if kind(next(e for e in proposals["entities"] if e["id"] == i)["types"]) != "group"}

    def matches(a_spans, b_spans) -> bool:
        return any(_overlap(x, y) for x in a_spans for y in b_spans)

    to_curated = {}
    for pid, spans in prop.items():
        for cid, cspans in {**cur_actors, **cur_groups}.items():
            if pid == cid or matches(spans, cspans):
                to_curated[pid] = cid
    found_actors = {cid for cid, cs in cur_actors.items() if any(matches(ps, cs) or pid == cid for pid, ps in prop_actors.items())}
    right_actors = {pid for pid, ps in prop_actors.items() if any(matches(ps, cs) or pid == cid for cid, cs in cur_actors.items())}
    found_groups = {cid for cid, cs in cur_groups.items() if any(matches(ps, cs) or pid == cid for pid, ps in prop.items())}

    cur_claims = [(c, _span(text, c)) for c in doc.get("claims") or []]
    prop_claims = [(c, _span(text, c)) for c in proposals["claims"]]
    pairs = []
    for pc, ps in prop_claims:
        best = next((cc for cc, cs in cur_claims if _overlap(ps, cs)), None)
        if best is not None:
            pairs.append((pc, best))
    found_claims = {id(cc) for cc, cs in cur_claims if any(_overlap(ps, cs) for _, ps in prop_claims)}
    speaker_right = sum(1 for pc, cc in pairs if any(to_curated.get(h, h) in cc.get("holders", []) for h in pc["holders"]))
    polarity_total = polarity_right = 0
    for pc, cc in pairs:
        curated_pos = {p.get("target"): p.get("polarity") for p in cc.get("positions") or []}
        for p in pc.get("positions") or []:
            if p["target"] in curated_pos:
                polarity_total += 1
                polarity_right += p["polarity"] == curated_pos[p["target"]]
    cur_mentions = [_span(text, m) for m in doc.get("mentions") or [] if "concept" in m]
    prop_mentions = [_span(text, m) for m in proposals["mentions"]]
    return {
        "article": doc["article"]["id"],
        "actors": (len(found_actors), len(cur_actors), len(right_actors), len(prop_actors)),
        "groups": (len(found_groups), len(cur_groups)),
        "claims": (len(found_claims), len(cur_claims), len(pairs), len(prop_claims)),
        "speaker": (speaker_right, len(pairs)),
        "polarity": (polarity_right, polarity_total),
        "mentions": (sum(1 for m in prop_mentions if any(_overlap(m, c) for c in cur_mentions)), len(prop_mentions), len(cur_mentions)),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--throughput", type=int, default=1000, help="synthetic articles to time the rules over (0: none)")
    parser.add_argument("--heldout", type=Path, default=None,
                        help="score on a held-out set instead: DIR/seeds/*.txt and their hand-curated DIR/data/*.yaml, "
                             "with the five curated articles as the project's known actors")
    options = parser.parse_args()
    corpus = project.current(HERE.parent)
    ontology = kg.load_ontology(corpus)
    concepts = concept_labels(ontology)
    docs = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in corpus.curated_files()]
    if options.heldout is not None:
        gold = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((options.heldout / "data").glob("*.yaml"))]
        rows = [score(k, gold, corpus, ontology, concepts, seeds=options.heldout / "seeds", known=docs)
                for k in range(len(gold))]
    else:
        rows = [score(k, docs, corpus, ontology, concepts) for k in range(len(docs))]
    print("| article | actors recall | actors precision | groups recall | claims recall | claims precision | speaker | polarity | mentions (matched / proposed / curated) |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = {key: [0] * len(rows[0][key]) for key in rows[0] if key != "article"}
    for r in rows:
        for key in total:
            total[key] = [a + b for a, b in zip(total[key], r[key])]
        a, g, c = r["actors"], r["groups"], r["claims"]
        print(f"| {r['article']} | {_ratio(a[0], a[1]):.2f} ({a[0]}/{a[1]}) | {_ratio(a[2], a[3]):.2f} ({a[2]}/{a[3]}) | "
              f"{_ratio(g[0], g[1]):.2f} ({g[0]}/{g[1]}) | {_ratio(c[0], c[1]):.2f} ({c[0]}/{c[1]}) | "
              f"{_ratio(c[2], c[3]):.2f} ({c[2]}/{c[3]}) | {_ratio(*r['speaker']):.2f} ({r['speaker'][0]}/{r['speaker'][1]}) | "
              f"{_ratio(*r['polarity']):.2f} ({r['polarity'][0]}/{r['polarity'][1]}) | {r['mentions'][0]} / {r['mentions'][1]} / {r['mentions'][2]} |")
    a, g, c = total["actors"], total["groups"], total["claims"]
    print(f"| all | {_ratio(a[0], a[1]):.2f} | {_ratio(a[2], a[3]):.2f} | {_ratio(g[0], g[1]):.2f} | {_ratio(c[0], c[1]):.2f} | "
          f"{_ratio(c[2], c[3]):.2f} | {_ratio(*total['speaker']):.2f} | {_ratio(*total['polarity']):.2f} | "
          f"{total['mentions'][0]} / {total['mentions'][1]} / {total['mentions'][2]} |")
    if options.throughput:
        rng = random.Random(0)
        texts = [_synthetic(rng, docs, corpus) for _ in range(options.throughput)]
        start = time.perf_counter()
        known = known_actors(docs)
        for n, text in enumerate(texts):
            propose(text, f"a{n % 1000:03d}", known, concepts)
        seconds = time.perf_counter() - start
        size = sum(len(t) for t in texts) / len(texts)
        print(f"\nthroughput: {len(texts)} articles of {size:.0f} characters on average in {seconds:.1f} s "
              f"({seconds / len(texts) * 1000:.1f} ms each; target: 1,000 in under 120 s)")
    print(f"\nactors_recall={_ratio(a[0], a[1]):.2f} actors_precision={_ratio(a[2], a[3]):.2f} "
          f"claims_recall={_ratio(c[0], c[1]):.2f} claims_precision={_ratio(c[2], c[3]):.2f} "
          f"speaker_accuracy={_ratio(*total['speaker']):.2f} polarity_accuracy={_ratio(*total['polarity']):.2f}")


def _synthetic(rng: random.Random, docs, corpus) -> str:
    """About 3,000 characters of news-like text: sentences of the curated articles shuffled."""
    sentences = []
    for _, doc in docs:
        text = (corpus.seeds_dir / doc["article"]["seed"]).read_text(encoding="utf-8")
        sentences += [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.strip()) > 40]
    out = []
    while sum(len(s) + 2 for s in out) < 3000:
        out.append(rng.choice(sentences) + ".")
    return "\n\n".join(" ".join(out[i:i + 3]) for i in range(0, len(out), 3))


if __name__ == "__main__":
    main()
