"""Property-based tests: for any text the pipeline returns sound, deterministic output."""

from __future__ import annotations

import importlib
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzaudit.markup import strip_html, strip_markdown
from kzaudit.pipeline import audit_document
from kzaudit.read import ReadError, decode, document_from_source, read_document
from kzaudit.report import CHECK_FORMATS, RenderOptions
from kzaudit.result import FileResult

TOKENS = [
    "January", "June", "5", "5,", "2022", "Monday", "on", "last", "week", "said", "told",
    "the", "Interior", "Ministry", "Collective", "Security", "Treaty", "Organization",
    "(CSTO)", "CSTO", "CTSO", "More", "than", "2,000", "164", "people", "were", "killed",
    "arrested", "$3.5bn", "40%", "three", "dozens", "of", "Mr.", "U.S.", "Tokayev", "he",
    "\u201cWe", "will", "win,\u201d", '"', "'", "(", ")", ".", ",", ";", "-", "\u2014",
    "\n", "\n\n", "BRANTFORD,", "Jan.", "(Reuters)", "afront", "1990s", "aged", "35",
    "per", "cent", "half", "million", "<p>", "</p>", "&amp;", "[link](x)", "`code`", "#",
    "*", "_", "<!-- kzaudit: ignore -->",
]  # fmt: skip

news_like = st.lists(st.sampled_from(TOKENS), max_size=120).map(" ".join)
any_text = st.one_of(news_like, st.text(max_size=400))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATHS = st.sampled_from(["story.txt", "story.md", "story.html"])


def _line_col(source: str, offset: int) -> tuple[int, int]:
    line_start = source.rfind("\n", 0, offset) + 1
    return source.count("\n", 0, offset) + 1, offset - line_start + 1


def _check_positions(source: str, items: list[dict], text_key: str | None) -> None:
    for item in items:
        start, end = item["start"], item["end"]
        assert 0 <= start <= end <= len(source), item
        assert (item["line"], item["column"]) == _line_col(source, start), item
        if text_key is not None:
            assert source[start:end] == item[text_key], item


def _audit(path: str, text: str) -> tuple[FileResult, str]:
    doc = document_from_source(path, text)
    return audit_document(doc), doc.source


def _render_all(result: FileResult) -> dict[str, str]:
    out = {}
    for fmt, module in sorted(CHECK_FORMATS.items()):
        if fmt == "rich":
            continue
        buf = io.StringIO()
        importlib.import_module(f"kzaudit.report.{module}").render(
            [result], buf, RenderOptions(color=False)
        )
        out[fmt] = buf.getvalue()
    return out


@SETTINGS
@given(path=PATHS, text=any_text)
def test_pipeline_output_is_sound(path: str, text: str) -> None:
    result, source = _audit(path, text)
    d = result.as_dict()
    _check_positions(source, d["claims"], "text")
    _check_positions(source, d["dates"], "text")
    _check_positions(source, d["attributions"], None)
    for f in d["findings"]:
        _check_positions(source, [f], "text")
        assert (f["end_line"], f["end_column"]) == _line_col(source, f["end"])
        assert f["severity"] in ("error", "warning", "info")
    json.dumps(d, ensure_ascii=False)


@SETTINGS
@given(path=PATHS, text=any_text)
def test_output_is_deterministic_in_every_format(path: str, text: str) -> None:
    first = _render_all(_audit(path, text)[0])
    second = _render_all(_audit(path, text)[0])
    assert first == second
    json.loads(first["json"])


@SETTINGS
@given(text=any_text)
def test_markup_blanking_keeps_length(text: str) -> None:
    md, _ = strip_markdown(text)
    assert len(md) == len(text)
    assert md.count("\n") == text.replace("\r", " ").count("\n")
    html, sup = strip_html(text)
    assert len(html) == len(text)
    for span, _rules in sup:
        assert 0 <= span.start <= span.end <= len(text)


@SETTINGS
@given(data=st.binary(max_size=600), path=PATHS)
def test_any_bytes_give_a_document_or_a_read_error(data: bytes, path: str) -> None:
    try:
        doc = read_document(path, data)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    assert len(doc.text) == len(doc.source)
    assert decode(data) == doc.source


@settings(max_examples=400, deadline=None)
@given(a=st.text(alphabet="abcd", min_size=1, max_size=8), b=st.text(alphabet="abcd", max_size=8))
def test_name_variant_one_edit_is_one_osa_edit(a: str, b: str) -> None:
    """The twin test's cheap filter keeps exactly the pairs one OSA edit apart (a letter
    changed, added or dropped, or two neighbours swapped)."""
    from rapidfuzz.distance import OSA

    from kzaudit.rules.name_variant import _one_edit

    if a != b:
        assert _one_edit(a, b) == (OSA.distance(a, b) == 1)
