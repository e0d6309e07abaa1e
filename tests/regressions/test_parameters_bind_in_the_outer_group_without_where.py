"""With the outer WHERE keyword left out, the VALUES block landed inside the sub-select: the
parameter stayed unbound for the outer pattern and every claim came back (134 rows instead of 43
on the data of the time; now 123 claims, of which Chris Ham holds 42: 7 in a003, 35 in a004)."""

from .conftest import run

QUERY = ("SELECT ?c { { SELECT ?c WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> } } "
         "?c <https://w3id.org/icpa/ontology#madeBy> ?_actor_iri }")


def test_parameters_bind_in_the_outer_group_without_where(tmp_path):
    result = run("sparql", QUERY, "--param", "actor=icpad:chris-ham", "-f", "csv", cwd=tmp_path)
    assert result.code == 0, result.err
    with_where = run("sparql", QUERY.replace("SELECT ?c {", "SELECT ?c WHERE {", 1), "--param", "actor=icpad:chris-ham",
                     "-f", "csv", cwd=tmp_path)
    assert sorted(result.out.splitlines()) == sorted(with_where.out.splitlines())
    assert len(result.out.splitlines()) - 1 == 42
