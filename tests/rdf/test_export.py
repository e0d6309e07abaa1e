"""Exports: every format reads back to the same triples; Turtle is byte-identical across runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib.compare import isomorphic

from icpa import api, fsutil, vocab
from icpa.checks import owlapi
from icpa.errors import RefusedWrite, UsageError
from icpa.rdf import formats
from icpa.rdf.parse import parse_file

from ..conftest import CORPUS, ROOT

EXPORTED = formats.exportable()


@pytest.mark.parametrize("fmt", EXPORTED)
def test_each_format_reads_back_to_the_same_triples(graph, fmt, tmp_path):
    out = tmp_path / f"kg{formats.get(fmt).suffix}"
    api.export(fmt, out, corpus=CORPUS)
    back = parse_file(out)  # the reader the format table names for the suffix
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


def test_export_writes_the_four_formats_protege_and_bulk_loaders_read():
    assert EXPORTED == ["ttl", "owl", "nt", "jsonld"]


def test_turtle_uses_at_prefix_not_sparql_prefix(graph):
    text = formats.get("ttl").write(graph)
    assert text.startswith("@prefix ")
    assert "\nPREFIX " not in text


_EXPORT_ALL = """
import sys
from pathlib import Path
from icpa import api
from icpa.rdf import formats
for what in ("ontology", "all"):
    graph = api.graph_of(what)  # what api.export writes, parsed once
    for fmt in sys.argv[2:]:
        Path(sys.argv[1], f"{what}.{fmt}").write_text(formats.get(fmt).write(graph), encoding="utf-8")
"""


@pytest.fixture(scope="module")
def exported_in_four_processes(tmp_path_factory):
    """Every format and --what, from four separate processes: twice with the same hash seed
    (blank-node labels are random per run) and twice with other seeds (set and dict order)."""
    runs = []
    for seed in ("0", "0", "1", "12345"):
        out = tmp_path_factory.mktemp(f"seed{seed}-")
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-c", _EXPORT_ALL, str(out), *EXPORTED], env=env, check=True, cwd=ROOT,
                       capture_output=True)
        runs.append(out)
    return runs


@pytest.mark.parametrize("fmt", EXPORTED)
@pytest.mark.parametrize("what", ["ontology", "all"])
def test_every_format_is_byte_identical_across_runs_and_hash_seeds(exported_in_four_processes, what, fmt):
    outputs = [(run / f"{what}.{fmt}").read_bytes() for run in exported_in_four_processes]
    assert len(set(outputs)) == 1, f"{len(set(outputs))} different outputs"
    assert len(outputs[0]) > 10_000


def test_build_is_byte_identical_across_hash_seeds(tmp_path):
    outputs = set()
    for seed in ("0", "7"):
        out = tmp_path / f"data-{seed}.ttl"
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-m", "icpa", "build", "-o", str(out)], env=env, check=True, cwd=ROOT, capture_output=True)
        outputs.add(out.read_bytes())
    assert len(outputs) == 1
    assert outputs == {CORPUS.data_file.read_bytes()}


@pytest.mark.java
@pytest.mark.parametrize("fmt", ["owl", "ttl"])
def test_exports_pass_the_owl_api_check(graph, fmt, tmp_path):
    out = tmp_path / f"icpa-all{formats.get(fmt).suffix}"
    api.export(fmt, out, corpus=CORPUS)
    report = owlapi.check(out)
    assert report.error is None, report.error
    assert report.in_profile, report.violations[:5]
    assert report.axioms > 10_000


def test_source_files_are_not_overwritten_without_force():
    target = CORPUS.ontology_file
    before = target.read_bytes()
    with pytest.raises(RefusedWrite, match="--force"):
        api.export("ttl", target, what="ontology", corpus=CORPUS)
    assert target.read_bytes() == before


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "x.ttl"
    out.write_text("old", encoding="utf-8")

    class Boom(Exception):
        pass

    def explode(*a, **k):
        raise Boom

    monkeypatch.setattr(os, "replace", explode)
    with pytest.raises(Boom):
        fsutil.write_text(out, "new content")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown RDF format 'docx'"):
        api.export("docx", corpus=CORPUS)


def test_merged_graph_is_one_ontology(graph):
    from rdflib.namespace import OWL, RDF

    heads = list(graph.subjects(RDF.type, OWL.Ontology))
    assert [str(h) for h in heads] == [vocab.ONTOLOGY_IRI]


@pytest.mark.java
def test_data_file_imports_the_ontology_and_catalog_resolves_it_offline():
    report = owlapi.check(CORPUS.data_file)
    assert report.error is None and report.in_profile
    assert vocab.ONTOLOGY_IRI in report.imports
