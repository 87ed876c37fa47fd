"""according.events.v2: episodes turned into whole event records.

What a user takes away is the record: what happened, who did it, to whom, where, when,
how many died and who says so. So each part is decided on the whole episode (the
event's sentence and those that go on about it), not on one sentence:

- **type** by ACLED's precedence over the facts the episode states and the classes of
  its arguments (``according.events.facts``);
- **actors and targets** from the dependency parse of the event's sentence
  (``according.events.roles``), named as ACLED names them where it has a generic name
  ("Protesters (Kenya)", "Military Forces of Syria"), with ACLED's ``inter`` code;
- **fatalities** from every sentence of the episode (``according.events.casualties``):
  deaths told in the next sentence belong to the event;
- **where and when** as the v1 stage finds them in the event's sentence, else in the
  rest of the episode, else the document's date.

Sentences with no event word of ACLED's kinds still give v1's PLOVER kinds, which ACLED
does not code (summits, sanctions, threats, demands, accusations).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from according.attribution.parse import Parsed, parse_sentences
from according.dates.dateline import in_dateline
from according.events import acled_actors
from according.events.arguments import (
    actors_and_targets,
    event_counts,
    event_when,
    filed_at,
    located,
    reported_at,
)
from according.events.casualties import toll
from according.events.episodes import Episode, episodes, family
from according.events.extract import (
    Detection,
    document_date,
    event_id,
    quote_at,
    refused,
    sentence_event,
    with_registry,
)
from according.events.facts import ROLE_FACTS, FactHit, decide, triggers_in
from according.events.inputs import EventInputs
from according.events.mapping import kind_of, plover_trigger, protest_mode
from according.events.merge import merge_duplicates
from according.events.roles import Role, entity_for, roles
from according.events.status import status_of
from according.records import AcledType, Entity, Event, Place, Quantity, QuantityKind, Span

_ARMED = frozenset(
    {
        "military",
        "police",
        "rebels",
        "political_militia",
        "ethnic_militia",
        "communal_militia",
        "unidentified_armed_group",
        "gang",
        "private_security",
        "external",
    }
)
_STATE = frozenset({"military", "police", "government"})
_ARMED_TYPES = frozenset({"state_forces", "rebels", "militia", "armed_group"})
_PROTEST_LABELS = frozenset({"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"})
_RIOT_LABELS = frozenset({"VIOL_DEMONSTR", "MOB_VIOL"})
_INTERVENED = frozenset({"PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"})
# Kinds of violence in which someone unnamed acted: ACLED names them by class.
_VIOLENT = frozenset(
    {
        "ATTACK",
        "ARMED_CLASH",
        "ABDUCT_DISSAP",
        "SEX_VIOL",
        "REM_EXPLOS",
        "GRENADE",
        "SUIC_BOMB",
        "PROPERTY_DISTRUCT",
    }
)
# One figure of each kind per event: the episode's toll, groups added up.
_TOLLS: tuple[QuantityKind, ...] = ("fatalities", "injured", "arrested")
_ON_CIVILIANS = frozenset({"ATTACK", "ABDUCT_DISSAP", "SEX_VIOL"})


@lru_cache(maxsize=4096)
def _class_of_words(words: str) -> str | None:
    return acled_actors.actor_class(words)


def _class_of(entity: Entity) -> str | None:
    """Asked several times an entity (arguments, rule facts, ACLED names): cached."""
    return _class_of_words(entity.text) or _class_of_words(entity.name)


def _who(inputs: EventInputs, found: Sequence[Role]) -> list[Entity]:
    """Entities for parsed roles, keeping only what can act or suffer: a known or named
    entity, or a phrase ACLED has a class for ("six armed men", "a police patrol"), not
    "unspecified weapons" or "a total of 6 explosions"."""
    text = inputs.text
    out: list[Entity] = []
    for role in found:
        entity = entity_for(role, inputs.entities, inputs.places, text)
        if entity is None:
            continue
        if entity.id is None and not _class_of(entity):
            # "an Afghan military APC": the phrase says what the NER entity does not
            phrase = Entity(
                text=role.text,
                name=role.text,
                kind="group",
                span=Span.of(text, role.start, role.end),
            )
            if _class_of(phrase):
                entity = phrase
        named = entity.span is not None and (entity.span.start, entity.span.end) != (
            role.start,
            role.end,
        )
        if entity.id is not None or (named and entity.kind != "group") or _class_of(entity):
            out.append(with_registry(inputs, entity))
    return out


def _armed_named(entity: Entity) -> bool:
    """A named group the registry knows to be armed (Al Shabaab, the SDF, the army)."""
    return entity.kind == "armed_group" or getattr(entity, "actor_type", None) in _ARMED_TYPES


def _is_armed(entity: Entity) -> bool:
    return _class_of(entity) in _ARMED or _armed_named(entity)


def _role_facts(actors: Sequence[Entity], targets: Sequence[Entity]) -> set[str]:
    facts: set[str] = set()
    for entity in actors:
        cls = _class_of(entity)
        if _is_armed(entity):
            facts.add("actor_armed")
        if cls in _STATE:
            facts.add("actor_state")
        if cls in ("protesters", "labour"):
            facts.add("actor_protesters")
        if cls == "rioters":
            facts.add("actor_rioters")
        if cls in ("civilians", "labour", "protesters", "rioters"):
            facts.add("actor_unarmed")
    for entity in targets:
        facts.add("target_known")
        cls = _class_of(entity)
        if _is_armed(entity):
            facts.add("target_armed")
        elif cls == "civilians":
            facts.add("target_civilian")
    return facts & set(ROLE_FACTS)


def _territory(label: str, actors: Sequence[Entity]) -> str:
    """ACLED types ground changing hands by who took it."""
    if label != "TERRITORY":
        return label
    state = any(_class_of(a) in _STATE for a in actors)
    return "GOV_REGAINS_TERIT" if state else "NON_STATE_ACTOR_OVERTAKES_TER"


def _country(places: Sequence[Place], report_country: str | None) -> str | None:
    """The country an event's actors are named for: the one most of its places are in,
    the report's own country breaking a tie (one misresolved village does not make
    "Protesters (Brazil)" of a protest in Venezuela), else the first place's."""
    votes: dict[str, float] = dict(Counter(p.country for p in places if p.country))
    if not votes:
        return report_country
    if report_country is not None:
        votes[report_country] = votes.get(report_country, 0) + 0.5
    best = max(votes.values())
    first = next(p.country for p in places if p.country)
    leaders = [c for c, n in votes.items() if n == best]
    return first if first in leaders else leaders[0]


