"""Helpers shared by the figure rules: bounds of a qualified figure, "same quantity" pairs.

Not a rule (the registry skips modules starting with ``_``).  The figure rules read
``doc.claims`` only; what a qualifier allows and which two figures count the same
thing is decided here once, so the rules stay a few lines each.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterator, Mapping

from kzaudit import regexcache
from kzaudit.extract.entities import dateline_city
from kzaudit.extract.numbers import CRITICAL_CARE, PEOPLE_CATEGORIES
from kzaudit.extract.numbers import vocab as numbers_vocab
from kzaudit.model import Claim, Document, Finding, Span, span_at
from kzaudit.rules._mechanics import PRESCAN_MAX
from kzaudit.rules._names import differing
from kzaudit.rules.base import RuleContext

GENERIC_SUBJECTS = frozenset({"people", "persons", "person", "others", "civilians", "victims"})
# Nouns that name a count's group by what happened to it, whoever they are: "the 210
# detainees" after "police detained 120 opposition supporters".
ROLE_NOUNS = frozenset(
    {"detainees", "dead", "injured", "wounded", "evacuees", "arrested", "detained", "killed",
     "hospitalised", "hospitalized", "missing", "displaced"}
)  # fmt: skip
# Nouns of other counts a story states once and restates ("2,500 jobs"): the same noun
# twice with values that cannot agree is a conflict too.
NAMED_NOUNS = frozenset(
    {"jobs", "workers", "staff", "employees", "people", "posts", "passengers", "students",
     "pupils", "hostages", "miners", "patients", "refugees", "migrants", "residents",
     "children", "victims", "prisoners", "civilians", "survivors", "fans", "spectators",
     "voters", "teachers", "doctors", "nurses", "officers", "firefighters", "farmers",
     "families", "households", "homes", "customers", "subscribers", "users", "members",
     "shareholders", "visitors", "tourists", "athletes", "players", "houses", "buildings",
     "properties", "structures", "flights", "stores", "schools"}
)  # fmt: skip
ESTIMATED = frozenset({"protesters"})  # counts that sources estimate differently
MAX_GROUP = 40  # figures of one category compared pairwise (bounds the work per article)
# Roles that say a figure is not a plain tally of the event: a change, an update, a total.
_SKIP_ROLES = frozenset({"from", "to", "rise", "fall", "update", "rest"})


def bounds(c: Claim, about: float = 0.1) -> tuple[float, float]:
    """The values a figure allows: "more than 1,000" is (1000, inf), "about 900" 810-990."""
    v = float(c.value)
    if c.kind == "range" and c.upper is not None:
        return v, float(c.upper)
    q = c.qualifier
    if q in ("more_than", "at_least", "vague"):
        return v, math.inf
    if q in ("less_than", "up_to"):
        return 0.0, v
    if q == "about":
        return v * (1 - about), v * (1 + about)
    if q == "nearly":
        return v * (1 - about), v
    return v, v


WRITTEN_DIGITS = regexcache.compile(r"\d[\d,]*(?:\.(\d+))?")


def half_step(c: Claim, capped: bool = True) -> float:
    """Half the last written digit's worth, in the claim's units ("$1.13bn" -> 0.005bn);
    with ``capped``, whole numbers of a magnitude to about 2.5% (below)."""
    m = WRITTEN_DIGITS.search(c.text)
    if m is None:
        return 0.0
    written = float(m.group().replace(",", ""))
    decimals = len(m.group(1) or "")
    scale = float(c.value) / written if written else 1.0
    # "£2bn" is read as 2.0bn, not as anything from 1.5bn to 2.5bn: whole numbers of a
    # magnitude are taken to about 2.5%, which is how newsrooms round such figures.
    step = 0.5 * 10.0**-decimals * scale
    return min(step, 0.025 * abs(float(c.value))) if scale > 1 and capped else step


def about_room(c: Claim) -> float:
    """The relative room "about" gives a figure: 10%, or 2% for one written to three
    digits or more ("about 4.82 million", "some 138,200" are no rough guesses)."""
    return 0.1 if significant_digits(c) < 3 else 0.02


def significant_digits(c: Claim) -> int:
    """The significant digits the figure is written with ("4.82 million" 3, "6,400" 2)."""
    m = WRITTEN_DIGITS.search(c.text)
    if m is None:
        return 0
    digits = m.group().replace(",", "")
    whole, _, decimals = digits.partition(".")
    written = (whole + decimals).lstrip("0")
    return len(written if decimals else written.rstrip("0"))


def disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] > b[1] or b[0] > a[1]


def label(c: Claim) -> str:
    """The figure as quoted in a message: "210 detainees", "more than 1,000 (injured)"."""
    text = " ".join(c.text.split())
    if c.subject and c.subject not in text:
        text = f"{text} {c.subject}"
    return f'"{text}"'


def where(doc: Document, c: Claim) -> str:
    line, _col = doc.line_col(c.span.start)
    return f"line {line}"


def whole_once(
    doc: Document, ctx: RuleContext, whole: Claim, beside: Claim, wholes: set[int], message: str
) -> Iterator[Finding]:
    """The whole of a part that contradicts it, reported too (either may be the slip),
    once however many parts it has (``wholes``: the starts reported), and not where it
    overlaps the figure already reported (``beside``)."""
    if whole.span.start in wholes or whole.span.overlaps(beside.span):
        return
    wholes.add(whole.span.start)
    yield ctx.finding(doc, whole.span, message)


def critical(c: Claim) -> bool:
    """Counts people in intensive care / critical condition (a part of the hospitalised)."""
    return bool(c.subject) and c.subject.endswith(CRITICAL_CARE)


def _base(subject: str | None) -> str | None:
    for state in CRITICAL_CARE:
        if subject and subject.endswith(" in " + state):
            return subject[: -len(state) - 4]
    return subject


# Who carried out an attack: never the same group as its victims ("killed more than 160
# people" … "two gunmen died in the assault").
PERPETRATORS = frozenset(
    """gunmen gunman attackers attacker militants militant suspects suspect assailants
    assailant hijackers hijacker bombers bomber terrorists insurgents kidnappers robbers
    shooters jihadists""".split()
)


def subjects_match(a: Claim, b: Claim) -> bool:
    """Same counted group: equal nouns, or one is generic ("people") or left out; never
    the attackers and the people ("two gunmen" and "160 people")."""
    if critical(a) != critical(b):
        return False
    sa, sb = _base(a.subject), _base(b.subject)
    if (sa in PERPETRATORS) != (sb in PERPETRATORS) and sa is not None and sb is not None:
        return False
    if sa == sb or sa in GENERIC_SUBJECTS or sb in GENERIC_SUBJECTS:
        return True
    if sa is None or sb is None:
        return False  # "the 12" and "four Britons": no evidence they are one group
    if a.category == b.category and (sa in ROLE_NOUNS or sb in ROLE_NOUNS):
        return True  # "the 210 detainees" are whoever the story says was detained
    # "security personnel" / "personnel"; "detainees" named by the category itself
    return sa.endswith(" " + sb) or sb.endswith(" " + sa)


def _scope_keys(doc: Document) -> tuple[dict[int, frozenset], dict[int, frozenset]]:
    """Per sentence: the places and the dates (month, day, year) it names."""
    dateline = doc.dateline

    def in_dateline(span) -> bool:  # the dateline places and dates the story, not a figure
        return dateline is not None and dateline.overlaps(span)

    # an attribution after every figure of its sentence, with what follows it ("…, said
    # Dr. Mariela Quispe, the health director for the Lima region"): who spoke, not where
    last_figure: dict[int, int] = {}
    for c in doc.claims:
        last_figure[c.sentence] = max(last_figure.get(c.sentence, 0), c.span.end)
    trailing = {
        a.sentence: a.span.start
        for a in doc.attributions
        if a.sentence in last_figure and a.span.start >= last_figure[a.sentence]
    }
    places: dict[int, set] = {}
    for e in doc.entities:
        if (
            e.kind == "place"
            and not in_dateline(e.span)
            # nor a dateline with no date: "JERUSALEM (Reuters) -", "KYIV, Ukraine (AP) —"
            and not (e.text.isupper() and dateline_city(doc.text, e.span.start, e.span.end))
        ):
            idx = doc.sentence_index(e.span.start)
            if e.span.start >= trailing.get(idx, len(doc.text)):
                continue
            places.setdefault(idx, set()).add(e.key)
    dates: dict[int, set] = {}
    for d in doc.dates:
        if in_dateline(d.span):
            continue
        idx = d.sentence if d.sentence >= 0 else doc.sentence_index(d.span.start)
        if _THAT_AFTER.match(doc.text, d.span.end):
            continue  # "the announcement in July that 104,000 jobs would go": the saying's date
        if _DEADLINE_BEFORE.search(doc.text, max(0, d.span.start - 32), d.span.start):
            continue  # "cut 4,000 jobs by the end of 2026": a deadline, not the figure's time
        if d.day is not None or d.year is not None or d.month is not None:
            dates.setdefault(idx, set()).add((d.month, d.day, d.year))
        elif d.relative and (
            d.text.lower().startswith(("last", "earlier"))
            or d.text.lower() == "yesterday"
            and _opens(doc, idx, d.span.start)
        ):
            # "Last month, five people were killed": an earlier period, another event
            # (not "next week": a count is not dated by what is still to come); so is
            # a sentence opened by "Yesterday," beside the lede's "this morning"
            dates.setdefault(idx, set()).add((d.text.lower(), None, None))
    for c in doc.claims:
        if c.kind == "year" and not _DEADLINE_BEFORE.search(
            doc.text, max(0, c.span.start - 32), c.span.start
        ):
            dates.setdefault(c.sentence, set()).add((None, None, c.value))
    counted = {c.sentence for c in doc.claims if c.kind in ("count", "range")}
    for idx in sorted(counted) if doc.sentences else ():
        # "43 were detained that night" / "107 … over the three nights": another period
        span = doc.sentences[idx].span
        body = doc.text[span.start : span.end]
        if body.isascii() and not any(w in body.lower() for w in _TIME_SCOPE_UNITS):
            continue  # no period word: ``_TIME_SCOPE`` finds nothing (ASCII: no case quirks)
        for m in _TIME_SCOPE.finditer(doc.text, span.start, span.end):
            dates.setdefault(idx, set()).add((" ".join(m.group().lower().split()), None, None))
    return (
        {k: frozenset(v) for k, v in places.items()},
        {k: frozenset(v) for k, v in dates.items()},
    )


def _opens(doc: Document, sentence: int, start: int) -> bool:
    """``start`` is the first word of the sentence."""
    if not 0 <= sentence < len(doc.sentences):
        return False
    return not doc.text[doc.sentences[sentence].span.start : start].strip()


_THAT_AFTER = regexcache.compile(r"[ \t]{1,3}that[ \t]")
_DEADLINE_BEFORE = regexcache.compile(
    r"(?i)\b(?:by|until|till)[ \t]{1,3}(?:the[ \t]{1,3}(?:end|middle|start)[ \t]{1,3}of[ \t]{1,3})?$"
)


# A period named by an anaphor or a span of days, not a date: "that night", "the next
# day", "over the three nights", "in the past 24 hours".  A figure scoped by one is not
# the tally of another period.
_TIME_SCOPE = regexcache.compile(
    r"(?i)\b(?:(?:that|the\s{1,3}(?:same|next|following|previous|first|second|third))"
    r"\s{1,3}(?:night|day|morning|afternoon|evening|weekend)"
    r"|(?:over|in|during)\s{1,3}the\s{1,3}(?:past|last|first|previous)?\s{0,3}"
    r"(?:two|three|four|five|six|seven|\d{1,3})\s{1,3}(?:nights|days|weeks|hours))\b"
)
# What every match of ``_TIME_SCOPE`` holds (lower-cased): one of its period words.
_TIME_SCOPE_UNITS = ("night", "day", "morning", "afternoon", "evening", "week", "hour")

SCOPE_REACH = 40  # characters after a figure where a name scopes it ("12 detainees at Belmarsh")
# A place named by a common noun or an adverb also narrows a count: "held 57 people
# there", "12 detainees at the office", "30 injured inside the stadium".
# Plain character classes: the standard engine is exact here and cheaper per call.
_CLAUSE_END = regexcache.compile_std(r"[,;:\u2014(]")
# A people's adjective naming who caused the deaths, not a narrower group: "28 people
# had been killed in Israeli strikes", "wounded by Russian shelling" (but "28 Israeli
# soldiers" is a group of its own)
_CAUSE_ADJECTIVE = regexcache.compile(
    r"(?<=\b(?:in|by|during|from)[ ](?:(?:an?|the)[ ])?)"
    r"\p{Lu}\p{Ll}{2,20}(?:i|ian|ese|ish|an)[ ](?:air[ ]|drone[ ]|missile[ ]|military[ ]|army[ ])?"
    r"(?:strikes?|attacks?|shelling|fire|bombing|bombardment|raids?|assaults?|offensive"
    r"|operations?|airstrikes?|gunfire|forces)\b"
)
_NEXT_ITEM = regexcache.compile(
    r",\s{1,3}(?:followed\s{1,3}by|ahead\s{1,3}of|behind|compared\s{1,3}(?:with|to)|while"
    r"|whereas|against|versus)\b"
)
_OF_THE_WHOLE = regexcache.compile(r"(?i)\bof[ \t]{1,3}the[ \t]{1,3}$")
# ... but "at the height of the storm" is a time, not a place
_WHEN_NOUNS = frozenset(
    "height peak start end time outset beginning close moment weekend turn".split()
)
_LOCATIVE = regexcache.compile(
    r"\b(?:there|here|(?:at|inside|outside|near)\s{1,3}(?:the|its|their|his|her|a|an|that|this)"
    r"\s{1,3}([a-z]{2,20}))\b"
)


# A named area the figure's clause opens with: "In Dorli, 58 people died", "Kunar, where
# 2,114 people were killed", "In Lagos alone, 30 …", "…, followed by Taroudant with 452":
# a breakdown, not the story's tally.
_AREA_NAME = (
    r"(?P<name>[A-Z][\w'-]{1,30}(?:\s{1,3}[A-Z][\w'-]{1,30}){0,2})"
    r"(?:\s{1,3}(?:province|state|county|district|region|town|city))?"
)
# "In neighbouring Ala-Buka district, 12 people died"
_AREA_SIDE = r"(?:(?:neighbou?ring|nearby|northern|southern|eastern|western|central)\s{1,3})?"
_AREA_BEFORE = regexcache.compile(
    r"(?:(?:^|(?<=[.;:]\s{1,3}))"
    rf"(?:In\s{{1,3}}{_AREA_SIDE}{_AREA_NAME}(?:\s{{1,3}}alone)?,\s{{1,3}}"
    rf"|{_AREA_NAME}(?:\s{{1,3}}alone,|,\s{{1,3}}where)\s{{1,3}})"
    # mid-sentence: "most were in Al Haouz province, where 1,293 …"
    rf"|(?<=\bin\s{{1,3}}){_AREA_NAME},\s{{1,3}}where\s{{1,3}})"
    r"[^,;:.]{0,40}$"
    # a breakdown's next item: "…, followed by Taroudant with 452"
    rf"|(?<=\bby\s{{1,3}}){_AREA_NAME}\s{{1,3}}with\s{{1,3}}$"
)
# ... or one it is followed by, as a list's first item: "Eleven people died in
# Mississippi, seven in Alabama, three in Tennessee"
_AREA_ITEM = regexcache.compile(
    rf"(?:[ ][a-z]{{2,20}}){{0,3}}[ ]in[ ]{_AREA_NAME}(?:,[ ](?:and[ ])?|[ ]and[ ])"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
)
# ... or an area its clause ends in: "six were killed and 41 injured in Chatkal district"
_AREA_AFTER = regexcache.compile(
    r"(?:[ ](?:[a-z]{2,20}|\d[\d,]{0,9})){0,5}[ ]in[ ]"
    r"(?P<name>[A-Z][\w'-]{1,30}(?:\s{1,3}[A-Z][\w'-]{1,30}){0,2})[ ]"
    r"(?:province|state|county|district|region|prefecture)\b"
)
# ... or an area named as its sentence's subject: "Butler County, which includes Poplar
# Bluff, was the hardest hit, with six deaths", "Oklahoma was hardest hit, with nine deaths",
# "University Hospital Limerick was again the most overcrowded, with 118 patients", "… is
# the worst affected, with 118 patients"
_AREA_SUBJECT = regexcache.compile(
    r"(?P<name>[A-Z][\w'-]{1,30}(?:\s{1,3}[A-Z][\w'-]{1,30}){0,2})\s{1,3}"
    r"(?:(?:County|Province|District|Region|Parish|Prefecture|Oblast)\b[^.;:]{0,120}"
    # "Aksy district was the worst hit, with 17 people killed"
    r"|(?:(?:district|province|county|region|prefecture|state)\s{1,3})?(?:was|were|is|are)\s{1,3}(?:again\s{1,3})?(?:the\s{1,3})?(?:(?:hardest|worst)[\s-]{1,3}"
    r"(?:hit|affected)|most\s{1,3}\p{Ll}{3,20})\b[^.;:]{0,60}"
    # "Spain recorded the highest toll, with an estimated 1,120 excess deaths"
    r"|(?:recorded|reported|had|suffered|saw)\s{1,3}the\s{1,3}(?:highest|largest|biggest"
    r"|greatest|most)\b[^.;:]{0,60})$"
)
_CALENDAR = frozenset(
    "January February March April May June July August September October November December"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An It He She They We"
    " But And Of On At By For From Since After Before During Police Officials".split()
)


def _areas(scope: frozenset) -> frozenset:
    """The named areas of a figure's scope (``_AREA_BEFORE``'s keys)."""
    return frozenset(k for k in scope if isinstance(k, tuple) and k[0] == "in")


def _claim_scopes(doc: Document, named: bool) -> dict[int, frozenset]:
    """Per figure (by start): the names right after it, which narrow what it counts."""
    # not who gave the figure: "held 120 people overnight, the Interior Ministry said"
    said = sorted(a.span for a in doc.attributions)
    # nor a sum of money read as a name: "Rs300,000 to each of the injured"
    figures = {c.span.start for c in doc.claims}
    names = sorted(
        (e.span.start, e.key)
        for e in doc.entities
        if e.kind != "person" and not span_at(said, e.span.start) and e.span.start not in figures
    )
    starts = [n[0] for n in names]
    out: dict[int, frozenset] = {}
    for c in tally_claims(doc, named):
        i = bisect.bisect_left(starts, c.span.end)
        limit = c.span.end + SCOPE_REACH
        if doc.sentences:
            limit = min(limit, doc.sentences[c.sentence].span.end)
        close = doc.text.find(")", c.span.end, limit)
        if close != -1:
            limit = close  # "(144 passengers, six crew) Airplane: …": the bracket ends it
        keys = set()
        clause = _CLAUSE_END.search(
            doc.text, c.span.end, limit
        )  # not "…, doctors at the hospital said"
        # nor a breakdown's places: "Of the 157 people killed, 105 died in Jajarkot"
        named_limit = (
            clause.start()
            if clause and _OF_THE_WHOLE.search(doc.text, max(0, c.span.start - 8), c.span.start)
            else limit
        )
        # nor the next item of a ranking: "with 118 patients on trolleys, followed by Cork
        # University Hospital with 71"
        nxt = _NEXT_ITEM.search(doc.text, c.span.end, named_limit)
        if nxt is not None:
            named_limit = nxt.start()
        while i < len(names) and names[i][0] < named_limit:
            if not _CAUSE_ADJECTIVE.match(doc.text, names[i][0]):
                keys.add(names[i][1])
            i += 1
        local = _LOCATIVE.search(doc.text, c.span.end, clause.start() if clause else limit)
        if local is not None and local.group(1) not in _WHEN_NOUNS:
            keys.add(("at", local.group(1) or "there"))
        lo = max(doc.sentences[c.sentence].span.start if doc.sentences else 0, c.span.start - 80)
        area = (
            _AREA_BEFORE.search(doc.text, lo, c.span.start)
            or _AREA_ITEM.match(doc.text, c.span.end, limit)
            or _AREA_AFTER.match(doc.text, c.span.end, limit)
            or _AREA_SUBJECT.match(
                doc.text, doc.sentences[c.sentence].span.start if doc.sentences else 0, c.span.start
            )
        )
        if area is not None and area.group("name").split()[0] not in _CALENDAR:
            keys.add(("in", area.group("name").lower()))
        out[c.span.start] = frozenset(keys)
    return out


def _different_scope(
    a: Claim,
    b: Claim,
    places: Mapping,
    dates: Mapping,
    sources: bool = True,
    titles: SourceTitles | None = None,
) -> bool:
    """Different sources, places or dates: two figures may describe different things."""
    if (
        sources
        and a.attribution
        and b.attribution
        and not _same_source(a.attribution, b.attribution, titles)
    ):
        return True
    if a.category in ESTIMATED and (
        a.attribution is None
        or b.attribution is None
        or not _same_source(a.attribution, b.attribution, titles)
    ):
        return True  # crowd sizes are estimates: compare only one source's figures
    if a.date and b.date and a.date != b.date:
        return True
    pa, pb = places.get(a.sentence), places.get(b.sentence)
    if pa and pb and pa != pb:
        return True
    da, db = dates.get(a.sentence, frozenset()), dates.get(b.sentence, frozenset())
    # A year or a month named on one side only ("Mitch killed 10,000 people in 1998",
    # "Five detainees released in March"): another event.
    return _coarse(da) != _coarse(db)


def _same_source(a: str, b: str, titles: SourceTitles | None = None) -> bool:
    """One source, named in full and then by its head noun ("the Interior Ministry
    said" ... "the ministry said"), or a body and a person whose title names it
    ("police said" ... "Allen Police Chief Brian Harvey said"; ``titles``: the words
    of each person's title, by name)."""
    low_a, low_b = a.lower(), b.lower()
    if low_a == low_b or low_a.endswith(" " + low_b) or low_b.endswith(" " + low_a):
        return True
    if _same_field(low_a, low_b) or _officials_and_body(low_a, low_b):
        return True
    if titles is None:
        return False
    title_a, title_b = titles.get(a), titles.get(b)
    return (
        _titled_by(a, title_b)
        or _titled_by(b, title_a)
        or _officials_and_official(low_a, " ".join(title_b or ()))
        or _officials_and_official(low_b, " ".join(title_a or ()))
    )


# Officials unnamed and a person named with an official post: "…killing at least 157
# people, officials said" and "Of the 157 people killed, …, a police spokesman, Kuber
# Kadayat, said" give one count, not two estimates.  Not organisers, witnesses or rights
# groups, nor a body, which may be another country's ("three French citizens were killed,
# officials said" … "the Japanese Ministry of Foreign Affairs said three …").
_UNNAMED_OFFICIALS = frozenset(
    ["officials", "authorities", "the authorities", "local officials", "government officials"]
)
_OFFICIAL_WORDS = frozenset(
    "police ministry minister government spokesman spokeswoman spokesperson department"
    " agency army military governor mayor chief commissioner office director".split()
)
# ... but a post in no part of government: "Asia director of Human Rights Watch"
_NOT_OFFICIAL_WORDS = frozenset(
    "rights watch amnesty group organisation organization charity campaign union company"
    " firm opposition party".split()
)


def _officials_and_official(a: str, b: str) -> bool:
    """One source is officials unnamed, the other the title of an official post."""
    for unnamed, named in ((a, b), (b, a)):
        words = named.replace(",", " ").split()
        if (
            unnamed in _UNNAMED_OFFICIALS
            and not _OFFICIAL_WORDS.isdisjoint(words)
            and _NOT_OFFICIAL_WORDS.isdisjoint(words)
        ):
            return True
    return False


# A body of the story's own government, named with no owner before it: "the interior
# ministry", "police" (not "the Japanese Ministry of Foreign Affairs")
_OWN_BODIES = frozenset(["ministry", "department", "police"])


def _officials_and_body(a: str, b: str) -> bool:
    """One source is officials unnamed, the other a body of government named by its
    field alone ("…detained 143 people, officials said" … "the Interior Ministry said
    that of the 143 people detained"): one count, not two estimates."""
    for unnamed, named in ((a, b), (b, a)):
        words = named.removeprefix("the ").split()
        if unnamed in _UNNAMED_OFFICIALS and 1 <= len(words) <= 2 and words[-1] in _OWN_BODIES:
            return True
    return False


# The bodies of one field of government: "health officials" and "Gaza's health ministry"
# speak for one ministry, "the interior ministry" and "interior officials" for another.
_FIELD_BODIES = frozenset(["ministry", "department", "officials", "authorities", "authority"])


def _same_field(a: str, b: str) -> bool:
    """Both sources are a field's bodies ("health officials", "Gaza's health ministry")
    of one field, with no two different owners written before it ("Israeli health
    officials" is not "Gaza's health ministry")."""
    wa, wb = a.removeprefix("the ").split(), b.removeprefix("the ").split()
    if len(wa) < 2 or len(wb) < 2 or len(wa) > 3 or len(wb) > 3:
        return False
    if wa[-1] not in _FIELD_BODIES or wb[-1] not in _FIELD_BODIES or wa[-2] != wb[-2]:
        return False
    return not (len(wa) == 3 and len(wb) == 3 and wa[0] != wb[0])


def _titled_by(body: str, title: frozenset[str] | None) -> bool:
    """Every word of ``body`` ("police", "the Interior Ministry") is in ``title``."""
    if not title:
        return False
    words = [w for w in body.lower().split() if w != "the"]
    return bool(words) and all(w in title for w in words)


# A person's title written before the name: "Allen Police Chief Brian Harvey", "Home
# Ministry spokesman Narayan Prasad Bhattarai", "Interior Minister Ali Yerlikaya".
_TITLE_BEFORE = regexcache.compile(
    r"(?:(?:\p{Lu}[\p{L}-]{1,20}|police|spokes(?:man|woman|person)|minister|chief|head|director"
    r"|commissioner|official|officer|secretary|governor|mayor)[ ]{1,3}){0,4}"
    r"(?:\p{Lu}[\p{L}-]{1,20}|spokes(?:man|woman|person)|minister|chief|head|director"
    r"|commissioner|official|officer|secretary|governor|mayor),?[ ]{1,3}$"
)  # ... or in apposition: "a police spokesman, Kuber Kadayat"
_TITLE_AFTER = regexcache.compile(r",[ ]{1,3}(?:the|a|an)[ ]{1,3}([\p{L} -]{3,60}?)(?=[,.;]|$)")
_PERSON = regexcache.compile(r"\p{Lu}[\p{L}'.-]{1,30}(?:[ ]\p{Lu}[\p{L}'.-]{1,30}){0,3}")


_MAX_TITLED = 50  # people whose titles are read: each is found by a scan of the text


class SourceTitles:
    """The title words before each person named as a figure's source, at the first
    mention of the name, which for a surname alone ("Kreitmeier said") is mostly the full
    name after its title ("police spokesman Andreas Kreitmeier"); read only for the
    names a comparison asks about, since most figures' sources agree or are bodies."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.found: dict[str, frozenset[str]] = {}

    def get(self, name: str) -> frozenset[str] | None:
        if name not in self.found:
            if len(self.found) >= _MAX_TITLED or not _PERSON.fullmatch(name):
                return None
            at = self.text.find(name)
            title = _TITLE_BEFORE.search(self.text, max(0, at - 60), at) if at > 0 else None
            words = title.group().lower().replace(",", " ").split() if title else []
            if at >= 0:  # "…, said Dr. Mariela Quispe, the health director for the region"
                after = _TITLE_AFTER.match(self.text, at + len(name))
                words += after.group(1).lower().split() if after else []
            self.found[name] = frozenset(words)
        return self.found[name]


def _coarse(keys: frozenset) -> frozenset:
    """Years and day-less months: dates that place a figure in another period."""
    return frozenset((m, y) for m, d, y in keys if y is not None or d is None)


def tally_claims(doc: Document, named: bool = False, updates: bool = False) -> list[Claim]:
    """Counts that state a plain tally (not a change, an update or a vague word).

    People categories always; with ``named``, also other counts of one explicit noun
    ("2,500 jobs"), which are compared only with counts of the very same noun.  With
    ``updates``, a running tally too: figures of one paragraph ("since Monday, 400
    hospitalised; 62 in intensive care") describe one moment.
    """
    skip = _SKIP_ROLES - {"update"} if updates else _SKIP_ROLES
    return [
        c
        for c in doc.claims
        if c.kind in ("count", "range")
        and (c.category in PEOPLE_CATEGORIES or named and _named(c))
        and c.qualifier != "vague"
        and c.role not in skip
        and not _added(doc.text, c)
        and not _hypothetical(doc.text, c)
    ]


# "12 more people", "two other gunmen", "another 5", "a further 30": a count added to
# one told before, never a restatement of it.
_MORE_AFTER = regexcache.compile_std(r"[ ](?:more|other|additional|further|extra)\b")
_MORE_BEFORE = regexcache.compile_std(r"(?i)\b(?:another|further|additional|other)[ ]$")


# A toll that did not happen: "the same heatwave would have caused about 1,280 deaths"
_HYPOTHETICAL_BEFORE = regexcache.compile(
    r"(?i)\b(?:would|could|might)[ ]have[ ](?:been[ ])?[a-z]{2,20}(?:[ ][a-z]{1,20}){0,2}[ ]$"
)


def _hypothetical(text: str, c: Claim) -> bool:
    """The figure is what would have been, not what was: no tally of the story."""
    lo = max(0, c.span.start - 60)
    return text.find("have", lo, c.span.start) != -1 and (
        _HYPOTHETICAL_BEFORE.search(text, lo, c.span.start) is not None
    )


def _added(text: str, c: Claim) -> bool:
    return (
        _MORE_AFTER.match(text, c.span.end) is not None
        or _MORE_BEFORE.search(text, max(0, c.span.start - 12), c.span.start) is not None
    )


def _named(c: Claim) -> bool:
    return c.category == "other" and c.subject is not None and c.subject in NAMED_NOUNS


# Plain character classes: the standard engine is exact here and cheaper per call.
_PRED_WORD = regexcache.compile_std(r"[a-z]+")


def _predicate(doc: Document, c: Claim) -> tuple[str, ...]:
    """The first words after a counted noun ("could go", "were lost"): a restated
    count repeats them, while different counts of one noun rarely do."""
    start = c.span.end
    if c.subject:
        # Lower-case only the 60-character window: the whole text per claim is quadratic.
        found = doc.text[start : start + 60].lower().find(c.subject)
        start = start + found + len(c.subject) if found != -1 else start
    end = doc.sentences[c.sentence].span.end if doc.sentences else len(doc.text)
    words = _PRED_WORD.findall(doc.text[start : min(end, start + 40)].lower())
    return tuple(words[:2]) if len(words) >= 2 else ()


LEDE_PARAGRAPHS = 2  # body paragraphs a headline figure is compared with


def headline_and_lede(doc: Document, a: Claim, b: Claim) -> bool:
    """A headline figure restated in the opening paragraphs ("Marsh cuts 2,500 jobs")."""
    if doc.headline is None or not doc.sentences or not doc.headline.contains(a.span):
        return False
    first = doc.sentences[a.sentence].paragraph
    return doc.sentences[b.sentence].paragraph - first <= LEDE_PARAGRAPHS


_FROM_BEFORE = regexcache.compile(r"(?i)\bfrom\s{1,3}$")
_OTHERS_AFTER = regexcache.compile(r"[ ]others\b")


def headline_updates(doc: Document, margin: float) -> Iterator[tuple[Claim, Claim]]:
    """(headline figure, lede figure) of a running tally that cannot agree.

    "Death toll rises to 31" over a lede whose one count of the dead is "37": both
    are updates ("rises", "rose to"), which the pairs above leave alone, but a
    headline states the lede's latest figure.  Only when the lede's first paragraph
    with figures of that category gives exactly one of them, not a "from" figure nor "N
    others", and both carry no date or the story's own.
    """
    if doc.headline is None or not doc.sentences:
        return
    ref = doc.reference_date.isoformat() if doc.reference_date else None
    tallies = tally_claims(doc, updates=True)
    # a part is no tally: "kills 17, injures 84, including 11 children"
    heads = [c for c in tallies if doc.headline.contains(c.span) and c.role != "part"]
    first = doc.sentences[heads[0].sentence].paragraph if heads else 0
    for h in heads:
        body = [
            c
            for c in tallies
            if c.category == h.category
            and not doc.headline.contains(c.span)
            and 0 < doc.sentences[c.sentence].paragraph - first <= LEDE_PARAGRAPHS + 1
        ]
        if not body:
            continue
        para = doc.sentences[body[0].sentence].paragraph
        lede = [c for c in body if doc.sentences[c.sentence].paragraph == para]
        if len(lede) != 1 or not subjects_match(h, lede[0]):
            continue
        c = lede[0]
        if (
            c.date not in (None, ref)
            or _FROM_BEFORE.search(doc.text, max(0, c.span.start - 8), c.span.start)
            or _OTHERS_AFTER.match(doc.text, c.span.end)
        ):
            continue  # nor "19 of the victims were burnt …, while 12 others died": a share
        if disjoint(bounds(h, margin), bounds(c, margin)):
            yield h, c


# A determiner that points back to a group already counted: "the 43 students", "these
# 43 mothers", "all 150 people".
_DEFINITE_BEFORE = regexcache.compile_std(r"(?i)\b(?:the|these|those|all)[ ]$")


def _definite_restatement(doc: Document, a: Claim, b: Claim, times: Counter[float]) -> bool:
    """One figure written once after "the"/"these"/"all", the other written twice or more:
    "the 33 students" can only be the group the story counts elsewhere as "43 students"
    (twice), so its figure is the odd one out."""
    va, vb = float(a.value), float(b.value)
    if va == vb:
        return False
    once, often = (a, b) if times[va] < times[vb] else (b, a)
    if times[float(once.value)] != 1 or times[float(often.value)] < 2:
        return False
    return _points_back(doc, once)


def _points_back(doc: Document, c: Claim) -> bool:
    """The figure follows "the", "these", "those" or "all": a group already counted."""
    start = c.span.start
    return _DEFINITE_BEFORE.search(doc.text, max(0, start - 12), start) is not None


def _long_transposed(a: Claim, b: Claim) -> bool:
    """Two figures of three digits or more, two neighbouring digits swapped ("144
    passengers" and "414 passengers", "21,000 students" and "20,100"): a typing slip
    even when each is written once."""
    return min(float(a.value), float(b.value)) >= 100 and transposed(float(a.value), float(b.value))


SLIP_RATIO = 10  # a digit dropped or added ("1,100"/"11,000") is the furthest a slip goes


# What makes a figure the whole of a tally: "In total, 1,000 died", "a total of 40"
_TOTAL_BEFORE = regexcache.compile_std(
    r"(?i)\b(?:in total|in all|altogether|overall|a total of)[, ]{1,2}(?:some |about )?$"
)


def _magnitudes_apart(doc: Document, a: Claim, b: Claim) -> bool:
    """Figures more than an order of magnitude apart ("six people have died" … "more
    than 1,100 died" in the disaster the story recalls): no slip of a digit turns one into
    the other, so they count different events or a part and an aggregate.  Not when the
    smaller is given as the whole tally ("In total, 1,000 died" after "More than 23,000
    people have been killed"): no other figure of it may exceed a total."""
    low, high = sorted((a, b), key=lambda c: float(c.value))
    if not 0 < SLIP_RATIO * float(low.value) < float(high.value):
        return False
    start = low.span.start
    return _TOTAL_BEFORE.search(doc.text, max(0, start - 20), start) is None


def _transposed_repeat(a: Claim, b: Claim, times: Counter[float]) -> bool:
    """One figure written once with two neighbouring digits swapped from a figure the
    story writes twice or more ("the 43 students" three times, "the 34 students" once):
    a typing slip, whatever the words around it."""
    va, vb = float(a.value), float(b.value)
    once, often = sorted((va, vb), key=times.__getitem__)
    return times[once] == 1 and times[often] >= 2 and transposed(va, vb)


def transposed(x: float, y: float) -> bool:
    """Whole numbers of ten or more that differ by two neighbouring digits swapped."""
    if x != int(x) or y != int(y) or min(x, y) < 10:
        return False
    dx, dy = str(int(x)), str(int(y))
    diff = differing(dx, dy)
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, j = diff
    return dx[i] == dy[j] and dx[j] == dy[i]  # "43"/"34", not "45"/"34"


def _same_predicate(doc: Document, a: Claim, b: Claim) -> bool:
    pa = _predicate(doc, a)
    return bool(pa) and pa == _predicate(doc, b)


_VERB_BEFORE = regexcache.compile_std(r"\b([a-z]{4,20}ed)[ ]$")
_PARTICIPLE_AFTER = regexcache.compile_std(r"[ ]([a-z]{4,20}ed)\b")


def _same_action(doc: Document, a: Claim, b: Claim) -> bool:
    """One figure's verb is the other's participle: "enrolled 2,842 patients" and "Of
    the 1,842 patients enrolled", "dismissed 120 workers" … "the 210 workers dismissed"
    (a regular past form only, four letters before its "-ed" at least: "cut" is also a
    noun and an adjective)."""
    for x, y in ((a, b), (b, a)):
        verb = _VERB_BEFORE.search(doc.text, max(0, x.span.start - 22), x.span.start)
        end = _past_subject(doc, y)
        if verb is None or end is None:
            continue
        after = _PARTICIPLE_AFTER.match(doc.text, end)
        if after is not None and after.group(1) == verb.group(1):
            return True
    return False


def _past_subject(doc: Document, c: Claim) -> int | None:
    """Where the counted noun written just after the figure ends ("1,842 patients|"),
    if it is there."""
    if not c.subject:
        return None
    at = doc.text.find(c.subject, c.span.end, c.span.end + 40)
    return None if at == -1 else at + len(c.subject)


_CARRYING_BEFORE = regexcache.compile_std(r"(?i)\b(?:carrying|carried|carries|carry)[ ]$")
_ON_BOARD_AFTER = regexcache.compile_std(r"(?i)[ ](?:on[ ]board|aboard|onboard)\b")


def _carried(doc: Document, c: Claim) -> bool:
    """ "carrying 187 people", "the 187 people on board": a vessel's load."""
    if _CARRYING_BEFORE.search(doc.text, max(0, c.span.start - 12), c.span.start):
        return True
    end = _past_subject(doc, c)
    return end is not None and _ON_BOARD_AFTER.match(doc.text, end) is not None


def _same_load(doc: Document, a: Claim, b: Claim) -> bool:
    """One figure counts a vessel's load and the other points back to a group of the same
    noun with "the" or "all": "was carrying 387 people" and "Of the 187 people on board",
    "which was carrying 112 passengers" and "All 212 passengers have now been accounted
    for" (not "A second boat, which was carrying 87 people")."""
    return (_carried(doc, a) and _points_back(doc, b)) or (
        _carried(doc, b) and _points_back(doc, a)
    )


def _group_key(c: Claim) -> str:
    return c.category if c.category != "other" else f"other:{c.subject}"


def same_quantity_pairs(doc: Document, named: bool = True) -> Iterator[tuple[Claim, Claim]]:
    """(earlier, later) figures that count the same thing in the same scope.

    Same category and counted group, different sentences, and nothing that tells
    them apart: the same or no source, no different place or date named alongside.
    """
    places, dates = _scope_keys(doc)
    titles = SourceTitles(doc)
    scopes = _claim_scopes(doc, named)
    by_sentence: dict[int, list[Claim]] = {}
    for c in doc.claims:
        by_sentence.setdefault(c.sentence, []).append(c)
    groups: dict[str, list[Claim]] = {}
    for c in tally_claims(doc, named):
        if c.role != "part":  # "Of the 57 held, 40 were freed": a share, not the tally
            groups.setdefault(_group_key(c), []).append(c)
    running = _running_tallies(doc)
    staged = _staged(doc)
    by_category: dict[str, list[Claim]] = {}  # updates too: "rose above 40,000"
    for c in doc.claims:
        if c.kind in ("count", "range") and c.category in PEOPLE_CATEGORIES:
            by_category.setdefault(c.category, []).append(c)
    for category in sorted(groups):
        group = groups[category][:MAX_GROUP]
        main = _main_date(group)
        moving = category in running  # a toll updated day by day: no main date to assume
        times = Counter(float(c.value) for c in group)
        for j, later in enumerate(group):
            for earlier in group[:j]:
                if earlier.sentence == later.sentence and not _long_transposed(earlier, later):
                    continue  # "With 21,000 students … to screen all 20,100 students"
                if not subjects_match(earlier, later) or _magnitudes_apart(doc, earlier, later):
                    continue
                # two neighbouring digits swapped are a slip, not two sources' estimates;
                # a headline condenses its lede, whoever each names as the source
                swapped = transposed(float(earlier.value), float(later.value))
                headline = headline_and_lede(doc, earlier, later)
                if _different_scope(
                    earlier, later, places, dates, sources=not (swapped or headline), titles=titles
                ):
                    continue
                if _breakdown(doc, earlier, later, by_sentence[later.sentence]):
                    continue
                if _accounted_for(doc, earlier) or _accounted_for(doc, later):
                    continue  # "accounted for 41 deaths" beside another place's 12: shares
                if _recap_over(doc, earlier, later, group):
                    continue
                big, small = sorted((earlier, later), key=lambda c: -float(c.value))
                if (
                    _told_beside(earlier, later, by_sentence)
                    or _shares_of_total(doc, big, small, by_sentence)
                    or _before_remainder(doc, earlier, by_sentence)
                    or _before_remainder(doc, later, by_sentence)
                    or (big.value in staged and float(small.value) < float(big.value))
                    or _one_besides(doc, big, small)
                ):
                    continue
                peers = by_category.get(earlier.category, ())
                if _restates_other_scope(
                    earlier, later, peers, places, dates, titles, sources=not headline
                ):
                    continue  # "toll passes 40,000" restates "40,000 in Turkey and Syria",
                    # not "35,418 in Turkey"
                # an undated headline figure is of its lede's day, whatever the story's
                # main day: "3,900 passengers stranded" over "from Wednesday evening,
                # leaving about 1,900 passengers stranded"
                undated_head = headline and earlier.date is None
                if not undated_head and (earlier.date or main) != (later.date or main):
                    continue  # one figure dated to another day than the story's event
                if moving and (earlier.date is None) != (later.date is None):
                    continue  # "On Monday, the toll was 812": which day is the undated one?
                if (
                    headline
                    and (part := _part_told(doc, later, by_sentence[later.sentence])) is not None
                ):
                    # "cancels 1,140 flights" over "1,140 of the 1,820 flights": the
                    # headline restates the part, so that is the figure it must equal
                    if float(part.value) != float(earlier.value) and part.kind == earlier.kind:
                        yield earlier, part
                    continue
                scope_a, scope_b = scopes[earlier.span.start], scopes[later.span.start]
                if scope_a != scope_b and (not headline or _areas(scope_a) != _areas(scope_b)):
                    continue  # but a lede's "in Al Haouz province, where 1,293" is a breakdown
                if _named(earlier) and not (
                    headline
                    or earlier.value == later.value  # repeats back the value they restate
                    or _same_predicate(doc, earlier, later)
                    or _same_action(doc, earlier, later)
                    or _same_load(doc, earlier, later)
                    or _transposed_repeat(earlier, later, times)
                    or _long_transposed(earlier, later)
                    or _definite_restatement(doc, earlier, later, times)
                ):
                    continue  # "2,850 jobs are to go" vs "1,100 jobs will go in IT"
                yield earlier, later


def _told_beside(a: Claim, b: Claim, by_sentence: Mapping[int, list[Claim]]) -> bool:
    """One figure's sentence also writes the other's value ("The agreement covers
    roughly 3,200 detainees …, meaning the 1,046 released account for nearly a third"
    after "the release of 1,046 detainees"): the story sets the two side by side, so
    they count different things."""

    def beside(sentence: int, value: float) -> bool:
        return any(
            c is not a and c is not b and float(c.value) == value for c in by_sentence[sentence]
        )

    return beside(b.sentence, float(a.value)) or beside(a.sentence, float(b.value))


def _shares_of_total(
    doc: Document, total: Claim, part: Claim, by_sentence: Mapping[int, list[Claim]]
) -> bool:
    """``part`` and the other figures of its group in its sentence add up to ``total``
    (or to a little over it, when ``total`` is "more than" a figure): "The
    Houthis released 412 prisoners …, while the government … freed 634" under "more than
    1,000 prisoners".  Parts ("including 15 Saudi nationals") are no siblings."""
    if part.role is not None or float(part.value) >= float(total.value):
        return False
    key = _group_key(part)
    people = _counts_people(part)
    siblings = [
        c
        for c in by_sentence[part.sentence]
        if c is not part
        and (_group_key(c) == key or people and _counts_people(c) and not _other_tally(c, part))
        and c.kind == part.kind
        and c.role is None
    ]
    if not siblings:
        return False
    whole, value = float(part.value) + sum(float(c.value) for c in siblings), float(total.value)
    if total.qualifier in ("more_than", "at_least"):
        return value <= whole <= value * 1.1
    return whole == value


def _before_remainder(doc: Document, c: Claim, by_sentence: Mapping[int, list[Claim]]) -> bool:
    """``c`` is an item of a list its sentence closes with "the remaining": "650
    prisoners between February 20 and 25, 700 by March 10, and the remaining 450" (not
    "…, leaving tens of thousands of people without power")."""
    return any(
        o.role == "rest"
        and o.span.start > c.span.start
        and "remaining" in doc.text[max(0, o.span.start - 12) : o.span.start]
        for o in by_sentence[c.sentence]
    )


# A whole split into stages: "the release of 750 prisoners in three stages", "2,000
# jobs will go in two phases"
_IN_STAGES = regexcache.compile(
    r"(?:[ ][a-z]{2,20}){0,3}[ ](?:in|over)[ ]"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[ ]"
    r"(?:stages|phases|tranches|batches|instal{1,2}ments|waves|rounds)\b"
)


def _staged(doc: Document) -> frozenset:
    """The values of figures told as given out in stages ("the release of 750 prisoners
    in three stages"): a smaller figure of their group is one stage ("the first exchange
    … to free 150 people"), not the whole restated, wherever the whole is written again
    ("the release of all 750 prisoners")."""
    text = doc.text
    return frozenset(
        c.value
        for c in doc.claims
        if c.kind == "count" and _IN_STAGES.match(text, c.span.end, c.span.end + 80) is not None
    )


# One named before the figure it is added to: "The driver of the passenger train and
# three passengers were killed" (bounded, one clause: no comma or full stop between)
_ONE_AND_BEFORE = regexcache.compile(
    r"(?i)\b(?:the|a|an|one|his|her|its|their)[ ][^,;:.\d]{1,60}[ ]and[ ]$"
)


def _one_besides(doc: Document, total: Claim, part: Claim) -> bool:
    """``part`` and one more named beside it make ``total``: "Four people were killed"
    … "The driver of the passenger train and three passengers were killed"."""
    if float(total.value) - float(part.value) != 1:
        return False
    start = part.span.start
    return _ONE_AND_BEFORE.search(doc.text, max(0, start - 80), start) is not None


def _other_tally(a: Claim, b: Claim) -> bool:
    """Tallies of two kinds of people ("At least 17 migrants died and 12 others were
    missing"): the dead and the missing make no whole of the dead."""
    return (
        a.category != b.category
        and a.category in PEOPLE_CATEGORIES
        and b.category in PEOPLE_CATEGORIES
    )


def _counts_people(c: Claim) -> bool:
    """The figure counts people: by its category, or its noun ("634 Houthi fighters")."""
    if c.category in PEOPLE_CATEGORIES:
        return True
    return c.subject is not None and c.subject.rsplit(" ", 1)[-1] in numbers_vocab().people


# A sentence that sums what came before: "In all, 16 people were injured across the three
# regions", "Altogether, 40 were arrested"
_RECAP = regexcache.compile(
    r"(?i)(?:in\s{1,3}all|in\s{1,3}total|altogether|all\s{1,3}told),\s{1,3}"
    r"(?:[a-z]{1,12}\s{1,3}){0,2}$"
)

# ... over several things the sentence counts, whatever the story told of each:
# "Altogether, the five prisons held 4,738 men" after "Wandsworth held 1,611 men"
_RECAP_OVER_MANY = regexcache.compile(
    r"(?i)(?:in\s{1,3}all|in\s{1,3}total|altogether|all\s{1,3}told|together|combined),\s{1,3}"
    r"the\s{1,3}(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
    r"\s{1,3}[a-z]{2,20}s\s{1,3}(?:[a-z]{1,12}\s{1,3}){0,2}$"
)


def _recap_over(doc: Document, earlier: Claim, later: Claim, group: list[Claim]) -> bool:
    """``later`` opens a sentence that sums up ("In all, 16 people were injured across
    the three regions") what two or more figures of its group told before add up to
    ("11 injured … in Chornomorsk", "five people were injured … in Kharkiv"),
    ``earlier`` among them.  A recap of one figure ("2,000 people turned out … In all,
    4,000"), or of a sum it does not make, stays a conflict: it restates a figure
    before it with another value as often as it sums them; but not a recap over several
    things it counts ("Altogether, the five prisons held 4,738 men"), which sums what
    the story told of each whether or not it told of all."""
    if not doc.sentences or float(later.value) <= float(earlier.value):
        return False
    start = doc.sentences[later.sentence].span.start
    if _RECAP_OVER_MANY.match(doc.text, start, later.span.start) is not None:
        return True  # "Altogether, the five prisons held 4,738": a sum over several
    if _RECAP.match(doc.text, start, later.span.start) is None:
        return False
    before = [c for c in group if c.sentence < later.sentence and subjects_match(c, later)]
    return (
        len(before) >= 2
        and all(c.qualifier == "exact" for c in before)  # no sum of "about 20,000" and "…"
        and sum(float(c.value) for c in before) == float(later.value)
    )


def _part_told(doc: Document, whole: Claim, sentence: list[Claim]) -> Claim | None:
    """The one part of ``whole`` its sentence tells ("will cancel 1,140 of the 1,820
    flights"): what a headline's figure over it restates ("Lufthansa cancels 1,140
    flights"), not the whole."""
    parts = [
        c
        for c in sentence
        if c.role == "part"
        and c.ref is not None
        and doc.claims[c.ref] is whole
        # "1,140 of the 1,820": not "14 killed, including two children", whose whole
        # the headline restates
        and _OF_WHOLE.fullmatch(doc.text, c.span.end, whole.span.start) is not None
    ]
    return parts[0] if len(parts) == 1 else None


_OF_WHOLE = regexcache.compile(r"[ ](?:out[ ])?of[ ](?:the|its|their|his|her)[ ]")


def _restates_other_scope(
    earlier: Claim,
    later: Claim,
    peers: list[Claim] | tuple[()],
    places: Mapping,
    dates: Mapping,
    titles: SourceTitles,
    sources: bool = True,
) -> bool:
    """``earlier`` (a headline's "death toll passes 40,000") gives the value of another
    figure of the group that a place, date or source sets apart from ``later`` ("rose
    above 40,000 in Turkey and Syria" … "35,418 killed in Turkey"): it restates that
    one, and is no count of ``later``'s scope.  Without ``sources``, a source alone
    sets none apart: a headline condenses its lede, whoever the lede names as its
    source, so "11 killed" over the lede's "At least 21 people …, officials said"
    is no restatement of an adviser's "the 11 people killed" further down."""
    value = float(earlier.value)
    return any(
        t is not earlier
        and t is not later
        and float(t.value) == value
        and _different_scope(t, later, places, dates, sources=sources, titles=titles)
        for t in peers[:MAX_GROUP]
    )


# More of a total's members named in the next sentence: "…, a man in Mississippi was
# killed…", "…, and two others died".
_ACCOUNTS_FOR = regexcache.compile(
    r"(?i)\baccount(?:s|ed|ing)?\s{1,3}for\s{1,3}(?:[\d,]{1,12}\s{1,3}[a-z]{2,15}\s{1,3}and\s{1,3})?$"
)


def _accounted_for(doc: Document, c: Claim) -> bool:
    """Something "accounted for" the figure: a share of a tally, whatever it is beside."""
    return _ACCOUNTS_FOR.search(doc.text, max(0, c.span.start - 40), c.span.start) is not None


_MORE_MEMBERS = regexcache.compile(
    r"(?i)\b(?:others|another|(?:a|one)\s{1,3}(?:man|woman|child|boy|girl|person|driver"
    r"|passenger|pedestrian|resident|worker|soldier|officer|teenager|baby))\b"
)


# A sentence that opens on a share of a group told before: "Most of the victims were
# killed by falling trees, and two were swept away", "Many of them …"
_SHARE_OF_GROUP = regexcache.compile(
    r"(?i)(?:most|many|some|several|half|all|nearly\s{1,3}all|almost\s{1,3}all)\s{1,3}of"
    r"\s{1,3}(?:the|them|those|these)\b"
)


def _breakdown(doc: Document, total: Claim, part: Claim, sentence: list[Claim]) -> bool:
    """ "At least four deaths were blamed on the storm. Two people died in a crash…, a
    man in Mississippi was killed…": the sentence after a total lists its members, so
    a smaller figure there is a share of it, not the total restated; so does a later
    sentence with three figures of the group that add up to no more than the total, a
    figure something "accounted for", and one in a sentence that opens on a share of a
    group ("Most of the victims were killed by …, and two were swept away").  ``sentence``: the figures of ``part``'s
    sentence."""
    if part.sentence <= total.sentence or float(part.value) >= float(total.value):
        return False
    if any(c.ref is not None and doc.claims[c.ref] is part for c in sentence):
        return False  # "Of the 157 people killed, 105 died in …": a whole of its own
    if _accounted_for(doc, part):
        return True  # "Upper Nile state … accounted for 1,904 cases and 41 deaths"
    opening = doc.sentences[part.sentence].span.start if doc.sentences else 0
    if _SHARE_OF_GROUP.match(doc.text, opening, part.span.start):
        return True  # "Most of the victims were killed by falling trees, and two were swept away"
    key = _group_key(part)
    siblings = [c for c in sentence if c is not part and _group_key(c) == key]
    adjacent = part.sentence == total.sentence + 1
    if siblings and (adjacent or len(siblings) >= 2):
        # further on, three figures or more: "Jonglei recorded 29 deaths, Unity 15 deaths,
        # and Central Equatoria … 12 deaths" under "killed 97 people"
        return float(part.value) + sum(float(c.value) for c in siblings) <= float(total.value)
    return adjacent and _names_more_members(doc, part.sentence, sentence)


def _names_more_members(doc: Document, index: int, sentence: list[Claim]) -> bool:
    """The sentence names members beyond its figures ("…, and two others died"), but
    not others a figure of its own counts: "At least 17 migrants died and 12 others
    were missing" tells the dead and the missing, no more of the dead."""
    span = doc.sentences[index].span if doc.sentences else Span(0, len(doc.text))
    counted = {c.span.end + 1 for c in sentence}  # "12 others": the figure, a space, the noun
    return any(
        m.start() not in counted for m in _MORE_MEMBERS.finditer(doc.text, span.start, span.end)
    )


def _running_tallies(doc: Document) -> frozenset[str]:
    """Groups whose tally the story updates over several days: an update marker on one of
    its figures ("By Tuesday, it had risen to 1,411") and figures dated to two days or more
    ("On Monday, officials put the toll at 812")."""
    dated: dict[str, set[str]] = {}
    updated: set[str] = set()
    for c in tally_claims(doc, updates=True):
        key = _group_key(c)
        if c.role == "update":
            updated.add(key)
        if c.date:
            dated.setdefault(key, set()).add(c.date)
    return frozenset(k for k in updated if len(dated.get(k, ())) >= 2)


def _main_date(group: list[Claim]) -> str | None:
    """The day most of a category's dated figures are dated to: the story's event.

    Ties go to the first figure dated, which is the lede's.

    An undated figure is taken to be about that event, so "20 were arrested on
    Thursday" is not compared with the undated tally of Saturday's protest.
    """
    counts: dict[str, int] = {}
    for c in group:
        if c.date:
            counts[c.date] = counts.get(c.date, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)  # a tie goes to the first dated (the lede)


_last_pairs: tuple[Document, list[Claim], list[tuple[Claim, Claim]]] | None = None


def _pairs_of(doc: Document) -> list[tuple[Claim, Claim]]:
    """``same_quantity_pairs(doc)``, kept for the last document asked.

    Why: figure-conflict and qualifier-conflict both go through every pair of one
    document, one after the other.  Kept by identity of the document and of its claims
    list (both referenced, so that their identities stay their own).
    """
    global _last_pairs
    last = _last_pairs  # read once: Dask worker threads share this module
    if last is not None and last[0] is doc and last[1] is doc.claims:
        return last[2]
    pairs = list(same_quantity_pairs(doc))
    if len(doc.text) <= PRESCAN_MAX:  # a huge document is not kept alive after its rules
        _last_pairs = (doc, doc.claims, pairs)
    return pairs


def compared_pairs(
    doc: Document, margin: float, hedged: bool
) -> Iterator[tuple[Claim, Claim, bool]]:
    """(earlier, later, agree) for same-quantity pairs of one kind.

    ``hedged``: both figures qualified ("more than", "about"...); otherwise at least
    one is exact.  figure-conflict takes the second kind, qualifier-conflict the first.
    ``agree``: the values the two figures allow overlap.
    """
    for earlier, later in _pairs_of(doc):
        if (earlier.qualifier != "exact" and later.qualifier != "exact") == hedged:
            yield earlier, later, not disjoint(bounds(earlier, margin), bounds(later, margin))


def incompatible_pairs(doc: Document, margin: float, hedged: bool) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of ``compared_pairs`` whose values cannot agree, each later figure once."""
    reported: set[int] = set()
    for earlier, later, agree in compared_pairs(doc, margin, hedged):
        if not agree and later.span.start not in reported:
            reported.add(later.span.start)
            yield earlier, later


def fmt(x: float) -> str:
    """A number as a reader writes it: 1,200 or 2.5."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_like(c: Claim, x: float) -> str:
    """``x`` written the way ``c`` is: 420 million euros as "€420 million" beside "€400
    million", 224,000 as "€224,000" beside "€485,000"."""
    m = WRITTEN_DIGITS.search(c.text)
    written = float(m.group().replace(",", "")) if m else 0.0
    if m is None or not written:
        return fmt(x)
    scale = float(c.value) / written
    return f"{c.text[: m.start()]}{fmt(x / scale)}{c.text[m.end() :]}"
