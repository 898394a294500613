"""comma-ending: a sentence or paragraph that ends in a comma.

## What it does
Flags a body paragraph whose last character is a comma, and a comma inside a
paragraph that ends a sentence: one followed by a capitalised word that only
opens sentences ("He", "The", "However", a number word: "Sixty-two") and then a
lower-case word, as in "indicted in the case, He has pleaded guilty". A word the story also
capitalises mid-sentence is a name ("…up 12.4%, Next said", Next the retailer)
and is left alone, as is "The" opening a title ("In London, The Times said"); but no
title goes on with an honorific or, after "Both", a pair ("…, Under Mr Tellier's
tenure", "…, Both Labour and the Conservatives have").  A role the story writes in
lower case before names ("manager Brian Kerr") opens a sentence when capitalised after
a comma ("…of Switzerland, Manager Brian Kerr and FAI officials met").
So is an ordinary word capitalised after a clause and a comma, before a lower-case
word, that the story writes in lower case elsewhere or that is one of the commonest
English words, and never as a name ("…want more clarity, Patients are saying",
"…like furniture, Higher interest rates…", "…release, Supporters of the open-source
software", "…in seven oblasts, Further attacks followed"), in quoted speech too, and
after an opening
phrase once the main clause has followed it ("In a boost for Mr Bush, the figures come
after a slow summer, Jobs were created…").
Also a comma between a main clause and an attribution that goes on into a clause
of its own ("…needs a streamlined process, Mr Davis said once Britain had opted
in"); not after an introductory phrase or a subordinate clause ("Speaking in
Leeds, Mr Blair said he…", "As his party set out plans, Mr Howard said they…").
And a comma between two main clauses, the second with a capitalised subject and a
finite verb of its own ("…on 31 December, Christian Aid condemned the move",
"…the US car market, Hybrids cut both fuel use"; a name and an apposition too: "…in
recent years, Philip Shaw, chief economist at Investec, said the figures were
weak"), or after a short attribution that closes a quotation ('"…join us," he will
say, Lib Dem president Simon Hughes branded…') or one inverted after a clause ("…make
their date, added the spokesman, REM played…"); after a list too when the subject
is a titled person ("…fraud and witness tampering, Mr Elgindy was convicted"), who
opens sentences, not lists; and wherever the subject after the comma is a name the
sentence before has already written ("Rusedski broke in the ninth game…, Rusedski
had match point"). Left alone: quoted speech, a parenthesis ("Figures showed that,
for 2003, Asians were…"), an opening phrase with no subject of its own ("In his
letter, published Monday, Barnett said…", "On the day she spoke, Amnesty released…"),
a name in apposition to a relative ("…said her son, Marcell Johnson, 20, was…"), a
clause joined by "and", and an attribution that ends the sentence ("…are not racist,
Michael Howard has said", "…, Mr Evans said on Tuesday", "…, she added later"); a
series of clauses whose last is joined by "and" ("General Accident fell 21p, Royal
Insurance dropped 18p and Prudential fell 9p", "…, Pixies will follow on Saturday and the
Foo Fighters will close", its last verb perhaps left out: "…will voice a sheep and Steve
Buscemi a rat"); a participle heads no clause ("…, No Doubt singer Gwen Stefani being
lowered"); "One of …" with no auxiliary is a phrase in apposition ("One of 10 people
killed in the collision, France's Florence Arthaud has…"); a town and its state name
what follows ("the Ferguson, Missouri, Police Department"); a list of capitalised
words is part of a title ("the Water Quality, Supply, and Infrastructure Act"), and so
is a connective between words in title case ("…for Boarding Planes, But Airlines Aren't
Using It"); "The" and a name after a prepositional opening ("In a sign that blogs
matter, The Tsunami Blog is…") is the main clause's subject; a title in title case
("…fund-raising single, We Are The World", "…, It's Now or Never at number 27"); an
inverted attribution ("Instead, said Mr Doctorow, DRM systems were…"); a spaced hyphen
is a dash ("…after such annoyances - but luckily, Half-Life 2 is…"); an
attribution that goes on is a clause ("…, Mr Evans said Welsh firms were catching up",
"…, Argentina claimed top spot").  Also left alone: a phrase or a list after a colon
("…a sensitive area: in June last year, ISIS massacred…"), a copula still waiting for
its complement ("The thing is, Beck-Sickinger says…"), a subordinate clause opened
after "so" or "and" ("…, so each time the call ended, Cornell called back"), opening
phrases with "Given" or "Along with", "The" opening a name after a one-word opener
("Afterward, The Salvation Army started…"), an apposition followed by "according to",
and a wire's label before the first sentence ("(CNN)From … to …, London's Fourth Plinth
has…").
Last, a person's title written short with a comma for its full stop, before a name
("But Sen, Jake Garn said…", "Adm, John Poindexter"): only abbreviations that are no
English word ("Sen", "Adm", "Dr", "Mr"…), never "rep" or "Gen".

## Why is this bad?
A paragraph ending in a comma is almost always a sentence cut short in editing, or
a full stop mistyped: the reader is left waiting for the rest of the sentence.

Not flagged: list items ("- apples,"), and a paragraph whose next one starts with a
lower-case letter (a line break inside a sentence, not an ending); "I" after a comma.

## Example
```
The government set new fuel price limits for six months,
```

Sentence ending in a comma:
```
Sullivan was indicted in the case, He has pleaded guilty.
```

## Use instead
```
The government set new fuel price limits for six months.
Sullivan was indicted in the case. He has pleaded guilty.
```
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

import regex

from kzaudit import regexcache
from kzaudit.extract.dates import calendar_words, vocab
from kzaudit.extract.entities import common_words, load_words, word_set
from kzaudit.model import Document, Finding, Span
from kzaudit.rules._frequent import frequent_words
from kzaudit.rules._mechanics import (
    NEVER_NAMES,
    is_list_item,
    last_line,
    paragraph_starts_lower,
    whole_word_starts,
)
from kzaudit.rules.base import RuleContext

ID = "comma-ending"
GROUP = "mechanics"
SEVERITY = "warning"
SUMMARY = "A sentence or paragraph that ends in a comma instead of a full stop"
SUGGESTION = "replace the final comma with a full stop"

# Capitalised, these words open sentences; after a comma they mean a full stop was
# typed as a comma (or a capital in error).  Closed-class words and a few plural
# nouns that open reports ("Analysts said"): never names by themselves.
SENTENCE_OPENERS = frozenset(
    ["He", "She", "It", "They", "We", "The", "This", "These", "Those", "There", "But",
     "However", "His", "Her", "Their", "Its", "Our", "A", "An", "In", "On", "At", "After",
     "Before", "When", "While", "If", "As", "Some", "Many", "Most", "Both", "All", "And",
     "So", "Yet", "That", "What", "Such", "Since", "Although", "Despite", "Instead",
     "Meanwhile", "Earlier", "Later", "Afterwards", "Now", "Then", "Also", "Another",
     "For", "Under", "Again", "Equally", "Likewise", "Otherwise", "Besides", "Currently",
     "Altogether", "Additionally", "Thus", "Therefore",
     "Among", "During", "With", "According", "More", "Other", "Last", "Possibly", "Perhaps",
     "Indeed", "Nevertheless", "Nonetheless", "Moreover", "Furthermore", "Already",
     "Overall", "Separately", "Elsewhere", "Similarly", "Previously", "Recently",
     "Analysts", "Shares", "Sales", "Officials", "Police", "Experts", "Critics",
     "Ministers", "Researchers", "You", "Several", "Each", "Every", "Following", "Because",
     "Unless", "Until", "Whether", "Once", "Though", "Whereas", "Without", "Within",
     "Throughout", "Unlike", "Amid", "Speaking", "Having",
     "Of", "By", "No", "Nobody", "None", "Nothing", "Everyone", "Everybody", "Neither",
     "Few", "Asked", "Here", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
     "Nine", "Ten", "Dozens", "Hundreds", "Thousands", "About", "Nearly", "Almost",
     "Around", "Roughly", "Only", "Just", "Even", "Where", "Why", "How", "Who", "Which",
     "Founded", "Based", "Born", "Located",
     # pronouns and adverbs that are never names ("…to say, Nothing has been agreed")
     "Everything", "Someone", "Somebody", "Anyone", "Anything", "Hopefully", "Ours", "Theirs",
     "Unfortunately", "Obviously", "Clearly", "Sometimes", "Maybe", "No-one",
     # an infinitive opening a sentence ("…, To find out how they would react, the")
     "To",
     # determiners of a plural subject ("…before President Bush, Certain broadcasters")
     "Certain", "Various", "Numerous", "Fewer"]
)  # fmt: skip
# Plural nouns that open reports ("…early, Residents said they"); they also open
# organisations' names ("…, Investors in People UK and"), so not before a preposition
# and a capitalised word.
NOUN_OPENERS = frozenset(
    ["Residents", "Prosecutors", "Investigators", "Witnesses", "Doctors", "Protesters",
     "Authorities", "Rescuers", "Firefighters", "Lawmakers", "Economists", "Scientists",
     "Schools", "Hospitals", "Investors", "Farmers", "Workers", "Soldiers", "Troops",
     "Villagers", "Families", "Parents", "Students", "Voters", "Survivors", "Passengers",
     "Prices", "Talks", "Negotiators", "Diplomats", "Activists", "Shops", "Businesses",
     "Flights", "Roads", "Markets", "Stocks"]
)  # fmt: skip
# Number words past ten, alone or joined ("Sixty-two people are in intensive care"):
# never names, and they open sentences that would begin with a figure.
_TENS = ("Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER_OPENERS = frozenset(
    ["Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
     "Eighteen", "Nineteen", *_TENS, *(f"{t}-{u}" for t in _TENS for u in _UNITS)]
)  # fmt: skip
SENTENCE_OPENERS = SENTENCE_OPENERS | NOUN_OPENERS | NUMBER_OPENERS
_NAME_AFTER = regexcache.compile(r"[ \t]{1,3}\p{Ll}{1,12}[ \t]{1,3}\p{Lu}")
# Titles of works and newspapers can open with these ("In London, The Times said",
# "the manifesto, In Place of Strife"): only flagged before a lower-case word, a
# number or a day or month name ("…expected, The company said", "…deal, On Friday").
_ARTICLES = frozenset(["The", "A", "An"])
TITLE_OPENERS = frozenset(
    ["The", "A", "An", "This", "These", "Those", "His", "Her", "Our", "Some",
     "Many", "Most", "Both", "All", "Another", "Other", "Such", "What", "That", "In", "On",
     "At", "For", "Under", "Among", "During", "With", "After", "Before", "Since", "According",
     "Despite", "More", "Last",
     # plural nouns that also open names: "…, Police Scotland said"
     "Analysts", "Shares", "Sales", "Officials", "Police", "Experts", "Critics", "Ministers",
     "Researchers", "Of", "By", "No", "None", "Nothing", "Few", "Neither", "Here", "One", "Two",
     "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Dozens", "Hundreds",
     "Thousands", "About", "Nearly", "Almost", "Around", "Roughly", "Only", "Just", "Even",
     "Where", "Why", "How", "Who", "Which", "Founded", "Based", "Born", "Located", "To",
     "Certain", "Various", "Numerous", "Fewer",  # "Various Artists"
     *NOUN_OPENERS, *NUMBER_OPENERS]
)  # fmt: skip


@cache
def _splice() -> regex.Pattern[str]:
    """A comma, a capitalised word and what follows it: a lower-case word, a number or
    a day or month name ("May" is left out: it is also a verb), or another name."""
    v = vocab()
    calendar = "|".join([*v.weekday_names, *(m for m in v.month_names[1:] if m != "May")])
    return regexcache.compile(
        r"(?<=[\p{L}\p{N}%)\"'\u201d\u2019]),[ \t]{1,3}"
        rf"(\p{{Lu}}\p{{Ll}}{{0,11}}(?:-(?:{'|'.join(_UNITS)}))?)\b(?![\-])"
        r"(?:['\u2019](?:ll|re|ve|d|s|m)\b)?"  # "We'll", "It's"
        rf"(?:[ \t]{{1,3}}(?:(\p{{Ll}})|(\d|(?:{calendar})\b)|(\p{{Lu}}[\p{{L}}\-]{{0,30}})))?"
    )


# A list of capitalised words inside a name or title: a capitalised word before the
# comma, and ", and" with another after ("the Water Quality, Supply, and Infrastructure
# Improvement Act").
_TITLE_LIST_AFTER = regexcache.compile(r",?[ \t]{1,3}(?:and|or|&)[ \t]{1,3}\p{Lu}")
_TITLE_WORD_BEFORE = regexcache.compile(r"\b\p{Lu}[\p{L}\-]{0,30}$")

_MID_SENTENCE = regexcache.compile(r"(?<=[\p{Ll},;][ \t]{1,3})(\p{Lu}\p{Ll}{0,9})\b")


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    _phrase_starts.cache_clear()  # one story's phrases at a time: a batch holds no old texts
    reported: set[int] = set()
    for finding in itertools.chain(_paragraph_endings(doc, ctx), _sentence_endings(doc, ctx)):
        reported.add(finding.span.start)
        yield finding
    for finding in _title_commas(doc, ctx):
        if finding.span.start not in reported:  # one finding a comma
            yield finding


# A person's title written short, then a comma and a name: "Sen, Jake Garn", "Adm, John
# Poindexter" -- the abbreviation's full stop typed as a comma (never an apposition: a
# title is read with the name after it).  Only abbreviations that are no English word.
_TITLE_COMMA = regexcache.compile(
    r"(?<![\p{L}.&])(Sen|Rep|Gov|Adm|Lt|Col|Capt|Sgt|Maj|Cmdr|Dr|Prof|Rev|Mr|Mrs|Ms|Messrs)"
    r",[ \t]{1,3}\p{Lu}\p{Ll}{1,20}\b"
)


def _title_commas(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "Sen, Jake Garn": the comma a title's full stop became."""
    for m in _TITLE_COMMA.finditer(doc.text):
        at = m.end(1)
        yield ctx.finding(
            doc,
            Span(at, at + 1),
            f'a comma after the title "{m.group(1)}", before a name: its full stop typed as '
            "a comma",
            f'write "{m.group(1)}." (or "{m.group(1)}" with no stop, in house styles without one)',
        )


