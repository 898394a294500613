"""subset-exceeds-total: a part of a group is larger than the whole group.

What it does
    Reports a figure that is stated as part of another ("12 of whom", "of them", "of the
    20", "including 30 children", "Of those arrested, 150", "95 of the injured" after a
    count of the injured in the same or the two sentences before; the people of a place
    too: "a town of 11,000 people … Of those, 1,300"; a count with no noun opening the
    sentence after one count, not of another tally of people: "Eight workers were on the
    bridge.  Two were rescued") but is larger than it, and a count
    of hospitalised people larger than the count of injured people it belongs to
    (injured includes hospitalised).  Qualifiers are respected: "more than 1,000 injured
    and 400 hospitalised" is fine, and so is "more than 80 injured … 85 of the injured"
    (a floor is a rounded figure); but a part more than a tenth above a floor is not
    ("more than 1,000 injured and 1,400 hospitalised", "at least 85 killed … at least 95
    of the dead were children"): a writer who knew of the part would have raised the
    floor.  "Twelve of those killed" is a part of the dead, not of the figure just before
    it ("Three Tunisians also were killed"); "10 of which" after "a 30-year sentence"
    counts years, not an earlier count; "another 36" in hospital are not among "eight
    others" treated and released, nor "25" taken to hospital among "20" treated at the
    scene when both are shares of one whole ("40 injured … Of those, 25 … and 20 …").
    Both figures are reported, the part and (once) the whole: either may be the slip.

Why is this bad?
    A part cannot exceed its whole: one of the two figures is wrong, often a
    transposed or mistyped digit.

Example
    Nine people were hurt in the blast, 12 of whom were taken to hospital.

Use instead
    Nineteen people were hurt in the blast, 12 of whom were taken to hospital.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit.extract.numbers import WHOLE_KINDS
from kzaudit.model import Claim, Document, Finding
from kzaudit.rules._figures import (
    bounds,
    critical,
    label,
    subjects_match,
    tally_claims,
    where,
    whole_once,
)
from kzaudit.rules.base import RuleContext

ID = "subset-exceeds-total"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "A part is larger than its whole (12 of 9 hurt were hospitalised)"
OPTIONS = {"about_margin": 0.1}

# (whole, part) groups where the part is included in the whole: injured people include
# the hospitalised, who include those in intensive care.
NESTED = (("injured", "hospitalised"), ("hospitalised", "critical"), ("injured", "critical"))


_GROUP_NAMES = {"critical": "those in intensive care or a critical condition"}


def _group(c: Claim) -> str:
    return "critical" if critical(c) else c.category


# How far above a whole's floor ("more than 1,000", "at least 85") a part may go: a
# writer who knew of 1,400 hospitalised would not put the injured at "more than 1,000".
FLOOR_SLACK = 1.1


def _exceeds(part: Claim, whole: Claim, margin: float) -> bool:
    top = bounds(whole, margin)[1]
    if whole.qualifier in ("more_than", "at_least") and whole.kind == "count":
        top = float(whole.value) * FLOOR_SLACK
    return bounds(part, margin)[0] > top


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    margin = float(ctx.options.get("about_margin", 0.1))
    flagged: set[int] = set()
    wholes: set[int] = set()  # wholes reported, once each
    for part in doc.claims:
        if part.role != "part" or part.ref is None or part.kind != "count":
            continue
        whole = doc.claims[part.ref]
        if whole.kind not in WHOLE_KINDS or "vague" in (
            whole.qualifier,
            part.qualifier,
        ):
            continue
        if not float(whole.value).is_integer():
            continue  # "1.4 mln bpd in February and 1.15 in March": a scale left unsaid
        if _exceeds(part, whole, margin):
            flagged.add(part.span.start)
            yield ctx.finding(
                doc,
                part.span,
                f"{label(part)} is stated as part of {label(whole)}, but is larger than it",
            )
            yield from _whole_finding(doc, ctx, whole, part, wholes)
    yield from _nested(doc, ctx, margin, flagged, wholes)


def _whole_finding(
    doc: Document, ctx: RuleContext, whole: Claim, part: Claim, wholes: set[int]
) -> Iterator[Finding]:
    """The whole is reported too, once: either figure may be the slip ("30 injured …
    Of the injured, 160" is a whole typed short as often as a part typed long)."""
    message = (
        f"{label(whole)} is smaller than {label(part)} on {where(doc, part)}, stated as "
        "a part of it"
    )
    yield from whole_once(doc, ctx, whole, part, wholes, message)


def _same_people(outer: Claim, inner: Claim) -> bool:
    """Subjects match once the "in intensive care" of the inner group is set aside."""
    if critical(inner) and not critical(outer):
        return outer.subject in (None, "people") or inner.subject.startswith(outer.subject + " ")
    return subjects_match(outer, inner)


def _nested(
    doc: Document, ctx: RuleContext, margin: float, flagged: set[int], wholes: set[int]
) -> Iterator[Finding]:
    """Hospitalised above injured in the same paragraph, same source and group."""
    tallies = tally_claims(doc, updates=True)
    para = {c.span.start: doc.sentences[c.sentence].paragraph for c in tallies if doc.sentences}
    for outer_cat, inner_cat in NESTED:
        outers = [c for c in tallies if _group(c) == outer_cat]
        inners = [c for c in tallies if _group(c) == inner_cat]
        for inner in inners[:40]:
            if inner.span.start in flagged:
                continue
            for outer in outers[:40]:
                if para.get(outer.span.start) != para.get(inner.span.start):
                    continue
                if outer.role == inner.role == "part" and outer.ref == inner.ref:
                    continue  # two shares of one whole: "Of those, 25 were taken to
                    # hospital and 20 were treated at the scene"
                if (
                    outer.role == "part"
                    and outer.ref is not None
                    and doc.claims[outer.ref] is inner
                ):
                    continue  # "11 were hospitalized, two with head injuries": two of the 11
                sources = {outer.attribution, inner.attribution} - {None}
                if len(sources) > 1 or not _same_people(outer, inner):
                    continue
                if _exceeds(inner, outer, margin):
                    flagged.add(inner.span.start)
                    # "in intensive care" is already in the critical figure's label
                    named = "" if inner_cat == "critical" else f" {inner_cat}"
                    group = _GROUP_NAMES.get(inner_cat, f"the {inner_cat}")
                    yield ctx.finding(
                        doc,
                        inner.span,
                        f"{label(inner)}{named} is more than the {label(outer)} "
                        f"{outer_cat} on {where(doc, outer)}; {group} are among the {outer_cat}",
                    )
                    yield from _whole_finding(doc, ctx, outer, inner, wholes)
                    break
