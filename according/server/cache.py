"""Finished responses of the read endpoints, kept while the store holds the same data.

Why: a map page is opened by many people with the same few filters, and each
``/api/events`` page costs a few milliseconds of SQL and JSON, which under 50
concurrent clients on two cores queue into hundreds of milliseconds (issue 7). The
store's generation (``Store.generation``: a row moved by triggers on every change to
documents) says when a kept response is out of date, so nothing is ever served stale:
every request reads the generation (one indexed row), and a new one empties the cache.

The cache is per process (each uvicorn worker has its own), bounded in bytes, least
recently used first out. Only complete 200 responses are kept; errors are recomputed.
The same key also gives the response's ETag, so a browser that sends ``If-None-Match``
gets a 304 without a body.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import URL


@dataclass(frozen=True, slots=True)
class Kept:
    """What is needed to send the response again, byte for byte."""

    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]
    etag: str


def request_key(url: URL) -> str:
    """The request as the response depends on it: host (the Link header names it), path
    and the query with its parameters in a fixed order, so ``a=1&b=2`` and ``b=2&a=1``
    share one entry. Repeated parameters keep their relative order."""
    pairs = sorted(
        (part.partition("=")[0], i, part) for i, part in enumerate(url.query.split("&")) if part
    )
    query = "&".join(part for _, _, part in pairs)
    return f"{url.netloc}{url.path}?{query}"


def etag(generation: int, key: str) -> str:
    digest = hashlib.blake2b(f"{generation}\n{key}".encode(), digest_size=12).hexdigest()
    return f'"{digest}"'


class ResponseCache:
    """A byte-bounded LRU of ``Kept`` responses for one store generation at a time.

    Thread-safe: FastAPI runs the routes in a thread pool. ``max_bytes`` counts bodies
    only (headers are small); a body larger than a quarter of it is never kept.
    """

    def __init__(self, max_bytes: int) -> None:
        if max_bytes < 0:
            raise ValueError("max_bytes must be >= 0")
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Kept] = OrderedDict()
        self._generation: int | None = None
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str, generation: int) -> Kept | None:
        with self._lock:
            kept = self._entries.get(key) if self._sync(generation) else None
            if kept is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, key: str, generation: int, kept: Kept) -> None:
        size = len(kept.body)
        if size * 4 > self.max_bytes:
            return
        with self._lock:
            if not self._sync(generation):
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = kept
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted.body)

    def _sync(self, generation: int) -> bool:
        """Move to a newer generation, dropping every response of the older one; False
        for an older generation (a request that read it before a write, finishing late),
        whose response is neither served from nor kept in the cache."""
        if self._generation is not None and generation < self._generation:
            return False
        if generation != self._generation:
            self._entries.clear()
            self._bytes = 0
            self._generation = generation
        return True

    def __len__(self) -> int:
        return len(self._entries)
