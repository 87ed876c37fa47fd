"""Names that the words around them make places, known to the gazetteer or not.

ACLED-style notes and local news name villages and districts no gazetteer package
holds, and the small spaCy model tags few of them. The text itself says they are
places when a unit noun stands with the name ("Dolapeta village", "Zhari district",
"the village of Boungou") or when the name opens a bracket of units that ends in a
known province or country ("Burkan and Dhi Masal areas (Mukayras, Al Bayda)"). Such
names become mentions even without an entry; resolution then places them inside the
unit that contains them (``according.geo.context``, ``according.geo.resolve``).
The unit nouns are data (``according/data/places/context.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from according.geo.gazetteer import Candidate, Gazetteer
from according.geo.normalise import normalise
from according.geo.rules import place_words
from according.geo.spans import STOP

# A name: capitalised words, with the lower-case particles of Arabic, Persian, Romance
# and other names between them ("Dar es Salaam", "Nawa-e Barakzayi", "Kafr al Haddad").
_WORD = r"[A-Z][\w'\u2019]*(?:-[A-Za-z][\w'\u2019]*)*"
# Particles that stand between words with a space ("Dar es Salaam", "Kafr al Haddad"),
# and the short ones that are particles only joined by hyphens ("Nawa-e Barakzayi",
# "Ras-at-Tin"): "Farm at Norfolk" is two names.
_SPACED = r"(?:al|el|es|ul|ol|wa|de|del|di|du|des|da|das|do|dos|bin|ibn|ben)"
_HYPHENED = r"(?:as|ad|ash|ar|an|at|az|ech|e|i|da|do|la|le|ou|y)"
NAME = rf"{_WORD}(?:(?: {_SPACED} | |-{_SPACED}-|-{_HYPHENED}[ -]|-){_WORD})*"
# Words that open a sentence or a phrase, never a place name's first word.
_NOT_NAMES = frozenset(
    "the a an this that these those on in at of and or but as for by with from its his her "
    "their our local several two three four five some many each every other another".split()
)


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The unit pass's patterns, compiled once from the word lists.

    Names are looked for only before a unit noun found first (``noun``, then
    ``names_before`` in a window): trying a name at every capital letter of a long text
    costs more than the whole recogniser."""

    noun: re.Pattern[str]  # a unit noun, in lower case ("Islamic State" is no state)
    names_before: re.Pattern[str]  # "Burkan and Dhi Masal" before "areas"
    of_name: re.Pattern[str]  # "(village) of Boungou"
    bracket: re.Pattern[str]
    # "in Ceel Lahelay in Galgaduud", "in Cororite, Diego Martin": a locative name
    # followed by a known province or country.
    located: re.Pattern[str]
    head: re.Pattern[str]  # the name a bracket follows, past one lower-case word
    introducer: re.Pattern[str]  # a unit noun or locative word and name before a bracket
    division_tail: re.Pattern[str]  # " district" closing a bracket item


def prepare() -> None:
    """Compile the unit patterns now rather than on the first document."""
    _patterns()


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    words = place_words()
    units = words.alternation("settlement_nouns", "division_nouns")
    return _Patterns(
        noun=re.compile(rf"(?<![\w-])(?:{units})\b"),
        names_before=re.compile(rf"(?<![\w-])((?:{NAME}\s*(?:,|,?\s*and)\s+)*{NAME})\s+$"),
        of_name=re.compile(rf"\s+of\s+(?:the\s+)?({NAME})"),
        bracket=re.compile(r"\(([^()]{2,120})\)"),
        located=re.compile(
            rf"\b(?:in|near|at|outside|around|(?:area|vicinity|outskirts) of)\s+"
            rf"({NAME})\s*(?:,|\bin\b)\s*({NAME})"
        ),
        head=re.compile(rf"({NAME})(?:\s+[a-z]+)?\s*$"),
        introducer=re.compile(rf"(?:\b(?:{units})|\b(?:in|near|at)\s+(?:the\s+)?{NAME})\s*$"),
        division_tail=re.compile(rf"\s+(?:{words.alternation('division_nouns')})$", re.IGNORECASE),
    )


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name without a first word that is no name's ("The", "On")."""
    surface = text[start:end]
    first, _, rest = surface.partition(" ")
    while first.lower() in _NOT_NAMES and rest:
        start += len(first) + 1
        surface = rest
        first, _, rest = surface.partition(" ")
    if surface.lower() in _NOT_NAMES or normalise(surface) in STOP or not surface[:1].isupper():
        return None
    return start, end


