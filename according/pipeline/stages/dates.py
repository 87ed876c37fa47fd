"""according.dates.v1: time expressions as TimeSpans, and the document's own date.

Minimal first version: spaCy DATE entities parsed by dateparser against the reference
date passed in with the document (never the clock). To be replaced by the rule grammar
of the dates issue.
"""

from __future__ import annotations

from datetime import date, datetime

import dateparser

from according.pipeline.context import Context
from according.pipeline.registry import register
from according.records import Span, TimeSpan
from according.settings import Settings


class DatesStage:
    name = "according.dates.v1"
    needs = frozenset({"ner"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        ref = ctx.reference_date
        base = datetime.combine(ref, datetime.min.time()) if ref else None
        parser_settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if base is not None:
            parser_settings["RELATIVE_BASE"] = base
        for ent in ctx.doc.ents:
            if ent.label_ != "DATE":
                continue
            parsed = dateparser.parse(ent.text, languages=["en"], settings=parser_settings)
            if parsed is None:
                continue
            day = parsed.date().isoformat()
            ctx.dates.append(
                TimeSpan(
                    text=ent.text,
                    start=day,
                    end=day,
                    precision="day",
                    method="explicit",
                    span=Span.of(ctx.text, ent.start_char, ent.end_char),
                    confidence=0.5,
                )
            )
        if ctx.document.page_date and ctx.document.content_date is None:
            page = date.fromisoformat(ctx.document.page_date).isoformat()
            ctx.document.content_date = TimeSpan(
                text="page date", start=page, end=page, method="document"
            )


@register("according.dates.v1")
def make_dates(settings: Settings) -> DatesStage:
    return DatesStage(settings)
