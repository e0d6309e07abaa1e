"""Shapes that pySHACL refuses to run (here a SPARQL constraint with VALUES, which SHACL forbids)
made `icpa validate` stop with "internal error: AttributeError: 'ValidationFailure' object has no
attribute 'subjects'": pySHACL returns a failure object instead of a report graph. It is now one
ERROR line of the report, naming pySHACL's reason, and validate exits 1 like any failed check."""

from ..conftest import DATA
from .conftest import run


def test_shapes_pyshacl_cannot_run_are_one_error_line(tmp_path):
    result = run("validate", "--no-java", "--shapes", str(DATA / "shacl" / "values_in_sparql.ttl"), cwd=tmp_path)
    assert result.code == 1, result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    errors = [line for line in result.out.splitlines() if line.startswith("ERROR") and "shacl" in line]
    assert len(errors) == 1, result.out
    assert "cannot be run" in errors[0] and "VALUES" in errors[0], errors[0]
