"""Attributions: who said what ("the Interior Ministry said", "said Mr Smith",
"according to police", "He added").

Why this shape: an attribution verb (from ``data/attribution_verbs.txt``) is found
first; its source is then the subject of the clause it ends (a name from the entity
pass, or a source noun such as "police" or "analysts"), or, when the clause starts
with the verb ("..., said Mr Smith"), the name after it.  Pronouns ("He said") take
the last person who spoke, or the last person named.  Each attribution carries the
quotation it introduces and the index of its sentence, so claims can be linked to it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex

from kzaudit import regexcache
from kzaudit.alternation import phrases
from kzaudit.extract.entities import common_words, last_match_end, load_words, word_set
from kzaudit.model import Attribution, Document, Entity, Span
from kzaudit.regexcache import HOLD_GIL

_CLOSE_QUOTES = "\u201d\"'\u2019"
_PREPOSITIONS = frozenset(
    "in at of for from with on to by near across about against over under into between "
    "among including than like via after before since during".split()
)
_DETERMINERS = frozenset("the a an its his her their our this that these those".split())
_AUX = frozenset(
    "has have had also then later previously earlier recently repeatedly yesterday today "
    "will did does do once again separately however further reportedly publicly "
    "privately".split()
)
_NOT_STATEMENT = frozenset(
    "was were is are be been being to might may could would should not never n't can cannot".split()
)
_POSSESSIVES = ("'s", "\u2019s")
_POSTNOMINALS = frozenset("QC KC MP MEP MSP AM CBE OBE MBE KBE Jr Jr. Sr Sr. PhD".split())
_SPACES = regexcache.compile_std(f"{regexcache.SPACE}+")
_PAUSE = regexcache.compile(r"$|[,.;:]|[ ]{1,2}(?:in|at|of|from|on)[ ]")
_JOINS = frozenset({"", "'s", "\u2019s", "'", "\u2019"})
_PEOPLE = frozenset({"person", "name"})
# Anchored at the window's end: searched backwards (REVERSE) it is tried there once, not
# from every start in the window; the match is the same.
_PREV_WORD = regexcache.compile(r"(?<![\p{L}'\u2019])(\p{L}\p{Ll}{1,20})[ ]{1,2}$", regex.REVERSE)
_NOT_MODIFIERS = frozenset(
    "the a an its his her their our this that these those many some several most other few "
    "all two three four and or but of in at for from with on to by as than said says "
    "told has have had was were is are be been also who which that".split()
)
# Verbs that are attributions only before a quotation, "that" or a pause: "Northlight
# added 2 million subscribers" and "the firm reported a loss" are not statements.
_GUARDED = frozenset({"added", "posted"})
_GUARD_OK = regexcache.compile(
    r"\s{0,3}(?:[,.;:!?\"'\u201c\u2018\u2014(]|$|(?:that|he|she|it|they|we|there|on|in|to|last|yesterday|earlier|later)(?![\p{L}]))"
)
_PRONOUNS = {"he": "person", "she": "person", "it": "org"}
_CLAUSE_WORDS = regexcache.compile(
    r"(?<![\p{L}])(?:and|but|while|as|because|although|though|when|where|which|who|that|if|"
    r"whether|after|before|since)(?![\p{L}])"
)
# Plain character classes: the standard engine is exact here and cheaper per call.
_CLAUSE_PUNCT = regexcache.compile_std(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d]| - ")
_WORD = regexcache.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019/&.\-]{0,40}")
_OPEN_QUOTES = "\u201c\"'\u2018"
_BRACKETED_ACRONYM = regexcache.compile(r"\((\p{Lu}[\p{Lu}\p{N}&]{1,9})\)[ ]{0,2}$")
_MAX_CLAUSE = 160  # characters of subject before a verb
_MAX_APPOSITION = 160
_MAX_LOOKBACK = 200  # entities a pronoun looks back over for a person
_RESOLVE_WINDOW = 4  # sentences a pronoun looks back for its speaker


@dataclass(slots=True)
class _Source:
    text: str
    span: Span
    kind: str  # person | org | noun | pronoun


def _verb_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Verbs grouped by first word: a C-speed ``str.find`` locates each first word,
    a small anchored pattern confirms the whole verb (faster than one big alternation)."""
    groups: dict[str, list[str]] = {}
    for verb in (*load_words("attribution_verbs"), "according to"):
        groups.setdefault(verb.split()[0], []).append(verb)
    return tuple((head, tuple(verbs)) for head, verbs in sorted(groups.items()))


