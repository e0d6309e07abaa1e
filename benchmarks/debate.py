"""Time ``icpa network`` and ``icpa map`` on an on-disk store of 10^5 (and 10^6) triples.

    python benchmarks/debate.py [--triples 100000 1000000] [--topic VerticalIntegration] [--keep DIR]

For each size, ``generate.py --triples N`` writes a synthetic corpus (the curated articles first),
``icpa load FILE --store DIR`` builds the store (with the bundled ontology and data), and each
command runs as a fresh process, the way a user runs it: its wall time from start to the written
file (median of 3), and its peak memory (``ru_maxrss`` of the child). Targets (issue 13): at
10^5 triples ``icpa network --kind actor-actor`` and ``icpa map --topic …`` each in <= 5 s; at
10^6, networks in <= 30 s. Prints a table; nothing is timed inside the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICPA = [sys.executable, "-m", "icpa"]
#: the icpa command line, reporting its own peak memory on exit (RUSAGE_CHILDREN keeps the
#: maximum over every child so far, so it cannot tell one command's peak)
MEASURED = [sys.executable, "-c", "import atexit, resource, sys; atexit.register(lambda: sys.stderr.write("
            "f'\\nPEAK-KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')); from icpa.cli import main; main()"]


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one ``icpa`` process."""
    start = time.perf_counter()
    done = subprocess.run(MEASURED + args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"icpa {' '.join(args)} failed: {done.stderr.strip()}")
    peak = max(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK-KB "))
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--topic", default="VerticalIntegration")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Keep the stores here (default: a temporary folder).")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="icpa-debate-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'triples':>9}  {'command':<58} {'median s':>9} {'runs':>18} {'peak MB':>8}")
    for n in options.triples:
        data, store = work / f"synthetic-{n}.nt", work / f"store-{n}"
        if not data.exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", str(n), "-o", str(data)], check=True)
        if not store.exists():
            subprocess.run(ICPA + ["load", str(data), "--store", str(store)], check=True, capture_output=True)
        commands = [
            ["network", "--kind", "actor-actor", "--store", str(store), "-f", "graphml", "-o", str(work / "n.graphml")],
            ["network", "--kind", "actor-concept", "--store", str(store), "-f", "gexf", "-o", str(work / "n.gexf")],
            ["network", "--kind", "concept-concept", "--store", str(store), "-f", "csv", "-o", str(work / "n.csv")],
            ["map", "--topic", options.topic, "--article", "a000", "--store", str(store), "-f", "svg", "-o", str(work / "m.svg")],
            ["map", "--topic", options.topic, "--store", str(store), "-f", "dot", "-o", str(work / "m.dot")],
        ]
        if n <= 100_000:  # Graphviz's layout of every claim on the topic: thousands of nodes
            commands.append(["map", "--topic", options.topic, "--store", str(store), "-f", "svg", "-o", str(work / "m.svg")])
        for args in commands:
            times, peaks = [], []
            for _ in range(options.runs):
                seconds, peak = run(args)
                times.append(seconds)
                peaks.append(peak)
            label = " ".join(a for a in args if not a.startswith(str(work)))
            print(f"{n:>9,}  {label[:58]:<58} {statistics.median(times):>9.2f} "
                  f"{' '.join(f'{t:.2f}' for t in times):>18} {max(peaks):>8.0f}", flush=True)
    if not options.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
