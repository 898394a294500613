"""SARIF 2.1.0 output validates against the vendored official schema."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import jsonschema

from kzaudit.report import RenderOptions, RuleInfo, renderer
from kzaudit.report.sarif import artifact_uri
from tests.test_report_formats import fake_results, finding

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
RULES = (
    RuleInfo("stub-word", "warning", "A stub.", "Stub.\n\n## What it does\nFlags.", "mechanics"),
    RuleInfo("stub-error", "error", "Another stub.", "", "dates"),
)


@cache
def validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def sarif(results=None, rules=RULES) -> dict:
    out = io.StringIO()
    renderer("sarif").render(
        iter(fake_results() if results is None else results), out, RenderOptions(rules=rules)
    )
    text = out.getvalue()
    doc = json.loads(text)
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return doc


def test_valid_against_schema() -> None:
    doc = sarif()
    errors = sorted(validator().iter_errors(doc), key=str)
    assert not errors, errors[0]


def test_empty_run_is_valid() -> None:
    doc = sarif(results=[], rules=())
    assert not list(validator().iter_errors(doc))
    assert doc["runs"][0]["results"] == []


def test_rule_descriptors_and_results() -> None:
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["stub-word", "stub-error"]
    assert rules[0]["defaultConfiguration"]["level"] == "warning"
    assert rules[0]["shortDescription"]["text"] == "A stub."
    assert rules[0]["fullDescription"]["text"] == "Stub."
    assert "What it does" in rules[0]["help"]["text"]
    first, second = run["results"]
    assert (first["ruleId"], first["ruleIndex"], first["level"]) == ("stub-word", 0, "warning")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 11,
        "charOffset": 20, "charLength": 6, "snippet": {"text": "afront"},
    }  # fmt: skip
    uri = first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "a%20story.txt"
    assert first["properties"]["suggestion"] == "affront"
    assert first["message"]["text"].endswith("(suggestion: affront)")
    assert second["level"] == "error" and "properties" not in second
    assert first["partialFingerprints"]["kzaudit/v1"] != second["partialFingerprints"]["kzaudit/v1"]


def test_unreadable_file_is_a_notification() -> None:
    invocation = sarif()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "missing.txt" in note["message"]["text"]


def test_info_is_note_and_unknown_rule_has_no_index() -> None:
    from kzaudit.result import FileResult

    doc = sarif(
        results=[FileResult(path="x.txt", findings=[finding(rule="other", severity="info")])]
    )
    result = doc["runs"][0]["results"][0]
    assert result["level"] == "note" and "ruleIndex" not in result
    assert not list(validator().iter_errors(doc))


def test_artifact_uris() -> None:
    assert artifact_uri("news/a b.md") == "news/a%20b.md"
    assert artifact_uri("/abs/x.txt") == "file:///abs/x.txt"
    assert artifact_uri("s3://bucket/x.txt") == "s3://bucket/x.txt"
