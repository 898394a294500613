"""Batch mode: discovery of files, folders and globs; the local engine in and out of process."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from kzaudit import batch
from kzaudit.config import Config
from kzaudit.engines import AUDIT_HOOK_ENV
from kzaudit.engines import local as local_engine
from kzaudit.pipeline import audit_path
from kzaudit.report import RenderOptions
from kzaudit.report.json import render
from kzaudit.result import FileResult

ARTICLE = (
    "LONDON, March {n}, 2005 - More than {n}00 people were arrested on Tuesday, the Interior "
    "Ministry said.\n\nThe ministry said {n} officers were injured in the clashes on March 1.\n"
)


# Audit functions swapped in through AUDIT_HOOK_ENV (module-level: worker processes import them).
def hooked_audit(path: str, config: Config, data: bytes | None = None) -> FileResult:
    name = os.path.basename(path)
    if "slow" in name:
        time.sleep(30)
    if "boom" in name:
        raise ValueError("extractor exploded\nsecond line")
    if "die" in name:
        os._exit(3)
    return audit_path(path, config, data)


def _json(results) -> str:
    out = io.StringIO()
    render(list(results), out, RenderOptions())
    return out.getvalue()


def _tree(root: Path, names: list[str]) -> None:
    for i, name in enumerate(names):
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(ARTICLE.format(n=i + 1), encoding="utf-8")


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUDIT_HOOK_ENV, f"{__name__}:hooked_audit")


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes even for a handful of files."""
    monkeypatch.setattr(local_engine, "MIN_FILES_FOR_POOL", 0)


# -- discovery ------------------------------------------------------------------------


def test_folder_walk_sorted_default_extensions_hidden_and_vcs_skipped(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        [
            "b.txt",
            "a.md",
            "sub/c.html",
            "sub/d.htm",
            "sub/e.markdown",
            "sub/skip.jpg",
            ".hidden/x.txt",
            ".git/y.txt",
            "sub/.svn/z.txt",
            ".dot.txt",
            "a-b/f.txt",
        ],
    )
    files, errors = batch.discover([str(tmp_path)])
    rel = [os.path.relpath(f, tmp_path) for f in files]
    assert rel == ["a-b/f.txt", "a.md", "b.txt", "sub/c.html", "sub/d.htm", "sub/e.markdown"]
    assert errors == []


def test_missing_path_is_an_error_and_explicit_file_any_extension(tmp_path: Path) -> None:
    (tmp_path / "notes.rst").write_text("x", encoding="utf-8")
    files, errors = batch.discover([str(tmp_path / "notes.rst"), str(tmp_path / "nope.txt")])
    assert files == [str(tmp_path / "notes.rst")]
    assert [(e.path, e.error) for e in errors] == [
        (str(tmp_path / "nope.txt"), "no such file or directory")
    ]


def test_symlink_loop_reported_not_followed(tmp_path: Path) -> None:
    _tree(tmp_path, ["a/one.txt", "a/b/two.txt"])
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    os.symlink(tmp_path / "a" / "b", tmp_path / "alias")  # a second route, not a loop
    files, errors = batch.discover([str(tmp_path)])
    assert [os.path.relpath(f, tmp_path) for f in files] == ["a/b/two.txt", "a/one.txt"]
    assert len(errors) == 1
    assert errors[0].path.endswith("loop")
    assert "symbolic link loop" in errors[0].error


def test_include_and_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, ["news/a.txt", "news/b.md", "drafts/c.txt", "news/old/d.txt", "x.rst"])
    files, _ = batch.discover([str(tmp_path)], exclude=["drafts/**", "old"])
    assert [os.path.relpath(f, tmp_path) for f in files] == ["news/a.txt", "news/b.md"]
    files, _ = batch.discover([str(tmp_path)], include=["*.md", "*.rst"])
    assert [os.path.relpath(f, tmp_path) for f in files] == ["news/b.md", "x.rst"]


def test_globs(tmp_path: Path) -> None:
    _tree(tmp_path, ["articles/a.md", "articles/2024/b.md", "articles/2024/c.txt", ".h/d.md"])
    files, errors = batch.discover([f"{tmp_path}/articles/**/*.md"])
    assert [os.path.relpath(f, tmp_path) for f in files] == ["articles/2024/b.md", "articles/a.md"]
    files, errors = batch.discover([f"{tmp_path}/articles/20*"])
    assert [os.path.relpath(f, tmp_path) for f in files] == [
        "articles/2024/b.md",
        "articles/2024/c.txt",
    ]
    files, errors = batch.discover([f"{tmp_path}/nothing/*.md"])
    assert files == [] and errors[0].error == "no file matches the pattern"


