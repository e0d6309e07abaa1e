"""Writers and readers in pairs: every W3C result format icpa writes, icpa reads back."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from icpa.rdf.terms import literal
from icpa.results import formats
from icpa.results.table import ResultTable

from ..conftest import SAVED, example_values, execute, saved_query

TABLE = ResultTable(
    vars=["s", "text", "n", "when", "b"],
    rows=[
        (URIRef("https://w3id.org/icpa/data/chris-ham"), Literal("two\nlines\tand \"quotes\" \\ and ünïcode", lang="en"),
         literal("007", datatype=str(XSD.integer)), literal("2006-08-24Z", datatype=str(XSD.date)), BNode("b0")),
        (None, Literal("plain"), literal("1050", datatype=str(XSD.double)), None, None),
        (URIRef("https://example.org/a?b=c&d"), Literal(""), literal("true", datatype=str(XSD.boolean)), None, BNode("b1")),
    ],
)
W3C = [name for name, f in formats.FORMATS.items() if f.reader]


def test_the_w3c_formats_each_have_a_reader():
    assert W3C == ["csv", "tsv", "json"]


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_typed_formats_read_back_to_the_same_terms(fmt):
    back = formats.get(fmt).read(formats.get(fmt).write(TABLE))
    assert back.vars == TABLE.vars
    assert back.rows == TABLE.rows
    assert [[str(t) if t is not None else None for t in row] for row in back.rows] == \
        [[str(t) if t is not None else None for t in row] for row in TABLE.rows]  # lexical forms kept (007, 1050)


def test_csv_reads_back_the_text_of_every_cell():
    back = formats.get("csv").read(formats.get("csv").write(TABLE))
    assert back.vars == TABLE.vars
    shown = [[("" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row] for row in TABLE.rows]
    assert [[("" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row] for row in back.rows] == shown


@pytest.mark.parametrize("fmt", W3C)
def test_ask_answers_read_back(fmt):
    for answer in (True, False):
        assert formats.get(fmt).read(formats.get(fmt).write(ResultTable(boolean=answer))).boolean is answer


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_querys_answer_reads_back_from_json_and_tsv(name):
    q = saved_query(name)
    table = execute(q, example_values(q))
    for fmt in ("json", "tsv"):
        back = formats.get(fmt).read(formats.get(fmt).write(table))
        assert back.vars == table.vars and back.rows == table.rows, fmt
