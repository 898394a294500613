"""A date that does not exist: "31 April", "30 February", "29 February 2023".

What it does
    Flags a day number larger than its month has: 30 for April, June, September
    and November; 28 for February in a year that is not a leap year (the year
    written with the date), 29 when no year is written.  And a day number no month has
    ("on August 41", "until 35 March"), after "on", "by", "until", "since" or "from"
    and before the clause goes on: a count after a month ("In August 41 people died")
    is no day.

Why is this bad?
    The day or the month is wrong, and nothing else in the story can say which.
    Such dates come from a slipped key ("31" for "13") or a month changed while
    the day was kept, and they undermine every other date in the story.

Example
    The talks ended on 31 April.

Use instead
    The talks ended on 30 April (or: on 31 March).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from functools import cache

import regex

from kzaudit import regexcache
from kzaudit.alternation import trie
from kzaudit.extract.dates import vocab
from kzaudit.model import Document, Finding, Span
from kzaudit.rules.base import RuleContext

ID = "impossible-date"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "A day number its month does not have (31 April, 30 February)"

_LEAP_YEAR = 2000  # stands in when no year is known: February may have 29 days


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    names = vocab().month_names
    for d in doc.dates:
        if d.precision != "day" or d.month is None or d.day is None:
            continue
        year = d.year  # only a written year: a reference date cannot say which February
        days = calendar.monthrange(year or _LEAP_YEAR, d.month)[1]
        if d.day <= days:
            continue
        month = names[d.month]
        if d.month == 2 and d.day == 29:
            message = f'"{d.text}": {year} is not a leap year, so February has 28 days'
        else:
            message = f'"{d.text}": {month} has {days} days'
        yield ctx.finding(doc, d.span, message)
    yield from _past_any_month(doc, ctx)


@cache
def _no_month_has() -> regex.Pattern[str]:
    """A day number no month has, after "on", "by", "until", "since" or "from" with a
    month ("on August 41", "by 35 March"), and before a clause's end or its next word
    that no count of things takes ("on August 41, ministers…"; not "in August 41 people
    died")."""
    months = trie(vocab().months)
    day = r"(?P<d>3[2-9]|[4-9]\d)(?:st|nd|rd|th)?"
    end = r"(?=\s{0,2}[,.;:)]|\s{1,3}(?:and|or|to|at|when|after|before|until)\b)"
    return regexcache.compile(
        rf"\b(?i:on|by|until|since|from)\s{{1,3}}(?:(?P<m>{months})\.?\s{{1,3}}{day}"
        rf"|{day}\s{{1,3}}(?:of\s{{1,3}})?(?P<m2>{months})\b){end}"
    )


@cache
def _month_stems() -> re.Pattern[str]:
    """Month names and abbreviations, less those that hold a shorter one: "Sep" finds
    "Sept" and "September" too.  One alternation of the standard engine, which scans
    for them three times faster than a string search for each."""
    words = sorted(vocab().months, key=len)
    stems = [w for i, w in enumerate(words) if not any(o in w for o in words[:i])]
    return regexcache.compile_std("|".join(map(re.escape, stems)))


_HIGH_DAY = regexcache.compile_std(r"(?<!\d)(?:3[2-9]|[4-9]\d)(?!\d)")
_WINDOW = 16  # characters before a month name that hold its preposition and a day first


def _past_any_month(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A day number past any month's end, which the date extractor does not read as a
    day at all (nor the figure extractor as a figure): "on August 41" is "August 14"
    with its digits swapped.  Read around each month name found by one quick search: the
    full pattern tried at every place of the story cost five times as much."""
    text, pattern = doc.text, _no_month_has()
    found = {}
    for stem in _month_stems().finditer(text):
        lo, hi = max(0, stem.start() - _WINDOW), min(len(text), stem.end() + _WINDOW)
        if _HIGH_DAY.search(text, lo, hi):  # most month names have no such number near
            for m in pattern.finditer(text, lo, hi):
                found.setdefault(m.span(), m)
    for _span, m in sorted(found.items()):
        start = m.start("m") if m.group("m") else m.start("d")
        end = m.end("d") if m.group("m") else m.end("m2")
        yield ctx.finding(
            doc, Span(start, end), f'"{doc.text[start:end]}": no month has {m.group("d")} days'
        )
