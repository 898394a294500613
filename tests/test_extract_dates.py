"""Date and duration extraction: constructions, normalisation by tense, datelines, traps."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from kzaudit.config import Config
from kzaudit.extract.dates import find_dateline, with_month, with_weekday
from kzaudit.model import DateMention, Document
from kzaudit.pipeline import analyse
from kzaudit.read import document_from_text
from kzaudit.result import build_result


def _doc(text: str, as_of: str | None = None) -> Document:
    ref = dt.date.fromisoformat(as_of) if as_of else None
    return analyse(document_from_text("t.txt", text), Config(as_of=ref))


def _dates(text: str, as_of: str | None = None) -> list[DateMention]:
    return _doc(text, as_of).dates


def _one(text: str, as_of: str | None = None) -> DateMention:
    found = _dates(text, as_of)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


# -- constructions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "month", "day", "year"),
    [
        ("Troops arrived on January 5.", "January 5", 1, 5, None),
        ("Troops arrived on Jan. 5 in the capital.", "Jan. 5", 1, 5, None),
        ("Troops arrived on Jan 5 in the capital.", "Jan 5", 1, 5, None),
        ("Troops arrived on 5 January.", "5 January", 1, 5, None),
        ("Troops arrived on the 5th of January.", "5th of January", 1, 5, None),
        ("The deal closed on Aug. 14, 2025, the firm said.", "Aug. 14, 2025", 8, 14, 2025),
        ("The deal closed on 2025-08-14.", "2025-08-14", 8, 14, 2025),
        ("The deal closed on 14 August 2025.", "14 August 2025", 8, 14, 2025),
    ],
)
def test_day_precision(text: str, written: str, month: int, day: int, year: int | None) -> None:
    d = _one(text)
    assert (d.text, d.month, d.day, d.year, d.precision) == (written, month, day, year, "day")
    if year:
        assert d.date == dt.date(year, month, day)
    assert text[d.span.start : d.span.end] == written


def test_month_and_year_precision() -> None:
    d = _one("Sales fell in August 2025 across the region.")
    assert (d.text, d.precision, d.date) == ("August 2025", "month", dt.date(2025, 8, 1))
    d = _one("He stepped down in 2019 as president.")
    assert (d.text, d.precision, d.year) == ("2019", "year", 2019)
    assert _one("It has grown since 2003.").year == 2003
    assert _one("Compared with 2019's figures, it rose.").text == "2019's"


def test_hyphenated_early_late_month() -> None:
    """ "in late-November" is written like "mid-January": the hyphen keeps the context."""
    d = _one("The firm was warned in late-November of the losses.")
    assert (d.text, d.precision, d.month, d.lead) == ("November", "month", 11, "late-")
    assert _one("Sales slowed in early-December.").month == 12


@pytest.mark.parametrize(
    "text",
    [
        "The bill came to 2,019 pounds.",
        "He paid $2019 for it.",
        "A total of 2019 people attended.",
        "Shares rose to 2019 points.",
        "In 2000 people were hurt.",
    ],
)
def test_bare_numbers_are_not_years(text: str) -> None:
    assert _dates(text) == []


def test_year_ranges_and_lists() -> None:
    years = [d.year for d in _dates("Growth slowed between 2001 and 2002, and from 1998 to 2004.")]
    assert years == [2001, 2002, 1998, 2004]
    years = [d.year for d in _dates("Revolts in Georgia in 2003 and 2014 toppled leaders.")]
    assert years == [2003, 2014]


def test_weekdays() -> None:
    d = _one("The minister said on Tuesday that talks would go on.")
    assert (d.text, d.weekday, d.relative, d.month) == ("Tuesday", 1, True, None)
    assert _one("Sunday's rally drew thousands.").text == "Sunday's"
    d = _one("The vote is on Wednesday, March 5, officials said.")
    assert (d.text, d.weekday, d.month, d.day) == ("Wednesday, March 5", 2, 3, 5)
    assert _dates("Christians marked Good Friday quietly.") == []


@pytest.mark.parametrize(
    ("text", "precision", "date"),
    [
        ("It happened yesterday.", "day", dt.date(2022, 1, 6)),
        ("It happens today.", "day", dt.date(2022, 1, 7)),
        ("Protests erupted earlier this week.", "week", dt.date(2022, 1, 3)),
        ("Prices rose last week.", "week", dt.date(2021, 12, 27)),
        ("Talks resume next month.", "month", dt.date(2022, 2, 1)),
        ("Profits fell last year.", "year", dt.date(2021, 1, 1)),
    ],
)
def test_relative(text: str, precision: str, date: dt.date) -> None:
    d = _one(text, "2022-01-07")
    assert (d.precision, d.date, d.relative) == (precision, date, True)


def test_time_of_day() -> None:
    d = _one("Police said early on January 6 that rioters had been killed.")
    assert (d.text, d.time_of_day) == ("January 6", "early")
    d = _one("Troops arrived on the evening of January 6.")
    assert (d.text, d.time_of_day) == ("January 6", "evening")
    assert _one("Shots were heard on Tuesday night.").time_of_day == "night"


def test_ranges_give_two_mentions() -> None:
    found = _dates("The curfew ran from January 5-7 in the city.")
    assert [(d.month, d.day) for d in found] == [(1, 5), (1, 7)]
    found = _dates("Talks are set for 5 and 6 March.")
    assert sorted((d.month, d.day) for d in found) == [(3, 5), (3, 6)]


# -- normalisation against the reference date -------------------------------------------


def test_yearless_dates_resolve_by_tense() -> None:
    ref = "2022-01-07"
    assert _one("Protests erupted on January 2.", ref).date == dt.date(2022, 1, 2)
    assert _one("Protests erupted on December 30.", ref).date == dt.date(2021, 12, 30)
    assert _one("Talks are due to resume on April 2.", ref).date == dt.date(2022, 4, 2)
    assert _one("The court will rule on January 3.", ref).date == dt.date(2023, 1, 3)
    assert _one("The firm plans to list on March 1.", ref).date == dt.date(2022, 3, 1)
    d = _one("A state of emergency was declared until January 19.", ref)
    assert d.date == dt.date(2022, 1, 19)  # an end point, not a past date


def test_weekday_resolves_by_tense() -> None:
    ref = "2022-01-07"  # a Friday
    assert _one("The minister resigned on Tuesday.", ref).date == dt.date(2022, 1, 4)
    assert _one("The minister will resign on Tuesday.", ref).date == dt.date(2022, 1, 11)
    assert _one("He resigned last Friday.", ref).date == dt.date(2021, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "The quake struck at 11:11pm local time on November 8.",  # a clock's colon
        "The quake hit at 11:11pm local time (22:11 GMT) on November 8.",  # an aside
        "Profits rose to $1.13bn (£600m) for the three months to 8 November.",
    ],
)
def test_tense_reads_past_a_clock_and_a_bracketed_aside(text: str) -> None:
    assert _one(text).tense == "past"


def test_a_verb_inside_a_bracketed_aside_governs_nothing_outside_it() -> None:
    d = _one("The firm (which will list shares soon) opened its plant on November 8.")
    assert (d.tense, d.governor) == ("past", "opened")
    d = _one("The meeting (it will resume later) on November 8 ended early.")
    assert d.governor != "will"


def test_months_resolve() -> None:
    ref = "2025-04-18"
    assert _one("A coalition is likely to be in place by June.", ref).date == dt.date(2025, 6, 1)
    assert _one("Turnout fell last June.", ref).date == dt.date(2024, 6, 1)
    assert _one("Output fell in March.", ref).date == dt.date(2025, 3, 1)


def test_without_reference_keeps_month_day() -> None:
    d = _one("Protests erupted on January 2.")
    assert (d.date, d.month, d.day, d.tense) == (None, 1, 2, "past")


def test_weekday_picks_the_year_it_fits() -> None:
    d = _one("The vote took place on Thursday, 4 November.", "2005-02-15")
    assert d.date == dt.date(2004, 11, 4)


# -- datelines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("BRANTFORD, March 3, 2025 — The plant closed.", dt.date(2025, 3, 3)),
        ("MANILA, Philippines, Aug. 14, 2025 — A ferry sank.", dt.date(2025, 8, 14)),
        ("LONDON, 26 November 2025 — The budget.", dt.date(2025, 11, 26)),
        ("LONDON, Jan 5 (Reuters) - Police arrested 12 in 2024 protests.", dt.date(2024, 1, 5)),
        ("Headline here\n\nNEW YORK, Oct. 29, 2025 — Streaming firm.", dt.date(2025, 10, 29)),
        ("Published March 3, 2025\nWASHINGTON (AP) — The Senate voted.", dt.date(2025, 3, 3)),
        ("2025-03-03\nWASHINGTON (AP) — The Senate voted.", dt.date(2025, 3, 3)),
        ("Headline\nBy Staff\nPublished On 3 Sep 2025\n\nThe quake struck.", dt.date(2025, 9, 3)),
        # a target year ("by the end of 2026", the end of "2025-2030") is not the story's
        (
            "COPENHAGEN, Feb 5 (Reuters) - Orsted said on Wednesday it would cut 2,000 jobs by"
            " the end of 2026.\n\nIts plan for 2025-2030 was cut. It will save money from 2027.",
            dt.date(2025, 2, 5),
        ),
        # the lede's weekday picks the written year the dateline falls on
        (
            "LONDON, March 3 (Reuters) - The firm said on Monday profit rose in 2024.\n\n"
            "It expects savings in 2026 and 2027.",
            dt.date(2025, 3, 3),
        ),
        # "on Tuesday" may be the day before the dateline: the latest year stands
        (
            "LONDON, March 4 (Reuters) - The firm said late on Monday profit rose in 2025.",
            dt.date(2025, 3, 4),
        ),
        ("PARIS, Jan 5 (AFP) - The 2024-2025 season resumed on Sunday.", dt.date(2025, 1, 5)),
        # a wire's dateline with no place, and the lede's weekday written with its date
        (
            "Oct 11 (Reuters) - Boeing said on Friday, October 11, it would cut jobs. It"
            " delayed the jet to 2026 from 2025.",
            dt.date(2024, 10, 11),
        ),
        # a target year with its month ("must be held by January 2025") is not the story's
        (
            "LONDON, May 22 (Reuters) - Sunak on Wednesday called an election for July 4."
            " The election must be held by January 2025. The party has ruled since 2010."
            " The vote will take place on Thursday, July 4, 2024.",
            dt.date(2024, 5, 22),
        ),
        # an agency's bracket with no dash before the first sentence, as PTI writes it
        (
            "Guwahati, Jul 14 (PTI) The flood situation in Assam worsened on Monday, the"
            " worst since 2022 in the state.",
            dt.date(2025, 7, 14),
        ),
        # only a year of history written: the weekday places the story after it
        (
            "HOUSTON, Oct 1 (Reuters) - Oil jumped on Tuesday. Its monthly loss was the"
            " steepest since November 2022.",
            dt.date(2024, 10, 1),
        ),
    ],
)
def test_dateline(text: str, date: dt.date) -> None:
    doc = _doc(text)
    assert doc.reference_date == date
    assert doc.reference_origin == "dateline"
    found = find_dateline(document_from_text("t", text))
    assert found is not None and found[1] == date


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("ISTANBUL, Jan 22 (AP) — The toll rose to 78 on Wednesday.", 2),
        ("ISTANBUL, Jan 22 (AP) — The toll rose on Tuesday, officials said.", 2),
        ("ISTANBUL, Feb 29 (AP) — The toll rose to 78.", None),
    ],
)
def test_dateline_with_no_year_in_the_story(text: str, weekday: int | None) -> None:
    """A story that writes no year still dates its dateline, with a stand-in year that is
    always a guess and fits the lede's weekday (or the day after it)."""
    doc = _doc(text)
    date = doc.reference_date
    assert date is not None and doc.reference_guessed
    assert (date.month, date.day) == ((1, 22) if weekday is not None else (2, 29))
    if weekday is not None:
        assert date.weekday() == weekday
    assert _doc(text).reference_date == date  # the same every time
    shown = build_result(doc, [])  # a stand-in year is never shown as the story's
    assert shown.reference_date is None
    assert all(d["date"] is None for d in shown.dates) and shown.dates


