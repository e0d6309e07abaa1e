"""validate's "predicate used but not declared" check could never fire: `rdfs:lable` and
`dcterms:titel` passed."""

from ..conftest import DATA
from .conftest import run


def test_undeclared_predicates_are_reported(tmp_path):
    result = run("validate", "--no-java", "--ontology", str(DATA / "checks" / "misspelt_predicates.ttl"), cwd=tmp_path)
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if line.startswith("ERROR") and "declarations" in line]
    assert any("rdfs:lable" in line and "not declared" in line for line in errors), result.out
    assert any("dcterms:titel" in line and "not declared" in line for line in errors), result.out
