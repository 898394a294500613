"""Score kzaudit's extraction against the hand-annotated gold set in ``fixtures/gold/``.

Each ``<name>.txt`` has a ``<name>.expected.toml`` (conventions: ``docs/extraction.md``).
The article goes through ``kzaudit.pipeline.analyse`` exactly as ``kzaudit check`` would
(reference date from the expected file when given, else the pipeline's own dateline
detection); then every expected item is matched one-to-one with an overlapping predicted
item that agrees on the scored attributes:

- claims: value (and ``upper`` when given), category and qualifier;
- dates: the normalised date, at the precision the gold gives (day, ISO week, month, year);
- durations: the value when the gold gives one (informational, no target yet);
- attributions: the source (case-insensitive; a leading "the" and ’/' ignored; ``alt``).

Usage::

    .venv/bin/python benchmarks/extraction.py [--verbose] [--json] [--markdown] [NAME...]

``measure()`` returns the same figures as a dict for a combined runner.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold"
KINDS = ("claims", "dates", "attributions", "durations")
TABLES = {
    "claims": "claim",
    "dates": "date",
    "attributions": "attribution",
    "durations": "duration",
}
QUALIFIERS = frozenset(
    ("exact", "about", "more_than", "at_least", "less_than", "up_to", "nearly", "vague")
)
CATEGORIES = frozenset(
    (
        "deaths",
        "injured",
        "hospitalised",
        "arrested",
        "evacuated",
        "troops",
        "protesters",
        "rescuers",
        "missing",
        "dismissed",
        "money",
        "percent",
        "population",
        "age",
        "other",
    )
)
CLAIM_KINDS = frozenset(
    ("count", "money", "percent", "age", "population", "year", "ordinal", "range")
)
_WEEK = regex.compile(r"(\d{4})-W(\d{2})")
_MONTH = regex.compile(r"(\d{4})-(\d{2})")
_YEAR = regex.compile(r"\d{4}")

if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from kzaudit.compat import tomllib  # noqa: E402

# -- gold files ---------------------------------------------------------------------------


@dataclass
class GoldItem:
    """One expected item, located in the article."""

    kind: str
    data: dict[str, Any]
    start: int
    end: int

    @property
    def optional(self) -> bool:
        return bool(self.data.get("optional", False))


@dataclass
class Gold:
    name: str
    text: str
    reference_date: dt.date | None
    items: dict[str, list[GoldItem]] = field(default_factory=dict)


class GoldError(Exception):
    """A malformed expected file; the message names the file, item and reason."""


def gold_names(root: Path = GOLD) -> list[str]:
    return sorted(p.name[: -len(".expected.toml")] for p in root.glob("*.expected.toml"))


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def locate(text: str, starts: list[int], line: int, needle: str, occurrence: int = 1) -> int:
    """Offset of the ``occurrence``-th whole-word match of ``needle`` on ``line`` (1-based)."""
    if not 1 <= line <= len(starts):
        raise GoldError(f"line {line} out of range")
    begin = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    lead = r"(?<!\w)" if needle[:1].isalnum() else ""
    trail = r"(?!\w)" if needle[-1:].isalnum() else ""
    pattern = regex.compile(lead + regex.escape(needle) + trail)
    found = [m.start() for m in pattern.finditer(text, begin, end)]
    if len(found) < occurrence:
        raise GoldError(f"{needle!r} occurrence {occurrence} not found on line {line}")
    return found[occurrence - 1]


def load_gold(name: str, root: Path = GOLD) -> Gold:
    """Read an article and its expected file, locating every item."""
    text = (root / f"{name}.txt").read_text(encoding="utf-8")
    with open(root / f"{name}.expected.toml", "rb") as fh:
        data = tomllib.load(fh)
    ref = data.get("reference_date")
    gold = Gold(name, text, dt.date.fromisoformat(ref) if ref else None)
    starts = line_starts(text)
    for kind, table in TABLES.items():
        items = []
        for i, entry in enumerate(data.get(table, [])):
            where = f"{name}: [[{table}]] #{i + 1} ({entry.get('text')!r})"
            try:
                start = locate(
                    text, starts, int(entry["line"]), entry["text"], int(entry.get("occurrence", 1))
                )
            except (KeyError, GoldError) as exc:
                raise GoldError(f"{where}: {exc}") from None
            items.append(GoldItem(kind, entry, start, start + len(entry["text"])))
        gold.items[kind] = items
    return gold


def parse_gold_date(value: str) -> tuple[str, Any]:
    """``(precision, value)`` of a gold date: day, week, month, year, or none for ``""``."""
    if value == "":
        return "none", None
    if m := _WEEK.fullmatch(value):
        return "week", (int(m[1]), int(m[2]))
    if m := _MONTH.fullmatch(value):
        dt.date(int(m[1]), int(m[2]), 1)  # validates the month
        return "month", (int(m[1]), int(m[2]))
    if _YEAR.fullmatch(value):
        return "year", int(value)
    return "day", dt.date.fromisoformat(value)


def validate(gold: Gold) -> list[str]:
    """Schema problems of one expected file (empty when it is well formed)."""
    problems = []
    for item in gold.items["claims"]:
        d = item.data
        where = f"{gold.name}: claim {d.get('text')!r} line {d.get('line')}"
        for key in ("value", "qualifier", "category"):
            if key not in d:
                problems.append(f"{where}: missing {key}")
        if not isinstance(d.get("value", 0), int | float):
            problems.append(f"{where}: value is not a number")
        if d.get("qualifier", "exact") not in QUALIFIERS:
            problems.append(f"{where}: unknown qualifier {d['qualifier']!r}")
        if d.get("category", "other") not in CATEGORIES:
            problems.append(f"{where}: unknown category {d['category']!r}")
        if d.get("kind", "count") not in CLAIM_KINDS:
            problems.append(f"{where}: unknown kind {d['kind']!r}")
    for item in gold.items["dates"]:
        d = item.data
        if "date" not in d:
            problems.append(f"{gold.name}: date {d.get('text')!r}: missing date")
            continue
        try:
            parse_gold_date(d["date"])
        except ValueError as exc:
            problems.append(f"{gold.name}: date {d.get('text')!r}: {d['date']!r} ({exc})")
    for kind, items in gold.items.items():
        ordered = sorted(items, key=lambda g: g.start)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if b.start < a.end:
                problems.append(
                    f"{gold.name}: {kind} {a.data['text']!r} and {b.data['text']!r} overlap"
                )
    for item in gold.items["attributions"]:
        if not item.data.get("source"):
            problems.append(f"{gold.name}: attribution {item.data.get('text')!r}: no source")
    return problems


# -- predictions --------------------------------------------------------------------------


@dataclass
class Pred:
    """A predicted item reduced to what scoring needs."""

    start: int
    end: int
    text: str
    attrs: dict[str, Any]


def predict(gold: Gold) -> dict[str, list[Pred]]:
    """Run the pipeline's analysis on the article, as ``kzaudit check`` would."""
    from kzaudit.config import Config
    from kzaudit.pipeline import analyse
    from kzaudit.read import document_from_text

    doc = document_from_text(f"{gold.name}.txt", gold.text)
    analyse(doc, Config(as_of=gold.reference_date))
    return {
        "claims": [
            Pred(
                c.span.start,
                c.span.end,
                c.text,
                {
                    "value": c.value,
                    "upper": c.upper,
                    "qualifier": c.qualifier,
                    "category": c.category,
                    "kind": c.kind,
                },
            )
            for c in doc.claims
        ],
        "dates": [
            Pred(d.span.start, d.span.end, d.text, {"date": d.date, "precision": d.precision})
            for d in doc.dates
        ],
        "durations": [
            Pred(d.span.start, d.span.end, d.text, {"value": d.value, "unit": d.unit})
            for d in doc.durations
        ],
        "attributions": [
            Pred(a.span.start, a.span.end, doc.slice(a.span), {"source": a.source})
            for a in doc.attributions
        ],
    }


