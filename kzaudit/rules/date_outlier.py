"""A date whose month is far from the story's timeline: most likely a month slip.

What it does
    Finds the story's timeline (at least three day-precision dates within about a month
    of each other; the days its weekdays name count too, as its dateline places them or,
    with none, in the week around its first sentences' weekday date, when the story has
    one other date, three months or more away: "Saturday, August 16 … on Sunday … on
    Monday … on December 17") and flags a lone date six weeks or more away from it whose
    day fits the timeline, when nothing explains the distance: no year written (or only
    the timeline's own year, on a day of the timeline: "7 March 2003 ... 17 March ... 17
    October 2003"), no "last", "next", "since" or "until", no future tense, no other
    mention of that month (but one written with another year, "in September 2023", tells
    of that year), no weekday that fits it ("Thursday, July 24" in a year where it is a
    Thursday; with no year, one the story's other weekday dates fit with it: "opened on
    Monday 15 September, closed on Friday 31 October"), no period it starts or ends
    ("the first quarter ended January 31"), no schedule in the present tense ("the
    moratorium expires on June 30"), no sale or deadline ("tickets go on sale on 11
    March", "the cut-off date is 1 April"), no "originally" or "previously" before it in
    its clause.  Another date off the timeline in its sentence and nearer it than the
    timeline, or another day of its month none of the timeline's days, makes a second
    timeline and keeps both quiet ("began on June 5 and ended on June 28"), and so do
    two other dates off the timeline beside it; but one other beside it is a second slip
    when either has a day number of the timeline ("June 5" and "July 5" beside "January
    5", "June 5" and "July 2" beside "January 5" and "January 2"); a timeline of plans
    alone places no past event.  The suggestion puts the date in the timeline's month,
    or a week either side of it ("erupted on May 2" before "January 5–19" reads as
    "January 2"), or into a month the story names near it ("the protests began in July"
    beside August 4-5: "21 March" reads as "21 July").  It also flags a date with
    nothing near it (no date or month mention within a month) whose day number is that
    of a date months away which is supported ("14 July" alone, "14 December" and "early
    December" elsewhere): the same day in another month is the signature of a slipped
    month name (at least ``twin_gap_days``, 45, away: "March 6" among "January 6"s is a
    slip two months wide); a month mention alone ("in January", beside "December 2"
    across the year's end) is no company for a date whose twin the story writes twice
    ("on May 2" … "the December 2 bout" … "on May 2").  And a date with nothing near it
    that lies months from all of at least two other dates and month mentions which sit
    within two months of each other ("20 April" among "in late-November", "on 8
    December", "during October"); period bounds such as "until June" do not count, a
    frame of plans alone ("will host a match in June or July") places no past event, and
    a date in the present tense is a fixture ("the Test is against Canada on 13
    November"), and one after an infinitive or an invitation in its clause is a plan
    ("summoned him to testify on April 8", "invited 68 leaders to its celebrations on
    May 9", "have been expecting an election on 5 May").  A yearless date is near a
    mention written with a year only when that year is the one the story last wrote
    before the date ("ousted in August 1985 … training began in 1963 … before the July
    28 election": August 1985 is no company for July 28).  Last, a dateline months from
    every date the story tells: at least two day dates of the body (or three mentions of
    months), all two months or more from it, none written with another year nor a plan
    (unless the plan would lie over half a year ahead), and no mention of the dateline's
    month ("OTTAWA, July 6 - … in the week ended February 25 … on March 4"; a date
    written with a weekday that fits it places the story the more surely: "TBILISI,
    November 14, 2024 — … On Monday, May 13, … on April 3"); a story is filed days after
    what it reports.  With no dateline, a closing line's publication date is read so
    ("… on Monday, May 11 … This report … was first published December 12, 2026.").
    So is a yearless dateline months after every yearless date (or
    month) the story tells as past and months before every one it tells as coming, when
    another month puts it after the first and shortly before the second ("SEOUL,
    December 8 (Yonhap) -- … since March 10 … plan to hold drills from April 20 to 24").
    So is a yearless dateline that no year puts on its lede's weekday with the body's
    yearless weekday dates on theirs, when another month does, near one of them, and the
    story's other dates side with it ("ROME, February 13 (Reuters) - … on Monday … on
    Wednesday, October 8 … on Friday, October 17": October 13; see
    ``_dateline_weekdays``). So is a dated dateline more than three months from a
    yearless weekday date of the body that its year puts on its weekday ("BALTIMORE,
    September 26, 2024 — … on Sunday, March 31"): a story writes no year for its own
    days.  And a first sentence after a dateline that tells a past event "on" a yearless
    day over a month before it, outside a clause of earlier time ("after", "since",
    "when" …): "LJUBLJANA, April 25 (Reuters) - … won an election held on December 24"
    reports both, either month may be the slip. And a yearless range that runs over half
    a year across the year's end ("forbade him from working from August 16 to March
    29"), unless its sentence names a season, a school or fiscal year, a term or a
    winter: the end the story's other dates leave alone is reported, or the whole range.
    And a yearless range the story tells as past that starts by its date but, read
    forward, ends weeks after it ("NEW YORK, March 13 - … Between January 1 and
    September 15, 132 firms had applied"): its end.  And the day of an event every
    reader knows with its month slipped, in a sentence that names the event ("died in
    one morning in NY on May 11th 2001", "after the 11 January attacks"; the list is
    ``_known_days.KNOWN_DAYS``).

Why is this bad?
    A slipped month ("June" typed for "January") moves an event half a year and
    reads as fact.  Readers cannot tell; editors rarely re-check dates that look
    well formed.

Example
    Protests erupted on January 2 ... Toqaev on January 5 removed Nazarbaev ...
    security forces opened fire on January 6 ... announcing the resignation of the
    cabinet early on June 5.

Use instead
    ... announcing the resignation of the cabinet early on January 5.

    A date legitimately outside the timeline stays quiet: "the vote is due on June
    5", "elections in June", "last June", "on June 5, 2019".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from kzaudit import regexcache
from kzaudit.extract.dates import (
    END_POINTS,
    find_footer,
    format_date,
    month_day,
    number_word,
    safe_date,
    vocab,
    with_month,
)
from kzaudit.extract.tense import WORD, infinitive
from kzaudit.model import DateMention, Document, Finding, Span
from kzaudit.rules._calendar import (
    CALENDAR_CYCLE,
    DAYS_BEFORE_MONTH,
    YEAR_DAYS,
    day_of_year,
    day_of_year_of,
    falls_on,
    has_day,
    month_of,
    month_span,
    offset,
    told_day,
)
from kzaudit.rules._dateline_weekdays import (
    DatelineMonthSlip,
    FarWeekdayDate,
    far_weekday_date,
    slipped_dateline_month,
)
from kzaudit.rules._known_days import KnownDay, slipped_known_days
from kzaudit.rules._mechanics import PRESCAN_MAX
from kzaudit.rules.base import RuleContext

ID = "date-outlier"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "A date months away from every other date in the story (a month slip)"
OPTIONS = {
    "min_cluster": 3,  # dates needed to call something the story's timeline
    "window_days": 31,  # every timeline date lies this close to its centre
    "min_gap_days": 60,  # a stray is at least this far from every date of its frame
    # ... and from every date of a timeline: a month slipped by two ("March 2" for
    # "January 2" beside January 5-19) lands six weeks away; three dates within a
    # month make a timeline that a story does not leave for six weeks unannounced
    "timeline_gap_days": 42,
    "twin_gap_days": 45,  # ... or this far from a supported date with its day number
}

# Leads that place a date outside the story's timeline on purpose.
_EXPLAINED_LEADS = frozenset(
    ["last", "next", "since", "until", "till", "by", "before", "after", "from", "through",
     "between", "this", "every", "each", "and", "or", "to"]
)  # fmt: skip


_PERIOD_OPEN = regexcache.compile(r"(?i)\b(?:between|from)\b")
_REPORTING_PERIOD = regexcache.compile(
    r"(?i)\b(?:week|fortnight|month|months|quarter|days)\s{1,3}"
    r"(?:ended\s{1,3}|ending\s{1,3})?to\s{1,3}$"
)
# "since" opening the clause that holds the date: a period reaching to the present.
_SINCE_CLAUSE = regexcache.compile(r"(?i)\b(?:since|ever\s{1,3}since)\s[^,;:.()\u2014]{0,50}$")
# The start or end of a period the sentence names: "first quarter ended January 31",
# "the 1987/88 season, which begins June 1", "the fiscal year starting on 21 March" --
# a calendar boundary, not an event of the story's timeline.
_PERIOD_BOUNDARY = regexcache.compile(
    r"(?i)\b(?:quarter|year|season|half|term|period|session)s?\b[^.;:!?]{0,30}\b"
    r"(?:ends|ended|ending|begins|beginning|began|starts|started|starting)\s{1,3}(?:on\s{1,3})?$"
)
# A date set for a sale or a deadline: "Tickets … go on sale on Friday 11 March", "The
# cut-off date for swapping tickets is 1 April" -- fixed apart from the events told.
_DEADLINE = regexcache.compile(
    r"(?i)\b(?:deadline|cut-off|cutoff|closing\s{1,3}date|on\s{1,3}sale|tickets?)\b"
    r"[^.;:!?()\u2014]{0,40}$"
)
# An earlier time the clause itself announces: "originally convened … December 23".
_EARLIER = regexcache.compile(
    r"(?i)\b(?:originally|initially|previously|formerly)\b[^.;:!?()\u2014]{0,40}$"
)
_RELATIVE_REACH = 60  # characters from a date to a relative time that places it
_NEAR_REACH = 100  # characters either side of a date searched in its sentence
# A distance in time the date's sentence states near it: "months after the vote", "a
# year later", "later that year".
_DISTANCE = regexcache.compile(
    r"(?i)\b(?:(?:months|years|a\s{1,3}(?:month|year)|half\s{1,3}a\s{1,3}year)"
    r"\s{1,3}(?:after|later|before|earlier|on)"
    r"|(?:later|earlier)\s{1,3}(?:that|the\s{1,3}same)\s{1,3}year"
    r"|(?:that|the)\s{1,3}same\s{1,3}year)\b"
)
# A present-tense schedule: "the agreement expires on June 30", "the offer ends on May 1".
_SCHEDULED = regexcache.compile(
    r"(?i)\b(?:expires|ends|begins|starts|matures|lapses|runs\s{1,3}out)\s{1,3}(?:on\s{1,3})?$"
)


def _timeline(days: list[DateMention], window: int) -> list[DateMention]:
    """The largest set of dates spanning at most ``window`` days (around the year end too).

    Two pointers over the sorted days of the year, doubled to wrap December into
    January: O(n log n) however many dates the article holds.
    """
    ordered = sorted(days, key=day_of_year)
    n = len(ordered)
    ext = [day_of_year(d) for d in ordered]
    ext += [p + YEAR_DAYS for p in ext]
    best_i, best_len, j = 0, 0, 0
    for i in range(n):
        j = max(j, i)
        while j + 1 < i + n and ext[j + 1] - ext[i] <= window:
            j += 1
        if j - i + 1 > best_len:
            best_i, best_len = i, j - i + 1
    chosen = [ordered[k % n] for k in range(best_i, best_i + best_len)]
    return sorted(chosen, key=lambda d: d.span.start)


def _range_text(timeline: list[DateMention]) -> str:
    """ "January 2–19" or "December 28–January 4" (around the timeline's first date)."""
    base = day_of_year(timeline[0])
    ordered = sorted(timeline, key=lambda d: offset(base, day_of_year(d)))
    first, last = ordered[0], ordered[-1]
    if (first.month, first.day) == (last.month, last.day):
        return month_day(first.month, first.day)  # type: ignore[arg-type]
    if first.month == last.month:
        return f"{month_day(first.month, first.day)}\u2013{last.day}"  # type: ignore[arg-type]
    return f"{month_day(first.month, first.day)}\u2013{month_day(last.month, last.day)}"  # type: ignore[arg-type]


def _weekdays_agree(doc: Document, d: DateMention) -> bool:
    """``d`` and another weekday date of the story, none with a year, fall on their
    weekdays together in some year: ``d``'s weekday is borne out."""
    dated, agree = _yearless_weekdays(doc)
    return agree and len(dated) >= 2 and any(o is d for o in dated)


_last_weekdays: tuple[Document, list[DateMention], list[DateMention], bool] | None = None


def _yearless_weekdays(doc: Document) -> tuple[list[DateMention], bool]:
    """The story's yearless weekday dates, and whether some year puts every one of them
    on its weekday; kept for the last document asked (by identity of the document and
    of its dates list), as ``_figures`` keeps its pairs, so that a page of such dates
    costs no square."""
    global _last_weekdays
    last = _last_weekdays  # read once: Dask worker threads share this module
    if last is not None and last[0] is doc and last[1] is doc.dates:
        return last[2], last[3]
    dated = [
        o
        for o in doc.dates
        if o.weekday is not None and o.month and o.day and o.year is None and not o.relative
    ]
    agree = len(dated) >= 2 and any(_fit_year_running(dated, year) for year in CALENDAR_CYCLE)
    if len(doc.text) <= PRESCAN_MAX:  # a huge document is not kept alive after its rules
        _last_weekdays = (doc, doc.dates, dated, agree)
    return dated, agree


def _fit_year_running(dated: list[DateMention], year: int) -> bool:
    """Every date falls on its weekday in ``year``, or in the next year with a day of
    the year before all of ``year``'s: a trial's "Saturday 17 May" and "Thursday 11
    December" with sentencing "until Friday 16 January" (of the year after)."""
    this, later = [], []
    for o in dated:
        if falls_on(o, year):
            this.append(day_of_year(o))
        elif falls_on(o, year + 1):
            later.append(day_of_year(o))
        else:
            return False
    return not later or bool(this) and max(later) < min(this)


def _explained(
    doc: Document,
    d: DateMention,
    year: int | None = None,
    future_explains: bool = True,
    weekday_explains: bool = True,
) -> bool:
    """A reason in the text for the date to lie outside the timeline.

    A written year explains the distance unless it is ``year``, the year the
    timeline itself is written in ("17 March 2003" ... "17 July 2003").  Future
    tense explains it unless ``future_explains`` is off (the twin test: a date
    repeated with another month is a slip whatever the tense).
    """
    future = d.tense == "future" and future_explains
    if d.year not in (None, year) or future:
        return True
    if (
        d.lead in _EXPLAINED_LEADS
        and (
            d.lead != "and"
            or _PERIOD_OPEN.search(doc.text, max(0, d.span.start - 40), d.span.start)
        )
        and not _REPORTING_PERIOD.search(doc.text, max(0, d.span.start - 30), d.span.start)
    ):
        return True  # "between June 3 and December 5"; not a list "on May 15 and November 28",
        # nor a reporting period's end, which is the story's present: "in the week to May 3rd"
    if (
        weekday_explains
        and d.weekday is not None
        and d.date is not None
        and d.date.weekday() == d.weekday
    ):
        return True  # "Thursday, July 24" in a year where it is a Thursday: checked
    if weekday_explains and d.weekday is not None and d.date is None and _weekdays_agree(doc, d):
        return True  # "opened on Monday 15 September, closed … on Friday 31 October": with
        # no year written, the story's weekday dates fit one year together
    if doc.dateline is not None and doc.dateline.contains(d.span):
        return True  # the dateline is the story's own date
    if _SINCE_CLAUSE.search(doc.text, max(0, d.span.start - 60), d.span.start):
        return True  # "has met 11 times since it was inaugurated on January 30"
    before = max(0, d.span.start - 60)
    if _PERIOD_BOUNDARY.search(doc.text, before, d.span.start):
        return True  # "for the first quarter ended January 31"
    if _SCHEDULED.search(doc.text, before, d.span.start):
        return True  # "the moratorium expires on June 30": a date fixed ahead
    if _DEADLINE.search(doc.text, before, d.span.start):
        return True  # "Tickets go on sale on Friday 11 March": a sale or deadline
    if _EARLIER.search(doc.text, before, d.span.start):
        return True  # "the meeting, originally convened and adjourned December 23"
    if _near_in_sentence(doc, d, _DISTANCE):
        return True  # "on 24 October 2003, months after the vote": the gap is told
    # a year or a relative time beside the date in its sentence ("on June 5 last year"),
    # not one a long sentence carries elsewhere, in a quotation perhaps ("The October 3
    # email reads, '… of this month'")
    return any(
        o.precision == "year" or (o.relative and o.precision != "day")
        for o in _beside(doc.dates, d)
    )


def _beside(dates: list[DateMention], d: DateMention) -> Iterator[DateMention]:
    """The other mentions of ``d``'s sentence that start within ``_RELATIVE_REACH``
    characters of it (``dates`` is in text order: a bisection, not a scan)."""
    for i in range(bisect_left(dates, d.span.start - _RELATIVE_REACH, key=_start), len(dates)):
        o = dates[i]
        if o.span.start > d.span.start + _RELATIVE_REACH:
            return
        if o is not d and o.sentence == d.sentence:
            yield o


def _start(d: DateMention) -> int:
    return d.span.start


@dataclass(frozen=True)
class _Line:
    """The story's timeline and what every date off it is checked against, read once:
    a story of thousands of dates costs O(n log n), not a scan of the timeline per date."""

    positions: list[int]  # its days of the year, sorted
    months: frozenset[int]
    years: frozenset[int]  # as written
    day_months: dict[int, int]  # day number -> month of the first timeline date with it
    base: int  # the first date's day of the year; ``lo``..``hi``: the span around it
    lo: int
    hi: int
    text: str  # "January 2–19"

    @classmethod
    def of(cls, timeline: list[DateMention], placed: frozenset[int] = frozenset()) -> _Line:
        """``placed``: ids of the timeline's days named by weekday alone, whose day numbers
        are a guess (no twin of a slip) and which its text does not list."""
        base = day_of_year(timeline[0])
        offsets = [offset(base, day_of_year(t)) for t in timeline]
        day_months: dict[int, int] = {}
        written = [t for t in timeline if id(t) not in placed]
        for t in written:
            day_months.setdefault(t.day, t.month)  # type: ignore[arg-type]
        text = _range_text(written)
        if len(written) < len(timeline):
            text += " and the weekdays around it" if len(written) == 1 else " and weekdays"
        return cls(
            positions=sorted(day_of_year(t) for t in timeline),
            months=frozenset(t.month for t in timeline),  # type: ignore[misc]
            years=frozenset(t.year for t in timeline if t.year is not None),
            day_months=day_months,
            base=base,
            lo=min(offsets),
            hi=max(offsets),
            text=text,
        )


def _nearest(positions: list[int], pos: int) -> int:
    """Days from ``pos`` to the nearest of the sorted ``positions``, round the year."""
    i = bisect_left(positions, pos)
    return min(abs(offset(p, pos)) for p in (positions[i % len(positions)], positions[i - 1]))


def _count_within(positions: list[int], pos: int, window: int) -> int:
    """How many of the sorted ``positions`` lie ``window`` days or less from ``pos``."""
    lo, hi = pos - window, pos + window
    n = bisect_right(positions, hi) - bisect_left(positions, lo)
    if lo < 0:
        n += len(positions) - bisect_left(positions, lo + YEAR_DAYS)
    if hi >= YEAR_DAYS:
        n += bisect_right(positions, hi - YEAR_DAYS)
    return n


_TARGET_SLACK = 7  # days past either end of the timeline a moved date may fall: a story's
# first events often come days before the ones it dwells on ("erupted on January 2" …
# "January 5–19")


def _target(line: _Line, d: DateMention, span: int) -> tuple[int, bool] | None:
    """The timeline month to move ``d`` into, and whether that date appears in the story."""
    if d.day in line.day_months:
        return line.day_months[d.day], True
    for month in sorted(line.months):
        moved = DateMention(d.text, d.span, None, "day", month=month, day=d.day)
        if (
            line.lo - _TARGET_SLACK
            <= offset(line.base, day_of_year(moved))
            <= line.hi + _TARGET_SLACK
            and line.hi - line.lo <= span
        ):
            return month, False
    return None


def _month_distance(pos: int, month: int) -> int:
    """Days from day-of-year ``pos`` to the nearest day of ``month`` (0 inside it)."""
    first, last = month_span(month)
    if first <= pos <= last:
        return 0
    return min(abs(offset(pos, first)), abs(offset(pos, last)))


def _support(
    doc: Document, d: DateMention, days: list[DateMention], window: int, stray: bool = False
) -> int:
    """Other mentions within ``window`` days of ``d``: day dates and months ("in December"),
    of a year ``d`` may be in (``_story_years``; ``stray``: the story's own year)."""
    return sum(_support_counts(doc, d, days, window, stray))


def _support_counts(
    doc: Document, d: DateMention, days: list[DateMention], window: int, stray: bool = False
) -> tuple[int, int]:
    """``_support``'s day dates and month mentions, counted apart."""
    pos = day_of_year(d)
    years = _story_years(doc, d, own_year_only=stray)
    near_days = sum(
        1
        for o in days
        if o is not d
        and (years is None or o.year in years)
        and not _range_partner(o, d)
        and abs(offset(day_of_year(o), pos)) <= window
    )
    near_months = sum(
        1
        for o in _months(doc)
        if (years is None or o.year in years) and _month_distance(pos, o.month) <= window  # type: ignore[arg-type]
    )
    return near_days, near_months


_RANGE_REACH = 5  # "4 or 5 December", "August 26-27": characters between a range's days


def _story_years(
    doc: Document, d: DateMention, own_year_only: bool = False
) -> tuple[int | None, ...] | None:
    """The written years a mention near ``d`` may have (None: any).  A yearless date
    sits in the story's year or the one last written before it; a month of another
    written year ("in August 1985" behind "in 1963") lies a year or more away.  A
    date with its year, or with none written before it, is left to other guards."""
    if d.year is not None:
        return None
    told = _told_year(doc, d)
    own = doc.reference_date.year if doc.reference_date else None
    if told is None:
        # no year before it: the story's own year, which a later "April 2021" is not (a
        # writer adds the year to a date outside the story's year); only for a stray,
        # whose frame is the story's present, not for a twin's backing
        return (None, own) if own_year_only else None
    return (None, own, told)


def _beside_partner(days: list[DateMention], d: DateMention) -> bool:
    """``d`` has its range's other day beside it in ``days`` (text order): a bisection,
    not a scan, so that a page of ranges is not read once per day."""
    i = bisect_left(days, d.span.start, key=_start)
    return any(_range_partner(days[j], d) for j in (i - 1, i + 1) if 0 <= j < len(days))


def _range_partner(o: DateMention, d: DateMention) -> bool:
    """The other day of one range ("4" of "4 or 5 December"): no support of its own."""
    if o is d or o.month != d.month:
        return False
    gap = o.span.start - d.span.end if o.span.start > d.span.start else d.span.start - o.span.end
    return 0 <= gap <= _RANGE_REACH


def _months(doc: Document) -> list[DateMention]:
    """The article's month mentions ("in December", "May 2004"), not relative ones."""
    return [o for o in doc.dates if o.precision == "month" and o.month and not o.relative]


def _twin_slips(
    doc: Document, ctx: RuleContext, days: list[DateMention]
) -> Iterator[tuple[DateMention, DateMention]]:
    """(slip, twin): a lone date and a supported date of the same day in another month.

    "transferred on 14 July" in a story whose only other dates are "14 December"
    and "early December": the same day number, months apart, with nothing around
    it, reads as the other date with its month slipped.  A month mention alone
    ("in January", which a year's wrap puts beside "December 2") does not back a date
    whose twin the story writes twice ("the May 2 bout" … "on May 2" … "[on May 2]").
    """
    window, gap = ctx.options["window_days"], ctx.options["twin_gap_days"]
    counts = [_support_counts(doc, d, days, window) for d in days]
    supported = [sum(c) > 0 for c in counts]
    written = Counter((d.month, d.day, d.year) for d in days)
    for d, has_support, (near_days, _) in zip(days, supported, counts, strict=True):
        if has_support and (
            near_days
            or not any(written[(m, d.day, d.year)] > 1 for m in range(1, 13) if m != d.month)
        ):
            continue
        if _explained(doc, d, d.year, future_explains=False):
            continue
        pos = day_of_year(d)
        for t, backed in zip(days, supported, strict=True):
            if not backed or t.day != d.day or t.year != d.year:
                continue  # a different written year explains the gap
            if has_support and written[(t.month, t.day, t.year)] < 2:
                continue  # only a month mention backs ``d``: its twin must be written twice
            if doc.dateline is not None and doc.dateline.contains(t.span):
                continue  # the story's own date, not an event's
            if abs(offset(day_of_year(t), pos)) >= gap:
                yield d, t
                break


# Mentions that bound a period rather than place an event ("until the end of June",
# "since June", "the July to September period"): the period runs towards the story's
# present, so they say little about when the story is.
_END_LEADS = END_POINTS | frozenset(
    ["to", "before", "since", "since early", "since late", "from", "between", "and"]
)  # fmt: skip
_RANGE_GAP = 6  # "July to September": characters between a range's two ends
_SINCE_LEADS = frozenset(["since", "since early", "since late"])
_MAX_FRAME = 50  # past this many dates the timeline test above has enough to go on
_PLAN_REACH = 60  # characters before a stray date searched for an infinitive
_INVITING = ("invite", "invited", "inviting", "summon", "expecting")  # word starts of a plan's verb


def _frame_distance(o: DateMention, pos: int) -> int:
    if o.precision == "day":
        return abs(offset(pos, day_of_year(o)))
    return _month_distance(pos, o.month)  # type: ignore[arg-type]


def _frame_mentions(doc: Document) -> list[DateMention]:
    """Day dates and months that place the story in time.

    Left out: period bounds ("until June", "through June") and range starts ("July
    to September"), which reach away from the story's present.  Kept: "since late
    December" (the present is after it) and a reporting period's end ("profit for
    the three months to December"), which is where results stories sit.
    """
    dated = [o for o in doc.dates if o.precision in ("day", "month") and o.month]
    period_ends = {d.span.end for d in doc.durations}
    kept: list[DateMention] = []
    for i, o in enumerate(dated):
        nxt = dated[i + 1] if i + 1 < len(dated) else None
        starts_range = (
            nxt is not None and nxt.lead in _END_LEADS and nxt.span.start - o.span.end <= _RANGE_GAP
        )
        bound = o.lead in _END_LEADS and o.lead not in _SINCE_LEADS
        if o.lead == "to" and any(o.span.start - k in period_ends for k in range(3, _RANGE_GAP)):
            bound = False  # "the three months to December"
        if not (o.relative or bound or starts_range):
            kept.append(o)
    return kept


def _strays(
    doc: Document, ctx: RuleContext, days: list[DateMention], spans: _Spans
) -> Iterator[tuple[DateMention, list[DateMention]]]:
    """(stray, frame): a lone date months from every other date and month in the story.

    The frame is the story's other day dates and month mentions ("early December",
    "in late-November", "on 8 December"): at least two, all within two months of
    each other.  Unlike the timeline test it needs no three day dates, so the
    guards stay the same: nothing within a month of the stray (of the story's own year
    when no year is written before it: a later "In April 2021" does not back a yearless
    "March 14" among September dates), nothing explaining it, no other year (the
    stray's own year explains nothing when the frame is written with it too: "February
    2014 … March 4, 2014 … on October 23, 2014").  A
    yearless stray is framed by the yearless dates, those of the story's own year
    and those of the year last written before it ("February 7, 1997 … February 24 …
    On June 20, his body was found").  The other day of the stray's own range
    ("August 26-27") is no frame: it slipped with it.
    """
    window, gap = ctx.options["window_days"], ctx.options["min_gap_days"]
    mentions = _frame_mentions(doc)
    if len(mentions) > _MAX_FRAME:
        return
    for d in days:
        # a year the frame is written in too tells the stray from nothing
        shared = d.year if d.year is not None and _year_elsewhere(mentions, d) else None
        if (
            d.tense == "present"
            or _support(doc, d, days, window, stray=True)
            or _explained(doc, d, shared)
        ):
            continue  # a dated event in the present tense is a fixture: "the Test is on 13 November"
        # a yearless date sits in the story's year: dates written with that year frame it
        own = None
        if d.year is None:  # (with no date of its own, the year of the lede's day)
            own = doc.reference_date.year if doc.reference_date else _lede_year(doc)
        told = _told_year(doc, d) if d.year is None else None
        partners = [o for o in days if _range_partner(o, d)]
        frame = [
            o
            for o in mentions
            if o is not d
            and o not in partners
            and o.year in (None, d.year, own, told)
            and not _since_before_it(o, d)
        ]
        if d.tense != "future" and all(o.tense == "future" for o in frame):
            continue  # plans only ("will host a match in June or July"): no present to stray from
        if spans.after_told_month(d) or (
            spans.in_since_span(d)
            and all((o.month, o.day or 1) > (d.month, d.day) for o in frame if o.month)
        ):
            continue
        if (
            d.year is None
            and own is None
            and all(o.year is not None and o.day != d.day for o in frame)
        ):
            continue  # a yearless date among dates all written with their year, in a story
            # with no date of its own: those are history ("detained on November 27, 2024"
            # … "in his final statement to the court on March 17"); but not the day of
            # one of them ("an email on April 3, 2009" … "The September 3 email")
        if (
            len(frame) >= 2
            and _far_from_tight_frame(d, frame, window, gap)
            and not _planned(doc, d)
        ):
            yield d, frame


_LEDE_SENTENCES = 3  # sentences from the start a story's own day is written in


def _lede_year(doc: Document) -> int | None:
    """The year of the first day date written with its weekday and year in the story's
    first sentences ("… beat Wycombe at Edgeley Park on Saturday, 14 March 2026"): the
    story's own year when it has no dateline (a day written with a year alone may be
    history: "detained in a raid on November 27, 2024")."""
    for o in doc.dates:
        if o.sentence > _LEDE_SENTENCES:
            return None
        if o.precision == "day" and o.year is not None and o.weekday is not None:
            return o.year
    return None


class _Spans:
    """Per story, read once: where a month told "since" starts a span up to the present,
    by year, and the months told with a year, by sentence (a page of dates is no scan of
    every date per date)."""

    def __init__(self, doc: Document) -> None:
        self.since: dict[int | None, tuple[int, int]] = {}  # year: earliest (month, day)
        self.told: dict[int, dict[int, int]] = {}  # sentence: month -> first start
        for o in doc.dates:
            if o.precision != "month" or o.month is None:
                continue
            if o.lead in _SINCE_LEADS:
                key = (o.month, o.day or 0)
                if o.year not in self.since or key < self.since[o.year]:
                    self.since[o.year] = key
            if o.year is not None:
                months = self.told.setdefault(o.sentence, {})
                months.setdefault(o.month, o.span.start)

    def in_since_span(self, d: DateMention) -> bool:
        """A month the story counts from ("operating on temporary resolutions since
        January") comes before ``d``: the story spans the months since, and "introduced
        the plan on March 17", before the story's other dates, is one of them (the
        callers ask that it come before them: "since January" spans no October in a June
        story)."""
        first = self.since.get(d.year)
        return first is not None and d.month is not None and first < (d.month, d.day or 0)

    def after_told_month(self, d: DateMention) -> bool:
        """A yearless date its sentence sets just after a month told with its year
        ("first received reports in September 2025 and opened a formal investigation on
        Oct. 9"): a date of that year's story, not of the timeline's."""
        if d.year is not None or d.month is None:
            return False
        months = self.told.get(d.sentence, {})
        return any(
            months.get((d.month - back - 1) % 12 + 1, d.span.start) < d.span.start
            for back in range(3)
        )


def _since_before_it(o: DateMention, d: DateMention) -> bool:
    """``o`` starts a count up to the present ("1,100 deaths since January 1") earlier in
    the same year than ``d``: the present is after it, so ``d`` far after it fits."""
    if o.lead not in _SINCE_LEADS or o.year != d.year or not (o.month and d.month):
        return False
    return (o.month, o.day or 0) < (d.month, d.day or 0)


def _names_month(d: DateMention) -> bool:
    """The mention writes its month ("August 26"), not a bare day of a range ("27")."""
    return any(c.isalpha() for c in d.text)


def _year_elsewhere(mentions: list[DateMention], d: DateMention) -> bool:
    """Another day date or month is written with ``d``'s year."""
    return any(o is not d and o.year == d.year for o in mentions)


def _told_year(doc: Document, d: DateMention) -> int | None:
    """The year the story last wrote before ``d``: a yearless date told after "February
    7, 1997" sits in 1997, so dates written with that year frame it too."""
    for i in range(bisect_left(doc.dates, d.span.start, key=_start) - 1, -1, -1):
        o = doc.dates[i]  # back from ``d``, in text order
        if o.year is not None and not o.relative:
            return o.year
    return None


def _planned(doc: Document, d: DateMention) -> bool:
    """The date's clause tells of a plan: an infinitive or an invitation between its
    verb and the date ("summoned him to testify on April 8", "an attack to take place
    on September 20", "has invited 68 leaders to its celebrations on May 9").  The date
    is when the planned event falls, which the story's past need not hold."""
    lo = max(0, d.span.start - _PLAN_REACH)
    if 0 <= d.sentence < len(doc.sentences):
        lo = max(lo, doc.sentences[d.sentence].span.start)
    lo = max(lo, doc.text.rfind(",", lo, d.span.start) + 1)  # the date's own clause
    words = WORD.findall(doc.text, lo, d.span.start)
    return infinitive(words) or any(w.lower().startswith(_INVITING) for w in words)


def _far_from_tight_frame(d: DateMention, frame: list[DateMention], window: int, gap: int) -> bool:
    """``d`` lies ``gap`` days or more from every mention of ``frame``, and the frame
    itself sits within two ``window``s of its first mention."""
    pos = day_of_year(d)
    if min(_frame_distance(o, pos) for o in frame) < gap:
        return False
    first = frame[0]
    if first.precision == "day":
        anchor = day_of_year(first)
        return all(_frame_distance(o, anchor) <= 2 * window for o in frame)
    # a month is all of its days: "in December … on February 5" sit five weeks apart
    return all(_from_month(o, first.month) <= 2 * window for o in frame)  # type: ignore[arg-type]


def _from_month(o: DateMention, month: int) -> int:
    """Days from mention ``o`` (a day, or all the days of a month) to ``month``."""
    if o.precision == "day":
        return _month_distance(day_of_year(o), month)
    first, last = month_span(o.month)  # type: ignore[arg-type]
    return min(_month_distance(first, month), _month_distance(last, month))


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    days = [d for d in doc.dates if d.precision == "day" and d.month and d.day]
    # The timeline test is the strongest evidence and gives the fullest message: first.
    flagged: set[int] = set()
    spans = _Spans(doc)
    for d, finding in _timeline_slips(doc, ctx, days, spans, _weekdays_near_lede(doc, days)):
        flagged.add(id(d))
        yield finding
    if len(days) <= _MAX_FRAME and len(_months(doc)) <= _MAX_FRAME:  # pairwise tests below
        # a slip the timeline test found keeps no other date company ("June 5" beside
        # "expected on May 7" in a story of January 2-19); of a range, the mention with
        # the month is reported, not its bare day ("4" of "4 or 5 December"), even when
        # that mention was reported above
        unslipped = [d for d in days if id(d) not in flagged]
        for d, t in _twin_slips(doc, ctx, unslipped):
            if id(d) not in flagged and (_names_month(d) or not _beside_partner(days, d)):
                flagged.add(id(d))
                yield _twin_finding(doc, ctx, d, t)
        for d, frame in _strays(doc, ctx, unslipped, spans):
            if id(d) not in flagged and (_names_month(d) or not _beside_partner(days, d)):
                flagged.add(id(d))
                yield _stray_finding(doc, ctx, d, frame)
    own = _dateline_day(doc, days)  # the dateline's day date, if it writes one
    slip = _dateline_slip(doc, ctx, days)
    if slip is not None:
        flagged.add(id(slip[0]))
        yield _dateline_finding(doc, ctx, *slip)
    else:
        between = _dateline_between_tenses(doc, days)
        if between is not None:
            flagged.add(id(between[0]))
            yield _between_finding(doc, ctx, *between)
        elif (weekdays := slipped_dateline_month(doc, own)) is not None:
            flagged.add(id(weekdays.dateline))
            yield _weekdays_finding(doc, ctx, weekdays)
        elif (far := far_weekday_date(doc, own)) is not None:
            flagged.add(id(far.dateline))
            yield _far_weekday_finding(doc, ctx, far)
    lede = _lede_event_long_before(doc, own, days)
    if lede is not None and id(lede[0]) not in flagged and id(lede[1]) not in flagged:
        flagged.update((id(lede[0]), id(lede[1])))
        yield from _lede_findings(doc, ctx, *lede)
    for d, known in slipped_known_days(doc):
        if id(d) not in flagged:
            flagged.add(id(d))
            yield _known_day_finding(doc, ctx, d, known)
    for start, end in itertools.islice(_wrapped_ranges(doc, days), _MAX_WRAPPED):
        if id(start) not in flagged and id(end) not in flagged:
            flagged.add(id(end))
            yield _wrapped_finding(doc, ctx, start, end, days)
    for start, end, month in itertools.islice(
        _overrunning_ranges(doc, days, ctx.options["window_days"]), _MAX_WRAPPED
    ):
        if id(start) not in flagged and id(end) not in flagged:
            yield _overrun_finding(doc, ctx, start, end, month)


# What joins the two days of a range: "from August 16 to March 29", "June 30-Aug. 23".
_RANGE_JOINS = frozenset(["-", "\u2013", "\u2014", "to", "until", "till", "through", "thru"])
_HALF_YEAR = 183
_MAX_WRAPPED = 10  # past this many, the text is no story: each finding reads every date


def _wrapped_ranges(
    doc: Document, days: list[DateMention]
) -> Iterator[tuple[DateMention, DateMention]]:
    """(start, end): a yearless range whose end falls more than half a year after its
    start, across the year's end ("from August 16 to March 29").  Ranges that run into
    the next year without a year written are seasons of a few months ("from November 1
    to March 31"); one of over half a year is most likely a slipped month in one end."""
    for a, b in _range_pairs(doc, days):
        pa, pb = day_of_year(a), day_of_year(b)
        if pb < pa and pb + YEAR_DAYS - pa > _HALF_YEAR and not _season_named(doc, a):
            yield a, b


def _range_pairs(
    doc: Document, days: list[DateMention]
) -> Iterator[tuple[DateMention, DateMention]]:
    """(start, end): two yearless day dates of different months written as a range
    ("from August 16 to March 29", "between February 18 and March 4")."""
    for a, b in itertools.pairwise(days):
        if a.year is not None or b.year is not None or a.month == b.month:
            continue
        join = doc.text[a.span.end : b.span.start].strip()
        if join in _RANGE_JOINS or (join == "and" and a.lead == "between"):
            yield a, b


_OVERRUN_DAYS = 7  # a range told as past may end this close after the story's date
_DAY = dt.timedelta(days=1)


def _overrunning_ranges(
    doc: Document, days: list[DateMention], window: int
) -> Iterator[tuple[DateMention, DateMention, int | None]]:
    """(start, end, month): a yearless range told in the past that starts by the
    story's date and, read forward from its start, ends weeks after it ("NEW YORK,
    March 13 - … Between January 1 and September 15, 132 firms had applied"): what a
    story tells as done cannot end after it was filed, and read in the year before, the
    story would have written the year, as it does for its other years.  The end's month
    is the likelier slip; ``month`` is the one other month written with the end's day
    within two ``window``s of the story's date (its own weeks), if there is one ("… a
    new high on March 4 … between February 18 and November 4").  Not an end on a
    month's last day ("from January 1 to December 31" is last year's whole).  Only with
    a date the story states (a dateline, ``--as-of``)."""
    ref = doc.reference_date
    if ref is None or doc.reference_guessed:
        return
    for a, b in _range_pairs(doc, days):
        if a.date is None or a.date > ref or "past" not in (a.tense, b.tense):
            continue
        if (b.month, b.day) < (a.month, a.day):  # type: ignore[operator]
            continue  # over the year's end: ``_wrapped_ranges`` reads those
        end = safe_date(a.date.year, b.month, b.day)  # type: ignore[arg-type]
        if end is None or (end - ref).days <= _OVERRUN_DAYS or end.month != (end + _DAY).month:
            continue
        twins = {
            o.month
            for o in days
            if o is not b
            and o.day == b.day
            and o.month != b.month
            and o.date is not None
            and abs((o.date - ref).days) <= 2 * window
        }
        yield a, b, (twins.pop() if len(twins) == 1 else None)  # type: ignore[misc]


def _overrun_finding(
    doc: Document, ctx: RuleContext, a: DateMention, b: DateMention, month: int | None
) -> Finding:
    text = doc.text[a.span.start : b.span.end]
    if a.lead in ("between", "from"):
        text = f"{a.lead} {text}"
    message = (
        f'the range "{text}" is told as past but ends after the story\'s date '
        f"({format_date(doc.reference_date)})"  # type: ignore[arg-type]
    )
    if month is None:
        return ctx.finding(doc, b.span, f"{message}: its month is most likely slipped", None)
    message += f"; the story has the same day in {vocab().month_names[month]}"
    return ctx.finding(doc, b.span, message, with_month(b.text, month))


# A period that runs over the year's end by nature: "the season runs from 13 August to
# 22 May", "the school year", "the fiscal year", "winter hours".
_SEASONAL = regexcache.compile(
    r"(?i)\b(?:seasons?|(?:school|academic|fiscal|financial|tax)\s{1,3}years?|terms?"
    r"|semesters?|winter|campaign)\b"
)


def _season_named(doc: Document, d: DateMention) -> bool:
    """``d``'s sentence names a period that crosses the year's end by nature."""
    return _near_in_sentence(doc, d, _SEASONAL)


def _near_in_sentence(doc: Document, d: DateMention, pattern: regex.Pattern[str]) -> bool:
    """``pattern`` matches in ``d``'s sentence within ``_NEAR_REACH`` characters of it (a
    window, so that a page-long sentence of dates is not read once per date)."""
    if not 0 <= d.sentence < len(doc.sentences):
        return False
    sentence = doc.sentences[d.sentence].span
    lo = max(sentence.start, d.span.start - _NEAR_REACH)
    hi = min(sentence.end, d.span.end + _NEAR_REACH)
    return pattern.search(doc.text, lo, hi) is not None


def _wrapped_finding(
    doc: Document, ctx: RuleContext, a: DateMention, b: DateMention, days: list[DateMention]
) -> Finding:
    """Points at the end the story's other dates leave alone, or at the whole range."""
    window = ctx.options["window_days"]
    others = [o for o in days if o is not a and o is not b]
    backed_a = _support(doc, a, others, window) > 0
    backed_b = _support(doc, b, others, window) > 0
    length = day_of_year(b) + YEAR_DAYS - day_of_year(a)
    text = doc.text[a.span.start : b.span.end]
    message = (
        f'the range "{text}" runs {length} days, over the year\'s end, with no year '
        "written: one of its months is most likely slipped"
    )
    if backed_a != backed_b:
        slipped = b if backed_a else a
        return ctx.finding(doc, slipped.span, message, None)
    return ctx.finding(doc, Span(a.span.start, b.span.end), message, None)


def _dateline_slip(
    doc: Document, ctx: RuleContext, days: list[DateMention]
) -> tuple[DateMention, list[DateMention]] | None:
    """(dateline date, frame): a dateline months from every date the story tells.

    A story reports what happened in the days before its dateline; when at least two
    day dates of the body (or three mentions, months among them: "jobs rose in
    February … in January … in February") sit together, months from the dateline,
    and nothing in the body names the dateline's month, the dateline's month is the
    likelier slip ("OTTAWA, July 6 - … in the week ended February 25 … on March 4").

    The frame is that of ``_strays`` less what places nothing in the story's present:
    future plans, period ends and schedules, dates written with another year, months
    that name a reporting period ("the December quarter").  A plan still counts when
    it falls before the dateline in the year ("LONDON, August 9 - … will be available
    for dealings from March 11 … payable on May 5"): read as a plan it lies over half
    a year ahead, which a story rarely reaches for without a year, whereas a dateline
    slipped months later turns the body's next days into that.
    """
    own = _dateline_day(doc, days) or _footer_day(doc, days)
    if own is None or _lede_names_weekday_of(doc, own):
        return None
    at = doc.dateline or own.span  # the dateline, or the footer's date
    window, gap = ctx.options["window_days"], ctx.options["min_gap_days"]
    frame = [
        o
        for o in _frame_mentions(doc)
        if not at.contains(o.span)
        and o.year in (None, own.year)
        and (o.tense != "future" or _before_in_year(o, own))
        and not _schedule_after(o, own)
        # a weekday that fits its date places the story's time, the more surely
        and not _explained(doc, o, own.year, future_explains=False, weekday_explains=False)
        and not _reporting_period(doc, o)
    ]
    days_framed = sum(o.precision == "day" for o in frame)
    if len(frame) > _MAX_FRAME or (days_framed < 2 and len(frame) < _DATELINE_MONTHS):
        return None
    if any(o.month == own.month for o in doc.dates if not at.contains(o.span)):
        return None
    if (
        days_framed < 2
        and own.year is None
        and all(1 <= (own.month - o.month) % 12 <= _BACKGROUND_MONTHS for o in frame)  # type: ignore[operator]
    ):
        return None  # "Oct 13 (Reuters) - … blocked the deal in April … in May … in July":
        # months of the half-year before a yearless dateline are its story's background
        # (one with a year is checked still: "RIYADH, July 12, 1987 - … the first eight
        # days of March … a February average" is a slipped March 12)
    return (own, frame) if _far_from_tight_frame(own, frame, window, gap) else None


_DATELINE_MONTHS = 3  # mentions that frame a story without two day dates ("in January")
_BACKGROUND_MONTHS = 6  # months back from a dateline that a story's background reaches


def _lede_names_weekday_of(doc: Document, own: DateMention) -> bool:
    """The first sentence tells its news "on" the weekday of a dateline whose year is
    written ("WASHINGTON, July 1, 2024 — The Supreme Court ruled on Monday"): the
    dateline is borne out, however far the dates the story looks back to ("set for
    March 4", "argued on April 25").  A slipped month keeps its weekday one time in
    seven."""
    if own.year is None or own.date is None or doc.dateline is None:
        return False
    lede = doc.sentence_index(doc.dateline.end)
    return any(
        d.sentence == lede and d.relative and d.weekday == own.date.weekday() for d in doc.dates
    )


# A month that names a reporting period: "the December quarter", "the year ended
# December", "at end-September" -- data a story reports months after the period closes.
_PERIOD_AFTER = regexcache.compile(r"[ \t]{1,3}(?:quarter|half|year|period)\b")
_PERIOD_END_BEFORE = regexcache.compile(r"(?i)\b(?:end|ended|ending)[ \t\-]{1,3}$")


def _reporting_period(doc: Document, o: DateMention) -> bool:
    """``o`` is a month that names a reporting period: no event dated near the dateline."""
    if o.precision != "month":
        return False
    before = max(0, o.span.start - 10)
    return (
        _PERIOD_AFTER.match(doc.text, o.span.end) is not None
        or _PERIOD_END_BEFORE.search(doc.text, before, o.span.start) is not None
    )


def _schedule_after(o: DateMention, own: DateMention) -> bool:
    """``o``, a day after the dateline told in no past tense, is a schedule ("to be paid
    on June 4 after the meeting on Thursday, May 14"), not the news before it; unless
    its weekday puts it in the dateline's year, before the dateline ("Tuesday, 4 March"
    under a "1 November 2025" that slipped from "1 March")."""
    if o.tense == "past" or o.precision != "day" or _before_in_year(o, own):
        return False
    if o.weekday is not None and own.date is not None:
        same = safe_date(own.date.year, o.month, o.day)  # type: ignore[arg-type]
        if same is not None and same < own.date and same.weekday() == o.weekday:
            return False
    return True


def _before_in_year(o: DateMention, own: DateMention) -> bool:
    """``o`` (to its month's last day) lies before ``own`` within half a year."""
    end = day_of_year(o) if o.precision == "day" else month_span(o.month)[1]  # type: ignore[arg-type]
    return offset(day_of_year(own), end) < 0


_PLAN_LEADS = frozenset(("from", "until", "till", "through", "by"))


def _plan(d: DateMention) -> bool:
    """A date the story plans by: told in the future, or a start or end not told in the
    past ("fares rise from Dec 27", "residents can apply from Dec 1")."""
    return d.tense == "future" or (d.tense != "past" and d.lead in _PLAN_LEADS)


_SUPPORTED_GAP = 90  # days off a timeline its weekdays fill out a lone date must lie


def _weekdays_near_lede(doc: Document, days: list[DateMention]) -> list[DateMention]:
    """The story's days named by weekday alone ("on Sunday"), as its dateline places
    them; with no reference date, placed in the week around its first sentences'
    weekday date ("Saturday, August 16"), though a week either way is a guess: days of
    its timeline."""
    if doc.reference_date is not None:
        # the dateline placed them: "on Sunday" under "Mon 5 Aug 2024" is August 4
        return [
            dataclasses.replace(w, month=w.date.month, day=w.date.day)
            for w in doc.dates[: _MAX_FRAME * 4]
            if w.relative and w.weekday is not None and w.date is not None and w.precision == "day"
        ][:_MAX_FRAME]
    anchor = next(
        (
            d
            for d in days
            if d.weekday is not None and not d.relative and d.sentence <= _LEDE_SENTENCES
        ),
        None,
    )
    if anchor is None:
        return []
    placed = []
    for w in doc.dates:
        if not w.relative or w.weekday is None or w.month or w.precision != "day":
            continue
        step = (w.weekday - anchor.weekday) % 7  # type: ignore[operator]
        pos = (day_of_year(anchor) + (step if step <= 3 else step - 7)) % YEAR_DAYS
        month = month_of(pos)
        day = pos - DAYS_BEFORE_MONTH[month - 1] + 1
        placed.append(dataclasses.replace(w, month=month, day=day, year=anchor.year))
        if len(placed) >= _MAX_FRAME:
            break
    return placed


def _timeline_slips(
    doc: Document,
    ctx: RuleContext,
    days: list[DateMention],
    spans: _Spans,
    support: list[DateMention],
) -> Iterator[tuple[DateMention, Finding]]:
    """Dates far from a tight cluster of at least ``min_cluster`` other day dates (and
    ``support``, days the timeline may hold that are never reported)."""
    opts = ctx.options
    if len(days) + len(support) < opts["min_cluster"] + 1:
        return
    timeline = _timeline(days + support, opts["window_days"])
    if len(timeline) < opts["min_cluster"]:
        return
    placed = frozenset(id(t) for t in support)
    if len(placed) == len(timeline):
        return
    on_timeline = {id(t) for t in timeline} | placed
    others = [d for d in days if id(d) not in on_timeline]
    line = _Line.of(timeline, placed)
    supported = len(timeline) - len(placed & {id(t) for t in timeline}) < opts["min_cluster"]
    # (a date written with another year is history, no second date of the story's time)
    of_its_time = [d for d in others if d.year is None or d.year in line.years]
    if supported and (len(of_its_time) > 1 or len(line.years) > 1):
        return  # weekdays make the timeline only for a story's one other date, of one
        # year: "May 12 … May 22 … August 4" beside "Thursday, October 9" and two
        # weekdays tell months; "February 25, 1985" beside "March 5, 1987" is history
    own_year = next(iter(line.years)) if len(line.years) == 1 else None
    # a month written with another year than the timeline's tells of another year
    # ("in September 2023" beside a yearless May 9-28): no company for a date
    months_elsewhere = {
        d.month for d in doc.dates if d.precision == "month" and d.year in (None, own_year)
    }
    # off the timeline with a day number it has not: what a second timeline is made of
    # (of a timeline its weekdays fill out, the story's time only: "June 2, 2023" makes
    # no second timeline with "Sunday (May 18)" beside "Saturday (January 17, 2026)")
    unlike = sorted(
        day_of_year(d)
        for d in (of_its_time if supported else others)
        if d.day not in line.day_months
    )
    unlike_months = Counter(d.month for d in others if d.day not in line.day_months)
    by_sentence: dict[int, list[DateMention]] = {}
    for d in others:
        by_sentence.setdefault(d.sentence, []).append(d)
    plans = all(_plan(t) for t in timeline)
    # a timeline its weekdays fill out is a few days: a date a month or two back is
    # background ("on Jan. 14" under "March 2 … on Monday … Friday's")
    gap = _SUPPORTED_GAP if supported else opts["timeline_gap_days"]
    for d in others:
        pos = day_of_year(d)
        if _nearest(line.positions, pos) < gap or d.month in months_elsewhere:
            continue
        if plans and d.tense == "past":
            continue  # a timeline of plans ("Tests on 25 June, 2 and 9 July") places no past event
        if spans.after_told_month(d) or (spans.in_since_span(d) and pos < line.positions[0]):
            continue
        if not _names_month(d) and _beside_partner(days, d):
            continue  # "4" of "4 or 5 December": the mention with the month is reported
        # A written year explains the distance, unless it is the timeline's own year and
        # the day is one of the timeline's: "7 March 2003 ... 17 March ... 17 October
        # 2003" is the 17 March of the timeline with its month slipped.
        own = d.year is not None and d.year == own_year and d.day in line.day_months
        if _explained(doc, d, own_year if own else None):
            continue
        if _bridged(d, line, months_elsewhere):
            continue  # "… in October. … filed suit on Nov. 29": the story walks on to it
        if _second_timeline(d, pos, line, unlike_months, by_sentence):
            continue
        # Two other dates off the timeline beside it make a second timeline, and so
        # does one without a timeline day's number beside one without ("June 5" and
        # "July 2" beside January 2-19 are two slips, not a summer the story tells of;
        # ``unlike`` holds ``d`` itself when its day is no timeline day's)
        if _count_within(unlike, pos, opts["window_days"]) > 1:
            continue
        target = _target(line, d, opts["window_days"]) or _told_month_target(
            line, d, months_elsewhere, opts["timeline_gap_days"]
        )
        if target is None:
            continue
        month, seen = target
        yield d, _finding(doc, ctx, d, line, month, seen, len(others) == 1)


def _told_month_target(
    line: _Line, d: DateMention, months: set[int | None], gap: int
) -> tuple[int, bool] | None:
    """A month the story names that puts ``d`` within ``gap`` days of its timeline, when
    no month of the timeline does: "the protests of July" beside August 4-5 make "21
    March" a 21 July slipped."""
    best: tuple[int, int] | None = None
    for month in sorted(m for m in months if m is not None):
        if not has_day(month, d.day):  # type: ignore[arg-type]
            continue
        distance = _nearest(line.positions, day_of_year_of(month, d.day))  # type: ignore[arg-type]
        if distance < gap and (best is None or distance < best[0]):
            best = (distance, month)
    return (best[1], False) if best is not None else None


def _second_timeline(
    d: DateMention,
    pos: int,
    line: _Line,
    unlike_months: Counter,
    by_sentence: dict[int, list[DateMention]],
) -> bool:
    """Another date off the timeline makes a second one with ``d`` (at ``pos``): another
    day of its month that is none of the timeline's ("began on June 5 … ended on June
    28"; ``unlike_months`` counts them), or a date of its sentence nearer ``d`` than the
    timeline ("began on June 5 and spread to the capital on July 16"; not "opens August
    4 and closes April 29" beside March 27)."""
    if unlike_months[d.month] > (d.day not in line.day_months):
        return True
    for o in by_sentence.get(d.sentence, ())[:_MAX_SENTENCE_DATES]:
        there = day_of_year(o)
        if o is not d and abs(offset(there, pos)) < _nearest(line.positions, there):
            return True
    return False


_MAX_SENTENCE_DATES = 20  # a sentence's dates compared: a list of hundreds is no story


def _bridged(d: DateMention, line: _Line, months: set[int | None]) -> bool:
    """A month named in the story lies between the timeline and ``d``, next to ``d``'s
    month: a chronology moving on ("August 29 ... in October ... Nov. 29"), not a slip."""
    later = offset(day_of_year(d), line.base) > 0  # the timeline lies after ``d``
    near = d.month % 12 + 1 if later else (d.month - 2) % 12 + 1  # type: ignore[operator]
    return near in months and near not in line.months


def _finding(
    doc: Document,
    ctx: RuleContext,
    d: DateMention,
    line: _Line,
    month: int,
    seen: bool,
    alone: bool,
) -> Finding:
    if d.year is not None and line.years == {d.year}:  # one year written: no way round
        months = min(abs(d.month - m) for m in line.months)  # type: ignore[operator]
    else:  # without a year the nearer way round the calendar: June is five months from January
        months = min(min((d.month - m) % 12, (m - d.month) % 12) for m in line.months)  # type: ignore[operator]
    distance = f"{number_word(months)} month{'s' if months != 1 else ''}"
    where = "every other date in the story" if alone else "the story's timeline"
    message = f'"{d.text}" is {distance} from {where} ({line.text})'
    suggestion = with_month(d.text, month)
    if seen:
        message += f'; "{month_day(month, d.day)}" appears elsewhere'  # type: ignore[arg-type]
    elif month not in line.months:
        message += f"; the story tells of {vocab().month_names[month]}"
    return ctx.finding(doc, d.span, message, suggestion)


def _twin_finding(doc: Document, ctx: RuleContext, d: DateMention, t: DateMention) -> Finding:
    message = (
        f'"{d.text}" is the only mention of its month; the story\'s other dates are around '
        f'"{t.text}", the same day in {vocab().month_names[t.month]}'  # type: ignore[arg-type]
    )
    return ctx.finding(doc, d.span, message, with_month(d.text, t.month))  # type: ignore[arg-type]


_TOLD_BEFORE = 90  # days: what a story tells as past or coming lies nearer its dateline
_BACKGROUND = 180  # days back from a corrected dateline its past may reach
_AHEAD = 90  # ... and ahead of it its plans


def _dateline_between_tenses(
    doc: Document, days: list[DateMention]
) -> tuple[DateMention, list[DateMention], list[DateMention], int] | None:
    """(dateline date, past, coming, month): a yearless dateline months after every
    yearless date (or month) the story tells as past and months before every one it
    tells as coming, when another month puts it after all the first and shortly before
    all the second ("SEOUL, December 8 (Yonhap) -- … since March 10 … fired on Jan. 4 …
    drills planned from April 20 to 24": April 8).  A slipped dateline month moves the
    story's present out from between its past and its plans."""
    own = _dateline_day(doc, days)
    if own is None or own.year is not None:
        return None
    past: list[DateMention] = []
    coming: list[DateMention] = []
    for o in doc.dates:
        if o.relative or o.year is not None or not o.month or o.precision not in ("day", "month"):
            continue
        if doc.dateline.contains(o.span):  # type: ignore[union-attr]
            continue
        if o.tense == "past":
            past.append(o)
        elif o.tense == "future":
            coming.append(o)
    if not past or not coming:
        return None
    told = [told_day(o) for o in past]
    plans = [told_day(o) for o in coming]

    def since_and_until(pos: int) -> tuple[list[int], list[int]]:
        """Days from each past mention to ``pos``, and from ``pos`` to each plan."""
        return [(pos - t) % YEAR_DAYS for t in told], [(p - pos) % YEAR_DAYS for p in plans]

    since, until = since_and_until(day_of_year(own))
    if min(since) <= _TOLD_BEFORE or min(until) <= _TOLD_BEFORE:
        return None
    for month in range(1, 13):
        if month == own.month or not has_day(month, own.day):  # type: ignore[arg-type]
            continue  # no "April 31"
        since, until = since_and_until(day_of_year_of(month, own.day))  # type: ignore[arg-type]
        if max(since) <= _BACKGROUND and max(until) <= _AHEAD:
            return own, past, coming, month
    return None


def _dateline_day(doc: Document, days: list[DateMention]) -> DateMention | None:
    """The day date the dateline writes, if the story has a dateline with one."""
    if doc.dateline is None:
        return None
    return next((d for d in days if doc.dateline.contains(d.span)), None)


def _footer_day(doc: Document, days: list[DateMention]) -> DateMention | None:
    """The day date of a closing line that says when a story with no dateline was first
    published ("This report … was first published May 12, 2026."): a story's date, as
    a dateline's is."""
    if doc.dateline is not None or doc.reference_origin != "publication date":
        return None
    found = find_footer(doc.text)
    if found is None:
        return None
    return next((d for d in reversed(days) if found[1].contains(d.span)), None)


_LEDE_NEWS_DAYS = 31  # a story's first sentence tells an event of its last month at most
# A clause before the date that tells of an earlier time than the news
_EARLIER_EVENT = regexcache.compile(r"(?i)\b(?:after|since|before|following|when|until)\b")


def _lede_event_long_before(
    doc: Document, own: DateMention | None, days: list[DateMention]
) -> tuple[DateMention, DateMention, int] | None:
    """(date, dateline date, month): the first sentence after a dateline tells a past
    event "on" a yearless day over a month before it, or after it in the year ("LJUBLJANA,
    April 25 (Reuters) - … won a clear victory in a parliamentary election held on December
    24, official results showed on Monday"): a story leads with its latest news, so the
    day's month is the likelier slip, and the one that puts it within a month before the
    dateline is suggested.  The dateline is reported too, since its month may be the
    slip instead."""
    if own is None or doc.dateline is None:
        return None
    lede = doc.sentence_index(doc.dateline.end)
    for d in days:
        if d.sentence != lede or doc.dateline.contains(d.span) or d.relative:
            continue
        if d.year is not None or d.lead != "on" or d.tense != "past":
            continue
        back = (day_of_year(own) - day_of_year(d)) % YEAR_DAYS
        if not _LEDE_NEWS_DAYS < back < YEAR_DAYS - _LEDE_NEWS_DAYS:
            continue
        if _EARLIER_EVENT.search(doc.text, doc.dateline.end, d.span.start):
            continue  # "Talks resumed after they broke off on February 25": the background
        month = own.month if d.day <= own.day else (own.month - 2) % 12 + 1  # type: ignore[operator]
        return d, own, month
    return None


def _lede_findings(
    doc: Document, ctx: RuleContext, d: DateMention, own: DateMention, month: int
) -> Iterator[Finding]:
    """Both dates: either month may be the slip."""
    message = (
        f'the first sentence tells of "{d.text}", months before the dateline "{own.text}": '
        "a story leads with its latest news, so one of the two months is wrong"
    )
    fits = d.day is not None and has_day(month, d.day)  # no "31 April"
    yield ctx.finding(doc, d.span, message, with_month(d.text, month) if fits else None)
    yield ctx.finding(
        doc,
        own.span,
        f'the dateline "{own.text}" is months after "{d.text}", the event its first sentence '
        "tells: one of the two months is wrong",
    )


def _between_finding(
    doc: Document,
    ctx: RuleContext,
    d: DateMention,
    past: list[DateMention],
    coming: list[DateMention],
    month: int,
) -> Finding:
    told = ", ".join(f'"{o.text}"' for o in past[:3])
    plans = ", ".join(f'"{o.text}"' for o in coming[:3])
    message = (
        f'the dateline "{d.text}" is months after what the story tells as past ({told}) '
        f"and months before what it tells as coming ({plans})"
    )
    return ctx.finding(doc, d.span, message, with_month(d.text, month))


def _known_day_finding(doc: Document, ctx: RuleContext, d: DateMention, known: KnownDay) -> Finding:
    told = format_date(dt.date(known.year, known.month, known.day))
    message = f'"{d.text}" names the day of an event every reader knows, which fell on {told}'
    return ctx.finding(doc, d.span, message, with_month(d.text, known.month))


def _dateline_finding(
    doc: Document, ctx: RuleContext, d: DateMention, frame: list[DateMention]
) -> Finding:
    """The suggestion puts the dateline on its day within a month after the latest
    day date the story tells as past or present (a story is filed after what it
    reports), and before any plan it tells."""
    quoted = ", ".join(f'"{o.text}"' for o in frame[:4])
    what = "dateline" if doc.dateline is not None else "publication date"
    message = f'the {what} "{d.text}" is months from every date the story gives ({quoted})'
    told = [day_of_year(o) for o in frame if o.precision == "day" and o.tense != "future"]
    plans = [day_of_year(o) for o in frame if o.precision == "day" and o.tense == "future"]
    suggestion = None
    if told:
        base = max(told)
        latest = next(o for o in frame if o.precision == "day" and day_of_year(o) == base)
        for month in (latest.month, latest.month % 12 + 1):  # type: ignore[operator]
            pos = day_of_year(DateMention(d.text, d.span, None, "day", month=month, day=d.day))
            if 0 <= offset(base, pos) <= ctx.options["window_days"] and all(
                offset(pos, p) >= 0 for p in plans
            ):
                suggestion = with_month(d.text, month)
                break
    return ctx.finding(doc, d.span, message, suggestion)


def _weekdays_finding(doc: Document, ctx: RuleContext, slip: DatelineMonthSlip) -> Finding:
    d = slip.dateline
    moved = with_month(d.text, slip.month)
    misfits = " and ".join(f'"{o.text}"' for o in slip.misfits[:3])
    names = [vocab().weekday_names[w] for w in sorted(slip.lede)]
    either = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    lede = f" on the lede's {either} (or the day after)" if names else ""
    message = (
        f'no year puts the dateline "{d.text}"{lede} and {misfits} on '
        f'{"its weekday" if len(slip.misfits) == 1 else "their weekdays"}; "{moved}" does'
    )
    return ctx.finding(doc, d.span, message, moved)


def _far_weekday_finding(doc: Document, ctx: RuleContext, far: FarWeekdayDate) -> Finding:
    d, body = far.dateline, far.body
    names = vocab().weekday_names
    months = max(1, round(far.days_apart / 30.44))
    message = (
        f'the dateline "{d.text}" is {number_word(months)} month{"s" if months != 1 else ""} '
        f'from "{body.text}", which falls on a {names[body.weekday]} in {d.year} '  # type: ignore[index]
        "(not in the year before or after) and is written without a year as the story's own days are"
    )
    moved = with_month(d.text, far.month) if far.month is not None else None
    if moved is not None:
        message += f'; "{moved}" would fit it and the lede'
    return ctx.finding(doc, d.span, message, moved)


def _stray_finding(
    doc: Document, ctx: RuleContext, d: DateMention, frame: list[DateMention]
) -> Finding:
    quoted = ", ".join(f'"{o.text}"' for o in frame[:4])
    message = (
        f'"{d.text}" is months from every other date in the story ({quoted}) '
        "and nothing in its sentence explains it"
    )
    months = sorted({o.month for o in frame})  # type: ignore[type-var]
    suggestion = with_month(d.text, months[0]) if len(months) == 1 else None  # type: ignore[arg-type]
    return ctx.finding(doc, d.span, message, suggestion)
