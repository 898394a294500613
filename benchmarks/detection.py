"""Detection quality: recall on planted defects, false positives on untouched articles.

For each class of ``benchmarks/planter.py`` it audits every planted article and
counts a defect as found when a finding of the expected rule overlaps the planted
span, or the plant's ``scope`` where it has one (a deleted mark: the paragraph for a
dropped quote or bracket, whose partner is what a checker sees); an empty span (a
deleted full stop) counts as hit by a finding that touches it.  "elsewhere" counts plants where the expected rule reported something new
(absent from the untouched article) but not on the planted span: usually it
flagged the other side of the conflict.  The false-positive rate is
``false_positives.measure`` on the untouched corpus.

    .venv/bin/python benchmarks/detection.py [--seed N] [--per-class N] [--misses N]
                                             [--no-fp] [--classes A,B] [--probes]

``--probes`` plants in the clean texts of ``benchmarks/probes`` (453 stories in current
wire and newspaper styles, 2024-26, written to a temporary folder) instead of the
corpus: the per-class recall on the kind of story a newsroom audits today, where the
corpus is BBC copy of 2004-05.  The false-positive run is then skipped (the probes'
clean texts are measured by ``probe_articles.py``).

``measure()`` returns the same figures as a dict for a combined runner.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import false_positives  # noqa: E402
import planter  # noqa: E402

from kzaudit.config import Config  # noqa: E402
from kzaudit.rules import all_rules  # noqa: E402

# class -> (rule group, rule ids that should catch it, most likely first).  When
# none of the ids is registered, any rule of the group counts (shown as "group:…").
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    # any date rule pointing at the slipped date shows the slip ("June 31": impossible-date)
    "month-slip": (
        "dates",
        (
            "date-outlier",
            "event-date-conflict",
            "impossible-date",
            "date-tense",
            "weekday-mismatch",
            "named-day-mismatch",
        ),
    ),
    "acronym-typo": ("names", ("acronym-mismatch",)),
    "acronym-typo-undefined": ("names", ("acronym-mismatch",)),
    "name-typo": ("names", ("name-variant",)),
    "name-typo-twice": ("names", ("name-variant",)),
    "name-typo-twice-first": ("names", ("name-variant",)),
    "name-typo-key": ("names", ("name-variant",)),
    "name-typo-twice-key": ("names", ("name-variant",)),
    "doubled-word": ("mechanics", ("doubled-word",)),
    "figure-conflict": ("figures", ("figure-conflict", "count-conflict", "figure-mismatch")),
    "figure-conflict-first": ("figures", ("figure-conflict",)),
    "subset-exceeds-total": (
        "figures",
        ("subset-exceeds-total", "part-exceeds-whole", "subset-total"),
    ),
    "weekday-mismatch": ("dates", ("weekday-mismatch", "weekday-date", "weekday-date-mismatch")),
    "percent-mismatch": ("figures", ("percent-mismatch", "percentage-mismatch", "percent-change")),
    "comma-ending": ("mechanics", ("comma-ending",)),
    "comma-sentence": ("mechanics", ("comma-ending",)),
    "misspelling": ("mechanics", ("misspelling",)),
    "misspelling-key": ("mechanics", ("misspelling",)),
    "quote-dropped": ("mechanics", ("unbalanced-quotes",)),
    "quote-dropped-curly": ("mechanics", ("unbalanced-quotes",)),
    "quote-dropped-single": ("mechanics", ("unbalanced-quotes",)),
    "paren-dropped": ("mechanics", ("unbalanced-parentheses",)),
    "terminal-dropped": ("mechanics", ("missing-terminal-punctuation",)),
    "terminal-dropped-sentence": ("mechanics", ("run-on-sentence",)),
    "acronym-definition": ("names", ("acronym-mismatch",)),
}
TARGET_RECALL = 0.95


def expected_rules(cls: str) -> tuple[str, frozenset[str]]:
    """(label, rule ids) that count as catching a plant of ``cls``."""
    group, ids = EXPECTED[cls]
    rules = all_rules()
    present = frozenset(i for i in ids if i in rules)
    if present:
        return ",".join(sorted(present)), present
    in_group = frozenset(r for r, m in rules.items() if group == m.GROUP)
    return f"group:{group}", in_group


def measure(
    seed: int = 1,
    per_class: int = 40,
    corpus_dir: Path | str = false_positives.DEFAULT_CORPUS,
    with_fp: bool = True,
    only: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Recall per class on planted defects, plus the corpus false-positive figures."""
    config = Config()
    originals: dict[str, Counter[tuple[str, str]]] = {}
    classes: dict[str, dict[str, Any]] = {}
    for plant in planter.plant_all(corpus_dir, seed, per_class, only):
        label, rules = expected_rules(plant.cls)
        row = classes.setdefault(
            plant.cls,
            {"rules": label, "planted": 0, "synthetic": 0, "found": 0, "elsewhere": 0,
             "crashed": 0, "misses": [], "hits": Counter()},
        )  # fmt: skip
        row["planted"] += 1
        row["synthetic"] += plant.synthetic
        result, crash = false_positives.audit_file(plant.file, config, plant.text.encode("utf-8"))
        if result is None:
            row["crashed"] += 1
            row["misses"].append(_miss(plant, f"pipeline crashed: {crash}"))
            continue
        mine = [f for f in result.findings if f.rule in rules]
        hit = [f for f in mine if _catches(f.start, f.end, plant)]
        if hit:
            row["found"] += 1
            row["hits"][hit[0].rule] += 1
            continue
        before = originals.get(plant.file)
        if before is None:
            before = originals[plant.file] = _baseline(corpus_dir, plant.file, config)
        new = [f for f in mine if before[(f.rule, f.text)] == 0]
        if new:
            row["elsewhere"] += 1
            why = "; ".join(f'{f.rule} at {f.start}-{f.end} "{f.text}": {f.message}' for f in new)
            row["misses"].append(_miss(plant, f"flagged elsewhere: {why}"))
        else:
            row["misses"].append(_miss(plant, "not flagged"))
    for row in classes.values():
        row["recall"] = round(row["found"] / row["planted"], 3) if row["planted"] else None
        row["hits"] = dict(sorted(row["hits"].items()))
    out: dict[str, Any] = {"recall": {c: r["recall"] for c, r in classes.items()}}
    if with_fp:
        fp = false_positives.measure(corpus_dir)
        out["fp_per_article"] = fp["loud_per_article"]
        out["false_positives"] = {k: v for k, v in fp.items() if k != "findings"}
    out.update(seed=seed, per_class=per_class, classes=classes)
    return out


