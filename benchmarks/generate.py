"""Write a synthetic icpa corpus: N articles' worth of instance data, as N-Triples.

    python benchmarks/generate.py N [--seed S] [-o FILE.nt] [--texts DIR] [--verify]
    python benchmarks/generate.py --triples 1000000 -o big.nt

The output has exactly the shapes ``icpa build`` gives the curated data (ontology/icpa-data.ttl):
the same classes, properties, IRI patterns (``aNNN``, ``aNNN-cNN`` with ``-q``, ``-q-text`` and
``-q-pos``, mentions ``aNNN-m-ID-N``, posts ``aNNN-post-ID-N``, relations ``aNNN-rNN``, article
facts ``aNNN-meta-KEY``, figures ``aNNN-fNN``, voices ``aNNN-voice``, topics ``topic-<kebab>``),
datatypes and literal forms. Every quote is cut from a generated article text of realistic
length (a few thousand characters, with curly quotes, dashes, ``£`` and ``…``): ``oa:exact`` is
``text[start:end]`` in Python string indices, prefix and suffix are the 32 characters around it,
and the article records the text's ``icpa:seedFile``, ``textLength`` and ``sha256``
(``--texts DIR`` writes the texts under their seed-file names; ``--verify`` re-reads the
output and checks every quote against them).

Actors are drawn with a Zipf skew from one pool: the real individuals of the curated data
first (``chris-ham``, ``steve-smith``, ``department-of-health``, ``nuffield-trust``,
``kings-fund`` ... with their real IRIs, types, labels and alternative labels), then thousands
of synthetic people, trusts, think tanks, councils and publishers. Topics are the ontology's
PolicyTopic classes, skewed by how often the curated data uses them. Synthetic articles a000 …
a004 also declare the article-local entities of the real article with the same number.

Deterministic: the same seed (and the same ontology and curated data) gives the same bytes.
Article i does not depend on N, so a smaller corpus is a prefix of a larger one.
The ontology is not included (load ontology/icpa.ttl beside it for class hierarchies), nor the
``<https://w3id.org/icpa/data>`` header, which ``icpa`` drops from the bundled data too.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import sys
import time
from bisect import bisect
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS, SKOS  # noqa: E402

from icpa import project, vocab  # noqa: E402
from icpa.corpus.anchors import CONTEXT  # noqa: E402
from icpa.corpus.compiler import ABOUT_BY_KIND, CLAIM_LINKS, POLARITIES, Vocabulary, kebab  # noqa: E402

#: the corpus the shapes and the real individuals come from: this checkout's
CORPUS = project.current(HERE.parent)
NS = vocab.ICPA
D = vocab.DATA
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
BIBO = "http://purl.org/ontology/bibo/"


def _i(name: str) -> str:
    return f"<{NS}{name}>"


def _d(ident: str) -> str:
    return f"<{D}{ident}>"


A = f"<{RDF.type}>"
NAMED = f"<{OWL.NamedIndividual}>"
LABEL = f"<{RDFS.label}>"
ALT = f"<{SKOS.altLabel}>"
P = {name: _i(name) for name in (
    "hasQuote", "reportedIn", "seedFile", "textLength", "sha256", "isTruncated", "publishedBy", "authoredBy",
    "documentTitle", "publicationDate", "relationSubject", "relationObject", "relationProperty", "claimText", "madeBy",
    "reportingVerb", "about", "aimsAt", "citesEvidence", "citesExample", "supportsClaim",
    "rebuts", "statesPosition", "positionOf", "positionTarget", "hasPolarity", "condition", "flags", "identifiesBarrier",
    "linkFrom", "linkTo", "linkReason", "coderRole", "codingMethod", "valueText", "measures", "amount", "unit", "period", "qualifier", "figureAbout", "statedBy",
    "postHolder", "holdsPost", "postIn", "roleTitle", "mentionOf", "appearsIn", "mentionedIn", "memberKind", "voiceOf",
)}
OA_P = {name: f"<{OA}{name}>" for name in ("hasSource", "hasSelector", "exact", "prefix", "suffix", "start", "end")}
C = {name: _i(name) for name in (
    "Quote", "Claim", "Mention", "Post", "StatedRelation", "ArticleVoice", "MonetaryFigure", "DateFigure", "CountFigure",
    "Position", "InferredLink", "Coding",
)}
PROV = "http://www.w3.org/ns/prov#"
GENERATED_BY = f"<{PROV}wasGeneratedBy>"
#: the generator's sentence templates are written per old-style stance; each maps to the polarity
#: of the claim's position on its main topic (as the curators now code such sentences)
STANCE_POLARITY = {"supports": "for", "proposes": "for", "opposes": "against", "warns": "against", "fears": "against",
                   "qualifies": "conditional", "describes": "neutral"}
#: topics of these kinds are flagged (named), not the target of a position, unless they are the main topic
FLAGGED = ("Barrier", "IntegrationRisk", "Outcome", "Incentive")
TQS, TPS = f"<{OA}TextQuoteSelector>", f"<{OA}TextPositionSelector>"
DOI = f"<{BIBO}doi>"
POLARITY_IRI = {k: f"<{v}>" for k, v in POLARITIES.items()}


def lit(text: str) -> str:
    """A plain (xsd:string) literal in N-Triples."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def en(text: str) -> str:
    return lit(text) + "@en"


def typed(value, dt: str) -> str:
    return f'"{value}"^^<{XSD}{dt}>'


#: the one coding of the synthetic corpus (as a curated file's coding: line makes it)
CODING = _d("coding-curator-by-hand-2026-12-06")
CODING_TRIPLES = [
    (CODING, A, NAMED), (CODING, A, C["Coding"]), (CODING, LABEL, en("curator, curated by hand, 2026-12-06")),
    (CODING, P["coderRole"], lit("curator")), (CODING, P["codingMethod"], _i("methodByHand")),
    (CODING, f"<{PROV}endedAtTime>", '"2026-12-06T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>'),
]

# -- text fragments --------------------------------------------------------------------------

FIRST = """Alison Andrew Anita Ben Bernard Carol Catherine Colin Daniel David Deborah Edward Eleanor Fiona Frances George
Gillian Graham Hannah Harriet Hugh Ian Imran Isobel James Jane Jennifer John Judith Julian Karen Katherine Kevin Laura
Linda Margaret Mark Martin Mary Matthew Michelle Nadia Naomi Neil Nicholas Nigel Oliver Patricia Paul Peter Philip
Priya Rachel Richard Robert Ruth Sally Sarah Simon Stephen Susan Thomas Valerie""".split()
LAST = """Abbott Ahmed Allen Archer Bailey Baker Barnes Bell Bennett Booth Bradley Brooks Burton Carter Chapman Clarke
Coleman Collins Cooper Cox Davies Dawson Dixon Doyle Edwards Ellis Evans Fisher Fletcher Foster Fox Gibson Graham Grant
Gray Green Hall Harper Harris Hart Hayes Holmes Hughes Hunt Hussain Jackson James Jenkins Johnson Kaur Kelly Kennedy
Khan King Knight Lane Lawson Lee Lewis Lloyd Marshall Mason Matthews Mills Mitchell Moore Morgan Morris Murphy Murray
Nash Owen Palmer Parker Patel Pearson Phillips Powell Price Reid Reynolds Richards Riley Roberts Robinson Rose Russell
Shaw Simpson Singh Stevens Stone Taylor Thompson Turner Walker Ward Watson Webb Wells West White Wood Wright Young""".split()
PLACE_A = """Ash Bar Bel Black Brad Bram Cal Chester Clay Cole Dun Elm Fair Fen Glen Hart Haw Holm Lang Lin Mar Mill
Nor Oak Pen Red Rock Ros Sand Shel Stan Stone Sun Thorn Wal Wel Wes White Wood Wy""".split()
PLACE_B = """bourne bridge brook bury by caster cliffe combe dale don field ford gate ham hurst ley mere minster moor
mouth port stead stow ton vale well wick worth""".split()
TITLES = ["Dr", "Professor", "Ms", "Mr", "Dame", "Sir"]

