"""A private Virtuoso 7 for the tests: a child process on loopback, never a system service.

Debian's ``virtuoso-opensource`` provides ``virtuoso-t`` and ``isql-vt`` (``scripts/test.sh``
installs it). :class:`Virtuoso` writes a minimal ini into a temporary database directory, picks
free ports, starts ``virtuoso-t +foreground`` (so the child *is* the server) and waits until
SPARQL answers; :meth:`Virtuoso.stop` checkpoints with ``isql shutdown`` and falls back to TERM,
then KILL. The DBA password is changed from the stock ``dba`` right after the first start.

    python tests/virtuoso.py [--max-rows N]     # start one by hand; Ctrl-C stops it
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
USER = "dba"
PASSWORD = "icpa_Tst_7qx"  # what the tests set; distinctive, so a leak is easy to spot

INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql}
DisableUnixSocket  = 1
DirsAllowed        = ., {db}
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty}
ThreadsPerQuery    = {threads}
MaxQueryMem        = 512M
CheckpointInterval = 0
SchedulerInterval  = 0
{extra}

[HTTPServer]
ServerPort         = 127.0.0.1:{http}
ServerRoot         = {vsp}
ServerThreads      = 10
MaxClientConnections = 10
KeepAliveTimeout   = 10
MaxKeepAlives      = 10

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = {max_exec}
MaxQueryCostEstimationTime = 0
DefaultGraph               = http://localhost:{http}/dataspace
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VirtuosoError(RuntimeError):
    pass


class Virtuoso:
    """One private Virtuoso server. ``with Virtuoso() as v: ...`` starts and removes it."""

    def __init__(self, *, max_rows: int = 10000, max_exec: int = 30, buffers: int = 20000, threads: int = 2,
                 extra: str = "", root: Path | None = None) -> None:
        self.extra = extra
        self.max_rows = max_rows
        self.threads = threads
        self.max_exec = max_exec
        self.buffers = buffers
        self._own_root = root is None
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="icpa-virtuoso-"))
        self.proc: subprocess.Popen | None = None
        self.http_port = 0
        self.sql_port = 0
        self.password = "dba"  # the stock one until start() changes it

    # -- addresses ------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        """The anonymous query endpoint (reads only)."""
        return self.base + "/sparql"

    @property
    def sparql_auth(self) -> str:
        """SPARQL query + update, digest authentication."""
        return self.base + "/sparql-auth"

    @property
    def graph_crud_auth(self) -> str:
        """The Graph Store HTTP Protocol, digest authentication."""
        return self.base + "/sparql-graph-crud-auth"

    # -- life cycle -----------------------------------------------------------------------

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 60.0) -> Virtuoso:
        if not os.path.exists(VIRTUOSO):
            raise VirtuosoError("virtuoso-t not found: run scripts/test.sh, or apt-get install virtuoso-opensource")
        fresh = not (self.root / "virtuoso.db").exists()
        for _attempt in range(3):
            if fresh or not self.http_port:
                self.http_port, self.sql_port = free_port(), free_port()
            ini = self.root / "virtuoso.ini"
            ini.write_text(INI.format(db=self.root, sql=self.sql_port, http=self.http_port, vsp=VSP,
                                      buffers=self.buffers, dirty=self.buffers * 3 // 4,
                                      max_rows=self.max_rows, max_exec=self.max_exec, threads=self.threads,
                                      extra=self.extra), encoding="utf-8")
            log = open(self.root / "stdout.log", "ab")  # noqa: SIM115 (closed in stop)
            self.proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=self.root,
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
            self._log = log
            if self._wait(timeout):
                break
            self._reap()
            self.http_port = 0  # the port may have been taken: pick new ones
        else:
            raise VirtuosoError(f"Virtuoso did not start; see {self.root}/virtuoso.log")
        if self.password == "dba":
            self.isql(f"SET PASSWORD \"dba\" \"{PASSWORD}\";")
            self.password = PASSWORD
        return self

    def restart(self) -> Virtuoso:
        """Stop and start again (same database, same ports when they are still free).

        Virtuoso 7.2.5 answers some property-path queries wrongly on a database it created in
        the same run (openlink/virtuoso-opensource#929): restart once after the first load.
        """
        self.stop()
        return self.start()

    def _wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        probe = self.sparql + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"}), timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def isql(self, sql: str, timeout: float = 60) -> str:
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", USER, self.password, f"exec={sql}"],
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise VirtuosoError(f"isql failed: {(done.stdout + done.stderr).strip()[:500]}")
        return done.stdout

    def stop(self) -> None:
        """Checkpoint and shut down (isql), then TERM, then KILL; never leaves the process behind."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", USER, self.password, "exec=shutdown;"],
                               capture_output=True, timeout=20, stdin=subprocess.DEVNULL)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._reap()

    def kill(self) -> None:
        """Stop abruptly (TERM: Virtuoso's quick shutdown, no checkpoint), as a crash or an admin would."""
        if self.running():
            self.proc.send_signal(signal.SIGTERM)
        self._reap()

    def _reap(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
        log = getattr(self, "_log", None)
        if log is not None:
            log.close()
            self._log = None

    def close(self) -> None:
        self.stop()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers for the tests ------------------------------------------------------------

    def select(self, query: str) -> list[dict]:
        """Run a read query on the anonymous endpoint (plain urllib, independent of icpa)."""
        import json

        data = urllib.parse.urlencode({"query": query}).encode()
        req = urllib.request.Request(self.sparql, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["results"]["bindings"]

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph in the whole store (system graphs included)."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    def load_turtle(self, text: str, graph: str) -> None:
        """Load Turtle into ``graph`` with Virtuoso's own server-side loader (TTLP, through isql)."""
        path = self.root / "load.ttl"  # under DirsAllowed
        path.write_text(text, encoding="utf-8")
        self.isql(f"DB.DBA.TTLP(file_to_string_output('{path}'), '', '{graph}', 0); checkpoint;")
        path.unlink()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-rows", type=int, default=10000)
    args = ap.parse_args()
    with Virtuoso(max_rows=args.max_rows) as v:
        print(f"query endpoint {v.sparql}\nupdate (digest) {v.sparql_auth}\ngraph store (digest) {v.graph_crud_auth}")
        print(f"user {USER} / password {v.password}; isql 127.0.0.1:{v.sql_port}; db {v.root}")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
