"""What the words around a mention say about which kind of place it is.

Resolution by prominence alone sends every "New York" to the city and every
"Washington" to the capital. Three local patterns in news text say otherwise, and they
hold in any report, not just in the evaluation sets:

- "Buffalo, New York", "Tacoma, Washington", "Stroud, Ontario": in "X, Y" the second
  name is the province or country that contains the first, and it picks which X is meant;
- "New York state", "the state of Washington", "Akita Prefecture": a division noun next
  to the name asks for the province;
- "Utah, Virginia, Washington and Wisconsin": the items of a list are places of one
  kind, so a name among provinces is a province and a name among countries a country;
- "Kakomero (Rutshuru, Nord-Kivu)", "Lalpur village of Bhagabanpur block (Purba
  Medinipur district, West Bengal)", "Ara in As-Sweida", "Bhadokhar, near Rae Bareli":
  a chain of units, each inside the next (``within``). Resolution keeps each name
  inside its unit and, for a name the gazetteer lacks, places it at the unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from according.geo.rules import place_words

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
    the indices of its list neighbours; ``within``, the index of the mention naming the
    unit this one lies in, and ``strong`` when the words between say so outright (a
    bracket, a unit noun: "X district, Y"), not a bare comma or "in" that may join two
    towns of a list or a sentence ("from Paris in March")."""

    prefer: str | None = None
    contains: int | None = None
    neighbours: tuple[int, ...] = field(default_factory=tuple)
    within: int | None = None
    strong: bool = False


@lru_cache(maxsize=1)
def _chain_gaps() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What may stand between a place and the unit after it: (strong gap, weak gap,
    the "near" gap), built from the noun lists of ``according/data/places``."""
    nouns = place_words().alternation("settlement_nouns", "division_nouns")
    unit = rf"(?:{nouns})"
    strong = re.compile(
        rf"^\s*(?:{unit}\s*(?:,|\(|\bof\b|\bin\b)|\(|,?\s*(?:in|of)\s+(?:the\s+)?{unit}\s+of)"
        rf"\s*(?:the\s+)?(?:{unit}\s+of\s+)?$",
        re.IGNORECASE,
    )
    weak = re.compile(r"^\s*(?:,|in|of|in\s+the|of\s+the)\s*$", re.IGNORECASE)
    near = re.compile(r"^\s*,?\s*(?:near|outside|close\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
    return strong, weak, near


def _in_brackets(text: str, start: int) -> bool:
    """Whether ``start`` is inside an open bracket of its sentence ("(Mukayras, Al ...")."""
    before = text[max(0, start - 80) : start]
    return before.rfind("(") > max(before.rfind(")"), before.rfind(". "))


def _chain(text: str, gap: str, start: int) -> tuple[bool, bool] | None:
    """Whether the gap between two mentions makes the second the unit of the first:
    None when not; else (yes, strong)."""
    strong, weak, near = _chain_gaps()
    if strong.match(gap) or near.match(gap):
        return True, True
    if weak.match(gap):
        return True, gap.strip() == "," and _in_brackets(text, start)
    return None


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
        within, strong = None, False
        if i + 1 < len(spans):
            chained = _chain(text, text[end : spans[i + 1][0]], start)
            if chained is not None:
                # "Rio Claro, Lara state": a unit noun after the unit says so too.
                tail = text[spans[i + 1][1] : spans[i + 1][1] + 20]
                named = _DIVISION_AFTER.match(tail) is not None
                within, strong = i + 1, chained[1] or named
        if i > 0:
            gap = text[spans[i - 1][1] : start]
            if _CONTAINED_GAP.match(gap):
                contains = i - 1
            if _LIST_GAP.match(gap):
                neighbours.append(i - 1)
        if i + 1 < len(spans) and _LIST_GAP.match(text[end : spans[i + 1][0]]):
            neighbours.append(i + 1)
        out.append(Hint(prefer, contains, tuple(neighbours), within, strong))
    return out
