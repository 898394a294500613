"""A named day written beside a date it is not: "on Christmas Day, 26 December".

What it does
    Knows the days named by a fixed date (Christmas Day, Boxing Day, New Year's Day,
    Bastille Day, Armistice Day, Halloween ...; the list is ``dates_named_days.toml``)
    and flags a day date written right beside one of those names, in apposition
    ("Christmas Day, 26 December", "26 December (Christmas Day)") or as the day it
    falls on ("New Year's Day on Wednesday, Jan. 2"), when the two disagree.  A list
    of days ("on Christmas Day, 27 December and 3 January") is left alone, and so
    are days whose date moves (Easter, Thanksgiving) or differs by country
    ("Independence Day"), and a sentence that names another calendar ("Orthodox
    Christians celebrate Christmas Day on 7 January").

Why is this bad?
    The reader knows the named day's date, so the slip shows at once and makes the
    story's other dates suspect; either the date or the name is wrong.

Example
    Services were cancelled on Christmas Day, 26 December.

Use instead
    Services were cancelled on Christmas Day, 25 December (or: on Boxing Day, 26
    December).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from kzaudit import regexcache
from kzaudit.datafiles import load_toml
from kzaudit.extract.dates import month_day, vocab
from kzaudit.model import Document, Finding
from kzaudit.rules.base import RuleContext

ID = "named-day-mismatch"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = 'A named day written beside a date it is not ("Christmas Day, 26 December")'


def _name_pattern(days: dict[str, list[int]]) -> str:
    names = sorted(days, key=lambda n: (-len(n), n))  # "Christmas Day" before "Christmas"
    return "|".join(regex.escape(n).replace("'", "['\u2019]") for n in names)


@cache
def _table() -> tuple[dict[str, tuple[int, int]], regex.Pattern[str], regex.Pattern[str]]:
    """Name -> (month, day), and the patterns for a name just before / after a date."""
    days = load_toml("dates_named_days.toml")["days"]
    table = {n.replace("\u2019", "'"): (int(m), int(d)) for n, (m, d) in days.items()}
    names = _name_pattern(days)
    # "Christmas Day, 26 December", "(… on) New Year's Day on Wednesday, Jan. 2"; not an
    # item of a list ("24 December, Christmas Day, 27 December", "… and Boxing Day, 27 …")
    before = regexcache.compile(
        rf"(?:(?<!,\s{{0,3}}|\band\s{{1,3}})(?P<name>{names})(?!\w)\s{{0,3}}(?:,|\(|\u2014|\s-)"
        rf"|(?P<name>{names})\s{{1,3}}(?:falls\s{{1,3}}|fell\s{{1,3}})?on)\s{{0,3}}$"
    )
    after = regexcache.compile(rf"\s{{0,3}}(?:,|\()\s{{0,3}}(?P<name>{names})(?!\w)")
    return table, before, after


_REACH = 40  # characters before a date searched for a name


@cache
def _list_next() -> regex.Pattern[str]:
    """A date followed by another date or name: a list of days, not an apposition."""
    v = vocab()
    table = load_toml("dates_named_days.toml")["days"]
    words = "|".join(
        regex.escape(w) for w in sorted({*v.months, *v.weekdays}, key=len, reverse=True)
    )
    return regexcache.compile(
        rf"\s{{0,3}}(?:,\s{{0,3}}|\s(?:and|or|to)\s{{1,3}}|\s?[-\u2013]\s?)"
        rf"(?:\d|(?:{words})\b|(?:{_name_pattern(table)}))"
    )


@cache
def _other_calendar() -> regex.Pattern[str]:
    words = load_toml("dates_named_days.toml")["other_calendars"]["words"]
    return regexcache.compile(rf"\b(?:{'|'.join(regex.escape(w) for w in words)})\b")


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    table, before, after = _table()
    text = doc.text
    for d in doc.dates:
        if d.precision != "day" or d.month is None or d.day is None:
            continue
        m = before.search(text, max(0, d.span.start - _REACH), d.span.start)
        if m is None:
            m = after.match(text, d.span.end)
        if m is None or _list_next().match(text, d.span.end):
            continue
        if d.sentence >= 0 and _other_calendar().search(doc.sentence_text(d.sentence)):
            continue  # "Orthodox Christians celebrate Christmas Day on 7 January"
        name = m.group("name").replace("\u2019", "'")
        month, day = table[name]
        if (d.month, d.day) == (month, day):
            continue
        message = (
            f'"{d.text}" is given as the date of {m.group("name")}, which is '
            f"{month_day(month, day)}: the date or the name is wrong"
        )
        yield ctx.finding(doc, d.span, message)
