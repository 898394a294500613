"""Dates and durations: "January 5", "5 May 2005", "on Tuesday", "last year", "15 months".

Why hand-written: general date parsers read "We" as a Wednesday and "$40" as 1940
(see ANCHORS.md) and know nothing of tense.  Here one precompiled pattern finds
every date-shaped phrase in a single pass; words that are also ordinary English
("May", "March", "June", a bare "2019") count only with a day, a year or a date
context.  A month-day without a year is resolved against the reference date by the
tense of its governing verb: "erupted on January 2" is the last January 2, "is due
to resume on April 2" the next one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import regex

from kzaudit import regexcache
from kzaudit.alternation import phrases, trie
from kzaudit.datafiles import load_lines, load_toml
from kzaudit.extract.tense import TenseScanner
from kzaudit.model import DateMention, Document, Duration, Qualifier, Span, Tense
from kzaudit.regexcache import HOLD_GIL, matches_at

MAX_YEAR_SPAN = 1  # a yearless month-day resolves within this many years of the reference


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]  # "January", "Jan" -> 1
    month_names: tuple[str, ...]  # index 1..12 -> "January"
    ambiguous: frozenset[str]
    weekdays: dict[str, int]  # "Tuesday", "Tue" -> 1
    weekday_names: tuple[str, ...]  # 0..6 -> "Monday"
    weekday_abbr: frozenset[str]
    month_before: frozenset[str]
    month_weak_before: frozenset[str]
    year_before: frozenset[str]
    year_weak_before: frozenset[str]
    count_after: frozenset[str]
    weekday_not_date: frozenset[str]


@cache
def vocab() -> _Vocab:
    """Month and weekday names and context words, from ``kzaudit/data``."""
    months: dict[str, int] = {}
    names = [""]
    for line in load_lines("dates_months.txt"):
        num, full, *abbr = line.split()
        names.append(full)
        for word in (full, *abbr):
            months[word] = int(num)
    weekdays: dict[str, int] = {}
    wnames: list[str] = []
    wabbr: set[str] = set()
    for line in load_lines("dates_weekdays.txt"):
        num, full, *abbr = line.split()
        wnames.append(full)
        weekdays[full] = int(num)
        for word in abbr:
            weekdays[word] = int(num)
            wabbr.add(word)
    ctx = load_toml("dates_context.toml")
    return _Vocab(
        months=months,
        month_names=tuple(names),
        ambiguous=frozenset(load_lines("dates_ambiguous.txt")),
        weekdays=weekdays,
        weekday_names=tuple(wnames),
        weekday_abbr=frozenset(wabbr),
        month_before=frozenset(ctx["month_before"]),
        month_weak_before=frozenset(ctx["month_weak_before"]),
        year_before=frozenset(ctx["year_before"]),
        year_weak_before=frozenset(ctx["year_weak_before"]),
        count_after=frozenset(ctx["count_after"]),
        weekday_not_date=frozenset(ctx["weekday_not_date"]),
    )


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names as written ("January", "Monday"): words that name a date,
    never a title or a sentence's subject."""
    v = vocab()
    return frozenset([*v.weekday_names, *v.month_names[1:]])


_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d\w]|[.,]\d)"
_YEAR_DIGITS = r"(?:1[6-9]\d\d|20\d\d)"
_YEAR = _YEAR_DIGITS + r"(?![\d\w]|[.,]\d)"
_ISO = rf"(?P<y>{_YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
_NUM_BEFORE = r"(?<![\w$\u00a3\u20ac.,/-])"  # not inside a number, an amount or a range
_POSS = regexcache.compile(r"'s\b|\u2019s\b")


# A date's year: not across a blank line, and not a clock time ("Tuesday, 1 March" then
# a line "2000 GMT" in a match preview)
_CLOCK_ZONE = r"(?![ \t]{0,2}(?:GMT|BST|UTC|CET|hrs|h\b))"
_YEAR_AFTER_DAY = rf",?(?![ \t]{{0,3}}\n[ \t]{{0,3}}\n)\s{{1,3}}(?P<y>{_YEAR}){_CLOCK_ZONE}"


@cache
def _patterns() -> dict[str, regex.Pattern[str] | re.Pattern[str]]:
    """The one combined date pattern, plus small patterns for a match's surroundings."""
    v = vocab()
    mon = rf"(?:{trie(v.months)})\b\.?"
    mon_full = rf"(?:{trie(v.month_names[1:])})\b"
    wd_full = rf"(?:{trie(v.weekday_names)})\b"
    md = (
        rf"(?P<m>{mon})\s{{1,3}}(?P<d>{_DAY})"
        rf"(?:(?:\s?[-\u2013]\s?|\s(?:and|or|to)\s)(?P<d2>{_DAY}))?"
        rf"(?:{_YEAR_AFTER_DAY})?"
    )
    dm = (
        rf"(?:(?P<d0>{_DAY})(?:\s?[-\u2013]\s?|\s(?:and|or|to)\s))?"
        rf"(?P<d>{_DAY})\s{{1,3}}(?:of\s{{1,3}})?(?P<m>{mon})"
        rf"(?:{_YEAR_AFTER_DAY})?"
    )
    combined = (
        rf"{_NUM_BEFORE}(?P<iso>{_ISO})"
        rf"|\b(?P<md>{md})"
        rf"|{_NUM_BEFORE}(?P<dm>{dm})"
        rf"|\b(?P<my>(?P<m>{mon}),?\s{{1,3}}(?P<y>{_YEAR}))"
        rf"|\b(?P<wd>(?P<w>{wd_full}|(?:{trie(v.weekday_abbr)})\b\.?(?=,?\s{{1,3}}(?:{mon}|\d{{1,2}}\s))))"
        rf"|\b(?P<mo>{mon_full})"
        rf"|{_NUM_BEFORE}(?P<yr>(?P<y>{_YEAR}))"
        r"|\b(?P<rel>(?i:yesterday|today|tonight|tomorrow"
        r"|(?:(?:earlier|later)\s{1,3})?(?:this|last|next)\s{1,3}(?:weekend|week|month|year))\b)"
    )
    return {
        "date": regexcache.compile(combined),
        # Where a date can start: the cheap first stage of the scan (see ``matches_at`` and
        # ``_date_starts``), apart for words opening in a capital or digit and in lower case.
        "start": regexcache.compile_std(_start_pattern(v, lower=False)),
        "start_lower": regexcache.compile_std(_start_pattern(v, lower=True)),
        # A date right after a weekday: "Wednesday, March 5", "Tuesday (5 January)",
        # "Monday evening, May 8".
        "after_weekday": regexcache.compile(
            r"(?:\s{1,3}(?:morning|afternoon|evening|night))?"
            rf"\.?,?\s{{1,3}}\(?(?:the\s{{1,3}})?(?:{md}|{dm})"
        ),
        "time_before": regexcache.compile(
            r"(?i:\b(early|late)\s{1,3}on"
            r"|\bthe\s{1,3}(?:early\s{1,3}|late\s{1,3})?(morning|afternoon|evening|night)"
            r"\s{1,3}of)\s{1,3}$",
            regex.REVERSE,  # anchored at the end: tried there once, not from every start
        ),
        "time_after": regexcache.compile(r"\s{1,3}(morning|afternoon|evening|night)\b"),
        # "January 3, a Sunday": the weekday written after the date.
        "appositive_weekday": regexcache.compile(
            rf",\s{{1,3}}a\s{{1,3}}({trie(v.weekday_names)})\b"
        ),
    }


# The first words of the relative dates of ``_patterns`` ("yesterday", "last week").
_RELATIVE_FIRST_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "this",
    "last",
    "next",
    "earlier",
    "later",
)


