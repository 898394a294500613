"""percent-mismatch: a stated percentage change that the stated figures contradict.

What it does
    In one sentence with an explicit change structure, a percentage change and the old
    and new values ("rose 50% from 200 to 250", "jumped 76% to $1.13bn from $639m"),
    computes the change the two figures give and reports the stretch from the percentage
    to both figures (any of the three may be the slip) when it is outside a tolerance
    (default: 1 percentage point, half a point for a percentage written to a decimal, or
    5% of the stated value, after allowing for the rounding of every figure as written),
    or when the direction is wrong ("fell 10% to $90m from $80m"); also "closed down
    3.6% at 41.20 rand, from 43.97 rand", "38,470 migrants have arrived by sea, up 41.4
    percent from 33,640", "42 trucks entered …, compared with 260 …, a drop of 84
    percent", "reached €340,000, up from €314,000, or 8.3 per cent" (the figures give
    the direction), "$21.5 million, a 48% decline from its $51.2 million opening", "$34.95 a
    share, a 31% premium to its close of $26.68" (a dash sets the change off as a comma
    does), and a change as an amount and its percentage on either side of the new
    level ("fell $1.84, or 2.8%, to $63.48"; "settled at $63.48, down $1.84, or
    2.8%"), and a figure said to be a percentage more or fewer than another ("4,870
    cases so far this year, 65 per cent more than the 3,120"; "This was 18 per cent
    more than the 301 cases", of the one such figure the sentence before gave), or a
    multiple of it ("96 mm in one hour, triple its previous record of 48 mm"; "5,000
    units, more than twice the 2,100 sold a year earlier"; "The 1,012,000 hectares … is
    more than four times the average of 248,000").  Figures must have the same
    unit.  A change in percentage points is checked
    against the difference of two percentages ("fell to 26.9%, down from 35.7%, a loss
    of 8.8 points": bare points after a change of percentages are percentage points;
    "from 13.6% … to a low of 11.7%, a decline of 1.9 percentage points"); "rose 2% from
    5% to 7%" is ambiguous and
    left alone.  A change by a fraction in words ("cut … by a third to £620mn, from
    £930mn") is checked with 15% of room.  A change by a factor ("doubled / halved /
    tripled / quadrupled from X to
    Y", "the doubling of") is checked too: the ratio Y/X must be within
    ``tolerance_factor`` (10%) of the factor, and at least the factor for "more than
    doubled", and from three quarters of it up to the tolerance above it for "nearly
    doubled"; a figure hedged with "about" has 10% of room (2% when written to three
    digits or more).  So is a change by a factor told of the one figure of its noun the
    sentence before gave ("had grown to 4,200 hectares. … had more than quadrupled in
    size, to 18,500 hectares"); both figures are reported.  A
    sentence that gives the share of the one count of the sentence before ("… by 16,000
    positions. That is roughly 4.5 per cent of the 357,000 people") is read so too.  A
    lead in points between two shares must be their difference ("44.1% of the votes, 4.5
    percentage points ahead of the LDF's 39.6%"; "49.1 percent …, against 41.6 percent
    …, a lead of 7.5 points"); basis points are hundredths of a point.  A
    share written with its part and whole ("11%, or $980,000 of the $8.9 million";
    "1,811 of the 2,616 candidates, or 69%"; "1,811 (69%) of the 2,616"; "Of the 400
    workers, 300, or 75%"; "…2,207 structures.  Of those, 1,900, or 86%", the whole the
    one count of the sentence before; "Of the city's 120,000 residents, at least 30,000,
    or 25%" (a part with a floor sets one for its share); "300 workers out of 400, or
    75%"; "75% of its 400 members, or 300 people"; "The £3.1m reduction amounts to
    about 4% of the department's £77.5m budget"; "3,500 jobs, or 12% of its
    25,000-strong workforce"; a fraction in words, of its whole and then its part, "A
    third of the 300 workers, or 100 people", or set beside its part, "$6.2 billion for
    relief, roughly half of the $12 billion", with 15% more room; "1.9 million of Gaza's
    2.3 million people, or 60% of the population"; "85 of its 640 stores, or 13% of its
    fleet"; "cut 11,000 jobs, or 13% of its staff of 87,000"; "Of the 414 fires, 239 or about 58%"; "1,932 of them, or 4.0%", of the
    whole the extraction tied the part to; "112 of the 233 camps have been inundated,
    nearly 48 per cent of the total"; "109,000 of its 131,000 customers by 18:00 on
    Sunday, about 83%" (a rough share after a comma alone); the share first: "71% of her
    first-serve points, 50 of 70", "52% from the field (45 of 87)"; "$19.7 billion for
    K-12 schools, or about 24% of the total", of the largest figure of its kind of the
    three sentences before; a turnout and, in its sentence or the next, those who voted
    out of those who could: "Turnout was 45.3%. Of the 78,940 registered voters, 35,767
    cast ballots") must be their ratio, reported over the percentage, the part and the
    whole its sentence holds, and a share written as a bound ("less than 50%") must
    hold, and a change stated without a percentage ("50,000, down from 55,000"; "rose to
    4,100 from 2,650"; "fell from 12 to 9"; "inflation slowed to 2.1% from 2.8%", "the
    loss narrowed to $567m from $738m") must go the way its figures go, and a change
    "by" an amount "to" one level "from" another must be their gap ("went up by £149 a
    year to £1,717, from £1,568"), both levels' rounding allowed. Shares of one vote
    listed side by side in a sentence with no year ("won 80.1 percent of the vote and
    his main challenger, Svyatlana Tsikhanouskaya, 10.1 percent"; "the Conservatives
    with 41 pct of the vote, Labour with 35 pct") cannot add up to more than 100%, half
    a point of rounding each aside; not the share of the vote counted, nor one
    candidate's share in a second round with no name before it ("52 percent of the vote,
    and 61 percent in the runoff"). And "the number had fallen to 520,000" must lie
    below some figure of its kind the sentence before gave ("395,000 homes were without
    power"), "the death toll had risen to 17" above some count of the dead ("19 people
    had died"), and the percentage of such a change ("had fallen to 52,000 by 6 p.m., a
    drop of about 72 percent") must fit the one figure it comes from ("about 184,000
    households").  "About" gives a figure 10% of room, or 2% when it is written to three
    digits or more ("about 4.82 million"); a share written to a decimal keeps half a
    point and a fifth of the relative room ("Turnout was 62.1%, with 45,296 ballots cast
    from an electorate of 73,981" is 61.2%).

Why is this bad?
    Readers and other outlets recompute changes.  A wrong percentage is usually a
    typo in one of the three figures, or a figure from another period.

Example
    Sales rose 50% from 200 to 250 units.
    Sales doubled from 200 to 250 units.

Use instead
    Sales rose 25% from 200 to 250 units.
    Sales doubled from 200 to 400 units.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from kzaudit import regexcache
from kzaudit.extract.numbers import fraction_value, is_aside, vocab
from kzaudit.model import Claim, Document, Finding, Span
from kzaudit.rules._figures import WRITTEN_DIGITS, about_room, bounds, fmt, half_step
from kzaudit.rules.base import RuleContext

ID = "percent-mismatch"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "A stated percentage change disagrees with the stated old and new figures"
OPTIONS = {"tolerance_points": 1.0, "tolerance_relative": 0.05, "tolerance_factor": 0.1}

_DECIMAL_SLACK = 0.5  # of the points' tolerance, for a percentage written to a decimal
_DECIMAL_RELATIVE = 0.2  # of the relative tolerance, for a share written to a decimal
_EXACT_SHARE_RELATIVE = 0.02  # relative room for an unhedged share of exact figures


def _change_range(old: Claim, new: Claim, points: bool) -> tuple[float, float] | None:
    """Lowest and highest change the rounded figures allow (percent or points)."""
    o, n = float(old.value), float(new.value)
    do, dn = half_step(old), half_step(new)
    # "from about 3,800 megawatts": anything within 10% of it ("some 138,200": 2%)
    do = max(do, about_room(old) * abs(o)) if old.qualifier == "about" else do
    dn = max(dn, about_room(new) * abs(n)) if new.qualifier == "about" else dn
    if points:
        return (n - dn) - (o + do), (n + dn) - (o - do)
    if o - do <= 0:
        return None
    lo = ((n - dn) - (o + do)) / (o + do) * 100
    hi = ((n + dn) - (o - do)) / (o - do) * 100
    return lo, hi


def _central(old: Claim, new: Claim, points: bool) -> float:
    o, n = float(old.value), float(new.value)
    return n - o if points else (n - o) / o * 100


_NEARLY_FLOOR = 0.75  # "nearly doubled" is at least 1.5 times, "nearly tripled" 2.25
_HEDGE = {"more_than": "more than ", "nearly": "nearly "}


def _factor_ok(old: Claim, new: Claim, tol: float, stated: tuple[float, str] | None = None) -> bool:
    """The ratio the rounded figures allow meets the stated factor (``new``'s, or
    ``stated``), within ``tol`` of it."""
    factor, qualifier = stated or new.factor
    o, n = float(old.value), float(new.value)
    do, dn = half_step(old), half_step(new)
    if old.qualifier == "about":  # "to about 38,000 from 20,000": a round figure
        do = max(do, o * about_room(old))
    if new.qualifier == "about":
        dn = max(dn, n * about_room(new))
    if o - do <= 0:
        return True
    lo, hi = (n - dn) / (o + do), (n + dn) / (o - do)
    if qualifier == "more_than":  # "more than doubled": at least the factor
        return hi >= factor
    if qualifier == "nearly":  # "nearly tripled": short of the factor, but not far short
        return lo <= factor * (1 + tol) and hi >= factor * _NEARLY_FLOOR
    return lo <= factor * (1 + tol) and hi >= factor * (1 - tol)


def _factors(doc: Document, tol: float) -> Iterator[tuple[Span, str, str]]:
    """ "doubled from 200 to 250": a change by a factor the from/to figures contradict."""
    for new in doc.claims:
        if new.factor is None or new.ref is None:
            continue
        old = doc.claims[new.ref]
        if old.sentence != new.sentence or {old.qualifier, new.qualifier} - {"exact", "about"}:
            continue
        if _factor_ok(old, new, tol):
            continue
        ratio = float(new.value) / float(old.value)
        wanted = _HEDGE.get(new.factor[1], "") + f"{fmt(new.factor[0])} times"
        first, second = sorted((old.span, new.span), key=lambda s: s.start)
        yield (
            Span(_factor_start(doc, new, first.start), second.end),
            f"{old.text} to {new.text} is {fmt(round(ratio, 2))} times the old figure, "
            f"not the {wanted} the sentence states",
            f"{wanted} {old.text} is {_times(old.text, new.factor[0])}",
        )


def _factor_start(doc: Document, new: Claim, first: int) -> int:
    """Where the stated change begins ("more than tripled" in "more than tripled to 84.7
    billion yen from 42.1 billion yen"), so that the finding covers the claim it says the
    figures contradict; ``first`` when no factor word stands before the figures."""
    sentence = doc.sentences[new.sentence].span if 0 <= new.sentence < len(doc.sentences) else None
    lo = sentence.start if sentence is not None else max(0, first - 200)
    start = first
    for m in vocab().factor_word.finditer(doc.text, lo, first):
        start = m.start()
    return start


# A change by a factor told of the figure the sentence before gave: "it had grown to
# 4,200 hectares. … the fire had more than quadrupled in size, to 18,500 hectares"
_FACTOR_TO = regexcache.compile(
    r"(?i)\b(?P<q>more\s{1,3}than\s{1,3})?(?P<verb>doubled|halved|tripled|trebled|quadrupled)"
    r"(?:\s{1,3}in\s{1,3}(?:size|value|number|price))?\s{0,2},?\s{1,3}to\s{1,3}$"
)


_FROM_NEXT = regexcache.compile(r"[^\d.;:]{0,30}?\bfrom\s{1,3}")


def _anaphoric_factors(doc: Document, tol: float) -> Iterator[tuple[Claim, str, str]]:
    """(figure, message, suggestion) where a change by a factor to a figure does not fit
    the one figure of its kind and unit the sentence before gave: both are reported,
    since either may be the slip."""
    text, claims, factors = doc.text, doc.claims, vocab().factor
    for i, new in enumerate(claims):
        if new.kind not in ("count", "money") or new.qualifier != "exact" or new.factor:
            continue
        m = _FACTOR_TO.search(text, max(0, new.span.start - 48), new.span.start)
        if m is None or m.group("verb").lower() not in factors:
            continue
        if _FROM_NEXT.match(text, new.span.end):
            continue  # "more than doubled to 381 mln dlrs from 160": its own old figure
        if new.subject is None and (new.kind != "money" or new.unit is None):
            continue  # a figure with no noun or unit names nothing to match a change to
        before = [
            o
            for o in claims[max(0, i - 12) : i]
            if o.sentence == new.sentence - 1
            and o.kind == new.kind
            and o.unit == new.unit
            and o.qualifier == "exact"
            and o.subject == new.subject  # "4,200 hectares" … "to 18,500 hectares"
        ]
        if len(before) != 1:
            continue
        stated = (factors[m.group("verb").lower()], "more_than" if m.group("q") else "exact")
        old = before[0]
        if float(old.value) <= 0 or _factor_ok(old, new, tol, stated):
            continue
        ratio = float(new.value) / float(old.value)
        wanted = ("more than " if m.group("q") else "") + f"{fmt(stated[0])} times"
        message = (
            f"{old.text} to {new.text} is {fmt(round(ratio, 2))} times the earlier figure, "
            f"not the {wanted} the story states"
        )
        yield new, message, f"{wanted} {old.text} is {_times(old.text, stated[0])}"
        yield old, message, None  # the earlier figure may be the slip: reported too


def _times(text: str, factor: float) -> str:
    """ "$1.7bn" times 2 as written: "$3.4bn" (the first figure of the text scaled)."""
    m = WRITTEN_DIGITS.search(text)
    if m is None:
        return text
    value = round(float(m.group().replace(",", "")) * factor, 2)
    return text[: m.start()] + f"{fmt(value)}" + text[m.end() :]


# "rose 3p, or 1.1%, to 282p", "fell 32 cents, or 0.6%, to $49.74", "closed down 45.2
# points, or 0.6%, at 7,280.5": the change as an amount, its percentage, the new level.
_OR = regexcache.compile(r"\s{0,2},\s{0,3}or\s{1,3}")
_TO_LEVEL = regexcache.compile(
    r"\s{0,2},\s{0,3}(?:to|at|to\s{1,3}(?:settle|close|end|finish)\s{1,3}at)\s{1,3}"
)
_SUBUNITS = {("cents", "USD"): 100.0, ("GBp", "GBP"): 100.0, ("cents", "EUR"): 100.0}
_LEAD = 24  # characters before the amount searched for its change verb


def _amount_changes(doc: Document, rel: float) -> Iterator[tuple[Claim, str, str]]:
    """(percentage, message, suggestion) where the amount and the new level disagree:
    "fell $1.84, or 3.8%, to $63.48", and the level first: "settled at $63.48 a barrel
    on Friday, down $1.84, or 3.8%"."""
    v, text, claims = vocab(), doc.text, doc.claims
    for i in range(1, len(claims)):
        amount, pct = claims[i - 1], claims[i]
        if pct.kind != "percent" or pct.role is not None or pct.qualifier != "exact":
            continue
        if amount.kind not in ("money", "count") or amount.sentence != pct.sentence:
            continue
        if not _OR.fullmatch(text, amount.span.end, pct.span.start):
            continue
        level, direction = None, None
        if i + 1 < len(claims) and _TO_LEVEL.fullmatch(
            text, pct.span.end, claims[i + 1].span.start
        ):
            verb = v.change_before.search(
                text, max(0, amount.span.start - _LEAD), amount.span.start
            )
            if verb is not None:
                level = claims[i + 1]
                direction = v.change.get(verb.group("verb").lower(), "rise")
        elif i >= 2:
            then = _LEVEL_THEN_AMOUNT.fullmatch(text, claims[i - 2].span.end, amount.span.start)
            if then is not None and _AT_BEFORE.search(
                text, max(0, claims[i - 2].span.start - 24), claims[i - 2].span.start
            ):
                level = claims[i - 2]
                direction = "rise" if then.group("dir").lower() == "up" else "fall"
        if level is None or level.kind != amount.kind or level.sentence != amount.sentence:
            continue
        found = _amount_slip(amount, pct, level, direction, rel)
        if found is not None:
            yield pct, *found


# The level first, then the change: "settled at $63.48 a barrel on Friday, down $1.84"
_AT_BEFORE = regexcache.compile(
    r"(?i)\b(?:at|was|were|to|reached|totall?ed|numbered)\s{1,3}$"
)  # "… born last year reached 254,100, up 15,800, or 6.6 percent, from 238,300"
_LEVEL_THEN_AMOUNT = regexcache.compile(
    r"[^\d;:.()\n]{0,50}?,\s{1,3}(?P<dir>up|down)\s{1,3}(?:by\s{1,3})?"
)


def _amount_slip(
    amount: Claim, pct: Claim, level: Claim, direction: str, rel: float
) -> tuple[str, str] | None:
    """(message, suggestion) when ``amount`` on the old level ``level`` implies is not
    ``pct``, every figure's rounding allowed; None when they agree."""
    scale = 1.0 if amount.unit == level.unit else _SUBUNITS.get((amount.unit, level.unit))
    if scale is None:
        return None
    a, new = float(amount.value) / scale, float(level.value)
    da, dn = half_step(amount) / scale, half_step(level)
    sign = 1 if direction == "rise" else -1
    olds = [new - sign * a, (new + dn) - sign * (a - da), (new - dn) - sign * (a + da)]
    if min(olds) <= 0:
        return None
    changes = [(a + e) / (o) * 100 for e in (-da, da) for o in olds]
    actual = a / olds[0] * 100
    stated, step = float(pct.value), half_step(pct)
    if min(changes) - step <= stated <= max(changes) + step or abs(stated - actual) <= rel * stated:
        return None
    return (
        f'"{pct.text}" does not match the figures: {amount.text} on '
        f"{fmt(round(olds[0], 2))} (to {level.text}) is {fmt(round(actual, 1))}%",
        f"{fmt(round(actual, 1))}%",
    )


# "went up by £149 a year to £1,717, from £1,568": the amount of a change beside its
# two levels, with no percentage.
_BY_BEFORE = regexcache.compile(r"(?i)\bby\s{1,3}(?:about\s{1,3}|some\s{1,3}|around\s{1,3})?$")
_THEN_LEVEL = regexcache.compile(r"(?:\s{1,3}[a-z]{1,10}){0,3}\s{1,3}to\s{1,3}")
_THEN_OLD = regexcache.compile(r"\s{0,2},?\s{1,3}from\s{1,3}")


def _amount_gaps(doc: Document) -> Iterator[tuple[Claim, str, str]]:
    """(amount, message, suggestion) where a change "by" an amount "to" a level "from"
    another is not the gap between the two levels ("up by £194 a year to £1,717, from
    £1,568": £149); rounding of every figure allowed, and a tenth for "about"."""
    v, text = vocab(), doc.text
    claims = [c for c in doc.claims if c.kind not in ("year", "ordinal")]
    for amount, level, old in zip(claims, claims[1:], claims[2:], strict=False):
        if not (amount.sentence == level.sentence == old.sentence):
            continue
        if amount.kind not in ("money", "count") or not amount.kind == level.kind == old.kind:
            continue
        if not amount.unit == level.unit == old.unit:
            continue
        if {amount.qualifier, level.qualifier, old.qualifier} - {"exact", "about"}:
            continue
        lead = max(0, amount.span.start - _LEAD)
        if not _BY_BEFORE.search(text, lead, amount.span.start):
            continue
        verb = v.change_before.search(text, lead, amount.span.start)
        if verb is None:
            continue
        if not _THEN_LEVEL.fullmatch(text, amount.span.end, level.span.start):
            continue
        if not _THEN_OLD.fullmatch(text, level.span.end, old.span.start):
            continue
        sign = -1 if v.change.get(verb.group("verb").lower(), "rise") == "fall" else 1
        gap = sign * (float(level.value) - float(old.value))
        # a gap between two rounded levels carries both roundings whole: "$1.2 billion
        # from $1.1 billion" may be anything from nothing to $200 million
        slack = sum(half_step(c, capped=False) for c in (amount, level, old))
        slack += sum(0.1 * float(c.value) for c in (amount, level, old) if c.qualifier == "about")
        if abs(gap - float(amount.value)) <= slack or gap <= 0:
            continue  # a gap the wrong way round is the direction test's
        written = _like(amount, gap)
        yield (
            amount,
            f'"{amount.text}" does not match the figures: {old.text} to {level.text} is a '
            f"{'rise' if sign > 0 else 'fall'} of {written}",
            written,
        )


def _like(c: Claim, value: float) -> str:
    """``value`` written as ``c`` is ("£194" -> "£149", "$40 million" -> "$100
    million")."""
    m = WRITTEN_DIGITS.search(c.text)
    if m is None:
        return fmt(value)
    digits = float(m.group().replace(",", ""))
    scale = float(c.value) / digits if digits else 1.0
    return f"{c.text[: m.start()]}{fmt(round(value / scale, 6))}{c.text[m.end() :]}"


# A share written with its part and whole: "11%, or $980,000 of the $8.9 million",
# "1,811 of the 2,616 candidates, or 69%", "89 of the 101 seats (88%)", "1,811 (69%) of
# the 2,616".
_OF = regexcache.compile(
    r"\s{1,3}of\s{1,3}(?:(?:the|its|their|a\s{1,3}total\s{1,3}of"
    r"|(?:\p{Lu}[\p{L}-]{1,30}\s{1,3}){0,2}\p{Lu}[\p{L}-]{1,30}['\u2019]s"
    r"|the\s{1,3}\p{Ll}[\p{L}-]{1,30}['\u2019]s)"
    r"\s{1,3}(?:(?:global\s{1,3}|total\s{1,3}|entire\s{1,3}|whole\s{1,3})?"
    r"(?:staff|workforce|employees|members|population)\s{1,3}of\s{1,3})?)?"
)  # "of the 2.3 million", "of (South) Kordofan's 17", "of its (global) staff of 87,000"
_PCT_OR = regexcache.compile(r"(?:\s{1,3}in\s{1,3}\d{4})?\s{0,2},\s{0,3}or\s{1,3}")
_THEN_PCT = regexcache.compile(
    # (a longer clause with no comma: "412 of the 1,030 flights it had planned to operate
    # on Sunday, or 40%")
    r"[^\d;:.(),\n]{41,90}?,\s{0,3}or\s{1,3}"
    r"|[^\d;:.()\n]{0,40}?(?:,\s{0,3}or\s{1,3}|\s\(\s{0,2}|\s{1,3}[-\u2013\u2014]{1,2}\s{1,3}"
    r"|,\s{1,3}an?\s{1,3}(?:[a-z]{3,12}\s{1,3})?(?:percentage|rate|share)\s{1,3}of\s{1,3})"
)  # "…, or 75%", "… (75%)", "… - more than 80% of the population -", "…, a pass
# percentage of 95.73%"
# ... or a rough share after a comma alone: "109,000 of its 131,000 affected customers by
# 18:00 on Sunday, about 83%"
_THEN_ROUGH_PCT = regexcache.compile(r"(?:[^\d;:.()\n]|\d{1,2}[:.]\d\d){0,50}?,\s{1,3}")
# The share first, then its part of its whole: "won 77% of her first-serve points, 50 of
# 70", "shot 42% from the field (45 of 87)".
_PCT_THEN_PAIR = regexcache.compile(r"[^\d;:.()\n]{0,40}?(?:\(\s{0,2}|,\s{1,3})")
_PAIR_OF = regexcache.compile(r"\s{1,3}of\s{1,3}")
_OF_NEXT = regexcache.compile(r"\s{1,3}(?:of|by|in|among)\b")  # "or 35% by value"
_THEN_COMMA = regexcache.compile(r"[^\d;:.()\n,]{0,50}?,\s{1,3}")
_OPEN = regexcache.compile(r"\s{0,2}\(\s{0,2}")
_SAME_WHOLE = regexcache.compile(
    r"\s{1,3}of\s{1,3}(?:the|its|their)\s{1,3}(?:housing\s{1,3})?"
    r"(?:population|total|inhabitants|residents|stock|fleet|network|estate)\b"
)  # "85 of its 640 stores, or about 13% of its fleet": the stores, named again
# A share set beside its part: "$6.2 billion for relief, roughly half of the $12 billion"
# (a few words may name what the part is for; no figure, clause stop or "and" between).
_APPOSED_SHARE = regexcache.compile(r"(?:\s{1,3}(?!and\b)[a-z]{1,20}){0,4}\s{0,2},\s{1,3}")
_CLOSE_OF = regexcache.compile(r"\s{0,2}\)\s{1,3}of\s{1,3}(?:the\s{1,3})?")
# The whole first: "Of the 400 workers, 300, or 75%, voted", "Of the 400 workers, 300 (75%)".
_OF_BEFORE = regexcache.compile(
    r"(?i)(?:^|[^\p{L}])of\s{1,3}(?:the|its|their"
    r"|(?:the\s{1,3})?\p{L}[\p{L}\-]{0,30}['\u2019]s)\s{1,3}$"  # "Of the city's 120,000"
)
_WHOLE_THEN_PART = regexcache.compile(r"(?:\s{1,3}[a-z]{1,20}){0,2}\s{0,2},\s{1,3}")
_PART_THEN_PCT = regexcache.compile(
    r"\s{0,2}(?:,|[\u2013\u2014]|[ ]-)?\s{0,3}or\s{1,3}|\s{0,2}\(\s{0,2}"
)  # "…, or 75%", "… or about 58%", "… – or 34% –", "… (75%)"
# "300 workers out of 400, or 75%": the counted noun between part and whole.
_NOUN_OUT_OF = regexcache.compile(r"\s{1,3}[a-z]{1,20}\s{1,3}out\s{1,3}of\s{1,3}")
# The part first, then its share of the whole: "cut 3,500 jobs, or 12% of its 25,000-strong
# workforce".
_PART_OR = regexcache.compile(r"(?:\s{1,3}[a-z]{1,20}){0,2}\s{0,2},\s{0,3}or\s{1,3}")
# ... or a rough share after a comma alone: "291 million rides last year, about 64
# percent of the 455 million it carried in 2019"
_PART_ROUGH = regexcache.compile(r"(?:\s{1,3}[a-z]{1,20}){0,4}\s{0,2},\s{1,3}")
# The share first: "75% of its 400 members, or 300 people".
_WHOLE_OR_PART = regexcache.compile(r"(?:\s{1,3}[a-z]{1,20}){1,2}\s{0,2},\s{0,3}or\s{1,3}")


def _share_sites(doc: Document) -> Iterator[tuple[Claim, Claim, Claim]]:
    """(percentage, part, whole) written together as one share."""
    text = doc.text
    claims = [c for c in doc.claims if c.kind not in ("year", "age", "ordinal")]
    for i, pct in enumerate(claims):
        if pct.kind != "percent" or pct.role is not None:
            continue
        if (
            pct.unit == "%"
            and i + 2 < len(claims)
            and _PCT_THEN_PAIR.fullmatch(text, pct.span.end, claims[i + 1].span.start)
            and _PAIR_OF.fullmatch(text, claims[i + 1].span.end, claims[i + 2].span.start)
        ):
            yield pct, claims[i + 1], claims[i + 2]  # "42% from the field (45 of 87)"
        if pct.unit == "fraction":
            # "$6.2 billion for relief, roughly half of the $12 billion requested"
            if (
                0 < i < len(claims) - 1
                and _APPOSED_SHARE.fullmatch(text, claims[i - 1].span.end, pct.span.start)
                and _OF.fullmatch(text, pct.span.end, claims[i + 1].span.start)
            ):
                yield pct, claims[i - 1], claims[i + 1]
            elif (
                i < len(claims) - 2
                and _OF.fullmatch(text, pct.span.end, claims[i + 1].span.start)
                and _WHOLE_OR_PART.fullmatch(text, claims[i + 1].span.end, claims[i + 2].span.start)
            ):
                yield pct, claims[i + 2], claims[i + 1]  # "A third of the 300 workers, or 150"
            elif (
                i > 0
                and _PART_REF_PCT.fullmatch(text, claims[i - 1].span.end, pct.span.start)
                and (whole := _ref_whole(doc, claims[i - 1])) is not None
            ):
                yield pct, claims[i - 1], whole  # "Of the 21 killed, 14 …, or two-thirds"
            elif (
                i > 1
                and _OF.fullmatch(text, claims[i - 2].span.end, claims[i - 1].span.start)
                and _PCT_OR.fullmatch(text, claims[i - 1].span.end, pct.span.start)
            ):
                yield (
                    pct,
                    claims[i - 2],
                    claims[i - 1],
                )  # "$16 million of $71 million, or nearly a third"
            continue
        if pct.unit != "%":
            continue
        near = claims[max(0, i - 2) : i + 3]
        k = near.index(pct)
        after, before = near[k + 1 : k + 3], near[max(0, k - 2) : k]
        if (
            len(after) == 2
            and _PCT_OR.fullmatch(text, pct.span.end, after[0].span.start)
            and _OF.fullmatch(text, after[0].span.end, after[1].span.start)
        ):
            yield pct, after[0], after[1]
        if (
            len(before) == 2
            and _OF.fullmatch(text, before[0].span.end, before[1].span.start)
            and (
                _THEN_PCT.fullmatch(text, before[1].span.end, pct.span.start)
                # "…, or 12% of the market" has a whole of its own; "of the population"
                # names the whole just written ("1.9 million of its 2.3 million people")
                and (
                    not _OF_NEXT.match(text, pct.span.end) or _SAME_WHOLE.match(text, pct.span.end)
                )
                # "112 of the 233 forest camps have been inundated, nearly 58 per cent of
                # the total": a clause, then the share of the whole named again
                or _THEN_COMMA.fullmatch(text, before[1].span.end, pct.span.start)
                and _SAME_WHOLE.match(text, pct.span.end)
                or pct.qualifier in ("about", "nearly")
                and not _OF_NEXT.match(text, pct.span.end)
                and _THEN_ROUGH_PCT.fullmatch(text, before[1].span.end, pct.span.start)
            )
        ):
            yield pct, before[0], before[1]
        if (
            before
            and after
            and _OPEN.fullmatch(text, before[-1].span.end, pct.span.start)
            and _CLOSE_OF.fullmatch(text, pct.span.end, after[0].span.start)
        ):
            yield pct, before[-1], after[0]
        if len(before) == 2:
            first, second = before
            lo = max(0, first.span.start - 48)  # "Of the city's 120,000"
            if (
                _OF_BEFORE.search(text, lo, first.span.start)
                and _WHOLE_THEN_PART.fullmatch(text, first.span.end, second.span.start)
                and _PART_THEN_PCT.fullmatch(text, second.span.end, pct.span.start)
            ):
                yield pct, second, first  # "Of the 400 workers, 300, or 75%"
            elif _NOUN_OUT_OF.fullmatch(
                text, first.span.end, second.span.start
            ) and _PCT_OR.fullmatch(text, second.span.end, pct.span.start):
                yield pct, first, second  # "300 workers out of 400, or 75%"
        if before and _PART_REF_PCT.fullmatch(text, before[-1].span.end, pct.span.start):
            whole = (
                _PART_THEN_PCT.fullmatch(text, before[-1].span.end, pct.span.start)
                and _whole_before(doc, claims, before[-1])
            ) or _ref_whole(doc, before[-1])
            if whole is not None:
                yield pct, before[-1], whole  # "… 2,207 structures. Of those, 1,900, or 86%"
        if (
            len(after) == 2
            and _OF.fullmatch(text, pct.span.end, after[0].span.start)
            and _WHOLE_OR_PART.fullmatch(text, after[0].span.end, after[1].span.start)
        ):
            yield pct, after[1], after[0]
        elif (
            before
            and after
            and (
                _PART_OR.fullmatch(text, before[-1].span.end, pct.span.start)
                or pct.qualifier in ("about", "nearly")
                and _PART_ROUGH.fullmatch(text, before[-1].span.end, pct.span.start)
            )
            and _OF.fullmatch(text, pct.span.end, after[0].span.start)
        ):
            yield pct, before[-1], after[0]  # "3,500 jobs, or 12% of its 25,000 staff"
        elif (
            before
            and after
            and _PART_AMOUNTS.fullmatch(text, before[-1].span.end, pct.span.start)
            and _OF.fullmatch(text, pct.span.end, after[0].span.start)
        ):
            yield pct, before[-1], after[0]  # "£3.1m … amounts to about 4% of its £77.5m"


# A part said to make a share of a whole: "The £3.1m reduction in children's services
# amounts to about 4% of the department's £77.5m budget"
_PART_AMOUNTS = regexcache.compile(
    r"(?:\s{1,3}[\p{L}'\u2019-]{1,20}){0,5}\s{1,3}(?:amounts?\s{1,3}to|amounted\s{1,3}to"
    r"|equates?\s{1,3}to|equated\s{1,3}to|represents?|represented|accounts?\s{1,3}for"
    r"|accounted\s{1,3}for|makes?\s{1,3}up|made\s{1,3}up)\s{1,3}"
)


# A part the extraction tied to its whole, then its share: "…tracked 48,216 adults. …
# During that time, 1,932 of them, or 4.0%, were diagnosed"
_PART_REF_PCT = regexcache.compile(
    r"(?:\s{1,3}of\s{1,3}(?:them|those|these|whom))?"
    # a few words of what the part is: "23 of them in the Mont Blanc massif, or 37 percent",
    # "12 were younger than 25, or 80 percent"
    r"(?:(?:[ ][\p{L}\d][\p{L}\d'\u2019\-]{0,20}){1,6}[ ]{0,2},[ ]{0,3}or[ ]{1,3}"
    r"|\s{0,2},?\s{0,3}or\s{1,3}|\s{0,2}\(\s{0,2})"
)


def _ref_whole(doc: Document, part: Claim) -> Claim | None:
    """The whole the extraction read ``part`` as a part of, if any."""
    return doc.claims[part.ref] if part.role == "part" and part.ref is not None else None


# A part that opens its sentence by pointing back at a whole: "Of those, 1,900, or 86%, …"
_OF_THOSE = regexcache.compile(
    r"(?:^|(?<=[.!?]\s{1,3}))Of\s{1,3}(?:those|them|these)\s{0,2},\s{1,3}$"
)


def _whole_before(doc: Document, claims: list[Claim], part: Claim) -> Claim | None:
    """The whole an "Of those, …" part points back at: the one count of the sentence
    before ("FEMA said 2,207 structures had been damaged.  Of those, about 1,900, or
    86%, were homes"); none when that sentence gives two counts or none."""
    if not doc.sentences or part.sentence < 1:
        return None
    start = doc.sentences[part.sentence].span.start
    if _OF_THOSE.search(doc.text, start, part.span.start) is None:
        return None
    counts = [c for c in claims if c.sentence == part.sentence - 1 and c.kind == "count"]
    return counts[0] if len(counts) == 1 else None


# "…, or about 24% of the total": a share of the total the story gave before.
_OF_THE_TOTAL = regexcache.compile(r"\s{1,3}of\s{1,3}the\s{1,3}(?:overall\s{1,3})?total\b")
_TOTAL_REACH = 3  # sentences back searched for the total
# What the part is for, then its share: "$19.7 billion for K-12 schools, or about 24%"
_PART_WORDS_PCT = regexcache.compile(
    r"(?:[ ][\p{L}\d][\p{L}\d'\u2019\-]{0,20}){0,8}[ ]{0,2},[ ]{0,3}or[ ]{1,3}"
)


def _total_sites(doc: Document) -> Iterator[tuple[Claim, Claim, Claim]]:
    """(percentage, part, total): a part and its share "of the total" with no whole in
    its sentence, the total the largest figure of its kind and unit the story gave in
    the sentences just before ("passed an $83.2 billion state budget. … It includes
    $19.7 billion for K-12 schools, or about 24% of the total")."""
    text, claims = doc.text, [c for c in doc.claims if c.kind != "year"]
    for i, pct in enumerate(claims):
        if i == 0 or pct.kind != "percent" or pct.unit != "%" or pct.role is not None:
            continue
        part = claims[i - 1]
        if part.kind not in ("count", "money") or part.sentence != pct.sentence:
            continue
        if not _PART_WORDS_PCT.fullmatch(text, part.span.end, pct.span.start):
            continue
        if not _OF_THE_TOTAL.match(text, pct.span.end):
            continue
        earlier = [
            c
            for c in claims[max(0, i - 30) : i - 1]
            if pct.sentence - _TOTAL_REACH <= c.sentence <= pct.sentence
            and c.kind == part.kind
            and c.unit == part.unit
            and c.role is None
            and float(c.value) > float(part.value)
        ]
        if earlier:
            yield pct, part, max(earlier, key=lambda c: float(c.value))


# A turnout and the percentage it is: "a turnout of 71%", "Turnout in Thursday's vote, held
# on 23 October, was 45.3%" (no other percentage between).
_TURNOUT = regexcache.compile(r"(?i)\bturnout\b[^.;!?%]{0,60}$")
# The voters who could vote, after their count: "1.7 million registered voters"
_ELECTORATE = regexcache.compile(
    r"\s{1,3}(?:(?:registered|eligible)\s{1,3}(?:voters|electors)|voters|electors)\b"
)
_FROM_ELECTORATE = regexcache.compile(
    r"[ ](?:votes|ballots)[ ](?:were[ ])?cast[ ](?:from|out[ ]of|of)[ ]an[ ]electorate[ ]of[ ]"
)
_VOTED = regexcache.compile(
    r"\s{1,3}(?:cast|voted|turned\s{1,3}out|went\s{1,3}to\s{1,3}the\s{1,3}polls)\b"
)


def _turnout_sites(doc: Document) -> Iterator[tuple[Claim, Claim, Claim]]:
    """(turnout, voters, electorate): a turnout's percentage and, in its sentence or
    the one before or after, those who voted out of those who could ("About 1.2 million
    of Slovenia's 1.7 million registered voters cast ballots, a turnout of 71%"; "Of
    the constituency's 78,940 registered voters, 35,767 cast valid ballots")."""
    text = doc.text
    claims = [c for c in doc.claims if c.kind != "year"]
    turnouts = [
        c
        for c in claims
        if c.kind == "percent"
        and c.unit == "%"
        and _TURNOUT.search(text, max(0, c.span.start - 72), c.span.start)
    ]
    if not turnouts:
        return
    pairs = []
    for first, second in zip(claims, claims[1:], strict=False):
        if first.kind != "count" or second.kind != "count":
            continue
        if _OF.fullmatch(text, first.span.end, second.span.start) and _ELECTORATE.match(
            text, second.span.end
        ):
            pairs.append((first, second))  # "1.2 million of Slovenia's 1.7 million registered"
        elif _FROM_ELECTORATE.fullmatch(text, first.span.end, second.span.start):
            pairs.append((first, second))  # "45,296 ballots cast from an electorate of 73,981"
        elif (
            _OF_BEFORE.search(text, max(0, first.span.start - 48), first.span.start)
            and (electorate := _ELECTORATE.match(text, first.span.end))
            and _WHOLE_THEN_PART.fullmatch(text, electorate.end(), second.span.start)
            and _VOTED.match(text, second.span.end)
        ):
            pairs.append((second, first))  # "Of the 78,940 registered voters, 35,767 cast"
    for pct in turnouts:
        near = [
            (part, whole)
            for part, whole in pairs
            if abs(part.sentence - pct.sentence) <= 1 and whole.sentence == part.sentence
        ]
        if len(near) == 1:
            yield pct, *near[0]


_FRACTION_SLACK = 0.15  # relative room around a fraction written in words
# ... written with no hedge: "or three-quarters of the total" is not 14 of 21 (two-thirds)
_FRACTION_EXACT_SLACK = 0.05
# A share written as a bound is checked as one: "more than 90% of the population" is
# wrong for 1.9 million of 2.3 million (83%)
_SHARE_QUALIFIERS = ("exact", "about", "nearly", "more_than", "at_least", "less_than", "up_to")


def _shares(doc: Document, rel: float) -> Iterator[tuple[Span, str, str | None]]:
    """(span, message, suggestion) where a share contradicts its part and whole: the
    span covers the percentage, its part and its whole when the sentence holds it, since
    any may be the slip ("Of the 414 fires, 329 or about 58%"); the suggestion is the
    percentage the figures give."""
    for pct, part, whole, message, suggestion in _share_slips(doc, rel):
        figures = [pct, *(c for c in (part, whole) if c.sentence == pct.sentence)]
        start, end = min(c.span.start for c in figures), max(c.span.end for c in figures)
        if doc.text[end : end + 1] == ")" and "(" in doc.text[start:end]:
            end += 1  # "20 (40%)": the bracket closed with it
        yield Span(start, end), message, suggestion


# A sentence that gives the share of the figure before it: "… by 16,000 full-time
# positions. That is roughly 4.5 per cent of the 357,000 people it employs"
_THAT_IS = regexcache.compile(
    r"(?:That|This|It)\s{1,3}(?:is|was|represents|represented|amounts\s{1,3}to|amounted"
    r"\s{1,3}to|would\s{1,3}be)\s{1,3}(?:(?:roughly|about|some|nearly|almost|around|just"
    r"\s{1,3}(?:over|under))\s{1,3})?"
)


def _anaphoric_share_sites(doc: Document) -> Iterator[tuple[Claim, Claim, Claim]]:
    """(percentage, part, whole): "That is roughly 4.5 per cent of the 357,000 people",
    the part the one count of the sentence before."""
    text, claims = doc.text, doc.claims
    if "That " not in text and "This " not in text and "It " not in text:
        return
    for i, pct in enumerate(claims[:-1]):
        if pct.kind != "percent" or pct.unit != "%" or not doc.sentences or pct.sentence < 1:
            continue
        start = doc.sentences[pct.sentence].span.start
        if not _THAT_IS.fullmatch(text, start, pct.span.start):
            continue
        whole = claims[i + 1]
        if whole.sentence != pct.sentence or not _OF.fullmatch(
            text, pct.span.end, whole.span.start
        ):
            continue
        before = [
            c
            for c in claims[max(0, i - 12) : i]
            if c.sentence == pct.sentence - 1 and c.kind == whole.kind and c.unit == whole.unit
        ]
        if len(before) == 1:
            yield pct, before[0], whole


def _share_slips(
    doc: Document, rel: float
) -> Iterator[tuple[Claim, Claim, Claim, str, str | None]]:
    """(percentage, part, whole, message, suggestion) where a share contradicts its part
    and whole."""
    seen: set[tuple[int, int, int]] = set()
    sites = [(site, False) for site in _share_sites(doc)]
    sites += [(site, True) for site in _turnout_sites(doc)]
    sites += [(site, True) for site in _total_sites(doc)]
    sites += [(site, True) for site in _anaphoric_share_sites(doc)]
    for (pct, part, whole), turnout in sites:
        key = (pct.span.start, part.span.start, whole.span.start)
        if key in seen:
            continue
        seen.add(key)
        if not turnout and (
            pct.sentence != part.sentence
            or whole.sentence not in (part.sentence, part.sentence - 1)
            and whole is not _ref_whole(doc, part)
        ):
            continue  # the sentence before only for "Of those, …" (``_whole_before``) and
            # a whole the extraction tied the part to
        if part.kind != whole.kind or part.kind not in ("count", "money"):
            continue
        if part.unit != whole.unit or part.kind == "range" or whole.kind == "range":
            continue
        if pct.qualifier not in _SHARE_QUALIFIERS or whole.qualifier not in ("exact", "about"):
            continue
        if float(whole.value) <= 0:
            continue
        if part.qualifier in ("at_least", "more_than") and pct.qualifier in ("exact", "about"):
            # "at least 30,000, or 15%" of 120,000: the share has a floor of 25%
            floor = _spread(part)[0] / _spread(whole)[1] * 100
            if _spread(pct)[1] < floor and floor - float(pct.value) > max(1.0, rel * floor):
                yield (
                    pct,
                    part,
                    whole,
                    f'"{pct.text}" does not match the figures: {part.text} of {whole.text} '
                    f"is at least {fmt(round(floor, 1))}%",
                    None,
                )
            continue
        if part.qualifier not in ("exact", "about"):
            continue
        a_lo, a_hi = _spread(part)
        b_lo, b_hi = _spread(whole)
        if a_hi > b_hi or b_lo <= 0:
            continue  # a part larger than its whole is subset-exceeds-total's
        lo, hi = a_lo / b_hi * 100, a_hi / b_lo * 100
        p_lo, p_hi = _spread(pct) if pct.qualifier in ("exact", "about") else bounds(pct)
        if pct.unit == "fraction":  # "about a third" for 37%: words round more loosely
            room = _FRACTION_EXACT_SLACK if pct.qualifier == "exact" else _FRACTION_SLACK
            p_lo, p_hi = p_lo * (1 - room), p_hi * (1 + room)
        actual = float(part.value) / float(whole.value) * 100
        stated = float(pct.value)
        if p_hi >= lo and p_lo <= hi:
            continue
        decimal = "." in pct.text and pct.qualifier == "exact"
        points = _DECIMAL_SLACK if decimal else 1.0
        # a share written to a decimal was worked out, not rounded by eye: a fifth of the
        # relative room ("62.1%" for 45,296 of 73,981, 61.2%)
        relative = rel * (_DECIMAL_RELATIVE if decimal else 1.0)
        if pct.qualifier == "exact" and part.qualifier == whole.qualifier == "exact":
            relative = min(relative, _EXACT_SHARE_RELATIVE)  # "2,500 of them …, or 97 per
            # cent" of 2,688 (93%): exact figures leave only the share's own rounding
        if pct.qualifier in ("exact", "about", "nearly") and abs(stated - actual) <= max(
            points, relative * stated
        ):
            continue
        yield (
            pct,
            part,
            whole,
            f'"{pct.text}" does not match the figures: {part.text} of {whole.text} is '
            f"{fmt(round(actual, 1))}%",
            f"{fmt(round(actual))}%",
        )


# Shares of one whole left unwritten: "Alvarado had 41,287 votes, or 54.1 percent, to
# Whitfield's 32,416, or 42.5 percent", "12,118 votes (27.1%)", "17,402 votes, 38.9% of
# the total".  Each implies the whole; one whose whole the others exclude is wrong.
_COUNT_THEN_PCT = regexcache.compile(
    r"(?:\s{1,3}[a-z]{2,20})?(?:\s{0,2},\s{0,3}(?:or\s{1,3})?|\s{1,3}or\s{1,3}|\s{0,2}\(\s{0,2})"
)
_WHOLE_NAMED = regexcache.compile(r"\s{1,3}of\s{1,3}the\s{1,3}(?:total|vote|votes|ballots)\b")
_SHARE_GAP = 2  # sentences between two shares of one list
_MIN_SHARES = 3  # the odd one out needs two others that agree
_MAX_SUM = 110.0  # shares of one whole add up to 100 (a slip may push them past it)


def _implied_sites(doc: Document) -> list[tuple[int, Claim, Claim]]:
    """(position, count, percentage) where the percentage is the count's share of a
    whole the text does not write; ``position``: the count's place among the figures
    (years and ordinals left out), so that a run of shares can tell what lies between."""
    text, claims = doc.text, [c for c in doc.claims if c.kind not in ("year", "ordinal")]
    out = []
    for i, (count, pct) in enumerate(zip(claims, claims[1:], strict=False)):
        if count.kind != "count" or count.qualifier != "exact" or float(count.value) <= 0:
            continue
        if pct.kind != "percent" or pct.unit != "%" or pct.role is not None:
            continue
        if pct.qualifier != "exact" or not 0 < float(pct.value) < 100:
            continue
        if count.sentence != pct.sentence or count.role is not None:
            continue
        if not _COUNT_THEN_PCT.fullmatch(text, count.span.end, pct.span.start):
            continue
        if _OF_NEXT.match(text, pct.span.end) and not _WHOLE_NAMED.match(text, pct.span.end):
            continue  # "or 6% of its workforce": a whole of its own
        out.append((i, count, pct))
    return out


def _share_lists(doc: Document) -> Iterator[list[tuple[Claim, Claim]]]:
    """Runs of shares close together, with no other figure between, that count one
    kind of thing ("… 6,120 ballots were cast …" ends a run of candidates' votes)."""
    run: list[tuple[Claim, Claim]] = []
    subject: str | None = None
    last = -2
    for i, count, pct in _implied_sites(doc):
        near = run and count.sentence - run[-1][0].sentence <= _SHARE_GAP and i == last + 2
        fits = count.subject is None or subject is None or count.subject == subject
        if not (near and fits):
            if run:
                yield run
            run, subject = [], None
        run.append((count, pct))
        subject = subject or count.subject
        last = i
    if run:
        yield run


def _implied_wholes(doc: Document, rel: float) -> Iterator[tuple[Claim, str, str]]:
    """(percentage, message, suggestion) for a share whose implied whole the others exclude."""
    for run in _share_lists(doc):
        if sum(float(p.value) for _c, p in run) > _MAX_SUM:
            continue
        if len(run) == 2:
            yield from _two_way(run, rel)
            continue
        if len(run) < _MIN_SHARES:
            continue
        wholes = []
        for count, pct in run:
            c_lo, c_hi = _spread(count)
            p_lo, p_hi = _spread(pct)
            wholes.append((c_lo / p_hi * 100, c_hi / p_lo * 100))
        for i, (count, pct) in enumerate(run):
            others = wholes[:i] + wholes[i + 1 :]
            lo, hi = max(w[0] for w in others), min(w[1] for w in others)
            if lo > hi or (wholes[i][0] <= hi and wholes[i][1] >= lo):
                continue  # the others disagree among themselves, or this one fits them
            actual = float(count.value) / ((lo + hi) / 2) * 100
            stated = float(pct.value)
            if abs(stated - actual) <= max(1.0, rel * stated):
                continue
            yield (
                pct,
                f'"{pct.text}" does not match the figures: {count.text} is '
                f"{fmt(round(actual, 1))}% of the whole the other shares give "
                f"(about {fmt(round((lo + hi) / 2))})",
                f"{fmt(round(actual, 1))}%",
            )


# Shares of one vote listed side by side: "Lukashenka had won 80.1 percent of the vote
# and his main challenger, Svyatlana Tsikhanouskaya, 10.1 percent", "the Conservatives
# with 41 pct of the vote, Labour with 35 pct and the Alliance with 21 pct".
_OF_THE_VOTE = regexcache.compile(
    r"\s{1,3}of\s{1,3}the\s{1,3}(?:vote|votes|ballots)\b(?!\s{1,3}(?:counted|cast|tallied"
    r"|reported|in\b|so\s{1,3}far))"
)
# Between two shares of the list: a name or a "with", never a change, a comparison or
# another whole ("up from 35%", "than 41%", "turnout of 60%").
_NEXT_SHARE = regexcache.compile(
    r"(?:\s{0,2},\s{1,3}|\s{1,3})(?:and\s{1,3}|while\s{1,3}|with\s{1,3})?"
    r"(?:(?!(?:from|to|than|by|up|down|points?|turnout|of|in|at|over|under|about|some|nearly"
    r"|around|against|compared|versus|vs|and|while)\b)[\w'\u2019.-]{1,30}[ ,]{1,3}){1,8}?"
    r"(?:with\s{1,3}|on\s{1,3}|took\s{1,3}|won\s{1,3}|got\s{1,3}|had\s{1,3})?"
)
_VOTE_ROUNDING = 0.5  # each share's rounding, in points


def _vote_overflow(doc: Document) -> Iterator[tuple[Claim, str, str | None]]:
    """(last share, message, None) where shares of one vote in one sentence add up to
    more than 100%: parties' or candidates' shares do not overlap."""
    text = doc.text
    pcts = [c for c in doc.claims if c.kind == "percent" and c.unit == "%"]
    years = {c.sentence for c in doc.claims if c.kind == "year"}
    for i, anchor in enumerate(pcts):
        if anchor.qualifier not in ("exact", "about") or anchor.role is not None:
            continue
        if anchor.sentence in years:
            continue  # a year may set two elections side by side
        of_the_vote = _OF_THE_VOTE.match(text, anchor.span.end)
        if of_the_vote is None:
            continue
        run, end = [anchor], of_the_vote.end()
        for nxt in pcts[i + 1 : i + 6]:
            if nxt.sentence != anchor.sentence or nxt.role is not None:
                break
            if nxt.qualifier not in ("exact", "about"):
                break
            if not _NEXT_SHARE.fullmatch(text, end, nxt.span.start):
                break
            run.append(nxt)
            end = nxt.span.end
            whole = _OF_THE_VOTE.match(text, end)
            if whole is not None:
                end = whole.end()
            elif _OF_NEXT.match(text, end):
                break
        if len(run) < 2:
            continue
        total = sum(float(c.value) for c in run)
        if total <= 100 + _VOTE_ROUNDING * len(run):
            continue
        terms = " + ".join(f"{fmt(float(c.value))}%" for c in run)
        yield (
            run[-1],
            f"{terms} = {fmt(round(total, 1))}%: shares of one vote cannot add up to more "
            "than 100%",
            None,
        )


def _two_way(run: list[tuple[Claim, Claim]], rel: float) -> Iterator[tuple[Claim, str, str]]:
    """Two shares ("5,211 votes, or 56.4 percent, to … 4,030, or 43.6 percent"): when one
    is its count's share of the two counts together, they are the whole, and the other
    must be its share too."""
    total = sum(float(c.value) for c, _p in run)
    fits = []
    for count, pct in run:
        p_lo, p_hi = _spread(pct)
        c_lo, c_hi = _spread(count)
        rest = total - float(count.value)
        lo, hi = c_lo / (c_lo + rest) * 100, c_hi / (c_hi + rest) * 100
        fits.append(p_hi >= lo and p_lo <= hi)
    if fits.count(True) != 1:
        return
    count, pct = run[fits.index(False)]
    actual = float(count.value) / total * 100
    if abs(float(pct.value) - actual) <= max(1.0, rel * float(pct.value)):
        return
    yield (
        pct,
        f'"{pct.text}" does not match the figures: {count.text} is {fmt(round(actual, 1))}% '
        f"of the {fmt(total)} the two shares count",
        f"{fmt(round(actual, 1))}%",
    )


# A change with its figures and no percentage: "50,000, down from 50,500", "rose to 4,100
# from 2,650", "fell from 12 to 9".  The direction must match the figures.
_RISE = (
    r"rose|risen|rises|increased|climbed|grew|jumped|soared|surged|accelerated|quickened"
    r"|widened|rebounded|gained|edged\s{1,3}up"
)
_FALL = (
    r"fell|fallen|falls|dropped|declined|decreased|slumped|plunged|eased|slowed|narrowed"
    r"|shrank|shrunk|slid|sank|tumbled|dipped|slipped|cooled|decelerated|contracted"
    r"|edged\s{1,3}down"
)
_UP_DOWN_FROM = regexcache.compile(
    r"[^\d,;:.()]{0,60}?(?:\s{0,3}\([^()\n]{1,40}\))?"
    r"(?:,[^\d,;:.()]{1,60}?\b(?:said|says|reported|estimated|added))?"
    r",\s{0,3}(?P<dir>up|down)\s{1,3}(?:sharply\s{1,3}|slightly\s{1,3}|marginally\s{1,3})?from\s{1,3}"
    r"(?:(?:the|a\s{1,3}(?:peak|high|low|record)\s{1,3}of)\s{1,3})?",
    regex.IGNORECASE,
)
_VERB_TO = regexcache.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL}))\s{{1,3}}to\s{{1,3}}$", regex.IGNORECASE
)
_VERB_FROM = regexcache.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL}))\s{{1,3}}from\s{{1,3}}$", regex.IGNORECASE
)
_QUOTE = regexcache.compile(
    r"(?i)\b(?:(?:per|to\s{1,3}the|against\s{1,3}the)\s{1,3}(?:US\s{1,3})?"
    r"(?:dollar|euro|pound|yen|yuan|greenback|franc|rouble|ruble)"
    r"|rank(?:ing|ings|ed)?|place|position|spot|standings|table|under\s{1,3}par|seed(?:ed)?)\b"
)  # quotes and ranks run inverse: "fell to 45th … from 38", "the rupee fell to 86.5 per dollar"
# The figure ends or starts a range written with "to": "2.3 to 2.6", "2.4 to 2.7".
_RANK_BEFORE = regexcache.compile(r"(?i)\b(?:at|no\.?|number)\s{1,3}$")
_CHANGE_VERB_BEFORE = regexcache.compile(
    rf"\b(?:{_RISE}|{_FALL}|up|down)\s{{1,3}}(?:by\s{{1,3}})?$"
)
_RANGE_END_BEFORE = regexcache.compile(r"\d\s{1,3}to\s{1,3}$")
_RANGE_START_AFTER = regexcache.compile(r"\s{1,3}to\s{1,3}\d")
_MINUS = regexcache.compile(r"(?:[-\u2212]|\bminus\s{1,3}|\bnegative\s{1,3})\s{0,1}$")
_THEN_FROM = regexcache.compile(r"[^\d,;:.()]{0,30}?\bfrom\s{1,3}")
_THEN_TO = regexcache.compile(r"[^\d,;:.()]{0,30}?\bto\s{1,3}")


