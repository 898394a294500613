"""Names and acronyms: people, organisations, places, acronym uses and definitions.

Why hand-written: news names are capitalised runs ("Coast Guard Captain Lena Ruiz",
"Collective Security Treaty Organization") that a few rules split reliably: titles
are stripped, a sentence-initial ordinary word ("Police", "Still") is not a name,
possessives and acronyms break runs.  One linear regex finds the runs; the rest is a
short pass over each run.  ``key`` groups the mentions of one referent: "Ruiz" after
"Lena Ruiz" has key "Lena Ruiz"; "CSTO" has the key of its expansion when defined.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter

import regex

from kzaudit import regexcache
from kzaudit.datafiles import read_text
from kzaudit.model import AcronymDefinition, Document, Entity, Span, span_at
from kzaudit.regexcache import HOLD_GIL
from kzaudit.wordlist import SortedWords

# -- vocabularies ------------------------------------------------------------


@cache
def load_words(name: str) -> tuple[str, ...]:
    """Lines of ``kzaudit/data/<name>.txt`` (comments and blanks dropped), loaded once."""
    text = read_text(f"{name}.txt")
    body = _after_comment_header(text)
    if body is not None:
        return tuple(body.split())
    return tuple(s for s in map(str.strip, text.splitlines()) if s and s[0] != "#")


_NOT_PLAIN = ("\r", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _after_comment_header(text: str) -> str | None:
    """The word list after its leading ``#`` lines, when it is one plain word a line.

    Why: the common-word list has 118,000 lines; one C-level ``split()`` reads it in
    half the time of a per-line strip, and gives the same words when the text is
    ASCII with no spaces, tabs, carriage returns or comments below the header.
    """
    if not text.isascii() or any(c in text for c in _NOT_PLAIN):
        return None
    body = text[_header_end(text) :]
    return None if "#" in body or " " in body else body


def _header_end(text: str) -> int:
    """Offset just after a data file's leading ``#`` lines (its licence and notes)."""
    start = 0
    while text.startswith("#", start):
        nl = text.find("\n", start)
        start = len(text) if nl == -1 else nl + 1
    return start


@cache
def word_set(name: str, lower: bool = True) -> frozenset[str]:
    words = load_words(name)
    if lower:  # one C-level lower() over the joined list, not one call per word
        joined = "\n".join(words)
        if not (joined.isascii() and joined.islower()):  # else lower() changes nothing
            words = tuple(joined.lower().split("\n"))
    return frozenset(words)


def common_words() -> SortedWords | frozenset[str]:
    """Ordinary lower-case English words (a capitalised one is not a name by itself).

    Once a batch has promoted the list to a set, the set itself: a membership test is
    then one C call, not a Python method call (about 150 a story)."""
    return _common_words().fast()


@cache
def _common_words() -> SortedWords:
    text = read_text("names_common_words.txt")  # sorted, one word a line (a test checks)
    return SortedWords(text, _header_end(text))


@cache
def common_acronyms() -> frozenset[str]:
    """Acronyms that need no definition, upper-cased with dots removed."""
    return frozenset(acronym_norm(w) for w in word_set("common_acronyms", lower=False))


def acronym_norm(text: str) -> str:
    """ "U.S." -> "US", "MPs" -> "MP": the form acronyms are compared in."""
    if len(text) > 2 and text.endswith("s") and text[-2].isupper():
        text = text[:-1]
    return text.replace(".", "").upper()


# -- patterns ----------------------------------------------------------------

_CONNECTORS = "of|for|and|the|de|du|del|della|di|da|van|von|der|den|le|la|bin|ibn|&"
_TOKEN = (
    r"(?:\p{Lu}\.){2,5}"  # initials: U.S., U.K.
    r"|\p{Lu}[\p{L}\p{M}\p{N}]{0,40}(?:[-'\u2019&/][\p{L}\p{N}][\p{L}\p{M}\p{N}]{0,40}){0,4}\.?"
)
# A capitalised run: tokens joined by spaces, with up to three connectors between two.
# Linear: connectors are lower case and tokens start upper case (disjoint), all bounded.
_RUN = regexcache.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:{_TOKEN})(?:[ ]{{1,3}}(?:(?:{_CONNECTORS})[ ]{{1,3}}){{0,3}}(?:{_TOKEN})){{0,20}}"
)
_ACRONYM = regexcache.compile(r"(?:\p{Lu}\.){2,5}|[\p{Lu}\p{N}&/]{2,12}s?")
# Plain character classes: the standard engine is exact here and cheaper per call.
_ROMAN = regexcache.compile_std(r"[IVX]{1,4}")
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")
_QUOTE_OPENERS = frozenset('"\u201c\u2018')
_OPENERS = frozenset("\"'\u201c\u2018([\u2014\u2013- ")
CONNECTOR_WORDS = frozenset(_CONNECTORS.split("|"))
_SOFT_CONNECTORS = frozenset({"of", "for", "de", "du", "del", "della", "di", "da"})