def _start_pattern(v: _Vocab, lower: bool) -> str:
    r"""Where a date can start: a month or weekday name, a year, a day number or a
    relative word ("yesterday", "last"), at the start of a word -- only the words whose
    first character is lower case (``lower``), or only the others.

    Written as one branch per first character, each a literal (``J(?<!\w\w)(?:anuary|
    une|...)``), so that the standard engine's search skips every position whose
    character starts no branch in a tight loop of its own, instead of entering the
    pattern there (a tenth of the scan).  ``(?<!\w\w)`` after the first character is
    the ``\b`` before it.  A day number starts with an ASCII digit: the date pattern
    reads no other.  Literals and bounded repeats only, so linear.
    """
    rests: dict[str, list[str]] = {}
    for word in sorted({*v.months, *v.weekdays}, key=lambda w: (-len(w), w)):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    for word in _RELATIVE_FIRST_WORDS:
        for first in (word[0], word[0].upper()):  # these first letters fold to no other
            rests.setdefault(first, []).append(f"(?i:{re.escape(word[1:])})")
    for digit in "0123456789":
        rests.setdefault(digit, []).append(r"\d?(?:st|nd|rd|th)?(?=[\s\u2013-])")
    rests["1"].insert(0, r"[6-9]\d\d(?!\d)")  # the years of ``_YEAR_DIGITS``
    rests["2"].insert(0, r"0\d\d(?!\d)")
    return "|".join(
        rf"{re.escape(first)}(?<!\w\w)(?:{'|'.join(alts)})"
        for first, alts in sorted(rests.items())
        if first.islower() == lower
    )


# Characters that the standard engine's case-insensitive matching takes for an ASCII
# letter while ``str.lower`` does not turn them into it: "\u0130" (I with a dot), dotless
# "\u0131", long "\u017f", the Kelvin sign.
_CASE_FIXES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _date_starts(text: str) -> list[int]:
    """Where ``_patterns()["start"]`` or ``["start_lower"]`` match: every place a date
    can start, in order.

    Why two patterns: the relative words start with common lower-case letters ("t",
    "l", "e"), where a scan enters the pattern at nearly every word; the other starts
    (capitals, digits) are scanned for with few entries, and the relative words are
    found by ``str.find`` in the lower-cased text, each place confirmed by the pattern.
    Starts never overlap (each is a run of word characters after a non-word one), so
    the union is what one scan of both would find.
    """
    pats = _patterns()
    lower = pats["start_lower"]
    found = [m.start() for m in pats["start"].finditer(text)]
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in _CASE_FIXES):
        found += [m.start() for m in lower.finditer(text)]  # offsets or case rules differ
    else:
        for word in _RELATIVE_FIRST_WORDS:
            for at in _find_all(low, word):
                if lower.match(text, at):
                    found.append(at)
    found.sort()
    return found


_STRIP = "\"'()[]\u201c\u201d\u2018\u2019"


def words_before(text: str, start: int, reach: int = 40) -> tuple[str, str]:
    """The two words before ``start`` (punctuation stripped, "" where there is none).

    Plain string splitting over a bounded window: constant time per call, so a page of
    100,000 month names costs no more than 100,000 lookups.
    """
    lo = max(0, start - reach)
    parts = text[lo:start].replace(",", " ").split()
    if lo > 0 and len(parts) > 2:
        parts = parts[-2:]
    words = [w.strip(_STRIP) for w in parts[-2:]]
    if not words:
        return "", ""
    return (words[0], words[1]) if len(words) == 2 else ("", words[0])


# -- resolution against the reference date ---------------------------------------


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick(cands: list[dt.date], ref: dt.date, tense: Tense | None) -> dt.date | None:
    """Past: the latest on or before ``ref``; future: the earliest on or after; else nearest."""
    if not cands:
        return None
    if tense == "past":
        before = [c for c in cands if c <= ref]
        return max(before) if before else None
    if tense == "future":
        after = [c for c in cands if c >= ref]
        return min(after) if after else None
    return min(cands, key=lambda c: (abs((c - ref).days), c))


def resolve_month_day(
    month: int, day: int, ref: dt.date, tense: Tense | None, lead: str | None = None
) -> dt.date | None:
    """The date of a yearless "January 5" seen from ``ref``, by tense."""
    years = range(ref.year - MAX_YEAR_SPAN, ref.year + MAX_YEAR_SPAN + 1)
    cands = [d for d in (safe_date(y, month, day) for y in years) if d is not None]
    return _pick(cands, ref, _resolving_tense(tense, lead))


# What a period's end is written after ("until June", "by mid-March"): the date
# bounds a period; it dates no event.
END_POINTS = frozenset(
    ["until", "till", "through", "by", "until early", "until mid", "until late",
     "till early", "till mid", "till late", "by early", "by mid", "by late", "through mid",
     "by the end of", "the end of", "end of"]
)  # fmt: skip


HALF_YEAR = 183


def _weekday_fit(month: int, day: int, weekday: int, ref: dt.date) -> dt.date | None:
    """The occurrence within half a year of ``ref`` on the weekday written, if one is.

    "Thursday, 4 November" in a story of February 2005 is November 4, 2004 (a
    Thursday), whatever the tense: the weekday is the writer's own evidence of year.
    """
    for year in (ref.year - 1, ref.year, ref.year + 1):
        cand = safe_date(year, month, day)
        if cand and cand.weekday() == weekday and abs((cand - ref).days) <= HALF_YEAR:
            return cand
    return None


def _lead_tense(lead: str | None) -> Tense | None:
    if lead in ("last", "since"):
        return "past"
    if lead == "next":
        return "future"
    return None


def _resolving_tense(tense: Tense | None, lead: str | None) -> Tense | None:
    """The tense that places the date: "declared ... until January 19" is no past date."""
    if lead in END_POINTS and tense == "past":
        return None
    return _lead_tense(lead) or tense


