"""The HTTP side of remote endpoints, without a server: terms, credentials, batches."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from icpa import kg, vocab
from icpa.errors import UsageError
from icpa.remote import backend as remote
from icpa.remote import http, publish
from icpa.results.readers import json_term

from .virtuoso import PASSWORD, USER


@pytest.fixture(autouse=True)
def credentials(monkeypatch):
    monkeypatch.setenv("ICPA_ENDPOINT_USER", USER)
    monkeypatch.setenv("ICPA_ENDPOINT_PASSWORD", PASSWORD)



def test_typed_literal_and_skolem_iris_become_the_local_terms():
    assert json_term({"type": "typed-literal", "datatype": str(XSD.integer), "value": "7"}) == Literal(7)
    assert json_term({"type": "literal", "datatype": str(XSD.string), "value": "x"}) == Literal("x")
    assert json_term({"type": "literal", "xml:lang": "en", "value": "x"}) == Literal("x", lang="en")
    assert json_term({"type": "uri", "value": remote.GENID + "cb0"}, genid=remote.GENID) == BNode("cb0")
    assert json_term({"type": "uri", "value": "http://x/y"}) == URIRef("http://x/y")


def test_credentials_never_show():
    creds = http.Credentials("dba", "s3cret", "digest")
    assert "s3cret" not in repr(creds)
    err = http.endpoint_error(OSError("failed with s3cret"), "http://h/sparql", timeout=1, credentials=creds)
    assert "s3cret" not in str(err) and "***" in str(err)
    with pytest.raises(UsageError, match="not in the URL") as info:
        http.check_url("http://dba:s3cret@h/sparql")
    assert "s3cret" not in str(info.value)


def test_batches_are_sorted_distinct_and_ground():
    lines = publish.prepare(kg.load())
    assert lines == sorted(set(lines)) and not any("_:" in line for line in lines)
    assert any(vocab.GENID in line for line in lines)  # the blank nodes went out as skolem IRIs


def test_half_the_credentials_is_a_usage_error(monkeypatch):
    monkeypatch.delenv("ICPA_ENDPOINT_PASSWORD")
    with pytest.raises(UsageError, match="set both ICPA_ENDPOINT_USER and ICPA_ENDPOINT_PASSWORD, or neither"):
        http.Credentials.from_env()
