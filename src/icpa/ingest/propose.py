"""Proposals for a new article, from rules general to English news and policy text: nothing here
names a person, organisation or phrase of a seed article.

spaCy's blank English pipeline gives the tokens and sentences (no statistical model: none ships
on the package registries this project uses), and its Matcher and PhraseMatcher find:

- **actors the project knows**, by their labels and alternative labels (case-insensitive), and a
  title with a surname ("Professor Smith") as a person already named;
- **new actors**: runs of capitalised words, an organisation when the run ends in an
  organisation word (Council, Trust, Fund, Department, …), else a person when it has two or
  three words; a title and a surname; and the article's own groups after a quantifier
  ("some GPs", "at least four SHAs");
- **concept mentions**: the ontology's ``rdfs:label`` and ``skos:altLabel`` of its topics;
- **claims**: sentences that name a concept and have a reporting verb (said, told, warned, …:
  held by the person named first before it, else the actor named nearest it; a pronoun is the
  person named last), or a modal (must, should, needs to, will, could, …) or a plain statement
  (is, are, has, …: held by the author a standfirst names, "…, argues Chris Ham", else the
  article's voice), with a position on each concept the sentence names, against where the
  sentence has a negative cue, else for;
- **figures**: sums of money (``£898m``, ``£1.5 billion``).

Every proposal carries ``status: proposed`` and a ``why`` naming the rule and the signal, and
every quote is the text's own words (with an offset where they occur more than once).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

ORG_WORDS = {
    "council", "trust", "fund", "department", "authority", "authorities", "hospital", "hospitals", "university",
    "institute", "commission", "board", "association", "college", "society", "agency", "ministry", "party",
    "foundation", "group", "partnership", "service", "services", "office", "network", "alliance", "federation",
    "confederation", "committee", "forum", "centre", "center", "company", "corporation", "institution", "parliament",
    "government", "england", "practice", "surgery", "clinic", "union", "review", "inspectorate", "regulator",
}
TITLES = {"professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "baroness", "baron", "dean",
          "councillor", "cllr", "rev", "reverend", "canon"}
NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "but", "and", "or", "if", "when", "while",
    "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "there", "here", "what",
    "which", "who", "how", "why", "where", "as", "for", "from", "with", "by", "of", "to", "after", "before", "under",
    "over", "last", "next", "some", "many", "most", "all", "every", "each", "one", "two", "three", "however",
    "meanwhile", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mps",
}
REPORTING = {
    "said", "says", "say", "told", "tells", "argued", "argues", "argue", "warned", "warns", "warn", "believes",
    "believe", "believed", "fears", "fear", "feared", "claimed", "claims", "added", "insisted", "insists",
    "stressed", "stresses", "explained", "explains", "suggested", "suggests", "urged", "urges", "called",
    "wrote", "writes", "thinks", "think", "admitted", "admits", "noted", "notes", "predicted", "predicts",
    "adds", "add", "understands", "recommends", "recommended", "concludes", "concluded",
}
MODALS = {("must",), ("should",), ("needs", "to"), ("need", "to"), ("has", "to"), ("have", "to"), ("ought", "to"),
          ("will",), ("would",), ("could",), ("can",), ("may",), ("might",), ("cannot",)}
NEGATIVE = {
    "not", "no", "never", "against", "oppose", "opposes", "opposed", "fear", "fears", "feared", "warn", "warns",
    "warned", "risk", "risks", "threat", "threaten", "threatens", "cannot", "can't", "won't", "barrier", "barriers",
    "danger", "dangerous", "wrong", "fail", "fails", "failed", "failure", "suspicious", "undermine", "undermines",
}
PRONOUNS = {"he", "she", "they", "we", "i"}
ASSERTING = {"is", "are", "was", "were", "has", "have", "had"}  #: a sentence that asserts something of a concept
MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|m|k|billion|million|thousand)?\b")


@dataclass
class Known:
    """An actor the project already has: its id, label, other names and classes."""

    id: str
    label: str
    alt: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


@dataclass
class Found:
    id: str
    label: str
    types: list[str]
    start: int  #: the first mention's offsets in the text
    end: int
    why: str
    alt: set[str] = field(default_factory=set)
    member_kind: str | None = None  #: for a group: the kind of its members


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy
    from spacy.language import Language

    if not Language.has_factory("icpa_line_breaks"):
        @Language.component("icpa_line_breaks")
        def line_breaks(doc):  # a headline or a paragraph ends its sentence at the line break
            for t in doc[1:]:
                if "\n" in doc[t.i - 1].whitespace_ or "\n" in doc[t.i - 1].text:
                    t.is_sent_start = True
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("icpa_line_breaks")
    nlp.add_pipe("sentencizer")
    return nlp


def kebab(text: str) -> str:
    """An id from a name: accents dropped ("Hélène" is "helene"), words joined by hyphens."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")


