"""Dates and durations.  (Placeholder: being built.)"""

from __future__ import annotations

import datetime as dt

from kzaudit.model import DateMention, Document, Duration, Span


def find_dateline(doc: Document) -> tuple[Span, dt.date] | None:
    """The dateline ("BRANTFORD, March 3, 2025 —") and the date it gives, if any."""
    return None


def extract_dates(doc: Document) -> tuple[list[DateMention], list[Duration]]:
    return [], []
