"""Session-wide test settings."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the compiled-pattern cache of test runs (and their subprocesses) out of ~/.cache."""
    os.environ.setdefault("KZAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("kzaudit-cache")))
