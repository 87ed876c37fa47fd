"""according.entities.v1: people, organisations and groups, registry names first.

The registry's entity ruler runs ahead of spaCy's NER, so "PMOI" or "Fars News" come out
as one entity with the registry's canonical name and kind; the statistical model fills
in everyone the registry does not know.
"""

from __future__ import annotations

from according.pipeline.context import Context
from according.pipeline.registry import register
from according.records import Entity, Span
from according.registry import ActorEntry
from according.settings import Settings

_LABEL_KIND = {"PERSON": "person", "ORG": "organization", "NORP": "group"}


def entity_from_registry(text: str, start: int, end: int, entry: ActorEntry) -> Entity:
    kind = "media" if entry.is_outlet else entry.kind
    return Entity(
        text=text[start:end],
        name=entry.name,
        kind=kind,
        id=entry.id,
        span=Span.of(text, start, end),
    )


class EntitiesStage:
    name = "according.entities.v1"
    needs = frozenset({"ner", "entity_ruler"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        for ent in ctx.doc.ents:
            kind = _LABEL_KIND.get(ent.label_)
            if kind is None:
                continue
            start, end = _trim(text, ent.start_char, ent.end_char)
            if end <= start:
                continue
            entry = ctx.registry.lookup(text[start:end])
            if entry is not None:
                ctx.entities.append(entity_from_registry(text, start, end, entry))
            else:
                ctx.entities.append(
                    Entity(
                        text=text[start:end],
                        name=_canonical(text[start:end]),
                        kind=kind,
                        span=Span.of(text, start, end),
                    )
                )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive, which NER often includes."""
    span = text[start:end]
    lowered = span.lower()
    if lowered.startswith("the "):
        start += 4
    if span.endswith(("'s", "\u2019s")):
        end -= 2
    return start, end


def _canonical(name: str) -> str:
    return " ".join(name.split())


@register("according.entities.v1")
def make_entities(settings: Settings) -> EntitiesStage:
    return EntitiesStage(settings)
