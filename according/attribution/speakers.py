"""Who a speaker is: the named entity behind a mention, with role and affiliation.

Roles are read once per document, from titles before a name ("the regime's Supreme
Leader Ali Khamenei") and appositives after it ("Hossein Ashtari, the Commander of State
Security Forces (SSF)"), and carried to every later mention of the same person: news
names a title once and then writes "Khamenei said".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from according.attribution.coref import needs_resolution, resolve
from according.attribution.lexicon import OUTLET_WORDS, PERSON_NOUNS, TITLE_WORDS
from according.records import Entity, EntityKind, Span

_STOP = frozenset({"the", "a", "an", "and", "of", "by", "to", "in", "on", "with", "for"})
_APPOSITIVE = re.compile(
    r",\s+((?:(?:the|a|an|its|his|her|their|one\s+of|a\s+former|former)\s+)?"
    r"[^,.;:\u201c\u201d\"]{2,90}?)(?=,|\.|;|:|\s+(?:said|told|says|wrote|added)\b)",
    re.IGNORECASE,
)
_OF_BODY = re.compile(r"\bof\s+(?:the\s+)?((?:[A-Z][\w&'\u2019-]*\s*){1,6}(?:\([A-Z]+\))?)")
_POSSESSOR = re.compile(r"\b(?:the\s+)?([\w-]+)[\u2019']s\s", re.IGNORECASE)


class KnownActor(Protocol):
    """What a speaker needs of an actor-list entry (``registry.ActorEntry``), so that
    attribution does not depend on the list's module."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> EntityKind: ...
    @property
    def is_outlet(self) -> bool: ...


# The actor list's lookup by name: the entry a mention names, or None.
Lookup = Callable[[str], KnownActor | None]


def _pre_title(text: str, start: int) -> str | None:
    words = text[max(0, start - 80) : start].split()
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:()")
        if bare != word or bare.lower() in _STOP or bare.endswith(("\u2019s", "'s")):
            break
        if bare.lower() in TITLE_WORDS or (bare[:1].isupper() and taken):
            taken.append(bare)
            continue
        break
    taken.reverse()
    if not any(w.lower() in PERSON_NOUNS or w.lower() in TITLE_WORDS for w in taken):
        return None
    return " ".join(taken) or None


def _title_inside(ent: Entity) -> str | None:
    """A registry alias may carry the title: "Supreme Leader Ali Khamenei"."""
    first = ent.name.split()[0] if ent.name.split() else ""
    at = ent.text.find(first) if first else -1
    prefix = ent.text[:at].strip() if at > 0 else ""
    words = {w.lower() for w in prefix.split()}
    return prefix if words & TITLE_WORDS else None


def _appositive_role(text: str, end: int) -> str | None:
    match = _APPOSITIVE.match(text, end)
    if match is None:
        return None
    role = match.group(1).strip()
    words = {w.strip("()").lower() for w in role.split()}
    if not words & (PERSON_NOUNS | TITLE_WORDS) and not role.lower().startswith("one of"):
        return None
    return clean_role(role)


def clean_role(role: str) -> str:
    """Drop the leading article: "the Commander of X" -> "Commander of X"."""
    return re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.IGNORECASE)


def affiliation_of(role: str | None) -> str | None:
    """The body a role names: "Commander of State Security Forces (SSF)" -> "State
    Security Forces"; "one of the regime's officials" -> "regime"."""
    if not role:
        return None
    match = _OF_BODY.search(role)
    if match:
        return re.sub(r"\s*\([A-Z]+\)$", "", match.group(1)).strip() or None
    match = _POSSESSOR.search(role + " ")
    return match.group(1) if match else None


def document_roles(text: str, entities: Sequence[Entity]) -> dict[str, str]:
    """Role per person name (canonical), from the first mention that states one."""
    roles: dict[str, str] = {}
    for ent in entities:
        if ent.kind != "person" or ent.span is None or ent.name in roles:
            continue
        role = (
            _appositive_role(text, ent.span.end)
            or _title_inside(ent)
            or _pre_title(text, ent.span.start)
        )
        if role:
            roles[ent.name] = role
    return roles


_SPEAKER_KINDS = frozenset({"person", "media", "organization", "state", "armed_group", "group"})


def _overlapping(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The first person among the entities overlapping [start, end), else the first
    entity of a kind that speaks (first in list order).

    Called for every speaker, so it searches an index of the list (built once per list,
    see ``_by_start``) instead of scanning every entity of the document each time."""
    starts, order, longest = _by_start(entities)
    lo = bisect.bisect_left(starts, start - longest)
    hi = bisect.bisect_left(starts, end)
    best_at = None
    for at in sorted(order[lo:hi]):
        ent = entities[at]
        if ent.span is None or ent.span.end <= start or ent.kind not in _SPEAKER_KINDS:
            continue
        if best_at is None or (ent.kind == "person") > (entities[best_at].kind == "person"):
            best_at = at
    return None if best_at is None else entities[best_at]


_INDEX: dict[tuple[int, ...], tuple[Sequence[Entity], list[int], list[int], int]] = {}


def _by_start(entities: Sequence[Entity]) -> tuple[list[int], list[int], int]:
    """Span starts in order, the list positions in that order, and the longest span."""
    key = tuple(map(id, entities))
    found = _INDEX.get(key)
    if found is None:
        spanned = sorted((e.span.start, i) for i, e in enumerate(entities) if e.span is not None)
        longest = max((e.span.end - e.span.start for e in entities if e.span), default=0)
        found = (entities, [s for s, _ in spanned], [i for _, i in spanned], longest)
        if len(_INDEX) >= 4:
            _INDEX.pop(next(iter(_INDEX)))
        _INDEX[key] = found
    return found[1], found[2], found[3]


def speaker_entity(
    text: str,
    span: tuple[int, int],
    appositive: tuple[int, int] | None,
    entities: Sequence[Entity],
    roles: dict[str, str],
    earlier: Sequence[Entity],
    lookup: Lookup | None = None,
) -> Entity:
    """The Entity a speaker mention stands for. Its ``text`` and ``span`` stay the
    mention's own (so "he" is evidence in the text); ``name`` is who it is."""
    start, end = span
    mention = text[start:end]
    role = clean_role(text[appositive[0] : appositive[1]]) if appositive else None
    named = _overlapping(entities, start, end)
    if named is None and needs_resolution(mention):
        named = resolve(mention, start, earlier)
        if named is not None:
            return named.model_copy(
                update={
                    "text": mention,
                    "span": Span.of(text, start, end),
                    "role": role or named.role or roles.get(named.name),
                    "resolved_from": named.span,
                }
            )
    if named is None and lookup is not None:
        entry = lookup(mention)
        if entry is not None:
            named = Entity(
                text=mention,
                name=entry.name,
                kind="media" if entry.is_outlet else entry.kind,
                id=entry.id,
            )
    if named is not None:
        role = role or roles.get(named.name)
        if named.kind == "person" and role is None:
            role = _pre_title(text, named.span.start) if named.span else None
        return Entity(
            text=mention,
            name=named.name,
            kind=named.kind,
            id=named.id,
            role=role,
            affiliation=affiliation_of(role),
            span=Span.of(text, start, end),
        )
    bare = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)
    words = {w.lower().strip(".,") for w in bare.split()}
    kind: EntityKind = (
        "media"
        if words & OUTLET_WORDS
        else ("person" if words & PERSON_NOUNS or needs_resolution(mention) else "organization")
    )
    return Entity(
        text=mention,
        name=bare,
        kind=kind,
        role=role,
        affiliation=affiliation_of(role),
        span=Span.of(text, start, end),
    )
