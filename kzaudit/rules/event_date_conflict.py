"""One event given two different dates in the same story.

What it does
    Keys each day-precision date by the event it is attached to: the governing
    past-tense verb and the content words of its subject and object, lightly
    stemmed ("authorities declared a state of emergency on January 5" and "the
    state of emergency, declared by authorities on January 6" share the key).
    When one key carries two different dates, the later mention is flagged and
    the earlier mention's date suggested.

    Also a period given twice ("the poll ran from 15 November 2004 to 3 January
    2005" ... "between 15 March 2004 and 5 January 2005"): when one end agrees
    within a week and the other has the same day and year but another month, both
    mentions of that end are flagged, since either month may be the slip.

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

from collections.abc import Iterator

from kzaudit.extract.dates import month_day
from kzaudit.model import DateMention, Document, Finding
from kzaudit.rules._calendar import day_of_year, offset
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


def _same_year(a: DateMention, b: DateMention) -> bool:
    return a.year is None or b.year is None or a.year == b.year


def _restated_periods(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """One period given twice whose ends differ only in the month of one end."""
    periods = _periods(doc)
    for i, first in enumerate(periods):
        for second in periods[i + 1 :]:
            for agree, differ in ((1, 0), (0, 1)):
                a, b = first[agree], second[agree]
                x, y = first[differ], second[differ]
                close = abs(offset(day_of_year(a), day_of_year(b))) <= _SAME_END_DAYS
                if not (close and _same_year(a, b) and _same_year(x, y)):
                    continue
                if x.day != y.day or x.month == y.month:
                    continue
                end = "starting" if differ == 0 else "ending"
                for d, o in ((x, y), (y, x)):
                    line, _ = doc.line_col(o.span.start)
                    message = (
                        f'"{d.text}" and "{o.text}" (line {line}) give the same period as '
                        f"{end} on the same day of different months: one month is wrong"
                    )
                    yield ctx.finding(doc, d.span, message, o.text)
