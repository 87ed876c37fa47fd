"""The events stages: v2 (the default) builds whole records from episodes; v1 reads one
sentence at a time and is kept so older settings still run and compare.

The work is in ``according.events``: v2 in ``record.py`` (episodes, ACLED precedence,
arguments from the parse, casualties, ACLED actor names), v1 in ``extract.py`` (the
classifier shared with `according eval events`). Both need sentences, and are handed
the entities, places, dates, quotes and claims the earlier stages left in the context as
``EventInputs``, not the context itself.
"""

from __future__ import annotations

from according.events.extract import event_id, events_for
from according.events.inputs import EventInputs
from according.pipeline.context import Context
from according.settings import Settings

__all__ = ["EventsStage", "EventsV2Stage", "event_id", "event_inputs"]

# What both stages read: an event is placed, dated and counted from the earlier stages'
# findings, so they must run first; actors and sources come from the entities and
# quotes when those stages run.
READS = frozenset({"sentences", "document", "actors", "places", "dates", "claims"})
READS_IF_RUN = frozenset({"entities", "quotes"})


def prepare_events(spacy_model: str) -> None:
    """Load what either events stage would load on its first document: the compiled
    casualty templates, the fact rules, the cue lexicon and the parser."""
    from according.attribution.parse import parser_nlp
    from according.events import acled_actors, casualties, classify
    from according.events.facts import fact_rules

    casualties.prepare()
    fact_rules()
    acled_actors.classes()
    classify.prepare()
    parser_nlp(spacy_model)


def event_inputs(ctx: Context, settings: Settings) -> EventInputs:
    """What the events stages read, taken from the context by name."""
    return EventInputs(
        text=ctx.text,
        document_id=ctx.document.id,
        content_date=ctx.document.content_date,
        source=ctx.document_hop(),
        sentences=ctx.sentences,
        entities=ctx.entities,
        places=ctx.places,
        dates=ctx.dates,
        quotes=ctx.quotes,
        claims=ctx.claims,
        actors=ctx.actors,
        spacy_model=settings.spacy_model,
    )


class EventsStage:
    name = "according.events.v1"
    needs = frozenset({"sentencizer"})
    reads = READS
    reads_if_run = READS_IF_RUN
    writes = frozenset({"events"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self) -> None:
        prepare_events(self.settings.spacy_model)

    def __call__(self, ctx: Context) -> None:
        ctx.events.extend(events_for(event_inputs(ctx, self.settings)))


class EventsV2Stage:
    name = "according.events.v2"
    needs = frozenset({"sentencizer"})
    reads = READS
    reads_if_run = READS_IF_RUN
    writes = frozenset({"events"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self) -> None:
        prepare_events(self.settings.spacy_model)

    def __call__(self, ctx: Context) -> None:
        from according.events.record import events_v2

        ctx.events.extend(events_v2(event_inputs(ctx, self.settings)))
