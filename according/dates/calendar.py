"""Calendar arithmetic the resolver needs and the standard library lacks.

Kept apart from the grammar so each rule can be tested on its own: every function here
is pure and takes its reference date as an argument (nothing reads the clock).
"""

from __future__ import annotations

import calendar as _cal
from datetime import MAXYEAR, MINYEAR, date, timedelta


def valid(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one ("February 30") instead of an exception."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


class OutOfCalendar(ValueError):
    """A shift that leaves the years Python's dates hold (1 to 9999): "the last 2020
    years" before 2000. The grammar drops such a value instead of failing the text."""


def add_months(d: date, months: int) -> date:
    """Shift by calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise OutOfCalendar(f"year {year} is outside {MINYEAR}..{MAXYEAR}")
    return date(year, month + 1, min(d.day, _cal.monthrange(year, month + 1)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def week_value(d: date) -> str:
    """TIMEX3 week value ("2020-W27") from the ISO calendar, as TimeML uses it."""
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def week_bounds(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def half_bounds(year: int, half: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season_bounds(year: int, code: str) -> tuple[date, date]:
    """Northern-hemisphere meteorological seasons; winter YYYY runs Dec YYYY to Feb YYYY+1."""
    first, last = SEASON_MONTHS[code]
    if code == "WI":
        return date(year, 12, 1), month_end(year + 1, 2)
    return date(year, first, 1), month_end(year, last)


def season_of(d: date) -> tuple[int, str]:
    """The season a date falls in, with the year TimeML gives it (Jan 2021 is 2020-WI)."""
    if d.month in (12, 1, 2):
        return (d.year if d.month == 12 else d.year - 1), "WI"
    for code, (first, last) in SEASON_MONTHS.items():
        if code != "WI" and first <= d.month <= last:
            return d.year, code
    raise AssertionError(d)  # pragma: no cover


def weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_on_or_after(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday()) % 7)


def year_for_weekday(month: int, day: int, weekday: int, ref: date, *, future: bool) -> int | None:
    """The year in which ``month/day`` falls on ``weekday``, nearest the reference date:
    not after it for a past or neutral sentence, not before it for a future one.

    Why: a writer who names the weekday and omits the year ("Sunday, May 17") means a
    recent date; the weekday pins the year among the 28-year calendar cycle. A few days
    of slack allow for time zones and a story dated the day after the event.
    """
    slack = timedelta(days=3)
    for offset in range(0, 60):
        year = ref.year + offset if future else ref.year - offset
        d = valid(year, month, day)
        if d is None or d.weekday() != weekday:
            continue
        if future and d >= ref - slack:
            return year
        if not future and d <= ref + slack:
            return year
    return None


def two_digit_year(yy: int, ref: date | None) -> int:
    """Expand "89" to the year nearest the reference date (1989 when read in 1998)."""
    base = ref.year if ref else 2000
    candidates = [
        century + yy
        for century in (base // 100 * 100 - 100, base // 100 * 100, base // 100 * 100 + 100)
    ]
    return min(candidates, key=lambda y: (abs(y - base), -y if y <= base else y))


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last), e.g. US Thanksgiving."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