def test_yearless_dateline_takes_the_year_its_weekday_dates_fall_in() -> None:
    """The one year a story writes is history ("In December 2020"), and two weekday dates
    near its yearless dateline fall in another year: the dateline takes that one, which
    puts the lede's "Thursday" on the dateline's own day, and stays a guess."""
    text = (
        "TOKYO, Jan. 22 (Kyodo) -- Snow halted the line from Wednesday evening, the"
        " operator said Thursday.\n\nIt had warned on Tuesday, Jan. 20, of delays, and"
        " expects to resume service on Friday, Jan. 23.\n\nIn December 2020, more than"
        " 2,000 vehicles were stranded."
    )
    doc = _doc(text)
    assert doc.reference_date == dt.date(2026, 1, 22) and doc.reference_guessed
    thursday = next(d for d in doc.dates if d.text == "Thursday")
    assert thursday.date == dt.date(2026, 1, 22)


def test_yearless_dateline_between_two_years_the_body_decides() -> None:
    """The lede's "Thursday" fits the dateline in the latest year the story writes (the
    day before) and in the year before (the day itself): the body's weekday date further
    off decides, and confirms.  One that fits neither is a slip of the body's, and the
    lede's day is the dateline's own; dates that fit one year each leave the guess."""
    text = (
        "PRAGUE, Feb 5 (Reuters) - The Czech National Bank cut its main rate on Thursday,"
        " its first cut since May 2025.\n\nIt expects inflation near 2% in 2027.\n\nThe"
        " bank holds its next meeting on {day}, March 26."
    )
    decided = _doc(text.format(day="Thursday"))
    assert decided.reference_date == dt.date(2026, 2, 5) and not decided.reference_guessed
    slipped = _doc(text.format(day="Saturday"))
    assert slipped.reference_date == dt.date(2026, 2, 5) and not slipped.reference_guessed
    both = _doc(text.format(day="Thursday") + " It meets again on Friday, March 26.")
    assert both.reference_date == dt.date(2027, 2, 5) and both.reference_guessed