def _is_unit(cands: tuple[Candidate, ...]) -> bool:
    """A province or country name (its own or an abbreviation: "AP", "J&K"), or a
    province's alternate name ("Donetsk", "Luhansk" for the oblasts GeoNames calls
    Donetska and Luhanska)."""
    return any(
        (c.feature == "country" and c.kind in ("name", "abbr"))
        or (c.feature == "admin1" and c.kind in ("name", "abbr", "alt"))
        for c in cands
    )


def unit_names(text: str, gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """(start, end) of every name the unit words make a place, in text order, possibly
    overlapping what other passes found (the caller keeps the longer)."""
    p = _patterns()
    found = _noun_names(text, gazetteer, p)
    found += _located_names(text, gazetteer, p)
    found += _bracket_names(text, gazetteer, p)
    yield from sorted(set(found))


def _noun_names(text: str, gazetteer: Gazetteer, p: _Patterns) -> list[tuple[int, int]]:
    """Names before a unit noun ("Zhari district") or after "the ... of" one."""
    found: list[tuple[int, int]] = []
    for m in p.noun.finditer(text):
        names = p.names_before.search(text, max(0, m.start() - 150), m.start())
        after = p.of_name.match(text, m.end())
        for group, base in ((names, 1), (after, 1)):
            if group is None:
                continue
            for part in re.finditer(NAME, group.group(base)):
                start = group.start(base) + part.start()
                span = _clean(text, start, start + len(part.group()))
                if span is not None and _shaped(text[span[0] : span[1]], gazetteer):
                    found.append(span)
    return found


def _located_names(text: str, gazetteer: Gazetteer, p: _Patterns) -> list[tuple[int, int]]:
    """A name placed in a province or country the gazetteer knows, and that unit
    ("in San Carlos Nuevo Guaymas, Sonora": Sonora too, which the model may tag as an
    organisation)."""
    found: list[tuple[int, int]] = []
    for m in p.located.finditer(text):
        if _is_unit(gazetteer.lookup(normalise(m.group(2)))):
            span = _clean(text, m.start(1), m.end(1))
            if span is not None:
                found.append(span)
                found.append((m.start(2), m.end(2)))
    return found


def _bracket_names(text: str, gazetteer: Gazetteer, p: _Patterns) -> list[tuple[int, int]]:
    """The names of a bracket of units ("(Mukayras, Al Bayda)") and the name before it."""
    found: list[tuple[int, int]] = []
    for m in p.bracket.finditer(text):
        items = list(re.finditer(r"[^,;]+", m.group(1)))
        last = items[-1].group().strip() if items else ""
        if not last:
            continue
        introduced = _introduced(text, m.start())
        if not _unit_bracket(items, last, introduced, gazetteer):
            continue
        for item in items:
            word = item.group()
            lead = len(word) - len(word.lstrip())
            inner = re.match(NAME, word[lead:])
            if inner:
                start = m.start(1) + item.start() + lead
                found.append((start, start + inner.end()))
        # The name the bracket follows ("Boungou (Fada Ngourma, Gourma)"), past a unit
        # noun ("Dolapeta village (Srikakulam, AP)"), when a locative word or a unit
        # noun introduces it or the gazetteer knows it.
        offset = max(0, m.start() - 80)
        head = p.head.search(text, offset, m.start())
        if head:
            span = _clean(text, head.start(1), head.end(1))
            if span is not None and (introduced or gazetteer.lookup(normalise(head.group(1)))):
                found.append(span)
    return found


def _unit_bracket(
    items: list[re.Match[str]], last: str, introduced: bool, gazetteer: Gazetteer
) -> bool:
    """Whether a bracket names places: "(Mukayras, Al Bayda)" ends in a province or
    country; "(Mayo-Sava, Extreme-Nord)" after "in Kolofata town" is a chain of names the
    words before make places. "(WHO)", "(USDA)", "(Atariac, Belgium)" after a person are
    not."""
    known = _is_unit(gazetteer.lookup(normalise(_strip_unit(last))))
    if known and len(items) == 1 and last.isupper():
        known = False  # "British Airways (BA)": an abbreviation alone is no unit
    return known or (
        2 <= len(items) <= 3
        and all(re.fullmatch(NAME, _strip_unit(i.group().strip())) for i in items)
        and introduced
    )


def _shaped(surface: str, gazetteer: Gazetteer) -> bool:
    """Not an abbreviation the gazetteer does not know ("NDS district head")."""
    return not (surface.isupper() and len(surface) <= 5) or bool(
        gazetteer.lookup(normalise(surface))
    )


def _introduced(text: str, bracket: int) -> bool:
    """A bracket after a name that a locative word or a unit noun introduces ("in
    Kolofata town (", "near Jarabulus ("), not after a person or an organisation."""
    return _patterns().introducer.search(text, max(0, bracket - 80), bracket) is not None


def _strip_unit(name: str) -> str:
    return _patterns().division_tail.sub("", name)
