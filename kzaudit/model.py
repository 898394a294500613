"""The data model every pipeline stage shares.

read -> segment -> extract -> check -> report hand each other these plain, typed
structures.  Offsets are character (code point) offsets into ``Document.source``,
the decoded text of the file as read; ``Document.text`` is the same length (markup
blanked out with spaces), so one offset means the same place in both.

``Span`` compares by value (spans are sorted, hashed and matched); the records are
compared by identity (``eq=False``): no code compares them by value, and generating
an ``__eq__`` for each record class cost start-up time on every run.  For the same
reason they share the ``__repr__`` of :class:`Record` instead of a generated one each.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

ClaimKind = Literal["count", "money", "percent", "age", "population", "year", "ordinal", "range"]
Qualifier = Literal[
    "exact", "about", "more_than", "at_least", "less_than", "up_to", "nearly", "vague"
]
Tense = Literal["past", "present", "future"]


class Record:
    """Base of the records: the ``repr`` a dataclass would generate, written once.

    Why: dataclasses compile a ``__repr__`` per class at import, on every run
    (about 0.1 ms each); this one reads the fields when called and gives the same text.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({', '.join(shown)})"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into the decoded text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def _span_start(span: Span) -> int:
    return span.start


def span_at(spans: list[Span], pos: int) -> Span | None:
    """The span of ``spans`` (sorted) that holds ``pos``: the last one starting at or
    before it, if it reaches past it.  One bisect, so a look-up per word stays linear."""
    i = bisect.bisect_right(spans, pos, key=_span_start) - 1
    return spans[i] if i >= 0 and pos < spans[i].end else None


def overlaps_any(spans: list[Span], start: int, end: int) -> bool:
    """Whether any of ``spans`` (sorted, not overlapping each other) overlaps
    ``[start, end)``: only the last one starting before ``end`` can, so one bisect."""
    i = bisect.bisect_left(spans, end, key=_span_start) - 1
    return i >= 0 and spans[i].end > start


@dataclass(slots=True, eq=False, repr=False)
class Sentence(Record):
    """A sentence, with the paragraph it belongs to (index into ``Document.paragraphs``)."""

    span: Span
    paragraph: int


@dataclass(slots=True, eq=False, repr=False)
class Claim(Record):
    """A numeric claim: "More than 2,000 people were arrested"."""

    kind: ClaimKind
    text: str
    value: float | int
    qualifier: Qualifier
    unit: str | None
    category: str
    subject: str | None
    span: Span
    attribution: str | None = None
    date: str | None = None
    upper: float | int | None = None  # upper bound of a range ("three to five")
    sentence: int = -1  # index into Document.sentences
    # How the sentence uses the figure: "from"/"to" (a change's old/new value),
    # "rise"/"fall" (the change itself: "rose 8%"), "part"/"rest" (of a whole:
    # "12 of whom", "the other 100"), "update" (a tally said to have changed).
    role: str | None = None
    ref: int | None = None  # index into Document.claims of the related figure
    # On a "to" figure of a change by a factor ("doubled from 200 to 400"): the stated
    # factor and its qualifier, (2.0, "exact"); "more than doubled" is (2.0, "more_than").
    factor: tuple[float, str] | None = None


@dataclass(slots=True, eq=False, repr=False)
class DateMention(Record):
    """A date as written ("June 5", "on Tuesday"), normalised where the reference allows."""

    text: str
    span: Span
    date: dt.date | None
    precision: Literal["day", "month", "year", "week", "relative"]
    weekday: int | None = None  # 0=Monday, as *written* in the text (not computed)
    tense: Tense | None = None
    month: int | None = None  # as written
    day: int | None = None  # as written
    year: int | None = None  # as written (None when the text gives no year)
    relative: bool = False  # "yesterday", "on Tuesday" with no day number
    sentence: int = -1
    lead: str | None = None  # the word before the date, lower-case ("on", "since", "until")
    time_of_day: str | None = None  # "early", "evening" in "early on January 6"
    governor: str | None = None  # the word that set ``tense`` ("erupted", "will")
    governor_clear: bool = False  # ``governor`` is a clear verb right next to the date
    event: str | None = (
        None  # normalised verb phrase the date is attached to ("declar emergency state")
    )


@dataclass(slots=True, eq=False, repr=False)
class Duration(Record):
    """A length of time: "15 months", "three decades", "until January 19"."""

    text: str
    span: Span
    value: float | None
    unit: str | None
    qualifier: Qualifier = "exact"


@dataclass(slots=True, eq=False, repr=False)
class Entity(Record):
    """A mention of a person, organisation, place or acronym.

    ``key`` groups mentions of one referent ("Lena Ruiz", "Ruiz" -> "Lena Ruiz").
    """

    text: str
    span: Span
    kind: Literal["person", "org", "place", "acronym", "other"]
    key: str


@dataclass(slots=True, eq=False, repr=False)
class AcronymDefinition(Record):
    """ "Collective Security Treaty Organization (CSTO)" — expansion and short form."""

    acronym: str
    expansion: str
    span: Span  # of the acronym
    expansion_span: Span


@dataclass(slots=True, eq=False, repr=False)
class Attribution(Record):
    """Who said what: "the Interior Ministry said", "Ash said in a note"."""

    source: str
    verb: str
    span: Span
    quote_span: Span | None = None
    resolved_from: str | None = None  # the pronoun, when the source was resolved from one
    sentence: int = -1


@dataclass(slots=True, eq=False, repr=False)
class Finding(Record):
    """One problem a rule reports."""

    rule: str
    severity: Severity
    message: str
    span: Span
    text: str
    suggestion: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Document(Record):
    """One article and everything extracted from it."""

    path: str
    source: str  # decoded original text (offsets refer to it)
    text: str  # analysis text: same length, markup blanked out
    reference_date: dt.date | None = None
    reference_origin: Literal["as-of", "dateline", "publication date"] | None = None
    dateline: Span | None = None
    reference_guessed: bool = False  # a yearless dateline's year the lede does not confirm
    reference_stand_in: bool = False  # ... in a story that writes no year: a stand-in year
    published: dt.date | None = None  # from HTML metadata or Markdown front matter
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)
    headline: Span | None = None  # a title line with no terminal punctuation
    claims: list[Claim] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    acronyms: list[AcronymDefinition] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    suppressions: list[tuple[Span, frozenset[str]]] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    # -- positions -------------------------------------------------------
    def slice(self, span: Span) -> str:
        return self.source[span.start : span.end]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset in ``source``."""
        if not self._line_starts:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the one before it)."""
        if not self._sentence_starts:
            self._sentence_starts = [s.span.start for s in self.sentences]
        return max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence_text(self, index: int) -> str:
        if not self.sentences:
            return ""
        return self.text[self.sentences[index].span.start : self.sentences[index].span.end]

    def in_quote(self, span: Span) -> bool:
        return any(q.contains(span) for q in self.quotes)
