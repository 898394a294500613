"""Baselines survive edits elsewhere in the file and count duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzaudit.baseline import Baseline, BaselineError, fingerprint
from kzaudit.result import FileResult
from tests.test_report_formats import finding


def result(path: str, *findings) -> FileResult:
    return FileResult(path=path, findings=list(findings))


def test_round_trip_ignores_positions(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    recorder = Baseline(file)
    list(recorder.record([result(str(tmp_path / "s.txt"), finding())]))
    recorder.write(file)
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert doc["findings"][0]["path"] == "s.txt"  # relative to the baseline's folder
    assert doc["findings"][0]["count"] == 1
    accepted = Baseline.load(file)
    # the same finding, moved by an edit above it: still accepted
    moved = finding(line=9, column=1, start=400, end=406, context_start=391)
    # the sentence around it was rewritten: new
    rewritten = finding(context="A whole new afront sentence.", context_start=0)
    out = list(accepted.filter([result(str(tmp_path / "s.txt"), moved, rewritten)]))
    assert out[0].findings == [rewritten]


def test_whitespace_and_case_in_context_do_not_matter(tmp_path: Path) -> None:
    a = finding(context="It is an  afront\nto us.")
    b = finding(context="it is an afront to US.")
    assert fingerprint(a) == fingerprint(b)


def test_duplicates_are_counted(tmp_path: Path) -> None:
    file = tmp_path / "b.json"
    recorder = Baseline(file)
    list(recorder.record([result("s.txt", finding())]))
    recorder.write(file)
    out = list(Baseline.load(file).filter([result("s.txt", finding(), finding(start=90))]))
    assert len(out[0].findings) == 1  # a second copy of an accepted mistake is new


def test_other_files_and_rules_are_new(tmp_path: Path) -> None:
    file = tmp_path / "b.json"
    recorder = Baseline(file)
    list(recorder.record([result("s.txt", finding())]))
    recorder.write(file)
    accepted = Baseline.load(file)
    out = list(accepted.filter([result("t.txt", finding()), result("s.txt", finding(rule="z"))]))
    assert [len(r.findings) for r in out] == [1, 1]


def test_dump_is_deterministic(tmp_path: Path) -> None:
    def dump(order):
        recorder = Baseline(tmp_path / "b.json")
        list(recorder.record(order))
        return recorder.dump()

    one = [result("b.txt", finding()), result("a.txt", finding(rule="y"))]
    assert dump(one) == dump(list(reversed(one)))


@pytest.mark.parametrize(
    ("text", "message"),
    [("{", "not a kzaudit baseline"), ('{"version": 9}', "version 1 expected"),
     ('{"version": 1, "findings": [{"path": 1}]}', "malformed entry")],
)  # fmt: skip
def test_bad_baselines(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "b.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        Baseline.load(file)
    with pytest.raises(BaselineError, match="b.json"):
        Baseline.load(tmp_path / "missing" / "b.json")
