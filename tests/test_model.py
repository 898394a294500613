"""The model's records: identity comparison and the shared repr."""

from __future__ import annotations

from kzaudit.model import Document, Sentence, Span, span_at
from kzaudit.result import FindingRecord


def test_record_repr_is_the_dataclass_repr() -> None:
    assert repr(Sentence(Span(0, 3), 1)) == "Sentence(span=Span(start=0, end=3), paragraph=1)"
    doc = Document("p", "ab", "ab", _line_starts=[0])
    assert repr(doc).startswith("Document(path='p', source='ab', text='ab', reference_date=None")
    assert "_line_starts" not in repr(doc)  # fields declared repr=False stay hidden
    record = FindingRecord("r", "info", "m", 1, 2, 3, 4, 5, 6, "t")
    assert repr(record).endswith("suggestion=None, context='', context_start=0)")


def test_records_compare_by_identity_spans_by_value() -> None:
    assert Span(1, 2) == Span(1, 2)
    first, second = Sentence(Span(0, 3), 1), Sentence(Span(0, 3), 1)
    assert first == first and first != second


def test_span_at_finds_the_span_holding_a_position() -> None:
    spans = [Span(0, 5), Span(10, 20), Span(20, 25)]
    assert span_at(spans, 0) == Span(0, 5)
    assert span_at(spans, 4) == Span(0, 5)
    assert span_at(spans, 5) is None  # half-open
    assert span_at(spans, 7) is None
    assert span_at(spans, 20) == Span(20, 25)
    assert span_at([], 3) is None
