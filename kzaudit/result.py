"""Per-file results: what the audit function returns and every renderer consumes.

Results are plain, picklable records with line/column already resolved, so the
same object travels from a worker process or a Dask worker to any renderer.
Like the model's records they compare by identity and share ``Record``'s repr
(see ``kzaudit.model``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kzaudit.model import SEVERITY_RANK, DateMention, Document, Finding, Record, Span

CONTEXT_REACH = 400  # characters of a finding's sentence kept on either side of it


@dataclass(slots=True, eq=False, repr=False)
class FindingRecord(Record):
    """A finding with its position resolved: what every renderer prints."""

    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    suggestion: str | None = None
    context: str = ""  # the sentence around the finding (for the terminal report), clipped
    context_start: int = 0  # offset of ``context`` in the file's text

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract's finding object."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestion": self.suggestion,
        }


@dataclass(slots=True, eq=False, repr=False)
class FileResult(Record):
    """One file's audit: its claims, dates, attributions and findings, or its error."""

    path: str
    reference_date: str | None = None
    claims: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    durations: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    error: str | None = None  # one-line reason when the file could not be audited

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> int:
        """Rank of the most severe finding (0 when clean)."""
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "reference_date": self.reference_date,
            "claims": self.claims,
            "dates": self.dates,
            "durations": self.durations,
            "attributions": self.attributions,
            "findings": [f.as_dict() for f in self.findings],
        }
        if self.error is not None:
            out["error"] = self.error
        return out


def _position(doc: Document, span: Span) -> dict[str, int]:
    line, column = doc.line_col(span.start)
    return {"line": line, "column": column, "start": span.start, "end": span.end}


def _shown(doc: Document, d: DateMention) -> str | None:
    """A date mention's date for the output; none when its year is a stand-in (a
    yearless dateline in a story that writes no year): rules may place dates by it, but
    a reader must not take it for the story's year.  Claims' dates, the same."""
    if d.date is None or (doc.reference_stand_in and d.year is None):
        return None
    return d.date.isoformat()


def build_result(doc: Document, findings: list[Finding]) -> FileResult:
    """Serialise an analysed document and its findings, sorted deterministically."""
    claims = [
        {
            "kind": c.kind,
            "text": c.text,
            "value": c.value,
            "upper": c.upper,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "category": c.category,
            "subject": c.subject,
            **_position(doc, c.span),
            "source": c.attribution,
            "date": None if doc.reference_stand_in else c.date,
        }
        for c in sorted(doc.claims, key=lambda c: (c.span.start, c.span.end))
    ]
    dates = [
        {
            "text": d.text,
            "date": _shown(doc, d),
            "precision": d.precision,
            "tense": d.tense,
            **_position(doc, d.span),
        }
        for d in sorted(doc.dates, key=lambda d: (d.span.start, d.span.end))
    ]
    durations = [
        {
            "text": d.text,
            "value": d.value,
            "unit": d.unit,
            "qualifier": d.qualifier,
            **_position(doc, d.span),
        }
        for d in sorted(doc.durations, key=lambda d: (d.span.start, d.span.end))
    ]
    attributions = [
        {
            "source": a.source,
            "verb": a.verb,
            **_position(doc, a.span),
            "quote": doc.slice(a.quote_span) if a.quote_span else None,
        }
        for a in sorted(doc.attributions, key=lambda a: (a.span.start, a.span.end))
    ]
    records = []
    for f in sorted(findings, key=lambda f: (f.span.start, f.rule, f.span.end, f.message)):
        line, column = doc.line_col(f.span.start)
        end_line, end_column = doc.line_col(f.span.end)
        sent = doc.sentences[doc.sentence_index(f.span.start)].span if doc.sentences else f.span
        # The sentence, but never more than CONTEXT_REACH characters either side: a
        # "sentence" can be a whole page (a table, a list with no full stops), and one
        # copy of it per finding would make many findings cost quadratic time and memory.
        ctx = Span(
            min(max(sent.start, f.span.start - CONTEXT_REACH), f.span.start),
            max(min(sent.end, f.span.end + CONTEXT_REACH), f.span.end),
        )
        records.append(
            FindingRecord(
                rule=f.rule,
                severity=f.severity,
                message=f.message,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                start=f.span.start,
                end=f.span.end,
                text=f.text,
                suggestion=f.suggestion,
                context=doc.slice(ctx),
                context_start=ctx.start,
            )
        )
    return FileResult(
        path=doc.path,
        reference_date=(
            doc.reference_date.isoformat()
            if doc.reference_date and not doc.reference_stand_in
            else None
        ),
        claims=claims,
        dates=dates,
        durations=durations,
        attributions=attributions,
        findings=records,
    )