def test_no_dateline() -> None:
    assert _doc("WASHINGTON (AP) — The Senate voted on Tuesday.").reference_date is None
    assert _doc("Ad sales boost Time Warner profit\n\nProfits rose 76%.").reference_date is None


def test_as_of_wins_over_dateline() -> None:
    doc = _doc("BRANTFORD, March 3, 2025 — The plant closed.", "2025-03-04")
    assert doc.reference_date == dt.date(2025, 3, 4)


# -- false-date traps -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kyrgyzstan may also send troops.",
        "May we also send troops, he asked.",
        "Thousands joined a protest march through the city.",
        "Protesters March on the capital.",
        "June Smith, a teacher, said she was afraid.",
        "The newspaper was called The Sun.",
        "It was an august body of scholars.",
        "The film Independence Day opened.",
        "He spoke to Jones and May about it.",
    ],
)
def test_false_dates(text: str) -> None:
    assert _dates(text) == [], [d.text for d in _dates(text)]


def test_ambiguous_months_with_context() -> None:
    assert _one("Elections are due in June.").month == 6
    assert _one("The march began on May 5.").month == 5
    assert _one("The bill passed last March.").month == 3
    assert _one("Vaccination ends by the end of March.").month == 3
    assert [d.month for d in _dates("Sales rose between April and June.")] == [4, 6]


