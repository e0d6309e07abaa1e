"""Persistent on-disk Oxigraph stores, for large corpora (``icpa load``, ``--store DIR``).

``icpa load FILES... --store DIR`` bulk-loads into a fresh folder beside DIR and renames it
into place only when complete, under an exclusive lock, so readers never see a half-loaded
store and a second load waits its turn with a clear message. A finished store holds a manifest
(``icpa-store.json``); a folder without one is refused by readers. Queries open stores
read-only, so any number of ``icpa`` commands can read one store at the same time.

Nothing of the user's is touched: DIR must be absent, an empty folder or an icpa store (its
manifest says so); the folders a load works in (``.DIR.loading-*``, ``.DIR.old-*``) are made
by icpa with a mark inside, and only folders with that mark are ever removed; the lock file
``DIR.lock`` is icpa's own and is removed when the load ends, whether it succeeded or not.

Layout: the asserted triples (ontology, corpus data, the named files) are in the default graph,
which is what ``bulk_load`` fills fastest; the inferences go into the named graph
``vocab.INFERRED_GRAPH``, so a plain query reads the default graph alone and a reasoned one
reads both.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from icpa import kg, vocab
from icpa.errors import DataError, RefusedWrite, UsageError, one_line
from icpa.fsutil import Lock, write_text
from icpa.rdf import formats

MANIFEST = "icpa-store.json"
STORE_FORMAT = 2  # 1: the asserted triples in a named graph
WORK_MARK = ".icpa-work"  #: inside every folder a load makes for itself
ASSERTED_GRAPH = vocab.GRAPH  # the asserted triples, while the rules run in memory
INFERRED_GRAPH = vocab.INFERRED_GRAPH


def load_file(store, path: Path, *, bulk: bool = False, graph: str | None = None) -> None:
    """Load one RDF file into a pyoxigraph store; the file's URL is its base IRI."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file" if not path.is_dir() else f"{path}: is a directory, not an RDF file")
    rdf_format = formats.for_file(path)
    if rdf_format.oxigraph is None:
        raise UsageError(f"{path}: icpa cannot load {rdf_format.name} into a store")
    options = {"to_graph": ox.NamedNode(graph)} if graph else {}
    try:
        (store.bulk_load if bulk else store.load)(path=str(path), format=getattr(ox.RdfFormat, rdf_format.oxigraph),
                                                  base_iri=path.resolve().as_uri(), **options)
    except SyntaxError as exc:
        raise DataError(f"{path.name}: cannot parse as {rdf_format.name}: {one_line(str(exc))[:300]}") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{path.name}: cannot load: {one_line(str(exc))[:300]}") from None


def _drop_data_header(store) -> None:
    store.update(f"DELETE WHERE {{ <{vocab.DATA_ONTOLOGY_IRI}> ?p ?o }}")


@dataclass(frozen=True)
class LoadResult:
    path: Path
    triples: int
    files: tuple[str, ...]
    seconds: float


def manifest(path: Path) -> dict:
    """A finished store's manifest (format, triples, whether it holds inferences, the files)."""
    try:
        return json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: not a complete icpa store (no {MANIFEST}); was a load killed? run `icpa load` again") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: unreadable store manifest: {one_line(str(exc))}") from None


def open_read_only(path: str | Path, *, reasoned: bool = False):
    """Open a finished on-disk store for reading (many readers may share it).

    A reasoned query on a store that holds no inferences yet materialises them first (once,
    under the store's lock), so later reasoned queries reuse them.
    """
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_dir():
        raise DataError(f"{path}: no such store; create it with `icpa load --store {path}`")
    meta = manifest(path)
    if meta.get("format") != STORE_FORMAT:
        raise DataError(f"{path}: a store in an older layout (format {meta.get('format')}); run `icpa load` again")
    if reasoned and not meta.get("reasoned"):
        materialise(path)
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise DataError(f"{path}: cannot open the store: {one_line(str(exc))}") from None


def graphs(reasoned: bool) -> list:
    """The graphs a query on an on-disk store reads as its default graph."""
    import pyoxigraph as ox

    return [ox.DefaultGraph()] + ([ox.NamedNode(INFERRED_GRAPH)] if reasoned else [])


def _infer(store, corpus=None) -> int:
    """Materialise the inferences of ``store``'s default graph into ``INFERRED_GRAPH``.

    The rules run to their fixpoint in an in-memory copy (several times faster than updates
    on the on-disk store); only the new triples are written back, in one bulk insert.
    """
    import pyoxigraph as ox

    from icpa.reasoning import rules

    asserted, inferred = ox.NamedNode(ASSERTED_GRAPH), ox.NamedNode(INFERRED_GRAPH)
    work = ox.Store()
    work.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, asserted)
                     for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    added = rules.materialise_store(work, kg.load_ontology(corpus), kg.classified_tbox(corpus),
                                    source=ASSERTED_GRAPH, target=INFERRED_GRAPH)
    store.bulk_extend(work.quads_for_pattern(None, None, None, inferred))
    return added


