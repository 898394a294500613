"""``--format jsonl``: one compact JSON object per file per line, flushed as it finishes.

Each line is the file object of the JSON contract (path, reference_date, claims,
dates, attributions, findings, and ``error`` for an unreadable file).  Nothing is
kept, so an archive of any size streams in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from kzaudit.report import RenderOptions
from kzaudit.result import FileResult


def render(results: Iterable[FileResult], out: TextIO, options: RenderOptions) -> None:
    for r in results:
        out.write(json.dumps(r.as_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        out.flush()
