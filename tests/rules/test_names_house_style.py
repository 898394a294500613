"""The names rules honour the house style (``known_acronyms``, ``ignore_names``)."""

from __future__ import annotations

from kzaudit.config import Config
from kzaudit.pipeline import analyse, check
from kzaudit.read import document_from_text
from kzaudit.rules.base import HouseStyle


def _rules(text: str, rule: str, style: HouseStyle) -> list[str]:
    config = Config(select=(rule,), style=style)
    doc = analyse(document_from_text("t.txt", text), config)
    return [f.text for f in check(doc, config)]


def test_known_acronym_is_not_undefined():
    text = "The KNB said the curfew would continue."
    assert _rules(text, "acronym-undefined", HouseStyle()) == ["KNB"]
    assert _rules(text, "acronym-undefined", HouseStyle(known_acronyms=frozenset({"KNB"}))) == []


def test_known_acronym_is_not_a_near_miss():
    text = "The Collective Security Treaty Organization (CSTO) met. CSTO troops left. CTSO arrived."
    assert _rules(text, "acronym-mismatch", HouseStyle()) == ["CTSO"]
    style = HouseStyle(known_acronyms=frozenset({"CTSO"}))
    assert _rules(text, "acronym-mismatch", style) == []


def test_ignored_name_is_not_a_variant():
    text = "Troops reached Kazakhstan. Kazakhstan's leader spoke. Kazakstan Airlines flew."
    assert _rules(text, "name-variant", HouseStyle()) == ["Kazakstan"]
    style = HouseStyle(ignore_names=frozenset({"Kazakstan"}))
    assert _rules(text, "name-variant", style) == []


def test_name_variant_counts_capitalised_words_the_same_either_way(monkeypatch) -> None:
    """Counted in C with the new words found by str.find (ordinary stories), or in one
    pass (past ``_FIND_LIMIT``): the same counts and the same first standing places."""
    from kzaudit.rules import name_variant

    text = (
        "O'Brien met Ruiz. Ruizes and Ruiz-Diaz differ from Ruiz, said Mr Ruis. "
        "The Prseident and the President spoke; Presidential aides left. "
    ) * 2
    doc = analyse(document_from_text("t.txt", text), Config(select=("name-variant",)))

    def table() -> dict:
        words = name_variant._name_words(doc, [])
        out = name_variant._other_capitalised(doc.text, words)
        return {w: (i.count, [s.start for s in i.spans]) for w, i in {**words, **out}.items()}

    short = table()
    monkeypatch.setattr(name_variant, "_FIND_LIMIT", 0)
    assert table() == short
    assert short["Ruiz"][0] == 6 and short["The"] == (2, [text.index("The")])
