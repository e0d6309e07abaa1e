"""Discourse networks as Discourse Network Analyzer computes them, from the claims' positions.

A *statement* (DNA's unit) is one holder of a claim taking one position: an actor, a concept
(the position's target), and a qualifier: 1 for *for*, 0 for *against*. *Conditional* positions
count as *for* only when asked (``conditional_as_for``); *neutral* ones take no side and are
left out; so are positions on another claim (those are argument links) and, unless asked, the
articles' own voices. The arithmetic follows leifeld/dna's exporter (``computeTwoModeMatrix``,
``computeOneModeMatrix``; the options as ``rDNA/man/dna_network.Rd`` documents them):

- two-mode actor × concept: ``ignore`` counts statements, ``subtract`` is for minus against,
  ``combine`` codes 1 for only, 2 against only, 3 both; ``activity`` divides by the actor's
  statements, ``prominence`` by the concept's;
- one-mode actor × actor and concept × concept: ``congruence`` sums, over the shared concepts
  (or actors), the products of the two sides' counts with the same qualifier, ``conflict`` those
  with different qualifiers, ``subtract`` is congruence minus conflict, ``ignore`` the products
  whatever the qualifier, and ``combine`` (beyond DNA) codes 1 congruence only, 2 conflict only,
  3 both; ``average`` divides by the mean of the two nodes' statements, ``jaccard`` by DNA's
  m10 + m01 + m11 and ``cosine`` by the product of the two nodes' statements, as DNA does.

Beyond DNA: ``concepts`` are classes of the ontology and roll their subclasses up into them,
``arguments`` adds the claims' support and attack between actors, and every node and edge
carries the claims and quote anchors behind it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icpa.errors import UsageError
from icpa.vocab import curie

if TYPE_CHECKING:  # the model imports rdflib; `icpa network --help` must not
    from icpa.debate.model import Debate


@dataclass(frozen=True)
class Kind:
    name: str
    description: str
    rows: str  #: "actor" or "concept"
    columns: str  #: the other mode for a two-mode network; the same as rows for one-mode
    qualifiers: tuple[str, ...]
    normalisations: tuple[str, ...]

    @property
    def two_mode(self) -> bool:
        return self.rows != self.columns


ONE_MODE_Q = ("congruence", "conflict", "subtract", "combine", "ignore")
ONE_MODE_N = ("none", "average", "jaccard", "cosine")
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("actor-concept", "two-mode: who takes which side on what", "actor", "concept", ("ignore", "combine", "subtract"),
         ("none", "activity", "prominence")),
    Kind("actor-actor", "one-mode: actors tied by the concepts they agree (or conflict) on", "actor", "actor", ONE_MODE_Q, ONE_MODE_N),
    Kind("concept-concept", "one-mode: concepts tied by the actors who take the same (or opposite) sides on both", "concept",
         "concept", ONE_MODE_Q, ONE_MODE_N),
)}
DUPLICATES = ("include", "article")


def kinds_help() -> str:
    return "; ".join(f"{k.name}: {k.description} (--qualifier {'|'.join(k.qualifiers)}; --normalise {'|'.join(k.normalisations)})"
                     for k in KINDS.values())


@dataclass(frozen=True)
class Options:
    kind: str = "actor-concept"
    qualifier: str | None = None  #: default: the kind's first
    normalise: str = "none"
    duplicates: str = "include"
    articles: tuple[str, ...] = ()
    actor_kinds: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    conditional_as_for: bool = False
    voices: bool = False
    arguments: bool = False

    def checked(self) -> Options:
        if self.kind not in KINDS:
            raise UsageError(f"unknown network kind {self.kind!r}; choose one of {', '.join(KINDS)}")
        k = KINDS[self.kind]
        qualifier = self.qualifier or k.qualifiers[0]
        if qualifier not in k.qualifiers:
            raise UsageError(f"--qualifier {qualifier} does not apply to an {k.name} network; choose one of {', '.join(k.qualifiers)}")
        if self.normalise not in k.normalisations:
            raise UsageError(f"--normalise {self.normalise} does not apply to an {k.name} network; "
                             f"choose one of {', '.join(k.normalisations)}")
        if qualifier == "combine" and self.normalise != "none":
            raise UsageError("--qualifier combine codes kinds of tie (1, 2, 3), which cannot be normalised; use --normalise none")
        if self.duplicates not in DUPLICATES:
            raise UsageError(f"--duplicates must be one of {', '.join(DUPLICATES)}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UsageError(f"--from {self.date_from} is after --to {self.date_to}")
        if self.arguments and self.kind != "actor-actor":
            raise UsageError("--arguments adds support and attack between actors: it applies to --kind actor-actor")
        for name, value in (("--from", self.date_from), ("--to", self.date_to)):
            if value is not None and not _is_date(value):
                raise UsageError(f"{name} takes a date as YYYY-MM-DD, got {value!r}")
        from dataclasses import replace

        return replace(self, qualifier=qualifier)


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


@dataclass(frozen=True)
class Statement:
    actor: str
    concept: str
    qualifier: int  #: 1 for, 0 against
    claim: str
    position: str
    article: str
    date: str | None


@dataclass
class Network:
    """The network as a networkx graph (nodes and edges with their attributes), with what was
    left out and why."""

    graph: object  #: networkx.Graph (MultiGraph with ``arguments``)
    options: Options
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def resolve_classes(debate: Debate, names: tuple[str, ...], what: str, under: str | None = None) -> list[str]:
    """Class IRIs for what a person typed: a class name (``MarketCompetition``), a CURIE or IRI, or a
    label; with ``under``, only classes below that one are accepted (and suggested)."""
    from icpa.vocab import ICPA, expand

    by_label = defaultdict(set)
    for cls, label in debate.class_labels.items():
        by_label[label.casefold()].add(cls)
    out = []
    for name in names:
        text = name.strip()
        iri = expand(text) if ":" in text and not text.startswith("http") else text if text.startswith("http") else ICPA + text
        found = {iri} if iri in debate.parents else by_label.get(text.casefold(), set())
        if len(found) == 1:
            cls = found.pop()
            if under is not None and under not in debate.ancestors(cls):
                raise UsageError(f"{what} {name!r} is not a kind of {debate.label(under)}{_suggest(debate, text, under)}")
            out.append(cls)
            continue
        if found:
            raise UsageError(f"{what} {name!r}: several classes have that label: {', '.join(sorted(curie(c) for c in found))}")
        raise UsageError(f"{what} {name!r}: no class of the ontology has that name or label{_suggest(debate, text, under)}")
    return out


def _suggest(debate: Debate, text: str, under: str | None) -> str:
    """``; did you mean …`` with the nearest class names and labels (of classes under ``under``)."""
    import difflib

    from icpa.vocab import ICPA

    pool = {}
    for cls, label in debate.class_labels.items():
        if cls.startswith(ICPA) and (under is None or under in debate.ancestors(cls)):
            pool[cls.removeprefix(ICPA)] = cls.removeprefix(ICPA)
            pool[label] = cls.removeprefix(ICPA)
    near = difflib.get_close_matches(text, list(pool), n=3, cutoff=0.6)
    names = list(dict.fromkeys(pool[n] for n in near))
    return f"; did you mean {', '.join(names)}?" if names else ""


def resolve_articles(debate: Debate, names: tuple[str, ...]) -> set[str]:
    """The articles ``--article`` names: each by its id (a000), seed file, CURIE or IRI."""
    chosen = set()
    for name in names:
        match = [a.iri for a in debate.articles.values() if name in (a.id, a.seed, a.iri, curie(a.iri))]
        if not match:
            raise UsageError(f"--article {name!r}: no such article; the articles are {', '.join(sorted(a.id for a in debate.articles.values()))}")
        chosen.update(match)
    return chosen


def statements(debate: Debate, options: Options) -> tuple[list[Statement], list[str]]:
    """The statements the options select (see the module's doc), and warnings about what they left out."""
    options = options.checked()
    concepts = resolve_classes(debate, options.concepts, "--concept")
    from icpa.vocab import ICPA

    kinds = resolve_classes(debate, options.actor_kinds, "--actor-kind", under=ICPA + "Actor")
    articles = resolve_articles(debate, options.articles) if options.articles else None
    out, undated, voiced = [], 0, 0
    for p in debate.positions:
        if p.target in debate.claims:
            continue
        qualifier = {"for": 1, "against": 0}.get(p.polarity)
        if p.polarity == "conditional" and options.conditional_as_for:
            qualifier = 1
        if qualifier is None:
            continue
        claim = debate.claims[p.claim]
        if articles is not None and claim.article not in articles:
            continue
        if options.date_from or options.date_to:
            if p.date is None:
                undated += 1
                continue
            if (options.date_from and p.date < options.date_from) or (options.date_to and p.date > options.date_to):
                continue
        concept = p.target
        if concepts:
            under = [c for c in concepts if debate.is_a(p.target, c)]
            if not under:
                continue
            concept = min(under, key=lambda c: -len(debate.ancestors(c)))  # the most specific class given
        for actor in claim.holders:
            thing = debate.things.get(actor)
            if thing is not None and thing.is_voice:
                if not options.voices:
                    continue
                voiced += 1
            if kinds and not any(debate.is_a(actor, k) for k in kinds):
                continue
            out.append(Statement(actor, concept, qualifier, claim.iri, p.iri, claim.article, p.date))
    if options.duplicates == "article":
        seen, unique = set(), []
        for s in out:
            key = (s.actor, s.concept, s.qualifier, s.article)
            if key not in seen:
                seen.add(key)
                unique.append(s)
        out = unique
    warnings = [f"--from/--to left out {undated} undated position(s) (only articles that state a date have dated positions)"] \
        if undated else []
    if options.voices and not voiced:
        warnings.append("--voices changes nothing here: no article's own voice takes a for or against position")
    filters = [name for name, value in (("--article", options.articles), ("--actor-kind", options.actor_kinds),
                                        ("--concept", options.concepts), ("--from", options.date_from), ("--to", options.date_to))
               if value]
    if not out and filters:
        raise UsageError(f"no position is for or against anything after {' and '.join(filters)}; loosen the filters")
    return out, warnings


def _join(values) -> str:
    return " ".join(sorted(set(values)))


_IDS: dict[str, str] = {}


def _node_id(iri: str) -> str:
    found = _IDS.get(iri)
    if found is None:
        found = _IDS[iri] = curie(iri).strip("<>")
    return found


def build(debate: Debate, options: Options) -> Network:
    """The network the options describe, as a networkx graph."""
    import networkx as nx

    options = options.checked()
    kind = KINDS[options.kind]
    found, warnings = statements(debate, options)
    graph = nx.MultiGraph() if options.arguments else nx.Graph()
    graph.graph.update({"kind": kind.name, "qualifier": options.qualifier, "normalisation": options.normalise,
                        "duplicates": options.duplicates, "statements": len(found)})
    counts = defaultdict(lambda: [0, 0])  # (actor, concept) -> [against, for]
    evidence = defaultdict(list)
    for s in found:
        counts[(s.actor, s.concept)][s.qualifier] += 1
        evidence[(s.actor, s.concept)].append(s)
    _add_nodes(graph, debate, found, kind)
    if kind.two_mode:
        _two_mode(graph, debate, counts, evidence, options)
    else:
        _one_mode(graph, debate, counts, evidence, options, by=kind.rows)
    if options.arguments:
        _argument_edges(graph, debate, options, {s.actor for s in found})
    return Network(graph, options, found, warnings)


def _add_nodes(graph, debate: Debate, found: list[Statement], kind: Kind) -> None:
    modes = {kind.rows, kind.columns}
    nodes = defaultdict(list)
    for s in found:
        if "actor" in modes:
            nodes[("actor", s.actor)].append(s)
        if "concept" in modes:
            nodes[("concept", s.concept)].append(s)
    for (mode, iri), those in sorted(nodes.items(), key=lambda kv: (kv[0][0], _node_id(kv[0][1]))):
        dates = sorted(s.date for s in those if s.date)
        articles = sorted({debate.articles[s.article].id for s in those if s.article in debate.articles})
        graph.add_node(_node_id(iri), label=debate.label(iri), mode=mode, iri=iri,
                       kind=debate.category_of(iri) if mode == "concept" else debate.kind_of(iri),
                       articles=" ".join(articles), first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "",
                       statements=len(those), claims=_join(s.claim for s in those))


def _anchors(debate: Debate, claims) -> str:
    return " ".join(sorted({q.anchor for c in set(claims) for q in debate.claims[c].quotes}))


def _two_mode(graph, debate, counts, evidence, options: Options) -> None:
    q = options.qualifier
    values = {}
    for key, (against, pro) in counts.items():
        values[key] = {"ignore": pro + against, "subtract": pro - against,
                       "combine": (1 if pro else 0) + (2 if against else 0)}[q]
    if options.normalise != "none":
        index = 0 if options.normalise == "activity" else 1
        totals = defaultdict(float)
        for key, value in values.items():
            totals[key[index]] += {"ignore": value, "combine": 1 if value else 0}.get(q, sum(counts[key]))
        values = {k: (v / totals[k[index]] if totals[k[index]] else 0.0) for k, v in values.items()}
    for (actor, concept) in sorted(values, key=lambda k: (_node_id(k[0]), _node_id(k[1]))):
        those = evidence[(actor, concept)]
        graph.add_edge(_node_id(actor), _node_id(concept), weight=values[(actor, concept)], kind="position",
                       **{"for": counts[(actor, concept)][1], "against": counts[(actor, concept)][0]},
                       claims=_join(s.claim for s in those), positions=_join(s.position for s in those),
                       quotes=_anchors(debate, [s.claim for s in those]))


def _one_mode(graph, debate, counts, evidence, options: Options, by: str) -> None:
    # a[node][other] = [against, for]: node is the mode of the network, other the mode it is tied through
    a = defaultdict(dict)
    for (actor, concept), pair in counts.items():
        node, other = (actor, concept) if by == "actor" else (concept, actor)
        a[node][other] = pair
    total = {n: sum(sum(v) for v in others.values()) for n, others in a.items()}
    order = {n: k for k, n in enumerate(sorted(a, key=_node_id))}
    # through an inverted index: only pairs that share a concept (or an actor) are ever visited
    through = defaultdict(list)
    for node, others in a.items():
        for other, pair in others.items():
            through[other].append((order[node], node, pair))
    tallies = {}  # (n1, n2) -> [congruence, conflict, ignore, agreed, opposed, shared]
    for other in sorted(through, key=_node_id):
        members = sorted(through[other])
        for x, (_, n1, (c1, f1)) in enumerate(members):
            for _, n2, (c2, f2) in members[x + 1:]:
                t = tallies.get((n1, n2))
                if t is None:
                    t = tallies[(n1, n2)] = [0, 0, 0, [], [], []]
                cong, conf = f1 * f2 + c1 * c2, f1 * c2 + c1 * f2
                t[0] += cong
                t[1] += conf
                t[2] += (f1 + c1) * (f2 + c2)
                t[5].append(other)
                if cong:
                    t[3].append(other)
                if conf:
                    t[4].append(other)
    q = options.qualifier
    anchors = {}
    for n1, n2 in sorted(tallies, key=lambda k: (order[k[0]], order[k[1]])):
        cong, conf, ign, agreed, opposed, shared = tallies[(n1, n2)]
        value = {"congruence": cong, "conflict": conf, "subtract": cong - conf, "ignore": ign,
                 "combine": (1 if cong else 0) + (2 if conf else 0)}[q]
        if value == 0:
            continue
        if options.normalise != "none":
            value = value / _norm(options.normalise, a[n1], a[n2], total[n1], total[n2])
        chosen = {"congruence": agreed, "conflict": opposed}.get(q, shared)
        keys = [(n, j) if by == "actor" else (j, n) for j in chosen for n in (n1, n2)]
        claims = {s.claim for key in keys for s in evidence[key]}
        for c in claims:
            if c not in anchors:
                anchors[c] = [q_.anchor for q_ in debate.claims[c].quotes]
        graph.add_edge(_node_id(n1), _node_id(n2), weight=value, kind="positions", congruence=cong, conflict=conf,
                       agreed_on=" | ".join(debate.label(j) for j in agreed),
                       conflict_on=" | ".join(debate.label(j) for j in opposed),
                       claims=" ".join(sorted(claims)), quotes=" ".join(sorted({x for c in claims for x in anchors[c]})))


def _norm(how: str, v1, v2, c1: int, c2: int) -> float:
    if how == "average":
        return (c1 + c2) / 2
    if how == "cosine":
        return float(c1 * c2)
    m10 = m01 = m11 = 0
    for j in set(v1) | set(v2):
        for k in (0, 1):
            x, y = v1[j][k] if j in v1 else 0, v2[j][k] if j in v2 else 0  # [against, for] per target
            m10 += x if y == 0 else 0
            m01 += y if x == 0 else 0
            m11 += x * y if x and y else 0
    return float(m10 + m01 + m11)


def _argument_edges(graph, debate: Debate, options: Options, actors: set[str]) -> None:
    edges = defaultdict(list)
    for link in debate.links:
        for a in debate.claims[link.source].holders:
            for b in debate.claims[link.target].holders:
                if a != b and a in actors and b in actors:
                    edges[(a, b, link.kind)].append(link)
    for (a, b, kind), links in sorted(edges.items(), key=lambda kv: (_node_id(kv[0][0]), _node_id(kv[0][1]), kv[0][2])):
        claims = [c for k in links for c in (k.source, k.target)]
        graph.add_edge(_node_id(a), _node_id(b), key=kind, weight=len(links), kind=kind, from_actor=_node_id(a), to_actor=_node_id(b),
                       claims=_join(claims), links=" ".join(f"{_node_id(k.source)}>{_node_id(k.target)}" for k in links),
                       quotes=_anchors(debate, claims))