# -- durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "qualifier"),
    [
        ("He ruled for three decades.", "for three decades", 3, "decade", "exact"),
        ("In the past 15 months, Russia acted.", "In the past 15 months", 15, "month", "exact"),
        ("Price limits for six months.", "for six months", 6, "month", "exact"),
        ("It lasted 15 months.", "15 months", 15, "month", "exact"),
        (
            "A mission of several days or several weeks.",
            "several days or several weeks",
            None,
            "day",
            "vague",
        ),
        ("It took nearly three decades.", "nearly three decades", 3, "decade", "nearly"),
        ("Rescuers have three to five days.", "three to five days", 3, "day", "exact"),
        ("It lasted almost a year.", "almost a year", 1, "year", "nearly"),
        ("It signed a five-year deal.", "five-year", 5, "year", "exact"),
    ],
)
def test_durations(text: str, written: str, value: float | None, unit: str, qualifier: str) -> None:
    durations = _doc(text).durations
    assert len(durations) == 1, [x.text for x in durations]
    x = durations[0]
    assert (x.text, x.value, x.unit, x.qualifier) == (written, value, unit, qualifier)


def test_until_is_a_duration_and_a_date() -> None:
    doc = _doc("Authorities declared an emergency until January 19.")
    assert [x.text for x in doc.durations] == ["until January 19"]
    assert [d.text for d in doc.dates] == ["January 19"]


