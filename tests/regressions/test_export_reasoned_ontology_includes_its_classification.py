"""`icpa export --what ontology --reasoned` ignored --reasoned without a word."""

import pytest

from .conftest import run

pytestmark = pytest.mark.java


def test_export_reasoned_ontology_includes_its_classification(tmp_path):
    plain = run("export", "--what", "ontology", "-f", "nt", cwd=tmp_path)
    reasoned = run("export", "--what", "ontology", "--reasoned", "-f", "nt", cwd=tmp_path)
    assert plain.code == reasoned.code == 0, reasoned.err
    extra = set(reasoned.out.splitlines()) - set(plain.out.splitlines())
    assert set(plain.out.splitlines()) <= set(reasoned.out.splitlines())
    assert extra  # what HermiT's classification adds (an inferred sub-property axiom, here)
    assert all(line.startswith("<https://w3id.org/icpa/ontology#") for line in extra)
