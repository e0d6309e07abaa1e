"""Argument maps: claims with their holders and the targets of their positions, and how claims
support, agree with, rebut, undercut, qualify and elaborate one another.

:func:`select` cuts the debate to a topic (a class of the ontology, with its subclasses, or an
entity), an actor, an article, or a claim's neighbourhood; :func:`dot` lays it out for Graphviz
(``dot``), clustered per article or per topic, with a key; :func:`details` is what the HTML page
shows when a node is clicked. Every claim node carries its quote and anchor.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from icpa.debate import drawing
from icpa.debate.model import Debate
from icpa.debate.networks import resolve_articles, resolve_classes
from icpa.errors import UsageError
from icpa.vocab import curie, expand

CLUSTERS = ("article", "topic", "none")


@dataclass(frozen=True)
class MapOptions:
    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    depth: int = 1
    cluster: str = "article"
    targets: bool = True  #: draw the targets of positions (and who holds each claim)


@dataclass
class ArgumentMap:
    claims: list[str]
    options: MapOptions
    title: str


def _thing(debate: Debate, name: str, pool, what: str) -> str:
    text = name.strip()
    iri = expand(text) if ":" in text and not text.startswith("http") else text
    if iri in pool:
        return iri
    for candidate in pool:
        if candidate.rsplit("/", 1)[-1] == text:
            return candidate
    found = sorted(c for c in pool if debate.label(c).casefold() == text.casefold())
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"{what} {name!r} names several things: {', '.join(curie(f) for f in found[:5])}; give a CURIE")
    import difflib

    names = {debate.label(c): c for c in pool}
    near = difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    raise UsageError(f"{what} {name!r}: nothing of that name or id in the debate{hint}")


def _topic_matcher(debate: Debate, name: str):
    targets = {p.target for p in debate.positions} | {f for fl in debate.flags.values() for f in fl}
    try:
        classes = resolve_classes(debate, (name,), "--topic")
    except UsageError:
        thing = _thing(debate, name, targets, "--topic")
        return lambda t: t == thing
    return lambda t: any(debate.is_a(t, c) for c in classes)


def _topic_words(debate: Debate, name: str) -> str:
    try:
        return debate.label(resolve_classes(debate, (name,), "--topic")[0])
    except UsageError:
        return name


def select(debate: Debate, options: MapOptions) -> ArgumentMap:
    """The claims the filters keep (all of them without filters); every filter given must hold."""
    if options.cluster not in CLUSTERS:
        raise UsageError(f"--cluster must be one of {', '.join(CLUSTERS)}")
    if options.depth < 0:
        raise UsageError("--depth must be 0 or more")
    if options.depth != 1 and not options.claims:
        raise UsageError("--depth says how far from --claim to go; give --claim C as well")
    chosen = set(debate.claims)
    words = []
    by_claim = defaultdict(set)
    for p in debate.positions:
        by_claim[p.claim].add(p.target)
    for claim, flags in debate.flags.items():
        by_claim[claim].update(flags)
    for topic in options.topics:
        matches = _topic_matcher(debate, topic)
        chosen &= {c for c in debate.claims if any(matches(t) for t in by_claim[c])}
        words.append(f"on {_topic_words(debate, topic)}")
    if options.actors:
        holders = {h for c in debate.claims.values() for h in c.holders + c.reporters}
        actors = {_thing(debate, a, holders, "--actor") for a in options.actors}
        chosen &= {c.iri for c in debate.claims.values() if actors & set(c.holders + c.reporters)}
        words.append("by " + ", ".join(debate.label(a) for a in sorted(actors)))
    if options.articles:
        wanted = resolve_articles(debate, options.articles)
        chosen &= {c.iri for c in debate.claims.values() if c.article in wanted}
        words.append("in " + ", ".join(sorted(debate.articles[a].id for a in wanted)))
    if options.claims:
        start = {_thing(debate, c, set(debate.claims), "--claim") for c in options.claims}
        near = neighbourhood(debate, start, options.depth)
        chosen &= near
        words.append(f"within {options.depth} link(s) of " + ", ".join(curie(s).strip("<>") for s in sorted(start)))
    if not debate.claims:
        raise UsageError("there are no claims to map yet: add an article (icpa ingest FILE), review it and run icpa build")
    if not chosen:
        raise UsageError("no claim matches " + " and ".join(words) + "; loosen the filters")
    title = "Argument map" + (" " + "; ".join(words) if words else ": the whole corpus")
    return ArgumentMap(sorted(chosen), options, title)


def neighbourhood(debate: Debate, start: set[str], depth: int) -> set[str]:
    """The claims within ``depth`` links of ``start`` (links followed either way)."""
    near = defaultdict(set)
    for link in debate.links:
        near[link.source].add(link.target)
        near[link.target].add(link.source)
    seen, frontier = set(start), set(start)
    for _ in range(depth):
        frontier = {n for c in frontier for n in near[c]} - seen
        seen |= frontier
    return seen


def _nid(iri: str) -> str:
    return curie(iri).strip("<>")


def _claim_tip(debate: Debate, iri: str) -> str:
    claim = debate.claims[iri]
    article = debate.articles.get(claim.article)
    quote = claim.quotes[0] if claim.quotes else None
    holders = ", ".join(debate.label(h) for h in claim.holders)
    where = f"{article.label if article else ''} ({quote.anchor})" if quote else (article.label if article else "")
    return f"{holders}: “{quote.exact if quote else claim.text}”\n— {where}"


ACTOR = "https://w3id.org/icpa/ontology#Actor"


def _holder_nodes(m: ArgumentMap, debate: Debate) -> dict[tuple[str, str, str | None], list[str]]:
    """The holder nodes to draw and the claims each holds. Clustered per article, an actor is
    drawn in each article's cluster (``icpad:chris-ham@a004``), so that holding a claim is a
    short edge inside the cluster rather than one bundle across the whole map."""
    out: dict[tuple[str, str, str | None], list[str]] = defaultdict(list)
    for iri in m.claims:
        claim = debate.claims[iri]
        for h in claim.holders:
            if m.options.cluster == "article":
                article = debate.articles.get(claim.article)
                out[(f"{_nid(h)}@{article.id if article else _nid(claim.article)}", h, claim.article)].append(iri)
            else:
                out[(_nid(h), h, None)].append(iri)
    return out


def dot(m: ArgumentMap, debate: Debate) -> str:
    """The map as DOT (dot layout, left to right), with a key to the edge styles used."""
    g = drawing._graph("dot", True, m.title)
    g.attr(rankdir="LR", newrank="true", nodesep="0.25", ranksep="0.6", compound="true")
    chosen = set(m.claims)
    used, nodes_used = [], ["claim"]

    def use(kind: str) -> tuple[str, str, str]:
        if kind not in used:
            used.append(kind)
        colour, style, arrow, _ = drawing.STYLES[kind]
        return colour, style, arrow

    groups = defaultdict(list)
    for iri in m.claims:
        claim = debate.claims[iri]
        if m.options.cluster == "article":
            groups[claim.article].append(iri)
        elif m.options.cluster == "topic":
            targets = sorted(p.target for p in debate.positions_of(iri)) or ["(no position)"]
            groups[targets[0]].append(iri)
        else:
            groups[""].append(iri)
    import graphviz

    _cluster_of = {}
    holders = _holder_nodes(m, debate) if m.options.targets else {}
    for n, (group, claims) in enumerate(sorted(groups.items())):
        sub = graphviz.Digraph(name=f"cluster_{n}" if group else f"plain_{n}")
        if group:
            label = debate.articles[group].label if group in debate.articles else debate.label(group) if group != "(no position)" else group
            sub.attr(label=drawing.short(label, 60, 2), style="rounded", color="#b0bec5", fontsize="10")
        for iri in claims:
            sub.node(drawing.dot_name(_nid(iri)), label=drawing.short(debate.claims[iri].text, 30, 4), id=_nid(iri),
                     tooltip=_claim_tip(debate, iri), **drawing.NODE_STYLES["claim"])
        _cluster_of[group] = sub
    def holder_node(where, node_id: str, actor: str) -> None:
        where.node(drawing.dot_name(node_id), label=drawing.short(debate.label(actor), 24, 3), id=node_id,
                   tooltip=f"{debate.label(actor)} ({debate.kind_of(actor)})", **drawing.NODE_STYLES["actor"])

    for (node_id, actor, group), _claims in sorted(holders.items()):  # an article's holders inside its cluster
        if group is not None:
            holder_node(_cluster_of[group], node_id, actor)
    for sub in _cluster_of.values():
        g.subgraph(sub)
    if m.options.targets:
        targets = {p.target for p in debate.positions if p.claim in chosen and p.target not in debate.claims}
        for (node_id, actor, group), claims in sorted(holders.items()):
            if group is None:
                holder_node(g, node_id, actor)
            for iri in claims:
                colour, style, arrow = use("holds")
                g.edge(drawing.dot_name(node_id), drawing.dot_name(_nid(iri)), color=colour, style=style, arrowhead=arrow,
                       tooltip=f"{debate.label(actor)} holds {_nid(iri)}")
        for t in sorted(targets):
            kind = "actor" if debate.is_a(t, ACTOR) else "concept"
            g.node(drawing.dot_name(_nid(t)), label=drawing.short(debate.label(t), 24, 3), id=_nid(t),
                   tooltip=f"{debate.label(t)} ({debate.kind_of(t)})", **drawing.NODE_STYLES[kind])
        if holders:
            nodes_used.insert(0, "actor")
        if targets:
            nodes_used.append("concept")
    for p in debate.positions:
        if p.claim not in chosen or (not m.options.targets and p.target not in debate.claims):
            continue
        if p.target in debate.claims and p.target not in chosen:
            continue
        colour, style, arrow = use(p.polarity)
        label = p.polarity + (f": {drawing.short(p.condition, 30, 1)}" if p.condition else "")
        g.edge(drawing.dot_name(_nid(p.claim)), drawing.dot_name(_nid(p.target)), color=colour, style=style, arrowhead=arrow,
               fontcolor=colour, label=label if p.polarity != "neutral" else "",
               tooltip=f"{_nid(p.claim)} is {p.polarity} {debate.label(p.target)}" + (f", if: {p.condition}" if p.condition else ""))
    for link in debate.links:
        if link.source in chosen and link.target in chosen:
            colour, style, arrow = use(link.kind)
            g.edge(drawing.dot_name(_nid(link.source)), drawing.dot_name(_nid(link.target)), color=colour, style=style,
                   arrowhead=arrow, penwidth="1.6", constraint="false" if link.kind in ("agrees with", "elaborates") else "true",
                   tooltip=f"{_nid(link.source)} {link.kind} {_nid(link.target)}" + (f" (curator: {link.reason})" if link.reason else ""))
    order = [k for k in drawing.STYLES if k in used]
    g.attr(label=drawing.legend(order, nodes_used, m.title))
    return g.source


def details(m: ArgumentMap, debate: Debate) -> dict[str, dict]:
    """What the HTML page shows for each node: claims with their quotes and articles, actors and
    targets with the claims of the map that involve them."""
    chosen = set(m.claims)
    items = {}
    for iri in m.claims:
        claim = debate.claims[iri]
        article = debate.articles.get(claim.article)
        facts = [f"Held by {', '.join(debate.label(h) for h in claim.holders)}"
                 + (f", reported by {', '.join(debate.label(r) for r in claim.reporters)}" if claim.reporters else "")]
        facts += [f"{p.polarity} {debate.label(p.target)}" + (f" (if: {p.condition})" if p.condition else "")
                  for p in debate.positions_of(iri)]
        facts += [f"{link.kind} {_nid(link.target)}: {debate.claims[link.target].text}" for link in debate.links_from(iri)
                  if link.target in chosen]
        items[_nid(iri)] = {"label": claim.text, "kind": "claim " + _nid(iri), "facts": facts,
                            "quotes": [{"exact": q.exact, "anchor": q.anchor, "article": article.label if article else ""}
                                       for q in claim.quotes]}
    involved = defaultdict(set)
    for (node_id, actor, _group), claims in _holder_nodes(m, debate).items():
        involved[(node_id, actor)].update(claims)
    for p in debate.positions:
        if p.claim in chosen and p.target not in debate.claims:
            involved[(_nid(p.target), p.target)].add(p.claim)
    for (node_id, thing), claims in sorted(involved.items()):
        items.setdefault(node_id, {"label": debate.label(thing), "kind": debate.kind_of(thing),
                                   "facts": [f"{_nid(c)}: {debate.claims[c].text}" for c in sorted(claims)], "quotes": []})
    return items


def listing(m: ArgumentMap, debate: Debate) -> list[str]:
    """A text alternative to the picture: each claim, who holds it, its positions and links."""
    import html

    chosen = set(m.claims)
    lines = []
    for iri in m.claims:
        claim = debate.claims[iri]
        parts = [f"<b>{html.escape(_nid(iri))}</b> ({html.escape(', '.join(debate.label(h) for h in claim.holders))}): "
                 f"{html.escape(claim.text)}"]
        parts += [html.escape(f"{p.polarity} {debate.label(p.target)}" + (f" (if: {p.condition})" if p.condition else ""))
                  for p in debate.positions_of(iri)]
        parts += [html.escape(f"{link.kind} {_nid(link.target)} ({drawing.short(debate.claims[link.target].text, 60, 1)})")
                  for link in debate.links_from(iri) if link.target in chosen]
        lines.append("; ".join(parts))
    return lines
