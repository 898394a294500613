"""``--format rich``: the editor's report in the terminal.

Article text is untrusted: it is printed through ``rich.text.Text`` (never parsed
as markup) after control characters are stripped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.text import Text

from kzaudit.report import RenderOptions, summary
from kzaudit.result import FileResult
from kzaudit.textsafe import clean

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    console = Console(
        file=out,
        force_terminal=options.color,
        no_color=options.color is False,
        highlight=False,
        soft_wrap=True,
    )
    done: list[FileResult] = []
    for result in results:
        done.append(result)
        if result.error:
            console.print(
                Text.assemble(
                    (clean(result.path), "bold"), ": ", ("error", "red"), ": ", clean(result.error)
                )
            )
            continue
        if not result.findings or options.quiet and result.worst() < 2:
            continue
        console.print(Text(clean(result.path), style="bold underline"))
        for f in result.findings:
            head = Text.assemble(
                (f"  {f.line}:{f.column}", "dim"),
                "  ",
                (f"{f.severity:<7}", STYLE[f.severity]),
                "  ",
                (f.rule, "magenta"),
                "  ",
                clean(f.message),
            )
            console.print(head)
            console.print(_context(f))
            if f.suggestion:
                console.print(
                    Text.assemble("      ", ("suggestion: ", "green"), clean(f.suggestion))
                )
        console.print()
    s = summary(done)
    line = Text.assemble(
        ("Checked ", ""),
        (str(s["files"]), "bold"),
        " file(s): ",
        (f"{s['errors']} error(s)", STYLE["error"] if s["errors"] else "green"),
        ", ",
        (f"{s['warnings']} warning(s)", STYLE["warning"] if s["warnings"] else "green"),
        ", ",
        (f"{s['infos']} info", STYLE["info"] if s["infos"] else "green"),
    )
    console.print(line)


def _context(f) -> Text:
    """The sentence with the offending text highlighted, trimmed around it."""
    rel_start = f.start - f.context_start
    rel_end = f.end - f.context_start
    before = f.context[:rel_start]
    after = f.context[rel_end:]
    if len(before) > 60:
        before = "…" + before[-59:]
    if len(after) > 60:
        after = after[:59] + "…"
    return Text.assemble(
        "      ",
        (clean(before), "dim"),
        (clean(f.context[rel_start:rel_end]), "bold reverse"),
        (clean(after), "dim"),
    )
