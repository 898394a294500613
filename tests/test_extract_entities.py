"""Names and acronyms: each construction, keys, definitions, and hostile input."""

from __future__ import annotations

import time

from kzaudit.extract.entities import extract_entities, is_acronym
from kzaudit.model import Document
from kzaudit.segment import segment


def _doc(text: str) -> Document:
    doc = segment(Document(path="t.txt", source=text, text=text))
    doc.entities, doc.acronyms = extract_entities(doc)
    return doc


def _named(text: str) -> dict[str, tuple[str, str]]:
    """Entity text -> (kind, key), last mention wins."""
    return {e.text: (e.kind, e.key) for e in _doc(text).entities}


def test_title_is_stripped_and_surname_shares_the_key():
    got = _named("Coast Guard Captain Lena Ruiz said the search went on. Later Ruiz spoke again.")
    assert got["Lena Ruiz"] == ("person", "Lena Ruiz")
    assert got["Ruiz"] == ("person", "Lena Ruiz")
    assert "Coast Guard Captain Lena Ruiz" not in got


def test_a_headline_in_capitals_holds_no_acronyms():
    got = _named(
        "IRAN ANNOUNCES END OF MAJOR OFFENSIVE\n\nThe news agency IRNA said the NATO talks failed."
    )
    assert "IRAN" not in got and "ANNOUNCES" not in got
    assert got["IRNA"][0] == "acronym" and got["NATO"][0] == "acronym"


def test_the_body_keeps_acronyms_a_capitals_headline_also_holds():
    got = _named("UN AND EU\n\nThe UN and the EU met.")
    assert "UN" in got


def test_multi_word_titles_and_honorifics():
    got = _named(
        "U.S. Secretary of State Antony Blinken met Mr Borrell and President Qasym-Zhomart Toqaev."
    )
    assert got["Antony Blinken"][0] == "person"
    assert got["Qasym-Zhomart Toqaev"][0] == "person"
    assert "Borrell" in got and "Mr Borrell" not in got
    assert got["U.S."] == ("acronym", "US")


def test_honorifics_and_initials_with_full_stops():
    got = _named(
        "Secretary of State Antony J. Blinken met Mr. Tokayev. Amnesty International said so."
    )
    assert got["Antony J. Blinken"] == ("person", "Antony Blinken")
    assert got["Tokayev"][0] == "person"
    assert got["Amnesty International"][0] == "org"


def test_a_known_acronym_that_spells_a_never_name_word_is_kept():
    got = _named("Facilities are working, the WHO said.")
    assert got["WHO"] == ("acronym", "WHO")


def test_a_run_that_is_only_a_title_is_no_entity():
    assert "Prime Minister" not in _named("He met the Prime Minister on Monday.")


def test_surname_that_is_also_a_title_word():
    got = _named("Former prime minister John Major said so. General Motors cut jobs.")
    assert got["John Major"][0] == "person"
    assert got["General Motors"][0] == "org"


def test_organisations_drop_the_article():
    got = _named("The Interior Ministry said 18 died. It was the Health Ministry that counted.")
    assert got["Interior Ministry"][0] == "org"
    assert got["Health Ministry"][0] == "org"


def test_the_between_a_name_and_a_longer_name_opens_the_second():
    got = _named("But on Tuesday, Putin awarded Kadyrov the Order of Honor.")
    assert "Kadyrov" in got and "Order of Honor" in got
    assert not any("Kadyrov the" in name for name in got)


def test_two_names_joined_by_an_ampersand_are_no_one_person():
    got = _named("Fans of Richard & Judy watched. Richard Madeley spoke.")
    assert got["Richard & Judy"][0] != "person"
    assert got["Richard Madeley"][0] == "person"


def test_the_inside_a_name_stays_there():
    got = _named("He read of Alexander the Great and of the Bank of the West.")
    assert "Alexander the Great" in got
    assert got["Bank of the West"][0] == "org"


def test_sentence_initial_ordinary_words_are_not_names():
    got = _named("Police said so. Still, images emerged. Developments were murky. Toqaev spoke.")
    assert "Police" not in got and "Still" not in got and "Developments" not in got
    assert "Toqaev" in got


def test_sentence_initial_word_named_elsewhere_is_kept():
    got = _named("Brown said taxes would fall. Mr Brown is the chancellor.")
    assert (
        sum(1 for e in _doc("Brown said so. Mr Brown agreed.").entities if e.text == "Brown") == 2
    )
    assert "Brown" in got


