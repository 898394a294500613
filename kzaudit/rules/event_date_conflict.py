"""One event given two different dates in the same story.

What it does
    Keys each day-precision date by the event it is attached to: the governing
    past-tense verb and the content words of its subject and object, lightly stemmed
    ("authorities declared a state of emergency on January 5" and "the state of
    emergency, declared by authorities on January 6" share the key). When one key
    carries two different dates, the later mention is flagged and the earlier mention's
    date suggested.  An event named back by a definite noun phrase and its participle
    ("The state of emergency, declared on January 4", "The state of emergency was
    declared on January 4") is the event the story dated with the same verb and those
    words ("the government declared a state of emergency on January 5"), when no other
    day is dated so.

    Also a period given twice ("the poll ran from 15 November 2004 to 3 January 2005"
    ... "between 15 March 2004 and 5 January 2005"): when one end agrees within a week
    and the other has the same day and year but another month, both mentions of that end
    are flagged, since either month may be the slip.

    And a date given with an offset from another that it does not fit: "arrested 11 days
    later, on July 29" when no date of the story lies 11 days before it (the nearest
    written just before is July 15), "the next morning, July 17", or the story's first
    date however far back, when a month put right makes the date fit it ("… on Sunday
    (July 19)" … "an alert three days earlier, on June 16"; "on January 1, seven weeks
    earlier", a day of room for weeks); or "1 May, three days before President
    Saakashvili was elected" when the story dates that election ("Saakashvili, elected
    president in January") elsewhere; or "3 October, eight days before the crash" when
    no day the story gives the crash, in that year, is eight days on ("nine days before
    election day", "two days before the storms hit", "two days before the first
    releases" too); or "arrived on March 15, six days after leaving the border crossing
    on September 9" ("on June 20, five days behind its normal onset date of October
    15"), the event dated in the same clause; or "a 14-day emergency period, running
    from November 18 to March 31", a period given its length and its ends: the date
    fewer of the story's other dates lie within a month of is reported, with the month
    that makes the two fit, else both.  So is the one of an offset's date and the date
    it counts from: "since the Monaco Grand Prix on 7 December … a week later, on 14
    June" in a story of late June reports "7 December" (not a date written with its year
    before a yearless one: history's day).  And a deadline given both as a distance and
    a date ("respond within three months, by 4 January"; "given seven days to submit its
    report, by November 19") that does not lie that far from the story's day (its
    reference date, else its lede's date), a day early to a few late allowed.

Why is this bad?
    A reader cannot tell which date is right, and either may be quoted later.
    It usually means one paragraph was updated and another was not.

Example
    Authorities declared a state of emergency on January 5 ... As protests grew,
    authorities declared a state of emergency on January 6.

Use instead
    Give both the same, checked date, or make clear they are two events ("a second
    state of emergency", "again").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex

from kzaudit import regexcache
from kzaudit.extract.dates import event_stopwords, month_day, number_word, stem, with_month
from kzaudit.model import DateMention, Document, Duration, Finding, Span
from kzaudit.rules._calendar import (
    DAYS_BEFORE_MONTH,
    YEAR_DAYS,
    day_of_year,
    day_of_year_of,
    month_of,
    offset,
    story_day,
    told_day,
)
from kzaudit.rules.base import RuleContext

ID = "event-date-conflict"
GROUP = "dates"
SEVERITY = "warning"
SUMMARY = "The same event dated differently in two places"

_REPEAT_WORDS = ("again", "second", "another", "each", "every", "both", "repeat")


def _day(d: DateMention) -> tuple[int, int, int | None]:
    return d.month, d.day, d.year  # type: ignore[return-value]


def _repeated(doc: Document, d: DateMention) -> bool:
    """The sentence says the event happened more than once."""
    sentence = doc.sentence_text(d.sentence).lower() if d.sentence >= 0 else ""
    return any(w in sentence for w in _REPEAT_WORDS)


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, DateMention] = {}
    for d in doc.dates:
        if d.event is None or d.precision != "day" or d.month is None or d.day is None:
            continue
        seen = first.get(d.event)
        if seen is None:
            first[d.event] = d
            continue
        if _day(seen) == _day(d) or seen.sentence == d.sentence:
            continue
        if seen.year is not None and d.year is not None and seen.year != d.year:
            continue  # an annual event in two years
        if _repeated(doc, d) or _repeated(doc, seen):
            continue
        other = month_day(seen.month, seen.day)  # type: ignore[arg-type]
        message = (
            f'"{d.text}" dates the same event ("{d.governor}") as "{seen.text}" earlier '
            f"in the story ({other})"
        )
        yield ctx.finding(doc, d.span, message, seen.text)
    yield from _restated_periods(doc, ctx)
    durations = _Durations(doc)
    yield from _offset_conflicts(doc, ctx, durations)
    yield from _named_again(doc, ctx)
    yield from _within_deadlines(doc, ctx)
    yield from _dated_both_ends(doc, ctx, durations)
    yield from _period_lengths(doc, ctx, durations)


# A deadline given as a distance from the story's day and as a date: "required to respond
# within three months, by 4 June", "to submit the report within 15 days, by March 29"
_WITHIN = regexcache.compile(r"(?i)\bwithin\s{1,3}(?:the\s{1,3}next\s{1,3})?$")
_THEN_BY = regexcache.compile(r"(?i)\s{0,3},?\s{1,3}(?:by|on|before|until)\s{1,3}")
_MONTH_DAYS = 30.44
_WITHIN_TEXT = regexcache.compile_std(r"(?i)^within\s+")
# ... or as the time given to do a thing: "which has been given seven days to submit its
# report, by April 19", "gave them 30 days to leave, until March 3"
_GIVEN = regexcache.compile(
    r"(?i)\b(?:given|gave|giving)\s{1,3}(?:(?:it|them|him|her|us|the\s{1,3}[a-z]{2,20})\s{1,3})?$"
)
_TO_THEN_BY = regexcache.compile(
    r"(?i)\s{1,3}to\s{1,3}[a-z][^,.;:\n\d]{2,60}?,?\s{1,3}(?:by|before|until)\s{1,3}"
)
# days the deadline may lie before and after the distance from the story's day: the
# order may come a day or two after the news, and months are of several lengths
_WITHIN_ROOM = {"day": (1, 3), "week": (1, 4), "month": (3, 7)}


def _within_deadlines(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "respond within three months, by 4 January" in a story of early March: a date
    that does not lie the stated distance from the story's day (its reference date, or
    the first date of its own time it writes)."""
    if "within" not in doc.text and "giv" not in doc.text and "gave" not in doc.text:
        return  # the common case, decided in one scan
    days = [d for d in doc.dates if d.precision == "day" and d.month and d.day]
    if (own := story_day(doc)) is None:
        return
    start, anchor_text = own
    at = {d.span.start: d for d in days}  # each date by where it starts
    for u in doc.durations:
        if u.unit not in _WITHIN_ROOM or not _whole(u):
            continue
        lo = max(0, u.span.start - 30)
        if u.text.lower().startswith("within") or _WITHIN.search(doc.text, lo, u.span.start):
            by = _THEN_BY.match(doc.text, u.span.end)  # "within 15 days, by March 29"
        elif _GIVEN.search(doc.text, lo, u.span.start):
            by = _TO_THEN_BY.match(doc.text, u.span.end)  # "given seven days to report, by"
        else:
            continue
        if by is None:
            continue
        d = at.get(by.end())
        if d is None or (doc.reference_date is None and d is days[0]):
            continue
        length = float(u.value) * (_MONTH_DAYS if u.unit == "month" else _UNIT_DAYS[u.unit])
        early, late = _WITHIN_ROOM[u.unit]
        early *= float(u.value) if u.unit == "month" else 1
        diff = offset(start, day_of_year(d)) % YEAR_DAYS
        if length - early <= diff <= length + late:
            continue
        length_text = _WITHIN_TEXT.sub("", u.text)
        yield ctx.finding(
            doc,
            d.span,
            f'"{d.text}" is given as the end of {length_text} from {anchor_text}, but lies '
            f"{diff} days after it",
        )


