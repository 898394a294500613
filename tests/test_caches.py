"""The disk cache (compiled patterns, parsed TOML) and the in-place word list.

A cache may only make runs faster: a hit must behave exactly like a fresh
compile, and a missing, corrupt or disabled cache must fall back silently.
"""

from __future__ import annotations

import json
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from kzaudit import datafiles, diskcache, regexcache
from kzaudit.extract.entities import common_words
from kzaudit.wordlist import PROMOTE_AFTER, SortedWords

PATTERNS = [
    (r"(?P<num>\d{1,3}(?:,\d{3})*)\s{1,3}(?i:people|dead)", 0),
    (r"\b\p{Lu}\p{Ll}+\b", regex.VERSION0),
    (r"(?<=\bon\s)(?:Monday|Tuesday)", regex.IGNORECASE),
]
TEXT = "On Monday 1,200 People were hurt; on Tuesday 12 dead in Almaty and Astana."


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KZAUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KZAUDIT_NO_CACHE", raising=False)
    store = diskcache.Store("test-regex")
    monkeypatch.setattr(regexcache, "_store", store)
    return store.path()


def _same(a: regex.Pattern, b: regex.Pattern) -> None:
    assert (a.pattern, a.flags, a.groupindex) == (b.pattern, b.flags, b.groupindex)
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert [m.groups() for m in a.finditer(TEXT)] == [m.groups() for m in b.finditer(TEXT)]


def test_cached_pattern_behaves_like_a_fresh_compile(fresh_store: Path) -> None:
    first = [regexcache.compile(p, f) for p, f in PATTERNS]
    regexcache._store.save()
    assert fresh_store.is_file()
    reloaded = diskcache.Store("test-regex")
    for (p, f), pat in zip(PATTERNS, first, strict=True):
        assert reloaded.get((p, f)) is not None
        _same(pat, regex.compile(p, f))


def test_a_hit_skips_the_parse(fresh_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = PATTERNS[0]
    expected = regex.compile(pattern, flags)
    regexcache.compile(pattern, flags)
    regexcache._store.save()
    monkeypatch.setattr(regexcache, "_store", diskcache.Store("test-regex"))

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(regexcache.regex, "compile", no_parse)
    hit = regexcache.compile(pattern, flags)
    monkeypatch.undo()
    _same(hit, expected)


STD_PATTERNS = [
    (r"(?=[\dAaTt])(?:(?<![A-Za-z])(?ai:a|two|ten)(?![A-Za-z])|\d[\d,.]*)", 0),
    (r"(?P<word>[^\s.,;]+)|(?P<mark>[\u201c\"])", re.IGNORECASE),
]


@pytest.mark.parametrize(("pattern", "flags"), STD_PATTERNS)
def test_cached_std_pattern_is_the_same_program(
    fresh_store: Path, pattern: str, flags: int
) -> None:
    """A standard-engine pattern rebuilt from the cache equals ``re.compile``'s (same
    pattern, flags and code), fresh and after a save and reload."""
    fresh = regexcache.compile_std(pattern, flags)
    regexcache._store.save()
    regexcache._store = diskcache.Store("test-regex")

    parsed: list[str] = []  # compile_std falls back on any error, so count the parses
    real_program = regexcache._std_program
    regexcache._std_program = lambda *args: parsed.append(args[0]) or real_program(*args)
    try:
        hit = regexcache.compile_std(pattern, flags)
    finally:
        regexcache._std_program = real_program
    assert not parsed, "parsed again: the program was not stored"
    expected = re.compile(pattern, flags)
    assert fresh == expected and hit == expected
    assert [m.groupdict() for m in hit.finditer(TEXT)] == [
        m.groupdict() for m in expected.finditer(TEXT)
    ]


def test_space_class_is_the_regex_modules_whitespace() -> None:
    """``regexcache.SPACE`` (for the standard engine) takes exactly what ``\\s`` of
    ``regex`` takes, and ``NOT_SPACE`` everything else."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    spaces = set(regex.findall(r"\s", every))
    assert set(re.findall(regexcache.SPACE, every)) == spaces
    assert not spaces & set(re.findall(regexcache.NOT_SPACE, every))
    assert len(re.findall(regexcache.NOT_SPACE, every)) == len(every) - len(spaces)


def test_std_space_chars_are_the_standard_engines_whitespace() -> None:
    """``regexcache.STD_SPACE_CHARS`` in a class takes exactly what ``\\s`` of the
    standard engine takes."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    expected = re.findall(r"\s", every)
    assert re.findall(f"[{regexcache.STD_SPACE_CHARS}]", every) == expected


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps([1, 2, 3])])
def test_corrupt_cache_falls_back(fresh_store: Path, content: bytes) -> None:
    fresh_store.parent.mkdir(parents=True, exist_ok=True)
    fresh_store.write_bytes(content)
    pattern, flags = PATTERNS[1]
    _same(regexcache.compile(pattern, flags), regex.compile(pattern, flags))