def test_possessive_and_and_split_runs():
    got = _named("Toqaev met Tony Blair and Gordon Brown in Kazakhstan's capital.")
    assert "Tony Blair" in got and "Gordon Brown" in got
    assert got["Kazakhstan"][0] == "place"
    got = _named("The Department of Trade and Industry said so.")
    assert "Department of Trade and Industry" in got


def test_modifier_prefix_is_dropped():
    got = _named("He asked the Moscow-led Collective Security Treaty Organization for help.")
    assert got["Collective Security Treaty Organization"][0] == "org"


def test_role_noun_makes_a_person():
    got = _named("The party leader Marko Horvat spoke.")
    assert got["Marko Horvat"][0] == "person"


def test_acronym_definitions():
    doc = _doc(
        "He asked the Collective Security Treaty Organization (CSTO) for help. "
        "Prices of liquefied petroleum gas (LPG) doubled. "
        "He ran the National Security Committee (KNB). "
        "The Organisation for Economic Co-operation and Development (OECD) agreed. "
        "Later the WFP (World Food Programme) arrived."
    )
    got = {d.acronym: d.expansion for d in doc.acronyms}
    assert got == {
        "CSTO": "Collective Security Treaty Organization",
        "LPG": "liquefied petroleum gas",
        "KNB": "National Security Committee",
        "OECD": "Organisation for Economic Co-operation and Development",
        "WFP": "World Food Programme",
    }
    d = doc.acronyms[0]
    assert doc.text[d.span.start : d.span.end] == "CSTO"
    assert doc.text[d.expansion_span.start : d.expansion_span.end] == d.expansion
    keys = {e.text: e.key for e in doc.entities if e.kind == "acronym"}
    assert keys["CSTO"] == "Collective Security Treaty Organization"


def test_an_acronym_between_commas_after_its_name_is_defined():
    doc = _doc(
        "It may go to the General Agreement on Tariffs and Trade, GATT, to rule. "
        "Shares in Tokyo, NEC, Sony and Fujitsu fell. Mr Smith, MP, said no."
    )
    got = {d.acronym: d.expansion for d in doc.acronyms}
    assert got == {"GATT": "General Agreement on Tariffs and Trade"}
    d = doc.acronyms[0]
    assert doc.text[d.span.start : d.span.end] == "GATT"


def test_bracketed_words_are_not_definitions():
    doc = _doc("The party (which won) said the BBC (see below) was wrong.")
    assert doc.acronyms == []


def test_is_acronym():
    assert is_acronym("CSTO") and is_acronym("RFE/RL") and is_acronym("MPs") and is_acronym("G8")
    assert not is_acronym("II") and not is_acronym("Kazakhstan") and not is_acronym("VALIDATION")


def test_entities_are_in_text_order_and_deterministic():
    text = "Tony Blair met Gordon Brown. The CSTO and NATO met in Almaty."
    first = [(e.text, e.span.start) for e in _doc(text).entities]
    assert first == sorted(first, key=lambda t: t[1])
    assert first == [(e.text, e.span.start) for e in _doc(text).entities]


def test_hostile_nested_parentheses_are_fast():
    text = "(" * 10_000 + "CSTO" + ")" * 10_000
    start = time.perf_counter()
    doc = _doc(text)
    assert time.perf_counter() - start < 2
    assert [e.text for e in doc.entities] == ["CSTO"]


def test_hostile_capitalised_words_are_fast():
    text = " ".join(f"Word{i % 97}x Name" for i in range(50_000)) + "."
    start = time.perf_counter()
    doc = _doc(text)
    assert time.perf_counter() - start < 5
    assert doc.entities


def test_dateline_city_is_a_place_not_an_acronym():
    doc = _doc(
        "BECKLEY, W.Va., March 6, 2025 \u2014 Rescue teams reached the mine.\nLONDON (Reuters) - Shares rose."
    )
    kinds = {e.text: e.kind for e in doc.entities}
    assert kinds["BECKLEY"] == "place" and kinds["LONDON"] == "place"


def test_a_name_with_a_comma_in_it_is_the_whole_expansion():
    doc = _doc(
        "It applied to the Ministry of Economy, Trade and Industry (METI) for aid. "
        "Officials from Kenya, Uganda and Tanzania (EAC) met. "
        "Shares rose in Paris, London and at the European Central Bank (ECB)."
    )
    got = {d.acronym: d.expansion for d in doc.acronyms}
    assert got["METI"] == "Ministry of Economy, Trade and Industry"
    assert got["EAC"] == "Uganda and Tanzania"  # the list before the comma spells nothing
    assert got["ECB"] == "European Central Bank"
    d = next(d for d in doc.acronyms if d.acronym == "METI")
    assert doc.text[d.expansion_span.start : d.expansion_span.end] == d.expansion
