"""What the events stages read, named one by one.

The events stages (``according.events.v1`` and ``.v2``) are handed this, not the
pipeline's whole Context: what an event is built from is then visible in one place, the
events package does not import the pipeline (which imports it), and the functions here
can be called on records made anywhere (a test, the evaluation, a stored report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from according.actors import ActorRegistry
from according.records import Claim, Entity, Hop, Place, Quote, TimeSpan


@dataclass(frozen=True)
class EventInputs:
    """The document and what the earlier stages found in it."""

    text: str
    document_id: str
    # The document's own date (set by the dates stage): the fallback ``when`` of an event.
    content_date: TimeSpan | None
    # The outermost hop of an event's source when no quotation gives one.
    source: Hop
    sentences: Sequence[tuple[int, int]]
    entities: list[Entity]
    places: list[Place]
    dates: list[TimeSpan]
    quotes: list[Quote]
    claims: list[Claim]
    actors: ActorRegistry
    # The spaCy model the v2 stage parses event sentences with.
    spacy_model: str = "auto"
