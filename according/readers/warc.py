"""Web archives (WARC, and the older ARC, plain or gzipped): each archived page is a report.

Crawls are large and often cut short, so one bad record must not cost the good ones:
records are read one by one, and a broken record or a broken tail is reported next to the
documents that were read, for the caller to decide.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from typing import Any

from warcio.archiveiterator import ArchiveIterator

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
    docs: list[SourceDocument] = []
    errors: list[InputError] = []
    archive = ArchiveIterator(io.BytesIO(data))
    records = iter(archive)
    index = 0
    end = 0  # where the last complete record ends, for uncompressed archives
    while True:
        index += 1
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises bare Exceptions and bugs
            errors.append(
                MalformedInput(
                    f"archive damaged or cut off at record {index}, after {len(docs)} "
                    f"page(s) ({_one_line(exc)})",
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
    if not errors:
        problem = _gzip_problem(data) if data.startswith(_GZIP) else _tail_problem(data, end)
        if problem:
            errors.append(MalformedInput(f"archive {problem}", source=origin))
    return docs, errors


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


def _gzip_problem(data: bytes) -> str | None:
    """Why a gzipped archive is incomplete, or None.

    warcio ends iteration quietly when a gzip member stops mid-record header, so a cut-off
    crawl would look complete; only a full decompression pass tells.
    """
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while stream.read(1 << 20):
                pass
    except EOFError:
        return "cut off (the last gzip member is incomplete)"
    except (OSError, zlib.error) as exc:
        return f"damaged ({_one_line(exc)})"
    return None


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
