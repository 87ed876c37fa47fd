"""Splitting a large web archive into parts that are shards of their own.

One CC-NEWS WARC is a gigabyte of pages; as a single shard it is one unit of progress
("1/1 files" for an hour), of memory (every report of the file held until it ends) and
of resume (killed at 90 %, it starts again from the first page). Most crawlers write one
gzip member per record, and a member boundary is a record boundary: a byte range from
one member start to another is itself a valid archive. So a large per-record gzipped
archive is cut at member starts about every ``PART_BYTES`` of compressed data, and each
part is read, stored and marked done in the ledger on its own.

Archives gzipped as one stream, or not gzipped, have no such boundaries to find
cheaply and stay one shard.
"""

from __future__ import annotations

import io
import os
import zlib
from typing import IO

PART_BYTES = 64_000_000
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHUNK = 1 << 20


def part_ranges(path: str, part_bytes: int = PART_BYTES) -> list[tuple[int, int]]:
    """(start, end) byte ranges covering the file, cut at record-starting gzip members
    about every ``part_bytes``; one range for a small or unsplittable file."""
    size = os.path.getsize(path)
    if size <= part_bytes:
        return [(0, size)]
    with open(path, "rb") as handle:
        if not _is_record_start(handle, 0):
            return [(0, size)]
        cuts = [0]
        target = part_bytes
        while target < size:
            cut = _next_member(handle, target, size)
            if cut is None:
                break
            cuts.append(cut)
            target = cut + part_bytes
    if len(cuts) == 1:
        return [(0, size)]
    return list(zip(cuts, [*cuts[1:], size], strict=True))


def _next_member(handle: IO[bytes], offset: int, size: int) -> int | None:
    """The first offset at or after ``offset`` where a gzip member holding the start of a
    WARC record begins (the magic bytes also occur by chance inside compressed data, so
    each candidate is checked by inflating its first bytes)."""
    while offset < size:
        handle.seek(offset)
        chunk = handle.read(_CHUNK + 2)
        if not chunk:
            return None
        at = chunk.find(_GZIP_MEMBER)
        while at != -1:
            if _is_record_start(handle, offset + at):
                return offset + at
            at = chunk.find(_GZIP_MEMBER, at + 1)
        offset += _CHUNK
    return None


def _is_record_start(handle: IO[bytes], offset: int) -> bool:
    handle.seek(offset)
    head = handle.read(4096)
    try:
        inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return inflated.startswith((b"WARC/", b"filedesc://"))


class FileSlice(io.RawIOBase):
    """Bytes ``start`` to ``end`` of an open file, as a seekable file of their own."""

    def __init__(self, handle: IO[bytes], start: int, end: int) -> None:
        self._handle = handle
        self._start = start
        self._end = end
        self._pos = 0
        handle.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._end - self._start}
        self._pos = max(0, min(base[whence] + offset, self._end - self._start))
        self._handle.seek(self._start + self._pos)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        left = self._end - self._start - self._pos
        want = left if size is None or size < 0 else min(size, left)
        if want <= 0:
            return b""
        data = self._handle.read(want)
        self._pos += len(data)
        return data

    def close(self) -> None:
        self._handle.close()
        super().close()
