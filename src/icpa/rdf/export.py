"""Writers for N-Triples, RDF/XML and JSON-LD that give the same bytes on every run.

Two things make rdflib's own output differ between runs: blank-node labels (random per parse)
and the order in which a graph's triples are iterated (which follows sets, so the hash seed).
:func:`canonical_triples` removes both: blank nodes get RGDA1 canonical labels
(``rdflib.compare.to_canonical_graph``) and the triples are sorted; the writers here write
them in that order. Turtle has its own writer (:mod:`icpa.rdf.turtle`). The table of formats
is :mod:`icpa.rdf.formats`.
"""

from __future__ import annotations

import re

from rdflib import BNode

from icpa.errors import UsageError
from icpa.rdf.terms import n3


def has_blank_nodes(graph) -> bool:
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in graph)


def canonical_triples(graph) -> list[tuple]:
    """The triples of ``graph``, blank nodes relabelled canonically, sorted by their N-Triples text.

    Blank nodes that form trees (each used as an object at most once, as OWL restrictions and
    lists are) are labelled by a digest of where they hang and what they hold, in one pass;
    any other shape falls back to RGDA1 (``rdflib.compare.to_canonical_graph``), which is
    exact for every graph but takes seconds on an ontology's thousand blank nodes.
    """
    if has_blank_nodes(graph):
        labels = _tree_labels(graph)
        if labels is None:
            from rdflib.compare import to_canonical_graph

            graph = to_canonical_graph(graph)
        else:
            graph = [tuple(labels.get(t, t) for t in triple) for triple in graph]
    return sorted(graph, key=lambda t: (n3(t[0]), n3(t[1]), n3(t[2])))


def _tree_labels(graph) -> dict | None:
    """Canonical labels for blank nodes that form trees, or None when they do not."""
    import hashlib

    out_edges: dict[BNode, list[tuple]] = {}
    parent: dict[BNode, tuple] = {}
    for s, p, o in graph:
        if isinstance(s, BNode):
            out_edges.setdefault(s, []).append((p, o))
        if isinstance(o, BNode):
            if o in parent:
                return None  # shared: not a tree
            parent[o] = (s, p)
            out_edges.setdefault(o, [])
    content: dict[BNode, str] = {}

    def body(b: BNode, seen: frozenset) -> str:
        if b in content:
            return content[b]
        if b in seen:
            raise ValueError("cycle")
        parts = sorted(f"{n3(p)} {body(o, seen | {b}) if isinstance(o, BNode) else n3(o)}" for p, o in out_edges[b])
        content[b] = "[" + " ; ".join(parts) + "]"
        return content[b]

    try:
        for b in out_edges:
            body(b, frozenset())
    except (ValueError, RecursionError):
        return None
    labels: dict[BNode, BNode] = {}

    def name(key: str, members: list[BNode]) -> None:
        # identical subtrees in the same place are interchangeable: any order among them is canonical
        for i, b in enumerate(members):
            labels[b] = BNode("b" + hashlib.sha256(f"{key}|{i}".encode()).hexdigest()[:32])

    groups: dict[str, list[BNode]] = {}
    for b in out_edges:
        if b not in parent:  # a root: hangs from nothing
            groups.setdefault(content[b], []).append(b)
        elif not isinstance(parent[b][0], BNode):  # hangs from a named subject
            s, p = parent[b]
            groups.setdefault(f"{n3(s)} {n3(p)} {content[b]}", []).append(b)
    level = list(groups.items())
    while level:  # top down: a child's key holds its parent's label, so cousins never swap
        for key, members in level:
            name(key, members)
        groups = {}
        for _key, members in level:
            for b in members:
                for p, o in out_edges[b]:
                    if isinstance(o, BNode):
                        groups.setdefault(f"{labels[b]} {n3(p)} {content[o]}", []).append(o)
        level = list(groups.items())
    return labels


def nt_lines(graph) -> list[str]:
    """Sorted, distinct N-Triples lines (blank nodes with canonical labels)."""
    return sorted({f"{n3(s)} {n3(p)} {n3(o)} ." for s, p, o in canonical_triples(graph)})


def write_nt(graph) -> str:
    lines = nt_lines(graph)
    return "\n".join(lines) + "\n" if lines else ""


