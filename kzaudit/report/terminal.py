"""``--format rich``: the editor's report in the terminal.

Grouped by file: ``line:column  severity  rule  message``, then the sentence with
the offending text highlighted, then the suggestion; a summary line at the end
(and, with ``--statistics``, a count per rule).  Article text is untrusted: it is
printed through ``rich.text.Text`` (never parsed as markup) after control
characters are stripped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.text import Text

from kzaudit.report import RenderOptions, Tally
from kzaudit.result import FileResult, FindingRecord
from kzaudit.textsafe import clean

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PIPE_WIDTH = 160
CONTEXT_CHARS = 60  # of sentence shown on either side of the offending text


def console_for(out: TextIO, options: RenderOptions) -> Console:
    """A console honouring ``--color`` (None: auto, where Rich also honours NO_COLOR).

    Into a pipe or file (and no ``COLUMNS``) tables get ``PIPE_WIDTH`` columns, not
    Rich's 80, which crush a nine-column claims table.
    """
    console = Console(
        file=out,
        force_terminal=True if options.color else None,
        color_system=None if options.color is False else "auto",
        highlight=False,
        soft_wrap=True,
        emoji=False,
        markup=False,
        width=options.width,
    )
    if options.width is None and not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    console = console_for(out, options)
    tally = Tally()
    for result in tally.watch(results):
        if result.error is not None:
            console.print(
                Text.assemble(
                    (clean(result.path), "bold"), ": ", ("error", "red"), ": ", clean(result.error)
                )
            )
            continue
        shown = [f for f in result.findings if not options.quiet or f.severity == "error"]
        if not shown:
            continue
        block = [Text(clean(result.path), style="bold underline")]
        for f in shown:
            block.extend(_finding(f))
        block.append(Text())
        console.print(Text("\n").join(block))  # one print per file: Rich's cost is per call
        out.flush()
    console.print(summary_line(tally))
    if options.statistics and tally.per_rule:
        console.print()
        console.print(Text("Findings per rule:", style="bold"))
        for rule, severity, n in tally.statistics():
            console.print(
                Text.assemble(f"{n:>7}  ", (f"{severity:<7}", STYLE[severity]), "  ", rule)
            )


def _finding(f: FindingRecord) -> list[Text]:
    lines = [
        Text.assemble(
            (f"  {f.line}:{f.column}", "dim"),
            "  ",
            (f"{f.severity:<7}", STYLE[f.severity]),
            "  ",
            (f.rule, "magenta"),
            "  ",
            clean(f.message),
        )
    ]
    if f.context:
        lines.append(_context(f))
    if f.suggestion:
        lines.append(Text.assemble("      ", ("suggestion: ", "green"), clean(f.suggestion)))
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(tally: Tally) -> Text:
    parts: list[str | tuple[str, str]] = [
        "Checked ",
        (_plural(tally.files, "file"), "bold"),
        ": ",
        (_plural(tally.errors, "error"), STYLE["error"] if tally.errors else "green"),
        ", ",
        (_plural(tally.warnings, "warning"), STYLE["warning"] if tally.warnings else "green"),
        ", ",
        (f"{tally.infos} info", STYLE["info"] if tally.infos else "green"),
    ]
    if tally.unreadable:
        parts += [", ", (f"{tally.unreadable} unreadable", "bold red")]
    return Text.assemble(*parts)


def _context(f: FindingRecord) -> Text:
    """The sentence with the offending text highlighted, trimmed around it."""
    rel_start = max(f.start - f.context_start, 0)
    rel_end = max(f.end - f.context_start, rel_start)
    before = f.context[:rel_start]
    after = f.context[rel_end:]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-(CONTEXT_CHARS - 1) :]
    if len(after) > CONTEXT_CHARS:
        after = after[: CONTEXT_CHARS - 1] + "…"
    return Text.assemble(
        "      ",
        (clean(before).lstrip(), "dim"),
        (clean(f.context[rel_start:rel_end]), "bold reverse"),
        (clean(after).rstrip(), "dim"),
    )