_JOINED_BEFORE = regexcache.compile(r"\d[\d,.]*\s{1,3}and\s{1,3}(?:[a-z]{2,15}\s{1,3})?$")


def _directions(doc: Document) -> Iterator[tuple[Span, str]]:
    """(span, message) where "up from" / "rose to … from" runs against its two figures."""
    text = doc.text
    claims = [c for c in doc.claims if c.kind != "year" and not is_aside(text, c)]
    changed = {
        id(doc.claims[c.ref])
        for c in doc.claims
        if c.role in ("rise", "fall") and c.ref is not None
    }
    # "winning 70 of the 150 seats, down from 78": the part is what changed, not the whole
    part_of: dict[int, Claim] = {}
    for c in doc.claims:  # of its sentence: not "Eleven police officers were among the injured"
        if c.role == "part" and c.ref is not None and doc.claims[c.ref].sentence == c.sentence:
            part_of.setdefault(id(doc.claims[c.ref]), c)
    quoted: dict[int, bool] = {}  # by sentence: it quotes a rate
    for a, b in zip(claims, claims[1:], strict=False):
        if a.sentence != b.sentence or a.kind != b.kind or a.unit != b.unit:
            continue
        if a.kind not in ("count", "money", "percent") or a.unit == "pp":
            continue
        lo = max(doc.sentences[a.sentence].span.start if doc.sentences else 0, a.span.start - 20)
        rise: bool | None = None
        m = _UP_DOWN_FROM.fullmatch(text, a.span.end, b.span.start)
        if m is not None:
            rise, new, old = m["dir"].lower() == "up", a, b
        else:
            v = _VERB_TO.search(text, lo, a.span.start)
            if v is not None and _THEN_FROM.fullmatch(text, a.span.end, b.span.start):
                rise, new, old = v["rise"] is not None, a, b
            v = _VERB_FROM.search(text, lo, a.span.start)
            if v is not None and _THEN_TO.fullmatch(text, a.span.end, b.span.start):
                rise, new, old = v["rise"] is not None, b, a
        if rise is None or id(new) in changed:
            continue  # a stated percentage is checked (and reported) on its own
        new = part_of.get(id(new), new)
        if new.kind != old.kind or new.unit != old.unit or new.kind == "range":
            continue
        if a.sentence not in quoted:  # read once a sentence: a long one holds many pairs
            quoted[a.sentence] = _QUOTE.search(doc.sentence_text(a.sentence)) is not None
        if quoted[a.sentence]:
            continue  # "the rupee fell to 86.5 per dollar from 85.2": a quote runs inverse
        if _RANK_BEFORE.search(text, max(0, new.span.start - 8), new.span.start):
            continue  # "Ant and Dec at five, up from 13": a place in a list, where up is lower
        if m is not None and _JOINED_BEFORE.search(
            text, max(0, new.span.start - 24), new.span.start
        ):
            continue  # "812 stores, after opening 14 and closing five …, up from 803": the
            # second of two joined figures is not what went up
        if m is not None and (
            _RANGE_END_BEFORE.search(text, max(0, new.span.start - 16), new.span.start)
            or _RANGE_START_AFTER.match(text, old.span.end)
        ):
            continue  # "from 2.3 to 2.6 mln tonnes, down from 2.4 to 2.7 mln": two ranges
        if any(_MINUS.search(text, max(0, c.span.start - 6), c.span.start) for c in (a, b)):
            continue  # "fell to -2% from 1%": the sign is not part of the figure
        # what each figure allows: "at least 94, down from 78" cannot be a fall
        (n_lo, n_hi), (o_lo, o_hi) = bounds(new), bounds(old)
        if (n_hi < o_lo) if rise else (n_lo > o_hi):
            word = "rise" if rise else "fall"
            yield (
                Span(min(new.span.start, old.span.start), max(new.span.end, old.span.end)),
                f"the sentence states a {word}, but {_plain(old)} to {_plain(new)} is a "
                f"{'fall' if rise else 'rise'}",
            )


