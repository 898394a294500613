"""Numeric claims: every figure with its value, qualifier, unit, category and subject.

Why hand-written: general quantity extractors read "2:30" as 2 and 30, average
"9-11" to 10 and drop "more than"; none knows that "400 hospitalised" counts
people.  Here one linear scan finds number cores (digits, spelled numbers, vague
words), then small anchored look-ups around each core add currency, magnitude,
percent, age, qualifier, category and subject.  Every window is bounded, so the
whole pass is linear in the text.  Vocabulary lives in ``kzaudit/data/numbers_*``.

Numbers inside dates, times, durations, phone numbers, addresses, scores and
names ("Apollo 11") are never claims: ``doc.dates``/``doc.durations`` spans are
skipped and the obvious shapes are recognised here as well.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import regex

from kzaudit import regexcache
from kzaudit.alternation import phrases as phrases_trie
from kzaudit.alternation import trie
from kzaudit.datafiles import load_toml, read_text
from kzaudit.extract.dates import calendar_words
from kzaudit.model import Claim, Document, Span
from kzaudit.regexcache import HOLD_GIL, matches_at

MAX_DIGITS = 30  # longer digit runs are identifiers or junk, never figures
WINDOW = 80  # characters of context read on either side of a number
MAX_PER_SENTENCE = 200  # more figures than this in one sentence: a table, read values only
PEOPLE_CATEGORIES = (
    "deaths",
    "injured",
    "hospitalised",
    "arrested",
    "evacuated",
    "missing",
    "rescued",
    "dismissed",
    "troops",
    "protesters",
    "rescuers",
)
# Hospitalised people in these states are a smaller group; the subject says so
# ("people in intensive care") so that rules do not compare them with all patients.
CRITICAL_CARE = ("intensive care", "critical condition", "serious condition")
# Categories a verb or an event noun gives; the rest (troops...) come from the counted noun.
_EVENT_CATEGORIES = frozenset(PEOPLE_CATEGORIES[:8])
_GENERIC_SUBJECTS = frozenset({"people", "persons", "person", "others"})


# -- vocabulary ------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _alt(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first (whitespace flexible), as
    a trie: the same matches, each character tested once per branch point."""
    return phrases_trie({p.lower() for p in phrases})


def _alt_backward(phrases: list[str]) -> str:
    """The flat longest-first alternation, for a pattern searched backwards (REVERSE):
    there a trie's prefix order is no longest-first order ("$" would be taken before
    "US $"), so the phrases are listed whole."""
    parts = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(regex.escape(p).replace(r"\ ", r"\s{1,3}") for p in parts)


_WORD_RUN = regexcache.compile(r"\w+")
_WORD_CHAR = regexcache.compile(r"\w")
_SPACE_GAP = regexcache.compile(r"\s{1,3}")


