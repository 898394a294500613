"""A yearless dateline whose month the body's weekday dates contradict (for date-outlier).

"LA TOUSSUIRE, France, February 12 (Reuters) - … won the sixth stage on Friday …
the race ends on Sunday, June 14": a yearless dateline takes the year that puts it on
its lede's weekday, so a slipped dateline month brings a wrong year with it, and the
body's weekday dates then fall on other weekdays.  weekday-mismatch reports those
dates; this finds the dateline's slip behind them.  It is reported when no year puts
the dateline on (or the day after) a weekday its lede names together with every
yearless weekday date of the body within half a year on theirs, while another month
does, with one of those dates within a month of it; and when the story's evidence
takes the dateline's side less than the body's: two or more body weekday dates are
off in the dateline's year, or more of the story's other yearless dates lie near the
other month than near the dateline's.  A slipped body date is the other reading of a
lone misfit ("Sunday, October 14" under "June 12"), and the other dates tell which.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kzaudit.extract.dates import (
    STAND_IN_YEAR,
    lede_weekdays,
    on_or_before,
    safe_date,
    written_years,
)
from kzaudit.model import DateMention, Document
from kzaudit.rules._calendar import YEAR_DAYS, day_of_year, day_of_year_of, offset, told_day

_HALF_YEAR = 183  # days from the dateline within which the body's weekday dates count
_WITHIN_A_MONTH = 31  # one of them must be this near another month to place it there
_CLOSER_BY = 30  # days nearer one month than the other for a date to take its side
_MAX_WEEKDAY_DATES = 40  # past this many, the text is no story: each month reads each


class DatelineMonthSlip(NamedTuple):
    dateline: DateMention  # the dateline's day date
    month: int  # the month that puts it and the body's weekday dates on their weekdays
    misfits: list[DateMention]  # body weekday dates off their weekdays in its year
    lede: frozenset[int]  # the weekdays the lede names


def slipped_dateline_month(doc: Document, own: DateMention | None) -> DatelineMonthSlip | None:
    """The slipped month of ``own``, the day date of the story's dateline, if it has no
    year and the body's weekday dates show one."""
    if doc.dateline is None or own is None or own.year is not None:
        return None
    if not own.month or not own.day:
        return None
    body = [
        d
        for d in doc.dates
        if d.weekday is not None
        and d.year is None
        and not d.relative
        and d.precision == "day"
        and d.month
        and d.day
        and not doc.dateline.contains(d.span)
    ]
    misfits = [d for d in body if d.date is not None and d.date.weekday() != d.weekday]
    if not misfits or len(body) > _MAX_WEEKDAY_DATES:
        return None
    lede = lede_weekdays(doc.text, doc.dateline.end)
    written = written_years(doc.text)
    years = (
        range(min(written) - 1, max(written) + 4)
        if written
        else range(STAND_IN_YEAR - 27, STAND_IN_YEAR + 1)
    )
    if any(_fits(y, own.month, own.day, lede, body, None) for y in years):
        return None
    months = [
        m
        for m in range(1, 13)
        if m != own.month and any(_fits(y, m, own.day, lede, body, _WITHIN_A_MONTH) for y in years)
    ]
    month = _likeliest(doc, own, months)
    if month is None:
        return None
    if len(misfits) < 2 and not _others_side_with(doc, own, month, body):
        return None
    return DatelineMonthSlip(own, month, misfits, lede)


def _fits(
    year: int,
    month: int,
    day: int,
    lede: frozenset[int],
    body: list[DateMention],
    reach: int | None,
) -> bool:
    """``month`` and ``day`` in ``year`` fall on (or the day after) a weekday the lede
    names, if it names one, and every weekday date of ``body`` within half a year falls
    on its weekday; the nearest of them within ``reach`` days, unless that is None
    (then there may be none)."""
    date = safe_date(year, month, day)
    if date is None or (lede and not any(on_or_before(date, w) for w in lede)):
        return False
    near = [
        (d.weekday, p)
        for d in body
        if (p := _nearest(d, date)) is not None and abs((p - date).days) <= _HALF_YEAR
    ]
    if reach is not None and (not near or min(abs((p - date).days) for _, p in near) > reach):
        return False
    return all(p.weekday() == weekday for weekday, p in near)


def _nearest(d: DateMention, date: dt.date) -> dt.date | None:
    """``d``'s month and day in the year of ``date``, or the one before or after,
    whichever lies nearest it ("January 3" under "December 28" is of the next year)."""
    years = (date.year - 1, date.year, date.year + 1)
    placed = [p for y in years if (p := safe_date(y, d.month, d.day))]  # type: ignore[arg-type]
    return min(placed, key=lambda p: abs((p - date).days)) if placed else None


