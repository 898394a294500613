"""``kzaudit claims --format json``: every figure, date and attribution per file.

The same file objects as ``check --format json`` without ``findings``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from kzaudit import __version__
from kzaudit.report import HOLE, RenderOptions, stream_json
from kzaudit.result import FileResult


def file_object(result: FileResult) -> dict[str, Any]:
    out = result.as_dict()
    del out["findings"]
    return out


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    stream_json(
        out,
        lambda: {"version": 1, "tool": {"name": "kzaudit", "version": __version__}, "files": HOLE},
        (file_object(r) for r in results),
    )
