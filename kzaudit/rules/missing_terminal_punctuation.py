"""missing-terminal-punctuation: a body paragraph that stops without a full stop.

## What it does
Flags a paragraph of running text whose last sentence has no terminal punctuation
(. ! ? … : ;), looking through closing quotes and brackets.  A full stop lost inside a
paragraph is ``run-on-sentence``'s.

## Why is this bad?
A paragraph that simply stops is usually a sentence cut short when a story was
trimmed ("…most thought it was unlikely that the opposition would halt the deal"),
or a line broken in two by a bad paste.

Never flagged: the headline, subheadings, bylines and captions (short lines with no
sentence punctuation), the standfirst (one short line right after the headline, of
at most 15 words and no comma: a longer one is the lede, whose stop is needed), a short
byline or date line that holds the story's date ("Updated 4:31 PM CDT, October 14,
2025"), a photo caption ending in its credit ("(AP Photo/Michael Varaklas)"), a credit
line in brackets ("(Reporting by …; Editing by …)"), a block of short
lines (a contact or address block), a block of lines that each open with a capital
and none of which ends a sentence (an unbulleted list: "Key points"), list items
("- Upgrading security"), and paragraphs that end in a comma (``comma-ending``
reports those).

## Example
```
In 2003, imports declined by 1.8%. In 2003, the economy expanded by 1.3%
```

## Use instead
```
In 2003, imports declined by 1.8%. In 2003, the economy expanded by 1.3%.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import (
    CLOSERS,
    TERMINAL,
    body_paragraphs,
    looks_like_heading,
    paragraph_starts_lower,
)
from kzaudit.rules.base import RuleContext

ID = "missing-terminal-punctuation"
GROUP = "mechanics"
SEVERITY = "info"  # corpus: ~0.02 per article, nearly all real; a glance suffices
SUMMARY = "A body paragraph that ends without a full stop"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    yield from _paragraph_endings(doc, ctx)


def _paragraph_endings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A body paragraph whose last sentence has no terminal punctuation."""
    text = doc.text
    for i, para in body_paragraphs(doc):
        end = para.end
        while end > para.start and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
            end -= 1
        if end == para.start or text[end - 1] in TERMINAL or text[end - 1] == ",":
            continue
        body = text[para.start : para.end]
        if looks_like_heading(body) or not any(c.isalpha() for c in body):
            continue
        if _furniture(doc, i, para, body):
            continue
        word_start = max(text.rfind(" ", para.start, end) + 1, para.start)
        span = Span(word_start, para.end)
        tail = doc.slice(span)
        if paragraph_starts_lower(doc, i + 1):
            yield ctx.finding(
                doc,
                span,
                f'the paragraph breaks off mid-sentence ("…{tail}") and the next one '
                "starts in lower case",
                "join it to the next paragraph",
            )
            continue
        cut = end - word_start
        yield ctx.finding(
            doc,
            span,
            f'the paragraph ends without a full stop ("…{tail}")',
            tail[:cut] + "." + tail[cut:],
        )


_STAMP_WORDS = 20  # a byline and date block holding the dateline is at most this long
# A standfirst is a short summary line; a longer first paragraph, or one with a clause
# set off by a comma ("…, figures have shown"), is the story's lede sentence.
_STANDFIRST_WORDS = 15
_BLOCK_LINE_WORDS = 6  # a contact or address block: several lines this short


_PHOTO_CREDIT = regexcache.compile(
    r"\([^()\n]{0,40}\b(?:Photo|Photograph|Picture|Image|Images|Credit)\b[^()\n]{0,80}\)$"
)


def _furniture(doc: Document, i: int, para: Span, body: str) -> bool:
    """A standfirst, a byline or date line, or a bracketed credit: not running text."""
    stripped = body.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return True  # "(Reporting by Anika Shah; Editing by Mark Porter)"
    if _PHOTO_CREDIT.search(stripped):
        return True  # a caption: "…north of Athens, Sunday, Aug. 11. (AP Photo/Michael Varaklas)"
    lines = stripped.splitlines()
    if len(lines) > 1 and all(len(line.split()) <= _BLOCK_LINE_WORDS for line in lines):
        return True  # "Media Contact: / Jordan Pike / press@… / +1 617-555-0142"
    if len(lines) > 1 and all(
        line.strip()[:1].isupper() and line.rstrip()[-1:] not in TERMINAL + "," for line in lines
    ):
        return True  # "Key points / The rand fell 2% / Opposition parties say …": a list
    if (
        doc.dateline is not None
        and doc.dateline.overlaps(para)
        and len(body.split()) <= _STAMP_WORDS
    ):
        return True  # "By KAREN LIPSKY / Updated 4:31 PM CDT, October 14, 2025"
    headline = doc.headline
    return (
        headline is not None
        and i > 0
        and doc.paragraphs[i - 1] == headline
        and "\n" not in stripped
        and ". " not in stripped
        and "," not in stripped
        and len(stripped.split()) <= _STANDFIRST_WORDS
    )
