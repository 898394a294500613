"""acronym-mismatch: an acronym that is a near-miss of one the story defines.

## What it does
Flags an acronym use that is one slip away from an acronym the article defines:
two letters swapped ("CTSO" after "Collective Security Treaty Organization (CSTO)"),
or, for acronyms of four letters or more, one letter added, dropped or changed.
Also flags a definition whose acronym is an anagram of its own expansion's initials
("National Transport Safety Board (NTBS)").

A use is only flagged when it is not itself defined, not a well-known acronym
(``data/common_acronyms.txt`` or the house style's ``known_acronyms``), and appears
less often than the defined one: a different organisation ("CIS" beside "CSTO",
"UN" beside "US") is never a near-miss.  Foreign-language acronyms ("National
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
from kzaudit.model import AcronymDefinition, Document, Entity, Finding
from kzaudit.rules.base import RuleContext

ID = "acronym-mismatch"
GROUP = "names"
SEVERITY = "warning"
SUMMARY = 'An acronym one slip away from one the story defines ("CTSO" for "CSTO").'
OPTIONS = {"min_length": 3}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    defined = {acronym_norm(d.acronym): d for d in doc.acronyms}
    known = common_acronyms() | {acronym_norm(a) for a in ctx.style.known_acronyms}
    uses = Counter(norm for _e, norm in _acronyms(doc))
    for d in doc.acronyms:
        initials = _initials(d.expansion)
        if _is_swap(acronym_norm(d.acronym), initials):
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.acronym}" does not match the initials of "{d.expansion}" '
                f"({initials}): letters transposed?",
                initials,
            )
    min_length = int(ctx.options.get("min_length", 3))
    for e, norm in _acronyms(doc):
        if norm in defined or norm in known:
            continue
        target = _near_defined(norm, defined, uses, min_length)
        if target is not None:
            yield ctx.finding(
                doc,
                e.span,
                f'"{e.text}" looks like a slip for "{target.acronym}", defined as '
                f'"{target.expansion}" and used {uses[acronym_norm(target.acronym)]} times',
                target.acronym,
            )


def _acronyms(doc: Document) -> list[tuple[Entity, str]]:
    """Acronym mentions with their comparison form ("U.S." -> "US")."""
    return [(e, acronym_norm(e.text)) for e in doc.entities if e.kind == "acronym"]


def _near_defined(
    norm: str, defined: dict[str, AcronymDefinition], uses: Counter[str], min_length: int
) -> AcronymDefinition | None:
    for acronym, d in sorted(defined.items()):
        if len(acronym) < min_length or (uses[norm] > 1 and uses[norm] >= uses[acronym]):
            continue
        if _is_swap(norm, acronym) or (
            min(len(norm), len(acronym)) >= 4 and _one_edit(norm, acronym)
        ):
            return d
    return None


def _initials(expansion: str) -> str:
    words = [w for w in expansion.replace("-", " ").split() if w.lower() not in CONNECTOR_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _is_swap(a: str, b: str) -> bool:
    """Same letters, exactly two adjacent ones swapped ("CTSO" / "CSTO")."""
    if len(a) != len(b) or len(a) < 3 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _one_edit(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) == 1
