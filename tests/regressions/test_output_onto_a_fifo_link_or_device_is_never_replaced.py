"""`-o` onto a FIFO, a symbolic link or a device replaced it with a regular file (it happened to
/dev/full). Now a pipe or device is written into, a link's target is written, and each stays what it was."""

import os
import stat
import threading

import pytest

from .conftest import run


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as fh:
            got["data"] = fh.read()

    reader = threading.Thread(target=read)
    reader.start()
    result = run("export", "--what", "ontology", "-f", "nt", "-o", str(fifo), cwd=tmp_path)
    reader.join(60)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got["data"].count(b"\n") > 1000


def test_a_symbolic_link_stays_a_link_and_its_target_is_written(tmp_path):
    target = tmp_path / "real.ttl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    result = run("export", "--what", "ontology", "-o", str(link), cwd=tmp_path)
    assert result.code == 0, result.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("@prefix")


def test_a_device_stays_a_device(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("creating a device node needs root (CI runs as root)")
    result = run("export", "--what", "ontology", "-o", str(device), cwd=tmp_path)
    assert result.code == 0, result.err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_full_device_is_one_line_and_stays_a_device(tmp_path):
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a private /dev/full
    except PermissionError:
        pytest.skip("creating a device node needs root (CI runs as root)")
    result = run("export", "--what", "ontology", "-o", str(device), cwd=tmp_path)
    assert result.code == 2 and "No space left on device" in result.one_line()
    assert stat.S_ISCHR(os.lstat(device).st_mode)
