"""Clusters: one happening reported by many documents, counted once (issue 6).

GDELT's best-known flaw is one kidnapping, reported by two hundred outlets, counted two
hundred times. Events of one PLOVER category, with places within ``MAX_KM`` and dates
within ``DAY_SLACK`` of each other, from different documents, form one ``EventCluster``
that lists its outlets, their sides, and every figure each gave, flagged where the figures
cannot all be true. The rules, and why each is so, are in docs/clusters.md.

An analysis over stored events, not part of the store: it reads ``Store.events`` and
the actor list (which side an outlet stands on); ``according.exports.clusters`` writes
the result out.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from according.actors import ActorRegistry, default_registry
from according.geo.resolve import haversine_km
from according.records.model import Bound, Event, Place, Precision, Record, TimeSpan
from according.store.queries import parse_date

if TYPE_CHECKING:
    from according.store import Store

MAX_KM = 25.0
DAY_SLACK = 1
MAX_SPAN_DAYS = 7
APPROX_TOLERANCE = 0.25  # "about 200" is read as 150..250
_CELL_DEG = 0.25  # grid cell: 0.25 degrees of latitude is 27.8 km > MAX_KM
_PRECISION_ORDER: list[Precision] = ["day", "week", "month", "year", "decade", "duration"]


class OutletSide(Record):
    """An outlet and, where the registry knows it, the side it stands on."""

    name: str
    side: str | None = None


class SourcedCount(Record):
    """One figure as one outlet gave it, with its hedge, so conflicts show side by side."""

    outlet: str | None = None
    side: str | None = None
    value: float | int
    bound: Bound = "exact"
    text: str
    event: str
    document: str | None = None


class CountComparison(Record):
    """All figures of one kind; ``conflict`` when no single number fits every hedge."""

    values: list[SourcedCount] = Field(default_factory=list)
    conflict: bool = False
    low: float | int | None = None
    high: float | int | None = None


class EventCluster(Record):
    id: str
    category: str
    mode: str | None = None
    modes: list[str] = Field(default_factory=list)
    when: TimeSpan | None = None
    places: list[Place] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    outlets: list[OutletSide] = Field(default_factory=list)
    n_outlets: int = 0
    n_documents: int = 0
    n_events: int = 0
    counts_by_source: dict[str, CountComparison] = Field(default_factory=dict)
    statuses: list[str] = Field(default_factory=list)


# -- geometry and dates ------------------------------------------------------------------


def _is_point(place: Place) -> bool:
    return place.lat is not None and place.lon is not None and place.precision < 3


def _region_key(place: Place) -> tuple[str, ...] | None:
    """Region-only places compare by identity, never by distance to their centroid."""
    if place.precision < 3 or not (place.country or place.name):
        return None
    ident = str(place.geonames_id) if place.geonames_id is not None else place.name.casefold()
    return ((place.country or "").upper(), (place.admin1 or "").casefold(), ident)


def _dates(event: Event) -> tuple[date, date] | None:
    when = event.when
    start = parse_date(when.start or when.end) if when else None
    end = parse_date(when.end or when.start, end=True) if when else None
    return (start, end) if start is not None and end is not None and start <= end else None


def _span(event: Event) -> tuple[date, date] | None:
    """The dates an event may link by: none when missing or vaguer than MAX_SPAN_DAYS."""
    span = _dates(event)
    return span if span and (span[1] - span[0]).days < MAX_SPAN_DAYS else None


def _cells(lat: float, lon: float) -> Iterator[tuple[int, int]]:
    """The grid cells that may hold a point within MAX_KM: one row either way, and as
    many columns as the latitude needs (a degree of longitude shrinks towards the poles)."""
    row, col = math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)
    cos = math.cos(math.radians(min(90.0, abs(lat) + _CELL_DEG)))
    cols_total = int(360 / _CELL_DEG)
    reach = cols_total if cos < 1e-3 else math.ceil(MAX_KM / (111.0 * _CELL_DEG * cos))
    reach = min(reach, cols_total // 2)
    for r in (row - 1, row, row + 1):
        for c in range(col - reach, col + reach + 1):
            yield r, (c % cols_total)


def _home(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG) % int(360 / _CELL_DEG)


# -- linking -----------------------------------------------------------------------------


class _Item:
    """What the sweep needs of one event, computed once."""

    __slots__ = ("doc", "end", "evidence", "idx", "points", "regions", "start")

    def __init__(self, idx: int, event: Event, span: tuple[date, date]) -> None:
        self.idx = idx
        self.start, self.end = span
        self.doc: str = getattr(event, "document_id", None) or f"event:{event.id}"
        self.evidence = tuple(sorted((s.start, s.end, s.text) for s in event.evidence))
        self.points: list[tuple[float, float]] = [
            (p.lat, p.lon)
            for p in event.places
            if p.lat is not None and p.lon is not None and _is_point(p)
        ]
        self.regions = {k for p in event.places if (k := _region_key(p)) is not None}


def _nearest_km(a: _Item, b: _Item) -> float | None:
    """Smallest distance between the two events' places, 0 for a shared region, or None."""
    best: float | None = 0.0 if a.regions & b.regions else None
    for lat1, lon1 in a.points:
        for lat2, lon2 in b.points:
            km = haversine_km(lat1, lon1, lat2, lon2)
            if km <= MAX_KM and (best is None or km < best):
                best = km
    return best


