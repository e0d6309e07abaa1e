"""Settings from the environment: the one reader of ``os.environ`` in icpa.

What a user can set without a command-line option: where icpa keeps its caches, the default
SPARQL endpoint and its credentials, and whether errors show a traceback. A command reads
:func:`current`; a test or a web app that serves several users passes its own
:class:`Settings` with :func:`use`, so nothing depends on process-wide state.
Standard library only, so that ``icpa --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

#: every variable icpa reads, with what it is for (the README lists the same)
VARIABLES = {
    "ICPA_CACHE_DIR": "where icpa caches HermiT's inferences and the compiled OWL API helper",
    "XDG_CACHE_HOME": "the cache root when ICPA_CACHE_DIR is not set (icpa uses $XDG_CACHE_HOME/icpa)",
    "ICPA_ENDPOINT": "the SPARQL endpoint --endpoint defaults to",
    "ICPA_ENDPOINT_USER": "the user name for the endpoint",
    "ICPA_ENDPOINT_PASSWORD": "the password for the endpoint (never accepted on the command line)",
    "ICPA_ENDPOINT_AUTH": "digest or basic to force an authentication scheme (default: answer the server's challenge)",
    "ICPA_TRACEBACK": "1 to show a traceback with every error (as --traceback does)",
    "ICPA_PROJECT": "the project folder commands work on (as --project does)",
}


@dataclass(frozen=True)
class Settings:
    cache_dir: Path
    endpoint: str | None = None
    endpoint_user: str | None = None
    endpoint_password: str | None = field(default=None, repr=False)
    endpoint_auth: str = "auto"
    traceback: bool = False
    project: str | None = None  #: the project folder to work on (--project, ICPA_PROJECT)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        cache = env.get("ICPA_CACHE_DIR") or os.path.join(
            env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "icpa")
        return cls(
            cache_dir=Path(cache),
            endpoint=env.get("ICPA_ENDPOINT") or None,
            endpoint_user=env.get("ICPA_ENDPOINT_USER") or None,
            endpoint_password=env.get("ICPA_ENDPOINT_PASSWORD") or None,
            endpoint_auth=(env.get("ICPA_ENDPOINT_AUTH") or "auto").strip().lower(),
            traceback=(env.get("ICPA_TRACEBACK") or "").strip().lower() in ("1", "true", "yes"),
            project=env.get("ICPA_PROJECT") or None,
        )

    def replace(self, **changes) -> Settings:
        return replace(self, **changes)


_override: ContextVar[Settings | None] = ContextVar("icpa_settings", default=None)


def current() -> Settings:
    """The settings in force: those given to :func:`use`, else the environment's (read now)."""
    given = _override.get()
    return given if given is not None else Settings.from_env()


@contextlib.contextmanager
def use(settings: Settings) -> Iterator[Settings]:
    """Run a block with ``settings`` in place of the environment's."""
    token = _override.set(settings)
    try:
        yield settings
    finally:
        _override.reset(token)


def cache_dir(*parts: str) -> Path:
    """A folder under icpa's cache root (not created)."""
    return current().cache_dir.joinpath(*parts)
