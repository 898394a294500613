"""engines: the ways of mapping the audit function over many files.

Every engine (in process, local process pool, Dask) calls :func:`audit_one` per
file, so a file gives the same ``FileResult`` whichever engine ran it: a crash in
an extractor or a file that exceeds the time limit becomes an error record for
that file, never the end of the batch.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kzaudit.config import Config
from kzaudit.pipeline import audit_path
from kzaudit.result import FileResult

# Tests swap the audit function in worker processes ("module:function"); a monkeypatch
# would not cross a process boundary.
AUDIT_HOOK_ENV = "KZAUDIT_TEST_AUDIT"

AuditFn = Callable[[str, Config, "bytes | None"], FileResult]


class EngineError(Exception):
    """An engine that cannot start (missing extra, unreachable scheduler); ``str()`` is one line."""


class FileTimeout(BaseException):
    """Raised inside an audit that exceeds its time limit.

    A ``BaseException`` so that a broad ``except Exception`` in an extractor cannot swallow it.
    """


@functools.cache
def _hooked(spec: str) -> AuditFn:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def audit_function() -> AuditFn:
    """``pipeline.audit_path``, unless a test hook names another function."""
    spec = os.environ.get(AUDIT_HOOK_ENV)
    return _hooked(spec) if spec else audit_path


def audit_one(
    path: str, config: Config, data: bytes | None = None, timeout: float | None = None
) -> FileResult:
    """Audit one file; exceptions and time-outs become an error ``FileResult`` for that file."""
    fn = audit_function()
    try:
        with time_limit(timeout):
            return fn(path, config, data)
    except FileTimeout:
        return FileResult(path=path, error=f"timed out after {timeout:g} s")
    except Exception as exc:  # noqa: BLE001 - one file's crash must not end the batch
        return FileResult(path=path, error=internal_error(exc))


_WARM_UP_TEXT = (
    b"LONDON, Jan 5 (Reuters) - More than 2,000 people were arrested on Tuesday, the "
    b"Interior Ministry said.\n"
)


def warm_up(config: Config) -> None:
    """Import every rule and load every data file before any per-file timer starts."""
    with contextlib.suppress(Exception):  # the real files will report any problem
        audit_path("<warm-up>", config, _WARM_UP_TEXT)


def internal_error(exc: BaseException) -> str:
    """One-line reason for an unexpected exception: ``internal error: ExcType: msg``."""
    msg = str(exc).strip().splitlines()
    detail = f": {msg[0]}" if msg else ""
    return f"internal error: {type(exc).__name__}{detail}"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``FileTimeout`` in this thread once ``seconds`` have passed.

    On the main thread of a POSIX process a real-time timer signal interrupts even
    long C calls that check for signals (the ``regex`` module does); elsewhere (Dask
    worker threads) a watchdog thread injects the exception between bytecodes.
    """
    if not seconds or seconds <= 0:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _signal_limit(seconds):
            yield
    else:
        with _watchdog_limit(seconds):
            yield


@contextmanager
def _signal_limit(seconds: float) -> Iterator[None]:
    def _raise(signum: int, frame: object) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog_limit(seconds: float) -> Iterator[None]:
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def _fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _async_raise(tid, FileTimeout)

    timer = threading.Timer(seconds, _fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                _async_raise(tid, None)  # clear an exception not yet delivered


def _async_raise(tid: int, exc: type[BaseException] | None) -> None:
    import ctypes  # only Dask worker threads need it; keep it off the start-up path

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(tid), ctypes.py_object(exc) if exc is not None else None
    )
