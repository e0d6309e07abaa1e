"""The debate as Python objects, read from any engine: who holds which claim, the positions the
claims take, how claims support and attack each other, and the quote behind each.

:func:`read` asks a handful of plain SPARQL SELECTs of an engine (anything with
``execute(text) -> ResultTable`` and ``labels(iris)``: the embedded engines, an on-disk store, a
remote endpoint), so networks, maps and the argument formats work wherever a saved query does.
Everything here is sorted, so what is built from it is the same run to run.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from icpa import vocab
from icpa.vocab import curie

ICPA, OA, RDFS, RDF = vocab.ICPA, vocab.OA, vocab.RDFS, vocab.RDF
POLARITIES = {ICPA + "polarityFor": "for", ICPA + "polarityAgainst": "against", ICPA + "polarityConditional": "conditional",
              ICPA + "polarityNeutral": "neutral"}
#: claim-to-claim relations, in the order maps and exports list them: (property, name)
RELATIONS = (("supportsClaim", "supports"), ("agreesWith", "agrees with"), ("rebuts", "rebuts"),
             ("undercuts", "undercuts"), ("qualifiesClaim", "qualifies"), ("elaborates", "elaborates"))
RELATION_NAMES = {ICPA + p: name for p, name in RELATIONS}


@dataclass(frozen=True)
class Quote:
    """A verbatim span of an article: its words and character offsets (W3C selectors)."""

    seed: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    @property
    def anchor(self) -> str:
        """``seedfile#start-end``: where to find the words (end exclusive)."""
        return f"{self.seed}#{self.start}-{self.end}"


@dataclass(frozen=True)
class Article:
    iri: str
    label: str
    seed: str
    date: str | None  #: ``YYYY-MM-DD`` where the article states it
    kind: str | None  #: NewsArticle, FeatureArticle, CommentArticle

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Thing:
    """An actor or a position's target: a label and its asserted classes (IRIs)."""

    iri: str
    label: str
    classes: tuple[str, ...] = ()

    @property
    def is_voice(self) -> bool:
        return ICPA + "ArticleVoice" in self.classes


@dataclass(frozen=True)
class Claim:
    iri: str
    text: str
    article: str
    holders: tuple[str, ...]
    quotes: tuple[Quote, ...]
    reporters: tuple[str, ...] = ()
    verb: str | None = None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Position:
    iri: str
    claim: str
    target: str
    polarity: str  #: for, against, conditional, neutral
    condition: str | None = None
    date: str | None = None  #: ``YYYY-MM-DD``: the statement date, else its article's


@dataclass(frozen=True)
class Link:
    """One claim's relation to another: stated in an article, or inferred by the curator across articles."""

    source: str
    target: str
    kind: str  #: supports, agrees with, rebuts, undercuts, qualifies, elaborates
    reason: str | None = None  #: the curator's reason, for a link across articles

    @property
    def inferred(self) -> bool:
        return self.reason is not None


