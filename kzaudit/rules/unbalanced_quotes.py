"""unbalanced-quotes: a quotation mark that is opened and never closed, or closed unopened.

## What it does
Pairs double quotation marks (curly “ ” and straight ") within each paragraph and
flags a mark left without its partner; also a curly single ‘ opened and never closed
(only a paragraph opening with a single quote carries it on, and once it has run past
a sentence end, "Apacs’ figures" is a plural possessive, not its close).

## Why is this bad?
An unclosed quotation makes the reader (and every tool) attribute the rest of the
paragraph to the speaker: a quote left open is a quote misattributed.

News style continues a quotation over several paragraphs by leaving it open at the
end of each paragraph but the last and re-opening it at the start of the next: that
is correct and not flagged -- unless the open quotation runs into an attribution of its
own ("“We are not leaving, Zas told reporters. “Our troops…", "…in 2004, Mr Varley
said. Barclays cautioned…", "…does go wrong, said one over-60 woman", "…we could
move, said el-Tayeb. “The ones…") or names its own
speaker as no speaker does ('Gold said: "…80 minutes. Gold will now turn…', "…echoed
McIntyre's view", "Henin-Hardenne was speaking after…"): the closing mark before it
was dropped -- or the open quotation is a fragment quoted inside a sentence ('a
“complete u-turn'), which news style always closes in its paragraph.  Apostrophes
(Kazakhstan’s, ’90s) and straight single quotes are not counted, nor inch marks after
a digit (5'10"; inside a quotation when feet come before or no word break after: 'a
solid 1"+ per hour').  A double mark typed for an apostrophe ('Iran"s oil') is named
as such, with the apostrophe as the fix.

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
from kzaudit.extract.entities import load_words
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._mechanics import holds_any
from kzaudit.rules.base import RuleContext

ID = "unbalanced-quotes"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A quotation mark opened and never closed, or closed without being opened"

# Plain character classes: the standard engine is exact here and cheaper per call.
_MARK_CHARS = '"\u201c\u201d'
_MARKS = regexcache.compile_std(f"[{_MARK_CHARS}]")
# what a straight opening quote may follow: a space, a bracket, a dash, or a colon with
# its space forgotten ('the statement read:"We want…')
_BEFORE_OPENING = " \t\n([{\u2014\u2013-/\u00a0:"
# ", Zas told reporters", ", he said.", ", said Zhang": a comma, "he"/"she" or a name of
# up to four capitalised words, an attribution verb (or the verb, then the name).  Bounded; no nested quantifiers.
_NAME = r"\p{Lu}[\p{L}\p{M}'\u2019.\-]{1,30}"  # not "I": "…, I explained my view"
_VERB = r"(?:" + "|".join(load_words("attribution_verbs")) + r")(?![\p{L}])"
# a later word of a name may open with a particle: "Dr el-Sayed", "Ursula von der Leyen"
_NAME_ON = (
    r"(?:" + _NAME + r"|(?:al|el|de|da|di|du|van|von|der|bin|ibn|abu)[\-'\u2019 ]?\p{L}{0,30})"
)
# ... or a name may open with one, joined to its capital: "said el-Tayeb", "al-Sadr said"
_PARTICLE_NAME = r"(?:al|el|ad|as|ash|at|az|ar)[\-'\u2019]\p{Lu}\p{L}{1,30}"
_FIRST_NAME = r"(?:" + _NAME + r"|" + _PARTICLE_NAME + r")"
_ATTRIBUTED = regexcache.compile(
    r",[ \u00a0]{1,3}(?:(?:he|she|" + _FIRST_NAME + r"(?:[ \u00a0]" + _NAME_ON + r"){0,3})"
    r"[ \u00a0]" + _VERB + r"|" + _VERB + r"[ \u00a0](?:he|she|one|a|an|the|" + _FIRST_NAME + r"))"
)
# An attribution anywhere in an open quotation, not only in its last sentence: a named
# or common-noun source (", CBI director-general Sir Digby Jones told", ", a Premier
# League spokesman confirmed", ", said the 34-year-old", ", said race director David
# Bedford"), or a pronoun whose verb ends the clause (", it said.") or goes on with when
# or where (", he said on Sunday"), or that "told" someone.  A pronoun followed by more
# words (", they say these are…") is as likely the speaker reporting others.
_SP = r"[ \u00a0]"
_TITLE = r"(?:[\p{L}\-'\u2019]{1,25}" + _SP + r"){0,3}"
_LOWER_WORD = r"[\p{Ll}\p{N}][\p{Ll}\p{N}\-]{1,20}"  # "spokesman", "34-year-old"
_NOUN = (
    r"(?:the|a|an|its|his|her|their)" + _SP + r"(?:\p{Lu}[\p{L}\-]{1,20}" + _SP + r"){0,3}"
    + _LOWER_WORD + r"(?:" + _SP + _LOWER_WORD + r")?"
)  # fmt: skip
# ", he said on Sunday", ", she said in a statement": the clause goes on with when or where
_WHEN = r"(?:on|at|in|during|after|before|yesterday|today|last|earlier|later)(?![\p{L}])"
_SOURCE = r"(?:" + _NOUN + r"|" + _TITLE + _NAME + r"(?:" + _SP + _NAME_ON + r"){0,3})"
_PRONOUN_SOURCE = (
    r"(?:he|she|it|they)" + _SP + r"(?:" + _VERB + r"(?=[.;]|" + _SP + _WHEN + r")|told" + _SP + r")"
)  # fmt: skip
# after the verb: "the report", "Zhang", "race director David Bedford" (not "that …")
_SOURCE_AFTER = (
    r"(?:" + _NOUN + r"|(?:(?!that" + _SP + r")\p{Ll}[\p{Ll}\-]{1,20}" + _SP + r"){0,3}"
    + _NAME + r")"
)  # fmt: skip
# ", Mr Donofrio recently told", ", she later added"
_ADVERB = r"(?:(?:\p{Ll}{2,15}ly|also|later|then|now|again)" + _SP + r")?"
_NAMED_ATTRIBUTION = regexcache.compile(
    r",[ \u00a0]{1,3}(?:"
    + (_SOURCE + _SP + _ADVERB + _VERB)  # ", the company said"
    + ("|" + _PRONOUN_SOURCE)  # ", it said."
    + ("|" + _VERB + _SP + _SOURCE_AFTER)  # ", said the report"
    + r")"
)


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    paras = doc.paragraphs
    for i, para in enumerate(paras):
        nxt = text[paras[i + 1].start] if i + 1 < len(paras) else ""
        continued = nxt in _QUOTES  # the quotation goes on in the next paragraph
        # The first unmatched mark only: one slip throws every later pairing off.
        for offset, problem in _unbalanced(text, para, continued, nxt in _SINGLE_OPENERS):
            fix = "'" if problem.startswith(_APOSTROPHE) else None
            yield ctx.finding(doc, Span(offset, offset + 1), problem, fix)
            break


_QUOTES = frozenset("\"\u201c\u2018'")
_SINGLE_OPENERS = frozenset("\u2018'")  # what a single-quoted quotation goes on with


def _looks_opening(text: str, i: int, start: int, end: int) -> bool:
    """A straight double quote with a space (or line start) before and a word, hashtag or
    handle after; or glued to a bracket or full stop before a capital ('(CNN)"This is',
    'told WTKR."That flag'), where a space was lost."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before in _INVISIBLE:
        before = text[i - 2] if i - 1 > start else " "  # 'positions. \u200e"They left'
    if after in _INVISIBLE:
        after = text[i + 2] if i + 2 < end else " "  # '"\u200eWe've made'
    if before in ").!?" and after.isupper():
        return True
    return before in _BEFORE_OPENING and (after.isalnum() or after in "'\u2018([.#@")


