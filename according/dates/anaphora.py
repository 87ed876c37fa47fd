"""Anaphoric time expressions: "that day", "later that year", "the next morning",
"the following month". TimeML gives them the value of the time they refer back to (the
last date the text named), not of the document date: "He fled in June 1998 and returned
later that year" is 1998 whatever the day of writing.

The grammar match only records the unit and the step; ``resolve_anaphora`` then finds
the anchor among the expressions already read, in text order.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import cast

import according.dates.calendar as cal
import according.dates.values as V
from according.dates.lexicon import PARTS_OF_DAY
from according.dates.values import Env, Value
from according.records import Precision

_STEP = {"next": 1, "following": 1, "previous": -1, "preceding": -1}
_DAY_UNITS = {"day", "morning", "afternoon", "evening", "night"}
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def anaphor(mt: re.Match[str], env: Env) -> Value | None:
    """An unresolved placeholder: no value until an anchor is found. "The following
    year" with nothing to follow is read against the reference date, as before."""
    unit = (mt["unit"] or mt["unit2"] or mt["unit3"]).lower()
    step = _STEP.get((mt["dir"] or mt["dir2"] or "").lower(), 0)
    # A placeholder's precision is its unit ("quarter" too): resolve_anaphora replaces
    # or drops every placeholder before a record is built.
    precision = cast(Precision, "day" if unit in _DAY_UNITS else unit)
    v = Value(None, "DATE", None, None, precision, "relative", 0.3)
    v.anaphor = (unit, step)
    return v


def resolve_anaphora(env: Env, found: list[tuple[int, int, Value]]) -> list[tuple[int, int, Value]]:
    """Give each anaphoric expression the value of the last date named before it, at the
    expression's own granularity and shifted by its step ("the next day": one day on).
    One with no date before it is dropped: it refers to no time the text has given."""
    out: list[tuple[int, int, Value]] = []
    for s, e, v in found:
        if v.anaphor is not None:
            unit, step = v.anaphor
            anchor = _anchor(out, unit)
            if anchor is not None:
                v = _shifted(anchor, unit, step)
            elif step and env.ref is not None and unit in ("week", "month", "year"):
                v = _shifted(env.ref, unit, step)
            else:
                continue  # nothing to refer back to: "strong redemptions that day" is generic
        out.append((s, e, v))
    return out


def _anchor(before: list[tuple[int, int, Value]], unit: str) -> date | None:
    for _, _, prior in reversed(before):
        if prior.anaphor is not None or prior.start is None or prior.ttype not in ("DATE", "TIME"):
            continue
        timex = prior.timex or ""
        if timex.endswith("_REF"):
            continue
        if unit in _DAY_UNITS:
            if _DAY_VALUE.match(timex):
                return prior.start
            continue
        if unit == "week" and prior.precision not in ("day", "week"):
            continue
        if unit == "month" and prior.precision not in ("day", "week", "month"):
            continue
        if unit == "quarter" and not re.match(r"^\d{4}-(?:Q\d|\d{2})", timex):
            continue
        return prior.start
    return None


def _shifted(anchor: date, unit: str, step: int) -> Value:
    if unit in _DAY_UNITS:
        v = V.day(anchor + timedelta(days=step), "relative", 0.6)
        if unit != "day":
            v.timex = f"{v.timex}T{PARTS_OF_DAY[unit]}"
            v.ttype = "TIME"
        return v
    if unit == "week":
        return V.week(anchor + timedelta(weeks=step), "relative", 0.6)
    if unit == "month":
        d = cal.add_months(anchor, step)
        return V.month(d.year, d.month, "relative", 0.6)
    if unit == "quarter":
        d = cal.add_months(anchor, 3 * step)
        return V.quarter(d.year, cal.quarter_of(d), "relative", 0.6)
    return V.year(anchor.year + step, "relative", 0.6)
