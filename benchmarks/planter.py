"""Plant one defect at a time in real articles, the way a tired editor would.

Each plant takes one article from ``../shared/corpus``, changes it in one place and
records where (character offsets into the planted text) and which class of defect
it is; ``benchmarks/detection.py`` then checks whether kzaudit finds it there.
Seeded (``random.Random``) and reproducible: same seed, same plants.

Classes, and where they are planted:

- ``month-slip``: the month of a day date ("5 January" -> "5 June") whose month recurs
  in the story and whose other month mentions all lie within two months of it
  (a timeline); the new month is 4-8 months away and mentioned nowhere in the story.
- ``acronym-typo``: a use, after its definition "... (ABC)", of an acronym with two
  adjacent letters swapped (2 in 3 plants) or one letter mistyped to a keyboard
  neighbour.
- ``name-typo``: one occurrence (not the first) of a capitalised name that recurs at
  least three times, mostly mid-sentence, changed by one letter edit (swap, vowel
  change, dropped or doubled letter).
- ``doubled-word``: a common word doubled ("the the"); words whose doubling can be
  grammatical ("had had", "that that", particles: "carry on on Monday") are not used.
- ``figure-conflict``: a count of people/jobs/... that the story gives twice with the
  same value: the later mention gets a digit slip.  Where no story repeats a count
  (most), a restatement of an existing count is appended to the next paragraph with
  a digit-slipped value: "In all, 2,500 jobs could go."
  (synthetic, marked so in the records).
- ``figure-conflict-first``: the same with the *first* mention slipped (natural sites
  only): a checker that always trusts the earlier figure misses these.
- ``subset-exceeds-total``: "X of the Y" / "X out of Y" with X raised above Y; where
  none exists, after a sentence with a count of people or jobs, one sentence is
  appended: "Of those, 2,600 were women." with a value above the count (synthetic).
- ``weekday-mismatch``: the weekday of "Monday, 5 January 2004"-style dates changed;
  where none exists, a wrong weekday is inserted before a full date with a year
  ("on 5 January 2004" -> "on Thursday 5 January 2004", synthetic).
- ``percent-mismatch``: in "rose 2% to $11.1bn from $10.9bn" (checked consistent
  first) the percentage gets a wrong value; where the sentence has from/to figures
  but no percentage ("fell to £1.9bn from £2.1bn", "£2bn, down from £2.6bn") a
  wrong percentage is inserted ("fell 35% to £1.9bn from £2.1bn", synthetic).
- ``name-typo-twice-first``: the same with the *first* of the two mentions misspelt.
- ``acronym-typo-undefined``: the same slips in a later use of an acronym the story uses
  twice or more and never defines ("BBC", "NATO"); not a word of a heading set in
  capitals ("HEAD TO HEAD").
- ``name-typo-twice``: the same for a name written exactly twice, the second time misspelt
  (one spelling each: only a full-name introduction tells which is the name).
- ``comma-ending``: a paragraph's final full stop replaced with a comma.
- ``comma-sentence``: a full stop between two sentences of one paragraph replaced with
  a comma, whatever the next sentence starts with ("…in the case, He has…", but also
  "…fell 3%, Mr Smith said…", which reads as an attribution and no checker can flag).

- ``misspelling``: a lower-case word of seven letters or more in the body typed with one
  slip: two inner letters swapped, an inner letter dropped or doubled ("immensly",
  "nothign", "acused" on the same scale).
- ``quote-dropped``: in a body paragraph whose straight double quotes pair up (each
  pair opened after a space or bracket, closed before one), one mark of a pair is
  deleted: the closing one (2 in 3 plants) or the opening one.  Not the closing mark of
  a full-sentence quotation that ends its paragraph when the next one opens with a
  quotation mark: without it, that is news style for a quotation carried over.
- ``quote-dropped-curly``: the same in the article typeset first with curly quotes
  (“ ” ‘ ’, apostrophes as ’; the corpus has only straight ones), then one mark dropped.
- ``quote-dropped-single``: in the article typeset with curly quotes, the closing ’ of a
  single-quoted phrase of the body (‘wait and see’) deleted.  Not the opening ‘: a lone
  ’ reads as an apostrophe ("the patients’ union") and no checker can tell.
- ``paren-dropped``: a bracket of a "(...)" that opens and closes in one paragraph
  deleted: the closing one (2 in 3 plants) or the opening one.
- ``terminal-dropped``: the final full stop of a body paragraph (of two words or more,
  before any closing quote or bracket; not a list item "- …") deleted.
- ``acronym-definition``: the acronym of a definition "Full Name (ABC)" whose
  capitalised words' initials spell it exactly, mistyped at the definition only (two
  adjacent letters swapped, 2 in 3, or a keyboard neighbour); later uses keep the
  right form, so the definition contradicts both its expansion and its uses.

Deletions (the four ``*-dropped`` classes) are recorded as an empty span at the
offset where the mark was (``before`` holds it, ``after`` is empty), with a ``scope``:
where a finding counts as catching it.  For a dropped quote or bracket the rule can
only see the partner left unmatched, or any later mark thrown off, so the scope is
the paragraph (what an editor needs to find the slip); a dropped full stop must be
reported touching the offset (the end of the paragraph, or the word before it).

- ``terminal-dropped-sentence``: the full stop between two sentences of a body
  paragraph deleted, where the first ends in a lower-case word or a figure and the next
  opens with a capitalised closed-class word ("…dipped by 3.4%. In the US…" -> "…3.4% In
  the US…"): only there is the join visible in principle.  Before a name or a noun
  ("…backed the vote. Labour said…") the run-on reads as one sentence, and no checker
  can tell; those stops are not planted.

A respelt acronym or name that is itself a word somewhere in the corpus ("Tory" ->
"Troy", "ISP" -> "ISO") is not planted: no checker could tell it from a real one.

    .venv/bin/python benchmarks/planter.py [--seed N] [--per-class N] [--show]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_M = "|".join(MONTHS)
_W = "|".join(WEEKDAYS)
DAY_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?P<m1>{_M})|(?P<m2>{_M}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"
)
YEAR_AFTER = re.compile(r",? (?P<y>(?:19|20)\d\d)\b")
MONTH_WORD = re.compile(rf"\b(?:{_M})\b")
WEEKDAY_BEFORE = re.compile(rf"\b(?:{_W}),? $")
ACRONYM_DEF = re.compile(r"\(([A-Z]{3,6})\)")
NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
PEOPLE = (
    "people workers staff employees troops soldiers passengers members customers "
    "subscribers students children civilians residents patients prisoners officers "
    "protesters demonstrators victims refugees detainees suspects migrants"
).split()
COUNT_NOUNS = PEOPLE + ["jobs"]
COUNT = re.compile(
    rf"\b(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d{{2,}})\s(?P<noun>{'|'.join(COUNT_NOUNS)})\b"
)
SUBSET = re.compile(
    r"\b(?P<x>\d{1,3}(?:,\d{3})*|\d+) (?:of the|of its|of their|out of) "
    r"(?P<y>\d{1,3}(?:,\d{3})*|\d+)\b(?![\-.,]| ?(?:million|billion|bn|m\b|%|per))"
)
_AMOUNT = r"[£$€]?\d[\d,]*(?:\.\d+)?(?:bn|m| million| billion)?"
_RISE = "rose|increased|grew|jumped|climbed|gained|soared|up"
_FALL = "fell|decreased|dropped|declined|slumped|slipped|down"
PCT_FULL = re.compile(
    rf"\b(?P<verb>{_RISE}|{_FALL})(?: by)? (?P<pct>\d+(?:\.\d+)?)% "
    rf"(?:to (?P<to1>{_AMOUNT}),? from (?P<from1>{_AMOUNT})|from (?P<from2>{_AMOUNT}) to (?P<to2>{_AMOUNT}))"
)
PCT_NONE = re.compile(
    rf"\b(?P<verb>{_RISE}|{_FALL}) "
    rf"(?:to (?P<to1>{_AMOUNT}),? from (?P<from1>{_AMOUNT})|from (?P<from2>{_AMOUNT}) to (?P<to2>{_AMOUNT}))"
)
PCT_UPFROM = re.compile(rf"(?P<to1>{_AMOUNT}), (?P<verb>up|down) from (?P<from1>{_AMOUNT})")
KEYBOARD = {
    "A": "SQ", "B": "VN", "C": "XV", "D": "SF", "E": "WR", "F": "DG", "G": "FH", "H": "GJ",
    "I": "UO", "J": "HK", "K": "JL", "L": "K", "M": "N", "N": "BM", "O": "IP", "P": "O",
    "Q": "W", "R": "ET", "S": "AD", "T": "RY", "U": "YI", "V": "CB", "W": "QE", "X": "ZC",
    "Y": "TU", "Z": "X",
}  # fmt: skip
# Doubling these can be grammatical ("had had", "carry on on Monday"): not a defect.
GRAMMATICAL_DOUBLES = frozenset(
    "had that this is was do does her in on out up off down over by around back through about".split()
)
DOUBLED_POOL = ("the", "a", "to", "of", "and", "for", "with", "from", "at", "as", "has", "said")
NOT_NAMES = frozenset(MONTHS + WEEKDAYS) | frozenset(
    "The This That These Those There Their They Then When While With What Which Where "
    "However After Before Also Some Many Most Other Such This Under Over From Into Last "
    "Next More Less Both Each Every".split()
)


@dataclass(frozen=True)
class Site:
    """One possible edit: replace ``text[start:end]`` by ``new``; the defect is
    ``new[mark_start:mark_end]``; ``related`` are spans (in the original text) of the
    mentions it now conflicts with."""

    start: int
    end: int
    new: str
    mark_start: int
    mark_end: int
    related: tuple[tuple[int, int], ...] = ()
    synthetic: bool = False
    tier: int = 0  # synthetic sites of a lower tier are used only once higher ones run out
    scope: tuple[int, int] | None = None  # where a finding counts (default: the defect)
    prepare: Callable[[str], str] | None = None  # applied to the article before the edit


@dataclass(frozen=True)
class Plant:
    """A planted article: the defect is ``text[start:end]``."""

    cls: str
    file: str
    text: str
    start: int
    end: int
    before: str  # the original text that was replaced
    after: str  # what replaced it
    related: tuple[tuple[int, int], ...] = field(default=())
    synthetic: bool = False
    scope: tuple[int, int] | None = None  # a finding touching this span catches the plant

    @property
    def planted(self) -> str:
        return self.text[self.start : self.end]


# -- small helpers -------------------------------------------------------------------


def _circ(a: int, b: int) -> int:
    d = abs(a - b) % 12
    return min(d, 12 - d)


def _int(s: str) -> int:
    return int(s.replace(",", ""))


def _fmt_like(value: int, like: str) -> str:
    return f"{value:,}" if "," in like or value >= 10000 else str(value)


def _amount(s: str) -> tuple[str, float]:
    """(currency, value) of "$11.1bn", "£639m", "79,000"."""
    cur = s[0] if s[0] in "£$€" else ""
    m = re.match(r"[£$€]?([\d,]*\.?\d+)\s?(bn|m|million|billion)?", s)
    assert m is not None
    scale = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6}.get(m.group(2) or "", 1.0)
    return cur, float(m.group(1).replace(",", "")) * scale


def _sentence_end(text: str, pos: int) -> int:
    """Offset just after the full stop ending the sentence containing ``pos``."""
    m = re.compile(r"[.!?](?=\s|$)").search(text, pos)
    return m.end() if m else -1


def _paragraph_end(text: str, pos: int) -> int:
    j = text.find("\n", pos)
    return len(text.rstrip()) if j == -1 else j


def _slips(value: int, rng: random.Random) -> list[int]:
    """Values a tired editor types instead of ``value``: digit swaps and slips."""
    digits = str(value)
    out = []
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            if swapped[0] != "0":
                out.append(int(swapped))
    first = int(digits[0])
    for d in (first + 1, first - 1, first + 2):
        if 1 <= d <= 9:
            out.append(int(str(d) + digits[1:]))
    out = sorted({v for v in out if v != value and v > 0})
    rng.shuffle(out)
    return out


# -- site finders: each returns natural sites, then synthetic ones -------------------


def month_slip_sites(text: str, rng: random.Random) -> list[Site]:
    mentions = [
        (m.start(), MONTHS.index(m.group()))
        for m in MONTH_WORD.finditer(text)
        if m.group() != "May" or re.match(r" \d|\d{1,2} May", text[m.end() : m.end() + 2])
    ]
    used = {k for _, k in mentions}
    sites = []
    for m in DAY_DATE.finditer(text):
        if WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        name = m.group("m1") or m.group("m2")
        k = MONTHS.index(name)
        others = [j for pos, j in mentions if not m.start() <= pos < m.end()]
        near = sum(1 for j in others if _circ(j, k) <= 2)
        if k not in others or len(others) < 2 or near * 3 < len(others) * 2:
            continue  # no timeline around it: a month change need not be a slip
        choices = [(k + d) % 12 for d in (4, 5, 6, 7, 8) if (k + d) % 12 not in used]
        if not choices:
            continue
        new_name = MONTHS[rng.choice(choices)]
        mstart = m.start("m1") if m.group("m1") else m.start("m2")
        new = text[m.start() : mstart] + new_name + text[mstart + len(name) : m.end()]
        sites.append(Site(m.start(), m.end(), new, 0, len(new)))
    return sites


def acronym_typo_sites(text: str, rng: random.Random) -> list[Site]:
    sites = []
    for d in ACRONYM_DEF.finditer(text):
        acr = d.group(1)
        before = text[max(0, d.start() - 120) : d.start()].split()[-8:]
        if not any(w[:1] == acr[0] and w[:1].isupper() for w in before):
            continue  # not "Expansion Words (EW)"
        uses = [m for m in re.finditer(rf"\b{acr}\b", text) if m.start() > d.end()]
        if not uses:
            continue
        use = rng.choice(uses)
        wrong = _mistype_acronym(acr, rng)
        if wrong is None or re.search(rf"\b{wrong}\b", text):
            continue
        sites.append(Site(use.start(), use.end(), wrong, 0, len(wrong)))
    return sites


_CAPS_NEIGHBOUR = re.compile(r"[A-Z]{2}[ \-]$|[ \-][A-Z]{2}")


def acronym_undefined_typo_sites(text: str, rng: random.Random) -> list[Site]:
    """A later use of an acronym the story uses 2+ times and never defines ("BBC")."""
    defined = {d.group(1) for d in ACRONYM_DEF.finditer(text)}
    by_acr: dict[str, list[re.Match[str]]] = {}
    for m in re.finditer(r"\b[A-Z]{3,5}\b", text):
        if _CAPS_NEIGHBOUR.search(text[max(0, m.start() - 3) : m.start()]) or _CAPS_NEIGHBOUR.match(
            text, m.end()
        ):
            continue  # a word of a heading in capitals ("HEAD TO HEAD"), not an acronym
        by_acr.setdefault(m.group(), []).append(m)
    sites = []
    for acr, ms in sorted(by_acr.items()):
        if len(ms) < 2 or acr in defined:
            continue
        wrong = _mistype_acronym(acr, rng)
        if wrong is None or re.search(rf"\b{wrong}\b", text):
            continue
        use = rng.choice(ms[1:])
        sites.append(Site(use.start(), use.end(), wrong, 0, len(wrong)))
    return sites


def _mistype_acronym(acr: str, rng: random.Random) -> str | None:
    swaps = [i for i in range(len(acr) - 1) if acr[i] != acr[i + 1]]
    if swaps and rng.random() < 2 / 3:
        i = rng.choice(swaps)
        return acr[:i] + acr[i + 1] + acr[i] + acr[i + 2 :]
    i = rng.randrange(len(acr))
    return acr[:i] + rng.choice(KEYBOARD[acr[i]]) + acr[i + 1 :]


def name_typo_sites(
    text: str, rng: random.Random, twice: bool = False, first: bool = False, key: bool = False
) -> list[Site]:
    """A later mention of a name seen 3+ times misspelt (``twice``: of one seen exactly
    twice; ``first``: its first mention instead; ``key``: by a key beside the right one
    rather than a swap, vowel, drop or doubling)."""
    by_name: dict[str, list[re.Match[str]]] = {}
    for m in NAME.finditer(text):
        by_name.setdefault(m.group(), []).append(m)
    sites = []
    for name, ms in sorted(by_name.items()):
        if (len(ms) != 2 if twice else len(ms) < 3) or name in NOT_NAMES:
            continue
        if re.search(rf"\b{name.lower()}\b", text):
            continue
        mid = [m for m in ms if not re.search(r"(^|[.!?\"]\s*|\n\s*)$", text[: m.start()][-3:])]
        if len(mid) < (1 if twice else 2):
            continue
        occ = ms[0] if first else rng.choice(ms[1:])
        wrong = _key_slip(name, rng) if key else _misspell_name(name, rng)
        if wrong is None or wrong in text:
            continue
        sites.append(Site(occ.start(), occ.end(), wrong, 0, len(wrong)))
    return sites


# QWERTY keys touching each letter key (rows offset by half a key): the planter's own
# map, so the "key" classes do not borrow the rule's idea of a neighbouring key.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR_KEYS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _i, _k in enumerate(_row):
        _near = [_row[j] for j in (_i - 1, _i + 1) if 0 <= j < len(_row)]
        if _r > 0:
            _near += [_ROWS[_r - 1][j] for j in (_i, _i + 1) if j < len(_ROWS[_r - 1])]
        if _r < 2:
            _near += [_ROWS[_r + 1][j] for j in (_i - 1, _i) if 0 <= j < len(_ROWS[_r + 1])]
        _NEAR_KEYS[_k] = "".join(_near)


def _key_slip(word: str, rng: random.Random) -> str | None:
    """One letter after the first typed with a key beside it ("Scotkand", "Ruis")."""
    inner = [i for i in range(1, len(word)) if word[i].lower() in _NEAR_KEYS]
    if not inner:
        return None
    i = rng.choice(inner)
    key = rng.choice(_NEAR_KEYS[word[i].lower()])
    return word[:i] + (key.upper() if word[i].isupper() else key) + word[i + 1 :]


def _misspell_name(name: str, rng: random.Random) -> str | None:
    inner = range(1, len(name) - 1)
    vowels = "aeiou"
    edits = ["swap", "vowel", "drop", "double"]
    rng.shuffle(edits)
    for edit in edits:
        if edit == "swap":
            cand = [i for i in inner if name[i] != name[i + 1] and i + 1 < len(name) - 1]
            if cand:
                i = rng.choice(cand)
                return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        elif edit == "vowel":
            cand = [i for i in inner if name[i] in vowels]
            if cand:
                i = rng.choice(cand)
                v = rng.choice([x for x in vowels if x != name[i]])
                return name[:i] + v + name[i + 1 :]
        elif edit == "drop" and len(name) >= 6:
            i = rng.choice(list(inner))
            return name[:i] + name[i + 1 :]
        elif edit == "double":
            i = rng.choice(list(inner))
            return name[: i + 1] + name[i] + name[i + 1 :]
    return None


def doubled_word_sites(text: str, rng: random.Random) -> list[Site]:
    body = text.find("\n")  # never the headline
    sites = []
    for m in re.finditer(r"(?<=[a-z,] )([a-z]{1,12})(?= [a-z])", text[body:]):
        word = m.group(1)
        if word in GRAMMATICAL_DOUBLES:
            continue
        if word in DOUBLED_POOL or (len(word) >= 5 and rng.random() < 0.1):
            s, e = body + m.start(1), body + m.end(1)
            sites.append(Site(s, e, f"{word} {word}", 0, 2 * len(word) + 1))
    return sites


def misspelling_key_sites(text: str, rng: random.Random) -> list[Site]:
    """A key beside the right one in an ordinary lower-case word of the body (4+ letters)."""
    body = text.find("\n")  # never the headline
    sites = []
    for m in re.finditer(r"(?<![\w'\u2019\-])[a-z]{4,20}(?![\w'\u2019\-])", text[body:]):
        new = _key_slip(m.group(), rng)
        if new is not None:
            s = body + m.start()
            sites.append(Site(s, s + len(m.group()), new, 0, len(new)))
    return sites


def misspelling_sites(text: str, rng: random.Random) -> list[Site]:
    """A typing slip in an ordinary lower-case word of the body (7+ letters)."""
    body = text.find("\n")  # never the headline
    sites = []
    for m in re.finditer(r"(?<![\w'\u2019\-])[a-z]{7,20}(?![\w'\u2019\-])", text[body:]):
        word = m.group()
        i = rng.randrange(1, len(word) - 2)  # never the first letter nor the last
        kind = rng.randrange(3)
        if kind == 0:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped
        elif kind == 1:
            new = word[:i] + word[i + 1 :]  # dropped
        else:
            new = word[:i] + word[i] + word[i:]  # doubled
        if new == word:
            continue
        s = body + m.start()
        sites.append(Site(s, s + len(word), new, 0, len(new)))
    return sites


def comma_ending_sites(text: str, rng: random.Random) -> list[Site]:
    sites = []
    pos = text.find("\n")  # skip the headline
    for m in re.finditer(r"[^\n]*[a-z0-9%)]\.(?=[ \t]*(\n|$))", text[pos:]):
        end = pos + m.end()
        sites.append(Site(end - 1, end, ",", 0, 1))
    return sites


_ABBREVIATIONS = frozenset(["Mr", "Mrs", "Ms", "Dr", "St", "Co", "Inc", "Ltd", "No", "vs", "etc"])


def comma_sentence_sites(text: str, rng: random.Random) -> list[Site]:
    """Every full stop that ends a sentence inside a paragraph (not an abbreviation)."""
    sites = []
    pos = text.find("\n")  # skip the headline
    for m in re.finditer(r"(\w+)\.(?= [A-Z])", text[pos:]):
        word = m.group(1)
        if (
            word in _ABBREVIATIONS
            or len(word) == 1
            or not word[-1].islower()
            and not word.isdigit()
        ):
            continue
        dot = pos + m.end() - 1
        sites.append(Site(dot, dot + 1, ",", 0, 1))
    return sites


def figure_conflict_sites(text: str, rng: random.Random, first: bool = False) -> list[Site]:
    """A count given twice with one mention slipped: the last one (``first``: the first
    one, and no synthetic fallback)."""
    groups: dict[tuple[int, str], list[re.Match[str]]] = {}
    for m in COUNT.finditer(text):
        groups.setdefault((_int(m.group("n")), m.group("noun")), []).append(m)
    natural = []
    for (value, _noun), ms in sorted(groups.items()):
        if len(ms) < 2:
            continue
        target = ms[0] if first else ms[-1]
        rest = ms[1:] if first else ms[:-1]
        others = [m.start("n") for m in rest]
        own = target.start("n")
        for wrong in _conflicting(text, others, value, _slips(value, rng), own)[:1]:
            new = _fmt_like(wrong, target.group("n"))
            rel = tuple((m.start("n"), m.end("n")) for m in rest)
            natural.append(Site(target.start("n"), target.end("n"), new, 0, len(new), rel))
    if natural or first:
        return natural
    return [s for m in COUNT.finditer(text) if (s := _restatement(text, m, rng))]


# A count of people in a casualty-style category (deaths, arrests, ...) comes first:
# those are the counts a newsroom cross-checks; jobs and "people would benefit" after.
CASUALTY = re.compile(
    r"\b(?:killed|died|dead|deaths|injured|hurt|wounded|arrested|detained|held|evacuated"
    r"|missing|rescued|hospitali[sz]ed|protest\w*|march\w*|deployed|troops|soldiers)\b"
)


_LOWER_BOUND = re.compile(r"(?:more than|over|at least|upwards of|in excess of) $", re.I)
_UPPER_BOUND = re.compile(
    r"(?:up to|as many as|as much as|nearly|almost|fewer than|less than|under) $", re.I
)
_APPROX = re.compile(r"(?:about|around|some|an estimated|roughly|approximately) $", re.I)


def _conflicting(
    text: str, starts: list[int], value: int, slips: list[int], own: int | None = None
) -> list[int]:
    """Slips that really contradict the other mentions given the qualifiers: below
    "more than N", above "up to N", 25% off "about N"; the planted mention's own
    qualifier (at ``own``) works the other way round ("up to 1,500" vs 2,500)."""
    return [w for w in slips if _contradicts(text, starts, value, w, own)]


def _bound(text: str, start: int) -> str:
    before = text[max(0, start - 20) : start]
    if _LOWER_BOUND.search(before):
        return "lower"
    if _UPPER_BOUND.search(before):
        return "upper"
    return "approx" if _APPROX.search(before) else "exact"


def _contradicts(text: str, starts: list[int], value: int, wrong: int, own: int | None) -> bool:
    far = abs(wrong - value) >= 0.25 * min(wrong, value)
    mine = _bound(text, own) if own is not None else "exact"
    for start in starts:
        theirs = _bound(text, start)
        if "lower" in (theirs, mine) and "upper" in (theirs, mine):
            return False  # "more than 2,000" and "up to 3,000" can both hold
        if theirs == "lower" or mine == "upper":
            ok = wrong < value
        elif theirs == "upper" or mine == "lower":
            ok = wrong > value
        else:
            ok = True
        if not ok or (theirs != "exact" or mine != "exact") and not far:
            return False
    return True


_VERB_START = re.compile(
    r" (?:were|are|was|is|had|have|has|could|would|will|may|might|must|should|died|lost"
    r"|face|faced|work|worked|joined|left|took|signed|voted|remain|remained|went|came"
    r"|killed|injured|hurt|wounded|arrested|detained|held|evacuated|rescued|feared|marched)\b"
)
_RATE = re.compile(r"\b(?:every|each|per|a (?:day|week|month|year))\b")
_PARTICIPLE = re.compile(
    r" (?:killed|injured|hurt|wounded|arrested|detained|held|evacuated|rescued|feared)\b"
)
# No new source and no sign of an update ("later", "now"): both would make a
# different figure legitimate.
_LEADS = ("In all,", "Altogether,", "In total,")


def _restatement(text: str, m: re.Match[str], rng: random.Random) -> Site | None:
    """Append "In all, 2,500 jobs could go." after the paragraph."""
    rest = re.match(r"((?: [a-z][a-z'\-]*){1,8})(?=[.,;])", text[m.end() :])
    if rest is None or not _VERB_START.match(rest.group(1)) or _RATE.search(rest.group(1)):
        return None
    value = _int(m.group("n"))
    slips = _conflicting(text, [m.start("n")], value, _slips(value, rng))
    if not slips:
        return None
    number = _fmt_like(slips[0], m.group("n"))
    lead = rng.choice(_LEADS)
    verb_phrase = rest.group(1)
    if _PARTICIPLE.match(verb_phrase):  # "13,000 people killed" -> "... were killed"
        verb_phrase = " were" + verb_phrase
    sentence = f" {lead} {number} {m.group('noun')}{verb_phrase}."
    at = _paragraph_end(text, m.end())
    mark = sentence.index(number)
    rel = ((m.start("n"), m.end("n")),)
    tier = 0 if CASUALTY.search(m.group("noun") + rest.group(1)) else 1
    return Site(at, at, sentence, mark, mark + len(number), rel, synthetic=True, tier=tier)


_NUMBERISH = re.compile(r"\d|\b(?:hundreds|thousands|millions|billions|dozens|scores)\b")


def subset_sites(text: str, rng: random.Random) -> list[Site]:
    natural = []
    for m in SUBSET.finditer(text):
        x, y = _int(m.group("x")), _int(m.group("y"))
        if not 0 < x < y:
            continue
        floor = y * 1.25 if _bound(text, m.start("x")) == "approx" else y
        bigger = [v for v in _slips(x, rng) if v > floor] or [int(floor) + max(1, x // 3)]
        new = _fmt_like(bigger[0], m.group("x"))
        rel = ((m.start("y"), m.end("y")),)
        natural.append(Site(m.start("x"), m.end("x"), new, 0, len(new), rel))
    if natural:
        return natural
    sites = []
    for m in COUNT.finditer(text):
        n = _int(m.group("n"))
        end = _sentence_end(text, m.end())
        after = text[m.end() : end]
        if n < 10 or end < 0 or "\n" in after or len(after) > 100 or _NUMBERISH.search(after):
            continue  # "Of those" must follow the count it refers to, the sentence's last
        bound = _bound(text, m.start("n"))
        if bound == "lower":
            continue  # "more than 2,000 ... Of those, 2,400" is no contradiction
        low = 0.3 if bound == "approx" else 0.1
        larger = n + max(1, int(round(n * rng.uniform(low, 0.6), -max(len(str(n)) - 2, 0))))
        number = _fmt_like(larger, m.group("n"))
        jobs = m.group("noun") == "jobs"
        verb, what = (
            ("are", "in manufacturing")
            if jobs
            else ("were", rng.choice(["women", "under 25", "in London"]))
        )
        style = rng.randrange(3)
        if re.search(r"(?:\d|to|and|or|-) ?$", text[max(0, m.start() - 4) : m.start()]):
            continue  # the end of a range: "110 to 135 passengers"
        if style == 0 or text[end - 1] != "." or len(after) > 30:
            at, piece = end, f" Of those, {number} {verb} {what}."
        elif style == 1:
            at, piece = end - 1, f", {number} of {'which' if jobs else 'whom'} {verb} {what}."
        else:
            at, piece = end - 1, f", {number} of them {what}."
        if at == end - 1:
            piece = piece[:-1]  # the sentence keeps its own full stop
        rel = ((m.start("n"), m.end("n")),)
        mark = piece.index(number)
        sites.append(Site(at, at, piece, mark, mark + len(number), rel, synthetic=True))
    return sites


def weekday_sites(text: str, rng: random.Random) -> list[Site]:
    import datetime as dt

    natural, synthetic = [], []
    for m in DAY_DATE.finditer(text):
        year = YEAR_AFTER.match(text, m.end())
        name = m.group("m1") or m.group("m2")
        day = int(m.group("d1") or m.group("d2"))
        wd = re.search(rf"\b({_W}),? $", text[max(0, m.start() - 12) : m.start()])
        actual = None
        if year:
            try:
                actual = dt.date(int(year.group("y")), MONTHS.index(name) + 1, day).weekday()
            except ValueError:
                continue
        end = year.end() if year else m.end()
        if wd:
            wstart = m.start() - (len(wd.group(0)))
            current = WEEKDAYS.index(wd.group(1))
            wrong = rng.choice([w for i, w in enumerate(WEEKDAYS) if i not in (current, actual)])
            new = wrong + text[wstart + len(wd.group(1)) : end]
            natural.append(Site(wstart, end, new, 0, len(new)))
        elif actual is not None:
            wrong = rng.choice([w for i, w in enumerate(WEEKDAYS) if i != actual])
            sep = (
                ", " if m.group("m2") else " "
            )  # "Thursday, January 5, 2004" / "Thursday 5 January 2004"
            new = wrong + sep + text[m.start() : end]
            synthetic.append(Site(m.start(), end, new, 0, len(new), synthetic=True))
    return natural or synthetic


def percent_sites(text: str, rng: random.Random) -> list[Site]:
    natural, synthetic = [], []
    for m in PCT_FULL.finditer(text):
        true = _true_pct(m)
        pct = float(m.group("pct"))
        if true is None or abs(pct - true) > max(1.0, 0.15 * true):
            continue  # not a consistent original: nothing to break
        new = _wrong_pct(true, rng)
        natural.append(Site(m.start("pct"), m.end("pct"), new, 0, len(new)))
    for regex in (PCT_NONE, PCT_UPFROM):
        for m in regex.finditer(text):
            true = _true_pct(m)
            if true is None or true < 1:
                continue
            new = _wrong_pct(true, rng)
            ins = m.end("verb")
            synthetic.append(Site(ins, ins, f" {new}%", 1, 2 + len(new), synthetic=True))
    return natural or synthetic


def _true_pct(m: re.Match[str]) -> float | None:
    to = m.group("to1") or m.groupdict().get("to2")
    frm = m.group("from1") or m.groupdict().get("from2")
    if not to or not frm:
        return None
    (c1, a), (c2, b) = _amount(to), _amount(frm)
    if c1 != c2 or b == 0 or "%" in m.string[m.end() : m.end() + 1]:
        return None
    rising = m.group("verb") in _RISE.split("|")
    change = (a - b) / b * 100
    if (change > 0) != rising or abs(change) > 500:
        return None
    return abs(change)


def _wrong_pct(true: float, rng: random.Random) -> str:
    """A percentage clearly off the true change (not a rounding difference)."""
    for _ in range(20):
        cand = round(true * rng.choice([0.3, 0.5, 2, 3]) + rng.choice([-3, 3, 5]))
        if cand > 0 and abs(cand - true) >= max(3.0, 0.4 * true):
            return str(cand)
    return str(round(true) + 10)


def _body_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line after the headline (a paragraph each)."""
    for m in re.finditer(r"[^\n]+", text):
        if m.start() > 0 and m.group().strip():
            yield m.start(), m.end()


