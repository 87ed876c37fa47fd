"""What the words around a mention say about which kind of place it is.

Resolution by prominence alone sends every "New York" to the city and every
"Washington" to the capital. Three local patterns in news text say otherwise, and they
hold in any report, not just in the evaluation sets:

- "Buffalo, New York", "Tacoma, Washington", "Stroud, Ontario": in "X, Y" the second
  name is the province or country that contains the first, and it picks which X is meant;
- "New York state", "the state of Washington", "Akita Prefecture": a division noun next
  to the name asks for the province;
- "Utah, Virginia, Washington and Wisconsin": the items of a list are places of one
  kind, so a name among provinces is a province and a name among countries a country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_DIVISION_AFTER = re.compile(
    r"^\s+(state|province|prefecture|oblast|governorate|region|governor)\b", re.IGNORECASE
)
_DIVISION_BEFORE = re.compile(r"\b(state|province|prefecture|region) of\s+$", re.IGNORECASE)
_CONTAINED_GAP = re.compile(r"^,\s*$")
_LIST_GAP = re.compile(r"^\s*(,|,?\s*and|,?\s*or|;)\s*$")


@dataclass(frozen=True, slots=True)
class Hint:
    """Local evidence for one mention: a feature it should have (``prefer``), the index
    of the mention right before it in an "X, Y" pair (``contains``: this one is Y), and
    the indices of its list neighbours."""

    prefer: str | None = None
    contains: int | None = None
    neighbours: tuple[int, ...] = field(default_factory=tuple)


def hints(text: str, spans: Sequence[tuple[int, int]]) -> list[Hint]:
    """One Hint per mention span (start, end), spans in text order."""
    out: list[Hint] = []
    for i, (start, end) in enumerate(spans):
        after = text[end : end + 20]
        before = text[max(0, start - 20) : start]
        prefer = (
            "admin1" if _DIVISION_AFTER.match(after) or _DIVISION_BEFORE.search(before) else None
        )
        contains = None
        neighbours = []
        if i > 0:
            gap = text[spans[i - 1][1] : start]
            if _CONTAINED_GAP.match(gap):
                contains = i - 1
            if _LIST_GAP.match(gap):
                neighbours.append(i - 1)
        if i + 1 < len(spans) and _LIST_GAP.match(text[end : spans[i + 1][0]]):
            neighbours.append(i + 1)
        out.append(Hint(prefer, contains, tuple(neighbours)))
    return out
