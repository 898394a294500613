"""doubled-word: the same word twice in a row ("the the").

## What it does
Flags a word repeated immediately, separated only by spaces on one line,
compared case-insensitively ("The the").

## Why is this bad?
A doubled word is the commonest slip of a rewrite or a cut-and-paste, and the eye
skips it on a read-through.

Words that are legitimately doubled are not flagged: "had had", "that that",
"is is" ("what it is is"), particles ("carry on on Monday"), reduplications
("bye bye", "very very"), names ("Duran Duran": the second word is capitalised),
numbers, and repeats across punctuation or a line break ("it is, is it").

## Example
```
Police said the the protest had ended.
```

## Use instead
```
Police said the protest had ended.
```
"""

from __future__ import annotations

import operator
from collections.abc import Iterator

import regex

from kzaudit import regexcache
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import PRESCAN_MAX, at_sentence_start, plain_words
from kzaudit.rules.base import RuleContext

ID = "doubled-word"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = 'A word repeated twice in a row ("the the").'

# Doubles that English grammar or idiom produces on purpose.
LEGITIMATE = frozenset(
    """had that this is was do does did her his its will can may must
    in on out up off down over by around back through about
    bye no so ha yes well very many far really tut now there knock chop blah yada
    go never more too much pretty long""".split()
)
# Candidates only: a word, blanks on one line, the same word (any case).  Bounded
# repetitions; the rule then checks each candidate.
_DOUBLE = regexcache.compile(
    r"(?<![\p{L}\p{M}'\u2019\-])([\p{L}\p{M}]{1,40})[ \t\u00a0]{1,20}(\1)(?![\p{L}\p{M}])",
    regex.IGNORECASE,
)
_JOINERS = "'\u2019-"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    if len(text) <= PRESCAN_MAX:
        words = plain_words(text)
        if not any(map(operator.eq, words, words[1:])):
            return  # the common case: no word follows itself anywhere
    for para in doc.paragraphs:
        for m in _DOUBLE.finditer(text, para.start, para.end):
            if _doubled(text, m, para.start):
                span = Span(m.start(1), m.end(2))
                yield ctx.finding(
                    doc,
                    span,
                    f'"{m.group(2)}" is doubled: "{doc.slice(span)}"',
                    m.group(1),
                )


def _doubled(text: str, m: regex.Match, floor: int) -> bool:
    a, b = m.group(1), m.group(2)
    if not b.islower() or a.lower() in LEGITIMATE:
        return False
    after = m.end(2)
    if after < len(text) and text[after] in _JOINERS:
        return False  # "Boutros Boutros-Ghali": the second word goes on
    # "May may", "Bush bush": a capitalised first word mid-sentence is a name.
    return not (a[0].isupper() and not at_sentence_start(text, m.start(1), floor))
