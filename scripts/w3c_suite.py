#!/usr/bin/env python3
"""Fetch the W3C SPARQL 1.1 test suite for tests/conformance (run before pytest).

The suite comes from rdflib's source distribution on PyPI, at a pinned version whose tarball
hash is pinned too: only ``test/data/suites/w3c/sparql11/`` is extracted, into DIR (default
``tests/.w3c/sparql11``, git-ignored). Nothing of it is committed.

    python scripts/w3c_suite.py [DIR]

Idempotent: when DIR already holds the suite of this pinned tarball (its stamp file says so),
nothing is downloaded. Uses ``pip download`` (the ordinary client), so pip's proxy and index
settings apply.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "7.6.0"
SHA256 = "6c831288d5e4a5a7ece85d0ccde9877d512a3d0f02d7c06455d00d6d0ea379df"  # rdflib-7.6.0.tar.gz on PyPI
MEMBER = f"rdflib-{VERSION}/test/data/suites/w3c/sparql11/"
STAMP = ".icpa-suite"  #: inside DIR: the tarball's hash, written once the extraction is complete
ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / ".w3c" / "sparql11"


def present(target: Path) -> bool:
    stamp = target / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == SHA256


def download(into: Path) -> Path:
    """rdflib's sdist in ``into``, its hash checked."""
    subprocess.run([sys.executable, "-m", "pip", "download", f"rdflib=={VERSION}", "--no-binary", ":all:",
                    "--no-deps", "-q", "-d", str(into)], check=True)
    tarball = into / f"rdflib-{VERSION}.tar.gz"
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"w3c_suite: {tarball.name} has sha256 {digest}, expected {SHA256}; refusing it")
    return tarball


def extract(tarball: Path, target: Path) -> int:
    """The suite's files into a fresh folder beside ``target``, renamed into place when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    count = 0
    try:
        with tarfile.open(tarball, "r:gz") as tar:
            for member in tar.getmembers():
                if not member.name.startswith(MEMBER) or not member.isfile():
                    continue  # regular files only: no links, devices or anything outside the suite
                relative = Path(member.name[len(MEMBER):])
                if relative.is_absolute() or ".." in relative.parts:
                    raise SystemExit(f"w3c_suite: unsafe path in the tarball: {member.name}")
                out = work / relative
                out.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                count += 1
        if count == 0:
            raise SystemExit(f"w3c_suite: no {MEMBER} in {tarball.name}")
        (work / STAMP).write_text(SHA256 + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)  # an earlier suite of ours (main checked its stamp)
        os.replace(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT, help=f"where the suite goes (default {DEFAULT.relative_to(ROOT)})")
    target = parser.parse_args(argv).dir.resolve()
    if present(target):
        return 0
    if target.exists() and not (target / STAMP).is_file() and (not target.is_dir() or any(target.iterdir())):
        print(f"w3c_suite: {target} exists and was not made by this script; name another folder", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="w3c-suite-") as tmp:
        count = extract(download(Path(tmp)), target)
    print(f"w3c_suite: {count} files of the W3C SPARQL 1.1 test suite (rdflib {VERSION}) in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
