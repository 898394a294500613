"""The extraction gold set: well-formed expected files, and no regression below the floors.

The scorer is ``benchmarks/extraction.py`` (conventions in ``docs/extraction.md``); the
floors live in ``fixtures/gold/thresholds.toml``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kzaudit.compat import tomllib

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold"


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "kz_extraction_bench", ROOT / "benchmarks" / "extraction.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scorer = _scorer()
NAMES = scorer.gold_names()


def test_gold_set_is_big_enough() -> None:
    assert len(NAMES) >= 8
    assert "kazakhstan-unrest" in NAMES
    for name in NAMES:
        assert (GOLD / f"{name}.txt").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_expected_file_is_well_formed(name: str) -> None:
    gold = scorer.load_gold(name)  # raises when an item cannot be located
    assert scorer.validate(gold) == []
    assert gold.items["claims"] and gold.items["dates"] and gold.items["attributions"]


def test_seed_copy_matches_the_seed() -> None:
    seed = (ROOT / "seeds" / "kazakhstan-unrest.txt").read_text(encoding="utf-8")
    assert (GOLD / "kazakhstan-unrest.txt").read_text(encoding="utf-8") == seed


@pytest.fixture(scope="module")
def measured() -> dict:
    return scorer.measure()


@pytest.mark.parametrize("kind", scorer.KINDS)
def test_no_regression(kind: str, measured: dict) -> None:
    with open(GOLD / "thresholds.toml", "rb") as fh:
        floors = tomllib.load(fh)[kind]
    got = measured["kinds"][kind]
    assert got["precision"] >= floors["precision"], f"{kind} precision {got}"
    assert got["recall"] >= floors["recall"], f"{kind} recall {got}"
