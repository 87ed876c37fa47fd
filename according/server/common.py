"""What the routers share: the filter parameters of the record endpoints, the response
cache in front of every read, JSON responses, and the guards of the write path.

In one module below the routers, so ``routes.py`` and ``page.py`` import it rather than
being handed these by ``app.py`` (which imports them).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, Query, Request
from fastapi.responses import Response

from according.server.cache import Kept, ResponseCache, etag, request_key
from according.server.problems import Problem

STATIC = Path(__file__).with_name("static")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def filter_params(
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


Params = Annotated[dict[str, str | None], Depends(filter_params)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="records per page")]
Format = Annotated[
    Literal["json", "geojson", "acled"],
    Query(description="geojson (FeatureCollection) or acled (ACLED's CSV): events only"),
]
QuoteKindQuery = Annotated[
    str, Query(description="speech (default), stance, perception, or all (docs/quotes.md)")
]


def to_json(body: Any, media_type: str = "application/json", **headers: str) -> Response:
    return Response(orjson.dumps(body), media_type=media_type, headers=headers)


_NOT_KEPT = frozenset({"content-length", "content-type"})


def kept(request: Request, build: Callable[[int], Response]) -> Response:
    """The response of a read endpoint, from the cache while the store is unchanged.

    Also the ETag (the store generation and the request) and a 304 for a client that
    already holds it. ``build`` gets the generation read here, so the request reads it
    once; an error it raises passes through and is not kept.
    """
    cache: ResponseCache = request.app.state.cache
    generation = request.app.state.reader.generation()
    key = request_key(request.url)
    found = cache.get(key, generation)
    if found is None:
        response = build(generation)
        if response.status_code != 200:
            return response
        headers = tuple((k, v) for k, v in response.headers.items() if k not in _NOT_KEPT)
        found = Kept(bytes(response.body), response.media_type or "", headers,
                     etag(generation, key))  # fmt: skip
        cache.put(key, generation, found)
    validators = {"ETag": found.etag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if found.etag in (tag.strip().removeprefix("W/") for tag in wanted.split(",")):
        return Response(status_code=304, headers=validators)
    return Response(found.body, media_type=found.media_type, headers={**dict(found.headers),
                                                                      **validators})  # fmt: skip


def check_token(request: Request) -> None:
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


async def bounded_body(request: Request, limit: int) -> bytes:
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