def _candidate_pairs(items: list[_Item], events: list[Event]) -> list[tuple[int, float, int, int]]:
    """Sweep in date order keeping only events whose span (plus slack) is still open, indexed
    by category and grid cell, so each event is compared with its neighbours only."""
    items.sort(key=lambda it: (it.start, it.end, it.idx))
    open_by_key: dict[tuple[Any, ...], list[_Item]] = defaultdict(list)
    expiry: list[tuple[date, int, _Item, list[tuple[Any, ...]]]] = []
    pairs: list[tuple[int, float, int, int]] = []
    for it in items:
        while expiry and (expiry[0][0] - it.start).days < -DAY_SLACK:
            _, _, old, keys = heapq.heappop(expiry)
            for k in keys:
                open_by_key[k].remove(old)
        category = events[it.idx].category
        seen: set[int] = set()
        lookups: list[tuple[Any, ...]] = [
            (category, "cell", *c) for lat, lon in it.points for c in _cells(lat, lon)
        ]
        lookups += [(category, "region", *r) for r in it.regions]
        for k in lookups:
            for other in open_by_key.get(k, ()):
                if other.idx in seen:
                    continue
                seen.add(other.idx)
                km = _nearest_km(it, other)
                if km is not None:
                    gap = max(0, (it.start - other.end).days)
                    pairs.append((gap, km, min(it.idx, other.idx), max(it.idx, other.idx)))
        own: list[tuple[Any, ...]] = [
            (category, "cell", *_home(lat, lon)) for lat, lon in it.points
        ]
        own += [(category, "region", *r) for r in it.regions]
        own = list(dict.fromkeys(own))
        for k in own:
            open_by_key[k].append(it)
        heapq.heappush(expiry, (it.end, it.idx, it, own))
    pairs.sort()  # closest in time, then in space, first: they win a contested document
    return pairs


