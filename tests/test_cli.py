"""The command line through click's CliRunner, plus real runs of the installed `icpa`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from icpa import __version__, cli
from icpa.status import ExitStatus

from .conftest import DATA, ROOT


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process exactly as the console script does (exit-code mapping included)."""
    runner = CliRunner()
    result = runner.invoke(cli.cli, list(args), prog_name="icpa", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize("command", [None, *cli.cli.commands])
def test_every_command_has_useful_help(command):
    args = ["--help"] if command is None else [command, "--help"]
    code, out, _ = run(*args)
    assert code == 0
    assert "Usage:" in out
    body = out.split("Options:")[0]
    assert len(body.split()) > 8, f"help for {command} says too little"


def test_help_lists_exit_codes():
    _, out, _ = run("--help")
    for status in ExitStatus:
        assert f"{status.value} {status.name.lower().replace('_', ' ')}" in out


def test_validate_passes_on_the_shipped_files():
    code, out, _ = run("validate")
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("PASS: 0 ERROR")


def test_validate_fails_with_exit_1_on_a_broken_ontology():
    code, out, err = run("validate", "--no-java", "--ontology", str(DATA / "checks" / "missing_label.ttl"))
    assert code == ExitStatus.CHECK_FAILED
    assert re.search(r"^ERROR\s+labels\s+icpa:Unlabelled\s+missing rdfs:label$", out, re.M)
    assert err.strip() == "icpa: error: validation failed: 1 error(s)"


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["validate", "--ontology", "/nonexistent/icpa.ttl"], ExitStatus.BAD_DATA, "no such file"),
        (["export", "-f", "ttl", "--what", "ontology", "-o", "ontology/icpa.ttl"], ExitStatus.USAGE, "--force"),
        (["export", "-f", "docx"], ExitStatus.USAGE, "docx"),
        (["nosuchcommand"], ExitStatus.USAGE, "nosuchcommand"),
    ],
)
def test_bad_input_gives_one_line_and_documented_exit_code(args, status, words, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(*args)
    assert code == status
    lines = [line for line in err.splitlines() if line.strip()]
    assert any(words in line for line in lines), err
    assert "Traceback" not in err + out


def test_build_check_reports_up_to_date():
    code, out, _ = run("build", "--check")
    assert code == 0 and "up to date" in out


def test_info_prints_counts():
    code, out, _ = run("info")
    counts = dict(line.split() for line in out.strip().splitlines())
    assert counts["articles"] == "5"
    assert int(counts["claims"]) >= 80
    assert int(counts["quotes"]) > int(counts["claims"])
    assert int(counts["classes"]) >= 60


def test_reason_writes_inferred_triples(tmp_path):
    out = tmp_path / "inferred.ttl"
    code, _, err = run("reason", "-o", str(out))
    assert code == 0 and "inferred triples" in err
    assert "icpa:AdvocateOfVerticalIntegration" in out.read_text(encoding="utf-8")


# --- the installed console script, from another directory --------------------------------


@pytest.fixture(scope="module")
def installed() -> Path:
    """The `icpa` console script that `pip install .` (not editable) put beside this Python.

    scripts/test.sh installs the checkout that way into .venv before running the tests.
    """
    exe = Path(sys.executable).parent / "icpa"
    if not exe.exists():
        pytest.fail(f"no installed icpa beside {sys.executable}: run the tests through scripts/test.sh")
    return exe


def test_installed_icpa_works_from_any_directory(installed, tmp_path):
    run1 = subprocess.run([str(installed), "info"], cwd=tmp_path, capture_output=True, text=True)
    assert run1.returncode == 0, run1.stderr
    assert "claims" in run1.stdout
    run2 = subprocess.run([str(installed), "validate", "--no-java"], cwd=tmp_path, capture_output=True, text=True)
    assert run2.returncode == 0, run2.stdout + run2.stderr
    # the installed copy carries its own resources, not the checkout's
    where = subprocess.run([str(installed.parent / "python"), "-c", "import icpa.resources as r; print(r.root())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert "site-packages" in where


def test_installed_icpa_error_is_one_line_without_traceback(installed, tmp_path):
    proc = subprocess.run([str(installed), "validate", "--ontology", "missing.ttl"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == ExitStatus.BAD_DATA
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
