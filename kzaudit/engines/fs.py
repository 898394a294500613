"""fsspec helpers: list, read and write URLs (``s3://``, ``gs://``, ``memory://``, ...).

Only imported for URLs or the Dask engine, so the core install never needs fsspec.
Local paths keep going through ``kzaudit.read.read_bytes`` so that an unreadable
file gives the same one-line reason whichever engine read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from kzaudit import regexcache
from kzaudit.read import ReadError, read_bytes
from kzaudit.result import FileResult

# "s3://", "memory://", "file://" — at least two letters, so "C:\\" is not a protocol.
_PROTOCOL = regexcache.compile(r"[A-Za-z][A-Za-z0-9+.\-]{1,20}://")

# Sizes seen while listing URLs: the Dask engine groups files into tasks by size
# without asking object storage a second time.
_sizes: dict[str, int] = {}


def has_protocol(path: str) -> bool:
    return _PROTOCOL.match(path) is not None


def known_size(path: str) -> int | None:
    return _sizes.get(path)


def _fs(url: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def list_url(url: str, extensions: Sequence[str]) -> list[tuple[str, str]]:
    """Files under a URL (a file, a folder or a glob), in sorted order.

    Each is ``(url, rel)``: its full URL and its path relative to the folder listed
    (or to the glob's literal prefix), which include/exclude patterns match; ``""``
    when the URL names the file itself.

    A folder is listed recursively and filtered by extension; hidden and VCS folders
    are skipped as they are locally.  Raises ``FileNotFoundError`` when nothing is there.
    """
    fs, root = _fs(url)
    base = root
    if regex.search(r"[*?\[]", root):
        base = root[: regex.search(r"[*?\[]", root).start()].rpartition("/")[0]
        found = fs.glob(root, detail=True)
        keep = {p: info for p, info in found.items() if info.get("type") != "directory"}
    elif fs.isdir(root):
        found = fs.find(root, detail=True)
        keep = {
            p: info
            for p, info in found.items()
            if p.lower().endswith(tuple(extensions)) and not _hidden(p[len(root) :])
        }
    elif fs.exists(root):
        keep = {root: fs.info(root)}  # rel "" marks the path itself: no filter applies
    else:
        raise FileNotFoundError(url)
    out = []
    for p in sorted(keep):
        full = fs.unstrip_protocol(p)
        if keep[p].get("size") is not None:
            _sizes[full] = int(keep[p]["size"])
        out.append((full, p[len(base) :].lstrip("/") if p.startswith(base) else p))
    return out


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.strip("/").split("/"))


def read_any(path: str) -> bytes:
    """Bytes of a local path or a URL; failures raise ``ReadError`` with the local wording."""
    if not has_protocol(path):
        return read_bytes(path)
    try:
        fs, p = _fs(path)
        if fs.isdir(p):
            raise ReadError("is a directory")
        with fs.open(p, "rb") as fh:
            return fh.read()
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


# -- output shards ----------------------------------------------------------------

CLAIM_COLUMNS: dict[str, str] = {
    # column -> pyarrow type name; one row per claim, date, attribution or finding
    "path": "string",
    "type": "string",
    "text": "string",
    "line": "int64",
    "column": "int64",
    "start": "int64",
    "end": "int64",
    "kind": "string",
    "value": "float64",
    "qualifier": "string",
    "unit": "string",
    "category": "string",
    "subject": "string",
    "source": "string",
    "date": "string",
    "verb": "string",
    "quote": "string",
    "rule": "string",
    "severity": "string",
    "message": "string",
    "suggestion": "string",
    "error": "string",
}


def claim_rows(result: FileResult) -> Iterable[dict[str, Any]]:
    """Flatten one result into data-desk rows (every row names its file)."""
    base = {"path": result.path}
    if result.error is not None:
        yield {**base, "type": "error", "error": result.error}
    for kind, rows in (
        ("claim", result.claims),
        ("date", result.dates),
        ("attribution", result.attributions),
        ("finding", [f.as_dict() for f in result.findings]),
    ):
        for row in rows:
            yield {**base, "type": kind, **{k: v for k, v in row.items() if k in CLAIM_COLUMNS}}


def write_shard(output_dir: str, index: int, results: Sequence[FileResult]) -> None:
    """Write one partition: ``part-NNNNN.jsonl`` (one result per line) and its claims.

    Names depend only on the partition index, so a partition re-run after a worker
    died overwrites its shard instead of adding a second copy.
    """
    import fsspec

    from kzaudit.report import RenderOptions, jsonl

    name = f"part-{index:05d}"
    base = output_dir.rstrip("/")
    with fsspec.open(f"{base}/{name}.jsonl", "w", encoding="utf-8", auto_mkdir=True) as fh:
        jsonl.render(results, fh, RenderOptions())  # the same lines as --format jsonl
    rows = [row for r in results for row in claim_rows(r)]
    with fsspec.open(f"{base}/claims/{name}.jsonl", "w", encoding="utf-8", auto_mkdir=True) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    _write_parquet(f"{base}/claims-parquet/{name}.parquet", rows)


def _write_parquet(url: str, rows: list[dict[str, Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return
    import fsspec

    schema = pa.schema([(c, getattr(pa, t)()) for c, t in CLAIM_COLUMNS.items()])
    columns = {c: [_cell(row.get(c), t) for row in rows] for c, t in CLAIM_COLUMNS.items()}
    table = pa.table(columns, schema=schema)
    with fsspec.open(url, "wb", auto_mkdir=True) as fh:
        pq.write_table(table, fh)


def _cell(value: Any, type_name: str) -> Any:
    if value is None:
        return None
    if type_name == "string":
        return value if isinstance(value, str) else str(value)
    if type_name == "float64":
        return float(value)
    return int(value)