# Acronym definitions: "Expansion (ACR)" and "ACR (Expansion)".
_PAREN_ACRONYM = regexcache.compile(r"\(\s{0,2}(\p{Lu}[\p{L}\p{N}&/.\-]{1,11})\s{0,2}\)")
_ACRONYM_PAREN = regexcache.compile(
    r"(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}&/.\-]{1,11})[ ]{1,2}\(([^()\n]{3,150})\)"
)
_EXPANSION_WORD = regexcache.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019&\-]{0,40}")
# Plain character classes: the standard engine is exact here and cheaper per call.
_CLAUSE_BREAK = regexcache.compile_std(r"[.,;:!?()\[\]\"\u201c\u201d\n]")


@dataclass(slots=True)
class _Word:
    text: str  # without a final period or possessive
    start: int
    end: int
    lower: str
    cut: bool = False  # a name ends after this word (sentence end, possessive)
    acronym: bool = False


def _word(text: str, start: int) -> _Word:
    return _Word(text, start, start + len(text), text.lower())


# -- public API ----------------------------------------------------------------


def extract_entities(doc: Document) -> tuple[list[Entity], list[AcronymDefinition]]:
    """Entity mentions in text order, and the acronym definitions of the document."""
    text = doc.text
    skip = _lone_non_names()
    shouted = shouted_paragraphs(doc)
    runs = [
        _words(m)
        for m in _RUN.finditer(text, 0, None, False, HOLD_GIL)
        if m.group() not in skip and not (shouted and span_at(shouted, m.start()))
    ]
    initial = _sentence_initial_offsets(doc)
    mid_caps = _mid_sentence_words(runs, initial, text)
    entities: list[Entity] = []
    for words in runs:
        for piece in _pieces(words):
            entities.extend(_classify(piece, text, initial, mid_caps))
    definitions = find_acronym_definitions(text, runs)
    _assign_keys(entities, definitions)
    return entities, definitions


_SHOUTED_MAX = 200  # characters of a line in capitals read as a headline or label
_SHOUTED_WORDS = 3
_LOWER_LETTER = regexcache.compile_std(r"[a-z]")
_CAPS_WORD = regexcache.compile_std(r"\b[A-Z]{2,}\b")


def shouted_paragraphs(doc: Document) -> list[Span]:
    """Short paragraphs written all in capitals ("IRAN ANNOUNCES END OF OFFENSIVE", a
    wire headline): their words are not acronyms nor names to compare."""
    text, out = doc.text, []
    for p in doc.paragraphs:
        if p.end - p.start > _SHOUTED_MAX or _LOWER_LETTER.search(text, p.start, p.end):
            continue
        if len(_CAPS_WORD.findall(text, p.start, p.end)) >= _SHOUTED_WORDS:
            out.append(p)
    return out


@cache
def _lone_non_names() -> frozenset[str]:
    """ "The", "But", "He.": runs that are one never-name word are skipped outright (fast path)."""
    words = {w.capitalize() for w in word_set("names_not_names")}
    shouted = {w.upper() for w in words if len(w) > 2} - common_acronyms()  # not "WHO"
    return frozenset(words | {f"{w}." for w in words} | shouted)


def last_match_end(pattern: regex.Pattern[str], text: str, lo: int, hi: int) -> int:
    """End of the last match of ``pattern`` in ``text[lo:hi]``, or ``lo``."""
    end = lo
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def is_acronym(token: str) -> bool:
    """All capitals (digits, &, / allowed; plural "s" allowed), at least two letters."""
    if len(token) < 2 or not (token[1].isupper() or token[1] in "0123456789.&/"):
        return False
    if not _ACRONYM.fullmatch(token) or _ROMAN.fullmatch(token):
        return False
    if len(token) >= 5 and token.lower() in common_words():
        return False  # a shouted word ("VALIDATION"), not an acronym
    upper = sum(1 for c in token if c.isupper())
    return upper >= 2 or (upper == 1 and len(token) <= 4 and any(c.isdigit() for c in token))


# -- runs -> pieces ------------------------------------------------------------


