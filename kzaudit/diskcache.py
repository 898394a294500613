"""A per-user store of plain data that is expensive to rebuild and cheap to load.

Why: a one-article run spends most of its time rebuilding the same things every
time -- the ``regex`` module's parse of ~150 patterns, the parse of the TOML
vocabularies. Like Python's ``.pyc`` files, :class:`Store` keeps such results in
a ``marshal`` file in the user's cache folder and writes it back at exit when
something new was added. Keys carry whatever makes an entry valid (library
version, file checksum), so a stale entry is never found; a missing, corrupt or
unwritable file only means rebuilding. Nothing read from the cache is executed.

``KZAUDIT_CACHE_DIR`` moves the cache; ``KZAUDIT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
import threading
from pathlib import Path
from typing import Any

_FORMAT = 1


def cache_dir() -> Path | None:
    """The folder for cache files, or None when caching is off."""
    if os.environ.get("KZAUDIT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("KZAUDIT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    folder = (Path(xdg) if xdg else Path(os.path.expanduser("~")) / ".cache") / "kzaudit"
    # No home to expand (a user with no passwd entry): never a "~" folder in the cwd.
    return folder if folder.is_absolute() else None


class Store:
    """A dict kept in ``<cache dir>/<name>-<python tag>-v<format>.marshal``."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._entries: dict[Any, Any] | None = None
        self._dirty = False

    def path(self) -> Path | None:
        folder = cache_dir()
        tag = sys.implementation.cache_tag or "py"
        return None if folder is None else folder / f"{self._name}-{tag}-v{_FORMAT}.marshal"

    def get(self, key: Any) -> Any:
        with self._lock:
            return self._load().get(key)

    def put(self, key: Any, value: Any) -> None:
        """Remember ``value`` (silently skipped when marshal cannot store it)."""
        try:
            marshal.dumps(value)
        except ValueError:
            return
        with self._lock:
            self._load()[key] = value
            self._dirty = True

    def _load(self) -> dict[Any, Any]:
        if self._entries is None:
            self._entries = {}
            atexit.register(self.save)
            path = self.path()
            if path is not None:
                try:
                    data = marshal.loads(path.read_bytes())
                except (OSError, ValueError, EOFError, TypeError):
                    data = None
                if isinstance(data, dict):
                    self._entries = data
        return self._entries

    def save(self) -> None:
        """Write the store if something was added (atomic replace; errors ignored)."""
        path = self.path()
        with self._lock:
            if not self._dirty or path is None or self._entries is None:
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps(self._entries))
                os.replace(tmp, path)
                self._dirty = False
            except OSError:
                pass
