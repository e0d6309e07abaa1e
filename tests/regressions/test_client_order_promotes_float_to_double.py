"""On-disk stores sort on the client (icpa.sparql.ordering). It compared numbers by their decimal
text, so an xsd:float was not promoted to double as SPARQL (and Oxigraph) compare it:
"1.3"^^xsd:float is the f32 nearest 1.3, 1.29999995..., smaller than "1.29999996"^^xsd:double,
yet the client put the double first."""

import pyoxigraph as ox

from icpa.engines.oxigraph_engine import OxigraphBackend

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERY = (f'SELECT ?x WHERE {{ VALUES ?x {{ "1.29999996"^^<{XSD}double> "1.3"^^<{XSD}float> "1.3"^^<{XSD}double> }} }} '
         "ORDER BY CONDITION")


def test_client_order_promotes_float_to_double():
    store = ox.Store()
    for condition in ("?x", "DESC(?x)"):
        text = QUERY.replace("CONDITION", condition)
        engine = OxigraphBackend(store).execute(text).rows  # Oxigraph's own sort
        assert [str(r[0]) for r in engine][::1 if condition == "?x" else -1] == ["1.3", "1.29999996", "1.3"]
        assert OxigraphBackend(store, client_order=True).execute(text).rows == engine
