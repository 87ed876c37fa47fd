"""The record listings (/api/events, /api/quotes, /api/claims): one page, as JSON.

Two costs dominated a page under load (issue 7) and are avoided here:

* SQL that gathered and sorted every match before keeping a hundred. On SQLite, dated
  events are read by walking the date index in order and stopping at the page's end
  (``query.select_page(walk_to=...)``); the walk is bounded, and a filter so rare that the
  bound is reached falls back to the gather-and-sort query, which is then the cheap one.
* Rebuilding each record through pydantic. The ``record`` column holds each record as the
  model dumped it, so it is sent as stored, plus the document's columns; pydantic is used
  only for a record that lacks a field of the current model (written by an older one),
  and for GeoJSON, whose features are computed from the model.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

import according.server.query as rq
from according.records.model import Claim, Event, Quote
from according.server.reader import Reader
from according.store import queries as q

# Index entries a walking query may pass before it gives up: at about a microsecond
# each, 5,000 keep a failed walk near 5 ms, and any filter that keeps one event in 50 or
# more fills a page of 100 within it; a rarer one is cheaper gathered and sorted anyway.
# (20,000 cost 10% more on the load benchmark's varied queries: the bound is read from
# the index first, and its cost grows with it.)
WALK_ROWS = 5_000
# A country or box with fewer matching places than this is gathered, not walked: the
# walk probes event_places for every event it passes (a few microseconds each), so on a
# rare place it would pass all WALK_ROWS in vain before falling back (100 ms and more);
# gathering a few thousand ids and sorting them costs a few milliseconds.
GATHER_PLACES = 2_000
FIELDS: dict[q.Kind, frozenset[str]] = {
    "events": frozenset(Event.model_fields),
    "quotes": frozenset(Quote.model_fields),
    "claims": frozenset(Claim.model_fields),
}


def _dated(
    reader: Reader, kind: q.Kind, parsed: rq.RecordQuery, limit: int, generation: int | None
) -> list[sa.Row]:
    """The dated segment: a bounded index walk first where it helps, else gather and sort."""
    start = None
    if parsed.filters.since is not None:
        known = reader.generation() if generation is None else generation
        start = rq.earliest_start(parsed, reader.longest_span(kind, known))
    if reader.dialect == "sqlite" and kind == "events" and not _rare_place(reader, parsed):
        found = reader.rows(rq.walk_bound(parsed, WALK_ROWS, start))
        bound: date | bool = found[0][0] if found else True  # True: fewer rows are left
        stmt = rq.select_page(
            kind, parsed, limit, reader.dialect, dated=True, walk_to=bound, start_from=start
        )
        rows = reader.rows(stmt)
        if len(rows) > limit or bound is True:
            return rows  # a full page, or the walk saw every remaining event
    stmt = rq.select_page(kind, parsed, limit, reader.dialect, dated=True, start_from=start)
    return reader.rows(stmt)


def _rare_place(reader: Reader, parsed: rq.RecordQuery) -> bool:
    count = rq.places_matching(parsed, GATHER_PLACES)
    return count is not None and reader.rows(count)[0][0] < GATHER_PLACES


def page_rows(
    reader: Reader,
    kind: q.Kind,
    params: dict[str, str | None],
    limit: int,
    generation: int | None = None,
) -> tuple[list[sa.Row], rq.Cursor | None]:
    """One page of rows and the cursor after it (``None`` on the last page).

    ``generation``: the store generation the caller read (the API reads it once a
    request); read here when not given."""
    parsed = rq.parse(kind, **params)
    rows: list[sa.Row] = []
    if parsed.cursor is None or parsed.cursor.day is not None:  # dated segment not done yet
        rows = _dated(reader, kind, parsed, limit, generation)
    if len(rows) <= limit:
        undated = rq.select_page(kind, parsed, limit - len(rows), reader.dialect, dated=False)
        rows += reader.rows(undated)
    after = None
    if len(rows) > limit:
        last = rows[limit - 1]
        after = rq.Cursor(kind, last.sort_day, last.document_id, last.sort_ord)
    return rows[:limit], after


def record_dict(kind: q.Kind, row: sa.Row) -> dict[str, Any]:
    """The record as the API shows it: what ``queries.BUILDERS`` + ``model_dump`` give.

    A stored record is the model's own ``model_dump(mode="json")``, so validating and
    dumping it again changes nothing but costs ~0.1 ms a record; merging the document's
    columns into the dict gives the same keys in the same order. A record missing a
    top-level field goes through pydantic, which fills the field's default.
    """
    record = row.record
    if not isinstance(record, dict) or not FIELDS[kind] <= record.keys():
        return q.BUILDERS[kind](row).model_dump(mode="json")
    extra = q.document_extras(row)
    if kind != "events" and "id" not in record:
        extra["id"] = row.id  # as the builder does: v1 quotes and claims borrow the store's
    return {**record, **extra}


def total(reader: Reader, kind: q.Kind, params: dict[str, str | None]) -> int:
    """How many records the filters keep on all pages (the cursor is not a filter), so a
    client can say "21 events, 14 shown" without paging to the end."""
    parsed = rq.parse(kind, **{**params, "cursor": None})
    matching = rq.filtered(kind, parsed, reader.dialect).subquery()
    return int(reader.rows(sa.select(sa.func.count()).select_from(matching))[0][0])