class _PhraseMatch:
    """What callers read of a regex match: span and text."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, *_: object) -> str:
        return self._text[self._start : self._end]


class _Phrases:
    """Whole-word, case-insensitive search for a set of lower-case phrases.

    Same matches as ``\\b(?:phrase|...)\\b`` (words joined by 1-3 spaces, the
    longest phrase at the leftmost word), but a word scan plus a set look-up:
    a 100-phrase alternation costs milliseconds to compile at start-up.
    """

    def __init__(self, phrases: list[str]) -> None:
        self.keys = frozenset(tuple(p.lower().split()) for p in phrases)
        self.longest = max((len(k) for k in self.keys), default=0)
        self.firsts = frozenset(k[0] for k in self.keys)

    def _words(self, text: str, lo: int, hi: int) -> list[regex.Match]:
        words = list(_WORD_RUN.finditer(text, lo, hi, False, HOLD_GIL))
        if (
            words
            and lo > 0
            and words[0].start() == lo
            and _WORD_CHAR.match(text, lo - 1, None, HOLD_GIL)
        ):
            words.pop(0)  # the window cuts a word: no boundary there
        return words

    def _at(self, words: list[regex.Match], i: int, text: str) -> int:
        """Index past the last word of the longest phrase starting at word ``i``, or -1."""
        first = words[i].group().lower()
        if first not in self.firsts:
            return -1  # the common case: one set look-up per word
        best, key = -1, []
        for j in range(i, min(len(words), i + self.longest)):
            if j > i and not _SPACE_GAP.fullmatch(
                text, words[j - 1].end(), words[j].start(), HOLD_GIL
            ):
                break
            key.append(words[j].group().lower())
            if tuple(key) in self.keys:
                best = j + 1
        return best

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> list[_PhraseMatch]:
        words = self._words(text, lo, len(text) if hi is None else hi)
        out, i = [], 0
        while i < len(words):
            j = self._at(words, i, text)
            if j < 0:
                i += 1
                continue
            out.append(_PhraseMatch(text, words[i].start(), words[j - 1].end()))
            i = j
        return out

    def search(self, text: str, lo: int = 0, hi: int | None = None) -> _PhraseMatch | None:
        words = self._words(text, lo, len(text) if hi is None else hi)
        for i in range(len(words)):
            j = self._at(words, i, text)
            if j >= 0:
                return _PhraseMatch(text, words[i].start(), words[j - 1].end())
        return None

    def search_end(self, text: str) -> _PhraseMatch | None:
        """The leftmost phrase that ends the string (``\\b(?:...)$``)."""
        end = len(text) - 1 if text.endswith("\n") else len(text)
        words = self._words(text, 0, end)
        for i in range(max(0, len(words) - self.longest), len(words)):
            if self._at_end(words, i, text, end):
                return _PhraseMatch(text, words[i].start(), end)
        return None

    def _at_end(self, words: list[regex.Match], i: int, text: str, end: int) -> bool:
        if words[-1].end() != end:
            return False
        for j in range(i + 1, len(words)):
            if not _SPACE_GAP.fullmatch(text, words[j - 1].end(), words[j].start(), HOLD_GIL):
                return False
        return tuple(w.group().lower() for w in words[i:]) in self.keys


@dataclass(frozen=True)
class _Vocab:
    units: dict[str, int]
    scales: dict[str, int]
    suffixes: dict[str, int]
    vague: dict[str, int]
    fractions: dict[str, float]
    ordinals: dict[str, int]
    currency_prefix: dict[str, str]
    currency_words: dict[str, str]
    qualifiers: dict[str, str]
    people: frozenset[str]
    noun_category: dict[str, str]
    after_category: dict[str, str]
    before_category: dict[str, str]
    change: dict[str, str]
    months: frozenset[str]
    starts: frozenset[str]  # lower-case words a spelled number can start with
    candidates: re.Pattern[str]  # where a number core can start (see ``_candidates``)
    core: regex.Pattern
    core_plain: str  # the same without "one in three" (its rare fallback; see _compiled)
    currency_before: regex.Pattern
    magnitude: regex.Pattern
    currency_after: regex.Pattern
    currency_after_country: regex.Pattern  # "84.20 Swiss francs"
    after_kw: _Phrases
    before_kw: _Phrases
    noun_kw: _Phrases  # use ``search_end``: the noun ends the subject
    update: _Phrases
    part_before: regex.Pattern
    part_after: regex.Pattern
    part_group: regex.Pattern  # " of the injured": the noun names a whole counted earlier
    part_among: regex.Pattern  # " children were among those rescued": the same, after a verb
    group_before: regex.Pattern  # "Of the injured, ": the same, before the figure
    group_category: dict[str, str]  # "injured" -> "injured"; nouns without one map to ""
    factor: dict[str, float]  # "doubled" -> 2.0
    factor_word: regex.Pattern
    rest_before: regex.Pattern
    change_before: regex.Pattern
    change_after: regex.Pattern
    labels: frozenset[str]
    label_ends: frozenset[str]  # last words of ``labels``
    qualifier_ends: frozenset[str]  # last words of ``qualifiers``
    change_word: _Phrases  # a second change verb starts a new change


def _candidates(starts: frozenset[str]) -> re.Pattern[str]:
    """Where a number core can start: a digit run, or a whole ASCII word in ``starts``
    (group 1; a match without it only skips text).

    Why this shape: a first-character filter for the words lets in most letters of
    prose, so a search tried the word pattern at nearly every character.  Here one
    match consumes whole runs of letters (each word tested once, at its start; one
    whose first letter starts no word of ``starts`` is skipped outright) and the text
    between them up to the next candidate: a third fewer steps on the corpus.  The
    case folding is ASCII-only, as ``str.lower`` on ``[A-Za-z]`` runs was ("\u017fix"
    is no "six"); digit runs are consumed whole, so "2,000" starts once.  Linear: the
    branches are disjoint, the first path always matches (an empty tail ends it), and
    a match reads at most 64 words, so its state stays small on a huge document.
    """
    first = "".join(sorted({c for w in starts for c in w[0] + w[0].upper()}))
    other = "".join(c for c in string.ascii_letters if c not in first)
    word = rf"(?ai:{trie(starts)})(?![A-Za-z])"
    p = regexcache.POSSESSIVE
    skip = rf"[^\dA-Za-z]*{p}(?:[{other}][A-Za-z]*{p}|(?!{word})[A-Za-z]+{p})"
    return regexcache.compile_std(rf"(?:{skip}){{0,64}}{p}[^\dA-Za-z]*{p}(?:({word}|\d[\d,.]*)|)")


def _months() -> frozenset[str]:
    """Month names and abbreviations (shared with the dates extractor's list)."""
    try:
        rows = _lines("dates_months.txt")
    except FileNotFoundError:  # pragma: no cover - the dates list is part of the package
        return frozenset()
    return frozenset(w.lower().rstrip(".") for row in rows for w in row.split()[1:])


_ONEIN_ALT = (
    r"|(?P<onein>(?:{numword}|\d{{1,3}})\s{{1,3}}(?:in|out\s{{1,3}}of)\s{{1,3}}"
    # not a year: "up from 48 in 2019" is a count and a year, no proportion
    r"(?:{numword}|(?!(?:1[89]|20)\d\d(?!\d))\d{{1,4}}))(?!\w)"
)


# How badly a group named back was hurt: "Eleven of the seriously injured"
_GROUP_DEGREE = r"(?:(?:seriously|critically|badly|severely|slightly|gravely)\s{1,3})?"


def fraction_value(phrase: str, v: _Vocab | None = None) -> float:
    """A fraction in words as a number: "two-thirds" 0.667, "a quarter" 0.25, "half" 0.5."""
    v = v or vocab()
    low = phrase.lower().replace("-", " ").split()
    num = 1 if low[0] in ("a", "one", "half") else v.units.get(low[0], 1)
    return num / v.fractions[low[-1]]


@cache
def vocab() -> _Vocab:
    """All number vocabulary and the regexes built from it, loaded once."""
    words = load_toml("numbers_words.toml")
    ctx = load_toml("numbers_context.toml")
    groups = dict(ctx["part"]["group_categories"]) | dict.fromkeys(ctx["part"]["group_nouns"], "")
    cats = load_toml("numbers_categories.toml")
    units, scales = words["units"], words["scales"]
    numword = _alt([*units, *scales])
    ordword = _alt(list(words["ordinals"]))
    vague = _alt(list(words["vague"]))
    frac = r"(?:a|one|two|three|four|nine)[\s-](?:thirds?|quarters?|fifths?|tenths?)|half"
    # the currencies written in letters, attached to the digits: "N494,000", "Dh912 million"
    letter_currency = _alt(sorted(k for k in words["currency_prefix"] if k.isalpha()))
    core = (
        # a number starts after no word character, or right after a lettered currency
        # ("N494,000", "KSh10 billion", "R2.5bn", "Rs10,000": checked in ``_digits``)
        rf"(?:(?<![\w./])|(?<=(?<![\w$])(?:{letter_currency})(?=\d)))(?:"
        rf"(?P<vague>(?:{vague})|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:hundred|thousand|million|billion|dozen))(?!\w)"
        + _ONEIN_ALT.format(numword=numword)
        + r"|(?P<halfmag>half\s+a\s+(?:million|billion))(?!\w)"
        rf"|(?P<frac>{frac})(?=\s+(?:of|the|a|an|their|its|his|her|all|were|was|are|is|had|have|has|will|would|could|said)\b|[,;.])"
        r"|(?P<digits>\d[\d,]*(?:\.\d+)?)"
        rf"|(?P<words>(?:an?\s+)?(?:{numword})(?:[\s-]{{1,3}}(?:and\s{{1,3}})?(?:{numword})){{0,8}})(?!\w|-(?!years?-old))"
        rf"|(?P<ord>{ordword})(?!\w)"
        r")"
    )
    cur_prefix = _alt_backward(list(words["currency_prefix"]))
    noun_category, after_category, before_category = {}, {}, {}
    for cat, table in cats.items():
        for w in table.get("nouns", []):
            noun_category.setdefault(w, cat)
        for w in table.get("after", []):
            after_category.setdefault(w, cat)
        for w in table.get("before", []):
            before_category.setdefault(w, cat)
    change = {w: "rise" for w in ctx["change"]["rise"]}
    change.update({w: "fall" for w in ctx["change"]["fall"]})
    flags = regex.IGNORECASE | regex.VERSION0
    starts = frozenset(
        [*units, *scales, *words["ordinals"], *words["fractions"]]
        + [k.split()[0] for k in words["vague"]]
        + ["a", "an", "several", "many", "half", "few", "couple"]
    )
    return _Vocab(
        units=units,
        scales=scales,
        suffixes=words["suffixes"],
        vague=words["vague"],
        fractions=words["fractions"],
        ordinals=words["ordinals"],
        currency_prefix={k.lower(): v for k, v in words["currency_prefix"].items()},
        currency_words=words["currency_words"],
        qualifiers=ctx["qualifiers"],
        people=frozenset(_lines("numbers_people.txt")),
        noun_category=noun_category,
        after_category=after_category,
        before_category=before_category,
        change=change,
        months=_months(),
        starts=starts,
        candidates=_candidates(starts),
        core=regexcache.compile(core, flags),
        core_plain=core.replace(_ONEIN_ALT.format(numword=numword), ""),
        currency_before=regexcache.compile(
            rf"(?<![\w$£€¥₹])(?:{cur_prefix})\s?$",
            flags | regex.REVERSE,  # see _MONTH_BEFORE
        ),
        magnitude=regexcache.compile(
            # "$4.53 billion", and "$4.53-billion" as Canadian and South African papers write it
            r"(?:(?P<short>bn|mn|trn|tn|m|k|b)|(?:\s{1,3}|-)(?P<long>trillion|billion|million|thousand|crore|lakh|mln|bln)s?)(?![\w-])",
            regex.VERSION0,
        ),
        currency_after=regexcache.compile(
            rf"\s{{0,3}}(?P<word>{_alt(list(words['currency_words']))})(?![\w-])", regex.VERSION0
        ),
        currency_after_country=regexcache.compile(
            rf"\s{{1,3}}(?P<adj>{_CURRENCY_ADJECTIVES})\s{{1,3}}"
            rf"(?P<word>{_alt(list(words['currency_words']))})(?![\w-])",
            regex.VERSION0,
        ),
        after_kw=_Phrases(list(after_category)),
        before_kw=_Phrases(list(before_category)),
        noun_kw=_Phrases(list(noun_category)),
        update=_Phrases(ctx["update"]["words"]),
        part_before=regexcache.compile(rf"\b(?:{_alt(ctx['part']['before'])})\s{{1,3}}$", flags),
        part_after=regexcache.compile(rf"\s{{1,3}}(?:{_alt(ctx['part']['after'])})\b", flags),
        rest_before=regexcache.compile(rf"\b(?:{_alt(ctx['rest']['before'])})\s{{1,3}}$", flags),
        part_group=regexcache.compile(
            rf"\s{{1,3}}of\s{{1,3}}(?:the|those|these)\s{{1,3}}{_GROUP_DEGREE}"
            rf"(?P<noun>{_alt(list(groups))})\b",
            flags,
        ),
        # "23 children were among those rescued"
        part_among=regexcache.compile(
            r"(?:[ ][\p{L}-]{2,20}){0,2}[ ](?:were|was|are|is)[ ]among[ ](?:the|those|these)[ ]"
            rf"{_GROUP_DEGREE}(?P<noun>{_alt(list(groups))})\b",
            flags,
        ),
        group_before=regexcache.compile(
            rf"\b(?:of|among)\s{{1,3}}(?:the|those|these)\s{{1,3}}{_GROUP_DEGREE}"
            rf"(?P<noun>{_alt(list(groups))})"
            r"\s{0,3},\s{1,3}$",
            flags,
        ),
        group_category=groups,
        factor=dict(ctx["factor"]),
        factor_word=regexcache.compile(
            rf"\b(?P<q>more\s{{1,3}}than\s{{1,3}}|nearly\s{{1,3}}|almost\s{{1,3}})?"
            rf"(?P<verb>{_alt(list(ctx['factor']))})(?![\w-])",  # not "double-digit"
            flags,
        ),
        change_before=regexcache.compile(
            rf"\b(?P<verb>{_alt_backward(list(change))})(?:\s{{1,3}}(?:by|of))?(?:\s{{1,3}}(?:a|an|some|about|around|nearly|almost|more\s+than|over|just|only))?\s{{1,3}}$",
            flags | regex.REVERSE,  # anchored at the end, as _MONTH_BEFORE
        ),
        labels=frozenset(ctx["labels"]["before"]),
        label_ends=_last_words(ctx["labels"]["before"]),
        qualifier_ends=_last_words(ctx["qualifiers"]),
        change_word=_Phrases([w for w in change if w not in ("up", "down")]),
        change_after=regexcache.compile(
            r"\s{1,3}(?P<verb>rise|increase|jump|gain|growth|fall|drop|decline|slump|cut|decrease"
            r"|reduction|surge|dip|more|higher|fewer|less|lower|premium|discount|deficit"
            r"|shortfall)\b",
            flags,
        ),
    )


@cache
def _compiled(pattern: str) -> regex.Pattern:
    """A rarely needed pattern, compiled on first use rather than at start-up."""
    return regexcache.compile(pattern, regex.IGNORECASE | regex.VERSION0)


# -- shapes that are never counts ------------------------------------------------

_NEVER = regexcache.compile(
    r"(?<![\w.,])(?=[\d+(])(?:"
    r"\+?\(?\d{1,5}\)?(?:[ \-]\d{2,5}){2,4}(?!\w|,\d)"  # phone numbers
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\w)"  # 2005-01-03
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\w)"  # 3/1/2005
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s?(?i:[ap]\.?m\b\.?|gmt\b|bst\b|hrs\b|hours\b|local\b|et\b|est\b)"
    r"|\d{1,2}:\d{2}(?!\d)"  # 2:30
    r"|\d{1,2}\s?(?i:[ap]\.m\.|[ap]m\b|o'clock\b)"  # 10am, 10 a.m.
    r"|\d{4}[-/\u2013]\d{2}(?![\w\d])"  # 2004-05 (a season or fiscal year)
    r"|\d{1,5}[A-Za-z]?\s{1,2}(?:[A-Z][a-z]{1,20}\s{1,2}){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|Square|Place|Terrace|Crescent|Way|Close)\b"
    r")",
    regex.VERSION0,
)
# Where a match of ``_NEVER`` or ``_SCORE_SHAPE`` can start: a digit, "+" or "(" after no
# ASCII word character, full stop or comma (the look-behind after the character, so that
# the standard engine skips to the few candidates in a loop of its own).  Any character
# past ASCII counts as a digit: ``regex`` knows more digits than the standard engine.
_SHAPE_START = regexcache.compile_std(r"[0-9+(\x80-\U0010ffff](?<![A-Za-z0-9_.,].)")
# A score: "3-1" next to a word of winning or losing.
_SCORE_SHAPE = regexcache.compile(r"(?<![\w.,])\d{1,2}\s?[-\u2013]\s?\d{1,2}(?![\w-])")
_SCORE_BEFORE = regexcache.compile(
    r"\b(?:beat|beating|won|win|wins|lost|lose|losing|drew|draw|defeat|defeated|victory|score|scored|lead|led|trail|trailing|thrashed|edged)\b",
    regex.IGNORECASE,
)
_SCORE_AFTER = regexcache.compile(
    r"\s{1,3}(?:win|victory|defeat|draw|loss|lead|scoreline|home|away|aggregate|thrashing)\b",
    regex.IGNORECASE,
)
_TIME_UNIT_AFTER = regexcache.compile(
    r"(?:\s{1,3}|-)(?:(?:and\s{1,3}a\s{1,3}half|more|further|full|consecutive|straight|successive|long|extra|additional)[\s-]{1,3})?"
    r"(?P<unit>seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?|decades?|centuries|century|quarters?|terms?|sessions?|innings|seasons?)\b(?!-old|\s{1,3}old\b|\s{1,3}of\s{1,3}age\b)",
    regex.IGNORECASE | regex.VERSION0,
)
_AGE_AFTER = regexcache.compile(
    r"(?:-|\s{1,3})(?:years?|yrs?)(?:-|\s{1,3})old\b|\s{1,3}years?\s{1,3}of\s{1,3}age\b",
    regex.IGNORECASE,
)
_OLDER = regexcache.compile(r"\s{1,3}(?:or|and)\s{1,3}older\b")
_AGE_BEFORE = regexcache.compile(
    r"\b(?:(?P<q>under|over|below|above)\s{1,3}the\s{1,3}age\s{1,3}of|(?:aged|ages|age\s+of)(?:\s{1,3}(?:over|under|about|around|between|at\s{1,3}least|up\s{1,3}to))?|age)\s{1,3}$",
    regex.IGNORECASE,
)
_ONE_IN = regexcache.compile(r"\s{1,3}(?:in|out\s{1,3}of)\s{1,3}")
_OF_CURRENCY = regexcache.compile(
    r"\s{1,3}of\s{1,3}(dollars|euros|pounds|yen|yuan|roubles|rupees|francs)\b", regex.I
)
_AGE_LIST = regexcache.compile(
    r"\baged\s{1,3}\d{1,3}(?:\s{0,2},\s{1,3}\d{1,3}){0,5}\s{0,2}(?:,|and|or)\s{1,3}$"
)
_AGE_PLUS = regexcache.compile(
    r"\s{1,3}(?:and|or)\s{1,3}(?:over|older|above)\b|-plus\b|\+", regex.I
)
_AGE_QUALIFIER = {
    "under": "less_than",
    "below": "less_than",
    "over": "more_than",
    "above": "more_than",
}
_YOUNGER_THAN = regexcache.compile(r"\b(?:younger|older)\s{1,3}than\s{1,3}$", regex.IGNORECASE)
# A currency's country before its word: "84.20 Swiss francs", "1.2 billion Hong Kong dollars"
_CURRENCY_ADJECTIVES = (
    r"Swiss|Hong\s{1,3}Kong|Australian|Canadian|New\s{1,3}Zealand|Singapore|Taiwan"
    r"|South\s{1,3}African|Danish|Norwegian|Swedish|Mexican|Philippine|Chilean|Colombian"
    r"|Argentine|Brazilian|Egyptian|Indian|Pakistani"
)
_YOUNGEST_IS = regexcache.compile(
    r"\b(?:youngest|oldest)\b[^.;:!?\d]{0,36}?\b(?:is|was|are|were)\s{1,3}(?:just\s{1,3}|only\s{1,3})?$",
    regex.IGNORECASE,
)
_NAME_AGE = regexcache.compile(r"[A-Z][\w'-]{1,30},\s$")  # "Nursultan Nazarbaev, 81,"
_PERCENT_AFTER = regexcache.compile(
    r"\s?%|\s{0,2}(?:per\s?cent|percent|pct|pc)\b(?:age\s{1,3}points?\b)?|\s{1,3}percentage[\s-]points?\b|\s{1,3}basis\s{1,3}points?\b",
    regex.IGNORECASE,
)
_POINTS_AFTER = regexcache.compile(r"\s{1,3}points?\b", regex.IGNORECASE)
_POINTS_CHANGE_BEFORE = regexcache.compile(
    r"\b(?:an?\s{1,3}(?P<verb>loss|gain|drop|fall|rise|decline|increase|jump|lead|gap|margin"
    r"|difference)\s{1,3}of"
    r"|(?P<verb>up|down|fell|rose|dropped|gained|lost|climbed)(?:\s{1,3}by)?)\s{1,3}$",
    regex.IGNORECASE,
)
_POPULATION_BEFORE = regexcache.compile(
    r"\b(?:nation|country|city|town|state|island|region|republic|province|kingdom|territory|population|populace|metropolis|capital)\s{1,3}of\s{1,3}(?:(?:some|about|around|roughly|nearly|almost|more\s+than|over|just\s+over|approximately)\s{1,3})?$",
    regex.IGNORECASE,
)
_HOME_TO = regexcache.compile(r"\bhome\s{1,3}to\s{1,3}$", regex.IGNORECASE)
_POPULATION_AFTER = regexcache.compile(r"\s{1,3}(?:inhabitants|population)\b", regex.IGNORECASE)
_ERA_AFTER = regexcache.compile(r"[ ]?(?:BCE?|AD|CE)(?![\p{L}\p{N}])")
_ERA_BEFORE = regexcache.compile(r"(?<![\p{L}\p{N}])AD[ ]$")
_ERA_FIRST = ("A", "B", "C")  # what ``_ERA_AFTER`` starts with, after its optional space
_ORD_DIGITS = regexcache.compile(r"(?:st|nd|rd|th)(?![\w])", regex.IGNORECASE)
_DECADE = regexcache.compile(r"'?s(?![\w])")
# A 24-hour clock time, not a year: "kick-off is at 2000 GMT", "the 1930 BST deadline".
_CLOCK_ZONE = regexcache.compile(r"[ \t]{0,2}(?:GMT|BST|UTC|CET|hrs)\b")
_DECADE_FIRST = ("'", "s")
_WORD = regexcache.compile(r"[A-Za-z][A-Za-z'\-]{0,30}|[^\sA-Za-z]")
_RANGE_JOIN = regexcache.compile(
    r"\s{0,2}(?:-|\u2013|\u2014)\s{0,2}|\s{1,3}to\s{1,3}", regex.IGNORECASE
)
_BETWEEN = regexcache.compile(r"\bbetween\s{1,3}$", regex.IGNORECASE)
_AND = regexcache.compile(r"\s{1,3}and\s{1,3}", regex.IGNORECASE)
_FROM = regexcache.compile(r"\bfrom\s{1,3}$", regex.IGNORECASE)
# "one" as an item of a list of counts: "…, four were Korean, one was Vietnamese and one
# was from Uzbekistan"
_LIST_BEFORE = regexcache.compile(r"(?:,|\band)[ ]{1,3}$")
_ONE_ITEM_AFTER = regexcache.compile(r"[ ]{1,3}(?:was|in|from|at)[ ]")
_COUNTED_ITEM = regexcache.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ ]{1,3}"
    r"(?:were|in|from|at)[ ][^.;:!?]{0,120}(?:,|[ ]and)[ ]$",
    regex.IGNORECASE,
)
# The old level a market figure is measured from: "from Friday's close of 75.58 francs",
# "from a close of $179.80"
_FROM_CLOSE = regexcache.compile(
    r"\bfrom\s{1,3}(?:(?:the|a)\s{1,3}|\p{Lu}\p{Ll}{2,10}['\u2019]s\s{1,3})?(?:previous\s{1,3}"
    r"|prior\s{1,3})?(?:close|closing\s{1,3}(?:price|level))\s{1,3}of\s{1,3}$"
)
_OR_BEFORE = regexcache.compile(r",\s{0,3}or\s{1,3}$", regex.IGNORECASE)
# ... but "from $2.83 an hour to $4.80, or 40% of the regular minimum": a share of another
_OF_AFTER = regexcache.compile(r"[ ]of\b")
_FROM_OWN = regexcache.compile(r"\bfrom\s{1,3}(?:its|their|the)\s{1,3}$", regex.IGNORECASE)
# The price a premium or discount is measured against: "a 13% premium to its close of"
_PRICED_AGAINST = regexcache.compile(
    r"\b(?:premium|discount)(?:\s{1,3}of\s{1,3}(?:about\s{1,3}|some\s{1,3}|around\s{1,3})?[\d.,]{1,8}"
    r"\s{0,2}(?:%|per\s{1,3}cent|percent))?"  # "a premium of 42% to"
    r"\s{1,3}(?:to|over|on)\s{1,3}(?:(?:its|the|their|[A-Z]\w{1,20}['\u2019]s)"
    r"\s{1,3})?(?:(?:previous|last|prior|closing|average|undisturbed|share)\s{1,3}){0,2}"
    r"(?:close|price|level)?(?:\s{1,3}of)?\s{1,3}$"
)
# The old level straight after the change, in British usage: "up 18.6 per cent on the 9,400"
_ON_OLD = regexcache.compile(r"\s{1,3}on\s{1,3}(?:the\s{1,3})?")
# ... or after its noun: "a 40% increase over this year's $100 million"
_OVER_OLD = regexcache.compile(
    r"\s{1,3}(?:over|on)\s{1,3}(?:(?:the|this|last|its|their)\s{1,3})?"
    r"(?:(?:year|month|quarter|season|week)['\u2019]s\s{1,3})?",
    regex.IGNORECASE,
)
# A change that says no direction, which the figures before it give
_UNSIGNED_BEFORE = regexcache.compile(
    r"\b(?:improvement|change|shift)\s{1,3}of\s{1,3}"
    r"(?:(?:about|some|around|nearly|almost)\s{1,3})?$",
    regex.IGNORECASE,
)
# A premium or discount told before its percentage: "a premium of 42% to its close of"
_PREMIUM_OF = regexcache.compile(
    r"\b(?P<verb>premium|discount)\s{1,3}of\s{1,3}(?:(?:about|some|around)\s{1,3})?$",
    regex.IGNORECASE,
)
_GAP_NOUNS = frozenset(("lead", "gap", "margin", "difference"))  # of two shares, no change
_PERCENT_WORD = regexcache.compile(r"%|\bper[ ]?cent\b|\bpercent\b", regex.IGNORECASE)
_MADE_UP = regexcache.compile(r"\b(?:made|make|makes|making)[ ]$", regex.IGNORECASE)
_PERCENT_NEXT = regexcache.compile(r"[ ]?(?:%|per[ ]?cent\b|percent\b)", regex.IGNORECASE)
# After a percentage with its verb further back: "raised the price 50% from", "raised the
# dividend by 5%, to 42 cents"
_FROM_AFTER = regexcache.compile(r"\s{1,3}from\b|,\s{1,3}to\b", regex.IGNORECASE)
_TO = regexcache.compile(r"\bto\s{1,3}$", regex.IGNORECASE)
# A new level named as an extreme: "fell from 13.6% … to a low of 11.7%"
_TO_EXTREME = regexcache.compile(
    r"\bto\s{1,3}an?\s{1,3}(?:record\s{1,3}|new\s{1,3})?(?:low|high|peak|trough)\s{1,3}of\s{1,3}$",
    regex.IGNORECASE,
)
# "up 3.8% from the current year's $46.8 billion", "from last year's £2bn"
_FROM_PERIOD = regexcache.compile(
    r"\bfrom\s{1,3}(?:(?:the|last|this)\s{1,3})?(?:(?:current|previous|prior|same)\s{1,3})?"
    r"(?:year|quarter|month|period|season)['\u2019]s\s{1,3}$",
    regex.IGNORECASE,
)
_OF_THE_START = regexcache.compile(
    r"(?<!\w)(?:of|among)\s{1,3}(?:the\s{1,3}|those\s{1,3}|these\s{1,3})?$",
    regex.IGNORECASE,
)
_OF = regexcache.compile(r"\s{1,3}of\s{1,3}", regex.IGNORECASE)
# A count's noun, then a colon and the first of its parts: "32 people: 20 in Texas, …"
# ("including" is read as a part's lead already).  Not a dash, which as often opens a
# restatement or an aside ("eight players plus injuries - 13 players out of 31").
_COLON_LIST = regexcache.compile(r"(?:[ ]\p{Ll}{2,20}){1,3}:[ ]{1,2}")
# ... or after a comma, when two items at least say where or by whom: "closed 11 beaches on
# Sunday morning, six in the Port Macquarie-Hastings area and seven in Kempsey Shire",
# "heard 60 witnesses, 41 called by the prosecution and 29 by the defence", "evacuated
# 4,630 people, with 2,870 in Pronojiwo and 1,960 in Candipuro"
_COMMA_LIST = regexcache.compile(r"(?:[ ][\p{L}\-]{2,20}){1,4},[ ](?:with[ ])?")
_ITEM_WHERE = regexcache.compile(r"[ ](?:\p{Ll}{2,15}[ ])?(?P<prep>in|at|on|by)[ ]")
_ITEM_LINK = regexcache.compile(r"[^,;:.\d()]{0,60}?(?:,[ ](?:and[ ])?|[ ]and[ ])")
_OF_GROUP = regexcache.compile(
    r"\s{1,3}of\s{1,3}(?:(?:the|those)\s{1,3}[a-z]{2,20}|them|whom)\b", regex.I
)
_AND_END = regexcache.compile(r"\band\s{1,3}$", regex.IGNORECASE)
_OF_THE_NEXT = regexcache.compile(
    r"\s{1,3}(?:out\s{1,3}of|of(?:\s{1,3}(?:the|its|their|his|her|our|those|these))?)"
    r"(?:\s{1,3}[A-Za-z-]{1,20}['\u2019]s)?"  # "40 of the region's 150 farms",
    r"(?:\s{1,3}(?:last|past|first|previous|next|remaining))?\s{1,3}",  # "of their last six"
    # "24 of 28 economists"
    regex.IGNORECASE,
)
# "Of those, 240,000", "Of the total, about 107 million": a part of a figure just stated
# "the total" needs its comma: in "30,800 of the total 4.4 mln shares" the figure after
# it is the total itself.
_ANAPHOR_BEFORE = regexcache.compile(
    r"\b(?:of|among)\s{1,3}(?:(?:those|them|whom|these|which)\s{0,3}[,:]?"
    r"|th(?:e|at|is)\s{1,3}(?:total|number|figure)\s{0,3}[,:]"
    # "Of those arrested, 150", "Of the people detained, 40": the group just counted
    r"|(?:those|the\s{1,3}(?:people|men|women|children))\s{1,3}(?:arrested|detained|held"
    r"|killed|injured|hurt|wounded|rescued|evacuated|hospitali[sz]ed|charged|questioned"
    r"|affected|infected|surveyed|polled|tested|interviewed|displaced)"
    r"\s{0,3},)\s{1,3}$",
    regex.IGNORECASE,
)
_CLAUSE_BREAK = regexcache.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|while|whereas|although|as|after|before|when)\b",
    regex.IGNORECASE,
)
_OR_SO = regexcache.compile(r"\s{1,3}or\s{1,3}so\b|-odd\b|\s?\+(?![\d])|-plus\b", regex.IGNORECASE)

