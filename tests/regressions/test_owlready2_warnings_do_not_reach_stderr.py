"""Owlready2's own `* Owlready2 * WARNING` lines reached stderr (`validate --ontology` on a property
declared both an object and a data property): icpa's output is its own."""

import pytest

from ..conftest import DATA
from .conftest import run

pytestmark = pytest.mark.java


def test_owlready2_warnings_do_not_reach_stderr(tmp_path):
    result = run("validate", "--ontology", str(DATA / "owlapi" / "punning.ttl"), cwd=tmp_path)
    assert "Owlready2" not in result.err and "Owlready2" not in result.out
    assert result.lines == ["icpa: error: validation failed: " + result.lines[0].rsplit(": ", 1)[-1]]
