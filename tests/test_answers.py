"""Every saved query's answer against its hand-checked expected answer, compared as typed terms,
as multisets, and in the query's ORDER BY order.

``tests/expected/NAME.csv`` holds the answer as W3C SPARQL 1.1 CSV text (IRIs written as CURIEs
with icpa's fixed prefixes, an empty cell for an unbound value). A CSV carries text only, so
``tests/expected/NAME.yaml`` records the rest:

- ``columns``: each column's kind, in the CSV's order: ``iri``, ``blank``, ``literal`` (a simple
  literal, i.e. ``xsd:string``), ``literal@LANG`` or a datatype ``xsd:NAME``. The kinds are
  worked out from the query and the ontology (a property's ``rdfs:range``, COUNT is
  ``xsd:integer``, ...), then confirmed against what the default engine returns.
- ``params``: the parameter values the answer was worked out for.
- ``order_by`` (only where :func:`icpa.sparql.ordering.split` cannot read the query's final
  ORDER BY): the ORDER BY conditions, written on projected variables.
- ``checked``: who checked the answer (``role``) and how (``method``), as the history records it;
  ``history``: the commits that created or changed the CSV.

Rows are compared as a multiset of typed terms: a literal's text, datatype and language tag all
count, and a row duplicated in place of another is an error. Where the query orders, the
sequence of its ORDER BY key tuples must be the same in the answer and in the file (rows with
equal keys may come in any order), and the file must itself be in SPARQL's order for those keys.
"""

from __future__ import annotations

import csv
import functools
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import yaml
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from icpa import vocab
from icpa.sparql import lexer, ordering
from icpa.sparql.ordering import Key

from .conftest import EXPECTED, SAVED, example_values, execute, saved_query