@dataclass
class Debate:
    articles: dict[str, Article] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)  #: claim → the barriers and risks it names
    things: dict[str, Thing] = field(default_factory=dict)  #: actors and targets
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)  #: class → its named superclasses
    class_labels: dict[str, str] = field(default_factory=dict)
    _above: dict[str, frozenset] = field(default_factory=dict, repr=False, compare=False)

    def label(self, iri: str) -> str:
        if iri in self.things:
            return self.things[iri].label
        if iri in self.claims:
            return self.claims[iri].text
        return self.class_labels.get(iri) or curie(iri).strip("<>")

    @functools.cached_property
    def _positions_by_claim(self) -> dict[str, list[Position]]:
        return _group(self.positions, lambda p: p.claim)

    @functools.cached_property
    def _links_by_source(self) -> dict[str, list[Link]]:
        return _group(self.links, lambda k: k.source)

    def positions_of(self, claim: str) -> list[Position]:
        """The positions a claim takes (an index built on first use)."""
        return self._positions_by_claim.get(claim, [])

    def links_from(self, claim: str) -> list[Link]:
        """The links that start at a claim (an index built on first use)."""
        return self._links_by_source.get(claim, [])

    def ancestors(self, cls: str) -> set[str]:
        """``cls`` and every class above it (rdfs:subClassOf, transitively)."""
        if cls in self._above:
            return self._above[cls]
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.parents.get(c, ()))
        self._above[cls] = frozenset(seen)
        return self._above[cls]

    def ancestors_of(self, iri: str) -> set[str]:
        """Every class a thing is an instance of, by its asserted classes and their superclasses."""
        thing = self.things.get(iri)
        return set().union(*(self.ancestors(c) for c in thing.classes)) if thing is not None and thing.classes else set()

    def is_a(self, iri: str, cls: str) -> bool:
        """Whether the thing ``iri`` is (by its asserted classes) an instance of ``cls`` or a subclass."""
        thing = self.things.get(iri)
        return thing is not None and any(cls in self.ancestors(c) for c in thing.classes)

    def kind_of(self, iri: str) -> str:
        """The label of a thing's most specific asserted class (what a person would call its kind)."""
        thing = self.things.get(iri)
        if thing is None or not thing.classes:
            return ""
        classes = [c for c in thing.classes if c.startswith(ICPA)]
        specific = [c for c in classes if not any(c != o and c in self.ancestors(o) for o in classes)]
        return ", ".join(sorted(self.class_labels.get(c, curie(c)) for c in specific))

    def category_of(self, iri: str) -> str:
        """What a concept is a kind of, at the top of the ontology's topics (barrier, incentive,
        integration type, outcome, …): for a class rolled up into, its own branch; else its kind."""
        top = ICPA + "PolicyTopic"
        classes = self.ancestors(iri) if iri in self.parents else self.ancestors_of(iri)
        branches = sorted(self.class_labels.get(c, curie(c)) for c in classes if top in self.parents.get(c, ()))
        return ", ".join(branches) or self.kind_of(iri) or "class"

    def date_of(self, claim: str) -> str | None:
        article = self.articles.get(self.claims[claim].article) if claim in self.claims else None
        return article.date if article else None


def _group(items, key) -> dict:
    """``items`` by ``key(item)``, each list in the items' order."""
    index: dict = {}
    for item in items:
        index.setdefault(key(item), []).append(item)
    return index


def _str(term) -> str | None:
    return None if term is None else str(term)


def _rows(engine, text: str):
    return engine.execute(text).rows


PREFIXES = (f"PREFIX icpa: <{ICPA}>\nPREFIX oa: <{OA}>\nPREFIX rdfs: <{RDFS}>\nPREFIX rdf: <{RDF}>\n"
            f"PREFIX owl: <{vocab.OWL}>\n")

ARTICLES = PREFIXES + """SELECT ?article ?seed ?label ?date ?kind WHERE {
  ?article icpa:seedFile ?seed .
  OPTIONAL { ?article rdfs:label ?label }
  OPTIONAL { ?article icpa:publicationDate ?date }
  OPTIONAL { ?article a ?kind FILTER (?kind IN (icpa:NewsArticle, icpa:FeatureArticle, icpa:CommentArticle)) }
}"""
CLAIMS = PREFIXES + """SELECT ?claim ?text ?article ?verb WHERE {
  ?claim a icpa:Claim ; icpa:claimText ?text ; icpa:reportedIn ?article .
  OPTIONAL { ?claim icpa:reportingVerb ?verb }
}"""
QUOTES = PREFIXES + """SELECT ?claim ?exact ?start ?end ?prefix ?suffix WHERE {
  ?claim a icpa:Claim ; icpa:hasQuote ?q .
  ?q oa:hasSelector ?text , ?pos .
  ?text oa:exact ?exact .
  ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL { ?text oa:prefix ?prefix }
  OPTIONAL { ?text oa:suffix ?suffix }
}"""
HOLDERS = PREFIXES + "SELECT ?claim ?actor WHERE { ?claim icpa:madeBy ?actor }"
REPORTERS = PREFIXES + "SELECT ?claim ?actor WHERE { ?claim icpa:reportedBy ?actor }"
POSITIONS = PREFIXES + """SELECT ?position ?claim ?target ?polarity ?condition ?date WHERE {
  ?position icpa:positionOf ?claim ; icpa:positionTarget ?target ; icpa:hasPolarity ?polarity .
  OPTIONAL { ?position icpa:condition ?condition }
  OPTIONAL { ?position icpa:statementDate ?date }
}"""
LINKS = PREFIXES + """SELECT ?from ?property ?to ?reason WHERE {
  VALUES ?property { """ + " ".join(f"icpa:{p}" for p, _ in RELATIONS) + """ }
  { ?from ?property ?to . ?from a icpa:Claim . ?to a icpa:Claim }
  UNION
  { ?link icpa:relationProperty ?property ; icpa:linkFrom ?from ; icpa:linkTo ?to .
    OPTIONAL { ?link icpa:linkReason ?reason } }
}"""
FLAGS = PREFIXES + "SELECT ?claim ?concept WHERE { ?claim icpa:flags ?concept }"
TYPES = PREFIXES + """SELECT DISTINCT ?thing ?class WHERE {
  { ?claim icpa:madeBy ?thing } UNION { ?claim icpa:reportedBy ?thing } UNION { ?p icpa:positionTarget ?thing }
  UNION { ?claim icpa:flags ?thing }
  ?thing a ?class . FILTER (isIRI(?class) && ?class != owl:NamedIndividual)
}"""
CLASSES = PREFIXES + """SELECT ?class ?super ?label WHERE {
  ?class a owl:Class . FILTER isIRI(?class)
  OPTIONAL { ?class rdfs:subClassOf ?super FILTER isIRI(?super) }
  OPTIONAL { ?class rdfs:label ?label }
}"""


