"""Handlers for expressions read against the reference date: weekdays, "yesterday",
"last week", "two days ago", durations, vague references ("recently") and sets."""

from __future__ import annotations

import re
from datetime import date, timedelta

import according.dates.calendar as cal
import according.dates.values as V
from according.dates.absolute import _mod
from according.dates.lexicon import PARTS_OF_DAY, number_value, weekday_number
from according.dates.values import Env, Value

_CLAUSE_NOUN = re.compile(r"^\s+(?:the|a|an|his|her|its|their|this|that|these|those|[A-Z])")


def _with_part(v: Value, pod: str | None) -> Value:
    """ "Friday night" is TIMEX3 TIME "....TNI": same day, part of day appended."""
    if pod and v.timex and v.ttype == "DATE" and v.precision == "day":
        v.timex += "T" + PARTS_OF_DAY[pod.lower()]
        v.ttype = "TIME"
    return v


def weekday(mt: re.Match[str], env: Env) -> Value | None:
    wd = weekday_number(mt["wd"])
    rel = (mt["rel"] or "").lower()
    if mt["plural"]:
        return Value(f"XXXX-WXX-{wd + 1}", "SET", None, None, "day", "relative", 0.6)
    ref = env.ref
    tense = env.tense(mt.start(), mt.end())
    if not rel and not mt["pod"] and env.after(mt.end(), 2) in ("'s", "’s"):
        # "Friday's close", "Wednesday's ruling": a day named for what happened on it,
        # the latest such day; the sentence's verb is about something else
        tense = "past"
    if ref is None:
        v = Value(f"XXXX-WXX-{wd + 1}", "DATE", None, None, "day", "relative", 0.3)
    else:
        if rel == "last":
            d = cal.weekday_on_or_before(ref - timedelta(days=1), wd)
        elif rel in ("next", "coming"):
            d = cal.weekday_on_or_after(ref + timedelta(days=1), wd)
        elif rel == "this" or tense == "future":
            d = cal.weekday_on_or_after(ref, wd)
            if rel == "this" and tense == "past":
                d = cal.weekday_on_or_before(ref, wd)
        else:
            d = cal.weekday_on_or_before(ref, wd)
        v = V.day(d, "relative", 0.8)
    v.tense = tense
    v.mod = _mod(rel) if rel in ("early", "late") else None
    return _with_part(v, mt["pod"])


def deictic(mt: re.Match[str], env: Env) -> Value | None:
    word = re.sub(r"\s+", " ", mt["word"].lower())
    offset = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "today": 0,
        "tonight": 0,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }[word]
    if env.ref is None:
        return Value(None, "DATE", None, None, "day", "relative", 0.2)
    v = V.day(env.ref + timedelta(days=offset), "relative", 0.9)
    mod = (mt["mod"] or "").lower()
    v.mod = "START" if mod in ("early", "earlier") else "END" if mod in ("late", "later") else None
    # "mid-afternoon yesterday" is yesterday's afternoon, as "yesterday afternoon"
    return _with_part(v, mt["pod"] or mt["pod0"] or ("night" if word == "tonight" else None))


def this_part(mt: re.Match[str], env: Env) -> Value | None:
    if env.ref is None:
        return None
    if mt["mid"]:
        return _with_part(V.day(env.ref, "relative", 0.6), mt["mid"])
    offset = -1 if mt["rel"].lower() == "last" else 0
    if offset and mt["pod"].lower() != "night":
        return None  # "last morning" is not idiomatic; "last evening" rare and ambiguous
    return _with_part(V.day(env.ref + timedelta(days=offset), "relative", 0.85), mt["pod"])


_UNIT_PREP = re.compile(
    r"\b(?:in|during|for|of|through|throughout|over|within|by|until|till|since|from"
    r"|at|before|after|into)\s+$",
    re.IGNORECASE,
)


_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\b", re.IGNORECASE)


