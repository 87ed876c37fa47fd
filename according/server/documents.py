"""The non-listing endpoints: a document with its evidence spans, the timeline, the write path
(``POST /api/documents``, which goes through the one ingest path, ``according.batch.ingest``).

Kept apart from the routes so each can be read (and tested) as plain functions over the
store's tables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

import according.server.query as rq
from according.errors import UsageError
from according.records.model import Report
from according.server.problems import Problem
from according.server.reader import Reader
from according.store import schema as t

if TYPE_CHECKING:
    from fastapi import FastAPI

DOCUMENT_ID = re.compile(r"^sha256:[0-9a-f]{64}$")
MAX_BUCKETS = 5000  # days x categories; a timeline wider than this is not readable anyway


def check_document_id(document_id: str) -> str:
    """Ids are content hashes; anything else (``../``, quotes, NULs) is refused unread."""
    if not DOCUMENT_ID.match(document_id):
        raise UsageError("document id: expected 'sha256:' and 64 lower-case hex digits")
    return document_id


def _span(span: Any) -> dict[str, Any] | None:
    return {"start": span.start, "end": span.end, "text": span.text} if span else None


def document_body(reader: Reader, document_id: str) -> dict[str, Any]:
    """The text, and every record's spans into it, so a client can highlight any of them."""
    check_document_id(document_id)
    report: Report | None = reader.store.document(document_id)
    if report is None:
        raise Problem(404, f"no document {document_id}")
    doc = report.document
    ids: dict[str, list[str]] = {}
    for kind in ("quotes", "claims"):
        table = rq.TABLES[kind]
        stmt = sa.select(table.c.id).where(table.c.document_id == document_id)
        ids[kind] = [row.id for row in reader.rows(stmt.order_by(table.c.ordinal))]
    events = [
        {"id": ev.id, "category": ev.category, "status": ev.status,
         "evidence": [_span(s) for s in ev.evidence]}
        for ev in report.events
    ]  # fmt: skip
    quotes = [
        {"id": i, "speaker": qt.speaker.name if qt.speaker else None, "span": _span(qt.span)}
        for i, qt in zip(ids["quotes"], report.quotes, strict=False)
    ]
    claims = [
        {"id": i, "text": cl.text, "span": _span(cl.span)}
        for i, cl in zip(ids["claims"], report.claims, strict=False)
    ]
    return {
        "id": doc.id,
        "origin": doc.origin,
        "outlet": doc.outlet.name if doc.outlet else None,
        "title": doc.title,
        "language": doc.language,
        "page_date": doc.page_date,
        "text": doc.text,
        "events": events,
        "quotes": quotes,
        "claims": claims,
    }


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())  # ISO weeks start on Monday


def _bucket(day: date, interval: str) -> date:
    if interval == "week":
        return _week(day)
    if interval == "month":
        return day.replace(day=1)
    return day


def timeline(reader: Reader, parsed: rq.RecordQuery, interval: str) -> dict[str, Any]:
    """Counts per (day, week or month, category) of the events the filters keep; undated
    omitted. Buckets are named by their first day (a week's Monday, a month's 1st).

    Grouped by day in SQL (portable), folded into weeks or months here (date arithmetic
    differs between SQLite and PostgreSQL). Months let the page show years of events in
    a readable number of bars.
    """
    if parsed.cursor is not None:
        raise UsageError("cursor: the timeline is not paginated")
    inner = rq.filtered("events", parsed, reader.dialect)
    sub = inner.with_only_columns(t.events.c.date_start, t.events.c.category).subquery()
    stmt = (
        sa.select(sub.c.date_start, sub.c.category, sa.func.count())
        .where(sub.c.date_start.is_not(None))
        .group_by(sub.c.date_start, sub.c.category)
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for day, category, n in reader.rows(stmt):
        bucket = _bucket(day, interval)
        counts[(bucket.isoformat(), category)] += n
    if len(counts) > MAX_BUCKETS:
        raise UsageError("the timeline is too long for days; use interval=week or narrow dates")
    buckets = sorted({b for b, _ in counts})
    categories = sorted({c for _, c in counts})
    series = {c: [counts.get((b, c), 0) for b in buckets] for c in categories}
    return {"interval": interval, "buckets": buckets, "series": series}


def outlets(reader: Reader) -> list[dict[str, Any]]:
    docs = t.documents
    stmt = (
        sa.select(docs.c.outlet, sa.func.count())
        .where(docs.c.outlet.is_not(None))
        .group_by(docs.c.outlet)
        .order_by(sa.func.count().desc(), docs.c.outlet)
        .limit(500)
    )
    return [{"name": name, "documents": n} for name, n in reader.rows(stmt)]


def ingest(
    app: FastAPI,
    body: bytes,
    origin: str,
    content_type: str | None,
    page_date: str | None,
    outlet: str | None,
) -> dict[str, Any]:
    """Read, run the pipeline, store: ``according.batch.ingest`` as every ingest is, in
    this thread (the pipeline is built on first use; it loads spaCy), with a ledger entry
    for the upload. A body that cannot be read raises its error, for a 400 or a 413."""
    from according.batch import Upload
    from according.batch import ingest as ingest_inputs

    upload = Upload(body, origin, content_type=content_type, page_date=page_date, outlet=outlet)
    summary = ingest_inputs(
        app.state.reader.store, [upload], settings=app.state.settings, workers=1,
        errors="raise", outcomes=True,
    )  # fmt: skip
    return {"documents": [asdict(outcome) for outcome in summary.outcomes or ()]}
