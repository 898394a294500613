"""Tense of the verb that governs a phrase ("erupted on January 2", "will resume on April 2").

Why a small heuristic and no parser: a date's year often depends only on whether its
event lies behind or ahead of the reference date, and the governing verb almost
always sits a few words before the date in the same clause ("Troops arrived on
January 6"), or just after a fronted date ("Toqaev on January 5 removed ...").
The scan is one precompiled pattern over a bounded window: linear, no parsing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from kzaudit import regexcache
from kzaudit.alternation import trie
from kzaudit.datafiles import load_toml
from kzaudit.model import Tense
from kzaudit.regexcache import HOLD_GIL

# any run of blanks between a marker's words (the markers are tried per word, a trie
# halves the cost of a flat alternation there)
SPACES = r"\s+"

WINDOW_BEFORE = 160  # characters of the clause before the phrase that are scanned
WINDOW_AFTER = 60  # characters after it (for fronted dates)
GAP = 256  # a window starting this far past the scanned stretch extends it (the date between)
NEAR_WORDS = 3  # a marker this close (in words) is the clear governing verb
# A future auxiliary governs the whole predicate after it: "will hold a day of
# mourning on Tuesday" (a nearer verb, "that erupted on", is found first anyway).
NEAR_WORDS_FUTURE = 7

# Clause boundaries: a verb beyond one of these governs something else.
_BOUNDARY = regexcache.compile(
    r"[;()\[\]\u2014\u201c\u201d\"]|--|\s[-\u2013]\s"  # "--": a typed dash
    r"|(?<![0-9]):|:(?![0-9])"  # not a clock's "11:11"
    r"|\b(?:but|while|whereas|although|though|because|unless)\b"
)
# Every match of ``_BOUNDARY`` holds one of these (case-sensitive, as the pattern is).
_BOUNDARY_PARTS = (
    *';:()[]\u2014\u201c\u201d"-\u2013',
    *("but", "while", "whereas", "though", "because", "unless"),  # "though" in "although"
)
WORD = regexcache.compile(r"[\w'\u2019]+")  # a word as the tense reader counts them


@dataclass(frozen=True, slots=True)
class TenseHint:
    """What the scan found: the tense, the word that decided it and how sure it is."""

    tense: Tense | None
    marker: str | None = None
    strong: bool = False  # a clear governing verb next to the phrase
    hedged: bool = False  # "may", "could", "if": the verb says nothing firm
    at: tuple[int, int] | None = None  # offsets of ``marker``


_NONE = TenseHint(None)


@cache
def _lexicon() -> dict[str, Any]:
    return load_toml("dates_tense.toml")


@cache
def _marker_pattern() -> regex.Pattern[str]:
    """One pattern naming each marker class; longest phrases first within a class."""
    lex = _lexicon()
    return regexcache.compile(
        rf"(?<![\w'\u2019])(?:(?P<fs>{trie(lex['future_strong'], space=SPACES)})"
        rf"|(?P<fw>{trie(lex['future_weak'], space=SPACES)})"
        rf"|(?P<hedge>{trie(lex['hedge'], space=SPACES)})"
        rf"|(?P<past>{trie(lex['past'], space=SPACES)})"
        rf"|(?P<present>{trie(lex['present'], space=SPACES)})"
        r"|(?P<ed>[a-z]{2,20}ed))(?![\w'\u2019])",
        regex.IGNORECASE,
    )


@cache
def _first_words() -> frozenset[str]:
    """Words that can start a marker phrase (lower-case); -ed words are checked apart."""
    lex = _lexicon()
    kinds = ("future_strong", "future_weak", "hedge", "present", "past")
    return frozenset(w.split()[0].lower() for k in kinds for w in lex[k])


def _markers(text: str, lo: int, hi: int) -> list[regex.Match[str]]:
    """Marker matches in ``text[lo:hi]``, the full pattern tried only at candidate words.

    Why: the full marker alternation is slow to try at every character (measured
    about 7x slower than this); a word that starts no marker phrase and does not end
    in -ed cannot start a match, and a set lookup says so at once.
    """
    pattern = _marker_pattern()
    first = _first_words()
    out: list[regex.Match[str]] = []
    end = lo
    for w in WORD.finditer(text, lo, hi, False, HOLD_GIL):
        word = w.group().lower()
        if (word in first or word.endswith("ed")) and w.start() >= end:
            m = pattern.match(text, w.start(), hi, HOLD_GIL)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


@cache
def _not_past() -> tuple[frozenset[str], frozenset[str]]:
    lex = _lexicon()
    return frozenset(lex["not_past"]), frozenset(lex["not_past_before"])


def _classify(m: regex.Match[str], text: str) -> tuple[Tense | None, bool, bool] | None:
    """(tense, strong marker, hedge) for one marker match, or None to skip it."""
    kind = m.lastgroup
    word = m.group()
    if kind == "hedge":
        return (None, False, True) if word != "May" else None  # "May" is the month
    if kind == "fs":
        return "future", True, False
    if kind == "fw":
        return "future", False, False
    if kind == "present":
        return "present", False, False
    not_past, aux = _not_past()
    if kind == "ed" and (not word.islower() or word.lower() in not_past):
        return None  # "Ted", "United", "hundred": not verbs
    prev = WORD.findall(text, max(0, m.start() - 20), m.start(), False, HOLD_GIL)
    if prev and prev[-1].lower() in aux:
        return None  # "will be held", "is scheduled": tense comes from the auxiliary
    return "past", True, False


# Words after "to" that make no infinitive: "sentenced to death on", "went to the".
_NOT_VERB_AFTER_TO = frozenset(
    ["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that",
     "these", "those", "him", "them", "us", "me", "it", "death", "power", "office",
     "court", "prison", "jail", "hospital", "school", "work", "market", "date"]
)  # fmt: skip


_TO_BE_PARTICIPLE = regexcache.compile_std(r"\bto be [a-z]{2,20}(?:ed|id|en|wn)\b")


def infinitive(words: list[str]) -> bool:
    """An infinitive between the verb and the date ("voted to strike on March 24"): the
    date is the time of the infinitive's event, which the verb's tense does not place.
    A plural after "to" is a noun ("payable to shareholders on July 28")."""
    return any(
        w.lower() == "to" and nxt.islower() and nxt not in _NOT_VERB_AFTER_TO
        and not (nxt.endswith("s") and not nxt.endswith(("ss", "us")))
        for w, nxt in zip(words, words[1:], strict=False)
    )  # fmt: skip


_BOUNDARY_BACK = regexcache.compile(_BOUNDARY.pattern, regex.REVERSE)


def _may_hold_boundary(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` holds a part that a clause boundary needs.

    Why: most windows hold none (seven in ten before a date), and a few substring
    tests in C are much cheaper than the boundary search (tens of thousands of
    instructions backwards over a window).
    """
    window = text[lo:hi]
    return any(part in window for part in _BOUNDARY_PARTS)


