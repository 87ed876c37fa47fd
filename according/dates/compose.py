"""From grammar matches to TimeSpans: pick non-overlapping expressions, join clock times
to their days and two dates into a range, and build the record.

Why a separate pass: "From Wednesday, July 1, to Saturday, July 4" is two expressions the
grammar finds independently; only together do they make the period the event covers,
and "between January 4 and February 7, 2020" lends its year to the first date.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import according.dates.absolute as absolute
import according.dates.anaphora as anaphora
import according.dates.calendar as cal
import according.dates.relative as relative
import according.dates.values as V
from according.dates.grammar import ANCHORED, CASED_TRIGGER_WORDS, RULES, TRIGGER_WORDS
from according.dates.values import Env, Value
from according.records import Span, TimeSpan

HANDLERS = {
    "weekday_date": absolute.weekday_date,
    "date_mdy": absolute.date_mdy,
    "date_dmy": absolute.date_dmy,
    "month_day_range": absolute.month_day_range,
    "day_month_range": absolute.day_month_range,
    "month_day": absolute.month_day,
    "day_month": absolute.day_month,
    "iso_date": absolute.iso_date,
    "numeric_date": absolute.numeric_date,
    "month_year": absolute.month_year,
    "month_alone": absolute.month_alone,
    "year": absolute.year,
    "year_range": absolute.year_range,
    "decade": absolute.decade,
    "century": absolute.century,
    "season": absolute.season,
    "quarter": absolute.quarter,
    "quarter_code": absolute.quarter_code,
    "clock": relative.clock,
    "deictic": relative.deictic,
    "this_part": relative.this_part,
    "weekday": relative.weekday,
    "relative_unit": relative.relative_unit,
    "year_ago_adj": relative.year_ago_adj,
    "ago": relative.ago,
    "set": relative.set_,
    "duration": relative.duration,
    "bare_units": relative.bare_units,
    "vague": relative.vague,
    "holiday": absolute.holiday,
    "year_end": relative.year_end,
    "spelled_year": absolute.spelled_year,
    "anaphor": anaphora.anaphor,
}
# Ties in length go to the earlier rule, except that "set" beats "duration" on "a day".
_PRIORITY = {r.name: (0 if r.name == "set" else i + 1) for i, r in enumerate(RULES)}

Found = tuple[int, int, Value]


Match = tuple[str, "re.Match[str]"]


def grammar_matches(text: str) -> list[Match]:
    """Every non-empty match of every rule, as (rule name, match). Matches do not depend
    on the reference date, so ``date_text`` finds them once and resolves them twice."""
    windows, starts = _windows(text)
    found: list[Match] = []
    for rule in RULES:
        name = rule.name
        if name in ANCHORED:
            # the match can only start at the trigger word: one anchored try per word
            # instead of a scan of the window around it
            match = rule.regex.match
            found.extend(
                (name, mt)
                for pos in starts.get(rule.trigger, ())
                if (mt := match(text, pos)) is not None and mt.end() > mt.start()
            )
            continue
        for lo, hi in windows.get(rule.trigger, ()):
            # windows of one key are disjoint, so no match is found twice
            found.extend(
                (name, mt) for mt in rule.regex.finditer(text, lo, hi) if mt.end() > mt.start()
            )
    return found


def scan(
    env: Env, matches: list[Match] | None = None, memo: dict[int, Value | None] | None = None
) -> list[Found]:
    """Every accepted match, then the longest of overlapping ones (ties: rule order).

    ``memo`` (match index to value) keeps the values whose handler did not read the
    reference date, for a second pass over the same ``matches``."""
    candidates: list[tuple[int, int, int, Value]] = []
    for i, (name, mt) in enumerate(grammar_matches(env.text) if matches is None else matches):
        if memo is not None and i in memo:
            value = memo[i]
        else:
            env.ref_read = False
            try:
                value = HANDLERS[name](mt, env)
            except (OverflowError, cal.OutOfCalendar):  # a day shift or year past 9999/1
                value = None
            if memo is not None and not env.ref_read:
                memo[i] = value
        if value is None:
            continue
        start, end = value.span or (mt.start(), mt.end())
        candidates.append((start, end, _PRIORITY[name], value))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(len(env.text) + 1)
    chosen: list[Found] = []
    for start, end, _, value in candidates:
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, value))
    chosen.sort(key=lambda c: c[0])
    return chosen


WINDOW_BEFORE, WINDOW_AFTER = 40, 40


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# Every written form of a trigger word (lower, Title, UPPER: "now", "Now", "NOW"), so
# that the test of each token is one set lookup, without lowering it first.
_TRIGGER_FORMS = frozenset(CASED_TRIGGER_WORDS) | frozenset(
    form for word in TRIGGER_WORDS for form in (word, word.title(), word.upper())
)
# Rules that need a number next to the month name are only tried where there is one,
# each where its own kind of number is: "July 1" ("month_num"), "July 1, 2020"
# ("month_day_year"), "July 1-4" ("month_range"), "July 2020" ("month_year"), "1 July"
# ("num_month"). A numeric date needs a separator after its first number, a decade an
# "s" after its number ("1990s", "'90s").
_MONTH_KEYS = (
    ("month_num", re.compile(r"\.?,?\s*(?:of\s+)?\d")),
    ("month_day_year", re.compile(r"\.?\s*\d{1,2}(?:st|nd|rd|th)?(?:,\s*|\s+)\d{4}")),
    (
        "month_range",
        re.compile(
            r"\.?\s*\d{1,2}(?:st|nd|rd|th)?\s*(?:-|–|—|to\b|through\b"
            r"|until\b)",
            re.IGNORECASE,
        ),
    ),
    ("month_year", re.compile(r"\.?,?\s+(?:of\s+)?\d{4}")),
)
# "two days ago", "a year earlier": a direction word follows the unit
_DIRECTION_AFTER = re.compile(
    r"s?(?:\s+or\s+so)?\s+(?:ago|earlier|later|before|after|from\s+now"
    r"|hence|back)\b",
    re.IGNORECASE,
)
_NUM_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_SEPARATED = re.compile(r"[/.-]\d")
# Window sizes (before, after the trigger word) where the rules of a key are short:
# month_alone at most "the second half of the previous" before, " last year" after.
_WINDOW_SIZE = {"month": (34, 16)}


def _trigger_keys(text: str, tok: re.Match[str]) -> set[str] | frozenset[str]:
    word = tok.group()
    end = tok.end()
    if word[0] <= "9":
        keys: set[str] = {"year"} if len(word) in (4, 8) else set()
        if word[-1] == "0" and text[end : end + 1] in ("s", "'", "’"):
            keys.add("decade")
        if _SEPARATED.match(text, end):
            keys.add("digits")
        return keys
    found = CASED_TRIGGER_WORDS.get(word) or TRIGGER_WORDS.get(word.lower()) or frozenset()
    if "month" in found:
        keys = {*found}
        keys.update(key for key, rx in _MONTH_KEYS if rx.match(text, end))
        if _NUM_BEFORE.search(text, max(0, tok.start() - 12), tok.start()):
            keys.add("num_month")
        return keys
    if "unit" in found and _DIRECTION_AFTER.match(text, end):
        return {*found, "unit_dir"}
    return {*found, "decade"} if word.endswith("ties") else found


def _windows(text: str) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[int]]]:
    """For each trigger key, the merged, disjoint text windows around its words (nine
    rules share the month trigger, four the unit words), and where its words start."""
    spans: dict[str, list[list[int]]] = {}
    starts: dict[str, list[int]] = {}
    size = len(text)
    # Tokenising in C and filtering with a set test is several times faster than one
    # regex alternation of all trigger words, and than a Python test of every token.
    hits = [
        tok
        for tok in _TOKEN.finditer(text)
        if (word := tok.group()) in _TRIGGER_FORMS or word[0] <= "9" or word.endswith("ties")
    ]
    for tok in hits:
        for key in _trigger_keys(text, tok):
            starts.setdefault(key, []).append(tok.start())
            before, after = _WINDOW_SIZE.get(key, (WINDOW_BEFORE, WINDOW_AFTER))
            lo, hi = max(0, tok.start() - before), min(size, tok.end() + after)
            windows = spans.get(key)
            if windows is None:
                spans[key] = [[lo, hi]]
            elif lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
    return {key: [(lo, hi) for lo, hi in w] for key, w in spans.items()}, starts


_TIME_THEN_DAY = re.compile(r"^,?\s*(?:on\s+)?$")
_DAY_THEN_TIME = re.compile(r"^,?\s*$")
_RANGE_GAP = re.compile(r"^,?\s*(?:-|–|—|to|until|till|through|thru)\s*$", re.IGNORECASE)
_BETWEEN_GAP = re.compile(r"^,?\s*and\s*$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _is_day(v: Value) -> bool:
    return (
        v.ttype == "DATE"
        and v.precision == "day"
        and v.clock is None
        and (v.start is not None or (v.timex or "").startswith("XXXX"))
    )


def join_clock_times(text: str, found: list[Found]) -> list[Found]:
    """ "5 p.m. EST Nov. 9" and "Tuesday 9 a.m." are one TIME on the named day."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        s, e, v = found[i]
        if i + 1 < len(found):
            s2, e2, v2 = found[i + 1]
            gap = text[e:s2]
            clock, day_v = (v, v2) if v.clock else (v2, v) if v2.clock else (None, None)
            if (
                clock is not None
                and clock.clock is not None
                and day_v is not None
                and _is_day(day_v)
                and (_TIME_THEN_DAY.match(gap) if clock is v else _DAY_THEN_TIME.match(gap))
            ):
                merged = Value(
                    (day_v.timex or "XXXX-XX-XX").split("T")[0] + clock.clock,
                    "TIME",
                    day_v.start,
                    day_v.end,
                    "day",
                    day_v.method,
                    min(day_v.confidence, 0.9),
                )
                merged.tense = day_v.tense
                out.append((s, e2, merged))
                i += 2
                continue
        out.append((s, e, v))
        i += 1
    return out


