"""Segmentation: paragraphs, sentences and quotation spans.

Why hand-written: the sentence splitter must know newsroom abbreviations ("Jan.",
"U.S.", "Gen.", "Mr") and must be linear-time on hostile input.  Every pattern here
is a simple character class scan with no nested quantifiers.
"""

from __future__ import annotations

import regex

from kzaudit import regexcache
from kzaudit.model import Document, Sentence, Span
from kzaudit.regexcache import HOLD_GIL

# Words that end with a period but do not end a sentence when a capital follows.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "univ",
        "assn",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "d.c",
        "a.m",
        "p.m",
        "i.e",
        "e.g",
    ]
)

# Plain character classes: the standard engine is exact here and cheaper per call.
_BLANK_LINE = regexcache.compile_std(r"\n[ \t\r\f\v]*\n")
# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets,
# then whitespace.  Linear: each alternative consumes at least one char, no nesting.
# A match may only start at the first mark of a run (the lookbehind), and the
# possessive quantifiers never give characters back: linear even on "." * 10**6.
_SENTENCE_END = regexcache.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s)")
# Anchored at the window's end: searched backwards (REVERSE) it is tried there once, not
# from every start in the window; the match is the same.
_WORD_BEFORE = regexcache.compile(r"([\w.]+)$", regex.REVERSE)
_OPENING = regexcache.compile_std(
    rf"{regexcache.SPACE}+([\"'\u201c\u2018(\[]*)({regexcache.NOT_SPACE})"
)

HARD_WRAP_WIDTH = 100  # lines no longer than this inside one block may be a wrapped paragraph
_LINE_END = frozenset(".!?:\"'\u201d\u2019)")


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs: blank-line separated blocks; a block of long lines is one paragraph per line.

    Newsroom text comes two ways: one paragraph per line (CMS exports), or blocks
    separated by blank lines, sometimes hard-wrapped.  A block of short lines that
    mostly stop mid-sentence is hard-wrapped; otherwise each line stands alone.
    """
    spans: list[Span] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    bounds.append((len(text), len(text)))
    for b_start, b_end in bounds:
        _add_block(text, pos, b_start, spans)
        pos = b_end
    return spans


def _add_block(text: str, start: int, end: int, out: list[Span]) -> None:
    lines: list[tuple[int, int]] = []
    i = start
    while i < end:
        j = text.find("\n", i, end)
        if j == -1:
            j = end
        lines.append((i, j))
        i = j + 1
    lines = [(a, b) for a, b in (_strip(text, a, b) for a, b in lines) if b > a]
    if not lines:
        return
    inner = lines[:-1]
    open_ended = sum(1 for _a, b in inner if text[b - 1] not in _LINE_END)
    wrapped = (
        bool(inner)
        and all(b - a <= HARD_WRAP_WIDTH for a, b in inner)
        and open_ended * 2 >= len(inner)
    )
    if wrapped:
        out.append(Span(lines[0][0], lines[-1][1]))
    else:
        out.extend(Span(a, b) for a, b in lines)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(text: str, paragraph: Span, index: int) -> list[Sentence]:
    """Sentences of one paragraph, abbreviation- and initial-aware."""
    out: list[Sentence] = []
    start = paragraph.start
    para = text[paragraph.start : paragraph.end]
    for m in _SENTENCE_END.finditer(para, 0, None, False, HOLD_GIL):
        end = paragraph.start + m.end()
        if not _is_boundary(text, paragraph.start + m.start(), end, paragraph.end):
            continue
        s, e = _strip(text, start, end)
        if e > s:
            out.append(Sentence(Span(s, e), index))
        start = end
    s, e = _strip(text, start, paragraph.end)
    if e > s:
        out.append(Sentence(Span(s, e), index))
    return out


def _is_boundary(text: str, punct: int, end: int, limit: int) -> bool:
    nxt = _OPENING.match(text, end, limit)
    if nxt is None:
        return False
    following = nxt.group(2)
    if not (following.isupper() or following.isdigit() or nxt.group(1)):
        return False
    if text[punct] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, punct - 20), punct, HOLD_GIL)
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return False
    # A single capital ("John F. Kennedy") is an initial, not a sentence end -- unless
    # a word that opens sentences and never a name follows ("Malcolm X. Besides Dee").
    if len(word) == 1 and word.isalpha():
        after = _NEXT_WORD.match(text, nxt.start(2), limit)
        return after is not None and after.group() in _SENTENCE_OPENERS
    return True


# Words that open sentences and never follow an initial in a name ("J. The" never
# names anyone); single letters left out: "A" and "I" may be initials too.
_SENTENCE_OPENERS = frozenset(
    "The An But And He She It They We This That These Those There Then However Besides"
    " Meanwhile Although Though When While If In On At After Before His Her Its Their"
    " Our Yet So Since Despite Like Unlike As For With".split()
)
_NEXT_WORD = regexcache.compile_std(r"[A-Za-z]+")


_QUOTE_CHARS = {"\u201c": "\u201d", '"': '"'}
# Plain character classes: the standard engine is exact here and cheaper per call.
_OPENING_QUOTE = regexcache.compile_std(r'[\u201c"]')


def find_quotes(text: str, paragraph: Span) -> list[Span]:
    """Quotation spans (including the marks) inside one paragraph.

    An opening mark with no closing one runs to the paragraph's end: news style
    leaves a multi-paragraph quotation open until its last paragraph.
    """
    spans: list[Span] = []
    i = paragraph.start
    search = _OPENING_QUOTE.search
    while (m := search(text, i, paragraph.end)) is not None:
        start = m.start()
        j = text.find(_QUOTE_CHARS[m.group()], start + 1, paragraph.end)
        if j == -1:
            spans.append(Span(start, paragraph.end))
            break
        spans.append(Span(start, j + 1))
        i = j + 1
    return spans


# A byline or date stamp under a title: short, capitalised, no sentence end.
_HEADER_LINE = regexcache.compile(r"[A-Z0-9][^\n]{0,59}(?<![.!?])")


def find_headline(text: str, paragraphs: list[Span]) -> Span | None:
    """The first paragraph, when it reads as a title (short, no terminal punctuation)."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    line = text[first.start : first.end]
    if "\n" in line:
        # A header block: the title, then a short byline or date stamp on the next lines
        # ("…toll rises to 31\nPublished 6:42 PM EAT, July 9, 2025").
        lines = line.split("\n")
        if len(lines) > 4 or not all(_HEADER_LINE.fullmatch(rest.strip()) for rest in lines[1:]):
            return None  # a hard-wrapped paragraph, not a header block
        line = lines[0].rstrip()
        first = Span(first.start, first.start + len(line))
    # A closing quote ends many headlines (Economy 'stronger than forecast'): look past it.
    bare = line.rstrip("\"'\u201d\u2019")
    if len(line) <= 150 and bare and bare[-1] not in ".!?:;,":
        return first
    return None


def segment(doc: Document) -> Document:
    """Fill ``paragraphs``, ``sentences``, ``quotes`` and ``headline`` of ``doc``."""
    text = doc.text
    doc.paragraphs = split_paragraphs(text)
    doc.sentences = []
    doc.quotes = []
    for i, para in enumerate(doc.paragraphs):
        doc.sentences.extend(split_sentences(text, para, i))
        doc.quotes.extend(find_quotes(text, para))
    doc.headline = find_headline(text, doc.paragraphs)
    return doc
