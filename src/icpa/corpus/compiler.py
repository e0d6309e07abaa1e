"""Compile the curated YAML under ``data/`` into the instance-data graph.

Each quote is located in its article (``seeds/``) and recorded with W3C Web Annotation
selectors: ``oa:TextQuoteSelector`` (exact, prefix, suffix) and ``oa:TextPositionSelector``
(start, end: Python string indices, end exclusive). A quote that does not occur verbatim, or
occurs more than once without an ``offset``, stops the build with an error naming the file, the
entry and the nearest match. Every IRI is derived from the curated ids, so the output has no
blank nodes and is byte-identical run to run.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from icpa import vocab as names
from icpa.corpus.anchors import Anchor, locate
from icpa.errors import DataError
from icpa.fsutil import read_text

ICPA = Namespace(names.ICPA)
D = Namespace(names.DATA)
OA = Namespace(names.OA)
BIBO = Namespace(names.BIBO)
DCTERMS = Namespace(names.DCTERMS)
PROV = Namespace(names.PROV)

#: Which sub-property of icpa:about a topic of each kind is reached through.
ABOUT_BY_KIND = (
    (ICPA.IntegrationType, ICPA.concernsIntegrationType),
    (ICPA.Incentive, ICPA.concernsIncentive),
    (ICPA.Barrier, ICPA.identifiesBarrier),
    (ICPA.Outcome, ICPA.concernsOutcome),
    (ICPA.IntegrationRisk, ICPA.concernsRisk),
    (ICPA.IntegrationInitiative, ICPA.concernsInitiative),
    (ICPA.Actor, ICPA.concernsActor),
)

ARTICLE_KINDS = {"NewsArticle", "FeatureArticle", "CommentArticle"}
FIGURE_KINDS = {"MonetaryFigure", "DateFigure", "CountFigure"}

POLARITIES = {
    "for": ICPA.polarityFor,
    "against": ICPA.polarityAgainst,
    "conditional": ICPA.polarityConditional,
    "neutral": ICPA.polarityNeutral,
}
METHODS = {"by-hand": ICPA.methodByHand, "proposed-and-accepted": ICPA.methodProposedAndAccepted}
#: What a claim may flag (name without a position): these kinds of topic.
FLAG_KINDS = (ICPA.Barrier, ICPA.IntegrationRisk, ICPA.Outcome, ICPA.Incentive)
#: Claim-to-claim relations a claim states or implies in its own article (key -> property).
CLAIM_LINKS = {
    "supports": ICPA.supportsClaim,  # premise -> conclusion
    "agrees_with": ICPA.agreesWith,
    "rebuts": ICPA.rebuts,
    "undercuts": ICPA.undercuts,
    "qualifies": ICPA.qualifiesClaim,
    "elaborates": ICPA.elaborates,
}
#: Relations between actors that must say who states them and in which claim.
STATED_BY_A_SPEAKER = {"pressures", "directs", "setsDeadlineFor", "worksWith"}
ROLES = {
    "author": ICPA.roleAuthor, "publisher": ICPA.rolePublisher, "speaker": ICPA.roleSpeaker,
    "reported": ICPA.roleReported, "reporter": ICPA.roleReporter, "mentioned": ICPA.roleMentioned,
}

_KEYS = {
    "top": {"article", "coding", "entities", "posts", "relations", "claims", "links", "mentions", "figures"},
    "article": {"id", "seed", "sha256", "kind", "label", "publisher", "author", "title", "doi", "citation", "published",
                 "truncated", "original"},
    "coding": {"role", "method", "date"},
    "relation": {"subject", "property", "object", "stated_by", "claim", "quote", "offset"},
    "claim": {
        "id", "holders", "reported_by", "verb", "hedge", "text", "positions", "flags", "about", "aims_at",
        "evidence", "published_in", "author_cites", "examples", *CLAIM_LINKS, "quote", "offset", "why",
    },
    "position": {"target", "polarity", "condition", "coded"},
    "link": {"from", "kind", "to", "reason", "coded"},
    "mention": {"concept", "kind", "quote", "offset", "coded", "why"},
    "entity": {"id", "types", "label", "alt", "member_kind", "mentions"},
    "post": {"person", "organisation", "role", "quote", "offset"},
    "figure": {
        "id", "kind", "value", "amount", "unit", "measures", "period", "qualifier", "about",
        "stated_by", "quote", "offset",
    },
}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: the sections of a file whose entries ``icpa ingest`` proposes (status: proposed, why: ...)
REVIEWED = ("entities", "posts", "relations", "claims", "links", "mentions", "figures")
STATUSES = ("proposed", "accepted", "rejected")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass
class Entity:
    id: str
    label: str
    types: set[str] = field(default_factory=set)
    alt: set[str] = field(default_factory=set)
    member_kind: str | None = None
    mentions: list[tuple[str, Anchor]] = field(default_factory=list)
    source: str = ""


def kebab(name: str) -> str:
    return "-".join(part.lower() for part in _CAMEL_SPLIT.split(name))


def topic_iri(class_name: str) -> URIRef:
    return D[f"topic-{kebab(class_name)}"]


class Vocabulary:
    """What the ontology declares, for resolving curated names to IRIs."""

    def __init__(self, ontology: Graph) -> None:
        self.graph = ontology
        self.classes = {str(c)[len(ICPA):] for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(ICPA))}
        self.object_properties = {
            str(p)[len(ICPA):] for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(ICPA))
        }
        self._supers: dict[URIRef, set[URIRef]] = {}

    def superclasses(self, cls: URIRef) -> set[URIRef]:
        if cls not in self._supers:
            self._supers[cls] = set(self.graph.transitive_objects(cls, RDFS.subClassOf))
        return self._supers[cls]

    def is_a(self, class_names, ancestor: URIRef) -> bool:
        return any(ancestor in self.superclasses(ICPA[c]) for c in class_names)

    def label(self, name: str) -> str:
        return str(self.graph.value(ICPA[name], RDFS.label) or name)


class _Article:
    def __init__(self, path: Path, doc: dict, vocab: Vocabulary, seeds: Path) -> None:
        self.path = path
        self.name = path.name
        meta = doc.get("article")
        if not isinstance(meta, dict):
            raise DataError(f"{self.name}: missing 'article:' section")
        _check_keys(meta, "article", f"{self.name}: article")
        self.meta = meta
        self.id = _need(meta, "id", f"{self.name}: article")
        if not re.fullmatch(r"a\d{3}", self.id):
            raise DataError(f"{self.name}: article id must look like a000, got {self.id!r}")
        seed = _need(meta, "seed", f"{self.name}: article")
        if not isinstance(seed, str) or "/" in seed or seed.startswith("."):
            raise DataError(f"{self.name}: article seed must be a file name in seeds/, got {seed!r}")
        seed_path = seeds / seed
        try:
            raw = seed_path.read_bytes()
        except OSError as exc:
            raise DataError(f"{self.name}: cannot read seed {seed}: {exc.strerror}") from None
        self.sha256 = hashlib.sha256(raw).hexdigest()
        pinned = _need(meta, "sha256", f"{self.name}: article")
        if str(pinned).lower() != self.sha256:
            raise DataError(f"{self.name}: seeds/{seed} is not the text this file annotates: its sha256 is {self.sha256}, "
                            f"the file pins {pinned} (article texts are never edited; quotes are anchored to offsets in them)")
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(f"{self.name}: seeds/{seed} is not UTF-8 text (byte {exc.start})") from None
        self.seed = seed
        self.iri = D[self.id]
        self.doc = doc
        self.vocab = vocab
        published = meta.get("published")
        date = published.get("date") if isinstance(published, dict) else None
        self.date = Literal(f"{date}T00:00:00", datatype=XSD.dateTime) if date else None
        self.coding: URIRef | None = None
        self.holders: dict[str, list[URIRef]] = {}

    def anchor(self, entry: dict, where: str, key: str = "quote") -> Anchor:
        return locate(self.text, entry.get(key), entry.get("offset"), f"{self.name}: {where}")


def _need(entry: dict, key: str, where: str):
    value = entry.get(key)
    if value in (None, "", []):
        raise DataError(f"{where}: missing '{key}'")
    return value


def _check_keys(entry, kind: str, where: str) -> None:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping, got {type(entry).__name__}")
    unknown = set(entry) - _KEYS[kind]
    if unknown:
        raise DataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def _review_status(entry, where: str) -> str:
    status = entry.get("status", "accepted") if isinstance(entry, dict) else "accepted"
    if status not in STATUSES:
        raise DataError(f"{where}: status must be one of {', '.join(STATUSES)}, got {status!r}")
    return status


def _reviewed(entry, keep_why: bool):
    """An accepted entry as the build reads it: without its status (and its why, unless kept)."""
    if not isinstance(entry, dict):
        return entry
    return {k: v for k, v in entry.items() if k != "status" and (keep_why or k != "why")}


def settle_reviews(doc: dict, name: str) -> dict:
    """A file as the build compiles it after review: a rejected proposal is left out, an accepted
    one is kept (a claim's or mention's ``why`` becomes its ``icpa:proposedBy``), and a proposal
    still marked ``proposed`` stops the build, named, so nothing enters the graph unreviewed."""
    pending = []
    settled = dict(doc)
    meta = doc.get("article")
    if isinstance(meta, dict):  # bibliographic facts proposed from the text: title, doi, published, publisher, author
        kept_meta = {}
        for key, value in meta.items():
            status = _review_status(value, f"{name}: article {key}")
            if status == "proposed":
                pending.append(f"article {key}")
            elif status == "accepted":
                kept_meta[key] = _reviewed(value, keep_why=False)
        settled["article"] = kept_meta
    for section in REVIEWED:
        entries = doc.get(section)
        if not isinstance(entries, list):
            continue
        kept = []
        for i, entry in enumerate(entries):
            label = (entry.get("id") or entry.get("quote") or f"{section}[{i}]") if isinstance(entry, dict) else f"{section}[{i}]"
            status = _review_status(entry, f"{name}: {section} {label}")
            if status == "proposed":
                pending.append(f"{section} {str(label)[:40]}")
            elif status == "accepted":
                kept.append(_reviewed(entry, keep_why=section in ("claims", "mentions")))
        settled[section] = kept
    if pending:
        article = doc.get("article", {}).get("id", "") if isinstance(doc.get("article"), dict) else ""
        raise DataError(f"{name}: {len(pending)} proposal(s) not yet reviewed ({'; '.join(pending[:3])}"
                        f"{'; …' if len(pending) > 3 else ''}): set each one's status to accepted or rejected "
                        f"(`icpa review {article}` lists them; `--accept-all` accepts them all)")
    return settled


def _refuse_the_old_shape(doc, name: str) -> None:
    """A file written before positions (claims with ``speaker`` and ``stance``, no ``coding``) is refused
    with a message naming the field, not half-compiled."""
    if not isinstance(doc, dict) or "coding" in doc:
        return
    claims = doc.get("claims")
    old = next((k for c in (claims if isinstance(claims, list) else []) if isinstance(c, dict)
                for k in ("stance", "speaker") if k in c), None)
    what = f"its claims have '{old}'" if old else "it has no 'coding:'"
    raise DataError(f"{name}: this file is in the old shape ({what}); claims now have holders, positions and flags, "
                    f"and the file says who coded it (coding: role, method, date): see data/README.md")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Compiler:
    """Compile a set of curated YAML files into one instance-data graph."""

    def __init__(self, ontology: Graph, seeds: Path) -> None:
        self.vocab = Vocabulary(ontology)
        self.seeds = seeds
        self.g = Graph()
        self.entities: dict[str, Entity] = {}
        self.claims: dict[str, URIRef] = {}
        self.topics: set[str] = set()
        self.voices: dict[str, str] = {}
        self.links: list[tuple[str, URIRef, str, URIRef]] = []

    # -- helpers -----------------------------------------------------------------------

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def quote(self, art: _Article, node: URIRef, anchor: Anchor) -> None:
        q = URIRef(f"{node}-q")
        text_sel, pos_sel = URIRef(f"{q}-text"), URIRef(f"{q}-pos")
        self.add(node, ICPA.hasQuote, q)
        self.add(node, ICPA.reportedIn, art.iri)
        for s, t in ((q, ICPA.Quote), (text_sel, OA.TextQuoteSelector), (pos_sel, OA.TextPositionSelector)):
            self.add(s, RDF.type, OWL.NamedIndividual)
            self.add(s, RDF.type, t)
        self.add(q, OA.hasSource, art.iri)
        self.add(q, OA.hasSelector, text_sel)
        self.add(q, OA.hasSelector, pos_sel)
        self.add(text_sel, OA.exact, Literal(anchor.exact))
        self.add(text_sel, OA.prefix, Literal(anchor.prefix))
        self.add(text_sel, OA.suffix, Literal(anchor.suffix))
        self.add(pos_sel, OA.start, Literal(anchor.start, datatype=XSD.nonNegativeInteger))
        self.add(pos_sel, OA.end, Literal(anchor.end, datatype=XSD.nonNegativeInteger))

    def individual(self, node: URIRef, *classes: URIRef) -> None:
        self.add(node, RDF.type, OWL.NamedIndividual)
        for c in classes:
            self.add(node, RDF.type, c)

    def cls(self, name: str, where: str) -> URIRef:
        if not isinstance(name, str) or name not in self.vocab.classes:
            hint = difflib.get_close_matches(str(name), sorted(self.vocab.classes), n=1)
            more = f"; did you mean {hint[0]}?" if hint else ""
            raise DataError(f"{where}: unknown ontology class {name!r}{more}")
        return ICPA[name]

    def topic(self, name: str, where: str) -> URIRef:
        """A topic: a PolicyTopic class name (shared individual) or a declared entity id."""
        if isinstance(name, str) and name[:1].isupper():
            self.cls(name, where)
            if not self.vocab.is_a([name], ICPA.PolicyTopic):
                raise DataError(f"{where}: {name} is not a kind of PolicyTopic")
            self.topics.add(name)
            return topic_iri(name)
        return self.ref(name, where)

    def ref(self, ident: str, where: str) -> URIRef:
        """A reference to an entity (declared in some file) or an article voice."""
        if not isinstance(ident, str) or not _ID.match(ident):
            raise DataError(f"{where}: bad id {ident!r} (ids are kebab-case)")
        m = re.fullmatch(r"(a\d{3})-voice", ident)
        if m:
            self.voices.setdefault(ident, m.group(1))
            return D[ident]
        if ident not in self.entities:
            hint = difflib.get_close_matches(ident, sorted(self.entities), n=1)
            more = f"; did you mean {hint[0]}?" if hint else ""
            raise DataError(f"{where}: unknown entity {ident!r}{more}")
        return D[ident]

    def kinds(self, node_id: str) -> set[str]:
        if re.fullmatch(r"a\d{3}-voice", node_id):
            return {"ArticleVoice"}
        return self.entities[node_id].types

    # -- passes ------------------------------------------------------------------------

    def declare_entities(self, art: _Article) -> None:
        for i, entry in enumerate(_as_list(art.doc.get("entities"))):
            where = f"{art.name}: entities[{i}]"
            _check_keys(entry, "entity", where)
            ident = _need(entry, "id", where)
            where = f"{art.name}: entity {ident}"
            if not isinstance(ident, str) or not _ID.match(ident) or ident.endswith("-voice"):
                raise DataError(f"{where}: bad id (kebab-case, not ending in -voice)")
            label = str(_need(entry, "label", where))
            types = _as_list(_need(entry, "types", where))
            for t in types:
                self.cls(t, where)
            ent = self.entities.get(ident)
            if ent is None:
                ent = self.entities[ident] = Entity(ident, label, source=art.name)
            elif ent.label != label:
                raise DataError(f"{where}: label {label!r} differs from {ent.label!r} in {ent.source}")
            ent.types.update(types)
            ent.alt.update(str(a) for a in _as_list(entry.get("alt")))
            if entry.get("member_kind"):
                kind = entry["member_kind"]
                self.cls(kind, where)
                if ent.member_kind not in (None, kind):
                    raise DataError(f"{where}: member_kind {kind} differs from {ent.member_kind} in {ent.source}")
                ent.member_kind = kind
            mentions = _as_list(entry.get("mentions"))
            if not mentions:
                raise DataError(f"{where}: needs at least one mention quote in this article")
            for j, m in enumerate(mentions):
                spec = m if isinstance(m, dict) else {"quote": m}
                ent.mentions.append((art.id, art.anchor(spec, f"entity {ident} mention {j + 1}")))

    def emit_entities(self, articles: dict[str, _Article]) -> None:
        for ident, ent in sorted(self.entities.items()):
            node = D[ident]
            self.individual(node, *(ICPA[t] for t in sorted(ent.types)))
            if self.vocab.is_a(ent.types, ICPA.Person) and self.vocab.is_a(ent.types, ICPA.Organisation):
                raise DataError(f"{ent.source}: entity {ident} is typed both a person and an organisation")
            self.add(node, RDFS.label, Literal(ent.label, lang="en"))
            for a in sorted(ent.alt):
                self.add(node, SKOS.altLabel, Literal(a, lang="en"))
            if ent.member_kind:
                self.add(node, ICPA.memberKind, ICPA[ent.member_kind])
            is_actor = self.vocab.is_a(ent.types, ICPA.Actor)
            counts: dict[str, int] = {}
            for art_id, anchor in ent.mentions:
                counts[art_id] = counts.get(art_id, 0) + 1
                m = D[f"{art_id}-m-{ident}-{counts[art_id]}"]
                self.individual(m, ICPA.Mention)
                self.add(m, ICPA.mentionOf, node)
                self.quote(articles[art_id], m, anchor)
                self.add(node, ICPA.appearsIn if is_actor else ICPA.mentionedIn, articles[art_id].iri)

    def emit_article(self, art: _Article) -> None:
        meta = art.meta
        kind = _need(meta, "kind", f"{art.name}: article")
        if kind not in ARTICLE_KINDS:
            raise DataError(f"{art.name}: article kind must be one of {', '.join(sorted(ARTICLE_KINDS))}")
        self.individual(art.iri, ICPA[kind])
        self.add(art.iri, RDFS.label, Literal(str(_need(meta, "label", f"{art.name}: article")), lang="en"))
        self.add(art.iri, ICPA.seedFile, Literal(art.seed))
        self.add(art.iri, ICPA.textLength, Literal(len(art.text), datatype=XSD.nonNegativeInteger))
        self.add(art.iri, ICPA.sha256, Literal(art.sha256))
        self.add(art.iri, ICPA.isTruncated, Literal("truncated" in meta))
        facts = []
        for key, prop in (("publisher", ICPA.publishedBy), ("author", ICPA.authoredBy)):
            if key in meta:
                entry = meta[key]
                if not isinstance(entry, dict):
                    raise DataError(f"{art.name}: article {key} must be a mapping")
                target = self.ref(_need(entry, "actor", f"{art.name}: article {key}"), f"{art.name}: article {key}")
                self.add(art.iri, prop, target)
                facts.append((key, prop, target, entry))
        for key, prop, make in (
            ("title", ICPA.documentTitle, lambda e: Literal(str(_need(e, "text", "title")))),
            ("doi", BIBO.doi, lambda e: Literal(str(_need(e, "text", "doi")))),
            ("citation", DCTERMS.bibliographicCitation, lambda e: Literal(str(_need(e, "text", "citation")))),
            ("published", ICPA.publicationDate, lambda e: Literal(f"{_need(e, 'date', 'published')}T00:00:00", datatype=XSD.dateTime)),
        ):
            if key in meta:
                entry = meta[key]
                if not isinstance(entry, dict):
                    raise DataError(f"{art.name}: article {key} must be a mapping")
                self.add(art.iri, prop, make(entry))
                facts.append((key, prop, None, entry))
        if "truncated" in meta:
            facts.append(("truncated", ICPA.isTruncated, None, meta["truncated"]))
        for key, prop, target, entry in facts:
            node = D[f"{art.id}-meta-{key}"]
            self.individual(node, ICPA.StatedRelation)
            self.add(node, ICPA.relationSubject, art.iri)
            self.add(node, ICPA.relationProperty, prop)
            if target is not None:
                self.add(node, ICPA.relationObject, target)
            self.quote(art, node, art.anchor(entry, f"article {key}"))

    def emit_posts(self, art: _Article) -> None:
        counts: dict[str, int] = {}
        for i, entry in enumerate(_as_list(art.doc.get("posts"))):
            where = f"posts[{i}]"
            _check_keys(entry, "post", f"{art.name}: {where}")
            person = self.ref(_need(entry, "person", f"{art.name}: {where}"), f"{art.name}: {where}")
            org = self.ref(_need(entry, "organisation", f"{art.name}: {where}"), f"{art.name}: {where}")
            pid = entry["person"]
            counts[pid] = counts.get(pid, 0) + 1
            node = D[f"{art.id}-post-{pid}-{counts[pid]}"]
            self.individual(node, ICPA.Post)
            role = str(_need(entry, "role", f"{art.name}: {where}"))
            self.add(node, RDFS.label, Literal(f"{role}, {self.entities[entry['organisation']].label}", lang="en"))
            self.add(node, ICPA.postHolder, person)
            self.add(person, ICPA.holdsPost, node)
            self.add(node, ICPA.postIn, org)
            self.add(node, ICPA.roleTitle, Literal(role))
            self.quote(art, node, art.anchor(entry, f"post of {pid}"))

    # -- claims: holders, positions, flags; relations; links; concept mentions --------------

    def coding(self, entry, where: str) -> URIRef:
        """The coding (who, by what method, when) an entry was made by: a shared individual."""
        _check_keys(entry, "coding", where)
        role = str(_need(entry, "role", where))
        method = _need(entry, "method", where)
        if method not in METHODS:
            raise DataError(f"{where}: method must be one of {', '.join(METHODS)}, got {method!r}")
        date = str(_need(entry, "date", where))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise DataError(f"{where}: date must look like 2026-12-06, got {date!r}")
        if not _ID.match(role):
            raise DataError(f"{where}: role must be a lower-case word such as curator or reviewer, got {role!r}")
        node = D[f"coding-{role}-{method}-{date}"]
        if (node, RDF.type, ICPA.Coding) not in self.g:
            self.individual(node, ICPA.Coding)
            self.add(node, RDFS.label, Literal(f"{role}, {self.vocab.graph.value(METHODS[method], RDFS.label) or method}, {date}", lang="en"))
            self.add(node, ICPA.coderRole, Literal(role))
            self.add(node, ICPA.codingMethod, METHODS[method])
            self.add(node, PROV.endedAtTime, Literal(f"{date}T00:00:00", datatype=XSD.dateTime))
        return node

    def coded(self, art: _Article, entry: dict, where: str) -> URIRef:
        return self.coding(entry["coded"], f"{where} coded") if entry.get("coded") is not None else art.coding

    def claim_ref(self, art: _Article, ref, where: str, *, same_article: bool) -> str:
        """The global id of a claim reference (``c05`` or ``a003-c05``)."""
        ref = str(ref)
        full = ref if re.match(r"a\d{3}-", ref) else f"{art.id}-{ref}"
        if same_article and not full.startswith(f"{art.id}-"):
            raise DataError(f"{where}: {ref} is a claim of another article: a link between articles that the text does "
                            f"not state is the curator's inference; record it under links: with its reason")
        return full

    def is_claim_ref(self, name) -> bool:
        return isinstance(name, str) and re.fullmatch(r"(a\d{3}-)?c\d+[a-z]?", name) is not None

    def claim_kinds(self, name: str) -> list[str]:
        return [name] if name[:1].isupper() else sorted(self.kinds(name))

    def emit_claims(self, art: _Article) -> None:
        art.holders: dict[str, list[URIRef]] = {}
        for i, entry in enumerate(_as_list(art.doc.get("claims"))):
            where = f"{art.name}: claims[{i}]"
            if isinstance(entry, dict) and ("stance" in entry or "speaker" in entry):
                field_name = "stance" if "stance" in entry else "speaker"
                raise DataError(f"{where}: '{field_name}' is the old shape of a claim; a claim now has holders and "
                                f"states positions (a target and a polarity each) and flags (see data/README.md)")
            _check_keys(entry, "claim", where)
            cid = _need(entry, "id", where)
            where = f"{art.name}: claim {cid}"
            gid = f"{art.id}-{cid}"
            if not _ID.match(str(cid)) or gid in self.claims:
                raise DataError(f"{where}: bad or duplicate claim id")
            node = D[gid]
            self.claims[gid] = node
            self.individual(node, ICPA.Claim)
            if entry.get("why"):
                self.add(node, ICPA.proposedBy, Literal(str(entry["why"])))
            holders = [self.ref(h, where) for h in _as_list(_need(entry, "holders", where))]
            if len(set(holders)) != len(holders):
                raise DataError(f"{where}: a holder is listed twice")
            art.holders[gid] = holders
            for h in holders:
                self.add(node, ICPA.madeBy, h)
            if entry.get("reported_by") is not None:
                reporter = self.ref(entry["reported_by"], where)
                if reporter in holders:
                    raise DataError(f"{where}: {entry['reported_by']} both holds and reports the claim; a reporter "
                                    f"passes on another's attitude")
                self.add(node, ICPA.reportedBy, reporter)
            text = str(_need(entry, "text", where))
            self.add(node, RDFS.label, Literal(text, lang="en"))
            self.add(node, ICPA.claimText, Literal(text))
            if entry.get("verb"):
                self.add(node, ICPA.reportingVerb, Literal(str(entry["verb"])))
            anchor = art.anchor(entry, f"claim {cid}")
            if entry.get("hedge") is not None:
                hedge = str(entry["hedge"])
                if hedge not in anchor.exact:
                    raise DataError(f"{where}: hedge {hedge!r} is not words of the claim's quote")
                self.add(node, ICPA.hedge, Literal(hedge))
            about: list[str] = []
            positions = _as_list(entry.get("positions"))
            if not positions and not entry.get("flags") and not any(entry.get(k) for k in CLAIM_LINKS):
                raise DataError(f"{where}: a claim states at least one position, flags a barrier, risk, outcome or "
                                f"incentive, or relates to another claim")
            seen = set()
            for j, pos in enumerate(positions):
                pwhere = f"{where} positions[{j}]"
                _check_keys(pos, "position", pwhere)
                target_name = _need(pos, "target", pwhere)
                polarity = _need(pos, "polarity", pwhere)
                if polarity not in POLARITIES:
                    raise DataError(f"{pwhere}: polarity must be one of {', '.join(POLARITIES)}, got {polarity!r}")
                if self.is_claim_ref(target_name):
                    target = ("claim", self.claim_ref(art, target_name, pwhere, same_article=True))
                else:
                    target = ("topic", self.topic(target_name, pwhere))
                    about.append(target_name)
                if target in seen:
                    raise DataError(f"{pwhere}: a second position on {target_name}; one position per target")
                seen.add(target)
                p = D[f"{gid}-p{j + 1}"]
                self.individual(p, ICPA.Position)
                self.add(node, ICPA.statesPosition, p)
                self.add(p, ICPA.positionOf, node)
                self.add(p, ICPA.hasPolarity, POLARITIES[polarity])
                if target[0] == "claim":
                    self.links.append((pwhere, ICPA.positionTarget, target[1], p))
                else:
                    self.add(p, ICPA.positionTarget, target[1])
                condition = pos.get("condition")
                if polarity == "conditional":
                    if not condition:
                        raise DataError(f"{pwhere}: a conditional position names its condition (words of the quote)")
                    if str(condition) not in anchor.exact:
                        raise DataError(f"{pwhere}: condition {condition!r} is not words of the claim's quote")
                    self.add(p, ICPA.condition, Literal(str(condition)))
                elif condition is not None:
                    raise DataError(f"{pwhere}: only a conditional position has a condition")
                self.add(p, PROV.wasGeneratedBy, self.coded(art, pos, pwhere))
                self.add(p, ICPA.hasQuote, URIRef(f"{node}-q"))
                self.add(p, ICPA.reportedIn, art.iri)
                if art.date is not None:
                    self.add(p, ICPA.statementDate, art.date)
            for t in _as_list(entry.get("flags")):
                target = self.topic(t, where)
                if not isinstance(t, str) or not t[:1].isupper() or not any(self.vocab.is_a([t], k) for k in FLAG_KINDS):
                    raise DataError(f"{where}: flag {t!r} is not a kind of barrier, risk, outcome or incentive")
                self.add(node, ICPA.flags, target)
                if self.vocab.is_a([t], ICPA.Barrier):
                    self.add(node, ICPA.identifiesBarrier, target)
                about.append(t)
            for t in _as_list(entry.get("about")):
                self.topic(t, where)
                about.append(t)
            for t in dict.fromkeys(about):
                target = self.topic(t, where)
                self.add(node, ICPA.about, target)
                for ancestor, prop in ABOUT_BY_KIND:
                    if ancestor != ICPA.Barrier and self.vocab.is_a(self.claim_kinds(t), ancestor):
                        self.add(node, prop, target)
            for key, prop, must in (
                ("aims_at", ICPA.aimsAt, ICPA.Outcome),
                ("evidence", ICPA.citesEvidence, ICPA.EvidenceSource),
                ("published_in", ICPA.publishedIn, ICPA.Document),
                ("author_cites", ICPA.authorCites, None),
                ("examples", ICPA.citesExample, None),
            ):
                for t in _as_list(entry.get(key)):
                    target = self.topic(t, where)
                    if must is not None and not self.vocab.is_a(self.claim_kinds(t), must):
                        raise DataError(f"{where}: {key} entry {t!r} is not a kind of {must[len(ICPA):]}")
                    self.add(node, prop, target)
            for key, prop in CLAIM_LINKS.items():
                for ref in _as_list(entry.get(key)):
                    self.links.append((where, prop, self.claim_ref(art, ref, where, same_article=True), node))
            self.quote(art, node, anchor)

    def emit_relations(self, art: _Article) -> None:
        for i, entry in enumerate(_as_list(art.doc.get("relations"))):
            where = f"{art.name}: relations[{i}]"
            _check_keys(entry, "relation", where)
            prop_name = _need(entry, "property", where)
            if prop_name not in self.vocab.object_properties:
                hint = difflib.get_close_matches(str(prop_name), sorted(self.vocab.object_properties), n=1)
                raise DataError(f"{where}: unknown object property {prop_name!r}" + (f"; did you mean {hint[0]}?" if hint else ""))
            subject = self.topic(_need(entry, "subject", where), where)
            obj = self.topic(_need(entry, "object", where), where)
            node = D[f"{art.id}-r{i + 1:02d}"]
            self.individual(node, ICPA.StatedRelation)
            self.add(node, ICPA.relationSubject, subject)
            self.add(node, ICPA.relationObject, obj)
            self.add(node, ICPA.relationProperty, ICPA[prop_name])
            self.add(subject, ICPA[prop_name], obj)
            if prop_name in STATED_BY_A_SPEAKER and not (entry.get("stated_by") and entry.get("claim")):
                raise DataError(f"{where}: a relation between actors ({prop_name}) says who states it (stated_by) "
                                f"and in which claim (claim)")
            if entry.get("stated_by") is not None:
                self.add(node, ICPA.statedBy, self.ref(entry["stated_by"], where))
            if entry.get("claim") is not None:
                self.links.append((where, ICPA.statedIn, self.claim_ref(art, entry["claim"], where, same_article=True), node))
            self.quote(art, node, art.anchor(entry, f"relation {i + 1} ({prop_name})"))

    def emit_links(self, art: _Article) -> None:
        """Links between claims of different articles: the curator's inferences, with their reasons."""
        for i, entry in enumerate(_as_list(art.doc.get("links"))):
            where = f"{art.name}: links[{i}]"
            _check_keys(entry, "link", where)
            kind = _need(entry, "kind", where)
            if kind not in CLAIM_LINKS:
                raise DataError(f"{where}: kind must be one of {', '.join(CLAIM_LINKS)}, got {kind!r}")
            source = self.claim_ref(art, _need(entry, "from", where), where, same_article=True)
            target = self.claim_ref(art, _need(entry, "to", where), where, same_article=False)
            if target.startswith(f"{art.id}-"):
                raise DataError(f"{where}: both claims are in {art.id}; a relation the text states goes on the claim")
            node = D[f"{source}-link-{kind.replace('_', '-')}-{target}"]
            self.individual(node, ICPA.InferredLink)
            self.add(node, ICPA.relationProperty, CLAIM_LINKS[kind])
            self.add(node, ICPA.linkReason, Literal(str(_need(entry, "reason", where))))
            self.add(node, PROV.wasGeneratedBy, self.coded(art, entry, where))
            self.links.append((where, ICPA.linkFrom, source, node))
            self.links.append((where, ICPA.linkTo, target, node))

    def emit_concept_mentions(self, art: _Article) -> None:
        counts: dict[str, int] = {}
        for i, entry in enumerate(_as_list(art.doc.get("mentions"))):
            where = f"{art.name}: mentions[{i}]"
            _check_keys(entry, "mention", where)
            if ("concept" in entry) == ("kind" in entry):
                raise DataError(f"{where}: a mention names either a concept (a kind of topic) or a kind (of actor)")
            if "concept" in entry:
                name = entry["concept"]
                target = self.topic(name, where)
                if not isinstance(name, str) or not name[:1].isupper():
                    raise DataError(f"{where}: concept must be an ontology class name, got {name!r}")
            else:
                name = entry["kind"]
                cls = self.cls(name, where)
                if not self.vocab.is_a([name], ICPA.Actor):
                    raise DataError(f"{where}: kind {name} is not a kind of actor (a concept goes under concept:)")
            counts[name] = counts.get(name, 0) + 1
            m = D[f"{art.id}-mc-{kebab(name)}-{counts[name]}"]
            self.individual(m, ICPA.Mention)
            if "concept" in entry:
                self.add(m, ICPA.mentionOf, target)
                self.add(target, ICPA.mentionedIn, art.iri)
            else:
                self.add(m, ICPA.mentionsKind, cls)
            self.add(m, PROV.wasGeneratedBy, self.coded(art, entry, where))
            if entry.get("why"):
                self.add(m, ICPA.proposedBy, Literal(str(entry["why"])))
            self.quote(art, m, art.anchor(entry, f"mention {i + 1} ({name})"))

    def emit_participations(self, art: _Article) -> None:
        """Each actor's roles in the article, derived from the facts that show them."""
        roles: dict[tuple[URIRef, str], set[URIRef]] = {}

        def play(actor: URIRef, role: str, evidence: URIRef) -> None:
            roles.setdefault((actor, role), set()).add(evidence)

        for key, role in (("author", "author"), ("publisher", "publisher")):
            if key in art.meta:
                play(D[art.meta[key]["actor"]], role, D[f"{art.id}-meta-{key}"])
        for gid, holders in art.holders.items():
            node = self.claims[gid]
            reporter = self.g.value(node, ICPA.reportedBy)
            for h in holders:
                play(h, "reported" if reporter is not None else "speaker", node)
            if reporter is not None:
                play(reporter, "reporter", node)
        active = {actor for actor, _ in roles}
        for ident, ent in sorted(self.entities.items()):
            firsts = [n for n, (art_id, _) in enumerate(ent.mentions) if art_id == art.id]
            if firsts and D[ident] not in active and self.vocab.is_a(ent.types, ICPA.Actor):
                play(D[ident], "mentioned", D[f"{art.id}-m-{ident}-1"])
        for (actor, role), evidence in sorted(roles.items()):
            node = D[f"{art.id}-part-{str(actor)[len(D):]}-{role}"]
            self.individual(node, ICPA.Participation)
            self.add(node, RDFS.label, Literal(f"{self.g.value(actor, RDFS.label) or actor}: {role} in {art.id}", lang="en"))
            self.add(node, ICPA.participant, actor)
            self.add(node, ICPA.inArticle, art.iri)
            self.add(node, ICPA.participationRole, ROLES[role])
            for e in sorted(evidence):
                self.add(node, PROV.wasDerivedFrom, e)

    def emit_figures(self, art: _Article) -> None:
        for i, entry in enumerate(_as_list(art.doc.get("figures"))):
            _check_keys(entry, "figure", f"{art.name}: figures[{i}]")
            fid = _need(entry, "id", f"{art.name}: figures[{i}]")
            where = f"{art.name}: figure {fid}"
            kind = _need(entry, "kind", where)
            if kind not in FIGURE_KINDS:
                raise DataError(f"{where}: kind must be one of {', '.join(sorted(FIGURE_KINDS))}")
            node = D[f"{art.id}-{fid}"]
            self.individual(node, ICPA[kind])
            value = str(_need(entry, "value", where))
            measures = str(_need(entry, "measures", where))
            self.add(node, RDFS.label, Literal(f"{value}: {measures}", lang="en"))
            self.add(node, ICPA.valueText, Literal(value))
            self.add(node, ICPA.measures, Literal(measures))
            if entry.get("amount") is not None:
                try:
                    amount = Decimal(str(entry["amount"]))
                except InvalidOperation:
                    raise DataError(f"{where}: amount must be a number") from None
                self.add(node, ICPA.amount, Literal(amount, datatype=XSD.decimal))
            for key, prop in (("unit", ICPA.unit), ("period", ICPA.period), ("qualifier", ICPA.qualifier)):
                if entry.get(key) is not None:
                    self.add(node, prop, Literal(str(entry[key])))
            if entry.get("about"):
                self.add(node, ICPA.figureAbout, self.topic(entry["about"], where))
            self.add(node, ICPA.statedBy, self.ref(_need(entry, "stated_by", where), where))
            self.quote(art, node, art.anchor(entry, f"figure {fid}"))

    def finish(self) -> None:
        for where, prop, target, node in self.links:
            if target not in self.claims:
                hint = difflib.get_close_matches(target, sorted(self.claims), n=1)
                raise DataError(f"{where}: unknown claim {target!r}" + (f"; did you mean {hint[0]}?" if hint else ""))
            self.add(node, prop, self.claims[target])
        for name in sorted(self.topics):
            node = topic_iri(name)
            self.individual(node, ICPA[name])
            self.add(node, RDFS.label, Literal(self.vocab.label(name), lang="en"))
        for voice, art_id in sorted(self.voices.items()):
            self.individual(D[voice], ICPA.ArticleVoice)
            self.add(D[voice], RDFS.label, Literal(f"voice of article {art_id}", lang="en"))
            self.add(D[voice], ICPA.voiceOf, D[art_id])

    def header(self) -> None:
        onto = URIRef(names.DATA_ONTOLOGY_IRI)
        self.add(onto, RDF.type, OWL.Ontology)
        self.add(onto, OWL.imports, URIRef(names.ONTOLOGY_IRI))
        self.add(onto, OWL.versionIRI, URIRef(f"{names.DATA_ONTOLOGY_IRI}/0.2.0"))
        self.add(onto, DCTERMS.title, Literal("icpa instance data: the integrated care debate in five articles", lang="en"))
        self.add(onto, DCTERMS.description, Literal(
            "Actors, claims with their holders, positions and flags, concept mentions, evidence, figures and "
            "relations stated in the articles of "
            "the icpa corpus, each anchored to a verbatim quote. Generated by `icpa build` from data/*.yaml; "
            "do not edit by hand.", lang="en"))
        self.add(onto, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/"))

    def compile(self, files: list[Path]) -> Graph:
        articles: dict[str, _Article] = {}
        for path in sorted(files):
            text = read_text(path)
            try:
                doc = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
                raise DataError(f"{path.name}: YAML syntax error{at}: {getattr(exc, 'problem', exc)}") from None
            if not isinstance(doc, dict):
                raise DataError(f"{path.name}: expected a mapping at the top level")
            _refuse_the_old_shape(doc, path.name)
            _check_keys(doc, "top", path.name)
            doc = settle_reviews(doc, path.name)
            art = _Article(path, doc, self.vocab, self.seeds)
            if art.id in articles:
                raise DataError(f"{path.name}: article id {art.id} also used in {articles[art.id].name}")
            twin = next((a for a in articles.values() if a.sha256 == art.sha256), None)
            if twin is not None:
                raise DataError(f"{path.name}: annotates the same article text as {twin.name} (seeds/{art.seed}"
                                f"{'' if art.seed == twin.seed else ' = seeds/' + twin.seed}); one file per article")
            articles[art.id] = art
        for art in articles.values():
            self.declare_entities(art)
        self.header()
        for art in articles.values():
            self.emit_article(art)
            self.emit_posts(art)
            art.coding = self.coding(art.doc.get("coding"), f"{art.name}: coding")
            self.emit_claims(art)
            self.emit_relations(art)
            self.emit_links(art)
            self.emit_concept_mentions(art)
            self.emit_figures(art)
        self.emit_entities(articles)
        self.finish()
        for art in articles.values():
            self.emit_participations(art)
        return self.g


def compile_data(files: list[Path], *, ontology: Graph, seeds: Path) -> Graph:
    """The instance-data graph compiled from the curated YAML ``files``, quotes located in ``seeds``."""
    if not files:
        raise DataError("no curated data files (data/a*.yaml) to build: add an article with `icpa ingest FILE`")
    return Compiler(ontology, seeds).compile(files)


def render(graph: Graph) -> str:
    """The compiled data as deterministic Turtle (what ``ontology/icpa-data.ttl`` holds)."""
    from icpa.rdf import turtle

    return turtle.serialize(graph)
