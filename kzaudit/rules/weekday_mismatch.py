"""A weekday that does not fall on the date written next to it.

What it does
    For a date written with its weekday ("Friday, August 14", "Tuesday 5 January 2021",
    "on Tuesday (January 5)"), computes the real weekday in the date's year: the year
    written, else the year the reference date gives it, else the year of the story's
    dates that do write one within four months ("Friday, January 24, 2020" ...
    "Saturday, January 26"), else the year the story says it is in ("the largest
    wildfire so far in 2025"), leaving out a date its sentence counts from ("unbeaten
    since Ipswich beat them on 16 January 1996").  The suggestion keeps the date and
    corrects the weekday.  With none, weekday dates within four months of each other are
    checked against each other: "Friday, 7 January" and "Tuesday, 10 January" cannot
    both be right in any year, and both are reported (either may be the slip).  So
    are yearless weekday dates that, two or more, fit the year after (or before) that
    of the dated day near them better than its own: a trial's "Friday 6 March" and
    "Friday 24 April" after a killing on "Saturday 14 June 2025" are of 2026.  A date
    with no other within four months is checked against those further off: with a date
    for the story (a yearless dateline), each in its year by its tense ("Sunday, April
    5" told in the past in a story dated November 4 is that year's), else in one year or
    in two running, and, when the others fall in one year and some are told in the
    future, in the order the tenses tell: a past "were left stranded on Monday (July 12)"
    that only the year after "will be published by Friday (January 23)" puts on a Monday
    is reported.  A single yearless weekday date is left alone.  And a past event
    "on Thursday" in the first sentence after a dated dateline, three to six days before
    it ("KYIV, March 12, 2025 — A court on Thursday sentenced…", a Wednesday): a story
    leads with the day's news or the day before's, and writes "last Thursday" further
    back; the dateline's date is reported too, since its month may be the slip instead
    ("BALTIMORE, August 26, 2024 — … early on Tuesday", for March 26).  With a yearless
    dateline the same holds once a weekday date within two weeks of it gives the
    dateline its weekday ("ISTANBUL, Jan 22 (AP) — … rose to 78 on Wednesday … broke out
    on Friday, January 21"): both are reported, since either may be the slip.  And the
    story's event named back by a weekday ("Thursday's blast") that the first sentences
    date to another with the event's own verb ("a reactor exploded … on Friday"): both
    are reported.  So are the event the first sentences name by a weekday ("Sunday's
    general election") and a later date written with another weekday after the event's
    noun ("The vote on Friday, February 8").

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
import itertools
from collections.abc import Iterator
from typing import NamedTuple

from kzaudit import regexcache
from kzaudit.extract.dates import (
    TARGET_LEAD_WORDS,
    format_date,
    month_day,
    vocab,
    with_weekday,
)
from kzaudit.model import DateMention, Document, Finding, Span
from kzaudit.rules._calendar import (
    CALENDAR_CYCLE,
    YEAR_DAYS,
    day_of_year,
    day_of_year_of,
    falls_on,
    offset,
)
from kzaudit.rules.base import RuleContext

ID = "weekday-mismatch"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "A weekday that does not match the date it is written with"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    names = vocab().weekday_names
    yearless: list[DateMention] = []
    guessed = doc.reference_guessed  # a yearless dateline's year, not confirmed
    story = _Story(doc)
    moved = _years_moved_on(doc, story)
    for d in doc.dates:
        if d.weekday is None or d.month is None or d.day is None:
            continue
        if d.year is None and guessed:
            yearless.append(d)  # checked against the story's other weekday dates only
            continue
        year = d.year if d.year is not None else (d.date.year if d.date else None)
        source = "" if d.year is not None else f" (year {year} from the reference date)"
        if year is None:
            anchor = story.year_nearby(d) or story.year_by_tense(d)
            if anchor is not None and _written_for_history(doc, anchor[1], d):
                anchor = None
            anchor = anchor or story.year_so_far()
            if anchor is None or moved:
                yearless.append(d)
                continue
            year, near = anchor
            source = f' (year {year} from "{near.text}")'
        try:
            actual = dt.date(year, d.month, d.day).weekday()
        except ValueError:
            continue
        if actual == d.weekday:
            continue
        if d.year is None and story.fits_a_year_of_its_sentence(d):
            continue  # "in November 2023, … on Wednesday, Nov. 1": that year, not the nearest
        when = format_date(dt.date(year, d.month, d.day))
        message = f"{when} is a {names[actual]}, not a {names[d.weekday]}{source}"
        yield ctx.finding(doc, d.span, message, with_weekday(d.text, actual))
    yield from _disagreeing(doc, ctx, yearless)
    yield from _lede_weekday(doc, ctx)
    yield from _event_named_by_day(doc, ctx)
    yield from _dated_event_named_by_day(doc, ctx)


# An event named by its weekday: "Thursday's blast", "after Sunday night's quake"
_DAYS_EVENT = regexcache.compile(
    r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:[ ](?:night|morning|afternoon|evening))?['\u2019]s[ ](?P<noun>\p{Ll}{3,15})\b"
    r"(?:[ ](?P<noun2>\p{Ll}{3,15})\b)?"  # "Sunday's general election"
)
# The words that tell one kind of event, as a noun or its verb
_EVENT_FAMILIES = (
    ("blast", "explosion", "exploded", "explosions", "blasts"),
    ("quake", "earthquake", "tremor", "struck", "jolted"),
    ("crash", "crashed", "collision", "collided", "derailment", "derailed"),
    ("attack", "attacked", "bombing", "bombed", "shooting", "assault"),
    ("fire", "blaze", "inferno"),
    ("flood", "floods", "flooding", "flash"),
    ("launch", "launched", "fired", "test"),
    ("storm", "hurricane", "typhoon", "cyclone", "tornado", "landfall"),
    ("election", "vote", "polls", "poll", "referendum", "ballot"),
    ("collapse", "collapsed"),
    ("riot", "riots", "unrest", "clashes"),
)
_FAMILY_OF = {word: family for family in _EVENT_FAMILIES for word in family}


class _DayEvent(NamedTuple):
    """An event named by its weekday ("Sunday's general election")."""

    span: Span  # from the weekday to the event's noun
    quote: str  # the text of ``span``
    noun: str  # "election"
    family: tuple[str, ...]  # the words of its kind of event (``_EVENT_FAMILIES``)
    day: int  # the weekday, 0 for Monday
    sentence: int


def _day_events(doc: Document, lo: int = 0, hi: int | None = None) -> Iterator[_DayEvent]:
    """The events named by a weekday in ``doc.text[lo:hi]``, with an event noun as the
    first word after the possessive, or the second after an adjective ("Sunday's general
    election"), in a sentence that tells of no other event of the kind."""
    names = vocab().weekday_names
    text = doc.text
    for m in _DAYS_EVENT.finditer(text, lo, len(text) if hi is None else hi):
        group = next((g for g in ("noun", "noun2") if m.group(g) in _FAMILY_OF), None)
        if group is None:
            continue
        sentence = doc.sentence_index(m.start())
        if _OTHER_EVENT.search(doc.sentence_text(sentence)):
            continue
        end = m.end(group)
        yield _DayEvent(
            Span(m.start("day"), end),
            text[m.start() : end],
            m.group(group),
            _FAMILY_OF[m.group(group)],
            names.index(m.group("day")),
            sentence,
        )


_OTHER_EVENT = regexcache.compile_std(r"(?i)\b(?:another|second|earlier|previous|aftershocks?)\b")
_LEDE_REACH = 2  # sentences from the first one the story's main event is told in


def _event_named_by_day(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "… when a reactor exploded … on Friday" in the first sentence, then "Thursday's
    blast": the story's event named back by a weekday its first sentences do not give
    it.  Both are reported, since either may be the slip; not when either sentence
    tells of another event of the kind ("a second blast", "Thursday's aftershock")."""
    text = doc.text
    if "'s " not in text and "\u2019s " not in text:
        return
    first = _first_sentence(doc)
    ledes = [
        d
        for d in doc.dates
        if first <= d.sentence <= first + _LEDE_REACH
        and d.relative
        and d.weekday is not None
        and d.lead == "on"
    ]
    if not ledes:
        return
    for event in _day_events(doc):
        if event.sentence <= first + _LEDE_REACH:
            continue
        for d in ledes:
            lede = doc.sentence_text(d.sentence)
            if d.weekday == event.day or _OTHER_EVENT.search(lede):
                continue
            if (d.governor or "").lower() not in event.family:
                continue  # the weekday dates the event ("exploded … on Friday"), not a
                # report of it ("the toll rose to 146 on Sunday")
            said = f'"{d.text}" in the first sentences'
            yield ctx.finding(
                doc,
                event.span,
                f'"{event.quote}" names the story\'s {event.noun}, which {said} '
                "gives another weekday: one of the two is wrong",
            )
            yield ctx.finding(
                doc,
                d.span,
                f'{said} dates the {event.noun} that "{event.quote}" (line '
                f"{doc.line_col(event.span.start)[0]}) names: one of the two weekdays is wrong",
            )
            return


def _first_sentence(doc: Document) -> int:
    """The story's first sentence: the second when the first is a headline line."""
    text = doc.text
    return 1 if len(doc.sentences) > 1 and "\n" in text[: doc.sentences[1].span.start] else 0


# The event's noun just before a weekday date: "The vote on Sunday, February 8", "the
# election of Sunday, May 4", "the quake, on Friday, March 7"
_MAX_LEDE_EVENTS = 10  # events named by a weekday in the first sentences: a story has one
_NOUN_BEFORE_DATE = regexcache.compile(r"\b(?P<noun>\p{Ll}{3,15}),?[ ]{1,3}(?:on|of)[ ]{1,3}$")


def _dated_event_named_by_day(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "Sunday's general election" in the first sentences, then "The vote on Friday,
    February 8": the story's event named by a weekday and later dated on another.
    Both are reported, since either may be the slip; not when either sentence tells of
    another event of the kind."""
    text = doc.text
    if "'s " not in text and "\u2019s " not in text:
        return
    first = _first_sentence(doc)
    if first + _LEDE_REACH >= len(doc.sentences):
        return
    lede_end = doc.sentences[first + _LEDE_REACH].span.end
    events = _day_events(doc, doc.sentences[first].span.start, lede_end)
    for event in itertools.islice(events, _MAX_LEDE_EVENTS):  # each reads every date
        for d in doc.dates:
            if d.sentence <= event.sentence or d.relative or not d.month:
                continue
            if d.weekday in (None, event.day):
                continue
            before = _NOUN_BEFORE_DATE.search(text, max(0, d.span.start - 30), d.span.start)
            if before is None or before.group("noun") not in event.family:
                continue
            if _OTHER_EVENT.search(doc.sentence_text(d.sentence)):
                continue
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.text}" dates the {before.group("noun")} that "{event.quote}" (line '
                f"{doc.line_col(event.span.start)[0]}) names by another weekday: one of the "
                "two is wrong",
            )
            yield ctx.finding(
                doc,
                event.span,
                f'"{event.quote}" names the story\'s {event.noun}, which "{d.text}" '
                "dates to another weekday: one of the two is wrong",
            )
            return


def _written_for_history(doc: Document, anchor: DateMention, d: DateMention) -> bool:
    """The dated day that gives ``d`` its year comes after it, with no weekday or in a
    sentence that tells of an earlier time: a story writes its own days without a year
    and writes one for a day of another time ("…on trolleys on Tuesday, January 6th" …
    "the highest count, 931, on January 3rd, 2023"; "released Tuesday, March 10" … "The
    last time Ohio released an annual report, on Thursday, March 13, 2025"), or before it
    in its sentence with no weekday and a later day of the calendar."""
    if anchor.span.start < d.span.start:
        # "Tolossa, who finished second in London on April 27, 2025, arrived in Boston on
        # Thursday, April 16": told first, a later day of the calendar is another year's
        return (
            anchor.weekday is None
            and anchor.sentence == d.sentence
            and day_of_year(anchor) > day_of_year(d)
        )
    if anchor.weekday is None:
        return True
    sentence = doc.sentences[anchor.sentence].span
    return _EARLIER_TIME.search(doc.text, sentence.start, anchor.span.start) is not None


# What tells of an earlier time than the story's: "The last time Ohio released a report"
_EARLIER_TIME = regexcache.compile(
    r"(?i)\b(?:the\s{1,3}last\s{1,3}time|last\s{1,3}year|a\s{1,3}year\s{1,3}(?:earlier|ago|before)"
    r"|the\s{1,3}previous|the\s{1,3}prior)\b"
)


def _years_moved_on(doc: Document, story: _Story) -> bool:
    """The story's yearless weekday dates, which a nearby dated day would place in its
    year, fit the year after or before it better, two or more of them ("stabbed on Saturday 14
    June 2025" … "convicted on Friday 6 March" … "sentenced on Friday 24 April", all of
    2026): they tell a later (or earlier) stretch of the story, and are checked
    against each other instead."""
    yearless = [
        d
        for d in doc.dates
        if d.weekday is not None and d.month and d.day and d.year is None and d.date is None
    ]
    years = {anchor[0] for d in yearless if (anchor := story.year_nearby(d)) is not None}
    if len(yearless) < 2 or len(years) != 1:
        return False
    year = years.pop()

    def fits(step: int) -> int:
        return sum(falls_on(d, year + step) for d in yearless)

    here = fits(0)
    return any(fits(step) >= 2 and fits(step) > here for step in (-1, 1))


# How many days before its dateline a story's first sentence may tell of an event by
# weekday alone: the day itself, the day before, at most the day before that (a Sunday
# story's "on Friday").  Further back, wire style writes "last Thursday" or a date.
_LEDE_DAYS_BACK = 2


def _lede_weekday(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "KYIV, March 12, 2025 — A court on Thursday sentenced…": the first sentence after
    a dated dateline tells a past event "on" a weekday three to six days before the
    dateline, where a story leads with the day's news or the day before's: the weekday
    is most likely slipped, and the dateline's own is suggested; the dateline's date is
    reported too, since its month may be the slip instead.  Only with a dateline
    whose year the story states or confirms; not "last Thursday" nor a plan.  With a
    yearless dateline, see ``_lede_against_body``."""
    ref = doc.reference_date
    if doc.dateline is None or ref is None or not doc.sentences:
        return
    ledes = _lede_weekdays(doc)
    if doc.reference_guessed:
        yield from _lede_against_body(doc, ctx, ref, ledes)
        return
    names = vocab().weekday_names
    own = next(
        (o for o in doc.dates if o.precision == "day" and doc.dateline.contains(o.span)), None
    )
    for d in ledes:
        back = (ref - d.date).days  # type: ignore[operator]
        if _LEDE_DAYS_BACK < back < 7:
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.text}" in the first sentence would be {back} days before the '
                f"dateline ({names[ref.weekday()]}, {format_date(ref)}): a story leads "
                "with the day's news, or the day before's",
                with_weekday(d.text, ref.weekday()),
            )
            if own is not None:  # the dateline may be the slip: "August 26" for "March 26"
                yield ctx.finding(
                    doc,
                    own.span,
                    f"the dateline ({names[ref.weekday()]}, {format_date(ref)}) would be "
                    f'{back} days after the first sentence\'s "{d.text}": one of the two '
                    "is wrong",
                )
                own = None  # reported once


def _lede_weekdays(doc: Document) -> list[DateMention]:
    """The past events told "on" a weekday alone in the first sentence after the
    dateline ("… said on Tuesday")."""
    lede = doc.sentence_index(doc.dateline.end)  # type: ignore[union-attr]
    out = []
    for d in doc.dates:
        if d.sentence > lede:
            break
        if (
            d.sentence == lede
            and d.relative
            and d.weekday is not None
            and d.date is not None
            and d.lead == "on"
            and d.tense == "past"
        ):
            out.append(d)
    return out


_BODY_DAYS = 14  # how far from a yearless dateline a weekday date may give the dateline's day
# ... and how far ahead of it one may, whatever its tense: a date weeks ahead is this year's
# ("priced in a cut at the committee's next meeting on Thursday, Dec. 18"), where a date
# weeks back may be history
_AHEAD_DAYS = 60


def _lede_against_body(
    doc: Document, ctx: RuleContext, ref: dt.date, ledes: list[DateMention]
) -> Iterator[Finding]:
    """ "FRANKFURT, Oct 22 (Reuters) - Volkswagen said on Tuesday …  Shares fell on
    Sunday, October 22": a yearless dateline has no weekday of its own, but a weekday
    date within two weeks of it gives one (Oct 22 a Sunday), and the first sentence's
    "on Tuesday" would then be five days back; so does a date up to two months ahead
    (a schedule: "the next meeting on Wednesday, Dec. 18").  One of the two weekdays is
    wrong, so both are reported, with no suggestion.  Only when every weekday date that near
    gives the dateline the same day (else ``_disagreeing`` speaks)."""
    if not ledes:
        return
    ref_day = day_of_year_of(ref.month, ref.day)
    days: set[int] = set()
    near: list[DateMention] = []
    for d in doc.dates:
        if d.relative or d.weekday is None or d.month is None or d.day is None:
            continue
        if d.year is not None or (d.month == 2 and d.day == 29):
            continue
        gap = offset(day_of_year(d), ref_day)
        if abs(gap) <= _BODY_DAYS or -_AHEAD_DAYS <= gap < 0:
            days.add((d.weekday + gap) % 7)
            near.append(d)
    if len(days) != 1:
        return
    ref_weekday = days.pop()
    names = vocab().weekday_names
    body = near[0]
    for d in ledes:
        back = (ref_weekday - d.weekday) % 7  # type: ignore[operator]
        if back <= _LEDE_DAYS_BACK:
            continue
        dateline = f"the dateline's {month_day(ref.month, ref.day)}"
        said = (
            f'"{body.text}" puts {dateline} on a {names[ref_weekday]}, so "{d.text}" in '
            f"the first sentence would be {back} days before it, where a story leads with "
            "the day's news or the day before's: one of the two weekdays is wrong"
        )
        yield ctx.finding(doc, d.span, said)
        yield ctx.finding(doc, body.span, said)


class _Story:
    """What the year tests read of the whole story, read once: a page of weekday dates is
    not a scan of every date per date."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.latest = _latest_year(doc)
        self._years: dict[int, set[int]] | None = None  # written years by sentence
        self._dated: list[tuple[DateMention, int]] | None = None
        self._nearby: dict[tuple[int, int], tuple[int, DateMention] | None] = {}
        self._so_far: tuple[tuple[int, DateMention] | None] | None = None
        self._own: tuple[DateMention | None] | None = None  # the one day with its weekday

    def fits_a_year_of_its_sentence(self, d: DateMention) -> bool:
        """A year its sentence names (in a date or alone) on which the weekday falls."""
        if self._years is None:
            self._years = {}
            for o in self.doc.dates:
                if o.year is not None:
                    self._years.setdefault(o.sentence, set()).add(o.year)
            for c in self.doc.claims:
                if c.kind == "year":
                    self._years.setdefault(c.sentence, set()).add(int(c.value))
        return any(falls_on(d, year) for year in self._years.get(d.sentence, ()))

    def year_so_far(self) -> tuple[int, DateMention] | None:
        """The year the story says it is in ("the largest wildfire in California so far
        in 2025", "only the second time in 2026"), when it names one so; read once."""
        if self._so_far is None:
            self._so_far = (self._year_so_far(),)
        return self._so_far[0]

    def _year_so_far(self) -> tuple[int, DateMention] | None:
        found = {
            o.year: o
            for o in self.doc.dates
            if o.precision == "year"
            and o.year is not None
            and (
                _SO_FAR.search(self.doc.text, max(0, o.span.start - 16), o.span.start)
                or o.year == self.latest
                and _NTH_TIME.search(self.doc.text, max(0, o.span.start - 24), o.span.start)
            )
        }
        return next(iter(found.items())) if len(found) == 1 else None

    def year_nearby(self, d: DateMention) -> tuple[int, DateMention] | None:
        """The year of the story's day dates that write one within ``_SPAN_DAYS`` of
        ``d`` (the next or last year across the year end), when they agree on it.  Years
        before the latest are history ("Born on 3 June 1933" in an obituary that dates
        the death "Sunday, 9 February 2025") and do not count when the latest is written
        with its weekday, as a story writes its own days and not its history's.  The
        answer depends on ``d``'s month and day alone, so it is kept by them."""
        key = (d.month, d.day)  # type: ignore[assignment]
        if key not in self._nearby:
            self._nearby[key] = self._year_nearby(d)
        return self._nearby[key]

    def year_by_tense(self, d: DateMention) -> tuple[int, DateMention] | None:
        """With no dated day near, the year its tense gives ``d`` from the story's own
        day: the one date written with a year and its weekday (which falls on it), the
        story's time.  A past yearless day is in the year before that day, a future one in
        the year after ("results declared on Friday (November 14, 2025)" … "Polling was
        held on Tuesday (November 11)"): copy writes a year for a day further off."""
        if d.tense not in ("past", "future"):
            return None
        if self._own is None:  # ``_dated_days`` holds each year, month and day once
            own = [
                o
                for o, _ in self._dated_days()
                if o.weekday is not None and falls_on(o, o.year)  # type: ignore[arg-type]
            ]
            self._own = (own[0] if len(own) == 1 else None,)
        o = self._own[0]
        if o is None:
            return None
        year, month, day = o.year, o.month, o.day
        after = (d.month, d.day) > (month, day)
        if d.tense == "past":
            return (year - 1 if after else year), o
        return (year if after else year + 1), o

    def _dated_days(self) -> list[tuple[DateMention, int]]:
        """The day dates written with a year, no "since" before them in their clause
        ("…since Ipswich beat them on 16 January 1996": history) and none a future regime
        starts or ends on ("will apply from January 1, 2028"), the first of each
        year, month and day (a later one gives the same answer), with their day of
        the year."""
        if self._dated is None:
            seen: set[tuple[int, int, int]] = set()
            self._dated = []
            for o in self.doc.dates:
                if o.year is None or o.precision != "day" or not o.month or not o.day:
                    continue
                if (o.year, o.month, o.day) in seen or _since_before(self.doc, o):
                    continue
                if o.tense == "future" and o.lead in _REGIME_LEADS:
                    continue  # "the ban will apply from January 1, 2028": years ahead, maybe
                seen.add((o.year, o.month, o.day))
                self._dated.append((o, day_of_year(o)))
        return self._dated

    def _year_nearby(self, d: DateMention) -> tuple[int, DateMention] | None:
        years: dict[int, DateMention] = {}
        pos = day_of_year(d)
        for o, there in self._dated_days():
            if abs(offset(there, pos)) > _SPAN_DAYS:
                continue
            if (o.month, o.day) == (d.month, d.day):
                continue  # "March 20, 2013" beside "Friday, March 20": the day's anniversary
            step = offset(there, pos)
            year = o.year + (  # type: ignore[operator]
                1 if step > 0 and pos < there else -1 if step < 0 and pos > there else 0
            )
            years.setdefault(year, o)
        # the anchor is history: "16 January 1996" in a 2001 match preview
        # (but a date written with its weekday, rightly, is the story's own time, whatever
        # later years it names: "on Wednesday, Oct. 29, 2025" beside "easing in 2026")
        current = [
            (year, o)
            for year, o in years.items()
            if year >= self.latest or o.weekday is not None and falls_on(o, o.year)  # type: ignore[arg-type]
        ]
        if len(current) != 1:
            return None
        if len(years) > 1 and current[0][1].weekday is None:
            return None  # only a date written with its weekday is the story's own time
        return current[0]


_SINCE = regexcache.compile(r"(?i)\bsince\b")
# Leads of a future date that starts or ends a regime, however far ahead
_REGIME_LEADS = frozenset(("from", "until", "till", "by", "through", "before"))
_SO_FAR = regexcache.compile(
    r"(?i)\b(?:so\s{1,3}far|to\s{1,3}date|thus\s{1,3}far)\s{1,3}in\s{1,3}$"
)
# ... or counts its events in it: "only the second time in 2026 they had issued" (the
# latest year the story writes only: "won for the first time in 1957" is history)
_NTH_TIME = regexcache.compile(
    r"(?i)\b(?:first|second|third|fourth|fifth|sixth|\d{1,2}(?:st|nd|rd|th))\s{1,3}time"
    r"\s{1,3}in\s{1,3}$"
)


def _since_before(doc: Document, d: DateMention) -> bool:
    """The date's clause says "since" before it: a past the story counts from (not "the
    first budget since taking over last fall, was released on March 24, 2026")."""
    if not doc.sentences:
        return False
    start = doc.sentences[d.sentence].span.start
    clause = max(start, doc.text.rfind(",", start, d.span.start) + 1)
    return _SINCE.search(doc.text, clause, d.span.start) is not None


def _latest_year(doc: Document) -> int:
    """The latest year the story writes, leaving out target years ("by 2027"), starts
    ("from 2028") and years told in the future ("growth of 1.1% in 2026 and 1.6% in
    2027" in a 2025 story)."""
    return max(
        (
            d.year
            for d in doc.dates
            if d.year is not None
            and d.lead not in TARGET_LEAD_WORDS
            and d.lead != "from"  # "would extend the ban to electronics from 2028"
            and d.tense != "future"
        ),
        default=0,
    )


_SPAN_DAYS = 120  # yearless weekday dates further apart than this are not compared


def _disagreeing(doc: Document, ctx: RuleContext, dates: list[DateMention]) -> Iterator[Finding]:
    """Yearless weekday dates that no single year can satisfy together.

    With no year anywhere, "Friday, 7 January" alone cannot be checked, but it and
    "Monday, 12 January" must be three days apart in weekdays as in dates.  Dates
    within ``_SPAN_DAYS`` of each other in the calendar (counting across the year end)
    are compared; a date with none that near is compared with the others, each placed
    in its year from the story's day when there is one (``_year_step``), else in one
    year or in two running (``_STEPS``).  29 February is left out.  A date that
    disagrees with every other it is compared with is reported (each of a lone pair,
    since either may be the slip).
    """
    usable = [d for d in dates if not (d.month == 2 and d.day == 29)][:50]
    if len(usable) < 2:
        return
    names = vocab().weekday_names
    ref = doc.reference_date  # its month and day place each date in a year; not its year
    placed = {id(d): _year_step(d, ref) for d in usable} if ref is not None else {}
    for d in usable:
        # the dates near it say most: months away, a fit may be a year's chance
        others = [o for o in usable if o is not d and _near(o, d)]
        if others:
            fits = any(_fits(d, o) for o in others)
        else:
            others = [o for o in usable if o is not d]
            if placed:  # each in its year from the story's day
                fits = any(_fits_placed(d, o, placed[id(d)], placed[id(o)]) for o in others)
            else:  # in one year or in two running
                fits = _fits_story(d, others)
        if fits:
            continue
        o = others[0]
        days = (
            f"both fall on a {names[d.weekday]}"  # type: ignore[index]
            if d.weekday == o.weekday
            else f"fall on a {names[d.weekday]} and a {names[o.weekday]}"  # type: ignore[index]
        )
        yield ctx.finding(
            doc,
            d.span,
            f'"{d.text}" and "{o.text}" cannot {days} in one year: '
            "one of the two weekdays is wrong",
        )


_STEPS = ((0, 0), (0, 1), (1, 0))  # two dates in one year, or in a year and the next


def _fits_story(d: DateMention, others: list[DateMention]) -> bool:
    """``d``, far from every other yearless weekday date, fits them: in one year or in two
    running with one of them, as before; and, when the others all fall in one year, in
    that year or the one before or after it in the order their tenses tell.  A past event
    lies before the story's future ones ("were left stranded on Monday (July 12)" beside
    "will be published by Friday (January 23)" of a January: that July is the next
    year's, after the story)."""
    if not any(_fits_placed(d, o, *s) for o in others for s in _STEPS):
        return False
    if not any(o.tense == "future" for o in others) and d.tense != "future":
        return True  # no order to tell: the pairs above decide
    years = [y for y in CALENDAR_CYCLE if all(falls_on(o, y) for o in others)]
    if not years:
        return True  # the others span two years themselves
    return any(
        falls_on(d, year + step) and all(_in_order(d, step, o) for o in others)
        for year in years
        for step in (-1, 0, 1)
    )


def _in_order(d: DateMention, step: int, o: DateMention) -> bool:
    """``d``, ``step`` years from ``o``'s year, lies before ``o`` when it is told in the
    past and ``o`` in the future, and after it the other way round (a day's slack)."""
    gap = step * YEAR_DAYS + day_of_year(d) - day_of_year(o)
    if d.tense == "past" and o.tense == "future":
        return gap <= 1
    if d.tense == "future" and o.tense == "past":
        return gap >= -1
    return True


def _year_step(d: DateMention, ref: dt.date) -> int:
    """The year of ``d`` less the reference date's, by the story's own day: a past event
    lies on or before it (a day's slack), a future one on or after it, any other within
    half a year of it ("Sunday, March 5" told in the past in a story dated November 4
    is that year's)."""
    diff = day_of_year(d) - ref.timetuple().tm_yday
    if d.tense == "past":
        return -1 if diff > 1 else 0
    if d.tense == "future":
        return 1 if diff < -1 else 0
    return -1 if diff > YEAR_DAYS // 2 else 1 if diff < -(YEAR_DAYS // 2) else 0


def _fits_placed(a: DateMention, b: DateMention, step_a: int, step_b: int) -> bool:
    """Some year has both weekdays right, each date in its year from the story's day."""
    return any(falls_on(a, year + step_a) and falls_on(b, year + step_b) for year in CALENDAR_CYCLE)


def _near(a: DateMention, b: DateMention) -> bool:
    return abs(offset(day_of_year(a), day_of_year(b))) <= _SPAN_DAYS


def _fits(a: DateMention, b: DateMention) -> bool:
    """Some year (or a year and the next, across the year end) has both weekdays right."""
    first, second = sorted((a, b), key=day_of_year)
    wraps = offset(day_of_year(first), day_of_year(second)) < 0  # shorter across the year end
    step = 1 if wraps else 0
    return any(falls_on(first, year + step) and falls_on(second, year) for year in CALENDAR_CYCLE)