_STOP = frozenset(
    """
    a an the of in on at to for from by with and or but as than that which who whom whose
    were was are is be been being have has had will would could should may might can must
    do did does not no nor per each this these those their its his her our your my it they
    he she we them into over under after before since until during about around more less
    up down out off there here while when where if so also still now then just only even
    all both most some many such other another said says say told according against among
    between across through within without because via including what how why whether
    near outside inside behind beyond toward towards upon amid despite like beside along
    onto throughout alongside who last next today yesterday tomorrow overnight ago
    earlier later this that
    year years month months week weeks day days
    """.split()
)
# Capitalised words that may lead a sentence right before a figure (not a name).
_LEADS = frozenset(
    """
    only just another all since until after before with for by between at nearly almost
    roughly exactly precisely barely fully another total overall altogether fewer less
    last next first both some those these her his their its our my and or but yet
    """.split()
)
_DEMONYM = regexcache.compile(r"[A-Z][a-z]{2,20}(?:ans|ers|ese|ons|is|ns)")  # Britons, Iraqis
# Common verbs that end a counted noun phrase ("50,000 children live with...").
_VERBS = frozenset(
    """
    live lives lived lack work works face faces need needs remain remains want wants make
    makes take takes get gets go goes come comes use uses own owns hold holds see sees
    pay pays earn earns lose loses claim claims receive receives rely depend expect
    took made came went gave got saw left fell rose ran won lost paid held sent met fled
    began told spent kept brought bought sold stood sat became grew drew threw flew
    """.split()
)
_ADJ_SUFFIXES = ("er", "est", "ed", "al", "ic", "ish", "ive", "ous", "ful", "less", "ing", "ly")


# -- extraction ------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A claim under construction."""

    kind: str
    start: int
    end: int
    value: float
    qualifier: str = "exact"
    unit: str | None = None
    magnitude: bool = False
    upper: float | None = None


def _shape_spans(text: str) -> list[tuple[int, int]]:
    """Times, phone numbers, numeric dates, addresses and scores found by their shape.

    Both shape patterns are tried only where ``_SHAPE_START`` finds that one can start
    (``matches_at``): a ``regex`` scan of the whole text tried their look-behind at
    every character.
    """
    starts = [m.start() for m in _SHAPE_START.finditer(text)]
    spans = [m.span() for m in matches_at(_NEVER, text, starts)]
    for m in matches_at(_SCORE_SHAPE, text, starts):
        if _SCORE_AFTER.match(text, m.end(), None, HOLD_GIL) or _SCORE_BEFORE.search(
            text, max(0, m.start() - 40), m.start(), HOLD_GIL
        ):
            spans.append(m.span())
    return spans


def _blocked_spans(
    doc: Document, shapes: list[tuple[int, int]], years: bool = True
) -> list[tuple[int, int]]:
    """Spans whose numbers are never claims: dates, durations and the shapes above.

    ``years=False`` leaves out dates that are a bare year ("in 2019"), whose number
    is still a year claim.
    """
    spans = [(d.span.start, d.span.end) for d in doc.dates if years or d.precision != "year"]
    spans += [(d.span.start, d.span.end) for d in doc.durations]
    spans += shapes
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _overlaps(blocked: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, s) - 1
    for j in (i, i + 1):
        if 0 <= j < len(blocked) and blocked[j][0] < e and s < blocked[j][1]:
            return True
    return False


