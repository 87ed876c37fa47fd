"""Turning a Report into the store's rows: the one place that knows both shapes.

A Report arrives here in its JSON form (``Report.model_dump(mode="json")``, or a line of a
shard output, which is the same JSON on one line): every way into the store goes through
``report_rows``, so a report saved from Python, posted to the HTTP API or loaded from a
worker's shard is stored identically. Working on the JSON rather than the pydantic model
is what keeps the single loader fast: a shard line is decoded by orjson and flattened,
never validated into models again (that cost 4 ms a document, issue 8). The store
validates a report when it reads one back (``Store.document``).

One function a table; each is pure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from according.errors import StoreError
from according.records.model import FORMAT, TimeSpan
from according.store.queries import key, parse_date

Row = dict[str, Any]
Data = Mapping[str, Any]  # a record in its JSON form
Dates = tuple[date | None, date | None]


class NotAReport(ValueError):
    """A line or object that is not a Report of this record format (a worker running
    another version of according wrote it, or it is not a report at all)."""


@dataclass
class ReportRows:
    """One report as rows for each table, built before any transaction starts."""

    document: Row
    events: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)


def read_report(line: str | bytes) -> dict[str, Any]:
    """A shard line as a Report's JSON; ``NotAReport`` unless it is one of ``FORMAT``.

    Only the format is checked here: fields are read by ``report_rows``, which refuses
    a report without the ones it needs, and a field added by a newer according/1 is kept.
    """
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError as err:
        raise NotAReport(f"not JSON ({err})") from None
    if not isinstance(data, dict):
        raise NotAReport("not a JSON object")
    if data.get("format") != FORMAT:
        raise NotAReport(f"a report of format {data.get('format')!r}; this version reads {FORMAT}")
    return data


def check_storable(report: Data) -> None:
    """``StoreError`` for a report the store refuses whole: an event id twice (the ids
    key the events table). A shard's worker checks before writing the report out, so such
    a report is one skipped document and not a failed load."""
    seen: set[str] = set()
    for event in report.get("events", ()):
        if event["id"] in seen:
            raise StoreError(
                f"event id {event['id']!r} occurs twice in the report",
                source=report["document"]["id"],
            )
        seen.add(event["id"])


def report_rows(report: Data) -> ReportRows:
    """The rows of each table for one report; ``StoreError`` for a report the store
    refuses (``check_storable``), ``NotAReport`` for one without the fields it needs."""
    try:
        check_storable(report)
        doc = report["document"]
        fallback = document_dates(doc)
        events = report.get("events", ())
        return ReportRows(
            document=document_row(report),
            events=event_rows(doc["id"], events, fallback),
            places=place_rows(events),
            quotes=quote_rows(doc["id"], report.get("quotes", ()), fallback),
            claims=claim_rows(doc["id"], report.get("claims", ()), fallback),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        what = f"{type(err).__name__}: {err}"
        raise NotAReport(f"not a report this version can store ({what})") from err


# -- one function a table ------------------------------------------------------------------


def document_row(report: Data) -> Row:
    """The ``documents`` row; the whole report is kept in it, as given."""
    doc = report["document"]
    pipeline = report["pipeline"]
    outlet = doc.get("outlet")
    content_start, content_end = span_dates(doc.get("content_date"))
    return {
        "id": doc["id"],
        "origin": doc.get("origin"),
        "outlet": outlet["name"] if outlet else None,
        "outlet_key": key(outlet["name"]) if outlet else None,
        "outlet_kind": outlet.get("kind") if outlet else None,
        "title": doc.get("title"),
        "language": doc.get("language", "en"),
        "page_date": parse_date(doc.get("page_date")),
        "content_date_start": content_start,
        "content_date_end": content_end,
        "date_conflict": doc.get("date_conflict", False),
        "pipeline_version": pipeline["version"],
        "config_hash": pipeline["config_hash"],
        "text": doc["text"],
        "report": report,
    }


def event_rows(doc_id: str, events: Sequence[Data], fallback: Dates) -> list[Row]:
    """The ``events`` rows, in report order; undated events take the document's dates."""
    rows = []
    for ordinal, ev in enumerate(events):
        start, stop = _dated(ev.get("when"), fallback)
        actors = ev.get("actors", ())
        rows.append(
            {
                "id": ev["id"],
                "document_id": doc_id,
                "ordinal": ordinal,
                "category": ev["category"],
                "mode": ev.get("mode"),
                "status": ev.get("status", "reported"),
                "date_start": start,
                "date_end": stop,
                "actors_text": "; ".join(a["name"] for a in actors) or None,
                "actors_key": _keys(*(n for a in actors for n in (a["name"], a["text"]))),
                "source_text": _hops_text(ev.get("source", ())),
                "confidence": ev.get("confidence", 0.5),
                "record": ev,
            }
        )
    return rows


