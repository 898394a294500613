"""figure-conflict: the same count of people given two different values.

What it does
    Compares every count of people in one category (deaths, injured, hospitalised,
    arrested, evacuated, missing, rescued, dismissed, troops, protesters, rescuers) that
    counts the same group in the same scope (a group named by what happened to it, "the
    210 detainees", is whoever the story says was detained), and reports a figure that
    cannot be the same number as another.  When the story repeats one value and gives the
    other once, the odd one out is reported; when each is given once, both are (either
    may be the slip).  A count of another group of people or things ("jobs", "students")
    is compared when the words after it agree ("2,500 jobs could go" ... "3,500 jobs
    could go"), when one's verb is the other's participle ("enrolled 2,842 patients" ...
    "Of the 1,842 patients enrolled"), when it is written once with two neighbouring digits swapped from a
    value written twice ("the 43 students" twice, "the 34 students" once) or, in figures
    of three digits or more, from a value written once ("144 passengers", "414
    passengers"; in one sentence too), and when it is written once after "the", "these"
    or "all" while the story gives another value twice ("the 33 students" beside two "43
    students": "the" points back to the group already counted).  Qualifiers are respected
    ("more than 1,000" and "1,200" agree).  It stays silent when the text marks an update
    ("rose to 27", "so far", "now"), when the figures come from different sources
    ("organisers said"/"police said"; "the Interior Ministry" and later "the ministry"
    are one source, and so are "police" and "Allen Police Chief Brian Harvey", and
    "health officials" and "the health ministry"; but two
    neighbouring digits swapped, "150" and "510", are a slip whoever gives them), or
    when they are tied to different places or dates ("Yesterday, the union counted 588"
    beside the lede's "612 this morning"; a named area before the figure is a
    breakdown, even in the lede below a headline: "in Al Haouz province, where 1,293
    people were killed, … followed by Taroudant with 452"; a date before "that" dates the
    saying, not the figure: "the announcement in July that 104,000 jobs would go"; a
    dateline with no date places the story, "JERUSALEM (Reuters) -", and who caused
    the deaths narrows nothing, "killed in Israeli strikes"), or
    when one gives the value of a figure of another scope ("death toll passes 40,000" in
    the headline restates "rose above 40,000 in Turkey and Syria", not "35,418 in
    Turkey"); a headline's figure over a lede's part of a whole ("will cancel 1,410 of
    the 1,820 flights") restates the part, so it is compared with that, not the whole
    ("Lufthansa cancels 1,140 flights": the part and the headline are reported).  The
    attackers are never the people they attacked ("killed 19 people" …
    "killed two attackers"), and a count added to another is no restatement of it ("two
    other gunmen killed 12 more people").  A group named back by its bare number with
    two neighbouring digits swapped ("48 of the 104" beside "140 Palestinian prisoners")
    is reported too, and so is a count of any noun or an amount written in another
    sentence with two neighbouring digits swapped (three significant digits or more,
    neither digit a zero) when a word before the two agrees ("Net income rose to $412
    million" … "Quarterly net income of $421 million") or, for an amount, "the" points
    back ("Sh482 million" … "until the Sh428 million was paid"), or for a count its noun
    does and either such a word or "the"/"all" points back ("412 calls" … "all 421
    calls").
    A vote's tally on the wrong side of the threshold its sentence says it missed or
    cleared ("fell short of the 60 votes needed, 64-35") is reported too, and so is one
    part of one whole given two values ("injures 84, including 11 children" in the
    headline, "injuring 84, including 31 children" in the lede), and a headline's floor
    that its lede gives another ("At least 27 migrants dead" over "At least 17 migrants
    died"; a headline may round down, "More than 200,000" over "more than 212,000"),
    or that the story gives anywhere with two neighbouring digits swapped ("more than
    6,400 people" … "More than 4,600 people"), both reported; and a running tally ("have detained 1,204 people"), which the pairs
    leave alone, written once with two neighbouring digits swapped from a value the
    story writes twice for that count ("all 1,240 detainees").
    Figures more than ten times apart are not
    compared ("six people have died" … "more than 1,100 died" in a disaster the story
    recalls): no slipped digit turns one into the other, though a dropped zero still
    does ("120" … "1,200").  A total is compared whatever the distance ("In total, 1,000
    died" after "more than 23,000 people have been killed").

Why is this bad?
    Two tallies of one event that disagree make the reader doubt both; usually one
    is a typo or a figure left over from an earlier version of the story.

Example
    Police held 120 people overnight. [...] The 210 detainees are expected in court.

Use instead
    Police held 210 people overnight. [...] The 210 detainees are expected in court.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.model import Claim, Document, Finding, Span
from kzaudit.rules._figures import (
    compared_pairs,
    headline_and_lede,
    headline_updates,
    label,
    significant_digits,
    tally_claims,
    transposed,
    where,
)
from kzaudit.rules.base import RuleContext
from kzaudit.rules.base import times as times_written

ID = "figure-conflict"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "The same count of people (deaths, arrests, injured...) is given two different values"
OPTIONS = {"about_margin": 0.1}  # how far "about 900" may stretch either way


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    margin = float(ctx.options.get("about_margin", 0.1))
    conflicts: dict[int, list[Claim]] = {}  # by claim start: the figures it cannot equal
    agrees: dict[int, int] = {}  # by claim start: same-quantity figures it can equal
    claims: dict[int, Claim] = {}
    for a, b, agree in compared_pairs(doc, margin, hedged=False):  # two hedged: qualifier-conflict
        claims[a.span.start], claims[b.span.start] = a, b
        if not agree:
            conflicts.setdefault(a.span.start, []).append(b)
            conflicts.setdefault(b.span.start, []).append(a)
        else:
            agrees[a.span.start] = agrees.get(a.span.start, 0) + 1
            agrees[b.span.start] = agrees.get(b.span.start, 0) + 1
    for start in sorted(conflicts):
        figure, others = claims[start], conflicts[start]
        backed = agrees.get(start, 0)
        if backed >= len(others):
            continue  # the story repeats this value elsewhere: the odd one out is reported
        other = others[0]
        majority = any(agrees.get(o.span.start, 0) > 0 for o in others)
        same_form = other.qualifier == figure.qualifier
        yield ctx.finding(
            doc,
            figure.span,
            f"{label(figure)} ({figure.category}) conflicts with {label(other)} "
            f"on {where(doc, other)}: the same count given two values"
            + ("" if majority else "; one of the two is wrong"),
            other.text if same_form and (majority or other.span.start < start) else None,
        )
    reported = set(conflicts)  # read, never added to, by the checks below
    yield from _bare_transposed(doc, ctx, reported)
    yield from _swapped_restatements(doc, ctx, reported)
    yield from _swapped_running_tally(doc, ctx, reported)
    yield from _vote_thresholds(doc, ctx)
    yield from _restated_parts(doc, ctx, reported)
    yield from _restated_floors(doc, ctx, margin, reported)
    for head, lede in headline_updates(doc, margin):
        if lede.span.start in reported:
            continue
        yield ctx.finding(
            doc,
            lede.span,
            f"{label(lede)} ({lede.category}) conflicts with the headline's {label(head)}: "
            "the latest count given two values; one of the two is wrong",
            None,
        )


_FLOORS = ("at_least", "more_than")


def _restated_floors(
    doc: Document, ctx: RuleContext, margin: float, reported: set[int]
) -> Iterator[Finding]:
    """ "At least 27 migrants dead" over a lede's "At least 17 migrants died": a
    headline restates its lede's floor, so two floors of one count cannot differ,
    except by rounding down ("More than 200,000" over "More than 212,000": fewer
    significant digits).  Nor can two floors anywhere whose digits are the same two
    swapped ("forcing more than 6,400 people to flee" … "More than 4,600 people … were
    moved"): a typo, not another estimate.  The two allow each other's values, which
    is why the pairs above leave them alone."""
    for early, late, _ in compared_pairs(doc, margin, hedged=True):
        if (
            early.qualifier != late.qualifier
            or early.qualifier not in _FLOORS
            or early.value == late.value
            or late.span.start in reported
        ):
            continue
        headline = headline_and_lede(doc, early, late)
        swapped = transposed(float(early.value), float(late.value))
        if not (headline or swapped):
            continue
        if (
            not swapped
            and early.value < late.value
            and significant_digits(early) < significant_digits(late)
        ):
            continue  # rounded down
        first = "the headline's " if headline else ""
        why = "two floors whose digits are swapped" if swapped else "two floors"
        yield ctx.finding(
            doc,
            late.span,
            f"{label(late)} ({late.category}) conflicts with {first}{label(early)}"
            f"{'' if headline else ' on ' + where(doc, early)}: the same count given {why}; "
            "one of the two is wrong",
            None,
        )
        yield ctx.finding(  # either may be the slip
            doc,
            early.span,
            f"{first}{label(early)} ({early.category}) conflicts with {label(late)} on "
            f"{where(doc, late)}: the same count given {why}; one of the two is wrong",
            None,
        )


_MAX_PARTS = 40  # parts compared pairwise: a story has a few


def _restated_parts(doc: Document, ctx: RuleContext, reported: set[int]) -> Iterator[Finding]:
    """The same part of the same whole given two values: "kills 17, injures 84, including
    11 children" over "injuring 84, including 31 children".  Both wholes are exact counts
    of one category and value, both parts count one noun, in different sentences; both
    are reported (either may be the slip)."""
    parts = [
        c
        for c in doc.claims
        if c.role == "part"
        and c.ref is not None
        and c.kind == "count"
        and c.qualifier == "exact"
        and c.subject
        and c.span.start not in reported
    ][:_MAX_PARTS]
    if len(parts) < 2:
        return
    done: set[int] = set()
    for j, b in enumerate(parts):
        for a in parts[:j]:
            if a.sentence == b.sentence or a.subject != b.subject or a.value == b.value:
                continue
            wa, wb = doc.claims[a.ref], doc.claims[b.ref]  # type: ignore[index]
            if not (
                wa.category == wb.category != "other"
                and wa.value == wb.value
                and wa.qualifier == wb.qualifier == "exact"
                and wa.sentence != wb.sentence
            ):
                continue
            for one, other in ((a, b), (b, a)):
                if one.span.start not in done:
                    done.add(one.span.start)
                    yield ctx.finding(
                        doc,
                        one.span,
                        f"{label(one)} among the {wa.text} {wa.category} conflicts with "
                        f"{label(other)} among the same {wb.text} on {where(doc, other)}: "
                        "one part of one whole given two values; one of the two is wrong",
                        None,
                    )


# A vote's tally against the threshold it is said to miss or clear: "fell short of the 60
# votes needed, 54-45", "cleared the 60-vote threshold, 66-33"
_THRESHOLD_TALLY = regexcache.compile(
    r"(?i)\b(?:(?P<short>fell[ ]short[ ]of|failed[ ]to[ ](?:reach|get|win|clear))|(?P<met>"
    r"cleared|reached|passed|met|surpassed|exceeded|won|got))[ ]the[ ](?P<need>\d{1,3})"
    r"(?:-vote|[ ]votes?)[ ](?:(?:threshold|majority|mark|hurdle)|needed|required)"
    r"[^.;:\d]{0,40}?\b(?P<yes>\d{1,3})[-\u2013](?P<no>\d{1,3})\b"
)


def _vote_thresholds(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """ "fell short of the 60 votes needed, 64-35": a tally on the wrong side of the
    threshold the sentence says it missed (or cleared)."""
    text = doc.text
    if "vote" not in text:
        return
    for m in _THRESHOLD_TALLY.finditer(text):
        need, yes = int(m.group("need")), int(m.group("yes"))
        if m.group("short") and yes >= need:
            said = f"fall short of the {need} needed"
        elif m.group("met") and yes < need:
            said = f"reach the {need} needed"
        else:
            continue
        yield ctx.finding(
            doc,
            Span(m.start("yes"), m.end("no")),
            f'the tally "{m.group("yes")}-{m.group("no")}" is said to {said}: one of the two '
            "is wrong",
        )


# A bare number pointing back at a group: "48 of the 104 were serving life sentences".
_THE_BEFORE = regexcache.compile_std(r"(?i)\bthe[ ]$")
_MIN_BARE = 100  # digits enough that a swap of two is a slip, not another count


def _bare_transposed(doc: Document, ctx: RuleContext, reported: set[int]) -> Iterator[Finding]:
    """ "the 104" with no noun, in a story whose tally of some group is "140": a group
    the story counted, named back by its number with two neighbouring digits swapped.
    Only numbers of three digits or more, and only when no other figure of the story
    has the bare number's value or is another swap of it ("401 trucks" beside "the
    410")."""
    tallies = tally_claims(doc, named=True)
    times = Counter(float(c.value) for c in doc.claims)
    values = set(times)
    for c in doc.claims:
        if c.kind != "count" or c.subject is not None or c.qualifier != "exact":
            continue
        if c.span.start in reported or float(c.value) < _MIN_BARE:
            continue
        if not _THE_BEFORE.search(doc.text, max(0, c.span.start - 4), c.span.start):
            continue
        if times[float(c.value)] > 1:
            continue  # the value is another figure's too
        group = [t for t in tallies if t is not c and transposed(float(t.value), float(c.value))]
        swaps = {v for v in values if transposed(v, float(c.value))}
        if len({float(t.value) for t in group}) != 1 or len(swaps) != 1:
            continue  # no group, or another count of the story it may point to
        other = group[0]
        yield ctx.finding(
            doc,
            c.span,
            f'"the {c.text}" names back a group the story counts as {label(other)} on '
            f"{where(doc, other)}: two neighbouring digits swapped",
            other.text,
        )


_MIN_SWAP_DIGITS = 3  # significant digits that make a swap of two a slip, not chance
_CONTEXT_BEFORE = regexcache.compile_std(r"(?:[A-Za-z][A-Za-z'-]*[^A-Za-z]{1,4}){1,4}$")
_CONTENT_WORD = regexcache.compile_std(r"[A-Za-z]{3,}")
_LEAD_WORDS = frozenset(
    """the and for from with was were are has have had been its their his her that this
    which than about some more less said says rose fell down all these those year years
    month months week weeks day days percent cent per came""".split()
)
_WHOLE_WORDS = frozenset(("total", "overall", "combined", "altogether"))  # a whole's, no part's
_DEFINITE = regexcache.compile_std(r"(?i)\b(?:the|these|those|all|its|their)[ ]$")


def _swapped_restatements(doc: Document, ctx: RuleContext, reported: set[int]) -> Iterator[Finding]:
    """ "Net income rose to $412 million" … "Quarterly net income of $421 million": a
    count of any noun or an amount, written in another sentence with two neighbouring
    digits swapped (both not zero, in a figure of three significant digits or more).
    An amount must share a word with the words before the other ("net income"), a count
    its noun and either such a word or "the"/"all" pointing back ("all 421 calls" after
    "412 calls").  A value the story writes twice is the right one; two written once
    are both reported."""
    figures = [
        c
        for c in doc.claims
        if c.kind in ("count", "money")
        and c.qualifier == "exact"
        and c.span.start not in reported
        and _significant_digits(c) >= _MIN_SWAP_DIGITS
    ]
    if len(figures) < 2:
        return
    times = Counter(float(c.value) for c in doc.claims)
    flagged: set[int] = set()
    # a swap keeps the digits: only figures of one kind, unit and digits are compared,
    # each with the first figure of every other value (a page of "412" is one value)
    firsts: dict[tuple[str, str | None, str], dict[float, Claim]] = {}
    for later in figures:
        seen = firsts.setdefault((later.kind, later.unit, _digit_key(later.value)), {})
        for value, earlier in list(seen.items()):
            if value == float(later.value) or earlier.sentence == later.sentence:
                continue
            if not _nonzero_swap(earlier, later):
                continue
            if _whole_words(doc, earlier) != _whole_words(doc, later):
                continue  # "Total exports … $712.4 billion" beside chip exports' $172.4 billion
            shared = _context(doc, earlier) & _context(doc, later)
            definite = _DEFINITE.search(doc.text, max(0, later.span.start - 8), later.span.start)
            if earlier.kind == "count" and (
                earlier.subject is None
                or earlier.subject != later.subject
                or not shared
                and not definite
            ):
                continue
            if earlier.kind == "money" and not shared and not definite:
                continue  # "the Sh84 million" names back an amount the story gave
            once = [c for c in (earlier, later) if times[float(c.value)] == 1]
            for figure in once:
                other = later if figure is earlier else earlier
                if figure.span.start in flagged:
                    continue
                flagged.add(figure.span.start)
                yield ctx.finding(
                    doc,
                    figure.span,
                    f"{label(figure)} restates {label(other)} on {where(doc, other)} with "
                    "two neighbouring digits swapped; one of the two is wrong",
                    other.text if len(once) == 1 else None,
                )
        seen.setdefault(float(later.value), later)


def _swapped_running_tally(
    doc: Document, ctx: RuleContext, reported: set[int]
) -> Iterator[Finding]:
    """ "Kazakh authorities have detained 1,204 people" in a story that counts the
    detained as 1,240 twice: a running tally, which the pairs above leave alone (it may
    have grown since), written once with two neighbouring digits swapped from the value
    the story repeats for that count; three significant digits or more, where a swap
    is a slip and no growth."""
    tallies = tally_claims(doc)
    counts = Counter((c.category, float(c.value)) for c in tallies)
    # a swap keeps the digits: values written twice, by category and sorted digits, so
    # that a page of figures is one look-up each
    repeated: dict[tuple[str, str], list[float]] = {}
    for (category, v), n in counts.items():
        if n >= 2 and v.is_integer():
            repeated.setdefault((category, _digit_key(v)), []).append(v)
    if not repeated:
        return
    for c in doc.claims:
        if (
            c.role != "update"
            or c.kind != "count"
            or c.qualifier != "exact"
            or c.span.start in reported
            or _significant_digits(c) < _MIN_SWAP_DIGITS
        ):
            continue
        value = float(c.value)
        swaps = [
            v for v in repeated.get((c.category, _digit_key(value)), ()) if transposed(v, value)
        ]
        if len(swaps) != 1 or counts[(c.category, value)]:
            continue
        other = next(t for t in tallies if t.category == c.category and float(t.value) == swaps[0])
        yield ctx.finding(
            doc,
            c.span,
            f"{label(c)} ({c.category}) looks like {label(other)} with two neighbouring "
            f"digits swapped: the story writes {other.text} "
            f"{times_written(counts[(c.category, swaps[0])])} (first on {where(doc, other)})",
            other.text,
        )


def _digit_key(value: float) -> str:
    """The whole number's digits, sorted: what two neighbouring digits swapped keep."""
    return "".join(sorted(str(int(float(value)))))


def _significant_digits(c: Claim) -> int:
    value = float(c.value)
    if not value.is_integer():
        return 0
    return len(str(int(value)).rstrip("0"))


def _nonzero_swap(a: Claim, b: Claim) -> bool:
    """Two neighbouring digits swapped, neither a zero ("412"/"421", not "10,500"/"15,000":
    round figures differ that way by chance)."""
    if not transposed(float(a.value), float(b.value)):
        return False
    da, db = str(int(float(a.value))), str(int(float(b.value)))
    return all(x != "0" for x, y in zip(da, db, strict=True) if x != y)


def _whole_words(doc: Document, c: Claim) -> set[str]:
    """The words of a whole ("total", "overall") in the figure's sentence before it."""
    start = doc.sentences[c.sentence].span.start if doc.sentences else 0
    before = doc.text[max(start, c.span.start - 200) : c.span.start].lower()
    return {w for w in _WHOLE_WORDS if w in before}


def _context(doc: Document, c: Claim) -> set[str]:
    """The content words among the four words before a figure ("Quarterly net income
    of $421 million": quarterly, net, income)."""
    m = _CONTEXT_BEFORE.search(doc.text, max(0, c.span.start - 60), c.span.start)
    if m is None:
        return set()
    words = {w.lower() for w in _CONTENT_WORD.findall(m.group())}
    return words - _LEAD_WORDS