def resolve_month(month: int, ref: dt.date, tense: Tense | None, lead: str | None) -> dt.date:
    """First day of the month meant by "in June", "last June", "next May"."""
    if lead == "this":
        return dt.date(ref.year, month, 1)
    cands = [dt.date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    this_month = dt.date(ref.year, ref.month, 1)
    if lead == "last":
        return max(c for c in cands if c < this_month)
    if lead == "next":
        return min(c for c in cands if c > this_month)
    return _pick(cands, this_month, _resolving_tense(tense, lead)) or cands[1]


def resolve_weekday(weekday: int, ref: dt.date, tense: Tense | None, lead: str | None) -> dt.date:
    """The date of "on Tuesday": the last one for a past event, the next for a future one."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if lead == "last":
        return ref - dt.timedelta(days=back or 7)
    if lead == "next":
        return ref + dt.timedelta(days=ahead or 7)
    if tense == "future" or (tense is None and ahead < back):
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def _relative(phrase: str, ref: dt.date | None) -> tuple[dt.date | None, str]:
    """Date and precision of "yesterday", "last week", "earlier this month"."""
    words = phrase.lower().split()
    if words[0] in _RELATIVE_DAYS:
        date = ref + dt.timedelta(days=_RELATIVE_DAYS[words[0]]) if ref else None
        return date, "day"
    which, unit = words[-2], words[-1]
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit in ("week", "weekend"):
        if ref is None:
            return None, "week"
        monday = ref - dt.timedelta(days=ref.weekday())
        return monday + dt.timedelta(weeks=step), "week"
    if unit == "month":
        if ref is None:
            return None, "month"
        index = ref.year * 12 + ref.month - 1 + step
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    return (dt.date(ref.year + step, 1, 1) if ref else None), "year"


# -- event keys ----------------------------------------------------------------------

EVENT_MIN_WORDS = 2  # content words besides the verb: "struck" alone names no event
# Plain character classes: the standard engine is exact here and cheaper per call.
_EVENT_WORD = regexcache.compile_std(r"[A-Za-z][a-z]{1,30}")


def stem(word: str) -> str:
    """A light stem so "declared", "declares" and "declare" share one key."""
    w = word.lower()
    for suffix in ("ing", "ied", "ies", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


@cache
def _event_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    lex = load_toml("dates_tense.toml")
    return frozenset(lex["event_stopwords"]), frozenset(lex["event_skip_verbs"])


def event_stopwords() -> frozenset[str]:
    """Words left out of an event's key ("the", "its", "was")."""
    return _event_lexicon()[0]


@cache
def _calendar_words() -> frozenset[str]:
    v = vocab()
    return frozenset(w.lower() for w in (*v.months, *v.weekdays))


def event_key(text: str, at: tuple[int, int] | None, start: int, lo: int, hi: int) -> str | None:
    """ "declar emergency nationwide state" for "declared a nationwide state of emergency
    until January 19": the verb's stem, then the sorted stems of its object (the words
    between verb and date) and of the two words before it (its subject).  ``lo``, ``hi``:
    the sentence, which bounds both ("On January 6, troops arrived from Russia." takes
    no word of the next sentence)."""
    if at is None:
        return None
    stop, skip = _event_lexicon()
    verb = text[at[0] : at[1]].lower()
    if verb in skip or " " in verb:
        return None
    # The object: words between verb and date, or after a verb that follows its date.
    obj = text[at[1] : start] if at[0] < start else text[at[1] : min(at[1] + 40, hi)]
    left = max(lo, at[0] - 30)
    comma = text.rfind(",", left, at[0])
    subject = _EVENT_WORD.findall(text, max(left, comma + 1), at[0])[-2:]
    words = [w.lower() for w in (*subject, *_EVENT_WORD.findall(obj)[:6])]
    calendar = _calendar_words()
    content = sorted({stem(w) for w in words if w not in stop and w not in calendar})
    if len(content) < EVENT_MIN_WORDS:
        return None
    return " ".join([stem(verb), *content])


# -- the extraction pass -------------------------------------------------------------


@dataclass
class _Pass:
    """State of one extraction pass over a document."""

    doc: Document
    text: str
    ref: dt.date | None
    mentions: list[DateMention]
    tenses: TenseScanner
    skip_to: int = 0

    def words_before(self, start: int) -> tuple[str, str]:
        """The two words before ``start`` as written ("" where there is none)."""
        return words_before(self.text, start)

    def lead(self, start: int) -> str | None:
        """The context word before a date, lower-case ("on", "since", "end of")."""
        first, second = (w.lower() for w in self.words_before(start))
        if (first, second) == ("at", "least"):  # "until at least Monday": led by "until"
            at = self.text.rfind("at", 0, start)
            first, second = (w.lower() for w in self.words_before(at))
        phrase = f"{first} {second.rstrip('-')}"  # "until mid-June": "until mid"
        if first and phrase in vocab().month_before:
            return phrase
        return second or None

    def sentence_bounds(self, offset: int) -> tuple[int, int, int]:
        doc = self.doc
        if not doc.sentences:
            return -1, 0, len(self.text)
        i = doc.sentence_index(offset)
        span = doc.sentences[i].span
        return i, span.start, span.end

    def add(
        self,
        start: int,
        end: int,
        precision: str,
        *,
        month: int | None = None,
        day: int | None = None,
        year: int | None = None,
        weekday: int | None = None,
        relative: bool = False,
        date: dt.date | None = None,
        lead_at: int | None = None,
    ) -> DateMention:
        """Record a mention: tense of its verb, lead word, time of day, resolved date.

        ``lead_at``: where the lead word is read, when the mention is the second day of
        a range ("on 4 or 5 April": "5 April" is led by "on", not "or").
        """
        sent, lo, hi = self.sentence_bounds(start)
        lead = self.lead(start if lead_at is None else lead_at)
        hint = self.tenses.governing(start, end, lo, hi)
        tense = hint.tense
        if date is None and self.ref is not None:
            date = self._resolve(month, day, year, weekday, precision, tense, lead)
        mention = DateMention(
            text=self.doc.source[start:end],
            span=Span(start, end),
            date=date,
            precision=precision,  # type: ignore[arg-type]
            weekday=weekday,
            tense=tense,
            month=month,
            day=day,
            year=year,
            relative=relative,
            sentence=sent,
            lead=lead,
            time_of_day=self._time_of_day(start, end),
            governor=hint.marker,
            governor_clear=hint.strong,
            event=event_key(self.text, hint.at, start, lo, hi) if hint.tense == "past" else None,
        )
        self.mentions.append(mention)
        return mention

    def _resolve(
        self,
        month: int | None,
        day: int | None,
        year: int | None,
        weekday: int | None,
        precision: str,
        tense: Tense | None,
        lead: str | None,
    ) -> dt.date | None:
        ref = self.ref
        assert ref is not None
        if month is not None and day is not None:
            if weekday is not None:
                fits = _weekday_fit(month, day, weekday, ref)
                if fits is not None:
                    return fits
            return resolve_month_day(month, day, ref, tense, lead)
        if month is not None and precision == "month":
            return resolve_month(month, ref, tense, lead)
        if weekday is not None:
            return resolve_weekday(weekday, ref, tense, lead)
        return None

    def _time_of_day(self, start: int, end: int) -> str | None:
        p = _patterns()
        m = p["time_before"].search(self.text, max(0, start - 40), start, HOLD_GIL)
        if m:
            return (m.group(1) or m.group(2)).lower()
        m = p["time_after"].match(self.text, end, None, HOLD_GIL)
        return m.group(1).lower() if m else None


def _month_day(p: _Pass, m: regex.Match[str], kind: str) -> None:
    """ "January 5", "5 January 2005", "January 5-7", "2005-01-05"."""
    raw_month = m.group("m")
    month = int(raw_month) if raw_month.isdigit() else vocab().months[raw_month.rstrip(".")]
    year = int(m.group("y")) if m.group("y") else None
    end = m.end()
    ranged = kind == "md" and m.group("d2")
    if ranged:
        end = m.end("d")  # "January 5-7, 2022": "January 5" and "7, 2022" are two mentions
    if kind == "dm" and m.group("d0"):
        _add_day(p, m.start("d0"), m.end("d0"), month, _day(m.group("d0")), year)
    if p.text[end - 1] == "." and not m.group("y"):
        end -= 1  # "5 Jan." closing a sentence
    start = m.start("d") if kind == "dm" else m.start()
    lead_at = m.start("d0") if kind == "dm" and m.group("d0") else None
    weekday = (
        None if ranged else _patterns()["appositive_weekday"].match(p.text, end, None, HOLD_GIL)
    )
    if weekday is not None:  # "January 3, a Sunday,": the weekday the writer gives it
        wd = vocab().weekdays[weekday.group(1)]
        p.skip_to = weekday.end()
        date = safe_date(year, month, _day(m.group("d"))) if year else None
        p.add(start, weekday.end(), "day", month=month, day=_day(m.group("d")), year=year,
              weekday=wd, date=date, lead_at=lead_at)  # fmt: skip
        return
    _add_day(p, start, end, month, _day(m.group("d")), year, lead_at)
    if ranged:
        _add_day(p, m.start("d2"), m.end(), month, _day(m.group("d2")), year, m.start())


def _add_day(
    p: _Pass,
    start: int,
    end: int,
    month: int,
    day: int,
    year: int | None,
    lead_at: int | None = None,
) -> None:
    date = safe_date(year, month, day) if year else None
    p.add(start, end, "day", month=month, day=day, year=year, date=date, lead_at=lead_at)


def _weekday(p: _Pass, m: regex.Match[str], kind: str) -> None:
    """ "on Tuesday", "Sunday's rally", "Wednesday, March 5" (weekday as written)."""
    v = vocab()
    word = m.group("w").rstrip(".")
    named = p.words_before(m.start())[1] in v.weekday_not_date
    weekday = v.weekdays[word]
    after = _patterns()["after_weekday"].match(p.text, m.end(), None, HOLD_GIL)
    # "Good Friday", "Super Tuesday" name days, not this week's; with a date after them
    # ("Easter Sunday, April 20") they still fall on their weekday
    if after is not None:
        month = v.months[after.group("m").rstrip(".")]
        day = _day(after.group("d"))
        year = int(after.group("y")) if after.group("y") else None
        end = after.end("y") if year else max(after.end("d"), after.end("m"))
        if p.text[end - 1] == ".":
            end -= 1  # "Tuesday, 5 Jan." at a sentence end: the period is not the date's
        p.skip_to = end
        date = safe_date(year, month, day) if year else None
        p.add(m.start(), end, "day", month=month, day=day, year=year, weekday=weekday, date=date)
        return
    if word in v.weekday_abbr or named:
        return
    end = m.end()
    poss = _POSS.match(p.text, end, None, HOLD_GIL)
    p.add(m.start(), poss.end() if poss else end, "day", weekday=weekday, relative=True)


def _month_alone(p: _Pass, m: regex.Match[str], kind: str) -> None:
    """ "in June", "last May", "mid-January": a month with a date context.

    May, March, June and August are also words and names: they need a strong context
    ("in June", "last May"); "and"/"or"/"to" count only after another month.
    """
    v = vocab()
    word = m.group("mo")
    first, second = (w.lower() for w in p.words_before(m.start()))
    ambiguous = word in v.ambiguous
    phrase = f"{first} {second}" in v.month_before
    ok = phrase or second in v.month_before
    if ok and not phrase and second in v.month_weak_before:
        prior = p.mentions[-1] if p.mentions else None
        listed = prior is not None and prior.month is not None and m.start() - prior.span.end < 12
        ok = listed or (not ambiguous and second not in ("and", "or"))
    if not ok and not ambiguous:
        after = _WORD_AFTER.match(p.text, m.end(), None, HOLD_GIL)
        ok = second in _DETERMINERS and bool(after and after.group(1).islower())
    if not ok or (ambiguous and _name_follows(p.text, m.end())):
        return  # no date context, or "June Smith"
    p.add(m.start(), m.end(), "month", month=v.months[word])


_DETERMINERS = frozenset(
    ["the", "a", "an", "his", "her", "its", "their", "our", "this", "last", "next"]
)
_WORD_AFTER = regexcache.compile(r"\s{1,3}([\w%]+)")


def _name_follows(text: str, end: int) -> bool:
    after = _WORD_AFTER.match(text, end, None, HOLD_GIL)
    return bool(after and after.group(1)[:1].isupper() and after.group(1).isalpha())


def _month_year(p: _Pass, m: regex.Match[str], kind: str) -> None:
    month = vocab().months[m.group("m").rstrip(".")]
    year = int(m.group("y"))
    p.add(m.start(), m.end(), "month", month=month, year=year, date=dt.date(year, month, 1))


def _year(p: _Pass, m: regex.Match[str], kind: str) -> None:
    """ "in 2019", "since 2003", "2019's": a four-digit number in a date context.

    Words that also introduce counts ("of", "for", "from", "and") need more: a year
    range ("from 1998 to 2004"), a list of years ("in 2003 and 2014") or the number
    closing its phrase ("For 2005, the firm expects").
    """
    v = vocab()
    text = p.text
    end = m.end()
    poss = _POSS.match(text, end, None, HOLD_GIL)
    first, second = (w.lower() for w in p.words_before(m.start()))
    two = f"{first} {second}"
    if poss is None:
        if two not in v.year_before and second not in v.year_before:
            return
        if two not in v.year_before and second in v.year_weak_before:
            prior = p.mentions[-1] if p.mentions else None
            chained = (
                prior is not None and prior.precision == "year" and m.start() - prior.span.end < 8
            )
            closes = text[end : end + 1] in (",", ".", ";", ")")
            if not (chained or closes or _YEAR_RANGE.match(text, end, None, HOLD_GIL)):
                return
        after = _WORD_AFTER.match(text, end, None, HOLD_GIL)
        if after and after.group(1).lower() in v.count_after:
            return
    year = int(m.group("y"))
    p.add(m.start(), poss.end() if poss else end, "year", year=year, date=dt.date(year, 1, 1))


_YEAR_RANGE = regexcache.compile(rf"\s{{0,3}}(?:to|and|-|\u2013)\s{{0,3}}{_YEAR}")


def _day(raw: str) -> int:
    return int(raw.rstrip("stndrh"))


def _relative_phrase(p: _Pass, m: regex.Match[str], kind: str) -> None:
    date, precision = _relative(m.group("rel"), p.ref)
    p.add(m.start(), m.end(), precision, relative=True, date=date)


_HANDLERS = {
    "iso": _month_day,
    "md": _month_day,
    "dm": _month_day,
    "wd": _weekday,
    "mo": _month_alone,
    "my": _month_year,
    "yr": _year,
    "rel": _relative_phrase,
}


_START_SLACK = 32  # characters past a window a start or a unit phrase may run on


def _starts_in(
    text: str,
    pattern: re.Pattern[str] | regex.Pattern[str],
    windows: list[tuple[int, int]] | None,
) -> Iterator[re.Match[str] | regex.Match[str]]:
    """The matches of ``pattern`` that start in ``windows`` (all of them for None).

    Each window is searched up to ``_START_SLACK`` characters past its end, so that a
    match starting in it is never cut short; one starting past the end is left to the
    next window.  Exact for patterns whose matches cannot overlap one another (a
    window's first match is then the one a scan of the whole text finds there).
    """
    if windows is None:
        yield from pattern.finditer(text)
        return
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, min(len(text), hi + _START_SLACK)):
            if m.start() > hi:
                break
            yield m


