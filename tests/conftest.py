"""Shared fixtures: the shipped graphs are loaded once per session; reasoning runs once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from icpa import dataset, resources

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ICPA = Namespace(resources.ONTOLOGY_NS)
D = Namespace(resources.DATA_NS)


def pytest_configure(config: pytest.Config) -> None:
    # a private cache for reasoning results and the compiled Java helper
    cache = ROOT / ".pytest_cache" / "icpa-cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["ICPA_CACHE_DIR"] = str(cache)
    os.environ["XDG_CACHE_HOME"] = str(cache / "xdg")


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return dataset.load_ontology()


@pytest.fixture(scope="session")
def data() -> Graph:
    return dataset.load_data()


@pytest.fixture(scope="session")
def graph() -> Graph:
    return dataset.load()


@pytest.fixture(scope="session")
def inferred() -> Graph:
    from icpa.reasoning import inferences

    return inferences()


@pytest.fixture(scope="session")
def reasoned(graph: Graph, inferred: Graph) -> Graph:
    g = Graph()
    g += graph
    g += inferred
    return g


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in resources.seeds_dir().glob("*.txt")}