def test_ages_are_not_durations() -> None:
    assert _doc("The 81-year-old leader, 60 years old, spoke.").durations == []


# -- helpers used by rules ----------------------------------------------------------------


def test_rewriting_keeps_style() -> None:
    assert with_month("June 5", 1) == "January 5"
    assert with_month("Jun. 5", 1) == "Jan. 5"
    assert with_month("5 Sept 2020", 3) == "5 Mar 2020"
    assert with_weekday("Friday, August 14", 3) == "Thursday, August 14"
    assert with_weekday("Fri., Aug. 14", 3) == "Thu., Aug. 14"


# -- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "January " * 100_000,
        "1" * 100_000,
        "on January 5, " * 10_000,
        "in 2019 and " * 10_000,
        "May " * 100_000,
        "for three years or " * 10_000,
        "Tuesday, " * 10_000,
        "2019-" * 50_000,
        "Jan. 5-" * 20_000,
    ],
)
def test_hostile_input_is_fast(text: str) -> None:
    doc = document_from_text("t", text)
    start = time.perf_counter()
    analyse_dates_only(doc)
    assert time.perf_counter() - start < 5.0


def analyse_dates_only(doc: Document) -> None:
    """Segment and extract dates only: the hostile tests time this module, not the others."""
    from kzaudit.extract.dates import extract_dates
    from kzaudit.segment import segment

    segment(doc)
    find_dateline(doc)
    extract_dates(doc)


def test_dateline_found_after_a_long_html_head() -> None:
    """Head, scripts and menus are blanked out of the text but keep their offsets: the
    dateline window counts visible characters."""
    from kzaudit.pipeline import analyse
    from kzaudit.read import read_document

    script = '{"@context": "https://schema.org", "headline": "Ferry fire"} ' * 20
    page = (
        f"<html><head><title>Ferry fire</title><script type='application/ld+json'>{script}"
        "</script></head><body><nav>Home | News | Sport</nav><article><h1>Ferry fire</h1>"
        "<p>HALIFAX, June 10, 2025 — Twelve people were rescued on Tuesday.</p>"
        "</article></body></html>"
    )
    doc = analyse(read_document("page.html", page.encode()))
    assert doc.reference_date == dt.date(2025, 6, 10)
    assert doc.reference_origin == "dateline"


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Updated 4:31 PM CDT, October 14, 2025", dt.date(2025, 10, 14)),
        ("Posted Thu 23 Jan 2025 at 5:12pm", dt.date(2025, 1, 23)),
        ("NEW DELHI, May 13, 2025: The board declared results.", dt.date(2025, 5, 13)),
        ("OSLO, 2025-04-17 03:22 UTC \u2014 The board declared results.", dt.date(2025, 4, 17)),
    ],
)
def test_wire_and_web_date_lines(head: str, date: dt.date) -> None:
    doc = analyse(
        document_from_text("a.txt", f"{head}\n\nThe board met on Tuesday, officials said.\n")
    )
    assert doc.reference_date == date


@pytest.mark.parametrize(
    "stamp",
    [
        "TNN | Nov 14, 2025, 11.42 PM IST",
        "Last Updated: November 14, 2025 | 23:42 IST",
        "Nov 14, 2025 / 11:42 PM IST",
        "Published On 14 Nov 2025",
        "ET Bureau | Last Updated: Nov 14, 2025, 07:42:00 PM IST",
    ],
)
def test_date_stamp_styles(stamp: str) -> None:
    text = f"Headline here\n{stamp}\n\nPATNA: The alliance won on Friday."
    assert _doc(text).reference_date == dt.date(2025, 11, 14)


