"""RDF terms as text: the one string escaper, and N-Triples/SPARQL syntax for a term.

The same escaping serves N-Triples, Turtle, SPARQL query text (a bound parameter) and the
SPARQL 1.1 TSV results format: backslash, double quote and the control characters that may
not appear raw in a short string (newline, carriage return, tab, backspace, form feed) become
their ``ECHAR`` escapes. Literals keep their lexical form exactly as given (``normalize=False``).
"""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})
_UNESCAPE = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def escape(text: str) -> str:
    """``text`` as the body of a double-quoted string in N-Triples, Turtle, SPARQL or TSV."""
    return text.translate(_ECHAR)


def unescape(body: str) -> str:
    """The text of a string body written with :func:`escape` (``\\uXXXX`` escapes too)."""
    out, i, n = [], 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _UNESCAPE:
            out.append(_UNESCAPE[nxt])
            i += 2
        elif nxt in "uU":
            width = 4 if nxt == "u" else 8
            out.append(chr(int(body[i + 2:i + 2 + width], 16)))
            i += 2 + width
        else:
            raise ValueError(f"bad escape \\{nxt}")
    return "".join(out)


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> Literal:
    """A literal with exactly this lexical form (rdflib would otherwise rewrite ``"1050"^^xsd:double``)."""
    if lang:
        return Literal(text, lang=lang)
    if datatype is None or datatype == str(XSD.string):
        return Literal(text)
    if datatype == str(RDF.langString):
        return Literal(text)
    return Literal(text, datatype=URIRef(datatype), normalize=False)


def literal_text(term: Literal, datatype_text) -> str:
    """A literal in SPARQL/Turtle syntax, with ``datatype_text(iri)`` writing its datatype."""
    body = f'"{escape(str(term))}"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype is not None and term.datatype != XSD.string:
        return f"{body}^^{datatype_text(str(term.datatype))}"
    return body


def n3(term) -> str:
    """A term in N-Triples syntax (also valid Turtle, SPARQL and SPARQL TSV)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return literal_text(term, lambda iri: f"<{iri}>")
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")
