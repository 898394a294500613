"""Batch: find the files to audit and run the audit function over them.

(Minimal sequential version; the engines — process pool, Dask — are being built.)

API used by the CLI:
- ``discover(paths, include, exclude) -> (files, errors)``: files in sorted, stable order;
  errors are ``FileResult``s carrying a one-line reason (missing path, symlink loop, ...).
- ``run(files, config, *, jobs, engine, scheduler, timeout, progress, stdin_data)``
  -> iterator of ``FileResult`` in the order of ``files``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from kzaudit.config import Config
from kzaudit.pipeline import audit_path
from kzaudit.result import FileResult

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN = "-"


def discover(
    paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[list[str], list[FileResult]]:
    files: list[str] = []
    errors: list[FileResult] = []
    for p in paths:
        path = Path(p)
        if p == STDIN or path.is_file():
            files.append(p)
        elif path.is_dir():
            files.extend(
                str(f)
                for f in sorted(path.rglob("*"))
                if f.suffix.lower() in DEFAULT_EXTENSIONS and f.is_file()
            )
        else:
            errors.append(FileResult(path=p, error="no such file or directory"))
    return files, errors


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
) -> Iterator[FileResult]:
    for f in files:
        if f == STDIN:
            data = stdin_data if stdin_data is not None else sys.stdin.buffer.read()
            yield audit_path("<stdin>", config, data=data)
        else:
            yield audit_path(f, config)
