"""`icpa load --store DIR` on a folder of the user's deleted everything in it (exit 0)."""

from .conftest import run


def test_load_refuses_a_folder_that_is_not_a_store(tmp_path):
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    (mine / "chapter1.tex").write_text("\\chapter{One}", encoding="utf-8")
    result = run("load", "--store", str(mine), cwd=tmp_path)
    assert result.code == 2, result.err
    assert "not an icpa store" in result.one_line()
    assert sorted(p.name for p in mine.iterdir()) == ["chapter1.tex", "notes.txt"]
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_load_into_the_working_directory_is_refused_in_one_line_when_it_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("load", "--store", ".", cwd=tmp_path)
    assert result.code == 2 and "not an icpa store" in result.one_line()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