_VERBS = _verb_groups()


@cache
def _verb_pattern(verbs: tuple[str, ...]) -> regex.Pattern[str]:
    """Compiled on first use: most first words never occur in a given run's text."""
    return regexcache.compile(rf"(?:{phrases(verbs)})(?![\p{{L}}\-])")


def _verb_matches(text: str) -> list[regex.Match[str]]:
    out = []
    for head, verbs in _VERBS:
        i = text.find(head)
        while i != -1:
            if i == 0 or not (text[i - 1].isalpha() or text[i - 1] == "-"):
                m = _verb_pattern(verbs).match(text, i, None, HOLD_GIL)
                if m is not None:
                    out.append(m)
            i = text.find(head, i + len(head))
    out.sort(key=lambda m: m.start())
    return out


_LETTERS = regexcache.compile(r"\p{L}+")


def _source_nouns(text: str, start: int, end: int) -> list[regex.Match[str]]:
    """Source nouns ("police", "officials") in ``[start, end)``: whole words looked up
    in a set (the list is single words; a set beats a 100-word alternation to compile)."""
    nouns = word_set("attribution_sources")
    out = []
    for m in _LETTERS.finditer(text, start, end, False, HOLD_GIL):
        if m.start() == start and start > 0 and text[start - 1].isalpha():
            continue  # the window cuts a word
        if m.group().lower() in nouns:
            out.append(m)
    return out


def extract_attributions(doc: Document) -> list[Attribution]:
    """Attributions in text order, pronouns resolved, continued quotations carried over."""
    finder = _Finder(doc)
    out: list[Attribution] = []
    for m in _verb_matches(doc.text):
        attribution = finder.attribution(m)
        if attribution is not None:
            out.append(attribution)
    out.extend(_continued_quotes(doc, out))
    out.sort(key=lambda a: (a.span.start, a.span.end))
    return out


