"""Every benchmark figure in one table.

    .venv/bin/python benchmarks/run.py [--quick] [--markdown] [--json] [--skip NAME,...]

Runs speed, scaling, memory and peers (this folder), and the quality harnesses
other benchmarks provide (``detection.py``, ``extraction.py``, ``false_positives.py``:
their ``measure()``, when the module exists), then prints one table.  ``--quick``
shrinks every input (about a minute); the full run stays under five minutes on two
cores.  ``docs/benchmarks.md`` holds the latest figures.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import memory  # noqa: E402
import peers  # noqa: E402
import scaling  # noqa: E402
import speed  # noqa: E402

Row = tuple[str, str]


def _s(x: dict[str, Any], key: str = "seconds", scale: float = 1000, unit: str = "ms") -> str:
    if "error" in x:
        return f"n/a ({x['error']})"
    return f"{x[key] * scale:,.0f} {unit}"


def _ratio(startup: dict[str, Any]) -> str:
    return f"{startup['ratio']:.2f}x" if "ratio" in startup else "n/a"


def _rate(x: dict[str, Any]) -> str:
    if "error" in x:
        return f"n/a ({x['error']})"
    return f"{x['per_s']:,.0f} articles/s ({x['files']} files, {x['seconds']:.1f} s)"


def speed_rows(f: dict[str, Any]) -> list[Row]:
    m = f["machine"]
    ip = f["in_process"]
    return [
        ("machine", f"{m['cpu']}, {m['nproc']} cores, Python {m['python']}"),
        ("start-up: kzaudit check seed --format json (whole process)", _s(f["startup"]["kzaudit"])),
        ("start-up: kzaudit check seed, terminal report", _s(f["startup"]["kzaudit_rich"])),
        ("start-up: kzaudit, start-up cache off", _s(f["startup"]["kzaudit_no_cache"])),
        ("start-up: proselint check seed (whole process)", _s(f["startup"]["proselint"])),
        (
            "start-up: CPU time, kzaudit / proselint",
            f"{_s(f['startup']['kzaudit'], 'cpu_seconds')} / "
            f"{_s(f['startup']['proselint'], 'cpu_seconds')}",
        ),
        ("start-up: kzaudit / proselint, run by run (median)", _ratio(f["startup"])),
        (
            "throughput, in process, 1 core (pipeline only)",
            f"{ip['per_s']:,.0f} articles/s ({ip['ms_per_article']:.2f} ms/article,"
            f" {ip['crashes']} crashes)",
        ),
        ("throughput, CLI --jobs 1 (start-up included)", _rate(f["cli_jobs_1"])),
        (
            f"throughput, CLI --jobs {f['machine']['nproc']} (start-up included)",
            _rate(f["cli_jobs_all"]),
        ),
    ]


def scaling_rows(f: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for r in f["sizes"]:
        label = f"time, {r['kb']:,.0f} KB article (in process)"
        mem = f", peak RSS {r['peak_mb']:,.0f} MB" if r.get("peak_mb") else ""
        if "timeout" in r:
            rows.append((label, f"> {r['timeout']:.0f} s (stopped: superlinear){mem}"))
        else:
            ms = r["seconds"] * 1000
            rows.append((label, f"{ms:,.1f} ms ({r['us_per_kb']:,.0f} µs/KB){mem}"))
    a, b = f["slope_range_kb"]
    rows.append((f"scaling exponent {a:,.0f}-{b:,.0f} KB (1.0 = linear)", f"{f['slope']:.2f}"))
    return rows


def memory_rows(f: dict[str, Any]) -> list[Row]:
    def mem(x: dict[str, Any]) -> str:
        if "error" in x:
            return f"n/a ({x['error']})"
        return f"{x['peak_mb']:,.0f} MB peak RSS ({x['seconds']:.1f} s)"

    n = f"{f['files']:,}"
    rows = []
    if f["big_article"].get("error") != "measured by scaling.py":
        rows.append((f"memory, one {f['article_mb']:.0f} MB article", mem(f["big_article"])))
    return rows + [
        (f"memory, folder of {n} files, --jobs 1", mem(f["folder_jobs_1"])),
        (
            f"memory, folder of {f['folder_jobs_all'].get('files', 0):,} files,"
            f" --jobs {f['folder_jobs_all'].get('jobs', '?')}",
            mem(f["folder_jobs_all"]),
        ),
    ]


def peers_rows(f: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for tool in ("kzaudit", "proselint", "textlint"):
        t = f.get(tool, {})
        if "error" in t:
            rows.append((f"peer {tool}", f"n/a ({t['error']})"))
            continue
        hits = t["seed_defects_found"]
        rows += [
            (f"peer {tool}: seed, whole process", _s(t["startup"])),
            (
                f"peer {tool}: seed defects found (of 4)",
                f"{len(hits)} {hits} — {t['seed_findings']} reports in all",
            ),
            (f"peer {tool}: {f['files']} corpus articles, 1 process", _rate(t["corpus"])),
        ]
    return rows


def _flatten(prefix: str, value: Any, out: list[Row], depth: int = 0) -> None:
    """Scalar leaves of a nested dict as rows (numbers rounded), a few levels deep."""
    if isinstance(value, dict) and depth < 2:
        for k, v in value.items():
            if k in ("articles", "findings", "misses", "spurious", "top", "crashes_list"):
                continue
            _flatten(f"{prefix} {k}", v, out, depth + 1)
    elif isinstance(value, bool | str):
        out.append((prefix, str(value)))
    elif isinstance(value, int | float):
        out.append((prefix, f"{value:.3f}" if isinstance(value, float) else f"{value:,}"))


def _pr(p: float | None, r: float | None) -> str:
    if p is None or r is None:
        return "n/a"
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"precision {p:.2f}, recall {r:.2f}, F1 {f1:.2f}"


def quality_rows(name: str, f: dict[str, Any]) -> list[Row]:
    if name == "extraction" and "kinds" in f:
        return [
            (
                f"extraction {kind} (gold set)",
                _pr(s.get("precision"), s.get("recall"))
                + f" (tp {s.get('tp')}, fp {s.get('fp')}, fn {s.get('fn')})",
            )
            for kind, s in f["kinds"].items()
        ]
    if name == "random_slips":
        return [
            (
                f"random slips {cls} (seed 1)",
                f"recall {c['recall']:.3f} ({c['found']} of {c['planted']})",
            )
            for cls, c in f.items()
        ]
    rows: list[Row] = []
    _flatten(name, f, rows)
    return rows[:15]


HARNESSES: dict[str, tuple[Callable[[bool], dict[str, Any]], Callable]] = {
    "speed": (speed.measure, speed_rows),
    "scaling": (scaling.measure, scaling_rows),
    "memory": (functools.partial(memory.measure, big=False), memory_rows),
    "peers": (peers.measure, peers_rows),
}
QUALITY = ("detection", "extraction", "false_positives", "random_slips")


def _quality(name: str) -> dict[str, Any] | None:
    if not (HERE / f"{name}.py").exists():
        return None
    return importlib.import_module(name).measure()


def run(quick: bool, skip: set[str]) -> tuple[list[Row], dict[str, Any]]:
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    for name, (fn, fmt) in HARNESSES.items():
        if name in skip:
            continue
        t = time.perf_counter()
        try:
            raw[name] = fn(quick)
            rows += fmt(raw[name])
        except Exception as exc:  # noqa: BLE001 - one broken harness must not hide the rest
            traceback.print_exc()
            rows.append((name, f"n/a ({type(exc).__name__}: {exc})"))
        print(f"[{name}: {time.perf_counter() - t:.0f} s]", file=sys.stderr)
    for name in QUALITY:
        if name in skip:
            continue
        try:
            found = _quality(name)
        except Exception as exc:  # noqa: BLE001
            rows.append((name, f"n/a ({type(exc).__name__}: {exc})"))
            continue
        if found is not None:
            raw[name] = found
            rows += quality_rows(name, found)
    return rows, raw


def table(rows: list[Row], markdown: bool) -> str:
    if markdown:
        lines = ["| figure | value |", "|---|---|"]
        lines += [f"| {k} | {v.replace('|', '/')} |" for k, v in rows]
        return "\n".join(lines)
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs, about a minute")
    ap.add_argument("--markdown", action="store_true", help="a Markdown table (for the docs)")
    ap.add_argument("--json", action="store_true", help="the raw figures as JSON")
    ap.add_argument("--skip", default="", help="comma-separated harnesses to leave out")
    args = ap.parse_args()
    rows, raw = run(args.quick, {s.strip() for s in args.skip.split(",") if s.strip()})
    if args.json:
        print(json.dumps(raw, indent=2, default=str))
    else:
        print(table(rows, args.markdown))


if __name__ == "__main__":
    main()