def _words_value(text: str, v: _Vocab) -> tuple[float, bool] | None:
    """Value of a spelled number ("Sixty-two", "two hundred and five"); magnitude flag."""
    tokens = [t for t in _WORD_SPLIT.split(text.lower()) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
        if len(tokens) < 2 or tokens[1] not in v.scales and tokens[1] != "dozen":
            return None
    total, current, scaled = 0, 0, False
    for tok in tokens:
        if tok == "dozen":
            current = (current or 1) * 12
        elif tok in v.units:
            current += v.units[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in v.scales:
            total += (current or 1) * v.scales[tok]
            current, scaled = 0, True
    return total + current, scaled


_MILLIONS_BEFORE = regexcache.compile_std(r"\d(?:[.,]\d+)?m[ ]([a-z]{2,15})")
_MILLIONS_REACH = 60  # characters before a "from" figure searched for its millions
# Things counted in millions that an "m" after the figure leaves no doubt of: "2m homes"
_MILLIONS_OF = frozenset(
    "customers users viewers subscribers households homes jobs barrels tonnes tons votes"
    " doses vehicles cars copies shares acres hectares".split()
)


def _number(s: str) -> float | None:
    """Value of a digit string ("2,000", "2.4", Indian "6,72,717"); None when the
    commas group no digits as thousands or as lakhs and crores."""
    s = s.rstrip(",")
    if "," in s:
        head, *groups = s.split(".")[0].split(",")
        thousands = 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)
        indian = (
            1 <= len(head) <= 2
            and len(groups) >= 2
            and len(groups[-1]) == 3
            and all(len(g) == 2 for g in groups[:-1])
        )
        if not (thousands or indian):
            return None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def _year_shape(raw: _Raw, digits: str) -> bool:
    """ "2003": four plain digits in the range of years, no currency or magnitude."""
    return (
        raw.kind == "count"
        and not raw.magnitude
        and len(digits) == 4
        and digits.isdigit()
        and 1000 <= raw.value <= 2100
    )


def _tidy(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 1e18 else round(x, 6)


_NEXT_WORD = regexcache.compile_std(rf"{regexcache.SPACE}{{1,3}}([A-Za-z]+)")
_WORD_SPLIT = regexcache.compile(r"[\s\-]+")
_CAP_BEFORE = regexcache.compile(r"(?<![\w.'])([A-Z][\w&]{0,20})\s$")
# Anchored at the window's end: searched backwards (REVERSE) it is tried there once, not
# from every start in the window; the match is the same.
_MONTH_BEFORE = regexcache.compile(r"([A-Za-z]{3,9})\.?\s{1,2}$", regex.REVERSE)
_MONTH_AFTER = regexcache.compile(r"(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?([A-Za-z]{3,9})\b")
_NEXT_LOWER = regexcache.compile_std(rf"{regexcache.SPACE}{{1,3}}([a-z]{{2,20}})")
_ARTICLE_LEADS = frozenset({"a", "an", "many", "several"})


def _phrase_before(
    text: str, lo: int, end: int, phrases: Mapping, ends: frozenset[str]
) -> tuple[str, int] | None:
    """The longest of ``phrases`` (up to three words) that ends right before ``end``;
    ``ends``: the last word of each phrase (``_last_words``), asked first, as most
    words before a number end no phrase."""
    window = text[lo:end]
    if not window or not window[-1].isspace():
        return None
    every = window.split()
    words = every[-3:]
    if lo > 0 and text[lo - 1].isalnum() and len(words) == len(every):
        words = words[1:]  # the first word is cut by the window
    if not words or words[-1].lower() not in ends:
        return None
    for k in range(len(words), 0, -1):
        key = " ".join(words[-k:]).lower()
        if key in phrases:
            tail = window.rstrip()
            start = lo + len(tail) - len(" ".join(words[-k:]))
            if " ".join(text[start : lo + len(tail)].split()) != " ".join(words[-k:]):
                start = lo + window.rfind(words[-k])  # words were spaced unusually
            return key, start
    return None


def _last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The last word of each phrase: a phrase ends a window only where its last word does."""
    return frozenset(p.rsplit(" ", 1)[-1] for p in phrases)


class _Scanner:
    """One pass over a document's text producing ``_Raw`` claims."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.v = vocab()
        self.shapes = _shape_spans(doc.text)
        self.blocked = _blocked_spans(doc, self.shapes)
        self.starts = [s for s, _ in self.blocked]
        self.not_year = _blocked_spans(doc, self.shapes, years=False)
        self.not_year_starts = [s for s, _ in self.not_year]
        self.durations = sorted(doc.durations, key=lambda d: d.span.start)
        self.duration_starts = [d.span.start for d in self.durations]
        self.sent_starts = [s.span.start for s in doc.sentences]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.doc.sentences[i].span.start if i >= 0 else 0

    def scan(self) -> list[_Raw]:
        out: list[_Raw] = []
        last_end = 0
        text, core, starts = self.text, self.v.core, self.v.starts
        # A tight filter first: most words are no number.
        for c in self.v.candidates.finditer(text):
            pos = c.start(1)  # -1 for a match that only skipped text: below ``last_end``
            if pos < last_end:
                continue  # "million" of "19 million" is already part of a claim
            if not text[pos].isdigit():
                end = pos + 1
                while end < len(text) and text[end].isalpha():
                    end += 1
                if text[pos:end].lower() in _ARTICLE_LEADS:
                    nxt = _NEXT_WORD.match(text, end)
                    if nxt is None or nxt.group(1).lower() not in starts:
                        continue
            m = core.match(text, pos, None, HOLD_GIL)
            if m is None:
                continue
            raw = self._one(m)
            if raw is None and m.lastgroup == "onein":  # "32 out of 23": two counts
                m = _compiled(self.v.core_plain).match(text, pos)
                raw = self._one(m) if m is not None else None
            if raw is None:
                continue
            if _overlaps(self.blocked, self.starts, raw.start, raw.end) and not self._bare_year(
                raw
            ):
                unit = self._duration_unit(raw)
                if unit is None:
                    continue
                raw.kind, raw.unit = "duration", unit  # kept only to close a range
            out.append(raw)
            last_end = raw.end
        return out

    def _bare_year(self, raw: _Raw) -> bool:
        """ "in 2019": a year the dates extractor read as a bare year is still a year claim."""
        if raw.kind != "year":
            return False
        return not _overlaps(self.not_year, self.not_year_starts, raw.start, raw.end)

    def _duration_unit(self, raw: _Raw) -> str | None:
        """The unit of the duration that starts at this number ("five days" -> "days")."""
        if raw.kind == "duration":
            return raw.unit
        if raw.kind != "count":
            return None
        i = bisect.bisect_right(self.duration_starts, raw.start) - 1
        for j in (i, i - 1):  # the duration starting at or just before the number
            if j < 0:
                continue
            d = self.durations[j]
            if d.span.start <= raw.start and raw.end <= d.span.end and d.unit:
                return d.unit if d.unit.endswith("s") else d.unit + "s"
        return None

    def _one_listed(self, m: regex.Match) -> bool:
        """ "six were Chinese, four were Korean, one was Vietnamese": "one" as the last
        items of a list of counts, each told apart ("one was", "one in", "one from")."""
        start, end = m.start(), m.end()
        return (
            m.group().lower() == "one"
            and _LIST_BEFORE.search(self.text, max(0, start - 6), start, HOLD_GIL) is not None
            and _ONE_ITEM_AFTER.match(self.text, end, None, HOLD_GIL) is not None
            and _COUNTED_ITEM.search(self.text, max(0, start - 150), start, HOLD_GIL) is not None
        )

    # one core -> one raw claim (or None)
    def _one(self, m: regex.Match) -> _Raw | None:
        kind = m.lastgroup
        if kind == "digits":
            return self._digits(m)
        if kind == "words":
            got = _words_value(m.group(), self.v)
            if got is None:
                return None
            value, scaled = got
            if (
                value <= 1
                and not scaled
                and m.group().lower() in ("one", "a", "an", "zero")
                and not self._one_listed(m)
            ):
                return None  # "one of the", "no one", "zero tolerance": not a figure
            if self._is_name(m.start()):
                return None
            return self._finish(_Raw("count", m.start(), m.end(), value, magnitude=scaled))
        if kind == "vague":
            low = " ".join(m.group().lower().split())
            value = self.v.vague.get(low)
            if value is None:  # "several hundred", "a few thousand"
                value = self.v.scales.get(low.rsplit(" ", 1)[-1], 12) * 2
            raw = _Raw("count", m.start(), m.end(), value, qualifier="vague")
            money = _OF_CURRENCY.match(self.text, m.end(), None, HOLD_GIL)  # "billions of dollars"
            if money is not None:
                raw.kind, raw.unit = "money", self.v.currency_words[money.group(1).lower()]
            return self._finish(raw)
        if kind == "onein":  # "one in three" is a proportion
            num, den = _ONE_IN.split(m.group().lower(), maxsplit=1)
            a, b = self._small(num), self._small(den)
            if not a or not b or a >= b:
                return None
            raw = _Raw("percent", m.start(), m.end(), round(100 * a / b, 1), unit="fraction")
            q = self._qualifier(raw.start)
            if q is not None:
                raw.qualifier, raw.start = q
            return raw
        if kind == "halfmag":
            scale = self.v.scales[m.group().lower().rsplit(None, 1)[-1]]
            return self._finish(_Raw("count", m.start(), m.end(), scale / 2, magnitude=True))
        if kind == "frac":
            value = round(100 * fraction_value(m.group(), self.v), 3)
            raw = _Raw("percent", m.start(), m.end(), value, unit="fraction")
            q = self._qualifier(raw.start)
            if q is not None:
                raw.qualifier, raw.start = q
            return raw
        if kind == "ord":
            low = m.group().lower()
            before = self.text[max(0, m.start() - 3) : m.start()].lower()
            if low == "second" and before.endswith(("per ", "lit ")):
                return None
            return _Raw("ordinal", m.start(), m.end(), self.v.ordinals[low])
        return None

    def _small(self, word: str) -> float | None:
        word = word.strip()
        if word.isdigit():
            return float(word)
        got = _words_value(word, self.v)
        return got[0] if got else None

    def _digits(self, m: regex.Match) -> _Raw | None:
        text, s = self.text, m.group()
        start, end = m.start(), m.end()
        if s.endswith(","):
            end -= len(s) - len(s.rstrip(","))
            s = s.rstrip(",")
        if len(s) > MAX_DIGITS:
            return None
        value = _number(s)
        if value is None:
            return None
        nxt = text[end : end + 1]
        # "F-16", "Covid-19": a hyphen after a letter makes the number part of a name.
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
            return None
        if nxt == ":" or nxt == "/" or (nxt == "." and text[end + 1 : end + 2].isdigit()):
            return None
        if _ORD_DIGITS.match(text, end, None, HOLD_GIL):
            if self._near_month(start, end + 2):
                return None
            return _Raw("ordinal", start, end + 2, value)
        # "55 BC", "AD 410": a year of the era, never a count.  Each pattern is tried only
        # where the characters it must start or end with are there (most numbers: none).
        after = text[end : end + 2]
        era = (
            _ERA_AFTER.match(text, end, None, HOLD_GIL)
            if after[:1] in _ERA_FIRST or after[:1] == " " and after[1:] in _ERA_FIRST
            else None
        )
        if era is not None or (
            text[start - 3 : start] == "AD "
            and _ERA_BEFORE.search(text, max(0, start - 4), start, HOLD_GIL)
        ):
            return _Raw("year", start, era.end() if era else end, value)
        # "1990s", "the '90s"
        dm = _DECADE.match(text, end, None, HOLD_GIL) if after[:1] in _DECADE_FIRST else None
        if dm and "," not in s and "." not in s and (len(s) == 4 or text[start - 1 : start] == "'"):
            return _Raw("year", start, dm.end(), value)
        mag = self.v.magnitude.match(text, end, None, HOLD_GIL)
        raw = _Raw("count", start, end, value)
        cur = self._currency_before(start)
        if start and text[start - 1].isalpha() and (cur is None or ("," not in s and mag is None)):
            return None  # "N95 masks", "the R21": a lettered currency only before a sum
        if mag is not None:
            word = mag.group("short") or mag.group("long")
            short_word = mag.group("short")
            if (
                short_word in ("m", "k", "b")
                and cur is None
                and not self._currency_word_after(mag.end())
                and not (short_word == "m" and self._millions_of(start, mag.end()))
            ):
                return None  # "a 600m drop" is metres
            raw.value = value * self.v.suffixes[word.lower().removesuffix("s")]
            raw.end, raw.magnitude = mag.end(), True
        elif nxt.isalpha() and not self._currency_word_after(end):
            return None  # "3G", "4x4", "747s"
        if cur is not None:
            raw.kind, raw.unit = "money", cur[1]
            raw.start = cur[0]
        if (
            # "Apollo 11"; never "Fire 14,000" nor "owes Rand Water $1.42 billion"
            # nor a share: "Coles 28%, Aldi 10%"
            (
                "," not in s
                and cur is None
                and not _PERCENT_NEXT.match(text, end, None, HOLD_GIL)
                and self._is_name(raw.start)
            )
            or self._is_label(raw.start)
            or self._near_month(start, end)
        ):
            return None
        if _year_shape(raw, s) and _CLOCK_ZONE.match(text, end, None, HOLD_GIL):
            return None
        if (
            _year_shape(raw, s)
            and not self._people_after(end)
            and not self.v.part_after.match(text, end, None, HOLD_GIL)  # "1110 of whom"
            and not (  # "said 1149 of the 1,012 men", not "in 1998 of the 12 teams"
                _OF_A_COUNT.match(text, end, None, HOLD_GIL)
                and not _YEAR_LEAD.search(text, max(0, start - 16), start, HOLD_GIL)
            )
        ):
            return _Raw("year", start, end, value)
        return self._finish(raw)

    def _points_of_percentages(self, raw: _Raw) -> int | None:
        """ "fell to 26.9%, down from 35.7%, a loss of 8.8 points": bare "points" are
        percentage points when a change of percentages comes just before them; where the
        word ends, or None."""
        text = self.text
        points = _POINTS_AFTER.match(text, raw.end, None, HOLD_GIL)
        if (
            points is None
            or _POINTS_CHANGE_BEFORE.search(text, max(0, raw.start - 24), raw.start, HOLD_GIL)
            is None
            or not _PERCENT_WORD.search(text, max(0, raw.start - 80), raw.start, HOLD_GIL)
        ):
            return None
        return points.end()

    def _finish(self, raw: _Raw) -> _Raw | None:
        """Unit, percent, age, duration, qualifier: what the words around the core say."""
        text, end = self.text, raw.end
        # Cheap gates first: most numbers are followed by a plain word.
        head = text[end : end + 3].lower()
        before = text[max(0, raw.start - 48) : raw.start].lower()
        if raw.kind == "count":
            cw = self._currency_word_after(end)
            if cw is not None:
                raw.kind, raw.unit, raw.end = "money", cw[1], cw[0]
            elif "%" in head or "p" in head or "b" in head:
                pm = _PERCENT_AFTER.match(text, end, None, HOLD_GIL)
                if pm is not None:
                    low = pm.group().lower()
                    raw.kind, raw.end = "percent", pm.end()
                    raw.unit = "pp" if "point" in low else "%"
                    if "basis" in low:  # "23 basis points": 0.23 percentage points
                        raw.value = raw.value / 100
            if raw.kind == "count" and "po" in head:
                points_end = self._points_of_percentages(raw)
                if points_end is not None:
                    raw.kind, raw.unit, raw.end = "percent", "pp", points_end
        if raw.kind == "count" and before[-4:] in ("top ", "top-") and self._rank_class(before):
            raw.kind = "ordinal"  # a rank, not a count: "eight top three hits", "a top-10 side"
            return raw
        if raw.kind == "count":
            age = (
                _AGE_AFTER.match(text, raw.end, None, HOLD_GIL)
                if "y" in text[raw.end : raw.end + 3]
                else None
            )
            lead = None
            if "age" in before[-24:]:
                lead = _AGE_BEFORE.search(text, max(0, raw.start - 24), raw.start, HOLD_GIL)
            if lead is None and "aged" in before and _AGE_LIST.search(before):
                raw.kind = "age"  # "aged 16 and 17"
            if lead is None and "than " in before[-8:] and _YOUNGER_THAN.search(before):
                raw.kind = "age"  # "12 were younger than 25"
                return raw
            if (
                lead is None
                and ("est" in before[-40:])
                and _YOUNGEST_IS.search(text, max(0, raw.start - 48), raw.start, HOLD_GIL)
            ):
                raw.kind = "age"  # "The youngest of the injured is 15"
                return raw
            if age is not None:
                raw.kind, raw.end = "age", age.end()
            elif (
                lead is None
                and text[raw.end : raw.end + 4] in (" or ", " and")
                and (older := _OLDER.match(text, raw.end, None, HOLD_GIL))
            ):
                # "those 60 or older", "adults 25 and older": an age, from it up
                raw.kind, raw.qualifier, raw.end = "age", "at_least", older.end()
                return raw
            elif lead is not None:
                raw.kind = "age"
                if lead.group("q"):
                    raw.qualifier, raw.start = _AGE_QUALIFIER[lead.group("q").lower()], lead.start()
                plus = _AGE_PLUS.match(text, raw.end, None, HOLD_GIL)
                if plus is not None:
                    raw.qualifier, raw.end = "at_least", plus.end()
                if raw.qualifier != "exact":
                    return raw
            elif (
                text[raw.end : raw.end + 1] in (",", ";")  # "Jaylen Moore, 17; Destiny Harper"
                and before.endswith(", ")
                and _NAME_AGE.search(text, max(0, raw.start - 32), raw.start, HOLD_GIL)
                and raw.value < 120
                and not raw.magnitude
            ):
                raw.kind = "age"
            elif tu := _TIME_UNIT_AFTER.match(text, raw.end, None, HOLD_GIL):
                # A duration ("six months", "three-year deal") is never a count; it is
                # kept only to close a range ("three to five days") and dropped after.
                raw.kind, raw.unit = "duration", tu.group("unit").lower()
                return raw
        q = self._qualifier(raw.start)
        if q is not None and raw.qualifier != "vague":
            raw.qualifier, raw.start = q
        elif raw.qualifier == "exact" and _OR_SO.match(text, raw.end, None, HOLD_GIL):
            raw.qualifier = "about"
        if raw.kind == "count" and (
            " of " in before
            and _POPULATION_BEFORE.search(text, max(0, raw.start - 48), raw.start, HOLD_GIL)
            or _POPULATION_AFTER.match(text, raw.end, None, HOLD_GIL)
            or "home" in before
            and _HOME_TO.search(text, max(0, raw.start - 16), raw.start, HOLD_GIL)
            and self._people_after(raw.end)
        ):
            raw.kind = "population"
        return raw

    def _rank_class(self, before: str) -> bool:
        """``before`` (lower case) ends in "top " or "top-" that makes the number after it
        a class of rank: "a top-10 side", or after a count of what is so ranked ("eight
        top three hits", "six US top 10 albums").  "The top 20" is a group of 20 ("16 of
        the top 20"), and "to top 500,000" a verb."""
        if before[-5:-4].isalpha():
            return False  # "laptop 3"
        if before.endswith("-"):
            return True
        words = before[:-4].split()[-2:]
        return any((w.isdigit() and len(w) < 4) or w in self.v.units for w in words)

    def _qualifier(self, start: int) -> tuple[str, int] | None:
        """ "more than 2,000": the qualifier phrase ending right before the number."""
        lo = max(self.sentence_start(start), start - 24)
        got = _phrase_before(self.text, lo, start, self.v.qualifiers, self.v.qualifier_ends)
        return (self.v.qualifiers[got[0]], got[1]) if got else None

    def _currency_before(self, start: int) -> tuple[int, str] | None:
        m = self.v.currency_before.search(self.text, max(0, start - 5), start, HOLD_GIL)
        if m is None:
            return None
        key = m.group().strip().lower()
        unit = self.v.currency_prefix.get(key) or self.v.currency_prefix.get(key.replace(" ", ""))
        return (m.start(), unit) if unit else None

    def _millions_of(self, start: int, end: int) -> bool:
        """ "231.4m people", "4.5m workers", "2m homes": an "m" before a noun that counts
        people or things no one measures in metres is millions (a "600m drop" is not);
        so is one a change sets against such a figure ("231.4m people, up from 140.4m
        two decades ago")."""
        m = _NEXT_WORD.match(self.text, end)
        if m is not None and self._counted_in_millions(m.group(1)):
            return True
        before = self.text[max(0, start - _MILLIONS_REACH) : start]
        if not before.endswith(("from ", "to ", "than ")):
            return False
        return any(self._counted_in_millions(w.group(1)) for w in _MILLIONS_BEFORE.finditer(before))

    def _counted_in_millions(self, noun: str) -> bool:
        return noun in self.v.people or noun in _MILLIONS_OF

    def _currency_word_after(self, end: int) -> tuple[int, str] | None:
        m = self.v.currency_after.match(self.text, end, None, HOLD_GIL)
        if m is None:
            if not self.text[end + 1 : end + 2].isupper():
                return None  # no country's name after the figure
            m = self.v.currency_after_country.match(self.text, end, None, HOLD_GIL)
            if m is None:
                return None
        word = m.group("word")
        if word == "p" and m.start("word") != end:
            return None  # "2p" only when attached
        unit = self.v.currency_words[word]
        adjective = m.groupdict().get("adj")
        if adjective and unit != "CHF":  # "84.20 Swiss francs"; "Hong Kong dollars" are not USD
            unit = f"{' '.join(adjective.split())} {word}"
        return m.end(), unit

    def _is_label(self, start: int) -> bool:
        """ "hotline 909", "flight 447", "room 101": a number that names, not counts."""
        lo = max(0, start - 16)
        return _phrase_before(self.text, lo, start, self.v.labels, self.v.label_ends) is not None

    def _is_name(self, start: int) -> bool:
        """ "Apollo 11", "FTSE 100", "No 10": a capitalised label right before the number."""
        text = self.text
        if start < 2 or text[start - 1] != " ":
            return False
        lo = max(0, start - 24)
        if text[lo:start].islower():
            return False  # no capital letter before: no label (a cheap test first)
        m = _CAP_BEFORE.search(text, lo, start, HOLD_GIL)
        if m is None:
            return False
        word = m.group(1)
        word_start = start - 1 - len(word)
        low = word.lower()
        if (
            low in self.v.months
            or low in self.v.qualifiers
            or low in _STOP
            or low in _LEADS
            or word in calendar_words()
        ):
            return False  # "Some 500", "About 30", "Only 12", "On Tuesday nine people"
        prev = text[max(0, word_start - 2) : word_start]
        return not prev.strip() or prev.strip()[-1:] not in "\"'\u201c\u2018(["

    def _near_month(self, start: int, end: int) -> bool:
        """ "January 7", "7 Jan", "7th of January": the number is a day of the month."""
        text = self.text
        return self._month_in(_MONTH_BEFORE.search, text[max(0, start - 12) : start]) or (
            self._month_in(_MONTH_AFTER.match, text[end : end + 16])
        )

    def _month_in(self, find: Callable[..., regex.Match | None], window: str) -> bool:
        """A capitalised month name where ``find`` (a pattern's search or match) reads
        one in ``window``; a window with no capital letter holds none (the common
        case, decided without a search)."""
        if window.islower():
            return False
        m = find(window, 0, None, HOLD_GIL)
        return bool(m and m.group(1).lower() in self.v.months and self._month_word(m.group(1)))

    @staticmethod
    def _month_word(word: str) -> bool:
        # "may", "march" lower-case are verbs; months are written with a capital.
        return word[:1].isupper()

    def _people_after(self, end: int) -> bool:
        m = _NEXT_LOWER.match(self.text, end)
        return bool(m and (m.group(1) in self.v.people or m.group(1) in self.v.noun_category))


def _merge_ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """ "three to five", "between 10 and 20", "9-11", "$3-5bn": one range claim."""
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        b = raws[i + 1] if i + 1 < len(raws) else None
        if b is not None and _is_range(text, a, b):
            out.append(_range(text, a, b))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _is_range(text: str, a: _Raw, b: _Raw) -> bool:
    if b.kind == "duration":
        if a.kind not in ("count", "duration") or a.magnitude:
            return False
    elif a.kind == "age":
        if b.kind != "count" or b.magnitude:
            return False
    elif a.kind not in ("count", "money", "percent") or b.kind not in ("count", "money", "percent"):
        return False
    if a.kind != b.kind and a.unit is not None and b.unit is not None:
        return False
    if a.qualifier == "vague" or b.qualifier == "vague" or b.qualifier != "exact":
        return False
    gap_start = a.end
    lead = text[max(0, a.start - 16) : a.start]
    if _BETWEEN.search(lead):
        joined = _AND.fullmatch(text, gap_start, b.start, HOLD_GIL)
    else:
        joined = _RANGE_JOIN.fullmatch(text, gap_start, b.start, HOLD_GIL)
        if joined and _FROM.search(lead) or joined and vocab().change_before.search(lead):
            return False  # "rose from 5 to 10": a change, not a range
    if not joined:
        return False
    lo = a.value * (_scale_of(b) if b.magnitude and not a.magnitude else 1)
    return lo < b.value


def _scale_of(raw: _Raw) -> float:
    base = raw.value
    for scale in (1e12, 1e9, 1e6, 1e3):
        if base >= scale:
            return scale
    return 1


def _range(text: str, a: _Raw, b: _Raw) -> _Raw:
    lo = a.value * (_scale_of(b) if b.magnitude and not a.magnitude else 1)
    start = a.start
    lead = _BETWEEN.search(text[max(0, a.start - 16) : a.start])
    if lead is not None and a.qualifier == "exact":
        start = a.start - (len(text[max(0, a.start - 16) : a.start]) - lead.start())
    return _Raw(
        "range",
        start,
        b.end,
        lo,
        qualifier=a.qualifier,
        unit=b.unit or a.unit,
        magnitude=b.magnitude,
        upper=b.value,
    )


# -- category, subject, roles ----------------------------------------------------


def _subject(text: str, end: int, limit: int, vague: bool = False) -> str | None:
    """The counted noun right after the number ("18 security personnel died")."""
    words: list[str] = []
    if vague:  # "dozens of rioters"
        m = _OF.match(text, end, None, HOLD_GIL)
        end = m.end() if m else end
    v = vocab()
    tokens = [m.group() for m in _WORD.finditer(text, end, min(limit, end + 60), False, HOLD_GIL)][
        :4
    ]
    if _PAIRED_ADJECTIVES.match(" ".join(tokens)):
        tokens = tokens[3:]  # "6.8 million current and former customers": customers
    for n, w in enumerate(tokens):
        if not w[0].isalpha():
            break
        low = w.lower()
        if low in _STOP or low in v.after_category or len(words) == 3:
            break
        if not words and low.endswith("ed") and n + 1 < len(tokens) and _plural_noun(tokens[n + 1]):
            continue  # "8.6 million affected customers": a participle before the noun
        if low.endswith("ed") and low not in v.people or words and w[0].isupper():
            break  # "officers suffered": the verb ends the noun phrase
        if low in _VERBS or low.endswith("ly"):
            break
        words.append(w)
        if low in v.people or low in v.noun_category:
            nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
            if _compound_head(nxt, v):
                words.append(nxt)  # "16 police stations", "22 army vehicles": not people
            break  # the head noun: "firefighters (fought)"
        nxt = tokens[n + 1].lower() if n + 1 < len(tokens) else ""
        if low.endswith("s") and not low.endswith("ss") and not nxt.endswith("s"):
            break  # a plural noun ends the phrase unless another plural follows
    while len(words) > 1 and (words[0][0].isupper() or words[0].lower().endswith(_ADJ_SUFFIXES)):
        words.pop(0)
    if not words:
        return None
    if words[-1][0].isupper() and not (len(words) == 1 and _DEMONYM.fullmatch(words[0])):
        return None  # "Apollo 11 Moon"; but "four Britons" counts Britons
    return " ".join(w.lower().strip("'") for w in words)


# Two adjectives joined before a plural noun: "current and former customers", "full and
# part-time staff".
_PAIRED_ADJECTIVES = regexcache.compile(
    r"(?:current|former|past|present|full|part-time|new|old|existing|permanent|temporary)"
    r" (?:and|or) \p{Ll}[\p{Ll}-]{1,20} \p{Ll}{3,20}s\b"
)


def _plural_noun(word: str) -> bool:
    """A plural noun, lower-case, that no list makes a verb or a stop word."""
    return (
        word.islower()
        and word.endswith("s")
        and not word.endswith(("ss", "ous", "us"))
        and word not in _STOP
        and word not in _VERBS
    )


def _compound_head(word: str, v: _Vocab) -> bool:
    """A plural noun after a people noun heads the phrase ("police stations")."""
    return (
        word.isalpha()
        and len(word) > 3
        and _plural_noun(word)
        and word not in v.after_category
        and word not in v.people
        and word not in _S_ADVERBS
    )


_S_ADVERBS = frozenset(
    "always sometimes perhaps afterwards nowadays besides whereas thus unless regardless"
    " nevertheless backwards forwards upwards downwards indoors outdoors overseas".split()
)


# A number hyphened to a word modifies a noun ("a 54-block area"); "-strong" counts
# people ("a 5,000-strong crowd").
_COMPOUND_AFTER = regexcache.compile(r"-(?!strong\b)\p{L}")


def _people_like(subject: str | None, v: _Vocab) -> bool:
    if subject is None:
        return True
    last = subject.rsplit(" ", 1)[-1]
    if last in v.people or subject in v.noun_category:
        return True
    # "people in intensive care": people where they are
    head, _, rest = subject.partition(" ")
    return head in v.people and rest.startswith(("in ", "at ", "on "))


# A whole written after its part ("three of the four patients ... were in critical
# condition"): the verb after it tells of the part, not of the whole.
_PART_OF_BEFORE = regexcache.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|most"
    r"|some|half))[\d,.]{0,12}\s{1,3}(?:out\s{1,3})?of\s{1,3}(?:the\s{1,3}|its\s{1,3}|their\s{1,3}"
    r"|those\s{1,3}|these\s{1,3})?$",
    regex.IGNORECASE,
)
_FINITE_VERB = regexcache.compile(r"\b(?:were|was|are|is|remain|remains|remained|have|has|had)\b")


# An aside on who is counted, between commas ("31 people, including four children, were
# killed"; no sentence end inside it), or where they are from, with a count of places
# ("4,600 people from 11 villages were moved to shelters").
_COUNTED_ASIDE = regexcache.compile(
    r",[ ](?:including|among[ ]them|among[ ]whom|mostly|most[ ]of[ ]them)[ ][^,.;:!?()]{1,80},[ ]"
    r"|[ ](?:from|in|across)[ ](?:\d[\d,]{0,9}|[a-z]{3,9})[ ][a-z]{3,20}[ ]"
)
_AUXILIARIES = regexcache.compile(r"(?:(?:were|was|are|is|have|has|had|been)[ ]){0,2}")
_VERB_REACH = 30  # characters after the aside the category's verb phrase may take


def _after_aside(text: str, end: int, v: _Vocab) -> _PhraseMatch | None:
    """The verb phrase right after an aside on who is counted ("31 people, including four
    children, were killed"): the clause resumes there, and its verb names the category."""
    aside = _COUNTED_ASIDE.match(text, end, None, HOLD_GIL)
    if aside is None:
        return None
    start = _AUXILIARIES.match(text, aside.end(), None, HOLD_GIL).end()  # type: ignore[union-attr]
    m = v.after_kw.search(text, start, start + _VERB_REACH)
    return m if m is not None and m.start() == start else None


def _clause_end(text: str, c: Claim, subj: str | None, after_hi: int) -> int:
    """Where the clause of ``c`` (and its counted noun ``subj``) ends, by ``after_hi``."""
    brk = _CLAUSE_BREAK.search(
        text, c.span.end + (len(subj) + 1 if subj else 0), after_hi, HOLD_GIL
    )
    return after_hi if brk is None else brk.start()


def _category(doc: Document, c: Claim, before_lo: int, after_hi: int, v: _Vocab) -> str:
    """Category from the counted noun, the verb after the number, or the words before."""
    text = doc.text
    subj = c.subject
    if _COMPOUND_AFTER.match(text, c.span.end, None, HOLD_GIL):
        return "other"  # "a 54-block area", "a 12-member panel": a modifier, no count
    noun = v.noun_kw.search_end(subj) if subj else None
    noun_cat = v.noun_category.get(noun.group().lower()) if noun else None
    if noun_cat in _EVENT_CATEGORIES:
        if noun_cat == "rescued":  # "Twenty-six survivors were brought to hospitals"
            m = v.after_kw.search(text, c.span.end, _clause_end(text, c, subj, after_hi))
            if m is not None and v.after_category[" ".join(m.group().lower().split())] == (
                "hospitalised"
            ):
                return "hospitalised"
        return noun_cat
    if _people_like(subj, v):
        clause_end = _clause_end(text, c, subj, after_hi)
        of_group = _OF_GROUP.match(text, c.span.end, None, HOLD_GIL)
        m = v.after_kw.search(text, of_group.end() if of_group else c.span.end, clause_end)
        if m is None and subj:
            m = _after_aside(text, c.span.end + len(subj) + 1, v)
        if m is None and of_group is not None:
            group = v.noun_kw.search_end(of_group.group())
            if group is not None and v.noun_category[group.group().lower()] in _EVENT_CATEGORIES:
                return v.noun_category[group.group().lower()]
        if (
            m is not None
            and _PART_OF_BEFORE.search(text, max(before_lo, c.span.start - 30), c.span.start)
            and _FINITE_VERB.search(text, c.span.end, m.end())
        ):
            m = None  # "three of the four patients there were in critical condition": the part's
        if m is not None:
            phrase = " ".join(m.group().lower().split())
            for critical in CRITICAL_CARE:
                if critical in phrase:  # "in intensive care": a group inside the hospitalised
                    c.subject = f"{subj or 'people'} in {critical}"
            return v.after_category[phrase]
        last = None
        for m in v.before_kw.finditer(text, before_lo, c.span.start):
            last = m
        if last is not None and not (
            "toll" in last.group().lower()
            and _COUNT_BETWEEN.search(text, last.end(), c.span.start, HOLD_GIL)
        ):  # (a toll is the count after it: "Toll rises to 27 in second wave, 6.8 lakh
            # people hit")
            return v.before_category[" ".join(last.group().lower().split())]
    return noun_cat or "other"


# A part of a count written after it: a four-digit figure before it is no year
_OF_A_COUNT = regexcache.compile(
    r"\s{1,3}(?:out\s{1,3})?of\s{1,3}(?:the|its|their|those|these|all)\s{1,3}"
    r"(?:[\p{L}'\u2019-]{1,20}\s{1,3}){0,2}\d"
)
# ... a year's preposition before it keeps it a year ("in 1998 of the 12 teams"), and
# "and"/"to" after a year ("between 1998 and 2003 of"), but not "and"/"to" alone, which
# lead counts as often ("and 1116 of its 1,104 crew", "amounted to 1167 of the 1,030")
_YEAR_LEAD = regexcache.compile(
    r"(?i)\b(?:in|since|by|from|until|of|between|during|before|after"
    r"|(?:1\d|20)\d\d\s{1,3}(?:and|to))\s{1,3}$"
)
# A count written between a category word and a figure, no year ("to 27 in", not "in 2024")
_COUNT_BETWEEN = regexcache.compile(r"(?<![\d,.])(?!(?:19|20)\d\d\b)\d[\d,.]*")
_UNIT_CATEGORY = {
    "%": "percent",
    "pp": "percent",
    "fraction": "percent",
    "GBp": "money",
    "cents": "money",
}
# Figures a part can be taken from: a count, or the people of a place ("a town of
# 11,000 people … Of those, 1,300 were women").
WHOLE_KINDS = frozenset({"count", "population"})
_KIND_CATEGORY = {"money": "money", "percent": "percent", "age": "age", "population": "population"}


def _crowded_sentences(claims: list[Claim]) -> frozenset[int]:
    counts: dict[int, int] = {}
    for c in claims:
        counts[c.sentence] = counts.get(c.sentence, 0) + 1
    return frozenset(k for k, n in counts.items() if n > MAX_PER_SENTENCE)


def _annotate(doc: Document, claims: list[Claim]) -> None:
    """Subject, category and sentence of each claim (context bounded by its neighbours)."""
    v, text = vocab(), doc.text
    crowded = _crowded_sentences(claims)
    for i, c in enumerate(claims):
        if c.sentence in crowded:  # a table or junk: values only, no context reading
            c.category = _KIND_CATEGORY.get(c.kind, "other")
            continue
        sent = doc.sentences[c.sentence].span if doc.sentences else Span(0, len(text))
        prev = claims[i - 1] if i and claims[i - 1].sentence == c.sentence else None
        prev_end = prev.span.end if prev is not None else 0
        bound = prev_end if prev is not None and prev.category in PEOPLE_CATEGORIES else 0
        next_start = (
            claims[i + 1].span.start
            if i + 1 < len(claims) and claims[i + 1].sentence == c.sentence
            else len(text)
        )
        after_hi = min(sent.end, next_start, c.span.end + WINDOW)
        before_lo = max(sent.start, bound, c.span.start - WINDOW)
        if c.kind in ("count", "age") or c.kind == "range" and c.unit is None:
            c.subject = _subject(text, c.span.end, after_hi, c.qualifier == "vague")
            if c.subject is None:
                c.subject = _group_noun(text, c.span.end, v)  # "Two of the attackers"
        elif c.kind == "population":
            subject = _subject(text, c.span.end, after_hi)
            c.subject = subject if subject in v.people else None
        if c.kind == "range" and _AGE_BEFORE.search(
            text, max(0, c.span.start - 24), c.span.start, HOLD_GIL
        ):
            c.category = "age"  # "aged between 75 and 93"
        elif c.kind == "range" and c.unit is not None:
            c.category = _UNIT_CATEGORY.get(c.unit, "money" if c.unit.isupper() else "other")
        elif c.kind in _KIND_CATEGORY:
            c.category = _KIND_CATEGORY[c.kind]
        elif c.kind in ("count", "range"):
            if c.subject is None and prev_end:
                c.subject = _coordinated_subject(text, claims[i - 1], c)
            c.category = _category(doc, c, before_lo, after_hi, v)
        else:
            c.category = "other"


def _group_noun(text: str, end: int, v: _Vocab) -> str | None:
    """The people a count is taken from ("two of the attackers"), when it names none."""
    m = _OF_GROUP.match(text, end, None, HOLD_GIL)
    if m is None:
        return None
    noun = m.group().split()[-1].lower()
    # not a category's own noun: "187 of the injured were hospitalised" counts a part
    return noun if noun in v.people and noun not in v.noun_category else None


def _coordinated_subject(text: str, prev: Claim, c: Claim) -> str | None:
    """ "1,000 people were injured and 400 hospitalised": 400 counts people too."""
    if prev.kind != "count" or c.span.start - prev.span.end > WINDOW:
        return None
    if not _AND_END.search(text, prev.span.end, c.span.start, HOLD_GIL):
        return None
    if prev.category in PEOPLE_CATEGORIES or prev.subject in _GENERIC_SUBJECTS:
        return prev.subject
    return None


def _opens_clause(text: str, sent_start: int, pos: int) -> bool:
    """ "Of the 600 passengers, ...": the "of" starts the sentence or a clause."""
    before = text[max(sent_start, pos - 8) : pos].rstrip()
    if before.endswith((" that", " said")):
        return True  # "…said that of the 224 people detained, at least 150 …"
    return pos - sent_start <= 1 or not before or before[-1] in ",;:(\u2013\u2014"


# "Seventeen inmates and six officers were injured": the verb after the second serves both
_AND_NEXT = regexcache.compile(r"(?:[ ]\p{L}[\p{L}'-]{0,20}){1,2}[ ]and[ ]")


def _shared_verbs(text: str, claims: list[Claim], idxs: list[int], sent: Span, v: _Vocab) -> None:
    """A count of people that opens its clause, joined by "and" to the next, which the
    verb categorises ("Seventeen inmates and six officers were injured"), takes its
    category; not an object ("deployed 300 soldiers and 12 people were killed")."""
    for a, b in zip(idxs, idxs[1:], strict=False):
        first, second = claims[a], claims[b]
        if first.category != "other" or second.category not in PEOPLE_CATEGORIES:
            continue
        if first.kind != "count" or second.kind != "count" or first.subject is None:
            continue
        if not _opens_clause(text, sent.start, first.span.start):
            continue
        if first.subject.rsplit(" ", 1)[-1] not in v.people:
            continue
        if _AND_NEXT.fullmatch(text, first.span.end, second.span.start, HOLD_GIL):
            first.category = second.category


def _roles(doc: Document, claims: list[Claim]) -> None:
    """Change (from/to/rise/fall), part-of-whole and update roles, per sentence."""
    v, text = vocab(), doc.text
    factors = _may_have_factor(text, v)
    by_sentence: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_sentence.setdefault(c.sentence, []).append(i)
    for sent_index, idxs in by_sentence.items():
        if len(idxs) > MAX_PER_SENTENCE:
            continue
        sent = doc.sentences[sent_index].span if doc.sentences else Span(0, len(text))
        _shared_verbs(text, claims, idxs, sent, v)
        _change_roles(text, claims, idxs, sent, v)
        recent = by_sentence.get(sent_index - 2, []) + by_sentence.get(sent_index - 1, [])
        if factors:
            _factor_roles(text, claims, idxs, sent, v)
        _part_roles(text, claims, idxs, sent, recent, v)
        people = any(claims[i].category in PEOPLE_CATEGORIES for i in idxs)
        markers = v.update.finditer(text, sent.start, sent.end) if people else []
        for i in idxs:
            if (
                markers
                and claims[i].role is None
                and not _marks_other_clause(text, markers, claims[i])
            ):
                claims[i].role = "update"


# A relative clause about an earlier event: "arrests had been made since Wednesday's
# attack, in which 23 people were killed".
_RELATIVE_OPENER = regexcache.compile(
    r",[ ](?:(?:in|on|at|during|after|before)[ ]which|when|where|who|whom)\b"
)
_COMMA_BREAK = regexcache.compile(r"[,;:]")
# A participle clause that carries a running tally after the day's figures: its update
# words ("since", "now") are the tally's, not the figures' before it.
_TALLY_CLAUSE = regexcache.compile(r",[ ](?:bringing|taking|raising|pushing|lifting)[ ]")


def _marks_other_clause(text: str, markers: list[_PhraseMatch], c: Claim) -> bool:
    """Every update word of the sentence comes before a relative clause that holds ``c``
    or after a clause that carries a running tally: the word marks the main clause's
    figure ("15 arrests since the attack"), not the one the clause tells of ("…, in
    which 23 people were killed"), nor the tally's ("28 killed in the past day, bringing
    the toll since the war began to 38,295")."""
    for m in markers:
        if m.start() > c.span.start:
            if _TALLY_CLAUSE.search(text, c.span.end, m.start()):
                continue  # "28 killed in the past day, bringing the toll since … to 38,295"
            return False
        openers = list(_RELATIVE_OPENER.finditer(text, m.end(), c.span.start))
        if not openers or _COMMA_BREAK.search(text, openers[-1].end(), c.span.start):
            return False
    return True


def _lead(text: str, c: Claim, sent: Span, width: int = 40) -> tuple[int, int]:
    return max(sent.start, c.span.start - width), c.span.start


def _change_roles(text: str, claims: list[Claim], idxs: list[int], sent: Span, v: _Vocab) -> None:
    """ "jumped 76% to $1.13bn from $639m": rise -> to -> from, linked through ``ref``."""
    group: list[int] = []  # [change, to?, from?, figure before?] for the change being read
    prev_end, prev_i = sent.start, -1
    noun_end = -1  # end of a change noun after the percentage ("22% fall")
    for n, i in enumerate(idxs):
        c = claims[i]
        lo, hi = _lead(text, c, sent)
        clause_lo = max(sent.start, prev_end, c.span.start - CHANGE_GAP)
        before_i = prev_i
        if not is_aside(text, c) and c.kind != "year":
            prev_i = i  # "4.3 billion crowns ($598 million), up 8%": skip the aside, and
            # the year of "26,340 … in 2025, a 20% increase from 21,950"
        prev_end = c.span.end
        if c.kind == "percent" and c.unit != "fraction":
            m = v.change_before.search(text, lo, hi, HOLD_GIL)
            if m is not None and _MADE_UP.search(text, max(lo, m.start() - 8), m.start(), HOLD_GIL):
                m = None  # "chips made up 45 percent": a share, not a rise
            if m is None:  # "a premium of 42% to its closing price of"
                m = _PREMIUM_OF.search(text, max(lo, hi - 32), hi, HOLD_GIL)
            if m is None and c.unit == "pp":  # "a loss of 8.8 points"
                m = _POINTS_CHANGE_BEFORE.search(text, max(lo, hi - 24), hi, HOLD_GIL)
                if m is not None and m.group("verb").lower() in _GAP_NOUNS:
                    m = None  # "a lead of 7.5 points": two shares apart, no change
            after = v.change_after.match(text, c.span.end, None, HOLD_GIL) if m is None else None
            far = None
            if (
                m is None
                and after is None
                and _FROM_AFTER.match(text, c.span.end, None, HOLD_GIL)
                and not _TO.search(text, max(lo, hi - 6), hi, HOLD_GIL)  # "rose to 64% from"
            ):
                far = _last_change_word(text, clause_lo, hi, v)  # "raised the price 50% from"
            if (
                m is None
                and after is None
                and far is None
                and (
                    _OR_BEFORE.search(text, max(lo, hi - 8), hi, HOLD_GIL)
                    and _OF_AFTER.match(text, c.span.end, None, HOLD_GIL) is None
                    or _UNSIGNED_BEFORE.search(text, max(lo, hi - 32), hi, HOLD_GIL)
                )
                and (pair := _from_to_before(text, claims, idxs[:n], c, sent)) is not None
            ):
                # "reached €340,000, up from €314,000, or 8.3 per cent", "fell to 2.14% from
                # 2.46%, an improvement of 32 basis points": the pair's change (not "a
                # swing", which in an election is of two parties' shares)
                old, new = claims[pair[0]], claims[pair[1]]
                c.role = "rise" if float(new.value) >= float(old.value) else "fall"
                _link_change(claims, group)
                _link_change(claims, [i, pair[1], pair[0], -1])
                old.role, new.role = "from", "to"
                group = []
                continue
            if m is not None or after is not None or far is not None:
                verb = (m or after or far).group("verb").lower()
                c.role = (
                    v.change.get(verb)
                    or _COMPARED.get(verb)
                    or ("rise" if verb in _RISE_NOUNS else "fall")
                )
                _link_change(claims, group)
                # "rose from 169 to 188, an increase of 11%" / "…, a 50% increase"
                pair = _from_to_before(text, claims, idxs[:n], c, sent) if m or after else None
                if pair is not None:
                    _link_change(claims, [i, pair[1], pair[0], -1])
                    claims[pair[0]].role, claims[pair[1]].role = "from", "to"
                    group = []
                    continue
                # "were £2bn, down 72% from £2.6bn": the new value may come first.
                lead_in = before_i >= 0 and _COMMA_GAP.fullmatch(
                    text, claims[before_i].span.end, m.start() if m else c.span.start, HOLD_GIL
                )
                group = [i, -1, -1, before_i if lead_in else -1]
                noun_end = after.end() if after is not None else -1  # "a 22% fall in profit to"
                continue
        if not group or c.kind not in ("money", "count", "percent"):
            continue
        last = max(group)  # the change and its figures sit in one clause, close together
        gap = (max(claims[last].span.end, noun_end), c.span.start)
        if (
            gap[1] - gap[0] > CHANGE_GAP
            or _CHANGE_BREAK.search(text, *gap)
            or v.change_word.search(text, *gap)  # "grow by 6% ..., would rise from"
        ):
            _link_change(claims, group)
            group = []
            continue
        if group[2] < 0 and _PRICED_AGAINST.search(text, max(sent.start, hi - 64), hi, HOLD_GIL):
            c.role, group[2] = "from", i  # "a 13% premium to its close of $26.68"
        elif group[1] < 0 and (
            _TO.search(text, max(lo, hi - 6), hi, HOLD_GIL)
            # "closed down 3.6% at 41.20 rand": the level, right after the change
            or last == group[0]
            and _AT_LEVEL.fullmatch(text, claims[last].span.end, hi)
        ):
            c.role, group[1] = "to", i
        elif group[2] < 0 and (
            _FROM.search(text, max(lo, hi - 8), hi, HOLD_GIL)
            or _FROM_OWN.search(text, max(lo, hi - 16), hi, HOLD_GIL)  # "from its $51.2m"
            or _FROM_PERIOD.search(text, lo, hi, HOLD_GIL)
            or _FROM_CLOSE.search(text, max(lo, hi - 40), hi, HOLD_GIL)
            # "10,870 homes, up 18.6 per cent on the 9,400 of a year before"
            or last == group[0]
            and _ON_OLD.fullmatch(text, claims[last].span.end, c.span.start, HOLD_GIL)
            # "$150 million, a 50% increase over this year's $100 million"
            or last == group[0]
            and noun_end > 0
            and _OVER_OLD.fullmatch(text, noun_end, c.span.start, HOLD_GIL)
        ):
            c.role, group[2] = "from", i
    _link_change(claims, group)


_APPOSED = regexcache.compile(
    r",|\s[-\u2013\u2014]\s|[\u2013\u2014]"
)  # ", a fall of", "—an increase of"


def _from_to_before(
    text: str, claims: list[Claim], seen: list[int], change: Claim, sent: Span
) -> tuple[int, int] | None:
    """ "rose from 169 on Thursday to 188 on Friday, an increase of 11%": the pair before.

    Only an appositive: the two figures just before the change ("from" then "to",
    "to" then "from": "fell to 2.1m from 2.5m, a drop of 16%", or a figure then "up
    from" another: "4,300 notices, up from 2,900, an increase of 48%"), of one kind and unit,
    then a comma and nothing that starts another clause.  Years between them ("from
    1.2 million in 2003 to 1.5 million in 2004") are passed over.  Returns (from, to).
    """
    figures = [
        i
        for i in seen
        if claims[i].kind not in ("year", "ordinal") and not is_aside(text, claims[i])
    ]  # "42 trucks … in the first week …, compared with 260": no ordinal is a figure
    if len(figures) < 2:
        return None
    first, second = figures[-2], figures[-1]
    a, b = claims[first], claims[second]
    gap = (b.span.end, change.span.start)
    if (
        a.role is not None
        or b.role is not None
        or a.kind != b.kind
        or a.unit != b.unit
        or a.kind not in ("money", "count", "percent")
        or gap[1] - gap[0] > CHANGE_GAP
        or not _APPOSED.search(text, *gap)
        or _CHANGE_BREAK.search(text, *gap)
    ):
        return None
    lo_a, hi_a = _lead(text, a, sent)
    lo_b, hi_b = _lead(text, b, sent)
    if _FROM.search(text, max(lo_a, hi_a - 8), hi_a, HOLD_GIL) and (
        _TO.search(text, max(lo_b, hi_b - 6), hi_b, HOLD_GIL)
        or _TO_EXTREME.search(text, max(lo_b, hi_b - 30), hi_b, HOLD_GIL)
    ):
        return first, second
    if _TO.search(text, max(lo_a, hi_a - 6), hi_a, HOLD_GIL) and _FROM.search(
        text, max(lo_b, hi_b - 8), hi_b, HOLD_GIL
    ):
        return second, first
    if _UP_FROM.fullmatch(text, a.span.end, b.span.start, HOLD_GIL):
        return second, first  # "filed 4,300 notices, up from 2,900, an increase of 68%"
    return None


def is_aside(text: str, c: Claim) -> bool:
    """ "10 billion shillings ($77 million)": a conversion in brackets, not a figure of
    the change around it."""
    return text[max(0, c.span.start - 2) : c.span.start].strip().endswith("(") and text[
        c.span.end : c.span.end + 2
    ].strip().startswith(")")


_DAY_OF_MONTH = (
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,3}\d{1,2}\b"
)
_DURATION = r"\b\d{1,3}\s{1,3}(?:hours|days|weeks|months|years)\b"
_UP_FROM = regexcache.compile(
    # "… in 2024", "since May 1", "waiting more than 52 weeks"
    rf"(?:[^\d,;:.()]|\b(?:19|20)\d\d\b|{_DAY_OF_MONTH}|{_DURATION}){{0,90}}?"
    r"(?:\s{0,3}\([^()\n]{1,40}\))?"
    r"(?:,[^\d,;:.()]{1,60}?\b(?:said|says|reported|estimated|added))?"  # ", the council said"
    r"(?:,\s{0,3}(?:(?:up|down)\s{1,3}from|compared\s{1,3}(?:with|to))|\s(?:,\s{0,3})?against)\s{1,3}"
    r"(?:(?:the|an?\s{1,3}(?:peak|high|low|record|normal|average|long-term\s{1,3}average)"
    r"\s{1,3}of)\s{1,3})?"
)  # "42 trucks entered in October, compared with 260 in September, a drop of 84 percent"


