"""sum-mismatch: parts said to make up a whole do not add up to it.

What it does
    When the text states that its parts complete a whole ("Of the 600 passengers, 450
    were rescued and the other 100 are missing"; "the remaining 40"; "closed 34 of its
    410 stores, leaving 376"; over sentences too: "Eight workers were on the bridge.  Two
    were rescued … The other six"), adds the parts and reports when the sum differs from
    the whole.  Only exact figures are added; any hedge ("about", "more than") makes the
    check stay silent, and so does a figure among the parts that is not read as one
    ("Labour won 412, the Conservatives 121 and …").  Parts told apart by place or means
    ("Of the 87 dead, 52 were in Kanvar and 45 in Seliri"; "23 at Raglan, 14 at
    Elmhurst and six on the western edge of Beaufort"; "23 were on Asia-Europe services
    and 17 on routes linking Asia with the Mediterranean"; "107.3 million by car, 7.85
    million by air"; "killed 32 people: 20 in Texas, 8 in Louisiana and 6 in
    Mississippi"; "Of the 38 bodies, 21 were Sudanese, nine were Egyptian"; "…, one
    was Vietnamese and one was from Uzbekistan") cannot
    overlap, so they are reported when they add up to more than their whole (or than the
    largest count of their noun told before, for three or more: "340 homes were
    destroyed" … "148 homes were lost in the Grampians region, 97 in Gippsland, 66 in
    …"), even with no remainder stated (a remainder that does not close the sum is
    reported, and its whole too: either may be the slip).  A total said to be of the two
    (three…) things whose figures were just given ("20,000 acres, and the Eaton Fire
    14,000 acres. Together the two fires have scorched more than 44,000 acres"; "Coles
    28%, Aldi 10% …, meaning the four together account for 82%") must fit their sum,
    and so must a count over named places whose every place the story gives one count
    of its own ("killed 32 people in Texas, Louisiana and Mississippi" … "In
    Texas, 18 people died" … "Nine were killed in Louisiana" … "Six people died in
    Mississippi").  A count broken down between brackets or dashes, or after a colon,
    into counts and nothing else ("150 people (144 passengers and six crew members)";
    a year may tell each apart: "14 incidents between 2020 and 2023 – two in 2020,
    three in 2021, …") must be their sum, and so must counts listed and then said to
    total a figure ("41 homes and 17 outbuildings, a total of 58 structures").  The kinds a counted group is
    said to include ("The dead included 21 Peruvians, four Venezuelans, a Colombian and
    an Argentine"; "Those arrested were 19 soldiers, four police officers and two
    civilians") cannot add up to more than the largest count the story gives of it. Nor
    can those for and against out of a count ("Sixty-four people spoke, with 41 in favor
    and 23 against"; "Four of the seven board members voted for the cut, while three
    favoured keeping the rate").  A list closed by "the remaining" with no whole in its
    sentence must add up to the one count of the sentence before it comes within a tenth
    of ("… to 1.02 million vehicles. Sales in North America totaled 386,000 units, …,
    with the remaining 55,000 sold in other markets"), a figure said to be so much above
    (or short of) another must be ("€485,000, €224,000 more than the €261,000"; "43
    seats, three short of the 46 needed"), and so must two levels of a change and its
    amount ("fell to $138.2 billion … from $145.6 billion …, a decline of $7.4
    billion"); amounts a thing priced before is said to include cannot add up to more
    than its price ("a €400 million aid package" … "The package … includes €150 million
    …"; "… is $14.6 billion. That includes $9.2 billion …", the one amount of the
    sentence before), and a count or amount said to be made up of a closed list after
    it ("a fleet of 54 aircraft, made up of 38 A321neos and 16 A350s"; "comprising",
    "consists of") must be its sum, each figure's rounding allowed for ("about 30,200"
    is a rounding).
    Shares of one whole closed by "the remaining" ("38 percent of revenue, while … made
    up 35 percent and mature processes the remaining 27 percent") must come to 100%.

Why is this bad?
    A reader does the sum.  If 450 + 100 is not 600, a figure is wrong or a group
    (the dead? the unaccounted for?) is missing from the story.

Example
    Of the 600 passengers, 450 were rescued and the other 100 are missing.

Use instead
    Of the 600 passengers, 450 were rescued and the other 150 are missing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from kzaudit import regexcache
from kzaudit.extract.numbers import PEOPLE_CATEGORIES
from kzaudit.model import Claim, Document, Finding, Span
from kzaudit.rules._figures import (
    about_room,
    bounds,
    disjoint,
    fmt,
    fmt_like,
    half_step,
    label,
    where,
    whole_once,
)
from kzaudit.rules.base import RuleContext

ID = "sum-mismatch"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "Parts said to make up a whole (the other, the remaining) do not add up to it"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    groups: dict[int, list[Claim]] = {}
    by_sentence: dict[int, list[Claim]] = {}  # each group reads its sentences, not the story
    for c in doc.claims:
        by_sentence.setdefault(c.sentence, []).append(c)
        if c.role in ("part", "rest") and c.ref is not None:
            groups.setdefault(c.ref, []).append(c)
    yield from _stated_totals(doc, ctx)
    yield from _place_breakdowns(doc, ctx)
    yield from _bracketed_breakdowns(doc, ctx)
    yield from _listed_totals(doc, ctx)
    yield from _included_lists(doc, ctx)
    yield from _for_and_against(doc, ctx)
    yield from _remainders_of_before(doc, ctx, by_sentence)
    yield from _stated_differences(doc, ctx)
    yield from _included_amounts(doc, ctx, by_sentence)
    yield from _place_lists_of_earlier(doc, ctx, by_sentence)
    yield from _made_up_of(doc, ctx, by_sentence)
    yield from _remaining_shares(doc, ctx, by_sentence)
    wholes: set[int] = set()  # wholes reported beside their remainder, once each
    for whole_index in sorted(groups):
        parts = groups[whole_index]
        rest = [c for c in parts if c.role == "rest"]
        whole = doc.claims[whole_index]
        if not rest and len(parts) >= 2:
            # a breakdown is told in one sentence: "three of the wounded remained in
            # critical condition" after it is not one of its parts
            by_part_sentence: dict[int, list[Claim]] = {}
            for c in parts:
                by_part_sentence.setdefault(c.sentence, []).append(c)
            for listed in by_part_sentence.values():
                if len(listed) >= 2:
                    yield from _exceeding(doc, ctx, whole, listed)
        if len(rest) != 1:
            continue  # only a stated remainder closes the sum
        figures = [whole, *parts]
        if any(c.kind != "count" or c.qualifier != "exact" for c in figures):
            continue
        total = sum(float(c.value) for c in parts)
        if total == float(whole.value):
            continue
        if _unread_figure(doc, parts, by_sentence):
            continue  # "Labour won 412, the Conservatives 121 and …": a part not read
        # "10,000 homes were inspected and 1,105 were uninhabitable. Of those, …": of the
        # counts of the whole's sentence, the parts make up the one nearest their sum.
        largest = max(float(c.value) for c in parts)
        whole = min(
            (
                c
                for c in by_sentence[whole.sentence]
                if c.kind == "count"
                and c.qualifier == "exact"
                and c.role not in ("part", "rest")
                and float(c.value) >= largest
            ),
            key=lambda c: (abs(float(c.value) - total), c is not whole),
            default=whole,
        )
        if total == float(whole.value):
            continue

        others = total - float(rest[0].value)
        should = float(whole.value) - others
        terms = " + ".join(fmt(float(c.value)) for c in parts)
        yield ctx.finding(
            doc,
            rest[0].span,
            f"{terms} = {fmt(total)}, but the parts are said to make up {label(whole)}",
            fmt(should) if should > 0 else None,
        )
        yield from whole_once(  # the whole may be the slip: reported too, once
            doc,
            ctx,
            whole,
            rest[0],
            wholes,
            f"{label(whole)} is said to be made up of parts that come to {fmt(total)} ({terms})",
        )


_DIGITS = regexcache.compile_std(r"\d[\d,.]*")


def _unread_figure(doc: Document, parts: list[Claim], by_sentence: dict[int, list[Claim]]) -> bool:
    """A figure written among the parts that extraction did not read as one ("the
    Conservatives 121", which reads like "Apollo 11"): the sum would leave it out.
    ``by_sentence``: the story's figures by sentence (the parts' sentences are read)."""
    first, last = min(c.span.start for c in parts), max(c.span.end for c in parts)
    read = [
        c.span
        for n in range(min(c.sentence for c in parts), max(c.sentence for c in parts) + 1)
        for c in by_sentence.get(n, ())
        if c.span.end > first and c.span.start < last
    ]
    return any(
        not any(r.start <= m.start() < r.end for r in read)
        for m in _DIGITS.finditer(doc.text, first, last)
    )


# A total stated of a number of things counted just before: "Together the two fires have
# scorched more than 44,000 acres", "Between them, the three banks employ 9,000 people".
_TOTAL_OF = regexcache.compile(
    r"(?i)(?:\b(?:together|combined|between[ ]them|in[ ]total|in[ ]all|altogether)\b"
    r"[^.;:!?\d]{0,40}?\b(?:(?:the|those|these)[ ](?P<n>two|three|four|five|six)"
    r"|(?P<both>both))\b"
    # "meaning the four together account for 82% of sales"
    r"|\b(?:(?:the|those|these)[ ](?P<n>two|three|four|five|six)|(?P<both>both))[ ]together\b)"
    r"[^.;:!?\d]{0,60}$"
)
# The old value of a change is no part of a total: "won 191 seats, down from 247".
_OLD_VALUE = regexcache.compile(r"(?i)\b(?:from|than|against|versus|vs\.?)[ ]{1,3}$")
_HOW_MANY = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_TOLL = regexcache.compile(r"(?i)\b(?:toll|dead|deaths)\b")


_SHARE_ABOUT = 0.03  # "about 37%" of a market is 36 to 38%, not 33 to 41%


def _off_sum(parts: list[Claim], total: Claim, about: float = 0.1) -> tuple[str, float] | None:
    """("12 + 7 + 3", 22) when the parts' sum, every hedge allowed (``about``: the room
    of an "about"), cannot be ``total``."""
    low = sum(bounds(c, about)[0] for c in parts)
    high = sum(bounds(c, about)[1] for c in parts)
    if not disjoint((low, high), bounds(total, about)):
        return None
    return " + ".join(fmt(float(c.value)) for c in parts), sum(float(c.value) for c in parts)


def _stated_totals(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A total said to be of the N things whose figures the sentence before (or the
    same one, earlier) gives, that their sum contradicts: "The Palisades Fire has burned
    20,000 acres, and the Eaton Fire 14,000 acres. Together the two fires have scorched
    more than 44,000 acres."  Exactly N figures must be there, of the total's noun or
    of none when one has it ("won 191 seats … Komeito won 24"), leaving out old values
    ("down from 247")."""
    claims = doc.claims
    for i, total in enumerate(claims):
        if total.kind not in ("count", "percent", "money") or total.role is not None:
            continue
        if not doc.sentences or total.sentence < 0:
            continue
        # "Woolworths holds 37%, Coles 28%, …, the four together 82%", "Texas won $186
        # million, California $152 million, … Together, those five states received":
        # shares and amounts of one whole, whatever their nouns
        shares = total.kind != "count"
        lo = max(doc.sentences[total.sentence].span.start, total.span.start - 90)
        m = _TOTAL_OF.search(doc.text, lo, total.span.start)
        if m is None:
            continue
        # "Together the toll in the two countries rose to 5,021": a toll with no noun
        # adds up the dead the two sentences before count
        toll = total.subject is None and _TOLL.search(doc.text, m.start(), total.span.start)
        if total.subject is None and not toll and not shares:
            continue
        n = 2 if m.group("both") else _HOW_MANY[m.group("n").lower()]
        # amounts may run over three sentences before ("Public equities … $27.1-billion, …
        # Fixed income … $22.4-billion … Together, the five asset classes")
        back = 3 if total.kind == "money" else 2 if toll else 1
        parts = [
            c
            for c in claims[max(0, i - 12) : i]
            if total.sentence - back <= c.sentence <= total.sentence
            and c.span.end <= m.start()
            and c.kind == total.kind
            and c.unit == total.unit
            and (
                shares or c.category == "deaths"
                if toll
                else shares or c.subject in (total.subject, None)  # "won 191 seats … 24"
            )
            and c.qualifier in ("exact", "about")
            and c.role is None
            and not _OLD_VALUE.search(doc.text, max(0, c.span.start - 12), c.span.start)
        ]
        if len(parts) != n or (all(c.subject is None for c in parts) and not shares):
            continue
        off = _off_sum(parts, total, _SHARE_ABOUT if shares else 0.1)
        if off is None:
            continue
        terms, added = off
        if total.kind == "money":  # "$186 million + $152 million + …", as written
            terms, added_text = " + ".join(c.text for c in parts), fmt_like(parts[-1], added)
        else:
            added_text = fmt(added)
        yield ctx.finding(
            doc,
            total.span,
            f"{terms} = {added_text}, but the {m.group('n') or 'two'} "
            f"are said to come to {label(total)} together",
        )


