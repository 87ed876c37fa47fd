"""according.places.v1: place mentions found and resolved to GeoNames entries.

Recognition (spaCy's GPE/LOC/FAC/NORP entities, and gazetteer hits in locative or list
contexts) is in ``according.geo.recognise``; resolution (prominence plus agreement with
the other places of the document and the outlet's country) in ``according.geo.resolve``.
Every mention becomes a Place, with its ``role`` in the sentence kept, because which
places an event happened in is decided later by the events stage: a country named as an
adjective ("Iranian officials") is not where a protest took place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from according.geo.context import Hint, hints
from according.geo.filing import filing_span, with_filing_place
from according.geo.gazetteer import Gazetteer
from according.geo.normalise import normalise
from according.geo.recognise import Mention, recognise
from according.geo.refine import is_site
from according.geo.resolve import PRECISION, Choice, resolve
from according.geo.rules import place_words
from according.geo.variants import Variants, with_variants
from according.pipeline.context import Context
from according.pipeline.registry import register
from according.records import Place, Span
from according.settings import Settings

_ROLE_BY_WORD = {
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


@lru_cache(maxsize=4)
def open_gazetteer(path: str | None = None) -> Gazetteer:
    """One read-only connection per process and file (workers share the OS page cache)."""
    return Gazetteer(Path(path) if path else None)


# Unions of states: organisations that act ("the EU banned exports") and qualify ("EU
# laboratories"), a territory only where a locative word says so ("a country in the EU").
_UNIONS = frozenset({"eu", "european union"})


def mention_role(text: str, mention: Mention) -> str:
    """What the words before a mention say about it: "location" ("in Tehran"), "near",
    "origin", "destination", "attribute" (an adjective: "Iranian"; a place that only
    qualifies an organisation's name: "China Daily"), else "mention". (The stage gives
    the places of a news dateline the role "filing": see ``according.geo.filing``.)"""
    if (
        mention.label == "NORP"
        or mention.qualifies is not None
        or (mention.candidates and all(c.kind == "demonym" for c in mention.candidates))
    ):
        return "attribute"
    if _currency().match(text, mention.end):
        return "attribute"  # "the US dollar exchange rate": no place where anything happened
    role = _role_at(text, mention.start)
    if mention.key in _UNIONS and role == "mention":
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


def _role_at(text: str, start: int) -> str:
    before = text[max(0, start - 40) : start].split()
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        word = before[k]
        role = _ROLE_BY_WORD.get(word.lower())
        if role == "destination" and k and before[k - 1].lower() == "according":
            return "mention"  # "according to Reuters": a source, not a destination
        if role:
            return role
        if word.endswith((".", ",", ";", ":")):
            break
    return "mention"


def _qualified(text: str, mention: Mention) -> dict[str, str]:
    """Extra fields of a place that qualifies a name: ``qualifies`` (the name), and for
    a site in a locative phrase ("at Aberdeen University") ``site_role``, the role the
    phrase gives the site, which the events stage reads as where something happened."""
    if mention.qualifies is None:
        return {}
    start, end = mention.qualifies
    name = text[start:end]
    extra = {"qualifies": name}
    if is_site(name):
        role = _role_at(text, start)
        if role != "mention":
            extra["site_role"] = role
    return extra


def to_place(text: str, mention: Mention, choice: Choice, role: str | None = None) -> Place:
    """The record of one mention; ``role``: ``mention_role``'s, when already read."""
    place = _to_place(text, mention, choice, role or mention_role(text, mention))
    for key, value in _qualified(text, mention).items():
        setattr(place, key, value)
    return place


def _to_place(text: str, mention: Mention, choice: Choice, role: str) -> Place:
    span = Span.of(text, mention.start, mention.end)
    c = choice.candidate
    if c is None:
        return Place(
            text=mention.text,
            name=mention.text,
            precision=3,
            span=span,
            role=role,
            resolved="none",
        )
    if choice.fallback:
        # No entry of its own (a street, a building, a village the gazetteer lacks):
        # placed at the unit the text puts it in, else at the document's main place.
        return Place(
            text=mention.text,
            name=mention.text,
            geonames_id=None,
            feature=None,
            admin1=c.admin1,
            country=c.country,
            lat=c.lat,
            lon=c.lon,
            precision=choice.precision or 2,
            span=span,
            role=role,
            resolved=choice.via,
            near=c.name,
        )
    return Place(
        text=mention.text,
        name=c.name,
        geonames_id=c.geonames_id,
        feature=c.feature,
        admin1=c.admin1 if c.feature != "country" else None,
        admin2=c.admin2,
        country=c.country,
        lat=c.lat,
        lon=c.lon,
        precision=PRECISION.get(c.feature, 1),
        span=span,
        role=role,
        resolved="gazetteer",
    )