def quote_entry(text: str, start: int, end: int) -> dict:
    """The words ``text[start:end]`` as a quote, with its offset where they occur more than once."""
    words = text[start:end]
    entry = {"quote": words}
    if text.count(words) > 1:
        entry["offset"] = start
    return entry


def propose(text: str, article_id: str, known: list[Known], concepts: dict[str, list[str]],
            taken_from: dict[str, dict[str, str]] | None = None) -> dict:
    """The proposals for one article: ``entities``, ``claims``, ``mentions`` and ``figures`` in the
    curated format, each marked ``status: proposed`` with its ``why``. ``concepts`` maps an
    ontology class name to its labels."""
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = _nlp()
    doc = nlp(text)
    actors: dict[str, Found] = {}
    spans: list[tuple[int, int, str]] = []  # (start char, end char, actor id) of every actor mention

    known_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key = {}
    for k in known:
        if re.match(r"a\d{3}-", k.id):  # an article's own group ("a000-some-gps") is that article's alone
            continue
        for n, name in enumerate((k.label, *k.alt)):
            if len(name) >= 3:
                key = f"{k.id}|{n}"
                by_key[key] = k
                spellings = {name, name.replace("'", "\u2019"), name.replace("\u2019", "'")}  # King's and King’s
                known_matcher.add(key, [nlp.make_doc(x) for x in sorted(spellings)])
    taken = set()
    _long_organisations(doc, actors, spans, taken, {name.casefold(): k for k in known for name in (k.label, *k.alt)})
    for match_id, s, e in sorted(known_matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1])):  # the longest name first
        if any(i in taken for i in range(s, e)):
            continue
        k = by_key[nlp.vocab.strings[match_id]]
        span = doc[s:e]
        taken.update(range(s, e))
        spans.append((span.start_char, span.end_char, k.id))
        if k.id not in actors:
            actors[k.id] = Found(k.id, k.label, list(k.types), span.start_char, span.end_char,
                                 f"name: matches the project's actor {k.label!r}")

    lowered = {t.text for t in doc if t.is_lower}  # words the text writes in lower case: not names
    names = Matcher(nlp.vocab)
    names.add("NAME", [[{"IS_TITLE": True, "IS_ALPHA": True}, {"IS_TITLE": True, "OP": "+"}],
                       [{"IS_TITLE": True, "IS_ALPHA": True}, {"LOWER": {"IN": ["of", "for", "and"]}},
                        {"IS_TITLE": True, "OP": "+"}],
                       [{"IS_TITLE": True, "IS_ALPHA": True}, {"TEXT": {"IN": ["'s", "’s"]}}, {"IS_TITLE": True, "OP": "+"}]])
    candidates = sorted(names(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for _, s, e in candidates:
        if any(i in taken for i in range(s, e)):
            continue
        span = doc[s:e]
        while len(span) and span[0].lower_ in NOT_NAMES:
            span = span[1:]
        while len(span) and (span[-1].lower_ in {"of", "for", "and"} or span[-1].text in {"'s", "’s"}):
            span = span[:-1]
        words = [t.lower_ for t in span]
        if len(span) < 2 or any(w in NOT_NAMES - {"of", "for", "and"} for w in words):
            continue
        if words[0] in TITLES:
            surname = span[-1].text
            person = next((f for f in actors.values() if "Person" in f.types and f.label.split()[-1] == surname), None)
            if person is not None:
                person.alt.add(span.text)
                spans.append((span.start_char, span.end_char, person.id))
                taken.update(range(span.start, span.end))
                continue
            if len(span) == 2:  # "Lord Darzi": a person, known by title and surname
                ident = kebab(span.text)
                taken.update(range(span.start, span.end))
                spans.append((span.start_char, span.end_char, ident))
                if ident not in actors:
                    actors[ident] = Found(ident, span.text, ["Person"], span.start_char, span.end_char,
                                          "name: a title and a capitalised surname")
                continue
            span = span[1:]
            words = words[1:]
        if words[-1] in ORG_WORDS:
            kind, why = "Organisation", f"name: capitalised words ending in the organisation word {span[-1].text!r}"
        elif len(span) <= 3 and not any(t.text in {"'s", "’s"} for t in span) and not _common_words(span, lowered):
            kind, why = "Person", "name: two or three capitalised words that the text never writes in lower case"
        else:
            continue
        ident = kebab(span.text)
        taken.update(range(span.start, span.end))
        spans.append((span.start_char, span.end_char, ident))
        if ident not in actors:
            actors[ident] = Found(ident, span.text, [kind], span.start_char, span.end_char, why)

    _surnames(doc, actors, spans, taken)
    _acronyms(doc, actors, spans, taken)
    _roles(nlp, doc, article_id, actors, spans, taken)
    _groups(nlp, doc, article_id, actors, spans, taken)
    mentions, by_sentence_concepts = _concepts(nlp, doc, concepts, taken_from or {})
    author = _author(doc, actors, spans)
    claims = _claims(doc, text, article_id, actors, spans, by_sentence_concepts, author)
    figures = _figures(doc, text, article_id, claims, actors, spans)

    entities = []
    for f in sorted(actors.values(), key=lambda f: f.start):
        entry = {"id": f.id, "types": f.types, "label": f.label}
        if f.member_kind:
            entry["member_kind"] = f.member_kind
        if f.alt:
            entry["alt"] = sorted(f.alt)
        entry["mentions"] = [quote_entry(text, f.start, f.end)]
        entry["status"] = "proposed"
        entry["why"] = f.why
        entities.append(entry)
    posts = _posts(text, actors, spans)
    return {"entities": entities, "posts": posts, "claims": claims, "mentions": mentions, "figures": figures,
            "article": _bibliography(doc, text, actors, spans)}


def _long_organisations(doc, actors: dict[str, Found], spans, taken, known_names: dict[str, Known]) -> None:
    """An organisation's full name of three or more capitalised words or initials ending in an
    organisation word ("Northfield Hospitals NHS Foundation Trust", "NHS England"), taken before
    the shorter names inside it ("NHS") can be."""
    from spacy.matcher import Matcher

    matcher = Matcher(doc.vocab)
    word = {"TEXT": {"REGEX": r"^[A-Z][A-Za-z'’-]*$"}}
    matcher.add("ORG", [[word, {**word, "OP": "{1,6}"}]])
    for _, s, e in sorted(matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1])):
        span = doc[s:e]
        while len(span) and span[0].lower_ in NOT_NAMES:
            span = span[1:]
        if len(span) < 2 or span[-1].lower_ not in ORG_WORDS or any(i in taken for i in range(span.start, span.end)):
            continue
        if len(span) < 3 and not any(t.is_upper for t in span):
            continue  # two title-case words are left to the general rule
        k = known_names.get(span.text.casefold())
        ident = k.id if k is not None else kebab(span.text)
        taken.update(range(span.start, span.end))
        spans.append((span.start_char, span.end_char, ident))
        if ident not in actors:
            actors[ident] = Found(ident, k.label if k else span.text, list(k.types) if k else ["Organisation"],
                                  span.start_char, span.end_char,
                                  f"name: matches the project's actor {k.label!r}" if k else
                                  f"name: an organisation's full name, ending in {span[-1].text!r}")