def _words(match: regex.Match[str]) -> list[_Word]:
    pos, out = match.start(), []
    for raw in match.group().split(" "):
        if not raw:
            pos += 1
            continue
        bare, lower, cut, acronym = _token(raw)
        split = (
            _hyphen_acronyms(bare, pos) if not acronym and ("-" in bare or "/" in bare) else None
        )
        if split:
            out.extend(split)
        else:
            out.append(_Word(bare, pos, pos + len(bare), lower, cut, acronym))
        pos += len(raw) + 1
    return out


def _hyphen_acronyms(bare: str, pos: int) -> list[_Word] | None:
    """ "ILO-based", "UFJ-MTFG": the acronyms a hyphenated token is made of, each a
    word of its own, so that they are checked like any other use; None for others.
    (A slashed name stays whole, "HIV/Aids": see ``rules._names.acronym_uses``.)"""
    parts = bare.split("-")
    flags = [is_acronym(p) for p in parts]
    if not flags[0] or not (all(flags) or all(_acronym_tail(p) for p in parts[1:])):
        return None
    out, at = [], pos
    for part, flag in zip(parts, flags, strict=True):
        if flag:
            out.append(_Word(part, at, at + len(part), part.lower(), False, True))
        at += len(part) + 1
    return out


def _acronym_tail(part: str) -> bool:
    """What may follow an acronym in one hyphenated token and leave it an acronym: a
    lower-case word ("ILO-based"), a number ("MPEG-2", "CFM-56") or a capitalised word
    of a product's name ("OMAP-Vox")."""
    return part.islower() or part.isdigit() or (part[:1].isupper() and part[1:].islower())


@lru_cache(maxsize=8192)
def _token(raw: str) -> tuple[str, str, bool, bool]:
    """Bare form, its lower case, cut and acronym flags of one run token.

    Why cached: the same capitalised words recur in every story ("Mr", "Police",
    "Ukraine"), and the flags depend on the token alone.
    """
    bare = _bare(raw)
    # a possessive was dropped, or a full stop that is no abbreviation's ("Mr.", "J.")
    cut = bare.rstrip(".") != raw.rstrip(".") or (raw.endswith(".") and not _is_abbreviation(raw))
    return bare, bare.lower(), cut, is_acronym(bare)


def _sentence_initial_offsets(doc: Document) -> frozenset[int]:
    """Offsets where a sentence's first word starts (after any opening quote)."""
    text = doc.text
    out = []
    for sentence in doc.sentences:
        i, end = sentence.span.start, min(sentence.span.end, sentence.span.start + 8)
        while i < end and text[i] in _OPENERS:
            i += 1
        out.append(i)
    return frozenset(out)


def _mid_sentence_words(
    runs: list[list[_Word]], initial: frozenset[int], text: str
) -> frozenset[str]:
    """Capitalised words seen away from a sentence or quotation start: these are names
    wherever they are."""
    return frozenset(
        w.text for words in runs for w in words if not _starts_clause(text, initial, w.start)
    )


def _starts_clause(text: str, initial: frozenset[int], start: int) -> bool:
    """First word of a sentence, or of a quotation ("Every day counts")."""
    return (start > 0 and text[start - 1] in _QUOTE_OPENERS) or start in initial


def _bare(token: str) -> str:
    """Token without a final period or possessive."""
    if "'" not in token and "\u2019" not in token and not token.endswith("."):
        return token
    if token.endswith(".") and not _is_abbreviation(token):
        token = token[:-1]
    for suffix in _POSSESSIVE:
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            return token[: -len(suffix)] if suffix[0] in "'\u2019" else token[:-1]
    return token


def _is_abbreviation(token: str) -> bool:
    core = token.rstrip(".")
    return len(core) == 1 or "." in core or core.lower() in word_set("names_titles")


def _pieces(words: list[_Word]) -> Iterable[list[_Word]]:
    """Split a run where it is really several names: sentence ends, possessives,
    acronyms, and an "and" that joins two names rather than being inside one."""
    if len(words) == 1:
        yield words
        return
    current: list[_Word] = []
    for i, w in enumerate(words):
        if w.lower in _SOFT_CONNECTORS and _name_before(current):
            yield current  # "Junya Tanase of JPMorgan", "Nicolas Sarkozy of France"
            current = []
        elif w.lower == "and" and not _inner_and(current, words[i + 1 :]):
            yield current
            current = []
        elif w.lower == "the" and _the_starts_name(current, words[i + 1 :]):
            yield current  # "awarded Kadyrov the Order of Honor": two names
            current = [w]
        elif w.acronym:
            yield current
            yield [w]
            current = []
        else:
            current.append(w)
            if w.cut:
                yield current
                current = []
    yield current


