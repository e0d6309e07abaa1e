"""What a person typed (a label, a CURIE, an IRI, a number) → an RDF term, safely.

Values become rdflib terms and reach the query as a ``VALUES`` block built from those terms,
placed at the start of the query's ``WHERE`` group, so the same text runs on any SPARQL 1.1
engine and nothing a user types is ever pasted into the query as text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from icpa import vocab
from icpa.errors import UsageError, shorten
from icpa.rdf.terms import n3
from icpa.sparql import lexer
from icpa.sparql.saved import Parameter, SavedQuery

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$")

#: label index: (lowercased label) -> {iri: display label}, for a parameter's candidates
Candidates = Callable[[Parameter], dict[str, dict[URIRef, str]]]
#: the part of that index matching one value: (parameter, value as typed, IRI or None) -> index
Lookup = Callable[[Parameter, str, "URIRef | None"], dict[str, dict[URIRef, str]]]


def label_key(text: str) -> str:
    """How labels and typed values are compared: lower-cased, white space squeezed.

    :meth:`icpa.engines.base.Backend.candidates` files labels under this key, and
    :meth:`~icpa.engines.base.Backend.lookup` applies the same in SPARQL.
    """
    return " ".join(text.split()).lower()


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``["actor=Chris Ham", ...]`` → ``{"actor": "Chris Ham"}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise UsageError(f"--param expects name=value, got {shorten(pair)}")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name in out:
            raise UsageError(f"parameter {name!r} given twice")
        out[name] = value
    return out


def expand_curie(text: str) -> URIRef | None:
    iri = vocab.expand(text)
    return URIRef(iri) if iri is not None else None


def to_iri(text: str) -> URIRef | None:
    """A full IRI (optionally in <>) or a CURIE with a known prefix, else None."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
        if not _IRI.match(text):
            raise UsageError(f"not a valid IRI: <{text}>")
        return URIRef(text)
    curie = expand_curie(text)
    if curie is not None:
        return curie
    if re.match(r"^(https?|urn|file):", text):
        if not _IRI.match(text):
            raise UsageError(f"not a valid IRI: {text!r}")
        return URIRef(text)
    return None


def literal(param: Parameter, value: str) -> Literal:
    kind = param.type
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise UsageError(f"parameter {param.name} must be an integer, got {shorten(value)}")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "decimal":
        try:
            return Literal(Decimal(value.strip()), datatype=XSD.decimal)
        except InvalidOperation:
            raise UsageError(f"parameter {param.name} must be a decimal number, got {shorten(value)}") from None
    if kind == "boolean":
        v = value.strip().lower()
        if v not in ("true", "false", "1", "0", "yes", "no"):
            raise UsageError(f"parameter {param.name} must be true or false, got {shorten(value)}")
        return Literal(v in ("true", "1", "yes"))
    if kind == "en":
        return Literal(value, lang="en")
    return Literal(value)


def resolve(param: Parameter, value: str, candidates: Candidates, lookup: Lookup | None = None) -> URIRef | Literal:
    """Turn what was typed for ``param`` into an RDF term, or raise a :class:`UsageError`.

    ``lookup`` (optional) finds the candidates matching the value alone; when it finds exactly
    one, the whole candidate index is never built (it is, for ambiguity and suggestions).
    """
    if param.type != "iri":
        return literal(param, value)
    iri = to_iri(value)
    typed = bool(param.cls or param.subclass_of)
    if iri is not None and not typed:
        return iri  # any IRI will do where the query says nothing about its kind
    key = label_key(value)
    if lookup is not None:
        found = lookup(param, value, iri)
        if iri is not None and any(iri in f for f in found.values()):
            return iri
        if iri is None and len(found.get(key, {})) == 1:
            return next(iter(found[key]))
    index = candidates(param)
    if iri is not None:
        if not any(iri in found for found in index.values()):
            raise UsageError(f"{shorten(value)} is not a known {_what(param)}")
        return iri
    found = index.get(key, {})
    if not found:
        # a class's local name typed on its own (VerticalIntegration)
        local = {iri: lab for labels in index.values() for iri, lab in labels.items() if vocab.local_name(str(iri)).lower() == key}
        found = local
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        listed = "; ".join(f"{lab} ({_short(i)})" for i, lab in sorted(found.items()))
        raise UsageError(f"{shorten(value)} is ambiguous for parameter {param.name}: {listed}; give a CURIE or IRI")
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(next(iter(index[c].values()))) for c in close)}?" if close else ""
    if not index:
        raise UsageError(f"no {_what(param)} is called {shorten(value)}, and it is not an IRI or CURIE (e.g. icpad:chris-ham)")
    raise UsageError(f"no {_what(param)} is called {shorten(value)}{hint}")


def _what(param: Parameter) -> str:
    c = param.cls or param.subclass_of or "thing"
    return c.split(":")[-1].split("#")[-1]


def _short(iri: URIRef) -> str:
    return vocab.curie(str(iri))


def bind(query: SavedQuery, values: dict[str, str], candidates: Candidates,
         lookup: Lookup | None = None) -> dict[str, URIRef | Literal]:
    """Check the given values against the query's parameters and resolve them to terms."""
    extra = set(values) - {p.name for p in query.params}
    if extra:
        names = ", ".join(p.name for p in query.params) or "none"
        raise UsageError(f"unknown parameter(s) {', '.join(sorted(extra))} for {query.name}; it takes: {names}")
    bound: dict[str, URIRef | Literal] = {}
    for p in query.params:
        value = values.get(p.name, p.default)
        if value is None:
            example = f" (e.g. --param {p.name}=\"{p.example}\")" if p.example else ""
            raise UsageError(f"missing parameter {p.name} for {query.name}{example}")
        bound[p.variable] = resolve(p, value, candidates, lookup)
    return bound


def inject_values(text: str, bindings: dict[str, URIRef | Literal]) -> str:
    """Add ``VALUES (?v ...) { (term ...) }`` at the start of the outermost query's WHERE group.

    The outermost one, not the first ``{``: with the ``WHERE`` keyword left out
    (``SELECT ?c { { SELECT ... WHERE { ... } } ... }``) the first ``WHERE`` is a sub-select's,
    where the binding would not reach the outer pattern.
    """
    if not bindings:
        return text
    pos = lexer.top_level_group(text)
    if pos is None:
        raise UsageError("cannot bind parameters: the query has no WHERE group")
    names = sorted(bindings)
    row = " ".join(n3(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    return text[:pos] + block + text[pos:]
