"""extract: fill a segmented ``Document`` with claims, dates, entities and attributions.

Order matters and is fixed here: dates first (numbers inside dates are not counts),
then names and attributions, then numbers, which are linked to both.
"""

from __future__ import annotations

from kzaudit.extract import attributions, dates, entities, numbers
from kzaudit.model import Document


def extract(doc: Document) -> Document:
    if doc.reference_date is None:
        found = dates.find_dateline(doc)
        if found is not None:
            doc.dateline, doc.reference_date = found.span, found.date
            doc.reference_guessed, doc.reference_stand_in = found.guessed, found.stand_in
            doc.reference_origin = "dateline"
        elif (published := doc.published or dates.find_footer_date(doc.text)) is not None:
            doc.reference_date = published  # metadata, or "… was first published May 12, 2026."
            doc.reference_origin = "publication date"
    doc.dates, doc.durations = dates.extract_dates(doc)
    doc.entities, doc.acronyms = entities.extract_entities(doc)
    doc.attributions = attributions.extract_attributions(doc)
    doc.claims = numbers.extract_claims(doc)
    numbers.link_claims(doc)
    return doc