def _kind(m: regex.Match[str]) -> str:
    """Which branch of the combined pattern matched (its outer group's name)."""
    return next(k for k in _HANDLERS if m.start(k) >= 0)


def extract_dates(doc: Document) -> tuple[list[DateMention], list[Duration]]:
    """Every date mention (in text order) and every duration of ``doc``."""
    text = doc.text
    p = _Pass(doc=doc, text=text, ref=doc.reference_date, mentions=[], tenses=TenseScanner(text))
    for m in matches_at(_patterns()["date"], text, _date_starts(text)):
        if m.start() < p.skip_to:
            continue
        kind = _kind(m)
        _HANDLERS[kind](p, m, kind)
    p.mentions.sort(key=lambda d: (d.span.start, d.span.end))
    return p.mentions, find_durations(doc, p.mentions)


# -- durations ---------------------------------------------------------------------


@cache
def _duration_vocab() -> dict:
    return load_toml("dates_durations.toml")


@cache
def _duration_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """(start candidates, the duration from its number on, lead and qualifier before it)."""
    d = _duration_vocab()
    units = [form for forms in d["units"].values() for form in forms]
    words = trie(d["numbers"])
    number = (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}})(?:\.\d{{1,3}})?|(?:{words})(?:[-\s](?:{words}))?"
    )
    first = {w.split()[0] for w in [*d["numbers"], *d["vague"]]}
    # A trie of the first words: a third faster to scan than the flat alternation.
    start = regexcache.compile(rf"\b(?:\d[\d,.]{{0,12}}[\s\u2013-]|(?i:{trie(first)})\b)")
    body = regexcache.compile(
        rf"(?<![\w$\u00a3\u20ac.,-])(?i:(?P<vague>{phrases(d['vague'])})|(?P<num>{number})"
        rf"(?:\s{{0,3}}(?:-|\u2013)\s{{0,3}}|\s{{1,3}}(?:to|or)\s{{1,3}})?(?P<num2>{number})?)"
        rf"(?:-|\s{{1,3}})(?:(?:more|further|additional|extra|full|straight|consecutive)\s{{1,3}})?"
        rf"(?P<unit>{trie(units)})(?![\w-])(?!\s{{1,3}}old\b)"
    )
    before = regexcache.compile(
        rf"\b(?i:(?P<lead>{phrases(d['lead'])})\s{{1,3}})?"
        rf"(?i:(?:just\s{{1,3}})?(?P<qual>{phrases(d['qualifiers'])})\s{{1,3}})?$"
    )
    return start, body, before


@cache
def _vague_duration_pattern() -> regex.Pattern[str]:
    """ "an hour", "a week" (kept only after "for", "almost"...) and a bare "weeks"."""
    d = _duration_vocab()
    singular = [forms[0] for forms in d["units"].values()]
    plural = [forms[1] for forms in d["units"].values()]
    return regexcache.compile(
        rf"\b(?:(?P<a>an?)\s{{1,3}}(?P<one>{trie(singular)})|(?P<bare>{trie(plural)}))\b(?![\w-])"
    )


@cache
def _unit_of() -> dict[str, str]:
    """Each written unit ("months") -> its unit ("month")."""
    return {form: unit for unit, forms in _duration_vocab()["units"].items() for form in forms}


@cache
def _lead_words() -> frozenset[str]:
    """Last words of leads and qualifiers: "for", "past", "nearly" before "a year"."""
    d = _duration_vocab()
    return frozenset(w.split()[-1] for w in [*d["lead"], *d["qualifiers"]])


LEAD_REACH = 40  # characters before a duration's number searched for "for the past"


@cache
def _unit_stems() -> tuple[str, ...]:
    """What every written form of each unit starts with ("centur" of "century", "centuries")."""
    return tuple(os.path.commonprefix(forms) for forms in _duration_vocab()["units"].values())


# Reach of a duration before its unit word: the words after the number ("-", "more"),
# then (past any digit run, a long second number) the rest: a range, a first number
# or a vague phrase.  Bounds of the patterns of ``_duration_patterns``, with a margin.
_UNIT_TAIL = 24
_UNIT_REACH = 64


