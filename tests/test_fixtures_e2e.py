"""End to end: ``kzaudit check <article> --format json`` on articles with planted defects.

Each ``fixtures/articles/<name>.expected.toml`` lists the exact warning/error findings
(``[[finding]]``: rule, line, column, text, optional suggestion) the CLI must report for
``<name>.txt`` (or for the file named by ``article``, relative to the expected file), and
the clean look-alikes (``[[lookalike]]``: text at line/column) on which no warning or error
may land. Info findings are ignored unless an expected finding lists them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kzaudit.cli import app
from kzaudit.compat import tomllib

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
EXPECTED = sorted(ARTICLES.glob("*.expected.toml"))
runner = CliRunner()


def _load(expected: Path) -> tuple[Path, dict]:
    with open(expected, "rb") as fh:
        data = tomllib.load(fh)
    name = expected.name[: -len(".expected.toml")]
    article = (expected.parent / data.get("article", f"{name}.txt")).resolve()
    return article, data


def _check(article: Path, data: dict, fail_on: str = "never") -> tuple[int, dict]:
    args = ["check", str(article), "--format", "json", "--fail-on", fail_on]
    if "as_of" in data:
        args += ["--as-of", data["as_of"]]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def _key(f: dict) -> tuple:
    return (f["line"], f["column"], f["rule"], f["text"])


def test_fixture_set() -> None:
    names = {p.name for p in EXPECTED}
    assert len(names) >= 6, names  # four with planted defects, the seed, one clean
    assert "kazakhstan-unrest.expected.toml" in names
    assert any(not _load(p)[1].get("finding") for p in EXPECTED), "no clean fixture"


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_expected_positions_point_at_the_text(expected: Path) -> None:
    article, data = _load(expected)
    text = article.read_text(encoding="utf-8")
    for item in data.get("finding", []) + data.get("lookalike", []):
        start = _offset(text, item["line"], item["column"])
        assert text[start : start + len(item["text"])] == item["text"], item


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_findings_match(expected: Path) -> None:
    article, data = _load(expected)
    wanted = data.get("finding", [])
    listed = {(w["rule"], w["text"]) for w in wanted}
    _, out = _check(article, data)
    [result] = out["files"]
    got = [
        f for f in result["findings"] if f["severity"] != "info" or (f["rule"], f["text"]) in listed
    ]
    assert sorted(map(_key, got)) == sorted(map(_key, wanted)), json.dumps(got, indent=1)
    by_key = {_key(f): f for f in got}
    for w in wanted:
        if "suggestion" in w:
            assert by_key[_key(w)]["suggestion"] == w["suggestion"], w


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_no_warning_on_lookalikes(expected: Path) -> None:
    article, data = _load(expected)
    text = article.read_text(encoding="utf-8")
    _, out = _check(article, data)
    findings = [f for f in out["files"][0]["findings"] if f["severity"] != "info"]
    for look in data.get("lookalike", []):
        start = _offset(text, look["line"], look["column"])
        end = start + len(look["text"])
        hits = [f for f in findings if f["start"] < end and start < f["end"]]
        assert not hits, f"{look['why']}: {look['text']!r} flagged: {hits}"


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_exit_code(expected: Path) -> None:
    article, data = _load(expected)
    code, _ = _check(article, data, fail_on="warning")
    failing = any(
        f.get("severity", "warning") in ("warning", "error") for f in data.get("finding", [])
    )
    assert code == (1 if failing else 0)