def test_foreign_entry_is_not_trusted(fresh_store: Path) -> None:
    pattern, flags = PATTERNS[0]
    other = regex.compile(r"x+", 0)
    regexcache._store.put((pattern, flags), tuple(other._pickled_data))
    _same(regexcache.compile(pattern, flags), regex.compile(pattern, flags))


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZAUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("KZAUDIT_NO_CACHE", "1")
    store = diskcache.Store("test-off")
    assert store.path() is None
    store.put("k", 1)
    store.save()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_cache_dir_is_harmless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KZAUDIT_CACHE_DIR", str(blocker / "sub"))
    store = diskcache.Store("test-blocked")
    store.put("k", 1)
    store.save()  # must not raise
    assert store.get("k") == 1


def test_toml_from_cache_is_a_fresh_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZAUDIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(datafiles, "_parsed", diskcache.Store("test-data"))
    first = datafiles.load_toml("dates_durations.toml")
    first.clear()
    second = datafiles.load_toml("dates_durations.toml")
    assert second and second == datafiles.load_toml("dates_durations.toml")


def test_same_output_with_and_without_cache(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds" / "kazakhstan-unrest.txt"
    run = "from kzaudit.cli import main; main()"
    cmd = [sys.executable, "-c", run, "check", str(seed), "--format", "json"]
    outputs = []
    for env in ({"KZAUDIT_NO_CACHE": "1"}, {}, {}):  # off, cold, warm
        full = {"KZAUDIT_CACHE_DIR": str(tmp_path / "c"), "PATH": "/usr/bin:/bin", **env}
        done = subprocess.run(cmd, capture_output=True, env=full, check=False)
        assert done.returncode in (0, 1), done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["files"]
    assert list((tmp_path / "c").glob("regex-*.marshal"))


def test_data_file_is_sorted_for_the_binary_search() -> None:
    body = datafiles.read_text("names_common_words.txt")
    words = [w for w in body.splitlines() if w and not w.startswith("#")]
    assert words == sorted(set(words))


def test_sorted_words_answers_like_a_set() -> None:
    words = ["apple", "banana", "cherry", "date", "fig", "grape"]
    listed = SortedWords("\n".join(words))
    probes = [*words, "", "a", "applf", "b", "zzz", "Apple", "fig\n", "banan", "bananas"]
    assert [p in listed for p in probes] == [p in set(words) for p in probes]
    assert len(listed) == len(words) and list(listed) == words
    assert "a" not in SortedWords("")


def test_word_list_promotes_to_a_set_with_the_same_answers() -> None:
    listed = SortedWords("\n".join(["cat", "dog", "emu"]))
    for _ in range(PROMOTE_AFTER + 5):
        assert "dog" in listed and "cow" not in listed
    assert listed._set is not None
    assert "emu" in listed and "" not in listed and 5 not in listed


def test_common_words_binary_search_matches_the_file() -> None:
    body = datafiles.read_text("names_common_words.txt")
    words = [w for w in body.splitlines() if w and not w.startswith("#")]
    fresh = SortedWords("\n".join(words))
    sample = words[::997] + [w + "q" for w in words[::1499]] + ["Police", "kazakhstan"]
    assert all((w in fresh) == (w in set(words)) for w in sample)
    assert "police" in common_words()


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a home to expand, the cache is off rather than a "~" folder in the cwd."""
    monkeypatch.delenv("KZAUDIT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("KZAUDIT_NO_CACHE", raising=False)
    monkeypatch.setattr(diskcache.os.path, "expanduser", lambda p: p)
    assert diskcache.cache_dir() is None
    assert diskcache.Store("x").path() is None


def test_sorted_words_in_place_after_a_header() -> None:
    """The list is searched inside the text as read: the header is skipped, not copied."""
    text = "# licence\n# more\napple\nbanana\ncherry\n"
    start = text.index("apple")
    listed = SortedWords(text, start)
    assert listed._text is text  # no copy of a 1 MB list
    assert [w in listed for w in ("apple", "banana", "cherry", "# more", "licence", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert list(listed) == ["apple", "banana", "cherry"] and len(listed) == 3
    unterminated = SortedWords("# h\nx\ny", 4)  # no final newline: a normalised copy
    assert "y" in unterminated and "h" not in unterminated and len(unterminated) == 2


def test_letter_runs_file_is_current() -> None:
    """``data/letter_runs.txt`` is generated from the word lists: regenerate it with
    ``python -m kzaudit.rules._letters`` after a list changes."""
    from kzaudit.rules._letters import build_letter_runs, letter_runs

    assert letter_runs() == frozenset(build_letter_runs())