# "By Saturday evening the number had fallen to 250,000": a figure said to have moved
# from the ones the story gave just before it.
_ANAPHORIC_CHANGE = regexcache.compile(
    r"(?i)\b(?:the|that|this)\s{1,3}(?:death\s{1,3})?(?:toll|number|figure|total|tally|count)"
    r"\s{1,3}(?:(?:has|had|have)\s{1,3})?(?:(?:since|now|later|then|also|further)\s{1,3})?"
    r"(?:(?P<rise>" + _RISE + r"|risen)|(?P<fall>" + _FALL + r"))\s{1,3}to\s{1,3}$"
)
_ANAPHORIC_REACH = 90  # characters before the new figure searched for "the number … to"


_FROM_RIGHT_AFTER = regexcache.compile(r"\s{1,3}from\s{1,3}(?:an?\s{1,3}|the\s{1,3})?[\d$€£¥]")


def _anaphoric_directions(doc: Document) -> Iterator[tuple[Claim, str, str | None]]:
    """(figure, message, suggestion): "the number had fallen to 520,000" above every
    figure of its kind (and category, when it has one: "the death toll") in the sentence
    before it and its own sentence before it ("395,000 homes were without power … By
    Saturday evening the number had fallen to 520,000"), or "risen to" one below all of
    them.  Every earlier figure must disagree: "the number" may point at any of them.
    Not "the number of dead": that names another count than the ones before it.  With
    one figure before it, the percentage of the change must fit it too
    (``_anaphoric_rate``)."""
    text, claims = doc.text, doc.claims
    if not doc.sentences:
        return
    for i, c in enumerate(claims):
        if c.kind not in ("count", "money", "percent") or c.sentence < 1:
            continue
        sent = doc.sentences[c.sentence].span
        m = _ANAPHORIC_CHANGE.search(
            text, max(sent.start, c.span.start - _ANAPHORIC_REACH), c.span.start
        )
        if m is None:
            continue
        if i + 1 < len(claims) and _FROM_RIGHT_AFTER.match(text, c.span.end):
            continue  # "China's share dropped to 38.8% from 46.5%": its own old figure
        before = [
            o
            for o in claims[max(0, i - 12) : i]
            if o.sentence in (c.sentence - 1, c.sentence)
            and o.kind == c.kind
            and o.unit == c.unit
            and (o.category == c.category or c.category in (None, "other"))
            and not is_aside(text, o)
        ]
        if not before:
            continue
        lo, hi = bounds(c)
        rise = m.group("rise") is not None
        if (
            rise
            and all(hi < bounds(o)[0] for o in before)
            or (not rise and all(lo > bounds(o)[1] for o in before))
        ):
            word, than = ("risen", "below") if rise else ("fallen", "above")
            quoted = ", ".join(f'"{_plain(o)}"' for o in before[-3:])
            message = (
                f'the story says the figure has {word} to "{_plain(c)}", {than} every figure '
                f"it gave before it ({quoted})"
            )
            yield c, message, None
            continue
        if len(before) == 1 and i + 1 < len(claims):
            found = _anaphoric_rate(doc, before[0], c, claims[i + 1], rise)
            if found is not None:
                yield claims[i + 1], *found