def report_country(places: Sequence[Place]) -> str | None:
    """The country most of the report's locative places are in (None when none is)."""
    counted = Counter(
        p.country for p in places if p.country and getattr(p, "role", None) in ("location", "near")
    )
    return counted.most_common(1)[0][0] if counted else None


def _named(entity: Entity, cls: str | None, country: str | None) -> Entity:
    """The entity with ACLED's name for it and its inter code, kept beside the words
    (arguments arrive with the registry's ``actor_type`` already, ``with_registry``)."""
    actor_type = getattr(entity, "actor_type", None)
    if cls is not None:
        name = acled_actors.acled_name(acled_actors.primary_class(cls), country)
        inter = acled_actors.inter_code(acled_actors.primary_class(cls))
    else:
        name = entity.name
        inter = acled_actors.inter_code(actor_type) if actor_type else 0
    update: dict[str, object] = {"acled_name": name, "inter": inter}
    if entity.id is None and entity.kind == "group" and cls is not None:
        update["name"] = name  # a phrase ("six armed men") is named by its class
    return entity.model_copy(update=update)


def _generic(cls: str, country: str | None) -> Entity:
    """An actor the text implies but does not name (the protesters of a protest)."""
    name = acled_actors.acled_name(cls, country)
    return Entity(
        text=name,
        name=name,
        kind="group",
        span=None,
        acled_name=name,
        inter=acled_actors.inter_code(cls),
    )


def _ensure_class(
    entities: list[Entity], cls: str, country: str | None, first: bool
) -> list[Entity]:
    """``entities`` with one of class ``cls`` (ACLED's actor for this type), put first."""
    same = [e for e in entities if acled_actors.primary_class(_class_of(e) or "") == cls]
    if same:
        return same + [e for e in entities if e not in same] if first else entities
    generic = _generic(cls, country)
    return [generic, *entities] if first else [*entities, generic]


