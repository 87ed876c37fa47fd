"""Errors as RFC 9457 ``application/problem+json``, so clients get one shape for every failure.

Bad input is the client's fault and must say so (400 with the reason), never a 500 with a
traceback: the reason comes from ``UsageError`` (the same message the CLI prints) or from
FastAPI's own validation, rewritten into one readable line.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from according.errors import AccordingError, InputError, InputTooLarge, StoreError, UsageError

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("according.server")


class Problem(Exception):
    """An HTTP failure with a human-readable ``detail``; raised by the routes."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_response(
    status: int, detail: str, request: Request | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.url.path
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def _validation_detail(exc: RequestValidationError) -> str:
    """FastAPI's list of errors as one line: ``limit: Input should be ...; ...``."""
    parts = []
    for err in exc.errors():
        where = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(where) or "request"
        parts.append(f"{name}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers; every error path ends in ``problem_response``."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.detail, request, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(400, _validation_detail(exc), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such resource: {request.url.path}"
        return problem_response(exc.status_code, detail, request, getattr(exc, "headers", None))

    @app.exception_handler(AccordingError)
    async def _according(request: Request, exc: AccordingError) -> JSONResponse:
        if isinstance(exc, InputTooLarge):
            return problem_response(413, exc.reason, request)
        if isinstance(exc, UsageError | InputError):
            return problem_response(400, exc.reason, request)
        if isinstance(exc, StoreError):
            # The database said no: log the cause, do not leak the URL or SQL to clients.
            log.error("store error on %s: %s", request.url.path, exc)
            return problem_response(503, "the database could not answer", request)
        log.error("error on %s: %s", request.url.path, exc)
        return problem_response(500, exc.reason, request)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem_response(500, "internal error; the server log has the details", request)