_WORD_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _unit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches ``(lo, hi)`` of ``text``, in order and apart, where every duration
    starts: each ends at a unit word ("days"), which every duration pattern ends with.

    Why: candidates for a duration's start ("a", "one", a digit) are everywhere, but
    unit words are few; scanning only before them skips nearly all the text.  A
    duration's words are bounded except a long second number ("1 to 1,000,000,000
    days"), so a window reaches back over any digit run it starts in.  A unit word
    comes after "-", a blank or (a bare plural) a word boundary: one inside a word
    ("today") starts no window.
    """
    units = sorted(at for stem in _unit_stems() for at in _find_all(text, stem))
    windows: list[tuple[int, int]] = []
    for at in units:
        if at and text[at - 1] in _WORD_ASCII:
            continue  # "today", "Monday": a unit word follows a blank, a hyphen or no word
        lo = max(0, at - _UNIT_TAIL)
        while lo > 0 and (text[lo - 1].isdigit() or text[lo - 1] in ",."):
            if windows and lo <= windows[-1][1]:
                break  # inside the last window: the rest was scanned there
            lo -= 1
        lo = max(0, lo - _UNIT_REACH)
        if windows and lo <= windows[-1][1] + _START_SLACK:
            windows[-1] = (windows[-1][0], at)
        else:
            windows.append((lo, at))
    return windows


def _find_all(text: str, word: str) -> Iterator[int]:
    """Every offset where ``word`` occurs in ``text`` (as a plain substring)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


_UNTIL = frozenset(w for w in END_POINTS if w.split()[0] in ("until", "till", "through"))
_JOIN = regexcache.compile(r"\s{1,3}(?:or|to)\s{1,3}")


def find_durations(doc: Document, mentions: list[DateMention]) -> list[Duration]:
    """ "15 months", "three decades", "several days or several weeks", "until January 19"."""
    d = _duration_vocab()
    unit_of = _unit_of()
    out: list[Duration] = []
    text = doc.text
    starts, body, before = _duration_patterns()
    windows = _unit_windows(text)
    for m in matches_at(body, text, (c.start() for c in _starts_in(text, starts, windows))):
        lead = before.search(text, max(0, m.start() - LEAD_REACH), m.start(), HOLD_GIL)
        qual = lead.group("qual") if lead else None
        qualifier: Qualifier = d["qualifiers"].get(_norm(qual), "exact")
        value: float | None
        if m.group("vague"):
            kind = d["vague"][_norm(m.group("vague"))]
            value = 2 if kind == "about" else None
            qualifier = kind
        else:
            value = _number_value(m.group("num"), d["numbers"])
            if value is None:
                continue
        start = lead.start() if lead and lead.end() > lead.start() else m.start()
        dur = Duration(
            doc.source[start : m.end()],
            Span(start, m.end()),
            value,
            unit_of[m.group("unit").lower()],
            qualifier,
        )
        if out and _JOIN.fullmatch(text, out[-1].span.end, start, HOLD_GIL):
            prev = out.pop()
            dur = Duration(
                doc.source[prev.span.start : m.end()],
                Span(prev.span.start, m.end()),
                prev.value,
                prev.unit,
                prev.qualifier,
            )
        out.append(dur)
    out.extend(_vague_durations(doc, out, windows))
    for mention in mentions:
        if mention.lead in _UNTIL and mention.precision in ("day", "month"):
            lead_start = text.rfind(
                mention.lead.split()[0], max(0, mention.span.start - 20), mention.span.start
            )
            if lead_start >= 0:
                span = Span(lead_start, mention.span.end)
                out.append(Duration(doc.source[span.start : span.end], span, None, None, "exact"))
    out.sort(key=lambda x: (x.span.start, x.span.end))
    return out


_BARE_BEFORE = frozenset(
    [
        "for",
        "within",
        "facing",
        "after",
        "in",
        "over",
        "take",
        "takes",
        "took",
        "taking",
        "last",
        "lasted",
        "spent",
    ]
)
_OFFSET_AFTER = regexcache.compile(r"\s{1,3}(?:later|long)\b")
_BARE_AFTER = regexcache.compile(r"\s{1,3}of\b")


def _vague_durations(
    doc: Document, found: list[Duration], windows: list[tuple[int, int]]
) -> list[Duration]:
    """ "almost a year", "for an hour" (value 1) and "for weeks", "weeks of talks" (vague)."""
    d = _duration_vocab()
    quals = d["qualifiers"]
    leads = _lead_words()
    unit_of = _unit_of()
    # The durations already found, by start, with the furthest end reached so far: a
    # candidate overlaps one of them when that end, up to the last start before its own
    # end, passes its start (a bisection, not a scan: a page of durations stays linear).
    taken = sorted((x.span.start, x.span.end) for x in found)
    starts = [t[0] for t in taken]
    reach = list(accumulate((t[1] for t in taken), max))
    out: list[Duration] = []
    text = doc.text
    for m in _starts_in(text, _vague_duration_pattern(), windows):
        span = Span(m.start(), m.end())
        i = bisect.bisect_left(starts, span.end) - 1
        if i >= 0 and reach[i] > span.start:
            continue
        first, second = (w.lower() for w in words_before(text, m.start()))
        if m.group("a"):
            offset = _OFFSET_AFTER.match(text, m.end(), None, HOLD_GIL)
            if m.group("one") == "second" or (second not in leads and not offset):
                continue  # "a second time" is an ordinal
            qual = quals.get(f"{first} {second}") or quals.get(second) or "exact"
            lo = text.rfind(second, max(0, m.start() - 12), m.start()) if second in quals else -1
            span = Span(lo if lo >= 0 else m.start(), m.end())
            out.append(
                Duration(doc.source[span.start : span.end], span, 1, unit_of[m.group("one")], qual)
            )
        elif second in _BARE_BEFORE or _BARE_AFTER.match(text, m.end(), None, HOLD_GIL):
            out.append(Duration(m.group(), span, None, unit_of[m.group("bare")], "vague"))
    return out


def _norm(words: str | None) -> str:
    return " ".join(words.lower().split()) if words else ""


def _number_value(raw: str, numbers: dict[str, int]) -> float | None:
    """Value of "15", "1,000", "2.5", "three", "twenty-five"."""
    raw = raw.lower()
    if raw[0].isdigit():
        return float(raw.replace(",", "")) if "." in raw else int(raw.replace(",", ""))
    parts = regex.split(r"[-\s]+", raw)
    total = 0
    for part in parts:
        if part not in numbers:
            return None
        n = numbers[part]
        total = total * n if n == 100 and total else total + n
    return total


# -- the dateline ------------------------------------------------------------------

DATELINE_WINDOW = 600  # the dateline sits in the first lines of the article
_VISIBLE_HEAD = regexcache.compile(rf"(?:\s{{0,20000}}\S){{0,{DATELINE_WINDOW}}}")
_HEAD_CHUNK = 8192  # characters read by the fast path of ``_visible_head_end``
_SPLIT_ONLY_SPACES = "\x1c\x1d\x1e\x1f"  # whitespace to ``str.split``, not to ``\s``


def _visible_head_end(text: str) -> int:
    """Where ``_VISIBLE_HEAD`` ends: after the first ``DATELINE_WINDOW`` visible characters.

    Why not only the pattern: its repeated group costs about 0.04 ms an article.  In a
    chunk with no whitespace run of 20,000 and no character that ``str.split`` takes for
    a space and ``\\s`` does not, the words of ``str.split`` are the runs of ``\\S``,
    so the end is found from their lengths in C.  Other texts take the pattern.
    """
    chunk = text[:_HEAD_CHUNK]
    if any(c in chunk for c in _SPLIT_ONLY_SPACES):
        return _VISIBLE_HEAD.match(text).end()  # type: ignore[union-attr]
    words = chunk.split()
    ends = list(accumulate(map(len, words)))
    i = bisect.bisect_left(ends, DATELINE_WINDOW)
    if i == len(ends):  # fewer visible characters in the chunk than the window
        if len(chunk) < len(text):
            return _VISIBLE_HEAD.match(text).end()  # type: ignore[union-attr]
        i -= 1
    if i < 0:
        return 0
    start = len(chunk) - len(chunk.split(None, i)[-1])  # where word ``i`` starts
    return start + min(DATELINE_WINDOW, ends[i]) - (ends[i - 1] if i else 0)


# What may stand before a dateline on its line: Markdown marks ("> **LONDON"), or in
# HTML the blanked opening tags of its paragraph ('<p class="lead">' is spaces here).
_LINE_LEAD = r"[ \t]{0,200}(?:[*_#>][ \t]{0,2}){0,6}"
# An inline tag blanked inside a dateline ("<b>LONDON</b>, May 2" -> "LONDON    , May 2")
_TAG_GAP = r"(?:[ ]{4,40}(?=[,(\u2014\u2013:-]))?"