def _sentence_endings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "…in the case, He has pleaded": a full stop typed as a comma mid-paragraph."""
    text = doc.text
    flagged: set[int] = set()
    mid_sentence: Counter[str] | None = None
    for m in _splice().finditer(text):
        word = m.group(1)
        listed = word in SENTENCE_OPENERS or _adverb(word)
        if listed and not _opens_sentence(text, m):
            continue
        titled = not listed and _role_before_name(text, m)
        if (
            not listed
            and not titled
            and (
                m.group(2) is None
                or len(word) < _MIN_ORDINARY
                or word.lower() not in common_words()
            )
        ):
            continue  # an ordinary word is read only before a lower-case word
        if word in NOUN_OPENERS and _NAME_AFTER.match(text, m.end(1)):
            continue  # "…, Investors in People UK": an organisation's name
        if _TITLE_LIST_AFTER.match(text, m.end(1)) and _TITLE_WORD_BEFORE.search(
            text, max(0, m.start() - 32), m.start()
        ):
            continue  # "the Water Quality, Supply, and Infrastructure Act": a title's list
        if word in _ARTICLES and m.group(4) and _one_word_before(doc, m.start()):
            continue  # "Afterward, The Salvation Army started…": an opening adverb, a name
        if (
            word in _ARTICLES
            and m.group(4)
            and _opening_before_name(text, _sentence_start(doc, m.start()))
        ):
            continue  # "If the dams are completed on time, The World Bank estimates…", "In a
            # sign that blogs matter, The Tsunami Blog is…": a name after the opening
        if mid_sentence is None:
            mid_sentence = Counter(
                c.group(1) for c in _MID_SENTENCE.finditer(text) if not _ends_a_name(text, c)
            )
        if (
            mid_sentence[word] > 1
            and word not in NEVER_NAMES
            and not (word in _ARTICLES and m.group(2))
        ):
            continue  # this comma is one; "Its Next Directory" makes it a name (but a
            # title elsewhere, "in The Stock Exchange", makes none of "…, The size and")
        if not listed and not titled and not _ordinary_capitalised(doc, m):
            continue
        if (
            word not in _SENTENCE_CONNECTIVES  # "…, But Age Concern argued"
            and (word not in TITLE_OPENERS or m.group(4) is None)
            and _title_follows(text, m.end(1), mid_sentence)
        ):  # (``_opens_sentence`` has read a title opener before a capitalised word)
            continue  # "…fund-raising single, We Are The World.": a title in title case
        if _TITLE_CASE_BEFORE.search(text, max(0, m.start() - 80), m.start()) and _title_follows(
            text, m.end(1), mid_sentence
        ):
            continue  # a headline in title case: "…Method for Boarding Planes, But Airlines
            # Aren't Using It"
        flagged.add(m.start())
        yield ctx.finding(
            doc,
            Span(m.start(), m.start() + 1),
            f'a comma before "{word}", which starts a new sentence: a full stop typed as a '
            "comma, or a capital in error",
            f'replace the comma with a full stop (or write "{word.lower()}")',
        )
    masked: str | None = None
    for comma in _CLAUSE_START.finditer(text):
        at = comma.start()
        if at in flagged:
            continue
        if masked is None:
            masked = _without_date_commas(doc)
        reason = _second_clause(doc, at, masked)
        if reason:
            word = comma.group(1)
            opener = _ADVERB_OPENING.search(text, max(0, at - 20), at)
            if opener is not None:  # "…on its debt, Today, Citicorp said its…"
                at, word = opener.start(), opener.group(1)
                if at in flagged:
                    continue
            yield ctx.finding(
                doc,
                Span(at, at + 1),
                f'a comma joins two sentences before "{word}": the clause before '
                f"it stands alone, and {reason}",
                "replace the comma with a full stop",
            )


# An adverb that opens the second sentence of a splice, between two commas: "…stopped
# paying interest on its debt, Today, Citicorp said its profit would fall": the full
# stop belongs before the adverb.
_ADVERB_OPENING = regexcache.compile(
    r",[ \t]{1,3}(Today|Yesterday|Tomorrow|Meanwhile|However|Now|Earlier|Later|Separately"
    r"|Instead|Still|Also|Overall|Elsewhere|Previously|Recently|Nevertheless|Nonetheless"
    r"|Moreover|Furthermore|Additionally|Besides|Indeed|Similarly|Likewise|Otherwise|Thus"
    r"|Therefore|Afterwards|Afterward|Then)$"
)


# Title case after the opener: a capitalised English word, after at most two short
# function words, and another capitalised word after it ("It's Now or Never", "How to
# Dismantle an Atomic Bomb", "On the Transmigration of Souls").
_TITLE_LINK = r"(?:[ \t]{1,3}(?:the|a|an|of|in|on|to|for|and|or|is|at|by|with|from|my|your|our|it))"
_TITLE_RUN = regexcache.compile(
    rf"(?:['\u2019]s)?{_TITLE_LINK}{{0,2}}[ \t]{{1,3}}(\p{{Lu}}\p{{Ll}}{{1,20}})\b"
    rf"{_TITLE_LINK}{{0,2}}[ \t]{{1,3}}\p{{Lu}}"
)


def _title_follows(text: str, pos: int, mid_sentence: Counter[str]) -> bool:
    """The words from ``pos`` read as the rest of a title in title case: the first
    capitalised word is an English word (not a month or weekday: "…, In March the") that
    the story does not write capitalised elsewhere as a name ("…, After Labour won")."""
    run = _TITLE_RUN.match(text, pos)
    if run is None:
        return False
    word = run.group(1)
    return (
        word.lower() in common_words()
        and word not in calendar_words()
        # a short word right after the opener may recur in other titles ("Everything In
        # This Country Must"); not after "the" ("…, At the St Enoch's Centre in")
        and (
            mid_sentence[word] <= 1
            or (len(word) < _MIN_ORDINARY and not text[pos : run.start(1)].strip())
        )
    )


# A sentence opening with a prepositional phrase: what follows its comma is the main
# clause, whose subject may be a name with "The" ("In a sign that…, The … Blog is")
_PREPOSITION_OPENING = regexcache.compile(
    r"(?:In|On|At|With|After|Before|During|For|Under|Despite|Since|Amid|Among|Following)[ \t]"
)


def _opening_before_name(text: str, start: int) -> bool:
    """The sentence at ``start`` opens with a subordinate clause or a prepositional
    phrase: the main clause after its comma may take a name with "The" as subject."""
    return (
        _OPENS_SUBORDINATE.match(text, start) is not None
        or _PREPOSITION_OPENING.match(text, start) is not None
    )


# Four capitalised words (small words between) right before the comma: title case
_TITLE_CASE_BEFORE = regexcache.compile(
    r"(?:\p{Lu}[\p{L}'\u2019\-]{0,30}[ \t](?:(?:a|an|the|of|for|to|in|on|and|or|at|by|with"
    r"|from)[ \t])?){3}\p{Lu}[\p{L}'\u2019\-]{0,30}$"
)
_MIN_ADVERB = 6


def _adverb(word: str) -> bool:
    """An adverb in -ly of an English word ("Suddenly", "Unsurprisingly"): it opens
    sentences and names nothing, unlike "Kelly" or "Italy"."""
    low = word.lower()
    return (
        len(word) >= _MIN_ADVERB
        and low.endswith("ly")
        and low in common_words()
        and low[:-2] in common_words()
    )


# Letters of a capitalised ordinary word read as a sentence's first ("Patients are")
_MIN_ORDINARY = 4
# What joins names in a list or a title ("Reading and Leeds", "Pride and Prejudice")
_NAME_JOINS = frozenset(["and", "or", "of", "nor", "de", "du", "la", "le", "von", "van"])
_NEXT_WORD = regexcache.compile(r"[ \t]{1,3}(\p{Ll}[\p{Ll}'\u2019]{0,30})")


_ROLES = frozenset(
    ["manager", "coach", "chairman", "captain", "striker", "midfielder", "defender",
     "keeper", "goalkeeper", "winger", "skipper", "boss", "spokesman", "spokeswoman"]
)  # fmt: skip


def _role_before_name(text: str, m: regex.Match[str]) -> bool:
    """ "…the visit of Switzerland, Manager Brian Kerr and…": a role the story writes in
    lower case before names ("manager Alex Ferguson"), capitalised after a comma before
    a name: it opens a sentence."""
    word, name = m.group(1), m.group(4)
    low = word.lower()
    if low not in _ROLES or not name or name[0].islower():
        return False
    at = text.find(f"{low} ")
    while at != -1:
        if (at == 0 or not text[at - 1].isalpha()) and text[
            at + len(low) + 1 : at + len(low) + 2
        ].isupper():
            return text.count(f" {word} ") <= 1  # never a title of its own mid-sentence
        at = text.find(f"{low} ", at + 1)
    return False


# "of" and a lower-case phrase after a plural noun: no name goes on so ("Supporters of
# the open-source software"), where one would with a capital ("Friends of the Earth")
_OF_LOWER = regexcache.compile(
    r"[ \t]{1,3}of[ \t]{1,3}(?:(?:the|a|an)[ \t]{1,3})?\p{Ll}[\p{Ll}\-]{2,30}[ \t]{1,3}\p{Ll}"
)


def _ordinary_capitalised(doc: Document, m: regex.Match[str]) -> bool:
    """ "…the patients, Patients are saying": after a clause and a comma, an ordinary
    English word (the caller checks it is one) capitalised that the story writes in lower case elsewhere, or one of
    the commonest words, and never as a name, before a lower-case word: it starts a
    sentence.  Not a given name, place, title or organisation word ("Will", "Bank"),
    nor a word joined to a name ("Reading and") or opening a title ("Paying the
    Price"), nor after a phrase or a list ("Meanwhile, Conservative shadow…", a team
    sheet's "…S Parisse (Italy), Others to be added")."""
    text = doc.text
    word = m.group(1)
    low = word.lower()
    nxt = _NEXT_WORD.match(text, m.end(1))
    if nxt is None:
        return False
    if nxt.group(1) in _NAME_JOINS and not _OF_LOWER.match(text, m.end(1)):
        return False  # "Friends of the Earth", "Reading and"; not "Supporters of the open…"
    if _NAME_AFTER.match(text, m.end(1)) and not _VERB_THEN_NAME.match(text, m.end(1)):
        return False  # a title in title case: "…in a report, Paying the Price." (but a
        # verb makes a clause: "…to seal victory for his team, Victory took Real")
    if low in _name_words() or word in word_set("names_places", False):
        return False
    start = _sentence_start(doc, m.start())
    if _FINITE.search(text, start, m.start()) is None and not _wordy(text[start : m.start()]):
        return False
    if (
        _introductory(text, start, m.start()) or _OPENS_SUBORDINATE.match(text, start) is not None
    ) and not _clause_after_opening(text, start, m.start()):
        return False  # "When it rains in the hills, Smith stays…": the clause comes now
    then = text[nxt.end() : nxt.end() + 40].split()[:1]
    if then and then[0].strip(".,") in _reporting_verbs() and _sentence_ends_soon(text, nxt.end()):
        return False  # "…resigned on Monday, Labour sources said.": an attribution
    if _written_lower(text, low, m.start(1)):
        return True
    # one of the commonest words, never capitalised but at a sentence's start, before
    # a word that is not a verb ("…the housing market, Higher interest rates…"; not
    # "…Gordon Brown…, Brown said", nor a surname used once: "…, Bell could make",
    # "…, Smith stays")
    following = nxt.group(1)
    plural = _plural_noun(low)
    return (
        (plural or low in frequent_words())
        and (plural or _FINITE_NEXT.match(text, m.end(1)) is None)
        and not (
            following.endswith("s")
            and not following.endswith("ss")
            # "Smith stays", but not a plural subject before its verb: "Further attacks
            # followed on Oct. 6"
            and _FINITE_NEXT.match(text, nxt.end()) is None
        )
        and not _capitalised_inside(text, word, m.start(1))
    )


def _plural_noun(low: str) -> bool:
    """A plural of one of the commonest words ("organisers", "studios"): no surname, so
    before a verb it is a subject opening a sentence ("…in Dhaka on Saturday, Organisers
    said 100,000 people took part"), where "Bell could make" may be a name."""
    return (
        len(low) > 4
        and low.endswith("s")
        and not low.endswith("ss")
        and low[:-1] in frequent_words()
        and low[:-1] not in _name_words()
    )


def _clause_after_opening(text: str, start: int, comma: int) -> bool:
    """An opening phrase closed by an earlier comma, then a clause before ``comma``
    ("In a boost for Mr Bush, the figures come after a slow summer of weak jobs gains,
    Jobs were created…"): the main clause has come, so what follows is a new one."""
    prev = text.rfind(",", start, comma)
    if prev < 0 or text[start:prev].strip().lower() in _CONJUNCTIONS:
        return False  # "And, as CNN reported from Chad, Western…": the opening is still open
    stretch = text[prev + 1 : comma]
    return _FINITE.search(text, prev + 1, comma) is not None or _wordy(stretch)


def _capitalised_inside(text: str, word: str, skip: int) -> bool:
    """``word`` (capitalised) appears elsewhere in ``text`` not at a sentence's start."""
    return any(
        at != skip and text[:at].rstrip()[-1:] not in _SENTENCE_OPENING
        for at in whole_word_starts(text, word)
    )


_CAPITALISED_BEFORE = regexcache.compile(r"\b\p{Lu}\p{Ll}{2,30}[ \t]$")
_CAPITAL_NEXT = regexcache.compile(r"[ \t]{1,3}\p{Lu}")


def _ends_a_name(text: str, m: regex.Match[str]) -> bool:
    """The capitalised word matched is an ordinary word that ends a longer name ("the
    Metropolitan Police said"): it makes no name of the word alone, which a sentence
    may still open after a comma ("…come forward, Police believe")."""
    end = m.end(1)
    return (
        _CAPITALISED_BEFORE.search(text, max(0, m.start(1) - 32), m.start(1)) is not None
        and _CAPITAL_NEXT.match(text, end) is None
        and m.group(1).lower() in common_words()
    )


# What ends the text before a sentence's first word: nothing, a full stop, an opening
# quotation mark or a colon.
_SENTENCE_OPENING = ("", ".", "!", "?", '"', "\u201c", "'", "\u2018", ":")


def _wordy(stretch: str) -> bool:
    """Four lower-case words or more: a clause, even with a verb no pattern knows
    ("…figures come after a slow summer of weak jobs gains"), not a phrase or a list of
    names ("Meanwhile", "S Parisse (Italy)")."""
    return sum(1 for w in stretch.split() if w[:1].islower()) >= 4


@cache
def _name_words() -> frozenset[str]:
    """Lower-case words that name people, roles or organisations when capitalised."""
    return word_set("names_first") | word_set("names_titles") | word_set("names_org_words")


def _written_lower(text: str, word: str, skip: int) -> bool:
    """``word`` (lower case) appears as a whole word elsewhere in ``text``."""
    return any(at != skip for at in whole_word_starts(text, word))


# "27-year-old", "777-200LR"; "12,575 cafes", "2004 election" (but "The 39 Steps" is a title)
_NUMBER_COMPOUND = regexcache.compile(r"\d{1,4}-(?:\p{Ll}|\d)|\d[\d,.]{0,15}[ \t]{1,3}\p{Ll}")


def _opens_sentence(text: str, m: regex.Match[str]) -> bool:
    """A sentence opener after a comma ("…the case, He has") that does not start a
    title ("In London, The Times said")."""
    word = m.group(1)
    # "The company", "On Friday", "In 2004", "The 27-year-old"; but "The Sunday
    # Telegraph" and "The 39 Steps" are names
    plain_next = m.group(2) or (
        m.group(3) if word not in _ARTICLES or _NUMBER_COMPOUND.match(text, m.start(3)) else None
    )
    if word not in TITLE_OPENERS or plain_next:
        return True
    # "The Bank remains", "In London": not a title when the story also writes "the
    # Bank", "in London" in lower case; "The German carmaker is" is no title
    name = m.group(4)
    return bool(name) and bool(
        (word not in _ARTICLES and name in _TITLES)  # ", Under Mr Tellier's tenure"
        or (word == "Both" and _AND_NEXT.match(text, m.end(4)))  # ", Both Labour and the"
        or _lower_elsewhere(text, word, name, m.start())
        or _article_then_clause(text, m)
        or _INTRO_PHRASE.match(text, m.start())  # "…fell 1.7%, In London, Corus fell"
    )


_AND_NEXT = regexcache.compile(r"(?:['\u2019]s)?[ \t]{1,3}and[ \t]")


# A comma and a capitalised word: where a second clause may start.
_CLAUSE_START = regexcache.compile(r",[ \t]{1,3}(\p{Lu}[\p{L}\-'\u2019]{0,30})")


# Kin and companions, before the name of one in apposition: "her son, Marcell Johnson, 20,"
_KIN = (
    "son|daughter|wife|husband|mother|father|brother|sister|partner|friend|boyfriend"
    "|girlfriend|fiancee?|widow|widower|cousin|uncle|aunt|grandmother|grandfather|nephew"
    "|niece|colleague|mentor|neighbou?r"
)
# "…31 December, Christian Aid condemned the move": after a main clause, a comma and
# a second clause with its own subject (capitalised words) and finite verb.
_LOWER_TITLES = (
    "president|chairman|chairwoman|leader|spokesman|spokeswoman|secretary|minister"
    "|director|executive|chief|general|governor|analyst|economist|boss|founder|lawyer"
    "|campaigner|correspondent|editor|members?|officials?|adviser|manager|head|owner"
    "|captain|commander|coach|pilot|mayor|ambassador|envoy|prosecutor|judge|principal"
    "|inspector|superintendent"
)
_PAST_IRREGULAR = (
    "took|bought|sold|made|gave|got|became|began|came|went|saw|paid|held|kept|led|met|ran"
    "|rose|fell|spent|sent|brought|thought|found|grew|built|struck|quit|drew|chose|fought"
    "|stood|sought|knew|threw|wore"
)
# More past forms, read only as the verb right after a subject ("…, Mr Bradshaw felt
# that"): in the clause before a comma they also head relative clauses ("In the letters
# he wrote home, Bergdahl showed…"), which would make that clause look like a main one
_PAST_AFTER_SUBJECT = (
    f"{_PAST_IRREGULAR}|felt|heard|wrote|spoke|meant|taught|caught|understood|drove|flew"
    "|fled|forgot|sang|shook|swore|stole|slept|withdrew|upheld|overtook|hid|rode|woke|sat"
    "|dealt|froze|swept|tore|shot|sank|blew|bore|rang|dug|fed|hung|laid|lent|lit|slid|spun"
    "|sprang|swam|swung|wept|forgave|forbade|arose|awoke"
)
# Past forms that are also common nouns or adjectives ("a tax cut", "the left"): read
# as verbs only right after a subject
_PAST_AMBIGUOUS = "cut|set|put|hit|left|lost|shut|beat|broke|won"
# What follows a clause's verb: a word, a figure or quote, or a colon
_NEXT = r"[ \t]{1,3}(?P<next>\p{L}[\p{L}'\u2019\-]{0,30}|\d|[\"\u201c'\u2018\u00a3$])|(?P<colon>:)"
_INITIALS = r"\p{Lu}\.(?:\p{Lu}\.){0,4}"  # "The U.S. has", "Antony J. Blinken said"
_NAME_WORD = r"\p{Lu}(?:['\u2019]\p{Lu})?[\p{L}\-]{0,30}"  # "Smith", "O'Connor"
_TITLE_PREFIX = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?[ \t]{1,3})?"
_SUBJECT = (
    rf",[ \t]{{1,3}}(?P<subject>{_TITLE_PREFIX}"
    rf"{_NAME_WORD}"
    rf"(?:[ \t]{{1,3}}(?:(?:of|for)[ \t]{{1,3}}(?={_NAME_WORD}))?"  # "Central Bank of Sri Lanka"
    rf"(?:{_NAME_WORD}|{_INITIALS}|(?:\p{{Ll}}{{2,12}}[ \t]{{1,3}}){{0,2}}"
    rf"(?:{_LOWER_TITLES})\b)){{0,5}}(?:['\u2019]s(?:[ \t]{{1,3}}\p{{Ll}}{{3,20}}){{0,3}})?"
    r"(?:[ \t]{1,3}\(\p{Lu}{2,10}\))?)"  # "The India Meteorological Department (IMD) has"
    r"[ \t]{1,3}"
)
# An adverb, then the clause's finite verb and what follows it
_CLAUSE_VERB = (
    r"(?:(?:also|now|already|recently|still|later|then|\p{Ll}{2,12}ly)[ \t]{1,3})?"
    r"(?P<verb>said|says|say|told|knows|thinks|believes|has|have|had|is|are|was|were|will"
    r"|would|could|can|must|should|did|does"
    rf"|{_PAST_AFTER_SUBJECT}|{_PAST_AMBIGUOUS}|\p{{Ll}}{{2,20}}ed"
    r"|\p{Ll}{2,20}[^s\P{Ll}]s(?=[ \t]{1,3}(?:it|its|the|that|a|an|he|she|they|to|his|her|their)\b)"
    # a present tense after a name: "…, Juninho wants assurances"; not a plural noun
    # in a list or before its own verb ("…, Chelsea fans and players", "…, Taliban
    # authorities said")
    r"|(?<=[ \t]\p{Lu}\p{Ll}{2,30}[ \t]{1,3})\p{Ll}{2,20}[^s\P{Ll}]s"
    r"(?=[ \t]{1,3}(?!(?:and|or|of|in|said|says|say|told|is|are|was|were|has|have|had"
    r"|will|would|could|can|should|must|may|might|did|do|does|\p{Ll}{2,20}ed)\b)\p{Ll}))\b"
    rf"(?:{_NEXT})"
)
_CLAUSE_AFTER = regexcache.compile(_SUBJECT + _CLAUSE_VERB)
# A role after a determiner or possessive, right before the comma: the name after it is
# in apposition ("its chairman, Sen Lawton Chiles, said").
_ROLE_BEFORE = regexcache.compile(
    r"(?:\b(?:its|his|her|their|the|our|a|an)|\p{Lu}\p{Ll}{1,20}['\u2019]s)[ \t]{1,3}"
    rf"(?:\p{{Ll}}{{2,15}}(?:['\u2019]s)?[ \t]{{1,3}})?(?:{_LOWER_TITLES}|{_KIN})$"
)  # "its chairman,", "the ferry's captain,"
# A series' subject: "Festen's Rufus Norris", "the Foo Fighters", "T-Mobile and O2",
# "Spider-Man 2"
_SERIES_NAME = r"\p{Lu}(?:['\u2019]\p{Lu})?[\p{L}\d\-]{0,30}(?:['\u2019]s?)?"
_SERIES_SUBJECT = (
    rf"(?:the[ \t]{{1,3}})?{_TITLE_PREFIX}{_SERIES_NAME}"
    rf"(?:[ \t]{{1,3}}(?:{_SERIES_NAME}|{_INITIALS}|\d{{1,4}}|and|of|&)){{0,6}}[ \t]{{1,3}}"
)
# The last clause of a series: "… and Smith said", "…, and Denmark's Kenneth Carlsen beat"
# or one whose verb is left out, as the clause before it has it ("Oprah Winfrey will
# voice a goose, John Cleese will voice a sheep and Steve Buscemi a rat")
_AND_CLAUSE = regexcache.compile(
    r",?[ \t]and[ \t]{1,3}" + _SERIES_SUBJECT + rf"(?:{_CLAUSE_VERB}|(?:a|an|the)[ \t])"
)
# A clause that opens its segment: "General Accident fell…", "while Cadillac was down…",
# "The 3 network launched…"
_LEAD_CLAUSE = regexcache.compile(
    r"(?:(?:while|whilst|whereas|and|but)[ \t]{1,3})?(?:"
    + _SUBJECT.removeprefix(r",[ \t]{1,3}")
    + rf"|{_SERIES_SUBJECT}(?:\p{{Ll}}{{2,15}}[ \t]{{1,3}})?)"
    + _CLAUSE_VERB
)
# "…a slower pace than in recent years, Philip Shaw, chief economist at Investec, said
# the…": a name, a phrase in apposition between commas, then the verb.  Not a clause
# between the commas ("…in Houston, Texas, where Yukos had filed…"), but a relative
# one ("Mr Khodorkovsky, who had funded…, was")
_APPOSED_CLAUSE_AFTER = regexcache.compile(
    rf",[ \t]{{1,3}}(?P<subject>{_TITLE_PREFIX}{_NAME_WORD}(?:['\u2019]s?)?"
    # "Former minister Clare Short", "President Bush's government", "Tate & Lyle"
    rf"(?:[ \t]{{1,3}}(?:{_NAME_WORD}(?:['\u2019]s?)?|&|\p{{Ll}}{{2,15}})){{0,4}}),"
    r"[ \t]{1,3}(?!(?:where|when|if|as|because|while|although|though|since|until|after"
    r"|before|unless|whereas|and|but|or|nor|so|yet|that|then)\b)"
    r"(?P<appos>[^,;:.!?\"\u201c\u201d\n]{1,100}),[ \t]{1,3}" + _CLAUSE_VERB
)
# Names joined by "and"/"or" between the commas: a list ("…including Hong Kong, South
# Korea, Singapore and Taiwan, fell"), not a phrase in apposition
_NAME_LIST = regexcache.compile(
    rf"{_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD}){{0,3}}"
    rf"(?:[ \t]{{1,3}}(?:and|or)[ \t]{{1,3}}{_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD}){{0,3}})?"
)
# "…in the last decade, Eurozone interest rates are at 2%": a capitalised noun phrase
# and an auxiliary
_NOUN_CLAUSE_AFTER = regexcache.compile(
    r",[ \t]{1,3}(?P<subject>\p{Lu}[\p{L}\-'\u2019]{0,30}"
    r"(?:[ \t]{1,3}[\p{L}\d\u00a3$&](?:[\p{L}\d\-'\u2019%\u00a3$&]|\.(?=\d)){0,30}){1,6}?)"
    r"[ \t]{1,3}(?P<verb>is|are|was|were|has|have|had|will|would|may|might|can|could|should"
    rf"|must|said|says|say|told|{_PAST_IRREGULAR}|{_PAST_AMBIGUOUS}|\p{{Ll}}{{2,20}}ed)\b"
    r"(?:[ \t]{1,3}(?P<next>\p{L}[\p{L}'\u2019\-]{0,30}|\d|[\"\u201c\u00a3$])|(?P<colon>:))"
)
_NOT_IN_SUBJECT = frozenset(
    "who whom whose which that where when if as because while said says told and or but"
    " is are was were has have had will would being having".split()
)
_CLAUSE_OPENERS = frozenset(
    "the his her its their it he she they we there that once if when some most many a an".split()
)
_DETERMINERS = frozenset("the a an its his her their this that these those".split())
_TIME_WORDS = frozenset(
    "week month year morning afternoon evening night weekend time day Monday Tuesday"
    " Wednesday Thursday Friday Saturday Sunday".split()
)


