"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=story.txt,line=22,col=120,endLine=22,endColumn=126,title=kzaudit date-outlier::message

Article text reaches the message and the title, so both are escaped the way the
Actions runner unescapes them (``%`` ``\\r`` ``\\n`` everywhere, plus ``:`` and
``,`` in properties): no article can end the line and forge a command of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from kzaudit.report import RenderOptions
from kzaudit.result import FileResult
from kzaudit.textsafe import clean

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part; other terminal controls are dropped (the log renders ANSI)."""
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a ``key=value`` property: the data escapes plus its separators."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line; ``props`` in the order given, ``None`` values left out."""
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return (
        f"::{level} {fields}::{escape_data(message)}"
        if fields
        else f"::{level}::{escape_data(message)}"
    )


def _relative(path: str) -> str:
    """``./a.md`` as ``a.md``: annotations match files by their path from the repository root."""
    while path.startswith("./"):
        path = path[2:]
    return path


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    for r in results:
        if r.error is not None:
            out.write(
                command("error", f"cannot read: {r.error}", file=_relative(r.path), title="kzaudit")
                + "\n"
            )
            continue
        for f in r.findings:
            message = f.message
            if f.suggestion:
                message += f" (suggestion: {f.suggestion})"
            out.write(
                command(
                    LEVEL[f.severity],
                    message,
                    file=_relative(r.path),
                    line=f.line,
                    col=f.column,
                    endLine=f.end_line,
                    endColumn=f.end_column,
                    title=f"kzaudit {f.rule}",
                )
                + "\n"
            )
        out.flush()