def _surnames(doc, actors: dict[str, Found], spans, taken) -> None:
    """A surname alone ("Porter") after the full name ("Michael Porter") is the same person."""
    people = {}
    for f in actors.values():
        words = f.label.split()
        if "Person" in f.types and len(words) >= 2 and words[-1][:1].isupper():
            people.setdefault(words[-1], f)
    for t in doc:
        f = people.get(t.text)
        if f is not None and t.i not in taken and t.idx > f.start:
            taken.add(t.i)
            spans.append((t.idx, t.idx + len(t.text), f.id))


def _common_words(span, lowered: set[str]) -> bool:
    """Whether a capitalised run holds a word the text also writes in lower case ("View Full
    Text", "Integrated Care"): a heading, not a name."""
    return any(t.lower_ in lowered for t in span if t.lower_ not in TITLES)


NOT_ACRONYMS = {"UK", "US", "USA", "EU", "GP", "GPS", "AND", "THE", "OR", "NOT", "IT", "TV", "AM", "PM", "OK", "VAT", "GDP"}


def _acronyms(doc, actors: dict[str, Found], spans, taken) -> None:
    """An organisation named by its initials ("BMJ", "NHS"): two to five capital letters, no
    plural (PCTs and SHAs are groups), not at the start of a capitalised heading."""
    for t in doc:
        if t.i in taken or not (t.is_upper and t.is_alpha and 2 <= len(t.text) <= 5) or t.text in NOT_ACRONYMS:
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].text in {"s", "'s", "’s"}:
            continue
        ident = kebab(t.text)
        taken.add(t.i)
        spans.append((t.idx, t.idx + len(t.text), ident))
        if ident not in actors:
            actors[ident] = Found(ident, t.text, ["Organisation"], t.idx, t.idx + len(t.text),
                                  "name: an organisation's initials (two to five capital letters)")