# What joins the new figure to the percentage of its change: "fallen to 52,000 by 6 p.m.,
# a drop of about 72 percent"
_THEN_RATE = regexcache.compile(r"[^;:()\n,]{0,40},\s{1,3}")
_RATE_NOUN = regexcache.compile(
    r"(?i)\b(?:a|an)\s{1,3}(?:drop|fall|decline|decrease|reduction|rise|increase|jump|gain)"
    r"\s{1,3}of\s{1,3}$"
)
_ANAPHORIC_SLACK = 0.1  # relative room around a percentage hedged with "about"


def _anaphoric_rate(
    doc: Document, old: Claim, new: Claim, pct: Claim, rise: bool
) -> tuple[str, str] | None:
    """The message and suggestion when the percentage of an anaphoric change ("That
    number had fallen to 52,000 by 6 p.m., a drop of about 62 percent") is not the change
    from the one figure of its kind before it ("about 184,000 households": 72%); None
    when it is."""
    if pct.kind != "percent" or pct.role not in ("rise", "fall") or pct.sentence != new.sentence:
        return None
    if (pct.role == "rise") != rise or pct.qualifier not in ("exact", "about"):
        return None
    noun = _RATE_NOUN.search(doc.text, max(0, pct.span.start - 24), pct.span.start)
    if noun is None or not _THEN_RATE.fullmatch(doc.text, new.span.end, noun.start()):
        return None
    o_lo, o_hi = _spread(old)
    n_lo, n_hi = _spread(new)
    if o_lo <= 0:
        return None
    rates = [abs(n - o) / o * 100 for o in (o_lo, o_hi) for n in (n_lo, n_hi)]
    stated = float(pct.value)
    slack = half_step(pct) + (_ANAPHORIC_SLACK * stated if pct.qualifier == "about" else 0)
    if min(rates) - slack <= stated <= max(rates) + slack:
        return None
    actual = abs(float(new.value) - float(old.value)) / float(old.value) * 100
    return (
        f'"{pct.text}" does not match the figures: {_plain(old)} to {new.text} is a '
        f"{'rise' if rise else 'fall'} of {fmt(round(actual, 1))}%",
        f"{fmt(round(actual))}%",
    )