def _without_date_commas(doc: Document) -> str:
    """The text with the commas inside dates blanked ("on Monday, 17 March,", "March
    17, 2025,"): they do not end a clause."""
    text = doc.text
    inside = sorted(
        i
        for d in doc.dates
        if "," in d.text
        for i in range(d.span.start, d.span.end - 1)
        if text[i] == ","
    )
    if not inside:
        return text
    pieces, last = [], 0  # slices, not a list of every character (a 10 MB story)
    for i in inside:
        pieces += [text[last:i], " "]
        last = i + 1
    pieces.append(text[last:])
    return "".join(pieces)


_SERIES_CLOSE = regexcache.compile(r",[ ](?:and|or)[ ]")
_SERIES_REACH = 600  # characters after a clause searched for the ", and" that closes its series


_NAMED_WITH_AGE = regexcache.compile(
    r"[ \t]{1,3}(?:\p{Lu}[\p{L}'\u2019\-]{1,20}[ \t]){1,3}\p{Lu}[\p{L}'\u2019\-]{1,20},[ \t]\d{1,3},"
)


# A person named by role or kin, then places and times: "the driver at the wheel at the
# time of the crash"
_PERSON_BEFORE = regexcache.compile(
    rf"\b(?:the|a|an|its|his|her|their)[ \t](?:\p{{Ll}}{{2,15}}[ \t])?(?:{_LOWER_TITLES}|{_KIN}"
    r"|driver|gunman|suspect|victim|man|woman|boy|girl|teenager|officer|worker|passenger)"
    r"(?:[ \t](?:at|of|in|on|for|with|from|behind|during)[ \t](?:the[ \t])?\p{Ll}{2,15}){0,3}$"
)