@cache
def _dateline_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    v = vocab()
    mon = rf"(?:{trie(v.months)})\b\.?"
    wd = rf"(?P<wd>{trie(v.weekdays)})\b\.?,?\s{{1,3}}"
    date = (
        rf"(?:{wd})?(?:(?P<m>{mon})\s{{1,3}}(?P<d>{_DAY})|(?P<d>{_DAY})\s{{1,3}}(?P<m>{mon}))"
        # the year on the same line, and no clock time ("Tuesday, 1 March\n\n2000 GMT")
        rf"(?:,?[ \t]{{1,3}}(?P<y>{_YEAR}){_CLOCK_ZONE})?"
    )
    # "(Reuters)", and a wire service between slashes: "Feb. 12, 2025 /PRNewswire/ --"
    agency = r"(?:\s{0,3}(?:\([A-Za-z][\w .&/-]{0,30}\)|/[A-Za-z][\w .&-]{0,30}/))?"
    word = r"[A-Z][\w.'\u2019/-]{1,30}"  # "GENEVA/PORT SUDAN, Sept 12 (Reuters) -"
    place = rf"{word}(?:[ ]{word}){{0,3}}(?:,[ ]{word}(?:[ ]{word})?)?"
    clock = r"\d{1,2}[:.]\d\d(?:\s?[AaPp]\.?[Mm]\.?)?"  # "4:31 PM", "5:12pm", "07.00"
    # the filing time after the date: "2025-04-17 03:22 UTC —", "6 December 2024 (08:15 GMT) -"
    filed = rf"(?:,?[ \t]{{1,3}}\(?{clock}(?:[ \t][A-Z]{{2,4}})?\)?)?"
    dateline = regexcache.compile(
        rf"(?m)^{_LINE_LEAD}(?P<place>{place}){_TAG_GAP}{agency},?(?:\s{{1,3}}|[ ]{{4,40}})"
        rf"(?:(?P<date>{date})|(?P<iso>{_ISO})){filed}{_TAG_GAP}{agency}(?:\s{{0,3}}|{_TAG_GAP})"
        # "NEW DELHI, May 13, 2025:" too, and an agency's bracket alone before the first
        # sentence: "Guwahati, Jul 14 (PTI) The flood situation…"
        r"(?:[\u2014\u2013-]{1,2}|:|(?<=\))[ ](?=\p{Lu}\p{Ll}))"
    )
    # a wire's dateline with no place: "Oct 13 (Reuters) -" (the agency required)
    placeless = regexcache.compile(
        rf"(?m)^{_LINE_LEAD}(?P<date>{date}){_TAG_GAP}\s{{0,3}}\([A-Za-z][\w .&/-]{{0,30}}\)"
        r"\s{0,3}[\u2014\u2013-]{1,2}"
    )
    stamp = regexcache.compile(
        rf"(?m)^{_LINE_LEAD}(?:[A-Z][\w.& -]{{0,24}}\|[ ]{{0,2}})?"  # "ET Bureau | Nov 14…"
        rf"(?:(?i:(?:last\s)?(?:published|updated)|posted|date)[:\s]{{1,3}}(?i:on\s)?)?"
        rf"(?:{clock}(?:\s[A-Z]{{2,4}})?,?\s{{1,3}})?"  # "Updated 4:31 PM CDT, October 14, 2025"
        rf"(?:(?P<date>{date})|(?P<iso>{_ISO}))"
        rf"[ \t,|/]{{0,4}}(?:(?:at\s)?{clock}[^\n]{{0,20}})?$"  # "… 2025 at 5:12pm", "… | 23:42"
    )
    return dateline, placeless, stamp


_ISO_DATE = regexcache.compile(_ISO)


@cache
def _month_heads() -> tuple[str, ...]:
    """The first three letters of every month name and abbreviation ("Sep" of "Sept")."""
    return tuple(sorted({word[:3] for word in vocab().months}))


def _may_hold_date(text: str, end: int) -> bool:
    """Whether ``text[:end]`` holds a month name or an ISO date, which every dateline
    and date stamp has: most stories have none in their head, and both searches
    (tried at every line start) are then skipped."""
    return any(text.find(head, 0, end) != -1 for head in _month_heads()) or (
        _ISO_DATE.search(text, 0, end, False, HOLD_GIL) is not None
    )


class Dateline(NamedTuple):
    span: Span
    date: dt.date
    guessed: bool  # a yearless dateline's year, not confirmed by the lede
    stand_in: bool  # ... in a story that writes no year: the year is a stand-in


def find_dateline(doc: Document) -> Dateline | None:
    """The dateline ("BRANTFORD, March 3, 2025 —", "LONDON, Jan 5 (Reuters) -"), its
    date, and whether that date's year is a guess.

    A dateline with no year ("LONDON, Jan 5 (Reuters)") takes the latest year written
    in the article, leaving out target years ("save $300m a year by 2027"); the year is
    a guess unless the lede names the weekday it puts the dateline on (or the day
    after), and for a year the story does not write, names only that weekday; when the
    lede's weekdays fit that year and the one before, the body's yearless weekday dates
    choose between them (``_year_the_body_prefers``); a story
    that writes no year gets a stand-in year, always a guess (``_unwritten_year``).  A
    "WASHINGTON (AP) —" dateline with no date at all uses a date stamp line
    at the top ("Published March 3, 2025").
    """
    dateline, placeless, stamp = _dateline_patterns()
    # The window counts visible characters: an HTML page's head, scripts and menus
    # are blanked out of the text but keep their offsets.
    head_end = _visible_head_end(doc.text)
    if not _may_hold_date(doc.text, head_end):
        return None
    m = (
        dateline.search(doc.text, 0, head_end)
        or placeless.search(doc.text, 0, head_end)
        or stamp.search(doc.text, 0, head_end)
    )
    if m is None:
        return None
    groups = m.groupdict()
    guessed = stand_in = False
    if groups.get("iso"):
        date = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    else:
        month = vocab().months[m.group("m").rstrip(".")]
        day = _day(m.group("d"))
        written = m.group("y")
        lede = frozenset() if written else lede_weekdays(doc.text, m.end())
        exact = None if written else _lede_weekday_of(doc.text, m.end(), month, day)
        years = [] if written else written_years(doc.text)
        if written:
            year, confirmed = int(written), True
        elif years:
            year, confirmed = _dateline_year(years, month, day, lede, exact)
            if year is not None and lede:
                year, confirmed = _year_of_the_whole_lede(
                    doc.text, m.end(), (year, confirmed), years, month, day
                )
            body = _yearless_weekday_dates(doc.text, m.end())
            if confirmed and year is not None:
                if _body_disagrees(body, year, month, day):
                    year, confirmed = _body_year(body, years, month, day) or year, False
            elif year is not None and lede:
                year, confirmed = _year_the_body_prefers(body, lede, year, month, day)
        else:
            year, confirmed, stand_in = _unwritten_year(month, day, lede, exact), False, True
        date = safe_date(year, month, day) if year else None
        guessed = not confirmed
        weekday = groups.get("wd")
        # A year taken from the story must fit the weekday the line writes: a match
        # report's "Sunday, 27 February" is not in the 1987 of its history
        if (
            date is not None
            and not m.group("y")
            and weekday
            and vocab().weekdays[weekday.rstrip(".")] != date.weekday()
        ):
            return None
    if date is None:
        return None
    start = (
        m.start("place")
        if groups.get("place")
        else m.start("date" if groups.get("date") else "iso")
    )
    return Dateline(Span(start, m.end()), date, guessed, stand_in)


# A wire story's closing line with its date: "This report by The Canadian Press was
# first published May 12, 2026."  Read in the text's last characters only.
_FOOTER_CHARS = 600


@cache
def _footer_pattern() -> regex.Pattern[str]:
    mon = rf"(?:{trie(vocab().months)})\b\.?"
    return regexcache.compile(
        rf"\b(?i:first[ \t]{{1,3}}published)[ \t]{{1,3}}(?:on[ \t]{{1,3}})?"
        rf"(?P<m>{mon})[ \t]{{1,3}}(?P<d>{_DAY}),?[ \t]{{1,3}}(?P<y>{_YEAR})"
    )


def find_footer_date(text: str) -> dt.date | None:
    """The date a story's closing line says it was first published, if it has one."""
    found = find_footer(text)
    return found[0] if found is not None else None


