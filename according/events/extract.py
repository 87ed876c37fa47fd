"""Sentences to Events: detection, filtering and assembly for the events stage.

A sentence becomes at most one event (fewer, better events): the classifier names the
kind, its strongest early cue is the trigger that anchors actors, targets and dates.
Sentences are dropped when they only look like events: background ("40 years of
plundering"), a back-reference used to date something else ("days after the protests,
X said"), or a bare noun with nothing to pin it down (no date, count or place). Inside a
quotation, one event per category and quote: a speech that says "protest" five times
describes one (usually hypothetical) protest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from according.events.arguments import (
    actors_and_targets,
    event_counts,
    event_places,
    event_when,
    filed_at,
    inside,
    located,
)
from according.events.classify import Cue, classify, find_cues, scores
from according.events.inputs import EventInputs
from according.events.mapping import kind_of, plover_trigger, protest_mode
from according.events.merge import merge_duplicates
from according.events.status import status_of
from according.records import AcledType, Entity, EntityKind, Event, Quote, Span, TimeSpan

MIN_SCORE = 2.0  # at least one strong cue (lexicon weight 2) before a sentence is an event
_PARENT = {
    "PROTEST_WITH_INTER": "PEACE_PROTEST",
    "FORCE_AGAINST_PROTEST": "PEACE_PROTEST",
    "VIOL_DEMONSTR": "PEACE_PROTEST",
}
_BACKGROUND = re.compile(
    r"\b(?:years?|decades?|months?|centur(?:y|ies)) of\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:after|before|since|following|amid)\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)
_VERB_FORM = re.compile(
    r"(?:ed|fought|took|shot|overran|overrun|withdrew|blew|set up|"
    r"hit|struck|stole|beat|beaten|taken)$",
    re.IGNORECASE,
)
# (name, entity kind, actor type, words) of the actors a trigger may name by a common noun.
_GENERIC_ACTOR_WORDS: tuple[tuple[str, EntityKind, str, str], ...] = (
    ("police", "state", "state_forces", r"(?:riot )?police(?:men)?|officers"),
    ("security forces", "state", "state_forces", r"security forces|security agents"),
    ("military", "state", "state_forces", r"troops|soldiers|army|military|government forces"),
    ("the regime", "state", "government", r"the regime|the government|authorities"),
    ("protesters", "group", "protesters", r"protesters|demonstrators|marchers|strikers"),
    ("students", "group", "protesters", r"students"),
    ("workers", "group", "protesters", r"workers|teachers|nurses|doctors|farmers"),
    (
        "militants",
        "armed_group",
        "rebels",
        r"militants|rebels|insurgents|gunmen|jihadists|"
        r"fighters|militiamen",
    ),
    ("civilians", "group", "civilians", r"civilians|villagers|residents"),
)
_GENERIC_ACTORS: tuple[tuple[str, EntityKind, str, re.Pattern[str]], ...] = tuple(
    (name, kind, actor_type, re.compile(rf"\b(?:{p})\b", re.IGNORECASE))
    for name, kind, actor_type, p in _GENERIC_ACTOR_WORDS
)


def event_id(document_id: str, start: int, end: int) -> str:
    """Stable id: the same evidence in the same document is the same event."""
    return "ev:" + hashlib.sha256(f"{document_id}:{start}:{end}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Detection:
    """What a sentence reports, before its arguments are gathered."""

    label: str | None
    category: str
    mode: str | None
    acled: AcledType | None
    start: int  # trigger, relative to the sentence
    end: int
    confidence: float


def _trigger(cues: list[Cue], label: str) -> Cue | None:
    """The earliest strong cue of ``label``, else of the protest it refines (a dispersed
    rally is anchored on "fired tear gas", whose subject is the actor), else its
    heaviest cue."""
    for labels in ((label,), (_PARENT.get(label),)):
        strong = [c for c in cues if c.label in labels and c.weight >= 2]
        if strong:
            return strong[0]
    own = [c for c in cues if c.label in (label, _PARENT.get(label))]
    return max(own, key=lambda c: c.weight) if own else None


def detect(sentence: str) -> Detection | None:
    """The event ``sentence`` reports, if any (see module doc for what is refused)."""
    cues = find_cues(sentence)
    label, confidence = classify(sentence, cues)
    best = max(scores(sentence, cues).values(), default=0.0)
    kind = kind_of(label)
    plover = plover_trigger(sentence)
    if best >= MIN_SCORE and kind.category is not None and label not in ("DIPLO", "ATTRIB"):
        cue = _trigger(cues, label)
        if cue is not None:
            acled = (
                AcledType(event_type=kind.event_type, sub_event_type=kind.sub_event_type)
                if kind.event_type and kind.sub_event_type
                else None
            )
            mode = protest_mode(cue.text, kind.mode) if kind.category == "PROTEST" else kind.mode
            return Detection(label, kind.category, mode, acled, cue.start, cue.end, confidence)
    if plover is not None:
        category, mode, start, end = plover
        return Detection(None, category, mode, None, start, end, 0.4)
    return None


def refused(sentence: str, start: int, end: int, has_anchor: bool) -> bool:
    """Whether the trigger at ``sentence[start:end]`` only looks like an event: background
    ("40 years of plundering"), or a noun used as a back-reference or with nothing to pin
    it down (no date, count or place)."""
    before = sentence[:start]
    if _BACKGROUND.search(before):
        return True
    noun = not _VERB_FORM.search(sentence[start:end])
    return noun and (_REFERENCE.search(before) is not None or not has_anchor)


def quote_at(quotes: list[Quote], position: int) -> Quote | None:
    for quote in quotes:
        if quote.span.start <= position < quote.span.end:
            return quote
    return None


def with_registry(inputs: EventInputs, entity: Entity) -> Entity:
    """The entity with the actor list's type and side, where the list knows it."""
    try:
        entry = inputs.actors.lookup(entity.text)
    except Exception:  # noqa: BLE001 - a problem with the actor list must not lose the event
        entry = None
    if entry is None:
        return entity
    return entity.model_copy(update={"actor_type": entry.actor_type, "side": entry.side})


