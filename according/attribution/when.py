"""When something was said: the date written in the attribution clause.

Kept in one function so the dates stage's own ``according.dates.timespan_for`` replaces
it the moment that exists (it knows more about which date a clause means); until then
the date nearest before the end of the clause, within the clause's sentence, is taken.
"""

from __future__ import annotations

from collections.abc import Sequence

from according.records import TimeSpan


def _fallback(start: int, end: int, dates: Sequence[TimeSpan], text: str) -> TimeSpan | None:
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    best: TimeSpan | None = None
    for ts in dates:
        if ts.span is None or ts.start is None:
            continue
        if max(start, sentence_start) <= ts.span.start and ts.span.end <= end:
            if best is None or best.span is None or ts.span.start > best.span.start:
                best = ts
    return best


def timespan_for(start: int, end: int, dates: Sequence[TimeSpan], text: str) -> TimeSpan | None:
    """The TimeSpan a clause (``start``..``end`` in ``text``) dates its statement to.

    Both readings look only at the sentences of the clause, and a sentence never
    crosses a line break: without a date on the clause's lines there is no answer, and
    the dates stage's sentence index over the whole text need not be built."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(start, end - 1))
    hi = len(text) if hi < 0 else hi
    if not any(ts.span is not None and lo <= ts.span.start <= hi for ts in dates):
        return None
    try:
        from according.dates import timespan_for as shared
    except ImportError:
        return _fallback(start, end, dates, text)
    return shared(start, end, dates, text)
