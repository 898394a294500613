"""The local engine: in process (``--jobs 1``) or over a pool of worker processes.

The pool keeps a bounded window of chunks in flight and yields results in input
order, so memory stays flat over 100,000 files and the output is byte-identical
to ``--jobs 1``.  Workers start from a ``forkserver`` that has already imported
the pipeline and every rule (``spawn`` where there is no forkserver), so a
worker costs a fork, not an import, and no thread of the parent is forked.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from kzaudit.config import Config
from kzaudit.engines import AUDIT_HOOK_ENV, audit_one, warm_up
from kzaudit.result import FileResult

if TYPE_CHECKING:  # the pool's modules cost ~9 ms to import; one file never needs them
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

Item = tuple[str, "bytes | None"]  # (path, bytes already read, e.g. stdin)
Progress = Callable[[int], None]

# Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 32
CHUNK_MAX = 32  # files per task sent to a worker
WINDOW_PER_JOB = 4  # chunks in flight per worker

_worker_config: Config | None = None
_worker_timeout: float | None = None


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_local(
    items: Sequence[Item],
    config: Config,
    *,
    jobs: int | None = None,
    timeout: float | None = None,
    advance: Progress | None = None,
) -> Iterator[FileResult]:
    """Audit ``items`` and yield their results in input order."""
    jobs = max(1, jobs or default_jobs())
    if jobs == 1 or len(items) < max(MIN_FILES_FOR_POOL, 2):
        yield from _run_inline(items, config, timeout, advance)
    else:
        yield from _run_pool(items, config, min(jobs, len(items)), timeout, advance)


def _run_inline(
    items: Sequence[Item], config: Config, timeout: float | None, advance: Progress | None
) -> Iterator[FileResult]:
    if timeout:
        warm_up(config)
    for path, data in items:
        result = audit_one(path, config, data, timeout)
        if advance:
            advance(1)
        yield result


def _chunks(items: Sequence[Item], jobs: int) -> list[list[Item]]:
    size = max(1, min(CHUNK_MAX, len(items) // (jobs * 16)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kzaudit.engines.local"])
        return ctx
    return multiprocessing.get_context("spawn")


def _init_worker(config: Config, timeout: float | None, hook: str | None) -> None:
    global _worker_config, _worker_timeout

    # a forkserver child inherits the server's environment, not the parent's current one
    if hook:
        os.environ[AUDIT_HOOK_ENV] = hook
    else:
        os.environ.pop(AUDIT_HOOK_ENV, None)

    warm_up(config)  # import every rule once per worker, not per file
    _worker_config, _worker_timeout = config, timeout


def _audit_chunk(chunk: list[Item]) -> list[FileResult]:
    assert _worker_config is not None
    return [audit_one(path, _worker_config, data, _worker_timeout) for path, data in chunk]


def _run_pool(
    items: Sequence[Item],
    config: Config,
    jobs: int,
    timeout: float | None,
    advance: Progress | None,
) -> Iterator[FileResult]:
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(items, jobs)
    window = jobs * WINDOW_PER_JOB
    pool = _new_pool(jobs, config, timeout)
    # (chunk, future, retried): a chunk is resubmitted once if its worker dies
    pending: deque[tuple[list[Item], Future[list[FileResult]], bool]] = deque()
    next_chunk = 0
    try:
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < window:
                chunk = chunks[next_chunk]
                pending.append((chunk, _submit(pool, chunk), False))
                next_chunk += 1
            chunk, future, retried = pending[0]
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in C code): every chunk in
                # flight is lost; resubmit them to a fresh pool.  The head chunk, if it had
                # already been retried, is audited file by file to isolate the culprit.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(jobs, config, timeout)
                lost = list(pending)
                pending.clear()
                if retried:
                    lost.pop(0)
                    results = list(_rescue(chunk, config, timeout))
                for c, f, r in lost:
                    if _succeeded(f):  # finished before the pool broke: keep its results
                        pending.append((c, f, r))
                    else:
                        pending.append((c, _submit(pool, c), r or c is chunk))
                if not retried:
                    continue
            else:
                pending.popleft()
            if advance:
                advance(len(results))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[list[FileResult]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _submit(pool: ProcessPoolExecutor, chunk: list[Item]) -> Future[list[FileResult]]:
    """Submit a chunk; a pool already broken gives a future carrying that error."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(_audit_chunk, chunk)
    except BrokenProcessPool as exc:
        future: Future[list[FileResult]] = Future()
        future.set_exception(exc)
        return future


def _new_pool(jobs: int, config: Config, timeout: float | None) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(config, timeout, os.environ.get(AUDIT_HOOK_ENV)),
    )


def _rescue(chunk: list[Item], config: Config, timeout: float | None) -> Iterator[FileResult]:
    """Audit each file of a chunk that was on a dead worker, each in its own process."""
    from concurrent.futures.process import BrokenProcessPool

    for item in chunk:
        with _new_pool(1, config, timeout) as pool:
            try:
                yield pool.submit(_audit_chunk, [item]).result()[0]
            except BrokenProcessPool:
                yield FileResult(path=item[0], error="internal error: the worker process died")