# A count over named places: "killed 22 protesters in the towns of Sacaba and Senkata",
# "left 32 dead in Texas, Louisiana and Mississippi".
_NAME = r"\p{Lu}[\p{L}'\u2019-]{1,30}(?:[ ]\p{Lu}[\p{L}'\u2019-]{1,30}){0,2}"
_OVER_PLACES = regexcache.compile(
    r"[^.;:!?\d\n]{0,40}?\bin[ ]{1,3}(?:the[ ]{1,3}(?:towns?|cities|villages?|provinces?|"
    r"states?|regions?|districts?|countries|areas?)[ ]{1,3}of[ ]{1,3})?"
    rf"(?P<list>{_NAME}(?:[ ]?,[ ]{{1,3}}{_NAME}){{0,4}},?[ ]{{1,3}}and[ ]{{1,3}}{_NAME})"
    r"(?![\p{L}\d])"
)
_LIST_SPLIT = regexcache.compile_std(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# A part's own place: "10 people were killed in Sacaba", "and 12 in Senkata".
_IN_PLACE = regexcache.compile(
    rf"[^.;:!?\d\n]{{0,40}}?\bin[ ]{{1,3}}(?:the[ ]{{1,3}}(?:town|city|village|province|"
    rf"state|region|district)[ ]{{1,3}}of[ ]{{1,3}})?(?P<place>{_NAME})(?![\p{{L}}\d])"
)
_PLACE_BEFORE = regexcache.compile(rf"\b[Ii]n[ ]{{1,3}}(?P<place>{_NAME})[ ]{{0,2}},[ ]{{1,3}}$")
_MAX_PLACE_TOTALS = 20  # counts over places checked: a page of them is no story


def _place_breakdowns(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A count over named places ("killed 22 protesters in the towns of Sacaba and
    Senkata") and, elsewhere in the story, one count of its kind in each of those
    places ("10 people were killed in Sacaba … and 10 in Senkata") that do not add up
    to it.  Every place must have exactly one such count, written exactly, in a sentence
    that names the same years and months as the total's (none, most often)."""
    claims = [c for c in doc.claims if c.kind == "count" and c.category in PEOPLE_CATEGORIES]
    if len(claims) < 3:
        return
    located: dict[str, list[Claim]] = {}  # a count's own place, from the text after it
    totals: list[tuple[Claim, list[str]]] = []
    for c in claims:
        end = doc.sentences[c.sentence].span.end if doc.sentences else len(doc.text)
        over = _OVER_PLACES.match(doc.text, c.span.end, end)
        if over is not None and len(totals) < _MAX_PLACE_TOTALS:
            places = [p for p in _LIST_SPLIT.split(over.group("list")) if p]
            if len(places) == len(set(places)) >= 2:
                totals.append((c, places))
            continue
        start = doc.sentences[c.sentence].span.start if doc.sentences else 0
        at = _IN_PLACE.match(doc.text, c.span.end, end) or _PLACE_BEFORE.search(
            doc.text, max(start, c.span.start - 40), c.span.start
        )  # "10 people were killed in Sacaba", "In Texas, 18 people died"
        if at is not None:
            located.setdefault(at.group("place"), []).append(c)
    if not totals:
        return
    periods: dict[int, set[tuple[int | None, int | None]]] = {}  # years, months alone
    for d in doc.dates:
        if d.year is not None or d.precision == "month":
            periods.setdefault(d.sentence, set()).add((d.month, d.year))
    for total, places in totals:
        parts = []
        for place in places:
            here = [
                c
                for c in located.get(place, ())
                if c.category == total.category
                and c.sentence != total.sentence
                # "killed 20 in Texas and Oklahoma" … "last year, 12 died in Texas in 2023"
                and periods.get(c.sentence, set()) == periods.get(total.sentence, set())
            ]
            if len(here) != 1 or here[0].role is not None or here[0].qualifier != "exact":
                break
            parts.append(here[0])
        else:
            added = sum(float(c.value) for c in parts)
            if not disjoint((added, added), bounds(total)):
                continue
            terms = " + ".join(
                f"{fmt(float(c.value))} in {p}" for c, p in zip(parts, places, strict=True)
            )
            yield ctx.finding(
                doc,
                total.span,
                f"{terms} = {fmt(added)}, but the story gives {label(total)} in "
                f"{', '.join(places[:-1])} and {places[-1]} together",
            )


# A count's noun, then what opens its breakdown: "150 people (", "12 people - ", "The
# dead: "; no figure nor clause mark between.
_BREAKDOWN_OPEN = regexcache.compile(
    r"(?:[ ]{1,3}[\p{L}'\u2019\-]{1,20}){0,4}?[ ]{0,2}(?P<open>\()"
    # a dash may end a longer clause: "160 bridging buses were deployed over the course
    # of the morning – 100 from SMRT, …"
    # (its years too: "14 incidents between 2020 and 2023 – two in 2020, …")
    r"|(?:[ ]{1,3}(?:[\p{L}'\u2019\-]{1,20}|(?:19|20)\d\d))"
    r"{0,10}?[ ](?P<dash>[-\u2013\u2014])[ ]"
    # a colon may end a longer phrase: "a fleet of 212 aircraft at the end of the year: 158"
    r"|(?:[ ]{1,3}[\p{L}'\u2019\-]{1,20}){0,8}?(?P<colon>:)[ ]"
)
_SENTENCE_END = regexcache.compile_std(r"[.;!?](?:\s|$)|\n")
_BREAKDOWN_REACH = 150  # characters of a breakdown read
_ITEM_SPLIT = regexcache.compile_std(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# One item: a figure, perhaps hedged, and what it counts in a few words: "144 passengers",
# "six crew members", "20 in Texas"; not "from 120", "aged 4", "five of them foreign".
_ITEM = regexcache.compile(
    r"(?:(?:about|some|nearly|almost|around|at[ ]least|more[ ]than|over)[ ])?"
    r"(?P<figure>[\d][\d,.]*|\p{Ll}+(?:-\p{Ll}+)?)"
    # "158 Airbus A320neo-family jets", "two in 2020"
    r"(?P<noun>(?:[ ](?!of\b)(?:\p{L}[\p{L}\d\-]{0,20}|(?:19|20)\d\d(?!\d))){1,4})"
)


def _breakdown_end(text: str, m: regex.Match[str]) -> int:
    """Where the breakdown opened by ``m`` ends: its closing bracket; a dash's pair or,
    as after a colon, the sentence's end; -1 if it goes on too far."""
    reach = m.end() + _BREAKDOWN_REACH
    if m.group("open"):
        return text.find(")", m.end(), reach)
    end = _SENTENCE_END.search(text, m.end(), reach)
    stop = end.start() if end else -1
    if m.group("dash"):
        pair = text.find(f" {m.group('dash')} ", m.end(), reach)
        if pair != -1 and (stop == -1 or pair < stop):
            return pair
    return stop


def _bracketed_breakdowns(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """A count broken down, between brackets or dashes or after a colon, into figures
    that do not add up to it: "The plane carried 150 people (144 passengers and six crew
    members)", "killed 12 people - nine soldiers and three civilians - in".  The
    breakdown must be a list of counts and nothing else, each a figure and a few words,
    two at least: a single figure in brackets is a conversion or an aside ("150 miles
    (241km)"), and a list with "including" or "of them" is no breakdown."""
    text = doc.text
    claims = doc.claims
    for i, whole in enumerate(claims):
        if (
            whole.kind != "count"
            or whole.subject is None
            and text[whole.span.end : whole.span.end + 2] != " ("
        ):
            continue
        m = _BREAKDOWN_OPEN.match(text, whole.span.end, whole.span.end + 90)
        if m is None:
            continue
        stop = _breakdown_end(text, m)
        if stop == -1:
            continue
        inside = text[m.end() : stop].strip()
        items = [p for p in _ITEM_SPLIT.split(inside) if p]
        if len(items) < 2 or any(c in inside for c in ".;:!?"):
            continue
        parts = [  # a year tells an item's time: "two in 2020" (one year each at most)
            c
            for c in claims[i + 1 : i + 2 + 2 * len(items)]
            if m.end() <= c.span.start < stop and c.kind != "year"
        ]
        if len(parts) != len(items) or any(
            c.kind != "count" or (c.role, c.ref) not in ((None, None), ("part", i)) for c in parts
        ):  # the parts of a colon's list are read as parts of the whole already
            continue
        if not all(
            (im := _ITEM.fullmatch(item)) is not None and im.group("figure") in c.text
            for item, c in zip(items, parts, strict=True)
        ):
            continue
        off = _off_sum(parts, whole)
        if off is None:
            continue
        terms, added = off
        yield ctx.finding(
            doc,
            Span(whole.span.start, parts[-1].span.end),
            f"{terms} = {fmt(added)}, but the figures are given as the breakdown of {label(whole)}",
        )


# Between two counts of a list, and between its last count and the total said of it:
# "41 homes and 27 outbuildings, a total of 58 structures"
_LIST_LINK = regexcache.compile(r"(?:[ ][\p{L}\-]{1,20}){0,3}(?:,[ ]and|,|[ ]and)[ ]")
_TOTAL_AFTER = regexcache.compile(
    r"(?:[ ][\p{L}\-]{1,20}){0,3},[ ](?:for[ ])?(?:a[ ]total[ ]of|totall?ing|in[ ]all"
    r"|a[ ]combined(?:[ ]total[ ]of)?)[ ]"  # "…, a combined 72,700"
)
# ... or a total set off by a dash or comma and said to be all of them after it: "142
# passengers and four crew on board - 146 people in all"
_SET_OFF = regexcache.compile(r"(?:[ ][\p{L}\-]{1,20}){0,3}(?:[ ][-\u2013\u2014]|,)[ ]")
_ALL_AFTER = regexcache.compile(r"(?:[ ][\p{L}\-]{1,20}){0,2}[ ]in[ ](?:all|total)\b")


def _listed_totals(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Counts listed one after another and then said to total a figure that is not their
    sum: "the loss of 41 homes and 27 outbuildings, a total of 58 structures", "142
    passengers and four crew on board - 148 people in all"."""
    text, claims = doc.text, doc.claims
    for i, total in enumerate(claims):
        if i < 2 or total.kind != "count":
            continue
        if not _TOTAL_AFTER.fullmatch(text, claims[i - 1].span.end, total.span.start) and not (
            _SET_OFF.fullmatch(text, claims[i - 1].span.end, total.span.start)
            and _ALL_AFTER.match(text, total.span.end)
        ):
            continue
        parts = [claims[i - 1]]
        for j in range(i - 2, max(-1, i - 8), -1):
            if not _LIST_LINK.fullmatch(text, claims[j].span.end, parts[-1].span.start):
                break
            parts.append(claims[j])
        parts.reverse()
        if len(parts) < 2 or any(c.kind != "count" or c.sentence != total.sentence for c in parts):
            continue
        off = _off_sum(parts, total)
        if off is None:
            continue
        terms, added = off
        yield ctx.finding(
            doc,
            Span(parts[0].span.start, total.span.end),
            f"{terms} = {fmt(added)}, but the figures are said to total {label(total)}",
        )


# A group a story counted, then listed by kind: "The dead included 21 Peruvians, four
# Venezuelans, a Colombian and an Argentine".
_GROUP_LIST = regexcache.compile(
    r"\b(?:[Tt]he|Those)[ ](?P<group>dead|killed|victims|injured|wounded|missing|survivors"
    r"|hostages|arrested|detained)[ ](?:included|include|were)[ ]"
    r"(?P<list>[^.;:()\n]{3,200}?)(?=[.;:(]|,[ ](?:according|officials"
    r"|police|the[ ]\p{Ll}{2,20}[ ]said|(?:\p{Lu}\p{Ll}{1,20}[ ]){1,2}said)|$)"
)
_GROUP_CATEGORY = {
    "dead": "deaths", "killed": "deaths", "victims": "deaths", "injured": "injured",
    "wounded": "injured", "missing": "missing", "survivors": "rescued", "hostages": "other",
    "arrested": "arrested", "detained": "arrested",
}  # fmt: skip
_ONE_ITEM = regexcache.compile(r"(?:a|an|one)[ ]\p{L}[\p{L}'\u2019\-]{1,30}")


def _included_lists(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Kinds listed in a group the story counted that add up to more than its count:
    "killing 27 people" … "The dead included 21 Peruvians, five Venezuelans, a Colombian
    and an Argentine" (28).  Each item is a figure and a noun, or "a" and a noun (one);
    the group's count is the largest the story gives of its category elsewhere, so a
    toll that rose is never taken at its first value."""
    text = doc.text
    for m in _GROUP_LIST.finditer(text):
        category = _GROUP_CATEGORY[m.group("group")]
        items = [p for p in _ITEM_SPLIT.split(m.group("list")) if p]
        parts = [c for c in doc.claims if m.start("list") <= c.span.start < m.end("list")]
        if len(items) < 2 or any(c.kind != "count" or c.qualifier != "exact" for c in parts):
            continue
        ones = sum(1 for item in items if _ONE_ITEM.fullmatch(item))
        if ones + len(parts) != len(items):
            continue  # an item that is no count: "several Britons"
        wholes = [
            c
            for c in doc.claims
            if c.kind == "count"
            and c.category == category
            and c.role is None
            and not m.start() <= c.span.start < m.end()
            and c.qualifier in ("exact", "about", "nearly", "up_to")
        ]
        if not wholes:
            continue
        whole = max(wholes, key=lambda c: bounds(c)[1])
        total = sum(float(c.value) for c in parts) + ones
        if total <= bounds(whole)[1]:
            continue
        terms = " + ".join([*(fmt(float(c.value)) for c in parts), *(["1"] * ones)])
        yield ctx.finding(
            doc,
            Span(m.start("list"), m.end("list")),
            f"{terms} = {fmt(total)}, more than the {label(whole)} the story counts, of whom "
            f"they are said to be some",
        )


# A count split for and against: "64 people spoke …, with 41 in favor of the project and
# 23 against", "of the 120 delegates, 70 voted in favour and 45 against".
_FOR_AGAINST = regexcache.compile(
    r"[^.;:!?\d]{0,80}?,[ ](?:with[ ])?(?P<yes>\d[\d,]*|\p{Ll}+(?:-\p{Ll}+)?)[ ](?:votes?[ ])?"
    r"(?:were[ ]|voted[ ])?in[ ]favou?r\b[^.;:!?\d]{0,40}?[ ]and[ ](?P<no>\d[\d,]*|\p{Ll}+(?:-\p{Ll}+)?)"
    r"[ ](?:votes?[ ])?(?:were[ ]|voted[ ])?(?:against|opposed)\b"
)


def _for_and_against(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Those for and against out of a count that they add up to more than: "Sixty-four
    people spoke …, with 41 in favor of the project and 32 against" (73).  Fewer is
    fine: some may abstain."""
    claims = doc.claims
    for i, whole in enumerate(claims[:-2]):
        if whole.kind != "count" or whole.qualifier != "exact":
            continue
        m = _FOR_AGAINST.match(doc.text, whole.span.end)
        if m is None:
            continue
        yes, no = claims[i + 1], claims[i + 2]
        if (yes.span.start, no.span.start) != (m.start("yes"), m.start("no")):
            continue
        if yes.kind != "count" or no.kind != "count" or {yes.qualifier, no.qualifier} != {"exact"}:
            continue
        total = float(yes.value) + float(no.value)
        if total <= float(whole.value):
            continue
        yield ctx.finding(
            doc,
            Span(whole.span.start, no.span.end),
            f"{fmt(float(yes.value))} for + {fmt(float(no.value))} against = {fmt(total)}, "
            f"more than the {label(whole)} they are of",
        )


# What tells parts apart: "52 were in Kanvar province", "7.85 million by air".
_TOLD_APART = regexcache.compile(
    r"\b(?P<prep>in|by|at|to|on)\s{1,3}(?:the\s{1,3}|an?\s{1,3}|neighbou?ring\s{1,3})?"
    r"(?P<obj>[A-Za-z][\w-]{1,30})"
    # a place's part: "six on the western edge of Beaufort", "nine on the outskirts of"
    r"|\b(?P<prep>on)\s{1,3}the\s{1,3}(?:[a-z]{3,12}\s{1,3})?(?:edge|outskirts|fringes?"
    r"|side|coast|shores?|banks?)\s{1,3}of\s{1,3}(?:the\s{1,3})?(?P<obj>\p{Lu}[\w-]{1,30})"
    # a people or party each: "21 were Sudanese citizens, nine were Egyptian", "12 from Syria"
    r"|\G(?:\s{1,3}\p{Ll}{3,20}(?=\s{1,3}from\b))?\s{1,3}(?:(?:were|was)\s{1,3}(?=from\b))?"
    r"(?P<prep>were|was|from)\s{1,3}(?P<obj>\p{Lu}\p{Ll}{2,30})\b"  # "279,100 applicants from"
    # a vote each: "Four of the seven board members voted for the cut, while three favoured"
    r"|\G(?:\s{1,3}[a-z]{1,12}){0,6}?\s{1,3}(?P<vote>voted|favou?red|backed|opposed|preferred)\b"
)
_PEOPLE_PREPS = frozenset(("were", "was", "from"))
_PLACE_PREPS = frozenset(("at", "on"))  # "23 at Raglan, 14 in Elmhurst, six on the edge of"
_CLAUSE = regexcache.compile_std(r"[,;:.()]|\band\b")
_APART_REACH = 50  # characters after a part searched for its place or means


# "The package, presented by the ministry …, includes €150 million for …, €130 million for
# … and €120 million in …": amounts a thing the story priced is said to include
_INCLUDES = regexcache.compile(
    r"[ ](?:includes|included|include|comprises|comprised|consists[ ]of)[ ]"
)
_THE_NOUN = regexcache.compile(r"[Tt]he[ ](?P<noun>\p{Ll}{3,20})\b")
_SUBJECT_REACH = 120  # characters between the thing and its verb


def _included_amounts(
    doc: Document, ctx: RuleContext, by_sentence: dict[int, list[Claim]]
) -> Iterator[Finding]:
    """ "a €400 million emergency aid package" … "The package … includes €150 million for
    livestock farmers, €150 million for cereal growers and €120 million in loan
    guarantees" (420): amounts said to be in a thing the story priced before, with its
    noun a few words after the price, cannot add up to more than it."""
    text = doc.text
    if "includ" not in text and "compris" not in text and "consists" not in text:
        return  # the common case, decided in one scan
    money = [c for c in doc.claims if c.kind == "money"]  # in text order, ends rising
    priced: dict[tuple[str, str | None], Claim] = {}  # (noun after it, unit): the last price
    read = 0
    for m in _INCLUDES.finditer(text):
        i = doc.sentence_index(m.start())
        sentence = doc.sentences[i]
        # the thing, the sentence's subject: "The package, presented by …, includes"
        subject = _THE_NOUN.match(text, sentence.span.start, m.start())
        that = _THAT.fullmatch(text, sentence.span.start, m.start()) if subject is None else None
        if (subject is None or m.start() - subject.end() > _SUBJECT_REACH) and that is None:
            continue
        parts = [c for c in by_sentence.get(i, ()) if c.span.start >= m.end()]
        if len(parts) < 2 or any(c.kind != "money" or c.qualifier != "exact" for c in parts):
            continue
        if len({c.unit for c in parts}) != 1:
            continue
        if that is not None:
            # "The centrepiece is $14.6 billion over five years. That includes $9.2 billion
            # …": the one amount of the sentence before
            before = [c for c in by_sentence.get(i - 1, ()) if c.kind == "money"]
            if len(before) == 1 and before[0].unit == parts[0].unit:
                yield from _more_than_included(doc, ctx, parts, before[0], "amount")
            continue
        while read < len(money) and money[read].span.end <= sentence.span.start:
            c = money[read]  # each price read once: no page of "includes" costs a square
            for word in _WORD_RUN.findall(text, c.span.end, min(len(text), c.span.end + 50))[:4]:
                priced[(word, c.unit)] = c
            read += 1
        noun = subject.group("noun")  # type: ignore[union-attr]
        whole = priced.get((noun, parts[0].unit))
        if whole is not None:
            yield from _more_than_included(doc, ctx, parts, whole, noun)


def _more_than_included(
    doc: Document, ctx: RuleContext, parts: list[Claim], whole: Claim, noun: str
) -> Iterator[Finding]:
    """The amounts ``parts`` said to be in ``whole`` add up to more than it."""
    total = sum(float(c.value) for c in parts)
    if total <= bounds(whole)[1] + half_step(whole, capped=False):
        return
    terms = " + ".join(c.text for c in parts)
    yield ctx.finding(
        doc,
        Span(parts[0].span.start, parts[-1].span.end),
        f"{terms} = {fmt_like(whole, total)}, more than the {whole.text} {noun} on "
        f"{where(doc, whole)} they are said to be in",
    )


_WORD_RUN = regexcache.compile(r"\p{L}+")
_THAT = regexcache.compile(r"(?:That|This|It)")  # a sentence naming the one before

# A whole said to be made up of the figures that follow it: "a fleet of 54 aircraft,
# made up of 38 narrow-body Airbus A321neos and 16 wide-body A350s"
_MADE_UP_OF = regexcache.compile(
    r"[^;:.!?()\n]{0,80}?\b(?:(?:is|are|was|were)[ ])?(?:made[ ]up[ ]of|comprising"
    r"|comprises|comprised[ ]of|comprised|consisting[ ]of|consists[ ]of|consisted[ ]of)"
    r"[ ](?:an?[ ])?$"
)
# ... not of a noun after it: "a 12 to eight majority on the committee, which is made up of"
_OTHER_NOUN = regexcache.compile(r"\b(?:on|in|at|of|for|to)[ ][^,]{1,40},[ ](?:which|that)\b")
# From one part to the next: the words of the part, then a comma or "and"
# (digits inside a word, "A321neos", and an acronym in brackets, "(OSR)", are words too)
_PART_LINK = regexcache.compile(
    r"(?:[^,;:.()!?\d\n]|(?<=\p{L})\d+|\([^()\n]{1,12}\)){0,60}?"
    r"(?P<sep>,[ ]and[ ]|,[ ]|[ ]and[ ])"
)


_LIST_SENTENCE_MAX = 40  # figures in a sentence read as a list of parts, at most
_REMAINING = regexcache.compile(r"(?i)\bthe[ ](?:remaining|other|rest[ ]of[ ]the)[ ]$")
_SHARE_OF_NEXT = regexcache.compile(r"[ ]of[ ](?:those|them|these|which|whom)\b")


def _remaining_shares(
    doc: Document, ctx: RuleContext, by_sentence: dict[int, list[Claim]]
) -> Iterator[Finding]:
    """ "38 percent of revenue, while 16-nanometer chips made up 45 percent and mature
    processes the remaining 27 percent": shares of one whole closed by "the remaining"
    come to 100, each rounding allowed for."""
    text = doc.text
    if "remaining" not in text and "other" not in text and "rest of" not in text:
        return
    for claims in by_sentence.values():
        if len(claims) > _LIST_SENTENCE_MAX:
            continue
        for k, rest in enumerate(claims):
            if k == 0 or rest.kind != "percent" or rest.unit != "%":
                continue
            if not _REMAINING.search(text, max(0, rest.span.start - 24), rest.span.start):
                continue
            parts = [c for c in claims[:k] if c.kind == "percent"]
            if not parts or any(
                c.unit != "%"
                or c.role is not None
                or c.qualifier not in ("exact", "about")
                or _SHARE_OF_NEXT.match(text, c.span.end)
                for c in parts
            ):
                continue  # shares alone: no change nor share of a share among them
            figures = [*parts, rest]
            total = sum(float(c.value) for c in figures)
            room = sum(half_step(c, capped=False) for c in figures)
            room += sum(_SHARE_ABOUT * float(c.value) for c in figures if c.qualifier == "about")
            if abs(total - 100.0) <= room + 1e-9:
                continue
            before = by_sentence.get(rest.sentence - 1, ())
            if total < 100.0 and (len(parts) < 2 or any(c.kind == "percent" for c in before)):
                continue  # short of 100: the list may have begun in the sentence before
                # ("won 49.1 percent, against 41.6 percent … The UCID took 6.3 percent and
                # smaller parties shared the remaining 3.0 percent")
            terms = " + ".join(c.text for c in figures)
            yield ctx.finding(  # at them all: any of them may be the slip
                doc,
                Span(parts[0].span.start, rest.span.end),
                f'{terms} = {fmt(total)}%, but "the remaining" share closes them to 100%',
                None,
            )


def _made_up_of(
    doc: Document, ctx: RuleContext, by_sentence: dict[int, list[Claim]]
) -> Iterator[Finding]:
    """ "54 aircraft, made up of 38 … A321neos and 18 … A350s": a count or an amount
    said to be made up of ("comprising", "consists of") the figures listed after it, in
    its sentence, must be their sum, each rounding allowed for."""
    text = doc.text
    if "made up of" not in text and "compris" not in text and "consist" not in text:
        return  # the common case, decided in one scan
    for claims in by_sentence.values():
        if len(claims) > _LIST_SENTENCE_MAX:
            continue  # no sentence of a story holds so many figures; a table does
        for k, whole in enumerate(claims[:-2]):
            if whole.kind not in ("count", "money"):
                continue
            first = claims[k + 1]
            gap = _MADE_UP_OF.fullmatch(text, whole.span.end, first.span.start)
            if gap is None or _OTHER_NOUN.search(gap.group()):
                continue
            parts, closed = [first], False
            for c in claims[k + 2 :]:
                link = _PART_LINK.fullmatch(text, parts[-1].span.end, c.span.start)
                if link is None:
                    break
                parts.append(c)
                if "and" in link.group("sep"):
                    closed = True  # "…, three buses and two tricycles": the list ends
                    break
            if not closed or any(
                c.kind != whole.kind or c.unit != whole.unit or c.role in ("from", "to")
                for c in parts
            ):
                continue
            low = sum(bounds(c)[0] - half_step(c, capped=False) for c in parts)
            high = sum(bounds(c)[1] + half_step(c, capped=False) for c in parts)
            w_low, w_high = bounds(whole, about_room(whole))  # "about 30,200": a rounding
            step = half_step(whole, capped=False)
            if not disjoint((low, high), (w_low - step, w_high + step)):
                continue
            total = sum(float(c.value) for c in parts)
            if any(float(c.value) == total for c in claims[:k]):
                continue  # "the total to 439 from 16 airlines, comprising 275 … and 164"
            terms = " + ".join(c.text for c in parts)
            yield ctx.finding(
                doc,
                Span(parts[0].span.start, parts[-1].span.end),
                f"{terms} = {fmt_like(parts[-1], total)}, but they are said to make up "
                f"{label(whole)}",
            )


# "€485,000, €242,000 more than the €261,000": a figure, then its difference from another
_DIFF_LEAD = regexcache.compile(r"(?:[ ][\p{L}\-]{1,20}){0,2}(?:,[ ]|[ ][-\u2013\u2014][ ])")
_DIFF_THAN = regexcache.compile(
    r"[ ](?:(?:more|less|fewer|higher|lower|greater|bigger|smaller)[ ]than|short[ ]of)"
    r"[ ](?:the[ ])?"
)


# "fell to $138.2 billion … from $145.6 billion a month earlier, a decline of $7.4 billion"
_TO_BEFORE = regexcache.compile(r"\b(?:to|at|reached)[ ]$")  # "stood at 7.29 million"
_FROM_BEFORE = regexcache.compile(r"\bfrom[ ]$")
# Two levels, then how far apart they are: "while the least expensive county was Longford
# at €185,000, a gap of €535,000", "… $612,000 as the runner-up, a difference of nearly"
_GAP_OF = regexcache.compile(r"[^\d;:.!?()]{0,40}?,[ ](?:an?|the)[ ](?:gap|difference)[ ]of[ ]")
_HEDGED_GAP = 0.1
_BY_AMOUNT = regexcache.compile(
    r"[^\d;:.!?()]{0,40}?(?:,|[ ][-\u2013\u2014])[ ](?:an?[ ])?(?:\p{Ll}{1,12}[ ])?(?:decline"
    r"|drop|fall|decrease|increase|rise|gain|jump|loss)[ ]of[ ](?:(?:some|about|around|nearly)[ ])?"
)  # ", a decline of", " - a fall of about"


def _stated_differences(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Two figures of a kind and how much they differ, in one sentence, that disagree
    past their rounding:
    - a figure, set off by a comma or dash, then how much it is above (below) another:
      "a winner's check of €485,000, €242,000 more than the €261,000 that Ibarra
      receives", "hold 43 seats, three short of the 46 needed";
    - a change's two levels, then its amount: "fell to $138.2 billion at the end of
      January from $145.6 billion a month earlier, a decline of $4.7 billion"; "stood at
      7.29 million …, down from 7.34 million in November - a fall of about 150,000" (a
      tenth of room for a hedged amount);
    - two levels, then the gap between them: "Dún Laoghaire-Rathdown, with a median
      price of €720,000, while … Longford at €185,000, a gap of €535,000" ("a
      difference of nearly $540,000": a tenth of room either way)."""
    claims, text = doc.claims, doc.text
    for i in range(2, len(claims)):
        figures = first, second, third = claims[i - 2], claims[i - 1], claims[i]
        if first.kind not in ("money", "count") or first.sentence != third.sentence:
            continue
        if any(c.kind != first.kind or c.unit != first.unit for c in figures):
            continue
        if first.qualifier != "exact" or second.qualifier != "exact":
            continue
        if third.qualifier not in ("exact", "nearly", "about"):
            continue
        if _GAP_OF.fullmatch(text, second.span.end, third.span.start):
            levels, amount = (first, second), third  # "Longford at €185,000, a gap of €535,000"
        elif (
            _TO_BEFORE.search(text, max(0, first.span.start - 9), first.span.start)
            and _FROM_BEFORE.search(text, max(0, second.span.start - 5), second.span.start)
            and _BY_AMOUNT.fullmatch(text, second.span.end, third.span.start)
        ):
            levels, amount = (first, second), third  # "to $138.2bn from $145.6bn, a decline of"
        elif third.qualifier != "exact":
            continue  # a hedged amount only as a gap or a change: "a fall of about 50,000"
        elif _DIFF_LEAD.fullmatch(text, first.span.end, second.span.start) and _DIFF_THAN.fullmatch(
            text, second.span.end, third.span.start
        ):
            levels, amount = (first, third), second  # "€485,000, €242,000 more than the €261,000"
        else:
            continue
        gap = abs(float(levels[0].value) - float(levels[1].value))
        room = sum(half_step(c, capped=False) for c in figures)
        if amount.qualifier != "exact":
            room += _HEDGED_GAP * float(amount.value)  # "nearly $540,000": a tenth either way
        if abs(gap - float(amount.value)) <= room:
            continue
        yield ctx.finding(
            doc,
            Span(first.span.start, third.span.end),
            f"{levels[0].text} and {levels[1].text} differ by {fmt_like(levels[0], gap)}, "
            f"not {amount.text}",
        )


_NEAR_WHOLE = 0.1  # how close a list and its remainder must come to the sentence before's figure


def _remainders_of_before(
    doc: Document, ctx: RuleContext, by_sentence: dict[int, list[Claim]]
) -> Iterator[Finding]:
    """ "Global unit sales rose 3% to 1.02 million vehicles. Sales in North America
    totaled 386,000 units, Japan 214,000, Asia 268,000 and Europe 97,000, with the
    remaining 55,000 sold in other markets": a list closed by "the remaining" with no
    whole in its sentence breaks down the one count of the sentence before that it
    comes within a tenth of; past its rounding, a figure is wrong.  So does a ranked
    list of places ("…, followed by Cork with 64 and Shannon with 41") closed by "The
    remaining 120 …" in the next sentence, of the one count it comes near in the
    sentence before the list."""
    for rest in doc.claims:
        if rest.role != "rest" or rest.ref is not None or rest.kind != "count":
            continue
        items = [
            c
            for c in by_sentence[rest.sentence]
            if c.span.end <= rest.span.start and c.kind == "count" and c.role is None
        ]
        listed = rest.sentence  # the sentence of the list
        if not items:
            # "Dublin bore the brunt, with 187 … cancelled, followed by Cork with 64 and
            # Shannon with 41. The remaining 120 cancellations were on …": the list is
            # the sentence before, its whole the one before that
            listed = rest.sentence - 1
            items = [c for c in by_sentence.get(listed, ()) if c.kind == "count"]
            if any(c.role is not None for c in items) or not _PLACE_LIST.search(
                doc.sentence_text(listed)
            ):
                continue
        if len(items) < 2 or any(c.qualifier != "exact" for c in (*items, rest)):
            continue
        total = sum(float(c.value) for c in (*items, rest))
        if listed == rest.sentence:
            before = [
                c
                for c in by_sentence.get(rest.sentence - 1, ())
                if c.kind == "count" and c.qualifier == "exact" and c.role in (None, "to")
            ]
        else:  # of the counts before the list, the one its sum comes near
            before = [
                c
                for c in by_sentence.get(listed - 1, ())
                if c.kind == "count"
                and c.qualifier == "exact"
                and abs(total - float(c.value)) <= _NEAR_WHOLE * float(c.value)
            ]
        if len(before) != 1:
            continue
        whole = before[0]
        value = float(whole.value)
        if abs(total - value) <= half_step(whole, capped=False) or not (
            abs(total - value) <= _NEAR_WHOLE * value
        ):
            continue
        terms = " + ".join(fmt(float(c.value)) for c in (*items, rest))
        yield ctx.finding(
            doc,
            Span(items[0].span.start, rest.span.end),
            f"{terms} = {fmt(total)}, not the {label(whole)} on {where(doc, whole)} "
            "that they break down",
        )


# A ranked list of places: "…, followed by Cork with 64 and Shannon with 41"
_PLACE_LIST = regexcache.compile_std(r"\bfollowed[ ]by[ ][A-Z]")


# A sentence whose subject is a place: "The Central zone, which includes Halifax, had the
# longest list, with 18,420 patients waiting" -- its figure is that place's, no total.
_PLACE_SUBJECT = regexcache.compile(
    r"\s{0,3}(?:The\s{1,3})?\p{Lu}[\w'-]{1,30}(?:\s{1,3}\p{Lu}[\w'-]{1,30}){0,2}\s{1,3}"
    r"(?:zone|region|district|province|county|state|prefecture|area|municipality)\b"
    r"|\s{0,3}In\s{1,3}(?:the\s{1,3})?\p{Lu}[\w'-]{1,30}(?:\s{1,3}\p{Lu}[\w'-]{1,30}){0,2}"
    r"(?:\s{1,3}(?:zone|region|district|province|county|state))?,"
)


def _place_subject(doc: Document, c: Claim) -> bool:
    return _PLACE_SUBJECT.match(doc.text, doc.sentences[c.sentence].span.start) is not None


def _place_lists_of_earlier(
    doc: Document, ctx: RuleContext, by_sentence: dict[int, list[Claim]]
) -> Iterator[Finding]:
    """ "340 homes were destroyed across the state" … "148 homes were lost in the
    Grampians region, 97 in Gippsland, 66 in the Hume region, 23 in Barwon South West
    and 11 in Loddon Mallee" (345): three or more counts of one noun, each told apart
    by its place, cannot add up to more than the largest count of that noun the story
    gave before."""
    largest: dict[str, Claim] = {}  # per noun, the largest exact count of the sentences read
    for sentence in sorted(by_sentence):
        items = [c for c in by_sentence[sentence] if c.kind == "count" and c.role is None]
        noun = items[0].subject if items else None
        if (
            len(items) >= 3
            and noun is not None
            and all(c.subject in (None, noun) for c in items[1:])
            and (whole := largest.get(noun)) is not None
            and float(whole.value) > max(float(c.value) for c in items)  # a total of them
            and not _place_subject(doc, whole)
        ):
            yield from _exceeding(doc, ctx, whole, items)
        for c in items:  # read once, in order: no page of such lists costs a square
            if c.subject is not None and c.qualifier == "exact":
                best = largest.get(c.subject)
                if best is None or float(c.value) > float(best.value):
                    largest[c.subject] = c


# Nouns that cut across kinds: "including 12 women and 9 foreigners" may count a woman twice
_ACROSS_KINDS = frozenset(
    "women men children boys girls minors teenagers babies infants adults elderly foreigners"
    " nationals civilians tourists residents locals people persons others".split()
)
_INCLUDING = regexcache.compile(r"\bincluding[ ]$")


def _kinds_included(doc: Document, parts: list[Claim]) -> bool:
    """ "95 structures, including 37 homes and 68 outbuildings": parts after
    "including", each of its own noun, none a noun that cuts across kinds."""
    first = parts[0].span.start
    if not _INCLUDING.search(doc.text, max(0, first - 12), first):
        return False
    nouns = [c.subject for c in parts]
    if len(set(nouns)) != len(nouns):
        return False  # a noun twice: no kinds of the whole
    return all(n is not None and n.rsplit(" ", 1)[-1] not in _ACROSS_KINDS for n in nouns)


_STARTS: tuple[object, list[int]] = (None, [])  # the last story's claim starts, sorted


def _claim_starts(doc: Document) -> list[int]:
    """The starts of the story's figures, in order; sorted once per story, not per list
    of parts."""
    global _STARTS
    cached = _STARTS
    if cached[0] is not doc.claims:
        cached = (doc.claims, sorted(c.span.start for c in doc.claims))
        _STARTS = cached
    return cached[1]


def _told_apart(doc: Document, parts: list[Claim]) -> bool:
    """Each part has its own place or means, with one preposition for all, or its own
    people ("21 were Sudanese citizens, nine were Egyptian"), or each is a side of a
    vote, since no one votes twice ("Four … voted for the cut, while three favoured
    keeping the rate")."""
    if _kinds_included(doc, parts):
        return True
    keys = []
    votes = 0
    starts = _claim_starts(doc)
    for c in parts:
        # past its whole: "Four of the seven board members voted for …"
        whole = doc.claims[c.ref].span.start if c.ref is not None else -1
        k = bisect.bisect_right(starts, c.span.start)
        if k < len(starts) and starts[k] == whole:
            k += 1
        nxt = starts[k] if k < len(starts) else len(doc.text)
        end = min(nxt, c.span.end + _APART_REACH)
        stop = _CLAUSE.search(doc.text, c.span.end, end)
        m = _TOLD_APART.search(doc.text, c.span.end, stop.start() if stop else end)
        if m is None:
            return False
        if m.group("vote"):
            votes += 1
        else:
            prep = m.group("prep").lower()
            # "six were Chinese, …, one was Vietnamese and one was from Uzbekistan": people
            prep = "were" if prep in _PEOPLE_PREPS else "in" if prep in _PLACE_PREPS else prep
            keys.append((prep, m.group("obj").lower()))
    if votes:
        return votes == len(parts)
    return len({p for p, _o in keys}) == 1 and len({o for _p, o in keys}) == len(keys)


def _exceeding(
    doc: Document, ctx: RuleContext, whole: Claim, parts: list[Claim]
) -> Iterator[Finding]:
    """Parts that cannot overlap and add up to more than their whole."""
    figures = [whole, *parts]
    if any(c.kind != "count" or c.qualifier not in ("exact", "about") for c in figures):
        return
    if not _told_apart(doc, parts):
        return
    low = sum(bounds(c)[0] for c in parts)
    if low <= bounds(whole)[1]:
        return
    total = sum(float(c.value) for c in parts)
    terms = " + ".join(fmt(float(c.value)) for c in parts)
    # the parts, any of which may be the slip: all of them when one sentence holds them
    span = parts[-1].span
    if parts[0].sentence == parts[-1].sentence:
        span = Span(parts[0].span.start, parts[-1].span.end)
    yield ctx.finding(
        doc,
        span,
        f"{terms} = {fmt(total)}, more than the {label(whole)} they are parts of",
        None,
    )
