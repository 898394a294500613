"""Config loading: discovery, validation, one-line errors naming the key."""

from __future__ import annotations

import types
import zlib
from pathlib import Path

import pytest

from kzaudit import config as config_module
from kzaudit.config import (
    Config,
    ConfigError,
    config_from_mapping,
    find_config,
    load_config,
    parse_rule_list,
)
from kzaudit.diskcache import Store


def _rule(rule_id: str, group: str, options: dict | None = None) -> types.ModuleType:
    m = types.ModuleType(rule_id)
    m.ID, m.GROUP, m.SEVERITY, m.SUMMARY = rule_id, group, "warning", "stub"
    m.OPTIONS = options or {}
    return m


RULES = {
    "date-stub": _rule("date-stub", "dates", {"window": 3, "ratio": 0.5, "strict": False}),
    "name-stub": _rule("name-stub", "names", {"words": ("a",), "label": "x"}),
}


def load(data: dict) -> Config:
    return config_from_mapping(data, "kzaudit.toml", rules=RULES)


def test_full_config() -> None:
    config = load(
        {
            "select": ["dates", "name-stub"],
            "ignore": "name-stub",
            "severity": {"date-stub": "error"},
            "rules": {"date-stub": {"window": 5, "ratio": 1}, "name-stub": {"words": ["b"]}},
            "style": {"known_words": ["Afront"], "known_acronyms": ["KNB"], "ignore_names": ["X"]},
            "include": ["**/*.md"],
            "exclude": ["drafts/**"],
        }
    )
    assert config.select == ("date-stub", "name-stub")
    assert config.ignore == ("name-stub",)
    assert config.severity == {"date-stub": "error"}
    assert config.options == {
        "date-stub": {"window": 5, "ratio": 1},
        "name-stub": {"words": ("b",)},
    }
    assert config.style.known_words == frozenset({"afront"})
    assert config.style.known_acronyms == frozenset({"KNB"})
    assert config.include == ("**/*.md",) and config.exclude == ("drafts/**",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"selct": ["dates"]}, "kzaudit.toml: unknown key 'selct' (did you mean 'select'?)"),
        ({"select": ["nope"]}, "kzaudit.toml: select: unknown rule or group 'nope'"),
        ({"select": "date-stb"}, "did you mean 'date-stub'?"),
        ({"select": [1]}, "kzaudit.toml: select: expected a list of strings"),
        ({"severity": {"date-stub": "fatal"}}, "severity.date-stub: 'fatal' is not one of"),
        ({"severity": {"nope": "error"}}, "severity.nope: unknown rule 'nope'"),
        ({"severity": "error"}, "severity: expected a table, got a string"),
        ({"rules": {"date-stub": {"windw": 1}}}, "unknown option 'rules.date-stub.windw'"),
        ({"rules": {"date-stub": {"window": "3"}}}, "rules.date-stub.window: expected an integer, got a string"),
        ({"rules": {"date-stub": {"window": True}}}, "expected an integer, got a boolean"),
        ({"rules": {"date-stub": {"strict": 1}}}, "expected a boolean, got an integer"),
        ({"rules": {"name-stub": {"words": [1]}}}, "rules.name-stub.words: expected a list"),
        ({"rules": {"date-stub": 3}}, "rules.date-stub: expected a table"),
        ({"style": {"known_word": []}}, "unknown key 'style.known_word' (did you mean 'known_words'?)"),
        ({"include": "*.md", "exclude": [None]}, "exclude: expected a list of strings"),
    ],
)  # fmt: skip
def test_bad_values_name_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(data)
    text = str(info.value)
    assert message in text
    assert "\n" not in text


def test_rule_lists() -> None:
    assert parse_rule_list(["dates,name-stub", " "], RULES) == ("date-stub", "name-stub")
    assert parse_rule_list(["ALL"], RULES) == ("date-stub", "name-stub")
    with pytest.raises(ConfigError, match="--select: unknown rule or group 'x'"):
        parse_rule_list(["x"], RULES, "--select")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_walks_up_and_prefers_kzaudit_toml(tmp_path: Path) -> None:
    article = _write(tmp_path / "a" / "b" / "story.txt", "text")
    _write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")  # no [tool.kzaudit]: skipped
    py = _write(tmp_path / "a" / "pyproject.toml", "[tool.kzaudit]\ninclude = ['*.md']\n")
    assert find_config(article) == py
    config, source = load_config(start=article)
    assert source == py and config.include == ("*.md",)
    own = _write(tmp_path / "a" / "b" / "kzaudit.toml", "exclude = ['x']\n")
    assert find_config(article.parent) == own
    assert load_config(start=article)[0].exclude == ("x",)


def test_pyproject_probe_is_cached_and_sees_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KZAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(config_module, "_probed", Store("test-pyproject"))
    article = _write(tmp_path / "story.txt", "text")
    py = _write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    assert find_config(article) is None
    raw = py.read_bytes()
    assert config_module._probed.get((len(raw), zlib.crc32(raw))) is False  # remembered
    assert find_config(article) is None
    _write(py, "[project]\nname='x'\n[tool.kzaudit]\ninclude = ['*.md']\n")
    assert find_config(article) == py.resolve()
    _write(py, "[tool.kzaudit\n")  # invalid: an error, never a cached answer
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config(article)


def test_explicit_and_isolated(tmp_path: Path) -> None:
    _write(tmp_path / "kzaudit.toml", "include = ['a']\n")
    other = _write(tmp_path / "other.toml", "include = ['b']\n")
    assert load_config(other, start=tmp_path)[0].include == ("b",)
    assert load_config(None, start=tmp_path, isolated=True) == (Config(), None)
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "none.toml")


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "kzaudit.toml", "select = [\n")
    with pytest.raises(ConfigError) as info:
        load_config(start=tmp_path)
    assert str(info.value).startswith(f"{bad}: invalid TOML")
    assert "\n" not in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.kzaudit]\nbogus = 1\n")
    with pytest.raises(ConfigError, match=r"\[tool.kzaudit\]: unknown key 'bogus'"):
        load_config(start=tmp_path)


@pytest.mark.parametrize("name", ["kzaudit.toml", "pyproject.toml"])
def test_config_that_is_not_utf8_is_one_line(tmp_path: Path, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(b"[tool.kzaudit]\nselect = ['caf\xe9']\n")
    with pytest.raises(ConfigError) as info:
        load_config(start=tmp_path)
    assert str(info.value).startswith(f"{bad}: not UTF-8 text")
    assert "\n" not in str(info.value)