def _day(value) -> str | None:
    return None if value is None else str(value)[:10]


def read(engine) -> Debate:
    """The whole debate an engine holds (see the module's doc)."""
    d = Debate()
    for article, seed, label, date, kind in sorted(_rows(engine, ARTICLES), key=lambda r: str(r[0])):
        iri = str(article)
        if iri not in d.articles or (kind is not None and d.articles[iri].kind is None):
            d.articles[iri] = Article(iri, str(label) if label is not None else str(seed), str(seed), _day(date),
                                      str(kind).rsplit("#", 1)[-1] if kind is not None else None)
    holders, reporters, quotes = defaultdict(set), defaultdict(set), defaultdict(set)
    for claim, actor in _rows(engine, HOLDERS):
        holders[str(claim)].add(str(actor))
    for claim, actor in _rows(engine, REPORTERS):
        reporters[str(claim)].add(str(actor))
    seeds = {a.iri: a.seed for a in d.articles.values()}
    texts = {}
    for claim, text, article, verb in _rows(engine, CLAIMS):
        texts[str(claim)] = (str(text), str(article), _str(verb))
    for claim, exact, start, end, prefix, suffix in _rows(engine, QUOTES):
        if str(claim) in texts:
            quotes[str(claim)].add(Quote(seeds.get(texts[str(claim)][1], ""), int(start), int(end), str(exact),
                                         _str(prefix) or "", _str(suffix) or ""))
    for iri in sorted(texts):
        text, article, verb = texts[iri]
        d.claims[iri] = Claim(iri, text, article, tuple(sorted(holders[iri])),
                              tuple(sorted(quotes[iri], key=lambda q: (q.start, q.end))), tuple(sorted(reporters[iri])), verb)
    for position, claim, target, polarity, condition, date in _rows(engine, POSITIONS):
        if str(claim) in d.claims:
            day = _day(date) or d.date_of(str(claim))
            d.positions.append(Position(str(position), str(claim), str(target), POLARITIES.get(str(polarity), str(polarity)),
                                        _str(condition), day))
    d.positions.sort(key=lambda p: (p.claim, p.target, p.polarity, p.iri))
    links = set()
    for source, prop, target, reason in _rows(engine, LINKS):
        if str(source) in d.claims and str(target) in d.claims:
            links.add(Link(str(source), str(target), RELATION_NAMES[str(prop)], _str(reason)))
    d.links = sorted(links, key=lambda k: (k.source, k.kind, k.target, k.reason or ""))
    flags = defaultdict(set)
    for claim, concept in _rows(engine, FLAGS):
        flags[str(claim)].add(str(concept))
    d.flags = {c: tuple(sorted(v)) for c, v in sorted(flags.items())}
    classes = defaultdict(set)
    for thing, cls in _rows(engine, TYPES):
        classes[str(thing)].add(str(cls))
    parents = defaultdict(set)
    for cls, sup, label in _rows(engine, CLASSES):
        parents[str(cls)]
        if sup is not None:
            parents[str(cls)].add(str(sup))
        if label is not None and (str(cls) not in d.class_labels or getattr(label, "language", None) == "en"):
            d.class_labels[str(cls)] = str(label)
    d.parents = {c: tuple(sorted(v)) for c, v in sorted(parents.items())}
    named = set(classes) | {h for c in d.claims.values() for h in c.holders + c.reporters} | {p.target for p in d.positions}
    labels = engine.labels({URIRef(i) for i in named})
    for iri in sorted(named):
        label = labels.get(URIRef(iri))
        d.things[iri] = Thing(iri, str(label) if label is not None else curie(iri).strip("<>"), tuple(sorted(classes.get(iri, ()))))
    return d