CHANGE_GAP = 60  # characters between a change's figures
# "£2bn, down 72%", "25.3 billion crowns, up 8%", "$1.2bn ($1.5bn), up 8%"
_COMMA_GAP = regexcache.compile(
    r"(?:\s{0,3}\([^()\n]{1,40}\))?(?:\s{1,3}(?:[a-z][a-z'-]{0,20}|(?:19|20)\d\d)){0,4}"
    r"\s{0,3},\s{0,3}(?:an?\s{1,3})?"  # "$21.5 million, a 48% decline from"
    # "38,470 migrants have arrived in Italy by sea, up 41.4 percent from 33,640", "26,340
    # irregular migrants were rescued in the Aegean Sea in 2025, a 20% increase from"
    r"|(?:\s{1,3}(?:\p{L}[\p{L}'-]{0,20}|(?:19|20)\d\d)){5,12}\s{0,3},\s{0,3}(?:an?\s{1,3})?"
)
_AT_LEVEL = regexcache.compile_std(r" at ")
_CHANGE_BREAK = regexcache.compile(r"[;]|\b(?:and|while|but|whereas)\b", regex.I)
_RISE_NOUNS = frozenset({"rise", "increase", "jump", "gain", "growth", "surge", "premium"})
# ("loss" is read as a fall only before points: "a loss of 8.8 points")
# A change written as a comparison after its percentage: "3,138, up from 2,032, or about
# 3.5% more" ("higher" and "lower" are change words already).
_COMPARED = {"more": "rise", "fewer": "fall", "less": "fall"}