ROLE_WORDS = {"spokesperson", "spokesman", "spokeswoman", "director", "executive", "chair", "chairman", "chairwoman",
              "manager", "officer", "official", "minister", "secretary", "adviser", "advisor", "governor", "leader",
              "head", "commissioner", "source", "insider", "consultant", "partner", "president", "member"}


def _roles(nlp, doc, article_id: str, actors: dict[str, Found], spans, taken) -> None:
    """A person named by a role, not a name ("a spokesperson for the DH", "one foundation trust
    finance director"): an unnamed person of this article."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    role = {"LOWER": {"IN": sorted(ROLE_WORDS)}}
    matcher.add("ROLE", [
        [{"LOWER": {"IN": ["a", "an", "one"]}}, {"IS_ALPHA": True, "OP": "{0,3}"}, role,
         {"LOWER": {"IN": ["for", "of", "at"]}, "OP": "?"}, {"LOWER": "the", "OP": "?"}, {"IS_UPPER": True, "OP": "?"}],
    ])
    for _, s, e in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        span = doc[s:e]
        while len(span) > 1 and span[-1].lower_ in {"for", "of", "at", "the"}:
            span = span[:-1]
        if any(i in taken for i in range(span.start, span.end)) or span[-1].lower_ not in ROLE_WORDS and not span[-1].is_upper:
            continue
        ident = f"{article_id}-{kebab(' '.join(t.text for t in span[1:]))}"
        taken.update(range(span.start, span.end))
        spans.append((span.start_char, span.end_char, ident))
        if ident not in actors:
            actors[ident] = Found(ident, span.text, ["UnnamedPerson"], span.start_char, span.end_char,
                                  "name: a role for a person the text does not name")


QUANTIFIERS = ["some", "many", "most", "several", "few", "other", "all", "those"]
PEOPLE_WORDS = {"gps", "doctors", "clinicians", "managers", "nurses", "patients", "politicians", "academics", "leaders",
                "practitioners", "consultants", "specialists", "experts", "critics", "advocates", "commentators",
                "officials", "ministers", "mps", "staff", "chiefs", "executives", "directors", "professionals"}


def _groups(nlp, doc, article_id: str, actors: dict[str, Found], spans, taken) -> None:
    """Groups an article speaks of: a quantifier, then words, ending in a plural ("some GPs",
    "at least four SHAs", "many hospital trusts"); a group of people when its last word is one
    (doctors, GPs, managers, …), else a group of organisations. Each is the article's own."""
    from spacy.matcher import Matcher

    plural = {"TEXT": {"REGEX": r"^(?:[A-Z]{2,}s|[a-z]{3,}s)$"}}
    matcher = Matcher(nlp.vocab)
    matcher.add("GROUP", [
        [{"LOWER": {"IN": QUANTIFIERS}}, {"IS_ALPHA": True, "OP": "{0,2}"}, plural],
        [{"LOWER": "at"}, {"LOWER": {"IN": ["least", "most"]}}, {"LIKE_NUM": True}, {"IS_ALPHA": True, "OP": "{0,2}"}, plural],
    ])
    found = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for _, s, e in found:
        if any(i in taken for i in range(s, e)):
            continue
        span = doc[s:e]
        last = span[-1].lower_
        if last in {"ways", "years", "months", "weeks", "days", "times", "services", "plans", "changes", "questions",
                    "others", "those", "things", "areas", "parts", "reasons", "cases", "problems", "means"}:
            continue
        kind = "PersonGroup" if last in PEOPLE_WORDS else "OrganisationGroup"
        ident = f"{article_id}-{kebab(span.text)}"
        taken.update(range(s, e))
        spans.append((span.start_char, span.end_char, ident))
        if ident not in actors:
            actors[ident] = Found(ident, span.text, [kind], span.start_char, span.end_char,
                                  f"group: a quantifier and a plural ({kind})",
                                  member_kind="Person" if kind == "PersonGroup" else "Organisation")


def _stem_pattern(label_doc) -> list[dict]:
    """A token pattern for a label that also takes its other word forms: each word of six letters
    or more by its first letters but the last three ("vertical integration" also finds
    "vertically integrate"), a shorter word as it is."""
    pattern = []
    for t in label_doc:
        word = t.lower_
        if len(word) >= 6 and word.isalpha():
            pattern.append({"LOWER": {"REGEX": f"^{re.escape(word[:max(5, len(word) - 3)])}[a-z]*$"}})
        else:
            pattern.append({"LOWER": word})
    return pattern


