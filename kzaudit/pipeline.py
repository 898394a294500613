"""The unit of work: path (or bytes) in, ``FileResult`` out.

read -> segment -> extract -> check.  Pure and deterministic: every engine (in
process, ``--jobs`` pool, Dask) maps ``audit_path`` and renders the results.
"""

from __future__ import annotations

from types import ModuleType

from kzaudit.config import Config
from kzaudit.extract import extract
from kzaudit.model import Document, Finding
from kzaudit.read import ReadError, read_document
from kzaudit.result import FileResult, build_result
from kzaudit.rules import all_rules
from kzaudit.rules.base import RuleContext
from kzaudit.segment import segment

_DEFAULT = Config()  # one shared default, so that its rule contexts are built once


def analyse(doc: Document, config: Config | None = None) -> Document:
    """Segment and extract: everything rules need, nothing rule-specific."""
    config = config or _DEFAULT
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


_last_contexts: tuple[Config, list[tuple[ModuleType, RuleContext]]] | None = None


def rule_contexts(config: Config) -> list[tuple[ModuleType, RuleContext]]:
    """Each enabled rule with its context (options merged, severity, style).

    Why cached: a batch audits every file with one ``Config``; building 24 contexts
    per file cost as much as a small rule.  The last config is kept (by identity, and
    referenced so that its identity stays its own); a ``Config`` is frozen.
    """
    global _last_contexts
    last = _last_contexts  # read once: Dask worker threads share this module
    if last is not None and last[0] is config:
        return last[1]
    rules = all_rules()
    contexts = []
    for rule_id in enabled_rule_ids(config):
        module = rules[rule_id]
        options = {**getattr(module, "OPTIONS", {}), **config.options.get(rule_id, {})}
        ctx = RuleContext(
            rule_id=rule_id,
            severity=config.severity.get(rule_id, module.SEVERITY),
            options=options,
            style=config.style,
        )
        contexts.append((module, ctx))
    _last_contexts = (config, contexts)
    return contexts


def check(doc: Document, config: Config | None = None) -> list[Finding]:
    """Run every enabled rule over an analysed document; drop suppressed findings."""
    findings: list[Finding] = []
    for module, ctx in rule_contexts(config or _DEFAULT):
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
