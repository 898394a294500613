"""Day-of-year arithmetic shared by the date rules (not a rule: the registry skips ``_``).

Dates without a year are compared by their place in a 365-day year, and distances
are taken the short way round, so that 30 December and 2 January are three days
apart.
"""

from __future__ import annotations

import datetime as dt

from kzaudit.model import DateMention, Document

DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
YEAR_DAYS = 365
# 28 years in which every weekday pattern of the calendar recurs, 29 February's too
CALENDAR_CYCLE = range(2001, 2029)


def day_of_year(d: DateMention) -> int:
    """0-based day of a non-leap year for a mention with a month and a day."""
    return day_of_year_of(d.month, d.day)  # type: ignore[arg-type]


def day_of_year_of(month: int, day: int) -> int:
    """0-based day of a non-leap year for ``month`` and ``day``."""
    return DAYS_BEFORE_MONTH[month - 1] + min(day, 31) - 1


def told_day(d: DateMention) -> int:
    """A day of the year for a mention of a day or a month: its own, or its month's
    middle ("in March" as 15 March)."""
    return day_of_year(d) if d.precision == "day" and d.day else day_of_year_of(d.month, 15)  # type: ignore[arg-type]


def month_span(month: int) -> tuple[int, int]:
    """The 0-based days of the year of ``month``'s first and last days."""
    last = DAYS_BEFORE_MONTH[month] - 1 if month < 12 else YEAR_DAYS - 1
    return DAYS_BEFORE_MONTH[month - 1], last


def month_of(pos: int) -> int:
    """The month (1-12) of ``pos``, a day of a non-leap year, taken round the year."""
    return max(i for i, first in enumerate(DAYS_BEFORE_MONTH, 1) if first <= pos % YEAR_DAYS)


def has_day(month: int, day: int) -> bool:
    """``month`` has a ``day`` in a year that is not a leap year (no "31 April")."""
    first, last = month_span(month)
    return day <= last - first + 1


def offset(a: int, b: int) -> int:
    """Signed shortest distance from day-of-year ``a`` to ``b`` around the year."""
    diff = (b - a) % YEAR_DAYS
    return diff - YEAR_DAYS if diff > YEAR_DAYS // 2 else diff


def falls_on(d: DateMention, year: int) -> bool:
    """``d``'s month and day fall, in ``year``, on the weekday written with it."""
    try:
        return dt.date(year, d.month, d.day).weekday() == d.weekday  # type: ignore[arg-type]
    except ValueError:
        return False


LEDE_SENTENCES = 2  # sentences the story's own day is sought in, with no reference date


def lede_date(doc: Document) -> DateMention | None:
    """The first day date the story writes, when its lede holds it ("rose to 27 on
    Tuesday, July 8"): the news of the day, with no reference date to place it."""
    first = next((d for d in doc.dates if d.precision == "day" and d.month and d.day), None)
    return first if first is not None and first.sentence <= LEDE_SENTENCES else None


def story_day(doc: Document, with_weekday: bool = False) -> tuple[int, str] | None:
    """The story's own day of the year and how to name it: its reference date's, or,
    with none, its lede date's (``lede_date``); ``with_weekday``, only a lede date
    written with its weekday, as a day of this week is ("was arrested July 3" may open
    a story told months later)."""
    ref = doc.reference_date
    if ref is not None:
        return day_of_year_of(ref.month, ref.day), "the story's date"
    first = lede_date(doc)
    if first is None or (with_weekday and first.weekday is None):
        return None
    return day_of_year(first), f'"{first.text}"'
