"""`icpa validate`'s checks: each passes on the shipped files and fires on a broken fixture."""

from __future__ import annotations

import functools

import pytest

from icpa import api
from icpa.checks.registry import CHECKS
from icpa.errors import DataError

from ..conftest import CORPUS, DATA

FIX = DATA / "checks"
pytestmark = pytest.mark.java


def validate(**options):
    return api.validate(corpus=CORPUS, **options)


@functools.cache
def _fixture_report(name: str):
    """One validation per fixture, shared by every check that reads it."""
    return validate(ontology=FIX / name)


@pytest.fixture(scope="module")
def shipped(shipped_report):
    return shipped_report


def test_shipped_ontology_and_data_pass_every_check(shipped):
    assert shipped.ok, [f.line() for f in shipped.findings if f.severity == "ERROR"]
    assert shipped.count("WARN") == 0, [f.line() for f in shipped.findings if f.severity == "WARN"]
    assert set(shipped.ran) == set(CHECKS)


@pytest.mark.parametrize("name", ["parse", "owlapi", "hermit", "shacl", "anchors", "freshness"])
def test_each_check_really_ran_on_the_shipped_files(shipped, name):
    infos = [f for f in shipped.by_check(name) if f.severity == "INFO"]
    assert infos, f"{name} reported nothing"


def test_owlapi_loads_both_files_in_dl_profile(shipped):
    lines = [f.subject for f in shipped.by_check("owlapi") if "in the OWL 2 DL profile" in f.message]
    assert sorted(lines) == ["icpa-data.ttl", "icpa.ttl"]


def test_good_fixture_passes():
    report = validate(ontology=FIX / "good.ttl")
    assert report.ok, [f.line() for f in report.findings]


@pytest.mark.parametrize(
    ("fixture", "check", "subject", "words"),
    [
        ("missing_label.ttl", "labels", "icpa:Unlabelled", "missing rdfs:label"),
        ("missing_definition.ttl", "labels", "icpa:Undefined", "missing skos:definition"),
        ("missing_domain_range.ttl", "domain-range", "icpa:loose", "no rdfs:domain"),
        ("missing_domain_range.ttl", "domain-range", "icpa:loose", "no rdfs:range"),
        ("orphan_class.ttl", "hierarchy", "icpa:Orphan", "no named parent"),
        ("undeclared_term.ttl", "declarations", "icpa:Undeclared", "not declared"),
        ("undeclared_term.ttl", "owlapi", "undeclared_term.ttl", "UseOfUndeclaredClass"),
        ("missing_header.ttl", "metadata", "missing_header.ttl", "no owl:Ontology header"),
        ("not_dl.ttl", "owlapi", "not_dl.ttl", "UseOfUndeclaredDatatype"),
        ("not_dl.ttl", "hermit", "ontology", "UnsupportedDatatypeException"),
        ("unsatisfiable.ttl", "hermit", "icpa:AB", "unsatisfiable"),
        ("inconsistent.ttl", "hermit", "ontology", "inconsistent"),
        ("syntax_error.ttl", "parse", str(FIX / "syntax_error.ttl"), "syntax error at line"),
        ("syntax_error.ttl", "owlapi", "syntax_error.ttl", "cannot load"),
    ],
)
def test_check_fires_on_broken_fixture(fixture, check, subject, words):
    report = _fixture_report(fixture)
    assert not report.ok
    hits = [f for f in report.by_check(check) if f.severity == "ERROR" and f.subject == subject and words in f.message]
    assert hits, [f.line() for f in report.findings]


def test_anchor_check_catches_a_shifted_offset(tmp_path, data):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    g = data
    oa = "http://www.w3.org/ns/oa#"
    sel = next(s for s in g.subjects(URIRef(oa + "start"), None))
    start = int(g.value(sel, URIRef(oa + "start")))
    end = int(g.value(sel, URIRef(oa + "end")))
    broken = tmp_path / "data.ttl"
    copy = g.__class__()
    copy += g
    copy.set((sel, URIRef(oa + "start"), Literal(start + 1, datatype=XSD.nonNegativeInteger)))
    copy.set((sel, URIRef(oa + "end"), Literal(end + 1, datatype=XSD.nonNegativeInteger)))
    copy.serialize(broken, format="turtle")
    report = validate(data=broken, java=False, only=["anchors"])
    assert any(f.severity == "ERROR" and "is '" in f.message for f in report.by_check("anchors"))


def test_missing_ontology_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        validate(ontology=tmp_path / "nothere.ttl")


def test_no_java_skips_java_checks_and_says_so():
    report = validate(ontology=FIX / "good.ttl", java=False)
    skipped = [f for f in report.findings if "skipped (--no-java)" in f.message]
    assert {f.check for f in skipped} == {"owlapi", "hermit"}


def test_missing_java_is_a_warning_with_install_hint(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    report = validate(ontology=FIX / "good.ttl")
    warns = [f for f in report.findings if f.severity == "WARN"]
    assert {f.check for f in warns} == {"owlapi", "hermit"}
    assert all("apt-get install" in f.message for f in warns)
    assert report.ok
