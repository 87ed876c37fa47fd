"""The Pipeline: readers' documents in, Reports out.

Stages run in the order the settings list them; each adds its part to a shared
Context. spaCy runs once per document, batched with ``nlp.pipe``, with only the
components the configured stages declared they need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import according.pipeline.registry as stage_registry
from according._version import __version__
from according.actors import ActorRegistry, default_registry
from according.dates.dateline import read_dateline
from according.errors import InputTooLarge
from according.nlp import load_nlp
from according.pipeline.context import Context
from according.pipeline.stage import check_order
from according.pipeline.stage import prepare as prepare_stage
from according.readers.normalise import document_id
from according.readers.source import SourceDocument
from according.records import Document, Mentions, Outlet, PipelineStamp, Report
from according.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Pipeline:
    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.actors = (
            ActorRegistry.from_files(*settings.registry_files)
            if settings.registry_files
            else default_registry()
        )
        self.stages = [stage_registry.create(name, settings) for name in settings.stages]
        check_order(self.stages)  # before the model loads: a misordered list fails at once
        needs = frozenset().union(*(s.needs for s in self.stages)) if self.stages else frozenset()
        self.nlp = load_nlp(settings.spacy_model, needs)
        # Our limit is checked first (a coded error naming the document); spaCy's own is
        # only a traceback (E088), so it must never be the one that trips.
        self.nlp.max_length = max(self.nlp.max_length, settings.max_text_chars + 1)
        if "entity_ruler" in needs:
            ruler = self.nlp.add_pipe(
                "entity_ruler",
                before="ner" if "ner" in self.nlp.pipe_names else None,
                config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
            )
            from spacy.pipeline import EntityRuler

            assert isinstance(ruler, EntityRuler)  # what add_pipe("entity_ruler") makes
            ruler.add_patterns(self.actors.ruler_patterns())
        from according.events.lexicon import rules_hash

        self.stamp = PipelineStamp(
            version=__version__,
            config_hash=settings.config_hash,
            stages=list(settings.stages),
            rules_hash=rules_hash(),
        )

    def prepare(self) -> Pipeline:
        """Load everything the stages load lazily, so the first document costs what the
        others do: a worker about to read many documents calls it once (the Dask warm-up,
        the API before it accepts uploads). Without it the first document of a process
        pays several seconds of pattern compiling and index building."""
        for stage in self.stages:
            prepare_stage(stage)
        return self

    def document_for(self, source: SourceDocument) -> Document:
        dateline = read_dateline(source.text, self.actors)
        outlet = None
        if source.outlet:
            outlet = _outlet(self.actors, source.outlet)
        elif dateline is not None and dateline.agency:
            outlet = _outlet(self.actors, dateline.agency)  # the agency filed it
        return Document(
            id=document_id(source.text),
            origin=source.origin,
            outlet=outlet,
            title=source.title,
            language=source.language or "en",
            text=source.text,
            page_date=source.page_date,
            dateline=dateline,
        )

    def check(self, source: SourceDocument) -> SourceDocument:
        """The source, if the pipeline can run on it; InputTooLarge (A105) if its text is
        longer than ``settings.max_text_chars``."""
        limit = self.settings.max_text_chars
        if len(source.text) > limit:
            raise InputTooLarge(
                f"text of {len(source.text)} characters, longer than the limit of {limit} "
                "characters (settings.max_text_chars); split it into parts",
                source=source.origin,
            )
        return source

    def pipe(self, sources: Iterable[SourceDocument]) -> Iterator[Report]:
        """Reports in input order; spaCy sees the texts in batches. A text over the length
        limit raises InputTooLarge when its turn comes (``check`` it first to skip it)."""
        documents = (self.document_for(self.check(s)) for s in sources)
        pairs = self.nlp.pipe(
            ((d.text, d) for d in documents), as_tuples=True, batch_size=self.settings.batch_size
        )
        for spacy_doc, document in pairs:
            yield self._run_stages(document, spacy_doc)

    def __call__(self, source: SourceDocument) -> Report:
        return next(self.pipe([source]))

    def _run_stages(self, document: Document, spacy_doc: Doc) -> Report:
        ctx = Context(document=document, settings=self.settings, actors=self.actors, doc=spacy_doc)
        for stage in self.stages:
            stage(ctx)
        return Report(
            pipeline=self.stamp,
            document=ctx.document,
            events=ctx.events,
            quotes=ctx.quotes,
            claims=ctx.claims,
            mentions=Mentions(places=ctx.places, dates=ctx.dates, entities=ctx.entities),
            warnings=ctx.warnings,
        )


def _outlet(actors: ActorRegistry, name: str) -> Outlet:
    known = actors.lookup(name)
    return Outlet(name=known.name if known else name, kind=known.actor_type if known else None)


@lru_cache(maxsize=2)
def get_pipeline(settings: Settings = DEFAULT_SETTINGS) -> Pipeline:
    """One pipeline per process and settings: loading the model takes about a second."""
    return Pipeline(settings)


def read(
    text_or_path: str | Path,
    page_date: str | None = None,
    outlet: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Read one report. A Path, "-", a URL or a string naming an existing file is read
    from there; any other string is taken as the report's text."""
    from according.readers.normalise import normalise_text

    target = str(text_or_path)
    if isinstance(text_or_path, Path) or _looks_like_location(target):
        return read_location(target, page_date, outlet, settings)
    source = SourceDocument(
        text=normalise_text(target), origin="<text>", outlet=outlet, page_date=page_date
    )
    return get_pipeline(settings)(source)


def read_location(
    location: str | Path,
    page_date: str | None = None,
    outlet: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Read the first report at a file path, URL or "-" (stdin); errors name the input."""
    from according.readers import read_input

    sources = read_input(location, settings=settings, page_date=page_date, outlet=outlet)
    report = get_pipeline(settings)(sources[0])
    if len(sources) > 1:
        report.warnings.append(
            f"{location} holds {len(sources)} documents; this report is the first "
            "(`according ingest` reads them all)"
        )
    return report


def _looks_like_location(value: str) -> bool:
    if value == "-" or value.startswith(("http://", "https://")):
        return True
    if "\n" in value or len(value) > 4096:
        return False
    try:
        return Path(value).exists()
    except OSError:  # a long line of text is no file name
        return False
