"""Resolved values and the shared resolution logic (years for yearless dates).

A ``Value`` is what one grammar match means: a TIMEX3 value and type, the calendar
interval it covers, how sure we are and how we know (``method``). Handlers in
``absolute.py`` and ``relative.py`` build them with the constructors here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import according.dates.calendar as cal
from according.dates.tense import Sentences, Tense
from according.records import DateMethod, Precision

# A yearless date in a past-tense sentence may still lie ahead of the reference: writers
# drop the year for dates of the current year and the near future, and a past verb often
# governs a deadline still to come ("the offer was extended to Nov. 20", "the board
# declared a dividend payable Dec. 7"). Only a date well ahead is moved a year back.
PAST_SLACK = timedelta(days=60)
FUTURE_SLACK = timedelta(days=14)  # a future-tense date may lie this far before it
NEUTRAL_AHEAD = timedelta(days=183)  # with no tense cue, at most half a year ahead


@dataclass
class Value:
    timex: str | None
    ttype: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET
    start: date | None = None
    end: date | None = None
    precision: Precision = "day"
    method: DateMethod = "explicit"
    confidence: float = 0.9
    mod: str | None = None
    tense: Tense = None
    # What range merging needs to re-resolve a yearless part ("January 4" in
    # "between January 4 and February 7, 2020").
    month: int | None = None
    day: int | None = None
    year_explicit: bool = True
    # A handler may narrow the span it was matched on ("two days" of "two days after").
    span: tuple[int, int] | None = None
    clock: str | None = None  # "T17:00" of a clock time, whose day a neighbour may give
    comparative: bool = False  # "a year earlier": a year before the period just named
    parts: list[tuple[int, int, Value]] = field(default_factory=list)
    anaphor: tuple[str, int] | None = None  # "the next day": (unit, step) from an anchor


@dataclass
class Env:
    """What every handler may consult: the text, the reference date, the tense."""

    text: str
    reference: date | None
    sentences: Sentences
    future_hint: Callable[[int, int], Tense] | None = None
    # Set when a handler reads ``ref``: a value read without it is the same against any
    # reference, so the second pass of ``date_text`` reuses it.
    ref_read: bool = False

    @property
    def ref(self) -> date | None:
        self.ref_read = True
        return self.reference

    def tense(self, start: int, end: int) -> Tense:
        if self.future_hint is not None:
            hinted = self.future_hint(start, end)
            if hinted is not None:
                return hinted
        return self.sentences.tense(start, end)

    def before(self, start: int, chars: int = 30) -> str:
        return self.text[max(0, start - chars) : start]

    def after(self, end: int, chars: int = 30) -> str:
        return self.text[end : end + chars]


# Constructors ----------------------------------------------------------------------------


def day(d: date, method: DateMethod = "explicit", confidence: float = 0.9) -> Value:
    return Value(d.isoformat(), "DATE", d, d, "day", method, confidence)


def month(year: int, m: int, method: DateMethod = "explicit", confidence: float = 0.9) -> Value:
    first = date(year, m, 1)
    return Value(
        f"{year:04d}-{m:02d}", "DATE", first, cal.month_end(year, m), "month", method, confidence
    )


def year(y: int, method: DateMethod = "explicit", confidence: float = 0.9) -> Value:
    return Value(f"{y:04d}", "DATE", date(y, 1, 1), date(y, 12, 31), "year", method, confidence)


def week(d: date, method: DateMethod = "relative", confidence: float = 0.8) -> Value:
    first, last = cal.week_bounds(d)
    return Value(cal.week_value(d), "DATE", first, last, "week", method, confidence)


def weekend(saturday: date, method: DateMethod = "relative", confidence: float = 0.7) -> Value:
    return Value(
        cal.week_value(saturday) + "-WE",
        "DATE",
        saturday,
        saturday + timedelta(days=1),
        "day",
        method,
        confidence,
    )


def quarter(y: int, q: int, method: DateMethod = "explicit", confidence: float = 0.8) -> Value:
    first, last = cal.quarter_bounds(y, q)
    return Value(f"{y:04d}-Q{q}", "DATE", first, last, "month", method, confidence)


def half(y: int, h: int, method: DateMethod = "explicit", confidence: float = 0.8) -> Value:
    first, last = cal.half_bounds(y, h)
    return Value(f"{y:04d}-H{h}", "DATE", first, last, "month", method, confidence)


def season(y: int, code: str, method: DateMethod = "explicit", confidence: float = 0.7) -> Value:
    first, last = cal.season_bounds(y, code)
    return Value(f"{y:04d}-{code}", "DATE", first, last, "month", method, confidence)


def decade(first_year: int, method: DateMethod = "explicit", confidence: float = 0.8) -> Value:
    return Value(
        f"{first_year // 10:03d}",
        "DATE",
        date(first_year, 1, 1),
        date(first_year + 9, 12, 31),
        "decade",
        method,
        confidence,
    )


def century(index: int, method: DateMethod = "explicit", confidence: float = 0.7) -> Value:
    """``index`` as TIMEX3 writes it: 19 for the twentieth century (1900-1999)."""
    first = max(1, index * 100)
    return Value(
        f"{index:02d}",
        "DATE",
        date(first, 1, 1),
        date(index * 100 + 99, 12, 31),
        "decade",
        method,
        confidence,
    )


def ref_value(kind: str, ref: date | None) -> Value:
    """PRESENT_REF / PAST_REF / FUTURE_REF: open intervals ending or starting at the
    reference date, so an event said to happen "recently" is not pinned to one day."""
    start = ref if kind in ("PRESENT_REF", "FUTURE_REF") else None
    end = ref if kind in ("PRESENT_REF", "PAST_REF") else None
    return Value(kind, "DATE", start, end, "day", "relative", 0.5)


def duration(
    amount: float | None,
    unit: str,
    *,
    ref: date | None = None,
    direction: int = 0,
    confidence: float = 0.8,
) -> Value:
    """A duration kept as a duration (TIMEX3 "P40Y"). Anchored at the reference date only
    when the text anchors it ("the past two days": direction -1)."""
    from according.dates.lexicon import TIME_UNITS, UNITS

    letter, mult = UNITS[unit]
    timepart = unit in TIME_UNITS
    if amount is None:
        qty = "X"
    else:
        total = amount * mult
        if total != int(total):  # half a year = 6 months, half an hour = 30 minutes
            return _fractional(total, unit, ref, direction, confidence)
        qty = str(int(total))
    timex = f"PT{qty}{letter}" if timepart else f"P{qty}{letter}"
    v = Value(timex, "DURATION", None, None, "duration", "relative", confidence)
    if ref is not None and direction and amount is not None and not timepart:
        other = shift(ref, unit, direction * amount)
        v.start, v.end = (other, ref) if direction < 0 else (ref, other)
    return v


def _fractional(
    total: float, unit: str, ref: date | None, direction: int, confidence: float
) -> Value:
    smaller = {
        "year": ("month", 12),
        "month": ("day", 30),
        "day": ("hour", 24),
        "hour": ("minute", 60),
        "week": ("day", 7),
        "decade": ("year", 1),
    }
    if unit in smaller:
        sub, factor = smaller[unit]
        if unit == "decade":
            return duration(total, "year", ref=ref, direction=direction, confidence=confidence)
        return duration(total * factor, sub, ref=ref, direction=direction, confidence=confidence)
    return Value(None, "DURATION", None, None, "duration", "relative", 0.3)


def shift(d: date, unit: str, amount: float) -> date:
    n = round(amount)
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "fortnight"):
        return d + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    if unit == "month":
        return cal.add_months(d, n)
    if unit == "quarter":
        return cal.add_months(d, 3 * n)
    factor = {"year": 1, "decade": 10, "century": 100, "centurie": 100}.get(unit, 0)
    if factor:
        return cal.add_years(d, n * factor)
    return d  # hours, minutes: the same day


def at_granularity(d: date, unit: str, method: DateMethod = "relative") -> Value:
    """The value of "N <unit>s ago": as fine as the unit (two days ago is a day, six weeks
    ago a week, two years ago a year)."""
    if unit in ("day", "night", "hour", "minute", "second"):
        return day(d, method, 0.8)
    if unit in ("week", "fortnight"):
        return week(d, method)
    if unit == "month":
        return month(d.year, d.month, method, 0.7)
    if unit == "quarter":
        return quarter(d.year, cal.quarter_of(d), method, 0.7)
    if unit == "decade":
        return decade(d.year // 10 * 10, method, 0.6)
    if unit in ("century", "centurie"):
        return century(d.year // 100, method, 0.6)
    return year(d.year, method, 0.7)


# Yearless dates --------------------------------------------------------------------------


def year_for(first: date, last: date, ref: date, tense: Tense) -> int:
    """The year for a yearless date or month (given here in the reference year): in a
    past sentence the latest that is not well after the reference date, in a future one
    the earliest not well before it; with no tense cue the reference year, moved back
    when that would put it more than half a year ahead (news speaks of the past more)."""

    def span(y: int) -> tuple[date, date]:
        return cal.add_years(first, y - ref.year), cal.add_years(last, y - ref.year)

    years = (ref.year - 1, ref.year, ref.year + 1)
    if tense == "past":
        return max(y for y in years if span(y)[0] <= ref + PAST_SLACK)
    if tense == "future":
        return min(y for y in years if span(y)[1] >= ref - FUTURE_SLACK)

    # No tense cue: the reference year, unless that puts it over half a year ahead.
    return ref.year - 1 if span(ref.year)[0] > ref + NEUTRAL_AHEAD else ref.year


def resolve_month_day(
    m: int, d: int, weekday: int | None, env: Env, start: int, end: int
) -> Value | None:
    """A month and day without a year: the weekday, when given, picks the year; else
    ``year_for``. Impossible dates (February 30) give None. A deadline ("by Dec. 15")
    is read as future whatever the verb."""
    tense = "future" if env.sentences.ahead(start) else env.tense(start, end)
    if env.ref is None:
        if cal.valid(2000, m, d) is None:
            return None
        v = Value(f"XXXX-{m:02d}-{d:02d}", "DATE", None, None, "day", "inferred", 0.3)
    elif (
        weekday is not None
        and (y := cal.year_for_weekday(m, d, weekday, env.ref, future=tense == "future"))
        is not None
    ):
        v = day(date(y, m, d), "weekday", 0.9)
    else:
        found = _pick_day(m, d, env.ref, tense)
        if found is None:
            return None
        v = day(found, "inferred", 0.5 if weekday is not None else 0.75)
    v.month, v.day, v.year_explicit, v.tense = m, d, False, tense
    return v


def _pick_day(m: int, d: int, ref: date, tense: Tense) -> date | None:
    """Among the years around the reference (four each way, for February 29), the date
    ``year_for`` would choose."""
    days = [x for y in range(ref.year - 4, ref.year + 5) if (x := cal.valid(y, m, d))]
    if not days:
        return None
    if tense == "past":
        return max((x for x in days if x <= ref + PAST_SLACK), default=None)
    if tense == "future":
        return min((x for x in days if x >= ref - FUTURE_SLACK), default=None)
    return max((x for x in days if x <= ref + NEUTRAL_AHEAD), default=None)


def resolve_month(m: int, env: Env, start: int, end: int) -> Value:
    tense = "future" if env.sentences.ahead(start) else env.tense(start, end)
    if env.ref is None:
        v = Value(f"XXXX-{m:02d}", "DATE", None, None, "month", "inferred", 0.3)
    else:
        first = date(env.ref.year, m, 1)
        y = year_for(first, cal.month_end(env.ref.year, m), env.ref, tense)
        v = month(y, m, "inferred", 0.7)
    v.month, v.year_explicit, v.tense = m, False, tense
    return v