# A percentage compared with a figure "than" it: "4,870 cases so far this year, 65 per
# cent more than the 3,120 cases", "This was 18 per cent more than the 301 cases".
_THAN = regexcache.compile(
    r"\s{1,3}(?:(?P<more>more|higher|greater|larger|bigger|above)|fewer|less|lower|smaller"
    r"|below)\s{1,3}than\s{1,3}(?:the\s{1,3}|a\s{1,3}total\s{1,3}of\s{1,3})?"
)
_COMMA_BEFORE = regexcache.compile(r",\s{1,3}(?:or\s{1,3})?$")
_THIS_WAS = regexcache.compile(
    r"(?i)(?:this|that|it|the\s{1,3}(?:figure|total|number|tally))\s{1,3}(?:was|is|marks"
    r"|marked|represents|represented)\s{1,3}$"
)


def _comparisons(doc: Document, pts: float, rel: float) -> Iterator[tuple[Span, str, str]]:
    """(span, message, suggestion) where a figure said to be a percentage more or less
    "than" another is not: the figure is the one before the comma in its sentence, or
    the one figure of the kind and unit the sentence before gave ("This was ...")."""
    text, claims = doc.text, doc.claims
    for i, c in enumerate(claims):
        if c.kind != "percent" or c.unit == "pp" or c.qualifier not in ("exact", "about", "nearly"):
            continue
        if i + 1 >= len(claims) or (c.role in ("rise", "fall") and c.ref is not None):
            continue
        than = _THAN.match(text, c.span.end)
        old = claims[i + 1]
        if than is None or old.span.start != than.end() or old.sentence != c.sentence:
            continue
        if old.kind not in ("count", "money") or old.qualifier not in ("exact", "about"):
            continue
        new = _compared(doc, i, c, old)
        if new is None:
            continue
        stated = float(c.value) if than.group("more") else -float(c.value)
        got = _change_range(old, new, False)
        if got is None:
            continue
        actual = _central(old, new, False)
        if _fits(c, stated, actual, got, _slack(c, stated, pts, rel, False)):
            continue  # "almost 21 per cent higher than": "almost" has the room "about" has
        word = "more" if actual >= 0 else "less"
        first = min(new.span.start, c.span.start)
        yield (
            Span(first if new.sentence == c.sentence else c.span.start, old.span.end),
            f'"{c.text}" does not match the figures: {_plain(new)} is '
            f"{fmt(round(abs(actual), 1))}% {word} than {old.text}",
            f"{fmt(round(abs(actual)))}%",
        )


