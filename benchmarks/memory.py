"""Memory: peak RSS of ``kzaudit check`` on a 10 MB article and over 10,000 files.

    .venv/bin/python benchmarks/memory.py [--quick]

Peak RSS is the largest sum of resident memory over the whole process tree (the CLI
and any worker processes), sampled every 20 ms with psutil.  The inputs are built
from corpus articles in a temporary directory that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from speed import KZAUDIT, cores, corpus_files

MB = 1024 * 1024
TIMEOUT = 150.0  # seconds per command


def peak_rss(
    cmd: list[str], timeout: float = TIMEOUT, out: Any = subprocess.DEVNULL
) -> dict[str, Any]:
    """Run ``cmd``; the peak of its process tree's summed RSS, and its wall time.

    A run longer than ``timeout`` seconds is stopped (its whole tree) and reported.
    """
    import psutil

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            tree = []
        for p in tree:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
        peak = max(peak, total)
        if time.perf_counter() - t > timeout:
            for p in reversed(tree):
                with contextlib.suppress(psutil.Error):
                    p.kill()
            proc.wait()
            return {"error": f"stopped after {timeout:.0f} s", "peak_mb": peak / MB}
        time.sleep(0.02)
    elapsed = time.perf_counter() - t
    err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        return {"error": err[-200:], "rc": proc.returncode}
    result = {"peak_mb": peak / MB, "seconds": elapsed}
    if proc.stdout is not None:
        result["stdout"] = proc.stdout.read().decode(errors="replace")
    return result


def big_article(path: Path, size: int) -> Path:
    """One article of ``size`` bytes made of corpus articles, paragraphs kept."""
    texts = [f.read_bytes() for f in corpus_files()]
    out = bytearray()
    i = 0
    while len(out) < size:
        out += texts[i % len(texts)] + b"\n\n"
        i += 1
    path.write_bytes(bytes(out[:size]))
    return path


def many_files(folder: Path, count: int) -> Path:
    """``count`` article files (corpus articles copied round-robin)."""
    files = corpus_files()
    folder.mkdir()
    for i in range(count):
        shutil.copyfile(files[i % len(files)], folder / f"a{i:06d}.txt")
    return folder


def measure(quick: bool = False, big: bool = True) -> dict[str, Any]:
    """Peak RSS; ``big=False`` leaves out the 10 MB article (``scaling.py`` measures it)."""
    size = (1 if quick else 10) * MB
    count = 1_000 if quick else 10_000
    base = [KZAUDIT, "check", "--no-progress", "--fail-on", "never"]
    one: dict[str, Any] = {"error": "measured by scaling.py"}
    with tempfile.TemporaryDirectory(prefix="kzaudit-mem-") as tmp:
        if big:
            article = big_article(Path(tmp) / "big.txt", size)
            one = peak_rss([*base, str(article), "--format", "json"])
        folder = many_files(Path(tmp) / "many", count)
        jobs1 = peak_rss([*base, str(folder), "--format", "jsonl", "--jobs", "1"])
        # A pool's memory is per worker and flat after warm-up: a fifth of the files tells it.
        pool = many_files(Path(tmp) / "pool", count // 5)
        jobs_all = peak_rss([*base, str(pool), "--format", "jsonl", "--jobs", str(cores())])
    return {
        "article_mb": size / MB,
        "big_article": one,
        "files": count,
        "folder_jobs_1": jobs1,
        "folder_jobs_all": {**jobs_all, "jobs": cores(), "files": count // 5},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 MB article, 1,000 files")
    args = ap.parse_args()
    print(json.dumps(measure(args.quick), indent=2))


if __name__ == "__main__":
    main()