def _rangeable(v: Value) -> bool:
    return (
        v.ttype == "DATE"
        and v.start is not None
        and v.end is not None
        and v.precision in ("day", "month", "year")
        and v.clock is None
        and not (v.timex or "").endswith("_REF")
    )  # "from now to Election Day": two


def _reyear(v: Value, y: int) -> Value:
    """A yearless date given the year of its range partner."""
    if v.month is None:
        return v
    if v.day is None:
        nv = V.month(y, v.month, "inferred", v.confidence)
    else:
        d = cal.valid(y, v.month, v.day)
        if d is None:
            return v
        nv = V.day(d, v.method if v.method == "weekday" else "inferred", v.confidence)
    nv.month, nv.day, nv.year_explicit, nv.tense, nv.timex = (
        v.month,
        v.day,
        False,
        v.tense,
        nv.timex,
    )
    return nv


def join_ranges(text: str, found: list[Found]) -> list[Found]:
    out: list[Found] = []
    i = 0
    while i < len(found):
        s, e, a = found[i]
        if i + 1 < len(found):
            s2, e2, b = found[i + 1]
            gap = text[e:s2]
            between = _BETWEEN_GAP.match(gap) and _BETWEEN_BEFORE.search(text[max(0, s - 12) : s])
            if _rangeable(a) and _rangeable(b) and (_RANGE_GAP.match(gap) or between):
                a, b = _align_years(a, b)
                if a.start is not None and b.end is not None and a.start <= b.end:
                    out.append((s, e2, _range_value(a, b, (s, e), (s2, e2))))
                    i += 2
                    continue
        out.append((s, e, a))
        i += 1
    return out


