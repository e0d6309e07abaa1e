"""``icpa ingest`` and ``icpa review``: an article's text stored in the project and pinned, a draft
``data/<id>.yaml`` of proposals for a person to accept or reject, and the review that settles them.

The text goes to ``seeds/NNN_<sha256 prefix>.txt`` and is never changed afterwards; the draft
records the sha256 of the stored text (which the build checks) and of the original file. Both
files are written atomically and the seed is removed again if the draft cannot be written, so a
failed ingest leaves the project as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from icpa.corpus.compiler import REVIEWED
from icpa.errors import DataError, UsageError
from icpa.fsutil import read_text, write_text
from icpa.ingest.propose import Known, propose
from icpa.ingest.reading import read_article

ICPA = "https://w3id.org/icpa/ontology#"


@dataclass(frozen=True)
class Ingested:
    article: str
    seed: Path
    draft: Path
    counts: dict[str, int]


def _documents(corpus) -> list[tuple[Path, dict]]:
    out = []
    for path in corpus.curated_files():
        try:
            doc = yaml.safe_load(read_text(path))
        except yaml.YAMLError as exc:
            raise DataError(f"{path.name}: not valid YAML ({exc})") from None
        if isinstance(doc, dict):
            out.append((path, doc))
    return out


def known_actors(docs) -> list[Known]:
    """Every actor the project's curated files declare, merged by id."""
    found: dict[str, dict] = {}
    for _, doc in docs:
        for e in doc.get("entities") or []:
            if isinstance(e, dict) and e.get("id") and e.get("label") and e.get("status", "accepted") == "accepted":
                k = found.setdefault(e["id"], {"label": str(e["label"]), "alt": set(), "types": set()})
                k["alt"].update(str(a) for a in e.get("alt") or [])
                k["types"].update(str(t) for t in e.get("types") or [])
    return [Known(i, v["label"], tuple(sorted(v["alt"])), tuple(sorted(v["types"]))) for i, v in sorted(found.items())]


def synonyms(docs) -> dict[str, dict[str, str]]:
    """The words the project's curated articles tie to a concept (their concept mentions), as
    synonyms for matching: class name -> {words: the article they were taken from}."""
    out: dict[str, dict[str, str]] = {}
    for _, doc in docs:
        article = str((doc.get("article") or {}).get("id", ""))
        for m in doc.get("mentions") or []:
            if not isinstance(m, dict) or not m.get("concept") or m.get("status", "accepted") != "accepted":
                continue
            words = " ".join(str(m.get("quote", "")).split())
            if 4 <= len(words) <= 40 and len(words.split()) <= 4:
                out.setdefault(str(m["concept"]), {}).setdefault(words.casefold(), article)
    return out


