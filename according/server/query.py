"""Query parameters of the record endpoints turned into one SELECT with keyset pagination.

The store's own filters (dates, actor, outlet, place) are reused as they are, through
``queries.select_records``, so the API and the CLI answer a filter the same way. This module
adds what only the API has: lists of categories and statuses, country, bbox, full text and
the keyset cursor. Everything reaches SQL as bound parameters.

Keyset rather than OFFSET: page 1,000 of a large store costs what page 1 costs, and a page
does not shift when an ingest adds rows before it.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import get_args

import sqlalchemy as sa

from according.errors import UsageError
from according.records.model import CATEGORIES, Status
from according.store import queries as q
from according.store import schema as t

STATUSES = frozenset(get_args(Status))
TABLES: dict[q.Kind, sa.Table] = {"events": t.events, "quotes": t.quotes, "claims": t.claims}
MAX_TEXT = 200  # a filter value longer than this is not a name anyone types
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_DOC_ID = re.compile(r"^sha256:[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Cursor:
    """Where the previous page ended: the sort key of its last row."""

    kind: str
    day: date | None
    document_id: str
    ordinal: int

    def encode(self) -> str:
        raw = json.dumps(
            [self.kind, self.day.isoformat() if self.day else None, self.document_id, self.ordinal]
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, kind: str) -> Cursor:
        """Anything but a token this server wrote is a 400, not a crash."""
        try:
            if len(token) > 400:
                raise ValueError("too long")
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            got_kind, day, doc, ordinal = json.loads(raw)
            if got_kind != kind:
                raise ValueError("cursor of another endpoint")
            if not isinstance(doc, str) or not _DOC_ID.match(doc):
                raise ValueError("document id")
            # SQL integers are 64-bit: a larger ordinal would fail in the driver, a 500.
            if isinstance(ordinal, bool) or not isinstance(ordinal, int):
                raise ValueError("ordinal")
            if not 0 <= ordinal < 2**63:
                raise ValueError("ordinal")
            parsed = date.fromisoformat(day) if day is not None else None
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
            raise UsageError(f"cursor: not a cursor from this endpoint ({exc})") from None
        return cls(kind, parsed, doc, ordinal)


@dataclass(frozen=True)
class RecordQuery:
    """Validated filters of one request; built by ``parse`` so a bad value fails early."""

    filters: q.Filters
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    cursor: Cursor | None = None


def _text(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        raise UsageError(f"{name}: expected a non-empty text")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{name}: longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise UsageError(f"{name}: contains a NUL character")
    return value


def _date(name: str, value: str | None) -> str | None:
    """Whole-value check: the store reads only the first ten characters of a date."""
    value = _text(name, value)
    if value is not None and not _DATE.match(value):
        raise UsageError(f"{name}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _choices(name: str, value: str | None, allowed: Iterable[str]) -> tuple[str, ...]:
    """Comma-separated values, each checked: an unknown one is a typo, not an empty result."""
    value = _text(name, value)
    if value is None:
        return ()
    return tuple(dict.fromkeys(q.one_of(name, v, allowed) for v in value.split(",")))


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` (RFC 7946 order); minlon > maxlon crosses 180°."""
    value = _text("bbox", value)
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise UsageError("bbox: expected minlon,minlat,maxlon,maxlat")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise UsageError("bbox: expected four numbers") from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise UsageError("bbox: numbers must be finite")
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180):
        raise UsageError("bbox: longitudes must lie in [-180, 180]")
    if not (-90 <= minlat <= maxlat <= 90):
        raise UsageError("bbox: latitudes must lie in [-90, 90] with minlat <= maxlat")
    return minlon, minlat, maxlon, maxlat


def parse(
    kind: q.Kind,
    *,
    since: str | None = None,
    until: str | None = None,
    category: str | None = None,
    actor: str | None = None,
    outlet: str | None = None,
    place: str | None = None,
    country: str | None = None,
    bbox: str | None = None,
    status: str | None = None,
    text: str | None = None,
    cursor: str | None = None,
    quote_kind: str | None = None,
) -> RecordQuery:
    country = _text("country", country)
    if country is not None and not _COUNTRY.match(country):
        raise UsageError(f"country: expected an ISO 3166-1 alpha-2 code (IR), not {country!r}")
    filters = q.make_filters(
        since=_date("since", since),
        until=_date("until", until),
        actor=_text("actor", actor),
        outlet=_text("outlet", outlet),
        place=_text("place", place),
        kind=quote_kind,
    )
    token = _text("cursor", cursor)
    return RecordQuery(
        filters=filters,
        categories=_choices("category", category, CATEGORIES),
        statuses=_choices("status", status, STATUSES),
        country=country.upper() if country else None,
        bbox=parse_bbox(bbox),
        text=_text("q", text),
        cursor=Cursor.decode(token, kind) if token else None,
    )


