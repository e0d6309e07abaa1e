"""Answers were built with ``Literal(value, datatype=…)``, which rdflib normalises:
"1050"^^xsd:double came back as 1050.0, "3"^^xsd:float as 3.0, and "2006-08-24Z"^^xsd:date lost
its time zone (another value). The engine's lexical form is kept."""

from .conftest import run

QUERY = ('PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?d ?f ?t WHERE { '
         'BIND ("1050"^^xsd:double AS ?d) BIND ("3"^^xsd:float AS ?f) BIND ("2006-08-24Z"^^xsd:date AS ?t) }')


def test_answers_keep_the_engines_lexical_forms(tmp_path):
    result = run("sparql", QUERY, "-f", "tsv", cwd=tmp_path)
    assert result.code == 0, result.err
    row = result.out.splitlines()[1].split("\t")
    assert row == ['"1050"^^<http://www.w3.org/2001/XMLSchema#double>', '"3"^^<http://www.w3.org/2001/XMLSchema#float>',
                   '"2006-08-24Z"^^<http://www.w3.org/2001/XMLSchema#date>']
