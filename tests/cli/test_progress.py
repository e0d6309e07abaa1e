"""Long commands show a status line on stderr when it is a terminal, and nothing in a pipe."""

from __future__ import annotations

import io
import time

from icpa.cli.progress import status

from ..conftest import icpa


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_status_line_on_a_terminal_and_nothing_in_a_pipe():
    term, pipe = Terminal(), io.StringIO()
    with status("validating …", term) as line:
        line.update("validating: shacl (7 of 12) …")
        time.sleep(0.3)
    with status("validating …", pipe) as line:
        line.update("validating: shacl (7 of 12) …")
    assert "validating" in term.getvalue()
    assert pipe.getvalue() == ""


def test_validate_reports_each_check_as_it_starts(monkeypatch):
    from icpa import api

    seen = []
    report = api.validate(java=False, only=["parse", "metadata"], on_check=lambda name, n, total: seen.append((name, n, total)))
    assert seen == [("parse", 1, 2), ("metadata", 2, 2)] and report.ran == ["parse", "metadata"]


def test_a_command_in_a_pipe_prints_no_progress():
    code, out, err = icpa("network", "--kind", "actor-actor", "-f", "csv")
    assert code == 0 and out.startswith("source,target") and err == ""