NUMERIC = {XSD[t] for t in (
    "integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
    "nonPositiveInteger", "negativeInteger", "positiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_KIND = re.compile(r"^(iri|blank|literal|literal@[A-Za-z]+(-[A-Za-z0-9]+)*|xsd:[A-Za-z]+)$")


# --- reading an expected answer ----------------------------------------------------------------


@dataclass
class Expected:
    """An expected answer: its CSV read as typed terms with the help of its sidecar."""

    name: str
    header: list[str]
    kinds: dict[str, str]
    rows: list[tuple]
    params: dict[str, str] = field(default_factory=dict)
    order_by: str | None = None
    checked: dict = field(default_factory=dict)
    history: list = field(default_factory=list)


def cell_term(cell: str, kind: str):
    """The RDF term a CSV cell of a column of ``kind`` stands for (None for an empty cell: unbound)."""
    if cell == "":
        return None
    if kind == "iri":
        iri = vocab.expand(cell) or cell
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
            raise ValueError(f"{cell!r} is neither a CURIE with one of icpa's prefixes nor an absolute IRI")
        return URIRef(iri)
    if kind == "blank":
        return BNode(cell.removeprefix("_:"))
    if kind == "literal":
        return Literal(cell)
    if kind.startswith("literal@"):
        return Literal(cell, lang=kind.removeprefix("literal@"))
    if kind.startswith("xsd:"):
        return Literal(cell, datatype=URIRef(vocab.XSD + kind.removeprefix("xsd:")))
    raise ValueError(f"unknown column kind {kind!r}")


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def read_sidecar(path: Path) -> dict:
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(meta, dict), f"{path.name}: not a YAML mapping"
    return meta


def read_expected(folder: Path, name: str) -> Expected:
    header, cells = read_csv(folder / f"{name}.csv")
    meta = read_sidecar(folder / f"{name}.yaml")
    kinds = {str(k): str(v) for k, v in (meta.get("columns") or {}).items()}
    assert list(kinds) == header, f"{name}.yaml lists the columns {list(kinds)}, the CSV has {header}"
    bad = {c: k for c, k in kinds.items() if not _KIND.match(k)}
    assert not bad, f"{name}.yaml: unknown column kinds {bad}"
    for i, row in enumerate(cells, start=2):
        assert len(row) == len(header), f"{name}.csv line {i}: {len(row)} cells, the header has {len(header)}"
    rows = [tuple(cell_term(c, kinds[h]) for c, h in zip(row, header)) for row in cells]
    params = {str(k): str(v) for k, v in (meta.get("params") or {}).items()}
    return Expected(name, header, kinds, rows, params, meta.get("order_by"), meta.get("checked") or {},
                    meta.get("history") or [])


# --- terms as compared ---------------------------------------------------------------------------


def identity(term) -> tuple:
    """What makes two terms the same term: IRI text; literal text, datatype (a simple literal is
    xsd:string) and language tag (case-insensitive). Blank nodes only as blank nodes."""
    if term is None:
        return ("unbound",)
    if isinstance(term, BNode):
        return ("blank",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    datatype = None if term.datatype in (None, XSD.string) else str(term.datatype)
    return ("literal", str(term), datatype, term.language.lower() if term.language else None)


def show(ident: tuple) -> str:
    if ident[0] == "unbound":
        return "(unbound)"
    if ident[0] == "blank":
        return "_:b"
    if ident[0] == "iri":
        return vocab.curie(ident[1])
    _, text, datatype, lang = ident
    if lang:
        return f"{text!r}@{lang}"
    if datatype:
        return f"{text!r}^^{vocab.curie(datatype)}"
    return repr(text)


def show_row(header: list[str], row: tuple) -> str:
    return "{" + ", ".join(f"{h}: {show(v)}" for h, v in zip(header, row)) + "}"


def kind_of(term) -> str | None:
    """The kind of a term as the sidecars write it (None for unbound)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "blank"
    if isinstance(term, URIRef):
        return "iri"
    if term.language:
        return f"literal@{term.language.lower()}"
    if term.datatype in (None, XSD.string):
        return "literal"
    return vocab.curie(str(term.datatype))


# --- SPARQL's ORDER BY ---------------------------------------------------------------------------


def key_value(term, function: str | None):
    """``function`` (None, STR, LCASE or UCASE) of ``term`` as SPARQL computes it; None for an error."""
    if function is None or term is None:
        return term
    if function == "STR":
        return None if isinstance(term, BNode) else Literal(str(term))
    if not isinstance(term, Literal) or not (term.language or term.datatype in (None, XSD.string)):
        return None  # LCASE/UCASE of anything but a string is an error, i.e. unbound for ORDER BY
    text = str(term).lower() if function == "LCASE" else str(term).upper()
    return Literal(text, lang=term.language)


def rank(term) -> tuple:
    """A sort key giving SPARQL 1.1's order (§15.1): unbound, blank nodes, IRIs (by their text), then
    literals; numbers by value, booleans false first, dates by value, strings by code point."""
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    if term.language or term.datatype in (None, XSD.string):
        return (3, 3, str(term), term.language or "")
    if term.datatype in NUMERIC:
        try:
            return (3, 0, Decimal(str(term)) if "e" not in str(term).lower() else Decimal(float(str(term))))
        except (InvalidOperation, ValueError):
            return (3, 4, str(term.datatype), str(term))
    if term.datatype == XSD.boolean:
        return (3, 1, str(term) in ("true", "1"))
    if term.datatype == XSD.dateTime:
        return (3, 2, str(term.toPython()))
    return (3, 4, str(term.datatype), str(term))


def key_tuple(header: list[str], row: tuple, keys: tuple[Key, ...]) -> tuple:
    at = {h: i for i, h in enumerate(header)}
    return tuple(key_value(row[at[k.var]], k.function) for k in keys)


def sparql_compare(header: list[str], keys: tuple[Key, ...], a: tuple, b: tuple) -> int:
    """-1, 0 or 1 as row ``a`` sorts before, with or after row ``b`` under ``keys``."""
    for key, x, y in zip(keys, key_tuple(header, a, keys), key_tuple(header, b, keys)):
        rx, ry = rank(x), rank(y)
        if rx != ry:
            c = -1 if rx < ry else 1
            return -c if key.descending else c
    return 0


def sparql_sorted(header: list[str], rows: list[tuple], keys: tuple[Key, ...]) -> list[tuple]:
    """``rows`` in the order of ``keys``; a stable sort, so rows with equal keys keep their order."""
    return sorted(rows, key=functools.cmp_to_key(functools.partial(sparql_compare, header, keys)))


def first_out_of_order(header: list[str], rows: list[tuple], keys: tuple[Key, ...]) -> int | None:
    """The index of the first row that sorts before the row above it, or None."""
    for i in range(1, len(rows)):
        if sparql_compare(header, keys, rows[i - 1], rows[i]) > 0:
            return i
    return None


def order_keys(query, expected: Expected) -> tuple[Key, ...] | None:
    """The query's final ORDER BY conditions (None if it does not order). Read from the query by
    :func:`icpa.sparql.ordering.split`; where that cannot read them, from the sidecar's ``order_by``."""
    plan = ordering.split(query.text)
    orders = re.search(r"\bORDER\s+BY\b", lexer.top_level(query.text), re.I) is not None
    if plan is not None:
        assert expected.order_by is None, (
            f"{expected.name}.yaml has order_by, but the query's own ORDER BY is readable: drop it from the sidecar")
        return plan.keys
    if not orders:
        assert expected.order_by is None, f"{expected.name}.yaml has order_by, but the query does not order"
        return None
    assert expected.order_by, (f"{expected.name}: icpa.sparql.ordering.split cannot read the query's ORDER BY; "
                               f"record its conditions, on projected variables, as order_by in {expected.name}.yaml")
    plan = ordering.split(f"SELECT * WHERE {{ }}\nORDER BY {expected.order_by}")
    assert plan is not None, f"{expected.name}.yaml: order_by {expected.order_by!r} is not a list of ORDER BY conditions"
    assert all(k.var in expected.header for k in plan.keys), f"{expected.name}.yaml: order_by names a column the query does not project"
    return plan.keys


# --- the comparison ------------------------------------------------------------------------------


def compare(expected: Expected, vars: list[str], rows: list[tuple], keys: tuple[Key, ...] | None) -> list[str]:
    """What differs between an answer (``vars``, ``rows`` of terms) and the expected one; [] if nothing."""
    if list(vars) != expected.header:
        return [f"columns: the query gives {list(vars)}, the file has {expected.header}"]
    problems = []
    for i, column in enumerate(vars):
        returned = Counter(kind_of(row[i]) for row in rows if row[i] is not None)
        wrong = {k: n for k, n in returned.items() if k != expected.kinds[column]}
        if wrong:
            problems.append(f"column {column}: the sidecar says {expected.kinds[column]}, the query returns "
                            + ", ".join(f"{k} ({n} rows)" for k, n in sorted(wrong.items())))
    actual = [tuple(identity(t) for t in row) for row in rows]
    wanted = [tuple(identity(t) for t in row) for row in expected.rows]
    missing, extra = Counter(wanted) - Counter(actual), Counter(actual) - Counter(wanted)
    for row, n in sorted(missing.items()):
        problems.append(f"expected but not returned{f' ({n} times)' if n > 1 else ''}: {show_row(vars, row)}")
    for row, n in sorted(extra.items()):
        problems.append(f"returned but not expected{f' ({n} times)' if n > 1 else ''}: {show_row(vars, row)}")
    if keys and not missing and not extra:
        got = [tuple(identity(v) for v in key_tuple(vars, row, keys)) for row in rows]
        want = [tuple(identity(v) for v in key_tuple(vars, row, keys)) for row in expected.rows]
        if got != want:
            i = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
            names = [f"{k.function}(?{k.var})" if k.function else f"?{k.var}" for k in keys]
            problems.append(f"order: at row {i + 1} the query gives the keys {show_row(names, got[i])}, "
                            f"the file (line {i + 2}) has {show_row(names, want[i])}")
    return problems


@functools.cache
def answer(name: str, params: tuple[tuple[str, str], ...]):
    """The query's answer on the default engine, labels off (cached: the self-tests reuse it)."""
    q = saved_query(name)
    table = execute(q, dict(params))
    return q, table.vars, [tuple(row) for row in table.rows]


# --- every saved query ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_has_an_expected_answer_and_a_sidecar(name):
    assert (EXPECTED / f"{name}.csv").is_file(), f"tests/expected/{name}.csv is missing"
    assert (EXPECTED / f"{name}.yaml").is_file(), f"tests/expected/{name}.yaml is missing"
    expected = read_expected(EXPECTED, name)
    assert expected.rows, "a saved query should have a non-empty answer on the bundled data"
    checked = expected.checked
    assert isinstance(checked.get("role"), str) and checked["role"].strip(), f"{name}.yaml: checked.role is missing"
    assert isinstance(checked.get("method"), str) and checked["method"].strip(), f"{name}.yaml: checked.method is missing"
    assert expected.history, f"{name}.yaml: history is empty"
    for entry in expected.history:
        assert re.fullmatch(r"[0-9a-f]{7,40}", str(entry.get("commit", ""))), f"{name}.yaml: bad history entry {entry}"


@pytest.mark.parametrize("name", SAVED)
def test_sidecar_records_the_query_parameters_at_their_example_values(name):
    q = saved_query(name)
    assert read_expected(EXPECTED, name).params == example_values(q), (
        "the expected answer is worked out for the parameters in its sidecar; the query's examples should be the same")


@pytest.mark.parametrize("name", SAVED)
def test_expected_file_is_in_the_query_order(name):
    expected = read_expected(EXPECTED, name)
    keys = order_keys(saved_query(name), expected)
    if not keys:
        return
    i = first_out_of_order(expected.header, expected.rows, keys)
    assert i is None, (f"tests/expected/{name}.csv line {i + 2} sorts before line {i + 1} under the query's ORDER BY "
                       f"{[(k.function, k.var, 'DESC' if k.descending else 'ASC') for k in keys]}")


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_answer_matches_hand_checked_expectation(name):
    expected = read_expected(EXPECTED, name)
    q, vars, rows = answer(name, tuple(sorted(expected.params.items())))
    problems = compare(expected, vars, rows, order_keys(q, expected))
    assert not problems, f"{name}: {len(rows)} rows returned, {len(expected.rows)} expected\n" + "\n".join(problems)


# --- the comparison has teeth: a mutated copy of an expected file fails ---------------------------

SAMPLE = "claims-in-article"  # typed (start, end: xsd:integer), tagged (speakerLabel: @en) and ordered


@pytest.fixture
def sample(tmp_path):
    """A copy of one expected answer in a temporary folder, the query's real answer and its keys."""
    for suffix in (".csv", ".yaml"):
        shutil.copy(EXPECTED / f"{SAMPLE}{suffix}", tmp_path / f"{SAMPLE}{suffix}")
    expected = read_expected(tmp_path, SAMPLE)
    q, vars, rows = answer(SAMPLE, tuple(sorted(expected.params.items())))
    keys = order_keys(q, expected)
    assert compare(expected, vars, rows, keys) == []  # the unmutated copy passes
    return tmp_path, vars, rows, keys


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _rewrite_rows(path: Path, change) -> None:
    header, cells = read_csv(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([header, *change(cells)])


def _retype(rows: list[tuple], column: int, make) -> list[tuple]:
    return [tuple(make(t) if i == column and t is not None else t for i, t in enumerate(r)) for r in rows]


def test_a_wrong_datatype_fails(sample):
    folder, vars, rows, keys = sample
    _edit(folder / f"{SAMPLE}.yaml", "\n  start: xsd:integer", "\n  start: xsd:decimal")
    problems = compare(read_expected(folder, SAMPLE), vars, rows, keys)
    assert any(p.startswith("column start: the sidecar says xsd:decimal, the query returns xsd:integer") for p in problems)
    assert sum(p.startswith("expected but not returned") and "^^xsd:decimal" in p for p in problems) == len(rows)
    # the other way round: a rewritten query that returned the offsets as strings
    start = vars.index("start")
    as_text = _retype(rows, start, lambda t: Literal(str(t)))
    problems = compare(read_expected(EXPECTED, SAMPLE), vars, as_text, keys)
    assert any(p.startswith("column start: the sidecar says xsd:integer, the query returns literal") for p in problems)
    assert sum(p.startswith("returned but not expected") for p in problems) == len(rows)


def test_a_dropped_language_tag_fails(sample):
    folder, vars, rows, keys = sample
    _edit(folder / f"{SAMPLE}.yaml", "\n  speakerLabel: literal@en", "\n  speakerLabel: literal")
    problems = compare(read_expected(folder, SAMPLE), vars, rows, keys)
    assert any(p.startswith("column speakerLabel: the sidecar says literal, the query returns literal@en") for p in problems)
    assert sum(p.startswith("expected but not returned") for p in problems) == len(rows)
    # the other way round: a rewritten query that lost the tag (STR(?speakerLabel), say)
    untagged = _retype(rows, vars.index("speakerLabel"), lambda t: Literal(str(t)))
    problems = compare(read_expected(EXPECTED, SAMPLE), vars, untagged, keys)
    assert any(p.startswith("column speakerLabel: the sidecar says literal@en, the query returns literal") for p in problems)
    assert sum(p.startswith("returned but not expected") for p in problems) == len(rows)


def test_a_row_duplicated_in_place_of_another_fails(sample):
    folder, vars, rows, keys = sample
    header, cells = read_csv(folder / f"{SAMPLE}.csv")
    at = header.index("claim")
    kept, lost = cells[0][at], cells[1][at]  # the claims of the first two rows
    assert kept != lost
    _rewrite_rows(folder / f"{SAMPLE}.csv", lambda cells: [cells[0], cells[0], *cells[2:]])
    problems = compare(read_expected(folder, SAMPLE), vars, rows, keys)
    assert len(problems) == 2, problems
    assert problems[0].startswith("expected but not returned: {") and f"claim: {kept}," in problems[0], problems[0]
    assert problems[1].startswith("returned but not expected: {") and f"claim: {lost}," in problems[1], problems[1]


def test_a_multiset_difference_that_a_set_comparison_lets_through_fails(sample):
    folder, vars, rows, keys = sample
    # the file has row 0 in place of row 2, the answer row 1 in place of row 2: the same rows as sets,
    # the same count, different multisets
    _rewrite_rows(folder / f"{SAMPLE}.csv", lambda cells: [cells[0], cells[1], cells[0], *cells[3:]])
    expected = read_expected(folder, SAMPLE)
    changed = [rows[0], rows[1], rows[1], *rows[3:]]
    as_sets = {tuple(identity(t) for t in r) for r in changed}, {tuple(identity(t) for t in r) for r in expected.rows}
    assert as_sets[0] == as_sets[1] and len(changed) == len(expected.rows)  # what the old comparison checked
    problems = compare(expected, vars, changed, keys)
    assert any(p.startswith("expected but not returned") for p in problems)
    assert any(p.startswith("returned but not expected") for p in problems)


def test_a_wrong_order_fails(sample):
    folder, vars, rows, keys = sample
    _rewrite_rows(folder / f"{SAMPLE}.csv", lambda cells: [cells[1], cells[0], *cells[2:]])
    expected = read_expected(folder, SAMPLE)
    problems = compare(expected, vars, rows, keys)
    assert len(problems) == 1 and problems[0].startswith("order: at row 1 the query gives the keys"), problems
    assert first_out_of_order(expected.header, expected.rows, keys) == 1


def test_rows_with_equal_keys_may_come_in_either_order(sample):
    folder, vars, rows, keys = sample
    expected = read_expected(folder, SAMPLE)
    keys = keys[:1]  # ?seedFile alone: Chris Ham's claims share two seed files, so rows tie
    i, j = next((i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                if rows[i] != rows[j] and key_tuple(vars, rows[i], keys) == key_tuple(vars, rows[j], keys))
    swapped = list(rows)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert compare(expected, vars, swapped, keys) == []


@pytest.mark.parametrize(("terms", "keys", "want"), [
    # unbound, then blank nodes, then IRIs, then literals; numbers by value, not by text
    ([Literal("10", datatype=XSD.integer), None, URIRef("http://x/a"), Literal("9", datatype=XSD.integer), BNode("b")],
     (Key("v"),), [None, BNode("b"), URIRef("http://x/a"), Literal("9", datatype=XSD.integer), Literal("10", datatype=XSD.integer)]),
    # strings by code point (upper case first), LCASE folds, DESC reverses
    ([Literal("b", lang="en"), Literal("B", lang="en"), Literal("a", lang="en")], (Key("v"),),
     [Literal("B", lang="en"), Literal("a", lang="en"), Literal("b", lang="en")]),
    ([Literal("b"), Literal("C"), Literal("a")], (Key("v", "LCASE"),), [Literal("a"), Literal("b"), Literal("C")]),
    ([Literal("1", datatype=XSD.integer), Literal("3", datatype=XSD.integer), Literal("2", datatype=XSD.integer)],
     (Key("v", None, True),), [Literal("3", datatype=XSD.integer), Literal("2", datatype=XSD.integer), Literal("1", datatype=XSD.integer)]),
])
def test_sparql_sort_orders_terms_as_sparql_does(terms, keys, want):
    assert [r[0] for r in sparql_sorted(["v"], [(t,) for t in terms], keys)] == want
