"""according.events.v1: event-bearing sentences as Events with their arguments.

The work is in ``according.events``: the classifier (shared with `according eval
events`), the PLOVER/ACLED mapping, argument assembly and status. This stage only runs
it over the document; it needs sentences, and reads the entities, places, dates, quotes
and claims the earlier stages left in the context.
"""

from __future__ import annotations

from according.events.extract import event_id, events_for
from according.pipeline.context import Context
from according.pipeline.registry import register
from according.settings import Settings

__all__ = ["EventsStage", "event_id", "make_events"]


class EventsStage:
    name = "according.events.v1"
    needs = frozenset({"sentencizer"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        ctx.events.extend(events_for(ctx))


@register("according.events.v1")
def make_events(settings: Settings) -> EventsStage:
    return EventsStage(settings)