def _lock(target: Path, wait: float) -> Lock:
    return Lock(target.with_name(target.name + ".lock"), wait, remove=True,
                busy=f"{target}: another `icpa load` is writing this store; try again when it ends (or --wait SECONDS)")


def materialise(path: str | Path, *, wait: float = 600.0, corpus=None) -> int:
    """Add the inferences to a finished store in place (rules over HermiT's classified TBox)."""
    import pyoxigraph as ox

    path = Path(path)
    with _lock(path, wait):
        meta = manifest(path)
        if meta.get("reasoned"):
            return 0
        store = ox.Store(str(path))
        try:
            added = _infer(store, corpus)
            store.flush()
            store.optimize()
        finally:
            del store
        meta.update(reasoned=True, inferred=added)
        _write_manifest(path, meta)
        return added


def _check_target(target: Path) -> None:
    """DIR may be absent, an empty folder or an icpa store: anything else is the user's."""
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir():
        raise RefusedWrite(f"{target} exists and is not a folder; icpa load makes a store folder there only if it is absent, "
                           "empty or an icpa store")
    if (target / MANIFEST).is_file():
        return
    if any(target.iterdir()):
        raise RefusedWrite(f"{target} is a folder with files in it and not an icpa store (no {MANIFEST}); "
                           "icpa load would replace it: name a new or empty folder")


def _work_dir(target: Path, kind: str) -> Path:
    """A new folder beside ``target`` for icpa's own use, with the mark that makes it removable."""
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-", dir=target.parent))
    (work / WORK_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
    return work


def _remove_work_dir(path: Path) -> None:
    """Remove a folder only if icpa made it (it holds the mark)."""
    if (path / WORK_MARK).is_file():
        shutil.rmtree(path, ignore_errors=True)


def _leftovers(target: Path) -> list[Path]:
    """Work folders of earlier loads of ``target`` that were killed (only ones with the mark)."""
    return [p for p in target.parent.glob(f".{target.name}.*-*") if p.is_dir() and (p / WORK_MARK).is_file()]


def load(files: list[Path], store: str | Path, *, bundled_data: bool = True, reasoned: bool = False,
         wait: float = 0.0, corpus=None) -> LoadResult:
    """Bulk-load ``files`` (and the corpus's ontology and data) into the on-disk store ``store``.

    The new store is built beside the target and swapped in when complete; readers of the old
    one keep their view. Another load in progress is refused unless it ends within ``wait`` s.
    """
    import pyoxigraph as ox

    target = Path(os.path.abspath(store))
    if target == Path(target.anchor):
        raise UsageError(f"--store {store}: name a folder for the store, not the file system root")
    if not target.parent.is_dir():
        raise UsageError(f"--store {store}: no such directory {target.parent}")
    onto, data = kg.sources(corpus)
    sources = ([onto] + ([data] if data is not None else []) if bundled_data else []) + [Path(f) for f in files]
    if not sources:
        raise UsageError("nothing to load: name files, or leave out --no-bundled")
    for f in sources:
        if not f.is_file():
            raise DataError(f"{f}: no such file" if not f.is_dir() else f"{f}: is a directory, not an RDF file")
        formats.for_file(f)
    _check_target(target)
    with _lock(target, wait):
        _check_target(target)
        start = time.perf_counter()
        for old in _leftovers(target):
            _remove_work_dir(old)
        building = _work_dir(target, "loading")
        try:
            new = ox.Store(str(building / "store"))
            try:
                for f in sources:
                    load_file(new, f, bulk=True)
                if bundled_data:
                    _drop_data_header(new)
                count = len(new)
                inferred = _infer(new, corpus) if reasoned else 0
                new.flush()
                new.optimize()  # compacts the bulk-loaded files: queries then read 1.4x faster for 13% more load time
            finally:
                del new
            finished = building / "store"
            _write_manifest(finished, {
                "format": STORE_FORMAT, "triples": count, "reasoned": reasoned, "inferred": inferred,
                "files": [str(f) for f in sources], "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            })
            _swap_in(finished, target)
        finally:
            _remove_work_dir(building)
        return LoadResult(target, count, tuple(str(f) for f in sources), time.perf_counter() - start)


def _swap_in(finished: Path, target: Path) -> None:
    """Put the finished store at ``target``; an old store there goes to a marked folder, then away."""
    if target.exists():
        old = _work_dir(target, "old")
        os.replace(target, old / "store")
        os.replace(finished, target)
        _remove_work_dir(old)
    else:
        os.replace(finished, target)


def _write_manifest(path: Path, meta: dict) -> None:
    write_text(Path(path) / MANIFEST, json.dumps(meta, indent=1))