def _catches(start: int, end: int, plant: planter.Plant) -> bool:
    """A finding at ``start:end`` overlaps the plant's scope (touches it, when empty)."""
    lo, hi = plant.scope or (plant.start, plant.end)
    if lo == hi:
        return start <= lo <= end
    return start < hi and lo < end


def _baseline(corpus_dir: Path | str, name: str, config: Config) -> Counter[tuple[str, str]]:
    """(rule, text) of the findings on the untouched article."""
    result, _crash = false_positives.audit_file(Path(corpus_dir) / name, config)
    return Counter((f.rule, f.text) for f in (result.findings if result else []))


def _miss(plant: planter.Plant, why: str) -> dict[str, Any]:
    context = plant.text[max(0, plant.start - 70) : plant.end + 40].replace("\n", " / ")
    return {
        "file": plant.file,
        "start": plant.start,
        "end": plant.end,
        "planted": plant.planted,
        "before": plant.before,
        "synthetic": plant.synthetic,
        "context": context,
        "why": why,
    }


def print_report(figures: dict[str, Any], misses: int) -> None:
    print(f"seed {figures['seed']}, up to {figures['per_class']} plants per class\n")
    head = f"{'class':22} {'rules':28} {'planted':>7} {'synth':>5} {'found':>5} {'else':>5}"
    print(head + f" {'recall':>7}")
    for cls, row in figures["classes"].items():
        recall = row["recall"]
        flag = "" if recall is not None and recall >= TARGET_RECALL else "  <"
        print(
            f"{cls:22} {row['rules'][:28]:28} {row['planted']:>7} {row['synthetic']:>5} "
            f"{row['found']:>5} {row['elsewhere']:>5} {recall:>7.1%}{flag}"
        )
    fp = figures.get("false_positives")
    if fp:
        print(
            f"\nfalse positives on {fp['articles']} untouched articles: "
            f"{fp['loud_per_article']:.3f} warnings+errors per article (target <= 0.1), "
            f"{fp['infos_per_article']:.3f} infos"
        )
        for rule, row in sorted(fp["by_rule"].items(), key=lambda kv: -kv[1]["loud"]):
            print(f"  {rule:34} {row['loud_per_article']:.4f}/article ({row['loud']})")
        if fp["crashes"]:
            print(f"  {len(fp['crashes'])} articles crashed, e.g. {fp['crashes'][0]}")
    if misses:
        for cls, row in figures["classes"].items():
            if not row["misses"]:
                continue
            print(f"\n== misses: {cls} ({len(row['misses'])})")
            for m in row["misses"][:misses]:
                tag = " [synthetic]" if m["synthetic"] else ""
                print(f"  {m['file']}:{m['start']} {m['before']!r} -> {m['planted']!r}{tag}")
                print(f"      …{m['context']}…")
                print(f"      {m['why'][:300]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(false_positives.DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--misses", type=int, default=5, help="misses listed per class")
    parser.add_argument("--no-fp", action="store_true", help="skip the corpus FP run")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument(
        "--classes", default="", help="comma-separated planter classes (default: all)"
    )
    parser.add_argument(
        "--probes", action="store_true", help="plant in the probe articles' clean texts"
    )
    args = parser.parse_args(argv)
    only = tuple(c for c in args.classes.split(",") if c)
    unknown = [c for c in only if c not in planter.CLASSES]
    if unknown:
        parser.error(f"unknown class(es): {', '.join(unknown)}")
    if args.probes:
        import tempfile

        import probe_articles

        with tempfile.TemporaryDirectory() as tmp:
            probe_articles.write_clean(Path(tmp))
            figures = measure(args.seed, args.per_class, tmp, False, only)
    else:
        figures = measure(args.seed, args.per_class, args.corpus, not args.no_fp, only)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        print_report(figures, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
