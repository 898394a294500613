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

from collections.abc import Iterator

import regex

from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import WORD, at_sentence_start
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
_GAP = regex.compile(r"[ \t\u00a0]{1,20}")


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for para in doc.paragraphs:
        prev = None
        for m in WORD.finditer(text, para.start, para.end):
            if prev is not None and _doubled(text, prev, m, para.start):
                word = m.group()
                span = Span(prev.start(), m.end())
                yield ctx.finding(
                    doc,
                    span,
                    f'"{word}" is doubled: "{doc.slice(span)}"',
                    prev.group(),
                )
            prev = m


def _doubled(text: str, first: regex.Match, second: regex.Match, floor: int) -> bool:
    a, b = first.group(), second.group()
    if a.lower() != b.lower() or not b.islower() or a.lower() in LEGITIMATE:
        return False
    if _GAP.fullmatch(text, first.end(), second.start()) is None:
        return False
    # "May may", "Bush bush": a capitalised first word mid-sentence is a name.
    return not (a[0].isupper() and not at_sentence_start(text, first.start(), floor))
