"""Splitting a large feed into parts of entries that are shards of their own.

A feed of 20,000 entries is 20,000 reports: as one shard it is one unit of progress
("1/1 files" for 8 to 10 minutes of CPU), of work for one worker while the others
idle, and of resume (stopped at the last entry, it starts again from the first).
So a large feed is cut into parts of ``PART_ENTRIES`` entries, each stored and marked
done in the ledger on its own, the way large web archives are (``according.batch.split``).

A part is a feed of its own, cut from the bytes: everything before the first entry (the
XML declaration, which names the encoding, and the channel's title, the outlet), the
part's entries, and everything after the last entry. Each worker parses only its part,
so the feed is parsed once in all, not once per part (feedparser takes about 20 s for
20,000 entries). Finding the entries costs one pass of a regular expression over the
bytes, in the planner and again in each worker.

The cut must not change what is read, so a feed is split only when its entries can be
found for certain: top-level ``item`` / ``entry`` elements (any namespace prefix),
comments and CDATA sections stepped over, every element closed, and nothing but
whitespace and comments between one entry and the next (a part would lose it). A feed
that is not like that, or not in an encoding where "<" is the byte 0x3C (UTF-16), stays
one shard, read as before.
"""

from __future__ import annotations

import itertools
import os
import re
import stat

from according.errors import AccordingError, MalformedInput
from according.printable import printable
from according.settings import Settings

PART_ENTRIES = 500
# Smaller files are never looked into: a feed needs more than PART_ENTRIES entries to be
# cut, and reading every page of a folder at plan time to sniff it would cost more than
# cutting a small feed saves.
SCAN_BYTES = 1_000_000

_ENTRY_NAMES = rb"(?:[A-Za-z_][\w.-]*:)?(?:item|entry)"
# A comment, a CDATA section, a doctype, or an entry's start or end tag. A tag's
# attribute values may hold ">" but never "<"; the alternatives cannot overlap, so the
# match does not backtrack.
_TOKEN = re.compile(
    rb"<!--|<!\[CDATA\[|<!DOCTYPE"
    rb"|<(/?)(" + _ENTRY_NAMES + rb")(?=[\s/>])((?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*)>"
)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_WIDE = (b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")


def entry_ranges(data: bytes) -> list[tuple[int, int]] | None:  # noqa: C901 - split on branch i16-ingest
    """(start, end) byte offsets of the feed's top-level entries, in order; None when the
    entries cannot be told for certain (then the feed is not split)."""
    if data.startswith(_WIDE):
        return None
    ranges: list[tuple[int, int]] = []
    open_names: list[bytes] = []
    start = 0
    pos = 0
    while match := _TOKEN.search(data, pos):
        token = match.group(0)
        if token == b"<!--" or token == b"<![CDATA[":
            close = data.find(b"-->" if token == b"<!--" else b"]]>", match.end())
            if close < 0:
                return None
            pos = close + 3
            continue
        if token == b"<!DOCTYPE":
            close = data.find(b">", match.end())
            if close < 0 or b"[" in data[match.end() : close]:
                return None  # an internal subset may declare entities that hold entries
            pos = close + 1
            continue
        closing, name, attributes = match.group(1), match.group(2), match.group(3)
        pos = match.end()
        if closing:
            if not open_names or open_names.pop() != name:
                return None
            if not open_names:
                ranges.append((start, pos))
        elif attributes.endswith(b"/"):
            if not open_names:
                ranges.append((match.start(), pos))
        else:
            if not open_names:
                start = match.start()
            open_names.append(name)
    if open_names or not ranges:
        return None
    for (_, end), (next_start, _) in itertools.pairwise(ranges):
        if _COMMENT.sub(b"", data[end:next_start]).strip():
            return None
    return ranges


def part_bytes(data: bytes, ranges: list[tuple[int, int]], first: int, last: int) -> bytes:
    """Entries ``first`` to ``last - 1`` as a feed of their own: the feed's head, those
    entries, the feed's tail."""
    return (
        data[: ranges[0][0]] + data[ranges[first][0] : ranges[last - 1][1]] + data[ranges[-1][1] :]
    )


def read_part(data: bytes, origin: str, first: int, last: int) -> bytes:
    """``part_bytes`` of a feed as a worker reads it; MalformedInput if the feed no longer
    has the entries the plan counted (it was changed since)."""
    ranges = entry_ranges(data)
    if ranges is None or len(ranges) < last:
        raise MalformedInput(
            "the feed changed after the ingest was planned; run the ingest again", source=origin
        )
    return part_bytes(data, ranges, first, last)


def entry_parts(
    path: str, settings: Settings, per_part: int | None = None
) -> list[tuple[int, int]]:
    """(first, last) entry numbers of each part of the feed at ``path``; none for a file
    that is not a feed to be cut (small, not a feed, too large to be read at all, or with
    entries that cannot be told for certain) or that fits in one part."""
    from according.readers import sniff_kind
    from according.readers.files import HEAD_BYTES, open_input

    per_part = per_part or PART_ENTRIES
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return []
        if info.st_size < SCAN_BYTES or info.st_size > settings.max_input_bytes:
            return []
        with open(path, "rb") as handle:  # a large HTML page costs its head, no more
            head = handle.read(HEAD_BYTES)
        if sniff_kind(head.decode("utf-8", "replace")) != "feed":
            return []
        opened = open_input(path, printable(path), settings)
    except (OSError, AccordingError):
        return []  # the worker says why
    if not isinstance(opened, bytes):
        opened.close()  # a web archive
        return []
    ranges = entry_ranges(opened)
    if ranges is None or len(ranges) <= per_part:
        return []
    return [(i, min(i + per_part, len(ranges))) for i in range(0, len(ranges), per_part)]
