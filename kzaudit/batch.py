"""Batch: find the files to audit and run the audit function over them.

API used by the CLI:

- ``discover(paths, include, exclude) -> (files, errors)``: files in sorted, stable
  order; errors are ``FileResult``s carrying a one-line reason (missing path,
  symlink loop, ...).
- ``run(files, config, *, jobs, engine, scheduler, timeout, progress, stdin_data,
  output_dir)`` -> iterator of ``FileResult`` in the order of ``files``, whichever
  engine ran them.  Raises ``EngineError`` (one-line message; the CLI exits 2)
  when an engine cannot start: the Dask extra is missing or the scheduler cannot
  be reached.

Paths: a file is audited whatever its extension; a folder is walked recursively
for ``.txt .md .markdown .html .htm`` files, skipping hidden and VCS folders and
reporting symlink loops; a glob (``articles/**/*.md``) is matched from its
literal prefix with the same walker; ``-`` is stdin; a URL (``s3://...``) is
listed through fsspec.  ``include`` patterns replace the extension filter,
``exclude`` patterns drop files and prune folders; both are globs matched against
the path relative to the folder walked (or the whole path), and a pattern with
no ``/`` matches a name at any depth.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from kzaudit.config import Config
from kzaudit.engines import EngineError
from kzaudit.result import FileResult

__all__ = ["DEFAULT_EXTENSIONS", "STDIN", "EngineError", "discover", "run"]

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN = "-"
STDIN_NAME = "<stdin>"
VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS"})
_MAGIC = re.compile(r"[*?\[]")


# -- discovery --------------------------------------------------------------------


def discover(
    paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[list[str], list[FileResult]]:
    """Expand paths, folders, globs and URLs into the sorted list of files to audit."""
    matcher = _Filter(include, exclude)
    files: set[str] = set()
    errors: list[FileResult] = []
    for p in paths:
        if p == STDIN:
            files.add(STDIN)
        elif _is_url(p):
            _discover_url(p, matcher, files, errors)
        elif os.path.isfile(p):
            files.add(p)
        elif os.path.isdir(p):
            files.update(_walk(p, matcher, errors))
        elif _MAGIC.search(p):
            found = _glob(p, matcher, errors)
            if not found:
                errors.append(FileResult(path=p, error="no file matches the pattern"))
            files.update(found)
        elif os.path.islink(p) and not _is_symlink_loop(p):
            errors.append(FileResult(path=p, error="broken symbolic link"))
        elif os.path.lexists(p):
            files.add(p)  # a FIFO, socket or symlink loop: the reader names the reason
        else:
            errors.append(FileResult(path=p, error="no such file or directory"))
    errors.sort(key=lambda r: _sort_key(r.path))
    return sorted(files, key=_sort_key), errors


def _is_symlink_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _sort_key(path: str) -> tuple[str, ...]:
    """Tree order: a folder's files sort together ("a/b" before "a-c")."""
    return tuple(path.replace("\\", "/").split("/"))


def _is_url(path: str) -> bool:
    if "://" not in path or os.path.exists(path):
        return False
    from kzaudit.engines.fs import has_protocol

    return has_protocol(path)


