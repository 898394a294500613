"""comma-ending: a sentence or paragraph that ends in a comma.

## What it does
Flags a body paragraph whose last character is a comma, and a comma inside a
paragraph that ends a sentence: one followed by a capitalised word that only
opens sentences ("He", "The", "However") and then a lower-case word, as in
"indicted in the case, He has pleaded guilty". A word the story also
capitalises mid-sentence is a name ("…up 12.4%, Next said", Next the retailer)
and is left alone, as is "The" opening a title ("In London, The Times said").
Also a comma between a main clause and an attribution that goes on into a clause
of its own ("…needs a streamlined process, Mr Davis said once Britain had opted
in"); not after an introductory phrase or a subordinate clause ("Speaking in
Leeds, Mr Blair said he…", "As his party set out plans, Mr Howard said they…").

## Why is this bad?
A paragraph ending in a comma is almost always a sentence cut short in editing, or
a full stop mistyped: the reader is left waiting for the rest of the sentence.

Not flagged: list items ("- apples,"), and a paragraph whose next one starts with a
lower-case letter (a line break inside a sentence, not an ending); "I" after a comma.

## Example
```
The government set new fuel price limits for six months,
```

Sentence ending in a comma:
```
Sullivan was indicted in the case, He has pleaded guilty.
```

## Use instead
```
The government set new fuel price limits for six months.
Sullivan was indicted in the case. He has pleaded guilty.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

import regex

from kzaudit import regexcache
from kzaudit.extract.dates import vocab
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import is_list_item, last_line, paragraph_starts_lower
from kzaudit.rules.base import RuleContext

ID = "comma-ending"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A sentence or paragraph that ends in a comma instead of a full stop."
SUGGESTION = "replace the final comma with a full stop"

# Capitalised, these words open sentences; after a comma they mean a full stop was
# typed as a comma (or a capital in error).  Closed-class words and a few plural
# nouns that open reports ("Analysts said"): never names by themselves.
SENTENCE_OPENERS = frozenset(
    ["He", "She", "It", "They", "We", "The", "This", "These", "Those", "There", "But",
     "However", "His", "Her", "Their", "Its", "Our", "A", "An", "In", "On", "At", "After",
     "Before", "When", "While", "If", "As", "Some", "Many", "Most", "Both", "All", "And",
     "So", "Yet", "That", "What", "Such", "Since", "Although", "Despite", "Instead",
     "Meanwhile", "Earlier", "Later", "Now", "Then", "Also", "Another", "For", "Under",
     "Among", "During", "With", "According", "More", "Other", "Last", "Possibly", "Perhaps",
     "Indeed", "Nevertheless", "Nonetheless", "Moreover", "Furthermore", "Already",
     "Overall", "Separately", "Elsewhere", "Similarly", "Previously", "Recently",
     "Analysts", "Shares", "Sales", "Officials", "Police", "Experts", "Critics",
     "Ministers", "Researchers", "You", "Several", "Each", "Every"]
)  # fmt: skip
# Titles of works and newspapers can open with these ("In London, The Times said",
# "the manifesto, In Place of Strife"): only flagged before a lower-case word, a
# number or a day or month name ("…expected, The company said", "…deal, On Friday").
_HONORIFICS = frozenset(["Mr", "Mrs", "Ms", "Dr"])
_ARTICLES = frozenset(["The", "A", "An"])
TITLE_OPENERS = frozenset(
    ["The", "A", "An", "This", "These", "Those", "His", "Her", "Their", "Its", "Our", "Some",
     "Many", "Most", "Both", "All", "Another", "Other", "Such", "What", "That", "In", "On",
     "At", "For", "Under", "Among", "During", "With", "After", "Before", "Since", "According",
     "Despite", "More", "Last"]
)  # fmt: skip


@cache
def _splice() -> regex.Pattern[str]:
    """A comma, a capitalised word and what follows it: a lower-case word, a number or
    a day or month name ("May" is left out: it is also a verb), or another name."""
    v = vocab()
    calendar = "|".join([*v.weekday_names, *(m for m in v.month_names[1:] if m != "May")])
    return regexcache.compile(
        r"(?<=[\p{L}\p{N}%)\"'\u201d\u2019]),[ \t]{1,3}(\p{Lu}\p{Ll}{0,11})\b(?![\-])"
        r"(?:['\u2019](?:ll|re|ve|d|s|m)\b)?"  # "We'll", "It's"
        rf"(?:[ \t]{{1,3}}(?:(\p{{Ll}})|(\d|(?:{calendar})\b)|(\p{{Lu}}[\p{{L}}\-]{{0,30}})))?"
    )


_MID_SENTENCE = regexcache.compile(r"(?<=[\p{Ll},;][ \t]{1,3})(\p{Lu}\p{Ll}{0,9})\b")


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _paragraph_endings(doc, ctx)
    yield from _sentence_endings(doc, ctx)


def _sentence_endings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "…in the case, He has pleaded": a full stop typed as a comma mid-paragraph."""
    text = doc.text
    mid_sentence: Counter[str] | None = None
    for m in _splice().finditer(text):
        word = m.group(1)
        # "The company", "On Friday", "In 2004"; but "The Sunday Telegraph" is a name
        plain_next = m.group(2) or (m.group(3) if word not in _ARTICLES else None)
        if word not in SENTENCE_OPENERS:
            if (
                word in _HONORIFICS
                and _ATTRIBUTION_SPLICE.match(text, m.start())
                and _main_clause_before(doc, m.start())
            ):
                yield ctx.finding(
                    doc,
                    Span(m.start(), m.start() + 1),
                    f'a comma joins two sentences before "{word}": the clause before it stands '
                    "alone, and the attribution after it goes on into a clause of its own",
                    "replace the comma with a full stop",
                )
            continue
        if word in TITLE_OPENERS and not plain_next:
            # "The Bank remains", "In London": not a title when the story also writes
            # "the Bank", "in London" in lower case; "The German carmaker is" is no title
            name = m.group(4)
            if not name or not (
                _lower_elsewhere(text, word, name, m.start())
                or _the_then_clause(text, m)
                or _INTRO_PHRASE.match(text, m.start())  # "…fell 1.7%, In London, Corus fell"
            ):
                continue
        if mid_sentence is None:
            mid_sentence = Counter(c.group(1) for c in _MID_SENTENCE.finditer(text))
        if mid_sentence[word] > 1:  # this comma is one; "Its Next Directory" makes it a name
            continue
        yield ctx.finding(
            doc,
            Span(m.start(), m.start() + 1),
            f'a comma before "{word}", which starts a new sentence: a full stop typed as a '
            "comma, or a capital in error",
            f'replace the comma with a full stop (or write "{word.lower()}")',
        )


