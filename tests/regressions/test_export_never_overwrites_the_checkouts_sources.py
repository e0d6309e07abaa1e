"""Run in a checkout, `icpa export -o ontology/icpa.ttl` replaced the hand-edited TBox (the guard
only knew the installed copy), and `-o seeds/…txt` overwrote an article text."""

import pytest

from .conftest import run


@pytest.mark.parametrize("target", ["ontology/icpa.ttl", "seeds/000_cd5d5ad323cbdb9a.txt", "data/a000.yaml",
                                    "queries/claims-by-actor.rq"])
def test_export_never_overwrites_the_checkouts_sources(checkout, target):
    before = (checkout / target).read_bytes()
    result = run("export", "-f", "nt", "-o", target, cwd=checkout)
    assert result.code == 2, result.err
    assert "--force" in result.one_line()
    assert (checkout / target).read_bytes() == before


def test_force_does_overwrite_when_asked(checkout):
    result = run("export", "-f", "ttl", "--what", "ontology", "-o", "ontology/icpa.ttl", "--force", cwd=checkout)
    assert result.code == 0, result.err
