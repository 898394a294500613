"""``kzaudit claims --format csv``: every claim, date and attribution, one row each.

Columns: ``path, kind, text, value, qualifier, unit, category, subject, line,
column, start, end, source, date``.  Claims fill them as in the JSON contract;
a date row has kind ``date``, its normalised date in ``value`` and ``date``,
its precision in ``qualifier`` and its tense in ``category``; an attribution
row has kind ``attribution``, the source in ``source``, the verb in
``category`` and the quotation (if any) in ``text``.  An unreadable file is
one row of kind ``error`` with the reason in ``text``.

Spreadsheets execute cells that start with ``=``, ``+``, ``-``, ``@``, tab or
carriage return, and article text is untrusted: such text cells get a leading
apostrophe (the OWASP advice).  Numbers are our own values and are written as
numbers, so "-5" as a value stays numeric.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from kzaudit.report import RenderOptions
from kzaudit.result import FileResult

COLUMNS = (
    "path", "kind", "text", "value", "qualifier", "unit", "category", "subject",
    "line", "column", "start", "end", "source", "date",
)  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text; ``None`` becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def rows(result: FileResult) -> Iterator[dict[str, Any]]:
    base = {"path": result.path}
    if result.error is not None:
        yield {**base, "kind": "error", "text": result.error}
        return
    for c in result.claims:
        yield {**base, **{k: c.get(k) for k in COLUMNS if k != "path"}}
    for d in result.dates:
        yield {
            **base,
            "kind": "date",
            "text": d["text"],
            "value": d.get("date"),
            "qualifier": d.get("precision"),
            "category": d.get("tense"),
            "date": d.get("date"),
            **_position(d),
        }
    for a in result.attributions:
        yield {
            **base,
            "kind": "attribution",
            "text": a.get("quote"),
            "category": a["verb"],
            "source": a["source"],
            **_position(a),
        }


def _position(item: dict[str, Any]) -> dict[str, Any]:
    return {k: item[k] for k in ("line", "column", "start", "end")}


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        for row in rows(r):
            writer.writerow({k: safe_cell(row.get(k)) for k in COLUMNS})
        out.flush()
