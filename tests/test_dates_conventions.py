"""TimeML conventions added to raise value accuracy on news, one parametrized table per
rule, each with cases where the rule must fire and where it must not. Every case passes
its own reference date; nothing reads today's date."""

from __future__ import annotations

from datetime import date

import pytest

from according.dates import date_text, find_time_expressions
from according.dates.compose import RULES, grammar_matches
from according.records import TimeSpan


def _find(text: str, ref: str, surface: str) -> TimeSpan:
    found = find_time_expressions(text, date.fromisoformat(ref))
    for t in found:
        if t.text == surface:
            return t
    raise AssertionError(f"{surface!r} not found in {[(t.text, t.timex) for t in found]}")


def _timexes(text: str, ref: str) -> dict[str, str | None]:
    return {t.text: t.timex for t in find_time_expressions(text, date.fromisoformat(ref))}


# text, reference, surface, TIMEX3 value
YEARLESS = [
    # a past verb does not push a date a few weeks ahead into last year...
    ("The offer was extended to Nov. 20, the company said.", "1989-11-02", "Nov. 20", "1989-11-20"),
    ("The company said it changed its name in November.", "1989-10-10", "November", "1989-11"),
    # ... but still does one that lies far ahead
    ("He said he met her on Dec. 28.", "2020-03-01", "Dec. 28", "2019-12-28"),
    ("The index set a record on Aug. 6, traders said.", "1998-02-06", "Aug. 6", "1997-08-06"),
    # deadlines and dividend dates lie ahead, whatever the verb
    (
        "The board declared a dividend payable Dec. 7 to stock of record Nov. 22.",
        "1989-10-27",
        "Dec. 7",
        "1989-12-07",
    ),
    (
        "The board declared a dividend payable Dec. 7 to stock of record Nov. 22.",
        "1989-10-27",
        "Nov. 22",
        "1989-11-22",
    ),
    ("It agreed to pay down the loan by February.", "1989-10-30", "February", "1990-02"),
    ("The pact was signed, effective Feb. 1.", "1989-10-26", "Feb. 1", "1990-02-01"),
    # "through" often closes a period already past: no deadline reading
    ("Sales rose through Sept. 29, it said.", "1989-10-30", "Sept. 29", "1989-09-29"),
]


