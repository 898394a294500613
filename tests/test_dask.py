"""The Dask engine: same bytes as the local engine, nothing lost when a worker dies, clean errors."""

from __future__ import annotations

import builtins
import io
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from kzaudit import batch
from kzaudit.config import Config
from kzaudit.engines import AUDIT_HOOK_ENV, EngineError, dask_engine
from kzaudit.pipeline import audit_path
from kzaudit.report import RenderOptions
from kzaudit.report.json import render
from kzaudit.result import FileResult

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

ARTICLES = [
    "LONDON, Jan 5 (Reuters) - More than {n},000 people were arrested on Tuesday, the Interior "
    "Ministry said. About {n}0 officers were injured, it said on January 4.\n\n"
    "The Collective Security Treaty Organization (CSTO) sent {n} battalions.\n",
    "PARIS, March 3, 2005 - Shares rose {n}% to 4.{n} euros, the company said on Monday.\n\n"
    "\u201cWe expect {n} new stores,\u201d chief executive Anne Roy said.\n",
]


def _text(i: int) -> bytes:
    return ARTICLES[i % 2].format(n=i + 1).encode("utf-8")


def slow_audit(path: str, config: Config, data: bytes | None = None) -> FileResult:
    """Slow enough for a worker to be killed while it holds tasks."""
    time.sleep(0.05)
    return audit_path(path, config, data)


def spinning_audit(path: str, config: Config, data: bytes | None = None) -> FileResult:
    """A pure-Python loop that never ends by itself (a runaway extractor)."""
    if "story-01" in path:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass
    return audit_path(path, config, data)


async def _die() -> None:
    os._exit(1)


def _json(results) -> str:
    out = io.StringIO()
    render(list(results), out, RenderOptions())
    return out.getvalue()


