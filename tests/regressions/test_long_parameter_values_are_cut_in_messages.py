"""A 131 KB parameter value was echoed whole in the error line."""

from .conftest import run


def test_long_parameter_values_are_cut_in_messages(tmp_path):
    value = "x" * 131_000
    result = run("query", "claims-by-actor", "--param", f"actor={value}", cwd=tmp_path)
    assert result.code == 2
    line = result.one_line()
    assert len(line) < 400 and "131,000 characters" in line