@pytest.mark.parametrize("text,ref,surface,timex", YEARLESS)
def test_yearless_dates(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


# Tense cues: the specific reading wins at one position; -ed adjectives are no verbs.
TENSE = [
    ("He is to resume trading in Paris Tuesday.", "1989-10-27", "Tuesday", "1989-10-31"),
    (
        "The office has scheduled a news conference Thursday.",
        "1999-05-05",
        "Thursday",
        "1999-05-06",
    ),
    ("The team planned to leave Nairobi on Thursday.", "1998-09-30", "Thursday", "1998-10-01"),
    (
        "It would be paid on a still unspecified date in January.",
        "1989-10-26",
        "January",
        "1990-01",
    ),
    ("It had been due to expire Friday.", "1989-10-30", "Friday", "1989-10-27"),
    ("The vote is due to be held Friday.", "1989-10-30", "Friday", "1989-11-03"),
    ("Police arrested him Friday.", "1989-10-30", "Friday", "1989-10-27"),
]


# A possessive weekday names a day for what happened on it: the latest such day.
POSSESSIVE = [
    (
        "They would look for ways to get around Wednesday's ruling.",
        "2000-01-07",
        "Wednesday",
        "2000-01-05",
    ),
    ("Friday's trading volume totaled 132.8 million shares.", "1989-10-30", "Friday", "1989-10-27"),
    ("They will meet on Wednesday, officials said.", "2000-01-07", "Wednesday", "2000-01-12"),
]


@pytest.mark.parametrize("text,ref,surface,timex", POSSESSIVE)
def test_possessive_weekday(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


# Smaller fixes: "last Oct. 23" is a day (the abbreviation's dot no longer hides the day
# from "last Oct"), Election Day is a holiday, "now" starts no range.
MISC = [
    ("He was shot to death last Oct. 23 at his home.", "1999-04-19", "Oct. 23", "1998-10-23"),
    ("He won on Election Day 2000.", "2001-01-26", "Election Day 2000", "2000-11-07"),
    (
        "It will be a theme of our campaign from now to Election Day.",
        "1998-10-26",
        "Election Day",
        "1998-11-03",
    ),
]


@pytest.mark.parametrize("text,ref,surface,timex", MISC)
def test_misc_fixes(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


@pytest.mark.parametrize("text,ref,surface,timex", TENSE)
def test_tense_cues(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


# Business periods: the fiscal year named by its end is a duration; the full, fiscal,
# current year is the reference year; "the latest period" the last completed quarter.
PERIODS = [
    (
        "It had revenue of $76 million for the year ended March 31.",
        "1989-11-01",
        "the year",
        "P1Y",
        "DURATION",
    ),
    (
        "Net income in the year ending June 30 will fall.",
        "1989-11-02",
        "the year",
        "P1Y",
        "DURATION",
    ),
    (
        "In the fiscal year ended Jan. 31, sales rose.",
        "1989-10-31",
        "the fiscal year",
        "P1Y",
        "DURATION",
    ),
    (
        "It forecast higher earnings for the full year.",
        "1989-10-30",
        "the full year",
        "1989",
        "DATE",
    ),
    (
        "It expects sales in the current fiscal year to rise.",
        "1989-11-02",
        "the current fiscal year",
        "1989",
        "DATE",
    ),
    (
        "Earnings will be lower for the fiscal year.",
        "1989-11-02",
        "the fiscal year",
        "1989",
        "DATE",
    ),
    (
        "There were no one-time gains in the latest period.",
        "1989-11-02",
        "the latest period",
        "1989-Q3",
        "DATE",
    ),
    (
        "U.K. sales for last year's quarter were about $3 million.",
        "1989-11-01",
        "last year's quarter",
        "1988-Q3",
        "DATE",
    ),
    ("It expects to complete the deal by year-end.", "1989-11-02", "year-end", "1989", "DATE"),
    ("Rules should be in place by year's end.", "1989-10-26", "year's end", "1989", "DATE"),
]


@pytest.mark.parametrize("text,ref,surface,timex,ttype", PERIODS)
def test_business_periods(text: str, ref: str, surface: str, timex: str, ttype: str) -> None:
    t = _find(text, ref, surface)
    assert (t.timex, getattr(t, "timex_type", None)) == (timex, ttype)


def test_period_without_qualifier_is_no_time() -> None:
    assert "the period" not in _timexes("During the period, costs rose.", "1989-11-02")


def test_year_end_is_marked_as_the_end() -> None:
    assert getattr(_find("Close by year-end.", "1989-11-02", "year-end"), "mod", None) == "END"


def test_comparison_reads_past_a_decimal_point() -> None:
    text = (
        "Savin Corp. reported a third-quarter net loss.\n\n"
        "Revenue declined 8% to $85.7 million, from $93.3 million a year earlier."
    )
    assert _find(text, "1989-11-02", "a year earlier").timex == "1988-Q3"


# Spelled-out years (broadcast transcripts)
SPELLED = [
    (
        "In nineteen ninety-one Charles Keating was convicted.",
        "1998-01-15",
        "nineteen ninety-one",
        "1991",
    ),
    (
        "It could have used protection in nineteen seventy-nine when they invaded.",
        "1998-01-21",
        "nineteen seventy-nine",
        "1979",
    ),
    (
        "His promise to halve unemployment by the year two thousand was dropped.",
        "1998-02-05",
        "the year two thousand",
        "2000",
    ),
    (
        "January nineteen ninety-seven. Atlanta again.",
        "1998-02-27",
        "January nineteen ninety-seven",
        "1997-01",
    ),
    (
        "Prices fell to the level we saw in the winter of nineteen ninety-four.",
        "1998-02-23",
        "the winter of nineteen ninety-four",
        "1994-WI",
    ),
    ("Elections are due in two thousand and two.", "1999-02-23", "two thousand and two", "2002"),
]


@pytest.mark.parametrize("text,ref,surface,timex", SPELLED)
def test_spelled_years(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


@pytest.mark.parametrize(
    "text",
    [
        "They sent two thousand troops.",
        "Glass makers kept their secrets for more than two thousand years.",
    ],
)
def test_spelled_counts_are_no_years(text: str) -> None:
    assert not any(
        t.timex and t.timex.startswith("2000")
        for t in find_time_expressions(text, date(1998, 1, 21))
    )


# Anaphora: the value of the date named before, at the expression's granularity
ANAPHORA = [
    (
        "He fled in June 1998 and returned to Cuba later that year.",
        "2000-01-28",
        "later that year",
        "1998",
    ),
    (
        "Slepian was killed on Oct. 23, 1998. Earlier that day, the family sent a fax.",
        "1999-10-24",
        "Earlier that day",
        "1998-10-23",
    ),
    (
        "He appeared in court on Feb. 22, 2000, and again the next morning.",
        "2000-02-24",
        "the next morning",
        "2000-02-23TMO",
    ),
    (
        "It sought a buyer in March 1989. The following month, it put itself up for sale.",
        "1989-10-27",
        "The following month",
        "1989-04",
    ),
    (
        "He was made a general in 1995, and the following year he was appointed attache.",
        "1998-04-18",
        "the following year",
        "1996",
    ),
    (
        "The imports reached $1.5 billion in 1988, up 10% that year.",
        "1989-11-02",
        "that year",
        "1988",
    ),
]


@pytest.mark.parametrize("text,ref,surface,timex", ANAPHORA)
def test_anaphora(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


def test_anaphor_without_anchor_is_dropped() -> None:
    assert "that day" not in _timexes("You have strong redemptions that day.", "1989-10-30")


# Halves, trading days, clock times, parts of day
DURATIONS = [
    ("She spent about 5 1/2 hours in Nairobi.", "1998-08-17", "about 5 1/2 hours", "PT5H30M"),
    ("They lived in camps for 2 1/2 years.", "1998-02-27", "2 1/2 years", "P2Y6M"),
    (
        "A minute and a half later, a pilot called in.",
        "1998-01-14",
        "A minute and a half",
        "PT1M30S",
    ),
    ("He served three and a half years.", "1998-01-14", "three and a half years", "P3Y6M"),
    ("Eight trading days after Oct. 12, it fell.", "1989-10-30", "Eight trading days", "P8D"),
    (
        "He will leave at 4 in the morning, Castro said.",
        "2000-04-05",
        "4 in the morning",
        "2000-04-05T04:00",
    ),
    (
        "The rally starts at 8 o'clock in the evening.",
        "2000-04-05",
        "8 o'clock in the evening",
        "2000-04-05T20:00",
    ),
    (
        "In London at mid-afternoon yesterday, shares were up.",
        "1989-11-02",
        "mid-afternoon yesterday",
        "1989-11-01TAF",
    ),
    ("Shares rose in mid afternoon trading.", "1998-03-06", "mid afternoon", "1998-03-06TAF"),
]


@pytest.mark.parametrize("text,ref,surface,timex", DURATIONS)
def test_durations_and_times(text: str, ref: str, surface: str, timex: str) -> None:
    assert _find(text, ref, surface).timex == timex


def test_march_as_a_noun() -> None:
    assert "March" not in _timexes("He led the March of the Combatant Mothers.", "2000-01-15")


# Speed rework: the windows of the trigger words must find what a scan of the whole
# text finds, and the second pass of date_text must equal a fresh pass.
SAMPLES = [
    "Protesters planned a rally on Saturday, July 4, 2020, and marched from July 1 to 4.",
    "The 1990s and the '80s; in the early 1980s, between 1998-99 and 2010-2015.",
    "On 17 May, the 1st of June 2020 and 7/1/2020 at 5 p.m. EDT they met; 10:35 a.m. Friday.",
    "In recent years, two days ago, four years from now, the past two weeks, for years.",
    "Sales in the third quarter, Q3 2020, the first half, last summer and this century rose.",
    "He met them in March of 1998, early July, mid-November and June last year.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_windows_find_what_a_full_scan_finds(text: str) -> None:
    windowed = {(name, m.start(), m.end()) for name, m in grammar_matches(text)}
    full = {
        (rule.name, m.start(), m.end())
        for rule in RULES
        for m in rule.regex.finditer(text)
        if m.end() > m.start()
    }
    assert windowed == full


def test_second_pass_equals_a_fresh_pass() -> None:
    text = (
        "Sunday, May 17: the march was held on Friday, March 6 and again yesterday.\n"
        "Last week, two days ago, the protesters said they will return next month."
    )
    result = date_text(text, date(2024, 7, 27))
    assert result.conflict and result.reference is not None
    fresh = find_time_expressions(text, result.reference)
    assert [(t.text, t.timex) for t in result.dates] == [(t.text, t.timex) for t in fresh]
