"""Names and acronyms.  (Placeholder: being built.)"""

from __future__ import annotations

from kzaudit.model import AcronymDefinition, Document, Entity


def extract_entities(doc: Document) -> tuple[list[Entity], list[AcronymDefinition]]:
    return [], []
