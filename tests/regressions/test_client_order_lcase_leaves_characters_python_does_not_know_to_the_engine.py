"""ORDER BY LCASE(?v)/UCASE(?v) on the client used Python's case mappings, from Unicode tables
older than the ones Oxigraph's Rust was built with: U+A7CB (LATIN CAPITAL LETTER RAMS HORN, new
in Unicode 16) is unassigned to Python 3.11 and lower-cases to itself, while Oxigraph's LCASE
gives U+0264; the client then ordered it after U+0300 where Oxigraph puts it before. Text with
characters Python's tables do not know is left to the engine."""

import pyoxigraph as ox

from icpa.engines.oxigraph_engine import OxigraphBackend

QUERY = 'SELECT ?x WHERE {{ VALUES ?x {{ "\\u0300" "\\uA7CB" "b" }} }} ORDER BY {condition}'


def test_client_order_lcase_leaves_characters_python_does_not_know_to_the_engine():
    store = ox.Store()
    for condition in ("LCASE(?x)", "DESC(LCASE(?x))", "UCASE(?x)"):
        text = QUERY.format(condition=condition)
        assert OxigraphBackend(store, client_order=True).execute(text).rows == OxigraphBackend(store).execute(text).rows
