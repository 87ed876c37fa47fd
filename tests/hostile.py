"""Builders of hostile inputs for the tests: small on disk, huge or odd once read.

Each one is built in the test's temporary folder; nothing large is kept in the repository.
"""

from __future__ import annotations

import gzip
import io
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = (
    "Protesters gathered outside the parliament in Tehran on Monday, police said. "
    "The interior ministry said 40 people were detained."
)


def page(title: str, body: str = ARTICLE) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><p>{body}</p>"
        "</article></body></html>"
    ).encode()


def warc(pages: list[tuple[str, bytes]], *, gzipped: bool = True) -> bytes:
    """A WARC of HTML response records, one gzip member each when ``gzipped``."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for uri, body in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return out.getvalue()


def nul_gzip_member(size: int) -> bytes:
    """A gzip member that inflates to ``size`` NUL bytes (about 1000:1)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [comp.compress(block) for _ in range(size >> 20)]
    parts.append(comp.compress(bytes(size & ((1 << 20) - 1))))
    parts.append(comp.flush())
    return b"".join(parts)


def record_bomb(uri: str, size: int, content_type: str = "image/png") -> bytes:
    """One gzipped WARC record whose body is ``size`` NULs, declared honestly."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + size}\r\n\r\n"
    ).encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [comp.compress(head + http)]
    block = bytes(1 << 20)
    left = size
    while left:
        step = min(left, len(block))
        parts.append(comp.compress(block[:step]))
        left -= step
    parts.append(comp.compress(b"\r\n\r\n"))
    parts.append(comp.flush())
    return b"".join(parts)


def gzip_whole(data: bytes) -> bytes:
    return gzip.compress(data)
