"""``kzaudit claims --format table``: the figures, dates and attributions per file.

A Rich table per kind.  Article text goes through ``rich.text.Text`` after
control characters are stripped, never through markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from rich.table import Table
from rich.text import Text

from kzaudit.report import RenderOptions
from kzaudit.report.terminal import console_for
from kzaudit.result import FileResult
from kzaudit.textsafe import clean


def _cell(value: Any) -> Text:
    return Text("" if value is None else clean(str(value)))


def _table(title: str, columns: tuple[str, ...], rows: list[list[Any]]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for c in columns:
        table.add_column(c, no_wrap=c in ("where", "kind"))
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def _where(item: dict[str, Any]) -> str:
    return f"{item['line']}:{item['column']}"


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    console = console_for(out, options)
    for r in results:
        console.print(Text(clean(r.path), style="bold underline"))
        if r.error is not None:
            console.print(Text.assemble(("error", "red"), ": ", clean(r.error)))
            console.print()
            continue
        if r.reference_date:
            console.print(Text(f"reference date: {r.reference_date}", style="dim"))
        if r.claims:
            console.print(
                _table(
                    "Figures",
                    ("where", "kind", "text", "value", "qualifier", "category", "subject", "source", "date"),
                    [
                        [_where(c), c["kind"], c["text"], c["value"], c["qualifier"],
                         c["category"], c["subject"], c["source"], c["date"]]
                        for c in r.claims
                    ],
                )
            )  # fmt: skip
        if r.dates:
            console.print(
                _table(
                    "Dates",
                    ("where", "text", "date", "precision", "tense"),
                    [[_where(d), d["text"], d["date"], d.get("precision"), d.get("tense")] for d in r.dates],
                )
            )  # fmt: skip
        if r.attributions:
            console.print(
                _table(
                    "Attributions",
                    ("where", "source", "verb", "quote"),
                    [[_where(a), a["source"], a["verb"], a["quote"]] for a in r.attributions],
                )
            )
        if not (r.claims or r.dates or r.attributions):
            console.print(Text("no figures, dates or attributions found", style="dim"))
        console.print()
        out.flush()
