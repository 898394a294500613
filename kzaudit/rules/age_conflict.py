"""age-conflict: one person given two different ages.

What it does
    Reads the ages news style writes after a name ("Daniel Hirst, 34, of Beeston",
    "Hirst, 43, is also charged", "Ms Lee, aged 29,", "Zara, who was 35,", "Daniel
    Hirst (34)", "Marsh, who turned 57 last month," but not "who turns 57") or before
    it ("the 43-year-old Hirst", "the 34-year-old former soldier Daniel Hirst"), and the age at death an obituary gives its subject ("Margaret Ellison
    dies at 91", "Margaret Ellison, ..., has died at the age of 93"), and flags a
    mention of the same person with another age, at the age itself: the one the story
    gives less often than another, or both of two given once each, since either may be
    the slip.  A surname alone is that person only when the story names one person with
    that surname: with a father and a son ("Daniel Hirst, 34" and "Peter Hirst, 61") a
    lone "Hirst, 61," is left alone.  A name written surname first is named back by
    its first word ("Park Min-ho, 47," … "Park, 41,") when no other full name begins or
    ends with that word and it is no common given name.
    With a date for the story (a dateline, an HTML page's date or ``--as-of``), it also
    flags a birth year told of the person ("Smith, who was born in 1948", "Born in
    1948, Smith") that the age cannot fit (72 in 2023), unless the age's sentence dates
    it to another year ("In 1990, Smith, 30,").  And "the 25-year-old is accused …"
    when no one was given that age before, but someone was given its digits swapped
    ("the ferry's captain, a 52-year-old Sudanese national"), or the person named last,
    a few sentences before, was given an age one digit off ("Josh Tran, 31, …" … "The
    33-year-old said"), or the one person given an age beside its title has another
    ("Mayor Hiroshi Sakuma, 68," … "the 63-year-old mayor said").  A surname two people
    share is left alone, unless its age is neither's and one of theirs swapped or one
    digit off ("Harold Jensen, 78, and his wife, Margaret Jensen, 74" … "Jensen, 87,").

Why is this bad?
    An age is a fact readers check against the person they know, and a swapped
    digit ("34" and "43") is an easy slip when a court report is rewritten.

Example
    Daniel Hirst, 34, of Beeston, was charged on Monday. ... Hirst, 43, is also
    charged with possession of an offensive weapon.

Use instead
    ... Hirst, 34, is also charged with possession of an offensive weapon.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.extract.entities import common_words, word_set
from kzaudit.model import Document, Entity, Finding, Span, overlaps_any
from kzaudit.rules.base import RuleContext

ID = "age-conflict"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "One person given two different ages"

# ", 34," / ", aged 34," / " (34)" right after a person's name; the age must be followed
# by what closes an apposition, so "Smith, 34 votes" and scores are not read as ages.
_AGE = regexcache.compile(
    r",[ ]{1,2}(?:aged[ ]{1,2}|who[ ]{1,2}(?:was|is)[ ]{1,2})?(\d{1,3})"
    r"(?=,|[ ]{1,2}(?:and|of|from|who|was|is|has)\b)"
    r"|[ ]\((\d{1,3})\)"
    # "Marsh, who turned 57 last month,": an age reached, not one to come ("turns 57")
    r"|,[ ]{1,2}who[ ]{1,2}turned[ ]{1,2}(\d{1,3})\b(?![ ]{1,2}(?:years|in[ ]\d))"
)
_MAX_AGE = 120

# The age at death, after the sentence's first name: "…, has died at the age of 91",
# "dies at 91", "died on Sunday, aged 84".  A bare "at 91" must be an adult age and no
# clock time ("died at 9 p.m.").
_DEATH_AGE = regexcache.compile(
    r"\b(?:dies|died|has\s{1,3}died|passed\s{1,3}away)\b[^.;:!?\n]{0,80}?\b"
    r"(?:(?:at\s{1,3}the\s{1,3}age\s{1,3}of|at\s{1,3}age|aged)\s{1,3}(?P<age>\d{1,3})"
    r"|at\s{1,3}(?P<bare>1[3-9]|[2-9]\d|1[01]\d))\b"
    r"(?![.:,]\d|\s{0,2}(?:[ap]\.?m\b|o['\u2019]clock|GMT|BST|hours|hrs|%|percent))"
)
_OTHERS = regexcache.compile(r"(?i)\b(?:whose|his|her|their|wife|husband|son|daughter)\b")
_DEATH_REACH = 160  # characters after the name searched for the age at death


# "Gangaram Pujari, 42," / "Pujari, 47,": a capitalised name right before an age, for
# the names the entity extractor does not know (first names of every language).
_NAMED_AGE = regexcache.compile(
    r"(?<![\w.'\u2019-])(?:[A-Z][a-z'\u2019-]{1,20}[ ]){0,2}[A-Z][a-z'\u2019-]{1,20}"
    r"(?=,[ ]{1,2}(?:aged[ ]{1,2}|who[ ]{1,2}(?:was|is)[ ]{1,2})?\d{1,3}"
    r"(?:,|[ ]{1,2}(?:and|of|from|who|was|is|has)\b)"
    r"|[ ]\(\d{1,3}\))"
)
_NAME_REACH = 72  # characters before an age searched for its name
_NOT_NAME = frozenset(
    "The A An He She It They We His Her Its Their Mr Mrs Ms Miss Dr Sir Lord Lady Police"
    " Officials On In At By For From And But Of With Both Also Aged Now".split()
)


def _more_people(doc: Document, people: list[Entity]) -> list[Entity]:
    """Name-before-age mentions no person entity covers, as person entities."""
    taken = [e.span for e in people]  # in text order, apart: the entity reader's runs
    found: list[Entity] = []
    # Only where a figure follows a comma or a bracket: most text holds no age.
    text = doc.text
    starts = sorted(
        {
            c.span.start
            for c in doc.claims
            if c.kind in ("age", "count")
            and (
                text[max(0, c.span.start - 6) : c.span.start].rstrip()[-1:] in ",("
                or text[max(0, c.span.start - 12) : c.span.start].endswith((" was ", " is "))
            )
        }
    )
    matches = []
    for at in starts:
        lo = max(0, at - _NAME_REACH)
        found_here = list(_NAMED_AGE.finditer(text, lo, at + 16))
        m = found_here[-1] if found_here else None  # the last name before the age is its name
        if m is not None and (not matches or matches[-1].start() != m.start()):
            matches.append(m)
    for m in matches:
        words = m.group().split()
        while words and words[0] in _NOT_NAME:
            words.pop(0)
        if not words:
            continue
        start = m.end() - len(" ".join(words))
        if overlaps_any(taken, start, m.end()):
            continue
        text = " ".join(words)
        found.append(Entity(text=text, span=Span(start, m.end()), kind="person", key=text))
    if not found:
        return people
    full = {e.text.split()[-1]: e.key for e in found if len(e.text.split()) > 1}
    leads = _surnames_first(people + found)
    for i, e in enumerate(found):
        if len(e.text.split()) != 1:
            continue
        key = full.get(e.text) or leads.get(e.text)
        if key is not None:
            found[i] = Entity(text=e.text, span=e.span, kind="person", key=key)
    return sorted(people + found, key=lambda e: e.span.start)


def _surnames_first(people: list[Entity]) -> dict[str, str]:
    """The first word of a name written surname first ("Park Min-ho" … "Park, 41,", "Wang
    Lei" … "Wang"), as the one full name it begins: only when no other full name begins
    with it and none ends with it, so "Carter" stays with "John Carter", and never a
    common given name ("Maria Lopez, 34" … "Maria, 12" may be her daughter)."""
    given = word_set("names_first")
    starts: dict[str, set[str]] = defaultdict(set)
    last: set[str] = set()
    for e in people:
        words = e.text.split()
        if len(words) > 1:
            starts[words[0]].add(e.key)
            last.add(words[-1])
    return {
        word: next(iter(keys))
        for word, keys in starts.items()
        if len(keys) == 1
        and word not in last
        and word not in _NOT_NAME
        and word.lower() not in given
    }


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    people = _more_people(doc, [e for e in doc.entities if e.kind == "person"])
    full_names: dict[str, set[str]] = defaultdict(set)
    for e in people:
        words = e.key.split()
        if len(words) > 1:
            full_names[words[-1]].add(e.key)
    named_at: dict[str, int] = {}  # where each full name is first written out
    for e in people:
        if len(e.text.split()) > 1:
            named_at.setdefault(e.key, e.span.start)
    told: dict[str, list[tuple[int, Entity, Span]]] = defaultdict(list)  # each age, in order
    shared: list[tuple[int, Entity, Span]] = []  # a surname two people given ages share
    subjects = _sentence_subjects(doc, people)
    for e in people:
        found = _age_after(doc.text, e) or _age_before(doc.text, e)
        if found is None and id(e) in subjects:
            found = _death_age(doc, e)
        if found is None:
            continue
        age, at = found
        words = e.text.split()
        if len(words) == 1 and len(full_names.get(words[0], ())) > 1:
            shared.append((age, e, at))  # "Hirst" with a Daniel and a Peter Hirst: which?
            continue
        if len(words) == 1 and named_at.get(e.key, -1) > e.span.start:
            continue  # "Janice L. Whitford, 58" read as "Whitford" before "Ronald Whitford"
        if len(words) == 1 and _other_given_name(doc.text, e):
            continue  # 'His cousin, Jonas "Yunus" Edmonds, 29' beside "Hasan Edmonds, 22"
        told[e.key].append((age, e, at))
    for ages in told.values():
        yield from _conflicts(doc, ctx, ages)
    yield from _shared_surnames(doc, ctx, shared, full_names, told)
    first = {key: (ages[0][0], ages[0][1]) for key, ages in told.items()}
    yield from _birth_years(doc, ctx, people, first)
    yield from _unanswered_anaphors(doc, ctx, people, told)


# "The 25-year-old is accused…", "…, the 41-year-old said": an age that names someone
# already in the story, with no noun or name after it.
_AGE_ANAPHOR = regexcache.compile(
    r"\b[Tt]he[ ](\d{1,3})-year-old(?=[,.;:]|[ ][\"\u201c]|[ ](?:from|into|to)[ ]"
    r"|(?:[ ]\p{Ll}{2,15}){0,2}[ ](?:is|was|has|had|said"
    r"|told|who|will|would|may|might|could|must|remains|remained|denies|denied|admitted"
    r"|admits|pleaded|appeared|faces|faced)\b)"
)  # "the 87-year-old woman was in stable condition", "the 41-year-old officer had",
# "pulled the 82-year-old from the debris", 'said the 22-year-old "never did"'
# Every age the story writes, in any form: "a 52-year-old", "Smith, 52,", "aged 52", "(52)"
_ANY_AGE = regexcache.compile(
    r"\b(\d{1,3})-year-old\b|,[ ](?:aged[ ])?(\d{1,3}),|\baged[ ](\d{1,3})\b|[ ]\((\d{1,3})\)"
)


def _unanswered_anaphors(
    doc: Document,
    ctx: RuleContext,
    people: list[Entity],
    told: dict[str, list[tuple[int, Entity, Span]]],
) -> Iterator[Finding]:
    """ "the ferry's captain, a 52-year-old Sudanese national" … "The 25-year-old is
    accused": "the N-year-old" names back someone the story gave an age, and no one
    has this one.  Reported when an age written before it has its two digits swapped
    (neither written as "the N-year-old"), or when the person named last before it (not
    one who speaks: "Greaves said the 48-year-old") was given an age one digit off ("Josh
    Tran, 31, …" … "The 33-year-old said"), or, when no one named was, the age written
    last, a few sentences back ("A 58-year-old volunteer …" … "the 48-year-old"); one digit
    off another person's age is left alone, as the reader may meet this one's age here
    first ("Fernando, 21, … Wickramaratne finished with 5-61 … The 29-year-old")."""
    text = doc.text
    if "year-old" not in text:
        return  # no "the N-year-old": the common case, decided in one scan
    ages = [
        (m.start(), int(next(g for g in m.groups() if g)))
        for m in _ANY_AGE.finditer(text, 0, len(text), False, regexcache.HOLD_GIL)
    ]
    values = Counter(age for _, age in ages)
    found = list(_AGE_ANAPHOR.finditer(text, 0, len(text), False, regexcache.HOLD_GIL))
    for m in found:
        age = int(m.group(1))
        if values[age] > 1:
            continue  # the age is written elsewhere too
        # an age told as "the N-year-old" introduces no one: "The 28-year-old suffered"
        # and "the 26-year-old had treatment" of a match report are two players
        before = sorted(
            {a for at, a in ages if at < m.start() and a != age and not _definite(text, at)}
        )
        swapped = [a for a in before if _swapped(a, age)]
        named = _last_named_age(doc, people, told, m.start())
        if named is None:
            named = _last_age(doc, ages, m.start())  # "A 58-year-old volunteer … the 48-year-old"
        role = _ROLE_AFTER.match(text, m.end())
        titled = _titled_age(text, told, role.group(1).lower()) if role else None
        if swapped:
            other = swapped[0]
        elif named is not None and named != age and _one_digit_off(named, age):
            other = named
        elif titled is not None:
            other = titled  # "Mayor Hiroshi Sakuma, 68," … "the 63-year-old mayor said"
        else:
            continue
        yield ctx.finding(
            doc,
            Span(m.start(1), m.end(1)),
            f'"the {age}-year-old" names back someone of that age, but the story gave '
            f"no one {age} before it, and gave {other}: one of the two is wrong",
            str(other),
        )


_NAMED_BACK = 4  # sentences back the person "the N-year-old" names may have been named
_ROLE_AFTER = regexcache.compile(r"[ ](\p{Ll}{3,20})\b")  # "the 63-year-old mayor"
_ROLE_REACH = 40  # characters around a name and its age searched for its role
_TITLED_MAX = 60  # people given ages searched for a title: a story names a few
_WORD = regexcache.compile(r"\p{L}+")
# The words of a title before the name ("Kitahara Mayor Hiroshi Sakuma"), a role in
# apposition after its age ("Sakuma, 68, the town's mayor,")
_TITLE = regexcache.compile(r"(?:\p{L}[\p{L}.'\u2019\-]{0,20}[ ]){1,3}$")
_APPOSITION = regexcache.compile(r",?[ ](?:the|a|an)[ ]([^,.;:()\n]{1,40})")
_NO_ROLE = frozenset({"man", "woman", "boy", "girl", "who", "was", "had", "has", "said"})


def _titled_age(
    text: str, told: dict[str, list[tuple[int, Entity, Span]]], role: str
) -> int | None:
    """The age of the one person given an age beside the word ``role`` ("Kitahara Mayor
    Hiroshi Sakuma, 68", "Sakuma, 68, the mayor"), or None when no one or several are:
    "the 63-year-old mayor" names that person back."""
    if role in _NO_ROLE or len(told) > _TITLED_MAX:
        return None
    found = set()
    for key, ages in told.items():
        age, e, at = ages[0]
        title = _TITLE.search(text, max(0, e.span.start - _ROLE_REACH), e.span.start)
        after = _APPOSITION.match(text, at.end, at.end + _ROLE_REACH)
        words = [w.lower() for w in e.text.split()]
        if title is not None:
            words += _WORD.findall(title.group().lower())
        if after is not None:
            words += _WORD.findall(after.group(1).lower())
        if role in words:
            found.add((key, age))
    return next(iter(found))[1] if len(found) == 1 else None


def _last_age(doc: Document, ages: list[tuple[int, int]], at: int) -> int | None:
    """The last age written before ``at``, not as "the N-year-old", when it was written a
    few sentences back at most and no sentence since opens on a name the entities
    missed: the one person "the N-year-old" can name back."""
    earlier = [(start, age) for start, age in ages if start < at]
    if not earlier:
        return None
    start, age = earlier[-1]
    if _definite(doc.text, start):
        return None
    if doc.sentence_index(start) < doc.sentence_index(at) - _NAMED_BACK:
        return None
    if _other_subject_between(doc, start, at):
        return None
    return age


def _last_named_age(
    doc: Document, people: list[Entity], told: dict[str, list[tuple[int, Entity, Span]]], at: int
) -> int | None:
    """The age the story gave the person named last before ``at``, if it gave one: a
    mention shares a word of the name it was given with ("Tran" of "Josh Tran, 31").
    A surname of someone given an age counts as a mention wherever it is written
    ("Pruitt ran …", "Brooks' attorney, Michael Ferraro, said the 22-year-old"), and
    neither a speaker ("Greaves said") nor a one-word entity that is an English word
    ("Hospital") is anyone named."""
    words = common_words()
    last = None
    for e in people:
        if e.span.end <= at and (last is None or e.span.start > last.span.start):
            if _speaker(doc.text, e.span.start, e.span.end) or e.text.lower() in words:
                continue  # "Greaves said the 58-year-old was": who tells, not who is told of
            last = e
    start, age = (last.span.start, None) if last is not None else (-1, None)
    for ages in told.values():
        surname = ages[0][1].text.rsplit(" ", 1)[-1]
        at_name = _last_mention(doc.text, surname, at)
        if at_name > start and not _speaker(doc.text, at_name, at_name + len(surname)):
            start, age = at_name, ages[0][0]
    if start < 0 or _sentences_between(doc, start, at) > _NAMED_BACK:
        return None  # named a few sentences back at most, or the story has moved on
    name = frozenset((last.text if age is None else "").split()) if last else frozenset()
    if _other_subject_between(doc, start, at, name):
        return None  # "Fernando, 21, … Jayasuriya then took five wickets. The 29-year-old"
    if age is not None or last is None:
        return age
    named = set(last.text.split())
    for ages in told.values():
        if any(named & set(e.text.split()) for _, e, _ in ages):
            return ages[0][0]
    return None


_SAID_AFTER = regexcache.compile(r",?[ ](?:said|says|told|added)\b")
_SAID_BEFORE = regexcache.compile(r"\b(?:said|says|told|added|according[ ]to)[ ]$")


def _speaker(text: str, start: int, end: int) -> bool:
    """The name at ``start``..``end`` is of the one who says it ("Greaves said", "said
    Okemba")."""
    return (
        _SAID_AFTER.match(text, end) is not None
        or _SAID_BEFORE.search(text, max(0, start - 16), start) is not None
    )


_MENTION_REACH = 2000  # characters back a surname is looked for: a few sentences at most


def _last_mention(text: str, word: str, before: int) -> int:
    """Where ``word`` is last written as a word of its own in the few sentences before
    ``before``, or -1."""
    lo = max(0, before - _MENTION_REACH)
    at = text.rfind(word, lo, before)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        ):
            return at
        at = text.rfind(word, lo, at)
    return -1


_OPENING_WORD = regexcache.compile(r"[\"'\u201c\u2018]?(\p{Lu}\p{Ll}{2,30})\b")


def _other_subject_between(
    doc: Document, start: int, end: int, own: frozenset[str] = frozenset()
) -> bool:
    """A sentence between ``start`` and ``end`` opens with a capitalised word that is
    no English word nor a word of the name ``own`` ("Pruitt ran …" after "Jamarcus Lee
    Pruitt, 19"): a name the entities missed, and maybe the one "the N-year-old"
    names."""
    words = common_words()
    first = doc.sentence_index(start) + 1
    for i in range(first, doc.sentence_index(end) + 1):
        span = doc.sentences[i].span
        m = _OPENING_WORD.match(doc.text, span.start, min(span.end, end))
        if (
            m is not None
            and m.group(1).lower() not in words
            and m.group(1) not in own
            and not _speaker(doc.text, m.start(1), m.end(1))
        ):
            return True  # (not one who speaks: "Hadley said the 74-year-old had")
    return False


def _sentences_between(doc: Document, start: int, end: int) -> int:
    """Sentences from the one holding ``start`` to the one holding ``end``, not counting
    those wholly inside a quotation (a speaker's words name no one new)."""
    first, last = doc.sentence_index(start), doc.sentence_index(end)
    return sum(1 for i in range(first + 1, last + 1) if not doc.in_quote(doc.sentences[i].span))


def _one_digit_off(a: int, b: int) -> bool:
    """Ages written with as many digits, one of them different: 31 and 33."""
    sa, sb = str(a), str(b)
    return len(sa) == len(sb) and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def _definite(text: str, at: int) -> bool:
    """The age at ``at`` follows "the": "the 28-year-old", told of someone already named."""
    return text[max(0, at - 4) : at].lower() == "the "


def _swapped(a: int, b: int) -> bool:
    """Two-digit ages with their digits swapped: 52 and 25."""
    sa, sb = str(a), str(b)
    return len(sa) == len(sb) == 2 and sa == sb[::-1] and sa != sb


# "Smith, who was born in 1948," / "Born in 1948, Smith" / "born on 3 May 1948": a
# birth year in the sentence of a mention of the person.
_BORN = regexcache.compile(r"\b[Bb]orn\b[^.;:!?()\n]{0,40}?\b(1[89]\d\d|20\d\d)\b")
_YEAR = regexcache.compile_std(r"\b(?:1[89]|20)\d\d\b")
# What joins a name to its "born": "Smith, who was born", "Smith was born", "Smith (born"
_BORN_AFTER_NAME = regexcache.compile_std(
    r"(?:,[ ]{1,2}(?:who[ ]{1,2}(?:was|is)[ ]{1,2})?|[ ]{1,2}(?:was|is)[ ]{1,2}|[ ]{1,2}\([ ]?)"
)
# ... or opens the sentence with it: "Born in 1948, Smith"
_BORN_BEFORE_NAME = regexcache.compile_std(r",[ ]{1,2}(?:[A-Z][a-z]{1,20}[ ]){0,2}$")


_AGE_SLACK = 2  # years an age may lag the story's year less the birth year


def _born_of(text: str, e: Entity, born: int, sentence_start: int) -> bool:
    """The "born" at ``born`` tells the birth of ``e``, no one else's."""
    if born >= e.span.end:
        return _BORN_AFTER_NAME.fullmatch(text, e.span.end, born) is not None
    opens = not text[sentence_start:born].strip(" \"\u201c'")
    return opens and _BORN_BEFORE_NAME.search(text, born, e.span.start) is not None


def _birth_years(
    doc: Document, ctx: RuleContext, people: list[Entity], ages: dict[str, tuple[int, Entity]]
) -> Iterator[Finding]:
    """An age that the birth year the story gives cannot reach by the story's date:
    "John Smith, 72," in a story dated 2023 beside "Smith, who was born in 1948" (74
    or 75).  Only with a reference date, an age whose sentence names no other year (a
    past event's age: "In 1990, Smith, 30, was arrested"), and a sentence naming one
    person and a birth year."""
    if doc.reference_date is None or not ages or not doc.sentences:
        return
    year = doc.reference_date.year
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for e in people:
        by_sentence[doc.sentence_index(e.span.start)].add(e.key)
    reported: set[str] = set()
    searched: set[int] = set()  # each sentence once: a page-long one is not read per name
    age_years: dict[str, set[int]] = {}  # the years written in each person's age sentence
    for e in people:
        if e.key not in ages or e.key in reported:
            continue
        idx = doc.sentence_index(e.span.start)
        if len(by_sentence[idx]) != 1 or idx in searched:
            continue  # "Smith and Jones, born in 1950": whose birth?
        searched.add(idx)
        sentence = doc.sentences[idx].span
        m = _BORN.search(doc.text, sentence.start, sentence.end)
        if m is None or not _born_of(doc.text, e, m.start(), sentence.start):
            continue
        age, aged = ages[e.key]
        years = age_years.get(e.key)
        if years is None:  # read once a person: a page-long sentence is not read per "born"
            at = doc.sentences[doc.sentence_index(aged.span.start)].span
            years = age_years[e.key] = {int(y) for y in _YEAR.findall(doc.text, at.start, at.end)}
        if years - {year, int(m.group(1))}:
            continue  # the age is given at another time than the story's
        born = int(m.group(1))
        if year - born - _AGE_SLACK <= age <= year - born:
            continue  # (two years below: a death late last year, reported this year)
        reported.add(e.key)
        line, _ = doc.line_col(aged.span.start)
        yield ctx.finding(
            doc,
            Span(m.start(1), m.end(1)),
            f'born in {born}, "{e.text}" would be {year - born - 1} or {year - born} in '
            f"{year} (the story's date), but is given the age {age} on line {line}: one "
            "of the two is wrong",
        )


# A given name, and a nickname in quotation marks, right before a surname the entities
# read alone: 'Jonas "Yunus" Edmonds'.
_GIVEN_BEFORE = regexcache.compile(
    r"(?<![\w'\u2019-])(\p{Lu}\p{Ll}{1,20})[ ](?:[\"\u201c][^\"\u201d\n]{1,20}[\"\u201d][ ])?$"
)


def _other_given_name(text: str, e: Entity) -> bool:
    """A lone surname written right after a given name that is not the given name of
    the full name it was matched to: another person of that family."""
    m = _GIVEN_BEFORE.search(text, max(0, e.span.start - 48), e.span.start)
    return m is not None and m.group(1) not in _NOT_NAME and m.group(1) not in e.key.split()


def _age_after(text: str, e: Entity) -> tuple[int, Span] | None:
    """The age written right after the name, and where."""
    m = _AGE.match(text, e.span.end)
    if m is None:
        return None
    group = next(g for g in (1, 2, 3) if m.group(g))
    age = int(m.group(group))
    return (age, Span(m.start(group), m.end(group))) if 0 < age <= _MAX_AGE else None


# "The 24-year-old Delorme", "the 24-year-old French rider Paul Delorme": an age
# written before the name, a few words of description between.
_AGE_BEFORE = regexcache.compile(r"\b(\d{1,3})-year-old[ ](?:[\p{L}'\u2019-]{1,20}[ ]){0,3}$")


def _age_before(text: str, e: Entity) -> tuple[int, Span] | None:
    """The age written as "N-year-old" right before the name, and where."""
    m = _AGE_BEFORE.search(text, max(0, e.span.start - 80), e.span.start)
    if m is None:
        return None
    age = int(m.group(1))
    return (age, Span(m.start(1), m.end(1))) if 0 < age <= _MAX_AGE else None


def _sentence_subjects(doc: Document, people: list[Entity]) -> set[int]:
    """The first person named in each sentence (by ``id``): whose death it reports."""
    seen: set[int] = set()
    out: set[int] = set()
    for e in people:
        idx = doc.sentence_index(e.span.start)
        if idx not in seen:
            seen.add(idx)
            out.add(id(e))
    return out


def _conflicts(
    doc: Document, ctx: RuleContext, ages: list[tuple[int, Entity, Span]]
) -> Iterator[Finding]:
    """One person's ages that disagree, each reported at the age itself: an age the
    story gives less often than another is the slip; of two given once each, both are
    reported, since either may be."""
    times = Counter(age for age, _, _ in ages)
    if len(times) < 2:
        return
    top = max(times.values())
    usual = [age for age, n in times.items() if n == top]
    odd_one_out = len(usual) == 1
    for age, e, at in ages:
        if odd_one_out and age == usual[0]:
            continue
        if odd_one_out:  # against the usual age
            other_age, other, _ = next(o for o in ages if o[0] == usual[0])
        else:  # of ages each given once, against the first other one
            other_age, other, _ = next(o for o in ages if o[0] != age)
        line, _ = doc.line_col(other.span.start)
        yield ctx.finding(
            doc,
            at,
            f'"{e.text}" is given the age {age} here, but {other_age} on line {line} '
            f'("{other.text}"): one of the two is wrong',
            str(other_age),
        )


def _shared_surnames(
    doc: Document,
    ctx: RuleContext,
    shared: list[tuple[int, Entity, Span]],
    full_names: dict[str, set[str]],
    told: dict[str, list[tuple[int, Entity, Span]]],
) -> Iterator[Finding]:
    """ "Harold Jensen, 78, and his wife, Margaret Jensen, 74" … "Jensen, 87,": a surname
    two people share, given an age neither has, must still be one of them; reported when
    the age is one of theirs with its digits swapped or one digit off, and no other's."""
    for age, e, at in shared:
        ages = {told[key][0][0]: told[key][0][1] for key in full_names[e.text] if key in told}
        if len(ages) < 2 or age in ages:
            continue
        near = [a for a in ages if _swapped(a, age) or _one_digit_off(a, age)]
        if len(near) != 1:
            continue
        other = ages[near[0]]
        line, _ = doc.line_col(other.span.start)
        yield ctx.finding(
            doc,
            at,
            f'"{e.text}" is given the age {age} here, but no one of that name was: '
            f'"{other.text}" was {near[0]} on line {line}',
            str(near[0]),
        )


def _death_age(doc: Document, e: Entity) -> tuple[int, Span] | None:
    """ "Margaret Ellison, …, has died at the age of 91": the age at death after a name."""
    idx = doc.sentence_index(e.span.start)
    end = e.span.end + _DEATH_REACH
    if doc.sentences and 0 <= idx < len(doc.sentences):
        end = min(end, doc.sentences[idx].span.end)
    text = doc.text
    if text.find("die", e.span.end, end) == -1 and text.find("passed", e.span.end, end) == -1:
        return None  # no verb of ``_DEATH_AGE`` in reach: its search would only fail
    m = _DEATH_AGE.search(text, e.span.end, end)
    if m is None or _OTHERS.search(text, e.span.end, m.start()):
        return None  # "Ellison, whose husband died at 80": another's death
    group = "age" if m.group("age") else "bare"
    age = int(m.group(group))
    return (age, Span(m.start(group), m.end(group))) if 0 < age <= _MAX_AGE else None
