"""Oxigraph compares an integer or a decimal with an xsd:float after converting it to f32 (and with
a double after converting it to f64), so 16777217 equals "16777216"^^xsd:float there while it is
greater than the integer 16777216: its comparisons are not transitive and its order cannot be
reproduced. The client sorted such columns by exact value; now it leaves them to the engine,
and keeps columns whose conversions are all exact."""

import pyoxigraph as ox
import pytest

from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.sparql import ordering

XSD = "http://www.w3.org/2001/XMLSchema#"


def client(store, text):
    plan = ordering.split(text)
    return ordering.sort(OxigraphBackend(store).execute(plan.text), plan.keys)


@pytest.mark.parametrize("values", [
    f'16777217 "16777216"^^<{XSD}float> 16777216',
    f'9007199254740993 "9007199254740992"^^<{XSD}double> 9007199254740992',
    f'0.1 "0.1"^^<{XSD}float> "0.1"^^<{XSD}double>',
])
def test_client_order_leaves_inexact_number_comparisons_to_the_engine(values):
    store = ox.Store()
    text = f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} ORDER BY ?x"
    assert client(store, text) is None
    assert OxigraphBackend(store, client_order=True).execute(text).rows == OxigraphBackend(store).execute(text).rows


def test_exact_conversions_stay_on_the_client():
    store = ox.Store()
    text = f'SELECT ?x WHERE {{ VALUES ?x {{ 3 0.5 "0.25"^^<{XSD}float> "2"^^<{XSD}double> 16777216 }} }} ORDER BY DESC(?x)'
    assert [str(r[0]) for r in client(store, text).rows] == ["16777216", "3", "2", "0.5", "0.25"]
