"""Speed: start-up wall time against proselint, and throughput over the corpus.

    .venv/bin/python benchmarks/speed.py [--quick] [--json]

- start-up: the whole process ``kzaudit check seeds/kazakhstan-unrest.txt`` (median of
  several runs after one warm-up), next to ``proselint check`` on the same file;
- throughput: articles/s over ``../shared/corpus`` in process on one core (the
  pipeline alone), and through the CLI (``--format jsonl --no-progress``) with
  ``--jobs 1`` and ``--jobs <all cores>`` (start-up included).

The corpus is read in place, never copied.  ``measure()`` returns the figures as a
dict for ``benchmarks/run.py``; the helpers here are shared by the other harnesses.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "kazakhstan-unrest.txt"
BIN = Path(sys.executable).parent
KZAUDIT = str(BIN / "kzaudit")
PROSELINT = str(BIN / "proselint")

# Measure start-up as a user's install runs it: with bytecode caching.  Some sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every run recompile every module (+60 ms).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def corpus_files(limit: int | None = None) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    return files[:limit] if limit else files


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "nproc": cores(),
        "python": sys.version.split()[0],
        "platform": sys.platform,
    }


def wall(cmd: list[str], runs: int = 5, **kwargs: Any) -> dict[str, Any]:
    """Median wall time of a whole command (one warm-up run first); exit code kept."""
    rc = None
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
        elapsed = time.perf_counter() - t
        rc = proc.returncode
        if i:
            times.append(elapsed)
        if rc not in (0, 1):  # 1 = findings (kzaudit) or problems (proselint)
            return {"error": proc.stderr.decode(errors="replace").strip()[-200:], "rc": rc}
    return {"seconds": statistics.median(times), "min": min(times), "rc": rc}


def startup(runs: int = 5) -> dict[str, Any]:
    """Whole-process time on the seed article: kzaudit (JSON and terminal report, and
    with its start-up cache turned off) vs proselint, interleaved run by run.

    Each round runs every command once, in turn, so a slow spell of a shared host falls
    on all of them; besides the median wall time, each gets its median CPU time (user +
    system of the process, less moved by other load than wall time), and kzaudit's
    wall time over proselint's is taken round by round (``ratio``, median).
    """
    check = [KZAUDIT, "check", str(SEED), "--fail-on", "never"]
    no_cache = {**os.environ, "KZAUDIT_NO_CACHE": "1"}
    cmds: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "kzaudit": ([*check, "--format", "json"], None),
        "kzaudit_rich": (check, None),
        "kzaudit_no_cache": ([*check, "--format", "json"], no_cache),
    }
    if Path(PROSELINT).exists():
        cmds["proselint"] = ([PROSELINT, "check", str(SEED)], None)
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    out: dict[str, Any] = {}
    for i in range(runs + 1):  # the first round warms the caches
        for name, (cmd, env) in cmds.items():
            if name in out:
                continue
            before = os.times()
            t = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            elapsed = time.perf_counter() - t
            after = os.times()
            if proc.returncode not in (0, 1):  # 1 = findings (kzaudit) or problems (proselint)
                err = proc.stderr.decode(errors="replace").strip()[-200:]
                out[name] = {"error": err, "rc": proc.returncode}
                continue
            if i:
                walls[name].append(elapsed)
                cpus[name].append(
                    after.children_user + after.children_system
                    - before.children_user - before.children_system
                )  # fmt: skip
    for name in cmds:
        if name not in out:
            out[name] = {
                "seconds": statistics.median(walls[name]),
                "min": min(walls[name]),
                "cpu_seconds": statistics.median(cpus[name]),
            }
    if "proselint" not in cmds:
        out["proselint"] = {"error": "proselint not installed"}
    elif "error" not in out["proselint"] and "error" not in out["kzaudit"]:
        pairs = zip(walls["kzaudit"], walls["proselint"], strict=True)
        out["ratio"] = statistics.median(k / p for k, p in pairs)
    return out


def in_process(limit: int | None = None) -> dict[str, Any]:
    """The pipeline alone on one core: read + analyse + check every corpus article."""
    from kzaudit.pipeline import audit_path

    files = [str(f) for f in corpus_files(limit)]
    for f in files[:20]:  # warm caches, data files, lazy imports
        audit_path(f)
    t = time.perf_counter()
    crashes = 0
    for f in files:
        try:
            audit_path(f)
        except Exception:  # noqa: BLE001 - a benchmark counts crashes, it does not stop
            crashes += 1
    elapsed = time.perf_counter() - t
    return {
        "files": len(files),
        "seconds": elapsed,
        "per_s": len(files) / elapsed,
        "ms_per_article": 1000 * elapsed / len(files),
        "crashes": crashes,
    }


def cli_throughput(paths: list[str], jobs: int, n_files: int) -> dict[str, Any]:
    """``kzaudit check PATH --format jsonl --jobs N`` over ``n_files`` articles, whole process."""
    cmd = [KZAUDIT, "check", *paths, "--format", "jsonl", "--no-progress", "--fail-on", "never"]
    cmd += ["--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        return {"error": proc.stderr.decode(errors="replace").strip()[-200:], "jobs": jobs}
    return {"jobs": jobs, "files": n_files, "seconds": elapsed, "per_s": n_files / elapsed}


def measure(quick: bool = False) -> dict[str, Any]:
    limit = 200 if quick else None
    files = corpus_files(limit)
    paths = [str(CORPUS)] if limit is None else [str(f) for f in files]
    return {
        "machine": machine(),
        "startup": startup(3 if quick else 5),
        "in_process": in_process(limit),
        "cli_jobs_1": cli_throughput(paths, 1, len(files)),
        "cli_jobs_all": cli_throughput(paths, cores(), len(files)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="200 articles, 3 start-up runs")
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = ap.parse_args()
    figures = measure(args.quick)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
