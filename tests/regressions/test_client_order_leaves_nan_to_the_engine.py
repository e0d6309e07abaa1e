"""A client-side ORDER BY over a column holding "NaN"^^xsd:double or xsd:decimal crashed with an
uncaught decimal.InvalidOperation. NaN is unordered (Oxigraph then compares texts), so the
client leaves such a column to the engine."""

import pyoxigraph as ox

from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.sparql import ordering

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_client_order_leaves_nan_to_the_engine():
    store = ox.Store()
    for nan in (f'"NaN"^^<{XSD}double>', f'"NaN"^^<{XSD}float>', f'"NaN"^^<{XSD}decimal>'):
        text = f'SELECT ?x WHERE {{ VALUES ?x {{ "2"^^<{XSD}double> {nan} "1"^^<{XSD}double> 3 }} }} ORDER BY ?x'
        plan = ordering.split(text)
        assert ordering.sort(OxigraphBackend(store).execute(plan.text), plan.keys) is None
        assert OxigraphBackend(store, client_order=True).execute(text).rows == OxigraphBackend(store).execute(text).rows