_INVISIBLE = "\u200b\u200e\u200f\ufeff"  # zero-width and direction marks pasted from the web


def _spaced_opening(text: str, i: int, start: int, end: int) -> bool:
    """A straight quote with a space on both sides and a word after the second, where no
    quotation is open: an opening mark with a stray space ('said, " It will')."""
    before = text[i - 1] if i > start else " "
    return (
        before in " \t\u00a0"
        and text[i + 1 : i + 2] == " "
        and i + 2 < end
        and text[i + 2].isalnum()
    )


def _after_sentence_end(text: str, i: int, start: int) -> bool:
    """True when the mark at ``i`` starts a new sentence (". “If")."""
    j = i - 1
    while j >= start and text[j] in " \t\n\u00a0":
        j -= 1
    if j > start and text[j] in "'\u2019)" and text[j - 1] in ".!?":
        j -= 1  # a quotation within the quotation, or a bracket, closed after its stop
    return j >= start and text[j] in ".!?\u2026:"


_FEET = regexcache.compile(r"\d['\u2019]\d{1,2}$")  # 6'2": feet and inches


def _inch_mark(text: str, i: int) -> bool:
    """The mark at ``i``, after a digit inside a quotation, is an inch mark, not the
    quotation's end: feet before it (6'2") or no word break after it ('a solid 1"+
    per hour', '12"x8"'); a quotation that ends on a figure ends before a space or a
    stop ('"…scored 10"').  ``text[i - 1]`` is a digit."""
    nxt = text[i + 1 : i + 2]
    return (nxt.isalnum() or nxt in ("+", "\u00d7")) or _FEET.search(
        text, max(0, i - 6), i
    ) is not None


