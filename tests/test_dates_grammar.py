# ruff: noqa: E501  (one case per line: tables read better unwrapped)
"""Absolute expressions: dates in the usual orders, months, years, decades, quarters,
seasons, holidays, ranges, and years inferred for yearless dates. Every case passes its
own reference date; nothing reads today's date."""

from __future__ import annotations

from datetime import date

import pytest

from according.dates import find_time_expressions
from according.records import TimeSpan


def _find(text: str, ref: str | None, surface: str) -> TimeSpan:
    reference = date.fromisoformat(ref) if ref else None
    found = find_time_expressions(text, reference)
    for t in found:
        if t.text == surface:
            return t
    raise AssertionError(f"{surface!r} not found in {[t.text for t in found]}")


# text, reference, surface, start, end, precision, method
CASES = [
    # full dates, month first
    ("The talks began on July 1, 2020.", "2020-07-05", "July 1, 2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("He was born on Jul. 1, 1950.", "2020-07-05", "Jul. 1, 1950", "1950-07-01", "1950-07-01", "day", "explicit"),
    ("It ended Sept. 30, 1989, as planned.", "1989-10-26", "Sept. 30, 1989", "1989-09-30", "1989-09-30", "day", "explicit"),
    ("Signed July 1st, 2020 in Paris.", "2020-07-05", "July 1st, 2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Until December 25 2019 it was open.", "2020-07-05", "December 25 2019", "2019-12-25", "2019-12-25", "day", "explicit"),
    ("On March 5, 1946, he spoke.", "1999-03-12", "March 5, 1946", "1946-03-05", "1946-03-05", "day", "explicit"),
    ("AUGUST 4, 2020 - Beirut", "2020-08-05", "AUGUST 4, 2020", "2020-08-04", "2020-08-04", "day", "explicit"),
    # full dates, day first
    ("It opened on 1 July 2020.", "2020-07-05", "1 July 2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("On the 1st of July 2020 they met.", "2020-07-05", "the 1st of July 2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Dated 25 December, 2019.", "2020-07-05", "25 December, 2019", "2019-12-25", "2019-12-25", "day", "explicit"),
    ("On 9 Nov 1989 the wall fell.", "2020-07-05", "9 Nov 1989", "1989-11-09", "1989-11-09", "day", "explicit"),
    # numeric dates
    ("Filed 2020-07-01 by the court.", "2020-07-05", "2020-07-01", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Filed 2020/07/01 by the court.", "2020-07-05", "2020/07/01", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Story 19980114 from the wire.", "1998-01-20", "19980114", "1998-01-14", "1998-01-14", "day", "explicit"),
    ("Posted 7/1/2020 at noon.", "2020-07-05", "7/1/2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Posted 25/12/2019.", "2020-07-05", "25/12/2019", "2019-12-25", "2019-12-25", "day", "explicit"),
    ("Posted 12/25/2019.", "2020-07-05", "12/25/2019", "2019-12-25", "2019-12-25", "day", "explicit"),
    ("Wire copy 10/26/89 follows.", "1989-11-01", "10/26/89", "1989-10-26", "1989-10-26", "day", "explicit"),
    ("Wire copy 11/02/89 follows.", "1989-11-03", "11/02/89", "1989-11-02", "1989-11-02", "day", "explicit"),
    ("Signed 1.7.2020 in Bern.", "2020-07-05", "1.7.2020", "2020-07-01", "2020-07-01", "day", "explicit"),
    ("Sent 08-16-90 from Amman.", "1990-08-20", "08-16-90", "1990-08-16", "1990-08-16", "day", "explicit"),
    # months and years
    ("The protests in November 2019 were crushed.", "2020-07-05", "November 2019", "2019-11-01", "2019-11-30", "month", "explicit"),
    ("In July of 2020 they met.", "2020-07-05", "July of 2020", "2020-07-01", "2020-07-31", "month", "explicit"),
    ("By early July 2020 it was over.", "2020-07-05", "early July 2020", "2020-07-01", "2020-07-31", "month", "explicit"),
    ("In February 2020, turnout fell.", "2020-07-05", "February 2020", "2020-02-01", "2020-02-29", "month", "explicit"),
    ("Sales in Feb. 1999 rose.", "2000-01-05", "Feb. 1999", "1999-02-01", "1999-02-28", "month", "explicit"),
    ("It was founded in 1998.", "2020-07-05", "1998", "1998-01-01", "1998-12-31", "year", "explicit"),
    ("Results for fiscal 1989 fell.", "1989-10-26", "fiscal 1989", "1989-01-01", "1989-12-31", "year", "explicit"),
    ("Growth slowed in early 2020.", "2020-07-05", "early 2020", "2020-01-01", "2020-12-31", "year", "explicit"),
    ("Debt rose until the end of 1998.", "2000-07-05", "the end of 1998", "1998-01-01", "1998-12-31", "year", "explicit"),
    ("The plant opened in 1066 and closed.", "2020-07-05", "1066", "1066-01-01", "1066-12-31", "year", "explicit"),
    ("Prices doubled in the first half of 1990.", "1990-10-05", "the first half of 1990", "1990-01-01", "1990-06-30", "month", "explicit"),
    ("The 1998-99 season was long.", "2000-07-05", "1998-99", "1998-01-01", "1999-12-31", "year", "explicit"),
    ("The 2010-2015 plan failed.", "2020-07-05", "2010-2015", "2010-01-01", "2015-12-31", "year", "explicit"),
    # decades and centuries
    ("Unrest in the 1990s was rare.", "2020-07-05", "the 1990s", "1990-01-01", "1999-12-31", "decade", "explicit"),
    ("Music of the '80s is back.", "2020-07-05", "the '80s", "1980-01-01", "1989-12-31", "decade", "explicit"),
    ("Music of the '20s is back.", "1998-07-05", "the '20s", "1920-01-01", "1929-12-31", "decade", "explicit"),
    ("The early 1980s were hard.", "2020-07-05", "The early 1980s", "1980-01-01", "1989-12-31", "decade", "explicit"),
    ("Rents rose in the 2010s.", "2020-07-05", "the 2010s", "2010-01-01", "2019-12-31", "decade", "explicit"),
    ("He grew up in the sixties.", "2020-07-05", "the sixties", "1960-01-01", "1969-12-31", "decade", "explicit"),
    ("A relic of the 20th century.", "2020-07-05", "the 20th century", "1900-01-01", "1999-12-31", "decade", "explicit"),
    ("A relic of the nineteenth century.", "2020-07-05", "the nineteenth century", "1800-01-01", "1899-12-31", "decade", "explicit"),
    # quarters and halves
    ("Profit in the third quarter of 1989 fell.", "1989-10-26", "the third quarter of 1989", "1989-07-01", "1989-09-30", "month", "explicit"),
    ("Profit in the third quarter fell.", "1989-10-26", "the third quarter", "1989-07-01", "1989-09-30", "month", "relative"),
    ("Third-quarter profit fell.", "1989-10-26", "Third-quarter", "1989-07-01", "1989-09-30", "month", "relative"),
    ("Sales in Q3 2020 rose.", "2020-11-05", "Q3 2020", "2020-07-01", "2020-09-30", "month", "explicit"),
    ("Profit in the latest quarter rose.", "1989-10-26", "the latest quarter", "1989-07-01", "1989-09-30", "month", "relative"),
    ("Profit in the year-ago quarter was lower.", "1989-10-26", "the year-ago quarter", "1988-07-01", "1988-09-30", "month", "relative"),
    ("Sales this quarter are weak.", "1989-10-26", "this quarter", "1989-10-01", "1989-12-31", "month", "relative"),
    ("Sales in the 1988 third quarter rose.", "1989-10-26", "the 1988 third quarter", "1988-07-01", "1988-09-30", "month", "explicit"),
    # seasons
    ("They met in summer 2019.", "2020-07-05", "summer 2019", "2019-06-01", "2019-08-31", "month", "explicit"),
    ("They met last summer.", "1998-02-19", "last summer", "1997-06-01", "1997-08-31", "month", "relative"),
    ("Sales grew this fall.", "1989-10-30", "this fall", "1989-09-01", "1989-11-30", "month", "relative"),
    ("Talks will resume in the spring.", "2020-01-10", "the spring", "2020-03-01", "2020-05-31", "month", "relative"),
    ("Fighting stopped in the winter of 1994.", "2000-01-10", "the winter of 1994", "1994-12-01", "1995-02-28", "month", "explicit"),
    # holidays
    ("Shops closed on Christmas 2019.", "2020-07-05", "Christmas 2019", "2019-12-25", "2019-12-25", "day", "explicit"),
    ("Families met on Thanksgiving 2020.", "2021-07-05", "Thanksgiving 2020", "2020-11-26", "2020-11-26", "day", "explicit"),
    ("Pilgrims came at Easter 2021.", "2021-07-05", "Easter 2021", "2021-04-04", "2021-04-04", "day", "explicit"),
    ("The party will celebrate Christmas at home.", "2020-07-05", "Christmas", "2020-12-25", "2020-12-25", "day", "relative"),
    ("Troops came home for Christmas last year.", "2020-07-05", "Christmas", "2019-12-25", "2019-12-25", "day", "relative"),
    # weekday and date without a year: the weekday picks the year
    ("On Sunday, May 17, the leader spoke.", "2020-07-05", "Sunday, May 17", "2020-05-17", "2020-05-17", "day", "weekday"),
    ("On Sunday, May 17, the leader spoke.", "2024-07-27", "Sunday, May 17", "2020-05-17", "2020-05-17", "day", "weekday"),
    ("Units met on Wednesday, July 1.", "2024-07-27", "Wednesday, July 1", "2020-07-01", "2020-07-01", "day", "weekday"),
    ("Units met on Saturday, July 4.", "2024-07-27", "Saturday, July 4", "2020-07-04", "2020-07-04", "day", "weekday"),
    ("The summit will be held on Friday, July 17.", "2020-07-05", "Friday, July 17", "2020-07-17", "2020-07-17", "day", "weekday"),
    ("They will meet on Monday, January 4.", "2020-12-20", "Monday, January 4", "2021-01-04", "2021-01-04", "day", "weekday"),
    ("On Tuesday, March 3, voters went out.", "2020-07-05", "Tuesday, March 3", "2020-03-03", "2020-03-03", "day", "weekday"),
    ("Shares fell Friday, Oct. 27, in New York.", "1989-10-30", "Friday, Oct. 27", "1989-10-27", "1989-10-27", "day", "weekday"),
    ("It rained on Monday, 4 May.", "2020-07-05", "Monday, 4 May", "2020-05-04", "2020-05-04", "day", "weekday"),
    ("It was Thursday, 7 November 2019.", "2020-07-05", "Thursday, 7 November 2019", "2019-11-07", "2019-11-07", "day", "explicit"),
    ("He said on Wed., Nov. 4 that it was over.", "2020-12-05", "Wed., Nov. 4", "2020-11-04", "2020-11-04", "day", "weekday"),
    ("The vote was on Tuesday, Nov. 3.", "2021-02-01", "Tuesday, Nov. 3", "2020-11-03", "2020-11-03", "day", "weekday"),
    # yearless dates without a weekday: the reference year, moved by tense
    ("Naderi told the daily on March 7 that he was worried.", "2020-07-05", "March 7", "2020-03-07", "2020-03-07", "day", "inferred"),
    ("Khamenei said on November 17 that thugs came.", "2020-07-05", "November 17", "2019-11-17", "2019-11-17", "day", "inferred"),
    ("The website wrote on November 20 that they trained.", "2020-07-05", "November 20", "2019-11-20", "2019-11-20", "day", "inferred"),
    ("The summit will be held on July 17 in Paris.", "2020-07-05", "July 17", "2020-07-17", "2020-07-17", "day", "inferred"),
    ("They will visit on January 10.", "2020-12-20", "January 10", "2021-01-10", "2021-01-10", "day", "inferred"),
    ("Police arrested him on Dec. 28 in Lyon.", "2021-01-05", "Dec. 28", "2020-12-28", "2020-12-28", "day", "inferred"),
    ("The deal is expected to close by Dec. 15.", "1989-11-02", "Dec. 15", "1989-12-15", "1989-12-15", "day", "inferred"),
    ("He was arrested on 17 May in Tehran.", "2020-07-05", "17 May", "2020-05-17", "2020-05-17", "day", "inferred"),
    ("They were identified by the MEK on May 5.", "2020-07-05", "May 5", "2020-05-05", "2020-05-05", "day", "inferred"),
    ("The payment is due Jan. 2.", "1989-11-02", "Jan. 2", "1990-01-02", "1990-01-02", "day", "inferred"),
    ("He died on the 3rd of March.", "2020-07-05", "the 3rd of March", "2020-03-03", "2020-03-03", "day", "inferred"),
    ("Leap day: it happened on February 29.", "2021-03-10", "February 29", "2020-02-29", "2020-02-29", "day", "inferred"),
    # months without a year
    ("Elections in February were boycotted.", "2020-07-05", "February", "2020-02-01", "2020-02-29", "month", "inferred"),
    ("The car was found in December, police said.", "2000-01-15", "December", "1999-12-01", "1999-12-31", "month", "inferred"),
    ("Talks will resume in January.", "2020-11-15", "January", "2021-01-01", "2021-01-31", "month", "inferred"),
    ("Sales peaked last April.", "1989-10-26", "last April", "1989-04-01", "1989-04-30", "month", "relative"),
    ("Sales peaked last November.", "2000-04-24", "last November", "1999-11-01", "1999-11-30", "month", "relative"),
    ("Talks resume next January.", "2020-07-05", "next January", "2021-01-01", "2021-01-31", "month", "relative"),
    ("Prices rose in June last year.", "1998-02-19", "June last year", "1997-06-01", "1997-06-30", "month", "relative"),
    ("Voting ends by mid-November.", "1989-10-27", "mid-November", "1989-11-01", "1989-11-30", "month", "inferred"),
    ("It happened in late November, officials said.", "2000-01-06", "late November", "1999-11-01", "1999-11-30", "month", "inferred"),
    ("He arrived in May and left.", "2020-07-05", "May", "2020-05-01", "2020-05-31", "month", "inferred"),
]


@pytest.mark.parametrize("text,ref,surface,start,end,precision,method", CASES)
def test_absolute(text: str, ref: str, surface: str, start: str, end: str, precision: str,
                  method: str) -> None:
    t = _find(text, ref, surface)
    assert (t.start, t.end, t.precision, t.method) == (start, end, precision, method)
    assert t.span is not None and text[t.span.start:t.span.end] == surface


RANGES = [
    ("From Wednesday, July 1, to Saturday, July 4, units organized rallies.", "2024-07-27",
     "Wednesday, July 1, to Saturday, July 4", "2020-07-01", "2020-07-04", "weekday"),
    ("Talks were held between January 4 and February 7.", "2020-07-05",
     "January 4 and February 7", "2020-01-04", "2020-02-07", "inferred"),
    ("Talks were held between January 4 and February 7, 2019.", "2020-07-05",
     "January 4 and February 7, 2019", "2019-01-04", "2019-02-07", "inferred"),
    ("Protests took place July 1-4 in the capital.", "2020-07-10", "July 1-4",
     "2020-07-01", "2020-07-04", "inferred"),
    ("Protests took place 1-4 July 2020.", "2020-07-10", "1-4 July 2020", "2020-07-01",
     "2020-07-04", "explicit"),
    ("The camp ran July 1 to 4, 2020.", "2020-07-10", "July 1 to 4, 2020", "2020-07-01",
     "2020-07-04", "explicit"),
    ("The plan ran from 2010 to 2015.", "2020-07-10", "2010 to 2015", "2010-01-01",
     "2015-12-31", "explicit"),
    ("The strike lasted from Monday to Friday.", "2020-07-05", "Monday to Friday",
     "2020-06-29", "2020-07-03", "relative"),
    ("Inflation rose from December 2019 to March 2020.", "2020-07-05",
     "December 2019 to March 2020", "2019-12-01", "2020-03-31", "explicit"),
    ("The fair runs Dec. 28 through Jan. 3.", "2020-12-20", "Dec. 28 through Jan. 3",
     "2020-12-28", "2021-01-03", "inferred"),
    ("The festival ran from June 5, 2019 to June 9, 2019.", "2020-07-05",
     "June 5, 2019 to June 9, 2019", "2019-06-05", "2019-06-09", "explicit"),
]


@pytest.mark.parametrize("text,ref,surface,start,end,method", RANGES)
def test_ranges(text: str, ref: str, surface: str, start: str, end: str, method: str) -> None:
    t = _find(text, ref, surface)
    assert (t.start, t.end, t.method) == (start, end, method)


def test_range_keeps_its_parts() -> None:
    t = _find("From Wednesday, July 1, to Saturday, July 4, they marched.", "2024-07-27",
              "Wednesday, July 1, to Saturday, July 4")
    parts = t.parts  # type: ignore[attr-defined]
    assert [p.timex for p in parts] == ["2020-07-01", "2020-07-04"]
    assert [p.text for p in parts] == ["Wednesday, July 1", "Saturday, July 4"]


TIMEX = [
    ("in November 2019", "2020-07-05", "November 2019", "2019-11", "DATE"),
    ("in the 1990s", "2020-07-05", "the 1990s", "199", "DATE"),
    ("in 1998", "2020-07-05", "1998", "1998", "DATE"),
    ("the third quarter", "1989-10-26", "the third quarter", "1989-Q3", "DATE"),
    ("the first half of 1990", "1990-10-26", "the first half of 1990", "1990-H1", "DATE"),
    ("last summer", "1998-02-19", "last summer", "1997-SU", "DATE"),
    ("the 20th century", "1998-02-19", "the 20th century", "19", "DATE"),
    ("on July 1, 2020", "2020-07-05", "July 1, 2020", "2020-07-01", "DATE"),
    ("at 5 p.m. EST Nov. 9", "1989-11-02", "5 p.m. EST Nov. 9", "1989-11-09T17:00", "TIME"),
    ("Filed 2020-07-01T08:30 here", "2020-07-05", "2020-07-01T08:30", "2020-07-01T08:30", "TIME"),
    ("Q3 2020", "2020-11-05", "Q3 2020", "2020-Q3", "DATE"),
]


@pytest.mark.parametrize("text,ref,surface,timex,ttype", TIMEX)
def test_timex(text: str, ref: str, surface: str, timex: str, ttype: str) -> None:
    t = _find(text, ref, surface)
    assert (t.timex, t.timex_type) == (timex, ttype)  # type: ignore[attr-defined]


def test_explicit_dates_need_no_reference() -> None:
    t = _find("It opened on July 1, 2020.", None, "July 1, 2020")
    assert t.start == "2020-07-01"
    yearless = _find("It opened on July 1 downtown.", None, "July 1")
    assert yearless.start is None and yearless.timex == "XXXX-07-01"


def test_ambiguous_numeric_date_has_low_confidence() -> None:
    assert _find("Posted 7/1/2020.", "2020-07-05", "7/1/2020").confidence <= 0.6
    assert _find("Posted 25/12/2019.", "2020-07-05", "25/12/2019").confidence >= 0.9


def test_two_digit_year_has_low_confidence() -> None:
    assert _find("Copy 10/26/89.", "1989-11-01", "10/26/89").confidence <= 0.6


def test_weekday_contradicting_explicit_year_lowers_confidence() -> None:
    t = _find("It was Monday, July 1, 2020.", "2020-07-05", "Monday, July 1, 2020")
    assert t.start == "2020-07-01" and t.confidence < 0.9
