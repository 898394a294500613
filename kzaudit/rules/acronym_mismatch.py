"""acronym-mismatch: an acronym that is a near-miss of one the story defines.

## What it does
Flags an acronym use that is one slip away from an acronym the article defines:
two letters swapped ("CTSO" after "Collective Security Treaty Organization (CSTO)"),
or, for acronyms of four letters or more, one letter added, dropped or changed.
Three-letter acronyms are dense (ADB, ADC and ADF are all real bodies), so there a
changed letter is flagged only as a typing slip: a neighbouring key on the keyboard,
in a form used once ("QTO" after "World Trade Organization (WTO)"; "SEX" after
"SEC" too: an English word in capitals is still a slip).
Also flags a definition whose acronym is an anagram of its own expansion's initials
("National Transport Safety Board (NTBS)") or, for three letters, one key off them
("Equal Opportunities Commission (WOC)"), unless it is a well-known acronym ("ISO").

An acronym used once that is an undefined one with two letters swapped or one
letter typed with a neighbouring key is flagged too: a swap beside any acronym of
the story ("NAOT" beside "NATO", "NJU" beside "NUJ"), a changed letter only beside
one that is well known or used more than once ("BVC" beside "BBC"): two real
three-letter acronyms are often a key apart ("PDK", "PDL").  The acronym of a
slashed name counts as a use ("HVI/Aids").

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
from kzaudit.model import Document, Entity, Finding
from kzaudit.rules._names import acronym_uses, is_key_slip, is_swap, near_defined
from kzaudit.rules.base import RuleContext, times

ID = "acronym-mismatch"
GROUP = "names"
SEVERITY = "warning"
SUMMARY = 'An acronym one slip away from one the story defines or uses ("CTSO" for "CSTO")'
OPTIONS = {"min_length": 3}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    defined = {acronym_norm(d.acronym): d for d in doc.acronyms}
    known = common_acronyms() | {acronym_norm(a) for a in ctx.style.known_acronyms}
    found = acronym_uses(doc)
    uses = Counter(norm for _e, norm in found)
    for d in doc.acronyms:
        initials = _initials(d.expansion)
        slip = _definition_slip(acronym_norm(d.acronym), initials, known)
        if slip:
            yield ctx.finding(
                doc,
                d.span,
                f'"{d.acronym}" does not match the initials of "{d.expansion}" '
                f"({initials}): {slip}?",
                initials,
            )
    min_length = int(ctx.options.get("min_length", 3))
    # Undefined acronyms the story relies on: well known, or used more than once.
    anchors = sorted(a for a, n in uses.items() if len(a) >= min_length and (a in known or n > 1))
    others = sorted(a for a in uses if len(a) >= min_length)
    first_use: dict[str, Entity] = {}
    for e, norm in found:
        first_use.setdefault(norm, e)
    for e, norm in found:
        if norm in defined or norm in known:
            continue
        target = near_defined(norm, defined, uses, min_length)
        if target is not None:
            yield ctx.finding(
                doc,
                e.span,
                f'"{e.text}" looks like a slip for "{target.acronym}", defined as '
                f'"{target.expansion}" and used {times(uses[acronym_norm(target.acronym)])}',
                target.acronym,
            )
            continue
        anchor = None
        if uses[norm] == 1:
            # two swapped letters are a slip beside any acronym of the story ("NJU"/"NUJ");
            # a neighbouring key only beside one it relies on ("BVC"/"BBC")
            anchor = next(
                (
                    a
                    for a in others
                    if a != norm
                    and is_swap(norm, a)
                    and (
                        uses[a] > 1 or first_use[a].span.start < e.span.start
                    )  # of a pair, the later
                ),
                None,
            )
            anchor = anchor or next((a for a in anchors if is_key_slip(norm, a)), None)

        if anchor is not None:  # "NAOT" beside "NATO", "BVC" beside "BBC" (never defined)
            how = "two letters swapped" if is_swap(norm, anchor) else "a neighbouring key hit"
            yield ctx.finding(
                doc,
                e.span,
                f'"{e.text}" looks like "{anchor}" with {how}; "{anchor}" is used '
                f"{times(uses[anchor])} in the story",
                anchor,
            )
            if uses[anchor] == 1 and anchor not in known:  # two unknown forms once each:
                other = first_use[anchor]  # either may be the slip, so both are shown
                yield ctx.finding(
                    doc,
                    other.span,
                    f'"{other.text}" and "{e.text}" (later) are each used once and differ by '
                    f"{how}: one of the two is mistyped",
                )


def _definition_slip(acronym: str, initials: str, known: frozenset[str]) -> str:
    """How a defined acronym slipped from its expansion's initials, or "" when it did not:
    letters swapped ("NTBS"), or a three-letter one mistyped to a neighbouring key
    ("Equal Opportunities Commission (WOC)"); a known acronym is what the writer meant."""
    if acronym in known:
        return ""
    if is_swap(acronym, initials):
        return "letters transposed"
    if len(acronym) == 3 and is_key_slip(acronym, initials):
        return "a mistyped letter"
    return ""


def _initials(expansion: str) -> str:
    words = [w for w in expansion.replace("-", " ").split() if w.lower() not in CONNECTOR_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()
