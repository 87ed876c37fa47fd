"""Turning filters into SELECTs and rows back into records, kept apart from connections.

Everything here is pure (no I/O) but for one read of the gazetteer when a place filter
names a country (``place_names``), so the mapping can be read and tested on its own. All
user input reaches SQL as bound parameters; ``LIKE`` patterns are escaped
(``autoescape``) so a ``%`` or ``_`` in a name is matched literally.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import sqlalchemy as sa

from according.errors import UsageError
from according.records.model import CATEGORIES, QUOTE_KINDS, Claim, Event, Quote
from according.store import schema as t
from according.store.place_names import countries_named

Kind = Literal["events", "quotes", "claims"]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def key(text: str | None) -> str | None:
    """The filter form of a name: casefolded in Python (Unicode-aware on every backend), with
    runs of whitespace made one space so a line break in the source does not hide a name."""
    return " ".join(text.casefold().split()) if text else None


def parse_date(value: str | date | None, *, end: bool = False) -> date | None:
    """Read an ISO date, widening ``2019`` / ``2019-11`` to their first (or last) day.

    Lenient on purpose: a stored record with an odd date is kept, just not date-filterable.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _PARTIAL_DATE.match(value.strip()[:10])
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)  # type: ignore[arg-type]
        if day is None:
            last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            return date(year, month, last if end else 1)  # type: ignore[arg-type]
        return date(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        return None


def filter_date(name: str, value: str | date | None, *, end: bool) -> date | None:
    """Like ``parse_date`` but strict: a typo in ``--since`` must not silently match all."""
    if value is None:
        return None
    strict = isinstance(value, date) or (
        isinstance(value, str) and _PARTIAL_DATE.fullmatch(value.strip()) is not None
    )
    parsed = parse_date(value, end=end) if strict else None
    if parsed is None:
        raise UsageError(f"{name}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return parsed


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    category: str | None = None
    actor: str | None = None
    place: str | None = None
    outlet: str | None = None
    limit: int | None = None
    # Quote kinds to keep (quotes only); empty keeps every kind.
    kinds: tuple[str, ...] = ()
    # The countries ``place`` names ("Iran" -> IR), so a country keeps all its towns.
    place_countries: tuple[str, ...] = ()


def one_of(name: str, value: str, allowed: Iterable[str]) -> str:
    """``value`` as ``allowed`` spells it ("protest" -> "PROTEST"), case ignored; else a
    ``UsageError`` listing the choices. The CLI, the Python API and the HTTP API refuse
    a bad choice in these same words."""
    choices = {choice.casefold(): choice for choice in allowed}
    found = choices.get(value.strip().casefold())
    if found is None:
        known = ", ".join(sorted(choices.values()))
        raise UsageError(f"{name}: unknown {value.strip()!r}; expected one of {known}")
    return found


def quote_kinds(kind: str | None) -> tuple[str, ...]:
    """The quote kinds ``kind`` asks for: one of ``QUOTE_KINDS``, or "all" (also None)
    for every kind. The CLI's ``--kind`` and the API's ``kind=`` read it alike."""
    if kind is None:
        return ()
    if not isinstance(kind, str):
        raise UsageError(f"kind: expected a text, got {kind!r}")
    chosen = one_of("kind", kind, (*QUOTE_KINDS, "all"))
    return () if chosen == "all" else (chosen,)


def make_filters(**given: Any) -> Filters:
    """Validate up front, so a bad value fails at the call and not at the first ``next()``."""
    since = filter_date("since", given.get("since"), end=False)
    until = filter_date("until", given.get("until"), end=True)
    if since and until and since > until:
        raise UsageError(f"since ({since}) is after until ({until})")
    texts: dict[str, str | None] = {}
    for name in ("category", "actor", "place", "outlet"):
        value = given.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise UsageError(f"{name}: expected a non-empty text, got {value!r}")
        if value is not None and "\x00" in value:
            raise UsageError(f"{name}: a NUL character cannot match anything")
        texts[name] = value.strip() if value is not None else None
    if texts["category"] is not None:
        texts["category"] = one_of("category", texts["category"], CATEGORIES)
    limit = given.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise UsageError(f"limit: expected a whole number >= 0, got {limit!r}")
    place = texts["place"]
    return Filters(
        since=since,
        until=until,
        limit=limit,
        kinds=quote_kinds(given.get("kind")),
        place_countries=countries_named(place) if place is not None else (),
        **texts,
    )


_RECORD_TABLES: dict[Kind, sa.Table] = {"events": t.events, "quotes": t.quotes, "claims": t.claims}


def select_records(kind: Kind, f: Filters) -> sa.Select:
    """One SELECT per kind: the record, its document's columns, ordered by date then report."""
    table = _RECORD_TABLES[kind]
    docs = t.documents
    stmt = sa.select(*record_columns(table)).join(docs, docs.c.id == table.c.document_id)
    if f.since is not None:
        stmt = stmt.where(table.c.date_end >= f.since)
    if f.until is not None:
        stmt = stmt.where(table.c.date_start <= f.until)
    if f.outlet is not None:
        stmt = stmt.where(docs.c.outlet_key.contains(key(f.outlet), autoescape=True))
    if f.actor is not None:
        column = {"events": "actors_key", "quotes": "speaker_key", "claims": "source_key"}[kind]
        stmt = stmt.where(table.c[column].contains(key(f.actor), autoescape=True))
    if f.category is not None and kind == "events":
        stmt = stmt.where(table.c.category == f.category)
    if f.kinds and kind == "quotes":
        # Quotes stored before kinds existed have none: they were taken as speech.
        stored = sa.func.coalesce(table.c.record["kind"].as_string(), "speech")
        stmt = stmt.where(stored.in_(f.kinds))
    if f.place is not None:
        stmt = stmt.where(_at_place(f.place, f.place_countries, kind))
    stmt = stmt.order_by(
        sa.case((table.c.date_start.is_(None), 1), else_=0),  # undated last, on every backend
        table.c.date_start,
        table.c.document_id,
        table.c.ordinal,
    )
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    return stmt


def _at_place(place: str, countries: tuple[str, ...], kind: Kind) -> sa.ColumnElement[bool]:
    """EXISTS rather than a join: an event in three matching towns is still one event.

    A place matches by its name or its province's, or by its country when ``place``
    names one (``countries``: "IR" or "Iran" alike). Quotes and claims have no place of
    their own; for them the filter means "from a report with an event there", so
    ``according quotes --place IR`` reads naturally.
    """
    p, ev = t.event_places, t.events
    wanted = key(place)
    matches = [p.c.name_key == wanted, p.c.admin1_key == wanted]
    if countries:
        matches.append(p.c.country.in_(countries))
    here = sa.or_(*matches)
    if kind == "events":
        return sa.exists().where(p.c.event_id == ev.c.id, here)
    owner = _RECORD_TABLES[kind]
    return sa.exists().where(ev.c.document_id == owner.c.document_id, p.c.event_id == ev.c.id, here)


def document_extras(row: sa.Row) -> dict[str, Any]:
    """The document fields every returned record carries, from a ``select_records`` row."""
    doc_date = row.content_date_start or row.page_date
    return {
        "document_id": row.document_id,
        "origin": row.origin,
        "outlet": row.outlet,
        "document_date": doc_date.isoformat() if doc_date else None,
        "ingested_at": row.ingested_at.isoformat(timespec="seconds") + "Z",
    }


def record_columns(table: sa.Table) -> list[sa.ColumnElement[Any]]:
    """What a record query selects: the record and its document's columns."""
    docs = t.documents
    return [
        table.c.id,
        table.c.record,
        docs.c.id.label("document_id"),
        docs.c.origin,
        docs.c.outlet,
        docs.c.content_date_start,
        docs.c.page_date,
        docs.c.ingested_at,
    ]


def _record_builder(model: type[Event] | type[Quote] | type[Claim], with_id: bool) -> Callable:
    def build(row: sa.Row) -> Any:
        extra = document_extras(row)
        record = row.record
        if with_id and "id" not in record:
            # v1 quotes and claims have no id: lend them the store's. Should a later
            # pipeline give them one, that id is theirs to keep and we do not overwrite it.
            extra["id"] = row.id
        return model.model_validate({**record, **extra})

    return build


BUILDERS: dict[Kind, Callable[[sa.Row], Any]] = {
    "events": _record_builder(Event, with_id=False),
    "quotes": _record_builder(Quote, with_id=True),
    "claims": _record_builder(Claim, with_id=True),
}