# A share, then its lead over another in points: "polled 44.1% of the votes, 4.5
# percentage points ahead of the LDF's 39.6%"
_THEN_GAP = regexcache.compile(r"(?:\s{1,3}[\p{L}'\u2019]{1,20}){0,5}\s{0,2},\s{1,3}")
_GAP_TO = regexcache.compile(
    r"\s{1,3}(?:(?P<up>ahead\s{1,3}of|above|more\s{1,3}than|higher\s{1,3}than|clear\s{1,3}of)"
    r"|(?P<down>behind|below|less\s{1,3}than|lower\s{1,3}than|short\s{1,3}of))\s{1,3}"
    r"(?:(?:the|its|their|his|her)\s{1,3})?(?:[\p{L}()\-]{1,30}['\u2019]s?\s{1,3})?"
)


# ... or two shares, then the lead between them: "won 49.1 percent of the vote, against
# 41.6 percent for the MpD, a lead of 7.5 points"
_LEAD_OF = regexcache.compile(
    r"[^\d;:.()\n]{0,40}?,\s{1,3}(?:an?\s{1,3})?(?:lead|gap|margin|difference|advantage)"
    r"\s{1,3}of\s{1,3}(?:(?:some|about|around|nearly|almost)\s{1,3})?"
)
_SHARES_APART = regexcache.compile(
    r"[^\d;:.()\n]{0,40}?\b(?:against|versus|vs\.?|compared\s{1,3}with|to)\s{1,3}"
    r"(?:[^\d;:.()\n]{0,30}?\s)?"
)


