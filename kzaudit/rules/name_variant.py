"""name-variant: a recurring name spelled differently once ("Ruiz" ... "Ruis").

## What it does
Flags a name word that appears exactly once when a name one letter away (a letter
added, dropped, changed, or two swapped) recurs in the same story: "Kazakstan" among
"Kazakhstan"s, "Ruis" among "Ruiz"es.  The suggestion is the majority spelling.
Words inside multi-word and hyphenated names count too ("Reliacne Energy" beside
"Reliance Group", "the Balir-Brown rift"), and so do capitalised words outside names
("Prseident Yudhoyono" beside "the President"), even after a lower-case prefix
("pre-Christmas", "non-Opec") or before a possessive "'s"; a once-used form that is
an ordinary word is never flagged ("Trace" beside "Trade") unless a "Mr"/"Ms" makes
it a name.

Two swapped letters and a letter typed twice ("Jhon", "Morrris", "Univversal") are
typing slips, not other names (an accent dropped besides counts for nothing: "Meija"
beside "Mejía"): they are flagged even in short names, between names with
different neighbours, and where the slip makes an ordinary word after "Mr"/"Ms" ("Ms
Coper" for "Cooper") -- but a doubled last letter after an ordinary word is a name of
its own ("Peter Marshall" beside "Field Marshal").  So is a letter dropped from a name
written in full and three times or more, making an ordinary word that speaks ('"…,"
Tanka said' among "Mei Tanaka", "Tanaka" x7).  A changed letter is weaker evidence: there
it stays quiet where a one-letter difference is real: two spellings that are both
ordinary words ("Labor"/"Labour"), both recurring (a consistent transliteration),
inflections ("Russia"/"Russian", "Blair"/"Blairs"; but not a surname's "s", "e" or "n"
added or dropped where the word names one person: "Quinteros said" beside "Marisol
Quintero", "Ms. Desrocher" beside "Laura Desrochers", "Whitcombe said" beside "Dana
Whitcomb", "Rincó said" beside "Jhon Fredy Rincón"),
other forms of a word or name
("Scots"/"Scott", "Stevie"/"Steve"), different people who share a first name or surname
("Gordon Brown"/"Des Browne": different first names, where "Seuth Africa" beside "South
African" shares a word up to its ending), two given names or two places, two peoples,
languages or faiths ("Hindi"/"Hindu"), names that start with different letters, a longer
form of an ordinary word ("Liffe" beside "Life", unless "Life" is a name on its own),
and names the house style lists in ``ignore_names``, a known place typed once ("Greece"
beside "Greene") or beside its adjective ("Argentina"/"Argentine"), a name written in a
team sheet or other list of names ("Sheahan, Horan, O'Callaghan": players differ by a
letter), names after different initials ("S Horgan", "M Horan"), and a first name beside
another person's surname ("Hayden Tanner", "Andy Haden").  Names under five letters are
flagged for a changed letter only when the other spelling recurs three times and neither
is a given name ("Saub" among "Saab"s, but not "Tory" beside "Tony").

A surname referred back to once ("Iurie Leanca ... Mr Leance") is checked against the
surname of the full name that introduced it, even when each spelling appears once:
news style introduces people by full name, so a lone surname one letter from an
introduced one, with no full name of its own, is that person's name mistyped.  In a
name of seven letters or more a letter moved two places is such a slip too, as two
letters swapped are ("Jérôme Castagnier ... Castaigner"), and so, in any, is an inner
letter dropped from the surname where the lone word speaks, an English word or not
("Prof Helen Marsh ... Mash said").  Under
five letters only a changed vowel or a typing slip after "Mr"/"Ms" ("Alain Lovy ... Mr
Levy") counts, or one of those or a key beside the right one that gives a form no list
knows ("Andrew Marr ... Matr"); a final "e" dropped or added counts when it gives such a
form ("Gareth Southgate ... Southgat", "Dana Whitcomb ... Whitcombe"; not "Des Browne ...
Brown"), and so does a surname's "s" dropped or added where the lone word names one
person ("Laura Desrochers ... Ms. Desrocher said"; not "the Desrocher family").

Two names written once each that differ by a typing slip (two letters swapped, one typed
twice: "Arcelor"/"Arcleor") are reported too, at both places (either may be the slip; so
is a back-reference and its introduction), and so do two that differ by a key beside the
right one on the keyboard when the word lists know one form and not the other
("Scotland"/"Scotkand", "Michael"/"Michaep"; the known one written as a name, a place,
or a word the story never writes in lower case beside a word of no person's name
("Labour said ..." and "between Lagour and"), not a word opening a sentence beside a
person's: "This" beside "James Thie"), or know neither and the names have five letters
or more ("Belmarsh"/"Belmafsh") and are not two full names ("Ana Ruis", "Mary Ruiz")
unless the names share a word ("Robert Kilroy-Silk", "Mr Kildoy-Silk") or both are
organisations' ("European Union", "Eudopean Council": a place's adjective mistyped,
flagged too when the right form recurs: "Scottush National Party" beside "Scottish
Executive"), or, even in a short name, one is spelt with runs of letters that no listed
word or name has and the other is not ("Acwh"/"Aceh", "Nqzi"/"Nazi").  A key slip that
gives a form no list knows from one it knows is a slip even in a short name, a given
name, or another person's full name ("Jihn Taylor" beside "John Snow", "Okiver Twist"
beside "Jamie Oliver", "Walez" beside "Wales"), and even where it reads as another
ending ("Have I Got Newe" beside "News") -- but not a surname beside a given name
("David Davis").
Otherwise a changed or dropped letter is
not enough there, since real names differ that way ("Brown"/"Browne"), unless the
rest of the name agrees: "Gordon Brown" and "Gurdon Brown", "Department for Work and
Pensions" and "Department for Wark and Pensions" are one name with one word mistyped,
so there a changed vowel or a key beside the right one counts even in a short, given
or ordinary word ("Lib Dema", "the Unites States") -- a changed vowel in a short word
also where the same name word follows both, as where the entities split "Work and
Pensions Secretary" from "Department for Wark and Pensions"; so does a given name
a letter off when the two full names share a later word ("Anthony Meyer", "Anthoy John
Charles Meyer").

An ordinary word the story only writes capitalised mid-sentence is a name there: a
typing slip of a name used at least three times ("the latest Troy attack" among "Tory"s)
is flagged, unless it sits in a name of its own ("Wall Street Journal" beside
"Wal-Mart").  A name after a particle of another language keeps that language's spelling
("Banco do Brasil" beside "Brazil").  Left alone too: two words of one name ("King
Kong"), a word beside a name that is only ever part of a hyphenated one ("Spidey" beside
"Spider-Man"), a listed given name beside a surname a letter typed twice apart ("Michel
Gondry", "Roger Michell"), and the given name of a person the story then calls by
surname beside a word that opens no name ("Linus Torvalds … Torvalds" beside "Linux");
nor a place beside its people or adjective ("Hondurans", "Somali", "Indian" beside
"Honduras", "Somalia", "Indiana"); nor the reporters of a credit line ("CNN's Barbara
Starr contributed to this report" beside "the Silver Star"); nor the plural of a name
the story writes beside a name that differs from it in the last letter ("Christians"
beside "a Christian" and "Christiane Amanpour"), a person's given name beside a place
("Indira Gandhi", "India"; "feminist Indira Jaising", a surname no list knows after it;
"Indira Bhavan", a word a letter longer than a place written alone, opening a name),
or a hyphenated name holding a place ("Franche-Comte", "France"; but "Genevva-based" is
a slip); nor an ordinary word written once, to open a sentence, beside a person's name
("Here's" beside "Herve Gourdel"); nor two common given names of the US Census, one of
them written as a given name, unless the same surname follows both ("Michele Jones"
beside "Michelle Obama", the singer "Jenifer" beside "Jennifer Lopez"; but "Michele
Yarnell" among "Michelle Yarnell"s is a slip); nor the tail of a hyphenated name after a
short head the story never writes alone ("Bar-Ilan" beside "Iran", "Paris Saint-Germain"
beside "German"; but "Al-Jumalli" among "Al-Jumaili"s and "Mexican-Ametican" are slips).

## Why is this bad?
A misspelt name is a correction waiting to happen and tells the named person the
story was not checked.

## Example
```
Captain Lena Ruiz said ... Ruiz added ... Ruis said the search would go on.
```

## Use instead
```
Captain Lena Ruiz said ... Ruiz added ... Ruiz said the search would go on.
```
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from kzaudit import regexcache
from kzaudit.extract.entities import common_words, word_set
from kzaudit.model import Document, Finding, Span, span_at
from kzaudit.regexcache import HOLD_GIL
from kzaudit.rules._letters import odd_runs
from kzaudit.rules._mechanics import PREFIXES
from kzaudit.rules._names import differing, is_key_slip, is_swap
from kzaudit.rules.base import RuleContext, times

ID = "name-variant"
GROUP = "names"
SEVERITY = "warning"
SUMMARY = 'A recurring name spelled differently once ("Ruiz" ... "Ruis")'
OPTIONS = {"min_length": 5, "min_majority": 2}

_MAX_WORDS = 5000  # distinct name words considered per story (hostile input bound)
_INFLECTIONS = frozenset("sniey")
# Endings a surname written for one person does not take or lose: "Quinteros said" beside
# "Marisol Quintero", "Whitcombe said" beside "Dana Whitcomb", "Rincó said" beside "Jhon
# Fredy Rincón"
_SURNAME_ENDINGS = frozenset("sen")
_VOWELS = frozenset("aeiouy")
# A capitalised word standing alone, or after a lower-case prefix and a hyphen ("a
# non-Opec supplier", "pre-Christmas sales"), or before a possessive "'s" ("the Trade
# Representative's Office"); not the second part of a hyphenated name ("Coca-Cola"),
# which the entities give as a word of that name, nor a part of "O'Neill"-like names.
_CAPITALISED = regexcache.compile(
    r"(?:(?<![\p{L}'\u2019-])|(?<=\p{Ll}-))\p{Lu}\p{Ll}{2,40}"
    r"(?![\p{L}]|['\u2019](?!s(?!\p{L})))"
)
_PARTS = regexcache.compile(r"[\s/\-]+")
_HONORIFIC = regexcache.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?[ ]$")
_SPEAKS = regexcache.compile(r"[ ](?:said|says|told|added|wrote|insisted|explained)\b")
_SPEAKER_MAJORITY = 3  # uses of a surname that make an ordinary word speaking its slip


@dataclass(slots=True)
class _Word:
    """One name word: where it occurs and the words beside it in full names."""

    spans: list[Span] = field(default_factory=list)
    count: int = 0  # times written capitalised, in names or not ("Lord" in "Lord Chief Justice")
    partners: set[str] = field(default_factory=set)  # other words of its multi-word names
    surname: bool = False  # last word of a multi-word person name
    alone: bool = False  # a one-word name somewhere ("Shell", not only "Standard Life")
    first: bool = False  # first word of a multi-word name ("Hayden" of "Hayden Tanner")
    given: bool = False  # first word of a multi-word person's name (not "Liberal Democrats")
    roster: bool = False  # written in a list of names (a team sheet): see ``_roster_starts``
    foreign: bool = False  # in a name in another language ("Banco do Brasil"): see ``_foreign``


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    credits = _credit_lines(doc)
    words = _name_words(doc, credits)
    _mark_rosters(doc, words)
    min_length = int(ctx.options.get("min_length", 5))
    min_majority = int(ctx.options.get("min_majority", 2))
    ignore = {n.lower() for n in ctx.style.ignore_names}
    spellings = words | _other_capitalised(_without(doc.text, credits), words)
    frequent = {w: info for w, info in spellings.items() if info.count >= min_majority}
    index: dict[str, list[str]] | None = None  # built for the first word that needs it
    initials = {w.lower()[:1] for w in frequent}  # ``_confusable`` wants the same first letter
    common_list = common_words()
    singles = [(w, info) for w, info in spellings.items() if info.count == 1]
    # Once-used name-like words not ignored, in text order, lower-cased once: the
    # candidates both this loop and ``_slipped_twins`` go through.
    by_start = sorted(singles, key=lambda kv: kv[1].spans[0].start)
    rares = [
        (w, low, info) for w, info in by_start if (low := w.lower()) not in ignore and _namelike(w)
    ]
    lower_words = _LowerWords(doc.text)
    firsts: dict[str, int] = {}  # ``_first_body_use``'s answers
    for rare, low, info in rares:
        start = info.spans[0].start
        if low[:1] not in initials:
            continue  # no recurring word it could be a slip of: skip the neighbour look-up
        ordinary = low in common_list
        titled = (
            ordinary and _HONORIFIC.search(doc.text, max(0, start - 6), start, HOLD_GIL) is not None
        )
        # an ordinary word that speaks ("…the big points better than me today," Tanka
        # said) is a name, as one after "Mr" is
        speaks = ordinary and not titled and _SPEAKS.match(doc.text, info.spans[0].end) is not None
        # An ordinary word is a name after "Mr"/"Ms" ("Ms Coper"), or where the story
        # only ever writes it capitalised, mid-sentence ("the latest Troy attack")
        named = titled
        if ordinary and not titled and _after_lower(doc.text, start):
            named = low not in lower_words
        if ordinary and not named and not speaks:
            continue
        if index is None:
            index = _deletion_index(frequent)
        for common in sorted(_neighbours(rare, index)):
            common_info = frequent[common]
            speaker = (  # of a name written in full ("Mei Tanaka") and often
                speaks
                and (common_info.surname or bool(common_info.partners))
                and common_info.count >= _SPEAKER_MAJORITY
            )
            if common.lower() in ignore or not _confusable(
                rare,
                common,
                info,
                common_info,
                min_length,
                named or speaker,
                info.surname and start < _first_body_use(doc, common, common_info, firsts),
                speaker,
                _one_person(doc.text, info.spans[0]),
            ):
                continue
            if _other_person(low, common.lower(), info, common_info):
                continue
            if _foreign_pair(info, common_info):
                continue  # "Banco do Brasil" beside "Brazil"
            if _plural_of_written(rare, common, spellings) or (
                _given_only(info)
                and (info.given or _before_unknown_words(info))
                and common.lower() in word_set("names_places")
            ):
                continue  # "Somalis" beside "a Somali"; "Indira Gandhi"/"Indira Jaising", "India"
            if (
                _beside(doc.text, info.spans[0], common)
                or _compounded_apart(doc.text, info, common_info)
                or _tail_of_compound(doc.text, info.spans[0], common_info.spans)
            ):
                continue  # "King Kong"; "Spidey" beside "Spider-Man"; "Bar-Ilan", "Iran"
            if (
                _given_of_surname(info, common_info, spellings)
                and not _hyphened(doc.text, info.spans[0])
                and common.lower() not in word_set("names_titles")  # "Lodd Holme" for "Lord"
                and not _slipped_given(low, common.lower())
            ):
                continue  # "Linus Torvalds … Torvalds" beside "Linux"
            if (
                ordinary
                and not titled
                and (
                    common_info.count
                    < (2 if _within_rest(info, common_info) else _NAMED_WORD_MAJORITY)
                    or (info.partners and not info.partners & common_info.partners)
                )
            ):
                continue  # "Troy" for "Tory" among several "Tory"s; not "Wall Street"/"Wal-Mart"
            n = frequent[common].count
            span = info.spans[0]
            written = doc.text[span.start : span.end]  # "PRAIS" in a dateline
            yield ctx.finding(
                doc,
                span,
                f'"{written}" appears once; "{common}" appears {times(n)} elsewhere in the story',
                common.upper() if written.isupper() else common,
            )
            break
    if min_majority > 1:
        found = yield from _back_references(doc, ctx, spellings, singles, ignore, min_length)
        yield from _slipped_twins(doc, ctx, rares, min_length, found, lower_words, spellings)


def _slipped_twins(
    doc: Document,
    ctx: RuleContext,
    rares: list[tuple[str, str, _Word]],
    min_length: int,
    done: set[str],
    lower_words: _LowerWords,
    spellings: dict[str, _Word],
) -> Iterator[Finding]:
    """ "Arcelor ... Arcleor": two names written once each, a typing slip apart.

    Only the slips of ``_twin_slip`` (a dropped letter or changed vowel never between
    given names: "Diane"/"Diana", "Kevin"/"Kelvin"), never a last letter added or
    dropped ("Brown"/"Browne"), and in words under ``min_length`` letters only a
    typing slip.  Both places are reported: either may be the slip.
    """
    # Every slip kept here keeps the first letter and changes the length by at most
    # one: candidates are looked up by (first letter, length).  A page of look-alike
    # names ("Personab", "Personac" …) fills those buckets, and is looked up by
    # deletion keys instead (``_LookAlikes``), so no page costs a scan of every pair.
    buckets: dict[tuple[str, int], list[tuple[str, str, int, _Word]]] = defaultdict(list)
    for w, low, i in rares:
        if len(w) >= 4:
            buckets[(low[0], len(low))].append((w, low, i.spans[0].start, i))
    look_alikes = _LookAlikes(buckets)
    first, places = word_set("names_first"), word_set("names_places")
    for rare, a, info in rares:
        if rare in done or len(a) < 4:
            continue
        start = info.spans[0].start
        # Earlier twins of another spelling, by word (each word is in one bucket once)
        near = look_alikes.earlier(a, start)
        if not near:
            continue
        near.sort(key=itemgetter(0))
        a_word: bool | None = None  # looked up only for a word with an earlier twin
        for other, b, other_start, other_info in near:
            if a_word is None:
                a_word = a in common_words()
            # "Gurdon Brown" / "Gordon Brown": the rest of the name agrees, so a changed
            # vowel or a short word is a slip too, even between given names or words
            kin = _within_rest(info, other_info) or _within_rest(other_info, info)
            b_word = b in common_words()
            if not kin and ((a_word and (b_word or b in first)) or (b_word and a in first)):
                continue  # real words or a name and a word: "Trace"/"Trade", "Brian"/"Brain"
            # one form the word lists know, the other a key beside it in none of them:
            # "Scotland"/"Scotkand", "Office"/"Ovfice", "Michael"/"Michaep"
            known_slip = _unspelt_edit(a, b) or _unspelt_edit(b, a)  # "Edinbqrgh"
            if not known_slip and len(a) == len(b) and is_key_slip(a, b):
                a_known, b_known = _known(a), _known(b)
                known, known_info, typed_info = (
                    (a, info, other_info) if a_known else (b, other_info, info)
                )
                known_slip = (
                    kin  # "Lib Dems"/"Lib Dema", "United States"/"Unites States"
                    or (
                        a_known != b_known
                        and _known_as_name(doc.text, known, known_info, typed_info, lower_words)
                    )
                    or (
                        not a_known
                        and not b_known
                        and len(a) >= min_length
                        and _one_name(info, other_info)
                    )  # neither known: "Belmarsh"/"Belmafsh", not "Ana Ruis"/"Mary Ruiz"
                    # last, as it reads every listed word's letter runs: "Acwh"/"Aceh"
                    or _unspelt_slip(a, b)
                    or _unspelt_slip(b, a)
                )
            if (a in places or b in places) and a[:-1] == b[:-1] and not known_slip:
                continue  # a place and its adjective: "Argentina"/"Argentine"
            if _people_of(a, b, places) or _people_of(b, a, places):
                continue  # "Somalis" beside "Somalia": a place and its people
            if not kin and (
                _other_person(a, b, info, other_info) or _other_person(b, a, other_info, info)
            ):
                continue
            if _foreign_pair(info, other_info):
                continue  # "Selm-Societa Energia Montedison" beside "Societe Generale"
            if not kin and (
                _opener_beside_person(doc.text, a, b, a_word, info, other_info)
                or _opener_beside_person(doc.text, b, a, b_word, other_info, info)
            ):
                continue  # "Here's a look" beside "Herve Gourdel"
            if _plural_of_written(rare, other, spellings) or _plural_of_written(
                other, rare, spellings
            ):
                continue  # "Christians" beside "a Christian", not "Christiane Amanpour"
            if _longer_hyphened(doc.text, info.spans[0], a, b) or _longer_hyphened(
                doc.text, Span(other_start, other_start + len(other)), b, a
            ):
                continue  # "Franche-Comte" beside "France"
            other_span = Span(other_start, other_start + len(other))
            if (
                not kin
                and (a in places) != (b in places)
                and (
                    _different_next(doc.text, info.spans[0], other_span.end)
                    or len(a) != len(b)  # a letter more: "Indira", not a key slip "Ddlhi"
                    and not _typing_slip(a, b)
                    and _given_name_opening(
                        doc.text, a, info.spans[0], b, other_span, places, first
                    )
                )
            ):
                continue  # "Indira Gandhi Memorial Hospital" beside "India Meteorological",
                # "Indira Bhavan" beside "the Election Commission of India on Monday"
            if _tail_of_compound(doc.text, info.spans[0], [other_span]) or _tail_of_compound(
                doc.text, other_span, info.spans
            ):
                continue  # "Paris Saint-Germain" beside "German champions"
            if _spelling_variant(a, b):
                continue  # "Islamise"/"Islamize": British and American spellings
            if (
                not _typing_slip(a, b)
                and (  # "Commonns", "Strraw": slips all the same
                    (_derived(a, b) and {a[-2:], b[-2:]} >= {"ns"})  # "Koreas", "Koreans"
                    or (a_word and _word_beside_surname(info, other_info))
                    or (b_word and _word_beside_surname(other_info, info))
                )
            ):
                continue  # "the Silver Star" and "CNN's Barbara Starr": a word, a surname
            one_person = kin or _same_family(info, other_info)
            if not one_person and not known_slip and _two_given_names(a, b, info, other_info):
                continue  # "Jennifer Lopez" and the singer "Jenifer": two given names
            if not known_slip and not _twin_slip(
                a, b, given=(a in first or b in first) and not one_person
            ):
                continue
            if len(a) < min_length and not (
                _typing_slip(a, b)
                or known_slip
                or (
                    _vowel_change(a, b)
                    and (
                        kin
                        or _one_known_place(a, b, places, first)
                        or _same_next(doc.text, info.spans[0], other_start + len(other))
                    )
                )
            ):
                continue
            done.add(rare)
            yield ctx.finding(
                doc,
                info.spans[0],
                f'"{rare}" and "{other}" (earlier) are each written once and differ by a '
                "slip of one letter: one of the two is misspelt",
                None,  # either may be the right one
            )
            if other not in done:  # either may be the slip: both places are shown
                done.add(other)
                yield ctx.finding(
                    doc,
                    Span(other_start, other_start + len(other)),
                    f'"{other}" and "{rare}" (later) are each written once and differ by a '
                    "slip of one letter: one of the two is misspelt",
                )
            break


def _back_references(
    doc: Document,
    ctx: RuleContext,
    spellings: dict[str, _Word],
    singles: list[tuple[str, _Word]],
    ignore: set[str],
    min_length: int,
) -> Generator[Finding, None, set[str]]:
    """ "Iurie Leanca ... Mr Leance": a surname referred back to with a letter off.

    News style introduces a person by full name, then uses the surname alone or
    after "Mr"/"Ms".  A later lone surname one letter from an introduced one, with
    no full name of its own, is that person's name mistyped, even when each
    spelling appears once.
    """
    flagged: set[str] = set()
    intros = {w: i for w, i in spellings.items() if i.count == 1 and i.surname and i.partners}
    if not intros:
        return flagged
    index = _deletion_index(intros)
    for rare, info in singles:
        if rare in intros or info.partners or len(rare) < 4 or rare.lower() in ignore:
            continue
        start = info.spans[0].start
        titled = _HONORIFIC.search(doc.text, max(0, start - 6), start, HOLD_GIL) is not None
        one_person = _one_person(doc.text, info.spans[0])
        ordinary = rare.lower() in common_words()
        # an ordinary word that speaks is a name too: "Prof Helen Marsh … Mash said"
        speaks = one_person and not titled and ordinary
        if not _namelike(rare) or (ordinary and not titled and not speaks):
            continue
        for intro in sorted(_neighbours(rare, index)):
            first = intros[intro]
            if first.spans[0].start >= start or intro.lower() in ignore:
                continue
            # "Alain Lovy ... Mr Levy": in a short surname or an ordinary word after "Mr"
            # only a changed vowel or a typing slip, but then even a word ("levy")
            low, intro_low = rare.lower(), intro.lower()
            if _other_person(low, intro_low, info, first):
                continue
            slight = _vowel_change(low, intro_low) or _typing_slip(low, intro_low)
            # a short one in no word list, a vowel or a key off: "Andrew Marr ... Matr"
            unknown_short = (
                len(rare) < min_length
                and (slight or is_key_slip(low, intro_low) or _inner_drop(low, intro_low))
                and not _known(low)
            )  # "Putn" after "Vladimir Putin"
            dropped = speaks and _inner_drop(low, intro_low)  # "Mash said" for "Marsh"
            if len(rare) < min_length and not (slight or unknown_short or dropped):
                continue
            # "Gareth Southgate ... Southgat", "Dana Whitcomb ... Whitcombe": a final "e"
            # dropped or added into a form no list knows ("Brown", "Browne" are both known)
            final_e = (low + "e" == intro_low or intro_low + "e" == low) and not _known(low)
            if not ((titled and slight) or unknown_short or final_e) and not _confusable(
                rare,
                intro,
                info,
                first,
                min_length,
                titled,
                speaker=speaks,
                one_person=one_person,
            ):
                continue
            apart = "a letter moved" if _moved_letter(low, intro_low) else "one letter"
            yield ctx.finding(
                doc,
                info.spans[0],
                f'"{rare}" is {apart} from "{intro}", the surname of a person introduced '
                "earlier by full name and not named otherwise: one of the two is misspelt",
                intro,
            )
            flagged.add(rare)
            if intro not in flagged:  # the introduction may be the slip: point at it too
                flagged.add(intro)
                yield ctx.finding(
                    doc,
                    first.spans[0],
                    f'"{intro}" (a full name\'s surname) is {apart} from "{rare}" later in the '
                    "story, where the person is not named otherwise: one of the two is misspelt",
                )
            break
    return flagged


# A credit line names the reporters, not the story's people: "CNN's Barbara Starr and
# Ray Sanchez contributed to this report", "Madison Park wrote and reported in Hong Kong".
_CREDIT = regexcache.compile(
    r"\bcontributed[ \t]{1,3}(?:to[ \t]{1,3}(?:this|the)[ \t]{1,3}(?:report|story|article)"
    r"|reporting)\b|\b(?:wrote[ \t]{1,3}and[ \t]{1,3}reported|reported[ \t]{1,3}and[ \t]{1,3}wrote)\b"
)


def _credit_lines(doc: Document) -> list[Span]:
    """The sentences that credit reporters: their names are compared with nothing."""
    text = doc.text
    if not doc.sentences or (
        "contributed" not in text and "and wrote" not in text and "and reported" not in text
    ):
        return []
    found = {doc.sentences[doc.sentence_index(m.start())].span for m in _CREDIT.finditer(text)}
    return sorted(found)


def _without(text: str, spans: list[Span]) -> str:
    """``text`` with ``spans`` (sorted, not overlapping) blanked, every offset kept; in
    one pass, since a hostile story may hold thousands of credit lines."""
    if not spans:
        return text
    pieces, at = [], 0
    for span in spans:
        pieces += (text[at : span.start], " " * (span.end - span.start))
        at = span.end
    pieces.append(text[at:])
    return "".join(pieces)


def _name_words(doc: Document, credits: list[Span]) -> dict[str, _Word]:
    """Each word of each non-acronym entity outside the credit lines, with its
    occurrences and partners."""
    out: dict[str, _Word] = {}
    dateline, headline = doc.dateline, doc.headline
    story = doc.text
    for e in doc.entities:
        if e.kind == "acronym" or span_at(credits, e.span.start) is not None:
            continue
        text = e.text
        if e.kind == "place" and text.isupper() and dateline and dateline.overlaps(e.span):
            text = e.key  # a dateline city in capitals, as the story writes it: "PRAIS" -> "Prais"
        # "Blair-Brown", "Ryanair/Boeing": each part is a name word
        parts = [p for p in _PARTS.split(text) if p] if "-" in text or "/" in text else text.split()
        offset, stop, last = e.span.start, e.span.end, len(parts) - 1
        if headline is not None and headline.contains(e.span) and "for" in parts:
            last = 0  # a headline's "Brennan for Lions": a name, a preposition, a name
        person: bool | None = None  # read once, for the first multi-word part that needs it
        foreign = _foreign(story, e)
        for i, part in enumerate(parts):
            start = story.find(part, offset, stop)
            start = offset if start == -1 else start
            offset = start + len(part)
            info = out.get(part)
            if info is None:
                if len(out) >= _MAX_WORDS:
                    continue
                info = out[part] = _Word()
            info.spans.append(Span(start, offset))
            info.foreign = info.foreign or foreign
            if not last:
                info.alone = True
                continue
            partners = info.partners
            partners.update(parts)
            partners.discard(part)  # never a partner of itself: it was never added before
            if i == 0:
                info.first = True
            if i == 0 or i == last:  # a given name or a surname, if a person's
                if person is None:
                    person = e.kind == "person" or _introduced(story, e)
                if person and i:
                    info.surname = True
                info.given = info.given or (person and not i)
    return out


# A particle of another language between two capitalised words: "Jornal do Brasil".
_PARTICLES = ("do", "da", "dos", "das", "di", "del", "della", "du", "des", "voor", "y")
_PARTICLE_BEFORE = regexcache.compile(rf"\p{{Lu}}\p{{L}}{{1,30}}[ ](?:{'|'.join(_PARTICLES)})[ ]$")
_PARTICLE_SET = frozenset(_PARTICLES)


# ... or after the name: "Fondation pour l'Enfance", "Institut für Weltwirtschaft".
_PARTICLES_AFTER = (*_PARTICLES, "pour", "f\u00fcr", "sur")
_PARTICLE_AFTER_SET = frozenset(_PARTICLES_AFTER)
_PARTICLE_AFTER = regexcache.compile(
    rf"[ ](?:{'|'.join(_PARTICLES_AFTER)})[ ](?:l['\u2019]|d['\u2019])?\p{{Lu}}"
)


def _foreign(text: str, e) -> bool:  # noqa: ANN001 - an Entity
    """The name stands beside a particle of another language ("Banco do Brasil", "Jornal
    do Brasil", "Fondation pour l'Enfance"): it keeps that language's spelling, so
    "Brasil" there is no slip of "Brazil", nor "Fondation" of "Foundation".

    Each pattern is tried only where a slice shows a particle beside the name: most
    names have none, and a slice is cheaper than a search.
    """
    after = text[e.span.end : e.span.end + 7]  # " della ": the longest particle
    if (
        after[:1] == " "
        and after[1:].partition(" ")[0] in _PARTICLE_AFTER_SET
        and _PARTICLE_AFTER.match(text, e.span.end) is not None
    ):
        return True
    return _particle_before(text, e)


def _particle_before(text: str, e) -> bool:  # noqa: ANN001 - an Entity
    """``_PARTICLE_BEFORE`` ends right before the name; searched only where a particle
    and a space end there (``$`` may also match before a newline)."""
    start = e.span.start
    end = start - 1 if text[start - 1 : start] == "\n" else start
    before = text[max(0, end - 8) : end]
    if not before.endswith(" ") or before[:-1].rpartition(" ")[2] not in _PARTICLE_SET:
        return False
    return _PARTICLE_BEFORE.search(text, max(0, start - 40), start) is not None


def _foreign_pair(a: _Word, b: _Word) -> bool:
    """One of the two is written in a name in another language that the other never
    shares a word with: two spellings of two languages, not a slip.  Both so written
    are one language's name, where a letter off is a slip ("Lyonnaise des Eaux",
    "Lyonaise des Eaux")."""
    return a.foreign != b.foreign and not a.partners & b.partners


# A person introduced in apposition: "chairman, Karim Massimov", "Dimash Alzhanov, a
# political scientist", "Volodymyr Shevchenko, who", "said Dosym Satpayev".  Bounded.
_INTRO_BEFORE = regexcache.compile(r"(?:\p{Ll}{3,30},|\b(?:said|says|told|by))[ ]$")
_INTRO_AFTER = regexcache.compile(
    r",[ ](?:who|whose|a|an|the|[0-9]{1,3},)[ ]|[ ](?:said|says|told|added|wrote)\b"
)


def _introduced(text: str, e) -> bool:  # noqa: ANN001 - an Entity
    """An entity of unknown kind that reads as a person's full name: two or three
    capitalised words that are no ordinary word, place or organisation word (a given
    name the data does not know: "Karim", "Volodymyr"), standing in apposition."""
    if e.kind != "other":
        return False
    parts = e.text.split()
    if not 2 <= len(parts) <= 3:
        return False
    places, org_words = word_set("names_places"), word_set("names_org_words")
    for part in parts:
        low = part.lower()
        if not _namelike(part) or low in common_words() or low in places or low in org_words:
            return False
    start, end = e.span.start, e.span.end
    return (
        _INTRO_BEFORE.search(text, max(0, start - 32), start, HOLD_GIL) is not None
        or _INTRO_AFTER.match(text, end, None, HOLD_GIL) is not None
    )


def _other_capitalised(text: str, words: dict[str, _Word]) -> dict[str, _Word]:
    """Count every capitalised word, in names or not: a name word's count includes the
    times extraction left it out ("Irish" before a title), and words that are no name's
    word ("President", "Christmas") are returned, so that a name typed once from them
    ("Prseident Yudhoyono", "Chritmas Day") is still a slip."""
    out: dict[str, _Word] = {}
    seen: dict[str, int] = {}
    if len(text) <= _FIND_LIMIT:  # counted in C; the few new words then found by str.find
        seen = Counter(_CAPITALISED.findall(text, 0, None, False, HOLD_GIL))
    if seen and len(seen) <= _MAX_WORDS:
        for word in seen:
            if word not in words:
                start = _first_standing(text, word)
                out[word] = _Word(spans=[Span(start, start + len(word))], alone=True)
    else:  # a long story: one pass, at most ``_MAX_WORDS`` distinct words (flat memory)
        seen = {}
        for m in _CAPITALISED.finditer(text, 0, None, False, HOLD_GIL):
            word = m.group()
            n = seen.get(word)
            if n is None:
                if len(seen) >= _MAX_WORDS:
                    continue
                n = 0
                if word not in words:
                    out[word] = _Word(spans=[Span(m.start(), m.end())], alone=True)
            seen[word] = n + 1
    for word, info in words.items():
        info.count = max(len(info.spans), seen.get(word, 0))
    for word, info in out.items():
        info.count = seen[word]
    return out


_NAMED_WORD_MAJORITY = 3  # uses of the name an ordinary word is read as a slip of
_FIND_LIMIT = 200_000  # characters up to which capitalised words are counted in C


def _first_standing(text: str, word: str) -> int:
    """Where ``word`` first stands as ``_CAPITALISED`` matches it: no letter, apostrophe
    or hyphen before (but for a lower-case prefix's: "pre-Christmas"), no letter or
    apostrophe after (but for a possessive "'s") -- it is known to occur so."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        prefixed = before == "-" and start > 1 and text[start - 2].islower()  # "pre-Christmas"
        joined = (before.isalpha() or before in "'\u2019-") and not prefixed
        possessive = text[end + 1 : end + 2] == "s" and not text[end + 2 : end + 3].isalpha()
        if not (joined or after.isalpha() or (after in "'\u2019" and not possessive)):
            return start
        start = text.find(word, start + 1)
    raise ValueError(word)  # pragma: no cover - the word was matched in the text


def _known_as_name(
    text: str, known: str, info: _Word, typed: _Word, lower_words: _LowerWords
) -> bool:
    """The form the word lists know (``known``, seen at ``info``) is a name in this
    story: written as one (``_as_name``), a place, or -- beside a word of no person's
    name (``typed``) -- a word the story never writes in lower case ("Labour said ..."
    beside "between Lagour and", a headline's "Baron Kinnock" beside "Barln Kinnock");
    not an ordinary word opening a sentence beside a person's name ("This ..." beside
    "James Thie")."""
    return (
        _as_name(text, info)
        or known in word_set("names_places")
        or (not (typed.given or typed.surname) and known not in lower_words)
    )


def _one_name(a: _Word, b: _Word) -> bool:
    """Two words a key apart that no list knows may stand for one name: a word alone,
    in names that share another word ("Robert Kilroy-Silk", "Mr Kildoy-Silk"), or in
    two organisations' names ("European Union", "Eudopean Council": a place's adjective
    mistyped) -- not in two people's full names ("Ana Ruis", "Mary Ruiz"), where a
    letter is how two families' names differ."""
    if not (a.partners and b.partners) or a.partners & b.partners:
        return True
    return _org_name(a) and _org_name(b)


def _org_name(w: _Word) -> bool:
    """A word of an organisation's name ("Council" or "Party" among the words beside
    it), and of no person's: such names share a place's adjective ("Scottish
    Executive", "Scottish National Party"), not a family name."""
    if w.given or w.surname:
        return False
    org_words = word_set("names_org_words")
    return any(p.lower().rstrip(".") in org_words for p in w.partners)


def _as_name(text: str, info: _Word) -> bool:
    """Written in a name of several words, or capitalised mid-sentence: not an ordinary
    word that opens a sentence ("This" beside "James Thie")."""
    if info.partners:
        return True
    before = text[max(0, info.spans[0].start - 4) : info.spans[0].start].rstrip(
        " \t\"'(\u201c\u2018"
    )
    return bool(before) and before[-1] not in ".!?:\n"  # "U.S.-Japan" is mid-sentence


def _after_lower(text: str, start: int) -> bool:
    """The word at ``start`` follows a lower-case word or a comma: mid-sentence."""
    before = text[max(0, start - 3) : start].rstrip()
    return bool(before) and (before[-1].islower() or before[-1] == ",")


# Words the story writes in lower case: a capitalised ordinary word the story never
# writes so ("Troy") is a name wherever it stands mid-sentence.
_LOWER_WORD = regexcache.compile(r"(?<![\p{L}])\p{Ll}[\p{L}]{0,40}(?![\p{L}])")
_FIND_BUDGET = 16  # words looked up by ``str.find`` before one scan of the whole story


@dataclass(slots=True)
class _LowerWords:
    """Whether the story writes a word in lower case (as ``_LOWER_WORD`` reads words).

    Why two ways: most stories ask about two or three words, and a ``str.find`` for
    each is far cheaper than a regex scan listing every word; past ``_FIND_BUDGET``
    questions (hostile input) one scan builds the set, so the cost stays linear.
    """

    text: str
    words: set[str] | None = None
    asked: int = 0

    def __contains__(self, word: str) -> bool:
        if self.words is None and self.asked < _FIND_BUDGET:
            self.asked += 1
            return _LOWER_WORD.fullmatch(word) is not None and self._found(word)
        if self.words is None:
            words = _LOWER_WORD.finditer(self.text, 0, None, False, HOLD_GIL)
            self.words = {m.group() for m in words}  # a set straight from the scan: no list
        return word in self.words

    def _found(self, word: str) -> bool:
        """An occurrence of ``word`` that is a whole word of the text."""
        text, n = self.text, len(word)
        i = text.find(word)
        while i != -1:
            m = _LOWER_WORD.match(text, i, None, HOLD_GIL)
            if m is not None and m.end() == i + n:
                return True
            i = text.find(word, i + 1)
        return False


def _namelike(word: str) -> bool:
    if word.isalpha():  # the usual case, with no hyphen or apostrophe to drop
        return word[0].isupper() and not word.isupper()
    letters = word.replace("-", "").replace("'", "").replace("\u2019", "")
    return word[:1].isupper() and letters.isalpha() and not word.isupper()


def _deletion_index(words: dict[str, _Word]) -> dict[str, list[str]]:
    """Every word and each of its one-letter deletions -> words: one shared key means
    one edit or one adjacent swap apart (symmetric-delete lookup, linear in text)."""
    index: dict[str, list[str]] = defaultdict(list)
    for w in words:
        low = w.lower()
        for variant in {low, *(low[:i] + low[i + 1 :] for i in range(len(low)))}:
            index[variant].append(w)
    return index


def _neighbours(word: str, index: dict[str, list[str]]) -> set[str]:
    low = word.lower()
    found: set[str] = set()
    for variant in {low, *(low[:i] + low[i + 1 :] for i in range(len(low)))}:
        found.update(index.get(variant, ()))
    found.discard(word)
    return found


def _named_alone(a: str, b: str, common_info: _Word) -> bool:
    """``b`` (an ordinary word of five letters or more) is a one-word name the story
    writes three times or more ("Labour said"), and ``a``, no given name, is ``b`` with a
    letter added: "the Lawbour Party"."""
    return (
        common_info.alone
        and common_info.count >= _NAMED_WORD_MAJORITY
        and len(b) >= 5
        and a not in word_set("names_first")
    )


_MOVED_MIN = 7  # letters from which a letter moved two places is a slip, not another name


def _moved_letter(a: str, b: str) -> bool:
    """One inner letter moved two places, the rest in order ("castaigner"/"castagnier"),
    in words long enough that no two names differ so (three-letter runs rotated)."""
    if len(a) != len(b) or len(a) < _MOVED_MIN:
        return False
    diff = differing(a, b)
    if len(diff) != 3 or diff[2] - diff[0] != 2 or diff[0] == 0:
        return False
    i = diff[0]
    x, y = a[i : i + 3], b[i : i + 3]
    return x == y[1:] + y[0] or x == y[2] + y[:2]


def _confusable(
    rare: str,
    common: str,
    rare_info: _Word,
    common_info: _Word,
    min_length: int,
    titled: bool,
    introduces: bool = False,
    speaker: bool = False,
    one_person: bool = False,
) -> bool:
    """``introduces``: the rare word's full name comes before every use of the common one
    outside the headline ("Michael Owon revelled …" before "Owen said").  ``one_person``:
    the rare word names one person (it speaks, or follows "Mr"/"Ms"), so an "s" on a
    surname is no plural ("Quinteros said" beside "Marisol Quintero")."""
    a, b = rare.lower(), common.lower()
    if a.replace("-", "") == b.replace("-", ""):
        return False  # "Euro-Sceptic"/"Eurosceptic"
    if _inflection(a, b):
        if not (one_person and common_info.surname and {a[-1], b[-1]} & _SURNAME_ENDINGS):
            return False  # "Russians"/"Russian", "the Blairs"
        return not rare_info.partners and not _known(a)
    if (
        _same_stem(a, b)
        and not _unknown_key_slip(a, b)
        # a person's surname spelt with its last "y" as "i" ("Ramaswami" beside "Priya
        # Ramaswamy") is one surname spelt two ways, not a word and its people
        and not (common_info.surname and not rare_info.partners and {a[-1], b[-1]} == {"i", "y"})
    ):
        return False  # "Germans"/"Germany"; not "Have I Got Newe" beside "News"
    if (_other_form(a, b) or _other_form(b, a)) and not _unknown_key_slip(a, b):
        return False  # "Scots" beside "Scott", "Stevie" beside "Steve"; not "Walez"/"Wales"
    if _derived(a, b):
        return False  # "Somalis" beside "Somalia", "Hondurans" beside "Honduras"
    if _slavic_ending(a, b) or _slavic_ending(b, a):
        return False  # "RTV Slovenija" beside "Slovenia": the name in its own language
    if a == b or a[0] != b[0]:
        return False
    plain_a, plain_b = _unaccented(a), _unaccented(b)
    moved = _moved_letter(a, b)  # "Castaigner" beside "Castagnier": a swap reaching past one
    if (
        not moved
        and not _one_edit(a, b)
        and not (plain_a != plain_b and _one_edit(plain_a, plain_b))
    ):
        return False  # (an accent dropped besides is one slip: "Meija" beside "Mejía")
    slip = len(a) >= 4 and (
        moved or is_swap(a, b) or is_swap(plain_a, plain_b) or _is_doubling(a, b)
    )
    if (
        a in common_words()  # "Coper" after "Ms" is a name: "Cooper" mistyped
        # "the United Sates": a word in a name whose other words agree
        and not (titled and (slip or _is_doubling(b, a) or _same_rest(rare_info, common_info)))
        # a speaker's surname with a letter dropped, the surname written often: "Tanka
        # said" among "Tanaka" x8
        and not (speaker and _inner_drop(a, b))
    ):
        return False
    first, places = word_set("names_first"), word_set("names_places")
    if (a in first and b in first) or a in places:
        return False  # "Greece" typed once is no slip of "Greene", nor "Boston" of "Bolton"
    peoples = word_set("names_peoples")
    if a in peoples and (b in peoples or b in places or b[-1:] == "n" and b[:-1] in places):
        return False  # "Hindi" beside "Hindu": a language and a faith; "Bosniak" beside
        # "Bosnia" and "Bosnian": a people beside its land and the land's adjective
    shared = _shared_partner(rare_info, common_info)
    if not shared and _two_given_names(a, b, rare_info, common_info):
        return False  # "Michele Jones" beside "Michelle Obama": another woman
    # a key beside the right one, giving a form no word list knows ("Okiver", "Jihn"):
    # a slip even between two people's names and in short names and given names
    # ... or beside a word of names (no person's: "Felipe Gonzalez" beside "Alberto
    # Gonzales" is two men) the story writes twice or more ("Eudopean Championships"
    # beside "European Cup", "European Indoor Championships"); so is an inner letter
    # dropped there ("Euroean Council" beside "European Commission")
    unknown_in_names = _unknown_in_names(a, rare_info, common_info)
    unknown_key_slip = _unknown_key_slip(a, b) or (unknown_in_names and is_key_slip(a, b))
    if slip and a[:-1] == b and a[-1] == b[-1] != b[-2] and b in common_words():
        return False  # "Peter Marshall" beside "Field Marshal": a name (but "Congresss")
    if slip:
        # "Jhon", "Morrris", "Reliacne Energy": typing slips, not other names; but an
        # ordinary word seen only inside other names ("Standard Life") is not the one
        # a lone name echoes ("derivatives market Liffe"); "Vivendi Univversal" is a slip
        return (
            b not in common_words()
            or common_info.alone
            or _standing_outside(common_info)
            or common_info.surname
            or bool(rare_info.partners)
            or is_swap(a, b)  # "Notrh and South Darfur" beside "North Darfur"
            or _long_inner_doubling(a, b)  # "NBC Univversal" beside "Vivendi Universal"
        )
    if (
        b in common_words()
        and len(a) > len(b)
        and not _unspelt_insert(a, b)
        and b not in word_set("names_places")
        and not (common_info.surname and common_info.count >= _NAMED_WORD_MAJORITY)
        and not _named_alone(a, b, common_info)
    ):  # "Liffe" is not a slip for "Life" (but "Frefnch" is for "French", "Tuerkey"
        return False  # for "Turkey", a place, "Borown" for "Mr Brown", a surname, and
        # "Lawbour" for "Labour", a name on its own three times)
    if (
        rare_info.partners
        and common_info.partners
        and not shared
        and not unknown_key_slip  # "Okiver Twist" beside "Jamie Oliver"
        and not (unknown_in_names and _inner_drop(a, b))  # "Euroean Council"
        and not _one_known_place(a, b, places, first)  # "Kinya National Commission"
        and not _ordinary_part(a, b, rare_info, common_info, first)  # "Insurance Concil"
        and not (is_key_slip(a, b) and _org_name(rare_info) and _org_name(common_info))
    ):  # "Scottush National Party" beside "Scottish Executive"
        return False  # "Des Browne" is not "Gordon Brown"
    if len(a) < min_length and speaker and common_info.surname and _inner_drop(a, b):
        # a speaking word, a surname with a letter dropped: "Prof Helen Marsh … Mash said"
        return len(a) >= 4 and not rare_info.partners and a not in first and b not in first
    if len(a) < min_length and unknown_key_slip:  # "Jihn Taylor", "the Tody plans"
        return common_info.count >= 2 and len(a) >= 4
    if len(a) < min_length:  # "Saub" for "Saab", but "Tory" is not "Tony"
        # "Lena Ruiz ... Ruiz ... Ruis": a lone surname a neighbouring key from the
        # surname of a person named twice or more
        kin = _within_rest(rare_info, common_info) or (
            common_info.surname
            and not rare_info.partners
            and (is_key_slip(a, b) or (_inner_drop(a, b) and not _known(a)))
        )  # "Ruis" for "Ruiz", "Putn" for "Putin": a surname's letter mistyped or dropped
        return (
            common_info.count >= (2 if kin else 3)  # "Lib Dums"
            and len(a) >= 4
            and (not rare_info.partners or not common_info.partners or shared)
            and a not in first
            and (b not in first or (introduces and _surname_alone(common_info)))
        )  # a given name ("Tony"/"Tory"), unless the story writes it alone as the surname
        # of the full name the slip introduced ("Michael Owon revelled", then "Owen" x4)
    return True


_THE_BEFORE = regexcache.compile(r"\b[Tt]he[ ]$")


def _one_person(text: str, span: Span) -> bool:
    """The name at ``span`` stands for one person: it speaks ("Quinteros said"), not
    after "the" ("the Blairs said"), or follows "Mr"/"Ms" -- but not before "'s", where
    a surname's own "s" is often dropped ("Mr Ebber's lawyers" for Ebbers')."""
    if text.startswith(("'s", "\u2019s"), span.end):
        return False
    if _HONORIFIC.search(text, max(0, span.start - 6), span.start, HOLD_GIL) is not None:
        return True
    return (
        _SPEAKS.match(text, span.end) is not None
        and _THE_BEFORE.search(text, max(0, span.start - 4), span.start) is None
    )


def _two_given_names(a: str, b: str, a_info: _Word, b_info: _Word) -> bool:
    """Both are established given names (the short list, or the census's common ones)
    and the story writes one of them as a given name: "Jenifer" beside "Jennifer Lopez"
    is another woman, but "Troy" once among "Tory"s, no one's given name, a slip."""
    first, census = word_set("names_first"), word_set("names_given_census")
    if a in first and b in first:
        return True
    return (
        (a in first or a in census)
        and (b in first or b in census)
        and (a_info.given or b_info.given)
    )


def _unknown_key_slip(a: str, b: str) -> bool:
    """``a`` is ``b`` with a key beside the right one, and the word lists know ``b`` and
    not ``a`` ("Jihn"/"John", "Walez"/"Wales"); two forms no list knows may be two real
    names ("Ruis"/"Ruiz", "Gonzales"/"Gonzalez")."""
    return is_key_slip(a, b) and not _known(a) and _known(b)


_UNSPELT_RUNS = 2  # letter runs no listed word has: one is often a foreign name's ("-lez")


def _unspelt_slip(a: str, b: str) -> bool:
    """``a`` is ``b`` with a key beside the right one, and ``a`` has runs of three
    letters that no word or name in the lists has ("Acwh": "acw", "cwh", "wh" ending
    a word) where ``b`` has none: no name is spelt so, even one no list knows.  One
    such run alone is often how another language spells ("Gonzalez": "lez")."""
    return is_key_slip(a, b) and odd_runs(b) == 0 and odd_runs(a) >= _UNSPELT_RUNS


def _unspelt_edit(a: str, b: str) -> bool:
    """``a`` is ``b`` with one inner letter changed, added or dropped, and has runs of
    three letters that no listed word has where ``b`` has none ("Edinbqrgh": "bqr",
    "qrg" beside "Edinburgh").  Two such runs, as one is often how another language
    spells ("Cereais" beside "Cereals": "eai"); one is enough beside a listed place
    ("Ixaq" beside "Iraq")."""
    if not _one_inner_edit(a, b) or odd_runs(b) != 0:  # the cheap test first
        return False
    runs = odd_runs(a)
    return runs >= _UNSPELT_RUNS or (runs == 1 and b in word_set("names_places") and not _known(a))


def _one_inner_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped inside the word (not the last), in ASCII
    ("María"/"Maria" is an accent dropped, not a slip)."""
    if abs(len(a) - len(b)) > 1 or a[0] != b[0] or a[-1] != b[-1] and len(a) != len(b):
        return False
    if not (a.isascii() and b.isascii()):
        return False
    if len(a) == len(b):
        diff = differing(a, b)
        return len(diff) == 1 and diff[0] < len(a) - 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return _inner_drop(short, long)


def _unspelt_insert(a: str, b: str) -> bool:
    """``a`` is ``b`` with a letter added that makes runs of three letters no listed word
    has ("Frefnch": "fnc"): no name is spelt so, unlike "Liffe" beside "Life"."""
    return odd_runs(a) >= 1 and odd_runs(b) == 0


def _known(word: str) -> bool:
    return (
        word in common_words()
        or word in word_set("names_first")
        or word in word_set("names_places")
    )


def _other_person(a: str, b: str, a_info: _Word, b_info: _Word) -> bool:
    """Evidence that two spellings a changed or dropped letter apart are two people
    (a typing slip, two letters swapped or one doubled, is a slip all the same):

    - ``a`` is written in a team sheet or other list of names ("Sheahan, Horan,
      O'Callaghan, Miller"), where a letter is how two players differ ("Horan",
      "Horgan"), in names under eight letters;
    - one is only the first word of a name and the other a person's surname
      ("Hayden Tanner" and "Andy Haden");
    - both are only first words of people's names that share no other word
      ("Kiichi Miyazawa" and "Koichi Tsukihara"): two given names, two people;
    - they follow initials or given names that disagree ("S Horgan", "M Horan"; "C
      Thomson", "Alan Thompson");
    - one is a listed given name written only so and the other a surname only and no
      listed given name ("Michel Gondry" and "Roger Michell"): even a letter typed
      twice is then how two names differ.
    """
    if _given_and_other(a, b, a_info, b_info) or _given_and_other(b, a, b_info, a_info):
        return True
    if _typing_slip(a, b):
        return False
    for typed, known, t_info, k_info in ((a, b, a_info, b_info), (b, a, b_info, a_info)):
        # no one is called Jihn ("Jihn Taylor" beside "John Snow") or Justoce ("Mr
        # Justoce Harrison" beside "Lord Chief Justice"); but a surname no list knows
        # may be a key from a given name ("David Davis")
        if _unknown_key_slip(typed, known) and not (_surname_only(t_info) and _given_only(k_info)):
            return False
    if _initials_disagree(a_info, b_info):
        return True
    if a_info.roster:  # in a long name a letter more or less is a slip even there
        return max(len(a), len(b)) < _ROSTER_SLIP_LENGTH
    if a_info.given and b_info.given and _given_only(a_info) and _given_only(b_info):
        return not a_info.partners & b_info.partners  # "Kiichi Miyazawa", "Koichi Tsukihara"
    return (
        _given_only(a_info)
        and _surname_only(b_info)
        or (_given_only(b_info) and _surname_only(a_info))
    )


def _given_and_other(given: str, other: str, g_info: _Word, o_info: _Word) -> bool:
    """``given`` opens people's names only and the lists know it as a given name;
    ``other`` ends them only and is no listed given name."""
    first = word_set("names_first")
    return (
        g_info.given
        and _given_only(g_info)
        and _surname_only(o_info)
        and given in first
        and other not in first
    )


def _slipped_given(rare: str, common: str) -> bool:
    """``common`` is a given name the lists know and ``rare``, in its place before a
    surname, is none: "Ekvis Presley" beside "Elvis" is that given name mistyped."""
    first, census = word_set("names_first"), word_set("names_given_census")
    return (common in first or common in census) and rare not in first and rare not in census


# Lower-case words that join the words of an organisation's or a title's name ("Bank
# for International Settlements", "Secretary of State"), never of a person's.
_NOT_IN_PERSONS = frozenset(["for", "of", "and", "the", "on", "in", "at", "to", "with", "&"])


def _given_of_surname(rare: _Word, common: _Word, words: dict[str, _Word]) -> bool:
    """``rare`` opens a name whose last word the story also writes alone, as it refers
    to a person by surname ("Linus Torvalds" … "Torvalds said"), and ``common`` never
    opens a name nor shares a word with it ("Linux"): a given name, not a slip."""
    if not rare.first or rare.alone or common.first or rare.partners & common.partners:
        return False
    if rare.partners & _NOT_IN_PERSONS:
        return False  # "Isrzel for Bayern Munich": a name joined by "for" is no person's
    places = word_set("names_places")
    return any(
        (w := words.get(p)) is not None
        and w.alone
        and not _known(p.lower())  # a surname, not "Day" ("Chritmas Day") nor a place
        and p.lower() not in places
        for p in rare.partners
    )


def _word_beside_surname(word: _Word, surname: _Word) -> bool:
    """``word`` ends names of ordinary words only ("Silver Star") and ``surname`` ends
    people's names after a listed given name ("Barbara Starr"): two names."""
    first = word_set("names_first")
    return (
        bool(word.partners)
        and all(p.lower() in common_words() for p in word.partners)
        and _surname_only(surname)
        and any(p.lower() in first for p in surname.partners)
    )


def _slavic_ending(a: str, b: str) -> bool:
    """``a`` ends in "-ija" where ``b`` ends in "-ia": a place's name in a Slavic or
    Baltic language ("Slovenija", "Srbija", "Latvija"), as in a broadcaster's or a
    party's name, not a slip of the English one."""
    return a.endswith("ija") and b == a[:-3] + "ia"


def _spelling_variant(a: str, b: str) -> bool:
    """British and American spellings of one word: an "s" for a "z" before "e", "ation"
    or "ing" ("Islamise"/"Islamize", "Organisation"/"Organization", "realising")."""
    diff = differing(a, b)
    return (
        len(diff) == 1
        and {a[diff[0]], b[diff[0]]} == {"s", "z"}
        and a[diff[0] + 1 :].startswith(("e", "ation", "ing"))
    )


def _beside(text: str, span: Span, other: str) -> bool:
    """``other`` is written right before or after ``span``, in the same name ("King
    Kong", "Baden-Baden"): two words of one name, not a slip of one another."""
    gap = len(other) + 1
    before = text[max(0, span.start - gap) : span.start]
    after = text[span.end : span.end + gap]
    return (
        before[:-1] == other and before[-1:] in " -" or (after[1:] == other and after[:1] in " -")
    )


def _compounded_apart(text: str, rare: _Word, common: _Word) -> bool:
    """``common`` is only ever a part of a hyphenated name and ``rare`` never is
    ("Spider-Man" twice, "Spidey" once): a word of its own, not a slip of the part."""
    return all(_hyphened(text, s) for s in common.spans) and not any(
        _hyphened(text, s) for s in rare.spans
    )


# Heads of a compound of ordinary words: prefixes and combining forms.
_WORD_HEADS = frozenset((*PREFIXES, "ex", "sino", "afro", "indo"))
# A longer head joins two names or words ("Mexican-American"); the short ones are
# particles or given names of a name of its own ("Bar-Ilan", "Chi-Cheng", "Abu-").
_PARTICLE_HEAD_MAX = 4
# Particles inside hyphenated place names: "Seyne-les-Alpes", "Boulogne-sur-Mer",
# "Stratford-upon-Avon", "Saint-Paul-de-Vence"
_PLACE_PARTICLES = frozenset(
    ("les", "le", "la", "de", "du", "des", "sur", "sous", "en", "aux", "upon", "on", "am", "an")
)
_SAINTS = frozenset(("saint", "sainte"))  # "Saint-Germain", "Sainte-Foy"


def _tail_of_compound(text: str, span: Span, other: list[Span]) -> bool:
    """The word ends a hyphenated name whose capitalised head the story never writes
    alone nor before the ``other`` word ("Bar-Ilan", "Saint-Germain"): a name of its
    own, not a slip of "Iran" or "German"; "the Blair-Bronw rift" keeps "Blair", written
    alone, and "Al-Jumalli" among "Al-Jumaili"s the head, and both are slips.  After a
    place name's particle ("Seyne-les-Alpes" beside "Alps") it is the tail of a place
    named in its own language."""
    if text[span.start - 1 : span.start] != "-":
        return False
    head_end = span.start - 1
    head_start = head_end
    while head_start > 0 and text[head_start - 1].isalpha():
        head_start -= 1
    head = text[head_start:head_end]
    if head in _PLACE_PARTICLES and text[head_start - 1 : head_start] == "-":
        # "Seyne-les-Alpes", "Stratford-upon-Avon": the tail of a place's name, spelt in
        # its own language, unless the other word follows the same particle
        return not any(
            text[max(0, o.start - len(head) - 2) : o.start] == f"-{head}-" for o in other
        )
    if not head[:1].isupper() or head_start and text[head_start - 1] == "-":
        return False
    low = head.lower()
    if low in _WORD_HEADS or (len(head) > _PARTICLE_HEAD_MAX and low not in _SAINTS):
        return False  # "Ex-Labuur", "Sino-Japanse", "Mexican-Ametican", "Management-Chacago"
    if any(text[max(0, o.start - len(head) - 1) : o.start] == head + "-" for o in other):
        return False  # "Al-Jumalli" beside "Al-Jumaili"
    at = text.find(head)
    while at != -1:
        end = at + len(head)
        if (
            at != head_start
            and not (at and (text[at - 1].isalpha() or text[at - 1] == "-"))
            and not (end < len(text) and (text[end].isalpha() or text[end] == "-"))
        ):
            return False  # the head written alone: "Blair" ... "Blair-Bronw"
        at = text.find(head, end)
    return True


def _opener_beside_person(
    text: str, word: str, other: str, ordinary: bool, w: _Word, o: _Word
) -> bool:
    """``word``, an ordinary word written once and only to open a sentence, beside a
    person's name a letter from it: no name, so no slip of one ("Here's" beside "Herve
    Gourdel"), unless two letters are swapped or one typed twice, or a verb of saying
    follows it ('"…needs," Chapman said' beside "Alger Chpman": the subject is a name)."""
    return (
        ordinary
        and (o.given or o.surname)
        and not _after_lower(text, w.spans[0].start)
        and not _typing_slip(word, other)
        and _SAYS_AFTER.match(text, w.spans[0].end) is None  # '"…," Chapman said': a name
    )


_SAYS_AFTER = regexcache.compile(r"[ \t]{1,3}(?:said|says|told|added|wrote|asked)\b")


def _plural_of_written(word: str, other: str, spellings: dict[str, _Word]) -> bool:
    """``word`` is the plural of a capitalised word the story writes, and ``other`` that
    word with another last letter ("Christians" beside "a Christian" and "Christiane")."""
    stem = word[:-1]
    return len(word) > 4 and word[-1] == "s" and other[:-1] == stem and stem in spellings


def _longer_hyphened(text: str, span: Span, word: str, other: str) -> bool:
    """``word``, a piece of a hyphenated name, is the place ``other`` with a letter added
    inside: a name of its own ("Franche-Comte" beside "France")."""
    return (
        other in word_set("names_places")
        and _NAME_HYPHEN.match(text, span.end) is not None  # not "Genevva-based"
        and _inner_drop(other, word)
        and not _is_doubling(word, other)
    )


_NAME_HYPHEN = regexcache.compile(r"-\p{Lu}")


def _hyphened(text: str, span: Span) -> bool:
    return text[span.end : span.end + 1] == "-" or text[span.start - 1 : span.start] == "-"


def _given_only(w: _Word) -> bool:
    return w.first and not w.surname and not w.alone


def _before_unknown_words(w: _Word) -> bool:
    """Each word written after ``w`` in its names is one no list knows, as a surname
    is ("Indira Jaising"; not "Inda Today" nor "Inda Airlines"): ``w`` heads a
    person's name the extractor could not type."""
    places, org_words = word_set("names_places"), word_set("names_org_words")
    first = word_set("names_first")
    return bool(w.partners) and all(
        _namelike(p)
        and (low := p.lower()) not in common_words()
        and low not in places
        and low not in org_words
        and low not in first
        for p in w.partners
    )


def _first_body_use(doc: Document, word: str, info: _Word, firsts: dict[str, int]) -> int:
    """Where ``word`` is first written outside the headline (kept in ``firsts``: a word
    written thousands of times is read once): a surname written before it introduced
    the name that later uses shorten ("Michael Owon revelled …", then "Owen said")."""
    found = firsts.get(word)
    if found is None:
        headline = doc.headline
        found = firsts[word] = min(
            (s.start for s in info.spans if headline is None or not headline.contains(s)),
            default=len(doc.text),
        )
    return found


def _surname_alone(w: _Word) -> bool:
    """Written alone three times or more and never first in a name: a surname the story
    uses on its own ("Owen revelled", "Owen said"), not a given name ("Tony Blair")."""
    return w.alone and not w.first and w.count >= _NAMED_WORD_MAJORITY


def _surname_only(w: _Word) -> bool:
    return w.surname and not w.first


def _initials_disagree(a: _Word, b: _Word) -> bool:
    """``a`` is written after an initial that is not the initial of any initial or
    given name written with ``b`` ("S Horgan" / "M Horan", "C Thomson" / "Alan
    Thompson"): two people.  A given name alone is no evidence ("Cherie Bliar" beside
    "Tony Blair" is the family's name mistyped)."""
    a_initials = {p[0] for p in a.partners if len(p.rstrip(".")) == 1}
    if not a_initials:
        return False
    first = word_set("names_first")
    b_initials = {p[0] for p in b.partners if len(p.rstrip(".")) == 1 or p.lower() in first}
    return bool(b_initials) and not a_initials & b_initials


# A team sheet or other list of names: at least five items between commas or
# semicolons, nearly every word capitalised ("Sheahan, Horan, O'Callaghan, Miller, G
# Easterby, Humphreys, Dempsey.").
_ROSTER_ITEMS = 5
_ROSTER_SLIP_LENGTH = 8  # "Bourgon"/"Bourgoin", "Eastrby"/"Easterby"; not "Ritchie"/"Richie"
_ROSTER_LOWER = 0.2  # at most this share of words in lower case ("capt", "for", "v")
_WORD = regexcache.compile(r"\p{L}[\p{L}'\u2019.-]{0,40}")
_WORD_ASCII = regexcache.compile_std(r"[A-Za-z][A-Za-z'.-]{0,40}")  # ``_WORD`` on ASCII text


def _mark_rosters(doc: Document, words: dict[str, _Word]) -> None:
    """Mark the words written inside a list of names (see ``_other_person``)."""
    lists = [p for p in doc.paragraphs if _is_roster(doc.text, p)]
    if not lists:
        return
    for info in words.values():
        for span in info.spans:
            para = span_at(lists, span.start)
            if para is not None and para.contains(span):
                info.roster = True
                break


def _is_roster(text: str, p: Span) -> bool:
    body = text[p.start : p.end]
    if body.count(",") + body.count(";") < _ROSTER_ITEMS - 1:
        return False
    if body.isascii():  # the same words, found by the standard engine (faster here)
        found = _WORD_ASCII.findall(body)
    else:
        found = _WORD.findall(body, 0, None, False, HOLD_GIL)
    lower = sum(map(str.islower, map(itemgetter(0), found)))  # C-level loops, no frames
    return bool(found) and lower <= _ROSTER_LOWER * len(found)


def _ordinary_part(a: str, b: str, rare: _Word, common: _Word, first: frozenset[str]) -> bool:
    """ "Insurance Concil of Australia" beside "Mid Coast Council": an ordinary word that
    two different names share, mistyped in one (a typing slip, a dropped inner letter or,
    in an organisation word, an inner vowel; a changed consonant or last letter is how
    other languages spell it:
    "Banco Nacional" beside "National Guard", "Centro" beside "Centre"); never a surname
    ("Des Browne")."""
    # an organisation word ("Councol"), not any word ("Nurth Hill") nor "Centro"/"Centre"
    inner_vowel = _vowel_change(a, b) and a[-1] == b[-1] and b in word_set("names_org_words")
    return (
        (_typing_slip(a, b) or _inner_drop(a, b) or inner_vowel)
        and b in common_words()
        and a not in common_words()
        and a not in first
        and not rare.surname
        and not common.surname
    )


def _one_known_place(a: str, b: str, places: frozenset[str], first: frozenset[str]) -> bool:
    """ "Iraq"/"Iroq": one is a place the data knows, the other no word or name at all."""
    for known, other in ((a, b), (b, a)):
        if known in places and other not in places and other not in common_words():
            return other not in first
    return False


def _same_rest(a: _Word, b: _Word) -> bool:
    """The two words stand in names whose other words agree ("Gordon" and "Gurdon" in
    "Gordon Brown" and "Gurdon Brown"; "Work" and "Wark" in "Department for … and
    Pensions"): one name, one word of it mistyped."""
    return bool(a.partners) and a.partners == b.partners


def _within_rest(a: _Word, b: _Word) -> bool:
    """Every other word of ``a``'s names stands in ``b``'s too ("Buko Haram" beside
    "Suspected Boko Haram", "the United Stats" beside "the United States")."""
    return bool(a.partners) and a.partners <= b.partners


def _shared_partner(a: _Word, b: _Word) -> bool:
    """The two words stand in names that share another word, or its inflection ("Seuth
    Africa" beside "South African"), a full stop after it aside ("the Scottesh
    Executive." beside "the Scottish Executive"): one name, one word of it mistyped."""
    if a.partners & b.partners:
        return True
    others = {p.lower().rstrip(".") for p in b.partners}
    return any(
        p in others
        or (p[-1] in _INFLECTIONS and p[:-1] in others)
        or any(p + end in others for end in _INFLECTIONS)
        for p in (q.lower().rstrip(".") for q in a.partners)
        if len(p) > 2
    )


# The name word after a word, past one short joining word: "Work and Pensions".
_NEXT_NAME = regexcache.compile(r"[ ](?:(?:and|of|for|the|de|da)[ ])?(\p{Lu}\p{Ll}{1,40})\b")


def _same_next(text: str, span: Span, other_end: int) -> bool:
    """The same capitalised word follows both words, past a joining word ("Work and
    Pensions", "Wark and Pensions"): one name, even where the entities split it."""
    m = _NEXT_NAME.match(text, span.end, None, HOLD_GIL)
    n = _NEXT_NAME.match(text, other_end, None, HOLD_GIL)
    return m is not None and n is not None and m.group(1) == n.group(1)


def _given_name_opening(
    text: str,
    a: str,
    a_span: Span,
    b: str,
    b_span: Span,
    places: frozenset[str],
    first: frozenset[str],
) -> bool:
    """Of a known place written alone and another word, the other opens a longer name
    whose next word is a name too ("Indira Bhavan" beside "the Election Commission of
    India on Monday"): a person's name or a building's, no slip (but "Kazakstan
    Airlines" beside "Kazakhstan" is one); a given name the lists know needs no more."""
    (name, span), place_span = ((b, b_span), a_span) if a in places else ((a, a_span), b_span)
    nxt = _NEXT_WORD.match(text, span.end, None, HOLD_GIL)
    if nxt is None:
        return False
    return name in first or (
        nxt.group(1).lower() not in common_words()
        and _NEXT_WORD.match(text, place_span.end, None, HOLD_GIL) is None
    )


def _different_next(text: str, span: Span, other_end: int) -> bool:
    """Each word opens a longer name whose next word differs ("Indira Gandhi Memorial
    Hospital", "India Meteorological Department"): with one of them a known place, two
    names, not one misspelt ("Tnoy Lloyd" beside "Tony Blair" is a slip all the same)."""
    m = _NEXT_WORD.match(text, span.end, None, HOLD_GIL)
    n = _NEXT_WORD.match(text, other_end, None, HOLD_GIL)
    return m is not None and n is not None and m.group(1) != n.group(1)


# The name word right after a word, with no joining word: "Mojtaba and Arash" are two people
_NEXT_WORD = regexcache.compile(r"[ ](\p{Lu}\p{Ll}{1,40})\b")


def _same_family(a: _Word, b: _Word) -> bool:
    """Both open a person's name and the names share a later word ("Anthony Meyer",
    "Anthoy John Charles Meyer"): one person, so even a given name a letter off is a
    slip, where between two people it is two names ("Louise"/"Louisa")."""
    return a.first and b.first and bool(a.partners & b.partners)


def _typing_slip(a: str, b: str) -> bool:
    """Two letters swapped or one typed twice: never how two real names differ."""
    return is_swap(a, b) or _is_doubling(a, b) or _is_doubling(b, a)


def _twin_slip(a: str, b: str, given: bool) -> bool:
    """Slips that rarely separate two real names: a typing slip, and (between words
    that are not given names, as "Diane"/"Diana" are) a letter dropped inside the word
    ("Activison") or one vowel for another ("Mukharjee")."""
    if _typing_slip(a, b):
        return True
    return not given and (_inner_drop(a, b) or _inner_drop(b, a) or _vowel_change(a, b))


def _unknown_in_names(a: str, rare_info: _Word, common_info: _Word) -> bool:
    """``a`` is a form no word list knows, beside a word of names (no person's) the story
    writes twice or more: a slip of it whatever the names' other words, when one letter
    is mistyped or dropped ("Eudopean Championships" beside "European Cup", "Euroean
    Council" beside "European Commission")."""
    return (
        common_info.count >= 2
        and not _known(a)
        and not (rare_info.given or rare_info.surname or common_info.given or common_info.surname)
    )


def _inner_drop(a: str, b: str) -> bool:
    """``a`` is ``b`` without one letter that is neither its first nor its last."""
    return len(b) == len(a) + 1 and any(b[:i] + b[i + 1 :] == a for i in range(1, len(b) - 1))


def _vowel_change(a: str, b: str) -> bool:
    diff = differing(a, b)
    return len(diff) == 1 and a[diff[0]] in _VOWELS and b[diff[0]] in _VOWELS


def _is_doubling(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter typed twice ("morrris"/"morris")."""
    return len(a) == len(b) + 1 and any(
        a[i] == a[i + 1] and a[:i] + a[i + 1 :] == b for i in range(len(a) - 1)
    )


_LONG_DOUBLING = 7  # letters of a word whose inner letter typed twice is always a slip


_BUCKET_SCAN = 64  # candidates compared one by one; past this, by deletion keys


class _LookAlikes:
    """Earlier words one edit from a word, with its first letter: from the (first letter,
    length) buckets when they are small, as in every real story, else from an index of
    deletion keys built once."""

    def __init__(self, buckets: dict[tuple[str, int], list[tuple[str, str, int, _Word]]]):
        self.buckets = buckets
        self.index: dict[str, list[tuple[str, str, int, _Word]]] | None = None

    def earlier(self, a: str, start: int) -> list[tuple[str, str, int, _Word]]:
        groups = [self.buckets.get((a[0], len(a) + n), ()) for n in (-1, 0, 1)]
        if sum(len(g) for g in groups) <= _BUCKET_SCAN:
            return [
                c for g in groups for c in g if c[2] < start and c[1] != a and _one_edit(a, c[1])
            ]
        if self.index is None:
            self.index = defaultdict(list)
            for group in self.buckets.values():
                for c in group:
                    for key in _deletion_keys(c[1]):
                        self.index[key].append(c)
        seen: set[int] = set()
        near = []
        for key in _deletion_keys(a):
            for c in self.index.get(key, ()):
                if id(c) in seen or c[2] >= start or c[1] == a or c[1][0] != a[0]:
                    continue
                seen.add(id(c))
                if _one_edit(a, c[1]):
                    near.append(c)
        return near


def _unaccented(word: str) -> str:
    """``word`` with its accents taken off ("Mejía" -> "Mejia"), to read a slip that also
    dropped one; the word itself when it has none (the usual case, and cheap)."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _deletion_keys(word: str) -> set[str]:
    """``word`` and ``word`` less each one of its letters: two words one edit apart
    (``_one_edit``) share one of these."""
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two neighbours swapped (``a != b``): the
    OSA distance of 1 every slip this rule reports has, so other pairs skip the chains
    of guards.  In plain string comparisons, not an edit-distance library, which would
    cost its import on every short run."""
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 1 : i + 2] == b[i : i + 1]
            and a[i : i + 1] == b[i + 1 : i + 2]
            and a[i + 2 :] == b[i + 2 :]
        )
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return len(long) == len(short) + 1 and long[i + 1 :] == short[i:]


def _standing_outside(w: _Word) -> bool:
    """Written capitalised more often than inside the names it was read in ("Soviet" of
    "the last Soviet-era boss" beside "the Soviet Union"): a name word of its own, as
    one written alone is; not one only ever seen inside other names ("Standard Life")."""
    return w.count > len(w.spans) and not w.roster


def _long_inner_doubling(a: str, b: str) -> bool:
    """``a`` is the long word ``b`` with an inner letter typed twice ("Univversal"):
    no name is spelt so, whereas a short one may be ("Liffe" beside "Life") and a
    doubled last letter often is ("Marshall" beside "Marshal")."""
    return len(b) >= _LONG_DOUBLING and any(
        a[i] == a[i + 1] and a[:i] + a[i + 1 :] == b for i in range(1, len(a) - 2)
    )


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one stem ("Germans"/"Germany", "Kazakhs"/"Kazakhi"); not "Jonee" for
    "Jones", a key beside the plural's "s"."""
    ends = {a[-1], b[-1]}
    return len(a) == len(b) and a[:-1] == b[:-1] and ends <= _INFLECTIONS and ends != {"e", "s"}


# Endings that tell a place from its people, language or adjective ("Honduras",
# "Hondurans"; "Somalia", "Somali"; "Arabia", "Arabic"; "India", "Indian", "Indiana").
_DERIVED_TAILS = frozenset(
    [frozenset(p) for p in (("s", "ns"), ("", "ns"), ("a", "ic"), ("a", "c"), ("a", "an"))]
    + [frozenset(("a", "ans"))]
    + [frozenset(p) for p in (("", "n"), ("", "a"))]
)
_DERIVED_STEM = 5  # letters the two forms share before their endings


def _people_of(a: str, b: str, places: frozenset[str]) -> bool:
    """``a`` names the people of the place ``b`` that ends in "a", by its last letter
    turned to "s" ("Somalis" of "Somalia"): a key's slip in look, a word of its own."""
    return b in places and b.endswith("a") and a == b[:-1] + "s"


def _derived(a: str, b: str) -> bool:
    """Two forms of one stem that differ only in such endings: a place and its people
    or language, not a slip ("Hondurans"/"Honduras", "Somali"/"Somalia")."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return (
        k >= _DERIVED_STEM
        and frozenset((a[k:], b[k:])) in _DERIVED_TAILS
        and not (_is_doubling(a, b) or _is_doubling(b, a))  # "Huskinns" is "Huskins" mistyped
    )


def _other_form(a: str, b: str) -> bool:
    """``a`` is a word of its own one letter from ``b``: the plural of an ordinary word
    differing from ``b`` only in its last letter ("Scots" beside "Scott"), or the
    familiar form of the given name ``b`` ("Stevie" of "Steve", "Annie" of "Anne")."""
    if a[-1] == "s" and a[:-1] == b[:-1] and a[:-1] in common_words():
        return True
    return b[-1] == "e" and a == b[:-1] + "ie" and b in word_set("names_first")


def _inflection(a: str, b: str) -> bool:
    """One is the other plus an ending ("Russia"/"Russian", "Blair"/"Blairs")."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return (
        len(long) == len(short) + 1
        and long.startswith(short)
        and long[-1] in _INFLECTIONS
        and long[-1] != short[-1]  # "Congresss": a letter typed twice, no ending
    )