def _generic_actor(text: str, start: int, end: int) -> Entity | None:
    """A common-noun actor ("police", "protesters") nearest before the trigger's end (a
    trigger like "security forces killed" names its own actor), for the many reports
    that name no organisation."""
    best: tuple[int, Entity] | None = None
    for name, kind, actor_type, pattern in _GENERIC_ACTORS:
        for match in pattern.finditer(text, start, end):
            entity = Entity(
                text=match.group(0),
                name=name,
                kind=kind,
                span=Span.of(text, match.start(), match.end()),
                actor_type=actor_type,
            )
            if best is None or match.start() > best[0]:
                best = (match.start(), entity)
    return best[1] if best else None


def document_date(inputs: EventInputs) -> TimeSpan | None:
    content = inputs.content_date
    if content is None:
        return None
    return content.model_copy(update={"method": "document", "span": None})


def events_for(inputs: EventInputs) -> list[Event]:
    """Every event of the document, in text order."""
    events: list[Event] = []
    seen_in_quote: set[tuple[int, str]] = set()
    for start, end in inputs.sentences:
        det = detect(inputs.text[start:end])
        if det is None:
            continue
        event = sentence_event(inputs, start, end, det, seen_in_quote)
        if event is not None:
            events.append(event)
    return merge_duplicates(events)


def sentence_event(
    inputs: EventInputs,
    s_start: int,
    s_end: int,
    det: Detection,
    seen_in_quote: set[tuple[int, str]],
) -> Event | None:
    """The event one sentence reports, with its arguments; None when it is refused (see
    the module docstring). ``seen_in_quote`` keeps one event per category and quote
    across calls."""
    text = inputs.text
    sentence = text[s_start:s_end]
    t_start, t_end = s_start + det.start, s_start + det.end
    places = event_places(inputs.places, text, s_start, s_end)
    when = event_when(inputs.dates, text, (s_start, s_end), (t_start, t_end))
    counts = event_counts(inputs.claims, s_start, s_end)
    anchored = when is not None or bool(counts) or located(places)
    if refused(sentence, det.start, det.end, anchored):
        return None
    places = places or filed_at(inputs.places)
    quote = quote_at(inputs.quotes, t_start)
    if quote is not None:
        key = (quote.span.start, det.category)
        if key in seen_in_quote:
            return None
        seen_in_quote.add(key)
    # inside a quote, the speaker outside it is the source, not an actor
    a_start, a_end = (
        (max(s_start, quote.span.start), min(s_end, quote.span.end)) if quote else (s_start, s_end)
    )
    actors, targets = actors_and_targets(
        inputs.entities, inputs.places, text, (a_start, a_end), (t_start, t_end)
    )
    if not actors:
        generic = _generic_actor(text, a_start, t_end)
        actors = [generic] if generic else []
    status = status_of(sentence, det.start, det.end, quote is not None)
    source = list(quote.source) if quote is not None and quote.source else [inputs.source]
    return Event(
        id=event_id(inputs.document_id, s_start, s_end),
        category=det.category,
        mode=det.mode,
        acled=det.acled,
        actors=[with_registry(inputs, a) for a in actors],
        targets=[with_registry(inputs, t) for t in targets],
        places=places,
        when=when or document_date(inputs),
        counts=counts,
        status=status,
        source=source,
        evidence=[Span.of(text, s_start, s_end)],
        confidence=round(det.confidence * (0.8 if status == "hypothetical" else 1.0), 3),
        label=det.label,
        trigger=Span.of(text, t_start, t_end),
    )


__all__ = [
    "Detection",
    "detect",
    "document_date",
    "event_id",
    "events_for",
    "inside",
    "quote_at",
    "refused",
    "sentence_event",
    "with_registry",
]
