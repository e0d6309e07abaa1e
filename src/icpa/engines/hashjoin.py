"""A hash join for rdflib's SPARQL engine, in place of its nested loop.

rdflib joins two solution sequences that it cannot evaluate lazily (a join with a sub-select
that has DISTINCT or a join of joins) by testing every pair for compatibility, so the cost is
the product of the two sizes. The saved queries put claim properties into sub-selects of their
own because Oxigraph then hash-joins them (several times faster on an on-disk store); rdflib's
pairwise loop made the same text take 30-40 s on the bundled data. :func:`active` registers
:func:`evaluate` with rdflib's documented hook for custom evaluation (``CUSTOM_EVALS``): it
takes those joins over and indexes the right-hand side on the variables both sides bind.

rdflib's hook is process-wide, so the join is scoped: it acts only inside ``with active():``
(a context variable says so, per thread and task), which is how icpa's rdflib engine runs its
queries. Anything else that uses rdflib in the same process (pySHACL, a user's own code) gets
rdflib's own join.

The answer is the same as rdflib's: a row pair is joined exactly when rdflib's own test
(``compatible``) says so; the index only skips pairs that disagree on a variable both bind.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator
from contextvars import ContextVar

NAME = "icpa-hash-join"
_ACTIVE: ContextVar[bool] = ContextVar("icpa_hash_join", default=False)


@contextlib.contextmanager
def active() -> Iterator[None]:
    """Within this block (this thread or task only), rdflib's non-lazy joins are hash joins."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS.setdefault(NAME, evaluate)
    token = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def evaluate(ctx, part):
    """rdflib's custom-evaluation hook: take over non-lazy joins inside :func:`active`, decline the rest."""
    if not _ACTIVE.get() or getattr(part, "name", None) != "Join" or part.get("lazy"):
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
