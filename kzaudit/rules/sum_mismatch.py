"""sum-mismatch: parts said to make up a whole do not add up to it.

What it does
    When the text states that its parts complete a whole ("Of the 600 passengers,
    450 were rescued and the other 100 are missing"; "the remaining 40"), adds the
    parts and reports when the sum differs from the whole.  Only exact figures are
    added; any hedge ("about", "more than") makes the check stay silent.

Why is this bad?
    A reader does the sum.  If 450 + 100 is not 600, a figure is wrong or a group
    (the dead? the unaccounted for?) is missing from the story.

Example
    Of the 600 passengers, 450 were rescued and the other 100 are missing.

Use instead
    Of the 600 passengers, 450 were rescued and the other 150 are missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit.model import Claim, Document, Finding
from kzaudit.rules._figures import fmt, label
from kzaudit.rules.base import RuleContext

ID = "sum-mismatch"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "Parts said to make up a whole (the other, the remaining) do not add up to it"


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    groups: dict[int, list[Claim]] = {}
    for c in doc.claims:
        if c.role in ("part", "rest") and c.ref is not None:
            groups.setdefault(c.ref, []).append(c)
    for whole_index in sorted(groups):
        parts = groups[whole_index]
        rest = [c for c in parts if c.role == "rest"]
        if len(rest) != 1:
            continue  # only a stated remainder closes the sum
        whole = doc.claims[whole_index]
        figures = [whole, *parts]
        if any(c.kind != "count" or c.qualifier != "exact" for c in figures):
            continue
        total = sum(float(c.value) for c in parts)
        if total == float(whole.value):
            continue
        # "10,000 homes were inspected and 1,105 were uninhabitable. Of those, …": of the
        # counts of the whole's sentence, the parts make up the one nearest their sum.
        largest = max(float(c.value) for c in parts)
        whole = min(
            (
                c
                for c in doc.claims
                if c.sentence == whole.sentence
                and c.kind == "count"
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
