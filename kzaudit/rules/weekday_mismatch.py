"""A weekday that does not fall on the date written next to it.

What it does
    For a date written with its weekday ("Friday, August 14", "Tuesday 5 January
    2021", "on Tuesday (January 5)"), computes the real weekday in the date's year:
    the year written, else the year the reference date gives it.  With neither, the
    rule stays silent.  The suggestion keeps the date and corrects the weekday.

Why is this bad?
    One of the two is wrong, and readers notice: a calendar is one tap away.  It is a
    classic slip when a story is re-dated or a template is reused.

Example
    BRANTFORD, August 10, 2026 — The vote is set for Friday, August 14.

Use instead
    BRANTFORD, August 10, 2026 — The vote is set for Friday, August 14 (2026: a
    Friday); or, for 2025, "Thursday, August 14".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kzaudit.extract.dates import format_date, vocab, with_weekday
from kzaudit.model import Document, Finding
from kzaudit.rules.base import RuleContext

ID = "weekday-mismatch"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "A weekday that does not match the date it is written with"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    names = vocab().weekday_names
    for d in doc.dates:
        if d.weekday is None or d.month is None or d.day is None:
            continue
        year = d.year if d.year is not None else (d.date.year if d.date else None)
        if year is None:
            continue
        try:
            actual = dt.date(year, d.month, d.day).weekday()
        except ValueError:
            continue
        if actual == d.weekday:
            continue
        source = "" if d.year is not None else f" (year {year} from the reference date)"
        when = format_date(dt.date(year, d.month, d.day))
        message = f"{when} is a {names[actual]}, not a {names[d.weekday]}{source}"
        yield ctx.finding(doc, d.span, message, with_weekday(d.text, actual))
