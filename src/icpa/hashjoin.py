"""A hash join for rdflib's SPARQL engine, in place of its nested loop.

rdflib joins two solution sequences that it cannot evaluate lazily (a join with a sub-select
that has DISTINCT or a join of joins) by testing every pair for compatibility, so the cost is
the product of the two sizes. The saved queries put claim properties into sub-selects of their
own because Oxigraph then hash-joins them (several times faster on an on-disk store); rdflib's
pairwise loop made the same text take 30-40 s on the bundled data. :func:`install` registers
:func:`evaluate` with rdflib's documented hook for custom evaluation (``CUSTOM_EVALS``): it
takes those joins over and indexes the right-hand side on the variables both sides bind.

The answer is the same as rdflib's: a row pair is joined exactly when rdflib's own test
(``compatible``) says so; the index only skips pairs that disagree on a variable both bind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

NAME = "icpa-hash-join"


def install() -> None:
    """Register the hash join with rdflib (idempotent; affects rdflib queries in this process)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS.setdefault(NAME, evaluate)


def evaluate(ctx, part):
    """rdflib's custom-evaluation hook: take over non-lazy joins, decline everything else."""
    if getattr(part, "name", None) != "Join" or part.get("lazy"):
        raise NotImplementedError
    from rdflib.plugins.sparql.evaluate import evalPart

    return join(evalPart(ctx, part.p1), list(evalPart(ctx, part.p2)))


def join(left, right: list) -> Iterator:
    """Every compatible pair of a left and a right solution, merged (SPARQL's Join)."""
    if not right:
        return
    index = None
    for row in left:
        if index is None:  # index on what the first rows of both sides bind (any choice is correct)
            shared = sorted(set(row) & set(right[0]), key=str)
            index, loose = _index(right, shared)
        yield from _probe(row, right, shared, index, loose)


def _index(right: list, shared: list):
    """The right rows by their values of ``shared``; rows missing one of them stay loose."""
    index, loose = defaultdict(list), []
    for row in right:
        key = tuple(row.get(v) for v in shared)
        if None in key:
            loose.append(row)
        else:
            index[key].append(row)
    return index, loose


def _probe(row, right: list, shared: list, index, loose) -> Iterator:
    key = tuple(row.get(v) for v in shared)
    candidates = right if None in key else index.get(key, []) + loose
    for other in candidates:
        if row.compatible(other):
            yield row.merge(other)
