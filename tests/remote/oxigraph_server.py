"""A private Oxigraph server for the tests: ``oxigraph serve`` (the ``oxigraph`` package on PyPI,
in the test extras) as a child process on a free loopback port, over a temporary folder.

    python tests/remote/oxigraph_server.py     # start one by hand; Ctrl-C stops it
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .virtuoso import free_port


def binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")  # the venv's console script
    return str(beside) if beside.exists() else shutil.which("oxigraph")


class OxigraphServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="icpa-oxigraph-"))
        self.port = 0
        self.proc: subprocess.Popen | None = None

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        exe = binary()
        if exe is None:
            raise RuntimeError("the oxigraph command is missing: pip install oxigraph (scripts/test.sh does)")
        for _attempt in range(3):
            self.port = free_port()
            log = open(self.root / "server.log", "ab")  # noqa: SIM115 (closed with the process)
            self.proc = subprocess.Popen([exe, "serve", "--location", str(self.root / "db"), "--bind", f"127.0.0.1:{self.port}"],
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
            log.close()
            if self._wait(timeout):
                return self
            self.stop()
        raise RuntimeError(f"oxigraph serve did not start; see {self.root}/server.log")

    def _wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                request = urllib.request.Request(self.query, data=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
                with urllib.request.urlopen(request, timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    with OxigraphServer() as server:
        print(f"queries {server.query}\ngraph store {server.store}\nfolder {server.root}")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