def _the_starts_name(before: list[_Word], after: list[_Word]) -> bool:
    """ "the" between a name and a name of several words opens the second ("Kadyrov the
    Order of Honor"); inside a name it follows a connector ("Bank of the West") or
    comes before a one-word epithet ("Alexander the Great", "Winnie the Pooh")."""
    if not before or before[-1].lower in CONNECTOR_WORDS:
        return False
    return len(after) >= 2 and after[1].lower != "and" and not after[0].cut


def _name_before(words: list[_Word]) -> bool:
    """Two or three plain capitalised words (a person's name) before "of"/"for"."""
    if not 2 <= len(words) <= 3 or any(w.lower in CONNECTOR_WORDS for w in words):
        return False
    vocab = word_set("names_titles") | word_set("names_org_words")
    if any(w.lower.rstrip(".") in vocab for w in words):
        return False
    return " ".join(w.text for w in words) not in word_set("names_places", False)


def _inner_and(before: list[_Word], after: list[_Word]) -> bool:
    """An "and" inside one name: "Department for Education and Skills", "Oil and Gas";
    not "Tony Blair and Gordon Brown" or "the Bank of England and the Treasury"."""
    if not after or after[0].lower == "the":
        return False
    if any(c.lower in _SOFT_CONNECTORS for c in before):
        return True
    org_words = word_set("names_org_words")
    return bool(before) and before[-1].lower in org_words and after[0].lower in org_words


def _modifier(token: str) -> bool:
    """ "Moscow-led", "Soviet-era", "Sixty-two": a hyphenated word ending in lower case."""
    tail = token.rsplit("-", 1)
    return len(tail) == 2 and tail[1][:1].islower()


def _trim(words: list[_Word]) -> tuple[int, int]:
    """Bounds of ``words`` without connectors at either end and never-name words at the start."""
    not_names = word_set("names_not_names")
    i, j = 0, len(words)
    # "Sunday Telegraph", "Sunday Times": a weekday before a title's last word stays.
    keep_day = len(words) > 1 and words[-1].lower in word_set("names_org_words")
    while i < j and (
        words[i].lower in CONNECTOR_WORDS
        or (words[i].lower in not_names and not (keep_day and words[i].lower.endswith("day")))
        or _modifier(words[i].text)
    ):
        i += 1
    while j > i and (words[j - 1].lower in CONNECTOR_WORDS or words[j - 1].lower in not_names):
        j -= 1
    return i, j


# -- classification ----------------------------------------------------------


def _classify(
    piece: list[_Word], text: str, initial: frozenset[int], mid_caps: frozenset[str]
) -> list[Entity]:
    if not piece:
        return []
    if len(piece) == 1 and piece[0].acronym:
        w = piece[0]
        if dateline_city(text, w.start, w.end):
            return [Entity(w.text, Span(w.start, w.end), "place", w.text.title())]
        if _byline_name(text, w):
            return [Entity(w.text, Span(w.start, w.end), "person", w.text.title())]
        return [Entity(w.text, Span(w.start, w.end), "acronym", acronym_norm(w.text))]
    if (
        _starts_clause(text, initial, piece[0].start)
        and _ordinary(piece[0].text, mid_caps)
        and not (len(piece) > 2 and piece[0].lower in word_set("names_titles"))
    ):  # but "Secretary of State Antony J. Blinken said" keeps its title
        org_name = len(piece) > 1 and piece[-1].lower in word_set("names_org_words")
        if not org_name or piece[0].lower in word_set("names_not_names"):
            piece = piece[1:]  # "Many Labour", but "General Motors" stays whole
    key = tuple([w.text for w in piece])  # a list first: faster than a generator here
    shape = _SHAPES.get(key, False)
    if shape is False:
        shape = _shape(piece)
        if len(_SHAPES) < _SHAPES_MAX:
            _SHAPES[key] = shape
    if shape is None:
        return []
    lo, hi, kind, name = shape
    piece = piece[lo:hi]
    if kind == "other" and 2 <= len(piece) <= 4 and _after_role(text, piece[0].start):
        kind = "person"  # "party leader Marko Horvat"
    span = Span(piece[0].start, piece[-1].end)
    return [Entity(text[span.start : span.end], span, kind, name)]  # type: ignore[arg-type]


