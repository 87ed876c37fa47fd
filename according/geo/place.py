"""Place mentions of a document as Place records: recognised, resolved, given a role.

The steps, in order: mentions from the spaCy Doc and the gazetteer (``recognise``, and
the dateline's town, ``filing``), the chains of units that contain one another
("Kakomero (Rutshuru, Nord-Kivu)", ``context.hints``), the role of each mention in its
sentence (``roles``; "filing" for a dateline's places), one gazetteer entry each, chosen
with the whole document in view (``resolve``; again after names the gazetteer lacks are
looked up by spelling, ``variants``), and the record.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from according.geo import units
from according.geo.context import Hint, hints
from according.geo.filing import filing_span, with_filing_place
from according.geo.gazetteer import Gazetteer
from according.geo.normalise import normalise
from according.geo.recognise import Mention, recognise
from according.geo.refine import is_site
from according.geo.resolve import ATTRIBUTE_WEIGHT, PRECISION, Choice, resolve
from according.geo.roles import inherit_roles, mention_role, names_currency, role_at
from according.geo.variants import Variants, with_variants
from according.records import Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


def places_in(
    doc: Doc,
    text: str,
    gazetteer: Gazetteer,
    outlet_country: str | None,
    provinces: frozenset[tuple[str, str]] = frozenset(),
) -> list[Place]:
    """Every place mention of ``doc`` (whose text is ``text``) as a Place, in text order.
    ``outlet_country``, the report's country if known (its outlet's, else its known
    actors'), breaks ties between namesakes, bounds spelling variants, and is where names
    go when the text places none. ``provinces``, (country, province) pairs the outlet
    reports from, break ties between namesakes inside the country."""
    filed = filing_span(text)
    home = frozenset({outlet_country}) if outlet_country else frozenset()
    found = recognise(doc, gazetteer, text=text, home=home)
    mentions = with_filing_place(text, found, gazetteer, filed)
    chain = hints(text, [(m.start, m.end) for m in mentions])
    roles = [
        "filing" if filed and filed[0] <= m.start < filed[1] else mention_role(text, m)
        for m in mentions
    ]
    choices = _resolved(text, mentions, roles, chain, gazetteer, outlet_country, provinces)
    respelt = with_variants(mentions, choices, _variants(gazetteer), outlet_country)
    if respelt is not None:
        mentions = respelt
        choices = _resolved(text, mentions, roles, chain, gazetteer, outlet_country, provinces)
    places = [
        to_place(text, m, c, role) for m, c, role in zip(mentions, choices, roles, strict=True)
    ]
    inherit_roles(places, chain)
    return places


def _weight(text: str, mention: Mention, role: str) -> float:
    """What a mention says about where the report is (``resolve``'s ``weights``)."""
    if role != "attribute":
        return 1.0
    return 0.0 if names_currency(text, mention) else ATTRIBUTE_WEIGHT


def _resolved(
    text: str,
    mentions: list[Mention],
    roles: list[str],
    chain: list[Hint],
    gazetteer: Gazetteer,
    outlet_country: str | None,
    provinces: frozenset[tuple[str, str]] = frozenset(),
) -> list[Choice]:
    """``resolve`` over the mentions: names the text does not place go to the report's
    country (``outlet_country``), when the text resolves no place at all."""
    return resolve(
        [m.key for m in mentions],
        [m.candidates for m in mentions],
        outlet_country=outlet_country,
        hints=chain,
        weights=[_weight(text, m, role) for m, role in zip(mentions, roles, strict=True)],
        outlet_place=gazetteer.country(outlet_country) if outlet_country else None,
        provinces=provinces,
    )


def prepare(gazetteer: Gazetteer) -> None:
    """Load now what ``places_in`` would load on its first document: the spelling-variant
    index, the gazetteer's country and province tables, the word lists."""
    _variants(gazetteer).index()
    units.prepare()
    gazetteer.prepare()


@lru_cache(maxsize=4)
def _variants(gazetteer: Gazetteer) -> Variants:
    """One spelling-variant index per gazetteer and process (built on first use)."""
    return Variants(gazetteer)


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
        role = role_at(text, start)
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
