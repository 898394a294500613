"""read: a path (or bytes) -> a ``Document`` with decoded text.

Decoding and markup stripping keep offsets: ``Document.text`` has exactly the
length of ``Document.source`` (markup is blanked with spaces, newlines kept), so
every offset found in the analysis text points at the same place in the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from kzaudit.model import Document


class ReadError(Exception):
    """An input that cannot be audited; ``str()`` is the one-line reason."""


def read_bytes(path: str) -> bytes:
    """Read a local file, turning OS errors into one-line ``ReadError`` reasons."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError("is a directory")
        with open(p, "rb") as fh:
            return fh.read()
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(os.strerror(exc.errno) if exc.errno else str(exc)) from None


def decode(data: bytes) -> str:
    """Decode bytes: UTF-8 (with or without BOM), else a detected legacy encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text


def document_from_text(path: str, source: str) -> Document:
    """A ``Document`` whose analysis text is the source itself (plain text)."""
    return Document(path=path, source=source, text=source.replace("\r", " "))


def read_document(path: str, data: bytes | None = None) -> Document:
    """Read and decode one file into a ``Document`` (not yet segmented)."""
    raw = read_bytes(path) if data is None else data
    return document_from_text(path, decode(raw))