# The shape of a piece depends on its words alone, and the same pieces recur in every
# story ("Mr", "Police", "Ukraine"): it is worked out once per distinct piece.
_SHAPES: dict[tuple[str, ...], tuple[int, int, str, str] | None] = {}
_SHAPES_MAX = 10000  # bound on memory under hostile input


def _shape(piece: list[_Word]) -> tuple[int, int, str, str] | None:
    """The name in ``piece`` after trimming and title stripping: ``(start, end, kind,
    key)`` with ``key`` the single-spaced name, or ``None`` when nothing is left."""
    lo, hi = _trim(piece)
    if lo >= hi:
        return None
    trimmed = piece[lo:hi]
    person = _titled_person(trimmed)
    if person is not None:
        if not person:
            return None
        trimmed, lo, kind = person, hi - len(person), "person"  # a suffix of the piece
    else:
        kind = _kind(trimmed)
    return lo, hi, kind, " ".join(w.text for w in trimmed)


# Anchored at the window's end: searched backwards (REVERSE) it is tried there once, not
# from every start in the window; the match is the same.
_PREV_LOWER = regexcache.compile(r"(\p{Ll}{2,20})[ ]{1,2}$", regex.REVERSE)


def _after_role(text: str, start: int) -> bool:
    """The name follows a lower-case role ("leader", "spokesman", "analyst")."""
    m = _PREV_LOWER.search(text, max(0, start - 24), start, HOLD_GIL)
    return m is not None and (
        m.group(1) in word_set("names_titles") or m.group(1) in word_set("attribution_sources")
    )


def dateline_city(text: str, start: int, end: int) -> bool:
    """ "BECKLEY, W.Va., March 6" / "LONDON (Reuters) -" / "LOS ANGELES (AP) —": a
    capitalised city (the word at ``start``-``end``) opening a line is a dateline, not an
    acronym; it places the story, not what the story counts."""
    word = text[start:end]
    if not word.replace("/", "").isalpha():  # "GENEVA/PORT SUDAN": two datelines
        return False
    # 200: in HTML the paragraph's opening tags are blanked to spaces before the city
    line_start = _line_start_within(text, start, 200)
    if line_start is None:
        return False
    before = text[line_start:start].strip(" \t*_#>").split()
    if len(before) > 3 or not all(b.replace("/", "").isalpha() and b.isupper() for b in before):
        return False
    caps_end = _CAPS_AFTER.match(text, end, None, HOLD_GIL).end()  # "ANGELES" of "LOS ANGELES"
    if not before and caps_end == end and len(word) < 4:
        return False  # "UK, France and Germany": a one-word city has four letters or more
    if text.startswith("  ", caps_end):  # blanked markup: "<b>LONDON</b>, May 2", "**LONDON** —"
        after = _SPACES.match(text, caps_end, None, HOLD_GIL).end()
        return text[after : after + 1] in (",", "(", "\u2014", "\u2013")
    return text[caps_end : caps_end + 2] in (", ", " (", ",\n", ": ", " \u2014", " \u2013")


def _line_start_within(text: str, pos: int, reach: int) -> int | None:
    """Where the line holding ``pos`` starts, if no more than ``reach`` characters back
    (a bounded look: never a slice of a long line)."""
    lo = max(0, pos - reach)
    start = text.rfind("\n", lo, pos) + 1
    return None if start == 0 and lo > 0 else start


def _byline_name(text: str, w: _Word) -> bool:
    """ "By KAREN LIPSKY": a byline in capitals names a person, not acronyms."""
    line_start = _line_start_within(text, w.start, 60)
    if line_start is None:
        return False
    return (
        _CAPS_BYLINE.fullmatch(
            text, line_start, _CAPS_AFTER.match(text, w.end, None, HOLD_GIL).end(), HOLD_GIL
        )
        is not None
    )


_CAPS_BYLINE = regexcache.compile(
    r"[ \t*_#>]{0,6}(?i:by)[ \t]{1,3}(?:\p{Lu}[\p{Lu}.'\u2019\-]{0,30}[ \t]{1,3}){0,3}"
    r"\p{Lu}[\p{Lu}.'\u2019\-]{0,30}"
)
_SPACES = regexcache.compile(r"[ ]{0,40}")
_CAPS_AFTER = regexcache.compile(r"(?:[ ]\p{Lu}{2,20}(?![\p{L}\p{N}])){0,3}")


def _ordinary(word: str, mid_caps: frozenset[str]) -> bool:
    """A sentence-initial word that is just an ordinary word capitalised."""
    low = word.lower()
    if low in word_set("names_not_names"):
        return True
    if len(word) == 1 and word not in "AI":
        return False  # an initial opening a line: "C Thomson" (a referee after a match report)
    if (
        word in mid_caps
        or low in word_set("names_first")
        or word in word_set("names_places", False)
    ):
        return False
    return low in common_words()


