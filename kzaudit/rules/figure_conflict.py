"""figure-conflict: the same count of people given two different values.

What it does
    Compares every count of people in one category (deaths, injured, hospitalised,
    arrested, evacuated, missing, rescued, troops, protesters, rescuers) that counts
    the same group in the same scope, and reports a later figure that cannot be the
    same number as an earlier one.  Qualifiers are respected ("more than 1,000" and
    "1,200" agree).  It stays silent when the text marks an update ("rose to 27",
    "so far", "now"), when the figures come from different sources ("organisers
    said"/"police said"), or when they are tied to different places or dates.

Why is this bad?
    Two tallies of one event that disagree make the reader doubt both; usually one
    is a typo or a figure left over from an earlier version of the story.

Example
    Police held 120 people overnight. [...] The 210 detainees are expected in court.

Use instead
    Police held 210 people overnight. [...] The 210 detainees are expected in court.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit.model import Document, Finding
from kzaudit.rules._figures import incompatible_pairs, label, where
from kzaudit.rules.base import RuleContext

ID = "figure-conflict"
GROUP = "figures"
SEVERITY = "warning"
SUMMARY = "The same count of people (deaths, arrests, injured...) is given two different values."
OPTIONS = {"about_margin": 0.1}  # how far "about 900" may stretch either way


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    margin = float(ctx.options.get("about_margin", 0.1))
    for earlier, later in incompatible_pairs(doc, margin, hedged=False):
        suggestion = earlier.text if earlier.qualifier == later.qualifier else None
        yield ctx.finding(
            doc,
            later.span,
            f"{label(later)} ({later.category}) conflicts with {label(earlier)} "
            f"on {where(doc, earlier)}: the same count given two values",
            suggestion,
        )
