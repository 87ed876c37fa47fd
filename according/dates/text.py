"""Dating a whole text: every time expression resolved, the document's own date, and
the expression that governs a character range.

The entry points of the package, kept out of ``dates/__init__.py`` so that the package
file only re-exports and the modules inside it import one another, never the package.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from according.dates.anaphora import resolve_anaphora
from according.dates.compose import (
    Match,
    grammar_matches,
    join_clock_times,
    join_ranges,
    resolve_comparisons,
    scan,
    to_timespan,
)
from according.dates.document import date_document
from according.dates.tense import Sentences, Tense
from according.dates.values import Env, Value
from according.records import TimeSpan

__all__ = ["DatedText", "date_text", "find_time_expressions", "timespan_for"]


def find_time_expressions(
    text: str,
    reference: date | None,
    *,
    future_hint: Callable[[int, int], Tense] | None = None,
    sentences: Sentences | None = None,
    matches: list[Match] | None = None,
    memo: dict[int, Value | None] | None = None,
) -> list[TimeSpan]:
    """All time expressions of ``text`` in order, resolved against ``reference``.

    ``future_hint(start, end)`` may return "future"/"past" to override the tense the
    cheap cue-word reading finds for an expression (e.g. from a parser); None defers.
    Without a reference, explicit dates still resolve and relative ones keep a TIMEX3
    value with X placeholders (or none). ``matches`` (from ``grammar_matches``),
    ``sentences`` and ``memo`` (values that do not depend on the reference, filled by the
    first pass) let a second pass over the same text skip the grammar and most handlers.
    """
    env = Env(text, reference, sentences or Sentences(text), future_hint)
    found = join_ranges(
        text,
        resolve_comparisons(
            env, resolve_anaphora(env, join_clock_times(text, scan(env, matches, memo)))
        ),
    )
    return [to_timespan(text, s, e, v) for s, e, v in found]


@dataclass
class DatedText:
    dates: list[TimeSpan]
    content_date: TimeSpan | None
    conflict: bool
    reason: str | None
    reference: date | None


def date_text(
    text: str,
    page_date: date | None,
    *,
    conflict_days: int = 30,
    future_hint: Callable[[int, int], Tense] | None = None,
) -> DatedText:
    """Two passes. First with the page date as reference: absolute dates and weekday
    pairs (which do not depend on it) date the document. Then, when the text turns out to
    be written elsewhen (or there is no page date), everything relative is resolved again
    against the content date, so a re-published "yesterday" keeps its original meaning."""
    sentences = Sentences(text)
    matches = grammar_matches(text)
    memo: dict[int, Value | None] = {}
    first = find_time_expressions(
        text, page_date, future_hint=future_hint, sentences=sentences, matches=matches, memo=memo
    )
    content, conflict, reason = date_document(text, first, page_date, conflict_days=conflict_days)
    reference = page_date
    if content is not None and content.end and (conflict or page_date is None):
        reference = date.fromisoformat(content.end)
    if reference == page_date:
        dates = first
    else:
        dates = find_time_expressions(
            text,
            reference,
            future_hint=future_hint,
            sentences=sentences,
            matches=matches,
            memo=memo,
        )
    return DatedText(dates, content, conflict, reason, reference)


def timespan_for(start: int, end: int, dates: Sequence[TimeSpan], text: str) -> TimeSpan | None:
    """The date that governs ``text[start:end]`` (a quote, an event trigger): the nearest
    dated expression before it in the same sentence (the attribution "told X on March 7:"
    comes before the quote, whose own dates are about other things), else the first one
    inside the range, else the nearest after it in that sentence. Durations, sets and
    vague references ("recently") date nothing; None when no expression qualifies.

    Called once per quote and event, so its cost must not grow with the document: the
    sentence index and the usable dates (sorted by offset) are built once per text and
    list, and each call is a few binary searches.
    """
    sentences = _sentences(text)
    s_start, s_end = sentences.bounds(start)
    # a quote opening its own sentence is dated by the attribution that introduced it
    s_end = max(s_end, sentences.bounds(max(start, end - 1))[1])
    offsets, spans = _usable_index(dates)
    # before: the last usable one in [s_start, start); the first of equal offsets
    i = bisect.bisect_left(offsets, start) - 1
    if i >= 0 and offsets[i] >= s_start:
        return spans[bisect.bisect_left(offsets, offsets[i])]
    i = bisect.bisect_left(offsets, start)  # inside: the first in [start, end)
    if i < len(offsets) and offsets[i] < end:
        return spans[i]
    i = bisect.bisect_left(offsets, end)  # after: the first in [end, s_end)
    if i < len(offsets) and offsets[i] < s_end:
        return spans[i]
    return None


@lru_cache(maxsize=4)
def _sentences(text: str) -> Sentences:
    """One sentence index per text (the str hash is cached, so a hit costs nothing)."""
    return Sentences(text)


_INDEX: dict[tuple[int, ...], tuple[list[TimeSpan], list[int], list[TimeSpan]]] = {}


def _usable_index(dates: Sequence[TimeSpan]) -> tuple[list[int], list[TimeSpan]]:
    """Offsets and usable TimeSpans sorted by offset (stable: equal offsets keep list
    order, as the linear scan did). Keyed by the identity of the spans, since callers
    pass copies of the same list; the spans are held so the identities stay theirs."""
    key = tuple(map(id, dates))
    found = _INDEX.get(key)
    if found is None:
        usable = sorted(
            (t for t in dates if _usable(t)),
            key=lambda t: t.span.start,  # type: ignore[union-attr]
        )
        found = (list(dates), [t.span.start for t in usable], usable)  # type: ignore[union-attr]
        if len(_INDEX) >= 4:
            _INDEX.pop(next(iter(_INDEX)))
        _INDEX[key] = found
    return found[1], found[2]


def _usable(t: TimeSpan) -> bool:
    return (
        t.span is not None
        and t.start is not None
        and t.precision != "duration"
        and getattr(t, "timex_type", "DATE") in ("DATE", "TIME")
        and not (t.timex or "").endswith("_REF")
    )
