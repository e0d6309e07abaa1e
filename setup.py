"""Copy the top-level resource folders into the package at build time.

The repository keeps ``ontology/``, ``queries/``, ``seeds/`` and ``data/`` at its root (where
people edit them); a built wheel carries them as ``icpa/resources/...`` so an installed
``icpa`` works from any directory. ``icpa.resources`` looks there first.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

FOLDERS = ("ontology", "queries", "seeds", "data")


class BuildWithResources(build_py):
    def run(self):
        super().run()
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "icpa" / "resources"
        for name in FOLDERS:
            src = here / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
