"""A date that does not exist: "31 April", "30 February", "29 February 2023".

What it does
    Flags a day number larger than its month has: 30 for April, June, September
    and November; 28 for February in a year that is not a leap year (the year
    written with the date), 29 when no year is written.

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
from collections.abc import Iterator

from kzaudit.extract.dates import vocab
from kzaudit.model import Document, Finding
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
