"""One happening told twice in one report is one event.

A headline ("Police fire tear gas at protesters in Nairobi"), the lede that retells it
with the date and the crowd, and a later "The protest, now in its second week, ..."
are one event with three pieces of evidence, not three events. Across reports the
store's clusters do this job; within a report it is done here, conservatively: the same
category, mode, status and source, compatible dates and compatible places. Different
towns, different days or different voices keep events apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from according.records import Event, Place, TimeSpan

T = TypeVar("T")


def place_key(place: Place) -> int | str:
    """A place's identity: its GeoNames id, else its name."""
    return place.geonames_id if place.geonames_id is not None else place.name.lower()


def _dates_agree(a: TimeSpan | None, b: TimeSpan | None) -> bool:
    """Equal spans agree; a date the document lent (method "document") agrees with any."""
    if a is None or b is None or "document" in (a.method, b.method):
        return True
    return (a.start, a.end) == (b.start, b.end)


def _places_agree(a: list[Place], b: list[Place]) -> bool:
    """No places on one side, or one side's places all among the other's."""
    keys_a, keys_b = {place_key(p) for p in a}, {place_key(p) for p in b}
    return not keys_a or not keys_b or keys_a <= keys_b or keys_b <= keys_a


def _chain(event: Event) -> tuple[tuple[str, str], ...]:
    return tuple((hop.kind, hop.name) for hop in event.source)


def same_happening(a: Event, b: Event) -> bool:
    return (
        (a.category, a.mode, a.status) == (b.category, b.mode, b.status)
        and _chain(a) == _chain(b)
        and _dates_agree(a.when, b.when)
        and _places_agree(a.places, b.places)
    )


def _better_date(a: TimeSpan | None, b: TimeSpan | None) -> TimeSpan | None:
    """The text's own date over one the document lent; else the narrower span."""
    if a is None or (a.method == "document" and b is not None and b.method != "document"):
        return b
    return a


def _union(first: list[T], second: list[T], key: Callable[[T], Hashable]) -> list[T]:
    """``first`` and then the items of ``second`` whose key is new, in order."""
    seen = {key(x) for x in first}
    out = list(first)
    for x in second:
        k = key(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def absorb(kept: Event, other: Event) -> Event:
    """``kept`` with ``other``'s evidence, places, actors, targets and counts added; the
    id stays ``kept``'s, so it is stable whatever was merged into it."""
    return kept.model_copy(
        update={
            "when": _better_date(kept.when, other.when),
            "places": _union(kept.places, other.places, place_key),
            "actors": _union(kept.actors, other.actors, lambda e: e.name),
            "targets": _union(kept.targets, other.targets, lambda e: e.name),
            "counts": _union(kept.counts, other.counts, lambda q: (q.kind, q.value, q.bound)),
            "evidence": [*kept.evidence, *other.evidence],
            "confidence": max(kept.confidence, other.confidence),
        }
    )


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Events in text order, each later retelling absorbed by the first it matches."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if same_happening(kept, event):
                merged[i] = absorb(kept, event)
                break
        else:
            merged.append(event)
    return merged
