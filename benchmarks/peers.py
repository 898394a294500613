"""Peers side by side on the same files: kzaudit, proselint, textlint.

    .venv/bin/python benchmarks/peers.py [--quick] [--textlint-dir /tmp/textlint]

For each tool: whole-process wall time on the seed article, how many of the seed's
four planted defects it reports (a report whose position falls on the defect), how
many problems it reports there in all, and articles/s over the same corpus files
in one process (one core; start-up included).

proselint comes from the venv.  textlint (with textlint-rule-write-good and
textlint-rule-common-misspellings) is installed with npm into a temporary folder
outside the repository (``--textlint-dir``, default ``/tmp/textlint``) when it is not
there yet; if npm fails, its figures are "n/a" with the reason.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from speed import KZAUDIT, PROSELINT, SEED, corpus_files, wall

TEXTLINT_DIR = Path("/tmp/textlint")
TEXTLINT_PACKAGES = ("textlint", "textlint-rule-write-good", "textlint-rule-common-misspellings")
# The seed's planted defects, located by their text (the comma ends its paragraph).
SEED_DEFECTS = {"June 5": "June 5", "CTSO": "CTSO", "afront": "afront", "comma": "six months,"}


def _defect_offsets() -> dict[str, tuple[int, int]]:
    text = SEED.read_text(encoding="utf-8")
    spans = {}
    for name, needle in SEED_DEFECTS.items():
        i = text.find(needle)
        if i != -1:
            spans[name] = (i, i + len(needle))
    if "comma" in spans:  # only the comma itself
        end = spans["comma"][1]
        spans["comma"] = (end - 1, end)
    return spans


def _offset(text: str, line: int, column: int) -> int:
    """0-based offset of a 1-based line and column."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts[line - 1] + column - 1


def _hits(offsets: list[int]) -> list[str]:
    spans = _defect_offsets()
    return sorted(name for name, (a, b) in spans.items() if any(a - 1 <= o <= b for o in offsets))


def ensure_textlint(folder: Path = TEXTLINT_DIR) -> tuple[Path | None, str]:
    """The textlint binary (installing it with npm if needed), or None and the reason."""
    binary = folder / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary, ""
    if shutil.which("npm") is None:
        return None, "npm not installed"
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent", *TEXTLINT_PACKAGES],
        cwd=folder,
        capture_output=True,
        timeout=600,
    )
    if proc.returncode != 0 or not binary.exists():
        reason = proc.stderr.decode(errors="replace").strip().splitlines()
        return None, "npm install failed: " + (reason[-1] if reason else f"rc {proc.returncode}")
    return binary, ""


def _seed_kzaudit() -> tuple[int, list[str]]:
    out = subprocess.run(
        [KZAUDIT, "check", str(SEED), "--format", "json", "--fail-on", "never"],
        capture_output=True,
    ).stdout
    findings = json.loads(out)["files"][0]["findings"]
    return len(findings), _hits([f["start"] for f in findings])


def _seed_proselint() -> tuple[int, list[str]]:
    out = subprocess.run([PROSELINT, "check", "-o", "json", str(SEED)], capture_output=True).stdout
    diags = [d for f in json.loads(out)["result"].values() for d in f.get("diagnostics", [])]
    return len(diags), _hits([d["span"][0] for d in diags])


def _textlint_cmd(binary: Path, fmt: str = "json") -> list[str]:
    return [str(binary), "--rule", "write-good", "--rule", "common-misspellings", "-f", fmt]


def _seed_textlint(binary: Path) -> tuple[int, list[str]]:
    out = subprocess.run(
        [*_textlint_cmd(binary), str(SEED)], capture_output=True, cwd=binary.parents[2]
    ).stdout
    text = SEED.read_text(encoding="utf-8")
    msgs = [m for f in json.loads(out) for m in f["messages"]]
    return len(msgs), _hits([_offset(text, m["line"], m["column"]) for m in msgs])


def _throughput(cmd: list[str], files: list[Path], cwd: Path | None = None) -> dict[str, Any]:
    t = time.perf_counter()
    proc = subprocess.run(
        [*cmd, *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd
    )
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        return {"error": proc.stderr.decode(errors="replace").strip()[-200:]}
    return {"files": len(files), "seconds": elapsed, "per_s": len(files) / elapsed}


def _tool(seed_cmd: list[str], seed_fn, corpus_cmd: list[str], files, runs, cwd=None) -> dict:
    try:
        count, hits = seed_fn()
    except (OSError, ValueError, KeyError, IndexError) as exc:
        count, hits = None, [f"n/a ({exc})"]
    return {
        "startup": wall([*seed_cmd, str(SEED)], runs, cwd=cwd),
        "seed_findings": count,
        "seed_defects_found": hits,
        "corpus": _throughput(corpus_cmd, files, cwd),
    }


def measure(quick: bool = False, textlint_dir: Path = TEXTLINT_DIR) -> dict[str, Any]:
    files = corpus_files(100 if quick else 300)
    runs = 2 if quick else 3
    kz = [KZAUDIT, "check", "--format", "json", "--fail-on", "never", "--no-progress"]
    out = {
        "files": len(files),
        "kzaudit": _tool(kz, _seed_kzaudit, [*kz, "--jobs", "1"], files, runs),
        "proselint": _tool(
            [PROSELINT, "check"], _seed_proselint, [PROSELINT, "check"], files, runs
        ),
    }
    binary, reason = ensure_textlint(textlint_dir)
    if binary is None:
        out["textlint"] = {"error": reason}
    else:
        cmd = _textlint_cmd(binary)
        out["textlint"] = _tool(
            cmd, lambda: _seed_textlint(binary), cmd, files, runs, cwd=binary.parents[2]
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100 articles, 2 start-up runs")
    ap.add_argument("--textlint-dir", type=Path, default=TEXTLINT_DIR)
    args = ap.parse_args()
    print(json.dumps(measure(args.quick, args.textlint_dir), indent=2))


if __name__ == "__main__":
    main()
