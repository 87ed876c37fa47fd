"""Web archives (WARC, and the older ARC, plain or gzipped): each archived page is a report.

Crawls are large and often cut short, so one bad record must not cost the good ones:
records are read one by one, and a broken record or a broken tail is reported next to the
documents that were read, for the caller to decide.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from according.errors import InputError, InputTooLarge, MalformedInput
from according.readers.html import read_html_bytes
from according.readers.source import SourceDocument
from according.readers.text import read_text, split_content_type
from according.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_PAGE_RECORDS = frozenset({"response", "resource"})
_GZIP = b"\x1f\x8b"
_BLOCK = 1 << 16
# Blank lines and a record header: a few hundred bytes in any real archive.
_GAP_LIMIT = 1_000_000
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")


def is_archive(data: bytes) -> bool:
    """WARC or ARC, plain or gzipped (peeking into the first gzip member only)."""
    if data.startswith(_ARCHIVE_STARTS):
        return True
    if not data.startswith(_GZIP):
        return False
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65_536], 64)
    except zlib.error:
        return False
    return head.startswith(_ARCHIVE_STARTS)


def read_warc(
    data: bytes | IO[bytes],
    origin: str,
    settings: Settings = DEFAULT_SETTINGS,
    window: tuple[int, int | None] | None = None,
) -> tuple[list[SourceDocument], list[InputError]]:
    """Documents from every HTML or text page in the archive, and what went wrong.

    ``data`` is the archive's bytes or a seekable binary file (ingest streams archives
    from disk instead of holding them in memory). Requests, metadata, redirects, error
    pages and images are skipped without comment: they are not reports. A page that
    cannot be read, a record cut off by a truncated file and a garbled archive each add
    one error to the second list; reading stops at a broken archive but keeps the
    complete pages that came before.

    Decompression is ours, bounded (see ``_Inflated``): a few megabytes of gzip can
    inflate to gigabytes, and warcio would hold a run of them as one "line" in memory
    and print it to stderr. Reading stops at the bound with an InputTooLarge (A105)
    after the pages read before it.

    ``window``: read only the records that start at these offsets of the inflated
    stream (end None: to the end), one part of an archive that cannot be cut into
    archives of its own (``according.batch.split``). Records before it are passed over
    unparsed, and what goes wrong there, or past it, is the business of the part it
    belongs to; the bound counts from the window's start.
    """
    source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    start = source.tell()
    gzipped = source.read(2) == _GZIP
    source.seek(start)
    limit = settings.max_decompressed_bytes + (window[0] if window else 0)
    stream = _Inflated(source, gzipped=gzipped, limit=limit)
    with contextlib.redirect_stderr(_DISCARD):  # warcio prints warnings (and data)
        docs, errors, end, where = _read_records(stream, origin, settings, window)
    if where == "before":
        return [], []  # the part this damage or bound falls in reports it
    if where == "after":
        return docs, errors  # the rest of the archive belongs to later parts
    if stream.too_large:
        errors.append(InputTooLarge(stream.too_large, source=origin))
        return docs, errors
    if gzipped:
        stream.drain()  # warcio ends quietly inside a cut-off member; only this tells
        problem = stream.problem
    else:
        problem = _tail_problem(source, start + end)
    if problem and not errors:
        errors.append(MalformedInput(f"archive {problem}", source=origin))
    return docs, errors


class _Discard(io.TextIOBase):
    """Where warcio's warnings go: they repeat what the returned errors say, and can hold
    a megabyte of whatever bytes it choked on."""

    def write(self, text: str) -> int:
        return len(text)


_DISCARD = _Discard()


def _read_records(
    stream: _Inflated, origin: str, settings: Settings, window: tuple[int, int | None] | None
) -> tuple[list[SourceDocument], list[InputError], int, str]:
    """Documents, errors, where the last complete record ends (inflated offset), and
    where reading stopped against the window: "before" it (damage or a bound on the
    way to it), "after" it (at the first record past it), or "in" it."""
    docs: list[SourceDocument] = []
    errors: list[InputError] = []
    archive = ArchiveIterator(stream, block_size=_BLOCK)
    records = iter(archive)
    index = 0
    end = 0
    mark = 0
    first, last = window if window else (0, None)
    where = "before" if first > 0 else "in"
    while not stream.too_large:
        index += 1
        if index == 1:
            stream.between_records(True)
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises bare Exceptions, has bugs
            errors.append(
                MalformedInput(
                    f"archive damaged or cut off at record {index}, after {len(docs)} "
                    f"page(s) ({_iteration_problem(exc)})",
                    source=origin,
                )
            )
            break
        finally:
            stream.between_records(False)
        at = int(archive.offset)  # where this record starts in the inflated stream
        if last is not None and at >= last:
            where = "after"
            break
        if at < first:  # a record of an earlier part: passed over, not parsed
            stream.between_records(False)
            if not _header_complete(record) or _drain(record):
                break
            stream.between_records(True)
            end = _record_end(archive, end)
            continue
        where = "in"
        uri = _target(record, origin, index)
        if not _header_complete(record):
            errors.append(
                MalformedInput(
                    f"archive cut off or damaged in the header of record {index}, after "
                    f"{len(docs)} page(s)",
                    source=origin,
                )
            )
            break
        doc: SourceDocument | None = None
        try:
            doc = _read_record(record, uri, settings)
        except InputError as exc:
            errors.append(exc)
        except Exception as exc:  # noqa: BLE001 - a broken record must not stop the archive
            errors.append(MalformedInput(f"unreadable WARC record ({_one_line(exc)})", source=uri))
        if stream.too_large:
            del errors[mark:]  # cut off by the bound, not damaged: the caller says so
            break
        stream.between_records(True)  # from here warcio reads blank lines, a header
        end = _record_end(archive, end)
        if doc is not None:
            docs.append(doc)
        mark = len(errors)  # what a bound met from here on cuts off is not damage
    if stream.too_large:
        del errors[mark:]
    return docs, errors, end, where


def _iteration_problem(exc: BaseException) -> str:
    """warcio's own errors say what is wrong; anything else is a header it choked on."""
    if isinstance(exc, EOFError):
        return "the file ends mid-record"
    if isinstance(exc, (ArchiveLoadFailed, StatusAndHeadersParserException)):
        return _one_line(exc)
    return "unparseable record header"


