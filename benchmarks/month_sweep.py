"""Month sweep: every month slip one article can hold, one at a time and two at once.

The planter (``benchmarks/planter.py``) moves one date of each article by four to
eight months.  This harness takes one article and tries them all: each date written
with a month name ("January 5", "5 January") is moved into every month two or more
away from its own, and the date rules must report the moved date.  Then pairs: two
dates moved at once (a seeded sample), each counted on its own, since an article may
hold more than one slip -- the seed article already holds one, "June 5" (a date the
rules already report is the article's own slip, and is not moved).

    .venv/bin/python benchmarks/month_sweep.py [ARTICLE] [--pairs N] [--seed N]

Defaults to the bundled seed, ``seeds/kazakhstan-unrest.txt``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

from kzaudit import pipeline
from kzaudit.config import Config
from kzaudit.extract.dates import vocab

sys.path.insert(0, str(Path(__file__).resolve().parent))

from detection import EXPECTED  # noqa: E402

# the rules the detection table counts for a month slip, weekday rules among them:
# "Friday, June 6" for "Friday, December 6" no longer falls on a Friday
DATE_RULES = frozenset(EXPECTED["month-slip"][1])
SEED = Path(__file__).resolve().parent.parent / "seeds" / "kazakhstan-unrest.txt"


def month_sites(text: str) -> list[tuple[int, int, int]]:
    """(start, end, month) of each month name the extractor reads as a day date's."""
    doc = pipeline.analyse(pipeline.read_document("x.txt", text.encode()))
    names = vocab().month_names
    sites = []
    for d in doc.dates:
        if d.precision != "day" or not d.month or d.year is not None:
            continue
        name = names[d.month]
        at = text.find(name, d.span.start, d.span.end)
        if at >= 0:
            sites.append((at, at + len(name), d.month))
    return sites


def _far(a: int, b: int) -> bool:
    """Two months apart or more, round the year."""
    return min((a - b) % 12, (b - a) % 12) >= 2


def caught(text: str, starts: list[int]) -> list[bool]:
    """Whether a date rule reports a finding over each of ``starts`` (a month name's
    first character: the finding may start before it, at a weekday: "Friday, June 6")."""
    result = pipeline.audit_path("x.txt", Config(), text.encode())
    found = [(f.start, f.end) for f in result.findings if f.rule in DATE_RULES]
    return [any(a <= s < b for a, b in found) for s in starts]


def move(text: str, moves: list[tuple[int, int, int]]) -> tuple[str, list[int]]:
    """``text`` with each (start, end, month) renamed, and the new starts."""
    names = vocab().month_names
    out, starts, shift, at = [], [], 0, 0
    for start, end, month in sorted(moves):
        out.append(text[at:start])
        starts.append(start + shift)
        out.append(names[month])
        shift += len(names[month]) - (end - start)
        at = end
    out.append(text[at:])
    return "".join(out), starts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", nargs="?", default=str(SEED))
    ap.add_argument("--pairs", type=int, default=330, help="pairs of slips sampled")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    text = Path(args.article).read_text(encoding="utf-8")
    # a date the rules already report is the article's own slip: it is left alone
    sites = [s for s in month_sites(text) if not caught(text, [s[0]])[0]]
    if not sites:
        print(f"{args.article}: no date with a month name", file=sys.stderr)
        return 2
    singles = [(s, m) for s in sites for m in range(1, 13) if _far(m, s[2])]
    hits = sum(caught(*move(text, [(s[0], s[1], m)]))[0] for s, m in singles)
    print(f"dates with a month name (not already reported): {len(sites)}")
    print(f"one slip:  {hits} of {len(singles)} caught ({100 * hits / len(singles):.1f}%)")
    rng = random.Random(args.seed)
    pairs = list(itertools.combinations(sites, 2))
    found = total = 0
    for _ in range(args.pairs if pairs else 0):
        a, b = rng.choice(pairs)
        ma = rng.choice([m for m in range(1, 13) if _far(m, a[2])])
        mb = rng.choice([m for m in range(1, 13) if _far(m, b[2])])
        moved, starts = move(text, [(a[0], a[1], ma), (b[0], b[1], mb)])
        flags = caught(moved, starts)
        found += sum(flags)
        total += len(flags)
    if total:
        print(f"two slips: {found} of {total} caught ({100 * found / total:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