# "…the budget needs a streamlined process, Mr Davis said once Britain had opted in":
# an attribution after a comma that goes on into a clause of its own.  Read as a
# sentence end only when what comes before the comma is a main clause: it has a
# finite verb, no subordinating word ("As his party set out plans, Mr Howard said
# they…") and no introductory phrase ("Speaking in Leeds, Mr Blair said he…").
_ATTRIBUTION_SPLICE = regexcache.compile(
    r",[ \t]{1,3}(?:Mr|Mrs|Ms|Dr)\.?[ \t]{1,3}\p{Lu}[\p{L}'\u2019\-]{1,30}[ \t]{1,3}"
    r"(?:said|says|added|argued|insisted|acknowledged|warned|claimed|admitted|believes|thinks|knows)"
    r"[ \t]{1,3}(?:the|his|her|its|their|it|he|she|they|we|there|that|once|if|when|some|most"
    r"|many|a|an)\b"
    r"(?![ \t]{1,3}(?:week|month|year|morning|afternoon|evening|night|weekend|time|day"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_FINITE = regexcache.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did"
    r"|said|says|\p{Ll}{3,}ed)\b"
)
_SUBORDINATE = regexcache.compile(
    r"(?i)\b(?:as|when|while|if|although|though|because|should|unless|whether|once|whereas"
    r"|even|despite|following|according)\b"
    r"|\b(?:since|after|before|until)\b(?![ \t]{1,3}\d)"  # "since 1970" is no clause
)
_INTRODUCTORY = regexcache.compile(
    r"\p{Lu}\p{Ll}{2,20}ing\b|(?:In|On|At|Under|With|Earlier|Later)\b"
)


def _main_clause_before(doc: Document, comma: int) -> bool:
    """The sentence up to ``comma`` reads as a main clause of its own."""
    start = doc.sentences[doc.sentence_index(comma)].span.start if doc.sentences else 0
    start = max(start, comma - 300)
    text = doc.text
    while start < comma and not text[start].isalnum():
        start += 1  # an opening quote or bracket
    return (
        not _INTRODUCTORY.match(text, start, comma)
        and _FINITE.search(text, start, comma) is not None
        and _SUBORDINATE.search(text, start, comma) is None
    )


# After ", The": capitalised words, then a lower-case word that goes on a clause
# ("…jobs, The Indian-born magnate did not say").  Titles run on with "and"/"of"
# ("Titanic, The Godfather and Jaws") or are newspapers ("The Sunday Telegraph says").
_THE_RUN = regexcache.compile(
    r",[ \t]{1,3}The[ \t]{1,3}((?:\p{Lu}[\p{L}'\u2019\-]{0,30}[ \t]{1,3}){1,3})(\p{Ll}{1,20})\b"
)
# A capitalised preposition and a one- or two-word name closed by a comma: the
# introductory phrase of a new sentence ("…to 16.87 euros, In London, Corus fell").
_INTRO_PHRASE = regexcache.compile(
    r",[ \t]{1,3}(?:In|On|At|For|Under|With|After|Before|During|Among|Since|Despite)[ \t]{1,3}"
    r"\p{Lu}[\p{L}'\u2019\-]{0,30}(?:[ \t]{1,3}\p{Lu}[\p{L}'\u2019\-]{0,30})?,"
)
_TITLE_LINKS = frozenset(["and", "or", "nor", "of", "for", "in", "on", "at", "to", "the", "a"])
_TITLE_WORDS = frozenset(
    ["Times", "Guardian", "Sun", "Independent", "Observer", "Telegraph", "Economist", "Mirror",
     "Mail", "Express", "Star", "Herald", "Scotsman", "Post", "Journal", "Daily", "Sunday",
     "Financial", "Wall", "New", "Washington", "Spectator", "Lancet", "Hague", "Beatles"]
)  # fmt: skip


def _the_then_clause(text: str, m: regex.Match) -> bool:
    """ ", The German carmaker is": "The" and a name, then a clause goes on."""
    run = _THE_RUN.match(text, m.start())
    if run is None or run.group(2) in _TITLE_LINKS:
        return False
    return not any(w in _TITLE_WORDS for w in run.group(1).split())


def _lower_elsewhere(text: str, word: str, name: str, comma: int) -> bool:
    """Whether ``word name`` appears elsewhere with ``word`` in lower case ("the Bank")."""
    needle = f"{word.lower()} {name}"
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        whole = (at == 0 or not text[at - 1].isalpha()) and (
            end == len(text) or not text[end].isalpha()
        )
        if whole and at != comma + 2:
            return True
        at = text.find(needle, at + 1)
    return False


def _paragraph_endings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for i, para in enumerate(doc.paragraphs):
        if text[para.end - 1 : para.end] != ",":
            continue
        if is_list_item(last_line(text[para.start : para.end])):
            continue
        if paragraph_starts_lower(doc, i + 1):
            continue
        word_start = max(text.rfind(" ", para.start, para.end - 1) + 1, para.start)
        tail = text[word_start : para.end]
        yield ctx.finding(
            doc,
            Span(para.end - 1, para.end),
            f'the paragraph ends in a comma ("…{tail}"): the sentence is unfinished',
            SUGGESTION,
        )
