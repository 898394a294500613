"""Numeric claims.  (Placeholder: being built.)"""

from __future__ import annotations

from kzaudit.model import Claim, Document


def extract_claims(doc: Document) -> list[Claim]:
    return []


def link_claims(doc: Document) -> None:
    """Attach each claim's attribution source and date."""
