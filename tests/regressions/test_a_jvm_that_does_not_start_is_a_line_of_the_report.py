"""A JVM that failed to start in `icpa validate` ended in a traceback (OwlApiError was no IcpaError)."""

import os

from ..conftest import DATA
from .conftest import run


def test_a_jvm_that_does_not_start_is_a_line_of_the_report(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    java = fake / "java"
    java.write_text("#!/bin/sh\necho 'Error: could not create the Java Virtual Machine.' >&2\nexit 1\n", encoding="utf-8")
    java.chmod(0o755)
    env = {"PATH": f"{fake}:{os.environ.get('PATH', '')}", "ICPA_CACHE_DIR": str(tmp_path / "cache")}
    result = run("validate", "--ontology", str(DATA / "checks" / "good.ttl"), cwd=tmp_path, env=env)
    assert "Traceback" not in result.err + result.out
    owlapi = [line for line in result.out.splitlines() if "owlapi" in line and "not run" in line]
    assert owlapi and "Java Virtual Machine" in owlapi[0], result.out
    assert result.code in (0, 1)
