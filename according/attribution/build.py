"""From attributions to records: Quote and Claim with their chains of attribution.

Why the chain is built here and not in the grammar: a hop needs the document's outlet
(the page), the registry's canonical outlet names (a relay), and the dates stage's
TimeSpans (when it was said); the grammar only knows the text.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence

from according.attribution.claims import find_claims
from according.attribution.grammar import Attribution
from according.attribution.kinds import quote_kind
from according.attribution.marks import clean_quote_text, find_quoted
from according.attribution.speakers import Lookup, document_roles, speaker_entity
from according.attribution.when import timespan_for
from according.records import Claim, Entity, Hop, HopKind, Quote, Span, TimeSpan


def stable_id(document_id: str, kind: str, start: int, end: int) -> str:
    """Same document, same span -> same id, across runs and machines."""
    digest = hashlib.sha256(f"{document_id}:{kind}:{start}:{end}".encode()).hexdigest()
    return f"{kind}:{digest[:16]}"


def _hop_kind(entity: Entity) -> HopKind:
    if entity.kind == "media":
        return "outlet"
    return "person" if entity.kind == "person" else "organization"


def build_quotes(
    text: str,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity],
    dates: Sequence[TimeSpan],
    document_hop: Hop,
    document_id: str,
    lookup: Lookup | None = None,
) -> list[Quote]:
    """One Quote per attribution, its source chain outermost first: the page, any relay
    (an outlet that "quoted X as saying", or a speaker whose reported words contain the
    attribution), then the speaker."""
    roles = document_roles(text, entities)
    named = [e for e in entities if e.kind in ("person", "media", "organization", "state", "group")]
    quotes: list[Quote] = []
    by_content: list[tuple[Attribution, Entity | None]] = []
    # Named entities and the speakers found so far, by offset: kept sorted as speakers
    # are added rather than sorted again for every quote (that made the cost of a long
    # document grow with the square of its quotes). The order is the one
    # sorted(speakers + named) gave: by offset, speakers before names at the same one.
    keys = sorted(((_start(e), 1, j) for j, e in enumerate(named)))
    earlier = [named[j] for _, _, j in keys]
    for att in attributions:
        speaker = None
        if att.speaker is not None:
            speaker = speaker_entity(
                text, att.speaker, att.appositive, entities, roles, earlier, lookup
            )
            if att.antecedent is not None:
                speaker = _through_relative(
                    text, speaker, att.antecedent, entities, roles, earlier, lookup
                )
            if speaker.name != speaker.text or speaker.kind == "person":
                key = (_start(speaker), 0, len(keys))
                at = bisect.bisect_right(keys, key)
                keys.insert(at, key)
                earlier.insert(at, speaker)
        when = timespan_for(*att.clause, dates, text) if att.clause else None
        chain = [document_hop]
        outer = _enclosing(att, by_content)
        if att.relay is not None:
            relay = speaker_entity(text, att.relay, None, entities, roles, [], lookup)
            chain.append(
                Hop(
                    kind=_hop_kind(relay),
                    name=relay.name,
                    cue=att.relay_cue,
                    span=relay.span,
                )
            )
        elif outer is not None:
            chain.append(
                Hop(
                    kind=_hop_kind(outer),
                    name=outer.name,
                    role=outer.role,
                    span=outer.span,
                )
            )
        if speaker is not None:
            chain.append(
                Hop(
                    kind=_hop_kind(speaker),
                    name=speaker.name,
                    role=speaker.role,
                    cue=att.cue_word,
                    when=when,
                    span=speaker.span,
                )
            )
        by_content.append((att, speaker))
        start, end = att.content
        quotes.append(
            Quote(
                id=stable_id(document_id, "quote", start, end),
                text=attributed_words(text, att),
                direct=att.direct,
                kind=quote_kind(att.cue_word),
                speaker=speaker,
                cue=att.cue_word,
                venue=att.venue,
                when=when,
                source=chain,
                span=Span.of(text, start, end),
            )
        )
    return quotes


def _through_relative(
    text: str,
    pronoun: Entity,
    antecedent: tuple[int, int],
    entities: Sequence[Entity],
    roles: dict[str, str],
    earlier: Sequence[Entity],
    lookup: Lookup | None,
) -> Entity:
    """A relative-pronoun speaker ("who") named after the noun it stands for: the
    mention stays the pronoun, the name, kind and role are the antecedent's."""
    named = speaker_entity(text, antecedent, None, entities, roles, earlier, lookup)
    return named.model_copy(
        update={
            "text": pronoun.text,
            "span": pronoun.span,
            "resolved_from": Span.of(text, *antecedent),
        }
    )


def attributed_words(text: str, att: Attribution) -> str:
    """The attributed words alone. A Span is one stretch, so when the cue interrupts
    the words ("“A,” he said. “B.”", "A, the campaign said, B") the span runs from the
    first part to the last and the text leaves out the cue between them."""
    start, end = att.content
    if att.direct and att.quoted:
        return " ".join(clean_quote_text(text, q) for q in att.quoted)
    if att.clause is not None and start < att.clause[0] and att.clause[1] < end:
        head = text[start : att.clause[0]].rstrip(" ,\u2014-")
        tail = text[att.clause[1] : end].lstrip(" ,\u2014-")
        return f"{head} {tail}"
    return text[start:end]


def _enclosing(
    att: Attribution, earlier: Sequence[tuple[Attribution, Entity | None]]
) -> Entity | None:
    """The speaker whose reported words contain this attribution's cue (a relay)."""
    if att.cue is None:
        return None
    for other, speaker in earlier:
        if other is not att and other.content[0] <= att.cue[0] < other.content[1]:
            return speaker
    return None


def build_claims(
    text: str,
    quotes: Sequence[Quote],
    dates: Sequence[TimeSpan],
    entity_spans: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    document_hop: Hop,
    document_id: str,
) -> list[Claim]:
    """Claims, each with the source chain of the quote it stands in, else of the
    attributed sentence it stands in, else the page's own."""
    exclude = [(d.span.start, d.span.end) for d in dates if d.span is not None]
    exclude += list(entity_spans)
    claims: list[Claim] = []
    for found in find_claims(text, exclude, sentences):
        source = [document_hop]
        for quote in quotes:
            if quote.span.start <= found.start < quote.span.end + 1:
                source = list(quote.source)
                break
        else:
            sentence = next(((s, e) for s, e in sentences if s <= found.start < e), None)
            for quote in quotes:
                if sentence and quote.speaker is not None and quote.speaker.span is not None:
                    said = quote.speaker.span
                    if found.start < said.end and said.start < found.end:
                        continue  # "Hundreds of farmers ... demanding": the count is of them
                    if sentence[0] <= said.start < sentence[1]:
                        source = list(quote.source)
                        break
        claims.append(
            Claim(
                id=stable_id(document_id, "claim", found.start, found.end),
                text=found.text,
                value=found.value,
                bound=found.bound,
                unit=found.unit,
                source=source,
                span=Span.of(text, found.start, found.end),
            )
        )
    return claims


__all__ = ["build_claims", "build_quotes", "find_quoted", "stable_id"]


def _start(entity: Entity) -> int:
    return entity.span.start if entity.span else 0