_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof professor".split())


def _titled_person(piece: list[_Word]) -> list[_Word] | None:
    """The name after the last title with a name after it ("Captain Lena Ruiz" -> "Lena Ruiz").

    ``None``: no title; ``[]``: the run is only a title ("Prime Minister").
    """
    titles = word_set("names_titles")
    org_words = word_set("names_org_words")
    found_title = False
    for i in range(len(piece) - 1, -1, -1):
        if piece[i].lower.rstrip(".") not in titles:
            continue
        found_title = True
        rest = _skip_title_clauses(piece[i + 1 :])
        honorific = piece[i].lower.rstrip(".") in _HONORIFICS  # "Mr Major", "Sir John Major"
        if rest and (honorific or all(w.lower.rstrip(".") not in titles for w in rest)):
            if any(w.lower in org_words for w in rest) or len(rest) > 4:
                return None
            return rest
    last = piece[-1].lower.rstrip(".")
    only_title = (
        found_title and last in titles and last not in org_words
    )  # not "Scottish Executive"
    if only_title and piece[0].lower not in word_set("names_first"):
        return []  # "Prime Minister", but "John Major" is a name
    return None


def _skip_title_clauses(rest: list[_Word]) -> list[_Word]:
    """ "of State Antony Blinken" -> "Antony Blinken": a title's "of X"/"for X" is part of it."""
    while len(rest) >= 2 and rest[0].lower in CONNECTOR_WORDS:
        rest = rest[2:]
        while rest and rest[0].lower in CONNECTOR_WORDS:
            rest = rest[2:] if len(rest) >= 2 else []
    return rest


def _kind(piece: list[_Word]) -> str:
    org_words = word_set("names_org_words")
    name = " ".join(w.text for w in piece)
    if name in word_set("names_places", False):
        return "place"
    if any(w.lower in org_words for w in piece):
        return "org"
    if (
        2 <= len(piece) <= 4
        and piece[0].lower in word_set("names_first")
        and not any(w.lower in _PAIR_JOINS for w in piece)  # "Richard & Judy": two people
    ):
        return "person"
    return "other"


_PAIR_JOINS = frozenset(["&", "and"])


# -- keys ----------------------------------------------------------------------


def _assign_keys(entities: list[Entity], definitions: list[AcronymDefinition]) -> None:
    """Group mentions: a surname alone takes the key of the full name it shortens;
    an acronym takes its expansion's."""
    full: dict[str, list[tuple[int, str]]] = {}
    for e in entities:
        if e.kind == "person" and " " in e.key:
            parts = e.key.split(" ")
            e.key = f"{parts[0]} {parts[-1]}" if len(parts) > 2 else e.text
            full.setdefault(parts[-1], []).append((e.span.start, e.key))
    for e in entities:
        if " " in e.key or e.kind not in ("person", "other"):
            continue
        candidates = full.get(e.text)  # in text order, as entities are: bisected
        if candidates:
            i = bisect_left(candidates, e.span.start, key=itemgetter(0))
            e.key = candidates[i - 1][1] if i else candidates[0][1]
            e.kind = "person"
    expansions = {acronym_norm(d.acronym): d.expansion for d in definitions}
    for e in entities:
        if e.kind == "acronym" and e.key in expansions:
            e.key = expansions[e.key]


# -- acronym definitions -------------------------------------------------------


def find_acronym_definitions(text: str, runs: list[list[_Word]]) -> list[AcronymDefinition]:
    """ "Expansion (ACR)" and "ACR (Expansion)", in text order, one per position; also
    "Expansion, known as the ACR" / "…, known by its Russian initials ACR" and
    "Expansion, ACR,"."""
    out: list[AcronymDefinition] = _between_commas(text)
    if "known " in text:
        out.extend(_known_as(text, runs))
    if "(" in text:  # the two other shapes need a parenthesis
        run_ends = _run_ends(runs)
        for m in _PAREN_ACRONYM.finditer(text):
            definition = _expansion_before(text, m, run_ends)
            if definition is not None:
                out.append(definition)
        for m in _ACRONYM_PAREN.finditer(text):
            definition = _expansion_inside(text, m)
            if definition is not None:
                out.append(definition)
    out.sort(key=lambda d: d.span.start)
    return out


