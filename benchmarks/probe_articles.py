"""Probe articles: short stories in current wire style with errors planted by hand.

Each file in ``benchmarks/probes/`` is one article written for this harness (AP, Reuters,
BBC and RFE/RL styles: disasters, unrest, elections, courts, economies), with its planted
errors marked ``[[right|wrong]]``.  The clean article takes every ``right``; each plant is
then tried alone, the other marks left right.  A plant is caught when a warning or error
that the clean article does not have covers the planted text; caught elsewhere when only
findings away from it are new (the other figure of a pair, say).  The clean articles
must give no warning at all.

Unlike ``detection.py``, which plants errors the way its planter was written to, these
plants were made one by one while probing the rules, and many stay missed on purpose:
a figure no other figure constrains, a date alone in its story, a second name for a
person written once.  They are a record, not a target.

    .venv/bin/python benchmarks/probe_articles.py [--misses] [--write-clean DIR]

With ``--write-clean DIR`` the clean articles are written to DIR too, so that the
planter can plant its own defects in them: ``detection.py --corpus DIR --no-fp`` gives
per-class recall on current wire style (the planter's figures above are on 2004-05
BBC stories).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kzaudit import pipeline
from kzaudit.config import Config

PROBES = Path(__file__).resolve().parent / "probes"
_PLANT = re.compile(r"\[\[(.*?)\|(.*?)\]\]", re.S)


def _findings(text: str) -> list[tuple[str, int, int, str]]:
    result = pipeline.audit_path("probe.txt", Config(), text.encode())
    return [(f.rule, f.start, f.end, f.message) for f in result.findings if f.severity != "info"]


def _variants(raw: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    """The clean text, and each plant alone: (its text, start, end, what it replaced)."""
    plants = list(_PLANT.finditer(raw))
    clean = _PLANT.sub(lambda m: m.group(1), raw)
    out = []
    for i, plant in enumerate(plants):
        pieces, at, start = [], 0, 0
        for j, other in enumerate(plants):
            pieces.append(raw[at : other.start()])
            if j == i:
                start = sum(map(len, pieces))
                pieces.append(other.group(2))
            else:
                pieces.append(other.group(1))
            at = other.end()
        pieces.append(raw[at:])
        text = "".join(pieces)
        out.append((text, start, start + len(plant.group(2)), plant.group(1)))
    return clean, out


def write_clean(folder: Path) -> None:
    """Each probe's clean article (every plant right) to ``folder``, under its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(PROBES.glob("*.txt")):
        clean, _ = _variants(path.read_text(encoding="utf-8"))
        (folder / path.name).write_text(clean, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every plant not caught")
    ap.add_argument(
        "--write-clean",
        metavar="DIR",
        type=Path,
        help="also write the clean articles to DIR (for detection.py --corpus DIR)",
    )
    args = ap.parse_args(argv)
    files = sorted(PROBES.glob("*.txt"))
    if args.write_clean is not None:
        write_clean(args.write_clean)
    planted = caught = elsewhere = clean_warnings = 0
    misses = []
    for path in files:
        clean, variants = _variants(path.read_text(encoding="utf-8"))
        base = _findings(clean)
        clean_warnings += len(base)
        for rule, _start, _end, message in base:
            print(f"{path.name}: clean article warns: {rule}: {message}")
        known = {(r, s) for r, s, _e, _m in base}
        for text, start, end, right in variants:
            new = [f for f in _findings(text) if (f[0], f[1]) not in known]
            planted += 1
            if any(s <= end and e >= start for _r, s, e, _m in new):
                caught += 1
            else:
                elsewhere += bool(new)
                misses.append(f"{path.name}: {right!r} -> {text[start:end]!r}")
    print(
        f"{len(files)} articles, {planted} plants: {caught} caught at the plant "
        f"({100 * caught / max(planted, 1):.1f}%), {elsewhere} only elsewhere; "
        f"{clean_warnings} warnings on the clean articles"
    )
    if args.misses:
        for line in misses:
            print("  missed", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
