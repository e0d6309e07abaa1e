"""Exports: every format reads back to the same triples; Turtle is byte-identical across runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from icpa import export, owlapi, resources
from icpa.status import UsageError

from .conftest import ROOT

PARSE_AS = {"ttl": "turtle", "owl": "xml", "nt": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_each_format_reads_back_to_the_same_triples(graph, fmt, tmp_path):
    out = tmp_path / f"kg{export.FORMATS[fmt].suffix}"
    export.export(graph, fmt, out)
    back = Graph().parse(out, format=PARSE_AS[fmt])
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


def test_format_registry_matches_cli_choices():
    from icpa.cli import cli

    opt = next(p for p in cli.commands["export"].params if p.name == "fmt")
    assert list(opt.type.choices) == list(export.FORMATS)


def test_turtle_uses_at_prefix_not_sparql_prefix(graph):
    text = export.render(graph, "ttl")
    assert text.startswith("@prefix ")
    assert "\nPREFIX " not in text


@pytest.mark.parametrize("what", ["ontology", "all"])
def test_turtle_is_byte_identical_across_hash_seeds(what):
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT / "src"))
        run = subprocess.run([sys.executable, "-m", "icpa", "export", "-f", "ttl", "--what", what],
                             capture_output=True, env=env, check=True, cwd=ROOT)
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert len(next(iter(outputs))) > 10_000


def test_build_is_byte_identical_across_hash_seeds(tmp_path):
    outputs = set()
    for seed in ("0", "7"):
        out = tmp_path / f"data-{seed}.ttl"
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-m", "icpa", "build", "-o", str(out)], env=env, check=True, cwd=ROOT, capture_output=True)
        outputs.add(out.read_bytes())
    assert len(outputs) == 1
    assert outputs == {resources.data_file().read_bytes()}


@pytest.mark.parametrize("fmt", ["owl", "ttl"])
def test_exports_pass_the_owl_api_check(graph, fmt, tmp_path):
    out = tmp_path / f"icpa-all{export.FORMATS[fmt].suffix}"
    export.export(graph, fmt, out)
    report = owlapi.check(out)
    assert report.error is None, report.error
    assert report.in_profile, report.violations[:5]
    assert report.axioms > 10_000


def test_source_files_are_not_overwritten_without_force(ontology):
    target = resources.ontology_file()
    before = target.read_bytes()
    with pytest.raises(UsageError, match="--force"):
        export.export(ontology, "ttl", target)
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
        export.write_text(out, "new content")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def test_unknown_format_is_a_usage_error(ontology):
    with pytest.raises(UsageError, match="unknown format"):
        export.render(ontology, "docx")


def test_merged_graph_is_one_ontology(graph):
    from rdflib.namespace import OWL, RDF

    heads = list(graph.subjects(RDF.type, OWL.Ontology))
    assert [str(h) for h in heads] == [resources.ONTOLOGY_IRI]


def test_data_file_imports_the_ontology_and_catalog_resolves_it_offline():
    report = owlapi.check(resources.data_file())
    assert report.error is None and report.in_profile
    assert resources.ONTOLOGY_IRI in report.imports
