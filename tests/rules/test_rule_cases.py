"""Rule cases as data (after sqlfluff): ``cases/<rule-id>.toml``, one generic test.

Each file holds ``[[case]]`` tables::

    [[case]]
    name = "month slip among January dates"
    text = "..."
    as_of = "2022-01-07"          # optional reference date
    expect = [{ text = "June 5", suggestion = "January 5" }]   # [] for a near-miss

``text`` of each expected finding must match exactly; ``suggestion`` and
``severity`` are compared when given, and ``message`` must be part of the message.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kzaudit.compat import tomllib
from kzaudit.config import Config
from kzaudit.pipeline import analyse, check
from kzaudit.read import document_from_source
from kzaudit.rules import all_rules

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for case in data.get("case", []):
            yield pytest.param(path.stem, case, id=f"{path.stem}:{case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule: str, case: dict) -> None:
    as_of = dt.date.fromisoformat(case["as_of"]) if "as_of" in case else None
    config = Config(select=(rule,), as_of=as_of, options={rule: case.get("options", {})})
    # "path" gives a case in another format ("case.html", "case.md"): markup is blanked
    doc = analyse(document_from_source(case.get("path", "case.txt"), case["text"]), config)
    findings = check(doc, config)
    got = sorted((f.text, f.suggestion, f.severity, f.message) for f in findings)
    expected = case.get("expect", [])
    assert len(got) == len(expected), f"got {got}"
    for exp, (text, suggestion, severity, message) in zip(
        sorted(expected, key=lambda e: e["text"]), sorted(got), strict=True
    ):
        assert text == exp["text"], got
        if "suggestion" in exp:
            assert suggestion == exp["suggestion"], got
        if "severity" in exp:
            assert severity == exp["severity"], got
        if "message" in exp:
            assert exp["message"] in message, got


@pytest.mark.parametrize("rule_id", list(all_rules()))
def test_every_rule_is_documented_and_has_cases(rule_id: str) -> None:
    module = all_rules()[rule_id]
    doc = module.__doc__ or ""
    for part in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert part in doc, f"{rule_id} docstring lacks '{part}'"
    assert module.SEVERITY in ("error", "warning", "info")
    assert module.SUMMARY and "\n" not in module.SUMMARY
    cases_file = CASES / f"{rule_id}.toml"
    assert cases_file.exists(), f"no cases file for {rule_id}"
    with open(cases_file, "rb") as fh:
        cases = tomllib.load(fh)["case"]
    assert any(c.get("expect") for c in cases), "needs a case it must flag"
    assert any(not c.get("expect") for c in cases), "needs a near-miss it must not flag"
