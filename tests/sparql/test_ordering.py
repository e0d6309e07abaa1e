"""The final ORDER BY applied on the client gives the order Oxigraph gives (icpa.ordering)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.results.table import ResultTable
from icpa.sparql import ordering
from icpa.sparql.ordering import Key

HEAD = "PREFIX ex: <http://example.org/>\n"


def test_split_takes_the_final_order_by_and_its_conditions():
    text = HEAD + "SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ex:p ?b } GROUP BY ?a\nORDER BY DESC(?n) LCASE(?a) asc(ucase($a)) STR(?a) ?a\n"
    plan = ordering.split(text)
    assert plan.keys == (Key("n", None, True), Key("a", "LCASE"), Key("a", "UCASE"), Key("a", "STR"), Key("a"))
    assert "ORDER" not in plan.text and plan.text.startswith(HEAD + "SELECT ?a (COUNT(?b) AS ?n)") and "GROUP BY ?a" in plan.text


@pytest.mark.parametrize("tail", [
    "ORDER BY ?a LIMIT 5",                   # the engine must sort before it cuts
    "ORDER BY ?a OFFSET 2",
    "ORDER BY (?a + 1)",                     # an expression this module does not evaluate
    "ORDER BY STRLEN(?a)",
    "ORDER BY ?hidden",                      # not projected: the client never sees it
    "ORDER BY ?a VALUES ?a { ex:x }",
    "",                                      # nothing to take over
])
def test_split_leaves_the_order_to_the_engine_when_it_cannot_take_it_over(tail):
    assert ordering.split(HEAD + "SELECT ?a WHERE { ?a ex:p ?hidden }\n" + tail) is None


def test_split_ignores_order_by_in_comments_strings_and_sub_selects():
    text = (HEAD + "# ORDER BY ?x LIMIT 1\nSELECT ?a ?l WHERE {\n  { SELECT ?a WHERE { ?a ex:p ?b } ORDER BY ?b LIMIT 3 }\n"
            "  ?a ex:label ?l FILTER (?l != \"ORDER BY ?q\")\n}\nORDER BY ?l")
    plan = ordering.split(text)
    assert plan.keys == (Key("l"),)
    assert "ORDER BY ?b LIMIT 3" in plan.text and "# ORDER BY ?x LIMIT 1" in plan.text and plan.text.rstrip().endswith("}")


def test_split_accepts_select_star_and_refuses_other_query_forms():
    assert ordering.split(HEAD + "SELECT * WHERE { ?a ex:p ?b } ORDER BY ?b").keys == (Key("b"),)
    assert ordering.split(HEAD + "CONSTRUCT { ?a ex:q ?b } WHERE { ?a ex:p ?b } ORDER BY ?b") is None
    assert ordering.split(HEAD + "ASK { ?a ex:p ?b }") is None


TERMS = [
    "UNDEF", "<http://x/b>", "<http://x/a>", "<http://x/A>",
    '"b"@en', '"a"@en', '"B"@en', '"é"@en', '"Zebra"@en', '"zebra b"@en', '"a b"@en', '"10"@en',
]
NUMBERS = ["UNDEF", "10", "9", "2.5", "-1", "1e1", '"3"^^<http://www.w3.org/2001/XMLSchema#int>', "<http://x/n>"]


@pytest.mark.parametrize("values", [TERMS, NUMBERS], ids=["strings-and-iris", "numbers"])
@pytest.mark.parametrize("condition", ["?x", "DESC(?x)", "LCASE(?x)", "DESC(UCASE(?x))", "STR(?x)", "ASC(STR(?x))"])
def test_client_order_is_oxigraphs_order(values, condition):
    store = ox.Store()
    text = f"SELECT ?x ?i WHERE {{ VALUES (?x ?i) {{ {' '.join(f'({v} {i})' for i, v in enumerate(values))} }} }} ORDER BY {condition} ?i"
    engine = OxigraphBackend(store).execute(text)
    plan = ordering.split(text)
    client = ordering.sort(OxigraphBackend(store).execute(plan.text), plan.keys)
    assert client is not None and len(client.rows) == len(values)
    assert [row[1] for row in client.rows] == [row[1] for row in engine.rows]


def test_a_column_that_cannot_be_ordered_exactly_is_left_to_the_engine():
    table = ResultTable(vars=["x"], rows=[(Literal("a"),), (Literal(2),)])
    assert ordering.sort(table, (Key("x"),)) is None  # numbers mixed with strings
    table = ResultTable(vars=["x"], rows=[(Literal("a", lang="en"),), (Literal("a", lang="fr"),)])
    assert ordering.sort(table, (Key("x"),)) is None  # the same text in two languages
    table = ResultTable(vars=["x"], rows=[(Literal("2020-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),)])
    assert ordering.sort(table, (Key("x"),)) is None  # dates
    mixed = ResultTable(vars=["x"], rows=[(Literal("a", lang="en"),), (URIRef("http://x/a"),), (BNode("b"),), (None,)])
    assert [r[0] for r in ordering.sort(mixed, (Key("x"),)).rows] == [None, BNode("b"), URIRef("http://x/a"), Literal("a", lang="en")]


def test_the_backend_falls_back_to_the_engine_order_and_to_the_querys_own_errors():
    store = ox.Store()
    backend = OxigraphBackend(store, client_order=True)
    text = 'SELECT ?x WHERE { VALUES ?x { "b" 1 "a" } } ORDER BY ?x'
    assert backend.execute(text).rows == OxigraphBackend(store).execute(text).rows
    with pytest.raises(Exception, match="SPARQL syntax error at line 1"):
        backend.execute("SELECT ?x WHERE { ?x } ORDER BY ?x")
