"""Oxigraph stores: the bundled graph in memory, and persistent on-disk stores.

``icpa load FILES... --store DIR`` bulk-loads into a fresh directory beside DIR and renames it
into place only when complete, under an exclusive lock, so readers never see a half-loaded
store, a second load waits its turn with a clear message, and a killed load leaves only a
``.loading`` directory that the next load removes. A finished store holds a manifest
(``icpa-store.json``); a directory without one is refused. Queries open stores read-only, so
any number of ``icpa`` commands can read one store at the same time.

Layout: the asserted triples (ontology, bundled data, the named files) are in the default
graph, which is what ``bulk_load`` fills fastest; the inferences go into the named graph
``INFERRED_GRAPH``, so a plain query reads the default graph alone and a reasoned one reads
both.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from icpa import resources
from icpa.status import DataError, UsageError

MANIFEST = "icpa-store.json"
STORE_FORMAT = 2  # 1: the asserted triples in a named graph
ASSERTED_GRAPH = "https://w3id.org/icpa/graph"  # the asserted triples, while the rules run in memory
INFERRED_GRAPH = "https://w3id.org/icpa/graph/inferred"
FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".owl": "RDF_XML", ".rdf": "RDF_XML", ".trig": "TRIG"}


def _format(path: Path):
    import pyoxigraph as ox

    name = FORMATS.get(path.suffix.lower())
    if name is None:
        raise UsageError(f"{path}: unknown RDF format (use one of {', '.join(sorted(FORMATS))})")
    return getattr(ox.RdfFormat, name)


def _load_file(store, path: Path, *, bulk: bool = False, graph: str | None = None) -> None:
    import pyoxigraph as ox

    if not Path(path).is_file():
        raise DataError(f"{path}: no such file")
    options = {"to_graph": ox.NamedNode(graph)} if graph else {}
    try:
        (store.bulk_load if bulk else store.load)(path=str(path), format=_format(Path(path)), **options)
    except SyntaxError as exc:
        raise DataError(f"{Path(path).name}: cannot parse: {' '.join(str(exc).split())[:300]}") from None


def _drop_data_header(store, graph: str | None = None) -> None:
    pattern = f"<{resources.DATA_GRAPH_IRI}> ?p ?o"
    store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}" if graph else f"DELETE WHERE {{ {pattern} }}")


@cache
def bundled(reasoned: bool = False):
    """The shipped ontology + data (+ cached inferences) in an in-memory Oxigraph store."""
    import pyoxigraph as ox

    store = ox.Store()
    _load_file(store, resources.ontology_file())
    if resources.data_file().is_file():
        _load_file(store, resources.data_file())
        _drop_data_header(store)
    if reasoned:
        from icpa.reasoning import inferences_file

        _load_file(store, inferences_file())
    return store


@dataclass(frozen=True)
class LoadResult:
    path: Path
    triples: int
    files: tuple[str, ...]
    seconds: float


def _manifest(path: Path) -> dict:
    try:
        return json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: not a complete icpa store (no {MANIFEST}); was a load killed? run `icpa load` again") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: unreadable store manifest: {exc}") from None


def open_read_only(path: str | Path, *, reasoned: bool = False):
    """Open a finished on-disk store for reading (many readers may share it).

    A reasoned query on a store that holds no inferences yet materialises them first (once,
    under the store's lock), so later reasoned queries reuse them.
    """
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_dir():
        raise DataError(f"{path}: no such store; create it with `icpa load --store {path}`")
    meta = _manifest(path)
    if meta.get("format") != STORE_FORMAT:
        raise DataError(f"{path}: a store in an older layout (format {meta.get('format')}); run `icpa load` again")
    if reasoned and not meta.get("reasoned"):
        materialise(path)
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise DataError(f"{path}: cannot open the store: {exc}") from None


def graphs(reasoned: bool) -> list:
    """The graphs a query on an on-disk store reads as its default graph."""
    import pyoxigraph as ox

    return [ox.DefaultGraph()] + ([ox.NamedNode(INFERRED_GRAPH)] if reasoned else [])


def _infer(store) -> int:
    """Materialise the inferences of ``store``'s default graph into ``INFERRED_GRAPH``.

    The rules run to their fixpoint in an in-memory copy (several times faster than updates
    on the on-disk store); only the new triples are written back, in one bulk insert.
    """
    import pyoxigraph as ox

    from icpa import dataset, reasoning, rules

    asserted, inferred = ox.NamedNode(ASSERTED_GRAPH), ox.NamedNode(INFERRED_GRAPH)
    work = ox.Store()
    work.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, asserted)
                     for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    added = rules.materialise_store(work, dataset.load_ontology(), reasoning.classified_tbox(),
                                    source=ASSERTED_GRAPH, target=INFERRED_GRAPH)
    store.bulk_extend(work.quads_for_pattern(None, None, None, inferred))
    return added


def materialise(path: str | Path, *, wait: float = 600.0) -> int:
    """Add the inferences to a finished store in place (rules over HermiT's classified TBox)."""
    import pyoxigraph as ox

    path = Path(path)
    with _locked(path, wait):
        meta = _manifest(path)
        if meta.get("reasoned"):
            return 0
        store = ox.Store(str(path))
        try:
            added = _infer(store)
            store.flush()
            store.optimize()
        finally:
            del store
        meta.update(reasoned=True, inferred=added)
        _write_manifest(path, meta)
        return added


def load(files: list[Path], store: str | Path, *, bundled_data: bool = True, reasoned: bool = False,
         wait: float = 0.0) -> LoadResult:
    """Bulk-load ``files`` (and the bundled ontology and data) into the on-disk store ``store``.

    The new store is built beside the target and swapped in when complete; readers of the old
    one keep their view. Another load in progress is refused unless it ends within ``wait`` s.
    """
    import pyoxigraph as ox

    target = Path(store)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target, wait):
        start = time.perf_counter()
        building = target.with_name(target.name + ".loading")
        shutil.rmtree(building, ignore_errors=True)  # left by a killed load
        sources = ([resources.ontology_file(), resources.data_file()] if bundled_data else []) + [Path(f) for f in files]
        if not sources:
            raise UsageError("nothing to load: name files, or leave out --no-bundled")
        new = ox.Store(str(building))
        inferred = 0
        try:
            for f in sources:
                _load_file(new, f, bulk=True)
            if bundled_data:
                _drop_data_header(new)
            count = len(new)
            if reasoned:
                inferred = _infer(new)
            new.flush()
            new.optimize()  # compacts the bulk-loaded files: queries then read 1.4x faster for 13% more load time
        finally:
            del new
        _write_manifest(building, {
            "format": STORE_FORMAT, "triples": count, "reasoned": reasoned, "inferred": inferred,
            "files": [str(f) for f in sources], "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        })
        old = target.with_name(target.name + f".old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(building, target)
        shutil.rmtree(old, ignore_errors=True)
        return LoadResult(target, count, tuple(str(f) for f in sources), time.perf_counter() - start)


def _write_manifest(path: Path, meta: dict) -> None:
    from icpa.export import write_text

    write_text(Path(path) / MANIFEST, json.dumps(meta, indent=1))


class _locked:
    """An exclusive lock on a store (``DIR.lock``), waiting up to ``wait`` seconds."""

    def __init__(self, target: Path, wait: float) -> None:
        self.target, self.wait = Path(target), wait

    def __enter__(self):
        self.fh = open(self.target.with_name(self.target.name + ".lock"), "a+")  # noqa: SIM115
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.fh.close()
                    raise DataError(f"{self.target}: another `icpa load` is writing this store; try again when it ends") from None
                time.sleep(0.2)

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
