"""Exceptions that were not an IcpaError printed tracebacks; Ctrl-C too. Now every way a command
ends is one line and a documented status (cli.main.run), with the traceback on request."""

import pytest

from icpa import api
from icpa.errors import ExitStatus

from ..conftest import icpa


@pytest.fixture
def broken_info(monkeypatch):
    def boom(**_):
        raise RuntimeError("something icpa did not expect")

    monkeypatch.setattr(api, "info", boom)


def test_an_unexpected_exception_is_one_line_and_exit_5(broken_info):
    code, out, err = icpa("info")
    assert code == ExitStatus.INTERNAL == 5
    lines = err.strip().splitlines()
    assert lines == ["icpa: error: internal error: RuntimeError: something icpa did not expect; "
                     "run again with --traceback and report it"]


@pytest.mark.parametrize("how", [{"args": ["--traceback", "info"]}, {"args": ["info"], "env": {"ICPA_TRACEBACK": "1"}}])
def test_traceback_on_request(broken_info, how):
    code, out, err = icpa(*how["args"], env=how.get("env"))
    assert code == 5 and "Traceback (most recent call last)" in err and "RuntimeError" in err


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch):
    def interrupted(**_):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "info", interrupted)
    code, out, err = icpa("info")
    assert code == ExitStatus.INTERRUPTED == 130
    assert err.strip().splitlines() == ["icpa: interrupted"]
