"""The FastAPI application: read-only record endpoints, one guarded write, the page, the docs.

``create_app`` opens the store once and shares it between requests; SQLAlchemy's pool
makes that safe. With a token it is opened for writing (and migrated, as every writable
``Store`` is); without one, read-only when it cannot be written; with ``immutable``, for
a file nothing changes, read-only and without locks, so serving writes nothing at all.
Routes that touch the database are plain ``def`` so FastAPI runs them in its thread pool
and a slow query never blocks the event loop.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
import orjson
import sqlalchemy as sa
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from according.errors import UsageError
from according.exports.acled import geojson_features
from according.server import documents, listing, page, problems
from according.server import query as rq
from according.server import schemas as sc
from according.server.cache import Kept, ResponseCache, etag, request_key
from according.server.problems import Problem
from according.settings import DEFAULT_SETTINGS, Settings
from according.store import Store
from according.store import queries as q

STATIC = Path(__file__).with_name("static")
VENDOR = "/static/vendor"
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
DEFAULT_CACHE_MB = 64
# The page and the docs load only from this server: a stray CDN or tile URL fails loudly.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)


DOCS_PAGE = f"""<!DOCTYPE html>
<html><head><meta name="viewport" content="width=device-width, initial-scale=1.0">
<link type="text/css" rel="stylesheet" href="{VENDOR}/swagger-ui-dist/swagger-ui.css">
<link rel="shortcut icon" href="/static/favicon.svg"><title>according API</title></head>
<body><div id="swagger-ui"></div>
<script src="{VENDOR}/swagger-ui-dist/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""
# What uvicorn is started with (``according serve``): a request line and headers of at
# most 16 KB (h11 answers a larger one with 431 and drops it; ``SecurityHeaders`` checks
# one that arrived whole), connections idle for 5 s closed, before the first request too.
MAX_REQUEST_HEAD = 16_384
UVICORN_LIMITS: dict[str, Any] = {
    "http": "according.server.protocol:IdleBoundH11Protocol",
    "h11_max_incomplete_event_size": MAX_REQUEST_HEAD,
    "timeout_keep_alive": 5,
}

SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


class SecurityHeaders:
    """Adds the security headers to every HTTP response a route or handler sends.

    Plain ASGI rather than ``@app.middleware("http")``: that one (BaseHTTPMiddleware) runs
    each response through an extra task and memory stream, about a millisecond a request
    under load (issue 7), to do what a header edit on the start message does here.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        if _head_size(scope) > MAX_REQUEST_HEAD:
            # h11 bounds a head that arrives slowly; one that arrives whole is parsed,
            # so the bound is checked here too, before any route reads it.
            await problems.problem_response(
                431, f"request line and headers over {MAX_REQUEST_HEAD} bytes", None
            )(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _head_size(scope: Scope) -> int:
    size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    return size + sum(len(name) + len(value) for name, value in scope.get("headers", ()))


class Reader:
    """The app's handle on the store: one place that knows how to borrow a connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dialect = store.dialect
        self._spans: dict[q.Kind, tuple[int, float | None]] = {}
        # An immutable store never changes: its generation is read once, not per request.
        self._fixed = store.generation() if store.access == "immutable" else None

    def rows(self, stmt: sa.Executable) -> list[sa.Row]:
        with self.store.read() as conn:
            return list(conn.execute(stmt))

    def generation(self) -> int:
        return self._fixed if self._fixed is not None else self.store.generation()

    def longest_span(self, kind: q.Kind, generation: int) -> float | None:
        """``query.longest_span``, read once per store ``generation`` (the request's): a
        scan of the table, too dear for every request, and it changes only when
        documents do."""
        known = self._spans.get(kind)
        if known is None or known[0] != generation:
            span = self.rows(rq.longest_span(kind, self.dialect))[0][0]
            known = (generation, None if span is None else float(span))
            self._spans[kind] = known
        return known[1]