def find_footer(text: str) -> tuple[dt.date, Span] | None:
    """The date a story's closing line says it was first published, and where its date
    is written ("… was first published May 12, 2026.")."""
    m = _footer_pattern().search(text, max(0, len(text) - _FOOTER_CHARS))
    if m is None:
        return None
    month = vocab().months[m.group("m").rstrip(".")]
    date = safe_date(int(m.group("y")), month, _day(m.group("d")))
    return (date, Span(m.start("m"), m.end("y"))) if date is not None else None


_ANY_YEAR = regexcache.compile(r"(?<![\w$\u00a3\u20ac.,])(?:19[5-9]\d|20\d\d)(?![\w]|[.,]\d)")
# Years a story looks ahead to, not the one it is written in: "by 2027", "until 2030",
# "by the end of 2026", "by January 2025", the end of a period "2025-2030"
TARGET_LEAD_WORDS = ("by", "until", "till", "through", "before", "to")
_TARGET_LEAD = regexcache.compile(
    rf"(?:(?i:\b(?:{'|'.join(TARGET_LEAD_WORDS)})\s{{1,3}}"
    r"(?:the\s{1,3}(?:end|middle|start|beginning)\s{1,3}of\s{1,3})?"
    # a month of the target year: "must be held by January 2025", "by mid-2026"
    r"(?:(?:early|mid|late)[\s\-]{1,3})?(?:(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct"
    r"|Nov|Dec)\.?\s{1,3})?)|(?P<from>\d{4})\s{0,2}[-\u2013/]"
    # a level to be reached: "the mandate, which rises to 6% in 2030"
    r"|\bto\s{1,3}[\d.,]{1,8}\s{0,2}(?:%|percent|per\s?cent)\s{1,3}(?:in|by)\s{1,3})$"
)


def written_years(text: str) -> list[int]:
    head = text[:20000]
    years = []
    for m in _ANY_YEAR.finditer(head):
        year = int(m.group())
        lead = _TARGET_LEAD.search(head, max(0, m.start() - 40), m.start(), HOLD_GIL)
        if lead is None or lead["from"] and year - int(lead["from"]) <= 1:
            years.append(year)  # a season "2024-2025" is no target
    return years


_WEEKDAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_LEDE_WEEKDAY = regexcache.compile(rf"\b(?:{_WEEKDAY_NAMES})\b")
_LEDE_WEEKDAY_DATE = regexcache.compile(
    rf"\b(?P<wd>{_WEEKDAY_NAMES}),?[ \t]{{1,3}}"
    r"(?P<m>[A-Z][a-z]{2,8}\.?)[ \t]{1,3}(?P<d>\d{1,2})\b"
)


def _lede_stop(text: str, end: int) -> int:
    """Where the lede after a dateline ending at ``end`` stops being read: 400
    characters on, or the paragraph's end."""
    lede_end = text.find("\n\n", end)
    return min(end + 400, lede_end if lede_end != -1 else len(text))


def lede_weekdays(text: str, end: int) -> frozenset[int]:
    """The weekdays the lede after a dateline ending at ``end`` names ("…said on
    Wednesday"), up to ``_lede_stop``."""
    names = vocab().weekdays
    return frozenset(
        names[m.group()]
        for m in _LEDE_WEEKDAY.finditer(text, end, _lede_stop(text, end), False, HOLD_GIL)
    )


def on_or_before(date: dt.date, weekday: int) -> bool:
    """``date`` falls on ``weekday`` or the day before it ("on Tuesday" in a story
    dated the Wednesday)."""
    return date.weekday() in (weekday, (weekday + 1) % 7)


def _dateline_year(
    years: list[int], month: int, day: int, weekdays: frozenset[int], exact: int | None = None
) -> tuple[int | None, bool]:
    """The year of a yearless dateline ("COPENHAGEN, Feb 5 (Reuters) -"), and whether
    the story confirms it.

    The latest year the story writes, leaving out target years, confirmed when it puts
    the dateline on a weekday the lede names (``weekdays``) or the day after; the day
    after only when the year before does not put it on the weekday itself (a "2026
    budget" in a story of 2025).  When it
    does not, the year nearest it (from the earliest written to three after the
    latest) that puts the dateline on the lede's weekday: "savings from 2027" is not
    the year of a Wednesday, Feb 5.  That year is confirmed only when the lede names
    one weekday: "struck late on Friday ... officials said on Saturday" fits one year
    with a Friday dateline and the next with a Saturday one.  When the lede writes the
    dateline's own date with its weekday ("Oct 11 (Reuters) - Boeing said on Friday,
    October 11"), that weekday is the dateline's (``exact``), not the day after's.
    """
    latest = max(years)
    if exact is not None:  # a date the lede writes with its weekday: the nearest year it fits
        fits = [y for y in range(min(years) - 3, latest + 4) if _weekday_of(y, month, day) == exact]
        if fits:
            return min(fits, key=lambda y: (abs(y - latest), y)), True
    latest_date = safe_date(latest, month, day)
    if latest_date is not None and any(on_or_before(latest_date, w) for w in weekdays):
        # the day after the lede's weekday in the latest year, but that very weekday the
        # year before: "PARIS, Oct 2 (Reuters) - … on Thursday" with "a 2026 budget" is
        # as much 2025's Thursday as 2026's Friday
        before = _weekday_of(latest - 1, month, day)
        same_day = latest_date.weekday() in weekdays
        return latest, same_day or before is None or before not in weekdays
    if not weekdays:
        return latest, False

    # the story may be a year or three past the latest it writes ("steepest since 2022")
    fits = [y for y in range(min(years), latest + 4) if _weekday_of(y, month, day) in weekdays]
    if not fits:
        return latest, False
    return min(fits, key=lambda y: (abs(y - latest), y)), len(weekdays) == 1


_BODY_REACH = 14  # days from a yearless dateline within which a weekday date gives its day
_YEAR_AFTER = regexcache.compile(r",?[ \t]{1,3}\d{4}\b")


def _year_of_the_whole_lede(
    text: str,
    end: int,
    chosen: tuple[int, bool],
    years: list[int],
    month: int,
    day: int,
) -> tuple[int, bool]:
    """The year that puts a yearless dateline on or just after every weekday its lede
    tells a past event "on", when the chosen one does not.

    "CHARLOTTE, March 13 (Reuters) - … the lender said in a filing on Friday" in a
    story whose latest written year is 2025: March 13, 2025 is a Thursday, which puts
    the filing six days back, but March 13, 2026 is a Friday, and "Wednesday, March 11"
    further down is a day of 2026 too.  "DUBLIN, March 9 (Reuters) - … cancelled 412
    flights on Sunday …, and warned on Monday" after "carried 21.6 million passengers in
    2025": March 9, 2025 is that Sunday, which leaves the warning a day after the story.

    Such a year, from the earliest written to three after the latest, replaces the
    chosen one, if the lede's weekdays confirmed that (one of them fits it), when every weekday date written without a year within two weeks of the
    dateline fits it too, and there is one at least or the year is the one after the
    latest written (a story's figures of a whole year are told after it).  Not a weekday
    after a future word ("will meet on Friday"), nor one without "on" ("the four days to
    Thursday", "into Tuesday")."""
    year, confirmed = chosen
    if not confirmed:
        return chosen  # a guess already: another guess is no better
    lede = _lede_past_weekdays(text, end)
    date = safe_date(year, month, day)
    if not lede or date is None or all(on_or_before(date, w) for w in lede):
        return chosen
    body = _yearless_weekday_dates(text, end)
    latest = max(years)
    for y in sorted(range(min(years), latest + 4), key=lambda y: (abs(y - year), y)):
        date = safe_date(y, month, day)
        if y == year or date is None or not all(on_or_before(date, w) for w in lede):
            continue
        near = _near_weekday_dates(body, y, month, day)
        if all(d.weekday() == wd for wd, d in near) and (near or y == latest + 1):
            return y, True
    return chosen


# "said on Friday", not "will vote on Friday" nor "is due to report on Friday"
_LEDE_ON_WEEKDAY = regexcache.compile(rf"\bon[ \t]{{1,3}}(?P<wd>{_WEEKDAY_NAMES})\b")
_FUTURE_BEFORE = regexcache.compile(
    r"\b(?:will|would|shall|due|expected|set|scheduled|plans?|planned|to)"
    r"\b[^.;:,]{0,30}$"
)