def _fits_points(a: Claim, b: Claim, gap: Claim, diff: float, stated: float) -> bool:
    """The stated gap is the shares' difference, each figure's rounding allowed for."""
    return abs(diff - stated) <= half_step(a) + half_step(b) + half_step(gap) + 1e-9


def _point_gaps(doc: Document) -> Iterator[tuple[Span, str, str]]:
    """(span, message, suggestion) where a lead in points between two shares is not
    their difference: "44.1% of the votes, 5.4 percentage points ahead of the LDF's
    39.6%" (4.5), each share's rounding allowed for."""
    text, claims = doc.text, doc.claims
    for i in range(1, len(claims) - 1):
        a, gap, b = claims[i - 1], claims[i], claims[i + 1]
        if gap.kind != "percent" or gap.unit != "pp" or a.kind != "percent" or b.kind != "percent":
            continue
        if a.unit != "%" or b.unit != "%" or not a.sentence == gap.sentence == b.sentence:
            continue
        if gap.qualifier != "exact" or {a.qualifier, b.qualifier} != {"exact"}:
            continue
        if not _THEN_GAP.fullmatch(text, a.span.end, gap.span.start):
            continue
        to = _GAP_TO.fullmatch(text, gap.span.end, b.span.start)
        if to is None:
            continue
        diff = float(a.value) - float(b.value)
        if _fits_points(a, b, gap, diff, float(gap.value) if to.group("up") else -float(gap.value)):
            continue
        yield (
            Span(a.span.start, b.span.end),
            f'"{gap.text}" does not match the figures: {a.text} is '
            f"{fmt(round(abs(diff), 2))} points {'above' if diff >= 0 else 'below'} {b.text}",
            f"{fmt(round(abs(diff), 2))} percentage points",
        )
    for i in range(2, len(claims)):
        a, b, gap = claims[i - 2], claims[i - 1], claims[i]
        if gap.kind != "percent" or gap.unit != "pp" or gap.qualifier != "exact":
            continue
        if a.kind != "percent" or b.kind != "percent" or a.unit != "%" or b.unit != "%":
            continue
        if not a.sentence == b.sentence == gap.sentence or {a.qualifier, b.qualifier} != {"exact"}:
            continue
        if not _SHARES_APART.fullmatch(text, a.span.end, b.span.start):
            continue
        if not _LEAD_OF.fullmatch(text, b.span.end, gap.span.start):
            continue
        diff = abs(float(a.value) - float(b.value))
        if _fits_points(a, b, gap, diff, float(gap.value)):
            continue
        yield (
            Span(a.span.start, gap.span.end),
            f'"{gap.text}" does not match the figures: {a.text} and {b.text} are '
            f"{fmt(round(diff, 2))} points apart",
            f"{fmt(round(diff, 2))} points",
        )


# A figure said to be a multiple of another after a comma: "96 mm in one hour, triple
# its previous August record of 48 mm", "…, more than twice the 1,200 a year earlier".
_MULTIPLE_OF = regexcache.compile(
    r"(?:,|\s(?:is|was|are|were))\s{1,3}(?P<q>more\s{1,3}than\s{1,3})?(?:(?P<word>double|twice"
    r"|triple|treble|quadruple"
    r"|half)|(?P<n>two|three|four|five|six|seven|eight|nine|ten)\s{1,3}times)\s{1,3}"
    r"(?:the|its|their|his|her)\s{1,3}(?:(?:[\p{L}'\u2019-]{1,20}|(?:19|20)\d\d(?:[-\u2013/]"
    r"(?:19|20)?\d\d)?)\s{1,3}){0,5}?(?:of\s{1,3})?$"
)  # "more than double the 2006-2025 average of"
_MULTIPLE_WORDS = {"twice": 2.0, "half": 0.5}  # the rest are the factor words' ("triple")


