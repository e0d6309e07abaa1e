"""An ad-hoc `icpa sparql --param actor="Chris Ham"` was refused ("needs an IRI or CURIE") while a
saved query took the same label."""

from .conftest import run

QUERY = "SELECT ?claim WHERE { ?claim <https://w3id.org/icpa/ontology#madeBy> ?_actor_iri }"


def test_adhoc_label_parameters_bind_like_saved_ones(tmp_path):
    by_label = run("sparql", QUERY, "--param", "actor=Chris Ham", "-f", "csv", cwd=tmp_path)
    by_curie = run("sparql", QUERY, "--param", "actor=icpad:chris-ham", "-f", "csv", cwd=tmp_path)
    assert by_label.code == 0, by_label.err
    assert by_label.out == by_curie.out and len(by_label.out.splitlines()) > 40


def test_an_adhoc_label_nothing_has_is_refused(tmp_path):
    result = run("sparql", QUERY, "--param", "actor=Nobody At All", cwd=tmp_path)
    assert result.code == 2 and "Nobody At All" in result.one_line()
