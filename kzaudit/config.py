"""Configuration: which rules run, at what severity, with which options and house style.

Loaded from ``kzaudit.toml`` or ``[tool.kzaudit]`` in ``pyproject.toml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kzaudit.rules.base import HouseStyle


class ConfigError(Exception):
    """A bad config file or value; ``str()`` names the key and the reason."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: all rules
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    style: HouseStyle = field(default_factory=HouseStyle)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    as_of: dt.date | None = None