def _multiples(doc: Document, tol: float) -> Iterator[tuple[Span, str, str]]:
    """(span, message, suggestion) where a figure said to be a multiple of another after
    a comma ("96 mm in one hour, triple its previous record of 48 mm") is not."""
    text, claims = doc.text, doc.claims
    for i, old in enumerate(claims):
        if i == 0 or old.kind not in ("count", "money") or old.qualifier != "exact":
            continue
        sent = doc.sentences[old.sentence].span
        m = _MULTIPLE_OF.search(text, max(sent.start, old.span.start - 120), old.span.start)
        if m is None:
            continue
        new = next(
            (
                o
                for o in reversed(claims[max(0, i - 6) : i])
                if o.sentence == old.sentence
                and o.span.end <= m.start()
                and not _in_brackets(text, sent.start, o.span.start)
            ),  # "11.8 inches (30 centimeters), more than triple": the figure, not its aside
            None,
        )
        if new is None or new.kind != old.kind or new.unit != old.unit:
            continue
        if (
            new.qualifier != "exact"
            or None not in (new.subject, old.subject)
            and (new.subject != old.subject)
        ):
            continue
        word = (m.group("word") or "").lower()
        factor = (
            _MULTIPLE_WORDS.get(word) or vocab().factor[word]
            if word
            else float(vocab().units[m.group("n").lower()])
        )
        stated = (factor, "more_than" if m.group("q") else "exact")
        if float(old.value) <= 0 or _factor_ok(old, new, tol, stated):
            continue
        ratio = float(new.value) / float(old.value)
        said = (m.group("q") or "") + (m.group("word") or f"{m.group('n')} times")
        said = " ".join(said.split())
        yield (
            Span(new.span.start, old.span.end),
            f'"{new.text}" is {fmt(round(ratio, 2))} times {old.text}, not "{said.lower()}" '
            "as the sentence states",
            f"{fmt(round(ratio, 1))} times",
        )


# A change by a fraction in words: "cut capital spending by half to £620mn, from £930mn"
_BY_FRACTION_TO = regexcache.compile(
    r"(?i)\bby\s{1,3}(?P<frac>half|a\s{1,3}(?:third|quarter|fifth|tenth)|one[\s-](?:third|quarter)"
    r"|two[\s-]thirds|three[\s-]quarters)\s{1,3}to\s{1,3}$"
)


def _fraction_changes(doc: Document) -> Iterator[tuple[Span, str, str]]:
    """(span, message, suggestion) where a change by a fraction in words ("cut … by half
    to £620mn last year, from £930mn") is not what its two figures give, a fraction's
    room (15%) aside."""
    text, claims = doc.text, doc.claims
    for i, new in enumerate(claims[:-1]):
        if new.kind not in ("count", "money") or new.qualifier != "exact":
            continue
        m = _BY_FRACTION_TO.search(text, max(0, new.span.start - 40), new.span.start)
        old = claims[i + 1]
        if m is None or old.sentence != new.sentence or old.qualifier != "exact":
            continue
        if old.kind != new.kind or old.unit != new.unit or float(old.value) <= 0:
            continue
        if not _FROM_NEXT.fullmatch(text, new.span.end, old.span.start):
            continue
        stated = fraction_value(m.group("frac"))
        actual = abs(float(new.value) - float(old.value)) / float(old.value)
        if abs(actual - stated) <= _FRACTION_SLACK * stated:
            continue
        yield (
            Span(m.start(), old.span.end),
            f'"by {m.group("frac")}" does not match the figures: {old.text} to {new.text} is a '
            f"change of {fmt(round(actual * 100, 1))}%",
            f"{fmt(round(actual * 100))}%",
        )


def _in_brackets(text: str, start: int, at: int) -> bool:
    """A bracket opened between ``start`` and ``at`` is still open at ``at``."""
    return text.rfind("(", start, at) > text.rfind(")", start, at)


def _compared(doc: Document, i: int, c: Claim, old: Claim) -> Claim | None:
    """The figure a percentage compares with ``old``: the nearest of its kind and unit
    before the percentage in its sentence when a comma sets the percentage off, or after
    "This was" the one such figure of the sentence before."""
    text, claims = doc.text, doc.claims
    sent = doc.sentences[c.sentence].span
    if _THIS_WAS.fullmatch(text, sent.start, c.span.start):
        before = [
            o
            for o in claims[max(0, i - 12) : i]
            if o.sentence == c.sentence - 1
            and o.kind == old.kind
            and o.unit == old.unit
            and o.qualifier in ("exact", "about")
        ]
        return before[0] if len(before) == 1 else None
    if not _COMMA_BEFORE.search(text, max(sent.start, c.span.start - 8), c.span.start):
        return None
    for o in reversed(claims[max(0, i - 6) : i]):
        if o.sentence != c.sentence:
            return None
        if o.kind == old.kind and o.unit == old.unit:
            return o if o.qualifier in ("exact", "about") else None
    return None


def _slack(c: Claim, stated: float, pts: float, rel: float, points: bool) -> float:
    """How far a stated change may sit from the one its figures give: a point (half for a
    percentage written to a decimal, which claims that much: "down 1.2%" for 2.1%) or
    the relative tolerance, whichever is larger, and a tenth more for "about"/"nearly".
    Points are the difference of two written percentages: only their rounding and the
    relative slack excuse a gap, not a whole point ("rose 3 points to 10.75% from
    8.75%")."""
    decimal = "." in c.text
    slack = (
        rel * abs(stated)
        if points
        else max(pts * (_DECIMAL_SLACK if decimal else 1), rel * abs(stated))
    )
    if c.qualifier in ("about", "nearly"):
        slack += 0.1 * abs(stated)
    return slack


def _fits(c: Claim, stated: float, actual: float, got: tuple[float, float], slack: float) -> bool:
    """Within the tolerance of the change the figures give, or explained by the rounding
    of every figure as written (``got``: the range the rounded figures allow)."""
    lo, hi = got
    return abs(stated - actual) <= slack or lo - half_step(c) <= stated <= hi + half_step(c)


def _plain(c: Claim) -> str:
    """A figure as quoted mid-sentence: "about 50,000", not "About 50,000"."""
    text = " ".join(c.text.split())
    return text[0].lower() + text[1:] if c.qualifier != "exact" else text


def _spread(c: Claim) -> tuple[float, float]:
    """The values a written figure allows: its rounding, and ``about_room`` either way
    for "about"."""
    v, step = float(c.value), half_step(c)
    slack = about_room(c) * v if c.qualifier == "about" else 0.0
    return v - step - slack, v + step + slack


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    for span, message in _directions(doc):
        yield ctx.finding(doc, span, message, None)
    for span, message, suggestion in _shares(
        doc, float(ctx.options.get("tolerance_relative", 0.05))
    ):
        yield ctx.finding(doc, span, message, suggestion)
    for claim, message, suggestion in _implied_wholes(
        doc, float(ctx.options.get("tolerance_relative", 0.05))
    ):
        yield ctx.finding(doc, claim.span, message, suggestion)
    for claim, message, suggestion in _amount_gaps(doc):
        yield ctx.finding(doc, claim.span, message, suggestion)
    for claim, message, suggestion in _anaphoric_directions(doc):
        yield ctx.finding(doc, claim.span, message, suggestion)
    for claim, message, suggestion in _vote_overflow(doc):
        yield ctx.finding(doc, claim.span, message, suggestion)
    for span, message, suggestion in _factors(doc, float(ctx.options.get("tolerance_factor", 0.1))):
        yield ctx.finding(doc, span, message, suggestion)
    for claim, message, suggestion in _anaphoric_factors(
        doc, float(ctx.options.get("tolerance_factor", 0.1))
    ):
        yield ctx.finding(doc, claim.span, message, suggestion)
    for claim, message, suggestion in _amount_changes(
        doc, float(ctx.options.get("tolerance_relative", 0.05))
    ):
        yield ctx.finding(doc, claim.span, message, suggestion)
    pts = float(ctx.options.get("tolerance_points", 1.0))
    rel = float(ctx.options.get("tolerance_relative", 0.05))
    for span, message, suggestion in _comparisons(doc, pts, rel):
        yield ctx.finding(doc, span, message, suggestion)
    for span, message, suggestion in _point_gaps(doc):
        yield ctx.finding(doc, span, message, suggestion)
    for span, message, suggestion in _fraction_changes(doc):
        yield ctx.finding(doc, span, message, suggestion)
    for span, message, suggestion in _multiples(
        doc, float(ctx.options.get("tolerance_factor", 0.1))
    ):
        yield ctx.finding(doc, span, message, suggestion)
    for c in doc.claims:
        if c.role not in ("rise", "fall") or c.ref is None:
            continue
        if c.qualifier not in ("exact", "about", "nearly"):  # "fell by almost 9%"
            continue
        new = doc.claims[c.ref]
        if new.ref is None:
            continue
        old = doc.claims[new.ref]
        if not (c.sentence == new.sentence == old.sentence):
            continue
        if new.kind != old.kind or new.unit != old.unit:
            continue
        if {new.qualifier, old.qualifier} - {"exact", "about"}:
            continue  # "more than 3,800": no bound on the change
        points = c.unit == "pp"
        if (new.kind == "percent") != points:
            continue  # "rose 2% from 5% to 7%" is ambiguous; points need percentages
        got = _change_range(old, new, points)
        if got is None:
            continue
        stated = float(c.value) if c.role == "rise" else -float(c.value)
        actual = _central(old, new, points)
        slack = _slack(c, stated, pts, rel, points)
        if _fits(c, stated, actual, got, slack):
            continue
        if abs(stated + actual) <= slack and _QUOTE.search(doc.sentence_text(c.sentence)):
            continue  # "the yen rose 0.8 pct to 153.50 against the dollar from 154.67"
        unit = " points" if points else "%"
        verb = "rise" if actual >= 0 else "fall"
        # The finding covers the percentage and both figures, and the verb before them:
        # any may be the slip ("rose 14% to $26.34bn from $32.12bn" is a wrong old
        # figure as often as a wrong percentage); the suggestion is the change the
        # figures give.
        start = min(c.span.start, new.span.start, old.span.start)
        written = _CHANGE_VERB_BEFORE.search(doc.text, max(0, start - 32), start)
        if written is not None:
            start = written.start()  # "rose 6.5% to $14.73bn from $15.76bn": the verb may be it
        span = Span(start, max(c.span.end, new.span.end, old.span.end))
        yield ctx.finding(
            doc,
            span,
            f'"{c.text}" does not match the figures: {_plain(old)} to {_plain(new)} is a '
            f"{verb} of {fmt(round(abs(actual), 1))}{unit}",
            f"{fmt(round(abs(actual)))}{unit}",
        )