_OPEN_BEFORE = " ([\u2014-"


def _quote_pairs(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The (opening, closing) straight double quotes of a paragraph, or None when they
    do not pair up plainly (a quotation continued from or into another paragraph, an
    inch mark, a quote glued to a word)."""
    marks = [i for i in range(start, end) if text[i] == '"']
    if not marks or len(marks) % 2:
        return None
    pairs = []
    for o, c in zip(marks[::2], marks[1::2], strict=True):
        before = text[o - 1] if o > start else " "
        after_c = text[c + 1] if c + 1 < end else " "
        if before not in _OPEN_BEFORE or not text[o + 1].isalnum() or c == o + 1:
            return None
        if text[c - 1] == " " or after_c.isalnum():
            return None
        pairs.append((o, c))
    return pairs


def quote_dropped_sites(text: str, rng: random.Random, curly: bool = False) -> list[Site]:
    """One mark of a quotation that opens and closes in one paragraph deleted.

    Not planted: the closing mark of a full-sentence quotation that ends its paragraph
    when the next paragraph opens with a quotation mark -- without the mark that is
    news style for a quotation continued over two paragraphs, not a slip."""
    sites = []
    prepare = smarten if curly else None
    for start, end in _body_paragraphs(text):
        for o, c in _quote_pairs(text, start, end) or ():
            at = c if rng.random() < 2 / 3 else o
            continued = text[end + 1 :].lstrip()[:1] == '"'
            last = not text[c + 1 : end].strip(".!? ")  # 'policies".' ends it too
            if at == c and last and continued and text[o + 1].isupper():
                continue
            sites.append(Site(at, at + 1, "", 0, 0, scope=(start, end), prepare=prepare))
    return sites


_SINGLE_PAIR = re.compile(r"(?<=[\s(])'[A-Za-z][^'\n]{0,80}?[a-z.,!?]'(?=[\s.,;:)!?])")


def single_quote_dropped_sites(text: str, rng: random.Random) -> list[Site]:
    """The closing mark of a single-quoted phrase in the body ('wait and see') deleted,
    in the article typeset with curly quotes.  Not the opening one: a lone closing ’
    reads as an apostrophe ("the patients’ union"), so no checker could tell."""
    sites = []
    for start, end in _body_paragraphs(text):
        for m in _SINGLE_PAIR.finditer(text, start, end):
            at = m.end() - 1
            sites.append(Site(at, at + 1, "", 0, 0, scope=(start, end), prepare=smarten))
    return sites


def smarten(text: str) -> str:
    """The article typeset with curly quotes: “ after a space, bracket or dash and
    before a word, ” elsewhere; ‘ and ’ likewise for single quotes, ’ for every
    apostrophe.  One character for one, so offsets are unchanged."""
    out = list(text)
    for i, ch in enumerate(text):
        if ch in "\"'":
            before = text[i - 1] if i else "\n"
            after = text[i + 1] if i + 1 < len(text) else " "
            opening = before in _OPEN_BEFORE + "\n" and not after.isspace()
            if ch == '"':
                out[i] = "\u201c" if opening else "\u201d"
            else:
                out[i] = "\u2018" if opening and after.isalpha() else "\u2019"
    return "".join(out)


def paren_dropped_sites(text: str, rng: random.Random) -> list[Site]:
    """A bracket of a parenthesis within one paragraph deleted: the closing one (2 in 3)
    or the opening one."""
    sites = []
    for start, end in _body_paragraphs(text):
        for m in re.finditer(r"\([^()\n]{1,200}\)", text[start:end]):
            if text[start + m.start() - 1 : start + m.start()].isalnum():
                continue  # "f(x)", a formula rather than a parenthesis
            closing = rng.random() < 2 / 3
            at = start + (m.end() - 1 if closing else m.start())
            sites.append(Site(at, at + 1, "", 0, 0, scope=(start, end)))
    return sites


_BULLET = re.compile(r"\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s")
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|etc|Jr|Sr|St|No|plc))$")


def terminal_dropped_sites(text: str, rng: random.Random) -> list[Site]:
    """The final full stop of a body paragraph deleted."""
    sites = []
    for start, end in _body_paragraphs(text):
        m = re.search(r"[\w%)]\.(?=[\"')]?\s*$)", text[start:end])
        if m is None or len(text[start:end].split()) < 2 or _BULLET.match(text, start):
            continue  # a list item needs no full stop
        if _ABBREVIATED.search(text, start, start + m.end() - 1):
            continue  # "the U.S.", "Smith Ltd.": the stop may belong to the abbreviation
        at = start + m.end() - 1
        sites.append(Site(at, at + 1, "", 0, 0))
    return sites


# Capitalised closed-class words (pronouns, determiners, prepositions, conjunctions,
# sentence adverbs): they cannot continue a sentence, so a full stop lost before one is
# visible in principle.  Before a name or a noun ("…the vote Labour said") it is not.
CLOSED_CLASS_OPENERS = frozenset(
    "He She It They We You The This These Those His Her Its Their Our Some Many Most Both "
    "All Each Every Another Such In On At After Before During For With Under Among Despite "
    "According Since From By But And Yet So Or Although While When If As Because Though "
    "However Meanwhile Earlier Later Then Also Now Still Instead Indeed".split()
)


def terminal_dropped_sentence_sites(text: str, rng: random.Random) -> list[Site]:
    """The full stop between two sentences of a paragraph deleted, where the first ends
    in a lower-case word or a figure and the next opens with a closed-class word."""
    sites = []
    for start, end in _body_paragraphs(text):
        if _BULLET.match(text, start):
            continue
        for m in re.finditer(r"(?<=[a-z0-9%])\.(?= ([A-Z][a-z]*) [a-z])", text[start:end]):
            word = re.search(r"[\w%.,]+$", text[start : start + m.start()])
            if m.group(1) not in CLOSED_CLASS_OPENERS or word is None:
                continue
            if not re.fullmatch(r"[a-z][a-z\-']*|\d[\d,]*(?:\.\d+)?%?", word.group()):
                continue  # "U.S.", "Mr.", "No.": an abbreviation's stop, or a name before
            at = start + m.start()
            sites.append(Site(at, at + 1, "", 0, 0))
    return sites


_CONNECTORS = frozenset("of and for the on in de du la le des & to at".split())


def acronym_definition_sites(text: str, rng: random.Random) -> list[Site]:
    """The acronym of "Full Name (ABC)", its initials spelt exactly, mistyped there."""
    sites = []
    for d in ACRONYM_DEF.finditer(text):
        acr = d.group(1)
        words = re.findall(r"[\w&'\-]+", text[max(0, d.start() - 160) : d.start()])
        initials = ""
        for w in reversed(words):
            if w.lower() in _CONNECTORS and initials:
                continue
            if not w[:1].isupper():
                break
            initials = w[0] + initials
            if len(initials) >= len(acr):
                break
        if initials != acr:
            continue  # "National Security Committee (KNB)": no expansion to contradict
        wrong = _mistype_acronym(acr, rng)
        if wrong is None or wrong == acr or re.search(rf"\b{wrong}\b", text):
            continue
        s = d.start(1)
        sites.append(Site(s, s + len(acr), wrong, 0, len(wrong)))
    return sites


CLASSES: dict[str, Callable[[str, random.Random], list[Site]]] = {
    "month-slip": month_slip_sites,
    "acronym-typo": acronym_typo_sites,
    "acronym-typo-undefined": acronym_undefined_typo_sites,
    "name-typo": name_typo_sites,
    "name-typo-twice": lambda text, rng: name_typo_sites(text, rng, twice=True),
    "name-typo-twice-first": lambda text, rng: name_typo_sites(text, rng, twice=True, first=True),
    "name-typo-key": lambda text, rng: name_typo_sites(text, rng, key=True),
    "name-typo-twice-key": lambda text, rng: name_typo_sites(text, rng, twice=True, key=True),
    "doubled-word": doubled_word_sites,
    "figure-conflict": figure_conflict_sites,
    "figure-conflict-first": lambda text, rng: figure_conflict_sites(text, rng, first=True),
    "subset-exceeds-total": subset_sites,
    "weekday-mismatch": weekday_sites,
    "percent-mismatch": percent_sites,
    "comma-ending": comma_ending_sites,
    "comma-sentence": comma_sentence_sites,
    "misspelling": misspelling_sites,
    "misspelling-key": misspelling_key_sites,
    "quote-dropped": quote_dropped_sites,
    "quote-dropped-curly": lambda text, rng: quote_dropped_sites(text, rng, curly=True),
    "quote-dropped-single": single_quote_dropped_sites,
    "paren-dropped": paren_dropped_sites,
    "terminal-dropped": terminal_dropped_sites,
    "terminal-dropped-sentence": terminal_dropped_sentence_sites,
    "acronym-definition": acronym_definition_sites,
}


RESPELLINGS = frozenset(
    {
        "acronym-typo",
        "acronym-typo-undefined",
        "name-typo",
        "name-typo-twice",
        "name-typo-twice-first",
        "name-typo-key",
        "name-typo-twice-key",
        "misspelling",
        "misspelling-key",
        "acronym-definition",
    }
)


def corpus_files(corpus_dir: Path | str = DEFAULT_CORPUS) -> list[Path]:
    return sorted(Path(corpus_dir).glob("*.txt"))


def plant_all(
    corpus_dir: Path | str = DEFAULT_CORPUS,
    seed: int = 1,
    per_class: int = 40,
    only: tuple[str, ...] = (),
) -> Iterator[Plant]:
    """Up to ``per_class`` plants of each class (of ``only``, when given), each in a
    different article; a class's plants do not depend on which others are run.

    Natural sites are used first; synthetic ones only once no article has a natural
    site left.  One defect per planted article.
    """
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_files(corpus_dir)}
    vocabulary = {w for t in texts.values() for w in re.findall(r"\w+", t)}
    for cls, finder in CLASSES.items():
        if only and cls not in only:
            continue
        rng = random.Random(f"{seed}:{cls}")
        names = sorted(texts)
        rng.shuffle(names)
        candidates = [(name, finder(texts[name], rng)) for name in names]
        if cls in RESPELLINGS:  # a slip that makes another real word is undetectable
            candidates = [(n, [s for s in ss if s.new not in vocabulary]) for n, ss in candidates]
        natural = [(n, [s for s in ss if not s.synthetic]) for n, ss in candidates]
        tiers = [
            [(n, [s for s in ss if s.synthetic and s.tier == t]) for n, ss in candidates]
            for t in (0, 1)
        ]
        made = 0
        used: set[str] = set()
        for pool in (natural, *tiers):
            for name, sites in pool:
                if made >= per_class:
                    break
                if sites and name not in used:
                    used.add(name)
                    made += 1
                    yield _apply(cls, name, texts[name], rng.choice(sites))
            if made >= per_class:
                break


def _apply(cls: str, name: str, text: str, site: Site) -> Plant:
    if site.prepare is not None:
        text = site.prepare(text)
    new_text = text[: site.start] + site.new + text[site.end :]
    shift = len(site.new) - (site.end - site.start)
    related = tuple((a + shift, b + shift) if a >= site.end else (a, b) for a, b in site.related)
    return Plant(
        cls=cls,
        file=name,
        text=new_text,
        start=site.start + site.mark_start,
        end=site.start + site.mark_end,
        before=text[site.start : site.end],
        after=site.new,
        related=related,
        synthetic=site.synthetic,
        scope=site.scope and _shifted(site.scope, site, shift),
    )


def _shifted(span: tuple[int, int], site: Site, shift: int) -> tuple[int, int]:
    """``span`` of the original text in the planted one."""
    a, b = span
    return (a + shift if a >= site.end else a, b + shift if b >= site.end else b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--show", action="store_true", help="print every plant")
    args = parser.parse_args(argv)
    counts: dict[str, list[int]] = {}
    for p in plant_all(args.corpus, args.seed, args.per_class):
        row = counts.setdefault(p.cls, [0, 0])
        row[0] += 1
        row[1] += p.synthetic
        if args.show:
            ctx = p.text[max(0, p.start - 50) : p.end + 30].replace("\n", " / ")
            print(f"{p.cls:22} {p.file} {p.start}-{p.end} {p.before!r} -> {p.after!r} | …{ctx}…")
    for cls, (n, synth) in counts.items():
        print(f"{cls:22} {n:3} planted ({synth} synthetic)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