_NAME_START = re.compile(r"[A-Za-z_\u00C0-\uFFFF]")
_NAME_CHAR = re.compile(r"[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]")


def _split(iri: str) -> tuple[str, str]:
    """An IRI as namespace + the longest local part that is an XML name (RDF/XML writes
    predicates as QNames)."""
    k = len(iri)
    while k > 0 and _NAME_CHAR.match(iri[k - 1]):
        k -= 1
    while k < len(iri) and not _NAME_START.match(iri[k]):
        k += 1
    if k >= len(iri):
        raise UsageError(f"cannot write the predicate <{iri}> in RDF/XML: its IRI does not end in an XML name; use ttl or nt")
    return iri[:k], iri[k:]


def write_rdfxml(graph) -> str:
    """RDF/XML, one ``rdf:Description`` per subject, everything sorted: the same bytes on every run.

    rdflib's own RDF/XML writer lists subjects in the order of its store's sets, so its output
    moved with the hash seed; this one is small enough to own.
    """
    from xml.sax.saxutils import escape, quoteattr

    from rdflib import Literal, URIRef

    from icpa.vocab import PREFIXES, RDF

    triples = canonical_triples(graph)
    prefixes = {ns: p for p, ns in PREFIXES}
    for _, p, _ in triples:
        ns, _local = _split(str(p))
        if ns not in prefixes:
            prefixes[ns] = None
    extra = sorted(ns for ns, p in prefixes.items() if p is None)
    for i, ns in enumerate(extra, 1):
        prefixes[ns] = f"ns{i}"
    used = sorted({_split(str(p))[0] for _, p, _ in triples} | {RDF})
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"   xmlns:{prefixes[ns]}={quoteattr(ns)}" for ns in sorted(used, key=lambda n: prefixes[n])]
    lines[-1] += ">"

    def node(attr_iri: str, attr_node: str, term) -> str:
        return f"{attr_node}={quoteattr(str(term))}" if isinstance(term, BNode) else f"{attr_iri}={quoteattr(str(term))}"

    subject = None
    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                lines.append("  </rdf:Description>")
            lines.append(f"  <rdf:Description {node('rdf:about', 'rdf:nodeID', s)}>")
            subject = s
        ns, local = _split(str(p))
        tag = f"{prefixes[ns]}:{local}"
        if isinstance(o, Literal):
            attrs = f" xml:lang={quoteattr(o.language)}" if o.language else (
                f" rdf:datatype={quoteattr(str(o.datatype))}" if o.datatype is not None else "")
            lines.append(f"    <{tag}{attrs}>{escape(str(o))}</{tag}>")
        elif isinstance(o, (URIRef, BNode)):
            lines.append(f"    <{tag} {node('rdf:resource', 'rdf:nodeID', o)}/>")
    if subject is not None:
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"


def write_jsonld(graph) -> str:
    """JSON-LD: the icpa prefixes as its context, one node object per subject, all sorted.

    rdflib's JSON-LD writer lists nodes in the order of its store's sets (it moved with the hash
    seed); this one writes compact IRIs where a prefix fits, so the file reads like the Turtle.
    """
    import json

    from rdflib import Literal, URIRef

    from icpa.vocab import PREFIXES, RDF, curie

    def name(iri: str) -> str:
        short = curie(iri)
        return iri if short.startswith("<") else short

    def ref(term) -> str:
        return f"_:{term}" if isinstance(term, BNode) else name(str(term))

    nodes: dict[str, dict] = {}
    for s, p, o in canonical_triples(graph):
        node = nodes.setdefault(ref(s), {"@id": ref(s)})
        if str(p) == RDF + "type" and isinstance(o, URIRef):
            node.setdefault("@type", []).append(name(str(o)))
            continue
        if isinstance(o, Literal):
            value = {"@value": str(o)}
            if o.language:
                value["@language"] = o.language
            elif o.datatype is not None:
                value["@type"] = name(str(o.datatype))
        else:
            value = {"@id": ref(o)}
        node.setdefault(name(str(p)), []).append(value)
    doc = {"@context": {p: ns for p, ns in PREFIXES}, "@graph": [nodes[k] for k in sorted(nodes)]}
    return json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