def _likeliest(doc: Document, own: DateMention, months: list[int]) -> int | None:
    """Of several months that fit, the one that leaves fewest of the story's yearless
    dates on the wrong side of it by their tense (past after it, coming before it), then
    the one nearest them; none when two tie."""
    if len(months) < 2:
        return months[0] if months else None
    others = _other_dates(doc, [])

    def score(month: int) -> tuple[int, int]:
        pos = day_of_year_of(month, own.day)  # type: ignore[arg-type]
        wrong = sum(
            0 < (t - pos) % YEAR_DAYS < _HALF_YEAR
            if o.tense == "past"
            else 0 < (pos - t) % YEAR_DAYS < _HALF_YEAR
            if o.tense == "future"
            else False
            for o, t in others
        )
        return wrong, sum(abs(offset(pos, t)) for _, t in others)

    ranked = sorted((score(m), m) for m in months)
    return ranked[0][1] if ranked[0][0] < ranked[1][0] else None


def _others_side_with(doc: Document, own: DateMention, month: int, body: list[DateMention]) -> bool:
    """More of the story's other yearless dates and months lie near ``month`` than near
    the dateline's own: the dateline is the slip, not the body's lone weekday date."""
    pos_own = day_of_year(own)
    pos_new = day_of_year_of(month, own.day)  # type: ignore[arg-type]
    near_new = near_own = 0
    for _, t in _other_dates(doc, body):
        to_own, to_new = abs(offset(pos_own, t)), abs(offset(pos_new, t))
        near_new += to_new + _CLOSER_BY < to_own
        near_own += to_own + _CLOSER_BY < to_new
    return near_new > near_own


def _other_dates(doc: Document, leave_out: list[DateMention]) -> list[tuple[DateMention, int]]:
    """(mention, day of the year) of the story's yearless dates and months outside the
    dateline, less ``leave_out``; a month counts as its middle day."""
    out = []
    for o in doc.dates:
        if o.relative or o.year is not None or not o.month or o.precision not in ("day", "month"):
            continue
        if doc.dateline.contains(o.span) or any(o is b for b in leave_out):  # type: ignore[union-attr]
            continue
        out.append((o, told_day(o)))
    return out


_FAR_DAYS = 90  # days from a dated dateline past which a yearless weekday date is no news


class FarWeekdayDate(NamedTuple):
    dateline: DateMention  # the dateline's day date, written with its year
    body: DateMention  # a yearless weekday date of the body that only its year fits
    month: int | None  # the month that puts the dateline near it on a lede weekday
    days_apart: int


def far_weekday_date(doc: Document, own: DateMention | None) -> FarWeekdayDate | None:
    """A yearless weekday date of the body that falls on its weekday in the dated
    dateline's year and lies months from it: "BALTIMORE, September 26, 2024 — … early
    on Tuesday … to begin removing the wreckage on Sunday, March 31".  A story writes no
    year for its own days, and the weekday places this one in the dateline's year, so
    the dateline's month is the likelier slip.  The suggestion is the one month of that
    year within a month of the body date that puts the dateline on (or the day after) a
    weekday the lede names, when there is one."""
    if doc.dateline is None or own is None or own.year is None or doc.reference_guessed:
        return None
    ref = safe_date(own.year, own.month, own.day)  # type: ignore[arg-type]
    if ref is None:
        return None
    checked = 0
    for d in doc.dates:
        if d.weekday is None or d.year is not None or d.relative or not d.month or not d.day:
            continue
        if doc.dateline.contains(d.span):
            continue
        checked += 1
        if checked > _MAX_WEEKDAY_DATES:
            return None
        date = safe_date(ref.year, d.month, d.day)
        if date is None or date.weekday() != d.weekday or abs((date - ref).days) <= _FAR_DAYS:
            continue
        lede = lede_weekdays(doc.text, doc.dateline.end)
        months = [
            m
            for m in range(1, 13)
            if (moved := safe_date(ref.year, m, own.day)) is not None  # type: ignore[arg-type]
            and abs((moved - date).days) <= _WITHIN_A_MONTH
            and (not lede or any(on_or_before(moved, w) for w in lede))
        ]
        months_fit = months[0] if len(months) == 1 else None
        return FarWeekdayDate(own, d, months_fit, abs((date - ref).days))
    return None
