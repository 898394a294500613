from kzaudit.model import Document
from kzaudit.segment import segment


def _doc(text: str) -> Document:
    return segment(Document(path="t.txt", source=text, text=text))


def test_one_paragraph_per_line_when_no_blank_lines():
    doc = _doc("First para. Still first.\nSecond para here.\n")
    assert len(doc.paragraphs) == 2
    assert len(doc.sentences) == 3


def test_blank_line_blocks_and_hard_wrap():
    text = "Headline Here\n\nA wrapped line that goes\non to the next line.\n\nAnother one.\n"
    doc = _doc(text)
    assert [text[p.start : p.end] for p in doc.paragraphs][1] == (
        "A wrapped line that goes\non to the next line."
    )
    assert doc.headline is not None
    assert text[doc.headline.start : doc.headline.end] == "Headline Here"


def test_abbreviations_and_initials_do_not_split():
    text = "U.S. Secretary of State Antony Blinken met Gen. Smith on Jan. 5 in Washington. John F. Kennedy was not there."
    doc = _doc(text)
    assert len(doc.sentences) == 2


def test_a_letter_name_ends_a_sentence_before_a_word_that_opens_sentences():
    text = "He spoke at the funerals of Malcolm X. Besides Dee, Davis leaves a son. Mary J. Blige sang. J. A. Smith spoke. He met Nick G. Like him, Nick slept rough."
    doc = _doc(text)
    got = [text[s.span.start : s.span.end] for s in doc.sentences]
    assert got == [
        "He spoke at the funerals of Malcolm X.",
        "Besides Dee, Davis leaves a son.",
        "Mary J. Blige sang.",
        "J. A. Smith spoke.",
        "He met Nick G.",
        "Like him, Nick slept rough.",
    ]


def test_quotes_spans_and_open_quote_runs_to_paragraph_end():
    text = "He said \u201cno\u201d and \u201cthe rest runs on\nNext."
    doc = _doc(text)
    quoted = [text[q.start : q.end] for q in doc.quotes]
    assert quoted[0] == "\u201cno\u201d"
    assert quoted[1].startswith("\u201cthe rest")


def test_line_col():
    doc = _doc("ab\ncd\n")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 2)


def test_headline_ending_in_a_quote_is_a_headline_but_a_quoted_sentence_is_not():
    doc = _doc("Economy 'stronger than forecast'\n\nThe economy grew.\n")
    assert doc.headline is not None
    doc = _doc('He said "yes."\n\nThe economy grew.\n')
    assert doc.headline is None


def test_headline_over_a_byline_or_date_stamp_line() -> None:
    text = "Toll rises to 31 as police detain hundreds\nPublished 6:42 PM EAT, July 9, 2025\n\nNAIROBI (AP) — The toll rose."
    doc = _doc(text)
    assert doc.headline is not None
    assert (
        text[doc.headline.start : doc.headline.end] == "Toll rises to 31 as police detain hundreds"
    )
    wrapped = "A hard-wrapped lede that goes on\nKazakhstan on Tuesday.\n\nMore."
    assert _doc(wrapped).headline is None