def _run_ends(runs: list[list[_Word]]) -> dict[int, list[_Word]]:
    """Each capitalised run by the offset where it ends: the expansion that closes just
    before an acronym's parenthesis or comma."""
    return {words[-1].end: words for words in runs if words}


# ", known as the KNB", ", known by its Russian initials KNB": the capitalised run
# before the comma is the expansion.  No nested quantifiers.
_KNOWN_AS_ACRONYM = regexcache.compile(
    r",[ ]known[ ](?:as|by)[ ](?:its[ ](?:\p{L}{2,15}[ ]){0,2}(?:initials|acronym|abbreviation)"
    r"[ ]|the[ ])?(\p{Lu}[\p{Lu}\p{N}&.]{1,11})(?![\p{L}\p{N}])"
)


def _known_as(text: str, runs: list[list[_Word]]) -> list[AcronymDefinition]:
    out: list[AcronymDefinition] = []
    run_ends: dict[int, list[_Word]] | None = None
    for m in _KNOWN_AS_ACRONYM.finditer(text):
        acronym = m.group(1).rstrip(".")
        if not is_acronym(acronym):
            continue
        if run_ends is None:
            run_ends = _run_ends(runs)
        chosen = _trim_articles(run_ends.get(m.start(), []))
        if len([w for w in chosen if w.lower not in CONNECTOR_WORDS]) < 2:
            continue
        exp_span = Span(chosen[0].start, chosen[-1].end)
        span = Span(m.start(1), m.start(1) + len(acronym))
        out.append(AcronymDefinition(acronym, text[exp_span.start : exp_span.end], span, exp_span))
    return out


# "the General Agreement on Tariffs and Trade, GATT, to determine", "the Federal Aviation
# Administration, or FAA, said": an acronym set off by commas (or closing the sentence)
# right after the name it abbreviates.
_COMMA_ACRONYM = regexcache.compile(r",[ ](?:or[ ])?(\p{Lu}[\p{Lu}&]{1,9})(?:,|\.(?!\w))")


def _between_commas(text: str) -> list[AcronymDefinition]:
    """Definitions written "Expansion, ACR," or "Expansion, or ACR,": only when the
    capitalised words right before the first comma give the acronym's letters as their
    initials, in order, with at most short lower-case words between them ("General
    Agreement on Tariffs and Trade, GATT,": the name spans runs that a lower-case word
    splits), so a list ("Tokyo, NEC, Sony") defines nothing."""
    out: list[AcronymDefinition] = []
    for m in _COMMA_ACRONYM.finditer(text):
        acronym = m.group(1)
        if not is_acronym(acronym):
            continue
        lo = max(0, m.start() - 120)
        words = [
            _word(w.group(), w.start())
            for w in _EXPANSION_WORD.finditer(text, lo, m.start(), False, HOLD_GIL)
        ]
        chosen: list[_Word] = []
        capitals = 0
        for w in reversed(words):
            if w.text[:1].isupper():
                capitals += 1
            elif len(w.text) > 3 or not chosen:
                break
            chosen.append(w)
            if capitals == len(acronym):
                break
        chosen.reverse()
        initials = "".join(w.text[0] for w in chosen if w.text[:1].isupper())
        if capitals < 2 or initials != acronym or not chosen[0].text[:1].isupper():
            continue
        gap = text[chosen[-1].end : m.start()]
        if gap.strip():
            continue
        exp_span = Span(chosen[0].start, chosen[-1].end)
        span = Span(m.start(1), m.end(1))
        out.append(AcronymDefinition(acronym, text[exp_span.start : exp_span.end], span, exp_span))
    return out


def _expansion_before(
    text: str, m: regex.Match[str], run_ends: dict[int, list[_Word]]
) -> AcronymDefinition | None:
    acronym = m.group(1).rstrip(".")
    letters = [c for c in acronym if c.isalnum()]
    if len(letters) < 2:
        return None
    open_paren = m.start()
    lo = max(0, open_paren - 200)
    window_start = last_match_end(_CLAUSE_BREAK, text, lo, open_paren)
    words = [
        _word(w.group(), w.start())
        for w in _EXPANSION_WORD.finditer(text, window_start, open_paren, False, HOLD_GIL)
    ]
    words = _initials_before(text, window_start, words) + words
    words = words[-min(len(letters) + 5, len(letters) * 2) :]
    start = _schwartz_hearst(acronym, words)
    if start is None:
        words, start = _name_across_comma(text, lo, window_start, acronym, words)
    span = Span(m.start(1), m.start(1) + len(acronym))
    if start is not None:
        chosen = _trim_articles(words[start:])
    else:
        if not is_acronym(acronym):
            return None
        before = text[window_start:open_paren].rstrip()
        run = run_ends.get(window_start + len(before))
        chosen = _trim_articles([w for w in run if w.start >= window_start]) if run else []
        if len([w for w in chosen if w.lower not in CONNECTOR_WORDS]) < 2:
            return None
    if not chosen:
        return None
    exp_span = Span(chosen[0].start, chosen[-1].end)
    return AcronymDefinition(acronym, text[exp_span.start : exp_span.end], span, exp_span)


