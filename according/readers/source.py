"""What a reader hands to the pipeline: normalised text plus what the container knew."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceDocument:
    """One report as read from a file, a feed entry, a WARC record or a URL.

    ``text`` is already normalised (``normalise_text``); ``page_date`` is an ISO date
    (YYYY-MM-DD) taken from the page's own metadata, or None.
    """

    text: str
    origin: str
    title: str | None = None
    outlet: str | None = None
    page_date: str | None = None
    language: str | None = None
    url: str | None = None
