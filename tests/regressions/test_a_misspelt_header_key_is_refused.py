"""A saved query with a misspelt `#+` key (`reasond: true`) was accepted and ran unreasoned."""

from .conftest import run


def test_a_misspelt_header_key_is_refused(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("#+ summary: Who is an advocate?\n#+ reasond: true\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n",
                    encoding="utf-8")
    result = run("sparql", str(path), cwd=tmp_path)
    assert result.code == 3
    line = result.one_line()
    assert "'reasond'" in line and "did you mean 'reasoned'" in line


def test_a_misspelt_parameter_key_is_refused(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("#+ summary: x\n#+ params:\n#+   actor:\n#+     clas: icpa:Actor\nSELECT ?c WHERE { ?c ?p ?_actor_iri }\n",
                    encoding="utf-8")
    result = run("sparql", str(path), cwd=tmp_path)
    assert result.code == 3 and "did you mean 'class'" in result.one_line()
