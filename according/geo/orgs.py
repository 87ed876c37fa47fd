"""Places inside organisation names: which name the place, which only qualify it.

"The Washington Post", "Kenya Red Cross Society", "US Trade Representative": the model
tags the whole as an organisation; the place at its head is a mention that qualifies the
name (role ``attribute``), unless abbreviated ("U.S. Food and Drug Administration": the
writer's shorthand for whose agency it is). A place closing the name says whose it is
("Ministry of Health of Uganda", "Acme Foods Canada"), as a genitive does, unless the
institution only carries it in its name ("University of Manchester"). A place entity
that runs into an institution's name ("Santa Ana City Council") yields the place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from according.geo.gazetteer import Gazetteer
from according.geo.normalise import normalise
from according.geo.refine import NAMED_INSTITUTIONS, ORG_HEADS
from according.geo.spans import DOTTED, GENITIVE, STOP, abbreviation, case_fits

if TYPE_CHECKING:
    from spacy.tokens import Span


_BIG_TOWN = 1_000_000
# Words that open organisation names as adjectives ("Central Committee", "United Front",
# "Northern Alliance") and are also the names of some province somewhere.
_ORG_ADJECTIVES = frozenset(
    "central united northern southern eastern western general supreme royal independent "
    "democratic popular free union high grand upper lower".split()
)


def demonym_head(ent: Span, gazetteer: Gazetteer, accept: object) -> None:
    """ "Iranian Resistance", "Russian Embassy": the adjective is a country mention;
    "The Washington Post", "US Trade Representative", "New York Police Department": an
    organisation named after a country, province or big city names that place."""
    start = 1 if ent[0].lower_ == "the" else 0
    first = ent[start]
    if len(ent) - start < 2 or not (first.is_title or first.is_upper):
        return
    for size in range(min(3, len(ent) - start - 1), 0, -1):
        head = ent[start : start + size]
        if not all(t.is_alpha or t.text in ".-" or DOTTED.match(t.text) for t in head):
            continue
        key = normalise(head.text)
        if key in STOP or (size == 1 and key in _ORG_ADJECTIVES):
            continue
        cands = case_fits(head.text, gazetteer.lookup(key))
        if size == 1 and any(c.kind == "demonym" for c in cands):
            accept(head, "NORP", cands)  # type: ignore[operator]
            return
        if any(
            c.kind in ("name", "abbr")
            and (
                c.feature in ("country", "admin1", "continent")
                or (c.feature in ("capital", "city") and c.population >= _BIG_TOWN)
            )
            for c in cands
        ):
            # "U.S. Army", "UK Secretary of Health": an abbreviation is the writer's
            # shorthand for the country, whose army or minister it is; a name spelt out
            # ("United States Department of Agriculture", "China Daily") is the
            # organisation's own, the place in it only qualifies it.
            rest = ent[start + size :]
            named = (
                (head.start_char, ent.end_char)
                if not abbreviation(head.text)
                and rest[0].lower_ not in GENITIVE
                and any(t.lower_ in ORG_HEADS for t in rest)
                else None
            )
            accept(head, "ORG", cands, named)  # type: ignore[operator]
            return


def owner_tail(ent: Span, gazetteer: Gazetteer, accept: object) -> None:
    """ "Ministry of Health of Uganda", "Bank of America", "Taco Bell Canada": a country
    (or, after "of", a province or a city of 100,000) closing an organisation's name
    says whose it is, as a genitive does: a mention of the place, not a qualifier. A
    university, company or newspaper "of" a place only carries it in its name."""
    if len(ent) < 2:
        return
    of = max((i for i, t in enumerate(ent) if t.lower_ == "of"), default=None)
    first = of + 1 if of is not None else len(ent) - 1
    if first < len(ent) and ent[first].lower_ == "the":
        first += 1
    tail = ent[first:]
    if not len(tail) or not all(t.is_title or t.is_upper for t in tail if t.is_alpha):
        return
    cands = case_fits(tail.text, gazetteer.lookup(normalise(tail.text)))
    owners = ("country", "admin1", "continent") if of is not None else ("country",)
    if any(
        c.kind in ("name", "abbr")
        and (
            c.feature in owners
            or (of is not None and c.feature in _TOWNS and c.population >= 100_000)
        )
        for c in cands
    ):
        named = None
        if of is not None and any(t.lower_ in NAMED_INSTITUTIONS for t in ent[:of]):
            # "University of Manchester", "Peanut Corporation of America": the place is
            # part of the institution's own name, as in "Manchester University"
            opening = ent[1].idx if ent[0].lower_ == "the" else ent.start_char
            named = (opening, ent.end_char)
        accept(tail, "ORG", cands, named)  # type: ignore[operator]


_TOWNS = ("city", "capital")


def place_opens_name(ent: Span, gazetteer: Gazetteer, accept: object) -> bool:
    """ "Santa Ana City Council", "Buffalo Science Magnet School", "Dresden Zoo": a
    place entity the gazetteer does not know as a whole, whose first words are a place
    and whose rest names an institution. The place is a mention that qualifies it."""
    first = 1 if ent[0].lower_ == "the" else 0
    heads = [
        i for i in range(first + 1, len(ent)) if ent[i].lower_ in ORG_HEADS and ent[i].is_title
    ]
    if not heads:
        return False
    for size in range(min(4, heads[0] - first), 0, -1):
        head = ent[first : first + size]
        key = normalise(head.text)
        if key in STOP or not all(t.is_title or t.is_upper for t in head):
            continue
        cands = case_fits(head.text, gazetteer.lookup(key))
        if any(c.kind in ("name", "abbr") for c in cands):
            accept(head, ent.label_, cands, (head.start_char, ent.end_char))  # type: ignore[operator]
            return True
    return False
