"""report: one renderer module per output format; renderers know nothing about rules.

A renderer module exposes ``render(results, out, options)``: ``results`` is an
iterable of ``FileResult`` in output order, consumed as a stream (every renderer
writes each file as it arrives and keeps only counters, so memory stays flat over
100,000 files); ``out`` is a text stream; ``options`` a ``RenderOptions``.  What a
renderer needs to know about rules (SARIF descriptors) arrives as data in
``RenderOptions.rules``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, TextIO

# format name -> module under kzaudit.report (imported lazily: start-up stays fast)
CHECK_FORMATS = {
    "rich": "terminal",
    "json": "json",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
}
CLAIMS_FORMATS = {
    "table": "table",
    "json": "claims_json",
    "csv": "csv",
}


# eq=False on these records: nothing compares them by value (see kzaudit.model).
@dataclass(frozen=True, eq=False)
class RuleInfo:
    """What a report may say about a rule: given by the caller from the registry."""

    id: str
    severity: str
    summary: str
    help: str = ""  # the rule's documentation (its module docstring)
    group: str = ""


@dataclass(frozen=True, eq=False)
class RenderOptions:
    """How to render: colour, quietness, statistics, rule descriptors, width."""

    color: bool | None = None  # None: auto (TTY and no NO_COLOR)
    quiet: bool = False
    statistics: bool = False
    rules: tuple[RuleInfo, ...] = ()
    width: int | None = None  # terminal width; None: detect


def renderer(fmt: str, claims: bool = False) -> ModuleType:
    """The renderer module for ``fmt`` (``claims``: the ``kzaudit claims`` formats)."""
    module = (CLAIMS_FORMATS if claims else CHECK_FORMATS)[fmt]
    return importlib.import_module(f"{__name__}.{module}")


@dataclass(eq=False)
class Tally:
    """Running counts over a stream of results: the summary, the exit code, --statistics."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    worst: int = 0
    per_rule: Counter = field(default_factory=Counter)

    def add(self, result: Any) -> None:
        self.files += 1
        if result.error is not None:
            self.unreadable += 1
        for f in result.findings:
            if f.severity == "error":
                self.errors += 1
            elif f.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1
            self.per_rule[(f.rule, f.severity)] += 1
        self.worst = max(self.worst, result.worst())

    def watch(self, results: Iterable[Any]) -> Iterator[Any]:
        """Pass ``results`` through, counting each one."""
        for r in results:
            self.add(r)
            yield r

    def as_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
        }

    def statistics(self) -> list[tuple[str, str, int]]:
        """(rule, severity, count), most frequent first, then by rule id."""
        return sorted(
            ((rule, sev, n) for (rule, sev), n in self.per_rule.items()),
            key=lambda t: (-t[2], t[0], t[1]),
        )


HOLE = "@@kzaudit-stream@@"  # placeholder for the streamed list in stream_json


def stream_json(
    out: TextIO,
    make_doc: Callable[[], dict[str, Any]],
    items: Iterable[dict[str, Any]],
) -> None:
    """Write ``make_doc()`` as indented JSON with the list at the ``HOLE`` value streamed.

    ``make_doc`` is called twice, before and after ``items`` is consumed (so
    counters gathered while streaming can appear after the hole).  The bytes are
    exactly those of ``json.dump(doc, indent=2)`` with the list in place.
    """
    from json import JSONEncoder  # here, not at the top: the rich report never loads json

    head = _split(make_doc())[0]
    out.write(head)
    indent = head[head.rfind("\n") + 1 :]
    indent = " " * (len(indent) - len(indent.lstrip(" ")))
    inner = indent + "  "
    newline = "\n" + inner
    encoder = JSONEncoder(ensure_ascii=False, indent=2)
    first = True
    for item in items:
        out.write(("[\n" if first else ",\n") + inner)
        # In pieces of about 64 KB: one 10 MB article's object would otherwise be held
        # twice over as one string (dumps, then the re-indented copy).
        buf: list[str] = []
        size = 0
        for chunk in encoder.iterencode(item):
            buf.append(chunk)
            size += len(chunk)
            if size > _CHUNK:
                out.write("".join(buf).replace("\n", newline))
                buf, size = [], 0
        out.write("".join(buf).replace("\n", newline))
        first = False
    out.write("[]" if first else "\n" + indent + "]")
    out.write(_split(make_doc())[1])
    out.write("\n")


_CHUNK = 1 << 16  # characters of encoded JSON written at a time


def _split(doc: dict[str, Any]) -> tuple[str, str]:
    from json import dumps

    text = dumps(doc, ensure_ascii=False, indent=2)
    marker = dumps(HOLE)
    i = text.index(marker)
    return text[:i], text[i + len(marker) :]
