"""One broken `.rq` in queries/ made `icpa list` fail for all of them."""

from .conftest import run


def test_list_reports_a_broken_query_and_lists_the_rest(checkout):
    saved = sorted(p.stem for p in (checkout / "queries").glob("*.rq"))
    (checkout / "queries" / "broken.rq").write_text("#+ summary: [unclosed\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = run("list", cwd=checkout)
    assert result.code == 3
    assert "broken.rq" in result.one_line() and "malformed '#+' metadata" in result.one_line()
    listed = [line for line in result.out.splitlines() if line and not line.startswith(" ")]
    assert [name.split(" ")[0] for name in listed] == saved
