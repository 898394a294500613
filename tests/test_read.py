"""Reader: decoding, markup blanking with equal lengths, suppressions, unreadable inputs."""

from __future__ import annotations

import codecs
import os
import sys

import pytest

from kzaudit.markup import strip_html, strip_markdown
from kzaudit.pipeline import audit_path
from kzaudit.read import ReadError, decode, read_bytes, read_document

TEXT = "The Interior Ministry said on January 5 that 164 people died \u2014 \u201cnaïve\u201d.\n"


# -- decoding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_decodes_common_encodings(data: bytes) -> None:
    assert decode(data) == TEXT


def test_latin1_english_prefers_cp1252() -> None:
    assert decode("Zürich, naïve résumé, the café said.".encode("latin-1")) == (
        "Zürich, naïve résumé, the café said."
    )


def test_truncated_utf8_is_audited_with_a_replacement_char() -> None:
    data = TEXT.encode("utf-8") + "\u201c".encode()[:2]
    assert decode(data) == TEXT + "\ufffd"


def test_stray_byte_in_utf8_is_replaced_not_redecoded() -> None:
    data = "“Quote” — it’s fine".encode() + b"\xff" + " and “more”".encode()
    assert decode(data) == "“Quote” — it’s fine\ufffd and “more”"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, bytes(range(256)) * 8, b"\x01\x02\x03\x04" * 50],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="binary file, not text"):
        decode(data)


def test_empty_file_is_a_clean_audit(tmp_path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    result = audit_path(str(p))
    assert result.error is None and result.findings == []


def test_line_endings_keep_offsets_and_count_lines() -> None:
    src = decode(b"one\r\ntwo\rthree\nfour")
    assert src == "one\r\ntwo\nthree\nfour"  # lone CR -> LF, same length
    doc = read_document("x.txt", b"one\r\ntwo\rthree\nfour")
    assert len(doc.text) == len(doc.source)
    assert doc.line_col(src.index("three")) == (3, 1)
    assert doc.line_col(src.index("four")) == (4, 1)
    assert "\r" not in doc.text


# -- unreadable inputs -------------------------------------------------------------


def test_missing_directory_and_loop(tmp_path) -> None:
    with pytest.raises(ReadError, match="^no such file$"):
        read_bytes(str(tmp_path / "nope.txt"))
    with pytest.raises(ReadError, match="^is a directory$"):
        read_bytes(str(tmp_path))
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ReadError, match="^symlink loop$"):
        read_bytes(str(loop))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_block(tmp_path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="FIFO"):
        read_bytes(str(fifo))  # would hang forever if opened


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    with pytest.raises(ReadError, match="^permission denied$"):
        read_bytes(str(p))


def test_too_large(tmp_path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 3 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"^file too large \(3\.0 MB > 2 MB limit\)$"):
        read_bytes(str(p), max_bytes=2 * 1024 * 1024)
    with pytest.raises(ReadError, match="too large"):
        read_document("stdin", b"a" * 100, max_bytes=10)


def test_unreadable_gives_one_line_error_result(tmp_path) -> None:
    p = tmp_path / "img.txt"
    p.write_bytes(b"\x00\x01binary\x00" * 100)
    result = audit_path(str(p))
    assert result.error == "binary file, not text"


# -- Markdown ----------------------------------------------------------------------

MD = """---
title: "Unrest: 2,000 held"
---
# Protests in *Almaty*

Police said **2,000** people were [arrested](http://x.org/a_(b) "t") on `5 June` 6 January.
See [the report][r] and ![chart 99](img.png) &amp; \\*not emphasis\\*.

<!-- a comment with 77 numbers -->
```text
code 12345
```

    indented code 678

- first item
- second item

[r]: http://example.org/999
"""


