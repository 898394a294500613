"""Mechanics rules beyond the case files: data integrity, the seed, hostile input."""

from __future__ import annotations

import time
from pathlib import Path

from kzaudit.config import Config
from kzaudit.extract.entities import load_words
from kzaudit.pipeline import analyse, check
from kzaudit.read import document_from_text
from kzaudit.rules._frequent import frequent_words
from kzaudit.rules.misspelling import misspellings

MECHANICS = (
    "comma-ending",
    "doubled-word",
    "misspelling",
    "missing-terminal-punctuation",
    "run-on-sentence",
    "unbalanced-parentheses",
    "unbalanced-quotes",
)
SEED = Path(__file__).resolve().parents[2] / "seeds" / "kazakhstan-unrest.txt"


def _findings(text: str, rules: tuple[str, ...] = MECHANICS):
    config = Config(select=rules)
    return check(analyse(document_from_text("t.txt", text), config), config)


def test_misspelling_table_is_clean() -> None:
    table = misspellings()
    assert len(table) >= 300
    for wrong, right in table.items():
        assert wrong == wrong.lower() and wrong.isalpha(), wrong
        assert wrong != right.lower(), wrong
        assert right and " -> " not in right, wrong


def test_frequent_words_are_common_words() -> None:
    """The commonest words are a subset of the large list, so a slip of one is never
    itself a word the large list holds."""
    frequent = frequent_words()
    assert len(frequent) > 10_000
    assert frequent <= frozenset(load_words("names_common_words"))


def test_seed_gives_exactly_the_two_mechanics_defects() -> None:
    found = sorted((f.rule, f.text, f.suggestion) for f in _findings(SEED.read_text("utf-8")))
    assert found == [
        ("comma-ending", ",", "replace the final comma with a full stop"),
        ("misspelling", "afront", "affront"),
    ]


def test_hostile_input_is_linear() -> None:
    text = ('"(' * 50_000 + " the the " * 20_000 + ")," * 50_000) + "\n\n" + "x" * 100_000
    started = time.perf_counter()
    _findings(text)
    assert time.perf_counter() - started < 10


def test_markdown_list_items_need_no_full_stop() -> None:
    """The Markdown pass blanks the bullets out of the analysis text; the rule still
    knows the lines were list items from the source."""
    from kzaudit.read import read_document

    source = (
        "# Budget\n\nThe plan costs £20bn over three years.\n\n"
        "- Unemployment: 4.2%, down from 4.4%\n- Borrowing: £87bn this year\n\n"
        "The OBR expects borrowing to fall.\n"
    )
    config = Config(select=("missing-terminal-punctuation",))
    doc = analyse(read_document("budget.md", source.encode()), config)
    assert check(doc, config) == []


def test_misspelling_finds_the_same_words_either_way(monkeypatch) -> None:
    """The str.find way (ordinary stories) and the one-pass way (past ``_FIND_LIMIT``)
    find the same unknown words at the same first places, contexts that fail the
    look-arounds ("wtih's", "x@wtih", "Owtih") skipped before the standing one."""
    from kzaudit.extract.entities import common_words
    from kzaudit.rules import misspelling

    text = (
        "tehh "
        + (
            "The firm escaped wtih's fine. Mail x@wtih or Owtih. It escaped wtih a fine, "
            "then teh board met; a cofnerence followed, and teh cofnerence ended. Ondon"
        )
        * 3
    )
    args = (text, frequent_words(), common_words())
    short = misspelling._first_places(*args)
    monkeypatch.setattr(misspelling, "_FIND_LIMIT", 0)
    assert misspelling._first_places(*args) == short
    assert short["wtih"][0] == text.index("wtih a")
    assert set(short) == {"tehh", "wtih", "teh", "cofnerence"}  # not "ondon" of "Ondon"


