"""Time `icpa query NAME` on the bundled data from process start to printed answer, beside `arq`.

    python benchmarks/startup.py [--runs 5] [--csv out.csv] [--icpa PATH] [--format csv]

For every saved query: the median wall time of ``icpa query NAME`` (with the query's example
parameter values, default table output, stdout a pipe) as a fresh process, and of Jena's ``arq``
running the same query file with the same VALUES block over the same graph exported as Turtle
(the reasoned export for reasoned queries). Targets (issue 6): every query ≤ 0.4 s median and at
least 3x faster than arq. The measuring loop is ``query_latency.measure`` (issue 4's benchmark).

By default icpa is started as ``python -m icpa`` with ``PYTHONPATH=src``, i.e. the code in this
checkout (an installed ``icpa`` script may be an older copy); ``--icpa PATH`` times an installed
executable instead. Also printed: the interpreter's own start-up, and the import time of the
heavy packages on the ``icpa query`` path (``python -X importtime``), to check that owlready2 and
Java stay off it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import query_latency  # noqa: E402

from icpa import queries  # noqa: E402

WATCH = ("rdflib", "pyoxigraph", "click", "yaml", "owlready2", "jpype", "pyshacl", "SPARQLWrapper")


def imports(icpa: list[str], env: dict) -> tuple[dict[str, float], float]:
    """Cumulative import time (s) of the watched packages on one `icpa query`, and of all of icpa."""
    q = next(iter(queries.catalogue().values()))
    values = {p.name: p.example for p in q.params if p.example is not None}
    cmd = [*icpa, "query", q.name] + [a for n, v in values.items() for a in ("--param", f"{n}={v}")]
    if Path(cmd[0]).name.startswith("python"):
        cmd = [cmd[0], "-X", "importtime", *cmd[1:]]
    else:  # an installed script: run its interpreter with -X importtime
        cmd = [sys.executable, "-X", "importtime", "-c", "import sys; from icpa.cli import main; sys.argv[0]='icpa'; main()", *cmd[1:]]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    found: dict[str, float] = {}
    icpa_total = 0.0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)$", line)
        if not m:
            continue
        cumulative, name = int(m.group(1)) / 1e6, m.group(3)
        if name in WATCH:
            found[name] = max(found.get(name, 0.0), cumulative)
        if name in ("icpa", "icpa.cli", "icpa.runner", "icpa.stores") and not m.group(2):
            icpa_total += cumulative
    return found, icpa_total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--csv", type=Path)
    ap.add_argument("--icpa", help="an installed icpa executable (default: python -m icpa from this checkout)")
    ap.add_argument("--format", help="icpa's output format (default: icpa's default, the table)")
    args = ap.parse_args()

    env = dict(os.environ)
    if args.icpa:
        icpa = [args.icpa]
    else:
        icpa = [sys.executable, "-m", "icpa"]
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)", flush=True)
    floor = statistics.median(query_latency.timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
    found, icpa_imports = imports(icpa, env)
    work = Path(tempfile.mkdtemp(prefix="icpa-startup-"))
    start = time.perf_counter()
    rows = query_latency.measure(icpa, args.runs, work, fmt=args.format, env=env)
    print(f"(measured in {time.perf_counter() - start:.0f} s; load average at the end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")

    print("\n| query | reasoned | `icpa query` (s) | `arq` (s) | speed-up |\n|---|:-:|---:|---:|---:|")
    for name, reasoned, icpa_t, arq_t, ratio in rows:
        print(f"| {name} | {'yes' if reasoned else ''} | {icpa_t:.3f} | {arq_t:.3f} | {ratio:.1f}x |")
    slow = [r for r in rows if r[2] > 0.4]
    few = [r for r in rows if r[4] < 3]
    print(f"\n{len(rows)} saved queries, median of {args.runs} runs each; `{' '.join(Path(c).name for c in icpa)}`; "
          f"python itself starts in {floor:.3f} s")
    print(f"- median `icpa query` {statistics.median(r[2] for r in rows):.3f} s, slowest {max(r[2] for r in rows):.3f} s "
          f"({max(rows, key=lambda r: r[2])[0]}); target ≤ 0.4 s for every query: "
          + ("MET" if not slow else f"NOT MET for {len(slow)}: " + ", ".join(f"{r[0]} {r[2]:.3f} s" for r in slow)))
    print(f"- median `arq` {statistics.median(r[3] for r in rows):.3f} s; smallest speed-up {min(r[4] for r in rows):.1f}x; "
          f"target ≥ 3x for every query: " + ("MET" if not few else "NOT MET for " + ", ".join(f"{r[0]} {r[4]:.1f}x" for r in few)))
    print("- imports on the `icpa query` path (cumulative s): " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(found.items()))
          + f"; icpa modules in all {icpa_imports:.3f}; owlready2 (HermiT's Java bridge) "
          + ("LOADED" if "owlready2" in found else "not loaded"))
    if args.csv:
        query_latency.write_csv(args.csv, rows)


if __name__ == "__main__":
    main()
