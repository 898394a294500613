"""Baselines: accept today's findings, report only new ones from now on.

``--write-baseline FILE`` records every current finding; ``--baseline FILE``
then drops the findings it records.  A finding is keyed by its file, rule,
offending text and a hash of its sentence with whitespace and case normalised,
never by line or offset, so edits elsewhere in the file keep the baseline
valid; identical keys are counted, so a second copy of an accepted mistake is
still new.  Paths are stored relative to the baseline file's folder (POSIX
separators), so the baseline can be committed and used from any working folder.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from kzaudit.result import FileResult, FindingRecord

VERSION = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file; ``str()`` is the one-line reason."""


Key = tuple[str, str, str, str]  # path, rule, text, context hash


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def fingerprint(f: FindingRecord) -> str:
    """A hash of rule, offending text and normalised sentence: stable across other edits."""
    data = "\x1f".join((f.rule, _normalise(f.text), _normalise(f.context)))
    import hashlib  # ~3 ms (OpenSSL); only baselines need it

    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _context_hash(f: FindingRecord) -> str:
    import hashlib

    return hashlib.sha256(_normalise(f.context).encode("utf-8")).hexdigest()[:16]


class Baseline:
    """Finding keys with counts, for one baseline file."""

    def __init__(self, file: str | os.PathLike[str], counts: Counter[Key] | None = None):
        self.root = Path(file).resolve().parent
        self.counts: Counter[Key] = counts if counts is not None else Counter()

    def rel(self, path: str) -> str:
        """``path`` as stored: relative to the baseline's folder when it is a local file."""
        if path.startswith("<") or "://" in path:
            return path
        try:
            return Path(os.path.relpath(Path(path).resolve(), self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(path).resolve().as_posix()

    def keys(self, result: FileResult) -> Iterator[tuple[Key, FindingRecord]]:
        path = self.rel(result.path)
        for f in result.findings:
            yield (path, f.rule, f.text, _context_hash(f)), f

    # -- writing ---------------------------------------------------------------
    def record(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` through, counting every finding."""
        for r in results:
            for key, _ in self.keys(r):
                self.counts[key] += 1
            yield r

    def dump(self) -> str:
        entries = [
            {"path": p, "rule": rule, "text": text, "context": ctx, "count": n}
            for (p, rule, text, ctx), n in sorted(self.counts.items())
        ]
        doc = {"version": VERSION, "tool": "kzaudit", "findings": entries}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    def write(self, file: str | os.PathLike[str]) -> None:
        try:
            Path(file).write_text(self.dump(), encoding="utf-8")
        except OSError as exc:
            raise BaselineError(f"{file}: {exc.strerror or exc}") from None

    # -- reading and filtering -----------------------------------------------
    @classmethod
    def load(cls, file: str | os.PathLike[str]) -> Baseline:
        try:
            doc = json.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{file}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise BaselineError(f"{file}: not a kzaudit baseline ({exc})") from None
        if not isinstance(doc, dict) or doc.get("version") != VERSION:
            raise BaselineError(f"{file}: not a kzaudit baseline (version {VERSION} expected)")
        counts: Counter[Key] = Counter()
        try:
            for e in doc["findings"]:
                key = (str(e["path"]), str(e["rule"]), str(e["text"]), str(e["context"]))
                counts[key] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"{file}: malformed entry ({exc!r})") from None
        return cls(file, counts)

    def filter(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Drop baselined findings (the first ``count`` of each key, in file order)."""
        for r in results:
            yield self._filter_one(r)

    def _filter_one(self, result: FileResult) -> FileResult:
        if not result.findings:
            return result
        used: Counter[Key] = Counter()
        kept: list[FindingRecord] = []
        for key, f in self.keys(result):
            if used[key] < self.counts.get(key, 0):
                used[key] += 1
            else:
                kept.append(f)
        result.findings = kept
        return result