def _lede_past_weekdays(text: str, end: int) -> frozenset[int]:
    """The weekdays the lede after a dateline ending at ``end`` tells a past event "on"
    (``_LEDE_ON_WEEKDAY``), with no future word before them in their clause."""
    names = vocab().weekdays
    out = set()
    for m in _LEDE_ON_WEEKDAY.finditer(text, end, _lede_stop(text, end), False, HOLD_GIL):
        if _FUTURE_BEFORE.search(text, max(end, m.start() - 40), m.start(), HOLD_GIL) is None:
            out.add(names[m.group("wd")])
    return frozenset(out)


def _near_weekday_dates(
    body: list[tuple[int, int, int]], year: int, month: int, day: int, reach: int = _BODY_REACH
) -> list[tuple[int, dt.date]]:
    """(weekday written, date in ``year``) of each of ``body`` within ``reach`` days (two
    weeks) of the dateline's ``month`` and ``day`` in ``year``."""
    date = safe_date(year, month, day)
    if date is None:
        return []
    return [
        (wd, d)
        for wd, m, dd in body
        if (d := safe_date(year, m, dd)) is not None and abs((d - date).days) <= reach
    ]


def _body_disagrees(body: list[tuple[int, int, int]], year: int, month: int, day: int) -> bool:
    """Two or more weekday dates written without a year within two weeks of a yearless
    dateline, and none of them falls on its weekday in the year the lede confirmed: the
    year is wrong, not all of them ("TOKYO, Jan. 22 (Kyodo) -- … from Wednesday evening"
    in a story whose one written year is "In December 2020", with "Tuesday, Jan. 20" and
    "Friday, Jan. 23" further down, which are days of 2026).  The year is then a guess."""
    near = _near_weekday_dates(body, year, month, day)
    return len(near) >= 2 and all(d.weekday() != wd for wd, d in near)


def _body_year(
    body: list[tuple[int, int, int]], years: list[int], month: int, day: int
) -> int | None:
    """The year, nearest the latest the story writes (up to eleven after it: every
    calendar comes round in that time), on which two or more weekday dates written
    without a year near a yearless dateline all fall, when the lede's year disagrees
    with them (``_body_disagrees``): "Tuesday, Jan. 20" and "Friday, Jan. 23" under
    "TOKYO, Jan. 22" in a story that recalls "December 2020" are days of 2026, so its
    "Thursday" is January 22, not the 16th.  Still a guess.  ``body``: the story's
    yearless weekday dates (``_yearless_weekday_dates``)."""
    latest = max(years)
    for y in sorted(range(min(years), latest + 12), key=lambda y: (abs(y - latest), y)):
        near = _near_weekday_dates(body, y, month, day)
        if len(near) >= 2 and all(d.weekday() == wd for wd, d in near):
            return y
    return None


_BODY_YEAR_REACH = 183  # days from a yearless dateline within which weekday dates count


def _year_the_body_prefers(
    body: list[tuple[int, int, int]], lede: frozenset[int], year: int, month: int, day: int
) -> tuple[int, bool]:
    """The guessed year of a yearless dateline or the one before, whichever more of the
    body's yearless weekday dates within half a year fall on, when the lede's weekdays
    fit both: "PRAGUE, Feb 5 (Reuters) - … cut its main rate on Thursday" in a story
    that writes 2027 is Thursday, February 5, 2026 as much as the day after a Thursday
    in 2027, and "Thursday, March 26" further down is a day of 2026.  Confirmed then.
    When they fall on their weekdays in neither year, the year before is taken, also
    confirmed: a weekday date is then slipped, and the lede tells the dateline's own
    day's news, as every such story of the held-out sets does where the body can tell.
    With dates of both years, the guess stands."""
    counts, seen = {}, 0
    for y in (year - 1, year):
        date = safe_date(y, month, day)
        if date is None or not any(on_or_before(date, w) for w in lede):
            return year, False  # the lede fits one of the two only: no choice to make
        near = _near_weekday_dates(body, y, month, day, _BODY_YEAR_REACH)
        counts[y] = sum(d.weekday() == wd for wd, d in near)
        seen = max(seen, len(near))
    if counts[year - 1] == counts[year] == 0 and seen:
        return year - 1, True  # "on Thursday" of a Thursday; the body's date is slipped
    if counts[year - 1] == counts[year]:
        return year, False
    return max(counts, key=counts.__getitem__), True


def _yearless_weekday_dates(text: str, end: int) -> list[tuple[int, int, int]]:
    """(weekday, month, day) of each "Wednesday, March 11" after ``end`` written with no
    year, in the story's first 20,000 characters."""
    names, months = vocab().weekdays, vocab().months
    out = []
    for m in _LEDE_WEEKDAY_DATE.finditer(text, end, min(len(text), 20000), False, HOLD_GIL):
        month = months.get(m.group("m").rstrip("."))
        if month is not None and _YEAR_AFTER.match(text, m.end()) is None:
            out.append((names[m.group("wd")], month, int(m.group("d"))))
    return out


# A story that writes no year still has a dateline's month and day, which place its
# other dates; its year is a stand-in, always marked as a guess, taken as the latest
# year to this one that fits the lede's weekday.  A constant, not today's year: the same
# story gives the same report whenever it is checked.
STAND_IN_YEAR = 2024


def _unwritten_year(
    month: int, day: int, weekdays: frozenset[int], exact: int | None = None
) -> int | None:
    """A stand-in year for a yearless dateline in a story that writes none: one that
    puts the dateline on the weekday the lede writes with its date (``exact``), else on a
    weekday the lede names or the day before it, when it names one; a leap year for 29
    February."""
    for year in range(STAND_IN_YEAR, STAND_IN_YEAR - 28, -1):
        date = safe_date(year, month, day)
        if date is None:
            continue
        if exact is not None:
            if date.weekday() == exact:
                return year
        elif not weekdays or any(on_or_before(date, w) for w in weekdays):
            return year
    return None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    date = safe_date(year, month, day)
    return date.weekday() if date else None


def _lede_weekday_of(text: str, end: int, month: int, day: int) -> int | None:
    """The weekday the lede after a dateline ending at ``end`` writes with the dateline's
    own date ("said on Friday, October 11"), if it does."""
    names, months = vocab().weekdays, vocab().months
    for m in _LEDE_WEEKDAY_DATE.finditer(text, end, _lede_stop(text, end), False, HOLD_GIL):
        if months.get(m.group("m").rstrip(".")) == month and int(m.group("d")) == day:
            return names[m.group("wd")]
    return None


# -- helpers for rules: writing dates back in the article's own style -------------

_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def number_word(n: int) -> str:
    """ "five" for 5 (news style spells out one to nine; we go to twelve for months)."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def month_day(month: int, day: int) -> str:
    """ "January 5"."""
    return f"{vocab().month_names[month]} {day}"


def format_date(date: dt.date) -> str:
    """ "January 5, 2022"."""
    return f"{month_day(date.month, date.day)}, {date.year}"


@cache
def _month_word() -> regex.Pattern[str]:
    return regexcache.compile(rf"\b(?:{trie(vocab().months)})\b")


@cache
def _weekday_word() -> regex.Pattern[str]:
    return regexcache.compile(rf"\b(?:{trie(vocab().weekdays)})\b")


def _same_form(written: str, full: str, table: dict[str, int], number: int) -> str:
    """``full`` ("January") in the form of ``written`` (full name or its abbreviation)."""
    if written in vocab().month_names or written in vocab().weekday_names:
        return full
    abbrs = [w for w, n in table.items() if n == number and w != full]
    same_len = [a for a in abbrs if len(a) == len(written)]
    return (same_len or abbrs or [full])[0]


def with_month(text: str, month: int) -> str:
    """ "June 5" -> "January 5", "Jun. 5" -> "Jan. 5": another month in the same style."""
    v = vocab()
    return _swap_name(text, _month_word(), v.month_names[month], v.months, month)


def with_weekday(text: str, weekday: int) -> str:
    """ "Friday, August 14" -> "Thursday, August 14" (same style of name)."""
    v = vocab()
    return _swap_name(text, _weekday_word(), v.weekday_names[weekday], v.weekdays, weekday)


def _swap_name(
    text: str, finder: regex.Pattern, full: str, table: dict[str, int], number: int
) -> str:
    """Replace the first month or weekday name in ``text``, keeping its written form."""
    m = finder.search(text)
    if m is None:
        return text
    word = _same_form(m.group(), full, table, number)
    return text[: m.start()] + word + text[m.end() :]
