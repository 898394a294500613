"""``--format rich``: the editor's report in the terminal.

Grouped by file: ``line:column  severity  rule  message``, then the sentence with
the offending text highlighted, then the suggestion; a summary line at the end
(and, with ``--statistics``, a count per rule).  Article text is untrusted: it is
printed through ``rich.text.Text`` (never parsed as markup) after control
characters are stripped.

The report is built as lines of (text, style) pieces.  On a terminal (or with
``--color always``) Rich prints them in colour; into a pipe or a file without
colour they are written as plain text and Rich is never imported, which saves a
tenth of a one-article run.  Both ways give the same characters.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from kzaudit.report import RenderOptions, Tally
from kzaudit.result import FileResult, FindingRecord
from kzaudit.textsafe import clean

if TYPE_CHECKING:
    from rich.console import Console

Piece = tuple[str, str | None]  # (text, Rich style or None)
Line = Sequence[Piece]

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PIPE_WIDTH = 160
CONTEXT_CHARS = 60  # of sentence shown on either side of the offending text


def console_for(out: TextIO, options: RenderOptions) -> Console:
    """A console honouring ``--color`` (None: auto, where Rich also honours NO_COLOR).

    Into a pipe or file (and no ``COLUMNS``) tables get ``PIPE_WIDTH`` columns, not
    Rich's 80, which crush a nine-column claims table.
    """
    from rich.console import Console

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


# Variables with which Rich colours output that is not a terminal.
_FORCE_VARS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def plain(out: TextIO, options: RenderOptions) -> bool:
    """True when the report carries no colour: write text, skip Rich altogether."""
    if options.color is not None:
        return not options.color
    if any(os.environ.get(v) for v in _FORCE_VARS):
        return False
    try:
        return not out.isatty()
    except (AttributeError, ValueError):
        return True


class _Sink:
    """Writes report lines: plain text, or through a Rich console in colour."""

    def __init__(self, out: TextIO, options: RenderOptions) -> None:
        self.out = out
        self.console = None if plain(out, options) else console_for(out, options)

    def lines(self, lines: Iterable[Line]) -> None:
        lines = list(lines)
        if self.console is None:
            self.out.write("".join("".join(t for t, _ in line) + "\n" for line in lines))
            return
        from rich.text import Text

        block = [Text.assemble(*((t, st) if st else t for t, st in line)) for line in lines]
        self.console.print(Text("\n").join(block))  # one print per block: Rich's cost is per call


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    sink = _Sink(out, options)
    tally = Tally()
    for result in tally.watch(results):
        if result.error is not None:
            sink.lines(
                [
                    [
                        (clean(result.path), "bold"),
                        (": ", None),
                        ("error", "red"),
                        (": ", None),
                        (clean(result.error), None),
                    ]
                ]  # fmt: skip
            )
            continue
        shown = [f for f in result.findings if not options.quiet or f.severity == "error"]
        if not shown:
            continue
        block: list[Line] = [[(clean(result.path), "bold underline")]]
        for f in shown:
            block.extend(_finding(f))
        block.append([])
        sink.lines(block)
        out.flush()
    sink.lines([summary_line(tally)])
    if options.statistics and tally.per_rule:
        stats: list[Line] = [[], [("Findings per rule:", "bold")]]
        for rule, severity, n in tally.statistics():
            stats.append(
                [
                    (f"{n:>7}  ", None),
                    (f"{severity:<7}", STYLE[severity]),
                    ("  ", None),
                    (rule, None),
                ]
            )
        sink.lines(stats)


def _finding(f: FindingRecord) -> list[Line]:
    lines: list[Line] = [
        [
            (f"  {f.line}:{f.column}", "dim"),
            ("  ", None),
            (f"{f.severity:<7}", STYLE[f.severity]),
            ("  ", None),
            (f.rule, "magenta"),
            ("  ", None),
            (clean(f.message), None),
        ]
    ]
    if f.context:
        lines.append(_context(f))
    if f.suggestion:
        lines.append([("      ", None), ("suggestion: ", "green"), (clean(f.suggestion), None)])
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(tally: Tally) -> Line:
    parts: list[Piece] = [
        ("Checked ", None),
        (_plural(tally.files, "file"), "bold"),
        (": ", None),
        (_plural(tally.errors, "error"), STYLE["error"] if tally.errors else "green"),
        (", ", None),
        (_plural(tally.warnings, "warning"), STYLE["warning"] if tally.warnings else "green"),
        (", ", None),
        (f"{tally.infos} info", STYLE["info"] if tally.infos else "green"),
    ]
    if tally.unreadable:
        parts += [(", ", None), (f"{tally.unreadable} unreadable", "bold red")]
    return parts


def _context(f: FindingRecord) -> Line:
    """The sentence with the offending text highlighted, trimmed around it."""
    rel_start = max(f.start - f.context_start, 0)
    rel_end = max(f.end - f.context_start, rel_start)
    before = f.context[:rel_start]
    after = f.context[rel_end:]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-(CONTEXT_CHARS - 1) :]
    if len(after) > CONTEXT_CHARS:
        after = after[: CONTEXT_CHARS - 1] + "…"
    return [
        ("      ", None),
        (clean(before).lstrip(), "dim"),
        (clean(f.context[rel_start:rel_end]), "bold reverse"),
        (clean(after).rstrip(), "dim"),
    ]
