"""qualifier-conflict: two hedged figures for one count that cannot both be true.

What it does
    For the same count of people (same category and group, same scope, see
    ``figure-conflict``), reports a pair of qualified figures whose ranges do not
    meet: "more than 1,000" cannot be "about 900", "fewer than 50" cannot be
    "at least 60".

Why is this bad?
    Hedged figures are often rounded from different sources or versions of the
    story; when the hedges exclude each other, one of them is out of date.
    A human should glance: the severity is ``info``.

Example
    More than 1,000 people were injured. [...] About 900 injured people were treated.

Use instead
    More than 1,000 people were injured. [...] About 1,100 injured people were treated.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzaudit.model import Document, Finding
from kzaudit.rules._figures import incompatible_pairs, label, where
from kzaudit.rules.base import RuleContext

ID = "qualifier-conflict"
GROUP = "figures"
SEVERITY = "info"
SUMMARY = "Two hedged figures for the same count exclude each other (more than 1,000 / about 900)"
OPTIONS = {"about_margin": 0.1}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    margin = float(ctx.options.get("about_margin", 0.1))
    for earlier, later in incompatible_pairs(doc, margin, hedged=True):
        yield ctx.finding(
            doc,
            later.span,
            f"{label(later)} ({later.category}) cannot be the same count as "
            f"{label(earlier)} on {where(doc, earlier)}",
        )
