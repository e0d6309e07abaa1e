"""HermiT through owlready2, in a child process: ``python -m icpa.reasoning.worker MODE``.

owlready2 keeps process-wide state (its default world, ``tempfile`` use, Java settings) and
prints its own ``* Owlready2 * WARNING`` lines to stderr; it also leaves a temporary file behind
when Java fails. Running it here, in a child with its own ``TMPDIR`` that the parent removes,
keeps all of that out of the icpa process: nothing global changes, nothing reaches the user's
terminal that icpa did not write, and a failed run leaves nothing behind.

Protocol: N-Triples of the graph on stdin; one JSON object on stdout with ``status`` (``ok``,
``inconsistent`` or ``error``), ``message``, ``unsatisfiable`` (class IRIs, for ``check``) and
``inferred`` (N-Triples, for ``materialise``). Only :mod:`icpa.reasoning.hermit` runs this.
"""

from __future__ import annotations

import io
import json
import sys
import time

INFERRED_IRI = "https://w3id.org/icpa/inferred"
ONTOLOGY_IRI = "https://w3id.org/icpa/ontology"
NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


def run(mode: str, nt: bytes) -> dict:
    import owlready2

    world = owlready2.World()
    world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(nt))
    target = world.get_ontology(INFERRED_IRI)
    start = time.perf_counter()
    try:
        with target:
            owlready2.sync_reasoner_hermit(world, infer_property_values=(mode == "materialise"), debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return {"status": "inconsistent", "message": "HermiT: the ontology is inconsistent",
                "seconds": time.perf_counter() - start}
    except Exception as exc:  # owlready2 wraps Java failures in OwlReadyJavaError
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        first = next((line for line in lines if "Exception" in line or "Error" in line), lines[0] if lines else type(exc).__name__)
        return {"status": "error", "message": f"HermiT failed: {first[:300]}", "seconds": time.perf_counter() - start}
    seconds = time.perf_counter() - start
    if mode == "check":
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c.iri != NOTHING)
        return {"status": "ok", "unsatisfiable": unsat, "seconds": seconds}
    out = io.BytesIO()
    target.save(file=out, format="ntriples")
    return {"status": "ok", "inferred": out.getvalue().decode("utf-8"), "seconds": seconds}


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("check", "materialise"):
        sys.exit("usage: python -m icpa.reasoning.worker check|materialise < graph.nt")
    answer = run(mode, sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