class _Finder:
    """Per-document state: entity index, quotes, and the speakers seen so far."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities = sorted(doc.entities, key=lambda e: e.span.start)
        self.starts = [e.span.start for e in self.entities]
        self.quotes = sorted(doc.quotes)  # non-overlapping: sorted by start is sorted by end
        self.quote_ends = [q.end for q in self.quotes]
        self.speakers: list[tuple[int, _Source]] = []  # (sentence, source) in order
        self.prev_verb_end = 0  # a clause never reaches back over another verb

    # -- one verb ----------------------------------------------------------
    def attribution(self, m: regex.Match[str]) -> Attribution | None:
        verb_span = Span(m.start(), m.end())
        floor, self.prev_verb_end = self.prev_verb_end, m.end()
        inside = self._quotes_between(verb_span.start, verb_span.end)
        if any(
            q.start < verb_span.start and verb_span.end < q.end and self._closed(q) for q in inside
        ):
            return None
        sentence_index = self.doc.sentence_index(verb_span.start) if self.doc.sentences else -1
        sent_start = self.doc.sentences[sentence_index].span.start if sentence_index >= 0 else 0
        verb = _SPACES.sub(" ", m.group())
        source: _Source | None = None
        resolved_from: str | None = None
        if verb == "according to":
            source = self._after(verb_span.end, sent_start)
        else:
            if self._passive(verb_span.start):
                return None
            if verb in _GUARDED and not _GUARD_OK.match(self.text, verb_span.end, None, HOLD_GIL):
                return None
            inverted = None
            if self._clause_initial(sent_start, verb_span.start):
                inverted = self._after(verb_span.end, sent_start)
            if inverted is not None and self._named_then_pause(inverted):
                source = inverted  # "..., once the owner of X, said founder Mikhail Khodorkovsky."
            else:
                source = self._before(max(sent_start, floor), verb_span.start) or inverted
        if source is None:
            return None
        if source.kind == "pronoun":
            resolved_from = source.text
            resolved = self._resolve(source, sentence_index)
            if resolved is None:
                return None
            source = _Source(resolved.text, source.span, resolved.kind)
        if source.kind != "noun":
            self.speakers.append((sentence_index, source))
        span = Span(min(source.span.start, verb_span.start), max(source.span.end, verb_span.end))
        return Attribution(
            source=source.text,
            verb=verb,
            span=span,
            quote_span=self._quote_for(span, sentence_index),
            resolved_from=resolved_from,
            sentence=sentence_index,
        )

    # -- subject before the verb -------------------------------------------
    def _before(self, sent_start: int, verb_start: int) -> _Source | None:
        end = self._skip_aux_back(max(sent_start, verb_start - _MAX_CLAUSE), verb_start)
        bracketed = _BRACKETED_ACRONYM.search(self.text, max(sent_start, end - 16), end)
        if bracketed is not None:  # "The Kenya National Commission on Human Rights (KNCHR)
            # said": the body its acronym names
            return _Source(bracketed.group(1), Span(bracketed.start(1), bracketed.end(1)), "org")
        apposition: tuple[int, int] | None = None
        if self.text[end - 1 : end] == ",":
            comma = self.text.rfind(",", max(sent_start, end - 1 - _MAX_APPOSITION), end - 1)
            if comma == -1 or any(c in self.text[comma:end] for c in _OPEN_QUOTES + _CLOSE_QUOTES):
                return None
            apposition = (comma + 1, end - 1)
            end = comma
        start = self._clause_start(max(sent_start, end - _MAX_CLAUSE), end)
        if self.text[start:end].strip() in _POSTNOMINALS:  # "Judge Richard Mawrey, QC told"
            end = max(self.text.rfind(",", sent_start, start), sent_start)
            start = self._clause_start(max(sent_start, end - _MAX_CLAUSE), end)
        source = self._subject(start, end)
        if apposition is not None:
            person = self._first_person(*apposition)
            if person is not None and (source is None or source.kind not in ("person", "org")):
                return person
        return source

    def _skip_aux_back(self, lo: int, end: int) -> int:
        """Step back over "has", "also", "on Tuesday"-free auxiliaries before the verb."""
        while True:
            stripped = end
            while stripped > lo and self.text[stripped - 1].isspace():
                stripped -= 1
            word_start = stripped
            while word_start > lo and self.text[word_start - 1].isalpha():
                word_start -= 1
            if word_start == stripped or self.text[word_start:stripped].lower() not in _AUX:
                return stripped
            end = word_start

    def _passive(self, verb_start: int) -> bool:
        """Not a statement: "was told", "are also said", "refused to say", "might say",
        "an estimated"."""
        before = self.text[max(0, verb_start - 40) : verb_start].split()
        if before and (before[-1].lower() in _DETERMINERS or before[-1].endswith(_POSSESSIVES)):
            return True  # "an estimated", "BA's estimated"
        while before and before[-1].lower() in _AUX:
            before.pop()
        return bool(before) and before[-1].lower().rstrip(",") in _NOT_STATEMENT

    def _clause_start(self, lo: int, end: int) -> int:
        start = last_match_end(_CLAUSE_PUNCT, self.text, lo, end)
        start = last_match_end(_CLAUSE_WORDS, self.text, start, end)
        i = bisect.bisect_right(self.starts, start) - 1  # never inside a name ("Oil and Gas")
        if i >= 0 and self.entities[i].span.start < start < self.entities[i].span.end:
            return max(lo, self.entities[i].span.start)
        return start

    def _subject(self, start: int, end: int) -> _Source | None:
        """The clause's subject: a pronoun, a person next to the verb, or the first
        name or source noun not inside a prepositional phrase."""
        words = list(_WORD.finditer(self.text, start, end, False, HOLD_GIL))
        if not words:
            return None
        last_word = words[-1]
        if last_word.group().lower() in _PRONOUNS and last_word.end() == end:  # "he warned"
            return _Source(last_word.group(), Span(last_word.start(), last_word.end()), "pronoun")
        candidates = self._candidates(start, end)
        if not candidates:
            return self._bare_name(words)
        last = candidates[-1]
        if (
            last.kind != "noun"
            and last.span.end == end
            and not self._after_preposition(start, last.span.start)
        ):
            return last  # "party leader Marko Horvat", "State broadcaster HRT"
        for cand in candidates:
            if not self._after_preposition(start, cand.span.start):
                return cand
        return None

    def _bare_name(self, words: list[regex.Match[str]]) -> _Source | None:
        """A lone capitalised word before the verb ("Ash said"), even if it is also an
        ordinary word the entity pass set aside at a sentence start."""
        if len(words) != 1 or not words[0].group()[:1].isupper():
            return None
        word = words[0].group()
        if word.lower() in word_set("names_not_names") or not word[1:].islower():
            return None
        return _Source(word, Span(words[0].start(), words[0].end()), "name")

    def _candidates(self, start: int, end: int) -> list[_Source]:
        """Names and source nouns in ``[start, end)``, a name followed by a noun merged
        ("RFE/RL journalists"), possessive chains merged ("RFE/RL's Kazakh Service")."""
        found: list[_Source] = []
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.entities) and self.entities[i].span.start < end:
            e = self.entities[i]
            # not a name that modifies the next word ("the UK-published China Review")
            if e.span.end <= end and self.text[e.span.end : e.span.end + 1] != "-":
                found.append(_Source(e.text, e.span, _entity_kind(e)))
            i += 1
        for m in reversed(_source_nouns(self.text, start, end)):
            bound = max([start, *(e.span.end for e in found if e.span.end <= m.start())])
            span = Span(self._extend_left(bound, m.start()), m.end())
            if not any(s.span.overlaps(span) for s in found):
                found.append(_Source(self.text[span.start : span.end], span, "noun"))
        found.sort(key=lambda s: s.span.start)
        return self._merge(found)

    def _merge(self, found: list[_Source]) -> list[_Source]:
        merged: list[_Source] = []
        for s in found:
            if merged:
                prev = merged[-1]
                gap = self.text[prev.span.end : s.span.start]
                if gap.strip() in _JOINS and len(gap) <= 3 and "\n" not in gap:
                    role = prev.text.rsplit(" ", 1)[-1][:1].islower() or gap.strip() != ""
                    named = s.kind == "name" and role
                    if s.kind == "person" or named or (prev.kind == "noun" and s.kind != "noun"):
                        # "UKIP leader Roger Knapman", "the BBC's Louisa Lim", "broadcaster HRT"
                        merged[-1] = s
                        continue
                    span = Span(prev.span.start, s.span.end)
                    kind = s.kind if s.kind != "noun" else prev.kind if not gap.strip() else "noun"
                    merged[-1] = _Source(self.text[span.start : span.end], span, kind)
                    continue
            merged.append(s)
        return merged

    def _extend_left(self, lo: int, pos: int) -> int:
        """Start of a lower-case noun phrase ending in a source noun: "the provincial
        health office" -> "provincial health office" (at most three modifiers)."""
        for _ in range(3):
            m = _PREV_WORD.search(self.text, max(lo, pos - 30), pos, HOLD_GIL)
            word = m.group(1) if m else ""
            if not word or word.lower() in _NOT_MODIFIERS:
                break
            if word[0].isupper() and word.lower() not in common_words():
                break
            pos = m.start(1)
        return pos

    def _after_preposition(self, clause_start: int, pos: int) -> bool:
        words = self.text[max(clause_start, pos - 40) : pos].split()
        while words and words[-1].lower() in _DETERMINERS:
            words.pop()
        return bool(words) and words[-1].lower() in _PREPOSITIONS

    def _after_place_preposition(self, pos: int) -> bool:
        """ "in Abuja", "at the summit": where, not who."""
        words = self.text[max(0, pos - 40) : pos].split()
        while words and words[-1].lower() in _DETERMINERS:
            words.pop()
        return bool(words) and words[-1].lower() in ("in", "at", "near", "outside", "inside")

    def _first_person(self, start: int, end: int) -> _Source | None:
        for cand in self._candidates(start, end):
            if self.text[start : cand.span.start].strip() == "" and cand.kind in _PEOPLE:
                return cand
        return None

    # -- source after the verb ("said Mr Smith", "according to police") -----
    def _clause_initial(self, sent_start: int, verb_start: int) -> bool:
        before = self.text[max(sent_start, verb_start - 40) : verb_start].rstrip()
        if not before and verb_start - sent_start > 40:  # long run of spaces: not a clause start
            return False
        return before == "" or before[-1] in ",;:" + _CLOSE_QUOTES

    def _after(self, verb_end: int, sent_start: int) -> _Source | None:
        limit = min(len(self.text), verb_end + 120)
        stop = _CLAUSE_PUNCT.search(self.text, verb_end, limit)
        end = stop.start() if stop else limit
        words = list(_WORD.finditer(self.text, verb_end, end, False, HOLD_GIL))
        if not words:
            return None
        candidates = self._candidates(verb_end, end)
        if not candidates:
            return None
        cand = candidates[0]
        lead = self.text[verb_end : cand.span.start].split()
        if len(lead) <= 4 and all(_lead_word(w) for w in lead):
            if cand.kind == "noun" and cand.text.lower() in (
                "figures",
                "data",
                "report",
                "survey",
                "statement",
            ):
                later = [c for c in candidates[1:] if c.kind != "noun"]
                if (
                    later
                    and self._after_preposition(verb_end, later[0].span.start)
                    and not self._after_place_preposition(later[0].span.start)
                ):
                    return later[0]  # "figures from the ONS"; not "a statement … in Abuja"
            return cand
        return None

    def _named_then_pause(self, source: _Source) -> bool:
        """A name right after the verb and then a pause: "said Ronald Smith, an analyst"."""
        return (
            source.kind in _PEOPLE
            and _PAUSE.match(self.text, source.span.end, None, HOLD_GIL) is not None
        )

    # -- pronouns ----------------------------------------------------------
    def _resolve(self, pronoun: _Source, sentence_index: int) -> _Source | None:
        kind = _PRONOUNS[pronoun.text.lower()]
        for sent, speaker in reversed(self.speakers):
            if sentence_index - sent > _RESOLVE_WINDOW:
                break
            if speaker.kind == kind or (kind == "person" and speaker.kind == "name"):
                return speaker
        if kind != "person":
            return None
        i = bisect.bisect_left(self.starts, pronoun.span.start) - 1
        lo = max(-1, i - _MAX_LOOKBACK)
        while i > lo:
            e = self.entities[i]
            if e.kind == "person" and not self._quoted(e.span):
                return _Source(e.text, e.span, "person")
            i -= 1
        return None

    # -- quotations ----------------------------------------------------------
    def _quotes_between(self, lo: int, hi: int) -> list[Span]:
        """Quotations that end at or after ``lo`` and start at or before ``hi`` (bisect)."""
        i = bisect.bisect_left(self.quote_ends, lo)
        out = []
        while i < len(self.quotes) and self.quotes[i].start <= hi:
            out.append(self.quotes[i])
            i += 1
        return out

    def _closed(self, q: Span) -> bool:
        return len(q) > 1 and self.text[q.end - 1] in _CLOSE_QUOTES

    def _quoted(self, span: Span) -> bool:
        return any(q.contains(span) for q in self._quotes_between(span.start, span.end))

    def _quote_for(self, span: Span, sentence_index: int) -> Span | None:
        """The quotation this attribution introduces or closes, in its paragraph."""
        if sentence_index < 0:
            return None
        sentence = self.doc.sentences[sentence_index]
        para = self.doc.paragraphs[sentence.paragraph]
        near = self._quotes_between(sentence.span.start, sentence.span.end)
        quotes = [q for q in near if q.start >= para.start]
        for q in quotes:  # "...," Borrell wrote / "...," said Ash
            if q.end <= span.start and self.text[q.end : span.start].strip(" ,") == "":
                return q
        for q in quotes:  # Zas said he expected "several days"
            if span.end <= q.start < sentence.span.end:
                return q
        for q in quotes:
            if q.overlaps(sentence.span):
                return q
        return None