def test_run_on_skips_only_openers_no_first_group_can_precede() -> None:
    """Skipping an opener whose space follows a character that cannot end
    ``_RUN_ON``'s first group (a full stop) loses no match: same matches as searching
    before every opener."""
    import random

    from kzaudit.rules import run_on_sentence as ro

    def every_opener(text: str) -> list[tuple[int, int]]:
        out = []
        for o in ro._OPENER.finditer(text):
            if text[o.start() - 1 : o.start()] != " ":
                continue
            m = ro._RUN_ON.search(text, max(0, o.start() - ro._REACH), o.end() + 2)
            if m is not None and m.start(2) == o.start():
                out.append(m.span())
        return out

    rnd = random.Random(5)
    pieces = [
        *["the dollar", "rose 3.4%", "1,200", "well-", "o'", "its\u2019", "caf\u00e9", "\u1c8a"],
        *[". ", " ", ", ", "; ", "X", "In", "The", "Analysts", "They", " said", " it"],
    ]  # fmt: skip
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 20)))
        got = [m.span() for m in ro._run_ons(text, 0, len(text))]
        assert got == every_opener(text), text


def test_figure_pairs_are_kept_for_one_document_only() -> None:
    """figure-conflict and qualifier-conflict share the pairs of the document they
    check; another document, or the same one with new claims, is worked out afresh."""
    from kzaudit.rules import _figures

    one = analyse(
        document_from_text("a.txt", "Police arrested 40 people.\n\nPolice arrested 45 people.")
    )
    other = analyse(document_from_text("b.txt", "Police arrested 40 people."))
    pairs = _figures._pairs_of(one)
    assert len(pairs) == 1
    assert _figures._pairs_of(one) is pairs
    assert _figures._pairs_of(other) == []
    one.claims = one.claims[:1]
    assert _figures._pairs_of(one) == []


def test_roster_words_same_on_either_engine_for_ascii() -> None:
    """name-variant's list-of-names test reads an ASCII paragraph's words with the
    standard engine: the same words as the ``regex`` pattern finds."""
    import random

    from kzaudit.rules import name_variant

    rnd = random.Random(9)
    pieces = [*"aZ'.-, ;9_\t", "Sheahan", "O'Callaghan", "G.", "capt", "x" * 45]
    for _ in range(3000):
        body = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 25)))
        expected = name_variant._WORD.findall(body)
        assert name_variant._WORD_ASCII.findall(body) == expected, body


def test_foreign_particle_gate_loses_no_match() -> None:
    """name-variant searches for a particle before a name ("Banco do Brasil") only
    where a particle and a space end right before it: the same answers as searching
    before every name."""
    import random
    from types import SimpleNamespace

    from kzaudit.model import Span
    from kzaudit.rules import name_variant as nv

    rnd = random.Random(13)
    pieces = [
        *"aZ .\n\t",
        "Banco",
        "do",
        "della",
        "y",
        "des",
        " do ",
        " y \n",
        "\u00c9cole",
        "Brasil",
    ]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 15)))
        for start in range(len(text) + 1):
            e = SimpleNamespace(span=Span(start, len(text)))
            plain = nv._PARTICLE_BEFORE.search(text, max(0, start - 40), start) is not None
            assert nv._foreign(text, e) == plain, (text, start)


def test_plain_piece_counts_match_a_count_of_the_split_words(monkeypatch) -> None:
    """Counting words in the shared word list (hyphens made line breaks) gives the
    counts of the hyphen-split word list, for an ordinary and a huge document."""
    import random
    from collections import Counter

    from kzaudit.rules import _mechanics

    rnd = random.Random(21)
    pieces = [*"ab -\u2013\u2014.,'\n", "ab", "abab", "ba", "Ab", "ab-ab", "--", "\u00e9ab"]
    for limit in (_mechanics.PRESCAN_MAX, 0):
        monkeypatch.setattr(_mechanics, "PRESCAN_MAX", limit)
        for _ in range(2000):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
            split = Counter(_mechanics.plain_words(text, hyphens=True))
            wanted = {"ab", "ba", "abab", "b"}
            assert _mechanics.plain_piece_counts(text, wanted) == {w: split[w] for w in wanted}


def test_list_item_test_skips_only_lines_no_marker_starts() -> None:
    """``is_list_item`` turns a line away before the search only where no list marker
    can start."""
    import random

    from kzaudit.rules import _mechanics

    rnd = random.Random(37)
    pieces = [*"aZ1 .)(-*>\t\u2022\u2013\u00e9", "iv", "12", "The", "b.", "(a)", "\u0663"]
    for _ in range(6000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        plain = _mechanics._LIST_MARKER.match(line.lstrip()) is not None
        assert _mechanics.is_list_item(line) == plain, line