def _align_years(a: Value, b: Value) -> tuple[Value, Value]:
    a_start, b_start = a.start, b.start
    assert a_start is not None and b_start is not None
    if b.year_explicit and not a.year_explicit and a.method != "weekday":
        a = _reyear(a, b_start.year)
        if a.start is not None and a.start > b_start:
            a = _reyear(a, b_start.year - 1)
    elif a.year_explicit and not b.year_explicit and b.method != "weekday":
        b = _reyear(b, a_start.year)
        if b.start is not None and b.start < a_start:
            b = _reyear(b, a_start.year + 1)
    elif not a.year_explicit and not b.year_explicit and a_start > b_start:
        if a.method != "weekday":
            a = _reyear(a, a_start.year - 1)
    return a, b


def _range_value(a: Value, b: Value, span_a: tuple[int, int], span_b: tuple[int, int]) -> Value:
    methods = {a.method, b.method}
    method = (
        "weekday"
        if "weekday" in methods
        else "explicit"
        if methods == {"explicit"}
        else next(m for m in (a.method, b.method) if m != "explicit")
    )
    v = Value(None, "DATE", a.start, b.end, a.precision, method, min(a.confidence, b.confidence))
    v.tense = a.tense or b.tense
    v.parts = [(*span_a, a), (*span_b, b)]
    return v