# -- matching -----------------------------------------------------------------------------


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= max(1e-9, 0.005 * abs(float(b)))


def _norm_source(s: str) -> str:
    s = s.replace("’", "'").strip().lower()
    return s[4:] if s.startswith("the ") else s


def _date_in(gold_value: str, got: dt.date | None) -> bool:
    precision, want = parse_gold_date(gold_value)
    if precision == "none":
        return got is None
    if got is None:
        return False
    if precision == "day":
        return got == want
    if precision == "week":
        iso = got.isocalendar()
        return (iso[0], iso[1]) == want
    if precision == "month":
        return (got.year, got.month) == want
    return got.year == want


def agrees(kind: str, gold: dict[str, Any], pred: Pred) -> bool:
    """Does a prediction carry the gold item's scored attributes?"""
    p = pred.attrs
    if kind == "claims":
        if "upper" in gold and not _same_number(p["upper"], gold["upper"]):
            return False
        return (
            _same_number(p["value"], gold["value"])
            and p["category"] == gold["category"]
            and p["qualifier"] == gold["qualifier"]
        )
    if kind == "dates":
        return _date_in(gold["date"], p["date"])
    if kind == "durations":
        return "value" not in gold or _same_number(p["value"], gold["value"])
    names = {_norm_source(gold["source"])} | {_norm_source(a) for a in gold.get("alt", [])}
    return _norm_source(p["source"] or "") in names


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def _show(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in attrs.items() if v is not None)


