"""One event given two different dates in the same story.

What it does
    Keys each day-precision date by the event it is attached to: the governing
    past-tense verb and the content words of its subject and object, lightly
    stemmed ("authorities declared a state of emergency on January 5" and "the
    state of emergency, declared by authorities on January 6" share the key).
    When one key carries two different dates, the later mention is flagged and
    the earlier mention's date suggested.

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
