"""The formats for people: ``table`` fits an 80-column terminal for every saved query, shows
each thing once, wraps prose at words and elides identifiers; ``report`` shows every field whole."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from icpa.results.readable import view
from icpa.results.table import ResultTable
from icpa.results.terminal import MAX_LINES, write_report, write_table
from icpa.results.writers import write_md

from ..conftest import SAVED, example_values, execute, saved_query

SELECTS = [n for n in SAVED if not saved_query(n).reasoned]


def _blocks(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Header lines, the row blocks (separated by blank lines) and the footer of a table."""
    lines = text.rstrip("\n").split("\n")
    rule = next(i for i, line in enumerate(lines) if set(line) == {"─"})
    foot = max(i for i, line in enumerate(lines) if not line.strip()) + 1 if len(lines) > rule + 2 else rule + 1
    assert lines[foot].startswith("(")
    body, blocks, current = lines[rule + 1:foot], [], []
    for line in body:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return lines[:rule], blocks, lines[foot:]


@pytest.mark.parametrize("name", SELECTS)
def test_every_saved_querys_table_fits_80_columns_at_eight_lines_a_row(name):
    query = saved_query(name)
    table = execute(query, example_values(query), labels=True)
    text = write_table(table, width=80)
    assert max(len(line) for line in text.splitlines()) <= 80, text
    header, blocks, _ = _blocks(text)
    assert len(header) == 1, header  # one header line, never pushed out of line
    assert len(blocks) == len(table.rows)
    assert all(len(b) <= MAX_LINES for b in blocks)  # with the blank line between rows, eight a row
    assert "https://" not in text


def _table(*rows, vars=("thing", "thingLabel", "text", "file")):
    return ResultTable(list(vars), [tuple(r) for r in rows])


DATA = "https://w3id.org/icpa/data/"
LONG = ("Integration projects are often derailed by organisational disagreements over the definition of integrated "
        "care, how it should be delivered and who should lead it")


def test_prose_wraps_at_words_and_identifiers_are_elided_not_broken():
    table = _table((URIRef(DATA + "x"), Literal("an organisational barrier"), Literal(LONG), Literal("000_cd5d5ad323cbdb9a.txt")),
                   vars=("thing", "thingLabel", "text", "seedFile"))
    text = write_table(table, width=50)
    assert max(len(line) for line in text.splitlines()) <= 50
    words = re.findall(r"[\w’'-]+", text)
    assert "organisational" in words and "organisa" not in words and "tional" not in words
    body = "\n".join(_blocks(text)[1][0])
    assert "000_cd5d5ad323cbdb9a.txt" not in body and re.search(r"000_\w*…\w*\.txt", body)  # elided in the middle, not split
    assert "elided" not in body and "shortened in the middle" in " ".join(_blocks(text)[2])


def test_each_thing_is_shown_once_by_its_label_and_iris_adds_identifiers():
    thing = URIRef(DATA + "topic-barrier")
    table = _table((thing, Literal("barrier"), Literal("barrier"), Literal("")), vars=("barrier", "barrierLabel", "barrierClassLabel", "empty"))
    table.labels = {thing: "barrier"}
    v = view(table)
    assert [c.header for c in v.columns] == ["barrier"]  # the label, under the IRI column's name
    assert v.hidden == ["barrierClass", "empty"]
    footer = " ".join(write_table(table, width=80).split("\n\n")[-1].split())
    assert "barrierClass, empty" in footer  # named under the table, never silently dropped
    with_iris = view(table, iris=True)  # the identifier beside the label, still one column
    assert [c.header for c in with_iris.columns] == ["barrier", "barrierClass"]  # the class's label no longer repeats a cell
    assert with_iris.rows == [["barrier (icpad:topic-barrier)", "barrier"]]


def test_columns_left_out_for_want_of_width_are_named_and_the_report_has_them_all():
    cols = [f"column{i}" for i in range(12)]
    table = ResultTable(cols, [tuple(Literal(f"value {i} " * 3) for i in range(12))])
    text = write_table(table, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    footer = " ".join(_blocks(text)[2])
    left_out = [c for c in cols if c not in _blocks(text)[0][0].split()]
    assert left_out and all(c in footer for c in left_out) and "-f report" in footer
    report = write_report(table, width=60)
    assert all(f"{c}:" in report for c in cols)


def test_a_report_has_one_block_a_row_with_every_text_whole_and_the_quote_set_off():
    quote = "the term “integration” is often viewed suspiciously as a euphemism for a hostile takeover " * 2
    table = ResultTable(["claim", "quote", "article", "seedFile", "n"],
                        [(Literal(LONG), Literal(quote.strip()), Literal("BMJ feature: GPs' wariness"), Literal("002_x.txt"),
                          Literal(3, datatype=XSD.integer))] * 2)
    report = write_report(table, width=50)
    blocks = report.strip().split("\n\n")
    assert blocks[0].startswith("1. claim:") and "2. claim:" in report
    assert max(len(line) for line in report.splitlines()) <= 50
    quoted = " ".join(line.strip()[2:] for line in report.splitlines() if line.strip().startswith("> "))
    assert quote.strip() in quoted  # whole, however long
    assert "claim: " + LONG in " ".join(blocks[0].split())  # wrapped, never cut
    assert "— BMJ feature: GPs' wariness (002_x.txt)" in report


def test_markdown_shows_the_same_columns_as_the_table():
    thing = URIRef(DATA + "a")
    table = _table((thing, Literal("A | B"), Literal("text"), Literal("f.txt")))
    table.labels = {thing: "A | B"}
    md = write_md(table)
    assert md.splitlines()[0] == "| thing | text | file |" and "A \\| B" in md