def relative_unit(mt: re.Match[str], env: Env) -> Value | None:
    rel = re.sub(r"\s+", " ", mt["rel"].lower())
    unit = mt["unit"].lower()
    mod = (mt["mod"] or "").lower()
    kind = (mt["kind"] or "").strip().lower()
    ref = env.ref
    if kind and unit != "year":
        return None  # "the full week": not a calendar reference
    if (
        rel == "the"
        and not mod
        and unit != "weekend"
        and not _UNIT_PREP.search(env.before(mt.start()))
    ):
        return None  # "the year's best film": too often not a reference to a time
    if ref is None:
        return Value(None, "DATE", None, None, "day", "relative", 0.2)
    if (
        rel == "the"
        and not mod
        and unit in ("year", "month", "week")
        and _ENDED.match(env.after(mt.end()))
    ):
        # "the year ended March 31": a twelve-month period named by its last day, not a
        # calendar year; TimeML annotates it as the duration (P1Y).
        return V.duration(1, unit)
    if (
        rel in ("the past", "the last", "the next", "the coming")
        and unit != "weekend"
        and (not kind)
    ):
        direction = -1 if rel in ("the past", "the last") else 1
        return V.duration(1, unit, ref=ref, direction=direction, confidence=0.7)
    offset = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "the previous": -1,
        "next": 1,
        "coming": 1,
        "the following": 1,
    }.get(rel, 0)
    confidence = 0.85 if rel in ("last", "this", "next") else 0.6
    if unit == "weekend":
        sat = _weekend(ref, offset, env.tense(mt.start(), mt.end()), rel)
        v = V.weekend(sat, "relative", confidence)
    elif unit == "week":
        v = V.week(ref + timedelta(weeks=offset), "relative", confidence)
    elif unit == "month":
        d = cal.add_months(ref, offset)
        v = V.month(d.year, d.month, "relative", confidence)
    elif unit == "year":
        v = V.year(ref.year + offset, "relative", confidence)
    else:
        v = V.decade((ref.year // 10 + offset) * 10, "relative", confidence)
    v.mod = {
        "earlier": "START",
        "early": "START",
        "the beginning of": "START",
        "the start of": "START",
        "later": "END",
        "late": "END",
        "the end of": "END",
        "the middle of": "MID",
    }.get(mod)
    return v


def year_end(mt: re.Match[str], env: Env) -> Value | None:
    """ "By year-end": the end of the reference year (TIMEX3 value the year, mod END)."""
    if env.ref is None:
        return None
    v = V.year(env.ref.year, "relative", 0.6)
    v.mod = "END"
    return v


def _weekend(ref: date, offset: int, tense: str | None, rel: str) -> date:
    if offset < 0:
        sat = cal.weekday_on_or_before(ref, 5)
        return sat - timedelta(days=7) if ref.weekday() >= 5 else sat
    if offset > 0 or tense == "future" or (rel == "this" and ref.weekday() < 5):
        return cal.weekday_on_or_after(ref - timedelta(days=1 if ref.weekday() == 6 else 0), 5)
    return cal.weekday_on_or_before(ref, 5)


def year_ago_adj(mt: re.Match[str], env: Env) -> Value | None:
    if env.ref is None:
        return None
    if (mt["noun"] or "").lower() == "quarter":
        q = cal.quarter_of(env.ref) - 1
        y = env.ref.year - 1 if q else env.ref.year - 2
        return V.quarter(y, q or 4, "relative", 0.6)
    v = V.year(env.ref.year - 1, "relative", 0.6)
    v.comparative = True
    return v


def ago(mt: re.Match[str], env: Env) -> Value | None:
    unit = mt["unit"].lower()
    n = number_value(mt["n"])
    direction = mt["dir"].lower()
    if unit in ("second",) and mt["n"].lower() in ("a", "an"):
        return None
    if direction in ("after", "before", "later", "earlier") and _CLAUSE_NOUN.match(
        env.after(mt.end())
    ):
        # "two days after the attack": anchored to an event, not to the document.
        v = V.duration(n, unit)
        v.span = (
            mt.start(),
            mt.end("unit")
            + (1 if mt.group().lower()[mt.end("unit") - mt.start() :].startswith("s") else 0),
        )
        return v
    if direction in ("later", "after"):
        return V.duration(n, unit)  # relative to a narrative time we do not track
    if env.ref is None:
        return Value(None, "DATE", None, None, "day", "relative", 0.2)
    if n is None:
        return V.ref_value(
            "FUTURE_REF" if direction in ("from now", "hence") else "PAST_REF", env.ref
        )
    sign = 1 if direction.startswith("from") or direction == "hence" else -1
    v = V.at_granularity(V.shift(env.ref, unit, sign * n), unit)
    if direction in ("earlier", "before"):
        v.confidence = 0.5
    v.comparative = unit == "year" and n == 1
    return v


_ANCHOR_BACK = {"past", "last", "previous", "recent", "preceding"}
_ANCHOR_FORWARD = {"next", "coming", "following", "remaining"}


def duration(mt: re.Match[str], env: Env) -> Value | None:
    unit = mt["unit"].lower()
    ntext = mt["n"].lower()
    n = number_value(ntext)
    after = env.after(mt.end())
    if ntext in ("a", "an") and unit in ("second", "quarter") and not mt["rel"]:
        return None  # "a second time", "a quarter of"
    if unit in ("quarter",) and re.match(r"\s+of\b", after):
        return None
    if ntext in ("a", "an", "one") and re.search(
        r"\b(?:once|twice|times|\d)\s*$|[$£€%]\s*\S*\s*$", env.before(mt.start(), 20)
    ):
        one = V.duration(1, unit).timex
        assert one is not None  # a duration always has its TIMEX3 value ("P1D")
        return Value(f"P1{one[-1]}", "SET", None, None, "duration", "relative", 0.6)
    rel = (mt["rel"] or "").lower()
    direction = -1 if rel in _ANCHOR_BACK else 1 if rel in _ANCHOR_FORWARD else 0
    if n is not None and (mt["half"] or mt["half2"]):
        v = _and_a_half(n, unit)
    else:
        v = V.duration(n, unit, ref=env.ref, direction=direction)
    approx = (mt["approx"] or "").lower()
    v.mod = {
        "about": "APPROX",
        "around": "APPROX",
        "roughly": "APPROX",
        "approximately": "APPROX",
        "nearly": "EQUAL_OR_LESS",
        "almost": "EQUAL_OR_LESS",
        "more than": "MORE_THAN",
        "over": "MORE_THAN",
        "less than": "LESS_THAN",
        "under": "LESS_THAN",
        "at least": "EQUAL_OR_MORE",
        "up to": "EQUAL_OR_LESS",
    }.get(approx)
    return v


_HALF_OF = {
    "year": "6M",
    "month": "15D",
    "week": "3DT12H",
    "day": "T12H",
    "night": "T12H",
    "hour": "30M",
    "minute": "30S",
    "decade": "5Y",
}


def _and_a_half(n: float, unit: str) -> Value:
    """ "5 1/2 hours", "a year and a half": TIMEX3 writes the half in the next smaller
    unit, PT5H30M and P1Y6M."""
    whole = V.duration(n, unit)
    half = _HALF_OF.get(unit)
    if whole.timex is None or half is None:
        return whole
    timex = whole.timex
    if "T" in half and "T" in timex:
        half = half.replace("T", "")
    whole.timex = timex + half
    return whole


def bare_units(mt: re.Match[str], env: Env) -> Value | None:
    pre = (mt["pre"] or "").strip().lower()
    unit = mt["unit"].lower().rstrip("s")
    unit = "century" if unit == "centurie" else unit
    if pre == "recent":
        return V.ref_value("PAST_REF", env.ref)
    if pre == "coming":
        return V.ref_value("FUTURE_REF", env.ref)
    if not pre and not mt["post"]:
        return None
    if pre in ("past", "few", "several", "many"):
        return None  # left to the duration rule with its number
    v = V.duration(None, unit, confidence=0.5)
    v.span = (mt.start("unit"), mt.end("unit"))
    return v


_PRESENT = {
    "right now",
    "now",
    "currently",
    "current",
    "at present",
    "presently",
    "nowadays",
    "these days",
    "at the moment",
}
_PAST = {"recently", "lately", "recent", "previously", "formerly", "the past"}


def vague(mt: re.Match[str], env: Env) -> Value | None:
    word = re.sub(r"\s+", " ", mt["w"].lower())
    if word in _PRESENT:
        kind = "PRESENT_REF"
    elif word in _PAST:
        kind = "PAST_REF"
    else:
        kind = "FUTURE_REF"
    if word == "the past" and re.match(r"\s+(?:\w+\s+)?(?:few|several|\d)", env.after(mt.end())):
        return None
    return V.ref_value(kind, env.ref)


_SET_UNITS = {
    "day": "P1D",
    "night": "P1D",
    "morning": "P1D",
    "evening": "P1D",
    "week": "P1W",
    "weekend": "P1W",
    "month": "P1M",
    "quarter": "P3M",
    "year": "P1Y",
}


def set_(mt: re.Match[str], env: Env) -> Value | None:
    word = re.sub(r"\s+", " ", mt["w"].lower())
    before = env.before(mt.start(), 20)
    if word.startswith("a "):
        if not re.search(r"(?:once|twice|times|\d|[$£€])\S*\s*$", before, re.IGNORECASE):
            return None
        timex = _SET_UNITS[word[2:]]
    elif word.startswith(("every", "each", "per")):
        tail = word.split(" ", 1)[1].replace("other ", "")
        m = re.match(r"(\w+)\s+(day|week|month|year)s", tail)
        if m:
            n = number_value(m.group(1))
            if n is None:
                return None
            timex = f"P{int(n)}{m.group(2)[0].upper()}"
        else:
            timex = _SET_UNITS.get(tail, "P1D")
    else:
        if word == "daily" and re.search(r"[A-Z][\w’'-]*\s+$", before):
            return None  # "the Resalat daily": a newspaper
        timex = {
            "daily": "P1D",
            "nightly": "P1D",
            "weekly": "P1W",
            "monthly": "P1M",
            "annually": "P1Y",
            "yearly": "P1Y",
            "quarterly": "P3M",
            "hourly": "PT1H",
        }[word]
    return Value(timex, "SET", None, None, "duration", "relative", 0.6)


def clock(mt: re.Match[str], env: Env) -> Value | None:
    if mt["noon"]:
        hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[mt["noon"].lower()]
    elif mt["h2"]:  # "4 in the morning", "8 o'clock in the evening"
        hh, mi = int(mt["h2"]), 0
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (0 if mt["pod"].lower() == "morning" else 12)
    else:
        hh, mi = int(mt["h"]), int(mt["mi"] or 0)
        if hh > 12 or hh == 0:
            return None
        pm = mt["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    stamp = f"T{hh:02d}:{mi:02d}"
    if env.ref is None:
        v = Value("XXXX-XX-XX" + stamp, "TIME", None, None, "day", "relative", 0.3)
        v.clock = stamp
        return v
    v = V.day(env.ref, "relative", 0.6)
    v.timex, v.ttype, v.clock = env.ref.isoformat() + stamp, "TIME", stamp
    return v
