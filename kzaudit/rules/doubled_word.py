"""doubled-word: the same word twice in a row ("the the").

## What it does
Flags a word repeated immediately, separated only by spaces on one line,
compared case-insensitively ("The the").

## Why is this bad?
A doubled word is the commonest slip of a rewrite or a cut-and-paste, and the eye
skips it on a read-through.

Words that are legitimately doubled are not flagged: "had had" ("had had enough",
but not "had had been"), "that that" ("said that that was final", but not "said that
that the police" nor "firms that that have"), "much much" before a comparative
("much much more", not "much much forced"), "will will" after a word that makes the
first a noun ("his will will be read", not "the effort will will require"), "is is", "was
was", "do do" after a wh-word ("what it is is", but not "growth is is slowing" nor "he
was was arrested"), a particle after a verb it
completes ("carry on on Monday", but not "treated in in hospital" nor "take about
about 18 months"), a stranded "for" before a "for" of time ("waiting for for years",
"what I've worked so hard for for the last two years"; but not "called for for a
peaceful resolution" nor "the lowest rate for for 40 years"), reduplications
("bye bye", "very very", "cough cough", "wink wink"), a word of four letters or fewer
that no English list holds ("pork bao bao"), a rarer word the story doubles more than
once (a term: "the boda boda taxi … hail a boda boda"; "to to" twice is two slips),
names ("Duran Duran", "Abdullah Abdullah": the second word is capitalised), titles
("Ice Ice Baby"), numbers beside other figures ("6-4 6-4", a table's "10 10 0 0"), and
repeats across punctuation or a line break ("it is, is it"); but a figure typed twice
between two lower-case words is a slip ("at least 55 55 people"; not a score after its
verb, "the score was 10 10 at half time").

A capitalised word typed twice is a slip too when it cannot be such a name: a function
word or an ordinary word opening a sentence before a lower-case word ("The The rapid
developments", "Earnings Earnings at Barclays rose"), or a name or acronym that is no
ordinary word nor a given name and that the story also writes alone ("Yukos' owner
Menatep Menatep Group" beside "Menatep holds", "The CBI CBI said"): a name that is
doubled is never written alone.  An acronym doubled is a slip wherever it stands ("AFP
AFP, AP, dpa"), unless it is a word in capitals ("NO NO").  So is a title or a place
("Sir Sir Alan", "Britain Britain"; not a place that is itself doubled, "Bora Bora"), a
name after an honorific ("Mr Brown Brown said") and a connective opening a sentence
("But But Mr"); a month before a figure ("in May May 2004"), and a month's or a title's
abbreviation typed twice with its full stop ("Nov. Nov. 19", "Gov. Gov. Green"); a
hyphenated word typed twice ("a 24-hour 24-hour strike"; not a score, "6-4 6-4"); a date
or a weekday typed twice ("set for March 4 March 4", "on Tuesday Tuesday"); an ordinary
word of four letters or more inside a name, or a surname after a given name ("the Court
of Human Rights Rights", "Linda Thomsen Thomsen"; not "Koh Phi Phi" nor "Chief Executive
Abdullah Abdullah"); a pronoun before its own contraction ("We We're") and a name
written alone elsewhere before its possessive ("India India's").  And a lower-case word
typed again beside a hyphenated word that starts or ends with it ("five five-year plan",
"ex-senior senior"), unless it is a particle ("in in-fighting", "a break-in in 1999").

## Example
```
Police said the the protest had ended.
```

## Use instead
```
Police said the protest had ended.
```
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator

import regex

from kzaudit import regexcache
from kzaudit.extract.dates import calendar_words, vocab
from kzaudit.extract.entities import common_words, word_set
from kzaudit.model import Document, Finding, Span
from kzaudit.regexcache import HOLD_GIL
from kzaudit.rules._frequent import frequent_words
from kzaudit.rules._mechanics import PRESCAN_MAX, at_sentence_start, plain_words
from kzaudit.rules.base import RuleContext

ID = "doubled-word"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = 'A word repeated twice in a row ("the the")'

# Doubles that English grammar or idiom produces on purpose.
LEGITIMATE = frozenset(
    """had that this is was do does did her will may
    bye no so ha yes well very many far really tut now there knock chop blah yada
    go never more too much pretty long cough hear boo bang tick oh ho la
    wink nudge yum choo tsk hip""".split()
)
_FOREIGN_MAX = 4  # letters of a doubled word no English list holds: "bao", "mahi"
# A particle doubles only after a verb it completes ("carry on on Monday", "log in in
# the morning", "handed over over the weekend", "the moment I have been waiting for for
# years"); "treated in in hospital" is a slip.
PARTICLES = frozenset("in on out up off down over by around through about for".split())
_PARTICLE_VERBS = frozenset(
    """carry carried carries carrying go goes going went gone come comes coming came
    get gets got getting hold holds held holding keep keeps kept keeping move moves moved
    moving pass passes passed passing take takes took taken taking turn turns turned
    turning log logs logged logging sign signs signed signing check checks checked
    checking give gives gave given giving hand hands handed handing put puts putting set
    sets setting step steps stepped stepping phase phased kick kicks kicked sink sank
    sunk cave caved rein reined fill filled call calls called calling switch switched
    look looks looked looking run runs ran running stand stands stood standing sit sits
    sat sitting back backed break breaks broke broken bring brings brought stay stays
    stayed live lives lived drag dragged drop dropped pull pulled push pushed hang hung
    shut wind wound pay paid mark marked cut cuts settle settled catch caught pick picked
    send sent fall fell fallen weigh weighed bear bore stop stopped lay laid""".split()
)
# "that that" + one of these opens a clause twice: "said that that the police".
_CLAUSE_OPENERS = frozenset(
    "the a an he she they we i you it his their our its there these those".split()
)
_AFTER_THAT = _CLAUSE_OPENERS | frozenset("have are were".split())
# Participles that only a single "had" takes: "had had been", "had had chosen".
_AFTER_HAD = frozenset("been become begun chosen done gone given known seen taken".split())
# "is is" is said after a wh-clause ("What it is is a crisis", "All it is is talk").
_WH = frozenset("what where how who whatever all thing problem point question".split())
_AFTER_WORD = regexcache.compile(r"[ \t\u00a0]{1,20}([\p{L}\p{M}]{1,40})")
# Candidates only: a word, blanks on one line, the same word (any case).  Bounded
# repetitions; the rule then checks each candidate.
_DOUBLE = regexcache.compile(
    r"(?<![\p{L}\p{M}'\u2019])([\p{L}\p{M}]{1,40})[ \t\u00a0]{1,20}(\1)(?![\p{L}\p{M}])",
    regex.IGNORECASE,
)
_JOINERS = "'\u2019-"
_COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())
# the rest of a compound, then a plural noun: "-car units", "-bedroom flats"
_PLURAL_AFTER_COMPOUND = regexcache.compile(
    r"-[\p{L}\d]{1,20}(?:-[\p{L}\d]{1,20}){0,2}[ ]\p{Ll}{2,20}s\b"
)


# A figure typed twice in running prose: "at least 55 55 people", "in 2014 2014 the".
# Between two lower-case words only, so no score ("6-4 6-4") nor table row ("Chelsea 10
# 10 0 0") is read as one.
_DOUBLE_NUMBER = regexcache.compile(
    r"(?<=\b(?!(?:was|were|is|are|be|been|stood|finished|ended|tied|level|drawn|score|scores"
    r"|scored|at)\b)\p{L}\p{Ll}{1,19}[ \t\u00a0]{1,3})(\d(?:[\d,.]{0,20}\d)?)[ \t\u00a0]{1,3}(\1)"
    r"(?=[ \t\u00a0]{1,3}\p{Ll})"
)  # not a score after its verb: "the score was 10 10 at half time"


# An abbreviation typed twice with its full stop, which ``_DOUBLE`` cannot see: "on
# Sunday, Nov. Nov. 19", "Gov. Gov. Josh Green".  Months and titles only: a company's
# "Inc." or an answer's "No." may end a sentence before the same word opens the next.
_DOUBLE_ABBREVIATION = regexcache.compile(
    r"(?<![\p{L}\p{M}.])((?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gov|Sen|Rep"
    r"|Gen|Lt|Col|Sgt|Capt|Prof|St)\.)[ \t\u00a0]{1,3}(\1)(?![\p{L}\p{M}])"
)


# A hyphenated word typed twice ("forecast fourth-quarter fourth-quarter revenue", "a
# 24-hour 24-hour strike"), with a letter in it: a tennis score is doubled on purpose
# ("6-4 6-4").
_DOUBLE_COMPOUND = regexcache.compile(
    r"(?<![\p{L}\p{M}\d'\u2019\-])(?=[\d\-]{0,20}\p{L})"
    r"([\p{L}\d]{1,20}(?:-[\p{L}\d]{1,20}){1,3})[ \t\u00a0]{1,3}(\1)(?![\p{L}\p{M}\d'\u2019\-])"
)


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    yield from _doubled_figures(doc, ctx)
    yield from _doubled_dates(doc, ctx)
    if len(text) <= PRESCAN_MAX:
        words = plain_words(text)
        if not any(map(operator.eq, words, words[1:])) and not _hyphen_double(words):
            return  # the common case: no word follows itself anywhere
    for para in doc.paragraphs:
        for m in _DOUBLE_ABBREVIATION.finditer(text, para.start, para.end, False, HOLD_GIL):
            yield _finding(doc, ctx, m)
        for m in _DOUBLE_COMPOUND.finditer(text, para.start, para.end, False, HOLD_GIL):
            yield _finding(doc, ctx, m)
    alone = _AloneWords(text)
    found = [
        m
        for para in doc.paragraphs
        for m in _DOUBLE.finditer(text, para.start, para.end, False, HOLD_GIL)
        if _doubled(text, m, para.start, alone)
    ]
    # A word the story doubles more than once is doubled on purpose: a term ("the boda
    # boda motorbike taxi … hail a boda boda"), not a slip.
    times = Counter(m.group(2).lower() for m in found)
    frequent = frequent_words()
    for m in found:
        low = m.group(2).lower()
        if times[low] > 1 and low not in frequent:
            continue  # (twice "to to" is two slips: only a rarer word makes a term)
        yield _finding(doc, ctx, m)


def _finding(doc: Document, ctx: RuleContext, m: regex.Match[str]) -> Finding:
    """The finding for a double matched as (first, second): the second is the slip."""
    span = Span(m.start(1), m.end(2))
    return ctx.finding(doc, span, f'"{m.group(2)}" is doubled: "{doc.slice(span)}"', m.group(1))


def _doubled_figures(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Figures typed twice, looked for where extraction read two equal figures side by
    side: a search of the whole story for them cost a fifth of the rule."""
    text, claims = doc.text, doc.claims
    for a, b in zip(claims, claims[1:], strict=False):
        if not 0 < b.span.start - a.span.end <= 3:
            continue  # (values may differ: "about 3 3 million" reads 3 and 3 million)
        m = _DOUBLE_NUMBER.search(text, max(0, a.span.start - 24), b.span.end + 4)
        if m is not None:
            yield _finding(doc, ctx, m)