def _unbalanced(
    text: str, para: Span, continued: bool, continued_single: bool
) -> Iterator[tuple[int, str]]:
    """Offsets of unmatched double marks and unclosed single ‘ in one paragraph.

    A new opening mark right after a sentence end while a quotation is open is the
    next paragraph of the same quotation glued onto this one (paragraph breaks lost
    in the file): the open quotation is continued, not an error.
    """
    open_at = -1
    marks = (
        _MARKS.finditer(text, para.start, para.end) if holds_any(text, para, _MARK_CHARS) else ()
    )
    for mark in marks:
        i = mark.start()
        ch = text[i]
        if ch == '"':
            if i > para.start and text[i - 1].isdigit() and (open_at < 0 or _inch_mark(text, i)):
                continue  # 5'10": an inch mark
            opening = _looks_opening(text, i, para.start, para.end)
            if opening and open_at >= 0 and i > para.start and text[i - 1] in ").!?":
                opening = False  # 'the challenge."Earlier in': a glued mark closes first
            elif not opening and open_at < 0 and _spaced_opening(text, i, para.start, para.end):
                opening = True  # 'Obergefell said, " It will mean': a stray space inside
        else:
            opening = ch == "\u201c"
        if opening and open_at >= 0 and (ch != '"' or _after_sentence_end(text, i, para.start)):
            if (
                not _after_sentence_end(text, i, para.start)
                or _attributed(text, open_at, i)
                or _OPENED_BY.search(text, max(para.start, i - 30), i)
                or _partial(text, open_at, para.start)
            ):
                yield open_at, "this opening quotation mark is never closed"
            open_at = i
        elif opening and open_at < 0:
            open_at = i
        elif open_at >= 0:
            open_at = -1
        else:
            yield (
                i,
                _apostrophe_slip(text, i, para.start)
                or ("this closing quotation mark has no opening one"),
            )
    if open_at >= 0 and (
        not continued or _attributed(text, open_at, para.end) or _partial(text, open_at, para.start)
    ):
        yield open_at, "this opening quotation mark is never closed in its paragraph"
    yield from _single_unclosed(text, para, continued_single)


_APOSTROPHE = "a double quotation mark typed for an apostrophe"
_POSSESSOR = regexcache.compile(r"\p{L}{1,30}$")


def _apostrophe_slip(text: str, i: int, start: int) -> str | None:
    """The message for a double mark typed for an apostrophe ('Iran"s oil'), or None."""
    if not (i > start and text[i - 1].isalpha() and text[i + 1 : i + 2] == "s"):
        return None
    if text[i + 2 : i + 3].isalpha():
        return None
    word = _POSSESSOR.search(text, max(start, i - 30), i)
    if word is None:
        return None
    return f'{_APOSTROPHE}: "{word.group()}"s" for "{word.group()}\'s"'


