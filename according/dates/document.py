"""Document dating: when was the text written, as the text itself shows it?

Evidence, strongest first:

1. Weekday-and-date pairs without a year ("Sunday, May 17"). Writers drop the year only
   for recent dates, and the weekday pins the year. Resolved nearest the page date and
   not after it, a pair that lands more than ``WEEKDAY_HORIZON`` before the page date
   cannot have been written on the page date: the page is a re-publication or a crawl
   date, and the text was written soon after the latest such date.
2. A dateline: the date of a news dateline ("TBILISI, May 1 (Reuters) -", the year
   taken nearest the page date when it is left out), an explicit full date alone on a
   line near the top, or one after "Published"/"Updated". When it disagrees with the
   page date, the text wins.
3. Explicit dates and years in past-tense sentences (the latest past event the text
   speaks of) when there is no page date at all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from according.dates.dateline import find_dateline
from according.records import DateMethod, Span, TimeSpan

WEEKDAY_HORIZON = timedelta(days=300)
EXPLICIT_AFTER_ANCHOR = timedelta(days=180)
_DATELINE_CUE = re.compile(r"(?:published|posted|updated|dated)\s*:?\s*(?:on\s+)?$", re.IGNORECASE)


def flatten(expressions: list[TimeSpan]) -> list[TimeSpan]:
    """Ranges count through their parts (a range "July 1 to July 4" holds two dates)."""
    out: list[TimeSpan] = []
    for e in expressions:
        parts = getattr(e, "parts", None)
        out.extend(parts if parts else [e])
    return out


def _end(e: TimeSpan) -> date | None:
    return date.fromisoformat(e.end) if e.end else None


def _known_end(e: TimeSpan) -> date:
    """The end of an expression kept because ``_end`` found one (keys of the maxima)."""
    day = _end(e)
    if day is None:
        raise ValueError(f"{e.text!r} has no end date")
    return day


def _past(e: TimeSpan) -> bool:
    return getattr(e, "tense", None) != "future"


def filing_date(text: str, expressions: list[TimeSpan]) -> TimeSpan | None:
    """The date of the text's news dateline, as the expressions found resolved it."""
    news = find_dateline(text)
    if news is None or news.date is None:
        return None
    start, end = news.date
    for e in flatten(expressions):
        if e.span and e.end and e.precision == "day" and start <= e.span.start < end:
            return e
    return None


def _dated_line(text: str, flat: list[TimeSpan]) -> TimeSpan | None:
    """An explicit full date alone on a line near the top, or after "Published"."""
    for e in flat:
        if e.method != "explicit" or e.precision != "day" or e.span is None or not e.end:
            continue
        line_start = text.rfind("\n", 0, e.span.start) + 1
        line_end = text.find("\n", e.span.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not re.sub(
            r"[\W_]+", "", text[line_start : e.span.start] + text[e.span.end : line_end]
        )
        cued = _DATELINE_CUE.search(text[max(0, e.span.start - 30) : e.span.start])
        if (alone and e.span.start < 400) or cued:
            return e
    return None


def _content(anchor: TimeSpan, method: DateMethod, confidence: float) -> TimeSpan:
    return TimeSpan(
        text=anchor.text,
        start=anchor.end,
        end=anchor.end,
        precision="day",
        method=method,
        span=anchor.span,
        timex=anchor.end,
        confidence=confidence,
    )


def _page_timespan(page: date, confidence: float) -> TimeSpan:
    return TimeSpan(
        text="page date",
        start=page.isoformat(),
        end=page.isoformat(),
        precision="day",
        method="document",
        timex=page.isoformat(),
        confidence=confidence,
    )


def date_document(
    text: str, expressions: list[TimeSpan], page_date: date | None, *, conflict_days: int = 30
) -> tuple[TimeSpan | None, bool, str | None]:
    """``(content_date, date_conflict, reason)`` from the expressions found with the page
    date as reference (first pass: only absolute anchors and weekday pairs matter here)."""
    flat = flatten(expressions)
    weekday_pairs = [e for e in flat if e.method == "weekday" and _end(e) and _past(e)]
    explicit = [
        e
        for e in flat
        if e.method == "explicit" and _end(e) and _past(e) and e.precision in ("day", "month")
    ]
    filed = filing_date(text, flat)
    dateline = filed or _dated_line(text, flat)

    if page_date is not None:
        if weekday_pairs:
            latest = max(weekday_pairs, key=_known_end)
            latest_day = _known_end(latest)
            if page_date - latest_day > WEEKDAY_HORIZON:
                later = [
                    e
                    for e in explicit
                    if latest_day < _known_end(e) <= latest_day + EXPLICIT_AFTER_ANCHOR
                ]
                anchor = max(later, key=_known_end) if later else latest
                weekday_name = latest_day.strftime("%A")
                reason = (
                    f"page date {page_date.isoformat()}, but the text dates events by weekday "
                    f'("{latest.text}") that fall on a {weekday_name} in {latest_day.year}, '
                    f"not near the page date: written on or after {anchor.end}"
                )
                return _content(anchor, "document", 0.8), True, reason
        if dateline is not None:
            line_day = _end(dateline)
            assert line_day is not None
            if abs((page_date - line_day).days) > conflict_days:
                news = find_dateline(text) if filed is not None else None
                written = (
                    f'the dateline "{text[slice(*news.span)]}" dates the text'
                    if news is not None
                    else "the text is dated"
                )
                reason = (
                    f"page date {page_date.isoformat()}, but {written} "
                    f'"{dateline.text}" ({line_day.isoformat()})'
                )
                return _content(dateline, "document", 0.8), True, reason
            return _page_timespan(page_date, 0.95), False, None
        return _page_timespan(page_date, 0.8 if weekday_pairs else 0.7), False, None

    if dateline is not None:
        return _content(dateline, "document", 0.8), False, None
    dated = weekday_pairs + explicit
    if dated:
        latest = max(dated, key=_known_end)
        return _content(latest, "inferred", 0.5), False, None
    years = [
        e for e in flat if e.method == "explicit" and e.precision == "year" and _end(e) and _past(e)
    ]
    if years:
        latest = max(years, key=_known_end)
        return (
            TimeSpan(
                text=latest.text,
                start=latest.start,
                end=latest.end,
                precision="year",
                method="inferred",
                span=latest.span,
                timex=latest.timex,
                confidence=0.3,
            ),
            False,
            None,
        )
    return None, False, None


__all__ = ["Span", "date_document", "flatten"]