def _discover_url(url: str, matcher: _Filter, files: set[str], errors: list[FileResult]) -> None:
    try:
        from kzaudit.engines import fs

        found = fs.list_url(url, DEFAULT_EXTENSIONS if not matcher.include else ("",))
    except ImportError:
        errors.append(
            FileResult(path=url, error="URLs need the optional extra: pip install 'kzaudit[dask]'")
        )
        return
    except FileNotFoundError:
        errors.append(FileResult(path=url, error="no such file or directory"))
        return
    except (OSError, ValueError) as exc:
        errors.append(
            FileResult(path=url, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        )
        return
    for f, rel in found:
        if not rel or matcher.keep_file(rel, f, default=True):
            files.add(f)


class _Filter:
    """include/exclude globs plus the default extension filter."""

    def __init__(self, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.exclude_patterns = tuple(exclude)
        self.include = [_glob_regex(p) for p in include]
        self.exclude = [_glob_regex(p) for p in exclude]

    @staticmethod
    def _any(patterns: list[re.Pattern[str]], rel: str, full: str) -> bool:
        name = rel.rsplit("/", 1)[-1]
        return any(p.fullmatch(rel) or p.fullmatch(full) or p.fullmatch(name) for p in patterns)

    def keep_dir(self, rel: str, full: str) -> bool:
        return not self._any(self.exclude, rel, full)

    def keep_file(self, rel: str, full: str, default: bool = False) -> bool:
        if self._any(self.exclude, rel, full):
            return False
        if self.include:
            return self._any(self.include, rel, full)
        return default or full.lower().endswith(DEFAULT_EXTENSIONS)


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regex: ``**`` spans folders, ``*`` and ``?`` stay within one name."""
    pattern = pattern.replace("\\", "/").removeprefix("./")
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and pattern.find("]", i + 2) != -1:
            end = pattern.find("]", i + 2)
            body = pattern[i + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    if pattern.endswith("/"):
        out.append(".*")
    return re.compile("".join(out), re.DOTALL)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name in VCS_DIRS


def _walk(root: str, matcher: _Filter, errors: list[FileResult]) -> Iterator[str]:
    """Files under ``root`` (depth first, sorted by name), following symlinks once.

    A folder whose real path is one of its own ancestors is a symlink loop: it is
    reported and not entered.  A folder reached a second time by another link is
    skipped silently (its files are already listed).
    """
    seen: set[str] = set()
    bare = os.path.normpath(root) == "."  # "./a.txt" is shown as "a.txt"
    stack: list[tuple[str, str, tuple[str, ...]]] = [(root, "", ())]
    while stack:
        folder, rel_dir, ancestors = stack.pop()
        real = os.path.realpath(folder)
        if real in ancestors:
            errors.append(FileResult(path=folder, error=f"symbolic link loop (back to {real})"))
            continue
        if real in seen:
            continue
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(FileResult(path=folder, error=_os_reason(exc)))
            continue
        subdirs = []
        for entry in entries:
            if _hidden(entry.name):
                continue
            rel = rel_dir + entry.name
            shown = rel if bare else entry.path
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                errors.append(FileResult(path=shown, error=_os_reason(exc)))
                continue
            if is_dir:
                if matcher.keep_dir(rel, shown):
                    subdirs.append((shown, rel + "/", (*ancestors, real)))
            elif is_file:
                if matcher.keep_file(rel, shown):
                    yield shown
            elif entry.is_symlink() and matcher.keep_file(rel, shown):
                errors.append(FileResult(path=shown, error="broken symbolic link"))
        stack.extend(reversed(subdirs))


def _os_reason(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)


def _glob(pattern: str, matcher: _Filter, errors: list[FileResult]) -> list[str]:
    """Files matching a glob, walked from its literal prefix with the loop-safe walker."""
    norm = pattern.replace("\\", "/")
    parts = norm.split("/")
    literal = []
    for part in parts:
        if _MAGIC.search(part):
            break
        literal.append(part)
    base = "/".join(literal) or "."
    if norm.startswith("/") and not literal[1:]:
        base = "/"
    if not os.path.isdir(base):
        return []
    rx = _glob_regex(norm.removeprefix("./"))
    everything = _Filter(("**",), matcher.exclude_patterns)
    return [
        f
        for f in _walk(base, everything, errors)
        if rx.fullmatch(f.replace(os.sep, "/").removeprefix("./"))
        or _under_match(rx, f.replace(os.sep, "/").removeprefix("./"))
    ]


def _under_match(rx: re.Pattern[str], path: str) -> bool:
    """A file inside a folder the glob matched (``articles/20*`` matching a folder)."""
    if not path.lower().endswith(DEFAULT_EXTENSIONS):
        return False
    parts = path.split("/")
    return any(rx.fullmatch("/".join(parts[:i])) for i in range(1, len(parts)))


# -- running ------------------------------------------------------------------------


def run(
    files: Sequence[str],
    config: Config,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    timeout: float | None = None,
    progress: bool = False,
    stdin_data: bytes | None = None,
    output_dir: str | None = None,
) -> Iterator[FileResult]:
    """Yield one ``FileResult`` per file, in the order of ``files``.

    ``engine`` is ``"local"`` (``jobs`` processes, default all cores; 1 runs in
    process) or ``"dask"`` (the cluster at ``scheduler``, or else a ``LocalCluster``
    of ``jobs`` single-threaded worker processes, default one per core).
    ``timeout`` is a per-file limit in seconds: a file exceeding it is reported as
    an error record.  With ``output_dir`` every partition is also written there as
    ``part-NNNNN.jsonl`` plus a ``claims/`` export (JSONL, and Parquet with
    pyarrow), and the results yielded are light: path, reference date, findings
    and error (no claims, dates or attributions), enough for summary and exit code.

    The engine starts on the first ``next()``: that is where ``EngineError`` is
    raised (unknown engine, missing extra, unreachable scheduler), before any result.
    """
    if engine not in ("local", "dask"):
        raise EngineError(f"unknown engine {engine!r} (choose local or dask)")
    items = _items(files, stdin_data)
    bar = _Bar(len(items)) if progress and items else None
    advance = bar.advance if bar else None
    if engine == "dask":
        from kzaudit.engines.dask_engine import run_dask

        results = run_dask(
            items,
            config,
            scheduler=scheduler,
            timeout=timeout,
            output_dir=output_dir,
            advance=advance,
            workers=jobs,
        )
    else:
        if output_dir is not None or any(_is_url(p) for p, data in items if data is None):
            _need_fsspec()
        results = _run_local(items, config, jobs, timeout, output_dir, advance)
    if bar is None:
        yield from results
    else:
        yield from _with_progress(results, bar)


def _with_progress(results: Iterator[FileResult], bar: _Bar) -> Iterator[FileResult]:
    """Show the bar while results flow; engines advance it as files finish."""
    bar.start()
    try:
        yield from results
    finally:
        bar.close()
        close = getattr(results, "close", None)
        if close:
            close()


def _need_fsspec() -> None:
    try:
        import fsspec  # noqa: F401
    except ImportError:
        raise EngineError(
            "URLs and --output-dir need the optional extra: pip install 'kzaudit[dask]'"
        ) from None


def _items(files: Sequence[str], stdin_data: bytes | None) -> list[tuple[str, bytes | None]]:
    items: list[tuple[str, bytes | None]] = []
    for f in files:
        if f == STDIN:
            if stdin_data is None:
                stdin_data = sys.stdin.buffer.read()
            items.append((STDIN_NAME, stdin_data))
        else:
            items.append((f, None))
    return items


def _run_local(
    items: list[tuple[str, bytes | None]],
    config: Config,
    jobs: int | None,
    timeout: float | None,
    output_dir: str | None,
    advance: Callable[[int], None] | None,
) -> Iterator[FileResult]:
    from kzaudit.engines.local import run_local

    if any(_is_url(p) for p, data in items if data is None):
        items = [(p, _prefetch(p) if data is None and _is_url(p) else data) for p, data in items]
    results = run_local(items, config, jobs=jobs, timeout=timeout, advance=advance)
    return results if output_dir is None else _write_shards(results, output_dir)


def _prefetch(url: str) -> bytes | None:
    """URLs on the local engine are read here; an unreadable one is re-read (and reported)
    by the worker as a missing file would be."""
    from kzaudit.engines import fs
    from kzaudit.read import ReadError

    try:
        return fs.read_any(url)
    except ReadError:
        return None


SHARD_FILES = 1000  # files per shard written by the local engine


def _write_shards(results: Iterator[FileResult], output_dir: str) -> Iterator[FileResult]:
    from kzaudit.engines.dask_engine import light
    from kzaudit.engines.fs import write_shard

    shard: list[FileResult] = []
    index = 0
    for r in results:
        shard.append(r)
        if len(shard) == SHARD_FILES:
            write_shard(output_dir, index, shard)
            index += 1
            yield from (light(x) for x in shard)
            shard = []
    if shard:
        write_shard(output_dir, index, shard)
        yield from (light(x) for x in shard)


class _Bar:
    """A Rich progress bar on stderr: files done, rate, time left."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("auditing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("audit", total=total, rate="")

    def start(self) -> None:
        self._progress.start()

    def advance(self, n: int) -> None:
        task = self._progress.tasks[0]
        speed = task.speed
        rate = f"{speed:,.0f} files/s" if speed else ""
        self._progress.update(self._task, advance=n, rate=rate)

    def close(self) -> None:
        self._progress.stop()
