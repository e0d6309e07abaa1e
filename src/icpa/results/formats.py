"""The registry of result formats: what ``--format`` offers for query answers.

Each entry names its writer and reader as ``"module:function"`` strings, imported on first use,
so ``icpa --help`` lists the formats without importing rdflib. ``csv``, ``tsv`` and ``json``
are the W3C SPARQL 1.1 result formats (other tools read them, and so does icpa:
:mod:`icpa.results.readers`); ``table``, ``report`` and ``md`` are for people: they show each
thing once, by its label (``needs_labels``; :mod:`icpa.results.readable`). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from icpa.errors import UsageError


@dataclass(frozen=True)
class ResultFormat:
    name: str
    description: str
    writer: str  #: ``"module:function"``: (ResultTable, iris: bool) -> str
    reader: str | None = None  #: ``"module:function"``: (text: str) -> ResultTable
    needs_labels: bool = False  #: shows labels of IRIs, so the engine must look them up

    def write(self, table, iris: bool = False) -> str:
        return _resolve(self.writer)(table, iris)

    def read(self, text: str):
        if self.reader is None:
            raise UsageError(f"icpa cannot read the {self.name} format back")
        return _resolve(self.reader)(text)


def _resolve(spec: str):
    from importlib import import_module

    module, _, attr = spec.partition(":")
    return getattr(import_module(module), attr)


def help_text() -> str:
    """What ``--format`` offers, from the registry (so help and dispatch cannot drift apart)."""
    return "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()) + "."


FORMATS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("table", "a table that fits the terminal, each thing once by its label (long texts cut)",
                     "icpa.results.terminal:write_table", needs_labels=True),
        ResultFormat("report", "one block per row with every text whole and the quote set off, for a briefing",
                     "icpa.results.terminal:write_report", needs_labels=True),
        ResultFormat("csv", "W3C SPARQL 1.1 CSV results", "icpa.results.writers:write_csv", "icpa.results.readers:read_csv"),
        ResultFormat("tsv", "W3C SPARQL 1.1 TSV results", "icpa.results.writers:write_tsv", "icpa.results.readers:read_tsv"),
        ResultFormat("json", "W3C SPARQL 1.1 JSON results", "icpa.results.writers:write_json", "icpa.results.readers:read_json"),
        ResultFormat("md", "a Markdown table, labels instead of IRIs", "icpa.results.writers:write_md",
                     needs_labels=True),
    )
}
DEFAULT = "table"


def get(name: str) -> ResultFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown result format {name!r}; choose one of {', '.join(FORMATS)}") from None