def _second_clause(doc: Document, comma: int, text: str) -> str | None:
    """Why the words after ``comma`` make a sentence of their own, or None.

    Read as a splice only when what comes before the comma stands alone: the sentence
    opens with a main clause (after at most a short phrase: "Until 1997, Erewash had
    been held…") with no subordinate clause, and the stretch since the last comma has
    a finite verb of its own and is no parenthesis ("…showed that, for 2003, Asians
    were") nor a clause joined by "and" or "which".  Or the comma closes a short
    attribution after a quotation ('"…," he said, Home Secretary Charles Clarke has').
    Quoted speech is left alone: speakers run sentences together.  ``text`` is the
    document's text with the commas inside dates blanked.
    """
    m = _clause_after(text, comma)
    if m is None or m.group("subject").split()[0] == "I" or _in_speech(doc, comma):
        return None  # "…is so strong, I think the selectors will": "I" after a comma
    if _NAMED_WITH_AGE.match(text, comma + 1) and _PERSON_BEFORE.search(
        text, max(0, comma - 70), comma
    ):
        return None  # "…said the driver at the wheel at the time of the crash, Edwin Mamani
        # Choque, 47, had been driving": a name with its age in apposition to the person
        # before the comma (not "The firm was fined last week, Mr Ebbers, 63, was")
    end = doc.sentences[doc.sentence_index(comma)].span.end if doc.sentences else len(text)
    if _SERIES_CLOSE.search(text, m.end(), min(end, m.end() + _SERIES_REACH)) is not None:
        return None  # "Adelaide's median rose 2.8 per cent, Canberra's edged up 0.9 per cent,
        # and Hobart's dipped": a series of clauses, closed by ", and"
    if m.group("subject").split()[0].lower() in _RELATIVES:
        return None  # "…traders in the US, Who have…": a relative clause, miswritten
    last = text[max(0, comma - 30) : comma].split()[-1:]
    if last and last[0].lower() in _SEGMENT_OPENERS:
        return None  # "…and others of like mind who, Mr Forsyth seems…": no clause ends
    if last and last[0].lower() in _COPULAS:
        return None  # "The thing is, Beck-Sickinger says…": a copula waits for its complement
    if _CITY_STATE_BEFORE.search(text, max(0, comma - 70), comma):
        return None  # "outside the Ferguson, Missouri, Police Department": a place's name
    role = _ROLE_BEFORE.search(text, max(0, comma - 40), comma)
    if role is not None and not _INVERTED_VERB.search(
        text, max(0, role.start() - 12), role.start()
    ):
        return None  # "…a budget which its chairman, Sen Lawton Chiles, said": apposition
        # (not "…date, added the spokesman, REM played": no name follows a saying so)
    verb, nxt = m.group("verb"), m.group("next") or ":"
    told = (
        verb == "told"
        and not _TOLD_COLON.match(text, m.end("verb"))
        and not _told_clause(text, m.end("verb"))
    )
    if told or (verb in _AUXILIARIES and nxt in _AUX_LINKS and _reported_after(text, m)):
        return None  # "…, Mr Howard told the paper." / "…, he has been reported as saying"
    if verb in _AUXILIARIES and nxt in ("quoted", "reported") and _reported_after(text, m):
        return None  # "…, Chang was quoted as saying."
    next_end = m.end("next") if m.group("next") else m.end()
    verb_end = m.end("verb")
    if verb in _AUXILIARIES and nxt.endswith("ly"):
        adverbed = _NEXT_TOKEN.match(text, next_end)  # "…, Bishop has previously said."
        if adverbed is not None and adverbed.group("next") in _reporting_verbs():
            nxt, next_end = adverbed.group("next"), adverbed.end("next")
    if verb in _AUXILIARIES and nxt in _reporting_verbs():
        # "…, Tony Blair has said." attributes; "…, Charles Clarke has said the
        # government will" goes on
        if not _runs_on(text, next_end):
            return None
        verb, verb_end = nxt, next_end
    sentence_start = _sentence_start(doc, comma)
    if _RUN_ON_OPENING.search(text, sentence_start, comma):
        return None  # "…the European Union In his speech, Mr Kilroy-Silk says": the full
        # stop is missing before "In", not after "speech"
    tail = _after_attribution(text, sentence_start, comma)
    if tail is not None and (
        text[tail] in _CLOSING_QUOTES
        or (
            _opens_with_clause(text, sentence_start, comma)
            and not _OPENS_SUBORDINATE.match(text, sentence_start)  # "As they ran …, X said, Y"
        )
    ):
        reason = "a new sentence follows the attribution"
    elif tail is not None:
        return None  # "By contrast, he said, New Labour had listened"
    else:
        start = _after_short_intro(text, sentence_start, comma)
        if _reported_intro(text, sentence_start, comma):
            return None  # "Cordovez added, Ecuador must…": the reported clause follows
        if _COLON.search(text, start, comma):
            return None  # "…a sensitive area: in June last year, ISIS…", "…clothing: basic
            # tees at $50, jeans at $250, Oxford button-downs…": a phrase or list after a colon
        if (
            _named_again(text, sentence_start, comma, m.group("subject"))
            and (
                _SUBORDINATE.search(text, start, comma) is None
                or _main_clause_before(text, start, comma)
            )  # not "…the assumption that if a solution is not to its liking, Israel can"
            and _clause_after_pause(text, start, comma)
        ):  # nor "… -- the daughter of a Nigerian father, Nneka moved": a phrase
            reason = "the words after it name again the subject of the sentence before"
        elif not (
            _main_clause_before(text, start, comma)
            and _opens_with_clause(text, start, comma)
            and (_titled(text, m, verb) or _clause_since_comma(text, start, comma))
        ):
            return None
        else:
            reason = "the words after it have their own subject and verb"
    if verb in _reporting_verbs() or verb in _PLEDGES:
        # "…fell 3%, Mr Smith said on Monday" attributes; "…, Mr Smith said the
        # move was wrong" goes on into a clause of its own
        return (
            "the attribution after it goes on into a clause of its own"
            if verb == "told" or _runs_on(text, verb_end)  # "told" here: a colon
            else None
        )
    if verb in _AUXILIARIES:
        # "…, Tony Blair has promised.", "…, BBC Scotland has learned.": an attribution;
        # "…, Media has also been restricted." is a clause
        if _sentence_ends_soon(text, m.end("verb"), 1):
            return None
    elif nxt.lower() not in _DETERMINERS and _sentence_ends_soon(text, m.end("verb")):
        return None  # "…, Mr Hadi points out." (but "…, The index ended the day higher.")
    if reason.startswith("the words after") and _series(text, sentence_start, comma, m.end()):
        return None  # "…fell 21p, Royal Insurance dropped 18p and Prudential fell 9p"
    return reason