def _last_change_word(text: str, lo: int, hi: int, v: _Vocab) -> _PhraseMatch | None:
    """The last change verb in the clause before a figure, with no comma in between."""
    last = None
    for m in v.change_word.finditer(text, lo, hi):
        last = m
    if last is None or any(ch in ",;:" for ch in text[last.end() : hi]):
        return None
    return last


_FACTOR_QUALIFIER = {"more": "more_than", "nearly": "nearly", "almost": "nearly"}


def _may_have_factor(text: str, v: _Vocab) -> bool:
    """Whether ``v.factor_word`` may match in ``text``; False for most stories, which
    then skip its scan of every sentence with figures.

    Why exact: the case-insensitive pattern needs each verb's first word, and a
    character folding to one of its letters lower-cases to that letter, except "İ"
    (it folds to "i" but lower-cases to two characters), which is sent to the scan.
    """
    if "\u0130" in text:
        return True
    low = text.lower()
    return any(verb.lower().split()[0] in low for verb in v.factor)


def _factor_roles(text: str, claims: list[Claim], idxs: list[int], sent: Span, v: _Vocab) -> None:
    """ "doubled from 200 to 400", "halved to $5 from $10": the "to" figure gets the factor."""
    for m in v.factor_word.finditer(text, sent.start, sent.end, False, HOLD_GIL):
        found: dict[str, int] = {}
        last = m.end()
        for i in idxs:
            c = claims[i]
            if c.span.start < m.end() or c.kind == "year":
                continue  # "doubled from 40,000 in 2021 to 60,000": the year is passed over
            if c.span.start - last > CHANGE_GAP or _CHANGE_BREAK.search(
                text, last, c.span.start, HOLD_GIL
            ):
                break
            lo, hi = _lead(text, c, sent)
            if (
                c.role is None
                and "to" not in found
                and _TO.search(text, max(lo, hi - 6), hi, HOLD_GIL)
            ):
                found["to"] = i
            elif (
                c.role is None
                and "from" not in found
                and _FROM.search(text, max(lo, hi - 8), hi, HOLD_GIL)
            ):
                found["from"] = i
            else:
                break
            last = c.span.end
        if len(found) < 2:
            continue
        new, old = claims[found["to"]], claims[found["from"]]
        if new.kind != old.kind or new.unit != old.unit:
            continue
        new.role, old.role, new.ref = "to", "from", found["from"]
        q = (m["q"] or "").split()
        new.factor = (
            v.factor[m["verb"].lower()],
            _FACTOR_QUALIFIER.get(q[0].lower() if q else "", "exact"),
        )


