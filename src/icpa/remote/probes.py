"""Known-answer probes: does a SPARQL server answer the query shapes the saved queries rely on as
icpa's own engine does, on the graph just published?

A server can hold the right triples and still answer wrongly. Virtuoso 7.2.5, measured on a
database it created in the same run, returns no rows for a class path (``rdfs:subClassOf*``)
filtered by ``FILTER NOT EXISTS`` over another path and followed by an ``OPTIONAL`` class path,
and after one restart the right ones (openlink/virtuoso-opensource#929). The saved queries
avoid the shapes found wrong; the probes hold both those (so a fresh database is named) and the
shapes the saved queries use instead, so that a server that gets one of those wrong is named too.
(One shape Virtuoso 7.2.5 gets wrong even after a restart, a class path in a sub-select beside an
``OPTIONAL`` sub-select walking the same hierarchy, is not probed: no saved query uses it, and a
probe that always fails would only teach users to ignore the warning; the README names it.)

Each probe is a small aggregate query over the icpa ontology and data (its answer has a row per
class, not per claim, so no server's row cap can cut it). :func:`run` sends each to the server,
reading ``graph``, and runs it with Oxigraph on the very N-Triples lines that were published
(blank nodes already skolemised, so both sides hold the same IRIs), and compares the answers as
multisets with numbers compared by value. A probe whose answers differ is named in the
returned advice; nothing is raised, because the graph itself was published correctly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Literal

from icpa.errors import EndpointError
from icpa.vocab import PREFIXES

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES if p in ("icpa", "rdfs"))


@dataclass(frozen=True)
class Probe:
    name: str  #: the shape tested, in words (it goes into the advice)
    text: str  #: the query, without its PREFIX lines


PROBES: tuple[Probe, ...] = (
    Probe("one class path, the root added by a UNION, in a sub-select with FILTER NOT EXISTS", """
SELECT ?categoryLabel (COUNT(?claim) AS ?claims) WHERE {
  { SELECT ?barrier ?categoryLabel WHERE {
      { ?category rdfs:subClassOf icpa:Barrier ; rdfs:label ?categoryLabel . ?barrierClass rdfs:subClassOf* ?category . }
      UNION { BIND (icpa:Barrier AS ?barrierClass) }
      ?barrier a ?barrierClass .
      FILTER NOT EXISTS { ?barrier a ?narrower . ?narrower rdfs:subClassOf+ ?barrierClass . FILTER (?narrower != ?barrierClass) } } }
  ?claim icpa:identifiesBarrier ?barrier .
} GROUP BY ?categoryLabel"""),
    Probe("a class path and its instances in a sub-select, joined with sub-selects", """
SELECT ?polarity (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?topic WHERE { ?class rdfs:subClassOf* icpa:IntegrationType . ?topic a ?class } }
  ?claim icpa:concernsIntegrationType ?topic .
  { SELECT ?claim ?polarity WHERE { ?claim icpa:statesPosition ?position . ?position icpa:hasPolarity ?polarity } }
  { SELECT ?claim ?article WHERE { ?claim icpa:reportedIn ?article } }
} GROUP BY ?polarity ORDER BY ?polarity"""),
    Probe("FILTER NOT EXISTS over a class path, then an OPTIONAL class path", """
SELECT ?incentiveClass ?kindLabel (COUNT(?claim) AS ?claims) WHERE {
  { SELECT DISTINCT ?claim ?incentive ?incentiveClass WHERE {
      ?incentiveClass rdfs:subClassOf* icpa:Incentive . ?incentive a ?incentiveClass .
      FILTER NOT EXISTS { ?incentive a ?narrower . ?narrower rdfs:subClassOf+ ?incentiveClass . FILTER (?narrower != ?incentiveClass) }
      ?claim icpa:concernsIncentive ?incentive . } }
  OPTIONAL { ?incentiveClass rdfs:subClassOf* ?kind . ?kind rdfs:subClassOf icpa:Incentive ; rdfs:label ?kindLabel . }
} GROUP BY ?incentiveClass ?kindLabel"""),
    Probe("a class path joined with sub-selects, counted per polarity", """
SELECT ?polarity (COUNT(*) AS ?n) WHERE {
  ?class rdfs:subClassOf* icpa:IntegrationType . ?topic a ?class .
  ?claim icpa:concernsIntegrationType ?topic .
  { SELECT ?claim ?polarity WHERE { ?claim icpa:statesPosition ?position . ?position icpa:hasPolarity ?polarity } }
  { SELECT ?claim ?article WHERE { ?claim icpa:reportedIn ?article } }
} GROUP BY ?polarity"""),
    Probe("an aggregate over an OPTIONAL class path", """
SELECT ?category (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?category rdfs:subClassOf icpa:Barrier .
  OPTIONAL { ?class rdfs:subClassOf* ?category . ?barrier a ?class . ?claim icpa:identifiesBarrier ?barrier . }
} GROUP BY ?category"""),
    Probe("FILTER EXISTS over a class path", """
SELECT (COUNT(*) AS ?n) WHERE {
  ?claim icpa:identifiesBarrier ?barrier .
  FILTER EXISTS { ?barrier a ?class . ?class rdfs:subClassOf* icpa:Barrier } }"""),
)

#: what to do when a probe fails, by the start of the server's ``Server`` header
ADVICE = {
    "virtuoso": "Virtuoso 7.2 does this on a database it created in the same run: restart the server once "
                "(openlink/virtuoso-opensource#929), then check again with `icpa publish --probe-only`",
}


@dataclass
class ProbeReport:
    probes: int
    failed: list[str]  #: the names of the probes whose answers differ

    def advice(self, endpoint: str, server: str) -> str | None:
        """One warning line, or None when every probe agreed."""
        if not self.failed:
            return None
        what = next((text for name, text in ADVICE.items() if server.lower().startswith(name)),
                    "check the server, or compare its answers with `icpa query NAME` run locally")
        return (f"{endpoint} answered {len(self.failed)} of {self.probes} known-answer probes differently from icpa's own "
                f"engine ({'; '.join(self.failed)}): its answers to saved queries may be wrong. {what}")


def run(backend, lines: Sequence[str]) -> ProbeReport:
    """Every probe on ``backend`` (a :class:`~icpa.remote.backend.RemoteBackend` reading the
    published graph) and on Oxigraph over ``lines`` (the N-Triples that were published)."""
    import pyoxigraph as ox

    from icpa.engines.oxigraph_engine import OxigraphBackend

    store = ox.Store()
    store.bulk_load(("\n".join(lines) + "\n").encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    local = OxigraphBackend(store)
    failed = []
    for probe in PROBES:
        text = _PREFIXES + probe.text
        try:
            there = backend.execute(text)
        except EndpointError:
            failed.append(f"{probe.name} (the server refused it)")
            continue
        if _answer(there) != _answer(local.execute(text)):
            failed.append(probe.name)
    return ProbeReport(probes=len(PROBES), failed=failed)


def _answer(table) -> Counter:
    return Counter(tuple(_value(term) for term in row) for row in table.rows)


def _value(term):
    """Numbers by value (servers differ on integer subtypes and lexical forms), the rest as terms."""
    if isinstance(term, Literal) and term.datatype is not None and not term.language:
        try:
            return ("number", Decimal(str(term.value))) if isinstance(term.value, (int, float, Decimal)) \
                and not isinstance(term.value, bool) else term
        except InvalidOperation:
            return term
    return term
