"""HermiT: consistency, unsatisfiable classes and materialised inferences.

HermiT runs through owlready2 in a child process (:mod:`icpa.reasoning.worker`), started only
when a command reasons. The graph goes over as N-Triples (owlready2 does not read Turtle);
the child has a scratch ``TMPDIR`` of its own, removed afterwards, so nothing global in this
process changes and owlready2's own warnings never reach the user's terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.namespace import OWL, RDF

from icpa.errors import DataError, ToolUnavailable, one_line

WORKER = Path(__file__).with_name("worker.py")
INFERRED_IRI = "https://w3id.org/icpa/inferred"  #: owlready2's scratch ontology for HermiT's output
TIMEOUT = 900.0


class ReasonerUnavailable(ToolUnavailable):
    """Java (needed by HermiT) or owlready2 is not there, or Java does not start."""


@dataclass(frozen=True)
class ReasonerReport:
    consistent: bool
    unsatisfiable: tuple[str, ...]
    seconds: float
    message: str = ""


def _run(mode: str, graph: Graph) -> dict:
    if shutil.which("java") is None:
        raise ReasonerUnavailable("HermiT needs Java, which is not installed: apt-get install default-jre-headless")
    from icpa.rdf.export import write_nt

    nt = write_nt(graph).encode("utf-8")  # canonical: HermiT's answer depends on the input's order and labels
    scratch = tempfile.mkdtemp(prefix="icpa-hermit-")
    try:
        # a fixed hash seed: owlready2 walks sets when it reads HermiT's answer, and its output varied with the seed
        env = {**os.environ, "TMPDIR": scratch, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
        try:
            proc = subprocess.run([sys.executable, str(WORKER), mode], input=nt, capture_output=True, env=env,
                                  timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise DataError(f"HermiT did not finish within {TIMEOUT:g} s") from None
        except OSError as exc:
            raise ReasonerUnavailable(f"cannot start the HermiT worker: {exc.strerror}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        answer = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        tail = [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        if any("No module named 'owlready2'" in line for line in tail):
            raise ReasonerUnavailable("HermiT needs owlready2, which is not installed: pip install owlready2") from None
        raise ReasonerUnavailable(f"the HermiT worker failed: {one_line(tail[-1]) if tail else f'exit {proc.returncode}'}") from None
    return answer


def check_consistency(graph: Graph) -> ReasonerReport:
    """Is ``graph`` consistent under HermiT, and which named classes are unsatisfiable?"""
    answer = _run("check", graph)
    seconds = float(answer.get("seconds", 0.0))
    if answer["status"] != "ok":
        return ReasonerReport(False, (), seconds, answer.get("message", "HermiT failed"))
    return ReasonerReport(True, tuple(answer.get("unsatisfiable", ())), seconds)


def materialise(graph: Graph) -> Graph:
    """Run HermiT on ``graph`` and return the triples it entails that ``graph`` does not hold.

    HermiT gives each individual's most specific inferred classes, the inferred subclass
    axioms and the inferred property values; the entailment closure
    (:func:`icpa.reasoning.rules.close`, the same rules a store runs) then adds the types under
    every named superclass, inverse, symmetric, sub- and chained property values, so a query
    needs no reasoning of its own.
    """
    from icpa.reasoning import rules

    answer = _run("materialise", graph)
    if answer["status"] == "inconsistent":
        raise DataError("the ontology and data are inconsistent under HermiT; run `icpa validate`")
    if answer["status"] != "ok":
        raise DataError(answer.get("message", "HermiT failed"))
    inferred = Graph().parse(data=answer.get("inferred", ""), format="nt")
    full = Graph()
    full += graph
    full += inferred
    full += rules.close(full)
    result = Graph()
    for triple in full:
        s, p, o = triple
        if triple in graph or isinstance(s, BNode) or isinstance(o, BNode):
            continue
        if p == RDF.type and o in (OWL.Thing, OWL.NamedIndividual):
            continue
        if str(s).startswith(INFERRED_IRI) or p == OWL.imports:
            continue
        result.add(triple)
    return result
