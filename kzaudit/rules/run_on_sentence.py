"""run-on-sentence: a full stop lost between two sentences of a paragraph.

## What it does
Flags a lower-case word or a figure that runs straight into a capitalised word that
only opens sentences ("…against the dollar Analysts said…", "…by 3.4% In the US…"),
with no full stop between.  A run-on into a name or a noun ("…the vote Labour
said…") reads as one sentence and is not flagged, nor a capitalised word after "the",
"of" and other words that precede titles ("the In campaign"), nor one the story
capitalises mid-sentence twice (a name: "Now magazine") or writes after a given name
(a surname: "a delighted Every" after "Matt Every"), nor one that opens a title in
title case ("his hit When a Man Loves a Woman", "the comedy Because of Winn-Dixie").

## Why is this bad?
Two sentences fused by a lost full stop read as garbled; the slip is easy to miss on
screen because every word in it is spelt right.  (A paragraph that stops with no full
stop at all is ``missing-terminal-punctuation``'s, an info: a glance settles it.)

## Example
```
The rupee shed 0.1% against the dollar Analysts said that it was hard to predict.
```

## Use instead
```
The rupee shed 0.1% against the dollar. Analysts said that it was hard to predict.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from kzaudit import regexcache
from kzaudit.extract.dates import calendar_words
from kzaudit.extract.entities import word_set
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import NEVER_NAMES, body_paragraphs, looks_like_heading
from kzaudit.rules.base import RuleContext

ID = "run-on-sentence"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = 'Two sentences run together where a full stop was lost ("the dollar Analysts said")'


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _run_on_sentences(doc, ctx)


# Capitalised, these closed-class words only open sentences (never a name, unlike
# "Labour" or "Police"): right after a lower-case word or a figure with no stop between,
# one sentence ran on into the next ("…dipped by 3.4% In the US…").  Stricter than
# comma-ending's list, which a comma narrows down first.
_OPENERS = (
    "He|She|It|They|We|You|The|This|These|Those|There|His|Her|Their|Its|Our|Some|Many"
    "|Most|Both|All|Each|Every|Another|Such|In|On|At|After|Before|During|For|With|Under"
    "|Among|Despite|According|Since|From|By|But|And|Yet|So|Or|Although|While|When|If|As"
    "|Because|Though|However|Meanwhile|Earlier|Later|Then|Also|Now|Still|Instead|Indeed"
    "|Analysts|Officials"
)
_RUN_ON = regexcache.compile(
    r"(?<![\p{L}\p{N}'\u2019.,\-])(\p{Ll}[\p{Ll}\-'\u2019]{0,30}|\d[\d,]{0,15}(?:\.\d{1,4})?%?)"
    r"[ ](" + _OPENERS + r")(?=[ ]\p{Ll})"
)
# The openers alone, on the standard engine: it skips to capitals in a tight loop, where
# ``_RUN_ON`` would be tried at every character (a third of a millisecond an article).
# (The space before is checked in Python: a leading lookbehind would cost the engine its
# first-letter skip.)
_OPENER = regexcache.compile_std(r"(?:" + _OPENERS + r")(?= )")
_REACH = 48  # characters before an opener that hold the whole of ``_RUN_ON``'s first group


# The ASCII characters that can end ``_RUN_ON``'s first group besides letters and digits
# (a character past ASCII is left to the pattern: the ``regex`` module's Unicode tables
# may be newer than ``str.islower``'s).
_GROUP_END = frozenset("-',%")


def _run_ons(text: str, start: int, end: int) -> Iterator:
    """``_RUN_ON``'s matches in ``text[start:end]``, tried only before an opener word
    whose space follows a character that can end the first group: most openers start
    a sentence after a full stop, where a search would only fail."""
    for o in _OPENER.finditer(text, start, end):
        at = o.start()
        if at < 2 or text[at - 1] != " ":
            continue
        last = text[at - 2]
        if last.isascii() and not (last.islower() or last.isdigit() or last in _GROUP_END):
            continue
        m = _RUN_ON.search(text, max(start, o.start() - _REACH), min(end, o.end() + 2))
        if m is not None and m.start(2) == o.start():
            yield m


# Lower-case words after which a capitalised word starts a title or a name, not a
# sentence ("of The Times", "the In campaign").
_BEFORE_TITLES = frozenset(
    "the a an of to in on at for with by from into about over under called named titled "
    "dubbed via per".split()
)


# The opener starts a title in title case: "his best-known hit When a Man Loves a
# Woman", "songs including Love Train and For the Love of Money", "the comedy Because
# of Winn-Dixie": one or two small words, then a capitalised word that is no month or
# weekday ("…said In the Commons" is read as a title only where "Commons" is written once).
_TITLE_AFTER = regexcache.compile(
    r"(?:[ ](?:a|an|the|of|for|to|in|on|and|or|my|your|our|his|her|its|their)){1,2}"
    r"[ ](\p{Lu}\p{Ll}[\p{L}\-]{0,30})"
)
# Openers of sentences, never of titles: "…lifted But the Indian Air…", "…Earlier the
# Archbishop of Canterbury…"
_NEVER_TITLES = frozenset(
    "And But Yet So Or Earlier Later Then Now Still Also Instead Indeed However Meanwhile".split()
)


def _opens_title(text: str, m, spaced: Callable[[], Counter[str]]) -> bool:  # noqa: ANN001
    """The opener of ``m`` (a match of ``_RUN_ON``) starts a title (see
    ``_TITLE_AFTER``): not a connective, and the capitalised word is written only there
    ("At the Department for Work…" after other mentions of the Department is a
    sentence); ``spaced`` gives the story's ``_spaced_words`` counts."""
    if m.group(2) in _NEVER_TITLES:
        return False
    title = _TITLE_AFTER.match(text, m.end(2))
    return (
        title is not None
        and title.group(1) not in calendar_words()
        and spaced()[title.group(1)] <= 1
    )


