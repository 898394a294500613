"""Helpers shared by the names rules (acronym-mismatch, acronym-undefined)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from kzaudit import regexcache
from kzaudit.extract.entities import acronym_norm, is_acronym
from kzaudit.model import AcronymDefinition, Document, Entity, Span

# A name in capitals that is no acronym by ``is_acronym``: a word ("SMART drumlines")
# or a craft's designation ("HTV-X")
_CAPS_NAME = regexcache.compile_std(r"[A-Z]{3,10}(?:-[A-Z0-9]{1,4})?")


def acronym_uses(doc: Document, caps_names: bool = False) -> list[tuple[Entity, str]]:
    """Acronym mentions with their comparison form ("U.S." -> "US"), including the
    acronym of a slashed name ("HIV" of "HIV/Aids"), which stays one name; not the
    agency credited in the dateline ("Taipei, March 24 (CNA)"), which is no name of the
    story's (a "(CWA)" it defines is no slip of it).  With ``caps_names``, names written
    in capitals that ``is_acronym`` leaves out too ("305 SMART drumlines", "the HTV-X
    cargo craft"): a slip of one is a slip of an acronym."""
    out = []
    dateline = doc.dateline
    for e in doc.entities:
        if dateline is not None and dateline.contains(e.span):
            continue
        if e.kind == "acronym" or caps_names and _CAPS_NAME.fullmatch(e.text):
            out.append((e, acronym_norm(e.text)))
        elif "/" in e.text:
            at = e.span.start
            for part in e.text.split("/"):
                if is_acronym(part):
                    use = Entity(part, Span(at, at + len(part)), "acronym", acronym_norm(part))
                    out.append((use, acronym_norm(part)))
                at += len(part) + 1
    return out


def near_defined(
    norm: str, defined: dict[str, AcronymDefinition], uses: Counter[str], min_length: int
) -> AcronymDefinition | None:
    """The defined acronym that ``norm`` is one slip away from: two adjacent letters
    swapped, or (four letters or more) one letter added, dropped or changed, or its
    letters reordered in a form used once ("FDSC" for "FSCD").  A form
    used more than once, as often as the defined one, is taken as another name.
    Three-letter acronyms are dense (ADB, ADC, ADF are all bodies), so there a changed
    letter counts only as a typing slip: a neighbouring key, in a form used once,
    beside a defined acronym used at least twice ("QTO" for "WTO")."""
    for acronym, d in sorted(defined.items()):
        if len(acronym) < min_length or (uses[norm] > 1 and uses[norm] >= uses[acronym]):
            continue
        if _extended(norm, acronym) or _extended(acronym, norm):
            continue  # "ADSL2" beside "ADSL", "MMORPGS" beside "MMORPG": a version, a plural
        if is_swap(norm, acronym) or (
            min(len(norm), len(acronym)) >= 4 and _one_edit(norm, acronym)
        ):
            return d
        if uses[norm] == 1 and len(norm) >= 4 and sorted(norm) == sorted(acronym):
            return d  # its letters reordered ("LAPWD" for "LADWP", "FDSC" for "FSCD")
        if uses[norm] == 1 and is_key_slip(norm, acronym):
            return d
    return None


def _extended(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with a version number or a plural "S" written after it."""
    rest = longer[len(shorter) :] if longer.startswith(shorter) else ""
    return rest == "S" or rest.isdigit()


def is_key_slip(a: str, b: str) -> bool:
    """Same length, one letter changed to a neighbouring key ("QTO" / "WTO")."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a.upper(), b.upper(), strict=True) if x != y]
    return len(diff) == 1 and diff[0][1] in key_neighbours().get(diff[0][0], "")


@cache
def key_neighbours() -> dict[str, str]:
    """QWERTY keys touching each letter key, on its row and the rows above and below."""
    rows = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
    out: dict[str, str] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:  # the row above is shifted half a key left
                near += [rows[r - 1][j] for j in (i, i + 1) if j < len(rows[r - 1])]
            if r < 2:
                near += [rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])]
            out[key] = "".join(near)
    return out


def differing(a: str, b: str) -> list[int]:
    """Where two words of one length differ (none for words of different lengths)."""
    return [i for i in range(len(a)) if a[i] != b[i]] if len(a) == len(b) else []


def is_swap(a: str, b: str) -> bool:
    """Same letters, exactly two adjacent ones swapped ("CTSO" / "CSTO")."""
    if len(a) < 3:
        return False
    diff = differing(a, b)
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _one_edit(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) == 1