def _link(events: list[Event]) -> list[list[int]]:
    """Union-find over candidate pairs, refusing a merge that would put two different
    events of one document in one cluster (identical evidence excepted)."""
    items = {i: _Item(i, ev, span) for i, ev in enumerate(events) if (span := _span(ev))}
    usable = [it for it in items.values() if it.points or it.regions]
    parent = list(range(len(events)))
    # per root: document -> evidence keys of its members from that document
    docs: dict[int, dict[str, set[tuple[Any, ...]]]] = {
        it.idx: {it.doc: {it.evidence}} for it in usable
    }

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, _, a, b in _candidate_pairs(usable, events):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        da, db = docs[ra], docs[rb]
        if any(doc in da and da[doc] != keys for doc, keys in db.items()):
            continue
        if len(da) < len(db):
            ra, rb, da, db = rb, ra, db, da
        parent[rb] = ra
        for doc, keys in db.items():
            da.setdefault(doc, set()).update(keys)
        del docs[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    return list(groups.values())


# -- building clusters -------------------------------------------------------------------


def _interval(value: float, bound: str) -> tuple[float, float]:
    """What a hedged figure allows: "over 1,500" is 1,500 or more, "about 200" 150..250."""
    if bound == "lower":
        return value, math.inf
    if bound == "upper":
        return 0.0, value
    if bound == "approx":
        return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
    return value, value


def compare_counts(values: list[SourcedCount]) -> CountComparison:
    """Conflict when the hedged intervals share no number (intervals on a line meet
    pairwise exactly when they all meet, so max of lows against min of highs suffices)."""
    ranges = [_interval(float(v.value), v.bound) for v in values]
    low = max(lo for lo, _ in ranges) if ranges else None
    high = min(hi for _, hi in ranges) if ranges else None
    conflict = low is not None and high is not None and low > high
    nums = [v.value for v in values]
    return CountComparison(
        values=values, conflict=conflict, low=min(nums, default=None), high=max(nums, default=None)
    )


def _union_when(members: list[Event]) -> TimeSpan | None:
    spans = [s for ev in members if (s := _dates(ev))]
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    precisions = [ev.when.precision for ev in members if ev.when is not None]
    coarsest: Precision = max(precisions, key=_PRECISION_ORDER.index, default="day")
    text = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
    return TimeSpan(
        text=text, start=start.isoformat(), end=end.isoformat(), precision=coarsest,
        method="inferred",
    )  # fmt: skip


def _distinct_places(members: list[Event]) -> list[Place]:
    out: dict[Any, Place] = {}
    for ev in members:
        for p in ev.places:
            k = p.geonames_id if p.geonames_id is not None else (p.name.casefold(), p.country)
            out.setdefault(k, p.model_copy(update={"span": None, "text": p.name}))
    return list(out.values())


def cluster_id(event_ids: Iterable[str]) -> str:
    """Stable: the same member events give the same id, whatever order they came in."""
    digest = hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()[:16]
    return f"k:{digest}"


def _build(members: list[Event], sides: dict[str, str | None]) -> EventCluster:
    members.sort(key=lambda ev: (_dates(ev) or (date.max, date.max), ev.id))
    outlets: dict[str, OutletSide] = {}
    documents: dict[str, None] = {}
    by_kind: dict[str, list[SourcedCount]] = defaultdict(list)
    for ev in members:
        outlet: str | None = getattr(ev, "outlet", None)
        doc: str | None = getattr(ev, "document_id", None)
        if doc:
            documents[doc] = None
        if outlet:
            outlets.setdefault(outlet, OutletSide(name=outlet, side=sides.get(outlet)))
        for q in ev.counts:
            by_kind[q.kind].append(
                SourcedCount(
                    outlet=outlet, side=sides.get(outlet) if outlet else None, value=q.value,
                    bound=q.bound, text=q.text, event=ev.id, document=doc,
                )
            )  # fmt: skip
    modes = Counter(ev.mode for ev in members if ev.mode)
    ids = [ev.id for ev in members]
    return EventCluster(
        id=cluster_id(ids),
        category=members[0].category,
        mode=modes.most_common(1)[0][0] if modes else None,
        modes=sorted(modes),
        when=_union_when(members),
        places=_distinct_places(members),
        events=ids,
        documents=list(documents),
        outlets=list(outlets.values()),
        n_outlets=len(outlets),
        n_documents=len(documents),
        n_events=len(members),
        counts_by_source={k: compare_counts(v) for k, v in sorted(by_kind.items())},
        statuses=sorted({ev.status for ev in members}),
    )


def cluster_events(
    events: Iterable[Event], registry: ActorRegistry | None = None
) -> list[EventCluster]:
    """Group events that describe the same happening; every event lands in one cluster.

    Pure apart from the registry lookups. Events carry ``document_id`` and ``outlet`` as
    extras when they come from ``Store.events``; without ``document_id`` each event counts
    as its own document, without ``outlet`` it adds to no outlet count (we cannot tell
    whether two unnamed sources are one). Clusters come oldest first.
    """
    evs = list(events)
    reg = registry if registry is not None else default_registry()
    sides: dict[str, str | None] = {}
    for ev in evs:
        name = getattr(ev, "outlet", None)
        if name and name not in sides:
            entry = reg.lookup(name)
            sides[name] = entry.side if entry else None
    clusters = [_build([evs[i] for i in group], sides) for group in _link(evs)]
    clusters.sort(key=lambda c: ((c.when.start or "") if c.when else "\uffff", c.id))
    return clusters


def clusters_from_store(
    store: Store, registry: ActorRegistry | None = None, **filters: Any
) -> list[EventCluster]:
    """``store.events(**filters)`` clustered. Filters narrow the events first, so a cluster
    holds only the matching reports (``outlet=`` gives that outlet's view, not the rest)."""
    return cluster_events(store.events(**filters), registry)
