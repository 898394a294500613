"""Helpers the text-mechanics rules share: words, body paragraphs, sentence starts.

Not a rule (the registry skips modules starting with ``_``).  Everything here is a
single linear scan; no pattern has nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kzaudit import regexcache
from kzaudit.model import Document, Span
from kzaudit.regexcache import HOLD_GIL

# Prefixes English writes before a hyphen or joined to a word ("pre-tax", "Ex-Labour"):
# a piece of an ordinary word, never a name of its own.
PREFIXES = (
    "re", "de", "un", "non", "pre", "over", "under", "out", "mis", "anti", "multi", "post",
    "counter", "sub", "inter", "super", "mega", "micro", "cyber", "dis", "semi", "mid",
    "self", "cross", "hyper", "mini", "ultra", "tele", "trans", "auto", "euro", "pan",
    "fore", "co", "bio", "eco", "geo", "neo", "pro",
)  # fmt: skip

# A word: letters (with combining marks), inner apostrophes and hyphens allowed.
WORD = regexcache.compile(r"[\p{L}\p{M}]+(?:['\u2019\-][\p{L}\p{M}]+)*")

# A list item: a bullet, or "1." / "2)" / "a)" / "(iii)" before the text.
_LIST_MARKER = regexcache.compile(
    r"[\-\u2013\u2014\u2022\u00b7*+\u25aa\u25cf>]\s|\(?[0-9]{1,3}[.)]\s|\(?[a-zA-Z][.)]\s"
    r"|\([ivxIVX]{1,5}\)\s"
)
_OPENERS = "\"'\u201c\u2018([\u2014\u2013-"
CLOSERS = "\"'\u201d\u2019)]"
TERMINAL = ".!?\u2026:;"
HEADING_MAX_WORDS = 8
# Punctuation that separates words in quick C-level pre-scans (hyphens optional).
# Stdlib ``re``: one negated character class, linear, and faster than str.translate.
_PUNCT = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019\u2026/"
_DASHES = "-\u2013\u2014"
# Spaces spelled out (``STD_SPACE_CHARS``, the same characters as ``\s``): one table.
_PLAIN = regexcache.compile_std(f"[^{regexcache.STD_SPACE_CHARS}{re.escape(_PUNCT)}]+")
_PLAIN_HYPHENS = regexcache.compile_std(
    f"[^{regexcache.STD_SPACE_CHARS}{re.escape(_PUNCT + _DASHES)}]+"
)
_HYPHENS = regexcache.compile_std("[-\u2013\u2014]")
_last_plain: tuple[str, list[str]] = ("", [])
# Characters: above this a document's word list (about 60 bytes a word) is neither
# kept nor built for a pre-scan; memory matters more there than a second scan.
PRESCAN_MAX = 1_000_000


def plain_words(text: str, hyphens: bool = False) -> list[str]:
    """Lower-case words with punctuation dropped: a fast superset for pre-scans.

    The list without hyphen splitting is kept for the last text asked (by identity)
    and shared: callers must not modify it.
    """
    global _last_plain
    if hyphens:
        return _PLAIN_HYPHENS.findall(text.lower())
    last = _last_plain  # read once: Dask worker threads share this module
    if last[0] is not text:  # several rules pre-scan the same document
        last = (text, _PLAIN.findall(text.lower()))
        if len(text) <= PRESCAN_MAX:  # a huge document's list is not kept after its rules
            _last_plain = last
    return last[1]


def plain_piece_counts(text: str, wanted: Iterable[str]) -> dict[str, int]:
    """How often each of ``wanted`` (lower-case words with no hyphen, dash or blank) is
    one of the words of ``plain_words(text, hyphens=True)``.

    Why: counted in C from the shared ``plain_words`` list, its words written one a
    line and each hyphen or dash made a line break (two newlines apart, so that every
    word is a line of its own for ``str.count``), not by a second scan of the text and
    a Python step for each of its words.
    """
    if len(text) > PRESCAN_MAX:  # no shared list for a huge document: one pass
        counts = dict.fromkeys(wanted, 0)
        for m in _PLAIN_HYPHENS.finditer(text.lower()):
            if (word := m.group()) in counts:
                counts[word] += 1
        return counts
    lines = "\n\n".join(plain_words(text))
    for dash in "-\u2013\u2014":
        lines = lines.replace(dash, "\n\n")
    lines = f"\n{lines}\n"
    return {word: lines.count(f"\n{word}\n") for word in wanted}


def plain_pieces(text: str) -> set[str]:
    """``set(plain_words(text, hyphens=True))``, from the (shared) ``plain_words(text)``.

    Why: splitting the few hyphenated words of that list costs half a second scan.
    """
    if len(text) <= PRESCAN_MAX:
        out = set(plain_words(text))
    else:  # a set straight from the scan: no list of every word of a huge document
        out = {m.group() for m in _PLAIN.finditer(text.lower())}
    for word in [w for w in out if "-" in w or "\u2013" in w or "\u2014" in w]:
        out.discard(word)
        out.update(piece for piece in _HYPHENS.split(word) if piece)
    return out


# First characters of a list marker other than a letter (which is one only before "." or
# ")": "a) the plan") and a digit.
_MARKER_FIRST = frozenset("-\u2013\u2014\u2022\u00b7*+\u25aa\u25cf>(")


def holds_any(text: str, span: Span, chars: str) -> bool:
    """Whether ``text[span]`` holds one of ``chars``: a few ``str.find`` calls, much
    cheaper than starting a scan for them in a paragraph that has none."""
    return any(text.find(c, span.start, span.end) != -1 for c in chars)


def is_list_item(line: str) -> bool:
    """True for a bulleted or numbered line ("- Upgrading security", "2) the plan")."""
    head = line.lstrip()
    if head[:1] not in _MARKER_FIRST and not head[:1].isdigit() and head[1:2] not in (".", ")"):
        return False  # the common case ("The ..."): no marker can start here, no search
    return _LIST_MARKER.match(head, 0, None, HOLD_GIL) is not None


def last_line(text: str) -> str:
    return text[text.rfind("\n") + 1 :].strip()


def looks_like_heading(text: str) -> bool:
    """A short line with no sentence punctuation: a subheading, byline or caption."""
    if "\n" in text.strip():
        return False
    words = text.split()
    return len(words) <= HEADING_MAX_WORDS and not any(c in text for c in ".!?;")


def body_paragraphs(doc: Document) -> Iterator[tuple[int, Span]]:
    """(index, span) of running-text paragraphs: no headline, heading or list item.

    The first paragraph is skipped when it reads as a title even if the segmenter
    did not mark it (a headline may end in a closing quote: Economy 'stronger').
    """
    for i, para in enumerate(doc.paragraphs):
        if doc.headline is not None and para == doc.headline:
            continue
        text = doc.text[para.start : para.end]
        # the source too: the Markdown pass blanks out the bullets of "- item" lines
        source = doc.source[para.start : para.end] if doc.source is not doc.text else text
        if any(is_list_item(t) or is_list_item(last_line(t)) for t in {text, source}):
            continue
        if i == 0 and looks_like_title(text):
            continue
        yield i, para


def looks_like_title(text: str) -> bool:
    """A single short line without a full stop inside: reads as a headline."""
    return "\n" not in text and len(text.split()) <= 20 and ". " not in text


def whole_word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` with no letter on either side, in text order.

    Why ``str.find``: the rules ask this of a few words per story, and a C-speed scan
    beats compiling a pattern for each.
    """
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (
            end == len(text) or not text[end].isalpha()
        ):
            yield at
        at = text.find(word, at + 1)


def at_sentence_start(text: str, offset: int, floor: int) -> bool:
    """True when only openers and spaces separate ``offset`` from a sentence end."""
    i = offset - 1
    while i >= floor and (text[i] in _OPENERS or text[i] in " \t\u00a0"):
        i -= 1
    return i < floor or text[i] in ".!?\u2026:\n"


def paragraph_starts_lower(doc: Document, index: int) -> bool:
    """True when paragraph ``index`` begins with a lower-case letter (a broken line)."""
    if index >= len(doc.paragraphs):
        return False
    para = doc.paragraphs[index]
    head = doc.text[para.start : min(para.end, para.start + 3)].lstrip(_OPENERS)
    return bool(head) and head[0].islower()


# Capitalised words that are never part of a name: seen capitalised mid-sentence twice,
# they are still slips (run-ons, commas typed for full stops), not a name's words.
NEVER_NAMES = frozenset(
    "He She It They We You And But Yet Or So However Although Because Though While When If"
    .split()
)  # fmt: skip