_PERIOD = re.compile(r"^(\d{4})(-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))$")


_COMPARISON = re.compile(
    # a decimal point ("from $93.3 million") does not end the clause
    r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst|^\s*)"
    r"(?:[^.;]|(?<=\d)\.(?=\d)){0,60}$",
    re.IGNORECASE,
)
COMPARISON_LOOKBACK = 400  # characters: the period an earnings story compares is named first


def resolve_comparisons(env: Env, found: list[Found]) -> list[Found]:
    """ "Profit rose in the third quarter from a year earlier": "a year earlier" is the
    period just named, one year back, not the year before the document. In the same
    sentence any named period counts; across sentences only in a comparison ("up from
    $10 million a year ago", "A year earlier, net was ..."): within
    ``COMPARISON_LOOKBACK`` characters, as "from $93.3 million" may follow the period's
    sentence. (Reaching further back, to the quarter the report opened with, was tried
    and lost more than it won: "compared with a year earlier" after "the nine months".)"""
    out: list[Found] = []
    for i, (s, e, v) in enumerate(found):
        if v.comparative:
            sent_start, _ = env.sentences.bounds(s)
            comparing = _COMPARISON.search(env.text, sent_start, s) is not None
            floor = max(0, s - COMPARISON_LOOKBACK) if comparing else sent_start
            prior = _named_period(found[:i], floor)
            if prior is not None:
                m = _PERIOD.match(prior.timex or "")
                assert m is not None and prior.start is not None and prior.end is not None
                v = Value(
                    f"{int(m.group(1)) - 1:04d}{m.group(2)}",
                    "DATE",
                    cal.add_years(prior.start, -1),
                    cal.add_years(prior.end, -1),
                    prior.precision,
                    "relative",
                    0.6,
                )
        out.append((s, e, v))
    return out


def _named_period(before: list[Found], floor: int) -> Value | None:
    """The last period (a quarter, half, month or day) named at or after ``floor``."""
    for s0, _, prior in reversed(before):
        if s0 < floor:
            break
        if prior.comparative or prior.start is None or prior.end is None:
            continue
        if _PERIOD.match(prior.timex or ""):
            return prior
    return None


def to_timespan(text: str, start: int, end: int, v: Value) -> TimeSpan:
    """The record of one expression. Built with ``model_construct``: every field comes
    from this module with its declared type, and pydantic validation of thousands of
    records per text was a fifth of the stage's time; JSON round trips still validate."""
    extra: dict[str, Any] = {"timex_type": v.ttype}  # keys kept beside the declared fields
    if v.mod:
        extra["mod"] = v.mod
    if v.tense:
        extra["tense"] = v.tense
    if v.parts:
        extra["parts"] = [to_timespan(text, s, e, p) for s, e, p in v.parts]
    surface = text[start:end]
    return TimeSpan.model_construct(
        text=surface,
        start=v.start.isoformat() if isinstance(v.start, date) else None,
        end=v.end.isoformat() if isinstance(v.end, date) else None,
        precision=v.precision,
        method=v.method,
        span=Span.model_construct(start=start, end=end, text=surface),
        timex=v.timex,
        confidence=round(v.confidence, 2),
        **extra,
    )
