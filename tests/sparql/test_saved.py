"""Saved queries: metadata and parameters, safe binding, the runner."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from icpa import api, vocab
from icpa.engines.rdflib_engine import RdflibBackend
from icpa.engines.registry import open_engine
from icpa.errors import DataError, UsageError
from icpa.sparql import binding
from icpa.sparql import saved as queries

from ..conftest import CORPUS, DATA, SAVED, D, execute, saved_query

FIX = DATA / "queries"


def test_header_and_parameters_are_parsed():
    q = queries.load_file(FIX / "with_params.rq")
    assert q.summary == "Claims by an actor about a topic class."
    assert q.description == "A fixture with two parameters of different kinds."
    assert q.tags == ("fixture", "claims")
    assert [(p.name, p.type, p.variable) for p in q.params] == [
        ("actor", "iri", "_actor_iri"), ("type", "iri", "_type_iri"), ("limit", "string", "_limit")]
    assert q.param("actor").cls == "icpa:Actor" and q.param("type").subclass_of == "icpa:IntegrationType"
    assert q.param("limit").default == "5" and not q.param("limit").required
    assert q.example_call() == 'icpa query with_params --param actor="Steve Smith" --param type="vertical integration" --param limit=5'


def test_malformed_header_is_a_data_error():
    with pytest.raises(DataError, match=r"bad_header.rq: malformed '#\+' metadata"):
        queries.load_file(FIX / "bad_header.rq")


def test_list_columns_are_declared_and_their_items_sorted_on_every_engine():
    text = ('#+ summary: Members.\n#+ lists: [members]\n'
            'SELECT ?members WHERE { VALUES ?members { "b; A; c" "x" } }')
    q = queries.parse_text(text, "lists")
    assert q.lists == ("members",)
    for engine in ("oxigraph", "rdflib"):
        table = execute(q, engine=engine)
        assert sorted(str(r[0]) for r in table.rows) == ["A; b; c", "x"]
    with pytest.raises(DataError, match="'lists' must be a list of column names"):
        queries.parse_text("#+ summary: x\n#+ lists: members\nSELECT * WHERE {}", "bad")


def test_unknown_query_suggests_the_closest_name():
    if "claims-by-actor" not in SAVED:
        pytest.fail("claims-by-actor.rq is a required saved query")
    with pytest.raises(UsageError, match="unknown query 'claims-by-actr'; did you mean claims-by-actor"):
        saved_query("claims-by-actr")


@pytest.fixture(scope="module")
def local(graph):
    return RdflibBackend(graph)


@pytest.fixture(scope="module")
def fixture_query():
    return queries.load_file(FIX / "with_params.rq")


@pytest.mark.parametrize("typed", ["Steve Smith", "steve smith", "  STEVE   SMITH ", "icpad:steve-smith",
                                   "https://w3id.org/icpa/data/steve-smith", "<https://w3id.org/icpa/data/steve-smith>"])
def test_actor_parameter_accepts_label_curie_or_iri(local, fixture_query, typed):
    assert binding.resolve(fixture_query.param("actor"), typed, local.candidates) == D["steve-smith"]


def test_class_parameter_accepts_label_or_local_name(local, fixture_query):
    p = fixture_query.param("type")
    vi = URIRef(vocab.ICPA + "VerticalIntegration")
    assert binding.resolve(p, "vertical integration", local.candidates) == vi
    assert binding.resolve(p, "VerticalIntegration", local.candidates) == vi
    assert binding.resolve(p, "icpa:VerticalIntegration", local.candidates) == vi


def test_unknown_label_is_refused_with_suggestions(local, fixture_query):
    with pytest.raises(UsageError, match="no Actor is called 'Steve Smyth'; did you mean 'Steve Smith'"):
        binding.resolve(fixture_query.param("actor"), "Steve Smyth", local.candidates)


def test_ambiguous_label_is_refused_with_candidates(fixture_query):
    def two(param):
        return {"smith": {D["steve-smith"]: "Smith (Imperial)", D["other-smith"]: "Smith (elsewhere)"}}

    with pytest.raises(UsageError) as exc:
        binding.resolve(fixture_query.param("actor"), "Smith", two)
    assert "ambiguous" in str(exc.value)
    assert "icpad:steve-smith" in str(exc.value) and "icpad:other-smith" in str(exc.value)


@pytest.mark.parametrize("bad", ["<https://example.org/a b>", "<javascript:x>\"", 'https://x.org/"}} DROP'])
def test_invalid_iri_is_refused(fixture_query, bad):
    with pytest.raises(UsageError):
        binding.resolve(fixture_query.param("actor"), bad, lambda p: {})


def test_iri_of_the_wrong_kind_is_refused(local, fixture_query):
    with pytest.raises(UsageError, match="not a known Actor"):
        binding.resolve(fixture_query.param("actor"), "icpad:a000-c01", local.candidates)


@pytest.mark.parametrize(("ptype", "value", "term"), [
    ("integer", "42", Literal(42, datatype=XSD.integer)),
    ("decimal", "1.5", Literal("1.5", datatype=XSD.decimal)),
    ("boolean", "yes", Literal(True)),
    ("en", "care", Literal("care", lang="en")),
    ("string", 'a "quoted" } value', Literal('a "quoted" } value')),
])
def test_literal_parameters_are_typed_terms(ptype, value, term):
    p = queries.Parameter("x", ptype, f"_x_{ptype}")
    assert binding.literal(p, value) == term


@pytest.mark.parametrize(("ptype", "value"), [("integer", "4x"), ("decimal", "one"), ("boolean", "maybe")])
def test_invalid_literal_is_refused(ptype, value):
    with pytest.raises(UsageError, match="must be"):
        binding.literal(queries.Parameter("x", ptype, "_x"), value)


def test_values_block_goes_into_the_where_group_and_survives_hostile_text(local):
    q = queries.parse_text('SELECT ?c WHERE { ?c <https://w3id.org/icpa/ontology#claimText> ?_t }', "t")
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { "'
    text = binding.inject_values(q.text, binding.bind(q, {"t": hostile}, lambda p: {}))
    assert text.startswith("SELECT ?c WHERE { VALUES (?_t) {")
    assert local.execute(text).rows == []  # parsed as one literal: no injection


def test_missing_and_extra_parameters_are_usage_errors(fixture_query):
    with pytest.raises(UsageError, match='missing parameter actor .*--param actor="Steve Smith"'):
        binding.bind(fixture_query, {"type": "x"}, lambda p: {})
    with pytest.raises(UsageError, match="unknown parameter\\(s\\) colour .* it takes: actor, type, limit"):
        binding.bind(fixture_query, {"colour": "red"}, lambda p: {})


def test_syntax_error_reports_line_and_column():
    with pytest.raises(DataError, match=r"SPARQL syntax error at line [23], column \d+"):
        api.run_sparql(str(FIX / "bad_syntax.rq"), corpus=CORPUS)


def test_adhoc_query_from_text_and_unreadable_file():
    table = api.run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> }", corpus=CORPUS)
    assert int(table.rows[0][0]) >= 80
    with pytest.raises(DataError, match="no such file"):
        api.run_sparql("missing.rq", corpus=CORPUS)


# --- every saved query against its hand-checked answer --------------------------------------


def test_there_are_at_least_25_saved_queries_and_some_need_reasoning():
    assert len(SAVED) >= 25
    catalogue = queries.catalogue(CORPUS.queries_dir)
    assert sum(q.reasoned for q in catalogue.values()) >= 4
    assert all(q.summary for q in catalogue.values())


def _no_full_index(param):
    raise AssertionError("the whole candidate index was built although the value matched one candidate")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("typed", ["Steve Smith", "  STEVE   SMITH ", "icpad:steve-smith", "<https://w3id.org/icpa/data/steve-smith>"])
def test_a_value_matching_one_candidate_is_found_without_the_whole_index(fixture_query, engine, typed):
    backend = open_engine(engine, corpus=CORPUS)
    assert binding.resolve(fixture_query.param("actor"), typed, _no_full_index, backend.lookup) == D["steve-smith"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_with_a_lookup_unknown_and_wrong_kind_values_are_still_refused(fixture_query, engine):
    backend = open_engine(engine, corpus=CORPUS)
    p = fixture_query.param("actor")
    with pytest.raises(UsageError, match="did you mean 'Steve Smith'"):
        binding.resolve(p, "Steve Smyth", backend.candidates, backend.lookup)
    with pytest.raises(UsageError, match="not a known Actor"):
        binding.resolve(p, "icpad:a000-c01", backend.candidates, backend.lookup)


@pytest.mark.parametrize("labels", [('"Alpha"', '"alpha"'), ('"Alpha"@en', '"Alpha"@de'), ('"Alpha Beta"', '"Alpha  Beta"')])
def test_with_a_lookup_labels_that_differ_only_in_case_tag_or_spacing_are_still_ambiguous(labels):
    from rdflib import Graph

    from icpa.sparql.saved import Parameter

    ex = "http://example.org/"
    g = Graph().parse(data=f"<{ex}a> a <{ex}Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> {labels[0]} .\n"
                           f"<{ex}b> a <{ex}Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> {labels[1]} .\n", format="turtle")
    backend = RdflibBackend(g)
    p = Parameter("actor", "iri", "_actor_iri", cls=f"{ex}Actor")
    typed = labels[0].split('"')[1]
    with pytest.raises(UsageError, match="ambiguous"):
        binding.resolve(p, typed, backend.candidates, backend.lookup)


def test_saved_queries_name_classes_and_properties_not_one_corpus_individuals():
    """Every built-in query must answer on any project (issue 14): none names an individual of
    the bundled corpus (``icpad:…`` outside comments and PREFIX lines). (nuffield-trust-routes
    named icpad:nuffield-trust and who-fears-what icpad:general-practitioners until issue 14.)"""
    import re

    from ..conftest import CORPUS

    naming = set()
    for path in sorted(CORPUS.queries_dir.glob("*.rq")):
        body = [line for line in path.read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith(("#", "PREFIX"))]
        if re.search(r"\bicpad:[a-z]", "\n".join(body)):
            naming.add(path.stem)
    assert naming == set()