def _shape_roles(
    label: str,
    actors: list[Entity],
    targets: list[Entity],
    country: str | None,
) -> tuple[list[Entity], list[Entity]]:
    """ACLED's actor conventions for a type: protesters are the actors of a protest and
    the police its second actor when they intervene; rioters of a riot; an unnamed
    attacker is an unidentified armed group; victims of an attack are civilians."""
    if label in _PROTEST_LABELS:
        actors = [a for a in actors if _class_of(a) not in _STATE]
        police = [t for t in targets if _class_of(t) in _STATE]
        actors = _ensure_class(actors, "protesters", country, first=True)
        targets = police if label in _INTERVENED else []
        if label in _INTERVENED and not targets:
            targets = [_generic("police", country)]
        return actors, targets
    if label in _RIOT_LABELS:
        return _ensure_class(actors, "rioters", country, first=True), targets
    if label in _VIOLENT:
        if not actors:
            actors = [_generic("unidentified_armed_group", country)]
        if label in _ON_CIVILIANS and not any(_is_armed(t) for t in targets):
            targets = _ensure_class(targets, "civilians", country, first=True)
    return actors, targets


def _counts(inputs: EventInputs, episode: Episode) -> tuple[list[Quantity], int | None]:
    text = inputs.text
    counts = [
        q
        for q in event_counts(inputs.claims, episode.start, episode.end)
        if q.kind == "participants"
    ]
    tolls = {kind: toll(text, kind, episode.start, episode.end) for kind in _TOLLS}
    for kind, found in tolls.items():
        if found is not None:
            counts.append(
                Quantity(
                    kind=kind,
                    value=found.value,
                    bound=found.bound,  # type: ignore[arg-type]
                    text=found.text,
                    span=Span.of(text, found.start, found.end),
                )
            )
    dead = tolls["fatalities"]
    return counts, (dead.value if dead is not None else None)


_LABEL_FAMILY: dict[str, str] = {
    **dict.fromkeys(_PROTEST_LABELS | _RIOT_LABELS, "protest"),
    "ARREST": "arrest",
    **dict.fromkeys(
        (
            "TERRITORY",
            "GOV_REGAINS_TERIT",
            "NON_STATE_ACTOR_OVERTAKES_TER",
            "NON_VIOL_TERRIT_TRANSFER",
            "DISR_WEAP",
            "HQ_ESTABLISHED",
            "AGREEMENT",
            "CHANGE_TO_GROUP_ACT",
        ),
        "strategic",
    ),
}


def _trigger_for(label: str, episode: Episode) -> FactHit:
    """The first event word of the first sentence that belongs to the label's kind."""
    wanted = _LABEL_FAMILY.get(label, "violence")
    s_start, s_end = episode.sentences[0]
    for hit in triggers_in(episode.hits):
        if s_start <= hit.start < s_end and family(hit.fact) == wanted:
            return hit
    return episode.trigger


def _arguments(
    inputs: EventInputs, episode: Episode, parse: Parsed, trigger: FactHit
) -> tuple[list[Entity], list[Entity]]:
    """Actors and targets of the trigger, from the parse; with no subject parsed (a
    long sentence misparsed), the named entities before the trigger in its clause (in
    the quoted words, when it is quoted), as v1 takes them."""
    actor_roles, target_roles = roles(parse, inputs.text, (trigger.start, trigger.end))
    actors = _who(inputs, actor_roles)
    targets = _who(inputs, target_roles)
    if not actors:
        s_start, s_end = episode.sentences[0]
        quote = quote_at(inputs.quotes, trigger.start)
        if quote is not None and quote.span is not None:
            # in reported words, the speaker outside them says so; it did not do it
            s_start, s_end = max(s_start, quote.span.start), min(s_end, quote.span.end)
        found = actors_and_targets(
            inputs.entities,
            inputs.places,
            inputs.text,
            (s_start, s_end),
            (trigger.start, trigger.end),
        )[0]
        actors = [with_registry(inputs, e) for e in found]
    return actors, targets


