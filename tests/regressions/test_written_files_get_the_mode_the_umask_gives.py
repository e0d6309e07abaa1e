"""New files were written 0600 (mkstemp's mode), and `icpa build` turned a 0664 file into 0600."""

import os
import stat

from .conftest import run


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path):
    out = tmp_path / "onto.ttl"
    result = run("export", "--what", "ontology", "-o", str(out), cwd=tmp_path)  # the child inherits this process's umask
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()


def test_a_replaced_file_keeps_its_mode(checkout):
    data = checkout / "ontology" / "icpa-data.ttl"
    data.write_text("stale", encoding="utf-8")
    os.chmod(data, 0o664)
    result = run("build", cwd=checkout)
    assert result.code == 0, result.err
    assert stat.S_IMODE(data.stat().st_mode) == 0o664
    assert data.read_text(encoding="utf-8").startswith("@prefix")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
