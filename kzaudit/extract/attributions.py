"""Attributions.  (Placeholder: being built.)"""

from __future__ import annotations

from kzaudit.model import Attribution, Document


def extract_attributions(doc: Document) -> list[Attribution]:
    return []
