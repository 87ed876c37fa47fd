"""Relative expressions, weekdays, durations, vague references and sets, each against
the reference date it passes in."""

from __future__ import annotations

from datetime import date

import pytest

from according.dates import find_time_expressions
from according.records import TimeSpan


def _find(text: str, ref: str, surface: str) -> TimeSpan:
    found = find_time_expressions(text, date.fromisoformat(ref))
    for t in found:
        if t.text == surface:
            return t
    raise AssertionError(f"{surface!r} not found in {[t.text for t in found]}")


SUN = "2020-07-05"  # a Sunday
WED = "2020-07-08"  # a Wednesday

# text, reference, surface, start, end, precision, method
CASES = [
    ("He left yesterday.", SUN, "yesterday", "2020-07-04", "2020-07-04", "day", "relative"),
    ("He leaves today.", SUN, "today", "2020-07-05", "2020-07-05", "day", "relative"),
    ("He leaves tomorrow.", SUN, "tomorrow", "2020-07-06", "2020-07-06", "day", "relative"),
    (
        "He left the day before yesterday.",
        SUN,
        "the day before yesterday",
        "2020-07-03",
        "2020-07-03",
        "day",
        "relative",
    ),
    (
        "He arrives the day after tomorrow.",
        SUN,
        "the day after tomorrow",
        "2020-07-07",
        "2020-07-07",
        "day",
        "relative",
    ),
    (
        "It ended late yesterday.",
        SUN,
        "late yesterday",
        "2020-07-04",
        "2020-07-04",
        "day",
        "relative",
    ),
    ("It happened last night.", SUN, "last night", "2020-07-04", "2020-07-04", "day", "relative"),
    (
        "It happened this morning.",
        SUN,
        "this morning",
        "2020-07-05",
        "2020-07-05",
        "day",
        "relative",
    ),
    ("They meet tonight.", SUN, "tonight", "2020-07-05", "2020-07-05", "day", "relative"),
    ("They met last week.", SUN, "last week", "2020-06-22", "2020-06-28", "week", "relative"),
    ("They meet this week.", WED, "this week", "2020-07-06", "2020-07-12", "week", "relative"),
    ("They meet next week.", WED, "next week", "2020-07-13", "2020-07-19", "week", "relative"),
    ("Prices fell last month.", SUN, "last month", "2020-06-01", "2020-06-30", "month", "relative"),
    ("Prices fell this month.", SUN, "this month", "2020-07-01", "2020-07-31", "month", "relative"),
    (
        "Prices fell earlier this month.",
        SUN,
        "earlier this month",
        "2020-07-01",
        "2020-07-31",
        "month",
        "relative",
    ),
    ("Prices rise next month.", SUN, "next month", "2020-08-01", "2020-08-31", "month", "relative"),
    ("Prices fell last year.", SUN, "last year", "2019-01-01", "2019-12-31", "year", "relative"),
    ("Prices fell this year.", SUN, "this year", "2020-01-01", "2020-12-31", "year", "relative"),
    ("Prices rise next year.", SUN, "next year", "2021-01-01", "2021-12-31", "year", "relative"),
    (
        "Prices fell earlier this year.",
        SUN,
        "earlier this year",
        "2020-01-01",
        "2020-12-31",
        "year",
        "relative",
    ),
    (
        "Prices rise early next year.",
        SUN,
        "early next year",
        "2021-01-01",
        "2021-12-31",
        "year",
        "relative",
    ),
    (
        "Debt will fall by the end of the year.",
        SUN,
        "the end of the year",
        "2020-01-01",
        "2020-12-31",
        "year",
        "relative",
    ),
    (
        "Crime fell in the last decade.",
        SUN,
        "the last decade",
        "2010-07-05",
        "2020-07-05",
        "duration",
        "relative",
    ),
    ("It rained last weekend.", WED, "last weekend", "2020-07-04", "2020-07-05", "day", "relative"),
    (
        "They will rally this weekend.",
        WED,
        "this weekend",
        "2020-07-11",
        "2020-07-12",
        "day",
        "relative",
    ),
    (
        "They rallied over the weekend.",
        "2020-07-06",
        "the weekend",
        "2020-07-04",
        "2020-07-05",
        "day",
        "relative",
    ),
    ("He left two days ago.", SUN, "two days ago", "2020-07-03", "2020-07-03", "day", "relative"),
    ("He left 10 days ago.", SUN, "10 days ago", "2020-06-25", "2020-06-25", "day", "relative"),
    (
        "He left three weeks ago.",
        SUN,
        "three weeks ago",
        "2020-06-08",
        "2020-06-14",
        "week",
        "relative",
    ),
    (
        "He left two months ago.",
        SUN,
        "two months ago",
        "2020-05-01",
        "2020-05-31",
        "month",
        "relative",
    ),
    (
        "He left five years ago.",
        SUN,
        "five years ago",
        "2015-01-01",
        "2015-12-31",
        "year",
        "relative",
    ),
    ("He left a year ago.", SUN, "a year ago", "2019-01-01", "2019-12-31", "year", "relative"),
    (
        "He left a decade ago.",
        SUN,
        "a decade ago",
        "2010-01-01",
        "2019-12-31",
        "decade",
        "relative",
    ),
    (
        "He left some 20 years ago.",
        SUN,
        "some 20 years ago",
        "2000-01-01",
        "2000-12-31",
        "year",
        "relative",
    ),
    (
        "He returns two years from now.",
        SUN,
        "two years from now",
        "2022-01-01",
        "2022-12-31",
        "year",
        "relative",
    ),
    (
        "Sales were up from a year earlier.",
        SUN,
        "a year earlier",
        "2019-01-01",
        "2019-12-31",
        "year",
        "relative",
    ),
    (
        "Profit rose in the third quarter from a year earlier.",
        "1989-10-26",
        "a year earlier",
        "1988-07-01",
        "1988-09-30",
        "month",
        "relative",
    ),
    (
        "Profit rose from the year-earlier level.",
        "1989-10-26",
        "the year-earlier",
        "1988-01-01",
        "1988-12-31",
        "year",
        "relative",
    ),
    # weekdays alone: the nearest one, past unless the sentence speaks of the future
    (
        "Police said on Friday that two died.",
        SUN,
        "Friday",
        "2020-07-03",
        "2020-07-03",
        "day",
        "relative",
    ),
    (
        "Police said Friday that two died.",
        WED,
        "Friday",
        "2020-07-03",
        "2020-07-03",
        "day",
        "relative",
    ),
    (
        "The minister will meet them on Friday.",
        SUN,
        "Friday",
        "2020-07-10",
        "2020-07-10",
        "day",
        "relative",
    ),
    (
        "Talks are expected to resume on Monday.",
        SUN,
        "Monday",
        "2020-07-06",
        "2020-07-06",
        "day",
        "relative",
    ),
    ("The blast happened on Sunday.", SUN, "Sunday", "2020-07-05", "2020-07-05", "day", "relative"),
    ("They met last Friday.", SUN, "last Friday", "2020-07-03", "2020-07-03", "day", "relative"),
    (
        "They met last Friday.",
        "2020-07-10",
        "last Friday",
        "2020-07-03",
        "2020-07-03",
        "day",
        "relative",
    ),
    ("They meet next Monday.", SUN, "next Monday", "2020-07-06", "2020-07-06", "day", "relative"),
    (
        "Troops arrived Friday night.",
        SUN,
        "Friday night",
        "2020-07-03",
        "2020-07-03",
        "day",
        "relative",
    ),
    (
        "On Tuesday, police arrested ten people.",
        WED,
        "Tuesday",
        "2020-07-07",
        "2020-07-07",
        "day",
        "relative",
    ),
    (
        "Until Thursday, they had not called him a suspect.",
        "2020-07-10",
        "Thursday",
        "2020-07-09",
        "2020-07-09",
        "day",
        "relative",
    ),
    (
        "The group could come as soon as Tuesday.",
        SUN,
        "Tuesday",
        "2020-07-07",
        "2020-07-07",
        "day",
        "relative",
    ),
    # durations stay durations; anchored ones span to the reference date
    ("The regime's 40 years of plunder.", SUN, "40 years", None, None, "duration", "relative"),
    (
        "Over the past two days, protests spread.",
        SUN,
        "the past two days",
        "2020-07-03",
        "2020-07-05",
        "duration",
        "relative",
    ),
    (
        "They trained over the last two years.",
        SUN,
        "the last two years",
        "2018-07-05",
        "2020-07-05",
        "duration",
        "relative",
    ),
    (
        "Talks continue for the next three months.",
        SUN,
        "the next three months",
        "2020-07-05",
        "2020-10-05",
        "duration",
        "relative",
    ),
    ("He got a two-year sentence.", SUN, "two-year", None, None, "duration", "relative"),
    ("It lasted several days.", SUN, "several days", None, None, "duration", "relative"),
    ("The curfew lasted 24 hours.", SUN, "24 hours", None, None, "duration", "relative"),
    ("It took nearly two decades.", SUN, "nearly two decades", None, None, "duration", "relative"),
    (
        "Days after the nationwide protests, he spoke.",
        SUN,
        "Days",
        None,
        None,
        "duration",
        "relative",
    ),
    ("They have waited for years.", SUN, "years", None, None, "duration", "relative"),
    (
        "For the first nine months, sales grew.",
        SUN,
        "the first nine months",
        None,
        None,
        "duration",
        "relative",
    ),
    ("The war lasted a week.", SUN, "a week", None, None, "duration", "relative"),
    (
        "The strike lasted twenty-five days.",
        SUN,
        "twenty-five days",
        None,
        None,
        "duration",
        "relative",
    ),
]