def _name_across_comma(
    text: str, lo: int, window_start: int, acronym: str, words: list[_Word]
) -> tuple[list[_Word], int | None]:
    """A name with a comma in it ("Ministry of Economy, Trade and Industry (METI)"):
    the clause before the bracket does not spell the acronym, so the capitalised words
    before that comma are tried with it, and taken only when they are all one name
    (every word but connectors capitalised) that spells it; else ``words``, no start."""
    comma = window_start - 1
    if comma < 1 or text[comma : window_start + 1] != ", ":
        return words, None
    earlier = last_match_end(_CLAUSE_BREAK, text, lo, comma)
    before = [
        _word(w.group(), w.start())
        for w in _EXPANSION_WORD.finditer(text, earlier, comma, False, HOLD_GIL)
    ]
    joined = before + words
    start = _schwartz_hearst(acronym, joined)
    if start is None or start >= len(before):
        return words, None
    name = _trim_articles(joined[start:])
    if not all(w.text[0].isupper() for w in name if w.lower not in CONNECTOR_WORDS):
        return words, None
    return joined, start


# "U.S." or "U.N." right before a name: its full stops end no clause ("the U.S.
# Geological Survey (USGS)")
_INITIALISM_BEFORE = regexcache.compile(r"(?<![\p{L}.])(?:\p{Lu}\.){2,3}$")


def _initials_before(text: str, at: int, words: list[_Word]) -> list[_Word]:
    """The letters of an initialism that ends at ``at``, right before the first of
    ``words``, as one-letter words ("U", "S" of "U.S. Geological Survey"), so that the
    expansion and its initials take them in; none otherwise."""
    if not words or words[0].start != at + 1 or text[at : at + 1] != " ":
        return []
    m = _INITIALISM_BEFORE.search(text, max(0, at - 6), at)
    if m is None:
        return []
    return [_word(text[i], i) for i in range(m.start(), m.end(), 2)]


def _expansion_inside(text: str, m: regex.Match[str]) -> AcronymDefinition | None:
    acronym = m.group(1).rstrip(".")
    if not is_acronym(acronym):
        return None
    inner_start = m.start(2)
    words = [
        _word(w.group(), inner_start + w.start()) for w in _EXPANSION_WORD.finditer(m.group(2))
    ]
    words = _trim_articles(words)
    if not words:
        return None
    content = [w for w in words if w.lower not in CONNECTOR_WORDS]
    matched = _schwartz_hearst(acronym, words) == 0
    capitalised = len(content) >= 2 and all(w.text[0].isupper() for w in content)
    if not (matched or capitalised) or len(content) > len(acronym) + 4:
        return None
    exp_span = Span(words[0].start, words[-1].end)
    span = Span(m.start(1), m.start(1) + len(acronym))
    return AcronymDefinition(acronym, text[exp_span.start : exp_span.end], span, exp_span)


def _trim_articles(words: list[_Word]) -> list[_Word]:
    i = 0
    while i < len(words) and words[i].lower in ("the", "a", "an", "of", "its", "their"):
        i += 1
    return words[i:]


def _schwartz_hearst(acronym: str, words: list[_Word]) -> int | None:
    """Index of the first word of the shortest expansion whose letters spell ``acronym``.

    Schwartz & Hearst (2003): match the acronym's characters right to left in the
    candidate text; the first must start a word.  Handles skipped words ("Organisation
    for Economic Co-operation and Development (OECD)") and letters inside words.
    """
    if not words:
        return None
    joined = " ".join(w.text for w in words).lower()
    short = [c for c in acronym.lower() if c.isalnum()]
    s, pos = len(short) - 1, len(joined) - 1
    while s >= 0:
        c = short[s]
        while pos >= 0 and (joined[pos] != c or (s == 0 and pos > 0 and joined[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
        s -= 1
    first = pos + 1
    # Word index containing ``first``.
    offset = 0
    for i, w in enumerate(words):
        if offset <= first < offset + len(w.text):
            return i
        offset += len(w.text) + 1
    return None