def _doubled_dates(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A date typed twice ("set for March 4 March 4"), looked for where extraction read
    two dates written alike with only blanks between: the words' pre-scan sees no word
    follow itself there."""
    text = doc.text
    for a, b in zip(doc.dates, doc.dates[1:], strict=False):
        if (
            b.text.startswith(a.text)  # "March 13 March 13, 2013": the year after the second
            and (a.month, a.day) == (b.month, b.day)
            and any(ch.isalpha() for ch in a.text)
            and any(ch.isdigit() for ch in a.text)
            and 0 < b.span.start - a.span.end <= 3
            and not text[a.span.end : b.span.start].strip()
        ):
            span = Span(a.span.start, b.span.start + len(a.text))
            yield ctx.finding(doc, span, f'"{a.text}" is doubled: "{doc.slice(span)}"', a.text)


# Particles that open or close hyphenated words ("in-fighting", "break-in", "set-up")
# and also stand before or after them on their own.
_HYPHEN_PARTICLES = PARTICLES | frozenset(["back", "to", "at", "of", "and", "a"])


def _hyphen_double(words: list[str]) -> bool:
    """A word beside a hyphenated word that ends or starts with it ("ex-senior senior",
    "five five-year"): the pre-scan's words keep hyphenated words whole."""
    for i, word in enumerate(words):
        if "-" in word:
            if i and words[i - 1] == word.partition("-")[0]:
                return True
            if i + 1 < len(words) and words[i + 1] == word.rpartition("-")[2]:
                return True
    return False


def _doubled(text: str, m: regex.Match, floor: int, alone: _AloneWords) -> bool:
    a, b = m.group(1), m.group(2)
    if m.start(1) > 0 and text[m.start(1) - 1] == "-":
        # the end of a hyphenated word typed again: "two ex-senior senior executives";
        # not a particle ("a break-in in 1999")
        return a.islower() and b.islower() and a not in _HYPHEN_PARTICLES
    if not b.islower():
        return _capital_double(text, m, floor, alone)
    low = a.lower()
    if low in LEGITIMATE and not _slip_despite(text, m, low):
        return False
    if len(low) <= _FOREIGN_MAX and low not in common_words() and low not in frequent_words():
        return False  # "pork bao bao", "mahi mahi": a word from another language, doubled
    verb = _previous_word(text, m.start(1)) if low in PARTICLES else ""
    if low == "for":
        if _TIME_AFTER.match(text, m.end(2), None, HOLD_GIL) and (
            verb in _FOR_VERBS or _STRANDING.search(text, max(0, m.start(1) - 60), m.start(1))
        ):
            return False  # "waiting for for years"; "called for for a", "rate for for 40 years"
    elif verb in _PARTICLE_VERBS and (low != "about" or verb in _ABOUT_VERBS):
        return False  # "carry on on Monday"; "take about about 18 months" is a slip
    after = m.end(2)
    if after < len(text) and text[after] == "-" and a.islower():
        # "the home secretary's five five-year blueprint"; not "dissipated in in-fighting",
        # nor a count of compounds: "two two-car units", "three three-bedroom flats"
        if low in _COUNT_WORDS and _PLURAL_AFTER_COMPOUND.match(text, after):
            return False
        return low not in _HYPHEN_PARTICLES
    if after < len(text) and text[after] in _JOINERS:
        return False  # "Boutros Boutros-Ghali": the second word goes on
    # "May may", "Bush bush": a capitalised first word mid-sentence is a name.
    return not (a[0].isupper() and not at_sentence_start(text, m.start(1), floor))


# Words that are never a name, so never doubled on purpose when both are capitalised
# at a sentence start ("But But Mr Brown's adviser"; "The The rapid developments", but
# "The The played…" is the band).
_NEVER_NAMES = frozenset(
    """the a an in on at of for to from with by as but and or if it he she they we you
    this that these those there their his her its our some many most when while after
    before although because since""".split()
)


_LOWER_OR_DIGIT = regexcache.compile(r"[ \t\u00a0]{1,20}[\p{Ll}\d]")
_HONORIFIC = regexcache.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?[ ]$")


def _capital_double(text: str, m: regex.Match, floor: int, alone: _AloneWords) -> bool:
    """A capitalised word typed twice where no doubled name can be: a function word or
    an ordinary word opening a sentence ("But But Mr", "Earnings Earnings at"), a name
    after an honorific ("Mr Brown Brown"), a title or a place ("Sir Sir", "Britain
    Britain"), a name or acronym the story also writes alone ("Menatep Menatep
    Group" beside "Menatep said", "The CBI CBI said"): a name that is doubled ("Duran
    Duran", "Boutros Boutros-Ghali") is never written alone; or an acronym anywhere
    ("AFP AFP, AP, dpa"), since no acronym is a doubled name."""
    a, b = m.group(1), m.group(2)
    if a != b:
        return False
    after = m.end(2)
    opens = at_sentence_start(text, m.start(1), floor)
    low = b.lower()
    if after < len(text) and text[after] in _JOINERS:
        # "Boutros Boutros-Ghali", "Walla Walla's"; but a pronoun goes on into its
        # contraction ("We We're looking"), and a name written alone elsewhere into
        # its possessive ("improving India India's roads" beside "India has")
        if text[after] == "-":
            return False
        if low in _NEVER_NAMES and b.istitle():
            return opens
        return not opens and _named_alone(b, low, alone)
    if b in calendar_words() and _DIGIT_AFTER.match(text, after) is not None:
        return True  # "in May May 2004", "December December 2003"
    if len(b) >= 6 and b in vocab().weekdays:
        return True  # "the club said on Tuesday Tuesday": no name doubles a weekday
    if not opens and _inside_name(text, m):
        return True  # "the Office of Fair Trading Trading", "Linda Thomsen Thomsen"
    if b.istitle() and low in _NEVER_NAMES:
        if low != "the":
            return opens  # "But But Mr Brown's adviser": no title opens so
        return opens and _LOWER_OR_DIGIT.match(text, after) is not None  # not the band
    if _HONORIFIC.search(text, max(0, m.start(1) - 6), m.start(1)) is not None:
        return True  # "Mr Brown Brown said"
    titles, places = word_set("names_titles"), word_set("names_places")
    if low in titles or (low in places and f"{low} {low}" not in places):
        return True  # "Sir Sir Alan Budd", "between governments and Britain Britain"
    if not opens and _named_alone(b, low, alone):
        return True
    if b.isupper() and len(b) > 1 and low not in common_words() and low not in LEGITIMATE:
        return True  # "AFP AFP, AP, dpa": no acronym is a name's double ("NO NO" is a word)
    # "Earnings Earnings at Barclays rose": an ordinary word opening a sentence, before
    # a lower-case word or a figure; an adverb before anything ("Approximately
    # Approximately 1.1m", "Separately Separately Mr Blair")
    return (
        opens
        and b.istitle()
        and low in common_words()
        and low not in LEGITIMATE  # "Bye Bye", "No No"
        and (low.endswith("ly") or _LOWER_OR_DIGIT.match(text, after) is not None)
    )


def _named_alone(b: str, low: str, alone: _AloneWords) -> bool:
    """A name or acronym, no ordinary word ("Ice Ice Baby": a title; "US US": no) nor
    given name ("Abdullah Abdullah"), that the story also writes alone."""
    return (
        (b.isupper() or low not in common_words())
        and low not in word_set("names_first")
        and b in alone
    )


_DIGIT_AFTER = regexcache.compile(r"[ \t\u00a0]{1,3}\d")
# The word before a double, one space away on its line, and its own start.
_NAME_BEFORE = regexcache.compile(
    r"(?:^|(?<=[^\p{L}\p{M}'\u2019\-]))(\p{Lu}[\p{L}\p{M}]{1,30})[ ]$"
)


def _inside_name(text: str, m: regex.Match) -> bool:
    """A double after a capitalised word of the same name: an ordinary word of four
    letters or more ("Human Rights Rights", "Welsh Liberal Liberal Democrat") or a
    surname after a given name ("Linda Thomsen Thomsen").  Doubled names and titles
    stand alone ("the band Talk Talk", "hit Ice Ice Baby") or are made of short
    syllables ("Koh Phi Phi", "Sha La La"), and a given name may be doubled after a
    title ("Chief Executive Abdullah Abdullah").  Not after a function word ("The Talk
    Talk singer")."""
    low = m.group(2).lower()
    if len(low) < 4 or low in word_set("names_first"):
        return False
    before = _NAME_BEFORE.search(text, max(0, m.start(1) - 32), m.start(1))
    if before is None or before.group(1).lower() in _NEVER_NAMES:
        return False
    return low in common_words() or before.group(1).lower() in word_set("names_first")


class _AloneWords:
    """The capitalised words a story writes somewhere not beside themselves ("Menatep
    holds", not "Menatep Menatep"), read in one pass over the text when first asked:
    a scan per doubled word would be quadratic on "January January January…"."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = _alone_words(self._text)
        return word in self._words


_TOKEN = regexcache.compile(r"[\p{L}\p{M}\p{N}]{1,100}")
_BLANKS = regexcache.compile(r"[ \t\u00a0]{1,20}")


def _alone_words(text: str) -> set[str]:
    """Capitalised words with an occurrence whose neighbours (across blanks) differ."""
    out: set[str] = set()
    prev, prev_end, prev_paired = "", -1, False  # the last word, and whether it was
    for m in _TOKEN.finditer(text, 0, None, False, HOLD_GIL):  # beside its own twin
        word = m.group()
        paired = word == prev and _BLANKS.fullmatch(text, prev_end, m.start()) is not None
        if prev and not prev_paired and not paired and prev[0].isupper():
            out.add(prev)
        prev, prev_end, prev_paired = word, m.end(), paired
    if prev and not prev_paired and prev[0].isupper():
        out.add(prev)
    return out


# "for" is stranded before a "for" of time, after a verb that takes it or in a clause
# opened by a relative word ("the moment I have been waiting for for years", "what I've
# been working so hard for for the last two years"); not before another "for" phrase
# ("called for for a peaceful resolution", "could fall for for the next generation") nor
# after a noun ("the lowest mortgage rate for for 40 years")
_FOR_VERBS = frozenset(
    """wait waits waited waiting ask asks asked asking hope hoped hoping vote voted voting
    pay paid paying account accounted apply applied search searched searching care cared
    look looked looking call called calling""".split()
)
_STRANDING = regexcache.compile(r"(?i)\b(?:what|which|whom|who|that|moment)\b[^.;:!?,]{1,60}$")
_TIME_AFTER = regexcache.compile(
    r"(?i)(?:[ \t]{1,3}(?:a|an|the|some|many|several|last|past|next|few|more|than|over|"
    r"nearly|almost|about|at|least|\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty|hundred|hundreds|so|too|very|long|good)){0,4}[ \t]{1,3}"
    r"(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|centuries|century|while|"
    r"ages|long|ever|generations)\b"
)
_ABOUT_VERBS = frozenset(
    "bring brings brought bringing come comes came coming set sets setting go goes went going".split()
)


def _slip_despite(text: str, m: regex.Match, low: str) -> bool:
    """A double that is legitimate elsewhere but not here."""
    if low in ("that", "had"):
        # "said that that was final", "had had enough"; but "claimed that that the
        # police", "firms that that have been", "had had been right"
        nxt = _AFTER_WORD.match(text, m.end(2), None, HOLD_GIL)
        follows = _AFTER_THAT if low == "that" else _AFTER_HAD
        return nxt is not None and nxt.group(1).lower() in follows
    if low == "much":  # "much much more", but "there was much much forced smiling"
        nxt = _AFTER_WORD.match(text, m.end(2), None, HOLD_GIL)
        return nxt is not None and not _comparative(nxt.group(1).lower())
    if low == "will":  # "his will will be read", but "the effort will will require"
        return _previous_word(text, m.start(1)) not in _NOUN_MARKERS
    if low in ("is", "was", "do", "does", "did"):  # "what it was was", "what they do do"
        line = text[max(0, m.start(1) - 60) : m.start(1)].split("\n")[-1]
        before = {w.strip("\"'\u201c\u2018(,").lower() for w in line.split()}
        return before.isdisjoint(_WH)
    return False


# Words before "will" that make it the noun ("his will will be read").
_NOUN_MARKERS = frozenset(
    "the a his her their my your our its whose political free popular own good ill".split()
)
_COMPARATIVES = frozenset("more less better worse further farther fewer too".split())


def _comparative(word: str) -> bool:
    """ "more", "better", "bigger": what "much much" intensifies."""
    return word in _COMPARATIVES or (word.endswith("er") and len(word) > 4)


def _previous_word(text: str, start: int) -> str:
    """The lower-case word before ``start`` on its line ("" at a line start)."""
    line = text[max(0, start - 40) : start]
    words = line.split("\n")[-1].split()
    return words[-1].strip("\"'\u201c\u2018(").lower() if words else ""
