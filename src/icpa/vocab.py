"""Namespaces, graph IRIs and the fixed prefix map: the one place they are defined.

Plain strings and the standard library only, so that ``icpa --help`` imports no RDF library.
Modules that want rdflib terms wrap these (``rdflib.Namespace(vocab.ICPA)``).
"""

from __future__ import annotations

import re

ONTOLOGY_IRI = "https://w3id.org/icpa/ontology"
ICPA = ONTOLOGY_IRI + "#"  #: classes and properties
DATA = "https://w3id.org/icpa/data/"  #: the bundled corpus's individuals
DATA_ONTOLOGY_IRI = "https://w3id.org/icpa/data"  #: the header of the compiled instance data

#: the named graph ``icpa publish`` writes and remote queries read by default
GRAPH = "https://w3id.org/icpa/graph"
INFERRED_SUFFIX = "/inferred"
#: where a store keeps its inferences, and where ``publish --reasoned`` puts them
INFERRED_GRAPH = GRAPH + INFERRED_SUFFIX


def inferred_graph(graph: str) -> str:
    """The graph that holds the inferences of ``graph`` (its IRI + ``/inferred``)."""
    return graph + INFERRED_SUFFIX


#: skolem IRIs of published blank nodes (RDF 1.1 §3.5 ``.well-known/genid``)
GENID = GRAPH + "/.well-known/genid/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
BIBO = "http://purl.org/ontology/bibo/"
AIF = "http://www.arg.dundee.ac.uk/aif#"
VANN = "http://purl.org/vocab/vann/"
SH = "http://www.w3.org/ns/shacl#"

#: the prefixes every icpa output uses, in the order Turtle files list them
PREFIXES: tuple[tuple[str, str], ...] = (
    ("icpa", ICPA),
    ("icpad", DATA),
    ("owl", OWL),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("oa", OA),
    ("foaf", FOAF),
    ("org", ORG),
    ("bibo", BIBO),
    ("aif", AIF),
    ("vann", VANN),
    ("sh", SH),
)
PREFIX_MAP = dict(PREFIXES)

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_BY_LENGTH = sorted(PREFIXES, key=lambda p: -len(p[1]))
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)?:([A-Za-z0-9_][A-Za-z0-9_.-]*)$")


def curie(iri: str) -> str:
    """``prefix:local`` where a fixed prefix fits and the local part is safe, else ``<iri>``."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def expand(text: str) -> str | None:
    """The IRI of a CURIE with one of the fixed prefixes, else None."""
    m = _CURIE.match(text)
    if not m:
        return None
    ns = PREFIX_MAP.get(m.group(1) or "")
    return ns + m.group(2) if ns else None


def local_name(iri: str) -> str:
    """What follows the last ``#`` or ``/`` of an IRI."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def sparql_prologue() -> str:
    """``PREFIX`` lines for the fixed prefixes (for queries icpa writes itself)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES)
