"""An exported ICPA_ENDPOINT (the README suggests it) made --engine and --store fail with
"--endpoint cannot be combined…"; --graph and --timeout without an endpoint were silently ignored."""

import pytest

from .conftest import run

NOWHERE = {"ICPA_ENDPOINT": "http://127.0.0.1:9/sparql"}


def test_an_explicit_engine_wins_over_icpa_endpoint(tmp_path):
    result = run("query", "stated-figures", "--engine", "rdflib", "-f", "csv", cwd=tmp_path, env=NOWHERE)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 12


def test_an_explicit_store_wins_over_icpa_endpoint(tmp_path):
    assert run("load", "--store", str(tmp_path / "kg"), cwd=tmp_path).code == 0
    result = run("query", "stated-figures", "--store", str(tmp_path / "kg"), "-f", "csv", cwd=tmp_path, env=NOWHERE)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 12


@pytest.mark.parametrize("option", [["--graph", "https://example.org/g"], ["--timeout", "5"]])
def test_endpoint_options_without_an_endpoint_are_usage_errors(tmp_path, option):
    result = run("query", "stated-figures", *option, cwd=tmp_path, env={"ICPA_ENDPOINT": ""})
    assert result.code == 2
    assert option[0] in result.one_line() and "--endpoint" in result.one_line()
