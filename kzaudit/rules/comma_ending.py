"""comma-ending: a paragraph that ends in a comma.

## What it does
Flags a body paragraph whose last character is a comma.

## Why is this bad?
A paragraph ending in a comma is almost always a sentence cut short in editing, or
a full stop mistyped: the reader is left waiting for the rest of the sentence.

Not flagged: list items ("- apples,"), and a paragraph whose next one starts with a
lower-case letter (a line break inside a sentence, not an ending).

## Example
```
The government set new fuel price limits for six months,
```

## Use instead
```
The government set new fuel price limits for six months.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import is_list_item, last_line, paragraph_starts_lower
from kzaudit.rules.base import RuleContext

ID = "comma-ending"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A paragraph that ends in a comma instead of a full stop."
SUGGESTION = "replace the final comma with a full stop"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
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
