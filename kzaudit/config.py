"""Configuration: which rules run, at what severity, with which options and house style.

Loaded from ``kzaudit.toml`` (top-level keys) or ``[tool.kzaudit]`` in
``pyproject.toml``, the first found walking up from the first audited path.
Every key and value is validated; a mistake raises ``ConfigError`` whose message
names the file and the key, so a typo never silently turns a rule off::

    select = ["dates", "acronym-mismatch"]   # rule ids or groups; default: all
    ignore = ["paragraph-comma"]
    include = ["**/*.md"]
    exclude = ["drafts/**"]

    [severity]
    date-outlier = "error"

    [rules.date-outlier]
    some_option = 3                          # keys and types from the rule's OPTIONS

    [style]
    known_words = ["Nur-Sultan"]
    known_acronyms = ["KNB"]
    ignore_names = ["Tokayev"]
"""

from __future__ import annotations

import datetime as dt
import difflib
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from kzaudit.diskcache import Store
from kzaudit.rules.base import HouseStyle

CONFIG_FILE = "kzaudit.toml"
PYPROJECT = "pyproject.toml"
LEVELS = ("error", "warning", "info")
TOP_KEYS = ("select", "ignore", "severity", "rules", "style", "include", "exclude")
STYLE_KEYS = ("known_words", "known_acronyms", "ignore_names")


class ConfigError(Exception):
    """A bad config file or value; ``str()`` names the key and the reason."""


@dataclass(frozen=True)
class Config:
    """Validated settings for a run; frozen, so a batch can share (and cache by) it."""

    select: tuple[str, ...] = ()  # empty: all rules
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    style: HouseStyle = field(default_factory=HouseStyle)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    as_of: dt.date | None = None


# -- discovery -------------------------------------------------------------------
def find_config(start: str | Path) -> Path | None:
    """The nearest ``kzaudit.toml``, or ``pyproject.toml`` with ``[tool.kzaudit]``."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_kzaudit_table(candidate):
            return candidate
    return None


_probed = Store("pyproject")  # (size, CRC-32) of a pyproject.toml -> has [tool.kzaudit]


def _has_kzaudit_table(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.kzaudit]`` table.

    Why a cache: a run inside a Python project meets a ``pyproject.toml`` that
    rarely has the table, and parsing it cost importing ``tomllib`` (about 2 ms)
    on every run.  The answer is kept under the file's size and CRC-32 (never its
    path or text), so an edited file is parsed again; an unreadable or invalid file
    is never cached, so it fails as before.
    """
    raw = _read_bytes(path)
    key = (len(raw), zlib.crc32(raw))
    known = _probed.get(key)
    if isinstance(known, bool):
        return known
    found = "kzaudit" in _parse_toml(raw, path).get("tool", {})
    _probed.put(key, found)
    return found


def load_config(
    config_file: str | Path | None = None,
    start: str | Path | None = None,
    isolated: bool = False,
) -> tuple[Config, Path | None]:
    """The ``Config`` to use and the file it came from (``None``: built-in defaults)."""
    if isolated:
        return Config(), None
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
    else:
        path = find_config(start if start is not None else Path.cwd())
        if path is None:
            return Config(), None
    data = _read_toml(path)
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("kzaudit", {})
        where = f"{path}: [tool.kzaudit]"
    else:
        where = str(path)
    return config_from_mapping(data, where), path


def _read_toml(path: Path) -> dict[str, Any]:
    return _parse_toml(_read_bytes(path), path)


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def _parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    from kzaudit.compat import tomllib

    try:
        text = raw.decode()  # TOML files are UTF-8
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