def _concepts(nlp, doc, concepts: dict[str, list[str]], taken_from: dict[str, dict[str, str]]):
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    for name, labels in concepts.items():
        for label in labels:
            if len(label) >= 4:  # one key a label, so that a match says which label (or synonym) it was
                matcher.add(f"{name}|{label}", [_stem_pattern(nlp.make_doc(label))])
    mentions, per_sentence = [], {}
    taken = set()
    for match_id, s, e in sorted(matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1])):  # the longest label first
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        name, label = nlp.vocab.strings[match_id].split("|", 1)
        span = doc[s:e]
        per_sentence.setdefault(span.sent.start, []).append((span.start, name))
        entry = {"concept": name, **quote_entry(doc.text, span.start_char, span.end_char), "status": "proposed",
                 "why": f"concept: the words {span.text!r} are (a form of) " + (
                     f"a synonym of {name} taken from {taken_from[name][label.casefold()]}'s curated mentions"
                     if label.casefold() in taken_from.get(name, {}) else f"a label of {name}")}
        mentions.append(entry)
    mentions.sort(key=lambda m: doc.text.find(m["quote"]) if "offset" not in m else m["offset"])
    return mentions, {k: sorted(v) for k, v in per_sentence.items()}


def _cue(sent) -> tuple[int, str, str] | None:
    """A sentence's reporting verb (the first), else its first modal of obligation: (token index,
    words, kind). A reporting verb names who speaks; a modal only says that something is urged."""
    tokens = list(sent)
    for t in tokens:
        if t.lower_ in REPORTING:
            return t.i, t.text, "reporting verb"
    for i, t in enumerate(tokens):
        for modal in MODALS:
            if tuple(x.lower_ for x in tokens[i:i + len(modal)]) == modal:
                return t.i, " ".join(x.text for x in tokens[i:i + len(modal)]), "modal"
    verb = next((t for t in tokens if t.lower_ in ASSERTING), None)
    if verb is not None:
        return verb.i, verb.text, "statement"  # asserted by the author or the article's voice
    if len(tokens) >= 6 and tokens[-1].text in {".", "!", "?", "”", '"'}:  # any full sentence: a statement with no cue word
        return tokens[0].i, "", "statement"
    return None


BYLINE = re.compile(r"^\s*(?:\d+\.\s*)?(?:[Bb]y\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})(?:,\s+[a-z][a-z ,]+)?\s*$", re.M)
STANDFIRST_VERBS = {"looks", "examines", "explores", "reports", "asks", "investigates", "considers", "writes", "argues"}


def _author(doc, actors: dict[str, Found], spans) -> str | None:
    """The writer of the piece: a person a standfirst names ("…, argues King's Fund chief
    executive Chris Ham"; "Gareth Iacobucci looks at how …"), or a byline, a line of its own
    that is a person's name, with their role after a comma ("Gareth Iacobucci, news reporter")."""
    people = {f.label: f.id for f in actors.values() if "Person" in f.types}
    for m in BYLINE.finditer(doc.text):
        if m.group(1) in people:
            return people[m.group(1)]
    for sent in list(doc.sents)[:4]:
        for _start, e, a in sorted(x for x in spans if sent.start_char <= x[0] < sent.end_char):
            following = doc.text[e:e + 20].split()
            if a in actors and "Person" in actors[a].types and following and following[0].lower() in STANDFIRST_VERBS:
                return a
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    cue = next((t for t in first if t.lower_ in {"argues", "writes", "says", "explains", "asks", "suggests", "warns"}), None)
    if cue is None:
        return None
    after = [a for s, e, a in spans if cue.idx < s < first.end_char and a in actors and "Person" in actors[a].types]
    return after[-1] if after else None


QUOTE_MARKS = {'"', "“", "”"}
CONTRAST = {("rather", "than"), ("instead", "of"), ("not",), ("no",), ("without",), ("against",)}


def _quoted(sent) -> list[tuple[int, int]]:
    """The character ranges of the sentence's quoted passages (between quotation marks)."""
    marks = [t.idx for t in sent if t.text in QUOTE_MARKS]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _polarity(sent, at: int) -> tuple[str, str]:
    """The side a sentence takes on the concept named at token ``at``: against where a negative or
    contrasting word ("not", "rather than", "fear", "risk", …) comes in the few words before it
    (within its clause) or a negative word in the few after it, else for. Returns (polarity, the
    reason)."""
    doc = sent.doc
    start = max(sent.start, at - 6)
    for t in reversed(doc[start:at]):
        if t.text in {",", ";", ":"} and t.i < at - 1:
            break
        if t.lower_ in NEGATIVE or any(tuple(x.lower_ for x in doc[t.i:t.i + len(c)]) == c for c in CONTRAST):
            return "against", f"{t.text!r} before it"
    after = doc[at:min(sent.end, at + 6)]
    negative_after = next((t for t in after if t.lower_ in NEGATIVE), None)
    if negative_after is not None:
        return "against", f"{negative_after.text!r} after it"
    return "for", "no negative word near it"


