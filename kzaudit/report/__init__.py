"""report: one renderer module per output format; renderers know nothing about rules.

A renderer module exposes ``render(results, out, options)``: ``results`` is an
iterable of ``FileResult`` in output order (streaming renderers write as they
go), ``out`` a text stream, ``options`` a ``RenderOptions``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

# format name -> module under kzaudit.report (imported lazily: start-up stays fast)
CHECK_FORMATS = {
    "rich": "terminal",
    "json": "json",
}
CLAIMS_FORMATS: dict[str, str] = {}


@dataclass(frozen=True)
class RenderOptions:
    color: bool | None = None  # None: auto (TTY and no NO_COLOR)
    quiet: bool = False
    statistics: bool = False


def renderer(fmt: str) -> ModuleType:
    module = CHECK_FORMATS.get(fmt) or CLAIMS_FORMATS[fmt]
    return importlib.import_module(f"{__name__}.{module}")


def summary(results: list) -> dict[str, int]:
    """Counts shared by every renderer's summary."""
    return {
        "files": len(results),
        "errors": sum(r.count("error") for r in results),
        "warnings": sum(r.count("warning") for r in results),
        "infos": sum(r.count("info") for r in results),
    }
