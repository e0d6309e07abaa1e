"""An article's file read as text, or one clear error: unreadable, empty, binary, not in the
encoding given (UTF-8 unless ``--encoding`` says otherwise), or a format not read yet."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from icpa.errors import DataError, UsageError

NOT_YET = (".html", ".htm", ".xhtml", ".pdf", ".doc", ".docx", ".odt", ".rtf")


@dataclass(frozen=True)
class Text:
    text: str  #: what is stored in seeds/ and anchored: the decoded text, line ends as \n
    original_sha256: str  #: of the file's bytes as given
    encoding: str


def read_article(path: str | Path, encoding: str | None = None) -> Text:
    p = Path(path)
    if p.suffix.lower() in NOT_YET:
        raise UsageError(f"{p}: icpa does not read {p.suffix.lower()[1:].upper()} yet; save the article as plain text "
                         "(the words as published) and ingest that")
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise DataError(f"{p}: is a folder, not an article's file") from None
    except OSError as exc:
        raise DataError(f"{p}: cannot read it: {exc.strerror}") from None
    if not raw.strip():
        raise DataError(f"{p}: is empty")
    nul = raw.find(b"\x00")
    if nul >= 0 and not (encoding or "").lower().replace("-", "").startswith(("utf16", "utf32")):
        raise DataError(f"{p}: looks binary (a NUL byte at {nul}), not an article's text")
    head = raw[:512].lstrip().lower()
    if head.startswith((b"%pdf", b"<!doctype html", b"<html")):
        raise UsageError(f"{p}: is {'a PDF' if head.startswith(b'%pdf') else 'HTML'}, which icpa does not read yet; "
                         "save the article as plain text and ingest that")
    chosen = encoding or "utf-8"
    try:
        text = raw.decode(chosen)
    except LookupError:
        raise UsageError(f"--encoding {encoding}: no such encoding") from None
    except UnicodeDecodeError as exc:
        hint = "give the file's encoding, e.g. --encoding cp1252" if encoding is None else f"it is not {encoding}"
        raise DataError(f"{p}: not {chosen} text: byte {exc.start} is 0x{raw[exc.start]:02x}; {hint}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Text(text, hashlib.sha256(raw).hexdigest(), chosen)
