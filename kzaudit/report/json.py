"""``--format json``: the whole run as one document (contract in DESIGN.md).

Streamed: each file's object is written as it arrives and only counters are
kept, yet the bytes are those of one ``json.dump(..., indent=2)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from kzaudit import __version__
from kzaudit.report import HOLE, RenderOptions, Tally, stream_json
from kzaudit.result import FileResult


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    tally = Tally()
    stream_json(
        out,
        lambda: {
            "version": 1,
            "tool": {"name": "kzaudit", "version": __version__},
            "files": HOLE,
            "summary": tally.as_dict(),
        },
        (r.as_dict() for r in tally.watch(results)),
    )
