"""Every embedded engine gives the same answers; on-disk stores are safe to share."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from icpa import api
from icpa.engines import stores
from icpa.engines.registry import DEFAULT_ENGINE, ENGINES, local_engines
from icpa.errors import DataError
from icpa.sparql import ordering

from ..conftest import CORPUS, ROOT, SAVED, example_values, execute, saved_query

LOCAL = local_engines()


def answers(name: str, engine: str, **options) -> tuple[list[str], list[tuple[str, ...]]]:
    q = saved_query(name)
    table = execute(q, example_values(q), engine=engine, **options)
    return table.vars, sorted(tuple("" if t is None else str(t) for t in row) for row in table.rows)


def test_oxigraph_is_the_default_and_rdflib_is_available():
    assert DEFAULT_ENGINE == "oxigraph" and api.target().engine == "oxigraph"
    assert {"oxigraph", "rdflib"} <= set(LOCAL) and not ENGINES["remote"].local


@pytest.mark.parametrize("name", SAVED)
@pytest.mark.parametrize("engine", [e for e in LOCAL if e != "rdflib"])
def test_engine_gives_the_same_answer_as_rdflib(name, engine):
    assert answers(name, engine) == answers(name, "rdflib")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("stores") / "kg"
    result = stores.load([], path, reasoned=True, corpus=CORPUS)
    assert result.triples > 10_000
    return path


@pytest.mark.parametrize("name", SAVED)
def test_on_disk_store_gives_the_same_answer(store, name):
    assert answers(name, "oxigraph", store=str(store)) == answers(name, "oxigraph")


PLANNED = [n for n in SAVED if ordering.split(saved_query(n).text) is not None]


def test_most_saved_queries_are_sorted_on_the_client_on_a_store():
    assert len(PLANNED) >= 0.8 * len(SAVED)


@pytest.mark.parametrize("name", PLANNED)
def test_on_disk_store_gives_the_rows_in_the_engines_order(store, name):
    """The store sorts on the client (icpa.ordering): the ORDER BY keys come out as the engine orders them."""
    q = saved_query(name)
    keys = ordering.split(q.text).keys
    values = example_values(q)
    disk = execute(q, values, engine="oxigraph", store=str(store))
    memory = execute(q, values, engine="oxigraph")
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


def test_reload_while_a_reader_has_the_store_open(tmp_path):
    target = tmp_path / "kg"
    stores.load([], target, corpus=CORPUS)
    reader = stores.open_read_only(target)
    before = len(reader)
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n", encoding="utf-8")
    stores.load([extra], target, corpus=CORPUS)  # different content: one triple more
    assert len(reader) == before  # the open reader keeps its snapshot
    assert len(stores.open_read_only(target)) == before + 1  # a new reader sees the new store


def test_concurrent_load_is_refused_with_a_clear_message(tmp_path):
    import fcntl

    target = tmp_path / "kg"
    with open(tmp_path / "kg.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(DataError, match="another `icpa load` is writing this store"):
            stores.load([], target, corpus=CORPUS)
    assert not target.exists()


def test_killed_load_leaves_no_store_and_the_next_load_recovers(tmp_path):
    target = tmp_path / "kg"
    leftover = stores._work_dir(target, "loading")  # what a killed load leaves behind: a marked folder
    (leftover / "store").mkdir()
    (leftover / "store" / "junk").write_text("x")
    with pytest.raises(DataError, match="no such store"):
        stores.open_read_only(target)
    result = stores.load([], target, corpus=CORPUS)
    assert result.triples > 10_000 and not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg"]  # no lock file, no work folder left


def test_directory_without_manifest_is_refused(tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(DataError, match="not a complete icpa store"):
        stores.open_read_only(tmp_path / "half")


def test_first_reasoned_query_materialises_inferences_once(tmp_path, monkeypatch):
    stores.load([], tmp_path / "plain", corpus=CORPUS)
    assert stores.manifest(tmp_path / "plain")["reasoned"] is False
    ask = "ASK { <https://w3id.org/icpa/data/steve-smith> a <https://w3id.org/icpa/ontology#AdvocateOfVerticalIntegration> }"
    assert api.run_sparql(ask, store=str(tmp_path / "plain"), corpus=CORPUS).boolean is False  # asserted graph only
    assert api.run_sparql(ask, store=str(tmp_path / "plain"), reasoned=True, corpus=CORPUS).boolean is True
    meta = stores.manifest(tmp_path / "plain")
    assert meta["reasoned"] is True and meta["inferred"] > 1000
    calls = []
    monkeypatch.setattr(stores, "_infer", lambda store, corpus=None: calls.append(1) or 0)
    assert api.run_sparql(ask, store=str(tmp_path / "plain"), reasoned=True, corpus=CORPUS).boolean is True
    assert calls == []  # reused, not recomputed
    assert api.run_sparql(ask, store=str(tmp_path / "plain"), corpus=CORPUS).boolean is False  # still apart


def test_bad_file_stops_the_load_and_keeps_the_old_store(tmp_path, store):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    target = tmp_path / "kg"
    stores.load([], target, corpus=CORPUS)
    before = len(stores.open_read_only(target))
    with pytest.raises(DataError, match="bad.ttl: cannot parse"):
        stores.load([bad], target, corpus=CORPUS)
    assert len(stores.open_read_only(target)) == before


def test_store_in_an_older_layout_is_refused_with_advice(tmp_path):
    stores.load([], tmp_path / "kg", corpus=CORPUS)
    meta = stores.manifest(tmp_path / "kg")
    stores._write_manifest(tmp_path / "kg", {**meta, "format": 1})
    with pytest.raises(DataError, match="older layout.*icpa load"):
        stores.open_read_only(tmp_path / "kg")


def test_rdflib_hash_join_gives_rdflibs_own_join():
    """icpa.hashjoin replaces rdflib's pairwise join: same rows, unbound values included."""
    import random

    from rdflib import Literal, Variable
    from rdflib.plugins.sparql.evalutils import _join
    from rdflib.plugins.sparql.sparql import FrozenDict

    from icpa.engines import hashjoin

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
    from icpa.engines.oxigraph_engine import OxigraphBackend
    from icpa.engines.registry import open_engine

    backend = open_engine("oxigraph", corpus=CORPUS)
    table = execute(saved_query("support-and-attack-network"))
    iris = table.iris()
    assert len(iris) > 50
    looked_up = backend.labels(iris)
    monkeypatch.setattr(OxigraphBackend, "LABEL_SCAN", 10)
    assert backend.labels(iris) == looked_up and len(looked_up) > 50
