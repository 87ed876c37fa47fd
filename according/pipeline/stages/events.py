"""The events stages: v2 (the default) builds whole records from episodes; v1 reads one
sentence at a time and is kept so older settings still run and compare.

The work is in ``according.events``: v2 in ``record.py`` (episodes, ACLED precedence,
arguments from the parse, casualties, ACLED actor names), v1 in ``extract.py`` (the
classifier shared with `according eval events`). Both need sentences, and read the
entities, places, dates, quotes and claims the earlier stages left in the context.
"""

from __future__ import annotations

from according.events.extract import event_id, events_for
from according.pipeline.context import Context
from according.pipeline.registry import register
from according.settings import Settings

__all__ = ["EventsStage", "EventsV2Stage", "event_id", "make_events", "make_events_v2"]


class EventsStage:
    name = "according.events.v1"
    needs = frozenset({"sentencizer"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        ctx.events.extend(events_for(ctx))


class EventsV2Stage:
    name = "according.events.v2"
    needs = frozenset({"sentencizer"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        from according.events.record import events_v2

        ctx.events.extend(events_v2(ctx))


@register("according.events.v1")
def make_events(settings: Settings) -> EventsStage:
    return EventsStage(settings)


@register("according.events.v2")
def make_events_v2(settings: Settings) -> EventsV2Stage:
    return EventsV2Stage(settings)