@pytest.mark.parametrize("text,ref,surface,start,end,precision,method", CASES)
def test_relative(
    text: str,
    ref: str,
    surface: str,
    start: str | None,
    end: str | None,
    precision: str,
    method: str,
) -> None:
    t = _find(text, ref, surface)
    assert (t.start, t.end, t.precision, t.method) == (start, end, precision, method)


TIMEX = [
    ("He left last week.", SUN, "last week", "2020-W26", "DATE"),
    ("Troops arrived Friday night.", SUN, "Friday night", "2020-07-03TNI", "TIME"),
    ("It happened this morning.", SUN, "this morning", "2020-07-05TMO", "TIME"),
    ("The regime's 40 years of plunder.", SUN, "40 years", "P40Y", "DURATION"),
    ("Over the past two days, protests spread.", SUN, "the past two days", "P2D", "DURATION"),
    ("The curfew lasted 24 hours.", SUN, "24 hours", "PT24H", "DURATION"),
    ("It took half an hour.", SUN, "half an hour", "PT30M", "DURATION"),
    ("It took half a year.", SUN, "half a year", "P6M", "DURATION"),
    ("It took nearly two decades.", SUN, "nearly two decades", "P20Y", "DURATION"),
    ("It lasted several days.", SUN, "several days", "PXD", "DURATION"),
    ("Two quarters passed.", SUN, "Two quarters", "P2Q", "DURATION"),
    ("The regime has recently arrested two.", SUN, "recently", "PAST_REF", "DATE"),
    ("It is now over.", SUN, "now", "PRESENT_REF", "DATE"),
    ("It is currently over.", SUN, "currently", "PRESENT_REF", "DATE"),
    ("Not in the near future.", SUN, "the near future", "FUTURE_REF", "DATE"),
    ("As in the past, he lied.", SUN, "the past", "PAST_REF", "DATE"),
    ("Protests erupt daily.", SUN, "daily", "P1D", "SET"),
    ("They meet every week.", SUN, "every week", "P1W", "SET"),
    ("They meet twice a year.", SUN, "a year", "P1Y", "SET"),
    ("Markets close on Fridays.", SUN, "Fridays", "XXXX-WXX-5", "SET"),
    ("He left two weeks ago.", SUN, "two weeks ago", "2020-W25", "DATE"),
    ("It rained last weekend.", WED, "last weekend", "2020-W27-WE", "DATE"),
    ("The deadline is 5 p.m. tomorrow.", SUN, "5 p.m. tomorrow", "2020-07-06T17:00", "TIME"),
    ("Shots at 10:35 a.m. hit the wall.", SUN, "10:35 a.m.", "2020-07-05T10:35", "TIME"),
    ("Shots at noon hit the wall.", SUN, "noon", "2020-07-05T12:00", "TIME"),
    ("the 9 a.m. Tuesday meeting", SUN, "9 a.m. Tuesday", "2020-06-30T09:00", "TIME"),
    ("This century began badly.", "1999-03-12", "This century", "19", "DATE"),
    ("It happened a decade ago.", "1999-03-12", "a decade ago", "198", "DATE"),
]


@pytest.mark.parametrize("text,ref,surface,timex,ttype", TIMEX)
def test_timex(text: str, ref: str, surface: str, timex: str, ttype: str) -> None:
    t = _find(text, ref, surface)
    assert (t.timex, t.timex_type) == (timex, ttype)  # type: ignore[attr-defined]


def test_relative_without_reference_keeps_placeholder() -> None:
    found = find_time_expressions("The vote is on Friday.", None)
    assert found[0].start is None and found[0].timex == "XXXX-WXX-5"


def test_future_hint_overrides_cue_words() -> None:
    def hint(start: int, end: int) -> str:
        return "future"

    found = find_time_expressions("Police said on Friday.", date(2020, 7, 5), future_hint=hint)  # type: ignore[arg-type]
    assert found[0].start == "2020-07-10"
