"""acronym-undefined: an uncommon acronym the story never spells out.

## What it does
Reports, once per story, an acronym of three letters or more that is used but never
defined ("National Security Committee (KNB)" or "the KNB (National Security
Committee)"; nor "the committee, known by its Russian initials KNB"; nor described in apposition: "the national weather service,
EMY, said"; nor spelled out
anywhere as a name whose initials it is: "New South Wales ... NSW") and is not a
well-known one (``data/common_acronyms.txt``, or the house
style's ``known_acronyms``).  Mixed-case short forms ("Ofgem", "MoD") are left alone.
Information only: many acronyms are familiar to a given readership.

## Why is this bad?
Readers who do not know the acronym cannot tell which organisation is meant; news
style spells an acronym out at its first use.

## Example
```
The KNB said the curfew would continue.
```

## Use instead
```
The National Security Committee (KNB) said the curfew would continue.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kzaudit import regexcache
from kzaudit.extract.entities import (
    CONNECTOR_WORDS,
    acronym_norm,
    common_acronyms,
    common_words,
)
from kzaudit.model import Document, Finding
from kzaudit.regexcache import HOLD_GIL
from kzaudit.rules._names import acronym_uses, near_defined
from kzaudit.rules.base import RuleContext

ID = "acronym-undefined"
GROUP = "names"
SEVERITY = "info"
SUMMARY = "An uncommon acronym used without ever being spelled out"
OPTIONS = {"min_length": 3}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    defined = {acronym_norm(d.acronym) for d in doc.acronyms}
    known = common_acronyms() | {acronym_norm(a) for a in ctx.style.known_acronyms}
    min_length = int(ctx.options.get("min_length", 3))
    definitions = {acronym_norm(d.acronym): d for d in doc.acronyms}
    uses = Counter(norm for _e, norm in acronym_uses(doc))
    seen: set[str] = set()
    spelled: set[str] | None = None  # initials of the story's names, built when needed
    for e in doc.entities:
        if e.kind != "acronym":
            continue
        norm = acronym_norm(e.text)
        letters = sum(1 for c in norm if c.isalpha())
        if norm in seen or letters < min_length or _known(norm, defined | known):
            continue
        if "/" in norm and any(c.isdigit() for c in norm):
            continue  # "REC/25/02": a reference number, not an abbreviation
        if near_defined(norm, definitions, uses, 3) is not None:
            continue  # a slip for a defined acronym: acronym-mismatch reports it
        if _DESCRIBED.search(doc.text, max(0, e.span.start - 40), e.span.start, HOLD_GIL):
            seen.add(norm)  # "the national weather service, EMY, said": explained in words
            continue
        if _placeless_dateline(doc.text, e.span.start, e.span.end):
            continue  # "BISHKEK -- Police in Kyrgyzstan's capital…": a place, no initials
        if _TICKER.search(doc.text, max(0, e.span.start - 12), e.span.start, HOLD_GIL):
            continue  # "(NASDAQ: NWRB)", "(NYSE: XYZ)": a stock ticker
        if _IN_NAME.match(doc.text, e.span.end, None, HOLD_GIL):
            continue  # "CCS Insight", "BAE Systems", "CSI 300": a name, not an abbreviation
        if _KNOWN_AS.search(doc.text, max(0, e.span.start - 60), e.span.start, HOLD_GIL):
            seen.add(norm)  # its later uses are defined too
            continue  # "the National Security Committee, known by its Russian initials KNB"
        if spelled is None:
            spelled = _initials(doc)
        if norm in spelled:
            continue  # "New South Wales" elsewhere in the story spells out "NSW"
        seen.add(norm)
        yield ctx.finding(
            doc, e.span, f'"{e.text}" is never spelled out; define it at its first use'
        )


_IN_NAME = regexcache.compile(r"[ ](?:\p{Lu}\p{Ll}{2,30}(?![\p{L}'\u2019])|[0-9]{1,4}(?![0-9,.%]))")
_DESCRIBED = regexcache.compile(
    r"\b(?:agency|service|ministry|department|committee|commission|party|union|company"
    r"|regulator|bank|group|council|authority|office|court|board|network|broadcaster"
    r"|force|organisation|organization|institute|movement|alliance),[ ]$"
)
_DASH_AFTER = regexcache.compile(r"[ ]{1,3}(?:--|[\u2014\u2013])[ ]")
_LINE_START_BEFORE = regexcache.compile(r"(?:^|\n)[ \t]{0,3}$")


def _placeless_dateline(text: str, start: int, end: int) -> bool:
    """A word in capitals that opens a line and a dash follows: a dateline's place with
    no date ("BISHKEK -- Police…", "KYIV — Russia…")."""
    return (
        _DASH_AFTER.match(text, end, None, HOLD_GIL) is not None
        and _LINE_START_BEFORE.search(text, max(0, start - 4), start, HOLD_GIL) is not None
    )


_TICKER = regexcache.compile(r"(?:\p{Lu}{2,8}|Nasdaq|Nyse):[ ]?$")
# "known as the C.S.T.O.", "known by its Russian initials KNB": defined in words.
_KNOWN_AS = regexcache.compile(r"\bknown[ ](?:as|by)\b[^.;:!?()\n]{0,50}$")


def _initials(doc: Document) -> set[str]:
    """The initials of every name of two words or more ("Collective Security Treaty
    Organization" -> "CSTO"), connectors ("of", "and") left out."""
    out: set[str] = set()
    for e in doc.entities:
        if e.kind == "acronym" or " " not in e.text:
            continue
        words = [w for w in e.text.split() if w.lower() not in CONNECTOR_WORDS]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            out.add("".join(w[0] for w in words).upper())
    return out


def _known(norm: str, known: set[str] | frozenset[str]) -> bool:
    """Known itself, or made of known parts ("HIV/AIDS", "BBC2"), or a shouted word ("WILL")."""
    if norm in known or norm.rstrip("0123456789") in known:
        return True
    parts = norm.split("/")
    if len(parts) > 1 and all(p in known for p in parts):
        return True
    return len(norm) >= 3 and norm.lower() in common_words()