# An opening phrase run on from the sentence before, its full stop missing: "…the
# European Union In his speech,"
_RUN_ON_OPENING = regexcache.compile(
    r"(?<=\p{L}[ \t])(?:In|On|At|After|During)[ \t](?:his|her|its|their|the|a|an)\b"
)
_SERIES_REACH = 120  # characters after a second clause searched for the series' last
_SERIES_CLAUSES = 4  # clauses of a series read before its last


def _series(text: str, sentence_start: int, comma: int, pos: int) -> bool:
    """The clauses on both sides of ``comma`` are of a series: the one before opens its
    segment with its subject and verb, and the one after (its verb ends at ``pos``)
    goes on to a last clause joined by "and" with a subject and verb of its own
    ("General Accident fell 21p, Royal Insurance dropped 18p and Prudential fell 9p"):
    clauses listed, as market reports do, not spliced."""
    start = _previous_pause(text, sentence_start, comma)
    if start > sentence_start:
        start += 1  # past the pause itself
    while start < comma and text[start] in " \t":
        start += 1
    if _LEAD_CLAUSE.match(text, start, comma) is None:
        return False
    # from the comma on: the clause read after it may have run past the "and" ("…,
    # REM hold onto it and Queen were it": "REM hold onto it and Queen" read as a subject)
    first = comma + 1
    for _ in range(_SERIES_CLAUSES):
        end = min(len(text), pos + _SERIES_REACH)
        stop = _CLAUSE_STOP.search(text, pos, end)
        if _AND_CLAUSE.search(text, first, stop.start() if stop else end) is not None:
            return True
        # "…, Vodafone launched its service in November, Orange followed … and T-Mobile
        # and O2 are": another listed clause first
        more = (
            _CLAUSE_AFTER.match(text, stop.start()) if stop and text[stop.start()] == "," else None
        )
        if more is None:
            return False
        pos = first = more.end("verb")
    return False


# not the point of "10.8", nor the comma of a series' last clause (", and Denmark's…")
_CLAUSE_STOP = regexcache.compile(r"[.!?;:](?:\s|$)|,(?![ \t]{1,3}and\b)")


_HEAD_NAME = regexcache.compile(r"(\p{Lu}[\p{L}'\u2019\-]{2,30}?)(?:['\u2019]s?)?$")


def _named_again(text: str, start: int, comma: int, subject: str) -> bool:
    """The name that heads the subject after ``comma`` is already written in the
    sentence before it, which does not open with a subordinate clause or a phrase
    ("Rusedski broke in the ninth game…, Rusedski had match point"): a sentence names
    its subject once, then says "he"; two sentences name it twice."""
    head = _HEAD_NAME.search(subject)
    if head is None:
        return False
    name = head.group(1)
    if name in _TITLES or name.lower() in common_words():
        return False  # "The company", "England coach": no name
    if _introductory(text, start, comma) or _OPENS_SUBORDINATE.match(text, start) is not None:
        return False  # "After Smith scored, Smith…" (clumsy, not a splice)
    at = text.find(name, start, comma - len(name) - 2)
    while at != -1:
        end = at + len(name)
        if not text[at - 1 : at].isalpha() and not text[end : end + 1].isalpha():
            return True
        at = text.find(name, end, comma - len(name) - 2)
    return False


_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Mr.", "Mrs.", "Ms.", "Dr."])


# "told BBC Radio 4's Today programme:": a quotation follows, a sentence of its own
_TOLD_COLON = regexcache.compile(r"[ \t]{1,3}[^.:;,\n\"\u201c]{1,60}:")
_THAT = regexcache.compile(r"[ \t]{1,3}that\b|:")


def _titled(text: str, m: regex.Match[str], verb: str) -> bool:
    """ "Mr Blair has", "Ms Jamieson stressed that": a person already introduced, who
    opens a sentence and is never the end of a list or a phrase trailing a clause
    ("…obstruction of justice and witness tampering, Mr Elgindy was convicted").  A
    reporting verb counts only before "that" or a colon: "…trains, buses and the
    Tube, Mr Crow warned the mayor" attributes."""
    if m.group("subject").split(maxsplit=1)[0] not in _TITLES:
        return False
    if verb in _reporting_verbs() or verb in _PLEDGES:
        return _THAT.match(text, m.end("verb")) is not None
    return True


def _clause_after(text: str, comma: int) -> regex.Match[str] | None:
    """A subject and a finite verb right after ``comma``."""
    m = _CLAUSE_AFTER.match(text, comma)
    if m is not None:
        return m
    m = _APPOSED_CLAUSE_AFTER.match(text, comma)
    if m is not None and (
        _lower_words_in(m.group("subject"))
        or (m.group("appos").split()[0] in _PREPOSITIONS_ONLY and _common_noun(m.group("subject")))
    ):
        # "…, Smith scored twice, once…, was": a verb, not a subject; "…by David
        # Gill, United's chief executive, at the end of last week, pitched…": a
        # phrase between the commas after a noun, no apposition (a name takes one:
        # "…, John Ison, from the group Fathers 4 Justice, said")
        m = None
    if m is not None:
        if _NAME_LIST.fullmatch(m.group("appos").strip()):
            return None  # "…, South Korea, Singapore and Taiwan, fell": a list of names
        if m.group("verb").endswith("ed") and m.group("next") == "by":
            return None  # "…, BPGF, owned by Pallas, assisted by Hambros": participles
        if m.group("appos").startswith("according to"):
            return None  # "…in the Knesset, Israel's parliament, according to…, based on"
        return m
    m = _NOUN_CLAUSE_AFTER.match(text, comma)
    if m is None or _FINITE.search(m.group("subject")):
        return None
    words = m.group("subject").split()
    if (
        "and" in words[1:]
        and m.group("verb") not in _SINGULAR
        and _NAME_WORDS.match(words[-1])
        and not (text[max(0, comma - 30) : comma].split() or [""])[-1][:1].isupper()
    ):
        # "…in 2001, Robert Oatley and his son Sandy have…": a subject of two, a plural
        # verb; not a list going on ("…, Spain and Italy's airlines has…"), nor the
        # end of a list of names ("…involving Aiden McGeady, Jackie McNamara and
        # Maloney culminated")
        words = [w for w in words if w != "and"]
    if any(w.lower() in _NOT_IN_SUBJECT for w in words[1:]):
        return None
    if any(w in _reporting_verbs() for w in words[1:]):
        return None  # "…, NASA scientists reveal in a study published…": an attribution
    return m


def _common_noun(subject: str) -> bool:
    """A lower-case word or a possessive in ``subject``: a noun phrase, not a name."""
    return any(w.islower() or w.endswith(("'s", "\u2019s")) for w in subject.split())


def _lower_words_in(subject: str) -> bool:
    """A lower-case word of ``subject`` that no noun phrase holds: a verb, a
    conjunction, a relative ("Smith scored twice", "Jones and Smith")."""
    if _FINITE.search(subject) is not None:
        return True
    return any(
        w.islower() and (w in _NOT_IN_SUBJECT or w in _TRAILING_OPENERS) for w in subject.split()
    )


_SINGULAR = frozenset(["is", "was", "has", "says"])
_NAME_WORDS = regexcache.compile(rf"{_NAME_WORD}$")


def _start(span: Span) -> int:
    return span.start


def _in_speech(doc: Document, comma: int) -> bool:
    """Inside a quotation, or after a quotation mark the sentence opens and does not
    close before the comma (a quotation the extractor could not pair)."""
    text = doc.text
    at = bisect_right(doc.quotes, comma, key=_start) - 1  # quotes are in text order
    if at >= 0 and comma < doc.quotes[at].end:
        # A "quotation" whose mark is followed by a space runs from a closing mark to
        # the next opening one: narration, paired wrongly where a paragraph break was
        # lost ('…football. "We need…," he said." Ajax have enlisted…')
        q = doc.quotes[at]
        if not text[q.start + 1 : q.start + 2].isspace():
            return True
    before = text[_sentence_start(doc, comma) - 1 : comma]
    if before.count('"') % 2 == 1:
        # the odd mark opens a quotation, unless it closes one the sentence before
        # opened ('"…what they do. The tackle was terrible," he said, Clubs are…')
        last = before.rfind('"')
        return not (
            before[last - 1 : last] in _CLOSING_AFTER and before[last + 1 : last + 2] == " "
        )
    return before.count("\u201c") > before.count("\u201d")


_CLOSING_AFTER = frozenset(",.!?")  # what a closing quotation mark follows


def _reported_after(text: str, m: regex.Match[str]) -> bool:
    """ "has been reported as saying", "has also said": a reporting word follows."""
    after = text[m.end("next") : m.end("next") + 40].split()[:2]
    words = [w.strip(".,") for w in after]
    return any(w in _reporting_verbs() or w in ("quoted", "saying") for w in words)


def _told_clause(text: str, verb_end: int) -> bool:
    """ "told her team it had earned its place": after "told" and its object, a clause
    with an auxiliary of its own before the next stop (not "told the paper on Monday",
    nor a participle: "told WMBB when interviewed on the scene")."""
    end = _next_stop(text, verb_end, min(len(text), verb_end + 80))
    return _TOLD_AUXILIARY.search(text, verb_end, end) is not None


_TOLD_AUXILIARY = regexcache.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|must|should|did|does)\b"
)


_QUOTED_CLAUSE = regexcache.compile(r"[^\"\u201d\n]{20,}?[\"\u201d]")


