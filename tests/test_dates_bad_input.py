"""Bad input: impossible dates, two-digit years and numbers that only look like dates
get no date or a low confidence, never an exception."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from according.dates import date_text, find_time_expressions

REF = date(2020, 7, 5)


@pytest.mark.parametrize(
    "text",
    [
        "It happened on February 30.",
        "It happened on February 30, 2020.",
        "It happened on February 29, 2019.",
        "It happened on April 31.",
        "Posted 13/13/2020.",
        "Posted 99/99/99.",
        "Posted 2020-13-45.",
        "Posted 2020-02-30.",
        "On Sunday, February 30, nothing.",
    ],
)
def test_impossible_dates_get_no_date(text: str) -> None:
    for t in find_time_expressions(text, REF):
        assert t.start is None or t.precision != "day", (text, t)


@pytest.mark.parametrize(
    "text",
    [
        "over 1,500 martyrs died",
        "18 others were arrested",
        "the COVID-19 pandemic",
        "about 2000 troops crossed",
        "nearly 1500 people marched",
        "a fine of $1999 was paid",
        "Route 66 and Flight 1200",
        "May I ask a question?",
        "March for Our Lives drew crowds.",
        "we may 5 times ask",
        "the score was 3-1",
        "version 2.1.3 was released",
        "1,234,567 votes",
        "call 555-1234 now",
        "pages 1990-1991",
    ],
)
def test_numbers_that_look_like_dates(text: str) -> None:
    found = [t for t in find_time_expressions(text, REF) if t.timex not in ("PRESENT_REF",)]
    dated = [t for t in found if t.start and t.precision == "day"]
    assert not dated, (text, dated)
    assert not [t for t in found if t.text in ("1,500", "18", "19", "2000", "1500", "1999")]


def test_page_range_is_not_a_day() -> None:
    # "1990-1991" may be read as two years, never as a day.
    assert all(t.precision != "day" for t in find_time_expressions("pages 1990-1991", REF))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "on",
        "Friday",
        "the",
        "'",
        "'90s",
        "May",
        "2020",
        "a.m.",
        "p.m. on",
        "the past",
        "ago",
        "0/0/0000",
        "00:00",
        "31 February 2020",
        "Sunday, May",
        "July -4",
        "from to",
        "between and",
        "Q5 2020",
        "the 99th century",
        "twenty-first century",
        "from July 4 to July 1",
        "December 31, 9999",
        "January 1, 1000",
        "12 a.m.",
        "0 p.m.",
    ],
)
def test_odd_fragments_do_not_crash(text: str) -> None:
    find_time_expressions(text, REF)
    find_time_expressions(text, None)
    date_text(text, REF)
    date_text(text, None)


ALPHABET = st.sampled_from(
    [
        *"0123456789 ,.-/'\n",
        "July ",
        "May ",
        "Friday ",
        "the ",
        "last ",
        "next ",
        "ago ",
        "days ",
        "years ",
        "2020 ",
        "1999 ",
        "Sunday, ",
        "between ",
        "and ",
        "to ",
        "p.m. ",
        "quarter ",
        "third ",
        "early ",
        "summer ",
        "week ",
        "on ",
        "said ",
        "will ",
    ]
)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("last 2020 years ", date(2000, 1, 1)),  # found by the fuzz test below
        ("the past 9000 years", date(2000, 1, 1)),
        ("8000 years from now", date(2020, 7, 5)),
        ("3000000 days ago", date(2020, 7, 5)),
        ("the next 99999 decades", date(2020, 7, 5)),
    ],
)
def test_shifts_past_the_calendar_get_no_anchor(text: str, ref: date) -> None:
    """Python's dates end at years 1 and 9999; a shift beyond them is dropped or kept as
    a bare duration, never an exception."""
    for t in find_time_expressions(text, ref):
        assert t.start is None or date.fromisoformat(t.start[:10])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(ALPHABET, max_size=30).map("".join),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31)),
)
def test_fuzz_never_crashes(text: str, ref: date) -> None:
    for t in find_time_expressions(text, ref):
        assert t.span is not None and text[t.span.start : t.span.end] == t.text
        if t.start and t.end:
            assert t.start <= t.end
    date_text(text, ref)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_unicode_never_crashes(text: str) -> None:
    find_time_expressions(text, REF)
