"""`"C:\\\\"` (an escaped backslash before the closing quote) made the hand-written scanner treat
the rest of the query as a string, so `?_name` parameters after it were not found."""

from icpa.sparql import binding, lexer, saved

TEXT = 'SELECT ?x WHERE { BIND("C:\\\\" AS ?dir) ?x <https://w3id.org/icpa/ontology#claimText> ?_text }'


def test_an_escaped_backslash_before_a_quote_keeps_the_parameters():
    query = saved.parse_text(TEXT, "query")
    assert [p.name for p in query.params] == ["text"]
    assert [t.text for t in lexer.tokenize(TEXT) if t.kind == "string"] == ['"C:\\\\"']


def test_the_binding_goes_after_the_string_into_the_where_group():
    query = saved.parse_text(TEXT, "query")
    bound = binding.inject_values(query.text, binding.bind(query, {"text": "x"}, lambda p: {}))
    assert bound.startswith('SELECT ?x WHERE { VALUES (?_text) { ("x") } ')
