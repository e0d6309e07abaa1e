"""Load 10^4, 10^5 and 10^6 triples into each engine and time loading, every saved query and memory.

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--runs 5] [--csv out.csv]

For each size, ``generate.py`` writes the corpus (the curated articles, then synthetic ones) and
the ontology (ontology/icpa.ttl) is prepended as N-Triples, so every engine reads one file with
the class hierarchy in it. Engines, each in a child process of its own (peak memory is the
child's ru_maxrss, or ``/usr/bin/time -f %M`` for commands):

- ``rdflib``: ``Graph().parse(format="nt")`` and ``graph.query`` (rows fully materialised), with
  the hash join that ``icpa --engine rdflib`` runs its queries with (inside
  ``icpa.engines.hashjoin.active()``), as icpa runs it;
- ``pyoxigraph``: an in-memory ``Store().load`` and ``store.query``;
- ``icpa-store``: the on-disk store built by ``icpa load FILE --no-bundled --store DIR``, opened
  read-only the way ``icpa query --store`` opens it (``icpa.engines.registry.open_engine``), queried
  through ``OxigraphBackend.execute``; its load is the whole ``icpa load`` command, beside
  pyoxigraph's own ``Store(DIR).bulk_load`` of the same file in the same run;
- ``icpa-runner``: the same store through ``icpa.api.execute`` with ``api.target(store=DIR)`` and the
  example parameter values, i.e. label lookup for the parameters + query + label lookup for the
  answer, all that ``icpa query NAME --store DIR`` does after start-up;
- ``jena``: Debian's Jena ARQ, one ``arq.sparql --data FILE --query Q`` process per query, so
  each time is JVM start + parse + query (its "load" is the same command with ``ASK {}``).

Each query's parameters are bound once per size with ``icpa.sparql.binding`` (example values, labels
resolved by ``Backend.candidates`` on that size's data) and written out, so every engine runs the
identical text. A query's time is the median of ``--runs`` runs, fewer when the runs so far
already took ``--budget`` seconds; a run over ``--timeout`` seconds is reported as ">T". Reasoned
saved queries are skipped here; the first ``--reasoned`` query on the store (materialising the
inferences) and a second one are timed separately with ``icpa sparql --reasoned --store``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import re
import resource
import select
import shutil
import signal
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

import generate  # noqa: E402
import jena  # noqa: E402

from icpa import project  # noqa: E402

#: the corpus whose ontology and saved queries are measured: this checkout's
CORPUS = project.current(ROOT)

ENGINES = ("rdflib", "pyoxigraph", "icpa-store", "icpa-runner", "jena")
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
ENV.pop("ICPA_ENDPOINT", None)  # every icpa command here runs on a local store
REASONED_PROBE = ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <https://w3id.org/icpa/ontology#CriticOfVerticalIntegration> }")


# -- child processes: one engine each ----------------------------------------------------------

def measure(make_run, text: str, args) -> dict:
    """Time ``run(text)`` (``run = make_run()``) in a forked child that shares the loaded data.

    Up to ``--runs`` runs, fewer once ``--budget`` seconds are spent; a run still going after
    ``--timeout`` seconds is killed (Oxigraph's Rust code cannot be interrupted from Python).
    """
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the measuring child
        os.close(rfd)

        def send(**msg):
            os.write(wfd, (json.dumps(msg) + "\n").encode())
        try:
            start = time.perf_counter()
            run = make_run()
            send(open=time.perf_counter() - start)
            spent = 0.0
            for _ in range(args.runs):
                start = time.perf_counter()
                rows = run(text)
                took = time.perf_counter() - start
                spent += took
                send(t=took, rows=rows)
                if spent >= args.budget:
                    break
            send(done=True, peak=peak_kb())
        except BaseException as exc:  # an engine's error is a result too
            send(error=f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}", peak=peak_kb())
        os._exit(0)
    os.close(wfd)
    res: dict = {"status": "timeout", "times": [], "rows": None, "peak_kb": 0}
    buf = b""
    deadline = time.monotonic() + args.timeout + 60  # opening the store is not a run
    with os.fdopen(rfd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                res["peak_kb"] = max(res["peak_kb"], _child_peak(pid))
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([pipe], [], [], left)
            if not ready:
                continue
            chunk = pipe.read(65536)
            if not chunk:
                res["status"] = res["status"] if res["status"] != "timeout" else "error: the measuring process died"
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                msg = json.loads(line)
                if "open" in msg:
                    res["open"] = msg["open"]
                    deadline = time.monotonic() + args.timeout
                if "t" in msg:
                    res["times"].append(msg["t"])
                    res["rows"] = msg["rows"]
                    deadline = time.monotonic() + args.timeout
                if "peak" in msg:
                    res["peak_kb"] = msg["peak"]
                if "done" in msg:
                    res["status"] = "ok"
                if "error" in msg:
                    res["status"] = "error: " + msg["error"]
            if res["status"] != "timeout":
                break
    os.waitpid(pid, 0)
    return res


def _child_peak(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def child(args) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(args.qdir).glob("*.rq"))}
    out: dict = {"engine": args.child, "queries": {}}
    start = time.perf_counter()
    if args.child == "bulk_load":
        import pyoxigraph as ox

        store = ox.Store(args.store)
        store.bulk_load(path=args.kg, format=ox.RdfFormat.N_TRIPLES)
        out["load"] = time.perf_counter() - start
        for step in ("flush", "optimize"):
            start = time.perf_counter()
            getattr(store, step)()
            out[step] = time.perf_counter() - start
        texts = {}
        del store
    elif args.child == "rdflib":
        from rdflib import Graph

        from icpa.engines import hashjoin

        graph = Graph()
        graph.parse(args.kg, format="nt")
        out["load"] = time.perf_counter() - start
        out["triples"] = len(graph)

        def make_run():
            def run(text):
                with hashjoin.active():  # what icpa's rdflib engine runs its queries with
                    return len(list(graph.query(text)))
            return run
    elif args.child == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.load(path=args.kg, format=ox.RdfFormat.N_TRIPLES)
        out["load"] = time.perf_counter() - start
        out["triples"] = len(store)

        def make_run():
            return lambda text: len([tuple(s) for s in store.query(text)])
    elif args.child == "icpa-store":
        from icpa.engines.registry import open_engine

        def make_run():  # opened in the measuring child: RocksDB's threads do not survive fork
            backend = open_engine("oxigraph", store=args.store)
            return lambda text: len(backend.execute(text).rows)
    elif args.child in ("icpa-runner", "icpa-reasoned"):
        import icpa.engines.oxigraph_engine  # noqa: F401 - imported before forking: a run times the query, not imports
        import icpa.engines.stores  # noqa: F401
        from icpa import api
        from icpa.sparql import saved as saved_queries

        saved = saved_queries.catalogue(Path(args.saved))
        if args.child == "icpa-reasoned":
            texts = {name: name for name, q in saved.items() if q.reasoned}
        where = api.target(store=args.store)  # what `icpa query NAME --store DIR` runs on

        def make_run():
            def run(name):
                q = saved[name]
                values = {p.name: p.example for p in q.params if p.example is not None}
                return len(api.execute(q, values, where=where).rows)
            return run

        texts = {name: name for name in texts}
    else:
        raise SystemExit(f"unknown engine {args.child}")
    skip = set(args.skip.split(",")) if args.skip else set()
    peaks = [peak_kb()]
    opens = []
    for name, text in texts.items():
        if name in skip:
            out["queries"][name] = {"status": "timeout", "times": [], "rows": None, "skipped": True}
            continue
        r = measure(make_run, text, args)
        peaks.append(r.pop("peak_kb", 0))
        if "open" in r:
            opens.append(r.pop("open"))
        out["queries"][name] = r
    if args.child == "icpa-store" and opens:
        out["load"] = statistics.median(opens)  # opening the finished store, read-only
    elif args.child in ("icpa-runner", "icpa-reasoned"):
        out["load"] = None
    out["peak_kb"] = max(peaks)
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip tearing down a million-triple rdflib graph (seconds)


def peak_kb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across vfork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_child(engine: str, kg: Path, qdir: Path, args, store: Path | None = None, limit: float = 3600,
              skip: set[str] = frozenset()) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, "--kg", str(kg), "--qdir", str(qdir), "--runs", str(args.runs),
           "--budget", str(args.budget), "--timeout", str(args.timeout), "--saved", str(args.saved)] \
        + (["--store", str(store)] if store else []) \
        + (["--skip", ",".join(sorted(skip))] if skip else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, env=ENV, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "error": f"killed after {limit:.0f} s", "queries": {}}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"engine": engine, "error": (proc.stderr or "no output").strip().splitlines()[-1][:300], "queries": {}}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- commands timed from outside -----------------------------------------------------------------

def timed_command(cmd: list[str], timeout: float) -> tuple[float | None, int | None, str]:
    """(wall seconds, peak KB, stdout) of ``cmd`` under /usr/bin/time; None on timeout."""
    start = time.perf_counter()
    # a session of its own, so that a timeout kills the command itself (java), not only /usr/bin/time
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=ENV, cwd=ROOT, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, None, ""
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed: {stderr.strip()[-500:]}")
    peak = int(stderr.strip().splitlines()[-1])
    return wall, peak, stdout


def count_csv_rows(text: str) -> int:
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)


def run_jena(kg: Path, qdir: Path, args, triples: int, skip: set[str] = frozenset()) -> dict:
    heap = "6g" if triples > 300_000 else "2g"
    out: dict = {"engine": "jena", "queries": {}, "heap": heap}
    ask = qdir.parent / "ask.rq"
    ask.write_text("ASK {}\n", encoding="utf-8")
    loads, peaks = [], []
    for _ in range(max(1, min(3, args.runs))):
        wall, peak, _ = timed_command(jena.arq_command(kg, ask, results="csv", heap=heap), args.timeout)
        if wall is None:
            break
        loads.append(wall)
        peaks.append(peak)
        if sum(loads) >= args.jena_budget:
            break
    out["load"] = statistics.median(loads) if loads else None
    for qfile in sorted(qdir.glob("*.rq")):
        if qfile.stem in skip:
            out["queries"][qfile.stem] = {"status": "timeout", "times": [], "rows": None, "skipped": True}
            continue
        times, rows, status = [], None, "ok"
        for _ in range(args.runs):
            try:
                wall, peak, stdout = timed_command(jena.arq_command(kg, qfile, results="csv", heap=heap), args.timeout)
            except RuntimeError as exc:
                status = f"error: {str(exc)[-200:]}"
                break
            if wall is None:
                status = "timeout"
                break
            times.append(wall)
            peaks.append(peak)
            rows = count_csv_rows(stdout)
            if sum(times) >= args.jena_budget:
                break
        out["queries"][qfile.stem] = {"status": status, "times": times, "rows": rows}
    out["peak_kb"] = max(peaks) if peaks else None
    return out


def load_store(kg: Path, store: Path, args) -> dict:
    """``icpa load`` beside pyoxigraph's own bulk_load of the same file, alternating."""
    icpa_walls, icpa_inner, bulk, peaks, flush, optimize = [], [], [], [], [], []
    for k in range(args.load_runs):
        ref = store.with_name(store.name + "-bulk")
        shutil.rmtree(ref, ignore_errors=True)
        r = run_child("bulk_load", kg, store.parent, args, store=ref)
        shutil.rmtree(ref, ignore_errors=True)
        if "load" in r:
            bulk.append(r["load"])
            flush.append(r["flush"])
            optimize.append(r["optimize"])
        if k:
            shutil.rmtree(store, ignore_errors=True)
        wall, peak, stdout = timed_command([sys.executable, "-m", "icpa", "load", str(kg), "--no-bundled", "--store", str(store)],
                                           3600)
        icpa_walls.append(wall)
        peaks.append(peak)
        m = re.search(r"in ([\d.]+) s", stdout)
        if m:
            icpa_inner.append(float(m.group(1)))
    return {"icpa_load": statistics.median(icpa_walls), "icpa_load_inner": statistics.median(icpa_inner) if icpa_inner else None,
            "bulk_load": statistics.median(bulk) if bulk else None, "peak_kb": max(peaks),
            "bulk_flush": statistics.median(flush) if flush else None, "bulk_optimize": statistics.median(optimize) if optimize else None,
            "disk_mb": sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6}


def reasoned_probe(store: Path, kg: Path, qdir: Path, args) -> dict:
    """The first --reasoned query on a store (materialises the inferences), then a second one."""
    work = store.with_name(store.name + "-reasoned")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(store, work)
    cmd = [sys.executable, "-m", "icpa", "sparql", REASONED_PROBE, "--reasoned", "--store", str(work), "-f", "csv"]
    out: dict = {}
    try:
        for key in ("reasoned_first", "reasoned_second"):
            wall, peak, stdout = timed_command(cmd, max(args.timeout, 600))
            out[key] = wall
            out[key + "_peak_kb"] = peak
            out["reasoned_answer"] = stdout.strip().splitlines()[-1] if stdout.strip() else None
        out["queries"] = run_child("icpa-reasoned", kg, qdir, args, store=work)["queries"]
    except RuntimeError as exc:
        out["reasoned_error"] = str(exc)[-300:]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


# -- preparing one size --------------------------------------------------------------------------

def ontology_nt() -> str:
    from rdflib import Graph

    return Graph().parse(CORPUS.ontology_file).serialize(format="nt")


def prepare(size: int, work: Path, args, onto: str) -> tuple[Path, int, int]:
    """Write kg-SIZE.nt (ontology + corpus); returns (path, articles, triples)."""
    kg = work / f"kg-{size}.nt"
    onto_triples = sum(1 for line in onto.splitlines() if line.strip())
    with kg.open("wb") as fh:
        fh.write(onto.encode("utf-8"))
        articles, triples = generate.generate(None, args.seed, fh, triples=size - onto_triples)
    return kg, articles, triples + onto_triples


def bind_queries(kg: Path, qdir: Path, saved: Path) -> tuple[dict, list[str]]:
    """Bind every non-reasoned saved query's example values against this corpus; write NAME.rq."""
    import pyoxigraph as ox

    from icpa.engines.oxigraph_engine import OxigraphBackend
    from icpa.sparql import binding
    from icpa.sparql import saved as saved_queries

    store = ox.Store()
    store.bulk_load(path=str(kg), format=ox.RdfFormat.N_TRIPLES)
    backend = OxigraphBackend(store)
    qdir.mkdir(parents=True, exist_ok=True)
    bound, skipped = {}, []
    for q in saved_queries.catalogue(saved).values():
        if q.reasoned:
            skipped.append(q.name)
            continue
        values = {p.name: p.example for p in q.params if p.example is not None}
        start = time.perf_counter()
        terms = binding.bind(q, values, backend.candidates)
        seconds = time.perf_counter() - start
        (qdir / f"{q.name}.rq").write_text(binding.inject_values(q.text, terms), encoding="utf-8")
        bound[q.name] = {"values": values, "terms": {k: str(v) for k, v in terms.items()}, "bind_s": seconds}
    del store
    return bound, skipped


# -- reporting -------------------------------------------------------------------------------------

def median(r: dict | None) -> float | None:
    return statistics.median(r["times"]) if r and r.get("times") and r["status"] == "ok" else None


def cell(r: dict | None, timeout: float) -> str:
    if r is None:
        return "–"
    if r["status"] == "timeout":
        return f">{timeout:g}" + ("*" if r.get("skipped") else "")
    if r["status"] != "ok":
        return "error"
    return fmt(median(r))


def fmt(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s:.3f}" if s < 10 else f"{s:.1f}"


def total(results: dict, names: list[str], timeout: float) -> tuple[float | None, bool]:
    """Sum of medians; timeouts count as the timeout (a lower bound, flagged)."""
    s, lower = 0.0, False
    for n in names:
        r = results.get(n)
        if r is None or r["status"] not in ("ok", "timeout"):
            return None, False
        if r["status"] == "timeout":
            s, lower = s + timeout, True
        else:
            s += median(r)
    return s, lower


def slope(t1: float | None, t2: float | None, n1: int, n2: int) -> float | None:
    if not t1 or not t2 or t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget", type=float, default=10.0, help="stop repeating a query once its runs took this long (s)")
    ap.add_argument("--jena-budget", type=float, default=4.0,
                    help="the same for Jena, where every run is a JVM start and a parse of the data (s)")
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="per query run (s); a query that timed out at a smaller size is not run again at a larger one")
    ap.add_argument("--load-runs", type=int, default=3, help="runs of icpa load and of bulk_load per size (median)")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--no-reasoned", action="store_true", help="skip timing the first --reasoned query on the store")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--csv", type=Path)
    ap.add_argument("--json", type=Path, help="also write the raw results")
    ap.add_argument("--work", type=Path, help="keep the data and stores here (default: a temporary directory)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--kg", help=argparse.SUPPRESS)
    ap.add_argument("--qdir", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--skip", help=argparse.SUPPRESS)
    ap.add_argument("--saved", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    work = args.work or Path(tempfile.mkdtemp(prefix="icpa-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    onto = ontology_nt()
    args.saved = work / "saved-queries"  # one snapshot of queries/ for every size and engine
    shutil.rmtree(args.saved, ignore_errors=True)
    args.saved.mkdir()
    for f in sorted(CORPUS.queries_dir.glob("*.rq")):
        shutil.copy2(f, args.saved / f.name)
    report: list[dict] = []
    started = time.perf_counter()
    timed_out: dict[str, set[str]] = {e: set() for e in ENGINES}
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)", flush=True)
    for size in sorted(args.sizes):
        t0 = time.perf_counter()
        kg, articles, triples = prepare(size, work, args, onto)
        gen_s = time.perf_counter() - t0
        qdir = work / f"queries-{size}"
        shutil.rmtree(qdir, ignore_errors=True)
        bound, skipped = bind_queries(kg, qdir, args.saved)
        names = sorted(bound)
        print(f"\n== {size:,}: {triples:,} triples ({articles} articles, {kg.stat().st_size / 1e6:.0f} MB), "
              f"generated in {gen_s:.1f} s; {len(names)} queries" + (f", skipped (reasoned): {', '.join(skipped)}" if skipped else ""),
              flush=True)
        entry: dict = {"size": size, "triples": triples, "articles": articles, "bound": bound, "skipped": skipped, "engines": {}}
        store = work / f"store-{size}"
        timed_out_here: set[str] = set()
        for engine in args.engines:
            t0 = time.perf_counter()
            if engine == "jena":
                r = run_jena(kg, qdir, args, triples, skip=timed_out[engine])
            elif engine in ("icpa-store", "icpa-runner"):
                if not store.exists() or engine == "icpa-store":
                    shutil.rmtree(store, ignore_errors=True)
                    entry["load"] = load_store(kg, store, args)
                # the runner does what the store engine does and more: what timed out there times out here
                skip = timed_out[engine] | (timed_out_here if engine == "icpa-runner" else set())
                r = run_child(engine, kg, qdir, args, store=store, skip=skip)
                if engine == "icpa-store":
                    timed_out_here = {n for n, q in r["queries"].items() if q["status"] == "timeout"}
                    r["load"] = entry["load"]["icpa_load"]
                    r["peak_kb"] = max(r.get("peak_kb") or 0, entry["load"]["peak_kb"])
            else:
                r = run_child(engine, kg, qdir, args, skip=timed_out[engine])
            timed_out[engine] |= {n for n, q in r["queries"].items() if q["status"] == "timeout"}
            entry["engines"][engine] = r
            done = sum(1 for q in r["queries"].values() if q["status"] == "ok")
            print(f"   {engine:<12} load {fmt(r.get('load')):>7} s, {done}/{len(names)} queries ok, "
                  f"total {fmt(total(r['queries'], names, args.timeout)[0])} s, peak {((r.get('peak_kb') or 0) / 1024):.0f} MB"
                  + (f"  ERROR {r['error']}" if r.get("error") else "") + f"  [{time.perf_counter() - t0:.0f} s]", flush=True)
        if not args.no_reasoned and ("icpa-store" in args.engines or "icpa-runner" in args.engines) and store.exists():
            entry["reasoned"] = reasoned_probe(store, kg, qdir, args)
            print(f"   reasoned     first {fmt(entry['reasoned'].get('reasoned_first'))} s, "
                  f"second {fmt(entry['reasoned'].get('reasoned_second'))} s {entry['reasoned'].get('reasoned_error', '')}", flush=True)
        shutil.rmtree(store, ignore_errors=True)
        report.append(entry)
        if not args.work:
            kg.unlink()
    print(f"\n(all sizes in {(time.perf_counter() - started) / 60:.1f} min; "
          f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print_report(report, args)
    if args.csv:
        write_csv(report, args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


def rows_agree(entry: dict, name: str) -> str:
    counts = {e: r["queries"][name]["rows"] for e, r in entry["engines"].items()
              if name in r["queries"] and r["queries"][name]["status"] == "ok"}
    values = set(counts.values())
    if len(values) <= 1:
        return str(next(iter(values))) if values else "?"
    return "DIFFER " + ", ".join(f"{e}={c}" for e, c in counts.items())


def print_report(report: list[dict], args) -> None:
    lines = table_lines(report, args)
    print("\n".join(lines))


def table_lines(report: list[dict], args) -> list[str]:
    out: list[str] = []
    for entry in report:
        engines = [e for e in ENGINES if e in entry["engines"]]
        names = sorted(entry["bound"])
        out.append(f"\n### {entry['triples']:,} triples ({entry['articles']} articles)\n")
        out.append("| | " + " | ".join(engines) + " | rows |")
        out.append("|---|" + "---:|" * len(engines) + "---:|")
        load = entry.get("load", {})
        row = []
        for e in engines:
            r = entry["engines"][e]
            row.append("–" if e == "icpa-runner" else fmt(r.get("load")))
        out.append("| **load** (s) | " + " | ".join(row) + " | |")
        if load:
            out.append("| pyoxigraph `Store(dir).bulk_load`, same file (s) | " + " | ".join(
                fmt(load.get("bulk_load")) if e == "icpa-store" else "" for e in engines) + " | |")
        for n in names:
            out.append(f"| {n} | " + " | ".join(cell(entry["engines"][e]["queries"].get(n), args.timeout) for e in engines)
                       + f" | {rows_agree(entry, n)} |")
        tots = []
        for e in engines:
            s, lower = total(entry["engines"][e]["queries"], names, args.timeout)
            tots.append(("≥" if lower else "") + fmt(s))
        out.append("| **all queries** (s) | " + " | ".join(tots) + " | |")
        out.append("| **peak memory** (MB) | " + " | ".join(
            f"{(entry['engines'][e].get('peak_kb') or 0) / 1024:.0f}" for e in engines) + " | |")
        if "reasoned" in entry:
            rz = entry["reasoned"]
            out.append(f"\nFirst `--reasoned` query on the store (materialises the inferences): {fmt(rz.get('reasoned_first'))} s; "
                       f"the next one: {fmt(rz.get('reasoned_second'))} s" + (f" ({rz['reasoned_error']})" if "reasoned_error" in rz else ""))
            if rz.get("queries"):
                out.append("\nReasoned saved queries on that store, through `icpa.api.execute` (s): " + "; ".join(
                    f"{n} {cell(r, args.timeout)} ({r.get('rows')} rows)" for n, r in sorted(rz["queries"].items())))
    out += targets(report, args)
    return out


def targets(report: list[dict], args) -> list[str]:
    out = ["\n### Targets\n"]
    if not report:
        return out
    big = report[-1]
    names = sorted(big["bound"])
    eng = big["engines"]
    load = big.get("load")
    if load and load.get("bulk_load"):
        ratio = load["icpa_load"] / load["bulk_load"]
        inner = load.get("icpa_load_inner")
        out.append(f"- load at {big['triples']:,}: `icpa load` {fmt(load['icpa_load'])} s (inside the command: {fmt(inner)} s) vs "
                   f"`bulk_load` {fmt(load['bulk_load'])} s = {ratio:.2f}x (target ≤ 1.3x): {'MET' if ratio <= 1.3 else 'NOT MET'}")
    if "icpa-store" in eng:
        q = eng["icpa-store"]["queries"]
        slow = [n for n in names if median(q.get(n)) is None or median(q.get(n)) > 0.5]
        out.append(f"- every saved query ≤ 0.5 s median on the on-disk store at {big['triples']:,}: "
                   + (f"MET (slowest {fmt(max(median(q.get(n)) for n in names))} s)" if not slow else
                      f"NOT MET for {len(slow)} of {len(names)}: " + ", ".join(f"{n} {cell(q.get(n), args.timeout)} s" for n in slow)))
        if "icpa-runner" in eng:
            qr = eng["icpa-runner"]["queries"]
            slow = [n for n in names if median(qr.get(n)) is None or median(qr.get(n)) > 0.5]
            out.append("- the same through `icpa.api.execute` (parameter lookup + query + answer labels): "
                       + ("all ≤ 0.5 s" if not slow else f"over 0.5 s for {len(slow)}: "
                          + ", ".join(f"{n} {cell(qr.get(n), args.timeout)} s" for n in slow)))
        for other, target in (("rdflib", 10.0), ("jena", 1.0)):
            if other not in eng:
                continue
            o = eng[other]["queries"]
            both = [n for n in names if (q.get(n) or {}).get("status") == "ok" and (o.get(n) or {}).get("status") == "ok"]
            mine = sum(median(q[n]) for n in both)
            theirs = sum(median(o[n]) for n in both)
            slower = [n for n in names if (q.get(n) or {}).get("status") == "ok" and (o.get(n) or {}).get("status") == "timeout"]
            lower = (theirs + args.timeout * len(slower)) / (mine + sum(median(q[n]) for n in slower)) if mine else None
            neither = [n for n in names if (q.get(n) or {}).get("status") != "ok"]
            what = "≥ 10x faster than rdflib" if other == "rdflib" else "faster than Jena ARQ (JVM start + parse + query, per query)"
            verdict = "MET" if lower and lower >= target else "NOT MET"
            out.append(f"- suite {what}: on the {len(both)} queries both finish, {fmt(mine)} s vs {fmt(theirs)} s = "
                       f"{theirs / mine:.1f}x; counting the {len(slower)} that {other} did not finish in {args.timeout:g} s as "
                       f"{args.timeout:g} s, ≥ {lower:.1f}x: {verdict}"
                       + (f" ({len(neither)} queries the store did not finish are left out: {', '.join(neither)})" if neither else ""))
    empty = [(n, r["triples"]) for r in report for n in sorted(r["bound"])
             if any((e["queries"].get(n) or {}).get("rows") == 0 for e in r["engines"].values())]
    unknown = [(n, r["triples"]) for r in report for n in sorted(r["bound"])
               if all((e["queries"].get(n) or {}).get("rows") is None for e in r["engines"].values())]
    out.append("- every saved query has answers at every size: " + ("yes" if not empty else "NO: " + ", ".join(
        f"{n} at {t:,}" for n, t in empty)) + ("; no engine finished " + ", ".join(f"{n} at {t:,}" for n, t in unknown)
                                            if unknown else ""))
    differ = [(n, r["triples"], rows_agree(r, n)) for r in report for n in sorted(r["bound"]) if rows_agree(r, n).startswith("DIFFER")]
    out.append("- engines agree on the number of answers: " + ("yes" if not differ else "NO: " + "; ".join(
        f"{n} at {t:,}: {d}" for n, t, d in differ)))
    if len(report) >= 2:
        out.append("\nGrowth with the corpus (exponent k in time ∝ triples^k between sizes; ≤ 1 is no worse than linear):\n")
        heads = [f"{a['triples']:,}→{b['triples']:,}" for a, b in zip(report, report[1:])]
        out.append("| | " + " | ".join(f"{r['triples']:,}" for r in report) + " | " + " | ".join(f"k {h}" for h in heads)
                   + " | rows " + " / ".join(f"{r['triples'] // 1000:,}k" for r in report) + " |")
        out.append("|---|" + "---:|" * (len(report) + len(heads)) + "---:|")

        def growth(label, values, rows=""):
            ks = [slope(values[i], values[i + 1], report[i]["triples"], report[i + 1]["triples"]) for i in range(len(report) - 1)]
            out.append(f"| {label} | " + " | ".join(fmt(v) for v in values) + " | "
                       + " | ".join("–" if k is None else f"{k:.2f}" for k in ks) + f" | {rows} |")
        growth("`icpa load` (s)", [r.get("load", {}).get("icpa_load") for r in report])
        growth("`bulk_load` (s)", [r.get("load", {}).get("bulk_load") for r in report])
        for n in names:
            vals = [median(r["engines"].get("icpa-store", {}).get("queries", {}).get(n)) for r in report]
            rows = " / ".join(str(next((e["queries"][n]["rows"] for e in r["engines"].values()
                                        if (e["queries"].get(n) or {}).get("rows") is not None), "?")) for r in report)
            growth(n, vals, rows)
        growth("**all queries**", [total(r["engines"].get("icpa-store", {}).get("queries", {}), names, args.timeout)[0] for r in report])
    return out


def write_csv(report: list[dict], args) -> None:
    with args.csv.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["size", "triples", "articles", "engine", "item", "seconds", "status", "runs", "rows", "all_runs"])
        for entry in report:
            base = [entry["size"], entry["triples"], entry["articles"]]
            load = entry.get("load", {})
            for e, r in entry["engines"].items():
                w.writerow(base + [e, "load", r.get("load"), "error" if r.get("error") else "ok", "", "", ""])
                for n, q in sorted(r["queries"].items()):
                    w.writerow(base + [e, n, median(q), q["status"], len(q["times"]), q["rows"],
                                       " ".join(f"{t:.4f}" for t in q["times"])])
                s, lower = total(r["queries"], sorted(entry["bound"]), args.timeout)
                w.writerow(base + [e, "all queries", s, "lower bound" if lower else "ok", "", "", ""])
                w.writerow(base + [e, "peak_mb", (r.get("peak_kb") or 0) / 1024, "ok", "", "", ""])
            if load:
                for k in ("icpa_load", "icpa_load_inner", "bulk_load", "bulk_flush", "bulk_optimize", "disk_mb"):
                    w.writerow(base + ["icpa-store", k, load.get(k), "ok", "", "", ""])
            for k, v in entry.get("reasoned", {}).items():
                if isinstance(v, (int, float)):
                    w.writerow(base + ["icpa-store", k, v, "ok", "", "", ""])
            for n, q in sorted(entry.get("reasoned", {}).get("queries", {}).items()):
                w.writerow(base + ["icpa-runner-reasoned", n, median(q), q["status"], len(q["times"]), q["rows"],
                                   " ".join(f"{t:.4f}" for t in q["times"])])
            for n, b in entry["bound"].items():
                w.writerow(base + ["binding", n, b["bind_s"], "ok", "", "", json.dumps(b["terms"])])


if __name__ == "__main__":
    main()
