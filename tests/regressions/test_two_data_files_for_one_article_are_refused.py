"""Two data files that annotate the same article (the same seed) built without a word."""

from .conftest import run


def test_two_data_files_for_one_article_are_refused(checkout):
    text = (checkout / "data" / "a000.yaml").read_text(encoding="utf-8")
    (checkout / "data" / "a009.yaml").write_text(text.replace("id: a000", "id: a009", 1), encoding="utf-8")
    result = run("build", "--check", cwd=checkout)
    assert result.code == 3
    line = result.one_line()
    assert "a009.yaml" in line and "a000.yaml" in line and "same article text" in line