def _episode_event(
    inputs: EventInputs,
    episode: Episode,
    parse: Parsed,
    country: str | None,
    seen_in_quote: set[tuple[int, str]],
) -> Event | None:
    text = inputs.text
    s_start, s_end = episode.sentences[0]
    trigger = episode.trigger
    actors, targets = _arguments(inputs, episode, parse, trigger)
    label = decide(set(episode.facts) | _role_facts(actors, targets))
    if label is None:
        return None
    # the event's own word anchors its arguments: in "after police beating, traders
    # staged a protest" the protest's, not the beating's
    better = _trigger_for(label, episode)
    if better != trigger:
        trigger = better
        actors, targets = _arguments(inputs, episode, parse, trigger)
    label = _territory(label, actors)
    quote = quote_at(inputs.quotes, trigger.start)
    kind = kind_of(label)
    if kind.category is None or not kind.event_type or not kind.sub_event_type:
        return None
    places = episode.places  # the event sentence's, else the episode's or its scene's
    when = event_when(inputs.dates, text, (s_start, s_end), (trigger.start, trigger.end))
    counts, dead = _counts(inputs, episode)
    sentence = text[s_start:s_end]
    anchored = when is not None or episode.date is not None or bool(counts) or located(places)
    # An event is pinned to a day, a place or a toll; "attacked his rival as a fraud" is not.
    if not anchored or refused(sentence, trigger.start - s_start, trigger.end - s_start, True):
        return None
    places = places or filed_at(inputs.places) or reported_at(inputs.places)
    if quote is not None:
        key = (quote.span.start, kind.category)
        if key in seen_in_quote:
            return None
        seen_in_quote.add(key)
    country = _country(places, country)
    actors, targets = _shape_roles(label, actors, targets, country)
    actors = [_named(a, _class_of(a), country) for a in actors]
    targets = [_named(t, _class_of(t), country) for t in targets]
    status = status_of(sentence, trigger.start - s_start, trigger.end - s_start, quote is not None)
    source = list(quote.source) if quote is not None and quote.source else [inputs.source]
    mode = (
        protest_mode(text[trigger.start : trigger.end], kind.mode)
        if kind.category == "PROTEST"
        else kind.mode
    )
    return Event(
        id=event_id(inputs.document_id, s_start, s_end),
        category=kind.category,
        mode=mode,
        acled=AcledType(event_type=kind.event_type, sub_event_type=kind.sub_event_type),
        actors=actors,
        targets=targets,
        places=places,
        when=when or episode.date or document_date(inputs),
        counts=counts,
        status=status,
        source=source,
        evidence=[Span.of(text, s, e) for s, e in episode.sentences],
        confidence=0.8 if status != "hypothetical" else 0.6,
        label=label,
        trigger=Span.of(text, trigger.start, trigger.end),
        fatalities=dead if dead is not None else 0,
        facts=sorted(episode.facts),
    )


def events_v2(inputs: EventInputs) -> list[Event]:
    """Every event of the document, in text order (see the module docstring)."""
    text = inputs.text
    # the dateline is a sentence of its own: no happening, no evidence of one
    sentences = [(s, e) for s, e in inputs.sentences if not in_dateline(text, s, e)]
    found, _outside = episodes(text, sentences, inputs.dates, inputs.places)
    parsed = parse_sentences(text, [e.sentences[0] for e in found], inputs.spacy_model)
    country = report_country(inputs.places)
    events: list[Event] = []
    covered: set[tuple[int, int]] = set()
    seen_in_quote: set[tuple[int, str]] = set()
    for episode, parse in zip(found, parsed, strict=True):
        event = _episode_event(
            inputs,
            episode,
            parse,
            country,
            seen_in_quote,
        )
        covered.update(episode.sentences)
        if event is not None:
            events.append(event)
    # The kinds ACLED does not code (summits, sanctions, threats, demands, accusations)
    # come from v1's PLOVER words, sentence by sentence, in sentences without an event
    # word of ACLED's kinds; ACLED's kinds only come from episodes.
    eventful = {s for episode in found for s in episode.eventful}
    for start, end in sentences:
        plover = None if (start, end) in eventful else plover_trigger(text[start:end])
        if plover is None:
            continue
        category, mode, t_start, t_end = plover
        det = Detection(None, category, mode, None, t_start, t_end, 0.4)
        event = sentence_event(inputs, start, end, det, seen_in_quote)
        if event is not None:
            events.append(event)
    events.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
    return merge_duplicates(events)
