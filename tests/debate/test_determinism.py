"""Every text output of the debate commands is byte-identical across runs and hash seeds
(dot, svg, html, graphml, gexf, csv, aif, argdown); PNG is exempt."""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT

SCRIPT = r"""
import sys
from pathlib import Path
from icpa import api, project
from icpa.debate.maps import MapOptions
from icpa.debate.networks import Options
corpus = project.Corpus(Path(sys.argv[2]), "checkout")
out = Path(sys.argv[1])
for fmt in ("graphml", "gexf", "csv", "nodes-csv", "dot", "svg", "html"):
    api.network(Options(kind="actor-actor", arguments=True), fmt, out / f"net.{fmt}", corpus=corpus)
for fmt in ("dot", "svg", "html"):
    api.argument_map(MapOptions(topics=("VerticalIntegration",)), fmt, out / f"map.{fmt}", corpus=corpus)
for fmt in ("aif", "argdown"):
    api.export_arguments(fmt, out / f"debate.{fmt}", corpus=corpus)
"""


def _run(folder, seed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", SCRIPT, str(folder), str(ROOT)], check=True, env=env, timeout=300)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_text_outputs_are_byte_identical_across_hash_seeds(tmp_path):
    first, second = _run(tmp_path / "one", "1"), _run(tmp_path / "two", "2")
    assert len(first) == 12 and first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
