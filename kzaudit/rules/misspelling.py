"""misspelling: a commonly misspelled word ("afront", "accomodate", "recieve").

## What it does
Looks every word up in a curated list of common English misspellings
(``kzaudit/data/misspellings.txt``) and suggests the correct spelling.

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

from collections.abc import Iterator
from functools import cache

from kzaudit.datafiles import read_text
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import WORD, at_sentence_start, plain_pieces
from kzaudit.rules.base import RuleContext

ID = "misspelling"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A commonly misspelled word, with its correct spelling."

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
    table = misspellings()
    known = ctx.style.known_words
    text = doc.text
    if table.keys().isdisjoint(plain_pieces(text)):
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