def concept_labels(ontology, docs=()) -> dict[str, list[str]]:
    """Class name -> its labels and alternative labels, for the topics of the ontology, with the
    synonyms the project's curated articles use (:func:`synonyms`)."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS, SKOS

    top = URIRef(ICPA + "PolicyTopic")
    classes = {c for c in ontology.transitive_subjects(RDFS.subClassOf, top) if isinstance(c, URIRef) and str(c).startswith(ICPA)}
    out = {}
    for c in sorted(classes - {top}):
        labels = sorted({str(label) for p in (RDFS.label, SKOS.altLabel) for label in ontology.objects(c, p)})
        if labels:
            out[str(c)[len(ICPA):]] = labels
    for name, words in synonyms(docs).items():
        if name in out:
            out[name] = sorted(set(out[name]) | set(words))
    return out


def _next_id(docs, seeds: Path) -> str:
    used = {doc.get("article", {}).get("id") for _, doc in docs if isinstance(doc.get("article"), dict)}
    numbers = [int(i[1:]) for i in used if isinstance(i, str) and re.fullmatch(r"a\d{3}", i)]
    numbers += [int(p.name[:3]) for p in seeds.glob("[0-9][0-9][0-9]_*.txt")]
    return f"a{(max(numbers) + 1) if numbers else 0:03d}"


def ingest(path: str | Path, *, corpus, ontology, article_id: str | None = None, encoding: str | None = None,
           label: str | None = None, kind: str = "NewsArticle") -> Ingested:
    corpus.require_writable("icpa ingest")
    if corpus.kind != "project" and corpus.kind != "checkout":
        raise UsageError("icpa ingest adds an article to a project: make one with `icpa init DIR`")
    text = read_article(path, encoding)
    docs = _documents(corpus)
    aid = article_id or _next_id(docs, corpus.seeds_dir)
    if not re.fullmatch(r"a\d{3}", aid):
        raise UsageError(f"--id {aid!r}: an article id looks like a007")
    draft = corpus.curated_dir / f"{aid}.yaml"
    if draft.exists() or any(isinstance(d.get("article"), dict) and d["article"].get("id") == aid for _, d in docs):
        raise UsageError(f"--id {aid}: the project already has an article {aid}")
    stored = text.text.encode("utf-8")
    sha = hashlib.sha256(stored).hexdigest()
    for p in sorted(corpus.seeds_dir.glob("*.txt")):
        if hashlib.sha256(p.read_bytes()).hexdigest() == sha:
            raise UsageError(f"{path}: the project already holds this text, as seeds/{p.name}")
    seed = corpus.seeds_dir / f"{aid[1:]}_{sha[:16]}.txt"
    first = next((line.strip() for line in text.text.splitlines() if line.strip()), "")
    proposals = propose(text.text, aid, known_actors(docs), concept_labels(ontology, docs), synonyms(docs))
    bibliography = proposals.pop("article", {})
    doc = {
        "article": {"id": aid, "seed": seed.name, "sha256": sha, "kind": kind, "label": label or first[:120],
                    **bibliography,
                    "original": {"file": Path(path).name, "sha256": text.original_sha256, "encoding": text.encoding,
                                 "format": text.format}},
        "coding": {"role": "reviewer", "method": "proposed-and-accepted", "date": datetime.date.today().isoformat()},
        **{k: v for k, v in proposals.items() if v},
    }
    body = ("# Proposed by `icpa ingest`: nothing here enters the graph until a person accepts it.\n"
            "# Set each proposal's status to accepted or rejected (editing it as needed), or run\n"
            f"# `icpa review {aid}` to see them, then `icpa build`.\n" + _dump(doc))
    for target in (seed, draft):
        if target.exists():
            raise UsageError(f"{target}: exists already; icpa ingest never replaces a file")
    write_text(seed, text.text)
    try:
        write_text(draft, body)
    except BaseException:
        seed.unlink(missing_ok=True)
        raise
    counts = {k: len(v) for k, v in proposals.items()}
    counts["bibliographic facts"] = len(bibliography)
    return Ingested(aid, seed, draft, counts)


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def _rewrite(path: Path, doc: dict) -> None:
    """A reviewed draft written back atomically, its comment lines kept at the top."""
    head = "".join(line + "\n" for line in read_text(path).splitlines() if line.startswith("#"))
    write_text(path, head + _dump(doc))


@dataclass(frozen=True)
class Pending:
    section: str
    label: str
    why: str
    quote: str
    what: str = ""  #: what a curator judges: a claim's holders and positions, an entity's kind
    index: int = 0  #: the entry's place in its section of the file


def pending(corpus, article_id: str | None = None) -> list[tuple[Path, list[Pending]]]:
    """The proposals not yet accepted or rejected, per file."""
    out = []
    for path, doc in _documents(corpus):
        if article_id and (doc.get("article") or {}).get("id") != article_id:
            continue
        items = []
        for key, value in (doc.get("article") or {}).items():
            if isinstance(value, dict) and value.get("status") == "proposed":
                shown = value.get("text") or value.get("date") or value.get("actor") or ""
                items.append(Pending("article", key, str(value.get("why", "")), str(value.get("quote", "")), str(shown), -1))
        for section in REVIEWED:
            for i, e in enumerate(doc.get(section) or []):
                if isinstance(e, dict) and e.get("status") == "proposed":
                    label = str(e.get("id") or e.get("concept") or e.get("label") or "")
                    first = (e.get("mentions") or [""])[0]
                    quote = e.get("quote") or (first.get("quote", "") if isinstance(first, dict) else first)
                    items.append(Pending(section, label, str(e.get("why", "")), str(quote), _what(section, e), i))
        if items:
            out.append((path, items))
    if article_id and not any((doc.get("article") or {}).get("id") == article_id for _, doc in _documents(corpus)):
        raise UsageError(f"no article {article_id} in the project")
    return out


def _what(section: str, e: dict) -> str:
    if section == "claims":
        sides = ", ".join(f"{p.get('polarity')} {p.get('target')}" for p in e.get("positions") or [])
        return f"held by {', '.join(e.get('holders') or [])}; {sides or 'no position'}"
    if section == "entities":
        return f"{', '.join(e.get('types') or [])}: {e.get('label', '')}"
    if section == "figures":
        return f"{e.get('value', '')} stated by {e.get('stated_by', '')}"
    return ""


def context(corpus, path: Path, item: Pending, width: int = 90) -> str:
    """The proposal's words in the sentence around them, from the stored text."""
    doc = yaml.safe_load(read_text(path))
    seed = corpus.seeds_dir / str((doc.get("article") or {}).get("seed", ""))
    try:
        text = seed.read_text(encoding="utf-8")
    except OSError:
        return item.quote
    at = text.find(item.quote) if item.quote else -1
    if at < 0:
        return item.quote
    start, end = max(0, at - width), min(len(text), at + len(item.quote) + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def decide(path: Path, item: Pending, status: str, changes: dict | None = None) -> None:
    """Settle one proposal: ``accepted`` (with ``changes`` to its fields: holders, text, a
    position's polarity) or ``rejected``; the file is rewritten atomically at once."""
    if status not in ("accepted", "rejected"):
        raise UsageError(f"a proposal is accepted or rejected, not {status!r}")
    doc = yaml.safe_load(read_text(path))
    if item.section == "article":
        value = (doc.get("article") or {}).get(item.label)
        if not isinstance(value, dict) or value.get("status") != "proposed":
            raise DataError(f"{path.name}: article {item.label} changed since it was listed; list the proposals again")
        value.update(changes or {})
        value["status"] = status
        _rewrite(path, doc)
        return
    entries = doc.get(item.section) or []
    if item.index >= len(entries) or entries[item.index].get("status") != "proposed":
        raise DataError(f"{path.name}: {item.section} {item.label} changed since it was listed; list the proposals again")
    entry = entries[item.index]
    for key, value in (changes or {}).items():
        if key == "polarities":
            for position, polarity in zip(entry.get("positions") or [], value):
                position["polarity"] = polarity
        else:
            entry[key] = value
    entry["status"] = status
    _rewrite(path, doc)


def accept_all(corpus, article_id: str | None = None) -> dict[Path, int]:
    """Mark every pending proposal accepted (of one article, or all); each file rewritten atomically."""
    done = {}
    for path, _items in pending(corpus, article_id):
        doc = yaml.safe_load(read_text(path))
        n = 0
        for value in (doc.get("article") or {}).values():
            if isinstance(value, dict) and value.get("status") == "proposed":
                value["status"] = "accepted"
                n += 1
        for section in REVIEWED:
            for e in doc.get(section) or []:
                if isinstance(e, dict) and e.get("status") == "proposed":
                    e["status"] = "accepted"
                    n += 1
        _rewrite(path, doc)
        done[path] = n
    return done


@dataclass(frozen=True)
class Removed:
    article: str
    files: tuple[Path, ...]


def removal(corpus, article_id: str) -> tuple[Path, Path]:
    """The data file and seed ``icpa remove`` would delete, after checking that no other article's
    data refers to this one's claims or its own entities (a reference would dangle)."""
    docs = _documents(corpus)
    mine = [(p, d) for p, d in docs if (d.get("article") or {}).get("id") == article_id]
    if not mine:
        raise UsageError(f"no article {article_id} in the project")
    path, doc = mine[0]
    seed = corpus.seeds_dir / str((doc.get("article") or {}).get("seed", ""))
    pattern = re.compile(rf"\b{re.escape(article_id)}-[a-z0-9-]+")
    for other, _ in docs:
        if other == path:
            continue
        hits = sorted(set(pattern.findall(read_text(other))))
        if hits:
            raise UsageError(f"{other.name} refers to {', '.join(hits[:3])}: remove or change those references first")
    return path, seed


def remove(corpus, article_id: str) -> Removed:
    corpus.require_writable("icpa remove")
    path, seed = removal(corpus, article_id)
    gone = []
    for target in (path, seed):
        if target.is_file():
            target.unlink()
            gone.append(target)
    return Removed(article_id, tuple(gone))