@pytest.fixture(scope="module")
def thread_cluster():
    """Two workers sharing this process, so they see this process's memory:// files."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        silence_logs=50,
    ) as cluster:
        yield cluster


@pytest.fixture
def memory_archive():
    fs = fsspec.filesystem("memory")
    root = "memory://kzaudit-test/archive"
    for i in range(12):
        with fs.open(f"{root}/{'sub/' if i % 3 == 0 else ''}story-{i:02d}.txt", "wb") as fh:
            fh.write(_text(i))
    with fs.open(f"{root}/skip.jpg", "wb") as fh:
        fh.write(b"\xff\xd8")
    with fs.open(f"{root}/legacy.txt", "wb") as fh:
        fh.write("Caf\xe9 owners said 12 people were hurt.\n".encode("cp1252"))
    yield root
    fs.rm("memory://kzaudit-test", recursive=True)


def test_memory_fs_dask_is_byte_identical_to_local(thread_cluster, memory_archive) -> None:
    files, errors = batch.discover([memory_archive + "/"])
    assert errors == [] and len(files) == 13
    assert not any(f.endswith(".jpg") for f in files)
    files.append(memory_archive + "/missing.txt")  # vanished between listing and reading
    local = _json(batch.run(files, Config(), jobs=1))
    dask = _json(
        dask_engine.run_dask(
            [(f, None) for f in files],
            Config(),
            scheduler=thread_cluster.scheduler_address,
            task_bytes=600,  # several tasks even for a small batch
        )
    )
    assert dask == local
    doc = json.loads(dask)
    assert doc["files"][-1]["error"] == "no such file"


def test_url_globs_and_filters(memory_archive) -> None:
    files, errors = batch.discover([memory_archive + "/**/story-0*.txt"])
    assert [f.rsplit("/", 2)[-2:] for f in files][:2] == [
        ["archive", "story-01.txt"],
        ["archive", "story-02.txt"],
    ]
    assert len(files) == 10 and errors == []
    files, _ = batch.discover([memory_archive], exclude=["sub/**", "legacy.txt"])
    assert len(files) == 8 and not any("/sub/" in f for f in files)
    files, _ = batch.discover([memory_archive], include=["*.jpg"])
    assert [f.rsplit("/", 1)[-1] for f in files] == ["skip.jpg"]
    files, _ = batch.discover([memory_archive + "/skip.jpg"], exclude=["*.jpg"])
    assert len(files) == 1  # a file named explicitly is audited whatever its name
    _, errors = batch.discover([memory_archive + "/nothing/"])
    assert [e.error for e in errors] == ["no such file or directory"]


def test_output_dir_shards_and_claims(thread_cluster, memory_archive) -> None:
    files, _ = batch.discover([memory_archive])
    out = "memory://kzaudit-test/out"
    light = list(
        batch.run(
            files,
            Config(),
            engine="dask",
            scheduler=thread_cluster.scheduler_address,
            output_dir=out,
        )
    )
    assert [r.path for r in light] == files
    assert all(not r.claims and not r.dates for r in light)
    fs = fsspec.filesystem("memory")
    shards = sorted(fs.glob("/kzaudit-test/out/part-*.jsonl"))
    written = [json.loads(line) for s in shards for line in fs.cat(s).decode().splitlines()]
    assert [w["path"] for w in written] == files
    full = [audit_path(f, Config(), fs.cat(f)).as_dict() for f in files]
    assert written == json.loads(json.dumps(full))
    rows = [
        json.loads(line)
        for s in sorted(fs.glob("/kzaudit-test/out/claims/part-*.jsonl"))
        for line in fs.cat(s).decode().splitlines()
    ]
    expected = sum(
        len(r["claims"]) + len(r["dates"]) + len(r["attributions"]) + len(r["findings"])
        for r in full
    )
    assert len(rows) == expected
    assert {r["type"] for r in rows} <= {"claim", "date", "attribution", "finding", "error"}
    pq = pytest.importorskip("pyarrow.parquet")
    tables = [
        pq.read_table(io.BytesIO(fs.cat(s)))
        for s in fs.glob("/kzaudit-test/out/claims-parquet/*.parquet")
    ]
    assert sum(t.num_rows for t in tables) == expected


def test_killed_worker_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for i in range(40):
        p = tmp_path / f"story-{i:02d}.txt"
        p.write_bytes(_text(i))
        paths.append(str(p))
    local = _json(batch.run(paths, Config(), jobs=1))
    monkeypatch.setenv(AUDIT_HOOK_ENV, f"{__name__}:slow_audit")  # read by the worker processes
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = dask_engine.run_dask(
            [(p, None) for p in paths],
            Config(),
            scheduler=cluster.scheduler_address,
            task_bytes=1200,
        )
        first = next(results)  # tasks are now running on both workers
        victim = sorted(client.scheduler_info()["workers"])[0]
        client.run(_die, workers=[victim], wait=False)
        rest = list(results)
        assert victim not in client.scheduler_info()["workers"]  # it did die mid-run
    got = _json([first, *rest])
    if got != local:  # show where the first file that differs differs
        import difflib

        pairs = zip(json.loads(got)["files"], json.loads(local)["files"], strict=True)
        g, w = next((g, w) for g, w in pairs if g != w)
        diff = difflib.unified_diff(
            json.dumps(w, indent=1).splitlines(), json.dumps(g, indent=1).splitlines(), lineterm=""
        )
        raise AssertionError("\n".join(diff))


def test_timeout_in_worker_thread(
    thread_cluster, memory_archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AUDIT_HOOK_ENV, f"{__name__}:spinning_audit")
    files, _ = batch.discover([memory_archive])
    started = time.monotonic()
    results = list(
        batch.run(
            files, Config(), engine="dask", scheduler=thread_cluster.scheduler_address, timeout=3
        )
    )
    # The limit leaves ordinary files room: the spinning thread holds the GIL half the
    # time, so on a loaded machine a normal story can take far longer than usual.
    assert time.monotonic() - started < 30
    errors = {r.path.rsplit("/", 1)[-1]: r.error for r in results if r.error}
    assert errors == {"story-01.txt": "timed out after 3 s"}


def test_extra_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name.split(".")[0] in ("distributed", "dask"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(EngineError) as exc:
        next(batch.run(["a.txt"], Config(), engine="dask"))
    assert str(exc.value) == "the dask engine needs the optional extra: pip install 'kzaudit[dask]'"


def test_unreachable_scheduler_fails_fast() -> None:
    import dask

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with dask.config.set({"kzaudit.connect-timeout": 1}), pytest.raises(EngineError) as exc:
        next(batch.run(["a.txt"], Config(), engine="dask", scheduler=f"tcp://127.0.0.1:{port}"))
    assert time.monotonic() - started < 10
    assert str(exc.value).startswith(f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert "\n" not in str(exc.value)
    assert threading.active_count() < 50
