"""Who did it and to whom, from the dependency parse of the event's sentence.

Why syntax rather than word order: "a man was shot to death by two armed men" names
the actor after the verb and the victim before it; "clashes between X and Y" names both
sides after a noun; "militants attacked a patrol, killing five soldiers" gives the
participle its subject from the main verb. The subject (or the passive's agent) of the
event verb is the actor, its object (or the passive subject, or what it was fired *on*)
the target. The parser already runs for quotes; here it runs on one sentence an event.

A role is a stretch of the sentence (a noun phrase with what modifies it). It becomes
an Entity: the registry or NER entity inside it where there is one (so "Al Shabaab
militants" is Al Shabaab), else the phrase itself ("six armed men"), which
``according.events.acled_actors`` can still class. Places are never actors or targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from according.records import Entity, Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from according.attribution.parse import Parsed

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "obj"})
_TARGET_PREPS = frozenset({"on", "at", "upon", "against", "towards", "toward"})
# "clashed with X", "fought with X": the other side; "fired with weapons" is no target.
_WITH_VERBS = ("clash", "fought", "fight", "exchang", "engag", "battl", "scuffl")
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "relcl", "pcomp"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "them", "him", "her", "who", "which", "that"})
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december morning evening night "
    "afternoon day week month year today yesterday".split()
)


@dataclass(frozen=True)
class Role:
    """A role's words: the noun phrase and where it stands in the text."""

    start: int
    end: int
    text: str


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _verb_like(token: Token) -> bool:
    """The parser-only pipeline has no tagger, so a verb is known by its dependents."""
    if token.dep_ in ("ROOT", "advcl", "xcomp", "relcl", "ccomp", "pcomp", "acl"):
        return True
    return any(
        c.dep_ in _SUBJECTS or c.dep_ in _PASSIVE_SUBJECTS or c.dep_ in ("dobj", "agent", "auxpass")
        for c in token.children
    )


def _verb_of(token: Token) -> Token:
    """The verb a trigger word belongs to: itself, or the verb that takes it as subject
    or object ("clashes were reported", "carried out an attack")."""
    if _verb_like(token) and token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return token
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "compound"):
        return token.head
    return token


def _date_like(token: Token) -> bool:
    words = {t.lower_ for t in token.subtree}
    return bool(words & _TIME_WORDS) or any(t.like_num and len(t.text) == 4 for t in token.subtree)


def _right_end(token: Token, depth: int = 0) -> int:
    """Where a noun phrase ends: the noun, or the end of an "of X" right after it
    (recursively), but no clause or place phrase that follows."""
    right = token.idx + len(token.text)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == token.i + 1 and depth < 3:
            objects = [p for p in child.children if p.dep_ == "pobj"]
            if objects:
                right = max(right, _right_end(objects[0], depth + 1))
    return right


def _phrase(token: Token, parsed: Parsed, text: str) -> Role | None:
    """The noun phrase ``token`` heads, with what stands before it in its subtree and
    any "of X" after it (the positions *of the military forces of Azerbaijan*), mapped
    back to the text."""
    if token.lower_ in _PRONOUNS:
        return None
    right = _right_end(token)
    left = token.left_edge.idx
    start, end = parsed.char(left), parsed.char(right)
    if end <= start:
        return None
    return Role(start, end, text[start:end])


def _conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def _subject(verb: Token) -> list[Token]:
    """The verb's own subject, or the one it shares: a participle ("..., killing five")
    or a conjoined verb ("ambushed a unit and killed one") takes its head's."""
    seen = 0
    while seen < 4:
        found = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if found:
            return found
        if verb.dep_ in _CLAUSE_DEPS and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def roles(parsed: Parsed, text: str, trigger: tuple[int, int]) -> tuple[list[Role], list[Role]]:
    """Actor and target phrases of the event whose trigger is at ``trigger``."""
    doc = parsed.doc
    t_start, t_end = trigger
    inside = [
        t for t in doc if parsed.char(t.idx) < t_end and t_start < parsed.char(t.idx + len(t.text))
    ]
    if not inside:
        return [], []
    token = min(inside, key=_depth)
    verb = _verb_of(token)
    actors: list[Token] = []
    targets: list[Token] = []
    passive = any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    with_ok = token.lower_.startswith(_WITH_VERBS) or verb.lower_.startswith(_WITH_VERBS)
    for prep in preps:
        if prep.lower_ in _TARGET_PREPS or (with_ok and prep.lower_ == "with"):
            targets.extend(p for p in prep.children if p.dep_ == "pobj" and not _date_like(p))
            break
    for child in verb.children:
        if child.dep_ == "agent":
            actors.extend(p for p in child.children if p.dep_ == "pobj")
        elif child.dep_ in _PASSIVE_SUBJECTS:
            targets.append(child)
        elif child.dep_ in _OBJECTS and not _date_like(child):
            targets.append(child)
    # "clashes between X and Y": both sides after a noun (or its verb)
    for head in {token, verb}:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                sides = [p for p in child.children if p.dep_ == "pobj"]
                if sides:
                    both = _conjuncts(sides[0])
                    actors = actors or both[:1]
                    targets = both[1:] or targets
    if not actors and not passive:
        actors = _subject(verb)
    return (
        _roles(actors, parsed, text),
        _roles(targets, parsed, text),
    )


def _roles(tokens: Sequence[Token], parsed: Parsed, text: str) -> list[Role]:
    out: list[Role] = []
    for token in tokens:
        for each in _conjuncts(token):
            role = _phrase(each, parsed, text)
            if role is not None and role not in out:
                out.append(role)
    return out


def entity_for(
    role: Role, entities: Sequence[Entity], places: Sequence[Place], text: str
) -> Entity | None:
    """The Entity a role names: a known or NER entity inside it, else the phrase. None
    when the phrase is only a place ("Tehran" is where, not who)."""
    place_spans = [(p.span.start, p.span.end) for p in places if p.span is not None]
    inside = [
        e
        for e in entities
        if e.span is not None
        and role.start <= e.span.start
        and e.span.end <= role.end
        and e.kind != "media"
        and (
            e.id is not None or not any(a < e.span.end and e.span.start < b for a, b in place_spans)
        )
    ]
    if inside:
        return max(inside, key=_known_and_wide)
    covered = sum(
        min(b, role.end) - max(a, role.start)
        for a, b in place_spans
        if a < role.end and role.start < b
    )
    words = role.text.strip()
    if not words or covered >= len(words) * 0.6:
        return None
    return Entity(text=words, name=words, kind="group", span=Span.of(text, role.start, role.end))


def _known_and_wide(entity: Entity) -> tuple[bool, int]:
    """Rank of an entity inside a role: one the actor list knows, then the widest."""
    width = entity.span.end - entity.span.start if entity.span is not None else 0
    return entity.id is not None, width
