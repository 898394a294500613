"""unbalanced-quotes: a quotation mark that is opened and never closed, or closed unopened.

## What it does
Pairs double quotation marks (curly “ ” and straight ") within each paragraph and
flags a mark left without its partner; also a curly single ‘ opened and never closed.

## Why is this bad?
An unclosed quotation makes the reader (and every tool) attribute the rest of the
paragraph to the speaker: a quote left open is a quote misattributed.

News style continues a quotation over several paragraphs by leaving it open at the
end of each paragraph but the last and re-opening it at the start of the next: that
is correct and not flagged.  Apostrophes (Kazakhstan’s, ’90s) and straight single
quotes are not counted, nor inch marks (5'10") after a digit.

## Example
```
Borrell called it “grave concern about the situation.
```

## Use instead
```
Borrell called it “grave concern” about the situation.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.model import Document, Finding, Span
from kzaudit.rules.base import RuleContext

ID = "unbalanced-quotes"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A quotation mark opened and never closed, or closed without being opened."

# Plain character classes: the standard engine is exact here and cheaper per call.
_MARKS = regexcache.compile_std('["\u201c\u201d]')
_BEFORE_OPENING = " \t\n([{\u2014\u2013-/\u00a0"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    paras = doc.paragraphs
    for i, para in enumerate(paras):
        continued = i + 1 < len(paras) and _opens_with_quote(text, paras[i + 1])
        # The first unmatched mark only: one slip throws every later pairing off.
        for offset, problem in _unbalanced(text, para, continued):
            yield ctx.finding(doc, Span(offset, offset + 1), problem)
            break


def _opens_with_quote(text: str, para: Span) -> bool:
    return text[para.start : para.start + 1] in ('"', "\u201c", "\u2018", "'")


def _looks_opening(text: str, i: int, start: int, end: int) -> bool:
    """A straight double quote with a space (or line start) before and a word after."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return before in _BEFORE_OPENING and (after.isalnum() or after in "'\u2018([.")


def _after_sentence_end(text: str, i: int, start: int) -> bool:
    """True when the mark at ``i`` starts a new sentence (". “If")."""
    j = i - 1
    while j >= start and text[j] in " \t\n\u00a0":
        j -= 1
    return j >= start and text[j] in ".!?\u2026:"


def _unbalanced(text: str, para: Span, continued: bool) -> Iterator[tuple[int, str]]:
    """Offsets of unmatched double marks and unclosed single ‘ in one paragraph.

    A new opening mark right after a sentence end while a quotation is open is the
    next paragraph of the same quotation glued onto this one (paragraph breaks lost
    in the file): the open quotation is continued, not an error.
    """
    open_at = -1
    for mark in _MARKS.finditer(text, para.start, para.end):
        i = mark.start()
        ch = text[i]
        if ch == '"':
            if open_at < 0 and i > para.start and text[i - 1].isdigit():
                continue  # 5'10": an inch mark
            opening = _looks_opening(text, i, para.start, para.end)
        else:
            opening = ch == "\u201c"
        if opening and open_at >= 0 and (ch != '"' or _after_sentence_end(text, i, para.start)):
            if not _after_sentence_end(text, i, para.start):
                yield open_at, "this opening quotation mark is never closed"
            open_at = i
        elif opening and open_at < 0:
            open_at = i
        elif open_at >= 0:
            open_at = -1
        else:
            yield i, "this closing quotation mark has no opening one"
    if open_at >= 0 and not continued:
        yield open_at, "this opening quotation mark is never closed in its paragraph"
    yield from _single_unclosed(text, para, continued)


def _single_unclosed(text: str, para: Span, continued: bool) -> Iterator[tuple[int, str]]:
    """A curly ‘ that opens a quotation (space before, letter after) with no ’ after it."""
    i = text.find("\u2018", para.start, para.end)
    while i != -1:
        before = text[i - 1] if i > para.start else " "
        after = text[i + 1] if i + 1 < para.end else " "
        if before in _BEFORE_OPENING and after.isalpha():
            if text.find("\u2019", i + 1, para.end) == -1 and not continued:
                yield i, "this opening quotation mark is never closed in its paragraph"
            return
        i = text.find("\u2018", i + 1, para.end)
