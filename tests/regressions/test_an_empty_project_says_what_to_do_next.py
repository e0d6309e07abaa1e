"""In a new project with no articles yet, `icpa map` said "no claim matches ; loosen the
filters" (no filter had been given) and `icpa build` gave no hint of how to add an article.
Both now say what to do next."""

from .conftest import run


def test_an_empty_project_says_what_to_do_next(tmp_path):
    project = tmp_path / "p"
    assert run("init", str(project)).code == 0
    result = run("map", "-f", "dot", cwd=project)
    assert result.code == 2 and "no claims to map yet" in result.err and "loosen" not in result.err
    result = run("build", cwd=project)
    assert result.code == 3 and "icpa ingest FILE" in result.err
