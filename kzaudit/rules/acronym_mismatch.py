"""acronym-mismatch: an acronym that is a near-miss of one the story defines.

## What it does
Flags an acronym use that is one slip away from an acronym the article defines:
two letters swapped ("CTSO" after "Collective Security Treaty Organization (CSTO)"; a
two-letter one too, written once beside its reverse defined or written twice, when it
is no English word: "the UE said" after "European Union (EU)"), or, for acronyms of four
letters or more, one letter added, dropped or changed, or its letters reordered in a form
used once ("LAPWD" after "Los Angeles Department of Water and Power (LADWP)").
Three-letter acronyms are dense (ADB, ADC and ADF are all real bodies), so there a
changed letter is flagged only as a typing slip: a neighbouring key on the keyboard,
in a form used once ("QTO" after "World Trade Organization (WTO)"; "SEX" after
"SEC" too: an English word in capitals is still a slip).
Also flags a definition whose acronym is its own expansion's initials with two
letters swapped ("National Transport Safety Board (NTBS)") or one key off them
("Equal Opportunities Commission (WOC)"; in a longer one when the story writes the
initials' form too: "the U.S. Geological Survey (USGA) … the USGS said"), unless it is
a well-known acronym ("ISO") that the story never writes the other way, or its first two
letters swapped where the name opens with an adjective and its noun, which Spanish,
French, Portuguese or Italian put the other way round ("National Jury of Elections (JNE)", "Socialist Party (PS)": the
original's order) and neither the story nor the list of known acronyms has the initials.  The initials
are read from the capitalised name right before the bracket as well ("Office for
National Statistics (NOS)", "Even the International Monetary Fund (IFM)"); by that
reading, a definition whose form
recurs while its initials' form never appears is left alone (a foreign word order).
Later uses in the right form ("ONS") are then not reported as slips for the definition.

An acronym used once that is an undefined one with two letters swapped or one
letter typed with a neighbouring key is flagged too: a swap beside any acronym of
the story ("NAOT" beside "NATO", "NJU" beside "NUJ"), a changed letter only beside
one that is well known or used more than once ("BVC" beside "BBC"), any letter
changed in one the story writes three times or more ("IUAF" beside five "IAAF", "the
EIC said" in a story that writes "EIU" six times), any inner letter in one of five
characters or more written twice, where acronyms are sparse ("RFK/RL" beside "RFE/RL"),
any inner letter changed in a well-known one ("CQN" beside "CNN"; a first or last letter
is how networks differ: "CBS", "TBS"), or beside another used once ("SXSW" ... "SXAW",
"WRU" ... "WRI": both are shown, since a story that writes an acronym twice leaves two
forms used once when one is mistyped), but not between stock symbols ("<SMBS ST>",
"<SKBS ST>").  Two real acronyms a key apart, each used once ("PDK", "PDL"), are reported
too: on 4,100 published articles no such pair occurred.  The acronym of a slashed name
counts as a use ("HVI/Aids"), and so does a name in capitals that is an English word
or carries a suffix ("SMSRT drumlines" beside two "SMART drumlines", "HYV-X" beside two
"HTV-X").  A unit after "per" ("one dlr per CWT") and a part named in
the other's possessive ("USX's USS steel unit") are told apart, and so is a body named a
few words after the one it is one letter from ("CES organisers the CEA"), though not
one with two letters swapped ("Crown Prosecution Service (CPS), said the CSP").

A well-known acronym (``data/common_acronyms.txt``) used once is flagged only as two
letters swapped from one the story uses more than once or defines ("the RIA bombs" in a
story about the IRA, "PEP spokesman" after "European People's Party (EPP)").  Otherwise a
use is only flagged when it is not itself defined, not a well-known acronym (that list
or the house style's ``known_acronyms``), and is used once, or less often than the
defined one: a different organisation ("CIS" beside "CSTO", "UN" beside "US") is never a
near-miss, and two three-letter acronyms are only confused when two letters are swapped
("ABD" for "ADB").  Foreign-language acronyms ("National Security Committee (KNB)") and
acronyms that skip words ("Organisation for Economic Co-operation and Development
(OECD)") are not anagrams and are not flagged.  A use in a headline written in capitals
counts when the body writes that acronym too ("NYSE, NYFE MOVE INDEX FUTURES" over "the
NYSE traded"), so "the NSYE has long advocated" before the body's one "NYSE" is a slip
of an acronym used twice.

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

from kzaudit import regexcache
from kzaudit.extract.entities import (
    CONNECTOR_WORDS,
    acronym_norm,
    common_acronyms,
    common_words,
    shouted_paragraphs,
)
from kzaudit.model import AcronymDefinition, Document, Entity, Finding
from kzaudit.rules._names import acronym_uses, differing, is_key_slip, is_swap, near_defined
from kzaudit.rules.base import RuleContext, times

ID = "acronym-mismatch"
GROUP = "names"
SEVERITY = "warning"
SUMMARY = 'An acronym one slip away from one the story defines or uses ("CTSO" for "CSTO")'
OPTIONS = {"min_length": 3}


def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    defined = {acronym_norm(d.acronym): d for d in doc.acronyms}
    house = {acronym_norm(a) for a in ctx.style.known_acronyms}  # the desk's own: trusted
    known = common_acronyms() | house
    found = acronym_uses(doc, caps_names=True)
    uses = Counter(norm for _e, norm in found)
    _count_headline_uses(doc, uses)
    corrected: set[str] = set()  # the right forms of definitions flagged as slipped
    for d in doc.acronyms:
        slipped = _slipped_definition(doc.text, d, uses, known)
        if slipped is None:
            continue
        initials, how = slipped
        corrected.add(initials)
        later = uses[initials]
        also = f'; "{initials}" is written {times(later)} in the story' if later else ""
        yield ctx.finding(
            doc,
            d.span,
            f'"{d.acronym}" does not match the initials of "{_name_for(doc.text, d, initials)}" '
            f"({initials}), {how}{also}",
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
        if norm in corrected:
            continue  # a use in the right form of a slipped definition: that is reported
        if norm in known and norm not in house and norm not in defined and uses[norm] == 1:
            # a generally known acronym once, beside its two-letter swap that the story
            # relies on (uses more than once, or defines): "the RIA bombs" in a story
            # about the IRA, "PEP spokesman" after "European People's Party (EPP)"
            twin = next(
                (a for a in others if (uses[a] > 1 or a in defined) and is_swap(norm, a)), None
            )
            if twin is not None:
                yield ctx.finding(
                    doc,
                    e.span,
                    f'"{e.text}" appears once, in a story that writes "{twin}" '
                    f"{times(uses[twin])}: two letters swapped?",
                    twin,
                )
                continue
        if norm in defined or norm in known:
            continue
        twin = norm[::-1]  # two letters, swapped: "the UE said" after "European Union (EU)"
        if (
            len(norm) == 2
            and uses[norm] == 1
            and (twin in defined or uses[twin] > 1)
            and norm.lower() not in common_words()
        ):
            said = "defined in the story and used" if twin in defined else "used in the story"
            yield ctx.finding(
                doc,
                e.span,
                f'"{e.text}" looks like "{twin}" with its two letters swapped; "{twin}" is '
                f"{said} {times(uses[twin])}",
                twin,
            )
            continue
        target = near_defined(norm, defined, uses, min_length)
        if (
            target is not None
            and sorted(norm) != sorted(acronym_norm(target.acronym))
            and _named_beside(doc.text, e.span.start, target.acronym)
        ):
            continue  # "CES organisers the CEA": two bodies named side by side; not a
            # swap ("Crown Prosecution Service (CPS), said the CSP had built")
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
            # any letter changed in one the story writes again and again ("IAAQ" once
            # beside "IAAF" five times)
            anchor = anchor or next(
                (
                    a
                    for a in anchors
                    if (uses[a] >= _MANY_USES or a in known or len(a) >= _SPARSE_LENGTH)
                    and _one_letter_apart(norm, a, inner_only=uses[a] < _MANY_USES)
                    and not _ticker(doc.text, e.span.start)
                ),
                None,
            )
            # of two forms used once each, a key apart, the later ("ISIS"/"USIS")
            anchor = anchor or next(
                (
                    a
                    for a in others
                    if len(a) >= _LONG_ACRONYM
                    and a not in known
                    and uses[a] == 1
                    and first_use[a].span.start < e.span.start
                    and is_key_slip(norm, a)
                    and not _ticker(doc.text, e.span.start)
                    and not _ticker(doc.text, first_use[a].span.start)
                ),
                None,
            )
        if anchor is not None and _apart(doc.text, e.span.start, anchor):
            anchor = None

        if anchor is not None:  # "NAOT" beside "NATO", "BVC" beside "BBC" (never defined)
            how = (
                "two letters swapped"
                if is_swap(norm, anchor)
                else "a neighbouring key hit"
                if is_key_slip(norm, anchor)
                else "one letter changed"
            )
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


_MANY_USES = 3  # uses from which any one letter changed in a once-used form is a slip
# Letters from which acronyms are sparse enough that any one changed, in a form used once
# beside one used twice, is a slip ("RFK/RL" beside "RFE/RL"): not three-letter ones
_SPARSE_LENGTH = 5

_CAPS_TOKEN = regexcache.compile_std(r"\b[A-Z][A-Z0-9&]{1,9}\b")


def _count_headline_uses(doc: Document, uses: Counter[str]) -> None:
    """Add the uses in a headline written in capitals ("NYSE, NYFE MOVE INDEX FUTURES"
    over a story that writes "NYSE"): the entity reader skips such a line, whose words
    cannot be told from acronyms, but a word the body writes as an acronym is one."""
    for p in shouted_paragraphs(doc):
        for m in _CAPS_TOKEN.finditer(doc.text, p.start, p.end):
            if m.group() in uses:
                uses[m.group()] += 1


def _one_letter_apart(a: str, b: str, inner_only: bool) -> bool:
    """One letter changed ("IUAF"/"IAAF", "BBZ"/"BBC", "RFK/RL"/"RFE/RL"; with
    ``inner_only`` not the first or last, as networks differ: "ITV", "MTV"); model
    numbers differ by a digit ("A320"/"A321") and are left alone."""
    if not (_letters(a) and _letters(b)):
        return False
    diff = differing(a, b)
    return (
        len(diff) == 1
        and a[diff[0]].isalpha()
        and b[diff[0]].isalpha()
        and (not inner_only or 0 < diff[0] < len(a) - 1)
    )


def _letters(acronym: str) -> bool:
    """Letters only, or letters joined by a slash ("RFE/RL")."""
    return acronym.replace("/", "").isalpha()


_LONG_ACRONYM = 3  # letters from which two acronyms a key apart are rarely two names
# (three: no pair of real ones used once each in 4,100 published articles; a story that
# writes "WRU" twice, once mistyped "WRI", leaves just such a pair)


# A unit after "per" ("one dlr per CWT"), or a part of the anchor named in its
# possessive ("USX's USS steel unit"): not the anchor mistyped.
_PER = regexcache.compile(r"\bper[ \u00a0]$")


def _ticker(text: str, start: int) -> bool:
    """A stock symbol in a wire's angle brackets ("Swedish Match <SMBS ST>"): symbols of
    different firms are often a key apart."""
    return text[start - 1 : start] == "<"


_BESIDE_REACH = 24  # characters before an acronym searched for the one it is set beside


def _named_beside(text: str, start: int, other: str) -> bool:
    """``other`` is written just before the use at ``start`` in its clause ("CES
    organisers the CEA"): the story sets two bodies side by side; a slip stands apart
    from the right form."""
    before = text[max(0, start - _BESIDE_REACH) : start]
    at = before.rfind(other)
    return at != -1 and not any(ch in before[at:] for ch in ".;:\n")


def _apart(text: str, start: int, anchor: str) -> bool:
    """The use at ``start`` is told apart from ``anchor`` by the words just before it."""
    before = text[max(0, start - len(anchor) - 4) : start]
    if before.rstrip().endswith((f"{anchor}'s", f"{anchor}\u2019s")):
        return True
    return _PER.search(text, max(0, start - 5), start) is not None


def _slipped_definition(
    text: str, d: AcronymDefinition, uses: Counter[str], known: frozenset[str]
) -> tuple[str, str] | None:
    """(the initials, how it slipped) when the defined acronym contradicts its expansion.

    The expansion as extracted is compared first.  It may have matched the slipped
    letters inside words ("Racial Equality (RCE)"), so the capitalised name just before
    the bracket is compared too ("Commission for Racial Equality"); that reading is
    trusted only when the story never repeats the defined form or also writes the
    initials' form: a definition whose form recurs alone is taken as meant, a
    foreign-language word order ("Union for French Democracy (UDF)")."""
    acronym = acronym_norm(d.acronym)
    if not acronym.isalpha() or not acronym.isupper():
        return None
    initials = _initials(d.expansion)
    if (
        not uses[initials]
        and initials not in known
        and _romance_order(acronym, initials, d.expansion)
    ):
        return None  # and neither the story nor the list of known ones has the initials
    if acronym not in known or uses[initials]:
        # a key off in a longer one only when the story writes the initials' form too
        how = _definition_slip(acronym, initials, any_length=uses[initials] > 0)
        if how:
            return initials, how
    initials = _name_initials(text, d, len(acronym))
    if initials and (uses[initials] or (acronym not in known and uses[acronym] <= 1)):
        how = _definition_slip(acronym, initials, any_length=True)
        if how:
            return initials, how
    return None


# Adjectives that a Romance language writes after the noun they open an English name
# with: "Jurado Nacional de Elecciones" is the "National Jury of Elections (JNE)"
_POSTPOSED = frozenset(
    "national international federal central general popular democratic socialist electoral"
    " supreme superior civil republican revolutionary patriotic liberal independent social"
    " permanent municipal provincial military judicial public constitutional armed united"
    " islamic".split()
)


def _romance_order(acronym: str, initials: str, expansion: str) -> bool:
    """The acronym is the initials with the first two swapped, where the name opens with
    an adjective and its noun, which a Spanish, French, Portuguese or Italian name puts
    the other way round: the original's word order, no slip ("National Jury of
    Elections (JNE)", "Socialist Party (PS)")."""
    words = expansion.split(maxsplit=2)[:2]
    return (
        len(acronym) >= 2
        and acronym[:2] == initials[1::-1]
        and acronym[2:] == initials[2:]
        and len(words) == 2
        and words[0].lower() in _POSTPOSED
        and _noun_like(words[1].lower())
    )


_ADJECTIVE_ENDINGS = ("ive", "al", "ic", "ary", "ous", "ist", "ian", "ed", "ing")


def _noun_like(word: str) -> bool:
    """The word after the adjective is the noun it qualifies ("Jury", "Party"), which
    the original puts first; not a second adjective ("National Legislative Assembly
    (LNA)" would be "ALN" in that order)."""
    return word not in _POSTPOSED and not word.endswith(_ADJECTIVE_ENDINGS)


def _definition_slip(acronym: str, initials: str, any_length: bool) -> str:
    """How a defined acronym slipped from its expansion's initials, or "" when it did not:
    letters swapped ("NTBS"), or one letter mistyped to a neighbouring key ("Equal
    Opportunities Commission (WOC)"; of any length when ``any_length``)."""
    if is_swap(acronym, initials):
        return "two letters transposed"
    if (any_length or len(acronym) == 3) and is_key_slip(acronym, initials):
        return "one letter mistyped"
    return ""


def _initials(expansion: str) -> str:
    """The expansion's initials; an initialism gives all its letters ("U.S. Geological
    Survey": USGS)."""
    words = [w for w in expansion.replace("-", " ").split() if w.lower() not in CONNECTOR_WORDS]
    return "".join(
        w.replace(".", "") if _INITIALISM.fullmatch(w) else w[0] for w in words if w[:1].isalpha()
    ).upper()


_INITIALISM = regexcache.compile(r"(?:\p{Lu}\.){2,4}")


# A word of a name: letters, digits, "&", inner apostrophes and hyphens ("Co-operation").
_NAME_WORD = regexcache.compile(r"[\p{L}\p{N}&][\p{L}\p{N}&'\u2019\-]{0,30}")
_NAME_WINDOW = 200


def _name_words(text: str, d: AcronymDefinition) -> list[tuple[int, str]]:
    """The words of the capitalised name that ends at the definition's bracket, last
    first, with connectors between capitalised words ("Office for National Statistics"):
    only spaces may separate them, or a comma between two capitalised words ("Ministry
    of Economy, Trade and Industry"); other punctuation or a lower-case word ends it."""
    paren = text.rfind("(", max(0, d.span.start - 3), d.span.start)
    if paren < 0:
        return []
    words = list(_NAME_WORD.finditer(text, max(0, paren - _NAME_WINDOW), paren))
    out: list[tuple[int, str]] = []
    edge = paren
    for w in reversed(words):
        gap = text[w.end() : edge].strip(" \u00a0")
        word = w.group()
        if gap and not (gap == "," and out and out[-1][1][0].isupper() and word[0].isupper()):
            break  # punctuation between (but the comma of "Economy, Trade"): the name ended
        if not word[0].isupper() and word.lower() not in _NAME_LINKS:
            break
        out.append((w.start(), word))
        edge = w.start()
    while out and out[-1][1].lower() in _NAME_LINKS:
        out.pop()
    return out


# Lower-case words inside an organisation's name besides the connectors: "Commission on
# Good Government", "Conference on Trade and Development", "Campaign against Racism".
_NAME_LINKS = CONNECTOR_WORDS | frozenset(["on", "in", "at", "to", "against"])


def _name_initials(text: str, d: AcronymDefinition, n: int) -> str:
    """Initials of the last ``n`` capitalised words of the name before the bracket
    ("Even the International Monetary Fund (IFM)" -> "IMF"), or "" when it has fewer."""
    capitals = [w for _s, w in _name_words(text, d) if w[0].isupper()][:n]
    if len(capitals) < n:
        return ""
    return "".join(w[0] for w in reversed(capitals)).upper()


def _name_for(text: str, d: AcronymDefinition, initials: str) -> str:
    """The expansion to quote in the message: the capitalised name when its initials are
    the ones compared, else the extracted expansion."""
    words = _name_words(text, d)
    capitals = [i for i, (_s, w) in enumerate(words) if w[0].isupper()]
    n = len(initials)
    if len(capitals) < n or _name_initials(text, d, n) != initials:
        return d.expansion
    first = words[capitals[n - 1]][0]
    last_start, last = words[0]
    return text[first : last_start + len(last)]