# An event named back by a definite noun phrase and its participle: "The state of
# emergency, declared on January 4", "The curfew was imposed on 6 March".  Matched on
# the window just before the date (bounded: linear in the text).
_NAMED_BACK = regexcache.compile(
    r"\b[Tt]he\s{1,3}(?P<np>(?:[a-z]{2,20}\s{1,3}){0,3}[a-z]{2,20})"
    r"(?:\s{0,2},\s{1,3}|\s{1,3}(?:was|were|had\s{1,3}been|has\s{1,3}been)\s{1,3})"
    r"(?P<verb>[a-z]{3,20}ed)\s{1,3}(?:on\s{1,3})?$"
)
_NAMED_BACK_REACH = 80  # characters before a date searched for the phrase
_NAMED_BACK_MAX = 50  # mentions compared, each with every keyed one: a story has a few


def _named_again(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """An event the story dates with its full clause ("the government declared a state of
    emergency on January 5") named back with another day ("The state of emergency,
    declared on January 4"): the verb and every word of the noun phrase are in the
    event's key, and no other dated event of the story has them."""
    keyed = [d for d in doc.dates if d.event and d.precision == "day" and d.month and d.day]
    if not keyed:
        return
    stop = event_stopwords()
    seen = 0
    for d in doc.dates:
        if d.event or d.precision != "day" or not d.month or not d.day or d.sentence < 0:
            continue
        lo = max(doc.sentences[d.sentence].span.start, d.span.start - _NAMED_BACK_REACH)
        m = _NAMED_BACK.search(doc.text, lo, d.span.start)
        if m is None or (seen := seen + 1) > _NAMED_BACK_MAX:
            continue
        words = {stem(w) for w in m.group("np").split() if w not in stop}
        if len(words) < 2:
            continue  # "The man, arrested on May 4": too little to name one event
        verb = stem(m.group("verb"))
        events = [
            o
            for o in keyed
            if o.sentence != d.sentence
            and o.event.split(" ", 1)[0] == verb  # type: ignore[union-attr]
            and words <= set(o.event.split()[1:])  # type: ignore[union-attr]
        ]
        if not events or len({_day(o) for o in events}) > 1 or _day(events[0]) == _day(d):
            continue
        o = events[0]
        if o.year is not None and d.year is not None and o.year != d.year:
            continue
        if _repeated(doc, d) or _repeated(doc, o):
            continue
        later, earlier = (d, o) if d.span.start > o.span.start else (o, d)
        other = month_day(earlier.month, earlier.day)  # type: ignore[arg-type]
        yield ctx.finding(
            doc,
            later.span,
            f'"{later.text}" dates the same event ("{m.group("verb")}", the {m.group("np")}) '
            f'as "{earlier.text}" {"earlier" if earlier is o else "before it"} in the story '
            f"({other})",
            earlier.text,
        )


_PERIOD_STARTS = frozenset(["from", "between"])
_PERIOD_ENDS = frozenset(["to", "and", "until", "till", "through"])
_PERIOD_GAP = 12  # characters between the two ends of one period ("… 2004 to 3 …")
_SAME_END_DAYS = 7  # ends this close are one end restated ("3 January" / "5 January")


def _periods(doc: Document) -> list[tuple[DateMention, DateMention]]:
    """ "from 15 November 2004 to 3 January 2005": the two day dates of each period."""
    days = [d for d in doc.dates if d.precision == "day" and d.month and d.day]
    return [
        (a, b)
        for a, b in zip(days, days[1:], strict=False)
        if a.lead in _PERIOD_STARTS
        and b.lead in _PERIOD_ENDS
        and 0 <= b.span.start - a.span.end <= _PERIOD_GAP
    ]


_MAX_PERIODS = 50


def _same_year(a: DateMention, b: DateMention) -> bool:
    return a.year is None or b.year is None or a.year == b.year


def _restated_periods(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """One period given twice whose ends differ in the month of one end, its day the same
    or days off ("to 3 January 2005" … "and 5 August 2005").

    Every pair is compared, so only a story's first ``_MAX_PERIODS`` periods are: a news
    story gives a handful, and a hostile text of thousands stays linear."""
    periods = _periods(doc)[:_MAX_PERIODS]
    for i, first in enumerate(periods):
        for second in periods[i + 1 :]:
            for agree, differ in ((1, 0), (0, 1)):
                a, b = first[agree], second[agree]
                x, y = first[differ], second[differ]
                close = abs(offset(day_of_year(a), day_of_year(b))) <= _SAME_END_DAYS
                if not (close and _same_year(a, b) and _same_year(x, y)):
                    continue
                if x.month == y.month or not _month_apart(x, y):
                    continue
                end = "starting" if differ == 0 else "ending"
                day = "the same day" if x.day == y.day else "days"
                for d, o in ((x, y), (y, x)):
                    line, _ = doc.line_col(o.span.start)
                    message = (
                        f'"{d.text}" and "{o.text}" (line {line}) give the same period as '
                        f"{end} on {day} of different months: one month is wrong"
                    )
                    yield ctx.finding(doc, d.span, message, with_month(d.text, o.month))  # type: ignore[arg-type]


def _month_apart(x: DateMention, y: DateMention) -> bool:
    """``x`` and ``y``, of different months, lie within a week of each other once ``x``
    is put in ``y``'s month ("5 August 2005" and "3 January 2005"), and not as written."""
    moved = day_of_year_of(y.month, x.day)  # type: ignore[arg-type]
    return (
        abs(offset(moved, day_of_year(y))) <= _SAME_END_DAYS
        and abs(offset(day_of_year(x), day_of_year(y))) > _SAME_END_DAYS
    )


# A date given as an offset from another: "11 days later, on July 26", "the next
# morning, July 15" (the duration, or the phrase, just before the date) ...
_LATER_ON = regexcache.compile(r"(?i)\s{1,3}(?P<dir>later|earlier)\s{0,3},?\s{1,3}(?:on\s{1,3})?$")
_LATER_AFTER = regexcache.compile(r"(?i)\s{1,3}(?P<dir>later|earlier)\b(?!\s{1,3}than\b)")
_NEXT_DAY_ON = regexcache.compile(
    r"(?i)\b(?:the\s{1,3}(?P<dir>next|following|previous)|a\s{1,3}day\s{1,3}(?P<dir>later|earlier))"
    r"(?:\s{1,3}(?:day|morning|afternoon|evening|night))?\s{0,3},?\s{1,3}(?:on\s{1,3})?$"
)
# ... or a date placed by its distance from an event: "1 May, three days before
# President Saakashvili was elected" (the event's clause, up to a clause break).
_BEFORE_EVENT = regexcache.compile(
    r"(?i)\s{1,3}(?P<dir>before|after)\s{1,3}(?P<clause>[^,;:.()]{5,80})"
)
_DATE_THEN = regexcache.compile(r",?\s{1,3}$")
_NAME = regexcache.compile_std(r"\b[A-Z][a-z]{2,30}\b")
_WORD = regexcache.compile_std(r"\b[a-z]{4,30}\b")
_UNIT_DAYS = {"day": 1, "week": 7}
_TOLERANCE = 1  # days an offset of several may be off by: counted with or without the ends
_ANCHOR_SENTENCES = 2  # sentences back a date is sought that the offset counts from
_ANCHOR_REACH = 31  # days: a nearer date than this that does not fit is the evidence
_NEAR = 60  # characters between the offset and the date it dates


def _whole(u: Duration) -> bool:
    """A whole number of units, not none: "three days", not "two and a half weeks"."""
    return bool(u.value) and float(u.value).is_integer()  # type: ignore[arg-type]


class _Durations:
    """The story's durations of days and weeks by start, to find the few near a date by
    bisection (a page of dates and durations is not read once per date)."""

    def __init__(self, doc: Document) -> None:
        self.items = sorted(
            (u for u in doc.durations if u.unit in _UNIT_DAYS), key=lambda u: u.span.start
        )
        self.starts = [u.span.start for u in self.items]
        self.longest = max((u.span.end - u.span.start for u in self.items), default=0)

    def starting(self, lo: int, hi: int) -> list[Duration]:
        """Those that start in ``[lo, hi)``."""
        return self.items[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def _offset_days(doc: Document, d: DateMention, durations: _Durations) -> int | None:
    """Signed days from the anchor to ``d`` written just before it ("three days later,
    on March 26") or just after it ("on March 23, three days earlier"), if any."""
    lo = max(0, d.span.start - _NEAR)
    m = _NEXT_DAY_ON.search(doc.text, lo, d.span.start)
    if m is not None:
        return -1 if m.group("dir").lower() in ("previous", "earlier") else 1
    for u in durations.starting(lo - durations.longest, d.span.start):
        if not lo <= u.span.end < d.span.start or u.unit not in _UNIT_DAYS or not u.value:
            continue
        m = _LATER_ON.match(doc.text, u.span.end, d.span.start)
        if m is not None and m.end() == d.span.start and float(u.value).is_integer():
            return _signed_days(u, m)
    # … or just after it: "had warned on March 23, three days earlier,"
    for u in durations.starting(d.span.end, d.span.end + 5):
        if u.unit not in _UNIT_DAYS or not _whole(u):
            continue
        if not _DATE_THEN.fullmatch(doc.text, d.span.end, u.span.start):
            continue
        m = _LATER_AFTER.match(doc.text, u.span.end)
        if m is not None:
            return _signed_days(u, m)
    return None


def _signed_days(u: Duration, m: regex.Match[str]) -> int:
    """The duration in days, negative when ``m`` says "earlier"."""
    days = int(u.value) * _UNIT_DAYS[u.unit]  # type: ignore[index,arg-type]
    return -days if m.group("dir").lower() == "earlier" else days


def _slipped_month(
    d: DateMention, shift: int, earlier: list[DateMention], tolerance: int = 0
) -> int | None:
    """The month that, put in ``d``, makes it fit a recent date exactly at its offset:
    "11 days later, on Jan. 26" after "July 15" is July 26, month slipped; "on January
    1, seven weeks earlier" before "April 20" is March 1 (``tolerance``: days an offset
    of several may be off by)."""
    for o in reversed(earlier):
        if o.precision != "day":
            continue
        for month in range(1, 13):
            if month == d.month:
                continue
            moved = DAYS_BEFORE_MONTH[month - 1] + min(d.day, 31) - 1 - shift  # type: ignore[operator,type-var]
            if abs(offset(day_of_year(o), moved % YEAR_DAYS)) <= tolerance:  # or a guess
                return month
    return None


def _of_now(doc: Document, d: DateMention) -> bool:
    """``d`` is of the story's time: written with no year, or in the reference date's."""
    ref = doc.reference_date
    return d.year is None or ref is not None and d.year == ref.year


def _fits(anchor: DateMention, target: int, tolerance: int = _TOLERANCE) -> bool:
    """The anchor can be the day ``target`` (a day of the year), give or take
    ``tolerance`` days ("the next day" allows none)."""
    if anchor.precision == "day":
        return abs(offset(day_of_year(anchor), target)) <= tolerance
    months = {month_of(target + k) for k in range(-tolerance, tolerance + 1)}
    return anchor.month in months


def _event_dates(doc: Document, d: DateMention, clause: str) -> list[DateMention]:
    """Dates of other sentences that name the event of ``clause`` (a name and a verb)."""
    names = {n for n in _NAME.findall(clause)} - {d.text}
    verbs = {stem(w) for w in _WORD.findall(clause)}
    if not names or not verbs:
        return []
    found = []
    dateline = doc.dateline
    for o in doc.dates:
        if o.sentence == d.sentence or o.sentence < 0 or o.relative or not o.month:
            continue
        if dateline is not None and dateline.contains(o.span):
            continue  # the story's date, no event's: "DUBAI, Oct 2 (Reuters) - …in Tehran"
        if o.precision not in ("day", "month"):
            continue
        text = doc.sentence_text(o.sentence)
        if any(n in text for n in names) and verbs & {stem(w) for w in _WORD.findall(text)}:
            found.append(o)
    return found


# The story's own event named by a definite noun alone, or with a verb of its coming:
# "eight days before the crash", "two days before the storms hit".
_DEFINITE_EVENT = regexcache.compile(
    r"(?i)the\s{1,3}(?:first\s{1,3})?"  # "two days before the first releases"
    r"(?P<noun>crash|derailment|collision|attack|attacks|bombing|blast|explosion"
    r"|shooting|stabbing|quake|earthquake|fire|flood|floods|storm|storms|hurricane|eruption"
    r"|collapse|accident|disaster|election|vote|referendum|coup|raid|riot|riots"
    r"|release|releases|summit|funeral|inauguration|handover)"
    r"(?:\s{1,3}(?:hit|struck|began|started|erupted|happened|occurred|broke\s{1,3}out))?\s{0,3}$"
    r"|(?P<noun>election|polling|voting|race)\s{1,3}day\s{0,3}$"  # "nine days before election day"
)


_DEADLINE_LEADS = frozenset(("until", "till", "by", "before"))


def _event_noun_dates(doc: Document, d: DateMention, noun: str) -> list[DateMention]:
    """Day dates of other sentences that name the event ``noun`` ("the crash … 11
    October", or its verb: "was attacked … on Saturday 17 May"), in ``d``'s year when
    both know theirs: "That crash", in August 2020, is another.  A deadline set in such a
    sentence ("given until March 26 to report on the fire") dates no event."""
    found = []
    dateline = doc.dateline
    word = regexcache.compile_std(rf"(?i)\b{noun}(?:ed)?\b")  # "was attacked", "crashed"
    for o in doc.dates:
        if o.sentence == d.sentence or o.sentence < 0 or o.precision != "day" or not o.month:
            continue
        if dateline is not None and dateline.contains(o.span):
            continue
        if o.lead in _DEADLINE_LEADS:
            continue  # "until March 26 to submit its report" on the fire: a deadline, no event
        if o.date is not None and d.date is not None and o.date.year != d.date.year:
            continue
        if o.year is not None and d.date is not None and o.year != d.date.year:
            continue
        if word.search(doc.sentence_text(o.sentence)):
            found.append(o)
    return found


def _offset_conflicts(doc: Document, ctx: RuleContext, durations: _Durations) -> Iterator[Finding]:
    """A date that does not lie at the offset it is given from another date or event."""
    days = [d for d in doc.dates if d.precision == "day" and d.month and d.day]
    sentences = [d.sentence for d in days]  # in text order: the anchors found by bisection
    seen: set[int] = set()  # the days of the year of the dates before the one read
    events = anchors = 0  # offsets from events and dates read, each against every date
    for i, d in enumerate(days):
        if i:
            seen.add(day_of_year(days[i - 1]))
        shift = _offset_days(doc, d, durations)
        if shift is not None:
            target = day_of_year(d) - shift
            before = days[bisect_left(sentences, d.sentence - _ANCHOR_SENTENCES, 0, i) : i]
            tolerance = 0 if abs(shift) == 1 else _TOLERANCE
            # the story's first day, its news, is what "three days earlier" may count from
            # however far back it is: "… on Sunday (July 19)" … "an alert three days
            # earlier, on June 16" is a month slipped
            first = days[:1] if i and days[0] not in before and _of_now(doc, days[0]) else []
            if not (before or first) or any(
                (target + k) % YEAR_DAYS in seen for k in range(-tolerance, tolerance + 1)
            ):
                continue  # a date of the story fits the offset
            # a distance in weeks is a round one: "seven weeks earlier" may be 50 days
            weeks = abs(shift) >= 14 and abs(shift) % 7 == 0
            slipped = _slipped_month(d, shift, first + before, tolerance if weeks else 0)
            if slipped is None and (
                not before or abs(offset(day_of_year(before[-1]), target)) > _ANCHOR_REACH
            ):
                continue  # not a date the offset could count from
            anchor = before[-1] if before else first[0]
            anchors += 1  # each reads the story's dates: the first few
            moved = (
                _anchor_slip(doc, d, anchor, shift, tolerance)
                if anchors <= _MAX_EVENT_OFFSETS
                else None
            )
            if moved is not None:
                yield _anchor_finding(doc, ctx, d, anchor, shift, moved)
                continue
            message = (
                f'"{d.text}" is given as {number_word(abs(shift))} day{"s" if abs(shift) != 1 else ""} '
                f"{'after' if shift > 0 else 'before'} an earlier date, but no date of the "
                f'story fits ("{anchor.text}" is written '
                f"{'just before it' if before else 'first'})"
            )
            suggestion = None
            if slipped is not None:
                suggestion = with_month(d.text, slipped)
                message += f'; "{suggestion}" would'
            yield ctx.finding(doc, d.span, message, suggestion)
            continue
        if events < _MAX_EVENT_OFFSETS:
            event = _event_offset(doc, d, durations.starting(d.span.end, d.span.end + 5))
            if event is not None:
                events += 1
                yield from _event_offset_finding(doc, ctx, d, *event)


def _anchor_slip(
    doc: Document, d: DateMention, anchor: DateMention, shift: int, tolerance: int
) -> int | None:
    """The month that puts ``anchor``, the date an offset counts from, ``shift`` days
    before ``d``, when the story's other dates keep the anchor less company than ``d``
    (``_lonelier``): "his first since the Monaco Grand Prix on 7 December. Piastri had won in
    Barcelona a week later, on 14 June" in a story of "28 June" has its slip in the
    anchor.  Not an anchor written with its year before a yearless ``d`` ("on 15
    November 2019 … four days later, on 19 March"): history's day, set apart."""
    if anchor.precision != "day" or (anchor.year is not None and d.year is None):
        return None
    if _lonelier(doc, (d, anchor)) != [anchor]:
        return None
    return _slipped_month(anchor, -shift, [d], tolerance)


def _anchor_finding(
    doc: Document, ctx: RuleContext, d: DateMention, anchor: DateMention, shift: int, month: int
) -> Finding:
    moved = with_month(anchor.text, month)
    days = f"{number_word(abs(shift))} day{'s' if abs(shift) != 1 else ''}"
    message = (
        f'"{d.text}" is given as {days} {"after" if shift > 0 else "before"} '
        f'"{anchor.text}", which lies months from it and from the story\'s other dates; '
        f'"{moved}" would fit'
    )
    return ctx.finding(doc, anchor.span, message, moved)


# "on March 15, six days after leaving the Adre crossing on March 9": the distance, its
# direction and the event's clause up to its own date (no clause break between); "behind"
# and "ahead of" a date are after and before it ("on June 20, five days behind its normal
# onset date of June 15")
_TO_DATED_EVENT = regexcache.compile(
    r"(?i)\s{1,3}(?P<dir>after|before|behind|ahead\s{1,3}of)\s{1,3}[^,;:.()\d]{3,80}"
)
_LATER_DIRECTIONS = frozenset(("after", "behind"))


def _dated_both_ends(doc: Document, ctx: RuleContext, durations: _Durations) -> Iterator[Finding]:
    """ "The trucks arrived on March 15, six days after leaving the border crossing on
    September 9": a date, its distance from an event, and the event's own date in the
    same clause, which must lie that far apart (a day of room for the ends counted or
    not, a week's for weeks).  So must "a deal reached on March 23 after two weeks of
    talks that began on March 9".  The event's date is reported, with the month that
    makes it fit; else the first date, with its own; else the event's date alone."""
    days = [d for d in doc.dates if d.precision == "day" and d.month and d.day]
    if len(days) < 2:
        return
    starts = [d.span.start for d in days]

    def next_in_sentence(d: DateMention, at: int) -> DateMention | None:
        i = bisect_left(starts, at)
        return days[i] if i < len(days) and days[i].sentence == d.sentence else None

    pairs: list[tuple[DateMention, DateMention, Duration, str]] = []
    for first, u in _dates_then_durations(doc, days, durations):
        second = next_in_sentence(first, u.span.end)
        if second is None:
            continue
        m = _TO_DATED_EVENT.match(doc.text, u.span.end, second.span.start)
        if m is not None and _ON_DATE.fullmatch(doc.text, m.end(), second.span.start):
            pairs.append((first, second, u, m.group("dir")))
    for first, u in _dates_after_stretches(doc, days, durations):
        second = next_in_sentence(first, u.span.end)
        if second is not None and _STRETCH_BEGAN.fullmatch(doc.text, u.span.end, second.span.start):
            pairs.append((first, second, u, "after"))
    misfits = 0  # each weighs the story's other dates: a story has a few
    for first, second, u, direction in sorted(pairs, key=lambda p: p[0].span.start):
        found = list(_ends_apart_by(doc, ctx, (first, second), u, direction))
        if found:
            misfits += 1
            yield from found
            if misfits >= _MAX_EVENT_OFFSETS:
                return


def _ends_apart_by(
    doc: Document,
    ctx: RuleContext,
    ends: tuple[DateMention, DateMention],
    u: Duration,
    direction: str,
) -> Iterator[Finding]:
    """``ends``, the first said to lie ``u`` after (or before) the second, when they do not."""
    first, second = ends
    days_apart = int(u.value) * _UNIT_DAYS[u.unit]  # type: ignore[index,arg-type]
    direction = " ".join(direction.lower().split())
    shift = days_apart if direction in _LATER_DIRECTIONS else -days_apart
    room = 7 if u.unit == "week" and days_apart >= 14 else _TOLERANCE
    if abs(offset(day_of_year(second), day_of_year(first)) - shift) <= room:
        return
    said = f'"{first.text}" is given as {u.text} {direction} "{second.text}"'
    yield from _ends_apart(doc, ctx, ends, shift, room, said)


# "… reached on March 23 after two weeks of UN-sponsored talks that began on March 9"
_AFTER_STRETCH = regexcache.compile(r"(?i),?\s{1,3}(?:after|following)\s{1,3}")
_STRETCH_BEGAN = regexcache.compile(
    r"(?i)\s{1,3}of\s{1,3}[^,;:.()\d]{3,60}?\s(?:that|which)\s{1,3}(?:had\s{1,3})?"
    r"(?:began|begun|started|opened)\s{1,3}(?:on\s{1,3})?"
)


def _dates_after_stretches(
    doc: Document, days: list[DateMention], durations: _Durations
) -> Iterator[tuple[DateMention, Duration]]:
    """Each date followed by "after" and a whole number of days or weeks ("on March 23
    after two weeks")."""
    for d in days:
        m = _AFTER_STRETCH.match(doc.text, d.span.end)
        if m is None:
            continue
        for u in durations.starting(m.end(), m.end() + 1):
            if u.span.start == m.end() and _whole(u):
                yield d, u


def _ends_apart(
    doc: Document,
    ctx: RuleContext,
    ends: tuple[DateMention, DateMention],
    shift: int,
    room: int,
    said: str,
) -> Iterator[Finding]:
    """Two dates said to lie ``shift`` days apart (``first`` after ``second``) that do not:
    the one the story's other dates keep less company (``_lonelier``) is reported, with the month
    that makes the two fit; with nothing to tell, both are."""
    first, second = ends
    fixes = {
        id(d): with_month(d.text, month)
        for d, month in (
            (second, _slipped_month(second, -shift, [first], room)),
            (first, _slipped_month(first, shift, [second], room)),
        )
        if month is not None
    }
    odd = _lonelier(doc, ends)
    for d in odd or (second, first):
        fix = fixes.get(id(d)) if odd else None
        message = f"{said}, which it is not" + (f'; "{fix}" would be' if fix else "")
        yield ctx.finding(doc, d.span, message + ("" if odd else ": one of the two is wrong"), fix)


def _lonelier(doc: Document, ends: tuple[DateMention, DateMention]) -> list[DateMention]:
    """Of two dates that do not fit each other, the one fewer of the story's other dates
    and months lie within a month of, written with the same year or none and not told in
    the other tense (none when they tie): the likelier slip."""
    first, second = ends
    near = {id(e): 0 for e in ends}
    for o in doc.dates:
        if o is first or o is second or o.relative or not o.month:
            continue
        if o.precision not in ("day", "month"):
            continue
        for e in ends:
            if {o.tense, e.tense} == {"past", "future"}:
                continue  # "talks will resume in May" keeps no past "May 23" company
            close = abs(offset(told_day(o), day_of_year(e))) <= _SUPPORT_REACH
            near[id(e)] += close and o.year == e.year
    return [e for e in (second, first) if near[id(e)] < near[id(first if e is second else second)]]


_SUPPORT_REACH = 31  # days from a date within which the story's others keep it company


# A period's length written just before its ends: "a 14-day emergency response period,
# running from March 18 to March 31", "for three weeks, from March 3 to March 21"
_LENGTH_REACH = 80  # characters from the length to the period's first end
_LENGTH_ROOM = {"day": 1, "week": 3}  # days the ends may be off: counted with or without both


def _period_lengths(doc: Document, ctx: RuleContext, durations: _Durations) -> Iterator[Finding]:
    """A period given its length and its two ends, which lie another distance apart: "a
    14-day emergency response period, running from November 18 to March 31"."""
    for start, end in _periods(doc)[:_MAX_PERIODS]:
        if start.year is not None and end.year is not None and start.year != end.year:
            continue  # lengths of days and weeks: a period over a new year writes none
        if not 0 <= start.sentence < len(doc.sentences):
            continue
        lo = max(doc.sentences[start.sentence].span.start, start.span.start - _LENGTH_REACH)
        lengths = [
            u
            for u in durations.starting(lo, start.span.start)
            if u.span.end <= start.span.start and _whole(u)
        ]
        if not lengths:
            continue
        u = lengths[-1]  # the nearest before the period
        length = int(u.value) * _UNIT_DAYS[u.unit]  # type: ignore[index,arg-type]
        room = _LENGTH_ROOM[u.unit]  # type: ignore[index]
        apart = (day_of_year(end) - day_of_year(start)) % YEAR_DAYS
        if abs(apart - length) <= room or abs(apart + 1 - length) <= room:
            continue
        said = (
            f'"{start.text}" to "{end.text}" is given as a period of {number_word(length)} '
            f"day{'s' if length != 1 else ''} ({u.text})"
        )
        yield from _ends_apart(doc, ctx, (end, start), length, room, said)


def _dates_then_durations(
    doc: Document, days: list[DateMention], durations: _Durations
) -> Iterator[tuple[DateMention, Duration]]:
    """Each date with a whole number of days or weeks written right after it ("March 15,
    six days"), at most three characters between (``_DATE_THEN``)."""
    for d in days:
        for u in durations.starting(d.span.end, d.span.end + 4):
            if _whole(u) and _DATE_THEN.fullmatch(doc.text, d.span.end, u.span.start):
                yield d, u


# what may stand between an event's clause and its date: "leaving the crossing on March 9"
_ON_DATE = regexcache.compile(r"(?i)\s{0,3}(?:on\s{1,3})?")


_MAX_EVENT_OFFSETS = (
    20  # offsets read against every date (from events; from dates): a story has a few
)


def _event_offset(
    doc: Document, d: DateMention, durations: list[Duration]
) -> tuple[Duration, regex.Match[str]] | None:
    """ "1 May, three days before X was elected": the duration and the event's clause
    right after ``d`` (``durations``: those that start right after it)."""
    for u in durations:
        if u.span.start < d.span.end or u.span.start - d.span.end > 4:
            continue
        if not _DATE_THEN.fullmatch(doc.text, d.span.end, u.span.start) or not u.value:
            continue
        m = _BEFORE_EVENT.match(doc.text, u.span.end)
        if m is None or not float(u.value).is_integer():
            continue
        return u, m
    return None


def _event_offset_finding(
    doc: Document, ctx: RuleContext, d: DateMention, u: Duration, m: regex.Match[str]
) -> Iterator[Finding]:
    """ "1 May, three days before X was elected" against the date given to X's election."""
    days = int(u.value) * _UNIT_DAYS[u.unit]  # type: ignore[index,arg-type]
    target = day_of_year(d) + (days if m.group("dir").lower() == "before" else -days)
    clause = m.group("clause")
    definite = _DEFINITE_EVENT.match(clause)
    anchors = (
        _event_noun_dates(doc, d, definite.group("noun").lower())
        if definite
        else _event_dates(doc, d, clause)
    )
    if anchors and not any(_fits(o, target) for o in anchors):
        a = anchors[0]
        line, _ = doc.line_col(a.span.start)
        message = (
            f'"{d.text}" is {u.text} {m.group("dir").lower()} an event the story dates '
            f'"{a.text}" (line {line}): the two do not fit'
        )
        # the date and the distance: either may be the slip
        yield ctx.finding(doc, Span(d.span.start, u.span.end), message, None)
