"""The rdflib hash join was installed into rdflib's process-wide CUSTOM_EVALS: it then ran inside
pySHACL (in the tests, not in `validate`) and in any other rdflib query of the process."""

import pytest
from rdflib import Graph

from icpa.engines import hashjoin
from icpa.engines.rdflib_engine import RdflibBackend

QUERY = "SELECT * WHERE { { SELECT DISTINCT ?s WHERE { ?s ?p ?o } } { SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o } } }"


def test_the_hash_join_is_scoped_to_icpas_own_queries(monkeypatch):
    g = Graph().parse(data="<http://x/a> <http://x/p> <http://x/b> . <http://x/b> <http://x/p> <http://x/c> .", format="turtle")
    calls = []
    real = hashjoin.join
    monkeypatch.setattr(hashjoin, "join", lambda left, right: calls.append(1) or real(left, right))
    rows = RdflibBackend(g).execute(QUERY).rows
    assert calls and len(rows) == 2  # icpa's engine joined by hash
    calls.clear()
    assert len(list(g.query(QUERY))) == 2  # a plain rdflib query in the same process
    assert calls == []


def test_outside_icpas_queries_the_hook_declines():
    with pytest.raises(NotImplementedError):
        hashjoin.evaluate(None, type("Part", (), {"name": "Join", "get": lambda self, k: False})())
