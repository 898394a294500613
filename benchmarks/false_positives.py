"""False-positive rate: every rule over the real corpus, which is (almost) clean.

Real published articles contain few errors, so nearly every warning or error kzaudit
reports on ``../shared/corpus`` is a false positive an editor would have to dismiss.
This prints warnings+errors per article overall and per rule (infos apart), then
the top findings of each rule (file:line:col rule "text" message) to read and fix.

    .venv/bin/python benchmarks/false_positives.py [--top N] [--corpus DIR]
                                                   [--select RULE,...] [--info]

``measure(corpus_dir)`` returns the same figures as a dict for a combined runner.
The corpus is read in place and never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from kzaudit.config import Config
from kzaudit.pipeline import audit_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
LOUD = ("warning", "error")


def corpus_files(corpus_dir: Path | str = DEFAULT_CORPUS) -> list[Path]:
    """The articles of the corpus, sorted (its README is not an article)."""
    return sorted(p for p in Path(corpus_dir).glob("*.txt") if p.name != "README.md")


def audit_file(path: Path | str, config: Config | None = None, data: bytes | None = None):
    """Audit one article; a crash becomes a one-line error instead of stopping the run."""
    try:
        return audit_path(str(path), config, data), None
    except Exception as exc:  # a rule or extractor bug: count it, keep measuring
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return None, f"{type(exc).__name__}: {exc} ({where})"


def measure(
    corpus_dir: Path | str = DEFAULT_CORPUS, select: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Run the whole pipeline over the corpus; counts per severity and per rule."""
    config = Config(select=select)
    files = corpus_files(corpus_dir)
    loud: Counter[str] = Counter()
    infos: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []
    crashes: list[str] = []
    started = time.perf_counter()
    for path in files:
        result, crash = audit_file(path, config)
        if result is None:
            crashes.append(f"{path.name}: {crash}")
            continue
        for f in result.findings:
            (loud if f.severity in LOUD else infos)[f.rule] += 1
            findings.append(
                {
                    "file": path.name,
                    "line": f.line,
                    "column": f.column,
                    "rule": f.rule,
                    "severity": f.severity,
                    "text": f.text,
                    "message": f.message,
                    "suggestion": f.suggestion,
                }
            )
    seconds = time.perf_counter() - started
    n = max(len(files), 1)
    rules = sorted(set(loud) | set(infos))
    return {
        "articles": len(files),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(files) / seconds, 1) if seconds else None,
        "loud": sum(loud.values()),
        "loud_per_article": round(sum(loud.values()) / n, 4),
        "infos": sum(infos.values()),
        "infos_per_article": round(sum(infos.values()) / n, 4),
        "per_rule_per_article": {r: round(loud[r] / n, 4) for r in rules if loud[r]},
        "by_rule": {
            r: {
                "loud": loud[r],
                "loud_per_article": round(loud[r] / n, 4),
                "infos": infos[r],
            }
            for r in rules
        },
        "findings": findings,
        "crashes": crashes,
    }


def print_report(figures: dict[str, Any], top: int, show_info: bool) -> None:
    n = figures["articles"]
    print(
        f"{n} articles in {figures['seconds']} s ({figures['articles_per_second']}/s): "
        f"{figures['loud']} warnings+errors = {figures['loud_per_article']:.3f} per article "
        f"(target <= 0.1); {figures['infos']} infos = {figures['infos_per_article']:.3f}"
    )
    if figures["crashes"]:
        print(f"\n{len(figures['crashes'])} articles crashed the pipeline, e.g.:")
        for line in figures["crashes"][:5]:
            print("  " + line)
    print(f"\n{'rule':34} {'warn+err':>8} {'/article':>9} {'infos':>6}")
    by_rule = figures["by_rule"]
    for rule in sorted(by_rule, key=lambda r: (-by_rule[r]["loud"], -by_rule[r]["infos"], r)):
        row = by_rule[rule]
        print(f"{rule:34} {row['loud']:>8} {row['loud_per_article']:>9.4f} {row['infos']:>6}")
    print()
    for rule in sorted(by_rule, key=lambda r: (-by_rule[r]["loud"], r)):
        shown = [
            f
            for f in figures["findings"]
            if f["rule"] == rule and (show_info or f["severity"] in LOUD)
        ]
        if not shown:
            continue
        print(f"== {rule}: {len(shown)} shown findings, first {min(top, len(shown))}")
        for f in shown[:top]:
            text = f["text"].replace("\n", " ")[:60]
            print(
                f"  {f['file']}:{f['line']}:{f['column']} [{f['severity']}] "
                f'"{text}" {f["message"][:160]}'
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--top", type=int, default=10, help="findings listed per rule")
    parser.add_argument("--select", default="", help="comma-separated rule ids")
    parser.add_argument("--info", action="store_true", help="also list info findings")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    select = tuple(s for s in args.select.split(",") if s)
    figures = measure(args.corpus, select)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        print_report(figures, args.top, args.info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
