"""Checks of the instance data against its sources: every quote's offsets select its text in the
article, each article is the text its YAML pins, and the compiled file is up to date."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import URIRef
from rdflib.namespace import RDF

from icpa import vocab
from icpa.checks.registry import Context, Finding, short
from icpa.errors import IcpaError


def check_anchors(ctx: Context) -> Iterator[Finding]:
    """Every quote's offsets select exactly its recorded text in the article it names."""
    g = ctx.data
    if g is None:
        return
    oa = lambda n: URIRef(vocab.OA + n)  # noqa: E731
    texts: dict = {}
    for article in sorted(set(g.objects(None, oa("hasSource")))):
        seed = g.value(article, URIRef(vocab.ICPA + "seedFile"))
        path = ctx.seeds / str(seed) if seed else None
        if path is None or not path.is_file():
            yield Finding("ERROR", "anchors", short(article), f"article text not found: {seed}")
            continue
        raw = path.read_bytes()
        digest = g.value(article, URIRef(vocab.ICPA + "sha256"))
        if digest is not None and str(digest) != hashlib.sha256(raw).hexdigest():
            yield Finding("ERROR", "anchors", short(article), f"{seed} has changed since the data was built (sha256 differs)")
        texts[article] = raw.decode("utf-8")
    count = bad = 0
    for quote in sorted(g.subjects(RDF.type, URIRef(vocab.ICPA + "Quote"))):
        article = g.value(quote, oa("hasSource"))
        if article not in texts:
            continue
        exact = start = end = None
        for sel in g.objects(quote, oa("hasSelector")):
            exact = g.value(sel, oa("exact")) if exact is None else exact
            start = g.value(sel, oa("start")) if start is None else start
            end = g.value(sel, oa("end")) if end is None else end
        count += 1
        if exact is None or start is None or end is None:
            bad += 1
            yield Finding("ERROR", "anchors", short(quote), "quote lacks its exact text or its offsets")
            continue
        actual = texts[article][int(start):int(end)]
        if actual != str(exact):
            bad += 1
            yield Finding("ERROR", "anchors", short(quote), f"text[{start}:{end}] is {actual!r}, not {str(exact)!r}")
    if count and not bad:
        yield Finding("INFO", "anchors", ctx.data_path.name, f"all {count} quotes match their articles")


def check_freshness(ctx: Context) -> Iterator[Finding]:
    """The compiled data file is what ``icpa build`` makes from data/*.yaml now."""
    if ctx.data_path is None or not ctx.curated or ctx.ontology is None:
        return
    from icpa.corpus.compiler import compile_data, render

    try:
        text = render(compile_data(ctx.curated, ontology=ctx.ontology, seeds=ctx.seeds))
    except IcpaError as exc:
        yield Finding("ERROR", "freshness", "data/", f"the curated data does not build: {exc}")
        return
    try:
        current = ctx.data_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != text:
        yield Finding("ERROR", "freshness", ctx.data_path.name, "stale: differs from what `icpa build` makes from data/*.yaml")
    else:
        yield Finding("INFO", "freshness", ctx.data_path.name, "matches data/*.yaml")
