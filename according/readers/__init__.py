"""Turn whatever the user points at (a file, a URL, stdin) into SourceDocuments.

The kind of input is decided by its content, not its name: news archives are full of
pages saved as .txt, feeds saved as .html and files without any extension. Every failure
a user can cause with bad content comes out as a coded InputError naming the input, so a
batch can log one line and move on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import sys
from typing import IO

from according.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    UsageError,
)
from according.printable import printable
from according.readers.feeds import read_feed
from according.readers.fetch import fetch_url
from according.readers.files import open_input, too_large
from according.readers.html import declared_charset, read_html
from according.readers.source import SourceDocument
from according.readers.text import decode_bytes, split_content_type, text_document
from according.readers.walk import iter_input_files
from according.readers.warc import is_archive, read_warc
from according.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "STDIN",
    "SourceDocument",
    "is_archive",
    "iter_input_files",
    "read_bytes",
    "read_input",
    "sniff_kind",
]

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

_SNIFF_CHARS = 4096
_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.IGNORECASE | re.DOTALL)
_DOCTYPE_HTML = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_input(
    source: str | os.PathLike[str],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    page_date: str | None = None,
    outlet: str | None = None,
) -> list[SourceDocument]:
    """Read a file path, an http(s) URL or "-" (stdin) into one or more documents.

    A feed or a web archive yields one document per entry or page. ``page_date`` and
    ``outlet`` are what the caller knows better than the page (an archive's catalogue, a
    wire service rebadged by a paper) and replace what the page says.
    """
    page_date = _check_page_date(page_date)
    content_type = None
    if isinstance(source, str) and source == STDIN:
        origin = STDIN_ORIGIN
        data = _read_stdin(settings)
    elif isinstance(source, str) and source.lower().startswith(("http://", "https://")):
        origin = source
        data, content_type = fetch_url(
            source, settings.fetch_timeout_s, max_bytes=settings.max_input_bytes
        )
    else:
        path = os.fspath(source)
        origin = printable(path)
        opened = open_input(path, origin, settings)
        if not isinstance(opened, bytes):
            with opened:  # a web archive, streamed record by record
                docs = _read_archive(opened, origin, settings)
            return [_override(doc, page_date, outlet) for doc in docs]
        data = opened
    return read_bytes(
        data,
        origin,
        settings=settings,
        content_type=content_type,
        page_date=page_date,
        outlet=outlet,
    )


def read_bytes(
    data: bytes,
    origin: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    content_type: str | None = None,
    page_date: str | None = None,
    outlet: str | None = None,
) -> list[SourceDocument]:
    """Read content already in memory; ``origin`` names it in documents and errors.

    ``content_type`` (an HTTP header, with charset) is a hint: the content decides, except
    that a server's word that plain-looking text is HTML is taken.
    """
    page_date = _check_page_date(page_date)
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(_too_large(len(data), settings), source=origin)
    mime, charset = split_content_type(content_type)
    kind = "document"
    try:
        if is_archive(data):
            kind = "web archive"
            docs = _read_archive(data, origin, settings)
        else:
            text = decode_bytes(data, origin, declared=charset or declared_charset(data))
            kind = sniff_kind(text, mime)
            url = origin if origin.lower().startswith(("http://", "https://")) else None
            if kind == "feed":
                docs = read_feed(data, origin)
            elif kind == "html":
                docs = [read_html(text, origin, url=url, max_elements=settings.max_html_elements)]
            else:
                docs = [text_document(text, origin)]
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # third-party parsers raise anything on bad bytes
        detail = " ".join(str(exc).split())[:200]
        raise MalformedInput(
            f"unreadable {kind} ({type(exc).__name__}: {detail})", source=origin
        ) from exc
    return [_override(doc, page_date, outlet) for doc in docs]


def sniff_kind(text: str, mime: str | None = None) -> str:
    """'feed', 'html' or 'text', from the first few thousand characters.

    A feed is XML whose root is rss, feed or rdf:RDF; HTML declares itself (doctype or
    <html>) or is mostly tags; anything else is plain text.
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    prolog = _PROLOG.match(head)
    prolog_text = prolog.group(0) if prolog else ""
    if _DOCTYPE_HTML.search(prolog_text):
        return "html"
    root = _ROOT.match(head, len(prolog_text))
    if root:
        local = root.group(1).rsplit(":", 1)[-1].lower()
        if local in _FEED_ROOTS:
            return "feed"
        if local == "html":
            return "html"
    lower = head.lower()
    tags = len(_TAG.findall(head))
    if "<html" in lower or "<body" in lower or tags >= 10 or (root and tags >= 2):
        return "html"
    return "html" if mime in _HTML_TYPES else "text"


def _read_archive(data: bytes | IO[bytes], origin: str, settings: Settings) -> list[SourceDocument]:
    docs, errors = read_warc(data, origin, settings)
    if docs:
        # The good pages stand; what was lost is worth a line in the log, not the batch.
        for error in errors:
            log.warning("%s; kept the %d page(s) read from %s", error, len(docs), origin)
        return docs
    bound = [e for e in errors if isinstance(e, InputTooLarge) and e.source == origin]
    if bound:
        raise bound[0]  # a bomb is what it is, not damage
    if errors:
        first = errors[0]
        where = f" at {first.source}" if first.source and first.source != origin else ""
        raise MalformedInput(
            f"no page could be read from the archive: {first.reason}{where}", source=origin
        )
    raise MalformedInput("web archive holds no HTML or text pages", source=origin)


def _read_stdin(settings: Settings) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise EmptyInput("no standard input to read", source=STDIN_ORIGIN)
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(_too_large(None, settings), source=STDIN_ORIGIN)
    return data


def _too_large(size: int | None, settings: Settings) -> str:
    return too_large(size, settings)


def _check_page_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        raise UsageError(f"page date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _override(doc: SourceDocument, page_date: str | None, outlet: str | None) -> SourceDocument:
    changes: dict[str, str] = {}
    if page_date:
        changes["page_date"] = page_date
    if outlet and outlet.strip():
        changes["outlet"] = " ".join(outlet.split())
    return dataclasses.replace(doc, **changes) if changes else doc
