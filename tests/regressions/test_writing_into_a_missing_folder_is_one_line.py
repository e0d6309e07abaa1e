"""`icpa build -o /missing/x.ttl` and `icpa reason -o /missing/x.ttl` ended in a FileNotFoundError traceback."""

import pytest

from .conftest import run


@pytest.mark.parametrize("command", ["build", "reason"])
def test_writing_into_a_missing_folder_is_one_line(tmp_path, command):
    result = run(command, "-o", str(tmp_path / "missing" / "x.ttl"), cwd=tmp_path)
    assert result.code == 2
    assert "no such directory" in result.one_line()
