"""unbalanced-parentheses: a bracket opened and never closed, or closed unopened.

## What it does
Pairs round and square brackets within each paragraph and flags one left without
its partner.

## Why is this bad?
An unclosed bracket swallows the rest of the sentence into an aside; a stray
closing one usually marks where an edit cut the opening half of a parenthesis.

Not counted: list markers ("a)", "iii)", and "1)" at the start of a clause, after
punctuation or "and"/"or": "2) the vote"), and smileys (":)", ";-(").  A number and a
bracket after a word ("Kewell Traore 85)") is a parenthesis that lost its opening.

## Example
```
The Collective Security Treaty Organization (CSTO sent troops.
```

## Use instead
```
The Collective Security Treaty Organization (CSTO) sent troops.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import holds_any
from kzaudit.rules.base import RuleContext

ID = "unbalanced-parentheses"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A bracket opened and never closed, or closed without being opened"

_PAIRS = {")": "(", "]": "["}
# Plain character classes: the standard engine is exact here and cheaper per call.
_BRACKETS = regexcache.compile_std(r"[()\[\]]")
# "1)", "a)", "iv)" as a list marker: a short token after a space, line start or "(".
_MARKER = regexcache.compile(r"(?:^|[\s(])(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_SMILEY = regexcache.compile(r"[:;=8][\-o^']?$")
_MARKER_LOOKBACK = 6
_LEAD_LOOKBACK = 6
_MARKER_AFTER = ",;:.!?(\u2013\u2014-\n\"'\u201c\u2018"
_LEAD_WORD = regexcache.compile(r"(?<![\p{L}])(?:and|or)$")


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for para in doc.paragraphs:
        for offset, problem in _unbalanced(text, para):
            yield ctx.finding(doc, Span(offset, offset + 1), problem)
            break  # the first only: one slip throws every later pairing off


def _not_a_bracket(text: str, i: int, floor: int) -> bool:
    """Smileys (":)", ":-(") and list markers ("1)", "b)") are not brackets.

    A numbered list marker opens a clause: it follows the paragraph start, punctuation
    or "and"/"or" ("…covers 1) tax, 2) spending and 3) debt"), or is the first, "1)";
    never another word: in "Kewell Traore 85)" the bracket closes "(Traore 85)", whose
    opening one was lost."""
    lo = max(floor, i - _MARKER_LOOKBACK)
    before = text[lo:i]
    if _SMILEY.search(before):
        return True
    if text[i] != ")":
        return False
    m = _MARKER.search(before)
    if m is None:
        return False
    if not before[-1].isdigit():
        return True  # "a) now b) later": a letter and a bracket close no parenthesis
    if before.endswith(("(1", " 1")):
        return True  # a list's first marker may follow the word that introduces it
    head = text[max(floor, lo + m.start() - _LEAD_LOOKBACK) : lo + m.start()].rstrip()
    return not head or head[-1] in _MARKER_AFTER or _LEAD_WORD.search(head) is not None


def _unbalanced(text: str, para: Span) -> Iterator[tuple[int, str]]:
    if not holds_any(text, para, "()[]"):
        return  # most paragraphs: no bracket, no scan
    stack: list[int] = []
    for m in _BRACKETS.finditer(text, para.start, para.end):
        i = m.start()
        ch = text[i]
        if ch in "([":
            if not (ch == "(" and _SMILEY.search(text[max(para.start, i - 3) : i])):
                stack.append(i)
        elif stack and text[stack[-1]] == _PAIRS[ch]:
            stack.pop()
        elif not _not_a_bracket(text, i, para.start):
            yield i, f'this "{ch}" closes a bracket that was never opened'
    for i in stack:
        yield i, f'this "{text[i]}" is never closed in its paragraph'
