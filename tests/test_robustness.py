"""Hostile input: terminal injection, denial of service, no network, no stray writes.

The denial-of-service tests are hang detectors, not speed tests: each adversarial
input runs at two sizes ten times apart; a linear pipeline takes ~10x longer on the
larger one, a quadratic one ~100x.  A SIGALRM turns a true hang into a failure.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

from kzaudit.extract.entities import load_words
from kzaudit.pipeline import audit_document, audit_path
from kzaudit.read import document_from_source
from kzaudit.report import RenderOptions
from kzaudit.report.terminal import render
from kzaudit.result import FileResult, FindingRecord
from kzaudit.textsafe import clean

SEED = Path(__file__).resolve().parents[1] / "seeds" / "kazakhstan-unrest.txt"

HOSTILE = (
    "[bold red]fake[/bold red] [link=https://evil.example]click[/link] "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 "
    "\x1b]0;owned title\x1b\\ \x1bP1$r\x1b\\ bell\x07 back\x08\x08 cr\rX "
    "\u202eevil\u202c \u2066iso\u2069 \x9b31m"
)


# -- terminal injection --------------------------------------------------------------


def _hostile_result() -> FileResult:
    finding = FindingRecord(
        rule="date-outlier",
        severity="warning",
        message=f"message quoting {HOSTILE}",
        line=1,
        column=1,
        end_line=1,
        end_column=5,
        start=0,
        end=5,
        text=HOSTILE[:5],
        suggestion=HOSTILE,
        context=HOSTILE,
        context_start=0,
    )
    return FileResult(path=f"dir/{HOSTILE}.txt", findings=[finding])


def _assert_inert(out: str) -> None:
    for bad in ("\x1b]", "\x1bP", "\x07", "\x08", "\r", "\u202e", "\u2066", "\x9b", "\x1b[31m"):
        assert bad not in out, repr(bad)
    assert "[bold red]fake[/bold red]" in out  # markup shown literally, not applied
    assert "[link=https://evil.example]click[/link]" in out


@pytest.mark.parametrize("color", [False, True])
def test_terminal_report_never_interprets_article_text(color: bool) -> None:
    buf = io.StringIO()
    render([_hostile_result()], buf, RenderOptions(color=color))
    out = buf.getvalue()
    _assert_inert(out)
    if not color:
        assert "\x1b" not in out
    else:  # Rich's own styling is plain SGR: ESC [ digits/; m
        import regex

        assert not regex.search(r"\x1b(?!\[[0-9;]*m)", out)


def test_clean_strips_every_control_sequence() -> None:
    out = clean(HOSTILE)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "owned title" not in out and "https://evil.example\x07" not in out
    assert "red" in out and "evil" in out


def test_error_reason_and_path_are_cleaned(tmp_path: Path) -> None:
    buf = io.StringIO()
    render([FileResult(path=HOSTILE, error=f"binary {HOSTILE}")], buf, RenderOptions(color=False))
    _assert_inert(buf.getvalue())


def test_hostile_article_through_the_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kzaudit.cli import app

    article = tmp_path / "story.txt"
    article.write_text(SEED.read_text(encoding="utf-8") + "\n\n" + HOSTILE + "\n", encoding="utf-8")
    for fmt in ("rich", "github"):
        result = CliRunner().invoke(app, ["check", str(article), "--format", fmt])
        assert result.exit_code in (0, 1), result.output
        for bad in ("\x1b]", "\x07", "\x08", "\u202e"):
            assert bad not in result.output, (fmt, repr(bad))


# -- denial of service ----------------------------------------------------------------


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _hang(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"pipeline still running after {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _audit(path: str, text: str) -> float:
    t = time.perf_counter()
    doc = document_from_source(path, text)
    result = audit_document(doc)
    assert result.error is None
    return time.perf_counter() - t


def _page(sentence: str) -> Callable[[int], str]:
    """``sentence`` repeated to about ``n`` words."""
    return lambda n: sentence * max(1, n // len(sentence.split()))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digit run": lambda n: "1" * (n * 5),
    "comma number run": lambda n: ",".join(["123"] * n),
    "decimal run": lambda n: ".".join(["1"] * n),
    "nested parentheses": lambda n: "(" * n + "x" + ")" * n,
    "open parentheses": lambda n: "Collective Security (" * n,
    "straight quotes": lambda n: '"' * n,
    "curly quotes": lambda n: "\u201c" * n + "\u201d" * n,
    "apostrophes": lambda n: "'" * n,
    "numbers in one paragraph": lambda n: " ".join(str(i) for i in range(n)),
    "claims in one paragraph": lambda n: "More than 2,000 people were killed, " * (n // 5),
    "money and percents": lambda n: "$3.5bn (40%) and 1.2m " * (n // 5),
    "month names": lambda n: "January " * n,
    "dates": lambda n: "on January 5, 2022, " * (n // 4),
    "weekdays": lambda n: "on Monday " * n,
    "capitalised words": lambda n: " ".join(f"Word{chr(65 + i % 26)}" for i in range(n)),
    "same capitalised word": lambda n: "Tokayev " * n,
    "acronym definitions": lambda n: "Collective Security Treaty Organization (CSTO) " * (n // 6),
    "acronyms": lambda n: "CSTO CTSO " * (n // 2),
    "attributions": lambda n: '"Yes," he said. ' * (n // 4),
    "said run": lambda n: "said " * n,
    "abbreviations": lambda n: "Mr. U.S. Gen. " * (n // 3),
    "periods": lambda n: ". " * n,
    "dots": lambda n: "." * n,
    "hyphens and dashes": lambda n: "-\u2013\u2014" * n,
    "blank lines": lambda n: "\n \n" * n,
    "one word per line": lambda n: "word\n" * n,
    "short lines no blank": lambda n: "Police said\n" * n,
    "commas": lambda n: "," * n,
    "seed repeated": lambda n: (SEED.read_text(encoding="utf-8") + "\n\n") * max(1, n // 1000),
    "distinct typing slips": lambda n: " ".join(_slipped_words()[:n]),
    "distinct doubled names": lambda n: " ".join(f"{w} {w}" for w in _names(n // 2)),
    "credit lines": lambda n: (
        "Ann Lee contributed to this report. Smith went to Paris. " * (n // 10)
    ),
    "date ranges over the year's end": lambda n: " ".join(
        f"It ran from {_MONTHS[i % 12]} {i % 28 + 1} to {_MONTHS[(i + 7) % 12]} {i % 28 + 1}."
        for i in range(n // 8)
    ),
    "dates off a timeline": lambda n: " ".join(
        f"He left on March {i % 28 + 1}, {1990 + i % 30}. She came on June {i % 28 + 1}."
        for i in range(n // 4)
    ),
    "dates in one long sentence": lambda n: (
        "It happened "
        + ", ".join(f"on {_MONTHS[i % 12]} {i % 28 + 1} last year" for i in range(n // 6))
    ),
    "names with ages": lambda n: " ".join(
        f"John Smith, {20 + i % 50}, died. Smith was {30 + i % 40}." for i in range(n // 3)
    ),
    "durations and vague durations": _page("for the last two years and for 40 years "),
    # figures that restate others with two digits swapped, compared pairwise by digits
    "swapped figures": lambda n: " ".join(
        f"Net income rose to ${400 + i % 90} million. We received {412 + i % 70} calls. "
        f"All {421 + i % 60} calls were answered."
        for i in range(n // 16)
    ),
    "comparisons and lists by place": lambda n: " ".join(
        "A total of 4,870 cases were seen, 65 per cent more than the 3,120 cases. This was"
        " 28 per cent more than the 301 cases. Teams found 27 homes lost at Raglan, 14 at"
        " Elmhurst and six on the western edge of Beaufort. Mary Hill, 45, said it was cold."
        " The 46-year-old was there."
        for _ in range(n // 60)
    ),
    # stop 35's readers: breakdowns made up of / after a long colon clause, shares closed
    # by "the remaining", deadlines "within N days, by", leads in points, title anaphors
    "breakdowns, shares, deadlines and titles": lambda n: " ".join(
        "A fleet of 54 aircraft, made up of 38 A321neos and 16 A350s, flew. A total of 410"
        " prisoners had been moved by Monday: 180 to the Litoral prison, 130 to Latacunga"
        " and 100 to Cuenca. Chips made up 38 percent, 35 percent and the remaining 27"
        " percent. The report is due within 15 days, by March 24. The UDF polled 44.1% of"
        " the votes, 4.5 percentage points ahead of the LDF's 39.6%. Mayor Ken Sato, 68,"
        " spoke. The 63-year-old mayor said so. Together, those two states received $20"
        " million. It fell short of the 60 votes needed, 54-45. That is roughly 6.5 per"
        " cent of the 357,000 people."
        for _ in range(n // 80)
    ),
    # stop 36's readers: a count read past an aside, "leaving N", headline verbs
    "asides on who is counted": lambda n: " ".join(
        "Floods kill 11, arrests 14 soldiers. At least 31 people, including four children,"
        " were killed. More than 4,600 people from 11 villages were moved to shelters,"
        " leaving 1,090 passengers stranded, including"
        + ", including a"
        * 20
        + " Police said 1149 of the 1,012 men of the of the 12. It injured 84, including 11"
        " children. It injured 84, including 31 children."
        for _ in range(n // 120)
    ),
    # stop 37's readers: headline floors, days given to do a thing, names in capitals
    "deadlines given and floors": _page(
        "At least 27 dead\n\nAt least 17 migrants died and 12 others were missing. It was"
        " given seven days to submit its report, by November 19, and gave them 30 days to"
        + " to a"
        * 15
        + " by. The 305 SMART drumlines and the HTV-X craft, SMSRT, HYV-X. And, as CNN said,"
        " Further attacks followed. They arrived on March 15, six days after leaving"
        + " the the"
        * 10
        + " on September 9. Police have detained 1,204 people; all 1,240 detainees, the 1,240"
        " people. "
    ),
    # stop 38's readers: days behind a date, events told by noun and verb, swapped floors
    "days behind and swapped floors": _page(
        "BALTIMORE, September 26, 2024 - Crews will begin on Sunday, March 31. It reached"
        " Bihar on June 20, five days behind"
        + " its its"
        * 20
        + " date of October 15, and issued an outlook on November 12, two days before the"
        " storms hit. More than 6,400 people fled, officials said; more than 4,600 people"
        " were moved, the Interior Ministry said. A 14-day emergency period, running from"
        " November 18 to March 31, was declared. It fired on Jan. 4 and will fire on"
        ' April 20. "We stayed, said el-'
        + "T" * 40
        + " el-Tayeb. In NY"
        + " terror" * 20
        + " died on May 11th 2001 after the 11 January attacks. "
    ),
    "birth years": lambda n: (
        "LONDON, March 3, 2023 - John Smith, 72, died. "
        + "Smith, who was born in 1948, and Smith " * (n // 8)
    ),
    "birth years beside a long age sentence": lambda n: (
        "LONDON, March 3, 2023 - John Smith, 72, "
        + "and in 1990 " * (n // 6)
        + "died. "
        + "Smith, who was born in 1948, said. " * (n // 12)
    ),
    "remainders that do not add up": _page(
        "Of the 600 passengers, 450 were rescued and the other 100 are missing. "
    ),
    "dates given as offsets": _page(
        "The raid was on July 15. He was arrested 11 days later, on July 29. "
    ),
    "dates given as offsets from events": lambda n: (
        "Saakashvili, elected president in January, spoke. "
        + "It began on 1 May, three days before President Saakashvili was elected. " * (n // 12)
    ),
    "yearless weekday dates beside a dated day": _page(
        "The vote was held on Monday, 14 February 2005. The count ends on Friday, 16 February. "
    ),
    "stated totals": lambda n: (
        (
            "The A Fire burned 20,000 acres, and the B Fire 14,000 acres. "
            "Together the two fires have scorched 44,000 acres. "
        )
        * (n // 20)
    ),
    # every yearless weekday date of the body read for each month of a dateline
    "a yearless dateline over weekday dates off it": lambda n: (
        "ROME, February 13 (Reuters) - Police said on Monday that it burned since February.\n\n"
        + "It burned on Wednesday, October 8, and on Friday, October 17. " * (n // 10)
    ),
    # each offset date that misses the date before it weighs the story's other dates
    "offsets from slipped dates": _page(
        "It shut on 7 December. A week later, on 14 June, it opened. "
    ),
    # each event the lede names by a weekday read against every date of the story
    "events named by weekdays and dated": _page(
        "Sunday's general election and Monday's vote came. The vote on Friday, February 8. "
    ),
    # the first sentence's days read against its dateline once each
    "a dateline over a long first sentence of days": lambda n: (
        "LJUBLJANA, April 25 (Reuters) - The party "
        + "won an election held on April 10, " * (n // 7)
        + "officials said."
    ),
    "colon breakdowns": _page("It killed 32 people: 20 in Texas, 8 in Ohio and 6 in Utah. "),
    "look-alike names quoting figures": lambda n: " ".join(
        f"Police chief {w} Smith said {i % 50 + 2} people were injured."
        for i, w in enumerate(_names(n // 9))
    ),
    "figures typed twice": _page("at least 55 55 people and 12 12 more "),
    # one sentence of comma clauses: each comma's series and names looked up once
    "one sentence of comma clauses": _page("In NY people died on May 12th 2001, the Bank said, "),
    "changes by an amount between two levels": _page(
        "went up by £194 a year to £1,717, from £1,568 now. "
    ),
    "days no month has": _page("on August 41, and until 35 March when "),
    "shares of one vote": _page("Smith won 80.1 percent of the vote, Jones with 40.1 percent "),
    "counts over places and their breakdowns": _page(
        "Storms killed 32 people in Texas, Louisiana and Mississippi. "
        "In Texas, 18 people died. Nine people were killed in Louisiana. "
    ),
    "events named back": lambda n: (
        "The government declared a state of emergency on January 5. "
        + "The state of emergency, declared on January 4, will last. " * (n // 10)
    ),
    "initialisms before names": _page("the U.S. Geological Survey (USGA) and the U.N. "),
    "past ranges after a dateline": lambda n: (
        "TAIPEI, March 5, 1987 - Reserves hit a high on March 4. "
        + "Purchases came between February 18 and November 4, "
        + "the number had fallen to 520,000, or about 3.5% more. " * (n // 20)
    ),
    "yearless datelines, bracketed asides and parts with no noun": lambda n: (
        "ISTANBUL, Jan 22 (AP) — The toll rose to 78 on Wednesday. "
        + "It hit at 11:11pm (22:11 GMT) on Friday, January 21. Eight were hurt. Two "
        "were rescued. The other seven died. Of those, 1,900, or 68%, were homes. " * (n // 30)
    ),
    "doubled abbreviations, compounds and dates": _page(
        "On Sunday, Nov. Nov. 19, a 24-hour 24-hour strike was set for March 4 March 4. "
    ),
    "breakdowns, shares written first and yearless weekday dates": _page(
        "The plane carried 150 people (144 passengers and six crew members). It was the "
        "worst fire so far in 2025, on Sunday, Sept. 13. She won 77% of her points, 50 of "
        "70. The dead included 21 Peruvians, five Venezuelans and a Colombian. "
    ),
    # each past date under a dateline looks for a "this year" before it, and a yearless
    # date months off looks for the story's one day written with its weekday
    # each date after a stretch that began on another weighs the story's other dates
    "dates after stretches that began on others": _page(
        "A deal was reached on July 23 after two weeks of talks that began on March 9. "
    ),
    # the days named by weekday placed around the lede's weekday date, once each
    "weekdays around a lede's weekday date": lambda n: (
        "Police said on Saturday, August 16, that "
        + "on Sunday and on Monday they searched, " * (n // 8)
        + "and on December 17 they stopped."
    ),
    # the body's yearless weekday dates read against a dated dateline, a few at most
    "a dated dateline over many yearless weekday dates": lambda n: (
        "BALTIMORE, September 26, 2024 — It sank early on Tuesday. "
        + "Crews worked on Sunday, March 31, and on Monday, April 1. " * (n // 12)
    ),
    # each day of a known event's day number looks for the words that name it once
    "known days in one long sentence": lambda n: (
        "Since the invasion of Ukraine began on July 24, 2022, and the 6 June riot, " * (n // 16)
    ),
    "dates told as this year's": lambda n: (
        "QUITO, Feb 9, 2026 (AFP) - It was the second attack this year. "
        + "Earlier this year, on July 14, inmates were shot and on Tuesday, June 11, "
        "results were declared on Friday (November 14, 2025). " * (n // 20)
    ),
    "priced packages, counts by place and ages named back": _page(
        "Officials said 340 homes were destroyed and a €400 million aid package was set. "
        "The package includes €150 million for farmers and €130 million for growers. "
        "According to the CFA, 148 homes were lost in the Grampians region, 97 in "
        "Gippsland and 61 in the Hume region. Josh Tran, 31, spoke. The 33-year-old said "
        "it was €485,000, €224,000 more than the €261,000 paid. "
    ),
    "killed in strikes, counted twice": lambda n: (
        "JERUSALEM (Reuters) - 28 people were killed in Israeli strikes. " * n
    ),
    "millions written with an m, one from another": lambda n: (
        "2.5m people, up from 1.5m " * (n // 5)
    ),
    "breakdowns by year after dashes": lambda n: (
        "They recorded 14 incidents between 2020 and 2023 – two in 2020, three in 2021 and "
        * (n // 16)
    ),
    "plans months behind a lede's weekday date": lambda n: (
        "Prices rose on Tuesday, July 8. "
        + "It will be is due to be expected to stay until January 10 next year, " * (n // 12)
    ),
}
MARKUP: dict[str, Callable[[int], str]] = {
    "md brackets": lambda n: "[" * n + "](" * n,
    "md backticks": lambda n: "` `` ``` " * n,
    "md stars": lambda n: "*_" * n,
    "md links": lambda n: "[a](b " * n,
    "md comment unclosed": lambda n: "<!-- " * n,
    "md directives": lambda n: "<!-- kzaudit: ignore -->" * (n // 4),
    "html lt": lambda n: "<" * n,
    "html tag opens": lambda n: '<a href="' * n,
    "html unclosed nav": lambda n: "<nav>" * n,
    "html entities": lambda n: "&amp;&#8217;&bogus;" * n,
    "html deep nesting": lambda n: "<div><p>" * n + "text" + "</p></div>" * n,
    "html meta without date": lambda n: '<meta property="article:published_time" ' * n,
    "html time without date": lambda n: '<time datetime="' * n,
    "html blanked line leads": lambda n: ('<p class="lead">' * 20 + "LONDON, March\n") * (n // 20),
    "md front matter dates": lambda n: "---\n" + "date: 2024-13-40\n" * n + "---\n",
}


@cache
def _slipped_words() -> list[str]:
    """Ordinary words with two inner letters swapped ("recieve"): each a misspelling
    candidate, so a check that scans the story once per candidate shows up as quadratic."""
    long = [w for w in load_words("names_common_words") if len(w) >= 8 and w.isalpha()]
    return [w[:3] + w[4] + w[3] + w[5:] for w in long if w[3] != w[4]]


def _names(n: int) -> list[str]:
    """Distinct capitalised letter-only words ("Zqab", "Zqac", …): each doubled one is a
    doubled-word candidate, so a scan of the story per candidate shows up as quadratic."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [f"Zq{letters[i // 676 % 26]}{letters[i // 26 % 26]}{letters[i % 26]}" for i in range(n)]


N = 20_000  # words: the larger run is ~100-300 KB of text


def _ratio_check(path: str, make: Callable[[int], str]) -> None:
    small, large = make(N // 10), make(N)
    with _deadline(120):
        _audit(path, small)  # warm caches and lazy imports
        t_small = _audit(path, small)
        t_large = _audit(path, large)
    assert t_large <= max(3.0, 40 * t_small), f"{t_large:.2f}s vs {t_small:.3f}s on 10x input"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_plain_text_stays_linear(name: str) -> None:
    _ratio_check("story.txt", ADVERSARIAL[name])


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_markup_stays_linear(name: str) -> None:
    path = "story.html" if name.startswith("html") else "story.md"
    _ratio_check(path, MARKUP[name])


HUGE: dict[str, Callable[[], str]] = {
    "100k numbers": lambda: " ".join(str(i) for i in range(100_000)),
    "1 MB line of one word": lambda: ("word " * 210_000)[: 1024 * 1024],
    "1 MB sentence of prose": lambda: ("Police said on Monday that 12 people " * 30_000)[
        : 1024 * 1024
    ],
    "January x 100k": lambda: "January " * 100_000,
    "100k capitalised names": lambda: " ".join(f"Name{i}" for i in range(100_000)),
}


@pytest.mark.parametrize("name", list(HUGE))
def test_huge_inputs_complete(name: str) -> None:
    with _deadline(60):
        _audit("story.txt", HUGE[name]())


# -- no network, no writes ----------------------------------------------------------


def test_no_network_and_no_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("kzaudit tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    article = tmp_path / "story.txt"
    article.write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    before = sorted(os.listdir(tmp_path))
    result = audit_path(str(article))
    assert result.error is None
    assert sorted(os.listdir(tmp_path)) == before


def test_finding_context_is_clipped_in_a_page_long_sentence() -> None:
    """Many findings in one unbroken 'sentence' must not each copy the whole of it
    (that made 20,000 findings in 500 KB cost 10 GB of copying)."""
    from kzaudit.result import CONTEXT_REACH

    text = "rose 3p, or 4.1%, to 282p. " * 2000  # lower case after each full stop: one sentence
    result = audit_path("long.txt", None, text.encode())
    assert len(result.findings) == 2000
    for f in result.findings:
        assert len(f.context) <= 2 * CONTEXT_REACH + (f.end - f.start)
        assert text[f.context_start : f.context_start + len(f.context)] == f.context
        assert f.context_start <= f.start and f.end <= f.context_start + len(f.context)
