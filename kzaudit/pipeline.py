"""The unit of work: path (or bytes) in, ``FileResult`` out.

read -> segment -> extract -> check.  Pure and deterministic: every engine (in
process, ``--jobs`` pool, Dask) maps ``audit_path`` and renders the results.
"""

from __future__ import annotations

from kzaudit.config import Config
from kzaudit.extract import extract
from kzaudit.model import Document, Finding
from kzaudit.read import ReadError, read_document
from kzaudit.result import FileResult, build_result
from kzaudit.rules import all_rules
from kzaudit.rules.base import RuleContext
from kzaudit.segment import segment


def analyse(doc: Document, config: Config | None = None) -> Document:
    """Segment and extract: everything rules need, nothing rule-specific."""
    config = config or Config()
    if config.as_of is not None:
        doc.reference_date = config.as_of
        doc.reference_origin = "as-of"
    segment(doc)
    extract(doc)
    return doc


def enabled_rule_ids(config: Config) -> list[str]:
    ids = list(all_rules())
    if config.select:
        ids = [r for r in ids if r in config.select]
    return [r for r in ids if r not in config.ignore]


def check(doc: Document, config: Config | None = None) -> list[Finding]:
    """Run every enabled rule over an analysed document; drop suppressed findings."""
    config = config or Config()
    rules = all_rules()
    findings: list[Finding] = []
    for rule_id in enabled_rule_ids(config):
        module = rules[rule_id]
        options = {**getattr(module, "OPTIONS", {}), **config.options.get(rule_id, {})}
        ctx = RuleContext(
            rule_id=rule_id,
            severity=config.severity.get(rule_id, module.SEVERITY),
            options=options,
            style=config.style,
        )
        findings.extend(module.check(doc, ctx))
    if doc.suppressions:
        findings = [f for f in findings if not _suppressed(doc, f)]
    return findings


def _suppressed(doc: Document, finding: Finding) -> bool:
    return any(
        span.contains(finding.span) and (not rules or finding.rule in rules)
        for span, rules in doc.suppressions
    )


def audit_document(doc: Document, config: Config | None = None) -> FileResult:
    analyse(doc, config)
    return build_result(doc, check(doc, config))


def audit_path(path: str, config: Config | None = None, data: bytes | None = None) -> FileResult:
    """Audit one file; an unreadable one gives a result carrying its one-line error."""
    try:
        doc = read_document(path, data)
    except ReadError as exc:
        return FileResult(path=path, error=str(exc))
    return audit_document(doc, config)