def _claims(doc, text: str, article_id: str, actors: dict[str, Found], spans, concepts_in,
            author: str | None = None) -> list[dict]:
    claims = []
    last_person = None
    last_speaker, last_holders, open_quote, since = None, None, False, 9
    for sent in doc.sents:
        inside = sorted((s, e, a) for s, e, a in spans if sent.start_char <= s < sent.end_char)  # in the text's order
        cue = _cue(sent)
        holders = None
        starts_quoted = open_quote or sent.text.lstrip()[:1] in QUOTE_MARKS
        marks = sum(1 for t in sent if t.text in QUOTE_MARKS)
        if cue is not None:
            index, words, kind = cue
            cue_char = doc[index].idx
            quoted = _quoted(sent)
            outside = [x for x in inside if not any(a <= x[0] < b for a, b in quoted)]  # a name inside the quote is not the speaker
            before = [x for x in outside if x[1] <= cue_char]
            after = [x for x in outside if x[0] >= cue_char]
            pronoun = any(t.lower_ in PRONOUNS and t.i < index and index - t.i <= 3 for t in sent)
            first_person = any(t.lower_ in {"we", "i", "our", "my", "us"} for t in sent)
            people = [x for x in before if x[2] in actors and "Person" in actors[x[2]].types]
            owners = _possessors(sent, inside, actors)
            plural = any(t.lower_ == "they" and t.i < index for t in sent)
            if kind != "reporting verb" and owners:  # "Porter and Teisberg's core argument is that …"
                holders, how = owners, "the actors whose argument, view or case the sentence gives"
                holder = owners[0]
            elif kind != "reporting verb" and plural and last_holders and len(last_holders) > 1 and since <= 2:
                holders, how = last_holders, "'they' before the cue: the actors of the claim before"
                holder = last_holders[0]
            elif kind != "reporting verb" and starts_quoted and last_speaker is not None and since <= 2:
                holder, how = last_speaker, "inside a quoted passage: the speaker of the quote"
            elif kind != "reporting verb":  # "The government must not dictate …": whoever must act is not who says so
                if first_person and author is not None:
                    holder, how = author, f"a {kind} in the first person: the author the standfirst names"
                elif author is not None:
                    holder, how = author, f"a {kind} with no reporting verb: the author the standfirst names"
                else:
                    holder, how = f"{article_id}-voice", f"a {kind} with no reporting verb: the article's own voice"
            elif people and not pronoun:  # "Chris Ham, chief executive of the King's Fund, warned": the person
                holder, how = people[0][2], "the first person named before the cue"
            elif before and not (pronoun and cue_char - before[-1][1] > 40):
                holder, how = before[-1][2], "the actor named nearest before the cue"
            elif pronoun and author is not None and any(t.lower_ in {"we", "i", "our", "my"} for t in sent if t.i < index):
                holder, how = author, "'we' or 'I' before the cue: the author the standfirst names"
            elif pronoun and last_person is not None:
                holder, how = last_person, "a pronoun before the cue: the person named last"
            elif after:
                holder, how = after[0][2], "the actor named nearest after the cue"
            elif author is not None:
                holder, how = author, "no actor named: the author the standfirst names"
            else:
                holder, how = f"{article_id}-voice", "no actor named: the article's own voice"
            found = concepts_in.get(sent.start, [])
            targets = list(dict.fromkeys(name for _, name in found))
        if cue is not None and targets:  # a claim states a position, and a position needs a target the text names
            for part, found_here in _clauses(sent, found):
                body = part.text.strip()
                if body.count('"') % 2 and body.endswith('"') or body.endswith("“"):  # an opening quote mark of the next sentence
                    body = body[:-1].rstrip()
                body = body.rstrip(";,").rstrip()
                if len(body) < 12:
                    continue
                here = list(dict.fromkeys(name for _, name in found_here))
                start = part.start_char + part.text.index(body)
                polarities = {name: _polarity(sent, at) for at, name in reversed(found_here)}  # the first mention decides
                entry = {"id": f"c{len(claims) + 1:02d}", "holders": holders or [holder], **({"verb": words} if words else {}),
                         "text": body.strip('"“” '), "positions": [{"target": t, "polarity": polarities[t][0]} for t in here]}
                entry.update(quote_entry(text, start, start + len(body)))
                entry["status"] = "proposed"
                entry["why"] = (f"claim: {kind} {words!r}; holder: {how}; targets: the concepts the " if words else
                                f"claim: a sentence that names a concept; holder: {how}; targets: the concepts the "
                                f"{'sentence' if part.start == sent.start and part.end == sent.end else 'clause'} names; polarity: "
                                + "; ".join(f"{t} {polarities[t][0]} ({polarities[t][1]})" for t in here))
                claims.append(entry)
        if cue is not None and kind == "reporting verb" and not holder.endswith("-voice"):
            last_speaker, since = holder, 0
        if cue is not None and (holders or not holder.endswith("-voice")):
            last_holders = holders or [holder]
        since += 1
        if marks % 2:
            open_quote = not open_quote
        if cue is not None and kind == "reporting verb" and marks and not starts_quoted:
            since = 0  # the speaker of a quote that may run on into the next sentences
        people = [a for *_, a in inside if a in actors and "Person" in actors[a].types]
        if people:
            last_person = people[-1]
    return claims


