"""`icpa load --store mine` treated the sibling folders mine.loading, mine.lock and mine.old-PID as
its own and deleted them (a user's `mine.loading/` went with its file); a failed load left
kg.loading and kg.lock behind."""

from .conftest import run


def test_a_users_sibling_folders_are_left_alone(tmp_path):
    for name in ("mine.loading", f"mine.old-{12345}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "keep.txt").write_text(name, encoding="utf-8")
    result = run("load", "--store", "mine", cwd=tmp_path)
    assert result.code == 0, result.err
    for name in ("mine.loading", "mine.old-12345"):
        assert (tmp_path / name / "keep.txt").read_text(encoding="utf-8") == name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "mine.loading", "mine.old-12345"]


def test_a_users_file_named_like_the_lock_is_refused_not_taken(tmp_path):
    (tmp_path / "mine.lock").write_text("my shopping list", encoding="utf-8")
    result = run("load", "--store", "mine", cwd=tmp_path)
    assert result.code == 2 and "not an icpa lock file" in result.one_line()
    assert (tmp_path / "mine.lock").read_text(encoding="utf-8") == "my shopping list"


def test_a_failed_load_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = run("load", str(bad), "--store", "kg", cwd=tmp_path)
    assert result.code == 3 and "cannot parse" in result.one_line()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl"]
