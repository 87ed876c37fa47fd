"""RSS and Atom feeds: every entry with text is a report of its own.

A feed entry often carries only a teaser; that is still what the outlet published under
that headline on that date, so it is read as is rather than followed to the full page
(fetching is the caller's decision, never a side effect of reading).
"""

from __future__ import annotations

import io
import logging
import time
from typing import Any

import feedparser

from according.errors import MalformedInput
from according.readers.html import fragment_text
from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(
    data: bytes, origin: str, *, entries_before: int | None = None
) -> list[SourceDocument]:
    """One SourceDocument per entry that has text; MalformedInput if there is none.

    A bozo (not well-formed) feed is accepted as long as feedparser recovered entries:
    real feeds are full of unescaped ampersands and stray bytes.

    ``entries_before``: ``data`` is one part of a large feed (``according.batch.feed_split``)
    that starts after this many of its entries. Entries are then numbered as in the
    whole feed, so an entry without a link has the same origin however the feed was
    cut, and a part whose entries have no text is no error: the feed has text elsewhere.
    """
    # A file object, never bytes or str: feedparser treats a str as a URL to download and
    # first tries bytes as a local file name to open.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    feed = parsed.get("feed", {})
    outlet = _clean(feed.get("title"))
    language = _language(feed.get("language"))
    docs: list[SourceDocument] = []
    first = 1 + (entries_before or 0)
    for index, entry in enumerate(parsed.get("entries", []), start=first):
        text = _entry_text(entry)
        if not text:
            log.debug("%s: entry %d has no text, skipped", origin, index)
            continue
        link = _web_link(entry.get("link"))
        docs.append(
            SourceDocument(
                text=text,
                origin=f"{origin}#{link or index}",
                title=_title(entry.get("title")),
                outlet=outlet,
                page_date=_date(entry),
                language=_language(entry.get("language")) or language,
                url=link,
            )
        )
    if docs or (entries_before is not None and parsed.get("entries")):
        return docs
    if parsed.get("bozo") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        raise MalformedInput(f"not a readable feed ({_one_line(problem)})", source=origin)
    raise MalformedInput("feed has no entries with text", source=origin)


def _entry_text(entry: Any) -> str:
    """The fullest body the entry offers: content:encoded/atom:content, else the summary."""
    candidates = [(c.get("value"), c.get("type")) for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary"), detail.get("type", "text/html")))
    best = ""
    for value, kind in candidates:
        if not isinstance(value, str) or not value.strip():
            continue
        is_html = (kind or "text/html").lower() in _HTML_TYPES
        text = fragment_text(value) if is_html else normalise_text(value)
        if len(text) > len(best):
            best = text
    return best


def _date(entry: Any) -> str | None:
    """ISO date from published, else updated: feedparser gives UTC struct_time or None."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get, not entry.get: feedparser maps a missing updated_parsed to
        # published_parsed with a DeprecationWarning.
        value = dict.get(entry, key)
        if isinstance(value, time.struct_time):
            try:
                return time.strftime("%Y-%m-%d", value)
            except (ValueError, OverflowError):
                continue
    return None


def _web_link(value: object) -> str | None:
    """The entry's web address; feedparser also puts a bare id ('urn:...') in ``link``."""
    link = _clean(value)
    return link if link and link.lower().startswith(("http://", "https://")) else None


def _title(value: object) -> str | None:
    """Feed titles may carry markup (type="html"); a title is shown as plain text."""
    if isinstance(value, str) and "<" in value:
        return _clean(fragment_text(value).replace("\n", " "))
    return _clean(value)


def _language(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _one_line(problem: object) -> str:
    text = " ".join(str(problem).split()) if problem else "no entries"
    return text[:200]