def _link_change(claims: list[Claim], group: list[int]) -> None:
    if not group:
        return
    change, to, frm, before = group
    while before >= 0 and claims[before].kind == "year":
        before -= 1  # "11.9 billion dlrs in 1986, down 15% from 14 billion": not the year
    if before >= 0 and claims[before].sentence != claims[change].sentence:
        before = -1
    if (
        to < 0
        and frm >= 0
        and before >= 0
        # "rose 2.1% over the quarter to $1,742,000, up 7% from $1,706,000": the level of
        # an earlier change is the new value of a second one against another base
        and (
            claims[before].role is None
            or claims[before].role == "to"
            and claims[before].ref is None
        )
    ):
        to = before
        if claims[to].role == "to":  # the earlier change, with no old value, lets it go
            j = to - 1
            while j >= 0 and claims[j].sentence == claims[to].sentence:
                if claims[j].ref == to and claims[j].role in ("rise", "fall"):
                    claims[j].ref = None
                j -= 1
        claims[to].role = "to"
    if to < 0:
        return
    claims[change].ref = to
    if frm >= 0:
        _share_currency(claims[to], claims[frm])
    if frm >= 0 and claims[to].kind == claims[frm].kind and claims[to].unit == claims[frm].unit:
        claims[to].ref = frm


def _share_currency(a: Claim, b: Claim) -> None:
    """ "rose to 2.02 billion from 1.85 billion dlrs": the currency written once, after
    the second figure, is the first's too when both carry the same magnitude word."""
    for count, money in ((a, b), (b, a)):
        if count.kind != "count" or money.kind != "money" or count.unit is not None:
            continue
        scale = count.text.rsplit(None, 1)[-1].lower()
        if scale.isalpha() and scale in money.text.lower().split():
            count.kind, count.unit, count.category = "money", money.unit, money.category


def _inherit(part: Claim, whole: Claim) -> None:
    """ "Sixty-two people are dead, 41 of them in Urubamba": the part counts the dead too."""
    if part.category == "other" and whole.category in PEOPLE_CATEGORIES:
        part.category = whole.category
        part.subject = part.subject or whole.subject


def _group_whole(
    text: str, claims: list[Claim], candidates: list[int], noun: str, v: _Vocab
) -> int | None:
    """The largest earlier count of the group "of the <noun>" names ("95 of the injured").

    The largest, so that an update ("the number of injured rose to 120") or a second
    tally is never read as a smaller whole than the text allows.  Never another part
    ("eight of the detainees ... four of the detainees": both are parts of one group).
    """
    cat = v.group_category[noun]
    fits = [
        j
        for j in candidates
        if claims[j].kind == "count"
        and claims[j].role not in ("part", "rest")
        and not v.part_group.match(text, claims[j].span.end, None, HOLD_GIL)
        and (
            claims[j].category == cat
            if cat
            else (claims[j].subject or "").rsplit(" ", 1)[-1].lower() == noun
        )
    ]
    return max(fits, key=lambda j: float(claims[j].value)) if fits else None


def _things_for_people(part: Claim, whole: Claim, v: _Vocab) -> bool:
    """``part`` counts people and ``whole`` counts things ("six states")."""
    return (
        part.category in PEOPLE_CATEGORIES
        and whole.category == "other"
        and whole.subject is not None
        and whole.subject.rsplit(" ", 1)[-1] not in v.people
    )


GROUP_REACH = 200  # earlier figures searched for the group "of the dead" names

_APPOSITIVE_GAP = regexcache.compile(r"[^;:.!?()\d]{0,60}?,[ ]")
_WITH_NEXT = regexcache.compile(r"[ ]with\b")


def _with_appositive(text: str, before: Claim, c: Claim) -> bool:
    """``c`` follows ``before``'s clause after a comma as "N with …" ("Eleven people were
    hospitalized, two with head injuries"): a part of ``before``, whatever the noun
    after "with" would make it count."""
    return (
        before.kind == "count"
        and _WITH_NEXT.match(text, c.span.end, None, HOLD_GIL) is not None
        and _APPOSITIVE_GAP.fullmatch(text, before.span.end, c.span.start, HOLD_GIL) is not None
    )


def _part_roles(
    text: str, claims: list[Claim], idxs: list[int], sent: Span, recent: list[int], v: _Vocab
) -> None:
    """Parts of a whole in one sentence; ``recent``: the figures of the two sentences before."""
    prev_sent = [j for j in recent if claims[j].sentence == claims[idxs[0]].sentence - 1]
    whole: int | None = None
    last_part: Claim | None = None
    for n, i in enumerate(idxs):
        c = claims[i]
        if c.kind != "count" or c.role is not None:
            continue
        if n > 0 and _with_appositive(text, claims[idxs[n - 1]], c):
            c.role, c.ref = "part", idxs[n - 1]  # "11 were hospitalized, two with head
            continue  # injuries": two of the 11, not a count of the injured of its own
        lo, hi = _lead(text, c, sent, 24)
        of = _OF_THE_START.search(text, lo, hi, HOLD_GIL)
        if of is not None and n + 1 < len(idxs) and _opens_clause(text, sent.start, of.start()):
            whole = i
            continue
        if (
            whole is None
            and n + 1 < len(idxs)
            and claims[idxs[n + 1]].kind == "count"
            and _COLON_LIST.fullmatch(text, c.span.end, claims[idxs[n + 1]].span.start, HOLD_GIL)
            and text[claims[idxs[n + 1]].span.end : claims[idxs[n + 1]].span.end + 1] != ")"
            and (c.subject or "").rsplit(" ", 1)[-1] not in _KINDS_OF
        ):  # not a numbered list: "three goals: 1) help consumers …"
            whole = i  # "killed 32 people: 20 in Texas, 8 in Louisiana and 6 in Mississippi"
            continue
        if whole is None and c.subject is not None and _colon_list(text, claims, idxs, n):
            whole = i  # "A total of 410 prisoners had been transferred by Monday afternoon:
            continue  # 180 to the Litoral penitentiary, 130 to … and 100 to …"
        if whole is None and c.subject is not None and _comma_list(text, claims, idxs, n):
            whole = i  # "closed 11 beaches, six in Port Macquarie and seven in Kempsey"
            if n and not _people_like(c.subject, v):
                before = claims[idxs[n - 1]]  # "evacuated 4,630 people to 14 shelters, with
                if (  # 2,870 in Pronojiwo and 1,960 in Candipuro": people, not shelters
                    before.kind == "count"
                    and _people_like(before.subject, v)
                    and "," not in text[before.span.end : c.span.start]
                ):
                    whole = idxs[n - 1]
            continue
        rest = v.rest_before.search(text, lo, hi, HOLD_GIL)
        if rest and n == 0 and rest.group()[:7].lower() == "leaving":
            rest = None  # "brought the line to a halt, leaving 1,900 passengers stranded":
            # what the event left, with no figure before it to be the rest of
        if rest:  # "the other 100" (of a whole, if stated)
            c.role, c.ref = "rest", whole
            if whole is None and last_part is not None:
                before = idxs[n - 1]  # the list of parts runs up to it: not "19 of the 29
                # seats it contested, and two smaller allies won the remaining nine"
                if claims[before] is last_part or before == last_part.ref:
                    c.ref = last_part.ref
            if (
                c.ref is not None
                and rest.group().lower().startswith("leaving")
                and c.subject not in (None, claims[c.ref].subject)
            ):
                c.ref = None  # "40 of the 120 homes, leaving 300 people": what else it left
            if c.ref is not None and c.subject not in (None, *_GENERIC_SUBJECTS):
                whole_subject = claims[c.ref].subject
                if whole_subject not in (None, c.subject, *_GENERIC_SUBJECTS):
                    c.ref = None  # "the remaining 1,550 in the other three states": states
            elif whole is None and n == 0 and prev_sent:
                # "Of those, 218 were charged and 96 released. The remaining 218 …"; of the
                # whole a part of the sentence before belongs to, if one belongs to an
                # earlier sentence's ("Of them, 52 were evacuated, three of whom were found
                # alive. The remaining 23 …": of the 75 before, not of the 52)
                outer = [
                    j
                    for j in prev_sent
                    if claims[j].role == "part"
                    and claims[j].ref is not None
                    and claims[claims[j].ref].sentence < claims[j].sentence
                ]
                last = claims[outer[-1] if outer else prev_sent[-1]]
                if (
                    last.role == "part"
                    and last.ref is not None
                    and c.subject in (None, claims[last.ref].subject)
                ):
                    c.ref = last.ref
            continue
        nxt = claims[idxs[n + 1]] if n + 1 < len(idxs) else None
        if (
            nxt is not None
            and nxt.kind == "count"
            and _OF_THE_NEXT.fullmatch(text, c.span.end, nxt.span.start, HOLD_GIL)
        ):
            c.role, c.ref = "part", idxs[n + 1]
            last_part = c
            continue
        # "95 of the injured", "Of the injured, 95": of the injured counted before
        group = (
            v.part_group.match(text, c.span.end, None, HOLD_GIL)
            or v.part_among.match(text, c.span.end, None, HOLD_GIL)
        ) or (
            "," in text[max(0, c.span.start - 4) : c.span.start]  # the group's comma first
            and v.group_before.search(
                text, max(sent.start, c.span.start - 40), c.span.start, HOLD_GIL
            )
        )
        owner = (
            _group_whole(text, claims, recent + idxs[:n], group["noun"].lower(), v)
            if group
            else None
        )
        if group and (owner is None or float(claims[owner].value) < float(c.value)):
            # "North Carolina accounted for 40 of the deaths": the toll stated further up;
            # so too when the recent count is too small to hold the part ("… the worst
            # affected, with 118 patients. … Those five hospitals account for 327 of the
            # patients"), if an earlier one can
            earlier = range(max(0, i - GROUP_REACH), i)
            wider = _group_whole(text, claims, list(earlier), group["noun"].lower(), v)
            if wider is not None and (
                owner is None or float(claims[wider].value) >= float(c.value)
            ):
                owner = wider
        if owner is not None:  # "95 of the injured": of the injured counted just before
            c.role, c.ref = "part", owner
            last_part = c
            continue
        # "Twelve of them", "Of those, 240,000": may look back to the sentence before
        anaphor = v.part_after.match(text, c.span.end, None, HOLD_GIL) or _ANAPHOR_BEFORE.search(
            text, lo, hi, HOLD_GIL
        )
        if anaphor or v.part_before.search(text, lo, hi, HOLD_GIL):
            # a count of people is no part of a count of things: "killed in six states,
            # including 40 in Buncombe County" counts the dead, not the states
            earlier = [
                j
                for j in idxs[:n]
                if claims[j].kind in WHOLE_KINDS and not _things_for_people(c, claims[j], v)
            ][-1:]
            if not earlier and anaphor:
                # the whole is one of the last sentence's counts: take the largest, so
                # that a part is only ever compared with a whole it could belong to
                back = [j for j in prev_sent if claims[j].kind in WHOLE_KINDS]
                if not back:
                    # "…tracked 48,216 adults. The participants, aged 40 to 69, were
                    # followed for 8.4 years. During that time, 1,932 of them": the one
                    # count of people of the sentence before that, when the last one
                    # counts nothing
                    older = [j for j in recent if claims[j].sentence == c.sentence - 2]
                    counts = [j for j in older if claims[j].kind == "count"]
                    if len(counts) == 1 and claims[counts[0]].subject in v.people:
                        back = counts
                # the whole counts what the part counts, if one of the last figures does
                same = [j for j in recent if c.subject and claims[j].subject == c.subject]
                if not same and _counts_people(text, c.span.end, v):
                    # "Of those, 274 were women": of the people, not of the websites
                    same = [j for j in back if claims[j].subject in v.people]
                back = [j for j in same if claims[j].kind == "count"] or back
                earlier = [max(back, key=lambda j: float(claims[j].value))] if back else []
            if earlier and _part_before_clause(text, claims[earlier[-1]], c):
                earlier = [claims[earlier[-1]].ref]  # type: ignore[list-item]
            if (
                earlier
                and (not anaphor or earlier[-1] in idxs)
                and _ends_list(text, claims, idxs, earlier[-1])
            ):
                # "21 Afghan, …, eight Somali and five Palestinian nationals, including 14
                # children", "Eleven inmates and two guards were wounded, four of whom":
                # of them all, not of the last
                c.role = "part"
                continue
            if earlier and not _measure_between(text, claims[earlier[-1]].span.end, c.span.start):
                c.role, c.ref = "part", earlier[-1]
                last_part = c
                _inherit(c, claims[earlier[-1]])
            elif anaphor:
                c.role = "part"  # "Of those affected, 2.1 million": a share of a whole not
                # found, never the whole's tally
            continue
        if whole is not None and _may_be_part(c, claims[whole], v):
            c.role, c.ref = "part", whole
            last_part = c
        elif n == 0 and _elliptical_part(text, c, sent, claims, prev_sent):
            # "Eight workers were on the bridge. Two were rescued": of the eight
            c.role, c.ref = "part", prev_sent[0]
            _inherit(c, claims[prev_sent[0]])
            last_part = c
        elif (
            last_part is not None
            and last_part.ref is not None
            and n > 0
            and (claims[idxs[n - 1]] is last_part or idxs[n - 1] == last_part.ref)
            and (
                c.subject in (None, claims[last_part.ref].subject)  # not "…, and 11,800 people"
                # kinds of the whole: "95 structures, including 37 homes and 68 outbuildings"
                or _INCLUDING.search(
                    text, max(0, last_part.span.start - 16), last_part.span.start, HOLD_GIL
                )
                and c.kind == last_part.kind
            )
            # nor a count of another fate: "312 injured, 97 of them by gunshots, and 485
            # people had been arrested"
            and c.category in ("other", claims[last_part.ref].category)
            and _LIST_GAP.fullmatch(text, claims[idxs[n - 1]].span.end, c.span.start, HOLD_GIL)
            and not _FROM_WORD.search(text, claims[idxs[n - 1]].span.end, c.span.start, HOLD_GIL)
        ):
            # "Of those, 150 were released, and 50 were charged", "640 of the 1,150 job
            # cuts would be in the US, 310 in Europe": the next item of the list of parts
            c.role, c.ref = "part", last_part.ref
            _inherit(c, claims[last_part.ref])
            last_part = c


