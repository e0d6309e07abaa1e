"""An article's file read as text, or one clear error: unreadable, empty, binary, not in the
encoding given (UTF-8 unless ``--encoding`` says otherwise), or a format not read.

Plain text is read as it is. An HTML page is reduced to its article's main text by trafilatura
(navigation, headers and footers left out); a PDF gives the text of its text layer (pypdf). The
text so made is what is stored and anchored; the original file's sha256 is recorded beside it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from icpa.errors import DataError, UsageError

NOT_YET = (".doc", ".docx", ".odt", ".rtf")
HTML = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Text:
    text: str  #: what is stored in seeds/ and anchored: the decoded text, line ends as \n
    original_sha256: str  #: of the file's bytes as given
    encoding: str
    format: str = "text"  #: text, html or pdf


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
    if raw.lstrip()[:5].lower() == b"%pdf-" or p.suffix.lower() == ".pdf":
        return _pdf(p, raw)
    nul = raw.find(b"\x00")
    if nul >= 0 and not (encoding or "").lower().replace("-", "").startswith(("utf16", "utf32")):
        raise DataError(f"{p}: looks binary (a NUL byte at {nul}), not an article's text")
    head = raw[:512].lstrip().lower()
    html = p.suffix.lower() in HTML or head.startswith((b"<!doctype html", b"<html"))
    chosen = encoding or "utf-8"
    try:
        text = raw.decode(chosen)
    except LookupError:
        raise UsageError(f"--encoding {encoding}: no such encoding") from None
    except UnicodeDecodeError as exc:
        hint = "give the file's encoding, e.g. --encoding cp1252" if encoding is None else f"it is not {encoding}"
        raise DataError(f"{p}: not {chosen} text: byte {exc.start} is 0x{raw[exc.start]:02x}; {hint}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if html:
        return _html(p, raw, text, chosen)
    return Text(text, hashlib.sha256(raw).hexdigest(), chosen)


def _html(p: Path, raw: bytes, page: str, encoding: str) -> Text:
    import trafilatura

    body = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        raise DataError(f"{p}: no article text found in the page (trafilatura found only navigation or nothing)")
    title = trafilatura.extract_metadata(page)
    heading = title.title.strip() if title is not None and title.title else ""
    text = (f"{heading}\n\n{body.strip()}" if heading and not body.startswith(heading) else body.strip()) + "\n"
    return Text(text, hashlib.sha256(raw).hexdigest(), encoding, "html")


def _pdf(p: Path, raw: bytes) -> Text:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DataError(f"{p}: cannot read the PDF: {' '.join(str(exc).split())[:120]}") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise DataError(f"{p}: the PDF has no text layer (a scanned page?): icpa reads a PDF's text, not its images")
    return Text(text.replace("\r\n", "\n") + "\n", hashlib.sha256(raw).hexdigest(), "pdf", "pdf")
