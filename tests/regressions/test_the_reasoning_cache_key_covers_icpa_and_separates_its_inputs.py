"""The reasoning cache key ignored icpa's own version and code, and joined the file contents
without separators (so ontology "ab" + data "c" had the key of "a" + "bc")."""

from icpa import __version__
from icpa.reasoning import cache


def test_two_files_cannot_run_together_into_the_same_key(tmp_path):
    (tmp_path / "ab").write_text("ab")
    (tmp_path / "c").write_text("c")
    (tmp_path / "a").write_text("a")
    (tmp_path / "bc").write_text("bc")
    assert cache.key(tmp_path / "ab", tmp_path / "c") != cache.key(tmp_path / "a", tmp_path / "bc")


def test_the_key_changes_with_icpas_version_and_its_reasoning_code(tmp_path, monkeypatch):
    (tmp_path / "o.ttl").write_text("@prefix : <http://x/> .\n")
    before = cache.key(tmp_path / "o.ttl")
    monkeypatch.setattr("icpa.__version__", __version__ + ".post1")
    after_version = cache.key(tmp_path / "o.ttl")
    monkeypatch.undo()
    monkeypatch.setattr(cache, "code_digest", lambda: "edited rules")
    after_code = cache.key(tmp_path / "o.ttl")
    assert len({before, after_version, after_code}) == 3


def test_the_code_digest_reads_the_rules_source():
    import hashlib
    from pathlib import Path

    rules = (Path(cache.__file__).with_name("rules.py")).read_bytes()
    assert hashlib.sha256(rules).hexdigest() != cache.code_digest()  # more than the rules alone
    assert "rules.py" in cache._CODE
