"""Handlers for expressions that name the calendar: dates, months, years, decades,
quarters, seasons, holidays. Each takes a grammar match and returns a Value or None
(None rejects the match: a count that only looks like a year, "May" the verb)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import according.dates.calendar as cal
import according.dates.values as V
from according.dates.lexicon import (
    DECADE_WORDS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    month_number,
    weekday_number,
)
from according.dates.values import Env, Value
from according.records import DateMethod

MODS = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "late": "END",
    "the end of": "END",
    "mid": "MID",
    "the middle of": "MID",
    "the rest of": None,
    "the remainder of": None,
}
_COUNT_BEFORE = re.compile(
    r"\b(?:about|some|nearly|over|than|around|approximately|almost|roughly|least|only|just"
    r"|up\s+to|estimated|total\s+of)\s+$",
    re.IGNORECASE,
)
_YEAR_PREP = re.compile(
    r"\b(?:in|since|of|by|until|till|from|before|after|year|around|circa|to|and|during|c\.)\s+$",
    re.IGNORECASE,
)
_LOWER_NOUN = re.compile(r"^\s+(?:[a-z][a-z-]*s|people|men|women|children|police|staff)\b")
_LOWER_WORD = re.compile(r"^\s+[a-z]")
_MAY_CONTEXT = re.compile(
    r"\b(?:in|of|since|until|till|by|from|to|through|between|and|during|before|after|early"
    r"|late|mid|last|next|this|that|or|on)\s+$|[,(]\s*$",
    re.IGNORECASE,
)


def _mod(text: str | None) -> str | None:
    if not text:
        return None
    return MODS.get(re.sub(r"\s+", " ", text.lower()), None)


def _day_num(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _explicit_day(y: int, m: int, d: int, confidence: float = 0.95) -> Value | None:
    found = cal.valid(y, m, d)
    return V.day(found, "explicit", confidence) if found else None


def _impossible() -> Value:
    """A full date that does not exist ("February 30, 2020"): kept as recognised text with
    no value, so that no shorter reading ("February 30" in another year) takes its place."""
    return Value(None, "DATE", None, None, "day", "explicit", 0.1)


def weekday_date(mt: re.Match[str], env: Env) -> Value | None:
    wd = weekday_number(mt["wd"])
    m = month_number(mt["m1"] or mt["m2"])
    d = _day_num(mt["d1"] or mt["d2"])
    if mt["y"]:
        v = _explicit_day(int(mt["y"]), m, d)
        if v is None:
            return _impossible()
        if v.start and v.start.weekday() != wd:
            v.confidence = 0.6  # the text contradicts itself; keep the year it wrote
        return v
    return V.resolve_month_day(m, d, wd, env, mt.start(), mt.end()) or _impossible()


def date_mdy(mt: re.Match[str], env: Env) -> Value | None:
    return _explicit_day(int(mt["y"]), month_number(mt["m"]), _day_num(mt["d"])) or _impossible()


date_dmy = date_mdy


def _range(first: Value | None, last: Value | None) -> Value | None:
    if first is None or last is None or first.start is None or last.end is None:
        return first
    if last.end < first.start:
        return None
    v = Value(first.timex, "DATE", first.start, last.end, "day", first.method, first.confidence)
    v.tense = first.tense
    return v


def month_day_range(mt: re.Match[str], env: Env) -> Value | None:
    m = month_number(mt["m"])
    d1, d2 = _day_num(mt["d1"]), _day_num(mt["d2"])
    if d2 <= d1:
        return None
    if mt["y"]:
        return _range(_explicit_day(int(mt["y"]), m, d1), _explicit_day(int(mt["y"]), m, d2))
    first = V.resolve_month_day(m, d1, None, env, mt.start(), mt.end())
    if first is None or first.start is None:
        return first
    return _range(first, _explicit_day(first.start.year, m, d2, first.confidence))


day_month_range = month_day_range


def month_day(mt: re.Match[str], env: Env) -> Value | None:
    return V.resolve_month_day(
        month_number(mt["m"]), _day_num(mt["d"]), None, env, mt.start(), mt.end()
    )


day_month = month_day


def iso_date(mt: re.Match[str], env: Env) -> Value | None:
    found = cal.valid(int(mt["y"]), int(mt["m"]), int(mt["d"]))
    if found is None:
        return None
    v = V.day(found, "explicit", 0.95 if mt["sep"] else 0.7)
    if mt["hh"]:
        v.timex, v.ttype = f"{found.isoformat()}T{mt['hh']}:{mt['mi']}", "TIME"
    return v


def numeric_date(mt: re.Match[str], env: Env) -> Value | None:
    """US order (month first) unless the first number cannot be a month; an ambiguous
    order or a two-digit year lowers the confidence rather than guessing silently."""
    a, b, ytext = int(mt["a"]), int(mt["b"]), mt["y"]
    if mt["sep"] == "." and len(ytext) != 4:
        return None  # "1.5.20" is more likely a version number than a date
    confidence = 0.9
    y = int(ytext)
    if len(ytext) == 2:
        y = cal.two_digit_year(y, env.ref)
        confidence = 0.6
    if mt["sep"] == ".":
        m, d = b, a  # dotted dates are European
    elif a > 12:
        m, d = b, a
    else:
        m, d = a, b
        if b <= 12 and a != b:
            confidence = min(confidence, 0.6)
    found = cal.valid(y, m, d)
    if found is None:
        return None
    v = V.day(found, "explicit", confidence)
    if mt["hh"]:
        v.timex, v.ttype = f"{found.isoformat()}T{int(mt['hh']):02d}:{mt['mi']}", "TIME"
    return v


def month_year(mt: re.Match[str], env: Env) -> Value | None:
    y, m = int(mt["y"]), month_number(mt["m"])
    if not 1 <= y <= 9999:
        return None
    v = V.month(y, m, "explicit", 0.9)
    v.mod = _mod(mt["mod"])
    return v


def month_alone(mt: re.Match[str], env: Env) -> Value | None:
    word = mt["m"]
    rel, yrel, mod = (mt["rel"] or "").lower(), (mt["yrel"] or "").lower(), mt["mod"]
    full = len(word.rstrip(".")) >= 3 and word.rstrip(".").lower() in (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
    if not full and not (rel or yrel or mod):
        return None  # "Jan" alone is a name more often than a month
    if (
        word.lower() == "may"
        and not (rel or yrel or mod)
        and not _MAY_CONTEXT.search(env.before(mt.start()))
    ):
        return None  # "May" the modal verb at the start of a sentence
    if (
        word.rstrip(".").lower() == "march"
        and not (rel or yrel or mod)
        and not _MAY_CONTEXT.search(env.before(mt.start()))
        and re.match(r"\s+(?:on|to|through|for|against|of\s+the)\b", env.after(mt.end()))
    ):
        return None  # "March on Washington", "the March of the Mothers"
    m = month_number(word)
    ref = env.ref
    if ref is not None and (rel or yrel):
        if yrel:
            y = ref.year + {"last": -1, "this": 0, "next": 1}[yrel]
        elif rel in ("last", "past", "previous"):
            y = ref.year if m < ref.month else ref.year - 1
        elif rel in ("next", "coming"):
            y = ref.year if m > ref.month else ref.year + 1
        else:
            y = ref.year
        v = V.month(y, m, "relative", 0.8)
    else:
        v = V.resolve_month(m, env, mt.start(), mt.end())
    v.mod = _mod(mod)
    return v


def year(mt: re.Match[str], env: Env) -> Value | None:
    y = int(mt["y"])
    before = env.before(mt.start())
    plain = not (mt["mod"] or mt["fiscal"])
    if plain and _COUNT_BEFORE.search(before) and _LOWER_WORD.match(env.after(mt.end())):
        return None  # "over 1900 martyrs"
    if (
        plain
        and (y < 1800 or y % 100 == 0)
        and not _YEAR_PREP.search(before)
        and _LOWER_NOUN.match(env.after(mt.end()))
    ):
        return None  # "1500 people", "2000 troops"
    if plain and y < 1500 and not _YEAR_PREP.search(before):
        return None
    mod = (mt["mod"] or "").lower()
    if "first half" in mod:
        return V.half(y, 1)
    if "second half" in mod:
        return V.half(y, 2)
    v = V.year(y, "explicit", 0.85 if plain else 0.9)
    v.mod = _mod(mod)
    return v


def spelled_year(mt: re.Match[str], env: Env) -> Value | None:
    """ "nineteen ninety-six" is 1996, "the year two thousand" 2000. "two thousand" alone
    is more often a count ("two thousand troops"): a year only after "the year" or a
    preposition that takes a year, and not before a plural noun."""
    if mt["k"]:
        y = 2000 + (int(NUMBERS[mt["u2"].lower()]) if mt["u2"] else 0)
        if not (mt["the"] or mt["m"] or mt["s"]) and (
            not _YEAR_PREP.search(env.before(mt.start())) or _LOWER_NOUN.match(env.after(mt.end()))
        ):
            return None
    else:
        century = 1900 if mt["c"].lower() == "nineteen" else 1800
        tens = 0 if mt["hundred"] else int(NUMBERS[mt["t"].lower()])
        y = century + tens + (int(NUMBERS[mt["u"].lower()]) if mt["u"] else 0)
        if _LOWER_NOUN.match(env.after(mt.end())) and not mt["the"]:
            return None  # "nineteen hundred people"
    if mt["m"]:
        return V.month(y, month_number(mt["m"]), "explicit", 0.8)
    if mt["s"]:
        return V.season(y, SEASONS[mt["s"].lower()])
    return V.year(y, "explicit", 0.8)


def year_range(mt: re.Match[str], env: Env) -> Value | None:
    y1, text2 = int(mt["y1"]), mt["y2"]
    y2 = int(text2) if len(text2) == 4 else y1 // 100 * 100 + int(text2)
    if len(text2) == 2 and y2 <= y1:
        y2 += 100
    if not (y1 < y2 <= y1 + 100) or (len(text2) == 2 and y1 < 1800):
        return None
    v = V.year(y1, "explicit", 0.8)
    v.end = date(y2, 12, 31)
    return v


def decade(mt: re.Match[str], env: Env) -> Value | None:
    if mt["word"]:
        if not mt["the"]:
            return None  # "in his forties" is an age
        first = 1900 + 10 * DECADE_WORDS[mt["word"].lower()]
    elif mt["short"]:
        century = env.ref.year // 100 * 100 if env.ref else 1900
        first = century + 10 * int(mt["short"])
        if env.ref and first > env.ref.year:
            first -= 100
    else:
        first = int(mt["cc"]) * 100 + int(mt["d"]) * 10
    v = V.decade(first)
    v.mod = _mod(mt["mod"])
    return v


def century(mt: re.Match[str], env: Env) -> Value | None:
    if mt["ord"]:
        word = mt["ord"].lower()
        n = ORDINALS.get(word) or int(re.match(r"\d+", word).group())  # type: ignore[union-attr]
        if not 1 <= n <= 22:
            return None
        return V.century(n - 1)
    if env.ref is None:
        return None
    offset = {"this": 0, "last": -1, "previous": -1, "next": 1}[mt["rel"].lower()]
    return V.century(env.ref.year // 100 + offset, "relative")


_SEASON_CONTEXT = re.compile(
    r"\b(?:in|during|by|until|till|since|through|over|this|last|next|early|late|mid|that"
    r"|throughout|before|after)\s+$",
    re.IGNORECASE,
)


def season(mt: re.Match[str], env: Env) -> Value | None:
    code = SEASONS[mt["s"].lower()]
    rel = (mt["rel"] or "").lower()
    before = env.before(mt.start())
    if mt["y"]:
        v = V.season(int(mt["y"]), code)
    else:
        if rel in ("", "the", "that") and not mt["mod"]:
            if re.match(r"\s+of\b", env.after(mt.end())):
                return None  # "the fall of the regime"
            if (rel == "" or code == "FA") and not _SEASON_CONTEXT.search(before):
                return None  # "summer camp", "the fall in prices"
        if env.ref is None:
            v = Value(f"XXXX-{code}", "DATE", None, None, "month", "inferred", 0.3)
        else:
            ref_year, ref_code = cal.season_of(env.ref)
            if rel in ("last", "past"):
                y = ref_year - 1 if _season_index(code) >= _season_index(ref_code) else ref_year
            elif rel in ("next", "coming"):
                y = ref_year + 1 if _season_index(code) <= _season_index(ref_code) else ref_year
            else:
                first, last = cal.season_bounds(env.ref.year, code)
                y = V.year_for(first, last, env.ref, env.tense(mt.start(), mt.end()))
            v = V.season(y, code, "relative")
    v.mod = _mod(mt["mod"])
    return v


def _season_index(code: str) -> int:
    return ["SP", "SU", "FA", "WI"].index(code)


def _last_completed_quarter(ref: date) -> tuple[int, int]:
    q = cal.quarter_of(ref) - 1
    return (ref.year, q) if q else (ref.year - 1, 4)


def quarter(mt: re.Match[str], env: Env) -> Value | None:
    """Fiscal language of business news: "the third quarter" is the reference year's,
    "the latest quarter" the last completed one, "the year-ago quarter" a year before."""
    unit = mt["unit"].lower()
    det = (mt["det"] or "").lower()
    pres = re.findall(
        r"year-earlier|year-ago|comparable|latest|current|previous|same|most\s+"
        r"recent|last|this|next|past|corresponding",
        mt.group().lower(),
    )
    ordinal = (mt["ord"] or "").lower()
    explicit = mt["y"] or mt["y2"] or mt["y0"]
    if unit == "period":
        return _period(pres, ordinal, explicit, env)
    if not ordinal and not (set(pres) - {"fiscal"}) and det not in ("the", "its", "their"):
        return None
    if not ordinal and re.match(r"\s+of\b", env.after(mt.end())) and not explicit:
        return None  # "a quarter of the population"
    ref = env.ref
    method: DateMethod = "explicit" if explicit else "relative"
    if explicit:
        y = int(explicit)
    elif ref is None:
        return None
    elif det.startswith("last year"):
        y = ref.year - 1
    elif det.startswith("next year"):
        y = ref.year + 1
    else:
        y = ref.year
    back = any(p in ("year-earlier", "year-ago", "comparable", "corresponding") for p in pres)
    if unit == "half":
        if not ordinal:
            return None
        h = 2 if ordinal in ("second", "2nd", "final", "last") else 1
        return V.half(y - (1 if back and not explicit else 0), h, method)
    if ordinal:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(ordinal, 4)
        return V.quarter(y - (1 if back and not explicit else 0), q, method)
    if ref is None:
        return None
    if "next" in pres:
        y, q = (ref.year, cal.quarter_of(ref) + 1) if cal.quarter_of(ref) < 4 else (ref.year + 1, 1)
    elif "this" in pres or "current" in pres:
        y, q = ref.year, cal.quarter_of(ref)
    else:
        y, q = _last_completed_quarter(ref)
    if back or det.startswith("last year"):  # "last year's quarter": the same, a year back
        y -= 1
    return V.quarter(y, q, "relative", 0.6)


def _period(pres: list[str], ordinal: str, explicit: str | None, env: Env) -> Value | None:
    """ "The latest period" of an earnings report is the quarter just reported, the last
    one completed. A year-back period ("the year-earlier period") is left to the
    comparison rule, which finds the period it compares with; "the 1988 period" to the
    year rule (whether it is a quarter or the year varies)."""
    if (
        ordinal
        or explicit
        or env.ref is None
        or not {"latest", "most recent", "current"} & {re.sub(r"\s+", " ", p) for p in pres}
    ):
        return None
    if "current" in pres:
        return V.quarter(env.ref.year, cal.quarter_of(env.ref), "relative", 0.5)
    return V.quarter(*_last_completed_quarter(env.ref), "relative", 0.5)


def quarter_code(mt: re.Match[str], env: Env) -> Value | None:
    code = mt["q"]
    if mt["y"]:
        y = int(mt["y"])
    elif code.startswith("Q") and env.ref is not None:
        y = env.ref.year
    else:
        return None
    return V.quarter(y, int(code[1])) if code[0] == "Q" else V.half(y, int(code[1]))


def _holiday_date(name: str, y: int) -> date:
    key = re.sub(r"\s+", " ", name)
    fixed = {
        "Christmas Eve": (12, 24),
        "New Year's Eve": (12, 31),
        "Halloween": (10, 31),
        "Valentine's Day": (2, 14),
    }
    if key in fixed:
        return date(y, *fixed[key])
    if key.startswith("Christmas"):
        return date(y, 12, 25)
    if key.startswith("New Year"):
        return date(y, 1, 1)
    if key == "Election Day":  # US: the Tuesday after the first Monday of November
        return cal.nth_weekday(y, 11, 0, 1) + timedelta(days=1)
    if key.startswith("Thanksgiving"):
        return cal.nth_weekday(y, 11, 3, 4)
    return cal.easter(y)


def holiday(mt: re.Match[str], env: Env) -> Value | None:
    name, rel = mt["h"], (mt["rel"] or "").lower()
    if mt["y"]:
        return V.day(_holiday_date(name, int(mt["y"])))
    if env.ref is None:
        return None
    ref = env.ref
    this_year = _holiday_date(name, ref.year)
    if rel == "last":
        y = ref.year if this_year < ref else ref.year - 1
    elif rel == "next":
        y = ref.year if this_year > ref else ref.year + 1
    else:
        y = V.year_for(this_year, this_year, ref, env.tense(mt.start(), mt.end()))
    return V.day(_holiday_date(name, y), "relative", 0.7)
