"""Web archives (WARC, and the older ARC, plain or gzipped): each archived page is a report.

Crawls are large and often cut short, so one bad record must not cost the good ones:
records are read one by one, and a broken record or a broken tail is reported next to the
documents that were read, for the caller to decide.
"""

from __future__ import annotations

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


def read_warc(
    data: bytes, origin: str, settings: Settings = DEFAULT_SETTINGS
) -> tuple[list[SourceDocument], list[InputError]]:
    """Documents from every HTML or text page in the archive, and what went wrong.

    Requests, metadata, redirects, error pages and images are skipped without comment:
    they are not reports. A page that cannot be read, a record cut off by a truncated
    file and a garbled archive each add one error to the second list; reading stops at a
    broken archive but keeps the complete pages that came before.
    """
    try:
        docs, errors, end = _read_records(io.BytesIO(data), origin, settings)
    except _WholeFileGzip:
        # warcio wants one gzip member per record (to allow seeking); many tools gzip the
        # whole file instead. Read it as one uncompressed stream.
        stream = _Gunzip(data)
        docs, errors, end = _read_records(stream, origin, settings)
        stream.read()
        if stream.problem and not errors:
            errors.append(MalformedInput(f"archive {stream.problem}", source=origin))
        return docs, errors
    if not errors:
        problem = _gunzip_problem(data) if data.startswith(_GZIP) else _tail_problem(data, end)
        if problem:
            errors.append(MalformedInput(f"archive {problem}", source=origin))
    return docs, errors


def _read_records(
    stream: IO[bytes], origin: str, settings: Settings
) -> tuple[list[SourceDocument], list[InputError], int]:
    """Documents, errors, and where the last complete record ends (uncompressed input)."""
    docs: list[SourceDocument] = []
    errors: list[InputError] = []
    archive = ArchiveIterator(stream)
    records = iter(archive)
    index = 0
    end = 0
    while True:
        index += 1
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises bare Exceptions, and has bugs
            if isinstance(exc, ArchiveLoadFailed) and "non-chunked gzip" in str(exc):
                raise _WholeFileGzip from exc
            errors.append(
                MalformedInput(
                    f"archive damaged or cut off at record {index}, after {len(docs)} "
                    f"page(s) ({_iteration_problem(exc)})",
                    source=origin,
                )
            )
            break
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
        try:
            doc = _read_record(record, uri, settings)
        except InputError as exc:
            errors.append(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - a broken record must not stop the archive
            errors.append(MalformedInput(f"unreadable WARC record ({_one_line(exc)})", source=uri))
            continue
        finally:
            end = _record_end(archive, end)
        if doc is not None:
            docs.append(doc)
    return docs, errors, end


class _WholeFileGzip(Exception):
    """The archive is one gzip stream, not one gzip member per record."""


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
    page = _payload(record, uri, settings)
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
    return read_html_bytes(payload, uri, url=url, declared=charset)


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


def _gunzip_problem(data: bytes) -> str | None:
    """Why a gzipped archive is incomplete, or None.

    warcio ends iteration quietly when a gzip member stops mid-record header, so a cut-off
    crawl would look complete; only a full decompression pass tells.
    """
    stream = _Gunzip(data)
    while stream.read(1 << 20):
        pass
    return stream.problem


class _Gunzip(io.RawIOBase):
    """Gzip (any number of members) decompressed as a stream that ends quietly where the
    data ends, with ``problem`` saying why. gzip.GzipFile raises EOFError instead and
    drops the block it was decompressing, which loses the last good records."""

    def __init__(self, data: bytes) -> None:
        self._source = io.BytesIO(data)
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._offset = 0
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._offset

    def read(self, size: int | None = -1) -> bytes:
        want = -1 if size is None or size < 0 else size
        while (want < 0 or len(self._pending) < want) and self._fill(want):
            pass
        cut = len(self._pending) if want < 0 else want
        out, self._pending = self._pending[:cut], self._pending[cut:]
        self._offset += len(out)
        return out

    def _fill(self, want: int) -> bool:
        if self.problem:
            return False
        if self._zlib.eof:
            chunk = self._zlib.unused_data or self._source.read(65_536)
            if not chunk.strip(b"\0"):
                return False  # the end (NUL padding after the last member is common)
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:
            chunk = self._zlib.unconsumed_tail or self._source.read(65_536)
            if not chunk:
                self.problem = "cut off (the last gzip member is incomplete)"
                return False
        limit = 0 if want < 0 else max(want - len(self._pending), 65_536)
        try:
            self._pending += self._zlib.decompress(chunk, limit)
        except zlib.error as exc:
            self.problem = f"damaged ({_one_line(exc)})"
            return False
        return True


def _header_complete(record: Any) -> bool:
    """warcio yields a record whose header was cut off by the end of the file as if it were
    whole (no type, no length); a real record always states both."""
    headers = getattr(record, "rec_headers", None)
    if not getattr(record, "rec_type", None) or headers is None:
        return False
    name = "length" if getattr(record, "format", "warc") == "arc" else "Content-Length"
    return (headers.get_header(name) or "").strip().isdigit()


def _tail_problem(data: bytes, end: int) -> str | None:
    """Why an uncompressed archive has bytes after its last whole record, or None.

    warcio also ends quietly on a record header cut off by the end of the file.
    """
    rest = len(data[end:].strip())
    if not rest:
        return None
    return f"cut off or damaged: {rest} bytes after byte {end} are not a complete record"


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
