"""Scaling: pipeline time against article size, 1 KB to 10 MB (is it linear?).

    .venv/bin/python benchmarks/scaling.py [--quick]

Each article is built from corpus paragraphs (real prose, real figures), then read,
analysed and checked in process.  Linear means the microseconds per KB stay flat
as the size grows a thousandfold; the ``slope`` is the log-log exponent between the
smallest size that takes a measurable time and the largest (1.0 = linear, 2.0 =
quadratic).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from typing import Any

from speed import corpus_files

KB = 1024
SIZES = (1 * KB, 10 * KB, 100 * KB, 1024 * KB, 10 * 1024 * KB)


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


def measure(quick: bool = False) -> dict[str, Any]:
    sizes = SIZES[:-1] if quick else SIZES
    time_once(_prose(4 * KB))  # warm-up: data files, lazy imports
    rows = []
    for size in sizes:
        text = _prose(size)
        repeat = max(1, min(20, (100 * KB) // size))
        seconds = min(time_once(text) for _ in range(repeat))
        rows.append({"kb": size / KB, "seconds": seconds, "us_per_kb": 1e6 * seconds / (size / KB)})
    first, last = rows[1] if len(rows) > 2 else rows[0], rows[-1]
    slope = math.log(last["seconds"] / first["seconds"]) / math.log(last["kb"] / first["kb"])
    return {"sizes": rows, "slope": slope}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="stop at 1 MB")
    args = ap.parse_args()
    print(json.dumps(measure(args.quick), indent=2))


if __name__ == "__main__":
    main()
