"""A past-tense event dated after the reference date, or a future one dated before it.

What it does
    With a reference date (``--as-of`` or the dateline), checks each day-precision date
    that a clear verb governs ("erupted on January 9", "will resume on January 3").  A
    past event dated after the reference date, or a future event dated before it, is
    flagged.  A date with no written year is placed at its nearest occurrence, so only a
    date within three weeks on the wrong side is flagged, and not when its paragraph (or
    the one before) writes out another year.  A yearless date with its weekday is placed
    in the reference date's year when that year, and not the one before or after, puts
    it on that weekday, and is no guess: "will begin … on Sunday, March 31" under
    "September 26, 2024" is March 2024's. So is a yearless date the story has just told
    as this year's, past: "It was the second deadly incident at the prison this year. On
    July 14, four inmates were shot dead" under "February 9, 2026" is July 14, 2026,
    months ahead.  End points ("until January 19", "by March 3") and hedged verbs
    ("may", "would") are left alone.

    Also flags a plan ("will", "is due to", "is expected to" before it in its clause)
    dated with no year on a day that, in the year of the story's day, passed two months
    or more before it and, in the next, lies over half a year ahead: "NEW DELHI,
    July 2 — The alert will remain in force until January 10".  A plan that far into
    next year is written with its year, so the month is the likelier slip.  The story's
    day is the reference date or, with none, a date its lede writes with its weekday
    ("rose to 27 on Tuesday, July 8"; not "was arrested July 3", which may open a story
    told months later).  Not when "next year" follows, its paragraph writes another
    year, or its weekday tells the year (read as above).  With no reference date, a
    plan dated up to three weeks before a lede date written with its weekday and told
    as past or as a status is flagged too ("As of Thursday, January 22, 241 passengers
    had reported illness … The ship will call at Cartagena on January 16"): a story is
    told on or after the day its lede reports.

Why is this bad?
    Either the date or the tense is wrong: the story reports as done something that
    has not happened yet, or announces as coming something already past.  Both are
    typical of a story updated in a hurry or a dateline copied from a template.

Example
    BRANTFORD, March 3, 2025 — The plant closed on March 12, workers said.

Use instead
    BRANTFORD, March 3, 2025 — The plant will close on March 12, workers said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.extract.dates import END_POINTS, format_date, month_day, number_word, vocab
from kzaudit.model import DateMention, Document, Finding
from kzaudit.rules._calendar import YEAR_DAYS, day_of_year, lede_date, story_day
from kzaudit.rules.base import RuleContext

ID = "date-tense"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "A past-tense event dated after the reference date, or a future event before it"
OPTIONS = {
    "max_days": 21,  # a yearless date this close on the wrong side is flagged
}


# Leads after which the date is not the governing verb's own time: end points, bounds
# ("born after 1 September"), schedules ("earmarked for 23 March") and attributive
# dates ("the 19 February meets").
_NOT_EVENT = END_POINTS | frozenset(
    ["after", "before", "since", "from", "to", "between", "and", "or", "for", "last", "next",
     "this", "the", "a", "an", "its", "his", "her", "their", "until", "till", "by"]
)  # fmt: skip


def _nearest(d: DateMention, ref: dt.date, ref_known: bool) -> tuple[dt.date | None, bool]:
    """The written date itself, or the occurrence of a yearless one nearest ``ref``; and
    whether its year is known: written, or ``ref``'s when its weekday fits that year and
    not the one before or after ("Sunday, March 31" beside a dateline of September 2024
    is March 2024's), and ``ref``'s own year is no guess."""
    if d.year is not None:
        return d.date, True
    cands = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(dt.date(year, d.month, d.day))  # type: ignore[arg-type]
        except ValueError:
            continue
    if d.weekday is not None and ref_known:
        fitting = [c for c in cands if c.weekday() == d.weekday]
        if len(fitting) == 1 and fitting[0].year == ref.year:
            return fitting[0], True  # another year's is the weekday's slip: weekday-mismatch
    return (min(cands, key=lambda c: abs((c - ref).days)) if cands else None), False


def _paragraph(doc: Document, d: DateMention) -> int:
    return doc.sentences[d.sentence].paragraph if 0 <= d.sentence < len(doc.sentences) else -1


def _other_year(doc: Document, d: DateMention, year: int | None) -> bool:
    """A year other than ``year`` (any, with none) is written near a yearless date: the
    story may be telling another year's events ("... in March 2003. On 10 March, chiefs
    asked")."""
    para = _paragraph(doc, d)
    for o in doc.dates:
        if o.year is None or o.year == year:
            continue
        if (o.month, o.day) == (d.month, d.day) or para - 1 <= _paragraph(doc, o) <= para:
            return True
    return False


# A past form in a time clause under a future seen from the past is that future
# backshifted, not a past event: "the toll was likely to rise as rescuers reached
# remote villages on Sunday", "said they would stay until the troops left on May 3".
_FUTURE_IN_PAST = regexcache.compile(
    r"(?i)\b(?:would|(?:was|were)\s{1,3}(?:likely|expected|due|set|going|about)\s{1,3}to)\s"
)
_TIME_CLAUSE_END = regexcache.compile(
    r"(?i)\b(?:as|when|once|until|till|after|before|while)\s{1,3}(?:[\w'’-]{1,30}\s{1,3}){0,4}$"
)
_REACH = 240  # characters searched back for each part: a long sentence is no longer search


def _backshifted(doc: Document, d: DateMention) -> bool:
    """A past governor opening a time clause after "would"/"was likely to" in its
    sentence: the future of a reported past, which the reference date cannot test."""
    if d.governor is None or d.sentence < 0:
        return False
    lo = doc.sentences[d.sentence].span.start
    at = doc.text.rfind(d.governor, max(lo, d.span.start - _REACH), d.span.start)
    if at == -1:
        return False
    clause = _TIME_CLAUSE_END.search(doc.text, max(lo, at - _REACH), at)
    if clause is None:
        return False
    return (
        _FUTURE_IN_PAST.search(doc.text, max(lo, clause.start() - _REACH), clause.start())
        is not None
    )


class _ThisYears:
    """The story's past "this year" mentions, read once: the sentences that have one,
    and where each sentence's first "earlier this year" starts."""

    def __init__(self, doc: Document) -> None:
        self.sentences: set[int] = set()
        self.earlier: dict[int, int] = {}
        for o in doc.dates:
            if not (o.relative and o.precision == "year" and o.tense == "past"):
                continue
            if _THIS_YEAR.search(o.text):
                self.sentences.add(o.sentence)
                if _EARLIER_THIS_YEAR.search(o.text):
                    self.earlier.setdefault(o.sentence, o.span.start)

    def placed(self, d: DateMention, ref: dt.date) -> dt.date | None:
        """A yearless date the story has just placed in its own year: "It was the second
        deadly incident at the prison this year. On July 14, four inmates were shot" (a
        past "this year" in the sentence before, or "earlier this year" before it in its
        own: not "redundancies this year until the court sits again on May 7").  The
        date in the reference date's year, not the nearest occurrence the tense would
        pick."""
        if (
            d.sentence - 1 not in self.sentences
            and self.earlier.get(d.sentence, d.span.start) >= d.span.start
        ):
            return None
        try:
            return dt.date(ref.year, d.month, d.day)  # type: ignore[arg-type]
        except ValueError:
            return None


_THIS_YEAR = regexcache.compile(r"(?i)\bthis\s{1,3}year$")
_EARLIER_THIS_YEAR = regexcache.compile(r"(?i)\bearlier\s{1,3}this\s{1,3}year$")


def _days(n: int) -> str:
    return f"{number_word(n) if n <= 12 else n} day{'s' if n != 1 else ''}"


# A plan in the clause before a date: "will remain in force until", "is due to end on",
# "term ends on" is no plan (present of a schedule) and is left out.
_PLAN_BEFORE = regexcache.compile(
    r"(?i)\b(?:will|shall|(?:is|are)\s{1,3}(?:due|expected|scheduled|set|to)(?:\s{1,3}to)?)\s"
    r"[^.;:!?\n]{0,80}$"
)
_NEXT_YEAR_AFTER = regexcache.compile(r"(?i)[ ,]{1,3}(?:next|the\s{1,3}following)\s{1,3}year\b")
_PASSED_MIN_DAYS = 60  # days a plan's date lies behind the reference date in its year
_AHEAD_MIN_DAYS = 183  # ... and, read as next year's, ahead of it: over half a year
_PLAN_REACH = 120  # characters before a date searched for its plan's verb


def _passed_plans(doc: Document, now: int) -> Iterator[tuple[DateMention, int]]:
    """Yearless dates of plans ("will remain in force until January 10") that, in the
    year of the story's day (``now``, a day of the year), passed months before it and,
    in the next, lie half a year ahead, with the days they lie back: a plan that far off
    is written with its year, so the month is the slip."""
    text, ref = doc.text, doc.reference_date
    year = ref.year if ref is not None and not doc.reference_guessed else None
    for d in doc.dates:
        if d.precision != "day" or d.year is not None or d.relative or not (d.month and d.day):
            continue
        if d.weekday is not None or (doc.dateline is not None and doc.dateline.contains(d.span)):
            continue  # a weekday tells its year: read by the check below
        back = now - day_of_year(d)
        if back < _PASSED_MIN_DAYS or YEAR_DAYS - back < _AHEAD_MIN_DAYS:
            continue
        if d.sentence < 0 or d.sentence >= len(doc.sentences):
            continue
        lo = max(doc.sentences[d.sentence].span.start, d.span.start - _PLAN_REACH)
        if _PLAN_BEFORE.search(text, lo, d.span.start) is None:
            continue
        if _NEXT_YEAR_AFTER.match(text, d.span.end) or _other_year(doc, d, year):
            continue
        yield d, back


def _weekday_date(d: DateMention) -> str:
    """ "Tuesday, July 8", however the story wrote it ("Tuesday (July 8)")."""
    return f"{vocab().weekday_names[d.weekday]}, {month_day(d.month, d.day)}"  # type: ignore[arg-type,index]


def _plans_before_lede(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """With no reference date, a future event dated days before the lede's weekday date
    told as past or as a status ("As of Thursday, January 22, 241 … had reported" …
    "The ship will call at Cartagena on January 16"): a story is told on or after the
    day its lede reports, so the plan had passed."""
    lede = lede_date(doc)
    if lede is None or lede.weekday is None or not (lede.tense == "past" or lede.lead == "as of"):
        return
    now, told = day_of_year(lede), _weekday_date(lede)
    for d in doc.dates:
        if d is lede or d.precision != "day" or d.relative or not (d.month and d.day):
            continue
        if not d.governor_clear or d.tense != "future" or d.lead in _NOT_EVENT:
            continue
        if d.year is not None and d.year != lede.year:
            continue  # another year's: a lede without one places nothing
        back = now - day_of_year(d)
        if not 0 < back <= ctx.options["max_days"] or _other_year(doc, d, lede.year):
            continue
        yield ctx.finding(
            doc,
            d.span,
            f'"{d.governor}" is future tense, but {month_day(d.month, d.day)} is '
            f"{_days(back)} before {told}, a day the story reports as past",
        )


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    ref = doc.reference_date
    named = ""
    if ref is not None:
        # a yearless dateline's year is the story's latest or a stand-in: not shown
        told = month_day(ref.month, ref.day) if doc.reference_guessed else format_date(ref)
        named = f"the reference date ({told}, from the {doc.reference_origin or 'reference'})"
    if (own := story_day(doc, with_weekday=True)) is not None:
        lede = lede_date(doc) if ref is None else None
        for d, back in _passed_plans(doc, own[0]):
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.text}", a plan with no year written, falls {_days(back)} before '
                f"{_weekday_date(lede) if lede is not None else named} in its year; a date "
                "in the next year would be written with its year: is the month a slip?",
            )
    if ref is None:
        yield from _plans_before_lede(doc, ctx)
        return
    this_years: _ThisYears | None = None  # read when first needed
    for d in doc.dates:
        if d.precision != "day" or d.month is None or d.day is None or d.relative:
            continue
        if not d.governor_clear or d.tense not in ("past", "future") or d.lead in _NOT_EVENT:
            continue
        if doc.dateline is not None and doc.dateline.contains(d.span):
            continue
        date, year_known = _nearest(d, ref, not doc.reference_guessed)
        this_year = None
        if not year_known and not doc.reference_guessed and d.year is None:
            if this_years is None:
                this_years = _ThisYears(doc)
            if (this_year := this_years.placed(d, ref)) is not None:
                date, year_known = this_year, True
        if date is None:
            continue
        delta = (date - ref).days
        if not year_known and abs(delta) > ctx.options["max_days"]:
            continue
        if d.year is None and _other_year(doc, d, ref.year):
            continue
        if d.tense == "past" and delta > 0:
            if _backshifted(doc, d):
                continue
            side = "after"
        elif d.tense == "future" and delta < 0:
            side = "before"
        else:
            continue
        written = month_day(d.month, d.day) if d.year is None else format_date(date)
        if this_year is not None:
            written = f'{written} ("this year")'
        message = (
            f'"{d.governor}" is {d.tense} tense, but {written} is {_days(abs(delta))} {side} '
            f"{named}"
        )
        yield ctx.finding(doc, d.span, message)
