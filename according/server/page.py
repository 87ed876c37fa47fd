"""What the map page needs beyond the listing API: counts for its filters, one event by id,
downloads of the current filter, and the codebook.

Kept apart from the API's routes (``routes.py``) so the page's needs can change without
touching them; ``router`` is included by ``create_app``. Its filters are the record
endpoints' own (``common.Params``) and its reads go through the same response cache, so a
filter here means exactly what it means on ``/api/events``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse

import according.server.listing as listing
import according.server.query as rq
from according.exports.formats import write_records
from according.server.common import STATIC, Params, kept, to_json
from according.server.problems import Problem
from according.server.reader import Reader
from according.store import queries as q
from according.store import schema as t

EVENT_ID = re.compile(r"^[A-Za-z0-9:_.\-]{1,120}$")
# The page's download buttons: format -> (writer format, media type, file name).
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "acled": ("acled", "text/csv; charset=utf-8", "events-acled.csv"),
    "geojson": ("geojson", "application/geo+json", "events.geojson"),
    "json": ("json", "application/json", "events.json"),
}
EXPORT_PAGE = 1000  # rows read per query while a download is written
SPOOL_BYTES = 8 * 2**20  # a download larger than this is spooled to a temporary file
# Each facet counts the events the *other* filters keep, so a choice shows what picking
# it would give; the facet's own filter is dropped for its count.
FACETS = {"category": t.events.c.category, "status": t.events.c.status,
          "outlet": t.documents.c.outlet}  # fmt: skip


def _without(params: dict[str, str | None], *names: str) -> dict[str, str | None]:
    return {k: (None if k in names else v) for k, v in params.items()}


def facets(reader: Reader, params: dict[str, str | None]) -> dict[str, Any]:
    """Counts for the page's filters and totals: ``store`` (every event), ``total`` (the
    events the filters keep), per category / status / outlet the events the other filters
    keep, and ``first`` / ``last`` dates, from which the page picks its timeline bins.

    Counted in SQL over the same ``query.filtered`` SELECT the listing uses, so the
    numbers beside the choices are the numbers the list then shows.
    """
    params = _without(params, "cursor")
    parsed = rq.parse("events", **params)
    ev = t.events
    inner = rq.filtered("events", parsed, reader.dialect).with_only_columns(
        ev.c.id, ev.c.date_start, ev.c.date_end
    )
    sub = inner.subquery()
    total, first, last = reader.rows(
        sa.select(sa.func.count(), sa.func.min(sub.c.date_start), sa.func.max(sub.c.date_end))
    )[0]
    store = reader.rows(sa.select(sa.func.count()).select_from(ev))[0][0]
    counts: dict[str, dict[str, int]] = {}
    for name, column in FACETS.items():
        other = rq.parse("events", **_without(params, name))
        stmt = rq.filtered("events", other, reader.dialect).with_only_columns(column)
        grouped = stmt.subquery()
        col = grouped.c[column.name]
        rows = reader.rows(sa.select(col, sa.func.count()).where(col.is_not(None)).group_by(col))
        counts[name] = {value: n for value, n in sorted(rows, key=lambda r: (-r[1], r[0]))}
    return {
        "store": store,
        "total": total,
        "first": first.isoformat() if first else None,
        "last": last.isoformat() if last else None,
        **counts,
    }


def event(reader: Reader, event_id: str) -> dict[str, Any]:
    """One event as ``/api/events`` lists it, for the page's own link to an event
    (``/#event=ID``), which must open even when the event is not in the loaded page."""
    if not EVENT_ID.match(event_id):
        raise Problem(400, "event id: expected letters, digits and ':_.-' (at most 120)")
    stmt = q.select_records("events", q.make_filters()).order_by(None)
    rows = reader.rows(stmt.where(t.events.c.id == event_id))
    if not rows:
        raise Problem(404, f"no event {event_id}")
    return listing.record_dict("events", rows[0])


def all_events(reader: Reader, params: dict[str, str | None]) -> Iterator[Any]:
    """Every event the filters keep, as models, a page at a time: the listing's own
    keyset pages, so a download holds one page in memory, not the whole result."""
    build = q.BUILDERS["events"]
    params = _without(params, "cursor")
    while True:
        rows, after = listing.page_rows(reader, "events", params, EXPORT_PAGE)
        yield from (build(row) for row in rows)
        if after is None:
            return
        params = {**params, "cursor": after.encode()}


def download(reader: Reader, params: dict[str, str | None], fmt: str) -> Response:
    """The current filter written by the exports' own writer (``write_records``), so a
    download is the file ``according events --format ...`` would write.

    Written to a spooled temporary file before the response starts: an error (a bad
    filter, the database gone) is then a plain 400/503 problem rather than a truncated
    file, and memory stays bounded for a large store.
    """
    writer_format, media_type, name = DOWNLOADS[fmt]
    rq.parse("events", **_without(params, "cursor"))  # a bad filter is a 400 before writing
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
    try:
        write_records(all_events(reader, params), "events", writer_format, spool)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise

    def chunks() -> Iterator[bytes]:
        try:
            while chunk := spool.read(64 * 1024):
                yield chunk
        finally:
            spool.close()

    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks(), media_type=media_type, headers=headers)


router = APIRouter()


@router.get("/codebook", include_in_schema=False)
def codebook() -> FileResponse:
    return FileResponse(STATIC / "codebook.html", media_type="text/html")


@router.get("/api/facets", summary="Counts per category, status and outlet; totals")
def facet_counts(request: Request, params: Params) -> Response:
    reader = request.app.state.reader
    return kept(request, lambda _: to_json(facets(reader, params)))


@router.get("/api/export", summary="Every event of the filter as a file (acled, geojson, json)")
def export(
    request: Request,
    params: Params,
    format: Annotated[Literal["acled", "geojson", "json"], Query()] = "acled",
) -> Response:
    return download(request.app.state.reader, params, format)


@router.get("/api/events/{event_id}", summary="One event by id")
def one_event(request: Request, event_id: str) -> Response:
    reader = request.app.state.reader
    return kept(request, lambda _: to_json(event(reader, event_id)))
