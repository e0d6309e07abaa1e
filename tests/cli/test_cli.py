"""The command line through click's CliRunner, plus real runs of the installed `icpa`."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from icpa import __version__
from icpa.cli.app import cli
from icpa.errors import ExitStatus

from ..conftest import DATA, ROOT
from ..conftest import icpa as run


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize("command", [None, *cli.commands])
def test_every_command_has_useful_help(command):
    args = ["--help"] if command is None else [command, "--help"]
    code, out, _ = run(*args)
    assert code == 0
    assert "Usage:" in out
    body = out.split("Options:")[0]
    assert len(body.split()) > 8, f"help for {command} says too little"


def test_help_lists_every_documented_exit_code():
    _, out, _ = run("--help")
    text = " ".join(out.split())
    # written out here, not rebuilt from the enum: the help must say what the README says
    for words in ("0 ok", "1 a check found an ERROR", "2 usage error", "3 bad data or query file",
                  "4 endpoint or network error", "5 internal error", "130 interrupted"):
        assert words in text
    assert len(ExitStatus) == 7


def test_validate_passes_on_the_shipped_files():
    """The CLI side (the Java checks of the shipped files are in tests/checks, on one shared report)."""
    code, out, _ = run("validate", "--no-java", cwd=ROOT)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("PASS: 0 ERROR")


def test_validate_fails_with_exit_1_on_a_broken_ontology():
    code, out, err = run("validate", "--no-java", "--ontology", str(DATA / "checks" / "missing_label.ttl"))
    assert code == ExitStatus.CHECK_FAILED
    assert re.search(r"^ERROR\s+labels\s+icpa:Unlabelled\s+missing rdfs:label$", out, re.M)
    assert err.strip() == "icpa: error: validation failed: 1 error(s)"
    assert "skipped (--no-java)" in out


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["validate", "--ontology", "/nonexistent/icpa.ttl"], ExitStatus.BAD_DATA, "no such file"),
        (["export", "-f", "ttl", "--what", "ontology", "-o", "ontology/icpa.ttl"], ExitStatus.USAGE, "--force"),
        (["export", "-f", "docx"], ExitStatus.USAGE, "docx"),
        (["nosuchcommand"], ExitStatus.USAGE, "nosuchcommand"),
    ],
)
def test_bad_input_gives_one_line_and_documented_exit_code(args, status, words):
    code, out, err = run(*args, cwd=ROOT)
    assert code == status
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], err
    assert "Traceback" not in err + out


def test_build_check_reports_up_to_date():
    code, out, _ = run("build", "--check")
    assert code == 0 and "up to date" in out


def test_info_prints_counts():
    code, out, _ = run("info")
    assert out.startswith("corpus: the icpa checkout at ")  # which corpus the commands work on
    counts = dict(line.split() for line in out.strip().splitlines()[1:])
    assert counts["articles"] == "5"
    assert int(counts["claims"]) >= 80
    assert int(counts["quotes"]) > int(counts["claims"])
    assert int(counts["classes"]) >= 60


@pytest.mark.java
def test_reason_writes_inferred_triples(tmp_path):
    out = tmp_path / "inferred.ttl"
    code, _, err = run("reason", "-o", str(out))
    assert code == 0 and "inferred triples" in err
    assert "icpa:AdvocateOfVerticalIntegration" in out.read_text(encoding="utf-8")


# --- the installed console script, from another directory --------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> list[str]:
    """icpa as `pip install .` (not editable) installs it, into a folder of its own, run as
    `python -m icpa` with that folder first on the path: the wheel carries its own corpus."""
    target = tmp_path_factory.mktemp("installed")
    build = tmp_path_factory.mktemp("build")
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                           "--target", str(target), str(ROOT)], capture_output=True, text=True,
                          env=dict(__import__("os").environ, TMPDIR=str(build), PIP_NO_CACHE_DIR="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (target / "icpa" / "resources" / "ontology" / "icpa.ttl").is_file()
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(target)!r}); from icpa.cli import main; main()"]


def _run_installed(installed, *args, cwd):
    return subprocess.run([*installed, *args], cwd=cwd, capture_output=True, text=True,
                          env={k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"})


def test_installed_icpa_works_from_any_directory(installed, tmp_path):
    run1 = _run_installed(installed, "info", cwd=tmp_path)
    assert run1.returncode == 0, run1.stderr
    assert "claims" in run1.stdout
    run2 = _run_installed(installed, "validate", "--no-java", cwd=tmp_path)
    assert run2.returncode == 0, run2.stdout + run2.stderr
    # outside a checkout, the installed copy uses the corpus it carries, not the checkout's
    code = "from icpa import project; c = project.current(); print(c.kind, c.root)"
    where = _run_installed([*installed[:2], installed[2].replace("from icpa.cli import main; main()", code)], cwd=tmp_path)
    assert where.stdout.startswith("installed ") and str(tmp_path) not in where.stdout and "/installed" in where.stdout


def test_installed_icpa_error_is_one_line_without_traceback(installed, tmp_path):
    proc = _run_installed(installed, "validate", "--ontology", "missing.ttl", cwd=tmp_path)
    assert proc.returncode == ExitStatus.BAD_DATA
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


# --- saved queries from the command line -----------------------------------------------------


def test_list_shows_every_saved_query_with_summary_and_params():
    from ..conftest import SAVED, saved_query

    code, out, _ = run("list", cwd=ROOT)
    assert code == 0
    for name in SAVED:
        q = saved_query(name)
        assert f"{name}{' [reasoned]' if q.reasoned else ''}\n    " in out  # the summary wraps to the terminal
        assert " ".join(q.summary.split()) in " ".join(out.split())
    assert "claims-by-actor\n    What does a given actor claim" in out
    assert "\n    params: actor:iri\n" in out


def test_list_filters_by_tag_and_refuses_an_unknown_tag():
    code, out, _ = run("list", "--tag", "barriers")
    assert code == 0 and "barriers-to-integration" in out and "stated-figures" not in out
    code, _, err = run("list", "--tag", "no-such-tag")
    assert code == ExitStatus.USAGE and "no-such-tag" in err


def test_show_prints_question_parameters_example_and_sparql():
    code, out, _ = run("show", "claims-by-actor")
    assert code == 0
    assert "parameters:\n  actor (iri, one of icpa:Actor)" in out
    assert 'icpa query claims-by-actor --param actor="Chris Ham"' in out
    assert "SELECT" in out and "?_actor_iri" in out


@pytest.mark.parametrize("fmt", ["table", "report", "csv", "tsv", "json", "md"])
def test_query_in_every_format(fmt):
    code, out, err = run("query", "claims-by-actor", "--param", "actor=chris ham", "--format", fmt)
    assert code == 0, err
    if fmt == "table":
        assert re.search(r"^\(\d+ rows[;)]", out, re.M)  # cells wrap to the terminal width
    else:
        assert "Integrated care needs to be taken forward at scale and speed" in out
    if fmt == "json":
        import json

        doc = json.loads(out)
        assert doc["head"]["vars"] and len(doc["results"]["bindings"]) >= 30
    if fmt in ("table", "md"):
        assert "https://w3id.org/icpa/data/" not in out  # labels, not IRIs


def test_csv_json_tsv_are_w3c_result_formats_that_rdflib_reads():
    from rdflib.query import Result

    for fmt, parser in (("csv", "csv"), ("json", "json"), ("tsv", "tsv")):
        code, out, _ = run("query", "stated-figures", "--format", fmt)
        assert code == 0
        result = Result.parse(source=__import__("io").BytesIO(out.encode("utf-8")), format=parser)
        assert len(list(result)) == 11


def test_iris_flag_shows_curies():
    code, out, _ = run("query", "who-pressures-whom", "--iris")
    assert code == 0 and "icpad:" in out


@pytest.mark.java
def test_reasoned_query_runs_on_inferred_classes():
    code, out, _ = run("query", "advocates-and-critics-inferred", "--format", "csv")
    assert code == 0 and "steve-smith" in out


def test_sparql_from_text_and_file(tmp_path):
    code, out, _ = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/icpa/ontology#Claim> }", "-f", "csv")
    assert code == 0 and int(out.splitlines()[1]) >= 80
    f = tmp_path / "q.rq"
    f.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    code, out, _ = run("sparql", str(f))
    assert code == 0 and out.strip() == "true"


@pytest.mark.parametrize(("args", "status", "words"), [
    (["query", "claims-by-actr"], ExitStatus.USAGE, "did you mean claims-by-actor"),
    (["query", "claims-by-actor"], ExitStatus.USAGE, "missing parameter actor"),
    (["query", "claims-by-actor", "--param", "actor=Chris Ham", "--param", "colour=red"], ExitStatus.USAGE, "unknown parameter(s) colour"),
    (["query", "claims-by-actor", "--param", "actor=Nobody At All"], ExitStatus.USAGE, "no Actor is called"),
    (["query", "claims-by-actor", "--param", "actor"], ExitStatus.USAGE, "name=value"),
    (["query", "stated-figures", "--format", "xlsx"], ExitStatus.USAGE, "xlsx"),
    (["sparql", "SELECT ?s WHERE { ?s ?p }"], ExitStatus.BAD_DATA, "SPARQL syntax error"),
    (["sparql", "nothere.rq"], ExitStatus.BAD_DATA, "no such file"),
    (["sparql", str(DATA / "queries" / "bad_header.rq")], ExitStatus.BAD_DATA, "malformed '#+' metadata"),
])
def test_query_errors_are_one_line_with_documented_status(args, status, words):
    code, out, err = run(*args)
    assert code == status, err
    assert words in err
    assert "Traceback" not in err + out
    assert len([line for line in err.splitlines() if line.strip()]) == 1


def test_rdflib_syntax_error_has_line_and_column():
    code, _, err = run("sparql", "SELECT ?s\nWHERE { ?s ?p }", "--engine", "rdflib")
    assert code == ExitStatus.BAD_DATA and re.search(r"line 2, column \d+", err)


def test_installed_icpa_answers_a_saved_query(installed, tmp_path):
    proc = _run_installed(installed, "query", "claims-by-actor", "--param", "actor=Steve Smith", "-f", "csv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "a000-c02" in proc.stdout


def _imported(*args: str) -> set[str]:
    env = dict(__import__("os").environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "icpa", *args], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-500:]
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [["query", "stated-figures", "-f", "csv"], ["list"]])
def test_heavy_parts_load_lazily(args):
    """owlready2 (and so Java), pySHACL and SPARQLWrapper are only imported by commands that need them."""
    imported = _imported(*args)
    assert "icpa.api" in imported  # the measurement sees icpa's own imports
    assert "owlready2" not in imported and "pyshacl" not in imported and "SPARQLWrapper" not in imported


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["query", "--help"], ["export", "--help"], ["network", "--help"],
                                  ["map", "--help"]])
def test_help_and_version_import_no_rdf_library(args):
    imported = _imported(*args)
    assert "icpa.cli.app" in imported and "click" in imported
    assert not {m for m in imported if m.split(".")[0] in ("rdflib", "pyoxigraph", "yaml", "pyparsing", "owlready2", "networkx", "graphviz", "spacy")}