#: synthetic organisation kinds: (ontology classes, label pattern, weight, roles)
ORG_KINDS = [
    (("AcuteTrust",), "{p} Hospitals NHS Trust", 8, ["chief executive", "medical director", "finance director", "chair"]),
    (("AcuteTrust", "FoundationTrust"), "{p} Hospitals NHS Foundation Trust", 6, ["chief executive", "medical director", "chair"]),
    (("MentalHealthTrust",), "{p} Mental Health NHS Trust", 3, ["chief executive", "director of nursing"]),
    (("CommunityServicesProvider",), "{p} Community Health Services", 3, ["managing director", "clinical lead"]),
    (("PrimaryCareTrust",), "{p} Primary Care Trust", 6, ["chief executive", "director of commissioning"]),
    (("StrategicHealthAuthority",), "{p} Strategic Health Authority", 2, ["chief executive", "director of strategy"]),
    (("GeneralPractice",), "{p} Medical Practice", 4, ["senior partner", "practice manager"]),
    (("IntegratedCareOrganisation",), "{p} Integrated Care Organisation", 2, ["chief executive", "clinical director"]),
    (("LocalGovernment",), "{p} County Council", 3, ["director of adult social services", "council leader"]),
    (("ThinkTank",), "{p} Health Foundation", 3, ["chief executive", "senior fellow", "director of policy"]),
    (("AcademicInstitution",), "University of {p}", 3, ["professor of health policy", "senior lecturer in health economics"]),
    (("Publisher",), "{p} Health Review", 1, ["news reporter", "editor", "health correspondent"]),
    (("ProfessionalBody",), "{p} Medical Society", 1, ["chair", "president"]),
    (("MembershipBody",), "{p} Providers Confederation", 1, ["chief executive", "policy director"]),
    (("PracticeBasedCommissioningConsortium",), "{p} Commissioning Consortium", 2, ["chair", "lead GP"]),
    (("IntegratedCareSystemAbroad",), "{p} Health Plan", 1, ["chief executive", "medical director"]),
]
PERSON_WEIGHT = 30

#: global groups of people (synthetic; labels must not clash with the curated data's)
GLOBAL_GROUPS = ["hospital consultants", "practice nurses", "health economists", "patient groups", "trust chairs",
                 "NHS managers", "social care leaders", "public health directors", "junior doctors", "health unions"]
#: article-local groups: (label, class, member kind)
LOCAL_GROUPS = [
    ("local GPs", "PersonGroup", None), ("some consultants", "PersonGroup", None), ("local clinicians", "PersonGroup", None),
    ("frontline staff", "PersonGroup", None), ("the critics", "PersonGroup", None), ("supporters of the merger", "PersonGroup", None),
    ("trust managers", "PersonGroup", None), ("patients' representatives", "PersonGroup", None),
    ("campaigners against the plan", "PersonGroup", None), ("older patients with long-term conditions", "PersonGroup", None),
    ("acute trusts in the region", "OrganisationGroup", "AcuteTrust"), ("local PCTs", "OrganisationGroup", "PrimaryCareTrust"),
    ("several SHAs", "OrganisationGroup", "StrategicHealthAuthority"), ("foundation trusts nationally", "OrganisationGroup", "FoundationTrust"),
    ("community providers", "OrganisationGroup", "CommunityServicesProvider"), ("mental health providers", "OrganisationGroup", "MentalHealthTrust"),
    ("local councils", "OrganisationGroup", "LocalGovernment"), ("commissioners in the area", "OrganisationGroup", "Commissioner"),
    ("GP practices in the area", "OrganisationGroup", "GeneralPractice"), ("US integrated systems", "OrganisationGroup", "IntegratedCareSystemAbroad"),
    ("the opposition parties", "OrganisationGroup", "PoliticalParty"), ("PCT provider services", "OrganisationGroup", "PCTProviderArm"),
    ("PBC groups", "OrganisationGroup", "PracticeBasedCommissioningConsortium"),
]
UNNAMED = ["a senior trust manager", "one PCT chief executive", "a government adviser", "a local GP", "one hospital consultant"]
DOC_KINDS = [("PolicyReport", "report on {t}"), ("Review", "review of {t}"), ("Research", "research on {t}"),
             ("PublishedAnalysis", "analysis of {t}"), ("PolicyDocument", "guidance on {t}")]
COUNTRIES = ["the US", "Spain", "New Zealand", "the Netherlands", "Sweden", "Scotland", "Germany", "Canada"]
HEADLINES = ["trust plans to integrate with local GPs", "commissioners weigh up a new payment system",
             "think tank warns of the wrong kind of integration", "GPs wary of hospital-led integration",
             "minister backs integrated care pilots", "councils and NHS to pool budgets", "integration plans stall",
             "report finds little evidence for mergers", "providers urged to work together", "the case for capitation"]
KIND_WORD = {"NewsArticle": "news report", "FeatureArticle": "feature", "CommentArticle": "comment"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]
FIGURE_UNITS = ["trusts", "regions", "practices", "patients", "pilots", "beds", "councils"]
MEASURES = ["estimated income", "savings expected from the merger", "annual budget for community services",
            "deficit forecast for the year", "investment in new community teams", "cost of the integration programme"]
COUNT_MEASURES = ["sites taking part in the pilot", "organisations under pressure to merge", "integrated care pilots",
                  "practices that have signed up", "models analysed by the report"]
DATE_MEASURES = ["deadline for approval of the plans", "date the new organisation goes live", "year the policy was announced"]

VERBS = {
    "supports": ["says", "argues", "believes", "endorses", "backs"],
    "proposes": ["proposes", "calls for", "argues", "says", "wants"],
    "opposes": ["opposes", "argues", "rejects", "says"],
    "warns": ["warns", "cautions"],
    "fears": ["fear", "fears", "worries"],
    "qualifies": ["adds", "concedes", "accepts", "notes"],
    "describes": ["reports", "says", "states", "explains"],
}
STANCE_WEIGHTS = {"describes": 32, "supports": 37, "proposes": 25, "opposes": 13, "warns": 12, "qualifies": 9, "fears": 5}
QUOTE_OPENERS = {
    "supports": ["the way forward is {t}", "{t} offers real benefits", "we strongly back {t}", "there is a good case for {t}"],
    "proposes": ["we should move towards {t}", "the NHS needs {t}", "commissioners ought to pursue {t}", "the answer is {t}"],
    "opposes": ["{t} is not the answer", "there is no evidence that {t} works", "we cannot support {t}"],
    "warns": ["{t} could backfire", "there is a real danger in {t}", "we must not rush into {t}"],
    "fears": ["{t} will mean a loss of control", "{t} is a threat to general practice", "they are nervous about {t}"],
    "qualifies": ["{t} can work, but only in some places", "{t} is no panacea", "{t} helps only if it is done well"],
    "describes": ["plans for {t} are under way", "the trust has begun {t}", "{t} is being discussed locally"],
}
CLAIM_OPENERS = {
    "supports": "{T} is the right direction for the NHS",
    "proposes": "The NHS should adopt {t}",
    "opposes": "{T} should not be pursued",
    "warns": "{T} carries serious risks",
    "fears": "{T} is feared by those affected",
    "qualifies": "{T} works only under certain conditions",
    "describes": "{T} is being taken forward",
}
CLAUSES = {
    "Barrier": (", but {t} stands in the way", "; a barrier is {t}"),
    "Incentive": (" through {t}", "; the lever is {t}"),
    "Outcome": (" to achieve {t}", "; the aim is {t}"),
    "IntegrationRisk": (" despite the risk of {t}", "; the risk is {t}"),
    "PolicyDriver": (" given {t}", "; the driver is {t}"),
    "PolicyProgramme": (" within {t}", "; it is part of {t}"),
    "IntegrationType": (" alongside {t}", "; it also involves {t}"),
}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Zipf:
    """Ranks 0..n-1 with weight 1/(rank+1)^s."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))

    def pick(self, rng: random.Random) -> int:
        return min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.cum) - 1)

    def distinct(self, rng: random.Random, k: int) -> list[int]:
        seen: dict[int, None] = {}
        for _ in range(k * 20):
            if len(seen) >= k:
                break
            seen.setdefault(self.pick(rng), None)
        return list(seen)


class Entity:
    __slots__ = ("id", "types", "label", "alts", "member_kind", "actor", "kind", "post", "producer", "iri")

    def __init__(self, ident, types, label, alts=(), member_kind=None, *, actor, kind, post=None, producer=None):
        self.id, self.types, self.label, self.alts = ident, tuple(types), label, tuple(alts)
        self.member_kind, self.actor, self.kind, self.post, self.producer = member_kind, actor, kind, post, producer
        self.iri = _d(ident)


class Text:
    """An article text built piece by piece, remembering where each piece lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    def value(self) -> str:
        return "".join(self.parts)


