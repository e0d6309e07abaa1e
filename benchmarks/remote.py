"""Publishing to, and querying, a shared triplestore (a private Virtuoso 7) against the local engines.

    python benchmarks/remote.py [--runs 3] [--triples 1000000] [--json out.json]

Starts its own Virtuoso on loopback (``tests/remote/virtuoso.py``: a temporary database, free
ports), then measures:

1. publishing the bundled graph (ontology + data) with ``icpa.remote.publish``: through the
   Graph Store HTTP Protocol (one batch) and through SPARQL Update (2,000-triple batches); and
   ``--reasoned`` into a graph of its own, ``GRAPH/reasoned``: the asserted triples there and
   HermiT's inferences in ``GRAPH/reasoned/inferred`` (the layout ``icpa publish --reasoned``
   writes), which the reasoned saved queries read;
2. the saved-query suite: every ``queries/*.rq`` with its ``example`` parameter values, run
   through ``icpa.api.execute`` (parameter binding included, labels excluded) on Virtuoso
   (``api.target(endpoint=..., graph=...)``, as ``icpa query --endpoint`` runs) and on the two
   local engines (``api.target(engine=...)``: Oxigraph, the default, and rdflib); median of
   ``--runs`` per query, after one warm-up run;
3. a synthetic graph of at least ``--triples`` triples with the project's own shapes
   (``benchmarks/generate.py``), published through the Graph Store protocol in 50,000-triple
   batches: preparation (skolemising, sorting, N-Triples) and upload throughput in triples per
   second.

Virtuoso is restarted once after the first publish (Virtuoso 7.2.5 mis-answers property-path
queries on a database it created in the same run; see docs/remote.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from icpa import api, project, vocab  # noqa: E402
from icpa.remote import publish  # noqa: E402
from icpa.remote.http import Credentials  # noqa: E402
from icpa.sparql import saved  # noqa: E402
from tests.remote.virtuoso import PASSWORD, USER, Virtuoso  # noqa: E402

#: the corpus that is published and queried: this checkout's
CORPUS = project.current(ROOT)
GRAPH = vocab.GRAPH
REASONED = GRAPH + "/reasoned"  # its inferences: vocab.inferred_graph(REASONED)
SYNTHETIC = GRAPH + "/synthetic"


def median_time(fn, runs: int) -> float:
    fn()  # warm-up: caches, label indexes, query plans
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(triples: int, work: Path):
    """The generator's corpus (at least ``triples`` triples), parsed into an rdflib graph."""
    import generate
    from rdflib import Graph

    path = work / "synthetic.nt"
    with path.open("wb") as out:
        generate.generate(None, 0, out, triples=triples)
    graph = Graph()
    graph.parse(str(path), format="nt")
    return graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query (median)")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (0: skip it)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    os.chdir(ROOT)  # publish() reads the corpus of the working directory: this checkout's, as CORPUS
    creds = Credentials(USER, PASSWORD)
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="icpa-bench-remote-") as tmp, Virtuoso(buffers=100_000, max_exec=300) as server:
        work = Path(tmp)
        print(f"Virtuoso {server.base} (database {server.root})")

        # 1. publishing the bundled graph
        gsp = publish.publish(server.sparql, credentials=creds)
        gsp_times = [publish.publish(server.sparql, replace=True, credentials=creds) for _ in range(args.runs)]
        upd = [publish.publish(server.sparql, graph=GRAPH + "/via-update", replace=True, credentials=creds,
                               update_endpoint=server.sparql_auth) for _ in range(args.runs)]
        reasoned = publish.publish(server.sparql, graph=REASONED, reasoned=True, credentials=creds)
        out["bundled"] = {
            "triples": gsp.triples,
            "graph_store_total_s": statistics.median(r.seconds for r in gsp_times),
            "graph_store_upload_s": statistics.median(r.upload_seconds for r in gsp_times),
            "update_batches": upd[0].batches,
            "update_total_s": statistics.median(r.seconds for r in upd),
            "update_upload_s": statistics.median(r.upload_seconds for r in upd),
            "reasoned_triples": reasoned.triples,  # the asserted triples and the inferences
            "reasoned_inferred_triples": reasoned.graphs.get(vocab.inferred_graph(REASONED)),
            "reasoned_upload_s": reasoned.upload_seconds,
        }
        b = out["bundled"]
        print(f"\npublish bundled graph ({b['triples']:,} triples), median of {args.runs}:")
        print(f"  Graph Store protocol, 1 batch:           {b['graph_store_total_s']:.2f} s in all, "
              f"{b['graph_store_upload_s']:.3f} s sending ({b['triples'] / b['graph_store_upload_s']:,.0f} triples/s)")
        print(f"  SPARQL Update, {b['update_batches']} batches of 2,000:     {b['update_total_s']:.2f} s in all, "
              f"{b['update_upload_s']:.3f} s sending ({b['triples'] / b['update_upload_s']:,.0f} triples/s)")
        print(f"  --reasoned ({b['reasoned_triples']:,} triples, {b['reasoned_inferred_triples']:,} of them inferences), "
              f"Graph Store: {b['reasoned_upload_s']:.3f} s sending")
        server.restart()

        # 2. the saved-query suite
        rows = []
        for q in saved.catalogue(CORPUS.queries_dir).values():
            values = {p.name: p.example for p in q.params if p.example is not None}
            graph = REASONED if q.reasoned else GRAPH  # a reasoned query also reads the graph's /inferred
            times = {}
            for name, where in (("virtuoso", api.target(endpoint=server.sparql, graph=graph)),
                                ("oxigraph", api.target(engine="oxigraph")), ("rdflib", api.target(engine="rdflib"))):
                times[name] = median_time(
                    lambda q=q, v=values, w=where: api.execute(q, v, labels=False, where=w, corpus=CORPUS), args.runs)
            rows.append((q.name, q.reasoned, times))
        out["queries"] = {name: times for name, _, times in rows}
        totals = {e: sum(t[e] for _, _, t in rows) for e in ("virtuoso", "oxigraph", "rdflib")}
        out["query_suite_s"] = totals
        print(f"\nsaved-query suite ({len(rows)} queries), median of {args.runs} per query, in ms:")
        print(f"  {'query':44} {'virtuoso':>9} {'oxigraph':>9} {'rdflib':>9}")
        for name, reasoned_q, t in rows:
            print(f"  {name + (' [r]' if reasoned_q else ''):44} {t['virtuoso'] * 1000:9.1f} {t['oxigraph'] * 1000:9.1f} {t['rdflib'] * 1000:9.1f}")
        print(f"  {'total':44} {totals['virtuoso'] * 1000:9.0f} {totals['oxigraph'] * 1000:9.0f} {totals['rdflib'] * 1000:9.0f}")

        # 3. a synthetic graph of a million triples
        if args.triples:
            start = time.perf_counter()
            graph = synthetic(args.triples, work)
            generated = time.perf_counter() - start
            report = publish.publish(server.sparql, graph=SYNTHETIC, source=graph, credentials=creds, timeout=600)
            prepare = report.seconds - report.upload_seconds
            out["synthetic"] = {
                "triples": report.triples, "batches": report.batches, "generate_and_parse_s": generated,
                "prepare_s": prepare, "upload_s": report.upload_seconds, "total_s": report.seconds,
                "upload_triples_per_s": report.triples_per_second,
                "end_to_end_triples_per_s": report.triples / report.seconds, "graph_triples": report.graph_triples,
            }
            s = out["synthetic"]
            print(f"\npublish synthetic graph ({s['triples']:,} triples, {s['batches']} Graph Store batches of 50,000):")
            print(f"  generate + parse (rdflib): {s['generate_and_parse_s']:.1f} s (not part of publishing)")
            print(f"  prepare (skolemise, sort, N-Triples): {s['prepare_s']:.1f} s; upload: {s['upload_s']:.1f} s")
            print(f"  upload throughput: {s['upload_triples_per_s']:,.0f} triples/s; "
                  f"end to end: {s['end_to_end_triples_per_s']:,.0f} triples/s; the server counts {s['graph_triples']:,}")

    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
