"""Splitting a large web archive into parts that are shards of their own.

One CC-NEWS WARC is a gigabyte of pages; as a single shard it is one unit of progress
("1/1 files" for an hour), of memory (every report of the file held until it ends) and
of resume (killed at 90 %, it starts again from the first page). Two ways to cut it:

- **At gzip members** (``part_ranges``). Most crawlers write one gzip member per record,
  and a member boundary is a record boundary: a byte range from one member start to
  another is itself a valid archive. So a large per-record gzipped archive is cut at
  member starts about every ``PART_BYTES`` of compressed data, and each part is read on
  its own, from its first byte.
- **By record offsets** (``record_windows``), for an archive gzipped as one stream, or
  not gzipped: there is no point to start reading from but the beginning, and no way to
  find record boundaries without reading. So a part is the records that *start* within
  a window of the inflated stream, and its worker reads from the start of the file,
  passing over the records before its window without parsing their pages (inflating
  them is the cost: about half the file's inflation per part, on average) and stopping
  at the first record past it. Every record starts in exactly one window, whatever the
  windows are, so the parts hold each page once; the windows are only meant to be
  about equal. Memory stays that of one part.

Each part is stored and marked done in the ledger on its own.
"""

from __future__ import annotations

import io
import math
import os
import zlib
from typing import IO

PART_BYTES = 64_000_000
_GZIP_MEMBER = b"\x1f\x8b\x08"
_CHUNK = 1 << 20
# The inflation ratio, guessed from the first megabyte, is held to this: HTML inflates
# about 4 to 8 times; a bomb would otherwise make one window hold everything.
_MAX_RATIO = 20


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


def record_windows(path: str, part_bytes: int = PART_BYTES) -> list[tuple[int, int | None]]:
    """(start, end) offsets into the inflated stream of an archive that ``part_ranges``
    cannot cut, one window per ``part_bytes`` of the file (end None: to the end of the
    archive); one window for a small file.

    The inflated size is not known without inflating everything, so it is guessed from
    the first megabyte's ratio; a wrong guess only makes the last window larger, or the
    last few empty. The same file always gets the same windows.
    """
    size = os.path.getsize(path)
    count = math.ceil(size / part_bytes) if part_bytes > 0 else 1
    if count <= 1:
        return [(0, None)]
    with open(path, "rb") as handle:
        head = handle.read(_CHUNK)
    width = math.ceil(size * _ratio(head) / count)
    windows: list[tuple[int, int | None]] = [(i * width, (i + 1) * width) for i in range(count)]
    windows[-1] = (windows[-1][0], None)
    return windows


def _ratio(head: bytes) -> float:
    """Inflated bytes per file byte at the start of the file (1 if it is not gzipped)."""
    if not head.startswith(b"\x1f\x8b"):
        return 1.0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(head, len(head) * _MAX_RATIO)
    except zlib.error:
        return 1.0
    used = len(head) - len(inflater.unconsumed_tail) - len(inflater.unused_data)
    return min(max(len(out) / max(used, 1), 1.0), _MAX_RATIO)


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
