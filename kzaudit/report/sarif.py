"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps).

One run; one rule descriptor per rule given in ``RenderOptions.rules`` (the
renderer knows rules only as that data); one result per finding with its region
(lines, code-point columns, character offset and length), the suggestion as a
property (and in the message) and a stable ``partialFingerprints`` entry so dashboards track a finding
across edits elsewhere in the file.  Unreadable files become tool execution
notifications.  Results are streamed; only those notifications are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from kzaudit import __version__
from kzaudit.baseline import fingerprint
from kzaudit.report import HOLE, RenderOptions, RuleInfo, stream_json
from kzaudit.result import FileResult, FindingRecord

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (what code scanning wants)."""
    if "://" in path:
        return path
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())  # PurePath drops "./": "./a.md" -> "a.md"


def descriptor(rule: RuleInfo) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")},
    }
    if rule.help:
        out["fullDescription"] = {"text": _first_paragraph(rule.help) or rule.summary}
        out["help"] = {"text": rule.help}  # not all rule docstrings are Markdown
    if rule.group:
        out["properties"] = {"tags": [rule.group]}
    return out


def _first_paragraph(text: str) -> str:
    """The first paragraph that is not a heading."""
    for block in text.strip().split("\n\n"):
        block = " ".join(line.strip() for line in block.splitlines()).strip()
        if block and not block.startswith("#") and not block.endswith(":"):
            return block
    return ""


def result_object(path: str, f: FindingRecord, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(path)
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:
        out["ruleIndex"] = rule_index[f.rule]
    out["level"] = LEVEL[f.severity]
    out["message"] = {"text": f.message}
    out["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "charOffset": f.start,
                    "charLength": f.end - f.start,
                    "snippet": {"text": f.text},
                },
            }
        }
    ]
    out["partialFingerprints"] = {"kzaudit/v1": fingerprint(f)}
    if f.suggestion is not None:
        # A property, not a SARIF ``fix``: a suggestion may be replacement text
        # ("January 5") or an instruction ("end the paragraph with a full stop"),
        # and a fix would apply the instruction as text.
        out["message"]["text"] += f" (suggestion: {f.suggestion})"
        out["properties"] = {"suggestion": f.suggestion}
    return out


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    rule_index = {r.id: i for i, r in enumerate(options.rules)}
    notifications: list[dict[str, Any]] = []

    def items() -> Iterator[dict[str, Any]]:
        for r in results:
            if r.error is not None:
                notifications.append(_notification(r))
            for f in r.findings:
                yield result_object(r.path, f, rule_index)

    def doc() -> dict[str, Any]:
        return {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "kzaudit",
                            "version": __version__,
                            "rules": [descriptor(r) for r in options.rules],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": HOLE,
                    "invocations": [
                        {
                            "executionSuccessful": not notifications,
                            "toolExecutionNotifications": notifications,
                        }
                    ],
                }
            ],
        }

    stream_json(out, doc, items())


def _notification(r: FileResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{r.path}: {r.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
    }