class Generator:
    def __init__(self, seed: int = 0, *, curated: bool = True) -> None:
        self.seed = seed
        onto = Graph().parse(CORPUS.ontology_file)
        self.vocab = Vocabulary(onto)
        self.class_label = {str(c)[len(NS):]: str(lab) for c, lab in onto.subject_objects(RDFS.label) if str(c).startswith(NS)}
        data = Graph().parse(CORPUS.data_file)
        self._read_real(data)
        self._topics(data)
        self._pool()
        self.count = 0
        self.declared: set[str] = set()
        self.topics_emitted: set[str] = set()
        self.plain: set[str] = set()
        self.claims: list[str] = []
        self.curated_lines: list[str] = []
        self.curated_seeds: list[str] = []
        self.first = 0  # number of the first synthetic article
        if curated:
            self._curated(data)

    def _curated(self, g: Graph) -> None:
        """The curated articles, copied as they are: they come first, and synthetic ones follow."""
        header = URIRef(vocab.DATA_ONTOLOGY_IRI)
        for t in list(g.triples((header, None, None))):
            g.remove(t)
        self.curated_lines = sorted(line + "\n" for line in g.serialize(format="nt").splitlines() if line.strip())
        self.count = len(self.curated_lines)
        ids = {str(s)[len(D):] for s in g.subjects() if str(s).startswith(D)}
        self.declared = {i for i in ids if i in self.entities}
        self.topics_emitted = {n for n in self.topic_label if f"topic-{kebab(n)}" in ids}
        self.claims = sorted(f"<{c}>" for c in g.subjects(RDF.type, URIRef(NS + "Claim")))
        arts = sorted(str(a)[len(D):] for a in g.subjects(URIRef(NS + "seedFile"), None))
        self.curated_seeds = [str(g.value(URIRef(D + a), URIRef(NS + "seedFile"))) for a in arts]
        self.first = 1 + max(int(a[1:]) for a in arts) if arts else 0
        for s, p, o in g:
            if not isinstance(o, Literal) and str(p).startswith(NS) and str(s).startswith(D):
                self.plain.add(f"<{s}> <{p}> <{o}>")

    # -- the vocabulary and the curated individuals -------------------------------------

    def is_a(self, types, ancestor: str) -> bool:
        return self.vocab.is_a(list(types), URIRef(NS + ancestor))

    def _read_real(self, g: Graph) -> None:
        ICPA = NS
        ents: dict[str, Entity] = {}
        usage: Counter = Counter()
        skip = {"ArticleVoice", "Claim", "Quote", "Mention", "Post", "StatedRelation"}
        for s in sorted(set(g.subjects(RDF.type, OWL.NamedIndividual))):
            ident = str(s)[len(D):]
            if ident.startswith("topic-") or not str(s).startswith(D):
                continue
            types = sorted(str(t)[len(ICPA):] for t in g.objects(s, RDF.type) if str(t).startswith(ICPA))
            if not types or skip & set(types) or self.is_a(types, "StatedFigure") or self.is_a(types, "Article"):
                continue
            mk = g.value(s, URIRef(ICPA + "memberKind"))
            kind = self._kind(types)
            ents[ident] = Entity(ident, types, str(g.value(s, RDFS.label)), sorted(str(a) for a in g.objects(s, SKOS.altLabel)),
                                 str(mk)[len(ICPA):] if mk else None, actor=self.is_a(types, "Actor"), kind=kind)
            usage[ident] = 3 * len(set(g.subjects(URIRef(ICPA + "madeBy"), s))) + len(set(g.subjects(URIRef(ICPA + "mentionOf"), s)))
        self.taken = {e.label.lower() for e in ents.values()} | {a.lower() for e in ents.values() for a in e.alts}
        # real posts, by person
        self.real_posts: dict[str, list[tuple[str, str]]] = {}
        for post in sorted(g.subjects(RDF.type, URIRef(ICPA + "Post"))):
            holder, org = g.value(post, URIRef(ICPA + "postHolder")), g.value(post, URIRef(ICPA + "postIn"))
            role = str(g.value(post, URIRef(ICPA + "roleTitle")))
            self.real_posts.setdefault(str(holder)[len(D):], []).append((role, str(org)[len(D):]))
        # who produced the real documents
        producers: dict[str, str] = {}
        for s, o in sorted(g.subject_objects(URIRef(ICPA + "producedBy"))):
            producers.setdefault(str(s)[len(D):], str(o)[len(D):])
        for ident, e in ents.items():
            e.producer = producers.get(ident)
            if ident in self.real_posts:
                e.post = self.real_posts[ident][0]
        glob = [e for e in ents.values() if not (e.id[:1] == "a" and e.id[1:4].isdigit())]
        # the most frequent first: the brief's named actors, then by use in the curated data
        first = ["chris-ham", "steve-smith", "department-of-health", "nuffield-trust", "kings-fund"]
        rank = sorted(glob, key=lambda e: (e.id not in first, first.index(e.id) if e.id in first else 0, -usage[e.id], e.id))
        self.real_actors = [e for e in rank if e.actor and e.kind != "publisher"]
        self.real_publishers = [e for e in rank if e.kind == "publisher"]
        self.real_docs = [e for e in rank if not e.actor and e.kind == "doc"]
        self.entities = ents

    def _kind(self, types) -> str:
        if "Publisher" in types:
            return "publisher"
        if self.is_a(types, "Person"):
            return "person"
        if self.is_a(types, "GroupActor"):
            return "group"
        if self.is_a(types, "Organisation"):
            return "org"
        if self.is_a(types, "IntegrationInitiative"):
            return "initiative"
        if self.is_a(types, "EvidenceSource") or self.is_a(types, "Document"):
            return "doc"
        return "other"

    def _topics(self, data: Graph) -> None:
        root = URIRef(NS + "PolicyTopic")
        names = sorted(c[len(NS):] for c in (str(x) for x in self.vocab.graph.subjects(RDF.type, OWL.Class))
                       if c.startswith(NS) and c != str(root) and root in self.vocab.superclasses(URIRef(c)))
        used: Counter = Counter()
        for o in data.objects(None, URIRef(NS + "about")):
            if str(o).startswith(D + "topic-"):
                used[str(o)[len(D) + 6:]] += 1
        for o in itertools.chain(data.objects(None, URIRef(NS + "aimsAt")), data.objects(None, URIRef(NS + "positionTarget"))):
            if str(o).startswith(D + "topic-"):
                used[str(o)[len(D) + 6:]] += 1
        order = sorted(names, key=lambda n: (-used[kebab(n)], n))
        self.topic_label = {n: self.class_label.get(n, n) for n in names}
        cats = ["IntegrationType", "Barrier", "Incentive", "Outcome", "IntegrationRisk", "PolicyDriver", "PolicyProgramme",
                "IntegrationInitiative"]
        self.topic_cat = {n: next((c for c in cats if self.is_a([n], c)), "PolicyTopic") for n in names}
        self.by_cat = {c: [n for n in order if self.topic_cat[n] == c] for c in cats}
        self.by_cat["any"] = order
        self.routes = [n for n in order if self.is_a([n], "IntegrationRoute") or n == "IntegrationRoute"]
        self.cat_zipf = {c: Zipf(len(v), 0.9) for c, v in self.by_cat.items() if v}
        # which sub-properties of icpa:about a topic class is reached through
        # (identifiesBarrier comes from flags only, as the build makes it)
        self.about_props = {n: [f"<{p}>" for anc, p in ABOUT_BY_KIND if self.is_a([n], str(anc)[len(NS):])
                                and str(anc) != NS + "Barrier"] for n in names}

    def _pool(self) -> None:
        """The actor pool: the curated actors, then synthetic ones; rank order is frequency order."""
        rng = random.Random(f"{self.seed}:pool")
        kinds = [(("Person",), None, PERSON_WEIGHT, None)] + ORG_KINDS
        weights = [k[2] for k in kinds]
        places = [a + b for a in PLACE_A for b in PLACE_B]
        rng.shuffle(places)
        people = [(f, last) for f in FIRST for last in LAST if last not in ("Smith", "Ham", "Bevan", "Porter", "Darzi")]
        rng.shuffle(people)
        used_ids = set(self.entities)
        per_kind: Counter = Counter()
        synthetic: list[Entity] = []
        orgs: list[Entity] = []
        alt_taken = set(self.taken)
        for _ in range(6000):
            k = rng.choices(range(len(kinds)), weights)[0]
            types, pattern, _, roles = kinds[k]
            j = per_kind[k]
            per_kind[k] += 1
            if types == ("Person",):
                if j >= len(people):
                    continue
                first, last = people[j]
                label = f"{first} {last}"
                alt = f"{rng.choice(TITLES)} {last}"
                alts = () if alt.lower() in alt_taken else (alt,)
                kind = "person"
            else:
                if j >= len(places):
                    continue
                label = pattern.format(p=places[j])
                alts = ()
                kind = "publisher" if "Publisher" in types else "org"
            ident = kebab_label(label)
            if ident in used_ids or label.lower() in alt_taken:
                continue
            used_ids.add(ident)
            alt_taken.update(a.lower() for a in (label, *alts))
            e = Entity(ident, types, label, alts, actor=True, kind=kind)
            if kind == "person":
                e.post = (None, None)  # filled below, once the organisations exist
            else:
                e.post = (roles, None)
                orgs.append(e)
            synthetic.append(e)
        for g in GLOBAL_GROUPS:
            ident = kebab_label(g)
            if g.lower() not in alt_taken and ident not in used_ids:
                used_ids.add(ident)
                synthetic.insert(20 + 15 * GLOBAL_GROUPS.index(g), Entity(ident, ("PersonGroup",), g, actor=True, kind="group"))
        # a person's post: in an organisation of the pool (skewed), with a role that fits it
        org_real = [e for e in self.real_actors if e.kind == "org"]
        org_all = org_real + orgs
        oz = Zipf(len(org_all), 1.0)
        for e in synthetic:
            if e.kind == "person":
                org = org_all[oz.pick(rng)]
                roles = org.post[0] if org.post and org.post[0] else ["chief executive", "director", "adviser", "chair"]
                e.post = (rng.choice(roles), org.id)
        for e in orgs:
            e.post = None
        self.pool = [e for e in self.real_actors] + [e for e in synthetic if e.kind != "publisher"]
        self.publishers = self.real_publishers + [e for e in synthetic if e.kind == "publisher"]
        self.pool_zipf = Zipf(len(self.pool), 1.0)
        self.pub_zipf = Zipf(len(self.publishers), 1.2)
        for e in self.pool + self.publishers:
            self.entities.setdefault(e.id, e)
        # global documents: the curated ones, then reports by think tanks, universities and government
        producers = [e for e in self.pool if e.kind == "org" and self.is_a(e.types, "Organisation")][:400]
        docs = list(self.real_docs)
        for r in range(600):
            kind, pattern = DOC_KINDS[r % len(DOC_KINDS)]
            prod = producers[min(int(rng.paretovariate(1.2)) - 1, len(producers) - 1)]
            topic = self.by_cat["any"][min(int(rng.paretovariate(1.0)) - 1, len(self.by_cat["any"]) - 1)]
            label = f"{prod.label} {pattern.format(t=self.topic_label[topic])} ({2005 + r % 15})"
            ident = kebab_label(label)
            if ident in used_ids:
                continue
            used_ids.add(ident)
            e = Entity(ident, (kind,), label, actor=False, kind="doc", producer=prod.id)
            docs.append(e)
            self.entities[ident] = e
        self.docs = docs
        self.doc_zipf = Zipf(len(docs), 1.0)

    # -- output --------------------------------------------------------------------------

    def emit(self, out: list[str], s: str, p: str, o: str) -> None:
        out.append(f"{s} {p} {o} .\n")

    def declare(self, out: list[str], e: Entity) -> None:
        """The entity's own triples, once per corpus (as the build merges them)."""
        if e.id in self.declared:
            return
        self.declared.add(e.id)
        self.emit(out, e.iri, A, NAMED)
        for t in sorted(e.types):
            self.emit(out, e.iri, A, _i(t))
        self.emit(out, e.iri, LABEL, en(e.label))
        for a in sorted(e.alts):
            self.emit(out, e.iri, ALT, en(a))
        if e.member_kind:
            self.emit(out, e.iri, P["memberKind"], _i(e.member_kind))

    def topic(self, out: list[str], name: str) -> str:
        iri = _d(f"topic-{kebab(name)}")
        if name not in self.topics_emitted:
            self.topics_emitted.add(name)
            self.emit(out, iri, A, NAMED)
            self.emit(out, iri, A, _i(name))
            self.emit(out, iri, LABEL, en(self.topic_label[name]))
        return iri

    def quote(self, out: list[str], node: str, art: str, text: str, span: tuple[int, int]) -> None:
        start, end = span
        assert 0 <= start < end <= len(text), (node, span)
        base = node[:-1]
        q, ts, ps = f"{base}-q>", f"{base}-q-text>", f"{base}-q-pos>"
        e = self.emit
        e(out, node, P["hasQuote"], q)
        e(out, node, P["reportedIn"], art)
        for s, t in ((q, C["Quote"]), (ts, TQS), (ps, TPS)):
            e(out, s, A, NAMED)
            e(out, s, A, t)
        e(out, q, OA_P["hasSource"], art)
        e(out, q, OA_P["hasSelector"], ts)
        e(out, q, OA_P["hasSelector"], ps)
        e(out, ts, OA_P["exact"], lit(text[start:end]))
        e(out, ts, OA_P["prefix"], lit(text[max(0, start - CONTEXT):start]))
        e(out, ts, OA_P["suffix"], lit(text[end:end + CONTEXT]))
        e(out, ps, OA_P["start"], typed(start, "nonNegativeInteger"))
        e(out, ps, OA_P["end"], typed(end, "nonNegativeInteger"))

    # -- one article ---------------------------------------------------------------------

    def pick_topic(self, rng: random.Random, cat: str) -> str:
        names = self.by_cat[cat]
        return names[self.cat_zipf[cat].pick(rng)]

    def article(self, i: int) -> tuple[list[str], str, str]:
        rng = random.Random(f"{self.seed}:article:{i}")
        aid = f"a{i:03d}"
        art = _d(aid)
        voice = _d(f"{aid}-voice")
        kind = rng.choices(["NewsArticle", "FeatureArticle", "CommentArticle"], [6, 2, 2])[0]
        used: dict[str, Entity] = {}  # entities this article declares, in first-use order
        names: dict[str, list[tuple[int, int]]] = {}
        t = Text()
        facts: list[tuple] = []  # (kind, payload, quote span) emitted once the text is complete

        def name(e: Entity, short_ok: bool = True) -> None:
            """Write the entity's name into the text and remember where (capitalised to start a sentence)."""
            said = bool(names.get(e.id))
            label = e.alts[0] if (said and short_ok and e.alts and rng.random() < 0.5) else e.label
            last = t.parts[-1] if t.parts else "\n"
            if last.endswith(("\n", ". ", "“")):
                label = _cap(label)
            used.setdefault(e.id, e)
            names.setdefault(e.id, []).append(t.add(label))

        # the cast: skewed picks from the pool, article-local groups, documents, initiatives
        cast = [self.pool[r] for r in self.pool_zipf.distinct(rng, rng.randint(5, 12))]
        publisher = self.publishers[self.pub_zipf.pick(rng)] if rng.random() < 0.75 else None
        people = [e for e in cast if e.kind == "person"]
        orgs = [e for e in cast if e.kind == "org"]
        locals_: list[Entity] = []
        local_ids: set[str] = set()

        def local(label: str, types, member_kind=None, kind="group", alts=()) -> Entity:
            base = f"{aid}-{kebab_label(label)}"
            ident, n = base, 2
            while ident in local_ids:
                ident, n = f"{base}-{n}", n + 1
            local_ids.add(ident)
            e = Entity(ident, types, label, alts, member_kind, actor=self.is_a(types, "Actor"), kind=kind)
            locals_.append(e)
            return e

        for label, cls, mk in rng.sample([g for g in LOCAL_GROUPS if g[0].lower() not in self.taken], rng.randint(2, 6)):
            local(label, (cls,), mk)
        if rng.random() < 0.35:
            local(rng.choice([u for u in UNNAMED if u.lower() not in self.taken]), ("UnnamedPerson",), kind="person")
        groups = [e for e in locals_ if e.kind == "group"]
        speakers = cast + [e for e in locals_ if e.actor]
        docs = [self.docs[r] for r in self.doc_zipf.distinct(rng, rng.randint(0, 2))]
        for _ in range(rng.randint(1, 3)):
            dkind, pattern = rng.choice(DOC_KINDS + [("InternationalExperience", "evidence from {c}"),
                                                     ("EvidenceSource", "sources cited on {t}")])
            topic = self.pick_topic(rng, "any")
            label = pattern.format(t=self.topic_label[topic], c=rng.choice(COUNTRIES))
            owner = rng.choice(orgs) if orgs and dkind in ("PolicyDocument", "PolicyReport", "Review") else None
            if owner is not None:
                label = f"{owner.label}'s {label}"
            d = local(label, (dkind,), kind="doc")
            d.producer = owner.id if owner is not None else None
            docs.append(d)
        inits: list[Entity] = []
        for _ in range(rng.choice([0, 1, 1, 2])):
            it = self.pick_topic(rng, "IntegrationType")
            owner = rng.choice(orgs) if orgs else None
            label = f"{owner.label} {self.topic_label[it]} scheme" if owner else f"a local {self.topic_label[it]} scheme"
            e = local(label, ("IntegrationInitiative",), kind="initiative")
            e.producer = owner.id if owner else None
            e.post = (it, None)
            inits.append(e)

        # -- the text, fact by fact ------------------------------------------------------
        title = None
        if rng.random() < 0.3:
            title = _cap(rng.choice(HEADLINES)) + ("?" if rng.random() < 0.3 else "")
            facts.append(("meta", ("title", P["documentTitle"], None, lit(title)), t.add(title)))
            t.add("\n\n")
        author = None
        if rng.random() < 0.4:
            cands = [e for e in people if e.post and e.post[0]] or [self.pool[0]]
            author = cands[0]
            start = t.n
            name(author, short_ok=False)
            role = author.post[0] if author.post and author.post[0] else "correspondent"
            t.add(f", {role}")
            facts.append(("meta", ("author", P["authoredBy"], author, None), (start, t.n)))
            t.add("\n\n")

        paragraphs: list[list[tuple]] = []
        n_claims = rng.randint(14, 44)
        stances = rng.choices(list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values()), k=n_claims)
        items: list[tuple] = [("claim", k + 1, st) for k, st in enumerate(stances)]
        n_rel = rng.randint(3, 19)
        items += [("relation", None, None)] * n_rel
        items += [("figure", None, None)] * rng.choice([0, 0, 1, 1, 2, 3, 6])
        items += [("post", None, None)] * rng.randint(1, 3)
        body = items[:1] + rng.sample(items[1:], len(items) - 1)
        while body:
            k = rng.randint(2, 4)
            paragraphs.append(body[:k])
            body = body[k:]
        claim_nodes: list[str] = []
        rel_no = 0
        fig_no = 0
        post_counts: Counter = Counter()
        pub_said = False
        for pi, para in enumerate(paragraphs):
            if pi:
                t.add("\n\n")
            for si, (what, num, stance) in enumerate(para):
                if si:
                    t.add(" ")
                if what == "claim":
                    node, told = self._claim(rng, aid, num, stance, t, facts, name, speakers, docs, inits, orgs,
                                             None if pub_said else publisher)
                    claim_nodes.append(node)
                    pub_said = pub_said or told
                elif what == "relation":
                    rel_no += 1
                    self._relation(rng, aid, rel_no, t, facts, name, cast, groups, docs, inits, orgs, people)
                elif what == "figure":
                    fig_no += 1
                    self._figure(rng, aid, fig_no, t, facts, name, cast, locals_, inits, orgs)
                else:
                    self._post(rng, aid, t, facts, name, people, locals_, post_counts)
        if publisher is not None and not pub_said:
            t.add(" ")
            start = t.n
            t.add("Reported for ")
            name(publisher, short_ok=False)
            facts.append(("meta", ("publisher", P["publishedBy"], publisher, None), (start, t.n)))
            t.add(".")
        if rng.random() < 0.2:
            t.add("\n\n")
            doi = f"10.{1000 + rng.randrange(9000)}/hsj.{rng.randrange(10**6):06d}"
            start = t.n
            t.add(f"doi: https://doi.org/{doi}")
            facts.append(("meta", ("doi", DOI, None, lit(doi)), (start, t.n)))
        if rng.random() < 0.4:
            y, m, d = 2005 + rng.randrange(15), rng.randrange(12), 1 + rng.randrange(28)
            t.add("\n\n")
            date = f"{y}-{m + 1:02d}-{d:02d}"
            facts.append(("meta", ("published", P["publicationDate"], None, typed(f"{date}T00:00:00", "dateTime")),
                          t.add(f"Published {d:02d} {MONTHS[m]} {y}")))
        truncated = rng.random() < 0.1
        if truncated:
            t.add("\n\nA further point is that the ")
            facts.append(("meta", ("truncated", P["isTruncated"], None, None), t.add("member of the …")))
        text = t.value()

        # -- the triples ---------------------------------------------------------------------
        out: list[str] = []
        e = self.emit
        raw = text.encode("utf-8")
        seed_file = f"{i:03d}_{hashlib.sha256(f'{self.seed}:{aid}'.encode()).hexdigest()[:16]}.txt"
        e(out, art, A, NAMED)
        e(out, art, A, _i(kind))
        pub_label = publisher.label if publisher else "Unattributed"
        e(out, art, LABEL, en(f"{pub_label} {KIND_WORD[kind]}: {rng.choice(HEADLINES)} ({aid})"))
        e(out, art, P["seedFile"], lit(seed_file))
        e(out, art, P["textLength"], typed(len(text), "nonNegativeInteger"))
        e(out, art, P["sha256"], lit(hashlib.sha256(raw).hexdigest()))
        e(out, art, P["isTruncated"], typed("true" if truncated else "false", "boolean"))
        voice_used = False
        for fact in facts:
            what, payload, span = fact
            if what == "meta":
                key, prop, target, value = payload
                node = _d(f"{aid}-meta-{key}")
                if target is not None:
                    e(out, art, prop, target.iri)
                elif value is not None:
                    e(out, art, prop, value)
                e(out, node, A, NAMED)
                e(out, node, A, C["StatedRelation"])
                e(out, node, P["relationSubject"], art)
                e(out, node, P["relationProperty"], prop)
                if target is not None:
                    e(out, node, P["relationObject"], target.iri)
                self.quote(out, node, art, text, span)
            else:
                node, triples = payload
                for s, p, o in triples:
                    if s == "PLAIN":
                        key = f"{p[0]} {p[1]} {o}"
                        if key not in self.plain:
                            self.plain.add(key)
                            e(out, p[0], p[1], o)
                        continue
                    if o == voice or s == voice:
                        voice_used = True
                    if o.startswith("TOPIC:"):
                        o = self.topic(out, o[6:])
                    elif s.startswith("TOPIC:"):
                        s = self.topic(out, s[6:])
                    e(out, s, p, o)
                self.quote(out, node, art, text, span)
        if voice_used:
            e(out, voice, A, NAMED)
            e(out, voice, A, C["ArticleVoice"])
            e(out, voice, LABEL, en(f"voice of article {aid}"))
            e(out, voice, P["voiceOf"], art)
        # entities: declared once per corpus; mentions and appearsIn per article
        for ent in used.values():
            self.declare(out, ent)
            spans = names.get(ent.id) or []
            if not spans:
                continue
            keep = sorted({spans[0], *rng.sample(spans, min(len(spans), rng.randint(0, 2)))})
            for n, span in enumerate(keep, 1):
                m = _d(f"{aid}-m-{ent.id}-{n}")
                e(out, m, A, NAMED)
                e(out, m, A, C["Mention"])
                e(out, m, P["mentionOf"], ent.iri)
                self.quote(out, m, art, text, span)
            e(out, ent.iri, P["appearsIn"] if ent.actor else P["mentionedIn"], art)
        self.claims.extend(claim_nodes)
        self.count += len(out)
        return out, seed_file, text

    # -- facts ---------------------------------------------------------------------------

    def _claim(self, rng, aid, num, stance, t, facts, name, speakers, docs, inits, orgs, publisher):
        node = _d(f"{aid}-c{num:02d}")
        voice = _d(f"{aid}-voice")
        # topics: an integration type mostly, plus barriers, incentives, outcomes, risks
        topics: list[str] = []
        if rng.random() < 0.8:
            it = self.pick_topic(rng, "IntegrationType")
            topics.append(it)
            parents = [p for p in self.by_cat["IntegrationType"] if p != it and self.is_a([it], p)]
            if parents and rng.random() < 0.5:
                topics.append(rng.choice(parents))
        for cat, pr in (("Barrier", 0.3), ("Incentive", 0.3 if stance in ("supports", "proposes") else 0.15),
                        ("Outcome", 0.35), ("IntegrationRisk", 0.2 if stance in ("warns", "fears", "opposes") else 0.08),
                        ("PolicyDriver", 0.03), ("PolicyProgramme", 0.03)):
            if rng.random() < pr:
                topics.append(self.pick_topic(rng, cat))
        if not topics:
            topics.append(self.pick_topic(rng, "any"))
        topics = list(dict.fromkeys(topics))
        speaker = None if rng.random() < 0.2 else speakers[min(int(rng.paretovariate(1.0)) - 1, len(speakers) - 1)]
        about_ents: list[Entity] = []
        if rng.random() < 0.45:
            r = rng.random()
            pool = inits if (r < 0.25 and inits) else docs if (r < 0.45 and docs) else [s for s in speakers if s is not speaker]
            if pool:
                about_ents.append(pool[min(int(rng.paretovariate(0.8)) - 1, len(pool) - 1)])
        evidence = [rng.choice(docs)] if docs and rng.random() < 0.22 else []
        examples = []
        if rng.random() < 0.06:
            cands = inits + [o for o in orgs if self.is_a(o.types, "IntegratedCareSystemAbroad")]
            if "kaiser-permanente" in self.entities:
                cands.append(self.entities["kaiser-permanente"])
            if cands:
                examples.append(rng.choice(cands))
        aims = [self.pick_topic(rng, "Outcome")] if rng.random() < (0.45 if stance in ("proposes", "supports") else 0.12) else []
        recs = [self.pick_topic(rng, rng.choice(["IntegrationType", "Incentive", "Outcome"]))] if rng.random() < 0.2 else []

        # the sentence: speaker, verb, quote (naming what the claim is about)
        verb = "reports" if speaker is None else rng.choice(VERBS[stance])
        main = self.topic_label[topics[0]]
        opener = rng.choice(QUOTE_OPENERS[stance]).format(t=main)
        if speaker is not None and rng.random() < 0.5:
            name(speaker)
            t.add(f" {verb} that “")
            q0 = t.n
            t.add(opener)
            tail = "”."
        else:
            q0 = t.n
            t.add(_cap(opener) if speaker is None else "“" + _cap(opener))
            if speaker is not None:
                q0 += 1
            tail = "." if speaker is None else None
        for tp in topics[1:]:
            t.add(CLAUSES.get(self.topic_cat[tp], CLAUSES["IntegrationType"])[0].format(t=self.topic_label[tp]))
        for ent in about_ents:
            t.add({"person": " for ", "group": " among ", "doc": " in the "}.get(ent.kind, " at "))
            name(ent)
        q1 = t.n
        told = False
        if tail is None:
            t.add(",” ")
            name(speaker)
            t.add(" ")
            if publisher is not None and rng.random() < 0.5:
                start = t.n
                t.add("told ")
                name(publisher, short_ok=False)
                verb = f"told {publisher.label}"
                facts.append(("meta", ("publisher", P["publishedBy"], publisher, None), (start, t.n)))
                told = True
            else:
                t.add(verb)
            t.add(".")
        else:
            t.add(tail)
        for ev in evidence:
            t.add(" The evidence cited is the ")
            name(ev)
            t.add(".")
        for ex in examples:
            t.add(" The model held up is ")
            name(ex)
            t.add(".")

        clause = "".join(CLAUSES.get(self.topic_cat[tp], CLAUSES["IntegrationType"])[1].format(t=self.topic_label[tp])
                         for tp in topics[1:])
        text = CLAIM_OPENERS[stance].format(T=_cap(main), t=main) + clause + "."
        triples = [
            (node, A, NAMED), (node, A, C["Claim"]), (node, LABEL, en(text)), (node, P["claimText"], lit(text)),
            (node, P["madeBy"], voice if speaker is None else speaker.iri), (node, P["reportingVerb"], lit(verb)),
        ]
        if num == 1 and aid == "a000":
            triples += CODING_TRIPLES
        # positions: the main topic with the sentence's polarity, then one for each recommendation;
        # the other barriers, risks, outcomes and incentives are flagged
        targets = [(topics[0], STANCE_POLARITY[stance])] + [(x, "for") for x in recs if x != topics[0]]
        for k, (tp, polarity) in enumerate(dict(targets).items(), start=1):
            pos = _d(f"{aid}-c{num:02d}-p{k}")
            triples += [
                (pos, A, NAMED), (pos, A, C["Position"]), (node, P["statesPosition"], pos), (pos, P["positionOf"], node),
                (pos, P["hasPolarity"], POLARITY_IRI[polarity]), (pos, P["positionTarget"], "TOPIC:" + tp),
                (pos, GENERATED_BY, CODING), (pos, P["hasQuote"], f"<{node[1:-1]}-q>"), (pos, P["reportedIn"], _d(aid)),
            ]
            if polarity == "conditional":
                triples.append((pos, P["condition"], lit(opener)))
        for tp in dict.fromkeys(list(topics) + recs):
            triples.append((node, P["about"], "TOPIC:" + tp))
            triples.extend((node, prop, "TOPIC:" + tp) for prop in self.about_props[tp])
            if tp != topics[0] and tp not in recs and self.topic_cat[tp] in FLAGGED:
                triples.append((node, P["flags"], "TOPIC:" + tp))
                if self.topic_cat[tp] == "Barrier":
                    triples.append((node, P["identifiesBarrier"], "TOPIC:" + tp))
        for ent in about_ents:
            triples.append((node, P["about"], ent.iri))
            triples.extend((node, f"<{prop}>", ent.iri) for anc, prop in ABOUT_BY_KIND
                           if self.is_a(ent.types, str(anc)[len(NS):]))
        triples += [(node, P["aimsAt"], "TOPIC:" + x) for x in aims]
        triples += [(node, P["citesEvidence"], x.iri) for x in evidence]
        triples += [(node, P["citesExample"], x.iri) for x in examples]
        # argument links: mostly to earlier claims of the same article (stated there); sometimes to an
        # older article, which no text states: an inferred link with the curator's reason
        for prop, pr in (("supportsClaim", 0.6), ("rebuts", 0.2 if stance != "describes" else 0.05)):
            if rng.random() < pr:
                if self.claims and rng.random() < 0.12:
                    target = self.claims[rng.randrange(len(self.claims))]
                    kind = "supports" if prop == "supportsClaim" else "rebuts"
                    link = _d(f"{aid}-c{num:02d}-link-{kind}-{target[len(D) + 1:-1]}")
                    triples += [(link, A, NAMED), (link, A, C["InferredLink"]),
                                (link, _i("relationProperty"), f"<{CLAIM_LINKS[kind]}>"), (link, P["linkFrom"], node),
                                (link, P["linkTo"], target), (link, P["linkReason"], lit("the same argument, read across articles")),
                                (link, GENERATED_BY, CODING)]
                elif num > 1:
                    triples.append((node, P[prop], _d(f"{aid}-c{rng.randrange(1, num):02d}")))
        facts.append(("fact", (node, triples), (q0, q1)))
        return node, told

    def _relation(self, rng, aid, num, t, facts, name, cast, groups, docs, inits, orgs, people):
        node = _d(f"{aid}-r{num:02d}")
        actors = [e for e in cast if e.kind in ("person", "org", "group")] + groups
        authorities = [e for e in cast if e.kind == "org" and any(
            self.is_a(e.types, k) for k in ("GovernmentBody", "StrategicHealthAuthority", "NationalNHSBody", "Regulator", "Commissioner"))]
        options = ["partOf", "worksWith", "producedBy", "authorOf", "pressures", "directs", "setsDeadlineFor",
                   "exemplifies", "namesRoute", "analyses", "initiativeOf", "inspiredBy", "publishedBy"]
        weights = [16, 6, 12, 6, 2, 3, 1, 7, 3, 3, 2, 1, 1]
        for _ in range(10):
            prop = rng.choices(options, weights)[0]
            s = o = None
            pieces: tuple = ()
            gp_groups = [e for e in groups if "GP" in e.label]
            if prop == "partOf" and gp_groups and "general-practitioners" in self.entities and rng.random() < 0.5:
                s, o = rng.choice(gp_groups), self.entities["general-practitioners"]
                pieces = (s, " are among the country’s ", o)
            elif prop == "partOf" and groups:
                o = rng.choice(groups + [e for e in cast if e.kind == "group"])
                s = rng.choice([e for e in actors if e is not o] or [o])
                if s is o:
                    continue
                pieces = (s, " are among ", o) if s.kind == "group" else (s, ", one of ", o)
            elif prop == "worksWith" and len(actors) > 1:
                s, o = rng.sample(actors, 2)
                pieces = (s, " is working with ", o)
            elif prop == "producedBy" and docs:
                s = rng.choice(docs)
                prods = [e for e in cast if e.id == s.producer] or ([self.entities[s.producer]] if s.producer in self.entities else [])
                o = prods[0] if prods else (rng.choice(actors) if actors else None)
                pieces = (s, " by ", o)
            elif prop == "authorOf" and docs and people:
                s, o = rng.choice(people), rng.choice(docs)
                pieces = (s, ", author of the ", o)
            elif prop in ("pressures", "directs", "setsDeadlineFor") and (authorities or groups):
                s = rng.choice(authorities or groups)
                o = rng.choice([g for g in groups if g is not s] or [e for e in actors if e is not s] or [s])
                if s is o:
                    continue
                pieces = {"pressures": (o, " are under pressure from ", s),
                          "directs": (s, " has told ", o, " what to do"),
                          "setsDeadlineFor": (s, f" has set a {1 + rng.randrange(28)} {rng.choice(MONTHS)} deadline for ", o)}[prop]
            elif prop == "exemplifies" and inits:
                s = rng.choice(inits)
                o = "TOPIC:" + (s.post[0] if s.post and s.post[0] else self.pick_topic(rng, "IntegrationType"))
                pieces = (s, " is an example of ", o)
            elif prop == "namesRoute" and docs:
                s = rng.choice(docs)
                o = "TOPIC:" + rng.choice(self.routes)
                pieces = (s, " names ", o, " as a route to integration")
            elif prop == "analyses" and docs and inits:
                s, o = rng.choice(docs), rng.choice(inits)
                pieces = (s, " analyses ", o)
            elif prop in ("initiativeOf", "inspiredBy") and inits and actors:
                s = rng.choice(inits)
                if prop == "inspiredBy":
                    o = self.entities.get("kaiser-permanente") or rng.choice(actors)
                    pieces = (s, ", inspired by ", o)
                else:
                    o = next((e for e in actors if e.id == s.producer), None) or rng.choice(actors)
                    pieces = (o, " wants to create ", s)
            elif prop == "publishedBy" and docs and orgs:
                s, o = rng.choice(docs), rng.choice(orgs)
                pieces = (s, ", published by ", o)
            if s is not None and o is not None and pieces:
                break
        else:
            s, o = rng.sample(actors, 2) if len(actors) > 1 else (actors[0], self.pool[1] if actors[0] is self.pool[0] else self.pool[0])
            prop, pieces = "worksWith", (s, " is working with ", o)
        start = t.n
        for k, piece in enumerate(pieces):
            if isinstance(piece, Entity):
                if k == 0 and piece.label[:1].islower() and not start:
                    t.add("The ")
                name(piece)
            elif piece.startswith("TOPIC:"):
                t.add(self.topic_label[piece[6:]])
            else:
                t.add(piece)
        end = t.n
        t.add(".")
        s_iri = s.iri if isinstance(s, Entity) else s
        o_iri = o.iri if isinstance(o, Entity) else o
        triples = [(node, A, NAMED), (node, A, C["StatedRelation"]), (node, P["relationSubject"], s_iri),
                   (node, P["relationObject"], o_iri), (node, P["relationProperty"], _i(prop))]
        if o_iri.startswith("TOPIC:"):
            triples.append(("PLAIN", (s_iri, _i(prop)), f"<{D}topic-{kebab(o_iri[6:])}>"))
        else:
            triples.append(("PLAIN", (s_iri, _i(prop)), o_iri))
        facts.append(("fact", (node, triples), (start, end)))

    def _figure(self, rng, aid, num, t, facts, name, cast, locals_, inits, orgs):
        node = _d(f"{aid}-f{num:02d}")
        kind = rng.choices(["MonetaryFigure", "CountFigure", "DateFigure"], [3, 5, 3])[0]
        amount = unit = period = None
        qualifier = rng.choice(["estimated", "at least", "up to", "around", "could"]) if rng.random() < 0.5 else None
        if kind == "MonetaryFigure":
            if rng.random() < 0.7:
                m = 5 + rng.randrange(995)
                value, amount = f"£{m}m", m * 1_000_000
            else:
                b = rng.randrange(10, 60)
                value, amount = f"£{b / 10:g}bn", b * 100_000_000
            unit, measures = "GBP", rng.choice(MEASURES)
            if rng.random() < 0.3:
                y = 2005 + rng.randrange(12)
                period = f"{y}-{(y + 1) % 100:02d}"
        elif kind == "CountFigure":
            n = rng.randrange(len(NUMBER_WORDS))
            value = (f"{qualifier} " if qualifier in ("at least", "up to", "around") else "") + NUMBER_WORDS[n]
            amount = 12 if NUMBER_WORDS[n] == "a dozen" else n + 2
            unit, measures = rng.choice(FIGURE_UNITS), rng.choice(COUNT_MEASURES)
        else:
            if rng.random() < 0.5:
                value = f"{1 + rng.randrange(28)} {rng.choice(MONTHS)}"
            else:
                y = 2005 + rng.randrange(15)
                value, amount, unit = str(y), y, "year"
            measures = rng.choice(DATE_MEASURES)
        about = None
        r = rng.random()
        if r < 0.3 and inits:
            about = rng.choice(inits)
        elif r < 0.6 and (orgs or inits):
            about = rng.choice(orgs + inits)
        elif r < 0.7:
            about = "TOPIC:" + self.pick_topic(rng, "any")
        stated = None if rng.random() < 0.7 else rng.choice([e for e in cast + locals_ if e.actor])
        start = t.n
        if about is not None and not isinstance(about, str):
            name(about)
            t.add(f" puts the {measures} at ")
        else:
            t.add(f"The {measures} is put at ")
        t.add(value)
        if period:
            t.add(f" in {period}")
        end = t.n
        if stated is not None:
            t.add(", according to ")
            name(stated)
        t.add(".")
        triples = [(node, A, NAMED), (node, A, C[kind]), (node, LABEL, en(f"{value}: {measures}")),
                   (node, P["valueText"], lit(value)), (node, P["measures"], lit(measures))]
        if amount is not None:
            triples.append((node, P["amount"], typed(amount, "decimal")))
        for key, v in (("unit", unit), ("period", period), ("qualifier", qualifier)):
            if v is not None:
                triples.append((node, P[key], lit(v)))
        if about is not None:
            triples.append((node, P["figureAbout"], about if isinstance(about, str) else about.iri))
        triples.append((node, P["statedBy"], _d(f"{aid}-voice") if stated is None else stated.iri))
        facts.append(("fact", (node, triples), (start, end)))

    def _post(self, rng, aid, t, facts, name, people, locals_, counts):
        cands = [e for e in people if e.post and e.post[1]] + [e for e in locals_ if e.kind == "person"]
        if not cands:
            cands = [e for e in self.pool[:9] if e.kind == "person" and e.post and e.post[1]]
        person = rng.choice(cands)
        if person.post and person.post[1]:
            role, org = person.post
            org = self.entities[org]
        else:
            orgs = [e for e in self.pool[:200] if e.kind == "org"]
            org = orgs[min(int(rng.paretovariate(1.0)) - 1, len(orgs) - 1)]
            role = rng.choice(["spokesperson", "senior manager", "adviser"])
        counts[person.id] += 1
        node = _d(f"{aid}-post-{person.id}-{counts[person.id]}")
        start = t.n
        if rng.random() < 0.5:
            name(org, short_ok=False)
            t.add(f" {role} ")
            name(person, short_ok=False)
            end = t.n
            t.add(rng.choice([" said the plans were on track.", " declined to comment further.", " set out the next steps."]))
        else:
            name(person, short_ok=False)
            t.add(f", {role} at ")
            name(org, short_ok=False)
            end = t.n
            t.add(", was speaking at a conference.")
        triples = [(node, A, NAMED), (node, A, C["Post"]), (node, LABEL, en(f"{role}, {org.label}")),
                   (node, P["postHolder"], person.iri), (person.iri, P["holdsPost"], node),
                   (node, P["postIn"], org.iri), (node, P["roleTitle"], lit(role))]
        facts.append(("fact", (node, triples), (start, end)))


