"""Days every reader knows: a famous event's date written with another month.

"3000 people died in one morning in NY on May 11th 2001", "the deficit after the 11
January attacks": the day is right and the month has slipped.  Each entry is the day and
the words that name its event; a date with that day and year after words that name the
event in its sentence, or followed by one of the event's nouns in a sentence that names
it, and another month, is reported --
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
    KnownDay(
        2022, 2, 24,
        (("invasion", "ukraine"), ("invaded", "ukraine"), ("full-scale invasion",)),
        ("invasion", "full-scale invasion"),
    ),
    KnownDay(
        2023, 10, 7,
        (("hamas", "attack"), ("hamas-led",), ("hamas", "massacre")),
        ("attack", "attacks", "massacre", "hamas attack"),
    ),
    KnownDay(
        2021, 1, 6,
        (("capitol", "riot"), ("capitol", "attack"), ("capitol", "insurrection"), ("capitol", "storm")),
        ("riot", "attack", "insurrection", "capitol riot", "capitol attack"),
    ),
    KnownDay(
        2023, 2, 6,
        (("earthquake", "turkey"), ("earthquake", "türkiye"), ("earthquake", "syria"),
         ("quake", "turkey"), ("quake", "türkiye"), ("quake", "syria")),
        ("earthquake", "earthquakes", "quake", "quakes"),
    ),
    KnownDay(
        2011, 3, 11,
        (("fukushima",), ("tohoku",), ("japan", "tsunami"), ("japan", "earthquake")),
        ("earthquake", "disaster", "tsunami", "triple disaster"),
    ),
    KnownDay(2015, 11, 13, (("paris", "attack"), ("bataclan",)), ("attacks", "paris attacks")),
    KnownDay(
        2013, 3, 13,
        (("francis", "elected"), ("bergoglio", "elected"), ("francis", "became pope")),
        ("election", "conclave"),
    ),
    KnownDay(2025, 4, 21, (("pope francis", "died"), ("pope francis", "death")), ("death",)),
    KnownDay(2025, 5, 8, (("leo", "elected"), ("prevost", "elected")), ("election", "conclave")),
    KnownDay(
        2022, 9, 8,
        (("queen elizabeth", "died"), ("queen elizabeth", "death"), ("the queen", "died")),
        ("death",),
    ),
    KnownDay(
        2016, 6, 23,
        (("brexit", "referendum"), ("eu referendum",), ("referendum", "leave the eu")),
        ("referendum", "brexit referendum", "eu referendum", "vote"),
    ),
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
    # (sentence, entry): where in the sentence the event is first named, read once each
    named: dict[tuple[int, int], int | None] = {}
    for d in doc.dates:
        if d.precision != "day" or not d.month or not d.day or d.relative:
            continue
        if not 0 <= d.sentence < len(doc.sentences):
            continue
        if (d.month, d.day) in taken and (d.year is None or (d.year, d.month, d.day) in dated):
            continue  # another listed day: "the 11 March attacks" (not "March 11th 2001")
        sentence = doc.sentences[d.sentence].span
        for i, known in enumerate(KNOWN_DAYS):
            if not known.reported or d.day != known.day or d.year not in (None, known.year):
                continue
            key = (d.sentence, i)
            if key not in named:
                named[key] = _named_at(doc.text[sentence.start : sentence.end].lower(), known)
            at = named[key]
            # a dated day after the words that name the event ("since the invasion began
            # on …", not "On March 24, 2022, a month into the invasion"); a yearless one,
            # named by the noun after it, anywhere in its sentence ("the 6 June riot at
            # the US Capitol")
            if at is None or d.year is not None and sentence.start + at > d.span.start:
                continue
            if d.year is None:
                after = _NOUN_AFTER.match(doc.text, d.span.end)
                if after is None or not any(
                    after.group(1) == n or after.group(1).startswith(n + " ") for n in known.nouns
                ):
                    continue
            yield d, known
            break


def _named_at(sentence: str, known: KnownDay) -> int | None:
    """Where ``sentence`` has first named ``known``'s event: the end of the earliest
    complete cue, all of its words found."""
    ends = []
    for cue in known.cues:
        found = [_word_start(sentence, w) for w in cue]
        if all(at is not None for at in found):
            ends.append(max(at + len(w) for at, w in zip(found, cue, strict=True)))  # type: ignore[operator]
    return min(ends, default=None)


def _word_start(sentence: str, cue: str) -> int | None:
    """Where ``cue`` first starts a word of ``sentence`` ("terror" in "terrorism", "ny"
    not in "any")."""
    at = sentence.find(cue)
    while at != -1:
        if at == 0 or not sentence[at - 1].isalnum():
            return at
        at = sentence.find(cue, at + 1)
    return None