def test_stdin(tmp_path: Path) -> None:
    files, _ = batch.discover(["-"])
    assert files == ["-"]
    [result] = batch.run(files, Config(), jobs=1, stdin_data=ARTICLE.format(n=3).encode())
    assert result.path == "<stdin>" and result.error is None
    assert (
        result.as_dict() == audit_path("<stdin>", Config(), ARTICLE.format(n=3).encode()).as_dict()
    )


# -- the local engine -------------------------------------------------------------------


def test_pool_output_identical_to_one_job(tmp_path: Path, pool: None) -> None:
    _tree(tmp_path, [f"d{i % 3}/art{i:02d}.txt" for i in range(24)])
    files, _ = batch.discover([str(tmp_path)])
    one = _json(batch.run(files, Config(), jobs=1))
    two = _json(batch.run(files, Config(), jobs=2))
    assert one == two
    assert one.count('"path"') == 24


def test_unreadable_file_reported_rest_goes_on(tmp_path: Path, pool: None) -> None:
    _tree(tmp_path, ["a.txt", "b.txt", "c.txt"])
    (tmp_path / "dir.txt").mkdir()
    files = [str(tmp_path / n) for n in ("a.txt", "b.txt", "dir.txt", "gone.txt", "c.txt")]
    for jobs in (1, 2):
        results = list(batch.run(files, Config(), jobs=jobs))
        assert [r.path for r in results] == files
        assert [r.error for r in results] == [None, None, "is a directory", "no such file", None]


def test_internal_error_isolated(tmp_path: Path, hook: None, pool: None) -> None:
    _tree(tmp_path, ["a.txt", "boom.txt", "c.txt"])
    files, _ = batch.discover([str(tmp_path)])
    for jobs in (1, 2):
        results = list(batch.run(files, Config(), jobs=jobs))
        assert [r.error for r in results] == [
            None,
            "internal error: ValueError: extractor exploded",
            None,
        ]


def test_timeout_in_process_and_in_pool(tmp_path: Path, hook: None, pool: None) -> None:
    _tree(tmp_path, ["a.txt", "slow.txt", "c.txt"])
    files, _ = batch.discover([str(tmp_path)])
    for jobs in (1, 2):
        started = time.monotonic()
        results = list(batch.run(files, Config(), jobs=jobs, timeout=2))
        assert time.monotonic() - started < 15
        assert [r.error for r in results] == [None, None, "timed out after 2 s"]


def test_dead_worker_loses_no_other_file(tmp_path: Path, hook: None, pool: None) -> None:
    names = [f"a{i:02d}.txt" for i in range(6)] + ["die.txt"] + [f"z{i:02d}.txt" for i in range(6)]
    _tree(tmp_path, names)
    files, _ = batch.discover([str(tmp_path)])
    results = list(batch.run(files, Config(), jobs=2))
    assert [r.path for r in results] == files
    errors = {os.path.basename(r.path): r.error for r in results if r.error}
    assert errors == {"die.txt": "internal error: the worker process died"}


def test_output_dir_local(tmp_path: Path) -> None:
    _tree(tmp_path / "in", ["a.txt", "b.txt"])
    files, _ = batch.discover([str(tmp_path / "in")])
    out = tmp_path / "out"
    light = list(batch.run(files, Config(), jobs=1, output_dir=str(out)))
    assert [r.path for r in light] == files and all(not r.claims for r in light)
    lines = (out / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert (out / "claims" / "part-00000.jsonl").exists()


def test_progress_bar_does_not_change_results(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", "b.txt"])
    files, _ = batch.discover([str(tmp_path)])
    assert _json(batch.run(files, Config(), jobs=1, progress=True)) == _json(
        batch.run(files, Config(), jobs=1)
    )


def test_unknown_engine() -> None:
    with pytest.raises(batch.EngineError, match="unknown engine"):
        next(batch.run([], Config(), engine="spark"))


def test_fifo_and_symlink_loop_named_on_the_command_line_get_the_readers_reason(tmp_path):
    import os

    from kzaudit.config import Config

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    files, errors = batch.discover([str(fifo), str(loop)])
    assert errors == []
    results = {r.path: r.error for r in batch.run(files, Config(), jobs=1)}
    assert results[str(fifo)] == "not a regular file (a FIFO)"
    assert results[str(loop)] == "symlink loop"
