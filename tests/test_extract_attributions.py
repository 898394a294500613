"""Attributions: each construction, pronoun resolution, quote spans, sentence index."""

from __future__ import annotations

import time

from kzaudit.extract.attributions import extract_attributions
from kzaudit.extract.entities import extract_entities
from kzaudit.model import Attribution, Document
from kzaudit.segment import segment


def _doc(text: str) -> Document:
    doc = segment(Document(path="t.txt", source=text, text=text))
    doc.entities, doc.acronyms = extract_entities(doc)
    doc.attributions = extract_attributions(doc)
    return doc


def _sources(text: str) -> list[tuple[str, str]]:
    return [(a.source, a.verb) for a in _doc(text).attributions]


def _quote(doc: Document, a: Attribution) -> str | None:
    return doc.slice(a.quote_span) if a.quote_span else None


def test_x_said_drops_the_article():
    assert _sources("The Interior Ministry said 18 people died.") == [("Interior Ministry", "said")]
    assert _sources("Since Monday, the State Department said, talks had stalled.") == [
        ("State Department", "said")
    ]


def test_source_noun_with_modifiers():
    assert _sources("Police in Kazakhstan's largest city, Almaty, said dozens died.") == [
        ("Police", "said")
    ]
    assert _sources("RFE/RL journalists in Almaty said troops fired.") == [
        ("RFE/RL journalists", "said")
    ]
    assert _sources("The provincial health office said 12 were treated.") == [
        ("provincial health office", "said")
    ]


def test_apposition_after_the_name():
    text = "Timothy Ash, senior strategist at Bluebay Asset Management, said the protests were a threat."
    assert _sources(text) == [("Timothy Ash", "said")]
    text = "The general secretary of CSTO, Stanislav Zas, told RIA the force would grow."
    assert _sources(text) == [("Stanislav Zas", "told")]


def test_title_and_role_are_stripped():
    assert _sources("U.S. Secretary of State Antony Blinken called for calm.") == [
        ("Antony Blinken", "called for")
    ]
    assert _sources("Tory leader Michael Howard said the tax was wrong.") == [
        ("Michael Howard", "said")
    ]


def test_inverted_said_x():
    doc = _doc('"The primary factor is the weak dollar," said Victor Shum, an analyst.')
    (a,) = doc.attributions
    assert (a.source, a.verb) == ("Victor Shum", "said")
    assert _quote(doc, a) == '"The primary factor is the weak dollar,"'


def test_according_to():
    assert _sources("Unemployment fell, according to the Office for National Statistics.") == [
        ("Office for National Statistics", "according to")
    ]
    assert _sources("The trial began in 2019, according to court documents.") == [
        ("court documents", "according to")
    ]


def test_wrote_on_twitter_and_statement():
    doc = _doc(
        "\u201cRights must be guaranteed. Help brings back memories,\u201d Borrell wrote on Twitter."
    )
    (a,) = doc.attributions
    assert (a.source, a.verb) == ("Borrell", "wrote")
    assert _quote(doc, a).startswith("\u201cRights")
    assert _sources("Ash said in a note to his subscribers that Putin was afraid.") == [
        ("Ash", "said")
    ]


def test_pronoun_resolved_to_last_speaker():
    doc = _doc(
        "Timothy Ash said the protests were a threat to Vladimir Putin. "
        "He added that the Kremlin was worried."
    )
    first, second = doc.attributions
    assert (second.source, second.resolved_from) == ("Timothy Ash", "He")
    assert second.sentence == 1 and first.sentence == 0
    assert first.resolved_from is None


def test_pronoun_without_a_person_is_dropped():
    assert _sources("He said the talks had failed.") == []


def test_quote_after_the_verb():
    doc = _doc("Zas said he expected a short mission of \u201cseveral days or several weeks.\u201d")
    (a,) = doc.attributions
    assert _quote(doc, a) == "\u201cseveral days or several weeks.\u201d"


def test_not_statements():
    text = (
        "German politicians are also said to be angry. He refused to say more. "
        "The economy grew by an estimated 3%. Northlight added 2 million subscribers."
    )
    assert _sources(text) == []


def test_clause_does_not_reach_over_another_verb():
    text = "A survey for the charity suggests 69% of over-55s say they always vote."
    assert _sources(text) == [("survey", "suggests")]


def test_continued_quotation_paragraph():
    text = (
        'Mr Smith said the plan would work. "We have the money," he said.\n\n'
        '"And we have the people to do it."\n'
    )
    doc = _doc(text)
    last = doc.attributions[-1]
    assert last.source == "Smith"
    assert _quote(doc, last) == '"And we have the people to do it."'
    assert last.sentence == len(doc.sentences) - 1


def test_span_covers_source_and_verb():
    doc = _doc("The Interior Ministry said 18 died.")
    (a,) = doc.attributions
    assert doc.slice(a.span) == "Interior Ministry said"


def test_hostile_input_is_fast():
    text = ("Mr Smith said " * 20_000) + ". " + ("(" * 10_000) + "said" + (")" * 10_000)
    start = time.perf_counter()
    _doc(text)
    assert time.perf_counter() - start < 5


def test_many_quotes_and_pronouns_are_fast():
    text = '"We won," said Mr Smith. ' * 10_000 + "He said. " * 10_000
    start = time.perf_counter()
    doc = _doc(text)
    assert time.perf_counter() - start < 5
    assert len(doc.attributions) >= 10_000


def test_it_said_resolves_to_the_last_organisation():
    doc = _doc("The Interior Ministry said 18 died. It said 2,000 were arrested.")
    assert [(a.source, a.resolved_from) for a in doc.attributions] == [
        ("Interior Ministry", None),
        ("Interior Ministry", "It"),
    ]


def test_post_nominal_and_possessive_adjective():
    text = "Judge Richard Mawrey, QC told the hearing it was wrong. BA's estimated revenue rose."
    assert _sources(text) == [("Richard Mawrey", "told")]


def test_according_to_a_statement_in_a_place_and_a_role_with_a_modifier():
    assert _sources(
        "ECOWAS imposed sanctions, according to a statement read at a summit in Abuja."
    ) == [("statement", "according to")]
    assert _sources("Prices rose, according to figures from the Office for National Statistics.")[
        0
    ] == ("Office for National Statistics", "according to")
    assert _sources('"It is hard," one Western ambassador said.') == [
        ("Western ambassador", "said")
    ]


def test_a_body_with_its_acronym_in_brackets_before_the_verb():
    assert _sources(
        "The Kenya National Commission on Human Rights (KNCHR) said on Thursday that 312"
        " people had been injured."
    ) == [("KNCHR", "said")]


def test_putting_a_toll_at_a_figure_attributes_it():
    doc = _doc(
        "The National Police Service put the death toll at 11, and said 204 people had been"
        " injured. It said 392 people had been arrested."
    )
    assert [(a.source, a.verb) for a in doc.attributions] == [
        ("National Police Service", "put the death toll at"),
        ("National Police Service", "said"),
    ]
