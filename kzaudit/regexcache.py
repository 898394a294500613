"""Compile regular expressions once per machine, not once per run.

Why: the ``regex`` module parses and optimises every pattern in pure Python
(about 1 ms each). kzaudit compiles some 150 patterns, so on a single article
that parse was most of the process's wall time. The result of the parse is the
plain data that ``pickle`` also stores for a pattern (opcodes, group tables,
required string), from which the C engine rebuilds the pattern in microseconds.

:func:`compile` keeps that data in a :class:`~kzaudit.diskcache.Store` keyed by
the ``regex`` version, the pattern and its flags. A cached pattern is the same
object a fresh compile gives (same opcodes, same engine); if anything is off
-- no cache, a foreign entry, a ``regex`` release that pickles differently --
it falls back to ``regex.compile``, so the cache can only make start-up faster.
"""

from __future__ import annotations

import contextlib
import copyreg
import sys

import regex

from kzaudit.diskcache import Store

_store = Store(f"regex-{regex.__version__}")


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, reusing the parse of an earlier run."""
    key = (pattern, int(flags))
    engine = sys.modules.get("regex._regex")
    args = _store.get(key)
    if args is not None and engine is not None:
        try:
            compiled = engine.compile(*args)
            if compiled.pattern == pattern:
                return compiled
        except Exception:  # noqa: BLE001 - a stale entry just means compiling afresh
            pass
    compiled = regex.compile(pattern, flags)
    reducer = copyreg.dispatch_table.get(regex.Pattern)  # how pickle takes a pattern apart
    if reducer is not None:
        with contextlib.suppress(TypeError, IndexError):
            _store.put(key, tuple(reducer(compiled)[1]))
    return compiled
