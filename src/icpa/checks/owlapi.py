"""OWL API check: load an ontology as Protégé would and test the OWL 2 DL profile.

Runs the Java helper ``java/OwlCheck.java`` (beside this module) against Debian's
``libowlapi-java`` (OWL API 5.1.20). The helper is compiled once into icpa's cache
(``settings.cache_dir("java")``), keyed by its source, the ``java`` binary and the classpath.
Imports are resolved offline through a ``catalog-v001.xml`` next to the checked file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from icpa import settings
from icpa.errors import DataError, ToolUnavailable

#: Minimal classpath (basenames in /usr/share/java) for the OWL API's own parsers.
OWLAPI_JARS: tuple[str, ...] = (
    "owlapi-distribution.jar",
    "slf4j-api.jar",
    "slf4j-nop.jar",
    "atinject-jsr330-api.jar",
    "guava.jar",
    "caffeine.jar",
    "commons-io.jar",
    "commons-rdf-api.jar",
    "hppcrt.jar",
    "rdf4j-model-api.jar",
    "rdf4j-model-vocabulary.jar",
    "rdf4j-model.jar",
    "rdf4j-rio-api.jar",
    "rdf4j-util.jar",
    "xz.jar",
)

INSTALL_HINT = "apt-get install default-jre-headless libowlapi-java"
DEFAULT_TIMEOUT = 120.0

_MAIN = "OwlCheck"
SOURCE = Path(__file__).with_name("java") / f"{_MAIN}.java"
_EXIT_OK, _EXIT_VIOLATIONS, _EXIT_UNLOADABLE = 0, 2, 3


class OwlApiUnavailable(ToolUnavailable):
    """Java or the OWL API jars are missing."""


class OwlApiError(ToolUnavailable):
    """The Java helper did not start, timed out, crashed or printed something unreadable."""


@dataclass(frozen=True)
class OwlApiReport:
    """Result of one OWL API load + OWL 2 DL profile check.

    Axiom counts and violations cover the imports closure; ``imports`` lists
    the closure without the checked ontology. ``unparsed`` is None when the
    format does not report unparsed triples. When ``error`` is set the file
    could not be loaded and the other fields are empty.
    """

    path: str
    format: str | None
    ontology_iri: str | None
    axioms: int | None
    logical_axioms: int | None
    unparsed: int | None
    imports: tuple[str, ...] = ()
    violations: tuple[tuple[str, str], ...] = ()
    error: str | None = None

    @property
    def in_profile(self) -> bool:
        """True when the file loaded and has no OWL 2 DL violations."""
        return self.error is None and not self.violations


def classpath(java_dir: str = "/usr/share/java") -> str:
    """The OWL API classpath; raise OwlApiUnavailable if a jar is missing."""
    jars = [Path(java_dir) / name for name in OWLAPI_JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if missing:
        raise OwlApiUnavailable(f"OWL API jars missing from {java_dir}: {', '.join(missing)}; install them with: {INSTALL_HINT}")
    return os.pathsep.join(str(jar) for jar in jars)


def check(
    path: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    java_dir: str = "/usr/share/java",
) -> OwlApiReport:
    """Load ``path`` with the OWL API and check it against the OWL 2 DL profile."""
    target = Path(path)
    if not target.is_file():
        raise DataError(f"{target}: no such file")
    java = shutil.which("java")
    if java is None:
        raise OwlApiUnavailable(f"java not found on PATH; install it with: {INSTALL_HINT}")
    cp = classpath(java_dir)
    classes = _compiled(java, cp, SOURCE)
    if classes is not None:
        cmd = [java, "-cp", f"{classes}{os.pathsep}{cp}", _MAIN]
    else:
        cmd = [java, "-cp", cp, str(SOURCE)]
    cmd.append(str(target.resolve()))
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OwlApiError(f"OWL API check of {target} timed out after {timeout:g} s") from None
    except OSError as exc:
        raise OwlApiError(f"cannot start Java ({java}): {exc.strerror}") from None
    stdout = proc.stdout.decode("utf-8", errors="replace")
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode not in (_EXIT_OK, _EXIT_VIOLATIONS, _EXIT_UNLOADABLE):
        if "jdk.compiler" in stderr:
            raise OwlApiUnavailable(_no_compiler(java))
        raise OwlApiError(f"OWL API helper failed on {target} (exit {proc.returncode}): {_tail(stderr or stdout)}")
    return _parse(str(path), stdout, proc.returncode)


def _parse(path: str, stdout: str, returncode: int) -> OwlApiReport:
    """Build a report from the helper's tab-separated output."""
    fields: dict[str, str] = {}
    imports: list[str] = []
    violations: list[tuple[str, str]] = []
    for line in stdout.splitlines():
        key, _, rest = line.partition("\t")
        if key == "IMPORT":
            imports.append(rest)
        elif key == "VIOLATION":
            kind, _, text = rest.partition("\t")
            violations.append((kind, text))
        elif key:
            fields.setdefault(key, rest)
    if returncode == _EXIT_UNLOADABLE:
        error = fields.get("ERROR") or "could not load the ontology (no message)"
        return OwlApiReport(path, None, None, None, None, None, error=error)
    if "AXIOMS" not in fields:
        raise OwlApiError(f"unreadable OWL API helper output for {path}: {_tail(stdout)}")
    return OwlApiReport(
        path=path,
        format=fields.get("FORMAT") or None,
        ontology_iri=fields.get("ONTOLOGY") or None,
        axioms=_int(fields.get("AXIOMS")),
        logical_axioms=_int(fields.get("LOGICAL_AXIOMS")),
        unparsed=_int(fields.get("UNPARSED")),
        imports=tuple(imports),
        violations=tuple(violations),
    )


def _compiled(java: str, cp: str, source_file: Path) -> Path | None:
    """Directory with the compiled helper, compiling it on first use; None on failure."""
    source = source_file.read_bytes()
    digest = hashlib.sha256()
    for part in (source, os.path.realpath(java).encode(), cp.encode()):
        digest.update(part)
        digest.update(b"\0")
    try:
        root = _cache_root()
        final = root / digest.hexdigest()[:16]
        if (final / f"{_MAIN}.class").is_file():
            return final
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    except (OSError, RuntimeError):  # unwritable cache, or no home directory
        return None
    try:
        # javac via the runtime itself: works where only a JRE binary is installed.
        proc = subprocess.run(
            [java, "-m", "jdk.compiler/com.sun.tools.javac.Main", "-nowarn", "-cp", cp, "-d", str(tmp), str(source_file)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=DEFAULT_TIMEOUT,
            check=False,
        )
        if proc.returncode != 0 or not (tmp / f"{_MAIN}.class").is_file():
            return None
        try:
            tmp.rename(final)
        except OSError:  # a concurrent run won the race
            if not (final / f"{_MAIN}.class").is_file():
                return None
        return final
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _cache_root() -> Path:
    """Where the compiled helper is kept: ``java/`` under icpa's cache (``ICPA_CACHE_DIR``)."""
    return settings.cache_dir("java")


def _no_compiler(java: str) -> str:
    return f"{java} has no jdk.compiler module to build the OWL API helper; install a JDK: apt-get install default-jdk-headless"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _tail(text: str, lines: int = 3) -> str:
    """The last few non-blank lines, joined on one line."""
    kept = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    return " | ".join(kept) or "(no output)"
