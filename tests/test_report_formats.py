"""Renderers on hand-made results: they know nothing about rules, only records."""

from __future__ import annotations

import csv
import io
import json

from kzaudit.report import RenderOptions, Tally, renderer, stream_json
from kzaudit.report.github import command, escape_data, escape_property
from kzaudit.result import FileResult, FindingRecord

HOSTILE = 'Say "[bold red]boom[/]" \x1b[31mred\x1b]0;title\x07\n::error::forged'


def finding(**kw) -> FindingRecord:
    base = dict(
        rule="stub-word",
        severity="warning",
        message='"afront" looks like a misspelling of "affront"',
        line=2,
        column=5,
        end_line=2,
        end_column=11,
        start=20,
        end=26,
        text="afront",
        suggestion="affront",
        context="It is an afront to us.",
        context_start=11,
    )
    base.update(kw)
    return FindingRecord(**base)


def fake_results() -> list[FileResult]:
    return [
        FileResult(
            path="a story.txt",
            reference_date="2022-01-07",
            claims=[
                {
                    "kind": "count",
                    "text": "=2+3",
                    "value": 2000,
                    "qualifier": "more_than",
                    "unit": None,
                    "category": "arrested",
                    "subject": "people",
                    "line": 1,
                    "column": 1,
                    "start": 0,
                    "end": 4,
                    "source": "@police",
                    "date": None,
                },
            ],  # fmt: skip
            dates=[
                {
                    "text": "January 6",
                    "date": "2022-01-06",
                    "precision": "day",
                    "tense": "past",
                    "line": 1,
                    "column": 9,
                    "start": 8,
                    "end": 17,
                }
            ],  # fmt: skip
            attributions=[
                {
                    "source": "Interior Ministry",
                    "verb": "said",
                    "line": 1,
                    "column": 20,
                    "start": 19,
                    "end": 40,
                    "quote": "-quoted",
                }
            ],  # fmt: skip
            findings=[
                finding(),
                finding(
                    severity="error",
                    rule="stub-error",
                    message=HOSTILE,
                    text="x,y:z",
                    start=30,
                    end=35,
                    column=15,
                    end_column=20,
                    suggestion=None,
                ),
            ],  # fmt: skip
        ),
        FileResult(path="missing.txt", error="no such file"),
        FileResult(path="clean.md"),
    ]


def render(fmt: str, results=None, claims: bool = False, **options) -> str:
    out = io.StringIO()
    renderer(fmt, claims=claims).render(
        iter(fake_results() if results is None else results), out, RenderOptions(**options)
    )
    return out.getvalue()


# -- json ---------------------------------------------------------------------------
def test_json_is_the_contract_and_byte_identical_to_json_dump() -> None:
    text = render("json")
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["tool"]["name"] == "kzaudit"
    assert [f["path"] for f in doc["files"]] == ["a story.txt", "missing.txt", "clean.md"]
    assert doc["files"][1]["error"] == "no such file"
    assert doc["summary"] == {"files": 3, "errors": 1, "warnings": 1, "infos": 0}
    f = doc["files"][0]["findings"][0]
    assert (f["rule"], f["line"], f["column"], f["text"], f["suggestion"]) == (
        "stub-word", 2, 5, "afront", "affront"
    )  # fmt: skip
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_json_with_no_files() -> None:
    doc = json.loads(render("json", results=[]))
    assert doc["files"] == [] and doc["summary"]["files"] == 0


def test_stream_json_matches_json_dump_at_any_depth() -> None:
    items = [{"a": [1, {"b": "ü\n"}]}, {}, []]
    out = io.StringIO()
    stream_json(out, lambda: {"x": 1, "deep": {"list": "@@kzaudit-stream@@", "z": 2}}, iter(items))
    expected = {"x": 1, "deep": {"list": items, "z": 2}}
    assert out.getvalue() == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_claims_json_has_no_findings() -> None:
    doc = json.loads(render("json", claims=True))
    assert "findings" not in doc["files"][0]
    assert doc["files"][0]["claims"][0]["value"] == 2000


# -- jsonl --------------------------------------------------------------------------
def test_jsonl_one_object_per_file_per_line() -> None:
    lines = render("jsonl").splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["path"] for o in objects] == ["a story.txt", "missing.txt", "clean.md"]
    assert objects[1]["error"] == "no such file"


def test_jsonl_writes_each_file_before_the_next_is_produced() -> None:
    out = io.StringIO()
    seen: list[int] = []

    def produce():
        for i, r in enumerate(fake_results()):
            seen.append(out.getvalue().count("\n"))
            yield r
            assert out.getvalue().count("\n") == i + 1  # written (and flushed) already

    renderer("jsonl").render(produce(), out, RenderOptions())
    assert seen == [0, 1, 2]


# -- github -------------------------------------------------------------------------
def test_github_annotations() -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::warning file=a story.txt,line=2,col=5,endLine=2,endColumn=11,title=kzaudit stub-word"
        '::"afront" looks like a misspelling of "affront" (suggestion: affront)'
    )
    assert lines[1].startswith("::error file=a story.txt,line=2,col=15,")
    assert lines[2] == "::error file=missing.txt,title=kzaudit::cannot read: no such file"
    assert len(lines) == 3


