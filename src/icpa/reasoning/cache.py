"""HermiT's inferences, cached on disk until anything they depend on changes.

The key is a digest of everything that decides the answer: the ontology and data files (each
with its length, so two files cannot run together into the same bytes), icpa's version, the
source of the reasoning code itself (HermiT's worker and the entailment rules) and owlready2's
version. So a new icpa, edited rules or another owlready2 give new inferences, and a second
``--reasoned`` query does not start Java while nothing has changed. The cache lives under
``settings.cache_dir()`` (``ICPA_CACHE_DIR``).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from rdflib import Graph

from icpa import settings
from icpa.errors import DataError, IcpaError
from icpa.fsutil import write_text

CACHE_VERSION = "2"
_CODE = ("worker.py", "hermit.py", "rules.py", "cache.py")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def code_digest() -> str:
    """A digest of the reasoning code's own source: a change to the rules changes every key."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _CODE:
        source = (here / name).read_bytes()
        h.update(f"{name}\0{len(source)}\0".encode())
        h.update(source)
    return h.hexdigest()


def key(*paths: Path) -> str:
    """The cache key of the inferences for these input files."""
    from icpa import __version__

    h = hashlib.sha256()
    for part in (CACHE_VERSION, __version__, code_digest(), _version("owlready2")):
        h.update(f"{len(part)}:{part}\0".encode())
    for p in paths:
        data = Path(p).read_bytes()
        h.update(f"file {len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:32]


def _store(path: Path, graph: Graph) -> None:
    from icpa.rdf.export import write_nt

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, write_nt(graph))
    except (OSError, IcpaError):
        pass  # an unwritable cache only costs time


def _inputs(ontology: Path, data: Path | None) -> list[Path]:
    paths = [Path(ontology)] + ([Path(data)] if data is not None and Path(data).is_file() else [])
    for p in paths:
        if not p.is_file():
            raise DataError(f"{p}: no such file")
    return paths


def inferences(ontology: Path, data: Path | None = None, *, refresh: bool = False) -> Graph:
    """The inferred triples for ontology + data, from the cache when it holds them."""
    from icpa.rdf.parse import parse_file
    from icpa.reasoning.hermit import materialise

    paths = _inputs(ontology, data)
    cached = settings.cache_dir("reasoned", f"{key(*paths)}.nt")
    if cached.is_file() and not refresh:
        return Graph().parse(str(cached), format="nt")
    graph = Graph()
    for p in paths:
        parse_file(p, graph=graph)
    inferred = materialise(graph)
    _store(cached, inferred)
    return inferred


def inferences_file(ontology: Path, data: Path | None = None) -> Path:
    """The cached N-Triples file of :func:`inferences` (computed first if needed)."""
    paths = _inputs(ontology, data)
    cached = settings.cache_dir("reasoned", f"{key(*paths)}.nt")
    if not cached.is_file():
        inferred = inferences(ontology, data)
        if not cached.is_file():  # the cache is not writable: a file of our own for this run
            import tempfile

            from icpa.rdf.export import write_nt

            fd, tmp = tempfile.mkstemp(prefix="icpa-inferred-", suffix=".nt")
            with open(fd, "w", encoding="utf-8") as fh:
                fh.write(write_nt(inferred))
            return Path(tmp)
    return cached


def classified_tbox(ontology: Path) -> Graph:
    """HermiT's inferred axioms for the ontology alone (cached): the input of the store's rules."""
    from icpa.rdf.parse import parse_file
    from icpa.reasoning.hermit import materialise

    paths = _inputs(ontology, None)
    cached = settings.cache_dir("classified", f"{key(*paths)}.nt")
    if cached.is_file():
        return Graph().parse(str(cached), format="nt")
    inferred = materialise(parse_file(paths[0]))
    _store(cached, inferred)
    return inferred
