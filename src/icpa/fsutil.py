"""Safe writes and locks: nothing of the user's is replaced or deleted without being asked.

:func:`write_text` is how every icpa command writes a file:

- a regular file (or a path that does not exist yet) is written through a temporary file in
  the same folder and an atomic rename, so an interrupted write leaves the old file whole;
  a replaced file keeps its permissions, a new one gets what the umask gives;
- a symbolic link is followed: its target is written, the link stays a link;
- a FIFO or a character device (a pipe, ``/dev/stdout``) is written into, never replaced;
  a socket, a block device or a folder is refused;
- a file inside one of the ``protected`` folders (the corpus's sources: ``ontology/``,
  ``data/``, ``seeds/``, ``queries/``, or the installed package's own copy) is only replaced
  with ``force``.

Standard library only.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from icpa.errors import DataError, RefusedWrite, UsageError


def umask() -> int:
    """The process's umask (read without changing it for longer than a moment)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _inside(path: Path, folders: Iterable[Path]) -> Path | None:
    for folder in folders:
        try:
            path.relative_to(Path(folder).resolve())
        except (ValueError, OSError):
            continue
        return Path(folder)
    return None


def _describe_error(path: Path, exc: OSError) -> str:
    why = exc.strerror or str(exc)
    if exc.errno == errno.ENOENT and not path.parent.is_dir():
        return f"{path}: cannot write: no such directory {path.parent}"
    return f"{path}: cannot write: {why}"


def check_writable(path: str | os.PathLike, *, force: bool = False, protected: Iterable[Path] = ()) -> Path:
    """Where a write to ``path`` would go (a link's target); refuses what must not be replaced."""
    given = Path(path)
    target = Path(os.path.realpath(given))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(_describe_error(given, exc)) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise UsageError(f"{given}: is a directory; name a file to write")
        if stat.S_ISSOCK(mode) or stat.S_ISBLK(mode):
            raise RefusedWrite(f"{given}: is a {'socket' if stat.S_ISSOCK(mode) else 'block device'}; icpa writes only files")
        if stat.S_ISREG(mode) and not force:
            folder = _inside(target, protected)
            if folder is not None:
                raise RefusedWrite(f"{given} is a source file (under {folder}); pass --force to overwrite it")
    if not target.parent.is_dir():
        raise UsageError(f"{given}: cannot write: no such directory {given.parent}")
    return target


def write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False, protected: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``path`` safely (see the module docstring); returns the file written."""
    given = Path(path)
    target = check_writable(given, force=force, protected=protected)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(_describe_error(given, exc)) from None
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        try:  # a pipe or a device: write into it, never replace it
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise UsageError(_describe_error(given, exc)) from None
        return target
    keep = stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(_describe_error(given, exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), keep)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(_describe_error(given, exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_text(path: str | os.PathLike, text: str, *, force: bool = False, protected: Iterable[Path] = ()) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends, safely (see the module docstring)."""
    return write_bytes(path, text.encode("utf-8"), force=force, protected=protected)


def read_text(path: str | os.PathLike, what: str = "") -> str:
    """A UTF-8 text file (a leading byte-order mark dropped); unreadable or not UTF-8 is a DataError."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise DataError(f"{p}: is a directory, not a file") from None
    except FileNotFoundError:
        raise DataError(f"{p}: no such file") from None
    except OSError as exc:
        raise DataError(f"{p}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(f"{p}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}){' in ' + what if what else ''}; "
                        "save it as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


LOCK_MARK = "icpa lock\n"


class Lock:
    """An exclusive ``flock`` on the file ``path``, waiting up to ``wait`` seconds.

    The lock file is icpa's own: it holds :data:`LOCK_MARK`, and a file of that name that holds
    anything else is refused, never taken over. With ``remove``, the file is deleted on release
    (while still locked; a waiter that then finds its file gone tries again), so nothing is left
    beside the thing it protected.
    """

    def __init__(self, path: str | os.PathLike, wait: float = 0.0, *, busy: str = "", remove: bool = False) -> None:
        self.path, self.wait, self.busy, self.remove = Path(path), wait, busy, remove
        self.fd: int | None = None

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666 & ~umask())
        except OSError as exc:
            raise UsageError(f"{self.path}: cannot create the lock file: {exc.strerror}") from None
        content = os.pread(fd, 64, 0)
        if content and content != LOCK_MARK.encode():
            os.close(fd)
            raise RefusedWrite(f"{self.path} exists and is not an icpa lock file; move it away")
        return fd

    def __enter__(self) -> Lock:
        deadline = time.monotonic() + self.wait
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise DataError(self.busy or f"{self.path}: locked by another process") from None
                time.sleep(0.1)
                continue
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the holder before us removed it: lock the new one
                os.close(fd)
                continue
            if os.fstat(fd).st_size == 0:
                os.pwrite(fd, LOCK_MARK.encode(), 0)
            self.fd = fd
            return self

    def __exit__(self, *exc) -> None:
        if self.fd is None:
            return
        if self.remove:
            try:
                os.unlink(self.path)
            except OSError:
                pass
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None
