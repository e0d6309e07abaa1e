"""Run a saved or ad-hoc query: bind its parameters, pick the graph, return the result table."""

from __future__ import annotations

import re
from pathlib import Path

from icpa import binding, queries
from icpa.backends import DEFAULT_ENGINE, Backend, open_backend
from icpa.results import ResultTable, sort_list_cells
from icpa.status import DataError

_QUERY_START = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE)\b", re.I)


def execute(query: queries.SavedQuery, values: dict[str, str] | None = None, *, reasoned: bool = False,
            backend: str | None = None, labels: bool = True, **options) -> ResultTable:
    """Bind ``values`` to ``query``'s parameters and run it; ``reasoned`` adds HermiT's inferences."""
    engine: Backend = open_backend(backend or DEFAULT_ENGINE, reasoned=reasoned or query.reasoned, **options)
    bound = binding.bind(query, values or {}, engine.candidates, engine.lookup)
    table = engine.execute(binding.inject_values(query.text, bound))
    if query.lists:
        table = sort_list_cells(table, query.lists, queries.LIST_SEPARATOR)
    if labels:
        table.labels = engine.labels(table.iris())
    return table


def run_saved(name: str, values: dict[str, str] | None = None, **options) -> tuple[queries.SavedQuery, ResultTable]:
    """Run the saved query called ``name``."""
    query = queries.get(name)
    return query, execute(query, values, **options)


def load_adhoc(text_or_file: str) -> queries.SavedQuery:
    """An ad-hoc query from a file path or from the query text itself."""
    path = Path(text_or_file)
    try:
        is_file = path.is_file()
    except OSError:
        is_file = False
    if is_file:
        return queries.load_file(path)
    if _QUERY_START.search(text_or_file):
        return queries.parse_text(text_or_file, "query")
    raise DataError(f"{text_or_file}: no such file, and not SPARQL text")


def run_adhoc(text_or_file: str, values: dict[str, str] | None = None, **options) -> ResultTable:
    return execute(load_adhoc(text_or_file), values, **options)