def _attributed(text: str, start: int, end: int) -> bool:
    """The open quotation ``text[start:end]`` carries its own attribution: in its last
    sentence (", Zas told reporters"), or a named one anywhere (", Mr Varley said.
    Barclays cautioned…"): the quotation should have been closed before it."""
    if _NAMED_ATTRIBUTION.search(text, start, end) or _speaker_named(text, start, end):
        return True
    if _WAS_SPEAKING.search(text, start, end):
        return True  # '…even if I am champion. Henin-Hardenne was speaking after…'
    j = end - 1
    while j > start and text[j] in " \t\n\u00a0":
        j -= 1
    cut = max(text.rfind(c, start, j) for c in ".!?")  # the sentence before the last
    for _ in range(4):  # "Ms. Bazhkenova said.": a title's full stop ends no sentence
        if cut <= start or not _TITLE_STOP.search(text, max(start, cut - 6), cut + 1):
            break
        cut = max(text.rfind(c, start, cut) for c in ".!?")
    return _ATTRIBUTED.search(text, max(start, cut + 1), j + 1) is not None


# The speaker's name (a surname: the last capitalised word) right before the quotation:
# 'Gold said: "', 'Kenteris insisted: "', or the attribution of a quotation just closed,
# whose speaker goes on: '…," said Jim McIntyre. "', '…," McIntyre said. "'.
_SPEAKER_NAME = r"(?<![\p{L}])(?P<name>\p{Lu}[\p{L}\-'\u2019]{1,30})"  # "McIntyre"
_SPEAKER = regexcache.compile(
    r"(?:" + _SPEAKER_NAME + r"[ \u00a0]" + _VERB + r"[:,.]?"
    r"|"
    + _VERB
    + r"(?:[ \u00a0]\p{Lu}[\p{L}\-'\u2019]{0,30}){0,2}[ \u00a0]"
    + _SPEAKER_NAME
    + r"\.)"
    r"[ \u00a0]{1,2}$"
)
_SPEAKER_REACH = 60
# Narrative that reports the speaking itself: "Henin-Hardenne was speaking after a 6-2
# loss", "Kenteris, speaking on Greek television, also claimed".  No one says it of
# themselves mid-quote.
_WAS_SPEAKING = regexcache.compile(
    r"[.!?][ \u00a0]{1,2}\p{Lu}[\p{L}\-'\u2019]{1,30}(?:[ \u00a0]\p{Lu}[\p{L}\-'\u2019]{1,30}){0,2}"
    r"(?:[ \u00a0](?:was|were)[ \u00a0]speaking\b"
    r"|,[ \u00a0]speaking[ \u00a0](?:on|to|at|after|before|in|from)\b)"
)


def _speaker_named(text: str, start: int, end: int) -> bool:
    """A sentence inside the open quotation opens with its speaker's name ('Gold said:
    "…the full 80 minutes. Gold will now turn…'), or it names the speaker in the
    possessive ("…echoed McIntyre's view"): people do not speak of themselves so, so
    the narrative has resumed and the closing mark was dropped."""
    m = _SPEAKER.search(text, max(0, start - _SPEAKER_REACH), start)
    if m is None:
        return False
    name = m.group("name")
    at = text.find(name, start + 1, end)
    while at != -1:
        after = text[at + len(name) : at + len(name) + 2]
        head = text[max(start, at - 3) : at].rstrip(" \u00a0")
        if not after[:1].isalpha() and (head[-1:] in (".", "!", "?") or after in ("'s", "\u2019s")):
            return True  # "… minutes. Gold will", "echoed McIntyre's view"
        at = text.find(name, at + 1, end)
    return False


_TITLE_STOP = regexcache.compile(
    r"(?<![\p{L}])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Prof|St)\.$"
)