# -- validation ------------------------------------------------------------------
def config_from_mapping(
    data: Mapping[str, Any], where: str = "config", rules: Mapping[str, ModuleType] | None = None
) -> Config:
    """Validate a parsed config table and build a ``Config`` from it."""
    if rules is None:
        from kzaudit.rules import all_rules

        rules = all_rules()
    _no_unknown(data, TOP_KEYS, where, "")
    severity = _table(data, "severity", where)
    for rule_id, level in severity.items():
        _known_rule(rule_id, rules, where, f"severity.{rule_id}")
        if level not in LEVELS:
            raise ConfigError(
                f"{where}: severity.{rule_id}: {level!r} is not one of {', '.join(LEVELS)}"
            )
    options: dict[str, dict[str, Any]] = {}
    for rule_id, table in _table(data, "rules", where).items():
        _known_rule(rule_id, rules, where, f"rules.{rule_id}")
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: rules.{rule_id}: expected a table")
        options[rule_id] = _options(rule_id, table, rules[rule_id], where)
    style = _table(data, "style", where)
    _no_unknown(style, STYLE_KEYS, where, "style.")
    return Config(
        select=parse_rule_list(_strings(data, "select", where), rules, f"{where}: select"),
        ignore=parse_rule_list(_strings(data, "ignore", where), rules, f"{where}: ignore"),
        severity=dict(severity),
        options=options,
        style=HouseStyle(
            known_words=frozenset(w.lower() for w in _strings(style, "known_words", where)),
            known_acronyms=frozenset(_strings(style, "known_acronyms", where)),
            ignore_names=frozenset(_strings(style, "ignore_names", where)),
        ),
        include=_strings(data, "include", where),
        exclude=_strings(data, "exclude", where),
    )


def parse_rule_list(
    items: Iterable[str], rules: Mapping[str, ModuleType] | None = None, where: str = ""
) -> tuple[str, ...]:
    """Rule ids from ids, group names (``dates``) or ``ALL``, comma-separated or not."""
    if rules is None:
        from kzaudit.rules import all_rules

        rules = all_rules()
    out: list[str] = []
    for item in items:
        for name in (p.strip() for p in item.split(",")):
            if not name:
                continue
            if name.upper() == "ALL":
                out.extend(rules)
                continue
            group = [rid for rid, m in rules.items() if getattr(m, "GROUP", None) == name]
            if group:
                out.extend(group)
                continue
            _known_rule(name, rules, where, "", label="unknown rule or group")
            out.append(name)
    return tuple(dict.fromkeys(out))


def _known_rule(
    rule_id: str, rules: Mapping[str, Any], where: str, key: str, label: str = "unknown rule"
) -> None:
    if rule_id in rules:
        return
    close = difflib.get_close_matches(rule_id, list(rules), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else " (see 'kzaudit rules')"
    prefix = f"{where}: {key}: " if key else f"{where}: " if where else ""
    raise ConfigError(f"{prefix}{label} {rule_id!r}{hint}")


def _no_unknown(data: Mapping[str, Any], allowed: Iterable[str], where: str, prefix: str) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown key {prefix + str(key)!r}{hint}")


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: {key}: expected a table, got {_kind(value)}")
    return value


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key}: expected a list of strings")
    return tuple(value)


def _options(
    rule_id: str, table: Mapping[str, Any], module: ModuleType, where: str
) -> dict[str, Any]:
    defaults: Mapping[str, Any] = getattr(module, "OPTIONS", {}) or {}
    for key, value in table.items():
        name = f"rules.{rule_id}.{key}"
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise ConfigError(f"{where}: unknown option {name!r} (options: {known})")
        if not _same_type(value, defaults[key]):
            raise ConfigError(
                f"{where}: {name}: expected {_kind(defaults[key])}, got {_kind(value)}"
            )
    return {key: _coerce(value, defaults[key]) for key, value in table.items()}


def _coerce(value: Any, default: Any) -> Any:
    """A TOML list becomes the collection type of the default (tuple, frozenset, ...)."""
    if isinstance(value, list) and isinstance(default, tuple | frozenset | set):
        return type(default)(value)
    return value


def _same_type(value: Any, default: Any) -> bool:
    """Whether ``value`` fits the type of the option's default (TOML types)."""
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if isinstance(default, list | tuple | frozenset | set):
        if not isinstance(value, list):
            return False
        sample = next(iter(default), None)
        return sample is None or all(_same_type(v, sample) for v in value)
    if isinstance(default, Mapping):
        return isinstance(value, Mapping)
    return isinstance(value, type(default))


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    for t, name in names.items():
        if type(value) is t:
            return name
    if isinstance(value, list | tuple | frozenset | set):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__