def _read_record(record: Any, uri: str, settings: Settings) -> SourceDocument | None:
    """The page in one record, or None when the record is not a page.

    warcio hands out a record cut off by the end of the file as if it were whole; its
    text would be a different, shorter report, so it is refused instead.
    """
    try:
        page = _payload(record, uri, settings)
    finally:
        # Always to its end: warcio would otherwise read the rest while looking for
        # the next record, where the bound between records would take it for a bomb.
        missing = _drain(record)
    if missing:
        raise MalformedInput(
            f"archive cut off inside this {record.rec_type} record ({missing} bytes missing)",
            source=uri,
        )
    if page is None:
        return None
    mime, charset, payload = page
    if mime in _TEXT_TYPES:
        return read_text(payload, uri, declared=charset)
    url = uri if uri.lower().startswith(("http://", "https://")) else None
    return read_html_bytes(
        payload, uri, url=url, declared=charset, max_elements=settings.max_html_elements
    )


def _payload(
    record: Any, uri: str, settings: Settings
) -> tuple[str | None, str | None, bytes] | None:
    """(mime, charset, decoded body) of a successful HTML or text page, else None."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            log.debug("%s: HTTP %s record skipped", uri, status)
            return None
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    mime, charset = split_content_type(content_type)
    if mime and mime not in _HTML_TYPES and mime not in _TEXT_TYPES:
        log.debug("%s: %s record skipped", uri, mime)
        return None
    payload = record.content_stream().read(settings.max_input_bytes + 1)
    if len(payload) > settings.max_input_bytes:
        raise InputTooLarge(
            f"archived page larger than the limit of {settings.max_input_bytes} bytes",
            source=uri,
        )
    return mime, charset, payload


class _Inflated(io.RawIOBase):
    """The archive's bytes as warcio reads them: inflated if gzipped, and bounded.

    Gzip (any number of members: one per record, or one for the whole file) is
    decompressed here, a bounded amount per read, so no single read can blow up. Three
    bounds: ``limit`` inflated bytes in all; ``_GAP_LIMIT`` bytes while warcio looks for
    the next record's header (a record header is a few hundred bytes; a gigabyte of NULs
    after the last record is a bomb, and warcio would read it as one line); the page
    limit is the caller's. At a bound the stream ends and ``too_large`` says why.
    Where the data ends early, the stream ends quietly with ``problem`` saying why:
    gzip.GzipFile raises EOFError instead and drops the block it was decompressing,
    which loses the last good records.
    """

    def __init__(self, source: IO[bytes], *, gzipped: bool, limit: int) -> None:
        self._source = source
        self._gzipped = gzipped
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._offset = 0
        self._limit = limit
        self._gap_from: int | None = None
        self.problem: str | None = None
        self.too_large: str | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._offset

    def between_records(self, on: bool) -> None:
        """warcio is (on) or is no longer (off) reading blank lines and a record header."""
        self._gap_from = self._offset if on else None

    def drain(self) -> None:
        """Read to the end (or the bound), in pieces, to learn whether the data is whole."""
        while self.read(_BLOCK):
            pass

    def read(self, size: int | None = -1) -> bytes:
        if self.too_large:
            return b""
        want = _BLOCK if size is None or size < 0 else size
        while len(self._pending) < want and self._fill(want):
            pass
        out, self._pending = self._pending[:want], self._pending[want:]
        room = self._limit - self._offset
        if self._gap_from is not None:
            room = min(room, self._gap_from + _GAP_LIMIT - self._offset)
        if len(out) > room:
            out = out[: max(0, room)]
            self.too_large = self._bound_reason()
        self._offset += len(out)
        return out

    def _bound_reason(self) -> str:
        if self._gap_from is not None and self._gap_from + _GAP_LIMIT < self._limit:
            return f"decompressed size over {_mb(_GAP_LIMIT)} MB between two records"
        return (
            f"decompressed size over {_mb(self._limit)} MB "
            "(settings.max_decompressed_bytes); the pages before it are kept"
        )

    def _fill(self, want: int) -> bool:
        if self.problem:
            return False
        if not self._gzipped:
            chunk = self._source.read(max(want, _BLOCK))
            self._pending += chunk
            return bool(chunk)
        if self._zlib.eof:
            chunk = self._zlib.unused_data or self._source.read(_BLOCK)
            if not chunk.strip(b"\0"):
                return False  # the end (NUL padding after the last member is common)
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:
            chunk = self._zlib.unconsumed_tail or self._source.read(_BLOCK)
            if not chunk:
                self.problem = "cut off (the last gzip member is incomplete)"
                return False
        try:  # never more than a block at a time, whatever the compression ratio
            self._pending += self._zlib.decompress(chunk, max(want - len(self._pending), _BLOCK))
        except zlib.error as exc:
            self.problem = f"damaged ({_one_line(exc)})"
            return False
        return True


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g}"


def _header_complete(record: Any) -> bool:
    """warcio yields a record whose header was cut off by the end of the file as if it were
    whole (no type, no length); a real record always states both."""
    headers = getattr(record, "rec_headers", None)
    if not getattr(record, "rec_type", None) or headers is None:
        return False
    name = "length" if getattr(record, "format", "warc") == "arc" else "Content-Length"
    return (headers.get_header(name) or "").strip().isdigit()


def _tail_problem(source: IO[bytes], end: int) -> str | None:
    """Why an uncompressed archive has bytes after its last whole record, or None.

    warcio also ends quietly on a record header cut off by the end of the file. Read in
    pieces from the file, as the records were.
    """
    source.seek(end)
    first: int | None = None
    last = 0
    offset = 0
    while chunk := source.read(_BLOCK):
        stripped = chunk.lstrip()
        if stripped:
            if first is None:
                first = offset + len(chunk) - len(stripped)
            last = offset + len(chunk.rstrip())
        offset += len(chunk)
    if first is None:
        return None
    return f"cut off or damaged: {last - first} bytes after byte {end} are not a complete record"


def _record_end(archive: ArchiveIterator, previous: int) -> int:
    try:
        return int(archive.get_record_offset()) + int(archive.get_record_length())
    except Exception:  # noqa: BLE001 - only a diagnosis; the next read reports the damage
        return previous


def _drain(record: Any) -> int:
    """Read the record to its end; return how many of its declared bytes never came."""
    stream = record.raw_stream
    while stream.read(65_536):
        pass
    return max(0, int(getattr(stream, "limit", 0) or 0))


def _target(record: Any, origin: str, index: int) -> str:
    """The archived page's URL (WARC-Target-URI, or 'uri' in ARC), else a stand-in name."""
    headers = getattr(record, "rec_headers", None)
    uri = None
    if headers is not None:
        uri = headers.get_header("WARC-Target-URI") or headers.get_header("uri")
    return uri.strip() if uri and uri.strip() else f"{origin}#record-{index}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
