"""The registry of engines: where a query can run.

Entries name their factory as a ``"module:function"`` string, imported only when the engine
is opened (rdflib's plugin pattern), so ``icpa --help`` lists the engines without importing
any of them. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from icpa.errors import UsageError


@dataclass(frozen=True)
class EngineSpec:
    name: str
    description: str
    factory: str  #: ``"module:function"`` taking keyword options and returning a Backend
    local: bool = False  #: an embedded engine (offered by --engine)

    def open(self, **options):
        from importlib import import_module

        module, _, attr = self.factory.partition(":")
        return getattr(import_module(module), attr)(**options)


ENGINES: dict[str, EngineSpec] = {
    spec.name: spec
    for spec in (
        EngineSpec("oxigraph", "Oxigraph: the corpus in memory, or an on-disk store (--store)",
                   "icpa.engines.oxigraph_engine:open_engine", local=True),
        EngineSpec("rdflib", "rdflib's pure-Python engine over the corpus in memory",
                   "icpa.engines.rdflib_engine:open_engine", local=True),
        EngineSpec("remote", "a SPARQL 1.1 Protocol endpoint (--endpoint URL): Virtuoso, Fuseki, Oxigraph server, ...",
                   "icpa.remote.backend:open_engine"),
    )
}

DEFAULT_ENGINE = "oxigraph"


def help_text() -> str:
    return "; ".join(f"{s.name}: {s.description}" for s in ENGINES.values() if s.local) + f" (default: {DEFAULT_ENGINE})."


def local_engines() -> list[str]:
    return [name for name, spec in ENGINES.items() if spec.local]


def open_engine(name: str = DEFAULT_ENGINE, **options):
    try:
        spec = ENGINES[name]
    except KeyError:
        raise UsageError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}") from None
    return spec.open(**options)