def _clauses(sent, found):
    """A sentence cut where it turns to a second point (at a semicolon, or at ", but" and ",
    while"), each part with the concepts it names; a part that names none goes with the first."""
    doc = sent.doc
    cuts = [t.i + 1 for t in sent if t.text == ";"]
    cuts += [t.i for t in sent if t.lower_ in {"but", "while", "whereas"} and t.i > sent.start and doc[t.i - 1].text == ","]
    bounds = [sent.start, *sorted(c for c in set(cuts) if sent.start < c < sent.end), sent.end]
    parts = [(doc[a:b], [(at, n) for at, n in found if a <= at < b]) for a, b in zip(bounds, bounds[1:])]
    named = [(p, f) for p, f in parts if f]
    if len(named) <= 1:
        return [(sent, found)]
    return named


ARGUMENT_NOUNS = {"argument", "arguments", "view", "views", "case", "point", "claim", "position", "belief", "thesis",
                  "conclusion", "message", "proposal", "vision", "critique", "analysis"}


def _possessors(sent, inside, actors: dict[str, Found]) -> list[str]:
    """The actors whose argument a sentence gives: names joined by "and" before a possessive and
    an argument word ("Porter and Teisberg's core argument")."""
    doc = sent.doc
    for t in sent:
        if t.text in {"'s", "’s"} and any(x.lower_ in ARGUMENT_NOUNS for x in doc[t.i + 1:min(sent.end, t.i + 4)]):
            names = [a for s, e, a in inside if e <= t.idx and a in actors]
            chain = []
            for s, e, a in reversed([x for x in inside if x[1] <= t.idx]):
                gap = doc.text[e:(chain[-1][0] if chain else t.idx)].strip()
                if gap not in ("", "and", ",", "&"):
                    break
                chain.append((s, e, a))
            return list(dict.fromkeys(a for *_, a in reversed(chain))) or names[-1:]
    return []


ROLE = r"(?:(?:former|acting|interim|deputy|joint|new|then)\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,4}"


def _posts(text: str, actors: dict[str, Found], spans) -> list[dict]:
    """Posts as stated: "<Organisation> chief executive <Person>" and "<Person>, <role> of (or
    at) <Organisation>" — a named person and a named organisation with the role between them."""
    ordered = sorted(spans)
    out, seen = [], set()

    def person(a):
        return a in actors and "Person" in actors[a].types and "UnnamedPerson" not in actors[a].types

    def organisation(a):
        return a in actors and not person(a) and "Group" not in actors[a].types[0] and "UnnamedPerson" not in actors[a].types

    for (s1, e1, a1), (s2, e2, a2) in zip(ordered, ordered[1:]):
        between = text[e1:s2]
        role = None
        if organisation(a1) and person(a2):
            m = re.fullmatch(rf"(?:['’]s)?\s+({ROLE})\s+", between)
            role = m.group(1) if m and m.group(1).split()[-1] in ROLE_WORDS | {"professor"} else None
            who, where = a2, a1
        elif person(a1) and organisation(a2):
            m = re.fullmatch(rf",\s+(?:the\s+|a\s+|an\s+)?({ROLE})\s+(?:of|at|for)\s+(?:the\s+)?", between)
            role = m.group(1) if m else None
            who, where = a1, a2
        if role and (who, where, role) not in seen:
            seen.add((who, where, role))
            out.append({"person": who, "organisation": where, "role": role, **quote_entry(text, s1, e2),
                        "status": "proposed", "why": "post: a named person, a role and a named organisation side by side"})
    return out


DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;])", re.I)
PUBLISHED = re.compile(r"\b(?:Published|First published|Posted)(?: on)?:?\s+(\d{1,2})\s+(January|February|March|April|May|June|"
                       r"July|August|September|October|November|December)\s+(\d{4})\b")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december"]


def _bibliography(doc, text: str, actors: dict[str, Found], spans) -> dict:
    """Bibliographic facts the text states, each with its quote: the title (the first line), a
    DOI, the publication date ("Published 06 March 2014") and the outlet a source "told"."""
    out = {}
    first = next((line for line in text.splitlines() if line.strip()), "").strip()
    if 8 <= len(first) <= 160 and not first.endswith((".", ":")):
        out["title"] = {"text": first, "quote": first, "status": "proposed", "why": "title: the text's first line"}
    m = DOI.search(text)
    if m:
        out["doi"] = {"text": m.group(1), **quote_entry(text, m.start(), m.end()), "status": "proposed",
                      "why": "doi: a DOI written in the text"}
    m = PUBLISHED.search(text)
    if m:
        date = f"{m.group(3)}-{MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"
        out["published"] = {"date": date, **quote_entry(text, m.start(), m.end()), "status": "proposed",
                            "why": "published: a publication date written in the text"}
    for s, e, a in sorted(spans):
        m = re.search(r"\b(told|tells)\s+(?:the\s+)?$", text[max(0, s - 16):s])
        if m and a in actors and "Person" not in actors[a].types and "Group" not in actors[a].types[0]:
            start = max(0, s - 16) + m.start()
            out["publisher"] = {"actor": a, **quote_entry(text, start, e), "status": "proposed",
                                "why": f"publisher: a source {m.group(1)!r} the outlet"}
            break
    return out


SCALE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
DATE = re.compile(r"\b(\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                  r"December)(?:\s+\d{4})?|(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December)\s+\d{4})\b")


def _amount(value: str) -> int | float | None:
    m = re.fullmatch(r"£\s?([\d,]+(?:\.\d+)?)\s?([a-z]+)?", value)
    if not m:
        return None
    number = float(m.group(1).replace(",", ""))
    number *= SCALE.get((m.group(2) or "").lower(), 1)
    return int(number) if number == int(number) else number


def _figures(doc, text: str, article_id: str, claims: list[dict] | None = None, actors=None, spans=()) -> list[dict]:
    """Sums of money and dates, each once, stated by the speaker of the claim whose sentence
    holds it (else the article's voice), with what the sentence says it measures to review."""
    figures, seen = [], set()
    speaker_at = {}
    for c in claims or []:
        at = text.find(c["quote"]) if "offset" not in c else c["offset"]
        if at >= 0:
            speaker_at[(at, at + len(c["quote"]))] = c["holders"][0]
    found = [(m, "MonetaryFigure") for m in MONEY.finditer(text)]
    found += [(m, "DateFigure") for m in DATE.finditer(text) if not PUBLISHED.search(text[max(0, m.start() - 20):m.end()])]
    for m, kind in sorted(found, key=lambda x: x[0].start()):
        value = m.group(0).strip()
        if (kind, value.casefold()) in seen:
            continue  # the headline and the body give the same sum: one figure
        seen.add((kind, value.casefold()))
        sentence = next((s for s in doc.sents if s.start_char <= m.start() < s.end_char), None)
        words = sentence.text.strip() if sentence is not None else value
        stated = next((h for (a, b), h in speaker_at.items() if a <= m.start() < b), None)
        if stated is None and sentence is not None and (_cue(sentence) or (0, "", ""))[2] == "reporting verb":
            named = [a for st, _, a in sorted(spans) if sentence.start_char <= st < sentence.end_char
                     and actors and a in actors and "Person" in actors[a].types]
            stated = named[0] if named else None  # "… £45m by April, its leader Jane Doe said": the person who says it
        stated = stated or f"{article_id}-voice"
        entry = {"id": f"f{len(figures) + 1:02d}", "kind": kind, "value": value}
        if kind == "MonetaryFigure":
            amount = _amount(value)
            entry.update({**({"amount": amount} if amount is not None else {}), "unit": "GBP"})
        entry.update({"measures": f"to review: {words[:160].rsplit(' ', 1)[0] if len(words) > 160 else words}",
                      "stated_by": stated, **quote_entry(text, m.start(), m.start() + len(value)), "status": "proposed",
                      "why": f"figure: {'a sum of money in pounds' if kind == 'MonetaryFigure' else 'a date'}; stated by "
                             + ("the person its sentence reports" if not stated.endswith("-voice") else "the article's voice")})
        figures.append(entry)
    return figures