def _runs_on(text: str, verb_end: int) -> bool:
    """After a reporting verb: a clause ("said the move was wrong", "said efforts
    would continue") or a colon, not a time or place ("said on Monday")."""
    m = _NEXT_TOKEN.match(text, verb_end)
    if m is None:
        return False
    if m.group("colon"):
        return True
    if _AS_SAYING.match(text, verb_end):
        return False  # "…, Tass cited the ministry as saying.": an attribution
    nxt = m.group("next")
    after = text[m.end("next") : m.end("next") + 30].split()
    if nxt in _DETERMINERS and _sentence_ends_soon(text, verb_end):
        return False  # "…, Mr Crow warned the mayor.": an attribution with its object
    if nxt in _CLAUSE_OPENERS or nxt == "this":
        return not (after and after[0].rstrip(".,;:") in _TIME_WORDS)  # "said this week,"
    if nxt in calendar_words():  # "said Tuesday" ends; "said Friday that its forces…" goes on
        return text[m.end("next") : m.end("next") + 6].split()[:1] == ["that"]
    if not nxt[0].isalpha():
        # 'said "over the last 18 months touring has taken its toll"': a quotation that
        # is a sentence (a capital or several words); not 'said "yes".'
        return (
            nxt in '"\u201c'
            and len(text[m.end("next") : m.end("next") + 60].split()) > 4
            and _QUOTED_CLAUSE.match(text, m.end("next")) is not None
        )
    if nxt[0].islower():
        # "said drugs of alcohol should", "claimed top spot": a clause or an object;
        # not a time, place or manner that ends the attribution ("said on Monday",
        # "said later", "said privately", "said, speaking in Leeds")
        return not (nxt in _ADJUNCTS or nxt.endswith(("ly", "ing")))
    # "said UK businesses were sprinting": a capitalised subject and its verb before
    # the next pause or full stop
    end = _next_stop(text, m.end("next"), min(len(text), m.end("next") + 80))
    return _FINITE.search(text, m.end("next"), end) is not None


_NEXT_TOKEN = regexcache.compile(_NEXT)
_AS_SAYING = regexcache.compile(r"[^.;:!?\"]{0,80}?\bas[ \t]{1,3}(?:saying|telling|stating)\b")
# Words that open what may trail an attribution: a time, a place, a manner, a
# circumstance ("…, Mr Smith said on Monday.", "…, she added later.")
_ADJUNCTS = frozenset(
    "on in at to from for with by during after before since until as when while under over"
    " outside inside through via amid ahead following last earlier later yesterday today"
    " tonight overnight recently afterwards here there too again also so not late early"
    " previously then now once next about upon within without among against across around"
    " near behind beyond toward towards into onto of than".split()
)


def _next_stop(text: str, pos: int, end: int) -> int:
    """The next pause or sentence end after ``pos`` (before ``end``)."""
    while pos < end and not _pause_at(text, pos) and text[pos] not in ".!?":
        pos += 1
    return pos


# Verbs that attribute a promise or claim besides data/attribution_verbs.txt
_PLEDGES = frozenset(["pledged", "promised", "vowed", "declared", "stressed", "conceded"])
_AUXILIARIES = frozenset(
    "has have had is are was were will would could can must should may might did does".split()
)
_AUX_LINKS = frozenset(["been", "reportedly", "also", "not", "always", "repeatedly"])
_PAUSE = frozenset(",;:\u2013\u2014")


def _clause_after_pause(text: str, start: int, comma: int) -> bool:
    """The words since the last pause before ``comma`` hold a finite verb, or there is no
    pause since ``start`` (the whole sentence so far is the clause)."""
    lo = _previous_pause(text, start, comma)
    return lo <= start or _FINITE.search(text, lo, comma) is not None


def _pause_at(text: str, i: int) -> bool:
    """A comma, semicolon, colon or dash at ``i``; a hyphen or two between spaces is a
    dash ("…after such annoyances - but luckily,", "…away from home -- the daughter").
    Not the comma of a figure ("60,000")."""
    c = text[i]
    if c in _PAUSE:
        return not (c == "," and text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit())
    if c != "-" or text[i - 1 : i] != " ":
        return False  # (the second hyphen of "--" is part of the first one's pause)
    return text[i + 1 : i + 2] == " " or text[i + 1 : i + 3] == "- "


def _one_word_before(doc: Document, comma: int) -> bool:
    """The sentence holds one word before ``comma``: an opening adverb, no clause."""
    return len(doc.text[_sentence_start(doc, comma) : comma].split()) == 1


def _sentence_start(doc: Document, comma: int) -> int:
    start = doc.sentences[doc.sentence_index(comma)].span.start if doc.sentences else 0
    start = max(start, comma - 300)
    while start < comma and not doc.text[start].isalnum():
        start += 1  # an opening quote or bracket
    label = _SOURCE_LABEL.match(doc.text, start, comma)
    return label.end() if label is not None else start


# A wire's label glued to the first sentence: "(CNN)From an iconic marble statue…"
_SOURCE_LABEL = regexcache.compile(r"\p{Lu}{2,12}\)[ \t]{0,3}(?=\p{Lu})")


def _next_pause(text: str, pos: int, end: int) -> int:
    while pos < end and not _pause_at(text, pos):
        pos += 1
    return pos


_SHORT_INTRO_WORDS = 6  # "Despite not playing for England," "Until 1997,"


def _after_short_intro(text: str, start: int, comma: int) -> int:
    """Where the main clause starts after a short opening phrase ("Until 1997,",
    "In London,"), or ``start``."""
    hi = _next_pause(text, start, comma)
    words = text[start:hi].split()
    if (
        hi < comma
        and text[hi] == ","
        and len(words) <= _SHORT_INTRO_WORDS
        and (
            words[0].lower() in _PHRASE_OPENERS
            or words[0][0].isdigit()
            or (len(words) == 1 and words[0].lower() in _SENTENCE_ADVERBS)
        )
        and _FINITE.search(text, start, hi) is None
    ):
        lo = hi + 1
        while lo < comma and text[lo] in " \t":
            lo += 1
        return lo
    return start


def _opens_with_clause(text: str, start: int, comma: int) -> bool:
    """The words before the first pause have a finite verb: no introductory phrase
    ("By contrast, he said, New Labour had listened").  Or a subject, a parenthesis
    between commas (a relative clause, an age, a participle, an apposition, an adverb)
    and then the verb ("The allegations, which he has denied, are being…", "Mr Ebbers,
    63, has…", "The former chief, dubbed Robocop…, clashed…")."""
    hi = _next_pause(text, start, comma)
    if _FINITE.search(text, start, hi) is not None:
        return True
    head = text[start:hi].split()
    if (
        hi >= comma
        or text[hi] not in _PARENTHESIS_MARKS
        or not head
        or not head[0][:1].isupper()
        or head[0].lower() in _NOT_A_SUBJECT
        or _introductory(text, start, comma)
        or _OPENS_SUBORDINATE.match(text, start) is not None
    ):
        return False
    close = _next_pause(text, hi + 1, comma)
    inner = text[hi + 1 : close].split()
    if close >= comma or text[close] != text[hi] or not inner or not _parenthesis(inner):
        return False
    return _FINITE.search(text, close + 1, _next_pause(text, close + 1, comma)) is not None


_PARENTHESIS_MARKS = ",-\u2013\u2014"  # "The club - which is listed on Ofex - is due"


def _parenthesis(words: list[str]) -> bool:
    """Words between commas that sit between a subject and its verb."""
    first = words[0]
    return (
        first.lower() in _RELATIVES
        or (first.isdigit() and len(words) == 1)  # an age: "Mr Ebbers, 63, has"
        or (len(words) <= _NAME_MAX and all(w[:1].isupper() for w in words))  # "SpiceJet"
        or first in ("a", "an", "the")  # "Canada, a key gold producer, expressed"
        or (first.isalpha() and first.islower() and first.endswith(("ed", "ing")))
        or (len(words) == 1 and first in _PARENTHETIC_ADVERBS)
    )


_PARENTHETIC_ADVERBS = frozenset(
    "however meanwhile though too also instead therefore moreover nevertheless".split()
)


def _clause_since_comma(text: str, start: int, comma: int) -> bool:
    """The words since the last pause have a finite verb and open no coordinate
    clause or parenthesis.  What trails a clause is read with the clause before it: a
    noun in apposition ("…build hybrid SUVs, the vehicles which now dominate the
    market"), a participle or purpose ("…, including the River Room", "…, to develop
    new technology"), "because of", or a subordinate or relative clause ("…, as
    investors hoped for a recovery")."""
    hi = comma
    while True:
        lo, segment = _segment_before(text, start, hi)
        words = segment.split()
        first = words[0] if words else ""
        if words and words[-1].lower() in _SEGMENT_OPENERS:
            return False  # "Figures showed that, for 2003, Asians were": a parenthesis
        if lo > start and (
            first in _TRAILING_OPENERS
            or first in _RELATIVES
            or (first.endswith("ing") and first.isalpha())
            or (first == "because" and words[1:2] == ["of"])
            or (first in _TRAILING_CLAUSES and _FINITE.search(segment) is not None)
        ):  # lower case: "…euros, In London, Corus fell" opens a sentence
            hi = lo
            continue
        if len(words) == 1 and first.lower() in _PARENTHETIC_ADVERBS:
            return False  # "…the agreement, however, Williams have": inside a clause
        if (
            lo > start
            and (first.lower() not in _SEGMENT_OPENERS or words[:3] == ["as", "well", "as"])
            and first not in SENTENCE_OPENERS  # "…euros, In London, Corus fell"
            and _FINITE.search(segment) is None
        ):
            hi = lo  # "…such as chemicals, cars, consumer goods and food": a phrase
            continue  # (a list's items, an apposition) trailing the clause before it
        if first.capitalize() in _SENTENCE_CONNECTIVES and (
            lo == start or words[1:2] and (words[1] not in _PHRASE_OPENERS)
        ):
            # "But Yugansk was sold…", "…, but the Lords have over-ruled this": a clause
            first = words[1] if len(words) > 1 else ""
        if first.lower() in _SEGMENT_OPENERS or _FINITE.search(segment) is None:
            return False
        if first.lower() == "even" and words[1:2] and words[1] in _SEGMENT_OPENERS:
            return False  # "…and, even though Portsmouth held their own, Chelsea managed"
        # "…is being built and on Tuesday, AFP reported": a phrase opening a joined
        # clause; "…stars Joss Stone and Franz Ferdinand" joins names, not clauses
        joined = _LAST_CONJUNCTION.search(segment)
        if joined is not None and joined.group(2) in _TRAILING_CLAUSES:
            return False  # "…and if he is unable to play, England's midfield will": the
            # comma closes a subordinate clause that opens the joined clause
        return (
            joined is None
            or (joined.group(1) != "that" and joined.group(2) not in _PHRASE_OPENERS)
            or _FINITE.search(segment, joined.end()) is not None
        )


def _reported_intro(text: str, start: int, comma: int) -> bool:
    """The comma closes a reporting frame ("Cordovez added, Ecuador must…", "In the
    south, IRNA said, Iranian forces…") or an introductory phrase of the reported clause
    ("It said as a result of the settlement, CTS's committee has…"): the words after it
    are the reported clause, not a new sentence.  A participle phrase before the comma
    is read with what it trails ("Calmon said, assuming a 58 mln bag quota, Brazil's…")."""
    hi = comma
    while True:
        lo, segment = _segment_before(text, start, hi)
        words = segment.split()
        if not words:
            return False
        first = words[0]
        if lo > start and first.isalpha() and first.islower() and first.endswith(("ed", "ing")):
            hi = lo  # ", agreed during a visit by the minister": a phrase trailing
            continue
        break
    verbs = _reporting_verbs()
    for i, word in enumerate(words[: _FRAME_WORDS + 1]):
        if word.lower() not in verbs:
            continue
        rest = words[i + 1 :]
        if rest[:1] == ["that"]:
            rest = rest[1:]
        if not rest:
            return True  # "Cordovez added,"
        if i == 0 and lo > start and len(rest) <= _NAME_MAX and all(w[:1].isupper() for w in rest):
            return True  # "Instead, said Mr Doctorow, DRM systems were…": an inverted frame
        return rest[0].lower() in _REPORTED_INTROS and not _finite_in(" ".join(rest[1:]))
    return False


