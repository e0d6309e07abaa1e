"""Reasoning swapped ``tempfile.tempdir`` for the whole HermiT run (owlready2 leaves a file behind
when Java fails), so every other thread of the process (a web app serving a request, a notebook)
created its temporary files in a folder that was then deleted under it. HermiT now runs in a child
process with a ``TMPDIR`` of its own; the parent's ``tempfile.tempdir`` is never touched."""

import os
import shutil
import subprocess
import sys

import pytest

from ..conftest import DATA
from .conftest import SRC

pytestmark = pytest.mark.java

# In one process: a thread watches tempfile.tempdir while `icpa reason` runs HermiT in-process.
WATCH = r"""
import runpy, sys, tempfile, threading
print(tempfile.gettempdir())  # fixes tempfile.tempdir to the default, as any first use does
seen, done, code = set(), threading.Event(), 0
def watch():
    while not done.is_set():
        seen.add(tempfile.tempdir)
        done.wait(0.001)
threading.Thread(target=watch, daemon=True).start()
sys.argv = ["icpa", "reason", "-o", sys.argv[1]]
try:
    runpy.run_module("icpa", run_name="__main__")
except SystemExit as exc:
    code = exc.code
finally:
    done.set()
print(sorted(map(str, seen)))
sys.exit(code)
"""


def test_reasoning_leaves_the_process_tempdir_alone(tmp_path, checkout):
    # a checkout whose data is a handful of facts, so that HermiT runs in seconds (an icpa that
    # ignores the checkout reasons over its bundled data instead, and takes longer)
    shutil.copy(DATA / "reasoning" / "defined.ttl", checkout / "ontology" / "icpa-data.ttl")
    env = {**os.environ, "PYTHONPATH": str(SRC), "ICPA_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("TMPDIR", None)
    proc = subprocess.run([sys.executable, "-c", WATCH, str(tmp_path / "reasoned.ttl")], cwd=checkout,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    inferred = (tmp_path / "reasoned.ttl").read_text(encoding="utf-8")
    assert "AdvocateOfVerticalIntegration" in inferred  # HermiT did run (defined.ttl's alice is one)
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == repr([lines[0]]), proc.stdout  # only ever the process's own default