def place_rows(events: Sequence[Data]) -> list[Row]:
    """The ``event_places`` rows: each event's places, in the order it names them."""
    rows = []
    for ev in events:
        for n, place in enumerate(ev.get("places", ())):
            country = place.get("country")
            rows.append(
                {
                    "event_id": ev["id"],
                    "ordinal": n,
                    "name": place["name"],
                    "name_key": key(place["name"]) or "",
                    "country": country.upper() if country else None,
                    "admin1": place.get("admin1"),
                    "admin1_key": key(place.get("admin1")),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "geonames_id": place.get("geonames_id"),
                }
            )
    return rows


def quote_rows(doc_id: str, quotes: Sequence[Data], fallback: Dates) -> list[Row]:
    """The ``quotes`` rows; a quote's id is made from its document and span."""
    rows = []
    taken: set[str] = set()
    for ordinal, quote in enumerate(quotes):
        start, stop = _dated(quote.get("when"), fallback)
        speaker = quote.get("speaker")
        span = quote["span"]
        rows.append(
            {
                "id": _child_id("q", doc_id, span["start"], span["end"], taken),
                "document_id": doc_id,
                "ordinal": ordinal,
                "speaker": speaker["name"] if speaker else None,
                "speaker_key": _keys(speaker["name"], speaker["text"], speaker.get("affiliation"))
                if speaker
                else None,
                "direct": quote["direct"],
                "date_start": start,
                "date_end": stop,
                "record": quote,
            }
        )
    return rows


def claim_rows(doc_id: str, claims: Sequence[Data], fallback: Dates) -> list[Row]:
    """The ``claims`` rows; the claimant is the innermost hop of the chain."""
    rows = []
    taken: set[str] = set()
    for ordinal, claim in enumerate(claims):
        start, stop = _dated(_claim_when(claim), fallback)
        source = claim.get("source", ())
        span = claim["span"]
        rows.append(
            {
                "id": _child_id("c", doc_id, span["start"], span["end"], taken),
                "document_id": doc_id,
                "ordinal": ordinal,
                "value": float(claim["value"]),
                "unit": claim.get("unit"),
                "claimant": source[-1]["name"] if source else None,
                "source_key": _keys(*(hop["name"] for hop in source)),
                "date_start": start,
                "date_end": stop,
                "record": claim,
            }
        )
    return rows


# -- dates and keys ------------------------------------------------------------------------


def span_dates(when: Data | None) -> Dates:
    """A TimeSpan's first and last day (one end stands for both when the other is open)."""
    if when is None:
        return None, None
    first, last = when.get("start"), when.get("end")
    return parse_date(first or last), parse_date(last or first, end=True)


def document_dates(doc: Data) -> Dates:
    """The text's own date first: a page date may be a re-publication or a crawl date."""
    start, stop = span_dates(doc.get("content_date"))
    if start is None:
        start = stop = parse_date(doc.get("page_date"))
    return start, stop


def _dated(when: Data | None, fallback: Dates) -> Dates:
    start, stop = span_dates(when)
    return (start, stop) if start is not None else fallback


def _claim_when(claim: Data) -> Data | None:
    """Claims have no ``when`` in v1; honour one if a later pipeline adds it, when it
    is a valid TimeSpan."""
    when = claim.get("when")
    if not isinstance(when, dict):
        return None
    try:
        return TimeSpan.model_validate(when).model_dump()
    except ValueError:
        return None


def _hops_text(hops: Iterable[Data]) -> str | None:
    names = [hop["name"] for hop in hops if hop.get("name")]
    return " > ".join(names) or None


def _keys(*names: str | None) -> str | None:
    """Distinct keys one a line: a substring match cannot run across two names."""
    seen = dict.fromkeys(k for k in map(key, names) if k)
    return "\n".join(seen) or None


def _child_id(prefix: str, doc_id: str, start: int, end: int, taken: set[str]) -> str:
    """Stable id from document and span; a second record on the same span gets ``~2``."""
    digest = hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]
    base = candidate = f"{prefix}:{digest}"
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    taken.add(candidate)
    return candidate
