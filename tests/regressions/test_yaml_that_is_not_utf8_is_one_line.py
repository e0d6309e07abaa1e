"""A curated YAML file with a Latin-1 byte ended `icpa build` in a UnicodeDecodeError traceback."""

from .conftest import run


def test_yaml_that_is_not_utf8_is_one_line(checkout):
    path = checkout / "data" / "a000.yaml"
    path.write_bytes(path.read_bytes().replace(b"label:", b"label: caf\xe9 ", 1))
    result = run("build", "--check", cwd=checkout)
    assert result.code == 3
    line = result.one_line()
    assert "a000.yaml" in line and "not UTF-8" in line
