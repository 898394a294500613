"""The Dask engine: the same audit on a ``dask.distributed`` cluster.

The client ships paths (or URLs), never text: each task is a run of consecutive
files worth a few megabytes, which a worker reads through fsspec, audits with
``audit_one`` and returns as ``FileResult``s (or, with ``output_dir``, writes as a
JSONL shard and returns only what the exit code and summary need).  Results come
back as tasks complete and are re-ordered here, so renderers see exactly the
order of the local engine.  Tasks are pure functions of their files with shard
names fixed by partition index: a task re-run after a worker died overwrites its
own shard, so nothing is lost or counted twice.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from kzaudit.config import Config
from kzaudit.engines import EngineError, audit_one, internal_error, warm_up
from kzaudit.engines.local import Item
from kzaudit.result import FileResult

EXTRA_MISSING = "the dask engine needs the optional extra: pip install 'kzaudit[dask]'"
CONNECT_TIMEOUT = 10.0  # seconds; dask config key "kzaudit.connect-timeout" overrides
TASK_BYTES = 4 * 1024 * 1024  # a few megabytes of articles per task
TASK_FILES_MAX = 2000
DEFAULT_SIZE = 4096  # assumed size of a file whose size is unknown
RETRIES = 3
WINDOW_PER_THREAD = 4  # tasks in flight per worker thread


def _import_distributed() -> Any:
    try:
        import distributed
        import fsspec  # noqa: F401
    except ImportError:
        raise EngineError(EXTRA_MISSING) from None
    return distributed


def run_dask(
    items: Sequence[Item],
    config: Config,
    *,
    scheduler: str | None = None,
    timeout: float | None = None,
    output_dir: str | None = None,
    advance: Callable[[int], None] | None = None,
    task_bytes: int = TASK_BYTES,
    workers: int | None = None,
) -> Iterator[FileResult]:
    """Connect now (``EngineError`` if that fails), then audit ``items`` lazily on the
    cluster, yielding results in input order.  ``workers``: the size of the local
    cluster started when there is no ``scheduler`` (default: one per core)."""
    distributed = _import_distributed()
    client, cluster = _connect(distributed, scheduler, workers)
    return _results(
        distributed, client, cluster, items, config, timeout, output_dir, advance, task_bytes
    )


def _results(
    distributed: Any,
    client: Any,
    cluster: Any,
    items: Sequence[Item],
    config: Config,
    timeout: float | None,
    output_dir: str | None,
    advance: Callable[[int], None] | None,
    task_bytes: int,
) -> Iterator[FileResult]:
    try:
        threads = max(1, sum(client.nthreads().values()))
        parts = partition(items, task_bytes, min_parts=threads * 2)
        yield from _stream(distributed, client, parts, config, timeout, output_dir, advance)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(distributed: Any, scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    import dask

    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return distributed.Client(cluster), cluster
    wait = float(dask.config.get("kzaudit.connect-timeout", CONNECT_TIMEOUT))
    try:
        return distributed.Client(scheduler, timeout=wait), None
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None


def _size(path: str) -> int:
    from kzaudit.engines import fs

    size = fs.known_size(path)
    if size is None and not fs.has_protocol(path):
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
    return DEFAULT_SIZE if size is None else size


def partition(items: Sequence[Item], task_bytes: int, min_parts: int = 1) -> list[list[Item]]:
    """Runs of consecutive files of about ``task_bytes`` each (fewer for small batches)."""
    sizes = [len(data) if data is not None else _size(path) for path, data in items]
    total = sum(sizes)
    budget = max(1, min(task_bytes, total // max(1, min_parts)))
    parts: list[list[Item]] = []
    current: list[Item] = []
    used = 0
    for item, size in zip(items, sizes, strict=True):
        if current and (used + size > budget or len(current) >= TASK_FILES_MAX):
            parts.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    if current:
        parts.append(current)
    return parts


def audit_partition(
    index: int,
    items: list[Item],
    config: Config,
    timeout: float | None,
    output_dir: str | None,
    cwd: str = "",
) -> list[FileResult]:
    """The task a worker runs: read, audit, and (with ``output_dir``) write one shard.

    A relative local path is read from the client's working directory ``cwd`` (a
    worker's own may differ) but reported as the client wrote it.
    """
    from kzaudit.engines import fs
    from kzaudit.read import ReadError

    if timeout:
        warm_up(config)  # once per worker process; cheap afterwards
    results = []
    for path, data in items:
        if data is None and (fs.has_protocol(path) or not os.path.isabs(path)):
            try:
                data = fs.read_any(path if fs.has_protocol(path) else os.path.join(cwd, path))
            except ReadError as exc:
                results.append(FileResult(path=path, error=str(exc)))
                continue
        results.append(audit_one(path, config, data, timeout))
    if output_dir is None:
        return results
    fs.write_shard(output_dir, index, results)
    return [light(r) for r in results]


def light(result: FileResult) -> FileResult:
    """What the client still needs once a shard holds everything: findings and errors."""
    return FileResult(
        path=result.path,
        reference_date=result.reference_date,
        findings=result.findings,
        error=result.error,
    )


def _stream(
    distributed: Any,
    client: Any,
    parts: list[list[Item]],
    config: Config,
    timeout: float | None,
    output_dir: str | None,
    advance: Callable[[int], None] | None,
) -> Iterator[FileResult]:
    from dask.base import tokenize

    token = tokenize(os.getpid(), id(parts), len(parts))
    window = max(4, WINDOW_PER_THREAD * sum(client.nthreads().values()))
    [config_future] = client.scatter([config], broadcast=True, hash=False)
    done: dict[int, list[FileResult]] = {}
    index_of: dict[str, int] = {}
    queue = distributed.as_completed(loop=client.loop)  # not the default client's loop
    submitted = emitted = 0

    def _submit() -> None:
        nonlocal submitted
        while submitted < len(parts) and submitted - emitted < window:
            future = client.submit(
                audit_partition,
                submitted,
                parts[submitted],
                config_future,
                timeout,
                output_dir,
                os.getcwd(),
                key=f"kzaudit-{token}-{submitted:06d}",
                retries=RETRIES,
                pure=False,
            )
            index_of[future.key] = submitted
            queue.add(future)
            submitted += 1

    _submit()
    try:
        while emitted < len(parts):
            future = next(queue)
            index = index_of.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after every retry
                reason = internal_error(exc)
                results = [FileResult(path=path, error=reason) for path, _ in parts[index]]
            done[index] = results
            if advance:
                advance(len(results))
            future.release()
            while emitted in done:
                yield from done.pop(emitted)
                emitted += 1
            _submit()
    finally:
        queue.clear()
