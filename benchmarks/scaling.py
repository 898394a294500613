"""Scaling: pipeline time against article size, 1 KB to 10 MB (is it linear?).

    .venv/bin/python benchmarks/scaling.py [--quick]

Each article is built from corpus paragraphs (real prose, real figures), then read,
analysed and checked in process.  Linear means the microseconds per KB stay flat
as the size grows a thousandfold; the ``slope`` is the log-log exponent between the
smallest size that takes a measurable time and the largest (1.0 = linear, 2.0 =
quadratic).  Each size runs in a fresh process with a time limit (``TIMEOUT``), so a
superlinear pipeline shows up as a timeout instead of stalling the whole run; the
child's peak RSS is reported too (the memory figure for a 10 MB article).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from typing import Any

from speed import corpus_files

KB = 1024
SIZES = (1 * KB, 10 * KB, 100 * KB, 1024 * KB, 10 * 1024 * KB)
TIMEOUT = 90.0  # seconds per size: a size that takes longer is reported as a timeout


def _prose(size: int) -> str:
    paragraphs: list[str] = []
    for f in corpus_files():
        paragraphs += [p for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    n = 0
    i = 0
    while n < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        n += len(p) + 2
        i += 1
    return "\n\n".join(out)[:size]


def time_once(text: str) -> float:
    from kzaudit.pipeline import audit_document
    from kzaudit.read import document_from_source

    t = time.perf_counter()
    audit_document(document_from_source("article.txt", text))
    return time.perf_counter() - t


def _one(size: int) -> float:
    """Best time over a few runs for one size, warmed up (runs in a child process)."""
    time_once(_prose(4 * KB))  # warm-up: data files, lazy imports
    text = _prose(size)
    repeat = max(1, min(20, (100 * KB) // size))
    return min(time_once(text) for _ in range(repeat))


def _timed_child(size: int, timeout: float) -> dict[str, Any]:
    """``_one(size)`` in a fresh process: its seconds and the process's peak RSS."""
    from memory import peak_rss

    run = peak_rss([sys.executable, __file__, "--one", str(size)], timeout, subprocess.PIPE)
    if "error" in run:
        return {"timeout": timeout, "peak_mb": run.get("peak_mb")}
    return {"seconds": float(run["stdout"].split()[-1]), "peak_mb": run["peak_mb"]}


def measure(quick: bool = False, timeout: float = TIMEOUT) -> dict[str, Any]:
    sizes = SIZES[:-1] if quick else SIZES
    rows = []
    for size in sizes:
        row = {"kb": size / KB, **_timed_child(size, timeout)}
        rows.append(row)
        if "timeout" in row:
            break  # larger sizes would only take longer
        row["us_per_kb"] = 1e6 * row["seconds"] / row["kb"]
    timed = [r for r in rows if "seconds" in r]
    first = timed[1] if len(timed) > 2 else timed[0]
    last = timed[-1]
    slope = math.log(last["seconds"] / first["seconds"]) / math.log(last["kb"] / first["kb"])
    return {"sizes": rows, "slope": slope, "slope_range_kb": [first["kb"], last["kb"]]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="stop at 1 MB")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(_one(args.one))
        return
    print(json.dumps(measure(args.quick), indent=2))


if __name__ == "__main__":
    main()
