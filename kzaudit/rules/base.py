"""What every rule receives besides the document: its options and the house style."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kzaudit.model import Document, Finding, Severity, Span


@dataclass(frozen=True)
class HouseStyle:
    """Newsroom vocabulary from config: never flag these."""

    known_words: frozenset[str] = frozenset()  # spellings the house accepts (lower-case)
    known_acronyms: frozenset[str] = frozenset()  # acronyms needing no definition
    ignore_names: frozenset[str] = frozenset()  # names never to flag as variants


@dataclass(frozen=True, eq=False)  # never compared by value (see kzaudit.model)
class RuleContext:
    """Options (rule defaults merged with config) and house style for one rule run."""

    rule_id: str
    severity: Severity
    options: Mapping[str, Any] = field(default_factory=dict)
    style: HouseStyle = field(default_factory=HouseStyle)

    def finding(
        self, doc: Document, span: Span, message: str, suggestion: str | None = None
    ) -> Finding:
        """A ``Finding`` of this rule at ``span`` with the rule's configured severity."""
        return Finding(
            rule=self.rule_id,
            severity=self.severity,
            message=message,
            span=span,
            text=doc.slice(span),
            suggestion=suggestion,
        )


def times(n: int) -> str:
    """ "once", "twice", "3 times": counts in messages read as prose."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
