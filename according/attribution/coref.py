"""Resolving "he", "the official", "the regime's officials" to a named speaker before them.

Why this small rule set and not a neural coreference model: speakers in news reports are
few, named once in full and then referred to by pronoun or by their title. Taking the
nearest earlier named speaker that fits (a person for "he", someone whose role holds
"commander" for "the commander") is right for the pattern news uses, costs nothing, and
fails visibly (an unresolved mention keeps its own words) rather than silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from according.attribution.lexicon import PERSON_NOUNS
from according.records import Entity

_PERSONAL = frozenset({"he", "she", "him", "her", "i"})
_PLURAL = frozenset({"they", "we", "them"})
_DEFINITE = re.compile(
    r"^(?:the|this|that|these|those)\s+(?:[\w\u2019'-]+\s+){0,3}?([a-z]+)$", re.IGNORECASE
)
# Indefinite mentions ("a source", "sources", "an official") introduce someone new.
_INDEFINITE = re.compile(r"^(?:an?|one|some|several|two|three|many|other)\b|^[a-z]+s$")


def needs_resolution(mention: str) -> bool:
    """True for a pronoun or a definite description that stands for an earlier speaker."""
    words = mention.strip().lower()
    if words in _PERSONAL or words in _PLURAL:
        return True
    match = _DEFINITE.match(words)
    return bool(match and _singular(match.group(1)) in PERSON_NOUNS)


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and noun[:-1] in PERSON_NOUNS:
        return noun[:-1]
    return noun


def resolve(mention: str, start: int, candidates: Sequence[Entity]) -> Entity | None:
    """The entity ``mention`` (at offset ``start``) refers to, or None.

    ``candidates`` are earlier named speakers and named people, each with a span; the
    nearest fitting one before ``start`` wins. Fitting: a person for a personal
    pronoun; an organisation or outlet, else a person, for "they"; for a description,
    first someone whose role names the same thing, then any person.
    """
    words = mention.strip().lower()
    before = [c for c in candidates if c.span is not None and c.span.end <= start]
    before.sort(key=lambda c: c.span.start if c.span else 0)
    if not before or (_INDEFINITE.match(words) and words not in _PLURAL):
        return None
    people = [c for c in before if c.kind == "person"]
    if words in _PERSONAL:
        return people[-1] if people else None
    if words in _PLURAL:
        bodies = [c for c in before if c.kind in ("organization", "media", "state", "group")]
        return bodies[-1] if bodies else None
    match = _DEFINITE.match(words)
    if not match:
        return None
    noun = _singular(match.group(1))
    if noun not in PERSON_NOUNS:
        return None
    fitting = [c for c in people if c.role and noun in c.role.lower()]
    if fitting:
        return fitting[-1]
    return people[-1] if people and not words.endswith("s") else None
