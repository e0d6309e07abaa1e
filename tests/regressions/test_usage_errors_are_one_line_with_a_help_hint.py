"""Usage errors printed click's 3-4 line Usage:/Try/Error: block; the README promises one line."""

import pytest

from .conftest import run


@pytest.mark.parametrize(("args", "words"), [
    (["query", "--bogus"], "No such option"),
    (["nosuchcommand"], "No such command"),
    (["query"], "Missing argument"),
    (["export", "-f", "docx"], "docx"),
    (["query", "stated-figures", "--format", "xlsx"], "xlsx"),
])
def test_usage_errors_are_one_line_with_a_help_hint(tmp_path, args, words):
    result = run(*args, cwd=tmp_path)
    assert result.code == 2
    line = result.one_line()
    assert line.startswith("icpa: error: ") and words in line and "--help" in line