def _clause_start(text: str, lo: int, start: int) -> tuple[int, tuple[int, int] | None]:
    """Just after the last clause boundary in ``[lo, start)`` (a backward search), and
    the bracketed aside the search stepped over: a bracket closed before the phrase is
    no boundary ("hit at 11:11pm local time (22:11 GMT) on November 8"), but what it
    holds governs nothing outside it."""
    if not _may_hold_boundary(text, lo, start):
        return lo, None
    b = _BOUNDARY_BACK.search(text, lo, start, HOLD_GIL)
    if b is None:
        return lo, None
    if b.group() == ")":
        opened = text.rfind("(", lo, b.start())
        if opened != -1:
            before = _BOUNDARY_BACK.search(text, lo, opened, HOLD_GIL)
            return (before.end() if before else lo), (opened, b.end())
    return b.end(), None


def _clause_end(text: str, end: int, hi: int) -> int:
    if not _may_hold_boundary(text, end, hi):
        return hi
    b = _BOUNDARY.search(text, end, hi, HOLD_GIL)
    return b.start() if b else hi


class TenseScanner:
    """Governing tense for many phrases of one text, each character scanned once.

    Dates come in text order and their windows overlap when they are dense (a
    hostile page of "on Monday" every few words): the markers already found for the
    scanned stretch are kept, so the cost stays linear in the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lo = 0
        self._hi = 0
        self._found: list[regex.Match[str]] = []
        self._starts: list[int] = []

    def _between(self, lo: int, hi: int) -> list[regex.Match[str]]:
        """Markers inside ``[lo, hi)``, scanning only what was not scanned before."""
        if not (self._lo <= lo <= self._hi + GAP):
            self._lo, self._hi, self._found, self._starts = lo, lo, [], []
        if hi > self._hi:
            start = max(self._hi, self._found[-1].end() if self._found else 0)
            new = _markers(self.text, start, hi)
            self._found.extend(new)
            self._starts.extend(m.start() for m in new)
            self._hi = hi
        i = bisect.bisect_left(self._starts, lo)
        j = bisect.bisect_left(self._starts, hi, i)
        return [m for m in self._found[i:j] if m.end() <= hi]

    def governing(self, start: int, end: int, lo: int, hi: int) -> TenseHint:
        """Tense of the verb governing ``text[start:end]`` within the sentence ``[lo, hi)``.

        The nearest marker before the phrase in its clause decides; a phrase that opens
        its clause ("On January 5, troops arrived") takes the first marker after it.
        """
        text = self.text
        left, aside = _clause_start(text, max(lo, start - WINDOW_BEFORE), start)
        for m in reversed(self._between(left, start)):
            if aside is not None and aside[0] <= m.start() < aside[1]:
                continue  # inside the bracket stepped over
            got = _classify(m, text)
            if got is None:
                continue
            tense, strong, hedged = got
            reach = NEAR_WORDS_FUTURE if tense == "future" else NEAR_WORDS
            words = WORD.findall(text, m.end(), start, False, HOLD_GIL)
            if _TO_BE_PARTICIPLE.search(" ".join(words)):
                return _NONE  # "proposed a dividend, to be paid on June 4": a plan, its
                # time the infinitive's, which no tense places
            near = len(words) <= reach and not infinitive(words)
            return TenseHint(tense, m.group(), strong and near, hedged, m.span())
        right = _clause_end(text, end, min(hi, end + WINDOW_AFTER))
        for m in self._between(end, right):
            got = _classify(m, text)
            if got is None:
                continue
            tense, strong, hedged = got
            near = len(WORD.findall(text, end, m.start(), False, HOLD_GIL)) <= NEAR_WORDS
            return TenseHint(tense, m.group(), strong and near, hedged, m.span())
        return _NONE


def governing_tense(text: str, start: int, end: int, lo: int, hi: int) -> TenseHint:
    """Tense of the verb governing ``text[start:end]`` (one-off; see ``TenseScanner``)."""
    return TenseScanner(text).governing(start, end, lo, hi)
