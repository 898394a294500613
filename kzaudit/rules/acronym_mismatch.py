"""acronym-mismatch: an acronym that is a near-miss of one the story defines.

## What it does
Flags an acronym use that is one slip away from an acronym the article defines:
two letters swapped ("CTSO" after "Collective Security Treaty Organization (CSTO)"),
or, for acronyms of four letters or more, one letter added, dropped or changed.
Also flags a definition whose acronym is an anagram of its own expansion's initials
("National Transport Safety Board (NTBS)").

A use is only flagged when it is not itself defined, not a well-known acronym
(``data/common_acronyms.txt`` or the house style's ``known_acronyms``), and is used
once, or less often than the defined one: a different organisation ("CIS" beside
"CSTO", "UN" beside "US") is never a near-miss, and two three-letter acronyms are only
confused when two letters are swapped ("ABD" for "ADB").  Foreign-language acronyms ("National
Security Committee (KNB)") and acronyms that skip words ("Organisation for Economic
Co-operation and Development (OECD)") are not anagrams and are not flagged.

## Why is this bad?
Readers take an unknown acronym for an unknown organisation; a transposed one also
makes the story look careless.

## Example
```
Russia asked the Collective Security Treaty Organization (CSTO) to help. The speed at
which CTSO arrived surprised analysts.
```

## Use instead
```
Russia asked the Collective Security Treaty Organization (CSTO) to help. The speed at
which CSTO arrived surprised analysts.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kzaudit.extract.entities import CONNECTOR_WORDS, acronym_norm, common_acronyms
from kzaudit.model import Document, Finding
from kzaudit.rules._names import acronym_uses, is_swap, near_defined
from kzaudit.rules.base import RuleContext

ID = "acronym-mismatch"
GROUP = "names"
SEVERITY = "warning"
SUMMARY = 'An acronym one slip away from one the story defines ("CTSO" for "CSTO").'
OPTIONS = {"min_length": 3}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    defined = {acronym_norm(d.acronym): d for d in doc.acronyms}
    known = common_acronyms() | {acronym_norm(a) for a in ctx.style.known_acronyms}
    uses = Counter(norm for _e, norm in acronym_uses(doc))
    for d in doc.acronyms:
        initials = _initials(d.expansion)
        if is_swap(acronym_norm(d.acronym), initials):
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.acronym}" does not match the initials of "{d.expansion}" '
                f"({initials}): letters transposed?",
                initials,
            )
    min_length = int(ctx.options.get("min_length", 3))
    for e, norm in acronym_uses(doc):
        if norm in defined or norm in known:
            continue
        target = near_defined(norm, defined, uses, min_length)
        if target is not None:
            yield ctx.finding(
                doc,
                e.span,
                f'"{e.text}" looks like a slip for "{target.acronym}", defined as '
                f'"{target.expansion}" and used {uses[acronym_norm(target.acronym)]} times',
                target.acronym,
            )


def _initials(expansion: str) -> str:
    words = [w for w in expansion.replace("-", " ").split() if w.lower() not in CONNECTOR_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()
