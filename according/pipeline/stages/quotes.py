"""according.quotes.v1: direct and reported speech, speakers, and chains of attribution.

The logic lives in ``according.attribution`` (functions over text, sentence spans and
entities, testable without the pipeline); this stage only feeds it the Context. The
dependency parser runs on the sentences with a speech cue alone, in a second small
spaCy pipeline, so the whole-text pass stays NER-only (see attribution/parse.py).
"""

from __future__ import annotations

from according.attribution import attribute_text
from according.attribution.build import build_quotes
from according.attribution.parse import parser_nlp
from according.dates.dateline import in_dateline
from according.pipeline.context import Context
from according.settings import Settings

SPEAKER_KINDS = frozenset({"person", "organization", "media", "state", "armed_group", "group"})


class QuotesStage:
    name = "according.quotes.v1"
    needs = frozenset({"ner", "entity_ruler", "sentencizer"})
    reads = frozenset({"sentences", "entities", "actors", "document"})
    # A quote is dated by the time expression that governs it, when dates were read.
    reads_if_run = frozenset({"dates"})
    writes = frozenset({"quotes"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self) -> None:
        parser_nlp(self.settings.spacy_model)  # the second, parser-only spaCy pipeline

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        # A news dateline's agency ("(Reuters)") filed the report; it speaks in no sentence.
        mentions = [
            (e.span.start, e.span.end)
            for e in ctx.entities
            if e.span is not None
            and e.kind in SPEAKER_KINDS
            and not in_dateline(text, e.span.start, e.span.end)
        ]
        attributions = attribute_text(
            text, ctx.sentences, mentions, model=self.settings.spacy_model
        )
        ctx.quotes.extend(
            build_quotes(
                text,
                attributions,
                ctx.entities,
                ctx.dates,
                ctx.document_hop(),
                ctx.document.id,
                ctx.actors.lookup,
            )
        )