# A capitalised word with a space on each side (looked for at each space).
_SPACED_WORD = regexcache.compile(r" (?=(\p{Lu}\p{Ll}[\p{L}\-]{0,30}) )")


def _spaced_words(text: str) -> Counter[str]:
    """How often each capitalised word stands between two spaces: ``text.count(f" {w} ")``
    for every ``w`` at once, in one pass (a count per run-on was quadratic in a story of
    many paragraphs).  As ``str.count``, occurrences that share a space ("Hague Hague")
    count once."""
    counts: Counter[str] = Counter()
    ends: dict[str, int] = {}
    for m in _SPACED_WORD.finditer(text):
        word = m.group(1)
        if m.start() >= ends.get(word, 0):
            counts[word] += 1
            ends[word] = m.start() + len(word) + 2
    return counts


def _run_on_sentences(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "…the dollar Analysts said…": a full stop lost between two sentences."""
    text = doc.text
    hits = []
    counted: list[Counter[str]] = []  # ``_spaced_words``, counted once, on first need

    def spaced() -> Counter[str]:
        if not counted:
            counted.append(_spaced_words(text))
        return counted[0]

    for _i, para in body_paragraphs(doc):
        if looks_like_heading(text[para.start : para.end]):
            continue
        for m in _run_ons(text, para.start, para.end):
            if m.group(1).lower() not in _BEFORE_TITLES and not _opens_title(text, m, spaced):
                hits.append(m)
    seen = Counter(m.group(2) for m in hits)
    surnames: dict[str, bool] = {}  # per opener word: one scan of the story each
    for m in hits:
        word = m.group(2)
        if seen[word] > 1 and word not in NEVER_NAMES:
            continue  # "his own Now show … the new Now show": a name
        if word not in NEVER_NAMES and word not in surnames:
            surnames[word] = _surname_elsewhere(text, word)
        if surnames.get(word):
            continue  # "a delighted Every was left" after "champion Matt Every": a surname
        yield ctx.finding(
            doc,
            Span(m.start(1), m.end(2)),
            f'a sentence runs on into the next without a full stop: "{m.group(1)} {word}"',
            f"{m.group(1)}. {word}",
        )


_GIVEN_BEFORE = regexcache.compile(r"(\p{Lu}\p{Ll}{1,20})[ ]$")


def _surname_elsewhere(text: str, word: str) -> bool:
    """``word`` follows a listed given name somewhere in the story ("Matt Every"): it is
    that person's surname, not a sentence's first word."""
    first = word_set("names_first")
    at = text.find(f" {word}")
    while at != -1:
        before = _GIVEN_BEFORE.search(text, max(0, at - 22), at + 1)
        after = text[at + len(word) + 1 : at + len(word) + 2]
        if before is not None and not after.isalpha() and before.group(1).lower() in first:
            return True
        at = text.find(f" {word}", at + 1)
    return False
