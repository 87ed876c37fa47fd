"""What travels through the pipeline: the document and every stage's findings so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from according.records import Claim, Document, Entity, Event, Hop, Place, Quote, TimeSpan
from according.records.model import THIS_REPORT

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from according.actors import ActorRegistry
    from according.settings import Settings


@dataclass
class Context:
    """The document and every stage's findings so far. Each stage declares which of these
    fields it reads and writes (``pipeline.stage``); ``document``, ``doc``, ``sentences``
    and ``actors`` are there before the first stage."""

    document: Document
    settings: Settings
    actors: ActorRegistry
    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    dates: list[TimeSpan] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the text, from the shared spaCy Doc: read once per document
        and shared by every stage that reads sentences (quotes, claims, events)."""
        return [(s.start_char, s.end_char) for s in self.doc.sents]

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions are resolved against: the content date when the
        text shows one (a re-published page keeps its original "yesterday"), else the
        page date. Set by the dates stage; never today's date."""
        ref = self.document.content_date
        if ref is not None and ref.end:
            return date.fromisoformat(ref.end)
        if self.document.page_date:
            return date.fromisoformat(self.document.page_date)
        return None

    def document_hop(self) -> Hop:
        """The outermost hop of every attribution chain: the page itself, named after its
        outlet, else "this report" (``THIS_REPORT``). Not the file's path: a chain is read
        as "according to ...", and the origin is kept on the document already."""
        outlet = self.document.outlet
        if outlet is not None:
            return Hop(kind="outlet", name=outlet.name, role=outlet.kind)
        return Hop(kind="document", name=THIS_REPORT)
