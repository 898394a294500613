"""misspelling: a commonly misspelled word ("afront", "accomodate", "recieve").

## What it does
Looks every word up in a curated list of common English misspellings
(``kzaudit/data/misspellings.txt``) and suggests the correct spelling.

It also reports a typing slip of an ordinary word that no list could hold: a lower-case
word used once, not in the large English word list, that is one slip from a word that is
-- two letters swapped ("nothign"), a letter doubled or not doubled ("acused"), a letter
dropped or added inside the word ("immensly"), one vowel for another
("independant").  The slip is never at the first letter nor an added or dropped last
letter ("olds", "blanche"), and a word that reads as a regular formation of known words
is left alone: a plural ("reinsurers"), a prefix ("renationalise", "uncosted"), a
compound ("shockwaves"; "gameplan" and "baitfish", two words of four letters or more,
beside the rarer "gamelan" and "batfish"); but a one-syllable stem doubles its last consonant, so "puting" is no "put"
+ "ing".  Nor is a word among other unknown words (a foreign phrase, "Je suis Charlie"),
a name's particle ("Uqba ibn Nafi"), a piece of a compound the list holds whole
("whole-heartedly"), or a prefix written apart ("pre planning").  Short words are read
with care, since slang and dialect sit one letter from English words ("tradie",
"hatful"): a six-letter word is read as a dropped letter only when the word it would be
is among the commonest English words ("aganst" for "against"), and a slip of such a word
is read before a formation of rarer ones ("heping" is no "hep" + "ing").  Of the
commonest words, typing slips are read in words of any length from three letters: two
letters swapped, the first two too ("teh", "wtih", "ahve"), the last letter typed twice
("andd") and a key beside the right one ("tje"; in three letters only the middle one,
never in a word with no vowel, an abbreviation: "yrs"); and from four letters, a key hit
beside its neighbour's inside the word ("tghe", "saiod", "thyat"), a letter dropped
inside the word ("weks", "comon") and a key beside the right one ("convern", "firj") --
but not in a short piece of a compound or contraction ("pre-tax", "criss-cross",
'isn"t'), nor a last letter that ends words by itself after a word or as a plural
("circs", "quals"; but "woule", "deao"; a bare "d" ends only a word in "-e": "bringd" is
no form; a last "a" is no ending, so "24 yeara" is a slip of "years", and the Latin of
"pro forma" is in the word list).  In a rarer word of seven letters or more a key beside
the right one is a slip too ("boncholders"), and in five or six letters one that gives
one of the commonest words ("bringd" for "brings").  And when no such reading fits, any
inner letter changed, added or dropped is a slip if the word has a run of three letters
that no listed word has and the correction has none ("grywth", "whqch", "reactnng"; in
five letters two such runs, since one is as often a foreign word: "reais"): a rare or
foreign word is spelt like the words around it, a finger slip seldom is.  Last, any inner
letter changed, added or dropped that gives a word the story writes elsewhere
("governmeot" in a story about the government), or one of the commonest words, in seven
letters or more ("expensise", "playecr"; shorter forms are as often slang: "repped",
"dinked").  A month or weekday name mistyped inside the word ("Octoxer", "Wepnesday",
"Augsut") is one too, capitalised as the name is; not at its end ("Mondays", "Augusta",
"Octobre"), nor before a surname ("Avril Lavigne").

## Why is this bad?
A misspelling in print costs a story its authority; spell-checkers are often off in
newsroom systems, or a wrong suggestion was accepted.

The list holds only forms that are not English words and not plausible names, so it
is safe on names, acronyms and foreign words: a capitalised word inside a sentence
is taken for a name and skipped (unless the entry is itself a proper noun, like
"Febuary"), and short all-capital words are acronyms.  A misspelling inside a
quotation is still flagged: the newsroom transcribed it.  House spellings can be
whitelisted with ``known_words`` in the config.

## Example
```
The protests are an afront to his vision.
```

## Use instead
```
The protests are an affront to his vision.
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from kzaudit import regexcache
from kzaudit.datafiles import read_text
from kzaudit.extract.dates import calendar_words
from kzaudit.extract.entities import common_words, word_set
from kzaudit.extract.numbers import vocab as numbers_vocab
from kzaudit.model import Document, Finding, Span, span_at
from kzaudit.regexcache import HOLD_GIL
from kzaudit.rules._frequent import frequent_words
from kzaudit.rules._letters import odd_runs
from kzaudit.rules._mechanics import (
    PREFIXES,
    WORD,
    at_sentence_start,
    plain_piece_counts,
    plain_pieces,
    whole_word_starts,
)
from kzaudit.rules._names import key_neighbours
from kzaudit.rules.base import RuleContext

ID = "misspelling"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A misspelled word (a common misspelling or a typing slip), with its correct spelling"

_ACRONYM_MAX = 4
_NOT_PROSE = "@/#_\\"  # a word touching these is part of a URL, handle or path


@cache
def misspellings() -> dict[str, str]:
    """misspelling (lower case) -> correction, from the package data file."""
    table: dict[str, str] = {}
    for line in read_text("misspellings.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        wrong, _, right = line.partition("->")
        table[wrong.strip().lower()] = right.strip()
    return table


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    story = plain_pieces(doc.text)  # every word of the story, lower case, hyphens split
    yield from _listed(doc, ctx, story)
    yield from _slips(doc, ctx, story)
    yield from _calendar_slips(doc, ctx, story)


def _calendar_slips(doc: Document, ctx: RuleContext, story: set[str]) -> Iterator[Finding]:
    """ "Octoxer", "Wepnesday": a month or weekday name with one inner letter changed,
    added, dropped or two swapped, capitalised as the name is.  The end is left alone:
    "Mondays", "Augusta", "Octobre" are words of their own."""
    slips = _calendar_variants()
    found = slips.keys() & story
    if not found:
        return
    known = ctx.style.known_words
    words, first, places = common_words(), word_set("names_first"), word_set("names_places")
    listed = misspellings()  # "Febuary": reported from the list already
    for low in sorted(found):
        if low in known or low in words or low in first or low in places or low in listed:
            continue
        right = slips[low]
        start = next(whole_word_starts(doc.text, low.capitalize()), -1)
        if start < 0:
            continue  # written in lower case only: not a date's name
        span = Span(start, start + len(low))
        if _NAME_NEXT.match(doc.text, span.end):
            continue  # "Avril Lavigne": a given name before a surname
        yield ctx.finding(
            doc, span, f'"{doc.slice(span)}" looks like a misspelling of "{right}"', right
        )


_NAME_NEXT = regexcache.compile(r"[ \t]{1,3}\p{Lu}\p{Ll}")


@cache
def _calendar_variants() -> dict[str, str]:
    """Every one-slip form of the month and weekday names of five letters or more,
    lower case, with the name it comes from: a letter changed, added or dropped inside
    the word, or two inner letters swapped (never the last)."""
    out: dict[str, str] = {}
    for name in sorted(calendar_words()):
        low = name.lower()
        if len(low) < _MIN_SWAP:
            continue  # "May", "June", "July": their slips are other words
        forms = set(_inner_edits(low, added=True))
        forms.update(low[:i] + low[i + 1] + low[i] + low[i + 2 :] for i in range(1, len(low) - 2))
        for form in forms - {low}:
            out.setdefault(form, name)
    return out


def _listed(doc: Document, ctx: RuleContext, story: set[str]) -> Iterator[Finding]:
    table = misspellings()
    known = ctx.style.known_words
    text = doc.text
    if table.keys().isdisjoint(story):
        return  # the common case, decided in one C-level scan
    for para in doc.paragraphs:
        for m in WORD.finditer(text, para.start, para.end):
            if _in_code(text, m.start(), m.end()):
                continue
            for start, word in _parts(m.start(), m.group()):
                right = table.get(word.lower())
                if right is None or word.lower() in known:
                    continue
                if not _flaggable(text, start, word, right, para.start):
                    continue
                yield ctx.finding(
                    doc,
                    Span(start, start + len(word)),
                    f'"{word}" is a misspelling of "{_cased(right, word)}"',
                    _cased(right, word),
                )


def _parts(start: int, token: str) -> Iterator[tuple[int, str]]:
    """The pieces of a hyphenated word, each without a possessive 's."""
    offset = start
    for piece in token.split("-"):
        word = piece
        for suffix in ("'s", "\u2019s", "'", "\u2019"):
            if word.endswith(suffix) and len(word) > len(suffix):
                word = word[: -len(suffix)]
                break
        yield offset, word
        offset += len(piece) + 1


