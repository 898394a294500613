"""Days every reader knows: a famous event's date written with another month.

"3000 people died in one morning in NY on May 11th 2001", "the deficit after the 11
January attacks": the day is right and the month has slipped.  Each entry is the day and
the words that name its event; a date with that day and year, or followed by one of the
event's nouns, in a sentence that names the event, and another month, is reported --
unless another listed event has that month and day, and its year if one is written ("the
11 March attacks", Madrid; but "died in NY on March 11th 2001" is reported).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from kzaudit import regexcache
from kzaudit.model import DateMention, Document


class KnownDay(NamedTuple):
    year: int
    month: int
    day: int
    cues: tuple[tuple[str, ...], ...]  # words that name the event: all of one tuple (lower case)
    nouns: tuple[str, ...]  # the event's nouns written right after a yearless date
    reported: bool = True  # False: listed only so that its day is no slip of another


_SEPTEMBER_11 = (
    ("attack",),
    ("terror",),
    ("hijack",),
    ("world trade center",),
    ("twin towers",),
    ("pentagon",),
    ("al-qaeda",),
    ("al qaeda",),
    ("new york", "died"),
    ("ny", "died"),
    ("new york", "killed"),
    ("ny", "killed"),
)
KNOWN_DAYS = (
    KnownDay(2001, 9, 11, _SEPTEMBER_11, ("attacks", "terror attacks", "terrorist attacks")),
    KnownDay(2004, 3, 11, (("madrid",),), ("attacks", "bombings", "train bombings")),
    KnownDay(2005, 7, 7, (("london", "bomb"), ("london", "attack")), ("attacks", "bombings")),
    KnownDay(2004, 12, 26, (("tsunami",),), ("tsunami",)),
    # other attacks of the 11th, listed so that their dates are not read as slips
    KnownDay(2002, 4, 11, (("djerba",),), ("attack", "attacks"), reported=False),
    KnownDay(2007, 4, 11, (("algiers",),), ("attacks", "bombings"), reported=False),
    KnownDay(2007, 12, 11, (("algiers",),), ("attacks", "bombings"), reported=False),
    KnownDay(2006, 7, 11, (("mumbai",),), ("bombings", "train bombings"), reported=False),
)  # fmt: skip

_NOUN_AFTER = regexcache.compile(r"(?:st|nd|rd|th)?[ ]{1,2}(\p{Ll}{3,12}(?:[ ]\p{Ll}{3,12})?)")


def slipped_known_days(doc: Document) -> Iterator[tuple[DateMention, KnownDay]]:
    """Each day date that is a known event's day with another month (``KNOWN_DAYS``)."""
    taken = {(k.month, k.day) for k in KNOWN_DAYS}
    dated = {(k.year, k.month, k.day) for k in KNOWN_DAYS}
    named: dict[tuple[int, int], bool] = {}  # (sentence, entry): each sentence read once
    for d in doc.dates:
        if d.precision != "day" or not d.month or not d.day or d.relative:
            continue
        if not 0 <= d.sentence < len(doc.sentences):
            continue
        if (d.month, d.day) in taken and (d.year is None or (d.year, d.month, d.day) in dated):
            continue  # another listed day: "the 11 March attacks" (not "March 11th 2001")
        for i, known in enumerate(KNOWN_DAYS):
            if not known.reported or d.day != known.day or d.year not in (None, known.year):
                continue
            key = (d.sentence, i)
            if key not in named:
                sentence = doc.sentence_text(d.sentence).lower()
                named[key] = any(all(_names(sentence, w) for w in cue) for cue in known.cues)
            if not named[key]:
                continue
            if d.year is None:
                after = _NOUN_AFTER.match(doc.text, d.span.end)
                if after is None or not any(
                    after.group(1) == n or after.group(1).startswith(n + " ") for n in known.nouns
                ):
                    continue
            yield d, known
            break


def _names(sentence: str, cue: str) -> bool:
    """``cue`` starts a word of ``sentence`` ("terror" in "terrorism", "ny" not in "any")."""
    at = sentence.find(cue)
    while at != -1:
        if at == 0 or not sentence[at - 1].isalnum():
            return True
        at = sentence.find(cue, at + 1)
    return False
