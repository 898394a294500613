"""The package's data files (``kzaudit/data``): word lists and TOML vocabularies.

Why one module: every extractor and rule reads its vocabulary the same way, and
the TOML parse (about 10 ms for the lot) is kept in the disk cache, keyed by a
checksum of the file, so an edited file is simply parsed again.
"""

from __future__ import annotations

import contextlib
import marshal
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from kzaudit.diskcache import Store

DATA_DIR = Path(__file__).resolve().parent / "data"

_parsed = Store("data")


def read_text(name: str) -> str:
    """The text of ``kzaudit/data/<name>`` (name with its extension)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")


def load_toml(name: str) -> dict[str, Any]:
    """``kzaudit/data/<name>`` parsed as TOML; a fresh dict on every call."""
    raw = (DATA_DIR / name).read_bytes()
    key = (name, zlib.crc32(raw), len(raw))
    blob = _parsed.get(key)
    if isinstance(blob, bytes):
        try:
            data = marshal.loads(blob)
            if isinstance(data, dict):
                return data
        except (ValueError, EOFError, TypeError):
            pass
    from kzaudit.compat import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    with contextlib.suppress(ValueError):  # a TOML date or time: marshal cannot keep it
        _parsed.put(key, marshal.dumps(data))
    return data


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """A plain-text data file: non-blank lines without ``#`` comments, read once."""
    lines = (line.split("#", 1)[0].strip() for line in read_text(name).splitlines())
    return tuple(line for line in lines if line)