class PlacesStage:
    name = "according.places.v1"
    needs = frozenset({"ner", "entity_ruler"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Read when the setting exists; the default path otherwise.
        self.gazetteer_path: str | None = settings.gazetteer_path

    @property
    def gazetteer(self) -> Gazetteer:
        return open_gazetteer(self.gazetteer_path)

    def __call__(self, ctx: Context) -> None:
        gazetteer = self.gazetteer
        mentions = with_filing_place(ctx.text, recognise(ctx.doc, gazetteer), gazetteer)
        chain = hints(ctx.text, [(m.start, m.end) for m in mentions])
        filed = filing_span(ctx.text)
        roles = [
            "filing" if filed and filed[0] <= m.start < filed[1] else mention_role(ctx.text, m)
            for m in mentions
        ]
        outlet_country = _outlet_country(ctx, gazetteer) or _actors_country(ctx)
        choices = resolve(
            [m.key for m in mentions],
            [m.candidates for m in mentions],
            outlet_country=outlet_country,
            hints=chain,
            attributes=[role == "attribute" for role in roles],
            outlet_place=gazetteer.country(outlet_country) if outlet_country else None,
        )
        respelt = with_variants(mentions, choices, _variants(gazetteer), outlet_country)
        if respelt is not None:
            mentions = respelt
            choices = resolve(
                [m.key for m in mentions],
                [m.candidates for m in mentions],
                outlet_country=outlet_country,
                hints=chain,
                attributes=[role == "attribute" for role in roles],
                outlet_place=gazetteer.country(outlet_country) if outlet_country else None,
            )
        places = [
            to_place(ctx.text, m, c, role)
            for m, c, role in zip(mentions, choices, roles, strict=True)
        ]
        inherit_roles(places, chain)
        ctx.places = places
        unplaced = sorted(
            {p.text for p in places if p.lat is None and getattr(p, "role", None) != "attribute"}
        )
        if unplaced:
            # Said once per report: a user mapping the events must know what is missing.
            ctx.warnings.append("places with no point: " + ", ".join(unplaced))


def _actors_country(ctx: Context) -> str | None:
    """The one country the known actors of the report belong to ("NAF" is Ukraine's,
    "QSD" Syria's), when the outlet gives none; None when they belong to several."""
    found = set()
    for entity in ctx.entities:
        entry = ctx.registry.lookup(entity.name) if entity.id else None
        if entry is not None and entry.country:
            found.add(entry.country)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4)
def _variants(gazetteer: Gazetteer) -> Variants:
    return Variants(gazetteer)


def _outlet_country(ctx: Context, gazetteer: Gazetteer) -> str | None:
    outlet = ctx.document.outlet
    if outlet is None:
        return None
    entry = ctx.registry.lookup(outlet.name)
    if entry is not None and entry.country:
        return entry.country
    return country_in_name(outlet.name, gazetteer)


_NAME_WORDS = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'\u2019.-]*)*")


def country_in_name(name: str, gazetteer: Gazetteer) -> str | None:
    """The country an outlet's or a source's own name gives ("News International
    (Pakistan)", "Ministry of Defence of Ukraine", "OSCE SMM-Ukraine", "Times of
    India"): a country's name or abbreviation among its words, when only one is."""
    found: set[str] = set()
    for m in _NAME_WORDS.finditer(name.replace("-", " ")):
        words = m.group().split()
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                key = normalise(" ".join(words[i : i + size]))
                for c in gazetteer.lookup(key):
                    if c.feature == "country" and c.kind in ("name", "abbr") and c.country:
                        found.add(c.country)
    return found.pop() if len(found) == 1 else None


@register("according.places.v1")
def make_places(settings: Settings) -> PlacesStage:
    return PlacesStage(settings)
