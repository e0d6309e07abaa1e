"""settings.py is the one reader of the environment, and every variable it reads is documented."""

from __future__ import annotations

import re
from pathlib import Path

from icpa import settings
from icpa.remote.http import Credentials

from ..conftest import ROOT


def test_every_variable_icpa_reads_is_in_the_readme_and_nothing_else_is_read():
    source = (Path(settings.__file__)).read_text(encoding="utf-8")
    read = set(re.findall(r'env\.get\("([A-Z_]+)"\)', source))
    assert read == set(settings.VARIABLES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in settings.VARIABLES if name.startswith("ICPA_")), read
    others = [p for p in (ROOT / "src" / "icpa").rglob("*.py") if p.name != "settings.py"
              and re.search(r"os\.environ\.get|os\.getenv|environ\[", p.read_text(encoding="utf-8"))]
    assert others == []


def test_settings_can_be_given_instead_of_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ICPA_ENDPOINT_USER", "from-env")
    monkeypatch.setenv("ICPA_ENDPOINT_PASSWORD", "env-secret")
    given = settings.Settings(cache_dir=tmp_path, endpoint_user="given", endpoint_password="given-secret")
    with settings.use(given):
        assert Credentials.from_env().user == "given" and settings.cache_dir("x") == tmp_path / "x"
    assert Credentials.from_env().user == "from-env"


def test_the_cache_follows_icpa_cache_dir_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("ICPA_CACHE_DIR", str(tmp_path / "a"))
    assert settings.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("ICPA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert settings.cache_dir("java") == tmp_path / "xdg" / "icpa" / "java"
