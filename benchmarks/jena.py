"""Run Jena ARQ from Debian's libapache-jena-java as an outside reference engine.

Debian's jar is broken out of the box (its relocated xerces classes look for message bundles
under the wrong package); the fix, from the platform notes, is a directory with the 12
.properties files copied to where the classes look, put first on the classpath.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JARS = ["jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri", "commons-compress", "commons-io",
        "dexx.collection", "guava", "thrift", "slf4j-api", "slf4j-simple", "jsonld-java", "jackson-core",
        "jackson-annotations", "jackson-databind", "httpclient", "httpcore", "commons-codec", "commons-logging",
        "commons-lang3", "commons-cli", "commons-csv", "titanium-json-ld", "jakarta.json-api", "gson", "protobuf"]


def fix_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "icpa" / "jena-fix"
    marker = base / ".done"
    if marker.exists():
        return base
    base.mkdir(parents=True, exist_ok=True)
    prefix = "org/apache/jena/ext/"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as z:
        for name in z.namelist():
            if name.startswith(prefix + "xerces/") and name.endswith(".properties"):
                target = base / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    marker.touch()
    return base


def classpath() -> str:
    jars = [str(JAVA_DIR / f"{j}.jar") for j in JARS if (JAVA_DIR / f"{j}.jar").exists()]
    if not (JAVA_DIR / "jena-arq.jar").exists():
        raise RuntimeError("Jena is not installed: apt-get install libapache-jena-java")
    return ":".join([str(fix_dir()), *jars])


def arq_command(data: Path, query: Path, results: str = "csv", heap: str = "2g") -> list[str]:
    return ["java", f"-Xmx{heap}", "-cp", classpath(), "arq.sparql", "--data", str(data), "--query", str(query),
            f"--results={results}"]


def run_arq(data: Path, query: Path, results: str = "csv") -> subprocess.CompletedProcess:
    return subprocess.run(arq_command(data, query, results), capture_output=True, text=True, check=True)
