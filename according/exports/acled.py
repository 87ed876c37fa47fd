"""Events as ACLED-shaped rows and GeoJSON features: one per (event, place).

ACLED codes each location of an event as its own row, so analysts can load our output
with the scripts they already have. Column names and order are ACLED's current ones
(the 31 columns of its API and exports, as acledR's tests pin them); our own columns
come after ACLED's. Values follow ACLED's current codebook: ``inter1``, ``inter2`` and
``interaction`` are text ("State forces", "State forces-Protesters", "Protesters
only"); the numeric codes of older files are our own columns ``inter1_code``,
``inter2_code`` and ``interaction_code`` (acledR's ``inter_numeric = TRUE``).

Choices ACLED's codebook leaves to the coder:

* ``event_id_cnty`` is the event id, suffixed ``-1``, ``-2``... only when the event has
  several places, so single-place events (the common case) join back by id unchanged.
* ``fatalities`` counts the event's death toll (else the most conservative reported
  figure), on the event's first row only: summing the column must not multiply deaths
  by the number of towns.
* An event without any place still gets one row, with empty location, coordinates and
  ``geo_precision`` (ACLED never leaves them empty, so a reader can tell): dropping it
  silently would under-count. ``require_place`` leaves such rows out.
* ``source_scale`` is "National" for an outlet of the row's country, "International"
  for one of another country, joined as ACLED joins them ("National-International");
  empty when no cited outlet's country is known.
* ``admin2`` is the district of the place (GeoNames' second-level division, where the
  gazetteer knows it); ``admin3`` is empty: the gazetteer resolves towns to their district
  only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from according.actors.known import default_registry
from according.events import acled_actors
from according.records.model import Entity, Event, Place, Record, TimeSpan

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
OWN_COLUMNS: tuple[str, ...] = (
    "plover_category", "plover_mode", "status", "document_id", "origin", "evidence",
    "event_id", "inter1_code", "inter2_code", "interaction_code",
)  # fmt: skip
EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OWN_COLUMNS

# Typed columns (the rest are text), so parquet and GeoJSON carry numbers as numbers.
INT_COLUMNS = frozenset(
    {
        "year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp",
        "inter1_code", "inter2_code", "interaction_code",
    }
)  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

# ACLED's disorder types, by event type; sub-event types that differ from their type's.
_POLITICAL_VIOLENCE, _DEMONSTRATIONS = "Political violence", "Demonstrations"
_DISORDER_BY_TYPE: dict[str, str] = {
    "Battles": _POLITICAL_VIOLENCE,
    "Explosions/Remote violence": _POLITICAL_VIOLENCE,
    "Violence against civilians": _POLITICAL_VIOLENCE,
    "Protests": _DEMONSTRATIONS,
    "Riots": _DEMONSTRATIONS,
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_TYPE: dict[str, str] = {
    # Peaceful protesters met with lethal force: both a demonstration and violence.
    "Excessive force against protesters": f"{_POLITICAL_VIOLENCE}; {_DEMONSTRATIONS}",
    # A mob's violence is political violence; a demonstration turned violent is not.
    "Mob violence": _POLITICAL_VIOLENCE,
}
_CIVILIAN_TARGETING = "Civilian targeting"
# ACLED's words for a source's reach, narrowest first: the order ACLED joins them in.
_SCALES = ("National", "International")


def extra(record: Record, name: str) -> Any:
    """A field beyond format v1 (``inter``, ``fatalities``, the store's ``outlet``...), or
    None: read from the extras dict, as ``getattr`` on a missing pydantic field costs an
    exception on every row of an export."""
    return (record.model_extra or {}).get(name)


def country_name(code: str | None) -> str:
    """ACLED's ``country`` is its spelling of the name ("Democratic Republic of Congo");
    an unknown code is kept as written, not dropped."""
    if not code:
        return ""
    found = acled_actors.acled_country(code)
    return found.name if found else code


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's ``disorder_type``, which its codebook fixes by (sub-)event type."""
    return _DISORDER_BY_SUB_TYPE.get(sub_event_type) or _DISORDER_BY_TYPE.get(event_type, "")


def event_date(event: Event) -> str:
    """The event's first day, else its document's date: ACLED rows cannot be undated."""
    when = event.when
    if when is not None and (when.start or when.end):
        return (when.start or when.end or "")[:10]
    fallback = extra(event, "document_date")
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


def inter_of(event: Event, actor: Entity | None, country: str | None) -> int:
    """ACLED's inter code of one actor: the one the events stage gave it (``inter``),
    else what its name says (an ACLED class, or the registry's type of a named group;
    a state's forces outside ``country`` are external, 8), else its record kind (a
    ``state`` is 1). Records of the v1 stage carry no codes, so actor 1 of a protest or
    a riot is then coded as ACLED always codes it. 0 means unknown: blank beats wrong."""
    if actor is None:
        return 0
    given = extra(actor, "inter")
    if isinstance(given, int) and not isinstance(given, bool) and given > 0:
        return given
    for name in dict.fromkeys((extra(actor, "acled_name"), actor.name, actor.text)):
        code = _name_inter(name, country) if isinstance(name, str) and name else 0
        if code:
            return code
    code = acled_actors.inter_code(actor.kind)
    if code or not event.actors or actor is not event.actors[0] or event.acled is None:
        return code
    return {"Protests": acled_actors.PROTESTERS, "Riots": acled_actors.RIOTERS}.get(
        event.acled.event_type, 0
    )


@lru_cache(maxsize=65536)
def _name_inter(name: str, country: str | None) -> int:
    """``acled_actors.actor_inter``, cached: an export meets the same few names on
    thousands of rows, and each costs a pass over every class's patterns."""
    return acled_actors.actor_inter(name, country)


def inter_text(code: int) -> str:
    """ACLED's current ``inter1``/``inter2`` value: the actor type's name ("State
    forces"); empty for no actor or an unknown type."""
    return acled_actors.INTER_NAMES.get(code, "")


def interaction_text(code: int) -> str:
    """ACLED's current ``interaction`` value for a two-digit code (``acled_actors.
    interaction``, smaller type first): "State forces-Protesters", "Protesters only".
    Civilians are named last, as ACLED names its 78 "External/Other forces-Civilians"."""
    if not code:
        return ""
    first, second = divmod(code, 10)
    if not second:
        return f"{inter_text(first)} only"
    if first == acled_actors.CIVILIANS:
        first, second = second, first
    return f"{inter_text(first)}-{inter_text(second)}"


def fatalities(event: Event) -> int:
    """The event's death toll where the events stage told one, else the lowest figure."""
    toll = extra(event, "fatalities")
    if isinstance(toll, (int, float)) and not isinstance(toll, bool):
        return round(toll)
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


def _source_names(event: Event) -> list[str]:
    """Publications, as ACLED lists them: the document's outlet, then outlets it cites."""
    names = [extra(event, "outlet")]
    names += [hop.name for hop in event.source if hop.kind == "outlet"]
    return list(dict.fromkeys(n for n in names if n))


def source_scale(sources: list[str], country: str | None) -> str:
    """ACLED's reach of the sources for one row: "National" for a known outlet of
    ``country``, "International" for one of another country, both joined narrowest
    first; empty when no cited outlet's country is known."""
    if not country:
        return ""
    registry = default_registry()
    found = set()
    for name in sources:
        entry = registry.lookup(name)
        if entry is not None and entry.is_outlet and entry.country:
            found.add(_SCALES[0] if entry.country.upper() == country.upper() else _SCALES[1])
    return "-".join(scale for scale in _SCALES if scale in found)


def _timestamp(event: Event) -> int | None:
    """ACLED's timestamp is when the row was last updated: for us, when it was stored."""
    stored = extra(event, "ingested_at")
    if not stored:
        return None
    try:
        moment = datetime.fromisoformat(str(stored).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _entity_name(entity: Entity) -> str:
    """ACLED's name where the events stage gave one ("Protesters (Iran)"), else ours."""
    name = extra(entity, "acled_name")
    return name if isinstance(name, str) and name else entity.name


def _others(entities: list[Entity]) -> str:
    """The associated actors: every other actor of the side, once each."""
    first = _entity_name(entities[0]) if entities else ""
    names = dict.fromkeys(_entity_name(e) for e in entities[1:])
    return "; ".join(n for n in names if n != first)


def located(place: Place | None) -> bool:
    """A row is located when its place has coordinates on Earth (what a map needs)."""
    return place is not None and _on_earth(place.lat, place.lon)


def _actor_columns(event: Event, country: str | None) -> dict[str, Any]:
    """actor1/actor2 with their associated actors, types and interaction, for one row's
    country (a state's forces are external outside it)."""
    actor1 = event.actors[0] if event.actors else None
    actor2 = event.targets[0] if event.targets else None
    code1, code2 = inter_of(event, actor1, country), inter_of(event, actor2, country)
    interaction = acled_actors.interaction(code1, code2)
    event_type = event.acled.event_type if event.acled else ""
    sub_type = event.acled.sub_event_type if event.acled else ""
    violent = _POLITICAL_VIOLENCE in disorder_type(event_type, sub_type)
    return {
        "actor1": _entity_name(actor1) if actor1 else "",
        "assoc_actor_1": _others(event.actors),
        "inter1": inter_text(code1),
        "actor2": _entity_name(actor2) if actor2 else "",
        "assoc_actor_2": _others(event.targets),
        "inter2": inter_text(code2),
        "interaction": interaction_text(interaction),
        # ACLED marks violence whose main target is civilians, its actor 2.
        "civilian_targeting": _CIVILIAN_TARGETING
        if violent and code2 == acled_actors.CIVILIANS
        else "",
        "inter1_code": code1,
        "inter2_code": code2,
        "interaction_code": interaction,
    }


def _place_columns(place: Place | None) -> dict[str, Any]:
    """Where, as ACLED writes it; coordinates and their precision only when known."""
    code = place.country.upper() if place is not None and place.country else None
    country = acled_actors.acled_country(code) if code else None
    here = located(place)
    return {
        "iso": country.iso_numeric if country else None,
        "region": country.region if country else "",
        "country": country_name(code),
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (getattr(place, "admin2", None) or "") if place else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": place.lat if here and place else None,
        "longitude": place.lon if here and place else None,
        "geo_precision": place.precision if here and place else None,
    }


def event_rows(event: Event, require_place: bool = False) -> list[dict[str, Any]]:
    """One row per place, with exactly ``EVENT_COLUMNS`` as keys; ``require_place`` leaves
    out rows without coordinates (the ids of the others do not change)."""
    day = event_date(event)
    event_type = event.acled.event_type if event.acled else ""
    sub_type = event.acled.sub_event_type if event.acled else ""
    sources = _source_names(event)
    shared: dict[str, Any] = {
        "event_date": day,
        "year": int(day[:4]) if day[:4].isdigit() else None,
        "time_precision": time_precision(event.when),
        "disorder_type": disorder_type(event_type, sub_type),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "source": "; ".join(sources),
        "notes": " … ".join(span.text for span in event.evidence),
        "fatalities": 0,
        "tags": _tags(event),
        "timestamp": _timestamp(event),
        "plover_category": event.category,
        "plover_mode": event.mode or "",
        "status": event.status,
        "document_id": extra(event, "document_id") or "",
        "origin": extra(event, "origin") or "",
        "evidence": ";".join(f"{span.start}-{span.end}" for span in event.evidence),
        "event_id": event.id,
    }
    places: list[Place | None] = list(event.places) or [None]
    actors: dict[str | None, dict[str, Any]] = {}  # by country: most events have one
    rows = []
    for n, place in enumerate(places):
        if require_place and not located(place):
            continue
        country = place.country.upper() if place is not None and place.country else None
        if country not in actors:
            actors[country] = _actor_columns(event, country)
        row = {
            **shared,
            **actors[country],
            **_place_columns(place),
            "event_id_cnty": event.id if len(places) == 1 else f"{event.id}-{n + 1}",
            "source_scale": source_scale(sources, country),
        }
        rows.append({column: row[column] for column in EVENT_COLUMNS})
    if rows:
        rows[0]["fatalities"] = fatalities(event)
    return rows


def _on_earth(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def geojson_features(event: Event) -> list[dict[str, Any]]:
    """RFC 7946 Points, ``[lon, lat]``; places without usable coordinates are left out
    (and the toll goes on the first point, so summing over features counts it once)."""
    features = []
    for row in event_rows(event, require_place=True):
        lat, lon = row["latitude"], row["longitude"]
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": row["event_id_cnty"],
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": properties,
            }
        )
    return features
