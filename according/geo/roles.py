"""What the words around a place mention say about it: its role in the sentence.

"in Tehran" is where something happened (``location``), "near", "from" and "to" say
more or less, "Iranian officials" only qualifies someone (``attribute``), and "according
to Reuters" names a source, not a destination. Which places an event happened in is
decided later by the events stage from these roles, so they are kept on every Place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from according.geo.context import Hint
from according.geo.recognise import Mention
from according.geo.rules import place_words
from according.records import Place

ROLE_BY_WORD = {
    "in": "location",
    "at": "location",
    "inside": "location",
    "near": "near",
    "outside": "near",
    "around": "near",
    "across": "location",
    "throughout": "location",
    "from": "origin",
    "to": "destination",
    "into": "destination",
    "towards": "destination",
    "toward": "destination",
}


# Unions of states: organisations that act ("the EU banned exports") and qualify ("EU
# laboratories"), a territory only where a locative word says so ("a country in the EU").
UNIONS = frozenset({"eu", "european union"})


def mention_role(text: str, mention: Mention) -> str:
    """What the words before a mention say about it: "location" ("in Tehran"), "near",
    "origin", "destination", "attribute" (an adjective: "Iranian"; a place that only
    qualifies an organisation's name: "China Daily"), else "mention". (``places_in``
    gives the places of a news dateline the role "filing": see ``according.geo.filing``.)"""
    if (
        mention.label == "NORP"
        or mention.qualifies is not None
        or (mention.candidates and all(c.kind == "demonym" for c in mention.candidates))
    ):
        return "attribute"
    if names_currency(text, mention):
        return "attribute"  # "the US dollar exchange rate": no place where anything happened
    role = role_at(text, mention.start)
    if mention.key in UNIONS and role == "mention":
        return "attribute"
    if role == "mention" and (
        mention.label == "UNIT"
        or _unit_of().search(text, max(0, mention.start - 60), mention.start)
    ):
        # "took Burkan and Dhi Masal areas (Mukayras, Al Bayda)": a place the text
        # locates in its units is where something is, whatever verb governs it.
        return "location"
    return role


@lru_cache(maxsize=1)
def _unit_of() -> re.Pattern[str]:
    """ "the village of Boungou": the words before a name that call it a place."""
    nouns = place_words().alternation("settlement_nouns", "division_nouns")
    return re.compile(rf"\b(?:{nouns})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def names_currency(text: str, mention: Mention) -> bool:
    """Whether the mention names a currency ("US dollar", "Lebanese pound")."""
    return _currency().match(text, mention.end) is not None


@lru_cache(maxsize=1)
def _currency() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{place_words().alternation('currency_nouns')})\b", re.IGNORECASE)


def inherit_roles(places: list[Place], chain: list[Hint]) -> None:
    """A unit that closes a chain takes the role of the place it contains: in "clashed
    in Kakomero (Rutshuru, Nord-Kivu)" the territory and the province are where the
    clash was too, although no locative word stands before them."""
    for i, hint in enumerate(chain):
        j = hint.within
        if j is None or not (hint.strong or places[j].feature in ("admin1", "country")):
            continue
        role = getattr(places[i], "role", None)
        if getattr(places[j], "role", None) == "mention" and role in ("location", "near"):
            places[j].role = role  # type: ignore[attr-defined]


def role_at(text: str, start: int) -> str:
    """The role the words just before ``start`` give it (up to three words back, not
    across a clause's punctuation); "mention" when none does."""
    before = text[max(0, start - 40) : start].split()
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        word = before[k]
        role = ROLE_BY_WORD.get(word.lower())
        if role == "destination" and k and before[k - 1].lower() == "according":
            return "mention"  # "according to Reuters": a source, not a destination
        if role:
            return role
        if word.endswith((".", ",", ";", ":")):
            break
    return "mention"