def _place_match(rq: RecordQuery) -> sa.ColumnElement[bool] | None:
    p = t.event_places
    conds: list[sa.ColumnElement[bool]] = []
    if rq.country is not None:
        conds.append(p.c.country == rq.country)
    if rq.bbox is not None:
        minlon, minlat, maxlon, maxlat = rq.bbox
        conds.append(p.c.lat.between(minlat, maxlat))
        if minlon <= maxlon:
            conds.append(p.c.lon.between(minlon, maxlon))
        else:  # the box crosses the antimeridian
            conds.append(sa.or_(p.c.lon >= minlon, p.c.lon <= maxlon))
    return sa.and_(*conds) if conds else None


def places_matching(rq: RecordQuery, cap: int) -> sa.Select | None:
    """How many places match country / bbox, counted up to ``cap`` from an index (country,
    or lat/lon: migration 0005); None without such a filter. Tells a rare place filter,
    cheapest gathered, from a common one, cheapest walked (``listing``)."""
    here = _place_match(rq)
    if here is None:
        return None
    found = sa.select(t.event_places.c.event_id).where(here).limit(cap).subquery()
    return sa.select(sa.func.count()).select_from(found)


def _event_match(rq: RecordQuery, walk: bool = False) -> list[sa.ColumnElement[bool]]:
    """Conditions on an event row: its category, status, and a place in country / bbox.

    ``walk``: the query walks the date index in order and tests each row (SQLite, see
    ``select_page``). Then the category must not look like an index to use (``|| ''``
    hides it from SQLite's planner) and the place is a per-row EXISTS probe, which costs
    microseconds per walked row where the IN list costs a scan of every matching place.
    """
    ev, p = t.events, t.event_places
    conds: list[sa.ColumnElement[bool]] = []
    if rq.categories:
        category = ev.c.category.concat("") if walk else ev.c.category
        conds.append(category.in_(rq.categories))
    if rq.statuses:
        conds.append(ev.c.status.in_(rq.statuses))
    here = _place_match(rq)
    if here is not None and walk:
        conds.append(sa.exists().where(p.c.event_id == ev.c.id, here))
    elif here is not None:
        # IN (uncorrelated) rather than EXISTS: SQLite would otherwise probe the country
        # index once per event (seconds at 100,000 events); both backends semi-join IN.
        conds.append(ev.c.id.in_(sa.select(p.c.event_id).where(here)))
    return conds


def _full_text(dialect: str, text: str) -> sa.ColumnElement[bool]:
    """Records whose document (title or text) contains the words: each dialect's own means.

    PostgreSQL: ``to_tsvector @@ plainto_tsquery`` ('simple' configuration: no stemming, so
    names in any language match as written). SQLite: the FTS5 table kept by triggers
    (migration 0002), every word required.
    """
    docs = t.documents
    if dialect == "postgresql":
        vector = sa.func.to_tsvector(
            sa.literal_column("'simple'::regconfig"),
            sa.func.coalesce(docs.c.title, "") + " " + docs.c.text,
        )
        query = sa.func.plainto_tsquery(sa.literal_column("'simple'::regconfig"), text)
        return vector.op("@@")(query)
    # SQLite: the FTS5 table of migration 0002. Each word is quoted, so FTS5's own syntax
    # (AND, NEAR, *, column filters) in user input is searched for, never interpreted.
    words = ['"' + w.replace('"', '""') + '"' for w in text.split()[:10]]
    fts = sa.text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts_query")
    return sa.literal_column("documents.rowid").in_(
        fts.bindparams(fts_query=" ".join(words)).columns(sa.column("rowid"))
    )


def filtered(kind: q.Kind, rq: RecordQuery, dialect: str, walk: bool = False) -> sa.Select:
    """The store's filtered SELECT plus the API's own filters; no order, no limit."""
    table = TABLES[kind]
    stmt = q.select_records(kind, rq.filters).order_by(None)
    conds = _event_match(rq, walk)
    if conds:
        if kind == "events":
            stmt = stmt.where(*conds)
        else:  # quotes and claims: "from a report with such an event", like the store's place
            ev = t.events
            stmt = stmt.where(sa.exists().where(ev.c.document_id == table.c.document_id, *conds))
    if rq.text is not None:
        stmt = stmt.where(_full_text(dialect, rq.text))
    return stmt


