"""OWL API check against the real Java runtime and Debian's libowlapi-java (no mocks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from icpa.checks import owlapi
from icpa.errors import DataError

DATA = Path(__file__).parent.parent / "data" / "owlapi"
pytestmark = pytest.mark.java


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh compile cache for this module, so the compile path runs too."""
    cache = tmp_path_factory.mktemp("icpa-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ICPA_CACHE_DIR", str(cache))
        yield cache


def kinds(report: owlapi.OwlApiReport) -> set[str]:
    return {kind for kind, _ in report.violations}


def test_valid_dl_ontology_is_in_profile() -> None:
    report = owlapi.check(DATA / "valid_dl.ttl")
    assert report.error is None
    assert report.in_profile
    assert report.format == "Turtle Syntax"
    assert report.ontology_iri == "http://example.org/valid"
    assert report.axioms == 15
    assert report.logical_axioms == 8
    assert report.unparsed == 0
    assert report.imports == ()


def test_helper_is_compiled_once_into_the_cache(_cache: Path) -> None:
    owlapi.check(DATA / "valid_dl.ttl")
    classes = list((_cache / "java").glob("*/OwlCheck.class"))
    assert len(classes) == 1
    stamp = classes[0].stat().st_mtime_ns
    owlapi.check(DATA / "valid_dl.ttl")
    assert classes[0].stat().st_mtime_ns == stamp


def test_undeclared_annotation_property_and_xsd_date_are_violations() -> None:
    report = owlapi.check(DATA / "undeclared.ttl")
    assert report.error is None
    assert not report.in_profile
    assert {
        "UseOfUndeclaredAnnotationProperty",
        "UseOfUndeclaredDatatype",
        "UseOfDefinedDatatypeInLiteral",
    } <= kinds(report)
    texts = " ".join(text for _, text in report.violations)
    assert "skos/core#definition" in texts
    assert "xsd:date" in texts


def test_property_punning_is_illegal() -> None:
    report = owlapi.check(DATA / "punning.ttl")
    assert report.error is None
    assert kinds(report) == {"IllegalPunning"}
    assert len(report.violations) == 2
    assert all("punning#quote" in text for _, text in report.violations)


def test_turtle_syntax_error_is_reported_not_raised() -> None:
    report = owlapi.check(DATA / "syntax_error.ttl")
    assert report.error is not None
    assert not report.in_profile
    # Without the helper disabling it, the OBO parser would "load" this file.
    assert report.error.startswith("TurtleOntologyParser:")
    assert "line 6, column 1" in report.error
    assert "\n" not in report.error
    assert report.axioms is None


def test_sparql_style_prefix_is_rejected_by_native_turtle_parser() -> None:
    report = owlapi.check(DATA / "sparql_prefix.ttl")
    assert report.error is not None
    assert '"PREFIX"' in report.error
    assert "line 1, column 1" in report.error


def test_catalog_resolves_import_offline() -> None:
    report = owlapi.check(DATA / "catalog" / "a.ttl")
    assert report.error is None
    assert report.in_profile
    assert report.ontology_iri == "http://example.org/a"
    assert report.imports == ("http://example.org/b",)
    # a.ttl has 2 axioms, b.ttl 5: the counts cover the imports closure.
    assert report.axioms == 7
    assert report.logical_axioms == 3


def test_unresolvable_import_is_an_error() -> None:
    report = owlapi.check(DATA / "broken_import" / "a.ttl")
    assert report.error is not None
    assert "http://example.org/missing" in report.error
    assert "missing.ttl" in report.error


def test_unwritable_cache_falls_back_to_source_launcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    monkeypatch.setenv("ICPA_CACHE_DIR", str(not_a_dir))
    report = owlapi.check(DATA / "punning.ttl")
    assert kinds(report) == {"IllegalPunning"}


def test_missing_jars_raise_unavailable(tmp_path: Path) -> None:
    with pytest.raises(owlapi.OwlApiUnavailable, match="libowlapi-java"):
        owlapi.check(DATA / "valid_dl.ttl", java_dir=str(tmp_path))


def test_missing_java_raises_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(owlapi.OwlApiUnavailable, match="java not found on PATH"):
        owlapi.check(DATA / "valid_dl.ttl")


def test_missing_file_is_a_data_error() -> None:
    with pytest.raises(DataError, match="no such file"):
        owlapi.check(DATA / "does-not-exist.ttl")


def test_timeout_raises_clear_error() -> None:
    with pytest.raises(owlapi.OwlApiError, match="timed out"):
        owlapi.check(DATA / "valid_dl.ttl", timeout=0.01)


def test_classpath_lists_every_jar() -> None:
    parts = owlapi.classpath().split(":")
    assert [Path(p).name for p in parts] == list(owlapi.OWLAPI_JARS)
