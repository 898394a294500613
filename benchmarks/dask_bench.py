"""Archive scale: articles/s with the Dask engine against the local engine.

    .venv/bin/python benchmarks/dask_bench.py [--copies 23] [--jobs1-files 2000] [--json]

Builds a folder of ``copies`` x the corpus (906 articles x 23 = 20,838 files) in a
temporary directory outside the repository (deleted afterwards), then times, over
the same file list (discovery excluded):

- ``local --jobs 1``: the pipeline in process on one core (the per-core rate), over
  the first ``jobs1-files`` files only (the rate, not the total, is what matters);
- ``local --jobs N``: the process pool on all cores;
- ``dask``: a ``LocalCluster`` with one single-threaded worker per core, cluster
  start-up included and also reported separately;
- the same two parallel engines with a no-op audit (read the file, return an empty
  result), so the difference per file is the overhead the engine itself adds.

Figures go in ``docs/archive.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from kzaudit import batch  # noqa: E402
from kzaudit.config import Config  # noqa: E402
from kzaudit.engines import AUDIT_HOOK_ENV  # noqa: E402
from kzaudit.read import read_bytes  # noqa: E402
from kzaudit.result import FileResult  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import machine  # noqa: E402  (what the figures were measured on)


def noop_audit(path: str, config: Config, data: bytes | None = None) -> FileResult:
    """Read the bytes, audit nothing: what is left is the engine's own cost."""
    if data is None:
        read_bytes(path)
    return FileResult(path=path)


def build_archive(root: Path, copies: int) -> None:
    sources = sorted(CORPUS.glob("*.txt"))
    for c in range(copies):
        folder = root / f"copy-{c:03d}"
        folder.mkdir()
        for src in sources:
            shutil.copyfile(src, folder / src.name)


def timed(files: list[str], **options: Any) -> dict[str, float]:
    """Wall time; for the in-process run also CPU time, which a busy machine barely skews."""
    started, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for _ in batch.run(files, Config(), **options))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert n == len(files)
    out = {"seconds": round(seconds, 2), "files_per_s": round(n / seconds, 1)}
    if options.get("jobs") == 1 and options.get("engine", "local") == "local":
        out["files_per_cpu_s"] = round(n / cpu, 1)
    return out


def cluster_startup() -> float:
    import logging

    import distributed

    started = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(os.cpu_count() or 1)
        return round(time.perf_counter() - started, 2)


def stage(out: dict[str, Any], name: str, value: Any) -> None:
    """Record a figure and show it at once (a long run killed half-way keeps its figures)."""
    out[name] = value
    print(f"{name:34} {value}", file=sys.stderr, flush=True)


def measure(copies: int, jobs1_files: int) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="kzaudit-dask-bench-"))
    try:
        build_archive(tmp, copies)
        files, errors = batch.discover([str(tmp)])
        assert not errors
        out: dict[str, Any] = {
            "files": len(files),
            "bytes": sum(os.path.getsize(f) for f in files),
            "cores": cores,
            "load_average_before": os.getloadavg()[0],
        }
        if jobs1_files:
            stage(out, "local_jobs1", timed(files[:jobs1_files], jobs=1))
        stage(out, "local_jobsN", timed(files, jobs=cores))
        stage(out, "dask_local_cluster", timed(files, engine="dask"))
        stage(out, "dask_cluster_startup_s", cluster_startup())
        os.environ[AUDIT_HOOK_ENV] = f"{Path(__file__).stem}:noop_audit"
        try:
            stage(out, "noop_local_jobsN", timed(files, jobs=cores))
            stage(out, "noop_dask", timed(files, engine="dask"))
        finally:
            del os.environ[AUDIT_HOOK_ENV]
        n = len(files)
        extra = out["noop_dask"]["seconds"] - out["noop_local_jobsN"]["seconds"]
        startup = out["dask_cluster_startup_s"]
        out["dask_overhead_ms_per_file_wall"] = round(1000 * (extra - startup) / n, 3)
        out["dask_overhead_ms_per_file_core"] = round(1000 * (extra - startup) * cores / n, 3)
        out["load_average_after"] = os.getloadavg()[0]
        out["machine"] = machine()
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=23, help="copies of the corpus")
    parser.add_argument(
        "--jobs1-files", type=int, default=2000, help="files for the one-core run (0: skip)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    figures = measure(args.copies, args.jobs1_files)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
