"""The README's rule table is the registry's: a rule added, renamed or re-levelled
without the table following fails here, not in a reader's hands."""

from __future__ import annotations

from pathlib import Path

from kzaudit.rules import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_rule_table_matches_the_registry() -> None:
    rows = [line for line in README.read_text("utf-8").splitlines() if line.startswith("| `")]
    table = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) == 4 and cells[1] in ("dates", "names", "figures", "mechanics"):
            table[cells[0].strip("`")] = tuple(cells[1:])
    expected = {rid: (m.GROUP, m.SEVERITY, m.SUMMARY) for rid, m in all_rules().items()}
    assert table == expected
