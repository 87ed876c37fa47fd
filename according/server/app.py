"""The FastAPI application: read-only record endpoints, one guarded write, the page, the docs.

``create_app`` opens the store once and shares it between requests; SQLAlchemy's pool
makes that safe. With a token it is opened for writing (and migrated, as every writable
``Store`` is); without one, read-only when it cannot be written; with ``immutable``, for
a file nothing changes, read-only and without locks, so serving writes nothing at all.
The routes are in routers (``routes.py``, ``page.py``); this module builds the app around
them: the store, the security headers, the error handlers, the OpenAPI document.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import according.server.page as page
import according.server.problems as problems
import according.server.routes as routes
from according.errors import UsageError
from according.server.cache import ResponseCache
from according.server.common import STATIC
from according.server.reader import Reader
from according.settings import DEFAULT_SETTINGS, Settings
from according.store import Store

DEFAULT_CACHE_MB = 64
# The page and the docs load only from this server: a stray CDN or tile URL fails loudly.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
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


def create_app(
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
    store = _open_store(store_url, token, threads, cache_mb, immutable)
    app = FastAPI(
        title="according",
        summary="Structured records of political events: who did what, where, according to whom.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(store, threads),
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
    for router in (routes.site, routes.records, page.router, routes.write):
        app.include_router(router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _open_store(
    store_url: str, token: str | None, threads: int | None, cache_mb: float, immutable: bool
) -> Store:
    """The store ``create_app`` serves, once its options are checked: writable only with a
    token, never written when ``immutable``."""
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
    return store


def _lifespan(
    store: Store, threads: int | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Sets the thread pool's size when the app starts; closes the store when it stops."""

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

    return lifespan


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