def _partial(text: str, i: int, start: int) -> bool:
    """The quotation opened at ``i`` is a fragment quoted inside a sentence ('had
    "significantly reduced costs', 'a "complete u-turn'): it begins in lower case right
    after a word that introduces no clause (not "said", not "that").  Unlike a
    full-sentence quotation, news style never carries a fragment over into the next
    paragraph, nor past the start of a new quotation."""
    if i + 1 >= len(text) or not (text[i + 1].islower() or text[i + 1].isdigit()):
        return False  # 'about "27% of the world's population'  is a fragment too
    m = _WORD_BEFORE.search(text, max(start, i - 40), i)
    return m is not None and _CLAUSE_OPENER.fullmatch(m.group(1)) is None


_WORD_BEFORE = regexcache.compile(r"([\p{L}\p{N}'\u2019\-]+)[ \u00a0]{1,2}$")
_CLAUSE_OPENER = regexcache.compile(r"(?i:that|whether|if|" + _VERB + r")")


# '…, he said: "' / 'said, ‘': a new quotation opened by an attribution, so the one
# before it was closed (or should have been).
_OPENED_BY = regexcache.compile(r"(?<![\p{L}])" + _VERB + r"[:,]?[ \u00a0]{1,2}$")
_SINGLE = regexcache.compile("[\u2018\u2019\u201d]")  # and the ” that closes around them


def _inside_double(text: str, start: int, i: int) -> bool:
    """The mark at ``i`` is inside a curly double quotation opened in its paragraph."""
    return text.rfind("\u201c", start, i) > text.rfind("\u201d", start, i)


# "the patients’ union": an s, the mark, then a lower-case word.
_PLURAL_POSSESSIVE = regexcache.compile("s\u2019 \\p{Ll}")
_SENTENCE_END = regexcache.compile(r"[.!?] \p{Lu}")


def _possessive(text: str, open_at: int, j: int) -> bool:
    """The ’ at ``j`` is a plural possessive ("Apacs’ figures"), not the close of the ‘
    at ``open_at``: read so only once the quotation has run past a sentence end, where a
    quoted phrase ('the necessary ‘chip’ technology') would long have been closed."""
    return (
        _PLURAL_POSSESSIVE.match(text, j - 1) is not None
        and _SENTENCE_END.search(text, open_at, j) is not None
    )


def _single_unclosed(text: str, para: Span, continued: bool) -> Iterator[tuple[int, str]]:
    """A curly ‘ that opens a quotation (space before, letter after) and is not closed by
    a ’ (one followed by a letter or digit is an apostrophe: O’Brien, ’90s) before the
    paragraph ends (a quoted fragment even when the next paragraph opens with a quotation:
    'the necessary ‘chip technology…'), or before a new quotation that its own
    attribution opens ('‘deeply worrying. Its president said: ‘Behind…')."""
    if text.find("\u2018", para.start, para.end) == -1:
        return
    open_at = -1
    for m in _SINGLE.finditer(text, para.start, para.end):
        j = m.start()
        before = text[j - 1] if j > para.start else " "
        after = text[j + 1] if j + 1 < para.end else " "
        if text[j] == "\u201d":
            if (
                open_at >= 0
                and _inside_double(text, para.start, open_at)
                and text.find("\u2019\u201d", j, para.end) == -1
            ):  # the quotation around it closed first: 'say ‘melons as we spoke.”'
                yield open_at, "this opening quotation mark is never closed"
                return  # (but '…,” Mr Peston said. “…stand down.’”' resumes both)
            continue
        if text[j] == "\u2019":
            if open_at >= 0 and not after.isalnum() and not _possessive(text, open_at, j):
                open_at = -1  # closed (a plural possessive "patients’ " is read so too)
            continue
        if not (before in _BEFORE_OPENING and after.isalpha()):
            continue
        if open_at < 0:
            open_at = j
        elif (
            _attributed(text, open_at, j)
            or _OPENED_BY.search(text, max(para.start, j - 30), j)
            or _partial(text, open_at, para.start)
        ):
            yield open_at, "this opening quotation mark is never closed"
            return
    if open_at >= 0 and (not continued or _partial(text, open_at, para.start)):
        yield open_at, "this opening quotation mark is never closed in its paragraph"
