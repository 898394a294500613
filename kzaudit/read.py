"""read: a path (or bytes) -> a ``Document`` with decoded text.

Decoding and markup stripping keep offsets: ``Document.text`` has exactly the
length of ``Document.source`` (markup is blanked with spaces, newlines kept), so
every offset found in the analysis text points at the same place in the file.

Every input that cannot be audited raises ``ReadError`` whose ``str()`` is a
one-line reason: missing, a directory, a FIFO or device (checked with ``stat``
before ``open`` so a pipe never blocks), a symlink loop, no permission, larger
than ``MAX_BYTES``, or binary.  An empty file is a clean, empty audit.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat

import regex

from kzaudit import regexcache
from kzaudit.markup import strip_html, strip_markdown
from kzaudit.model import Document
from kzaudit.published import published_date

MAX_BYTES = 32 * 1024 * 1024  # larger inputs are refused: an article is never 32 MB
_SNIFF = 8192  # bytes inspected to tell text from binary

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte Latin code pages charset-normalizer confuses with each other on short
# English text; cp1252 (the Windows default of English newsrooms) is preferred among them.
_LATIN_FAMILY = frozenset(
    "cp1250 cp1252 cp1254 cp1257 cp1258 latin_1 iso8859_1 iso8859_2 iso8859_9 "
    "iso8859_15 mac_roman mac_latin2".split()
)
# One character class: the standard engine is exact here and several times faster
# than ``regex`` at counting (no GIL hand-off, no Unicode property tables).
_CONTROL = regexcache.compile_std(r"[\x00-\x08\x0e-\x1f\x7f]")
_LONE_CR = regexcache.compile(r"\r(?!\n)")
_HTML_SNIFF = regexcache.compile(r"\s{0,200}<(?:!doctype\s+html|html[\s>])", regex.IGNORECASE)


class ReadError(Exception):
    """An input that cannot be audited; ``str()`` is the one-line reason."""


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return os.strerror(exc.errno).lower() if exc.errno else str(exc)


def _kind(mode: int) -> str | None:
    """Why a non-regular file cannot be read (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def _too_large(size: int, limit: int) -> ReadError:
    mb = 1024 * 1024
    return ReadError(f"file too large ({size / mb:.1f} MB > {limit // mb} MB limit)")


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a local regular file, turning every OS error into a one-line ``ReadError``.

    ``stat`` comes first: opening a FIFO would block, and a 10 GB log should be
    refused before it is read.
    """
    try:
        st = os.stat(path)
        reason = _kind(st.st_mode)
        if reason:
            raise ReadError(reason)
        if st.st_size > max_bytes:
            raise _too_large(st.st_size, max_bytes)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped after stat
                raise ReadError("not a regular file")
            data = fh.read(max_bytes + 1)
    except ReadError:
        raise
    except (OSError, ValueError) as exc:
        raise ReadError(_os_reason(exc) if isinstance(exc, OSError) else str(exc)) from None
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE/BE without a BOM: ASCII-range text has NUL in every other byte."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= 0.4 * len(odd) and nul_even <= 0.05 * len(even):
        return "utf-16-le"
    if nul_even >= 0.4 * len(even) and nul_odd <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, err: UnicodeDecodeError) -> bool:
    """True when bad bytes are rare damage in UTF-8 text, not a legacy encoding.

    A file cut mid-character, or UTF-8 with a stray byte, still holds many valid
    multi-byte sequences (or only one bad one, at the end); cp1252 text holds none.
    """
    if err.reason == "unexpected end of data" and err.end == len(data):
        return True
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid_multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    return valid_multibyte >= 2 * bad


def _legacy(data: bytes) -> str:
    """Decode a legacy single- or multi-byte encoding (charset-normalizer, imported lazily)."""
    from charset_normalizer import from_bytes  # slow import: only when UTF-8 fails

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("binary file, not text")
    if best.encoding in _LATIN_FAMILY:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def decode(data: bytes) -> str:
    """Decode bytes to text; raise ``ReadError`` for binary data.

    UTF-8/16/32 with a BOM; UTF-16 without one (NUL pattern); UTF-8, damaged
    UTF-8 (bad bytes become U+FFFD: a mostly readable article is still audited);
    else a detected legacy encoding.  Lone CR line ends become LF (one character
    for one, so offsets are unchanged) so that line numbers count them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    else:
        codec = _utf16_without_bom(data[:_SNIFF])
        if codec:
            text = data.decode(codec, errors="replace")
        elif b"\x00" in data[:_SNIFF]:
            raise ReadError("binary file, not text")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                text = (
                    data.decode("utf-8", errors="replace")
                    if _mostly_utf8(data, err)
                    else _legacy(data)
                )
    _check_text(text)
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    return text


def _check_text(text: str) -> None:
    """Refuse decoded text that is mostly control characters (a binary file)."""
    head = text[:_SNIFF]
    if not head:
        return
    controls = len(_CONTROL.findall(head))
    if "\x00" in head or controls > max(8, len(head) // 20):
        raise ReadError("binary file, not text")


def document_from_text(path: str, source: str) -> Document:
    """A ``Document`` whose analysis text is the source itself (plain text)."""
    return Document(path=path, source=source, text=source.replace("\r", " "))


def markup_of(path: str, source: str) -> str:
    """``"html"``, ``"markdown"`` or ``"text"``: by suffix, else sniffed (stdin)."""
    lower = path.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if not lower.endswith(".txt") and _HTML_SNIFF.match(source):
        return "html"
    return "text"


def document_from_source(path: str, source: str) -> Document:
    """A ``Document`` with markup blanked out and suppression comments collected."""
    kind = markup_of(path, source)
    if kind == "text":
        return document_from_text(path, source)
    text, suppressions = (strip_html if kind == "html" else strip_markdown)(source)
    return Document(
        path=path,
        source=source,
        text=text,
        suppressions=suppressions,
        published=published_date(source, kind),
    )


def read_document(path: str, data: bytes | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and decode one file into a ``Document`` (not yet segmented)."""
    raw = read_bytes(path, max_bytes) if data is None else data
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    return document_from_source(path, decode(raw))