def kebab_label(label: str) -> str:
    out, dash = [], False
    for ch in label.lower().replace("’", "").replace("'", ""):
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def generate(n: int | None, seed: int, out, *, triples: int | None = None, texts: Path | None = None,
             curated: bool = True) -> tuple[int, int]:
    """Write the corpus to ``out`` (a binary stream); returns (articles, triples).

    With ``curated`` the curated articles come first, as they are; N counts them.
    """
    gen = Generator(seed, curated=curated)
    if texts is not None:
        texts.mkdir(parents=True, exist_ok=True)
    out.write("".join(gen.curated_lines).encode("utf-8"))
    if texts is not None:
        for name in gen.curated_seeds:
            (texts / name).write_bytes((CORPUS.seeds_dir / name).read_bytes())
    i = gen.first
    while (n is not None and i < n) or (triples is not None and gen.count < triples):
        lines, seed_file, text = gen.article(i)
        out.write("".join(lines).encode("utf-8"))
        if texts is not None:
            (texts / seed_file).write_bytes(text.encode("utf-8"))
        i += 1
    return max(i, len(gen.curated_seeds)), gen.count


def verify(nt: Path, texts: Path) -> int:
    """Check every quote of ``nt`` against the article texts in ``texts``; returns the number checked."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    arts = {}
    for art, seed, length, sha in store.query(
            f"SELECT ?a ?s ?l ?h WHERE {{ ?a <{NS}seedFile> ?s ; <{NS}textLength> ?l ; <{NS}sha256> ?h }}"):
        raw = (texts / seed.value).read_bytes()
        text = raw.decode("utf-8")
        assert len(text) == int(length.value), (art, "textLength")
        assert hashlib.sha256(raw).hexdigest() == sha.value, (art, "sha256")
        arts[art.value] = text
    n = 0
    for q, src, exact, prefix, suffix, start, end in store.query(
            f"SELECT ?q ?src ?exact ?prefix ?suffix ?start ?end WHERE {{ ?q <{OA}hasSource> ?src ; <{OA}hasSelector> ?t, ?p . ?t <{OA}exact> ?exact ; "
            f"<{OA}prefix> ?prefix ; <{OA}suffix> ?suffix . ?p <{OA}start> ?start ; <{OA}end> ?end }}"):
        text = arts[src.value]
        s, e = int(start.value), int(end.value)
        assert text[s:e] == exact.value, (q, exact.value, text[s:e])
        assert text[max(0, s - CONTEXT):s] == prefix.value and text[e:e + CONTEXT] == suffix.value, q
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, help="number of articles")
    ap.add_argument("--triples", type=int, help="instead of N: write articles until about this many triples")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, help="N-Triples file (default: stdout)")
    ap.add_argument("--texts", type=Path, help="also write the article texts here, named by icpa:seedFile")
    ap.add_argument("--verify", action="store_true", help="re-read the output and check every quote (needs -o and --texts)")
    ap.add_argument("--no-curated", action="store_true",
                    help="synthetic articles only, from a000 (the examples that name curated claims or articles then find nothing)")
    args = ap.parse_args()
    if (args.n is None) == (args.triples is None):
        ap.error("give N or --triples, not both")
    if args.verify and (args.output is None or args.texts is None):
        ap.error("--verify needs -o and --texts")
    start = time.perf_counter()
    if args.output is None:
        n, count = generate(args.n, args.seed, sys.stdout.buffer, triples=args.triples, texts=args.texts, curated=not args.no_curated)
    else:
        with args.output.open("wb") as fh:
            n, count = generate(args.n, args.seed, fh, triples=args.triples, texts=args.texts, curated=not args.no_curated)
    print(f"{n} articles, {count} triples in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    if args.verify:
        print(f"verified {verify(args.output, args.texts)} quotes", file=sys.stderr)


if __name__ == "__main__":
    main()
