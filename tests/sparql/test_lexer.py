"""The one SPARQL tokenizer and what icpa reads from its tokens."""

from __future__ import annotations

import pytest

from icpa.sparql import lexer

TRICKY = ('PREFIX a: <http://x/#y> # "a comment" { with a brace\n'
          'SELECT ?s WHERE { ?s a:p "# kept" , \'it\\\'s\' , """long "quoted" { text""" , "C:\\\\" . ?s a:q ?_after }\n')


def test_tokens_cover_the_text_exactly():
    assert "".join(t.text for t in lexer.tokenize(TRICKY)) == TRICKY


def test_strings_iris_and_comments_are_recognised_with_their_escapes():
    strings = [t.text for t in lexer.tokenize(TRICKY) if t.kind == "string"]
    assert strings == ['"# kept"', "'it\\'s'", '"""long "quoted" { text"""', '"C:\\\\"']
    assert [t.text for t in lexer.tokenize(TRICKY) if t.kind == "iri"] == ["<http://x/#y>"]
    assert [t.text for t in lexer.variables(TRICKY)] == ["?s", "?s", "?s", "?_after"]


def test_comments_are_stripped_but_not_from_strings_and_iris():
    text = 'PREFIX a: <http://x/#y> # "a comment"\nSELECT ?s WHERE { ?s a:p "# kept" } # end\n'
    assert lexer.strip_comments(text) == 'PREFIX a: <http://x/#y> \nSELECT ?s WHERE { ?s a:p "# kept" } \n'


def test_masking_keeps_offsets():
    masked = lexer.masked(TRICKY)
    assert len(masked) == len(TRICKY) and "kept" not in masked and "?_after" in masked


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT * WHERE {}", "SELECT"), ("PREFIX x: <http://x/> BASE <http://b/> ASK {}", "ASK"),
    ("construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <http://x/>", "DESCRIBE"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "UPDATE"), ("PREFIX x: <http://x/> DELETE WHERE { ?s x:p ?o }", "UPDATE"),
    ("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"), ("# SELECT\nnonsense", None), ("", None),
])
def test_query_form(text, form):
    assert lexer.form(text) == form


@pytest.mark.parametrize(("text", "after"), [
    ("SELECT ?c WHERE { ?c ?p ?o }", "SELECT ?c WHERE {"),
    ("SELECT ?c { { SELECT ?c WHERE { ?c ?p ?o } } ?c ?q ?_x }", "SELECT ?c {"),
    ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "SELECT (COUNT(*) AS ?n) {"),
    ("ASK { ?s ?p ?o }", "ASK {"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
    ('SELECT ?x WHERE { BIND("{" AS ?x) }', "SELECT ?x WHERE {"),
    ("# WHERE {\nSELECT * FROM <http://g/> WHERE { ?s ?p ?o }", "# WHERE {\nSELECT * FROM <http://g/> WHERE {"),
])
def test_the_outermost_where_group(text, after):
    assert text[: lexer.top_level_group(text)] == after


def test_service_and_dataset_clauses_are_seen_only_as_keywords():
    assert lexer.calls_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    assert not lexer.calls_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    assert lexer.has_dataset_clause("SELECT * FROM <http://g/> WHERE { ?s ?p ?o }")
    assert not lexer.has_dataset_clause('SELECT * WHERE { ?s ?p "FROM" }')


def test_text_the_grammar_does_not_allow_becomes_error_tokens_never_an_exception():
    tokens = lexer.tokenize('SELECT ` ~ "unterminated')
    assert "".join(t.text for t in tokens) == 'SELECT ` ~ "unterminated'
    assert any(t.kind == "error" for t in tokens)