_BY_NEXT = regexcache.compile(r"[ \t]{1,3}by\b")


def _finite_in(phrase: str) -> bool:
    """A finite verb in an introductory phrase; an irregular participle before "by" is
    none ("in addition to the cuts sought by the government")."""
    return any(
        not (m.group() in _IRREGULAR_PAST and _BY_NEXT.match(phrase, m.end()))
        for m in _FINITE.finditer(phrase)
    )


_IRREGULAR_PAST = frozenset(_PAST_IRREGULAR.split("|"))


def _segment_before(text: str, start: int, hi: int) -> tuple[int, str]:
    """(where it starts, its words) for the stretch between the last pause before ``hi``
    and ``hi``, without the pause and any opening quote."""
    lo = _previous_pause(text, start, hi)
    return lo, text[lo:hi].lstrip(",;:\u2013\u2014- \t\"'\u201c\u2018")


def _previous_pause(text: str, start: int, hi: int) -> int:
    """The last pause before ``hi`` (not the comma of "60,000"), or ``start``."""
    lo = hi - 1
    while lo > start and not _pause_at(text, lo):
        lo -= 1
    return lo


_SENTENCE_CONNECTIVES = frozenset(["And", "But", "Yet", "So", "Or"])
# One word that opens a sentence before its subject: "However, the club's turnover…"
_SENTENCE_ADVERBS = frozenset(
    "however meanwhile instead indeed overall moreover furthermore nevertheless nonetheless"
    " still also now then thus therefore again separately similarly likewise yes no well"
    " altogether additionally elsewhere so".split()
)
_TRAILING_CLAUSES = frozenset(
    "as while whilst because although though when after before since until whereas if unless".split()
)
_RELATIVES = frozenset(["which", "who", "whom", "whose", "where"])
# A phrase that trails a clause: an article (apposition), "to", or a preposition
_TRAILING_OPENERS = frozenset(
    "the a an to ahead up down compared against amid along alongside excluding with from"
    " in on at for by over under about around than".split()
)
_PHRASE_OPENERS = frozenset(
    "on in at by for after before since until with without under over then now later last"
    " this yesterday today meanwhile despite during from following amid among given".split()
)
_SEGMENT_OPENERS = frozenset(
    "and but or nor so yet which who whom whose where when while whilst whereas as if that"
    " because though although unless until since after before without".split()
)
# Words that open an introductory phrase of a reported clause: "He said that under the
# terms of the loan, Ecuador will…", "Santana said despite a strike, Petrobras…"
_REPORTED_INTROS = _PHRASE_OPENERS | frozenset(["as", "through", "besides", "throughout"])
_PREPOSITIONS_ONLY = _TRAILING_OPENERS - frozenset(["the", "a", "an"])
# Words that open a sentence but no subject: what follows them is a phrase
_NOT_A_SUBJECT = (
    _SEGMENT_OPENERS | _PHRASE_OPENERS | _SENTENCE_ADVERBS | _TRAILING_OPENERS
) - frozenset(["the", "a", "an"])
_NAME_MAX = 4  # words of a speaker's name in an inverted frame ("said Mr Flynn,")
_FRAME_WORDS = 5  # words before the reporting verb in a frame: "Hilton lawyers contend"
# '"…come join us," he will say, Lib Dem president Simon Hughes branded…': a short
# attribution closing a quotation, then a new sentence.
_ATTRIBUTION_TAIL = regexcache.compile(
    r"[,\"\u201d'\u2019][ \t]{1,3}(?:he|she|they|it|we"
    r"|analysts|officials|experts|economists|sources|police|critics|observers|traders|dealers"
    r"|(?:the|a|an)[ \t]{1,3}\p{L}{2,20}(?:[ \t]{1,3}\p{Ll}{2,20})?"
    r"|(?<=[\"\u201d'\u2019][ \t]{1,3})\p{Lu}\p{Ll}{1,20})"  # '…," Bono said, Drummer…'
    r"[ \t]{1,3}(?:will[ \t]{1,3}|would[ \t]{1,3}|\p{Ll}{2,15}ly[ \t]{1,3})?"
    r"(?:said|says|say|added|adds|told[ \t]{1,3}\p{L}{2,20}|insisted|warned|argued"
    r"|pointed[ \t]{1,3}out|noted|explained|admitted)"
    r"(?:[ \t]{1,3}(?:on|in|at|to|earlier|later|yesterday|today|\p{Ll}{2,12}ly)\b[^,.;:\"]{0,40})?"
    # or inverted after the closing mark or a clause's comma: '"…make the date," added
    # the spokesman, REM…', "…make their date, added the spokesman, REM played"
    r"|(?:[\"\u201d'\u2019]|\p{Ll},)[ \t]{1,3}(?:said|says|added|adds|insisted|warned|argued|noted"
    r"|explained|admitted)[ \t]{1,3}(?:he|she|the[ \t]{1,3}\p{Ll}{2,20}(?:[ \t]{1,3}\p{Ll}{2,20})?"
    # a name, after its role ("said launch director Charlie Blackwell-Thompson,")
    r"|(?:\p{Ll}{2,20}[ \t]{1,3}){0,2}\p{Lu}\p{Ll}{1,20}(?:-\p{Lu}\p{Ll}{1,20})?"
    r"(?:[ \t]{1,3}\p{Lu}\p{Ll}{1,20}(?:-\p{Lu}\p{Ll}{1,20})?){0,2})"
)
_CLOSING_QUOTES = frozenset("\"\u201d'\u2019")
# A saying inverted after a comma, or a quotation's: "…their date, added the spokesman,"
_INVERTED_VERB = regexcache.compile(
    r",[\"\u201d'\u2019]?[ \t]{1,3}(?:said|says|added|adds)[ \t]{1,3}$"
)


def _after_attribution(text: str, sentence_start: int, comma: int) -> int | None:
    """Where the attribution that ends at ``comma`` starts (at the quote or comma
    before it), or None."""
    lo = max(sentence_start - 1, comma - 80, 0)
    tail = _ATTRIBUTION_TAIL.search(text, lo, comma)
    while tail is not None and tail.end() != comma:
        tail = _ATTRIBUTION_TAIL.search(text, tail.start() + 1, comma)
    return tail.start() if tail is not None else None


def _sentence_ends_soon(text: str, pos: int, words: int = 3) -> bool:
    """``words`` words or fewer from ``pos`` to the end of the sentence."""
    rest = text[pos : pos + 60]
    stop = min((i for i in (rest.find(". "), rest.find(".\n")) if i >= 0), default=-1)
    if stop < 0 and rest.rstrip().endswith("."):
        stop = len(rest.rstrip()) - 1
    return stop >= 0 and len(rest[:stop].split()) <= words


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(load_words("attribution_verbs"))


_LAST_CONJUNCTION = regexcache.compile(
    r"(?r)\b(and|but|or|so|yet|while|whereas|that)\b[ \t]{1,3}(\p{L}+)"
)


# The auxiliaries and "said", "says": a finite verb whatever follows (``_FINITE``'s first
# words, and all of ``_AUXILIARY``'s)
_AUXILIARIES_SAID = (
    "is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did|said|says"
)
_FINITE = regexcache.compile(
    rf"\b(?:{_AUXILIARIES_SAID}"
    # an -ed word, but not "larger-than-expected", an adjective after a determiner or a
    # degree adverb ("a sustained period", "A distinguished engineer", "the most
    # advanced") nor a participle before "by" ("the threat posed by")
    r"|(?<![\-])(?<!\b(?i:a|an|the|his|her|its|their|our|this|that|these|those|most|more"
    r"|less|least|very|highly|well|newly|widely|fully)[ \t]{1,3})"
    r"\p{Ll}{3,}ed(?![ \t]{1,3}by\b)"
    # a present tense after "he", "she", "it" ("it faces stiff competition"), or after a
    # name and before an article or "to" ("An enlarged EU needs a streamlined…")
    r"|(?<=\b(?:he|she|it|He|She|It)[ \t]{1,3})\p{Ll}{2,20}[^s\P{Ll}]s"
    r"|(?<=[ \t]\p{Lu}[\p{L}]{1,30}[ \t]{1,3})\p{Ll}{2,20}[^s\P{Ll}]s"
    r"(?=[ \t]{1,3}(?:a|an|the|to)[ \t])"
    # a past form that is also a noun, after a name and before its object ("Fianna Fail
    # won 81 of the 166 seats", "Investors lost hundreds of millions", "She left for
    # India"; not "the Korean won fell")
    rf"|(?<=(?:^|\s)\p{{Lu}}[\p{{L}}]{{1,30}}[ \t]{{1,3}})(?:{_PAST_AMBIGUOUS})"
    r"(?=[ \t]{1,3}(?:\d|[$\u00a3\u20ac]|(?:the|a|an|his|her|its|their|about|some|nearly"
    r"|almost|more|dozens|hundreds|thousands|millions|billions|for|to|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve)[ \t]))"
    rf"|{_PAST_IRREGULAR})\b"
)
_FINITE_NEXT = regexcache.compile(rf"[ \t]{{1,3}}(?:{_FINITE.pattern})")
_VERB_THEN_NAME = regexcache.compile(
    rf"[ \t]{{1,3}}(?:{_FINITE.pattern}|(?:{_PAST_IRREGULAR}|{_PAST_AMBIGUOUS})\b)"
    r"[ \t]{1,3}\p{Lu}"
)
_SUBORDINATE = regexcache.compile(
    r"(?i)\b(?:as|when|where|while|whilst|if|although|though|because|should|unless|whether|once"
    r"|whereas|even|despite|following|according|lest|by[ \t]{1,3}the[ \t]{1,3}time"
    r"|(?:each|every|any)[ \t]{1,3}time"  # "Each time the call ended, Cornell called back"
    r"|(?:given|provided|now|seeing)[ \t]{1,3}that)\b"
    r"|\b(?:since|after|before|until)\b(?![ \t]{1,3}\d)"  # "since 1970" is no clause
)
# ... opening a sentence, after a conjunction too: "And, as CNN reported from Chad, …"
_CONJUNCTION = "and|but|yet|so|or"
_CONJUNCTIONS = frozenset(_CONJUNCTION.split("|"))
_OPENS_SUBORDINATE = regexcache.compile(
    rf"(?i)(?:(?:{_CONJUNCTION}),?[ \t]{{1,3}})?(?:{_SUBORDINATE.pattern.removeprefix('(?i)')})"
)
_COPULAS = frozenset(["is", "was", "are", "were", "be"])
_COLON = regexcache.compile(r":[ \t]")
_COORDINATED = regexcache.compile(rf"\b(?:{_CONJUNCTION})[ \t,]{{1,3}}$")
# Prepositions that open an introductory phrase ("In London,", "With Vickery out,")
_PREPOSITION_INTROS = (
    "In On At Under With By For From Like Unlike Amid Across Throughout Among Against"
    " Through Within Without Beyond Outside Inside Of".split()
)
_INTRODUCTORY = regexcache.compile(
    r"\p{Lu}\p{Ll}{1,20}(?:ing|ed)\b|\p{Lu}\p{Ll}{2,15}ly\b"  # "Speaking", "Asked", "Previously"
    rf"|(?:{'|'.join(_PREPOSITION_INTROS)}|Earlier|Later|To|Born|Bar|Once|Besides|Soon|Already"
    r"|Far|Given|Along|Together)\b"  # "Soon disillusioned, Nemtsov became…", "Far from it, …"
)