def _lead_word(word: str) -> bool:
    """A word allowed between "said" and its source: "the", "Dr", "central bank governor"."""
    low = word.lower()
    return low in _DETERMINERS or word[:1].isupper() or low not in _NOT_MODIFIERS


def _entity_kind(e: Entity) -> str:
    """person; name (a capitalised name of unknown kind: may be a person); org."""
    if e.kind == "person":
        return "person"
    if e.kind == "other":
        return "name"
    return "org"


def _continued_quotes(doc: Document, found: list[Attribution]) -> list[Attribution]:
    """A paragraph that is only a quotation, right after an attributed paragraph,
    continues the same speaker's words (news style for multi-paragraph quotes)."""
    if not doc.sentences or not found:
        return []
    by_para: dict[int, Attribution] = {}
    for a in found:
        by_para[doc.sentences[a.sentence].paragraph] = a
    out: list[Attribution] = []
    quote_at = {q.start: q for q in doc.quotes}
    for index, para in enumerate(doc.paragraphs):
        if index in by_para or index - 1 not in by_para:
            continue
        first = quote_at.get(para.start)
        if first is None or first.end < para.end - 1:
            continue
        prev = by_para[index - 1]
        attribution = Attribution(
            source=prev.source,
            verb=prev.verb,
            span=first,
            quote_span=first,
            resolved_from=None,
            sentence=doc.sentence_index(first.start),
        )
        by_para[index] = attribution
        out.append(attribution)
    return out
