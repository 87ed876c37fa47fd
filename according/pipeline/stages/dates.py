"""according.dates.v1: time expressions as TimeSpans, and the document's own date.

A thin wrapper over ``according.dates.date_text`` (pure regex grammar, no spaCy
component needed, so ``needs`` is empty): the first pass dates the document from
absolute dates and weekday-and-date pairs with the page date as reference; when the text
was written elsewhen (a re-published page), relative expressions are resolved again
against the content date. Later stages (quotes, events) take their ``when`` from
``ctx.dates`` through ``according.dates.timespan_for``.
"""

from __future__ import annotations

from datetime import date

from according.dates import date_text
from according.dates.document import filing_date
from according.pipeline.context import Context
from according.settings import Settings


class DatesStage:
    name = "according.dates.v1"
    needs: frozenset[str] = frozenset()
    reads = frozenset({"document"})
    reads_if_run: frozenset[str] = frozenset()
    # The time expressions, and from them the content date, date conflict, dateline date.
    writes = frozenset({"dates"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        document = ctx.document
        page = _parse_day(document.page_date)
        if document.page_date and page is None:
            ctx.warnings.append(f"page date {document.page_date!r} is not an ISO date; ignored")
        result = date_text(ctx.text, page, conflict_days=self.settings.date_conflict_days)
        ctx.dates.extend(result.dates)
        if document.content_date is None:
            document.content_date = result.content_date
        if document.dateline is not None:
            document.dateline.date = filing_date(ctx.text, result.dates)
        if result.conflict:
            document.date_conflict = True
            document.date_conflict_reason = result.reason
            ctx.warnings.append(
                f"date conflict: {result.reason}; relative dates are read against "
                f"{result.reference.isoformat() if result.reference else 'the content date'}"
            )


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
