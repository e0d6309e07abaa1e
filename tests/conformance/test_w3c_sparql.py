"""The W3C SPARQL 1.1 query-evaluation tests through icpa's own paths, and through each engine alone.

icpa runs its own code between the engine and the user (answer conversion, the client-side
ORDER BY on on-disk stores, rdflib's hash join, the store loader), so it must pass what its
engine passes. Each test of the suite (which ones: :mod:`tests.conformance.manifest`) runs on
six engines, one pytest item each:

- ``rdflib-icpa``: :class:`RdflibBackend` (icpa's hash join active) over a graph read by
  :func:`icpa.rdf.parse.parse_file`; ``rdflib``: plain ``Graph.query`` over a graph rdflib read;
- ``oxigraph-icpa``: :class:`OxigraphBackend` over an in-memory store loaded by
  :func:`icpa.engines.stores.load_file`; ``oxigraph``: a plain pyoxigraph ``Store`` that
  pyoxigraph loaded;
- ``store-icpa``: an on-disk store loaded by ``stores.load_file`` (bulk, as ``icpa load``),
  opened read-only, queried as ``--store`` does (``client_order=True``, icpa's default graph);
  ``store``: the same on-disk store queried directly.

The rule: a test an icpa path fails while its engine alone passes is a failure; a test the
engine alone fails too is an xfail that names the engine's reason (and says if icpa's answer is
wrong in another way). Answers match the expected ones with blank nodes up to renaming, as
multisets (sets under ``mf:LaxCardinality``), and, where the query has a final ORDER BY, with
the sequence of the ORDER BY keys (ties are unordered) in the expected order.

Every engine gets the same query text: the query file with ``BASE <its URL>`` in front, so
relative IRIs (``FROM <data-g1.ttl>``) name the data files, which are loaded with their own
URLs as base IRIs and, for ``qt:graphData``, as graph names. rdflib's default graph is the
union of the named graphs unless ``SPARQL_DEFAULT_GRAPH_UNION`` is off; the suite's dataset has
a separate default graph, so it is switched off while rdflib answers a test with named graphs
(for both rdflib items alike) and restored afterwards.

:func:`test_client_order_is_oxigraphs_order` checks the client-side sort on ORDER BY variants
of the suite's queries. The suite is fetched by ``python scripts/w3c_suite.py``; without it
these tests fail and say so.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from icpa.engines import stores
from icpa.engines.oxigraph_engine import OxigraphBackend
from icpa.engines.rdflib_engine import RdflibBackend
from icpa.rdf.parse import parse_file
from icpa.results.table import ResultTable
from icpa.sparql import ordering

from ..conftest import ROOT
from . import manifest as mf

#: ICPA_W3C_SUITE names another suite folder in the same layout (the SPARQL 1.0 tests, say)
SUITE = Path(os.environ.get("ICPA_W3C_SUITE") or ROOT / "tests" / ".w3c" / "sparql11")
PRESENT = SUITE.is_dir() and any(SUITE.glob("*/manifest.ttl"))
MISSING = (f"the W3C SPARQL 1.1 test suite is not in {SUITE}: run `python scripts/w3c_suite.py` "
           "(it fetches the suite from rdflib's source distribution on PyPI)")
TESTS = mf.read_suite(SUITE) if PRESENT else []
ALONE = {"rdflib-icpa": "rdflib", "oxigraph-icpa": "oxigraph", "store-icpa": "store"}  #: icpa's path -> its engine alone
ENGINES = ("rdflib", "rdflib-icpa", "oxigraph", "oxigraph-icpa", "store", "store-icpa")
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*is deprecated:DeprecationWarning")  # rdflib's own SPARQL code


# -- answers in the neutral form ------------------------------------------------------------


@dataclass
class Answer:
    kind: str  #: bindings, boolean or graph
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None


def rdflib_term(t) -> tuple | None:
    if t is None:
        return None
    if isinstance(t, URIRef):
        return ("I", str(t))
    if isinstance(t, BNode):
        return ("B", str(t))
    if isinstance(t, Literal):
        if t.language:
            return ("L", str(t), None, t.language.lower())
        dt = None if t.datatype is None or str(t.datatype) == mf.XSD_STRING else str(t.datatype)
        return ("L", str(t), dt, None)
    raise TypeError(f"not an RDF term: {t!r}")


def _triples(triples, term) -> Answer:
    return Answer("graph", ["s", "p", "o"], [{"s": term(s), "p": term(p), "o": term(o)} for s, p, o in triples])


def from_table(table: ResultTable) -> Answer:
    """icpa's answer."""
    if table.boolean is not None:
        return Answer("boolean", boolean=table.boolean)
    if table.graph is not None:
        return _triples(table.graph, rdflib_term)
    return Answer("bindings", list(table.vars),
                  [{v: rdflib_term(t) for v, t in zip(table.vars, row) if t is not None} for row in table.rows])