def test_start_candidates_match_the_plain_definition() -> None:
    """The first-character branches of the date-start scan find the starts that
    ``\\b(?:name|year|day|relative word)`` finds (non-ASCII digits aside: no date
    begins with one)."""
    import random
    import re

    from kzaudit.extract.dates import _RELATIVE_FIRST_WORDS, _date_starts, vocab

    v = vocab()
    names = "|".join(re.escape(w) for w in sorted({*v.months, *v.weekdays}, key=lambda w: -len(w)))
    plain = re.compile(
        rf"\b(?:{names}|(?:1[6-9]\d\d|20\d\d)(?!\d)|[0-9]\d?(?:st|nd|rd|th)?(?=[\s\u2013-])"
        rf"|(?i:{'|'.join(_RELATIVE_FIRST_WORDS)}))"
    )
    rnd = random.Random(7)
    pieces = [
        *"aJMTtyYlLnNeE 1209-\u2013\n,.'_\u017fK\u0130\u0131\u212a\u0394",
        *["June ", "Tues", "this", "2005", "31st ", "tHiS", "LAST", "nExt", "yesterday"],
        *["earlier", "later", "today", "tonight", "tomorrow", "\u017ftoday"],
    ]
    for _ in range(6000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
        assert _date_starts(text) == [m.start() for m in plain.finditer(text)], text


def test_duration_windows_find_what_a_whole_scan_finds() -> None:
    """Scanning only the stretches before unit words gives the durations (and the
    vague ones) that a scan of the whole text gives, long numbers and ranges included."""
    import random

    from kzaudit.extract.dates import (
        _duration_patterns,
        _starts_in,
        _unit_windows,
        _vague_duration_pattern,
    )
    from kzaudit.regexcache import matches_at

    starts, body, _ = _duration_patterns()
    vague = _vague_duration_pattern()
    rnd = random.Random(11)

    def gap() -> str:
        return rnd.choice(["", " ", "  ", "   ", "\n", "-", " \u2013 ", "_"])

    numbers = ["1", "12", "2.5", "1,000", "1" + ",000" * 20, "seventeen", "twenty-five"]
    vagues = ["a few", "a  couple   of", "several", "many", "a number of"]
    units = ["day", "days", "years", "hour", "centuries", "fortnights", "second"]
    noise = ["word", "a", "an", "today", "Monday", "old", ",", ".", "7", "0,000"]
    for _ in range(4000):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            if rnd.random() < 0.5:
                parts.append(rnd.choice(noise))
                continue
            head = rnd.choice([*numbers, *vagues])
            if rnd.random() < 0.5:
                head += rnd.choice(["-", " \u2013 ", " to ", "   or   "]) + rnd.choice(numbers)
            if rnd.random() < 0.3:
                head += gap() + rnd.choice(["consecutive", "more"])
            parts.append(head + gap() + rnd.choice(units))
        text = "".join(p + gap() for p in parts)
        windows = _unit_windows(text)
        whole = [
            m.span() for m in matches_at(body, text, (c.start() for c in starts.finditer(text)))
        ]
        inside = (c.start() for c in _starts_in(text, starts, windows))
        assert [m.span() for m in matches_at(body, text, inside)] == whole, text
        whole = [m.span() for m in vague.finditer(text)]
        assert [m.span() for m in _starts_in(text, vague, windows)] == whole, text


def test_clause_bounds_skip_only_windows_without_a_boundary() -> None:
    """The tense scan looks for a clause boundary only in windows holding a part one
    needs: the same bounds as searching every window."""
    import random
    from unittest import mock

    from kzaudit.extract import tense

    rnd = random.Random(29)
    pieces = [
        *'aBt1 ;:()[]"-\u2013\u2014\u201c\u201d\n\t\u00a0',
        *["but", "But", "while", "although", "unless", " - ", "--", "rebuttal", "word "],
    ]
    for _ in range(4000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        fast = tense._clause_start(text, lo, hi), tense._clause_end(text, lo, hi)
        with mock.patch.object(tense, "_may_hold_boundary", lambda *_: True):
            assert fast == (tense._clause_start(text, lo, hi), tense._clause_end(text, lo, hi))
        ahead = tense._BOUNDARY.search(text, lo, hi)
        assert fast[1] == (ahead.start() if ahead else hi), text


def test_event_key_of_a_verb_after_its_date_stays_in_its_sentence() -> None:
    """ "On January 6, troops arrived from Russia." is keyed by its own words only: the
    words after the verb stop at the full stop, not 40 characters on."""
    found = _dates(
        "The government declared a state of emergency on January 5.\n\n"
        "On January 6, troops arrived from Russia.\n\n"
        "A state of emergency declared on January 4 remains in force."
    )
    keys = {d.text: d.event for d in found}
    assert keys["January 5"] == "declar emergency government stat"
    assert keys["January 6"] == "arriv russia troop"
