"""``--format json``: the whole run as one document (contract in DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from kzaudit import __version__
from kzaudit.report import RenderOptions, summary
from kzaudit.result import FileResult


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    items = list(results)
    doc = {
        "version": 1,
        "tool": {"name": "kzaudit", "version": __version__},
        "files": [r.as_dict() for r in items],
        "summary": summary(items),
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