_LIST_END = regexcache.compile(r"(?:[ ][\p{L}\-]{1,20}){0,2}(?:,[ ]and|[ ]and)[ ]")


def _ends_list(text: str, claims: list[Claim], idxs: list[int], j: int) -> bool:
    """Figure ``j`` closes a list of counts ("…, eight Somali and five Palestinian
    nationals"): the figure before it in the sentence is joined to it by "and"."""
    k = idxs.index(j)
    if k == 0:
        return False
    before = claims[idxs[k - 1]]
    return (
        before.kind == "count"
        and claims[j].kind == "count"
        and before.role is None
        and before.category == claims[j].category  # not "two dead and 30 injured, including"
        and _LIST_END.fullmatch(text, before.span.end, claims[j].span.start, HOLD_GIL) is not None
    )


_INCLUDING = regexcache.compile(r"\b(?:including|among\s{1,3}them)\s{1,3}$")
# A new clause between a part and "N of them": "…, including nine police officers, and that
# 11 of them had been hospitalized"
_NEW_CLAUSE = regexcache.compile(r",\s{1,3}(?:and|while|but)\b|;")


def _part_before_clause(text: str, last: Claim, c: Claim) -> bool:
    """``last``, the figure before "N of them", is a part of a whole told as an aside
    ("including …") and a new clause opens between them: "them" are the whole ("27
    people had sought medical help, including nine police officers, and that 11 of them
    had been hospitalized"), where "nine police officers, three of them seriously" are
    the nine."""
    return (
        last.role == "part"
        and last.ref is not None
        and _INCLUDING.search(text, max(0, last.span.start - 16), last.span.start, HOLD_GIL)
        is not None
        and _NEW_CLAUSE.search(text, last.span.end, c.span.start, HOLD_GIL) is not None
    )


def _comma_list(text: str, claims: list[Claim], idxs: list[int], n: int) -> bool:
    """The count ``idxs[n]`` is followed, after a comma, by a list of two counts or more
    that each say where or by whom (``_COMMA_LIST``)."""
    if n + 2 >= len(idxs):
        return False
    first, second = claims[idxs[n + 1]], claims[idxs[n + 2]]
    if first.kind != "count" or second.kind != "count":
        return False
    gap = _COMMA_LIST.fullmatch(text, claims[idxs[n]].span.end, first.span.start, HOLD_GIL)
    where = _ITEM_WHERE.match(text, first.span.end, None, HOLD_GIL)
    if gap is None or where is None:
        return False
    # one more item of a parallel list, no whole: "cancel 65 flights on Thursday, 180 on
    # Friday, 140 on Saturday" (but "closed 11 beaches on Sunday, six in …")
    if f" {where['prep']} " in gap.group():
        return False
    return (
        _ITEM_LINK.fullmatch(text, first.span.end, second.span.start, HOLD_GIL) is not None
        and _ITEM_WHERE.match(text, second.span.end, None, HOLD_GIL) is not None
    )


def _colon_list(text: str, claims: list[Claim], idxs: list[int], n: int) -> bool:
    """The count ``idxs[n]`` ends a clause on a colon ("410 prisoners had been moved by
    Monday afternoon:"), and a list of two counts or more follows that each say where,
    when or to whom (``_COLON_CLAUSE``, ``_COLON_ITEM``)."""
    # a year tells an item's time, it is no item: "14 incidents at the crossing: two in
    # 2020, three in 2021"
    following = [claims[j] for j in idxs[n + 1 : n + 5] if claims[j].kind != "year"][:2]
    if len(following) < 2:
        return False
    first, second = following
    return (
        first.kind == "count"
        and second.kind == "count"
        and _COLON_CLAUSE.fullmatch(text, claims[idxs[n]].span.end, first.span.start, HOLD_GIL)
        is not None
        and _COLON_ITEM.match(text, first.span.end, None, HOLD_GIL) is not None
        and _COLON_LINK.fullmatch(text, first.span.end, second.span.start, HOLD_GIL) is not None
        and _COLON_ITEM.match(text, second.span.end, None, HOLD_GIL) is not None
    )


# A clause of words (a capitalised name, an acronym in brackets) between a count and the
# colon that opens its breakdown; no figure, comma or stop
_COLON_CLAUSE = regexcache.compile(
    r"(?:[ ](?:\p{L}[\p{L}'\-]{0,20}|\(\p{Lu}{2,10}\))){1,24}:[ ]{1,2}"
)
_COLON_ITEM = regexcache.compile(r"[ ](?:\p{Ll}{2,15}[ ])?(?:in|at|on|by|to|from|for)[ ]")
# From one item to the next: a date may sit in an item ("140 on Saturday, January 10, 97")
_COLON_LINK = regexcache.compile(r"[^;:.()\n]{0,60}?(?:,[ ](?:and[ ])?|[ ]and[ ])")


def _may_be_part(c: Claim, whole: Claim, v: _Vocab) -> bool:
    """``c`` may count some of what ``whole`` counts: not a measure ("Of the 11 wounded,
    three remained at hospitals in Charlotte, about 25 miles away"), nor another noun
    than the whole's unless both count people ("Of the 100 seats, 38 went to the party,
    which won 13.2 million of the 38.1 million party-list votes")."""
    head = (c.subject or "").rsplit(" ", 1)[-1]
    if head in _MEASURES:
        return False
    whole_head = (whole.subject or "").rsplit(" ", 1)[-1]
    return (
        not head
        or not whole_head
        or head == whole_head
        or (_people_like(c.subject, v) and _people_like(whole.subject, v))
    )


# Nouns of measure: what no count of a group is
_MEASURES = frozenset(
    "miles kilometres kilometers km metres meters feet yards inches acres hectares hours"
    " minutes seconds days weeks months years degrees points tonnes tons kilograms kg"
    " pounds litres liters gallons barrels".split()
)


# What a list's items are, not what they count: "divided into three groups: 14,102 people
# who…, 17,830 who…"
_KINDS_OF = frozenset(
    "groups categories types kinds classes tiers bands cohorts brackets sections ways".split()
)


# A count that is a sentence's subject with no noun: "Two were rescued", "Three remain"
_BARE_SUBJECT = regexcache.compile(r"[ ](?:were|was|are|had|have|remain|remained)\b")


def _elliptical_part(
    text: str, c: Claim, sent: Span, claims: list[Claim], prev_sent: list[int]
) -> bool:
    """``c`` opens its sentence with no noun of its own ("Two were rescued") right after
    a sentence that gives one count, and no part of another: it counts some of those."""
    if c.subject is not None or text[sent.start : c.span.start].strip():
        return False
    if _BARE_SUBJECT.match(text, c.span.end, None, HOLD_GIL) is None:
        return False
    counts = [j for j in prev_sent if claims[j].kind != "year"]
    if len(counts) != 1 or prev_sent != counts:
        return False
    whole = claims[counts[0]]
    # "Nine were injured. Two were killed": two tallies of people, not a part of one
    tallies = {whole.category, c.category}.intersection(PEOPLE_CATEGORIES)
    return whole.kind == "count" and whole.role is None and len(tallies) < 2


# "…274 were women", "…were under 25", "…were aged 16": what a part without a noun is
_PART_PREDICATE = regexcache.compile(
    r"[ ](?:were|are|was|is|had[ ]been|have[ ]been)[ ](?:(?P<age>under|over|aged)\b|(?P<noun>\p{Ll}{2,20}))"
)


def _counts_people(text: str, end: int, v: _Vocab) -> bool:
    """The part ending at ``end`` is said to be people ("…274 were women")."""
    m = _PART_PREDICATE.match(text, end, None, HOLD_GIL)
    return m is not None and (m.group("age") is not None or m.group("noun") in v.people)


# A figure fused to its unit, "a 30-year sentence", "a 12-point plan": what a later "10
# of which" counts, nearer than any count before it
_MEASURE = regexcache.compile(r"(?<![\p{L}\d])\d[\d,.]{0,12}-\p{Ll}{2,12}\b")


def _measure_between(text: str, start: int, end: int) -> bool:
    return _MEASURE.search(text, start, end, HOLD_GIL) is not None


_FROM_WORD = regexcache.compile(r"\bfrom\b")  # "70 of the 150 seats, down from 78": no part
# Between two items of one list of parts: a few words, then a comma or "and"
_LIST_GAP = regexcache.compile(r"[^;:.!?()\d]{0,60}?(?:,|\band\b)[^;:.!?()\d]{0,12}")


def extract_claims(doc: Document) -> list[Claim]:
    """Every numeric claim in ``doc``, in text order, with category, subject and roles."""
    scanner = _Scanner(doc)
    raws = [r for r in _merge_ranges(doc.text, scanner.scan()) if r.kind != "duration"]
    claims = [
        Claim(
            kind=r.kind,  # type: ignore[arg-type]
            text=doc.source[r.start : r.end],
            value=_tidy(r.value),
            qualifier=r.qualifier,  # type: ignore[arg-type]
            unit=r.unit,
            category="other",
            subject=None,
            span=Span(r.start, r.end),
            upper=_tidy(r.upper) if r.upper is not None else None,
            sentence=doc.sentence_index(r.start) if doc.sentences else -1,
        )
        for r in raws
    ]
    _annotate(doc, claims)
    _roles(doc, claims)
    return claims


_SPEECH = frozenset({"said", "says", "say", "told", "reported", "announced", "added", "stated"})


def _nearest(items: list, starts: list[int], pos: int):
    """The item whose start is nearest to ``pos`` (``starts`` sorted, same order)."""
    i = bisect.bisect_left(starts, pos)
    best = None
    for j in (i - 1, i):
        if 0 <= j < len(items) and (best is None or abs(starts[j] - pos) < abs(starts[best] - pos)):
            best = j
    return items[best] if best is not None else None


def _by_sentence(doc: Document, items: list) -> dict[int, tuple[list, list[int]]]:
    """Items grouped by sentence, each group sorted by start, with its starts."""
    groups: dict[int, list] = {}
    for x in items:
        idx = x.sentence if x.sentence >= 0 else doc.sentence_index(x.span.start)
        groups.setdefault(idx, []).append(x)
    out = {}
    for idx, group in groups.items():
        group.sort(key=lambda x: x.span.start)
        out[idx] = (group, [x.span.start for x in group])
    return out


def link_claims(doc: Document) -> None:
    """Attach each claim's attribution source and its day-precision date.

    The source is the attribution nearest in the same sentence, else that of the
    quotation around the figure; the date is the nearest day date in the sentence,
    an event's date ("detained on Tuesday") before a statement's ("said on Wednesday").
    Nearest look-ups bisect, so a sentence of 30,000 figures stays linear.
    """
    attributions = _by_sentence(doc, doc.attributions)
    speech = {a.verb.lower() for a in doc.attributions} | _SPEECH
    day_dates = [
        d
        for d in doc.dates
        if d.precision == "day"
        and d.date is not None
        and not (doc.dateline is not None and doc.dateline.overlaps(d.span))
    ]
    events = _by_sentence(doc, [d for d in day_dates if (d.governor or "").lower() not in speech])
    statements = _by_sentence(doc, [d for d in day_dates if (d.governor or "").lower() in speech])
    quotes = _QuoteSources(doc)
    for c in doc.claims:
        group = attributions.get(c.sentence)
        if group:
            c.attribution = _nearest(group[0], group[1], c.span.start).source
        else:
            c.attribution = quotes.source(c)
        group = events.get(c.sentence) or statements.get(c.sentence)
        if group:
            c.date = _nearest(group[0], group[1], c.span.start).date.isoformat()


class _QuoteSources:
    """Who is quoted in each quotation: the attribution of the quote, else of its paragraph."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.quotes = sorted(doc.quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        self.by_quote: dict[Span, str] = {}
        self.by_paragraph: dict[int, str] = {}
        for a in doc.attributions:
            if a.quote_span is not None:
                i = bisect.bisect_right(self.starts, a.quote_span.end) - 1
                for j in (i - 1, i):  # quotations overlapping the attributed one
                    if 0 <= j < len(self.quotes) and self.quotes[j].overlaps(a.quote_span):
                        self.by_quote.setdefault(self.quotes[j], a.source)
            if doc.sentences:
                idx = a.sentence if a.sentence >= 0 else doc.sentence_index(a.span.start)
                self.by_paragraph.setdefault(doc.sentences[idx].paragraph, a.source)

    def source(self, c: Claim) -> str | None:
        i = bisect.bisect_right(self.starts, c.span.start) - 1
        if i < 0 or not self.quotes[i].contains(c.span):
            return None
        quote = self.quotes[i]
        if quote in self.by_quote:
            return self.by_quote[quote]
        if not self.doc.sentences or c.sentence < 0:
            return None
        return self.by_paragraph.get(self.doc.sentences[c.sentence].paragraph)