def longest_span(kind: q.Kind, dialect: str) -> sa.Select:
    """Days between start and end of the longest dated record: how long before ``since``
    a record that still overlaps it can start (``earliest_start``)."""
    table = TABLES[kind]
    start, end = table.c.date_start, table.c.date_end
    if dialect == "postgresql":
        return sa.select(sa.func.max(end - start))  # date - date is whole days there
    return sa.select(sa.func.max(sa.func.julianday(end) - sa.func.julianday(start)))


def earliest_start(rq: RecordQuery, span_days: float | None) -> date | None:
    """The first ``date_start`` a record matching ``since`` can have, given the store's
    longest span. ``since`` itself tests ``date_end``, which no walk along the date index
    can use; this bound on ``date_start`` is one it can, and it drops no match."""
    since = rq.filters.since
    if since is None or span_days is None:
        return None
    try:
        return since - timedelta(days=math.ceil(span_days))
    except OverflowError:  # a span reaching before year 1: no useful bound
        return None


def _after_cursor(
    kind: q.Kind, rq: RecordQuery, dated: bool, start_from: date | None = None
) -> tuple[tuple[sa.ColumnElement, ...], list[sa.ColumnElement[bool]]]:
    """The segment's sort key and the conditions that keep it after the cursor (and, for
    dated records, at or after ``start_from``)."""
    table = TABLES[kind]
    day, doc, ordinal = table.c.date_start, table.c.document_id, table.c.ordinal
    c = rq.cursor
    if dated:
        conds = [day.is_not(None) if start_from is None else day >= start_from]
        if c is not None and c.day is not None:
            conds.append(sa.or_(day > c.day, sa.and_(day == c.day, _rest(c, doc, ordinal))))
        return (day, doc, ordinal), conds
    conds = [day.is_(None)]
    if c is not None and c.day is None:
        conds.append(_rest(c, doc, ordinal))
    return (doc, ordinal), conds


def _rest(
    c: Cursor, doc: sa.ColumnElement[str], ordinal: sa.ColumnElement[int]
) -> sa.ColumnElement[bool]:
    """Rows after the cursor's (document, ordinal) on the cursor's day."""
    return sa.or_(doc > c.document_id, sa.and_(doc == c.document_id, ordinal > c.ordinal))


def walk_bound(rq: RecordQuery, rows: int, start_from: date | None = None) -> sa.Select:
    """The date of the ``rows``-th dated event after the cursor (none: fewer are left).

    Read from the (date_start, document_id, ordinal) index alone, so it costs a fraction
    of a millisecond; it bounds how far a walking page query may go (``select_page``).
    ``start_from`` (``earliest_start``) skips the events that end before ``since``.
    """
    order, conds = _after_cursor("events", rq, dated=True, start_from=start_from)
    if rq.filters.until is not None:
        conds.append(t.events.c.date_start <= rq.filters.until)
    return sa.select(order[0]).where(*conds).order_by(*order).offset(rows - 1).limit(1)


def select_page(
    kind: q.Kind,
    rq: RecordQuery,
    limit: int,
    dialect: str,
    *,
    dated: bool = True,
    walk_to: date | bool = False,
    start_from: date | None = None,
) -> sa.Select:
    """One segment of a page: records ordered by a unique key, after the cursor.

    Dated records come first, by (date_start, document_id, ordinal), then undated ones by
    (document_id, ordinal): the store's order, made total so a cursor is unambiguous. The
    segments are separate queries because a plain ``ORDER BY date_start`` can walk the date
    index and stop at ``limit``, where the store's ``CASE`` forces a sort of every match.
    The ids are chosen first and the records fetched after, so whatever must still be
    sorted is a narrow key, not the JSON of every matching record.

    ``walk_to`` (SQLite, dated events): shape the query so SQLite walks the composite date
    index in order and stops at ``limit + 1`` matches, cost proportional to how far the
    matches lie, not to how many there are; a date bounds the walk (``True``: unbounded).
    Otherwise SQLite collects every match through the narrowest index and sorts them all:
    100-300 ms for a filter that keeps a quarter of 100,000 events.
    ``start_from`` (``earliest_start``, dated segment only) lets either start at ``since``.
    """
    table = TABLES[kind]
    walk = walk_to is not False and kind == "events" and dated
    order, conds = _after_cursor(kind, rq, dated, start_from if dated else None)
    keys = filtered(kind, rq, dialect, walk).with_only_columns(table.c.id).where(*conds)
    if walk and isinstance(walk_to, date):
        keys = keys.where(table.c.date_start <= walk_to)
    keys = keys.order_by(*order).limit(limit + 1)
    docs = t.documents
    stmt = sa.select(
        *q.record_columns(table),
        table.c.date_start.label("sort_day"),
        table.c.ordinal.label("sort_ord"),
    ).join(docs, docs.c.id == table.c.document_id)
    return stmt.where(table.c.id.in_(keys)).order_by(*order)
