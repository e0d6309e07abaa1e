"""`--timeout nan` was reported as an endpoint error (exit 4, with the Python exception name)."""

import pytest

from .conftest import run


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "soon"])
def test_timeout_that_is_not_a_positive_number_is_a_usage_error(tmp_path, value):
    result = run("query", "stated-figures", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", value, cwd=tmp_path)
    assert result.code == 2
    assert "--timeout" in result.one_line()
