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

:func:`compile_std` does the same for the standard ``re`` engine, which also parses
and compiles in pure Python (about 0.1 ms a pattern): it keeps the program
``re.compile`` hands to ``_sre.compile``.
"""

from __future__ import annotations

import _sre
import contextlib
import copyreg
import re
import sys
from typing import TYPE_CHECKING, Any

import regex

try:  # the standard engine's own parser and code generator
    from re import _compiler as _std_compiler
    from re import _parser as _std_parser
except ImportError:  # pragma: no cover - Python 3.10 names them sre_compile, sre_parse
    import sre_compile as _std_compiler  # type: ignore[no-redef]
    import sre_parse as _std_parser  # type: ignore[no-redef]

from kzaudit.diskcache import Store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

_store = Store(f"regex-{regex.__version__}")

# The ``concurrent`` argument of a ``regex`` call, passed positionally after ``pos`` and
# ``endpos`` (``p.match(text, pos, None, HOLD_GIL)``, ``p.finditer(text, lo, hi, False,
# HOLD_GIL)``).  Why: on a ``str`` the engine lets the GIL go and takes it back for every
# match (and locks a scanner for each), which costs more than most of kzaudit's small
# matches do (0.75 -> 0.45 us a call; 3.4% of the instructions an article).  A keyword
# argument costs as much as it saves.  The matches are the same; other threads still
# run between matches, as the GIL is only held through one match at a time.
HOLD_GIL = False


def matches_at(
    pattern: regex.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[regex.Match[str]]:
    """Non-overlapping matches of a ``regex`` pattern tried only at ``starts`` (in order).

    What ``pattern.finditer(text)`` gives (empty matches aside) when every match starts
    at one of ``starts``.  Why: a cheap first stage that lists the few places where a
    match can start skips prose faster than the full pattern can, which then runs at a
    few positions.
    """
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start, None, HOLD_GIL)
        if m is not None and m.end() > m.start():
            end = m.end()
            yield m


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, reusing the parse of an earlier run."""
    key = (pattern, int(flags))
    engine = sys.modules.get("regex._regex")
    if engine is not None:
        cached = _reuse(key, engine.compile, pattern)
        if cached is not None:
            return cached
    compiled = regex.compile(pattern, flags)
    reducer = copyreg.dispatch_table.get(regex.Pattern)  # how pickle takes a pattern apart
    if reducer is not None:
        with contextlib.suppress(TypeError, IndexError):
            _store.put(key, tuple(reducer(compiled)[1]))
    return compiled


def _reuse(key: tuple, rebuild: Callable[..., Any], pattern: str) -> Any:
    """The pattern rebuilt by ``rebuild`` from the stored parse under ``key``, or None
    (nothing stored, a stale entry, or one that is not this pattern)."""
    args = _store.get(key)
    if args is None:
        return None
    try:
        compiled = rebuild(*args)
    except Exception:  # noqa: BLE001 - a stale entry just means compiling afresh
        return None
    return compiled if compiled.pattern == pattern else None


# ``\s`` of ``regex`` as an explicit class: the standard engine's ``\s`` also takes
# U+001C-U+001F, so a pattern moved to it spells out this class instead (a test checks
# it against ``regex`` over every code point).
SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
NOT_SPACE = "[^" + SPACE[1:]
# The standard engine's own ``\s`` (``str.isspace``) spelled out, to write inside a class:
# a class of literals and ranges is one table look-up a character, while a class holding
# ``\s`` asks a category function as well (a test checks it over every code point).
STD_SPACE_CHARS = r"\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

# Appended to a quantifier of a standard-engine pattern, makes it possessive where the
# engine has them (Python 3.11+): a pattern must match the same either way, the mark
# only drops backtracking state that would never be used (faster per repeat).
POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""


def compile_std(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, reusing the compiled program of an earlier run."""
    key = ("re", _sre.MAGIC, sys.version, pattern, int(flags))
    cached = _reuse(key, _sre.compile, pattern)
    if cached is not None:
        return cached
    try:
        args = _std_program(pattern, int(flags))
        compiled = _sre.compile(*args)
    except Exception:  # noqa: BLE001 - internals moved in this Python: the public way
        return re.compile(pattern, flags)
    _store.put(key, args)
    return compiled


def _std_program(pattern: str, flags: int) -> tuple:
    """The arguments ``re._compiler.compile`` gives ``_sre.compile`` for ``pattern``."""
    parsed = _std_parser.parse(pattern, flags)
    # The opcodes are int subclasses (named constants) that marshal cannot store.
    code = [int(op) for op in _std_compiler._code(parsed, flags)]
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        pattern,
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )
