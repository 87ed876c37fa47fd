"""The routes of the API and the site, as routers ``create_app`` includes in order.

``site``: the map page and the API docs. ``records``: the read-only record endpoints
(listings, timeline, outlets, one document), every one answered through the response
cache. ``write``: the one guarded write, ``POST /api/documents``. The map page's own
endpoints are ``page.router``. Routes that touch the database are plain ``def`` so
FastAPI runs them in its thread pool and a slow query never blocks the event loop.
"""

from __future__ import annotations

import io
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

import according.server.documents as documents
import according.server.listing as listing
import according.server.query as rq
import according.server.schemas as sc
from according.errors import UsageError
from according.exports.acled import geojson_features
from according.exports.formats import write_records
from according.server.common import (
    DEFAULT_LIMIT,
    STATIC,
    Format,
    Limit,
    Params,
    QuoteKindQuery,
    bounded_body,
    check_token,
    kept,
    to_json,
)
from according.server.reader import Reader
from according.store import queries as q

VENDOR = "/static/vendor"
DOCS_PAGE = f"""<!DOCTYPE html>
<html><head><meta name="viewport" content="width=device-width, initial-scale=1.0">
<link type="text/css" rel="stylesheet" href="{VENDOR}/swagger-ui-dist/swagger-ui.css">
<link rel="shortcut icon" href="/static/favicon.svg"><title>according API</title></head>
<body><div id="swagger-ui"></div>
<script src="{VENDOR}/swagger-ui-dist/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""

site = APIRouter(include_in_schema=False)
records = APIRouter()
write = APIRouter()


@site.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@site.get("/docs")
def docs() -> HTMLResponse:
    # FastAPI's page starts Swagger UI from an inline script, which the CSP refuses.
    return HTMLResponse(DOCS_PAGE)


def _listing(
    request: Request, kind: q.Kind, params: dict, limit: int, fmt: str, generation: int
) -> Response:
    if fmt != "json" and kind != "events":
        raise UsageError(f"format={fmt} is for events only (quotes and claims have no place)")
    reader: Reader = request.app.state.reader
    rows, after = listing.page_rows(reader, kind, params, limit, generation)
    token = after.encode() if after else None
    headers = {}
    if token:
        headers["Link"] = f'<{request.url.include_query_params(cursor=token)}>; rel="next"'
    if fmt == "geojson":
        build = q.BUILDERS["events"]
        features = [f for row in rows for f in geojson_features(build(row))]
        body = {"type": "FeatureCollection", "features": features, "count": len(rows),
                "total": listing.total(reader, kind, params), "next": token}  # fmt: skip
        return to_json(body, "application/geo+json", **headers)
    total = listing.total(reader, kind, params)
    if fmt == "acled":
        return _acled_page(rows, total, headers)
    items = [listing.record_dict(kind, row) for row in rows]
    return to_json({"items": items, "count": len(items), "total": total, "next": token}, **headers)


def _acled_page(rows: list, total: int, headers: dict[str, str]) -> Response:
    """One page as ACLED's CSV (one row per event place, as ``according events --format
    acled`` writes it). A CSV has no room for the count: ``X-Total-Count`` carries it,
    and the next page is in the ``Link`` header, as for JSON."""
    build = q.BUILDERS["events"]
    buffer = io.StringIO()
    write_records((build(row) for row in rows), "events", "acled", buffer)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={**headers, "X-Total-Count": str(total)},
    )


@records.get("/api/events", summary="Events, oldest first", response_model=None,
             responses={200: sc.ok(sc.EventPage), **sc.BAD_REQUEST},
             description="A page of events (`format=geojson`: a FeatureCollection with the "
             "same `count`, `total` and `next`; `format=acled`: CSV in ACLED's columns, "
             "the total in `X-Total-Count` and the next page in `Link`).")  # fmt: skip
def events(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT,
           format: Format = "json") -> Response:  # fmt: skip
    return kept(request, lambda gen: _listing(request, "events", params, limit, format, gen))


@records.get("/api/quotes", summary="Quotes, oldest first", response_model=None,
             responses={200: sc.ok(sc.QuotePage), **sc.BAD_REQUEST})  # fmt: skip
def quotes(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT,
           kind: QuoteKindQuery = "speech") -> Response:  # fmt: skip
    asked = {**params, "quote_kind": kind}
    return kept(request, lambda gen: _listing(request, "quotes", asked, limit, "json", gen))


@records.get("/api/claims", summary="Claims (numbers someone asserts), oldest first",
             response_model=None,
             responses={200: sc.ok(sc.ClaimPage), **sc.BAD_REQUEST})  # fmt: skip
def claims(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT) -> Response:
    return kept(request, lambda gen: _listing(request, "claims", params, limit, "json", gen))


@records.get("/api/timeline", summary="Event counts per day, week or month and category",
             response_model=None,
             responses={200: sc.ok(sc.Timeline), **sc.BAD_REQUEST})  # fmt: skip
def timeline(
    request: Request,
    params: Params,
    interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
) -> Response:
    reader: Reader = request.app.state.reader
    return kept(
        request,
        lambda _: to_json(documents.timeline(reader, rq.parse("events", **params), interval)),
    )


@records.get("/api/outlets", summary="Outlets with stored documents", response_model=None,
             responses={200: sc.ok(sc.Outlets)})  # fmt: skip
def outlets(request: Request) -> Response:
    reader: Reader = request.app.state.reader
    return kept(request, lambda _: to_json({"items": documents.outlets(reader)}))


@records.get("/api/documents/{document_id}", summary="A document's text and evidence spans",
             response_model=None, responses={200: sc.ok(sc.DocumentBody), **sc.BAD_REQUEST,
                                             404: sc.problem("No such document.")})  # fmt: skip
def document(request: Request, document_id: str) -> Response:
    reader: Reader = request.app.state.reader
    return kept(request, lambda _: to_json(documents.document_body(reader, document_id)))


@write.post("/api/documents", status_code=201, summary="Read and store one document (token)",
            response_model=None, responses={201: sc.ok(sc.Stored), **sc.BAD_REQUEST,
            401: sc.problem("No token sent."), 403: sc.problem("Wrong token, or read-only."),
            413: sc.problem("The document is too large.")})  # fmt: skip
async def ingest(
    request: Request,
    origin: Annotated[str, Query(max_length=2000, description="URL or name")] = "api:upload",
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    page_date: Annotated[str | None, Query(description="ISO date of the page")] = None,
) -> Response:
    check_token(request)
    app = request.app
    body = await bounded_body(request, app.state.settings.max_input_bytes)
    result = await run_in_threadpool(
        documents.ingest, app, body, origin, request.headers.get("content-type"),
        page_date, outlet,
    )  # fmt: skip
    return Response(orjson.dumps(result), status_code=201, media_type="application/json")