def _neutral_zones(gold: Gold, kind: str) -> list[tuple[int, int]]:
    """Spans where an unmatched prediction of ``kind`` is not counted as spurious."""
    zones = [(g.start, g.end) for g in gold.items[kind] if g.optional]
    if kind == "claims":  # a number inside a duration may be reported as a claim
        zones += [(g.start, g.end) for g in gold.items["durations"]]
    return zones


def score_kind(gold: Gold, kind: str, preds: list[Pred]) -> Score:
    """One-to-one matching of gold items and predictions of one kind."""
    score = Score()
    used: set[int] = set()
    for g in gold.items[kind]:
        if g.optional:
            continue
        candidates = [
            i
            for i, p in enumerate(preds)
            if i not in used and _overlaps(g.start, g.end, p.start, p.end)
        ]
        hit = next((i for i in candidates if agrees(kind, g.data, preds[i])), None)
        if hit is not None:
            used.add(hit)
            score.tp += 1
            continue
        score.fn += 1
        got = "; ".join(f"{preds[i].text!r} [{_show(preds[i].attrs)}]" for i in candidates)
        want = {k: v for k, v in g.data.items() if k not in ("line", "text", "occurrence")}
        score.misses.append(
            f"{_where(gold.text, g.start)} {g.data['text']!r} want [{_show(want)}]"
            + (f" got {got}" if got else " not found")
        )
    zones = _neutral_zones(gold, kind)
    year_claims = [(g.start, g.end) for g in gold.items["claims"] if g.data.get("kind") == "year"]
    for i, p in enumerate(preds):
        if i in used or any(_overlaps(p.start, p.end, s, e) for s, e in zones):
            continue
        if (
            kind == "dates"
            and p.attrs["precision"] == "year"
            and any(_overlaps(p.start, p.end, s, e) for s, e in year_claims)
        ):
            continue
        score.fp += 1
        score.spurious.append(f"{_where(gold.text, p.start)} {p.text!r} [{_show(p.attrs)}]")
    return score


def score_article(name: str, root: Path = GOLD) -> dict[str, Score]:
    gold = load_gold(name, root)
    preds = predict(gold)
    return {kind: score_kind(gold, kind, preds[kind]) for kind in KINDS}


def measure(names: Iterable[str] | None = None, root: Path = GOLD) -> dict[str, Any]:
    """P/R per kind, overall and per article, plus the misses and spurious items."""
    names = list(names) if names else gold_names(root)
    totals = {kind: Score() for kind in KINDS}
    articles: dict[str, Any] = {}
    for name in names:
        scores = score_article(name, root)
        articles[name] = {
            kind: {**s.as_dict(), "misses": s.misses, "spurious": s.spurious}
            for kind, s in scores.items()
        }
        for kind, s in scores.items():
            totals[kind].add(s)
    return {"kinds": {k: s.as_dict() for k, s in totals.items()}, "articles": articles}


# -- reporting ----------------------------------------------------------------------------


def _row(label: str, figures: dict[str, Any]) -> str:
    cells = [
        f"{figures[k]['precision']:.3f}/{figures[k]['recall']:.3f} "
        f"({figures[k]['tp']}/{figures[k]['tp'] + figures[k]['fp']}/{figures[k]['tp'] + figures[k]['fn']})"
        for k in KINDS
    ]
    return f"{label:<22}" + "".join(f"{c:<26}" for c in cells)


def print_report(result: dict[str, Any], verbose: bool, out: Any = sys.stdout) -> None:
    print(f"{'P/R (hits/predicted/gold)':<22}" + "".join(f"{k:<26}" for k in KINDS), file=out)
    for name, figures in result["articles"].items():
        print(_row(name, figures), file=out)
    print(_row("ALL", result["kinds"]), file=out)
    if not verbose:
        return
    for name, figures in result["articles"].items():
        for kind in KINDS:
            for miss in figures[kind]["misses"]:
                print(f"{name} {kind} MISS {miss}", file=out)
            for extra in figures[kind]["spurious"]:
                print(f"{name} {kind} SPURIOUS {extra}", file=out)


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| kind | precision | recall | hits | predicted | gold |",
        "|---|---|---|---|---|---|",
    ]
    for kind, f in result["kinds"].items():
        lines.append(
            f"| {kind} | {f['precision']:.3f} | {f['recall']:.3f} | {f['tp']} | "
            f"{f['tp'] + f['fp']} | {f['tp'] + f['fn']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="gold articles (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and spurious")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--gold",
        type=Path,
        default=GOLD,
        help="folder of annotated articles (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    result = measure(args.names or None, args.gold)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    elif args.markdown:
        print(markdown(result))
    else:
        print_report(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
