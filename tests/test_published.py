"""The publication date an HTML page or Markdown front matter declares (kzaudit.published)."""

from __future__ import annotations

import datetime as dt

import pytest

from kzaudit.extract.dates import find_footer
from kzaudit.model import Document
from kzaudit.pipeline import analyse
from kzaudit.published import published_date
from kzaudit.read import document_from_source

MAY_2 = dt.date(2024, 5, 2)


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-05-02T08:00:00+03:00"}</script>',
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z">',
        "<meta content='2024-05-02' name='date'>",
        '<meta name="parsely-pub-date" content="2024-05-02T05:00:00Z" />',
        '<time class="stamp" datetime="2024-05-02T08:00">Thursday, May 2</time>',
    ],
)
def test_html_metadata_gives_the_date(head: str) -> None:
    assert (
        published_date(f"<html><head>{head}</head><body><p>Text.</p></body></html>", "html")
        == MAY_2
    )


def test_structured_data_wins_over_a_later_time_element() -> None:
    page = (
        '<time datetime="2023-01-01">old</time>'
        '<script type="application/ld+json">{"datePublished":"2024-05-02"}</script>'
    )
    assert published_date(page, "html") == MAY_2


@pytest.mark.parametrize(
    "page",
    [
        '<meta property="article:modified_time" content="2024-05-02">',  # not the publication
        '<meta property="article:published_time" content="2024-02-30">',  # no such day
        "<p>Published on 2024-05-02 in print.</p>",  # prose, not metadata
    ],
)
def test_html_without_a_usable_publication_date(page: str) -> None:
    assert published_date(page, "html") is None


def test_markdown_front_matter_date() -> None:
    md = '---\ntitle: "Floods"\ndate: 2024-05-02T08:00:00+03:00\n---\n\nBody text.\n'
    assert published_date(md, "markdown") == MAY_2
    toml = "+++\ntitle = 'Floods'\ndate = 2024-05-02\n+++\n\nBody.\n"
    assert published_date(toml, "markdown") == MAY_2


def test_a_date_line_in_the_markdown_body_is_not_front_matter() -> None:
    assert published_date("Body.\n\ndate: 2024-05-02\n", "markdown") is None
    assert published_date("---\ntitle: x\n\ndate: 2024-05-02\n", "markdown") is None  # unclosed


def test_plain_text_has_no_metadata() -> None:
    assert published_date("date: 2024-05-02\n", "text") is None


def _analysed_page(published: str, body: str) -> Document:
    page = (
        f'<html><head><meta property="article:published_time" content="{published}"></head>'
        f"<body>{body}</body></html>"
    )
    return analyse(document_from_source("story.html", page))


def test_the_publication_date_becomes_the_reference_date() -> None:
    doc = _analysed_page(
        "2024-05-02",
        "<p>MOMBASA \u2014 Schools stay closed until Sunday, May 13, officials said.</p>",
    )
    assert doc.reference_date == MAY_2
    assert doc.reference_origin == "publication date"
    assert doc.dateline is None


def test_an_in_text_dateline_wins_over_metadata() -> None:
    doc = _analysed_page(
        "2024-05-03",
        '<p class="story-lead first">NAIROBI, Kenya, May 2, 2024 (Reuters) \u2014 '
        "At least 14 people died.</p>",
    )
    assert doc.reference_date == MAY_2
    assert doc.reference_origin == "dateline"


def test_a_wire_story_s_closing_line_gives_its_date() -> None:
    story = (
        "OTTAWA — The committee will vote on the bill on Monday, May 4, officials said.\n\n"
        "This report by The Canadian Press was first published May 12, 2026.\n"
    )
    doc = analyse(document_from_source("story.txt", story))
    assert doc.reference_date == dt.date(2026, 5, 12)
    assert doc.reference_origin == "publication date"
    found = find_footer(story)
    assert found is not None and story[found[1].start : found[1].end] == "May 12, 2026"


def test_a_closing_line_far_from_the_end_or_a_dateline_first_wins() -> None:
    early = "It was first published May 12, 2026 in a journal. " + "More text follows. " * 60
    assert analyse(document_from_source("a.txt", early)).reference_date is None
    dated = (
        "OTTAWA, May 3, 2026 — The committee voted.\n\n"
        "This report by The Canadian Press was first published May 12, 2026.\n"
    )
    assert analyse(document_from_source("b.txt", dated)).reference_date == dt.date(2026, 5, 3)
