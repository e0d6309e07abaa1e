"""Shared fixtures: the repository's own corpus, its graphs loaded once per session, HermiT run
once (and cached across runs: the cache key covers the inputs and the code), one validation
report for every test that reads it, and the CLI run exactly as the console script runs it.

Nothing here reads outside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from icpa import kg, project, vocab

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXPECTED = Path(__file__).resolve().parent / "expected"
ICPA = Namespace(vocab.ICPA)
D = Namespace(vocab.DATA)
#: the repository's corpus, whatever the working directory
CORPUS = project.Corpus(ROOT, "checkout")
SAVED = sorted(p.stem for p in CORPUS.queries_dir.glob("*.rq"))


def pytest_configure(config: pytest.Config) -> None:
    # a cache of the tests' own, kept between runs: its keys change when an input or the code does
    cache = ROOT / ".pytest_cache" / "icpa-cache"
    os.environ["ICPA_CACHE_DIR"] = str(cache)
    os.environ.pop("ICPA_ENDPOINT", None)
    os.environ.pop("ICPA_TRACEBACK", None)
    os.environ.pop("ICPA_PROJECT", None)  # a user's own project must not redirect the tests


def icpa(*args: str, env: dict[str, str | None] | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the command line in-process exactly as the console script does; (status, stdout, stderr)."""
    from click.testing import CliRunner

    from icpa.cli import run

    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with CliRunner().isolation(env=env) as (out, err, _):
            code = run(list(args))
        return code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")
    finally:
        os.chdir(old)


def one_error_line(err: str) -> str:
    """The stderr of a failed command: exactly one `icpa: error:` line, no traceback."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("icpa: error: "), err
    return lines[0]


def example_values(query) -> dict[str, str]:
    return {p.name: p.example for p in query.params if p.example is not None}


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return kg.load_ontology(CORPUS)


@pytest.fixture(scope="session")
def data() -> Graph:
    return kg.load_data(CORPUS)


@pytest.fixture(scope="session")
def graph() -> Graph:
    return kg.load(corpus=CORPUS)


@pytest.fixture(scope="session")
def inferred() -> Graph:
    return kg.inferences(CORPUS)


@pytest.fixture(scope="session")
def reasoned(graph: Graph, inferred: Graph) -> Graph:
    g = Graph()
    g += graph
    g += inferred
    return g


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in CORPUS.seeds_dir.glob("*.txt")}


@pytest.fixture(scope="session")
def shipped_report(tmp_path_factory, request):
    """One full validation of the shipped files (Java included), shared by every test that reads
    it, and across the xdist workers: the first to need it validates (about 45 s) while the
    others wait for its report instead of validating again beside it."""
    import fcntl
    import pickle

    from icpa import api

    worker = getattr(request.config, "workerinput", None)
    if worker is None:
        return api.validate(corpus=CORPUS)
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    done = shared / "shipped-report.pickle"
    with open(shared / "shipped-report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.is_file():
            return pickle.loads(done.read_bytes())
        report = api.validate(corpus=CORPUS)
        done.write_bytes(pickle.dumps(report))
        return report


def execute(query, values: dict[str, str] | None = None, *, labels: bool = False, reasoned: bool = False, **where):
    """Run a query object through :func:`icpa.api.execute` on the repository's corpus;
    ``where`` takes engine, store, endpoint, graph, timeout as :func:`icpa.api.target` does."""
    from icpa import api

    return api.execute(query, values, labels=labels, reasoned=reasoned, where=api.target(**where), corpus=CORPUS)


def saved_query(name: str):
    from icpa import api

    return api.get_query(name, corpus=CORPUS)