def _in_code(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _NOT_PROSE or after in _NOT_PROSE or before.isdigit() or after.isdigit():
        return True
    # "www.goverment.com": a dot joining letters on either side.
    return (before == "." and start > 1 and text[start - 2].isalnum()) or (
        after == "." and end + 1 < len(text) and text[end + 1].isalnum()
    )


_QUOTE_MARKS = frozenset("\"\u201c\u201d'\u2018\u2019")


# What cites a word rather than uses it: 'the word "energie"', 'so-called "blogosphere"'
_CITING = regexcache.compile(
    r"(?i)\b(?:word|term|phrase|name|called|dubbed|named|titled|known[ ]as|spelt|spelled)"
    r"[ ]$"
)


_COINING = regexcache.compile(r"(?i)\b(?:known[ ]as|so-called|dubbed|termed)[ ]$")


def _cited(text: str, start: int, end: int) -> bool:
    """The word alone in quotation marks after a word that cites it ('the word
    "energie"', 'the so-called "blogosphere"'): cited or coined, spelt as its source
    does; so is one named unquoted after "known as", "so-called", "dubbed" ("known as
    trilogues").  A word quoted from speech ('…were "unacceptable" and "distrssing"') is
    used."""
    if _COINING.search(text, max(0, start - 12), start) is not None:
        return True  # a term of art named unquoted: "the Commission, known as trilogues"
    return (
        text[start - 1 : start] in _QUOTE_MARKS
        and text[end : end + 1] in _QUOTE_MARKS
        and _CITING.search(text, max(0, start - 20), start - 1) is not None
    )


def _flaggable(text: str, start: int, word: str, right: str, floor: int) -> bool:
    if right[0].isupper() or word.islower():
        return True
    if word.isupper():
        return len(word) > _ACRONYM_MAX
    # Capitalised: a sentence's first word, not a name in mid-sentence.
    return word[1:].islower() and at_sentence_start(text, start, floor)


def _cased(right: str, word: str) -> str:
    """The correction in the case the writer used."""
    if right[0].isupper():
        return right.upper() if word.isupper() and len(word) > 1 else right
    if word.isupper() and len(word) > 1:
        return right.upper()
    if word[0].isupper():
        return right[0].upper() + right[1:]
    return right


# --- typing slips of ordinary words -------------------------------------------------

# A lower-case ASCII word of 5+ letters standing alone (hyphen pieces included): not
# part of a capitalised or mixed-case token, a URL, handle, number or contraction.
_LOWER = regexcache.compile(
    r"(?<![\p{L}\p{M}\p{N}'\u2019@#/_.\\])[a-z]{3,30}(?![\p{L}\p{M}\p{N}@#/_\\]|['\u2019.][\p{L}])"
)
# Why a second pattern: ``_LOWER`` can only match a whole maximal run of ASCII lower-case
# letters (a letter on either side fails its look-arounds), so the standard engine finds
# the runs (several times faster than ``regex`` trying the look-behind everywhere) and
# ``_LOWER`` itself is tried only at a run whose neighbours are not plainly clear.
_LOWER_RUN = regexcache.compile_std(r"[a-z]{3,}")
# The runs after no ASCII letter (plus one opening the text, see ``_standing_runs``):
# the tails of capitalised words ("ondon" of "London", two dozen a story) never stand
# alone, and each would cost ``_first_places`` a word-list look-up and a search.
_RUN_AFTER_NON_LETTER = regexcache.compile_std(r"[^A-Za-z]([a-z]{3,})")
_LOWER_MAX = 30
# Characters that pass both of ``_LOWER``'s look-arounds (no letter, mark, digit, nor one
# of its listed symbols).
_CLEAR = frozenset(' \t\n,;:!?()"\u201c\u201d-')
_VOWELS = "aeiou"
_VOWELS_Y = "aeiouy"
_ENDINGS = frozenset("deiosy")  # last letters of inflections and foreign endings (no
# "a": "yeara" is a slip of "years", and the word list holds the "forma" of "pro forma")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Suffixes and prefixes of regular formations the word list may not hold.
_SUFFIXES = (
    "s", "es", "er", "ers", "ings", "ing", "ed", "ee", "ees", "ist", "ists", "ism",
    "less", "ness", "ship", "hood", "ment", "ments", "long", "wide",
)  # fmt: skip
# Letters of a word read as a slip: shorter words are as often slang, dialect or a
# foreign word one letter from an English one ("tradie", "goanna", "tinnies", "shamba").
_MIN_SWAP = 5  # two letters swapped ("thier"); shorter words only as slips of the commonest
_MIN_SLIP = 6  # a letter doubled or a double letter single ("acused")
_MIN_DROP = 7  # a letter dropped ("reseach")
# ... or six letters when the word it would be is among the commonest ("aganst" for
# "against"): slang and dialect sit beside rarer words ("tradie", "shamba")
_MIN_FREQUENT_DROP = 6
_MIN_CHANGE = 8  # a letter added or one vowel for another ("politicial", "standerds")
_MIN_KEY = 7  # a key beside the right one in a rarer word ("boncholders", "utanium")
_COMPOUND_PART = 5  # letters of each word of a compound read as a formation
_JOINED_PART = 4  # ... or, of two listed words, beside a rarer correction
_SUFFIX_WORDS = frozenset(("able", "less", "ship", "hood", "ment", "ness", "wide", "long"))
_TYPING = 1  # ranks up to this are typing slips (swap, doubling): no compound is formed so
_DOUBLED_RANK = 1  # a letter doubled or a double letter single


def _slips(doc: Document, ctx: RuleContext, story: set[str]) -> Iterator[Finding]:
    """Once-used lower-case words one typing slip from an English word (``story``: the
    story's words, ``plain_pieces``)."""
    text = doc.text
    words = common_words()
    frequent = frequent_words()  # a subset of ``words`` held as a set: asked first
    first = _first_places(text, frequent, words)  # each unknown lower-case word's first place
    unknown = set(first)
    unknown -= ctx.style.known_words
    unknown -= misspellings().keys()  # the curated list reports those
    if not unknown:
        return
    counts = plain_piece_counts(text, unknown)  # any case
    names: list[Span] | None = None  # the entities' spans, sorted once, on first need
    for word in sorted(w for w in unknown if counts[w] == 1):
        found = _correction(word, words, story, frequent)
        if found is None:
            continue
        rank, right = found
        # A slip of one of the commonest words is read before a formation of rarer
        # ones: "heping" is no "hep" + "ing", "distace" no "dis" + "tace"
        parts = frequent if right in frequent else words
        if _suffixed(word, parts) or (rank > _TYPING and _formed(word, parts)):
            continue  # "divorcees", "shockwaves"; but "triggreed" is no "trig" + "greed"
        if (
            parts is words
            and len(word) > len(right)
            and rank != _DOUBLED_RANK  # "litterring" is a letter typed twice, no "litter ring"
            and (_two_words(word, frequent) or _two_words(word, words, right))
        ):
            continue  # "gameplan", "game" + "plan", is no slip of the rare "gamelan"; nor
            # "baitfish", "bait" + "fish", of "batfish"
        if word[-1] == "s" and word[-2] != "s" and word[:-1] in words:
            continue  # a plural of any word: "mins" is no slip of "mains" (but "wass" is)
        start, end = first[word]
        if (
            _in_code(text, start, end)
            or _cited(text, start, end)
            or _among_unknown(text, start, end, words)
        ):
            continue
        if names is None:
            names = sorted(e.span for e in doc.entities)
        if _in_name(names, start) or _open_compound(text, start, end, word, words):
            continue
        if len(word) < _MIN_SLIP and _joined(text, start, end):
            continue  # a short piece of a compound or contraction: "pre-tax", "criss-cross"
        yield ctx.finding(
            doc,
            Span(start, end),
            f'"{word}" looks like a misspelling of "{right}"',
            right,
        )


def _in_name(names: list[Span], start: int) -> bool:
    """Inside a name the entity reader joined across a particle ("Uqba ibn Nafi");
    ``names``: the entities' spans, sorted (they do not overlap), found by one bisect."""
    name = span_at(names, start)
    return name is not None and name.start < start


_HYPHENATED = regexcache.compile(r"[\p{L}\-]{0,40}$")
_HYPHENATED_ON = regexcache.compile(r"[\p{L}\-]{0,40}")
_NEXT_WORD = regexcache.compile(r"[ \t]{1,3}(\p{Ll}{3,30})\b")


def _open_compound(text: str, start: int, end: int, word: str, words) -> bool:  # noqa: ANN001
    """A piece of a compound the word list holds whole ("whole-heartedly"), or a prefix
    written apart from its word ("pre planning", "non profit")."""
    if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
        head = _HYPHENATED.search(text[max(0, start - 40) : start])
        tail = _HYPHENATED_ON.match(text, end)
        whole = (head.group() if head else "") + word + (tail.group() if tail else "")
        if whole.replace("-", "").lower() in words:
            return True
    if word in PREFIXES:
        nxt = _NEXT_WORD.match(text, end)
        return nxt is not None and nxt.group(1) in words
    return False


_FIND_LIMIT = 200_000  # characters up to which unknown words are found by str.find


def _first_places(text: str, frequent: frozenset[str], words) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    """Where each lower-case word that no word list holds first stands alone (a whole
    run of ASCII lower-case letters passing ``_LOWER``'s look-arounds).

    Why two ways: in a story of ordinary length the distinct runs are collected in C
    and only the few unknown ones are looked for with ``str.find``, instead of a Python
    step for each of a story's hundreds of runs; a story past ``_FIND_LIMIT`` (10 MB
    has 1.7 million words) is read in one pass, so time stays linear and memory flat.
    """
    if len(text) <= _FIND_LIMIT:
        unknown = {
            w for w in _standing_runs(text) - frequent if len(w) <= _LOWER_MAX and w not in words
        }
        out: dict[str, tuple[int, int]] = {}
        for w in unknown:
            start = text.find(w)
            while start != -1:
                end = start + len(w)
                if _alone(text, start, end):
                    out[w] = (start, end)
                    break
                start = text.find(w, start + 1)
        return out
    first: dict[str, tuple[int, int]] = {}
    for run in _LOWER_RUN.finditer(text):
        start, end = run.span()
        if end - start <= _LOWER_MAX and _alone(text, start, end):
            first.setdefault(run.group(), (start, end))
    return {w: place for w, place in first.items() if w not in frequent and w not in words}


def _standing_runs(text: str) -> set[str]:
    """The distinct runs of ``_LOWER_RUN`` that no ASCII letter precedes: every word
    that can stand alone (``_LOWER`` wants no letter before it), found in C."""
    runs = set(_RUN_AFTER_NON_LETTER.findall(text))
    head = _LOWER_RUN.match(text)
    if head is not None:
        runs.add(head.group())
    return runs


def _alone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a whole run of ASCII lower-case letters that passes
    ``_LOWER``'s look-arounds (tried only where a neighbour is not plainly clear)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if "a" <= before <= "z" or "a" <= after <= "z":
        return False  # inside a longer run
    return (before in _CLEAR and after in _CLEAR) or (
        _LOWER.match(text, start, None, HOLD_GIL) is not None
    )


def _correction(
    word: str,
    words,  # noqa: ANN001 - a SortedWords
    story: set[str] | frozenset[str] = frozenset(),
    frequent: frozenset[str] = frozenset(),
) -> tuple[int, str] | None:
    """(rank, the English word one slip away), the likeliest slip first; None when there
    is none.  A slip in a word shorter than its threshold still counts when the word it
    would be is written elsewhere in the story (``story``: "cmpany" beside "company"),
    and a dropped letter in a six-letter word when that word is among the commonest
    (``frequent``: "aganst").

    Slips, likeliest first: two letters swapped; a letter doubled or a double letter
    single; a letter dropped; one vowel for another; a letter added.  Never at the
    first letter, and never a last letter added or dropped (an inflection or a foreign
    form, not a slip).  A word of five letters is read only as a swap ("thier"): a
    dropped letter there is as often a real word ("cafes", "circs", "touchy-feely");
    longer slips need longer words (``_MIN_DROP``, ``_MIN_CHANGE``).
    """
    n = len(word)
    if n < _MIN_SWAP:  # three or four letters: only a typing slip of one of the commonest
        return _typing_slip_of_frequent(word, frequent)
    best: tuple[int, str] | None = None
    best_common = False  # ``best`` is among the commonest words

    def consider(rank: int, cand: str, long_enough: bool = True) -> None:
        # The likeliest slip wins, but a common word beats a rare one whatever the
        # slip: "threme" is "theme" with a letter added, not "therme" with two swapped
        nonlocal best, best_common
        common = cand in frequent
        if best is not None and (best_common, -best[0]) >= (common, -rank):
            return
        if cand in words and (long_enough or cand in story):
            best, best_common = (rank, cand), common

    for i in range(1, n - 1):
        if word[i] != word[i + 1]:
            consider(0, word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    if best is not None and best_common:
        return best
    if n < _MIN_SLIP:
        if best is None:
            _unspelt(word, words, consider)
        if best is None:
            _frequent_key_slip(word, frequent, consider)
        return best or _typing_slip_of_frequent(word, frequent)
    for i in range(1, n - 1):
        doubled = word[i] in (word[i - 1], word[i + 1])
        consider(1 if doubled else 4, word[:i] + word[i + 1 :], doubled or n >= _MIN_CHANGE)
    for i in range(1, n):
        for ch in _LETTERS:
            doubled = ch in (word[i - 1], word[i])
            cand = word[:i] + ch + word[i:]  # a letter dropped
            long_enough = n >= _MIN_DROP or (n >= _MIN_FREQUENT_DROP and cand in frequent)
            consider(1 if doubled else 2, cand, doubled or long_enough)
    for i in range(1, n - 1):
        if word[i] in _VOWELS:
            for ch in _VOWELS:
                if ch != word[i]:  # a vowel for another
                    consider(3, word[:i] + ch + word[i + 1 :], n >= _MIN_CHANGE)
    # a key beside the right one ("boncholders"), also before a letter added: "confirned"
    # is "confirmed" with "n" for "m", likelier than "confined" with an "r" added
    if n >= _MIN_KEY and (best is None or best[0] > _KEY_RANK or not best_common):
        near = key_neighbours()
        for i in range(1, n - (word[-1] in _ENDINGS and _inflected(word))):
            for key in near.get(word[i].upper(), "").lower():
                consider(_KEY_RANK, word[:i] + key + word[i + 1 :])
    elif best is None:
        _frequent_key_slip(word, frequent, consider)
    if best is None:
        _unspelt(word, words, consider)
    if best is None:
        _echo(word, story, consider)
    found = best or _typing_slip_of_frequent(word, frequent)
    if found is None and n >= _MIN_DROP:
        # last, any inner slip of one of the commonest words ("expensise", "playecr"):
        # shorter forms are as often slang or a rarer word ("repped", "dinked")
        for cand in _inner_edits(word, added=True):
            if cand in frequent:
                consider(_ECHO_RANK, cand)
        found = best
    return found


def _frequent_key_slip(
    word: str, frequent: frozenset[str], consider: Callable[[int, str], None]
) -> None:
    """A key beside the right one in a word of five or six letters, giving one of the
    commonest words ("bringd" for "brings"; not "murku", as "murky" is rarer): rarer
    words that short are as often slang or a word of another language."""
    near = key_neighbours()
    n = len(word)
    for i in range(1, n - (word[-1] in _ENDINGS and _inflected(word))):
        for key in near.get(word[i].upper(), "").lower():
            cand = word[:i] + key + word[i + 1 :]
            if cand in frequent:
                consider(_KEY_RANK, cand)


def _echo(
    word: str, story: set[str] | frozenset[str], consider: Callable[[int, str], None]
) -> None:
    """Any inner letter changed, added or dropped that gives a word the story writes
    elsewhere ("governmeot" in a story that writes "government")."""
    if len(word) < _MIN_SWAP or not story:
        return
    for cand in _inner_edits(word, added=True):
        if cand in story:
            consider(_ECHO_RANK, cand)


def _inner_edits(word: str, added: bool) -> Iterator[str]:
    """``word`` with one inner letter (not the first nor the last) changed to any other
    or dropped, and with ``added`` one letter put in before an inner letter."""
    for i in range(1, len(word) - 1):
        for ch in _LETTERS:
            if ch != word[i]:
                yield word[:i] + ch + word[i + 1 :]
        yield word[:i] + word[i + 1 :]
        if added:
            for ch in _LETTERS:
                yield word[:i] + ch + word[i:]


_ECHO_RANK = 6  # after every other reading: the story's own word is the evidence


_MIN_UNSPELT = 5  # letters of a word read for any letter changed, added or dropped
_UNSPELT_RANK = 5  # the least likely slip: read only when no other one fits


def _unspelt(word: str, words, consider: Callable[[int, str], None]) -> None:  # noqa: ANN001
    """Any inner letter changed, added or dropped, when ``word`` has a run of three
    letters no listed word has and the correction has none ("whqch", "grywth"): a
    slip no other reading fits, never a rarer spelling of a real word."""
    n = len(word)
    if n < _MIN_UNSPELT or (word.endswith("nt") and word[:-2] in words):
        return  # "wouldnt": "wouldn't" without its apostrophe
    if odd_runs(word) < (2 if n < _MIN_SLIP else 1):
        return  # five letters: one odd run is as often a foreign word ("reais")
    for cand in _inner_edits(word, added=False):
        _plain(consider, cand)


def _plain(consider: Callable[[int, str], None], cand: str) -> None:
    """Offer ``cand`` when it is spelt like the listed words (no odd letter run)."""
    if odd_runs(cand) == 0:
        consider(_UNSPELT_RANK, cand)


_KEY_RANK = 3  # a key beside the right one ranks with a vowel changed, above a letter added


def _joined(text: str, start: int, end: int) -> bool:
    """The word is joined to the next or last by a hyphen ("pre-tax", "Chong-gyu") or
    to a letter by a quotation mark ('isn"t')."""
    if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
        return True
    return text[end : end + 1] in "'\"\u2019" and text[end + 1 : end + 2].isalpha()


def _typing_slip_of_frequent(word: str, frequent: frozenset[str]) -> tuple[int, str] | None:
    """(rank, word) when ``word`` is a typing slip of one of the commonest words: two
    letters swapped, the first two too ("htis", "ahve", "wtih"), a key hit beside the
    next or last letter's key inside the word ("thyat", "saiod", "tghe"), or a letter
    dropped inside it ("weks", "comon"), or a key beside the right one inside it
    ("convern").

    Why: the commonest words are where fingers slip most, and one slip away from one
    of them a short word is rarely anything else; slang and dialect sit one letter
    from rarer words ("tradie"), and an added last letter is an inflection ("olds").
    """
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            cand = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if cand in frequent:
                return 0, cand
    if word[-1] == word[-2] and word[:-1] in frequent:
        return 1, word[:-1]  # the last letter typed twice: "andd", "wass"
    near = key_neighbours()
    if len(word) < 4:  # three letters: a swap ("teh", "adn"), or a key beside the middle
        if not any(ch in _VOWELS_Y for ch in word):  # one ("tje"); never an abbreviation
            return None
        for key in near.get(word[1].upper(), "").lower():
            cand = word[0] + key + word[2]
            if cand in frequent:
                return 2, cand
        return None
    for i in range(1, len(word) - 1):
        keys = near.get(word[i].upper(), "")
        if word[i - 1].upper() in keys or word[i + 1].upper() in keys:
            cand = word[:i] + word[i + 1 :]
            if cand in frequent:
                return 1, cand
    # a key beside the right one ("tje", "wjth", "firj"); a last letter that ends words
    # by itself (a plural: "circs", "quals") is no slip
    last = len(word) - (word[-1] in _ENDINGS and _inflected(word))
    for i in range(1, last):
        for key in near.get(word[i].upper(), "").lower():
            cand = word[:i] + key + word[i + 1 :]
            if cand in frequent:
                return 2, cand
    if not any(ch in _VOWELS_Y for ch in word):
        return None  # an abbreviation: "mths", "shrs", "qtr"
    for i in range(1, len(word)):  # a letter dropped inside the word ("weks", "comon")
        for ch in _LETTERS:
            cand = word[:i] + ch + word[i:]
            if cand in frequent:
                return 2, cand
    return None


def _inflected(word: str) -> bool:
    """The word may be a word with an ending ("circs"): a last letter that ends
    words by itself is read as a slip only when what precedes it is no word ("woule",
    "deao"); a last "s" only as the key beside the "e" of one of the commonest words
    ("havs", "someons"), since clipped words take a plural ("circs", "quals")."""
    stem = word[:-1]
    if word[-1] == "d" and stem[-1:] != "e":
        return False  # only "-e" words take a bare "d" ("baked"): "bringd" is no form
    if stem in common_words():
        return True
    return word[-1] == "s" and stem + "e" not in frequent_words()


def _formed(word: str, words) -> bool:  # noqa: ANN001 - a SortedWords
    """A regular formation of known words: a plural, prefix, or compound."""
    if _suffixed(word, words):
        return True
    for prefix in PREFIXES:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 4:
            continue
        # a two-letter prefix before a word itself ("de" + "listed"), not before a
        # formation ("depeding" is no "de" + "ped" + "ing")
        if rest in words or (len(prefix) > 2 and _suffixed(rest, words)):
            return True
    # two words of five letters or more ("shockwaves"; not "ques" + "toning"), the
    # second with an ending on a word of four letters at least ("neigh" + "ouring" is no
    # "our" + "ing")
    return any(
        word[:i] in words and _suffixed(word[i:], words, _JOINED_PART)
        for i in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1)
    )


def _two_words(word: str, words, right: str = "") -> bool:  # noqa: ANN001 - a SortedWords
    """Two of ``words`` of four letters or more, written as one (the second no suffix:
    "receiveable" is a slip).  Given ``right``, only where it differs from ``word`` away
    from their seam: "baitfish" is "bait" + "fish", a letter off "batfish" inside
    "bait"; but "testsimony" is no "test" + "simony", for its "s" typed at the seam
    makes the two (of the commonest words, "gameplan" is two either way)."""
    slip = None  # where ``right`` first differs from ``word``
    if right:
        slip = next(
            (i for i, (a, b) in enumerate(zip(word, right, strict=False)) if a != b), len(right)
        )
    return any(
        word[:i] in words
        and word[i:] in words
        and word[i:] not in _SUFFIX_WORDS
        and slip not in (i - 1, i)
        for i in range(_JOINED_PART, len(word) - _JOINED_PART + 1)
    )


def _suffixed(word: str, words, shortest: int = 3) -> bool:  # noqa: ANN001 - a SortedWords
    """A known word, or one with a regular ending on a known word of ``shortest``
    letters or more ("hoping", "scragged")."""
    if word in words:
        return True
    for suffix in _SUFFIXES:
        base = word[: -len(suffix)]
        if not word.endswith(suffix) or len(base) < shortest:
            continue
        if suffix[0] == "e" and base[-1] == "e":
            continue  # "belieed" is no "belie" + "ed"
        if suffix == "s" and base[-1] == "s":
            continue  # a word in -s takes -es: "wass" is no plural of "was"
        if suffix[0] in _VOWELS and base + "e" in words:
            return True  # "hoping" is "hope" + "ing"; but "havs" is no "have" + "s"
        if base in words and not _doubles(base, suffix):
            return True
        if base[-1] == base[-2] and base[:-1] in words and _doubles(base[:-1], suffix):
            return True  # "scragged": "scrag" doubles its "g"
    return False


_DOUBLING = frozenset(["ing", "ings", "ed", "er", "ers"])  # suffixes that double a stem's end


def _doubles(base: str, suffix: str) -> bool:
    """A one-syllable stem ending consonant-vowel-consonant doubles its last letter
    before a vowel ("put" -> "putting", "stop" -> "stopped"), so "puting" and "stoped"
    are no regular formations of it."""
    return (
        suffix in _DOUBLING
        and base[-2] in _VOWELS
        and base[-1] not in _VOWELS_Y + "wx"
        and sum(ch in _VOWELS_Y for ch in base) == 1
    )


def _among_unknown(text: str, start: int, end: int, words) -> bool:  # noqa: ANN001
    """A lower-case neighbour is not an English word either (a foreign phrase), or the
    word is joined by a hyphen to a piece of one or two letters ("ad-libbed", "e-tailer")."""
    if start >= 3 and text[start - 1] == "-" and not text[start - 4 : start - 1].isalpha():
        return True
    if text[end : end + 1] == "-" and not text[end + 1 : end + 4].isalpha():
        return True
    # words, not units stuck to a figure ("$445.1bn")
    before = [m for m in WORD.finditer(text, max(0, start - 40), start) if _free(text, m)]
    after = [m for m in WORD.finditer(text, end, end + 40) if _free(text, m)][:2]
    units = _unit_words()
    listed = misspellings()  # "comply with whzt was forseen": a known slip is no foreign word
    return any(
        (w.islower() or _foreign_opener(text, m))
        and (
            w.lower() in _FOREIGN_SMALL or (len(w) > 1 and _bare(w) not in words and w not in units)
        )
        and w not in listed
        and not (w in PREFIXES and m.group().startswith(w + "-"))  # "pre-tax", "non-executive"
        for m in before[-2:] + after
        for w in m.group().split("-")
    )  # "E lucevan le stelle": a neighbour within two words is no English word


_LOWER_NEXT = regexcache.compile(r"[ \t]{1,3}\p{Ll}")


def _foreign_opener(text: str, m) -> bool:  # noqa: ANN001 - a regex match
    """A capitalised small foreign word opening a phrase ("Je suis Charlie"), not a name
    ("Las Vegas", "Le Monde")."""
    return m.group().lower() in _FOREIGN_SMALL and _LOWER_NEXT.match(text, m.end()) is not None


@cache
def _unit_words() -> frozenset[str]:
    """Magnitudes and currencies the figure reader knows ("mln", "dlrs", "cts"): wire
    abbreviations, not a foreign phrase around a slip ("a press cofnerence the 132.5 mln")."""
    v = numbers_vocab()
    return frozenset(w.lower() for w in (*v.suffixes, *v.currency_words, "pct", "bpd"))


def _free(text: str, m) -> bool:  # noqa: ANN001 - a regex match
    return m.start() == 0 or not text[m.start() - 1].isdigit()


def _bare(word: str) -> str:
    """Without a possessive: "world's" -> "world"."""
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


# Articles and conjunctions of other languages that English word lists hold as words
# or abbreviations ("la", "de", "el", "die", "et"): beside them a word is foreign.
_FOREIGN_SMALL = frozenset(
    "le la les il gli lo los las el der die das und et y del della degli des du une una ein"
    " eine je".split()
)
