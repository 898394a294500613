"""Random slips: recall on one-letter slips made at random, not the way our planter makes them.

``benchmarks/planter.py`` plants each defect the way the rules were designed to read
it (a key beside the right one, two letters swapped, a lower-case word doubled).  A
tired editor, or an evaluator's own planter, is not so tidy.  This harness makes the
slip at random and counts how often the right rule reports it on the planted span:

``word``     an ordinary lower-case word (five to fourteen letters, in the word list)
             with one inner letter changed to any other, one added or one dropped, or
             two swapped; never into another listed word ("misspelling");
``name``     a capitalised word written mid-sentence twice or more, one mention edited
             the same way from its second letter on ("name-variant" or "misspelling");
``acronym``  an acronym of three to six capitals written twice or more, one mention
             with any letter changed or two swapped ("acronym-mismatch");
``double``   any word of the body, whatever its case or place, typed twice
             ("doubled-word").

One slip per article, at most ``--per-class`` articles per class, seeded.

    .venv/bin/python benchmarks/random_slips.py [--corpus DIR] [--seed N]
        [--per-class N] [--misses N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import false_positives  # noqa: E402

from kzaudit.config import Config  # noqa: E402
from kzaudit.extract.entities import common_words  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"(?<=[a-z,] )([a-z]{5,14})(?=[ ,.])")
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_ANY = re.compile(r"\b[A-Za-z]+\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?\"\u201c]\s{0,2}|\n\s*)$")

# class -> rules that count as catching it
RULES = {
    "word": {"misspelling"},
    "name": {"name-variant", "misspelling"},
    "acronym": {"acronym-mismatch"},
    "double": {"doubled-word"},
}


def _edit(word: str, rng: random.Random, letters: str, first: int = 1) -> str | None:
    """``word`` with one letter from ``first`` on changed, added or dropped, or two
    neighbours swapped; None when the pick leaves it unchanged."""
    i = rng.randrange(first, len(word) - 1) if len(word) - 1 > first else first
    edit = rng.choice(("change", "add", "drop", "swap"))
    if edit == "change":
        return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
    if edit == "add":
        return word[:i] + rng.choice(letters) + word[i:]
    if edit == "drop":
        return word[:i] + word[i + 1 :] if len(word) > 4 else None
    if i + 1 >= len(word) or word[i] == word[i + 1]:
        return None
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _body(text: str) -> int:
    """Where the body starts: after the headline line, when there is one."""
    nl = text.find("\n")
    return nl + 1 if nl != -1 else 0


def plant_word(text: str, rng: random.Random) -> tuple[int, int, str] | None:
    words = common_words()
    sites = [m for m in _WORD.finditer(text, _body(text)) if m.group(1) in words]
    if not sites:
        return None
    m = rng.choice(sites)
    new = _edit(m.group(1), rng, LETTERS)
    if new is None or new in words:
        return None
    return m.start(1), m.end(1), new


def plant_name(text: str, rng: random.Random) -> tuple[int, int, str] | None:
    by_name: dict[str, list[re.Match[str]]] = {}
    for m in _NAME.finditer(text, _body(text)):
        if not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            by_name.setdefault(m.group(), []).append(m)
    names = sorted(
        n for n, ms in by_name.items() if len(ms) >= 2 and not re.search(rf"\b{n.lower()}\b", text)
    )
    if not names:
        return None
    m = rng.choice(by_name[rng.choice(names)])
    new = _edit(m.group(), rng, LETTERS)
    if new is None or re.search(rf"\b{re.escape(new)}\b", text, re.IGNORECASE):
        return None
    return m.start(), m.end(), new


def plant_acronym(text: str, rng: random.Random) -> tuple[int, int, str] | None:
    by_acr: dict[str, list[re.Match[str]]] = {}
    for m in _ACRONYM.finditer(text, _body(text)):
        by_acr.setdefault(m.group(), []).append(m)
    acronyms = sorted(a for a, ms in by_acr.items() if len(ms) >= 2)
    if not acronyms:
        return None
    acronym = rng.choice(acronyms)
    m = rng.choice(by_acr[acronym][1:])
    i = rng.randrange(len(acronym))
    if rng.random() < 0.5 and i + 1 < len(acronym) and acronym[i] != acronym[i + 1]:
        new = acronym[:i] + acronym[i + 1] + acronym[i] + acronym[i + 2 :]
    else:
        new = acronym[:i] + rng.choice([c for c in LETTERS.upper() if c != acronym[i]])
        new += acronym[i + 1 :]
    if re.search(rf"\b{new}\b", text):
        return None
    return m.start(), m.end(), new


def plant_double(text: str, rng: random.Random) -> tuple[int, int, str] | None:
    sites = list(_ANY.finditer(text, _body(text)))
    if not sites:
        return None
    m = rng.choice(sites)
    return m.start(), m.end(), f"{m.group()} {m.group()}"


PLANTERS: dict[str, Callable[[str, random.Random], tuple[int, int, str] | None]] = {
    "word": plant_word,
    "name": plant_name,
    "acronym": plant_acronym,
    "double": plant_double,
}


def measure(
    corpus: Path | str = false_positives.DEFAULT_CORPUS, seed: int = 1, per_class: int = 200
) -> dict[str, dict]:
    """Per class: planted, found, recall, and the missed slips (old, new, file)."""
    config = Config()
    files = false_positives.corpus_files(corpus)
    out: dict[str, dict] = {}
    for cls, plant in PLANTERS.items():
        rng = random.Random(f"{seed}:{cls}")
        order = list(files)
        rng.shuffle(order)
        planted = found = 0
        misses: list[tuple[str, str, str]] = []
        for path in order:
            if planted >= per_class:
                break
            text = path.read_text(encoding="utf-8", errors="replace")
            site = plant(text, rng)
            if site is None:
                continue
            start, end, new = site
            planted += 1
            data = (text[:start] + new + text[end:]).encode("utf-8")
            result, _crash = false_positives.audit_file(path, config, data)
            stop = start + len(new)
            hit = result is not None and any(
                f.rule in RULES[cls] and f.start < stop and f.end > start for f in result.findings
            )
            if hit:
                found += 1
            else:
                misses.append((text[start:end], new, path.name))
        recall = found / planted if planted else 0.0
        out[cls] = {"planted": planted, "found": found, "recall": recall, "misses": misses}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(false_positives.DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=200)
    parser.add_argument("--misses", type=int, default=0, help="misses listed per class")
    args = parser.parse_args(argv)
    figures = measure(Path(args.corpus), args.seed, args.per_class)
    print(f"seed {args.seed}, up to {args.per_class} random slips per class\n")
    print(f"{'class':10} {'planted':>8} {'found':>6} {'recall':>7}")
    for cls, f in figures.items():
        print(f"{cls:10} {f['planted']:>8} {f['found']:>6} {100 * f['recall']:>6.1f}%")
    for cls, f in figures.items():
        for old, new, name in f["misses"][: args.misses]:
            print(f"  {cls}: {name} {old!r} -> {new!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