def test_markdown_blanks_markup_keeps_prose_and_offsets() -> None:
    text, _ = strip_markdown(MD)
    assert len(text) == len(MD)
    assert text.count("\n") == MD.count("\n")
    for gone in ("title", "#", "**", "http", "5 June", "chart", "99", "77", "12345", "678", "999"):
        assert gone not in text, gone
    for kept in ("Protests in  Almaty", "2,000", "arrested", "6 January", "the report", "&"):
        assert kept in text, kept
    assert " *not emphasis *" in text  # escaped stars are text, backslashes blanked
    i = text.index("arrested")
    assert MD[i : i + 8] == "arrested"


def test_markdown_suppression_covers_next_paragraph() -> None:
    src = "First para.\n\n<!-- kzaudit: ignore date-outlier, comma-end -->\nSecond para.\n\nThird."
    text, sup = strip_markdown(src)
    assert len(sup) == 1
    span, rules = sup[0]
    assert rules == frozenset({"date-outlier", "comma-end"})
    assert "Second para." in src[span.start : span.end]
    assert "Third" not in src[span.start : span.end]


def test_markdown_ignore_file_and_all_rules() -> None:
    _, sup = strip_markdown("<!-- kzaudit: ignore-file -->\nText.\n\nMore.")
    assert sup[0][0].start == 0 and sup[0][1] == frozenset()


# -- HTML --------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>Site 11</title>
<script>var s = "<p>22</p>";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home 33</a></nav>
<article><h1>Headline here</h1>
<p class="lede" data-x='a>b'>Kazakhstan&rsquo;s president said on
January 5 that <a href="/x">164 people</a> died.</p>
<!-- kzaudit: ignore -->
<p>Second &amp; para<br>after break &#8217; &#x2019;</p></article>
<footer>&copy; 44</footer></body></html>"""


def test_html_keeps_article_text_only() -> None:
    text, _ = strip_html(HTML)
    assert len(text) == len(HTML)
    for gone in ("11", "22", "33", "44", "color", "lede", "href", "<", ">"):
        assert gone not in text, gone
    assert "Kazakhstan\u2019      s president said on January 5 that" in text
    assert "164 people" in text
    i = text.index("164 people")
    assert HTML[i : i + 10] == "164 people"


def test_html_block_tags_make_paragraph_breaks() -> None:
    from kzaudit.segment import split_paragraphs

    text, _ = strip_html(HTML)
    paras = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert paras[0] == "Headline here"
    assert paras[1].startswith("Kazakhstan") and paras[1].endswith("died.")
    assert paras[2] == "Second &     para"
    assert paras[3].startswith("after break \u2019")


def test_html_entities_and_suppression() -> None:
    text, sup = strip_html(HTML)
    assert "\u2019       \u2019" in text
    ((span, rules),) = sup
    assert rules == frozenset()
    assert "Second" in HTML[span.start : span.end]


def test_html_without_article_and_hostile_tags() -> None:
    src = '<p>a < b and c > d</p><p title="unterminated>x</p>' + "<div" * 1000
    text, _ = strip_html(src)
    assert len(text) == len(src)
    assert "a < b and c > d" in text


def test_read_document_dispatches_on_suffix() -> None:
    data = b"<p>Hello &amp; bye</p>"
    assert read_document("a.html", data).text.strip() == "Hello &     bye"
    assert read_document("a.txt", data).text == data.decode()
    assert read_document("<stdin>", b"<!DOCTYPE html><p>x</p>").text.strip() == "x"
    md = read_document("a.md", b"# Title\n")
    assert md.text == "  Title\n" and md.source == "# Title\n"


def test_markdown_indented_paragraphs_are_layout_not_code() -> None:
    src = "    Police said 12 people died.\n\n    The ministry said 40 were hurt.\n\nEnd.\n"
    text, _ = strip_markdown(src)
    assert "12 people" in text and "40 were hurt" in text
    text, _ = strip_markdown("Intro.\n\n    code 99\n\nMore prose.\n\nEnd.\n")
    assert "99" not in text


def test_entity_padding_keeps_marks_on_their_word() -> None:
    text, _ = strip_html("<p>&ldquo;We won,&rdquo; he said. AT&amp;T</p>")
    assert "\u201cWe won,\u201d       he said." in text
    assert text.endswith("AT&    T\n\n  ")
