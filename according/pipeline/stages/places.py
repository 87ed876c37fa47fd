"""according.places.v1: place mentions found and resolved to GeoNames entries.

Recognition (spaCy's GPE/LOC/FAC/NORP entities, and gazetteer hits in locative or list
contexts) is in ``according.geo.recognise``; resolution (prominence plus agreement with
the other places of the document and the outlet's country) in ``according.geo.resolve``.
Every mention becomes a Place, with its ``role`` in the sentence kept, because which
places an event happened in is decided later by the events stage: a country named as an
adjective ("Iranian officials") is not where a protest took place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from according.geo.context import hints
from according.geo.gazetteer import Gazetteer
from according.geo.recognise import Mention, recognise
from according.geo.refine import is_site
from according.geo.resolve import PRECISION, Choice, resolve
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
    qualifies an organisation's name: "China Daily"), else "mention"."""
    if (
        mention.label == "NORP"
        or mention.qualifies is not None
        or (mention.candidates and all(c.kind == "demonym" for c in mention.candidates))
    ):
        return "attribute"
    role = _role_at(text, mention.start)
    if mention.key in _UNIONS and role == "mention":
        return "attribute"
    return role


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


def to_place(text: str, mention: Mention, choice: Choice) -> Place:
    place = _to_place(text, mention, choice)
    for key, value in _qualified(text, mention).items():
        setattr(place, key, value)
    return place


def _to_place(text: str, mention: Mention, choice: Choice) -> Place:
    span = Span.of(text, mention.start, mention.end)
    c = choice.candidate
    if c is None:
        return Place(
            text=mention.text,
            name=mention.text,
            precision=3,
            span=span,
            role=mention_role(text, mention),
            resolved="none",
        )
    if choice.fallback:
        # No entry of its own (a street, a building): placed at the document's main place.
        return Place(
            text=mention.text,
            name=mention.text,
            geonames_id=None,
            feature=None,
            admin1=c.admin1,
            country=c.country,
            lat=c.lat,
            lon=c.lon,
            precision=2,
            span=span,
            role=mention_role(text, mention),
            resolved="context",
            near=c.name,
        )
    return Place(
        text=mention.text,
        name=c.name,
        geonames_id=c.geonames_id,
        feature=c.feature,
        admin1=c.admin1 if c.feature != "country" else None,
        country=c.country,
        lat=c.lat,
        lon=c.lon,
        precision=PRECISION.get(c.feature, 1),
        span=span,
        role=mention_role(text, mention),
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
        mentions = recognise(ctx.doc, gazetteer)
        choices = resolve(
            [m.key for m in mentions],
            [m.candidates for m in mentions],
            outlet_country=_outlet_country(ctx),
            hints=hints(ctx.text, [(m.start, m.end) for m in mentions]),
        )
        ctx.places = [to_place(ctx.text, m, c) for m, c in zip(mentions, choices, strict=True)]


def _outlet_country(ctx: Context) -> str | None:
    outlet = ctx.document.outlet
    if outlet is None:
        return None
    entry = ctx.registry.lookup(outlet.name)
    return entry.country if entry is not None else None


@register("according.places.v1")
def make_places(settings: Settings) -> PlacesStage:
    return PlacesStage(settings)
