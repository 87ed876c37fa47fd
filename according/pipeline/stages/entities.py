"""according.entities.v1: people, organisations and groups, known actors' names first.

The actor list's entity ruler runs ahead of spaCy's NER, so "PMOI" or "Fars News" come
out as one entity with the list's canonical name and kind; the statistical model fills
in everyone the list does not know.
"""

from __future__ import annotations

import re

from according.actors import ActorEntry
from according.pipeline.context import Context
from according.records import Entity, EntityKind, Span
from according.settings import Settings

_LABEL_KIND: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organization", "NORP": "group"}


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
    reads = frozenset({"doc", "actors"})
    reads_if_run: frozenset[str] = frozenset()
    writes = frozenset({"entities"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        for ent in ctx.doc.ents:
            kind = _LABEL_KIND.get(ent.label_)
            if kind is None:
                continue
            start, end = _complete(text, *_trim(text, ent.start_char, ent.end_char))
            if end <= start:
                continue
            entry = ctx.actors.lookup(text[start:end])
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


# Words a name may hold but not end with ("Observatory of Social Conflict").
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "de", "del", "al", "&"})
_NEXT_WORD = re.compile(r"\s+([\w&'\u2019-]+)")


def _complete(text: str, start: int, end: int) -> tuple[int, int]:
    """A name the model cut after a connector ("the Venezuelan Observatory of" | "Social
    Conflict said"): run on over the capitalised words that follow (connectors between
    them kept); with none, drop the dangling connector. A name ending in "of" is never
    someone's whole name, and it would be shown as the speaker."""
    words = text[start:end].split()
    if len(words) < 2 or words[-1].lower() not in _CONNECTORS:
        return start, end
    at, last = end, None
    for _ in range(8):
        match = _NEXT_WORD.match(text, at)
        if match is None:
            break
        word = match.group(1)
        if word[:1].isupper():
            at = last = match.end()
        elif word.lower() in _CONNECTORS and last is not None:
            at = match.end()
        else:
            break
    if last is not None:
        return start, last
    cut = text.rfind(words[-1], start, end)
    return start, len(text[start:cut].rstrip()) + start


def _canonical(name: str) -> str:
    return " ".join(name.split())
