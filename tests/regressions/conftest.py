"""Regression tests: one small test per fixed bug, named after the behaviour it protects.

Most run ``python -m icpa`` as a separate process, exactly as a user does, so that each can also
be run against an older icpa to show that it failed there: ``ICPA_TEST_SRC=/path/to/old/src
pytest tests/regressions``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT

SRC = Path(os.environ.get("ICPA_TEST_SRC") or ROOT / "src")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def one_line(self) -> str:
        """The one line on stderr, no traceback."""
        assert "Traceback" not in self.err, self.err
        assert len(self.lines) == 1, self.err
        return self.lines[0]


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None,
        timeout: float = 300) -> Run:
    """``icpa ARGS`` as a separate process (from ``SRC``), in ``cwd`` (default: a fresh temporary folder)."""
    full_env = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "icpa", *args], cwd=cwd, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A throwaway copy of the repository's corpus that looks like an icpa checkout (so a bug that
    writes into the checkout damages the copy, never the real one)."""
    root = tmp_path / "icpa"
    root.mkdir()
    for name in ("ontology", "data", "seeds", "queries"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root
