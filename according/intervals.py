"""Character spans indexed by start, for the lookups every stage makes per match.

"Is this number inside an excluded span?", "which sentence holds this offset?": asked
once per match over a list of spans, a plain scan makes the cost of a document grow
with the square of its length. Built once per document, these answer in O(log n) plus
what they return.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Intervals:
    """(start, end) spans, sorted; ``longest`` bounds how far back an overlap can start."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps [start, end) (shares at least one character)."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[lo:hi])

    def containing(self, offset: int) -> tuple[int, int] | None:
        """The span that holds ``offset`` (the earliest-starting one, where spans nest)."""
        lo = bisect.bisect_left(self.starts, offset - self.longest)
        hi = bisect.bisect_right(self.starts, offset)
        return next(((s, e) for s, e in self.spans[lo:hi] if s <= offset < e), None)
