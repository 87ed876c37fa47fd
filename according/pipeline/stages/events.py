"""according.events.v1: event-bearing sentences as Events with their arguments.

Minimal first version: a trigger lexicon per PLOVER category; the sentence's places,
dates, entities and claims become the event's places, when, actors and counts. To be
replaced by the events issue's clause-level extraction and classifier.
"""

from __future__ import annotations

import hashlib
import re

from according.pipeline.context import Context
from according.pipeline.registry import register
from according.records import AcledType, Event, Quantity, Span, TimeSpan
from according.settings import Settings

# (category, mode, ACLED event type, ACLED sub-event type, trigger pattern)
TRIGGERS: tuple[tuple[str, str | None, str | None, str | None, str], ...] = (
    ("COERCE", "arrest", None, None, r"arrest(?:ed|s)?|detain(?:ed|s)?|detention"),
    (
        "PROTEST",
        "demo",
        "Protests",
        "Peaceful protest",
        r"protest(?:ed|s|ers)?|demonstrat(?:ed|ion|ions|ors)|rall(?:y|ies|ied)|march(?:ed)?",
    ),
    ("PROTEST", "strike", "Protests", "Peaceful protest", r"strike|walkout"),
    ("ASSAULT", None, "Violence against civilians", "Attack", r"kill(?:ed|ing)|shot dead"),
    (
        "MOBILIZE",
        None,
        "Strategic developments",
        "Headquarters or base established",
        r"deploy(?:ed|s)?|mobiliz(?:ed|es)",
    ),
    ("CONSULT", None, "Strategic developments", "Agreement", r"summit|talks|met with|meeting"),
    ("ACCUSE", None, None, None, r"accus(?:ed|es)|blam(?:ed|es)"),
    ("THREATEN", None, None, None, r"threaten(?:ed|s)?|warn(?:ed|s)"),
)
_COMPILED = [
    (c, m, et, st, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for c, m, et, st, p in TRIGGERS
]
_FUTURE = re.compile(r"\b(?:will|plans? to|to be held|scheduled)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:if|would|could|may|might|must not|do not|don't)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|denies|never)\b", re.IGNORECASE)
_COUNT_KIND = {
    "arrested": "arrested",
    "detainees": "arrested",
    "students": "arrested",
    "others": "arrested",
    "martyrs": "fatalities",
    "deaths": "fatalities",
    "dead": "fatalities",
    "killed": "fatalities",
    "injured": "injured",
    "wounded": "injured",
    "protesters": "participants",
    "demonstrators": "participants",
    "people": "participants",
}


def event_id(document_id: str, start: int, end: int) -> str:
    return "ev:" + hashlib.sha256(f"{document_id}:{start}:{end}".encode()).hexdigest()[:20]


class EventsStage:
    name = "according.events.v1"
    needs = frozenset({"sentencizer"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        for sent in ctx.doc.sents:
            found = self._classify(sent.text)
            if found is None:
                continue
            category, mode, acled, _trigger = found
            ctx.events.append(
                self._event(ctx, sent.start_char, sent.end_char, category, mode, acled)
            )

    @staticmethod
    def _classify(sentence: str) -> tuple[str, str | None, AcledType | None, str] | None:
        for category, mode, event_type, sub_type, pattern in _COMPILED:
            match = pattern.search(sentence)
            if match:
                acled = (
                    AcledType(event_type=event_type, sub_event_type=sub_type)
                    if event_type
                    else None
                )
                return category, mode, acled, match.group(0)
        return None

    def _event(
        self,
        ctx: Context,
        start: int,
        end: int,
        category: str,
        mode: str | None,
        acled: AcledType | None,
    ) -> Event:
        text = ctx.text
        sentence = text[start:end]

        def inside(span: Span | None) -> bool:
            return span is not None and start <= span.start and span.end <= end

        dates = [d for d in ctx.dates if inside(d.span) and d.precision != "duration"]
        when = dates[0] if dates else self._document_date(ctx)
        status = "reported"
        if _FUTURE.search(sentence):
            status = "planned"
        elif _DENIED.search(sentence):
            status = "denied"
        elif _HYPOTHETICAL.search(sentence):
            status = "hypothetical"
        counts = [
            Quantity(
                kind=_COUNT_KIND.get((c.unit or "").split()[-1], "other"),  # type: ignore[arg-type]
                value=c.value,
                bound=c.bound,
                text=c.text,
                span=c.span,
            )
            for c in ctx.claims
            if inside(c.span)
        ]
        return Event(
            id=event_id(ctx.document.id, start, end),
            category=category,
            mode=mode,
            acled=acled,
            actors=[e for e in ctx.entities if inside(e.span) and e.kind != "person"][:3],
            places=[p for p in ctx.places if inside(p.span)],
            when=when,
            counts=counts,
            status=status,  # type: ignore[arg-type]
            source=[ctx.document_hop()],
            evidence=[Span.of(text, start, end)],
            confidence=0.3,
        )

    @staticmethod
    def _document_date(ctx: Context) -> TimeSpan | None:
        content = ctx.document.content_date
        if content is None:
            return None
        return content.model_copy(update={"method": "document", "span": None})


@register("according.events.v1")
def make_events(settings: Settings) -> EventsStage:
    return EventsStage(settings)
