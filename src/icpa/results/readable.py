"""What the formats for people (table, md, report) show of an answer: each thing once.

A saved query often returns a thing twice, as its IRI and as its label (``speaker`` and
``speakerLabel``), and sometimes a column that repeats another (a claim shown by its label is
its text). For people, :func:`view` keeps one column per thing: an IRI column with a label
column beside it gives way to the label (under the IRI column's name), a column that shows the
same text as an earlier one in every row is left out, and so is one that is empty in every row.
With ``iris`` the identifiers are added: an IRI shows as its label and its CURIE,
``barrier (icpad:topic-barrier)``. What was left out is named (:attr:`View.hidden`), so nothing
disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef

from icpa.results.table import ResultTable, Term
from icpa.vocab import curie

LABEL_SUFFIX = "Label"
IDENTIFIER = re.compile(r"[0-9_:./#]")  #: what marks a spaceless value as an identifier rather than a word


@dataclass(frozen=True)
class Column:
    header: str
    index: int  #: the variable's position in the result rows
    kind: str  #: "text" (words: wrap at word boundaries), "token" (identifiers: elide), "number"


@dataclass
class View:
    columns: list[Column]
    rows: list[list[str]]  #: the shown cells, one list per result row, in column order
    hidden: list[str] = field(default_factory=list)  #: variables left out because they repeat others or are empty


def display(table: ResultTable, iris: bool):
    """The function that turns one term into the text a person reads."""

    def show(term: Term) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            short = curie(str(term)).strip("<>")
            if term in table.labels:
                return f"{table.labels[term]} ({short})" if iris else table.labels[term]
            return short
        if isinstance(term, BNode):
            return f"_:{term}"
        return " ".join(str(term).split()) if "\n" in str(term) or "\t" in str(term) else str(term)

    return show


def _kind(values: list[str], terms: list[Term]) -> str:
    present = [v for v in values if v]
    if present and all(isinstance(t, Literal) and t.datatype is not None and str(t.datatype).endswith(
            ("#integer", "#decimal", "#double", "#float", "#int", "#long", "#nonNegativeInteger")) for t in terms if t is not None):
        return "number"
    if present and not any(" " in v for v in present) and any(IDENTIFIER.search(v) for v in present):
        return "token"  # seed file names, CURIEs, dates, DOIs: elided, never wrapped
    return "text"


def view(table: ResultTable, iris: bool = False) -> View:
    """The columns and cells to show of a SELECT answer (see the module's doc)."""
    show = display(table, iris)
    cells = [[show(t) for t in row] for row in table.rows]
    names = list(table.vars)
    keep: list[int] = []
    headers: dict[int, str] = {}
    hidden: list[str] = []
    skip: set[int] = set()
    for i, name in enumerate(names):
        column = [r[i] for r in cells]
        terms = [row[i] for row in table.rows]
        label_of = name + LABEL_SUFFIX
        if label_of in names and (not terms or any(isinstance(t, URIRef) for t in terms)):
            if iris:  # the IRI column shows "label (CURIE)"; its label column is not needed beside it
                skip.add(names.index(label_of))
            else:
                continue  # shown by its label column, under this name
        if i in skip:
            continue
        base = name[: -len(LABEL_SUFFIX)]
        if name.endswith(LABEL_SUFFIX) and base and not any(names[k] == base for k in keep):
            headers[i] = base  # "speakerLabel" is shown as "speaker"
        if cells and (not any(column) or any(column == [r[k] for r in cells] for k in keep)):
            if headers.get(i, name) not in hidden:
                hidden.append(headers.get(i, name))
            continue
        keep.append(i)
    columns = [Column(headers.get(i, names[i]), i, _kind([r[i] for r in cells], [row[i] for row in table.rows]))
               for i in keep]
    return View(columns, [[r[c.index] for c in columns] for r in cells], hidden)


def footer(n_rows: int, hidden: list[str], cut: bool = False, left_out: list[str] = (), width: int = 0,
           elided: bool = False) -> str:
    """The line under a table: rows, and what is not shown in full."""
    parts = [f"{n_rows} row{'s' if n_rows != 1 else ''}"]
    if hidden:
        parts.append(f"not shown, as they repeat another column or are empty: {', '.join(hidden)}")
    if left_out:
        parts.append(f"left out for want of width ({width} columns): {', '.join(left_out)}")
    if cut:
        parts.append("long texts cut short (…)")
    if elided:
        parts.append("identifiers shortened in the middle (…)")
    if left_out or cut or elided:
        parts[-1] += "; -f report shows every field whole"
    return "(" + "; ".join(parts) + ")"
