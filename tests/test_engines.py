"""Every embedded engine gives the same answers; on-disk stores are safe to share."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from icpa import ordering, queries, resources, runner, stores
from icpa.backends import BACKENDS
from icpa.status import DataError

from .conftest import ROOT

SAVED = sorted(p.stem for p in resources.queries_dir().glob("*.rq"))
ENGINES = [name for name, spec in BACKENDS.items() if spec.local]


def answers(name: str, engine: str, **options) -> tuple[list[str], list[tuple[str, ...]]]:
    q = queries.get(name)
    values = {p.name: p.example for p in q.params if p.example is not None}
    table = runner.execute(q, values, backend=engine, labels=False, **options)
    return table.vars, sorted(tuple("" if t is None else str(t) for t in row) for row in table.rows)


def test_oxigraph_is_the_default_and_rdflib_is_available():
    assert ENGINES[0] == "oxigraph" and "rdflib" in ENGINES


@pytest.mark.parametrize("name", SAVED)
@pytest.mark.parametrize("engine", [e for e in ENGINES if e != "rdflib"])
def test_engine_gives_the_same_answer_as_rdflib(name, engine):
    assert answers(name, engine) == answers(name, "rdflib")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("stores") / "kg"
    result = stores.load([], path, reasoned=True)
    assert result.triples > 10_000
    return path


@pytest.mark.parametrize("name", SAVED)
def test_on_disk_store_gives_the_same_answer(store, name):
    assert answers(name, "oxigraph", store=str(store)) == answers(name, "oxigraph")


PLANNED = [n for n in SAVED if ordering.split(queries.get(n).text) is not None]


def test_most_saved_queries_are_sorted_on_the_client_on_a_store():
    assert len(PLANNED) >= 0.8 * len(SAVED)


@pytest.mark.parametrize("name", PLANNED)
def test_on_disk_store_gives_the_rows_in_the_engines_order(store, name):
    """The store sorts on the client (icpa.ordering): the ORDER BY keys come out as the engine orders them."""
    q = queries.get(name)
    keys = ordering.split(q.text).keys
    values = {p.name: p.example for p in q.params if p.example is not None}
    disk = runner.execute(q, values, backend="oxigraph", labels=False, store=str(store))
    memory = runner.execute(q, values, backend="oxigraph", labels=False)
    assert memory.rows, "an empty answer would prove nothing about order"

    def sort_keys(table):
        at = [table.vars.index(k.var) for k in keys]
        return [tuple(ordering._apply(k.function, row[i]) for k, i in zip(keys, at)) for row in table.rows]

    assert sort_keys(disk) == sort_keys(memory)


def test_several_commands_read_one_store_at_once(store):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "icpa", "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "-f", "csv"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert len({o for o, _ in outs}) == 1


def test_reload_while_a_reader_has_the_store_open(store):
    reader = stores.open_read_only(store)
    before = len(reader)
    stores.load([], store, reasoned=True)
    assert len(reader) == before  # the open reader keeps its view
    assert len(stores.open_read_only(store)) == before


def test_concurrent_load_is_refused_with_a_clear_message(tmp_path):
    import fcntl

    target = tmp_path / "kg"
    with open(tmp_path / "kg.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(DataError, match="another `icpa load` is writing this store"):
            stores.load([], target)
    assert not target.exists()


def test_killed_load_leaves_no_store_and_the_next_load_recovers(tmp_path):
    target = tmp_path / "kg"
    (tmp_path / "kg.loading").mkdir()  # what a killed load leaves behind
    (tmp_path / "kg.loading" / "junk").write_text("x")
    with pytest.raises(DataError, match="no such store"):
        stores.open_read_only(target)
    result = stores.load([], target)
    assert result.triples > 10_000 and not (tmp_path / "kg.loading").exists()


def test_directory_without_manifest_is_refused(tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(DataError, match="not a complete icpa store"):
        stores.open_read_only(tmp_path / "half")


def test_first_reasoned_query_materialises_inferences_once(tmp_path, monkeypatch):
    stores.load([], tmp_path / "plain")
    assert stores._manifest(tmp_path / "plain")["reasoned"] is False
    ask = "ASK { <https://w3id.org/icpa/data/steve-smith> a <https://w3id.org/icpa/ontology#AdvocateOfVerticalIntegration> }"
    assert runner.run_adhoc(ask, store=str(tmp_path / "plain")).boolean is False  # asserted graph only
    assert runner.run_adhoc(ask, store=str(tmp_path / "plain"), reasoned=True).boolean is True
    meta = stores._manifest(tmp_path / "plain")
    assert meta["reasoned"] is True and meta["inferred"] > 1000
    calls = []
    monkeypatch.setattr(stores, "_infer", lambda store: calls.append(1) or 0)
    assert runner.run_adhoc(ask, store=str(tmp_path / "plain"), reasoned=True).boolean is True
    assert calls == []  # reused, not recomputed
    assert runner.run_adhoc(ask, store=str(tmp_path / "plain")).boolean is False  # still apart


def test_bad_file_stops_the_load_and_keeps_the_old_store(tmp_path, store):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    target = tmp_path / "kg"
    stores.load([], target)
    before = len(stores.open_read_only(target))
    with pytest.raises(DataError, match="bad.ttl: cannot parse"):
        stores.load([bad], target)
    assert len(stores.open_read_only(target)) == before


def test_store_in_an_older_layout_is_refused_with_advice(tmp_path):
    stores.load([], tmp_path / "kg")
    meta = stores._manifest(tmp_path / "kg")
    stores._write_manifest(tmp_path / "kg", {**meta, "format": 1})
    with pytest.raises(DataError, match="older layout.*icpa load"):
        stores.open_read_only(tmp_path / "kg")


def test_rdflib_hash_join_gives_rdflibs_own_join():
    """icpa.hashjoin replaces rdflib's pairwise join: same rows, unbound values included."""
    import random

    from rdflib import Literal, Variable
    from rdflib.plugins.sparql.evalutils import _join
    from rdflib.plugins.sparql.sparql import FrozenDict

    from icpa import hashjoin

    rng = random.Random(7)
    names = [Variable(n) for n in "abcd"]

    def solutions(n, present):
        out = []
        for _ in range(n):
            bound = {v: Literal(rng.randint(0, 3)) for v in present if rng.random() < 0.85}
            out.append(FrozenDict(bound))
        return out

    joined = 0
    for _ in range(50):
        left = solutions(rng.randint(0, 30), rng.sample(names, rng.randint(1, 4)))
        right = solutions(rng.randint(0, 30), rng.sample(names, rng.randint(1, 4)))
        expected = sorted(map(repr, _join(left, right)))
        assert sorted(map(repr, hashjoin.join(iter(left), right))) == expected
        joined += len(expected)
    assert joined > 500  # the cases are not all empty


def test_labels_of_many_iris_read_by_one_scan_are_the_looked_up_labels(monkeypatch):
    from icpa.backends import OxigraphBackend, open_backend

    backend = open_backend("oxigraph")
    table = runner.execute(queries.get("support-and-attack-network"), labels=False)
    iris = table.iris()
    assert len(iris) > 50
    looked_up = backend.labels(iris)
    monkeypatch.setattr(OxigraphBackend, "LABEL_SCAN", 10)
    assert backend.labels(iris) == looked_up and len(looked_up) > 50
