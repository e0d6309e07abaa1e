"""`icpa ingest good.txt bad.bin` stored good.txt as a new article and wrote its draft, then
failed on the second file without saying the first was stored (found by a new user's review):
the project was left changed after an error. An ingest of several files is now all or
nothing."""

from .conftest import run


def test_an_ingest_of_several_files_is_all_or_nothing(tmp_path):
    project = tmp_path / "p"
    assert run("init", str(project)).code == 0
    good, bad = tmp_path / "good.txt", tmp_path / "bad.bin"
    good.write_text("Jane Doe said vertical integration would help patients.\n", encoding="utf-8")
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = run("ingest", str(good), str(bad), cwd=project)
    assert result.code == 3 and "looks binary" in result.err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