def test_github_escaping_cannot_forge_commands() -> None:
    lines = render("github").splitlines()
    assert len(lines) == 3  # the article's newline did not start a line of its own
    forged = lines[1]
    assert forged.endswith('::Say "[bold red]boom[/]" red%0A::error::forged')
    assert "\x1b" not in forged and "\x07" not in forged
    assert escape_data("100% \r\nx\x1b[2J") == "100%25 %0D%0Ax"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    assert command("notice", "m", file="x", line=None) == "::notice file=x::m"


def test_github_escapes_percent_first() -> None:
    assert escape_data("%0A") == "%250A"


def test_github_info_is_notice() -> None:
    results = [FileResult(path="p.txt", findings=[finding(severity="info")])]
    assert render("github", results=results).startswith("::notice ")


# -- csv ----------------------------------------------------------------------------
def test_csv_rows_and_formula_guard() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", claims=True))))
    kinds = [r["kind"] for r in rows]
    assert kinds == ["count", "date", "attribution", "error"]
    claim, date, attribution, error = rows
    assert claim["text"] == "'=2+3"  # formula neutralised
    assert claim["source"] == "'@police"
    assert claim["value"] == "2000" and claim["qualifier"] == "more_than"
    assert date["value"] == "2022-01-06" and date["qualifier"] == "day"
    assert attribution["source"] == "Interior Ministry" and attribution["text"] == "'-quoted"
    assert error["path"] == "missing.txt" and error["text"] == "no such file"


# -- terminal and table -------------------------------------------------------------
def test_terminal_report_plain() -> None:
    text = render("rich", color=False, width=200)
    assert "a story.txt" in text
    assert "2:5  warning  stub-word" in text
    assert "suggestion: affront" in text
    assert "missing.txt: error: no such file" in text
    assert "Checked 3 files: 1 error, 1 warning, 0 info, 1 unreadable" in text
    assert "clean.md" not in text  # clean files are not listed


def test_terminal_never_interprets_article_text() -> None:
    text = render("rich", color=False, width=200)
    assert "[bold red]boom[/]" in text  # shown literally, not as markup
    assert "\x1b" not in text and "\x07" not in text


def test_terminal_color_switch() -> None:
    assert "\x1b[" in render("rich", color=True)
    assert "\x1b[" not in render("rich", color=False)


def test_terminal_quiet_shows_only_errors_and_summary() -> None:
    text = render("rich", color=False, quiet=True, width=200)
    assert "stub-word" not in text
    assert "stub-error" in text
    assert "Checked 3 files" in text


def test_terminal_statistics() -> None:
    text = render("rich", color=False, statistics=True, width=200)
    assert "1  warning  stub-word" in text
    assert "1  error    stub-error" in text


def test_table_lists_claims_dates_attributions() -> None:
    text = render("table", claims=True, color=False, width=200)
    for expected in ("Figures", "Dates", "Attributions", "2022-01-06", "Interior Ministry"):
        assert expected in text
    assert "missing.txt" in text and "no such file" in text


def test_tally_counts() -> None:
    tally = Tally()
    list(tally.watch(fake_results()))
    assert tally.as_dict() == {"files": 3, "errors": 1, "warnings": 1, "infos": 0}
    assert tally.unreadable == 1 and tally.worst == 3


# -- memory: streaming renderers keep counters, not results -------------------------------
class _Sink(io.TextIOBase):
    """A text stream that counts and forgets what it is given."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        return len(s)


def _many(n: int):
    template = fake_results()[0]
    for i in range(n):
        yield FileResult(
            path=f"archive/{i:06d}.txt",
            claims=list(template.claims),
            dates=list(template.dates),
            attributions=list(template.attributions),
            findings=[finding(start=i % 500), finding(rule="stub-error", severity="error")],
        )


def _peak(fmt: str, n: int) -> int:
    import tracemalloc

    from kzaudit.report import RuleInfo

    options = RenderOptions(rules=(RuleInfo("stub-word", "warning", "s"),), color=False)
    tracemalloc.start()
    try:
        tally = Tally()
        renderer(fmt).render(tally.watch(_many(n)), _Sink(), options)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_over_many_files() -> None:
    for fmt in ("jsonl", "github", "json", "sarif"):
        small, large = _peak(fmt, 100), _peak(fmt, 1000)
        assert large < small * 1.5 + 200_000, (fmt, small, large)


def test_github_paths_lose_leading_dot_slash() -> None:
    results = [FileResult(path="./news/a.md", findings=[finding()])]
    assert render("github", results=results).startswith("::warning file=news/a.md,")


def test_terminal_plain_text_is_what_rich_prints_without_colour(monkeypatch) -> None:
    """Into a pipe the report skips Rich; the characters must be Rich's own, colour aside."""
    from kzaudit.report import terminal

    long_context = finding(context="word " * 80 + "It is an afront to us.", context_start=0)
    results = [*fake_results(), FileResult(path="long.txt", findings=[long_context])]
    plain = render("rich", results=results, statistics=True)  # StringIO: not a terminal
    monkeypatch.setattr(terminal, "plain", lambda out, options: False)
    through_rich = render("rich", results=results, statistics=True, color=False)
    assert plain == through_rich
    assert "Findings per rule:" in plain and "\x1b" not in plain