def from_rdflib(result) -> Answer:
    if result.type == "ASK":
        return Answer("boolean", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _triples(result.graph, rdflib_term)
    names = [str(v) for v in result.vars]
    return Answer("bindings", names, [{v: rdflib_term(t) for v, t in zip(names, row) if t is not None} for row in result])


def from_ox(result) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return _triples(((t.subject, t.predicate, t.object) for t in result), mf.ox_term)
    names = [v.value for v in result.variables]
    return Answer("bindings", names, [{v: mf.ox_term(t) for v, t in zip(names, sol) if t is not None} for sol in result])


# -- comparison ------------------------------------------------------------------------------


def _is_bnode(v) -> bool:
    return v is not None and v[0] == "B"


def _signature(row: dict) -> frozenset:
    return frozenset((k, ("B",) if _is_bnode(v) else v) for k, v in row.items())


def same_rows(expected: list[dict], actual: list[dict]) -> bool:
    """Equal multisets of rows, with blank nodes up to a renaming (one bijection for all rows)."""
    if len(expected) != len(actual) or Counter(map(_signature, expected)) != Counter(map(_signature, actual)):
        return False
    exp = [r for r in expected if any(map(_is_bnode, r.values()))]
    if not exp:
        return True
    buckets: dict = defaultdict(list)
    for r in actual:
        if any(map(_is_bnode, r.values())):
            buckets[_signature(r)].append(r)
    exp.sort(key=lambda r: len(buckets[_signature(r)]))
    used: set[int] = set()
    forward: dict = {}
    backward: dict = {}

    def search(i: int) -> bool:
        if i == len(exp):
            return True
        e = exp[i]
        for a in buckets[_signature(e)]:
            if id(a) in used:
                continue
            added = []
            ok = True
            for k, v in e.items():
                if not _is_bnode(v):
                    continue
                w = a[k]
                if forward.get(v, w) != w or backward.get(w, v) != v:
                    ok = False
                    break
                if v not in forward:
                    forward[v], backward[w] = w, v
                    added.append(v)
            if ok:
                used.add(id(a))
                if search(i + 1):
                    return True
                used.discard(id(a))
            for v in added:
                del backward[forward.pop(v)]
        return False

    return search(0)


def _dedupe(rows: list[dict]) -> list[dict]:
    return [dict(r) for r in dict.fromkeys(frozenset(r.items()) for r in rows)]


def _csv_cell(term) -> tuple:
    """A term as the SPARQL CSV format writes it, in the neutral form (blank nodes stay blank nodes)."""
    if term[0] == "B":
        return term
    return ("T", term[1])


def _csv_text(cell: str) -> tuple:
    return ("B", cell[2:]) if cell.startswith("_:") else ("T", cell)


@functools.cache
def order_keys(text: str) -> tuple[str, ...] | None:
    """The variables of the final ORDER BY, as far as its conditions are plain variables (read by
    rdflib's parser, not by icpa); None if the query has no final ORDER BY."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    try:
        node = translateQuery(parseQuery(text)).algebra.p
    except Exception:  # a query rdflib cannot read: the order is not checked
        return None
    while node is not None and getattr(node, "name", None) in ("Project", "Distinct", "Reduced", "Slice", "ToMultiSet"):
        node = node.p
    if getattr(node, "name", None) != "OrderBy":
        return None
    keys = []
    for condition in node.expr:
        expr = condition if isinstance(condition, Variable) else getattr(condition, "expr", None)
        if not isinstance(expr, Variable):
            break
        keys.append(str(expr))
    return tuple(keys)


def compare(test: mf.Test, expected: mf.Expected, answer: Answer, text: str) -> str | None:
    """None if ``answer`` is the expected one, else why not (one line)."""
    if expected.kind == "boolean" or answer.kind == "boolean":
        if expected.kind != answer.kind:
            return f"a {answer.kind} answer where {expected.kind} was expected"
        return None if expected.boolean == answer.boolean else f"{answer.boolean} where {expected.boolean} was expected"
    if (expected.kind == "graph") != (answer.kind == "graph"):
        return f"a {answer.kind} answer where {expected.kind} was expected"
    exp, got = expected.rows, answer.rows
    if expected.kind == "csv":
        exp = [{k: _csv_text(v) for k, v in r.items()} for r in exp]
        got = [{k: _csv_cell(v) for k, v in r.items()} for r in got]
    if test.lax:
        exp, got = _dedupe(exp), _dedupe(got)
    if expected.kind != "graph" and set(expected.vars) != set(answer.vars):
        return f"variables {sorted(answer.vars)} where {sorted(expected.vars)} were expected"
    if not same_rows(exp, got):
        return _difference(exp, got)
    keys = order_keys(text) if expected.ordered and expected.kind != "graph" else None
    if keys:
        keys = keys[:next((i for i, k in enumerate(keys) if k not in expected.vars), len(keys))]  # the projected ones

        def sequence(rows):
            return [tuple(("B",) if _is_bnode(r.get(k)) else r.get(k) for k in keys) for r in rows]

        if keys and sequence(exp) != sequence(got):
            return f"the right rows in the wrong order of {', '.join('?' + k for k in keys)}: {_short(sequence(got))}"
    return None


def _short(value, limit: int = 240) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _difference(exp: list[dict], got: list[dict]) -> str:
    missing = Counter(map(_signature, exp)) - Counter(map(_signature, got))
    extra = Counter(map(_signature, got)) - Counter(map(_signature, exp))
    what = f"{len(got)} rows where {len(exp)} were expected"
    if missing or extra:
        what += f"; missing {_short([dict(r) for r in missing.elements()], 160)}; unexpected {_short([dict(r) for r in extra.elements()], 160)}"
    else:
        what += "; blank nodes shared differently"
    return what


# -- datasets, built once per engine and shared by the tests of a manifest --------------------


def _oxigraph_format(path: Path):
    return mf.RDF_FORMATS[path.suffix]


@contextlib.contextmanager
def _rdflib_dataset_semantics(graph):
    """A separate default graph for rdflib while it answers over named graphs (see the docstring)."""
    import rdflib.plugins.sparql as rdflib_sparql

    if not isinstance(graph, Dataset):
        yield
        return
    old = rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION
    rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = False
    try:
        yield
    finally:
        rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION = old


def _rdflib_graph(test: mf.Test, icpa: bool):
    if test.graph_data:
        ds = Dataset()
        targets = [(ds.default_graph, p) for p in test.data] + [(ds.graph(URIRef(mf.uri(p))), p) for p in test.graph_data]
        g = ds
    else:
        g = Graph()
        targets = [(g, p) for p in test.data]
    for target, path in targets:
        if icpa:
            parse_file(path, graph=target)
        else:
            target.parse(str(path), format={".ttl": "turtle", ".rdf": "xml", ".nt": "nt"}[path.suffix])
    return g


def _memory_store(test: mf.Test, icpa: bool):
    store = ox.Store()
    for path in test.data:
        if icpa:
            stores.load_file(store, path)
        else:
            store.load(path=str(path), format=_oxigraph_format(path), base_iri=mf.uri(path))
    for path in test.graph_data:
        if icpa:
            stores.load_file(store, path, graph=mf.uri(path))
        else:
            store.load(path=str(path), format=_oxigraph_format(path), base_iri=mf.uri(path), to_graph=ox.NamedNode(mf.uri(path)))
    return store


class Datasets:
    """Each test's dataset, built once per engine; the datasets of one manifest at a time are kept."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.manifest: str | None = None
        self.built: dict = {}
        self.count = 0

    def get(self, test: mf.Test, kind: str):
        if test.manifest != self.manifest:
            self.built.clear()
            self.manifest = test.manifest
        key = (kind, test.dataset_key())
        if key not in self.built:
            try:
                self.built[key] = self._build(test, kind)
            except Exception as exc:  # the data does not load: every test on it says so
                self.built[key] = exc
        found = self.built[key]
        if isinstance(found, Exception):
            raise found
        return found

    def _build(self, test: mf.Test, kind: str):
        if kind in ("rdflib", "rdflib-icpa"):
            return _rdflib_graph(test, icpa=kind == "rdflib-icpa")
        if kind in ("oxigraph", "oxigraph-icpa"):
            return _memory_store(test, icpa=kind == "oxigraph-icpa")
        self.count += 1  # the on-disk store, shared by store and store-icpa
        folder = self.tmp / f"store-{self.count}"
        writer = ox.Store(str(folder))
        for path in test.data:
            stores.load_file(writer, path, bulk=True)
        for path in test.graph_data:
            stores.load_file(writer, path, bulk=True, graph=mf.uri(path))
        writer.flush()
        del writer
        return ox.Store.read_only(str(folder))


def query_text(test: mf.Test) -> str:
    return f"BASE <{mf.uri(test.query)}>\n" + test.query.read_text(encoding="utf-8")


def answer(engine: str, test: mf.Test, datasets: Datasets, text: str) -> Answer:
    if engine.startswith("rdflib"):
        graph = datasets.get(test, engine)
        with _rdflib_dataset_semantics(graph):
            if engine == "rdflib":
                return from_rdflib(graph.query(text))
            return from_table(RdflibBackend(graph).execute(text))
    if engine == "oxigraph":
        return from_ox(datasets.get(test, engine).query(text))
    if engine == "oxigraph-icpa":
        return from_table(OxigraphBackend(datasets.get(test, engine)).execute(text))
    store = datasets.get(test, "store")
    if engine == "store":
        return from_ox(store.query(text))
    return from_table(OxigraphBackend(store, stores.graphs(False), client_order=True).execute(text))


@dataclass(frozen=True)
class Outcome:
    ok: bool
    reason: str = ""
    answer: Answer | None = None


_outcomes: dict[tuple[str, str], Outcome] = {}


@functools.cache
def expected(test: mf.Test) -> mf.Expected:
    return mf.read_expected(test.result)


def outcome(test: mf.Test, engine: str, datasets: Datasets) -> Outcome:
    key = (test.id, engine)
    if key not in _outcomes:
        text = query_text(test)
        try:
            got = answer(engine, test, datasets, text)
        except Exception as exc:
            _outcomes[key] = Outcome(False, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        else:
            why = compare(test, expected(test), got, text)
            _outcomes[key] = Outcome(why is None, why or "", got)
    return _outcomes[key]


@pytest.fixture(scope="session")
def datasets(tmp_path_factory) -> Datasets:
    return Datasets(tmp_path_factory.mktemp("w3c-stores"))


ITEMS = [pytest.param(t, e, id=f"{t.id}@{e}") for t in TESTS for e in ENGINES] or [pytest.param(None, None, id="suite-missing")]


@pytest.mark.parametrize(("test", "engine"), ITEMS)
def test_w3c_query_evaluation(test: mf.Test | None, engine: str | None, datasets: Datasets):
    if test is None:
        pytest.fail(MISSING)
    result = outcome(test, engine, datasets)
    if engine not in ALONE:  # the engine alone: its failures are the engine's, shown as xfails
        if not result.ok:
            pytest.xfail(f"{engine} fails this test: {result.reason}")
        return
    if result.ok:
        return
    alone = outcome(test, ALONE[engine], datasets)
    if alone.ok:
        pytest.fail(f"{engine} fails a test that {ALONE[engine]} alone passes: {result.reason}")
    same = result.answer is not None and alone.answer is not None and compare_answers(alone.answer, result.answer)
    pytest.xfail(f"{ALONE[engine]} alone fails this test too: {alone.reason}"
                 + ("" if same else f" (and icpa's answer differs from the engine's: {result.reason})"))


def compare_answers(a: Answer, b: Answer) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "boolean":
        return a.boolean == b.boolean
    return same_rows(a.rows, b.rows)


# -- ORDER BY variants: icpa's client-side sort against Oxigraph's own ----------------------

CONDITIONS = ("?{v}", "DESC(?{v})", "STR(?{v})", "LCASE(?{v})")


@dataclass
class Tally:
    variants: int = 0
    taken: int = 0  #: sorted by icpa (split and sort took it over)
    declined: int = 0  #: split or sort returned None: the engine sorts
    invalid: int = 0  #: the variant is not a query Oxigraph runs (ORDER BY after LIMIT, say)
    unstable: int = 0  #: the rows differ between two runs (RAND, NOW, BNODE)
    wrong: list = field(default_factory=list)


TALLY = Tally()
MANIFESTS = sorted({t.manifest for t in TESTS})


def _variant_sources(manifest: str) -> list[mf.Test]:
    return [t for t in TESTS if t.manifest == manifest and (t.data or t.graph_data)
            and expected(t).kind in ("bindings", "csv")]


def _key_sequence(rows, var: str) -> list:
    return [("B",) if _is_bnode(r.get(var)) else r.get(var) for r in rows]


def _ox_n3(term: tuple) -> str:
    """A neutral term in SPARQL syntax, for a VALUES block."""
    from icpa.rdf.terms import escape

    if term is None:
        return "UNDEF"
    if term[0] == "I":
        return f"<{term[1]}>"
    body = f'"{escape(term[1])}"'
    return body + (f"@{term[3]}" if term[3] else f"^^<{term[2]}>" if term[2] else "")


def oxigraph_accepts_order(store, values: list, condition: str) -> bool:
    """Is ``values`` (in this order) sorted by ``condition`` as Oxigraph compares? Oxigraph sorts
    them with their position as the tie-breaker: a sorted sequence comes back unchanged.

    Blank nodes cannot be written in VALUES: under STR or LCASE they are errors, as unbound is;
    as themselves they must sit between the unbound values and the rest, ordered by label."""
    if condition.startswith(("STR", "LCASE")):
        values = [None if _is_bnode(v) else v for v in values]
    elif any(map(_is_bnode, values)):
        descending = condition.startswith("DESC")
        ranks = [0 if v is None else 1 if _is_bnode(v) else 2 for v in values]
        if ranks != sorted(ranks, reverse=descending):
            return False
        labels = [v[1] for v in values if _is_bnode(v)]
        if labels != sorted(labels, reverse=descending):
            return False
        values = [v for v in values if not _is_bnode(v)]
    rows = " ".join(f"({_ox_n3(v)} {i})" for i, v in enumerate(values))
    text = f"SELECT ?i WHERE {{ VALUES (?v ?i) {{ {rows} }} }} ORDER BY {condition.format(v='v')} ?i"
    return [int(sol["i"].value) for sol in store.query(text)] == list(range(len(values)))


@pytest.mark.parametrize("manifest", MANIFESTS or [None], ids=[f"variants:{m}" for m in MANIFESTS] or ["suite-missing"])
def test_client_order_is_oxigraphs_order(manifest: str | None, datasets: Datasets):
    """ORDER BY ?v / DESC(?v) / STR(?v) / LCASE(?v) appended to the suite's SELECT queries without a
    final ORDER BY, for each variable they project: icpa's client-side sort (:func:`ordering.split`
    then :func:`ordering.sort`, as ``--store`` runs it) gives Oxigraph's order, or declines."""
    if manifest is None:
        pytest.fail(MISSING)
    scratch = ox.Store()
    wrong = []
    for test in _variant_sources(manifest):
        text = query_text(test)
        if order_keys(text) is not None:
            continue
        try:
            store = datasets.get(test, "oxigraph-icpa")
            names = [v.value for v in store.query(text).variables]
        except Exception:
            continue  # the engine does not run the query (an xfail above): no variants
        for var in names:
            for condition in CONDITIONS:
                variant = f"{text}\nORDER BY {condition.format(v=var)}"
                TALLY.variants += 1
                try:
                    engine = from_ox(store.query(variant)).rows
                except (SyntaxError, OSError, ValueError, RuntimeError):
                    TALLY.invalid += 1
                    continue
                plan = ordering.split(variant)
                backend = OxigraphBackend(store)
                client = ordering.sort(backend.execute(plan.text), plan.keys) if plan is not None else None
                if client is None:
                    TALLY.declined += 1
                    continue
                rows = from_table(client).rows
                want, got = _key_sequence(engine, var), _key_sequence(rows, var)
                if Counter(map(repr, want)) != Counter(map(repr, got)):
                    TALLY.unstable += 1
                    continue
                TALLY.taken += 1
                if want == got:
                    continue
                if not oxigraph_accepts_order(scratch, [r.get(var) for r in rows], condition):
                    wrong.append(f"{test.id} ORDER BY {condition.format(v=var)}: Oxigraph {_short(want, 200)}, icpa {_short(got, 200)}")
    TALLY.wrong.extend(wrong)
    assert not wrong, f"{len(wrong)} ORDER BY variants sorted unlike Oxigraph:\n" + "\n".join(wrong)
