"""The client-side ORDER BY read numeric literals with Python's parsers, which take forms
Oxigraph does not read as numbers: an integer beyond 64 bits, "1_0", " 7". Oxigraph keeps those
as plain typed literals and orders them by their text against the numbers, so the client put
them elsewhere; now it leaves such a column to the engine."""

import pyoxigraph as ox
import pytest

from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.sparql import ordering

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("odd", ["100000000000000000000000", f'"1_0"^^<{XSD}integer>', f'" 7"^^<{XSD}int>',
                                 f'"Infinity_"^^<{XSD}double>'])
def test_client_order_reads_numbers_as_oxigraph_does(odd):
    store = ox.Store()
    text = f"SELECT ?x WHERE {{ VALUES ?x {{ 5 {odd} 20 }} }} ORDER BY ?x"
    plan = ordering.split(text)
    assert ordering.sort(OxigraphBackend(store).execute(plan.text), plan.keys) is None
    assert OxigraphBackend(store, client_order=True).execute(text).rows == OxigraphBackend(store).execute(text).rows


@pytest.mark.parametrize("values", [
    f'9223372036854775807 -2 "+5"^^<{XSD}int> 1.5',  # the largest i64 beside integers and decimals
    f'-2 "+5"^^<{XSD}int> 1.5 "INF"^^<{XSD}double> "-1e3"^^<{XSD}double>',  # all exact as doubles
])
def test_numbers_oxigraph_reads_are_still_sorted_on_the_client(values):
    store = ox.Store()
    text = f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} ORDER BY ?x"
    plan = ordering.split(text)
    client = ordering.sort(OxigraphBackend(store).execute(plan.text), plan.keys)
    assert client is not None and client.rows == OxigraphBackend(store).execute(text).rows
