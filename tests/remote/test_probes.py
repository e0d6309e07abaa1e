"""The known-answer probes (icpa.remote.probes), without a server: a backend that answers as icpa
does passes every probe; one that answers a shape wrongly is named, with advice by server."""

from __future__ import annotations

import pyoxigraph as ox

from icpa import kg
from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.remote import probes, publish


def _backend(lines):
    store = ox.Store()
    store.bulk_load(("\n".join(lines) + "\n").encode(), ox.RdfFormat.N_TRIPLES)
    return OxigraphBackend(store)


class WrongOnPaths:
    """Answers as Oxigraph does, except that a query with FILTER NOT EXISTS and OPTIONAL gets no rows
    (what a fresh Virtuoso 7.2.5 did)."""

    def __init__(self, inner):
        self.inner = inner

    def execute(self, text):
        table = self.inner.execute(text)
        if "FILTER NOT EXISTS" in text and "OPTIONAL" in text:
            table.rows = []
        return table


LINES = publish.prepare(kg.load())


def test_every_probe_agrees_with_the_same_engine_and_has_an_answer():
    report = probes.run(_backend(LINES), LINES)
    assert report.probes == len(probes.PROBES) and report.failed == []
    assert report.advice("http://x/sparql", "Virtuoso/07.20") is None
    local = _backend(LINES)
    for probe in probes.PROBES:  # a probe whose answer is empty could not tell a wrong server
        assert local.execute(probes._PREFIXES + probe.text).rows, probe.name


def test_a_shape_answered_wrongly_is_named_with_the_servers_advice():
    report = probes.run(WrongOnPaths(_backend(LINES)), LINES)
    names = {p.name for p in probes.PROBES if "FILTER NOT EXISTS" in p.text and "OPTIONAL" in p.text}
    assert set(report.failed) == names and names
    advice = report.advice("http://x/sparql", "Virtuoso/07.20.3229 (Linux)")
    assert advice.startswith(f"http://x/sparql answered {len(names)} of {len(probes.PROBES)} known-answer probes differently")
    assert "restart the server once (openlink/virtuoso-opensource#929)" in advice
    other = report.advice("http://y/query", "SomeStore/1.0")
    assert "restart" not in other and "compare its answers" in other


def test_a_graph_that_differs_fails_the_probes():
    """The probes compare with the lines published: a server holding something else is named."""
    fewer = [line for line in LINES if "identifiesBarrier" not in line]
    assert probes.run(_backend(fewer), LINES).failed
