"""Time every saved query end to end (process start to printed answer) beside Jena's `arq`.

    python benchmarks/query_latency.py [--runs 5] [--csv out.csv] [--icpa PATH] [--query NAME ...]

For each saved query: the median wall time of `icpa query NAME --format csv` as a fresh
process, and of `arq` (Debian's Jena) running the same query file, with the same parameter
VALUES block, over the same graph exported as Turtle (the reasoned export for reasoned
queries). Targets: every query under 1 s, and at least 2x faster than arq.

By default icpa is started as ``python -m icpa`` with ``PYTHONPATH=src``, i.e. the code in this
checkout (an installed ``icpa`` script may be an older copy); ``--icpa PATH`` times an installed
executable instead. Every command runs in this checkout, so icpa reads the same corpus that is
exported for arq. ``--query`` limits the run to the named saved queries.
"""

from __future__ import annotations

import argparse
import csv
import os
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

import jena  # noqa: E402

from icpa import api, project  # noqa: E402
from icpa.engines.registry import open_engine  # noqa: E402
from icpa.sparql import binding, saved  # noqa: E402

#: the corpus every figure is about: this checkout's (icpa is run inside it too)
CORPUS = project.current(ROOT)


def checkout_command() -> tuple[list[str], dict]:
    """``python -m icpa`` on this checkout's code, and the environment that makes it so."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return [sys.executable, "-m", "icpa"], env


def write_csv(path: Path, rows: list[tuple]) -> None:
    """The per-query figures as CSV: query, reasoned, icpa_s, arq_s, speedup."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["query", "reasoned", "icpa_s", "arq_s", "speedup"])
        w.writerows(rows)


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def prepare(work: Path) -> tuple[Path, Path]:
    """The bundled graph exported as Turtle, plain and reasoned, for arq."""
    plain, reasoned = work / "kg.ttl", work / "kg-reasoned.ttl"
    api.export("ttl", plain, corpus=CORPUS)  # what `icpa export -o kg.ttl` writes
    api.export("ttl", reasoned, reasoned=True, corpus=CORPUS)
    return plain, reasoned


def measure(icpa: list[str], runs: int, work: Path, *, fmt: str | None = "csv", env: dict | None = None,
            names: list[str] | None = None, progress: bool = True) -> list[tuple]:
    """(name, reasoned, icpa median s, arq median s, speed-up) for every saved query (or ``names``).

    ``icpa`` is the command that starts icpa (an executable, or ``[python, -m, icpa]``); ``fmt``
    is the output format (None: icpa's default, the table).
    """
    plain, reasoned = prepare(work)
    subprocess.run([*icpa, "query", "--help"], check=True, capture_output=True, env=env, cwd=ROOT)  # warm caches
    rows = []
    catalogue = saved.catalogue(CORPUS.queries_dir)
    if names is not None and set(names) - set(catalogue):
        raise SystemExit(f"no saved query named {', '.join(sorted(set(names) - set(catalogue)))}")
    for q in catalogue.values():
        if names is not None and q.name not in names:
            continue
        values = {p.name: p.example for p in q.params if p.example is not None}
        engine = open_engine("rdflib", reasoned=q.reasoned, corpus=CORPUS)
        bound = binding.bind(q, values, engine.candidates)
        engine.close()
        qfile = work / f"{q.name}.rq"
        qfile.write_text(binding.inject_values(q.text, bound), encoding="utf-8")
        cmd = [*icpa, "query", q.name] + (["--format", fmt] if fmt else []) \
            + [a for n, v in values.items() for a in ("--param", f"{n}={v}")]
        timed(cmd, env)  # the first reasoned run fills the cache
        icpa_t = statistics.median(timed(cmd, env) for _ in range(runs))
        arq_cmd = jena.arq_command(reasoned if q.reasoned else plain, qfile)
        arq_t = statistics.median(timed(arq_cmd) for _ in range(runs))
        rows.append((q.name, q.reasoned, icpa_t, arq_t, arq_t / icpa_t))
        if progress:
            print(f"{q.name:<45} {'R' if q.reasoned else ' '} icpa {icpa_t:6.3f} s   arq {arq_t:6.3f} s   {arq_t / icpa_t:5.1f}x",
                  flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--csv", type=Path)
    ap.add_argument("--icpa", help="an installed icpa executable (default: python -m icpa from this checkout)")
    ap.add_argument("--query", dest="names", nargs="+", metavar="NAME", help="only these saved queries")
    args = ap.parse_args()

    icpa, env = ([args.icpa], None) if args.icpa else checkout_command()
    work = Path(tempfile.mkdtemp(prefix="icpa-bench-"))
    rows = measure(icpa, args.runs, work, env=env, names=args.names)
    worst = max(r[2] for r in rows)
    slowest_ratio = min(r[4] for r in rows)
    print(f"\n{len(rows)} queries, median of {args.runs} runs each: slowest icpa {worst:.3f} s (target < 1 s); "
          f"smallest speed-up over arq {slowest_ratio:.1f}x (target >= 2x); "
          f"median icpa {statistics.median(r[2] for r in rows):.3f} s, median arq {statistics.median(r[3] for r in rows):.3f} s")
    if args.csv:
        write_csv(args.csv, rows)


if __name__ == "__main__":
    main()