def _params(
    since: Annotated[str | None, Query(description="ISO date: YYYY, YYYY-MM, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="ISO date; records overlapping it kept")] = None,
    category: Annotated[
        str | None, Query(description="PLOVER categories, comma-separated (PROTEST,COERCE)")
    ] = None,
    actor: Annotated[str | None, Query(description="substring of an actor's name")] = None,
    outlet: Annotated[str | None, Query(description="substring of the outlet's name")] = None,
    place: Annotated[str | None, Query(description="place, admin1 name or country code")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    status: Annotated[
        str | None, Query(description="reported, claimed, planned, denied, hypothetical")
    ] = None,
    q_: Annotated[str | None, Query(alias="q", description="words in the document")] = None,
    cursor: Annotated[str | None, Query(description="`next` of the previous page")] = None,
) -> dict[str, str | None]:
    """Query parameters shared by the record endpoints, named in the OpenAPI schema."""
    return {
        "since": since, "until": until, "category": category, "actor": actor,
        "outlet": outlet, "place": place, "country": country, "bbox": bbox,
        "status": status, "text": q_, "cursor": cursor,
    }  # fmt: skip


Params = Annotated[dict[str, str | None], Depends(_params)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="records per page")]
Format = Annotated[Literal["json", "geojson"], Query(description="geojson: events only")]
QuoteKindQuery = Annotated[
    str, Query(description="speech (default), stance, perception, or all (docs/quotes.md)")
]


def _json(body: Any, media_type: str = "application/json", **headers: str) -> Response:
    return Response(orjson.dumps(body), media_type=media_type, headers=headers)


_NOT_KEPT = frozenset({"content-length", "content-type"})


def _kept(request: Request, build: Callable[[int], Response]) -> Response:
    """The response of a read endpoint, from the cache while the store is unchanged.

    Also the ETag (the store generation and the request) and a 304 for a client that
    already holds it. ``build`` gets the generation read here, so the request reads it
    once; an error it raises passes through and is not kept.
    """
    cache: ResponseCache = request.app.state.cache
    generation = request.app.state.reader.generation()
    key = request_key(request.url)
    kept = cache.get(key, generation)
    if kept is None:
        response = build(generation)
        if response.status_code != 200:
            return response
        headers = tuple((k, v) for k, v in response.headers.items() if k not in _NOT_KEPT)
        kept = Kept(bytes(response.body), response.media_type or "", headers,
                    etag(generation, key))  # fmt: skip
        cache.put(key, generation, kept)
    validators = {"ETag": kept.etag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if kept.etag in (tag.strip().removeprefix("W/") for tag in wanted.split(",")):
        return Response(status_code=304, headers=validators)
    return Response(kept.body, media_type=kept.media_type, headers={**dict(kept.headers),
                                                                     **validators})  # fmt: skip


def _listing(
    request: Request, kind: q.Kind, params: dict, limit: int, fmt: str, generation: int
) -> Response:
    if fmt == "geojson" and kind != "events":
        raise UsageError("format=geojson is for events only (quotes and claims have no place)")
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
        return _json(body, "application/geo+json", **headers)
    total = listing.total(reader, kind, params)
    items = [listing.record_dict(kind, row) for row in rows]
    return _json({"items": items, "count": len(items), "total": total, "next": token}, **headers)


def _check_token(request: Request) -> None:
    """401 when no credentials were sent, 403 when they are wrong or writing is off."""
    expected: str | None = request.app.state.token
    if expected is None:
        raise Problem(403, "this server is read-only; start it with --token to accept documents")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise Problem(401, "send the token as 'Authorization: Bearer TOKEN'",
                      {"WWW-Authenticate": 'Bearer realm="according"'})  # fmt: skip
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise Problem(403, "wrong token")


def create_app(  # noqa: C901 - split on branch i16-layers
    store_url: str,
    token: str | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    threads: int | None = None,
    cache_mb: float = DEFAULT_CACHE_MB,
    allowed_hosts: Sequence[str] | None = None,
    immutable: bool = False,
) -> FastAPI:
    """The application over the store at ``store_url``; writing needs ``token``.

    ``immutable``: the store is a SQLite file that nothing changes while it is served
    (``according.store.sqlite``); it is opened read-only without locks and never written.

    ``allowed_hosts``: the Host header values answered (others get 400), so a web page
    cannot reach a server on 127.0.0.1 through a DNS name it rebinds there; None
    answers any (tests, a server behind a proxy that checks).

    ``threads``: size of the thread pool that runs the routes (anyio's default when None).
    ``cache_mb``: memory for finished read responses per process (``server.cache``); 0
    keeps none, every request is computed (ETags and 304s still work).
    """
    if threads is not None and threads < 1:
        raise UsageError("threads: expected a whole number >= 1")
    if not cache_mb >= 0:
        raise UsageError("cache: expected a size in MB >= 0")
    if token is not None and len(token.strip()) < 8:
        raise UsageError("--token: use at least 8 characters (or no token for read-only)")
    if token is not None and immutable:
        raise UsageError("--immutable serves a store that never changes: no --token")
    store = Store(store_url, access="immutable" if immutable else "write" if token else "auto")
    if token is not None and store.read_only:
        store.close()
        raise UsageError("--token: the store is opened read-only, so it cannot take documents")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            # Process-wide: anyio's default pool (40) lets every queued request hold a
            # thread and fight for the GIL; with a few, requests wait on the event loop
            # instead, and the worker still answers uvicorn's 5 s health ping.
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="according",
        summary="Structured records of political events: who did what, where, according to whom.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = Reader(store)
    app.state.cache = ResponseCache(int(cache_mb * 2**20))
    app.state.token = token.strip() if token else None
    app.state.settings = settings
    problems.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # FastAPI's page starts Swagger UI from an inline script, which the CSP refuses.
        return HTMLResponse(DOCS_PAGE)

    @app.get("/api/events", summary="Events, oldest first", response_model=None,
             responses={200: sc.ok(sc.EventPage), **sc.BAD_REQUEST},
             description="A page of events (`format=geojson`: a FeatureCollection with the "
             "same `count`, `total` and `next`).")  # fmt: skip
    def events(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT,
               format: Format = "json") -> Response:  # fmt: skip
        return _kept(request, lambda gen: _listing(request, "events", params, limit, format, gen))

    @app.get("/api/quotes", summary="Quotes, oldest first", response_model=None,
             responses={200: sc.ok(sc.QuotePage), **sc.BAD_REQUEST})  # fmt: skip
    def quotes(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT,
               kind: QuoteKindQuery = "speech") -> Response:  # fmt: skip
        asked = {**params, "quote_kind": kind}
        return _kept(request, lambda gen: _listing(request, "quotes", asked, limit, "json", gen))

    @app.get("/api/claims", summary="Claims (numbers someone asserts), oldest first",
             response_model=None,
             responses={200: sc.ok(sc.ClaimPage), **sc.BAD_REQUEST})  # fmt: skip
    def claims(request: Request, params: Params, limit: Limit = DEFAULT_LIMIT) -> Response:
        return _kept(request, lambda gen: _listing(request, "claims", params, limit, "json", gen))

    @app.get("/api/timeline", summary="Event counts per day, week or month and category",
             response_model=None,
             responses={200: sc.ok(sc.Timeline), **sc.BAD_REQUEST})  # fmt: skip
    def timeline(
        request: Request,
        params: Params,
        interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
    ) -> Response:
        reader: Reader = request.app.state.reader
        return _kept(
            request,
            lambda _: _json(documents.timeline(reader, rq.parse("events", **params), interval)),
        )

    @app.get("/api/outlets", summary="Outlets with stored documents", response_model=None,
             responses={200: sc.ok(sc.Outlets)})  # fmt: skip
    def outlets(request: Request) -> Response:
        reader: Reader = request.app.state.reader
        return _kept(request, lambda _: _json({"items": documents.outlets(reader)}))

    @app.get("/api/documents/{document_id}", summary="A document's text and evidence spans",
             response_model=None, responses={200: sc.ok(sc.DocumentBody), **sc.BAD_REQUEST,
                                             404: sc.problem("No such document.")})  # fmt: skip
    def document(request: Request, document_id: str) -> Response:
        reader: Reader = request.app.state.reader
        return _kept(request, lambda _: _json(documents.document_body(reader, document_id)))

    page.install(app, _params, _kept, _json, STATIC)

    @app.post("/api/documents", status_code=201, summary="Read and store one document (token)",
              response_model=None, responses={201: sc.ok(sc.Stored), **sc.BAD_REQUEST,
              401: sc.problem("No token sent."), 403: sc.problem("Wrong token, or read-only."),
              413: sc.problem("The document is too large.")})  # fmt: skip
    async def ingest(
        request: Request,
        origin: Annotated[str, Query(max_length=2000, description="URL or name")] = "api:upload",
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        page_date: Annotated[str | None, Query(description="ISO date of the page")] = None,
    ) -> Response:
        _check_token(request)
        body = await _bounded_body(request, app.state.settings.max_input_bytes)
        result = await run_in_threadpool(
            documents.ingest, app, body, origin, request.headers.get("content-type"),
            page_date, outlet,
        )  # fmt: skip
        return Response(orjson.dumps(result), status_code=201, media_type="application/json")

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document without the 422 it adds to every route with parameters: this
    server answers a bad parameter with a 400 problem (``problems.install``)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        spec = get_openapi(title=app.title, version=app.version, summary=app.summary,
                           routes=app.routes)  # fmt: skip
        for path in spec.get("paths", {}).values():
            for operation in path.values():
                operation.get("responses", {}).pop("422", None)
        schemas = spec.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        app.openapi_schema = spec
    return app.openapi_schema


STORE_ENV = "ACCORDING_SERVER_DB"
TOKEN_ENV = "ACCORDING_SERVER_TOKEN"
THREADS_ENV = "ACCORDING_SERVER_THREADS"
CACHE_ENV = "ACCORDING_SERVER_CACHE_MB"
HOSTS_ENV = "ACCORDING_SERVER_HOSTS"
IMMUTABLE_ENV = "ACCORDING_SERVER_IMMUTABLE"


def from_environment() -> FastAPI:
    """The app for ``uvicorn --factory`` with several workers: each worker process imports
    the app by name and cannot be handed arguments, so the store URL, the optional token
    thread count, cache size and immutability come from ``ACCORDING_SERVER_DB`` /
    ``_TOKEN`` / ``_THREADS`` / ``_CACHE_MB`` / ``_IMMUTABLE`` (1)."""
    url = os.environ.get(STORE_ENV)
    if not url:
        raise UsageError(f"{STORE_ENV}: set it to the store's URL or path")
    threads = os.environ.get(THREADS_ENV, "")
    if threads and not threads.isdigit():
        raise UsageError(f"{THREADS_ENV}: expected a whole number, not {threads!r}")
    cache = os.environ.get(CACHE_ENV, "")
    try:
        cache_mb = float(cache) if cache else DEFAULT_CACHE_MB
    except ValueError:
        raise UsageError(f"{CACHE_ENV}: expected a size in MB, not {cache!r}") from None
    hosts = os.environ.get(HOSTS_ENV, "")
    return create_app(
        url,
        os.environ.get(TOKEN_ENV) or None,
        threads=int(threads) if threads else None,
        cache_mb=cache_mb,
        allowed_hosts=[h for h in hosts.split(",") if h] or None,
        immutable=os.environ.get(IMMUTABLE_ENV, "") == "1",
    )


_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def default_allowed_hosts(host: str) -> list[str] | None:
    """Host headers to answer when serving on ``host``: the loopback names for a loopback
    address (the DNS rebinding target), the address itself for a specific one, and any
    for a wildcard (0.0.0.0, ::), where the names it is reached by are unknown; pass
    ``--host-allow`` to name them."""
    if host in _LOOPBACK:
        return list(_LOOPBACK)
    if host in ("0.0.0.0", "::", ""):
        return None
    return [host, f"[{host}]"] if ":" in host else [host]


async def _bounded_body(request: Request, limit: int) -> bytes:
    """Read at most ``limit`` bytes: a huge upload is refused before it fills memory."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"the document is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"the document is larger than {limit} bytes")
        chunks.append(chunk)
    if not size:
        raise Problem(400, "empty body: send the document (HTML, text, feed or WARC) as the body")
    return b"".join(chunks)


def iter_static() -> Iterator[Path]:
    """Files the page serves, for packaging checks."""
    return (p for p in STATIC.rglob("*") if p.is_file())