# A time named again with a clause of its own, after an opening date: "the day Fiat
# announced…", "the week the deal collapsed": a noun phrase, no main clause.
_TIME_APPOSITION = regexcache.compile(
    r"(?i)the[ \t]{1,3}(?:same[ \t]{1,3})?(?:day|night|week|month|year|morning|evening"
    r"|afternoon|weekend|time)[ \t]{1,3}(?:that[ \t]{1,3}|when[ \t]{1,3})?\p{L}"
)


# A lower-case participle, adverb or "far from" after an opening phrase: no subject, so
# no clause ("With that calm, dignified response,", "In fact, far from being thought…,")
_SUBJECTLESS = regexcache.compile(
    rf"(?:\p{{Ll}}{{2,20}}(?:ed|ly)|{_PAST_IRREGULAR}|far[ \t]{{1,3}}from)\b"
)
# A time a clause then names, its "that" or "when" left out: "On the day she spoke,"
_TIME_RELATIVE = regexcache.compile(
    r"(?i)\bthe[ \t]{1,3}(?:same[ \t]{1,3}|very[ \t]{1,3})?(?:day|night|week|month|year"
    r"|morning|evening|afternoon|weekend|time|moment)[ \t]{1,3}(?:that[ \t]{1,3}|when[ \t]{1,3})?$"
)


# "the Ferguson, Missouri," before the comma: a town and its state naming what follows
# ("the Ferguson, Missouri, Police Department"), no clause
_CITY_STATE_BEFORE = regexcache.compile(
    r"\bthe[ \t]{1,3}\p{Lu}[\p{L}\-]{1,30}(?:[ \t]\p{Lu}[\p{L}\-]{1,30})?,"
    r"[ \t]{1,3}\p{Lu}[\p{L}\-]{1,30}(?:[ \t]\p{Lu}[\p{L}\-]{1,30})?$"
)
# "One of …" opening a sentence with no auxiliary before the comma: a phrase in
# apposition to the subject after it, its -ed words participles ("One of the most
# respected rap stars of the last eight years, Jay-Z's hits have…").
_ONE_OF = regexcache.compile(r"One[ \t]{1,3}of[ \t]")
_AUXILIARY = regexcache.compile(rf"\b(?:{_AUXILIARIES_SAID})\b")


def _main_clause_before(text: str, start: int, comma: int) -> bool:
    """The words from ``start`` up to ``comma`` read as a main clause of their own: a
    finite verb, no introductory phrase, no subordinate clause."""
    if _introductory(text, start, comma) or _FINITE.search(text, start, comma) is None:
        return False
    if _ONE_OF.match(text, start) and _AUXILIARY.search(text, start, comma) is None:
        return False  # "One of 10 people killed in the collision, France's Arthaud has…"
    if _SUBJECTLESS.match(text, start, comma) is not None:
        return False  # "In his letter, published Monday in the Free Press, Barnett said"
    if text[max(0, start - 2) : start].strip() == "," and _TIME_APPOSITION.match(
        text, start, comma
    ):
        return False  # "On September 23, the day Fiat announced…, Fiat shares closed"
    for sub in _SUBORDINATE.finditer(text, start, comma):
        # "…after the resignation of Harold Wilson,": a preposition, no clause follows
        if sub.group().lower() in _PREPOSITIONS and not _FINITE.search(text, sub.end(), comma):
            continue
        # "…is to tell voters days after the party launched it,": a subordinate clause
        # that trails the main clause; but "He said when it fell, BP…" is reported (the
        # reporting word right before it: "He said the contest is too close to call,
        # although…," has closed the reported clause first)
        before = text[start : sub.start()]
        if sub.group().lower() == "should" and before.rstrip()[-1:] not in ("", ","):
            continue  # "…that they should be able to…": a modal, not "Should the vote fail,"
        if _COORDINATED.search(before[-12:]):
            return False  # "…, so each time the call ended, Cornell called back": it opens
            # the next clause, which goes on after the comma
        if _FINITE.search(before) is None or _REPORTED.search(before[-40:]) is not None:
            return False
    return True


def _introductory(text: str, start: int, comma: int) -> bool:
    """The sentence opens with an introductory phrase, after "And"/"But" too ("And with
    Phil Vickery sidelined…, Bell could", "But in the three games…, Ireland")."""
    intro = _INTRODUCTORY.match(text, start, comma)
    if intro is not None and (
        _VERB_NEXT.match(text, intro.end(), comma)
        or (
            _PAST_OBJECT_NEXT.match(text, intro.end(), comma)
            and not (intro.group().endswith("ly") and intro.group().lower() in common_words())
        )
    ):
        return False  # "United went ahead…", "Reading have…": a name, then its verb
    if intro is not None:
        # "Within three days he was arriving…,": a preposition's phrase, then a clause
        # of its own with no comma between them; "After he left, …" is subordinate
        if intro.group() not in _PREPOSITION_INTROS:
            return True
        clause = _PRONOUN_CLAUSE.search(text, intro.end(), comma)
        # "On the day she delivered her speech,": the clause tells which day
        if clause is None:
            return True
        lo = max(0, clause.start() - 40)
        return _TIME_RELATIVE.search(text[lo : clause.start()]) is not None
    connective = _CONNECTIVE.match(text, start, comma)
    if connective is None:
        return False
    word = text[connective.end() : min(comma, connective.end() + 24)]
    return _INTRODUCTORY.match(word[:1].upper() + word[1:]) is not None


# An auxiliary or "said" right after a capitalised -ing/-ed word: the word is a name
# and this its verb ("United went ahead", "Reading have"), not a participle opening a
# phrase ("Asked about…", "Having had…")
_VERB_NEXT = regexcache.compile(
    r"(?<!\bHaving|\bBeing)[ \t]{1,3}"
    r"(?:is|are|was|were|has|have|had|will|would|could|can|did|went|said|says)\b"
)
# ... or a past tense and its object: "United ended the game…" (a participle opening a
# phrase goes on otherwise: "Asked about…"); not after an adverb ("Previously named
# International Nickel, Inco is…"), which ``_introductory`` tells by the word list
_PAST_OBJECT_NEXT = regexcache.compile(
    rf"(?<!\bHaving|\bBeing)[ \t]{{1,3}}(?:\p{{Ll}}{{2,20}}ed|{_PAST_IRREGULAR})[ \t]{{1,3}}"
    r"(?:the|a|an|his|her|its|their|\p{Lu})"
)
_PRONOUN_CLAUSE = regexcache.compile(
    # not inside a relative or "that" clause: "In response to rumours that it had…,"
    r"(?<!\b(?:that|which|who|whom|where|when)[ \t]{1,3})"
    r"\b(?:he|she|they|we|I|it)[ \t]{1,3}(?:is|are|was|were|has|have|had|will|would|could"
    rf"|did|said|{_PAST_IRREGULAR}|\p{{Ll}}{{3,}}ed)\b"
)
_CONNECTIVE = regexcache.compile(r"(?:And|But|Yet|So|Or)[ \t]{1,3}(?=\p{Ll})")


# A reporting word (and its object) that ends the text: what follows is reported
_REPORTED = regexcache.compile(
    r"\b(?:said|says|say|that|believes?|thinks?|(?:told|tell)(?:[ \t]{1,3}\p{L}+){0,2})"
    r"[ \t,]*$"
)


_PREPOSITIONS = frozenset(["after", "before", "since", "until", "following", "despite", "as"])


# After ", The" (or "A", "An"): capitalised words, then a lower-case word that goes on
# a clause ("…jobs, The Indian-born magnate did not say").  Titles run on with "and"/"of"
# ("Titanic, The Godfather and Jaws") or are newspapers ("The Sunday Telegraph says").
_ARTICLE_RUN = regexcache.compile(
    r",[ \t]{1,3}(?:The|An?)[ \t]{1,3}((?:\p{Lu}[\p{L}'\u2019\-]{0,30}[ \t]{1,3}){1,3})(\p{Ll}{1,20})\b"
)
# A capitalised preposition and a one- or two-word name closed by a comma: the
# introductory phrase of a new sentence ("…to 16.87 euros, In London, Corus fell").
_INTRO_PHRASE = regexcache.compile(
    r",[ \t]{1,3}(?:In|On|At|For|Under|With|After|Before|During|Among|Since|Despite)[ \t]{1,3}"
    r"\p{Lu}[\p{L}'\u2019\-]{0,30}"
    r"(?:[ \t]{1,3}(?!(?:and|or|nor|of|for|in|on|at|to|the|a)\b)\p{L}[\p{L}'\u2019\-]{0,30})?,"
)
_TITLE_LINKS = frozenset(["and", "or", "nor", "of", "for", "in", "on", "at", "to", "the", "a"])
_TITLE_WORDS = frozenset(
    ["Times", "Guardian", "Sun", "Independent", "Observer", "Telegraph", "Economist", "Mirror",
     "Mail", "Express", "Star", "Herald", "Scotsman", "Post", "Journal", "Daily", "Sunday",
     "Financial", "Wall", "New", "Washington", "Spectator", "Lancet", "Hague", "Beatles"]
)  # fmt: skip


# What a newspaper or agency does to a story besides saying it: "… has learned."
_NEWS_VERBS = frozenset(["learned", "learnt", "reported", "revealed"])


@cache
def _news_attribution_verbs() -> frozenset[str]:
    """The attribution verbs and ``_NEWS_VERBS``, joined once."""
    return _reporting_verbs() | _NEWS_VERBS


def _article_then_clause(text: str, m: regex.Match) -> bool:
    """ ", The German carmaker is", ", A Tory spokesman said": an article and a name,
    then a clause goes on."""
    run = _ARTICLE_RUN.match(text, m.start())
    if run is None:
        return False
    if all(w.lower() in word_set("names_titles") for w in run.group(1).split()):
        # "…, The MP for Sittingbourne said": a person's title and its verb before any
        # comma (not "…novel, The Lord of the Rings, on holiday")
        end = _next_pause(text, run.end(), min(len(text), run.end() + 80))
        return _FINITE.search(text, run.end(), end) is not None
    if run.group(2) in _TITLE_LINKS:
        return False
    after = text[run.start(2) : run.start(2) + 40].split()[:2]
    verbs = _news_attribution_verbs()
    if (
        after[0] in verbs
        or (after[0] in _AUXILIARIES and after[1:2] and after[1].rstrip(".") in verbs)
    ) and _sentence_ends_soon(text, run.start(2)):
        return False  # "…for the network, The Hollywood Reporter has learned.": an attribution
    return not any(w in _TITLE_WORDS for w in run.group(1).split())


def _lower_elsewhere(text: str, word: str, name: str, comma: int) -> bool:
    """Whether ``word name`` appears elsewhere with ``word`` in lower case ("the Bank")."""
    return any(at != comma + 2 for at in _phrase_starts(text, f"{word.lower()} {name}"))


@lru_cache(maxsize=256)
def _phrase_starts(text: str, phrase: str) -> tuple[int, ...]:
    """``whole_word_starts``, kept for the story ``check`` reads: a page of commas before
    one name asks it once, not once a comma (each asking scans the whole text)."""
    return tuple(whole_word_starts(text, phrase))


def _paragraph_endings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    text = doc.text
    for i, para in enumerate(doc.paragraphs):
        end = para.end
        while end - 1 > para.start and text[end - 1] in _CLOSING_QUOTES:
            end -= 1  # '…in a timely manner,”': the attribution or the full stop is missing
        if text[end - 1 : end] != ",":
            continue
        if is_list_item(last_line(text[para.start : para.end])):
            continue
        if paragraph_starts_lower(doc, i + 1):
            continue
        word_start = max(text.rfind(" ", para.start, end - 1) + 1, para.start)
        tail = text[word_start : para.end]
        yield ctx.finding(
            doc,
            Span(end - 1, end),
            f'the paragraph ends in a comma ("…{tail}"): the sentence is unfinished',
            SUGGESTION,
        )
