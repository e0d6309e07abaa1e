"""Time icpa's start-up: the light commands, and `icpa query NAME` on the bundled data beside `arq`.

    python benchmarks/startup.py [--runs 5] [--csv out.csv] [--icpa PATH] [--format csv]
                                 [--query NAME ...] [--no-suite]

1. The commands that must stay fast, each as a fresh process (stdout a pipe): ``icpa --help``,
   ``icpa --version`` and ``icpa query stated-figures -f csv``. For each: the median wall time of
   ``--runs`` runs (after one warm-up run), and which of the heavy packages it imports, read from
   one more run under ``python -X importtime`` (cumulative import time of rdflib, pyoxigraph,
   owlready2, pyshacl, and of click, yaml, jpype, SPARQLWrapper). Target: ``--help`` and
   ``--version`` import none of rdflib, pyoxigraph, owlready2 or pyshacl (the registries name
   their entries as ``module:function`` strings so that listing them imports nothing), and no
   command imports owlready2 (HermiT's Java bridge) or pyshacl.
2. Every saved query (``--query``: the named ones; ``--no-suite``: none): the median wall time of
   ``icpa query NAME`` (with the query's example parameter values, default table output) as a
   fresh process, and of Jena's ``arq`` running the same query file with the same VALUES block
   over the same graph exported as Turtle (the reasoned export for reasoned queries). Targets
   (issue 6): every query ≤ 0.4 s median and at least 3x faster than arq. The measuring loop is
   ``query_latency.measure`` (issue 4's benchmark).

By default icpa is started as ``python -m icpa`` with ``PYTHONPATH=src``, i.e. the code in this
checkout (an installed ``icpa`` script may be an older copy); ``--icpa PATH`` times an installed
executable instead (its imports are read by running ``icpa.cli.main`` under this interpreter).
Every command runs in this checkout, so it works on this checkout's corpus. Also printed: the
interpreter's own start-up (``python -c pass``), the floor under every figure.
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

from icpa.sparql import saved  # noqa: E402

#: the commands that must stay fast: (what the report calls it, its arguments)
COMMANDS = (
    ("icpa --help", ["--help"]),
    ("icpa --version", ["--version"]),
    ("icpa query stated-figures -f csv", ["query", "stated-figures", "-f", "csv"]),
)
#: what ``--help`` and ``--version`` must not import (and no command owlready2 or pyshacl)
HEAVY = ("rdflib", "pyoxigraph", "owlready2", "pyshacl")
WATCH = (*HEAVY, "click", "yaml", "jpype", "SPARQLWrapper")
_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)$")


def importtime_command(icpa: list[str], args: list[str]) -> list[str]:
    """``args`` run by ``icpa`` under ``python -X importtime``."""
    if Path(icpa[0]).name.startswith("python"):
        return [icpa[0], "-X", "importtime", *icpa[1:], *args]
    # an installed script: run its entry point under this interpreter with -X importtime
    return [sys.executable, "-X", "importtime", "-c", "import sys; from icpa.cli import main; sys.argv[0] = 'icpa'; main()", *args]


def imports(icpa: list[str], args: list[str], env: dict) -> tuple[dict[str, float], float]:
    """The watched packages one run of ``icpa ARGS`` imports (name -> cumulative import time, s),
    and the cumulative import time of icpa's own modules (what they import included)."""
    proc = subprocess.run(importtime_command(icpa, args), capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        tail = [line for line in proc.stderr.splitlines() if not line.startswith("import time:")][-3:]
        raise SystemExit(f"{' '.join(args)} failed (exit {proc.returncode}): {' '.join(tail)}")
    found: dict[str, float] = {}
    icpa_total = 0.0
    for line in proc.stderr.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        cumulative, nested, name = int(m.group(1)) / 1e6, m.group(2), m.group(3)
        if name in WATCH:
            found[name] = max(found.get(name, 0.0), cumulative)
        if not nested and (name == "icpa" or name.startswith("icpa.")):  # an import icpa's code made at run time
            icpa_total += cumulative
    return found, icpa_total


def commands(icpa: list[str], runs: int, env: dict) -> list[tuple[str, float, dict[str, float], float]]:
    """(command, median wall s, watched imports, icpa modules' import s) for each of :data:`COMMANDS`."""
    rows = []
    for label, args in COMMANDS:
        cmd = [*icpa, *args]
        query_latency.timed(cmd, env)  # warm-up: bytecode caches, the page cache
        wall = statistics.median(query_latency.timed(cmd, env) for _ in range(runs))
        found, icpa_total = imports(icpa, args, env)
        rows.append((label, wall, found, icpa_total))
    return rows


def _imported(found: dict[str, float], name: str) -> str:
    return f"yes ({found[name]:.3f} s)" if name in found else "no"


def print_commands(rows, runs: int, floor: float) -> None:
    print(f"\nstart-up of the light commands, median of {runs} runs each (python itself starts in {floor:.3f} s):\n")
    print("| command | wall (s) | " + " | ".join(HEAVY) + " | other imports (cumulative s) | icpa modules (s) |")
    print("|---|---:|" + ":-:|" * len(HEAVY) + "---|---:|")
    for label, wall, found, icpa_total in rows:
        others = ", ".join(f"{k} {v:.3f}" for k, v in sorted(found.items()) if k not in HEAVY) or "–"
        print(f"| `{label}` | {wall:.3f} | " + " | ".join(_imported(found, h) for h in HEAVY) + f" | {others} | {icpa_total:.3f} |")
    light = [(label, found) for label, _, found, _ in rows if label in ("icpa --help", "icpa --version")]
    heavy_in_light = [f"`{label}` imports {', '.join(h for h in HEAVY if h in found)}" for label, found in light
                      if any(h in found for h in HEAVY)]
    print("\n- `icpa --help` and `icpa --version` import none of " + ", ".join(HEAVY) + ": "
          + ("MET" if not heavy_in_light else "NOT MET: " + "; ".join(heavy_in_light)))
    java = [label for label, _, found, _ in rows if "owlready2" in found or "pyshacl" in found or "jpype" in found]
    print("- no command imports owlready2, jpype or pyshacl: " + ("MET" if not java else "NOT MET: " + ", ".join(java)))


def print_suite(rows, runs: int, icpa: list[str], floor: float, found: dict[str, float], icpa_imports: float) -> None:
    print("\n| query | reasoned | `icpa query` (s) | `arq` (s) | speed-up |\n|---|:-:|---:|---:|---:|")
    for name, reasoned, icpa_t, arq_t, ratio in rows:
        print(f"| {name} | {'yes' if reasoned else ''} | {icpa_t:.3f} | {arq_t:.3f} | {ratio:.1f}x |")
    slow = [r for r in rows if r[2] > 0.4]
    few = [r for r in rows if r[4] < 3]
    print(f"\n{len(rows)} saved queries, median of {runs} runs each; `{' '.join(Path(c).name for c in icpa)}`; "
          f"python itself starts in {floor:.3f} s")
    print(f"- median `icpa query` {statistics.median(r[2] for r in rows):.3f} s, slowest {max(r[2] for r in rows):.3f} s "
          f"({max(rows, key=lambda r: r[2])[0]}); target ≤ 0.4 s for every query: "
          + ("MET" if not slow else f"NOT MET for {len(slow)}: " + ", ".join(f"{r[0]} {r[2]:.3f} s" for r in slow)))
    print(f"- median `arq` {statistics.median(r[3] for r in rows):.3f} s; smallest speed-up {min(r[4] for r in rows):.1f}x; "
          f"target ≥ 3x for every query: " + ("MET" if not few else "NOT MET for " + ", ".join(f"{r[0]} {r[4]:.1f}x" for r in few)))
    print("- imports on the `icpa query` path (cumulative s): " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(found.items()))
          + f"; icpa modules in all {icpa_imports:.3f}; owlready2 (HermiT's Java bridge) "
          + ("LOADED" if "owlready2" in found else "not loaded"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--csv", type=Path, help="the per-query figures of the suite (query_latency's CSV)")
    ap.add_argument("--icpa", help="an installed icpa executable (default: python -m icpa from this checkout)")
    ap.add_argument("--format", help="icpa's output format in the suite (default: icpa's default, the table)")
    ap.add_argument("--query", dest="names", nargs="+", metavar="NAME", help="time only these saved queries beside arq")
    ap.add_argument("--no-suite", action="store_true", help="only the light commands; no saved queries beside arq")
    args = ap.parse_args()

    if args.icpa:
        icpa, env = [args.icpa], dict(os.environ)
    else:
        icpa, env = query_latency.checkout_command()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)", flush=True)
    floor = statistics.median(query_latency.timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
    start = time.perf_counter()
    light = commands(icpa, args.runs, env)
    print_commands(light, args.runs, floor)
    if not args.no_suite:
        q = next(iter(saved.catalogue(query_latency.CORPUS.queries_dir).values()))
        values = {p.name: p.example for p in q.params if p.example is not None}
        found, icpa_imports = imports(icpa, ["query", q.name] + [a for n, v in values.items() for a in ("--param", f"{n}={v}")],
                                      env)
        work = Path(tempfile.mkdtemp(prefix="icpa-startup-"))
        rows = query_latency.measure(icpa, args.runs, work, fmt=args.format, env=env, names=args.names)
        print_suite(rows, args.runs, icpa, floor, found, icpa_imports)
        if args.csv:
            query_latency.write_csv(args.csv, rows)
    print(f"\n(measured in {time.perf_counter() - start:.0f} s; load average at the end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
