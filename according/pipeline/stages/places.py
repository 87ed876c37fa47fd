"""according.places.v1: place mentions found and resolved to GeoNames entries.

The geoparser is ``according.geo``: recognition (spaCy's GPE/LOC/FAC/NORP entities, and
gazetteer hits in locative or list contexts) in ``geo.recognise``, each mention's role in
its sentence in ``geo.roles``, resolution (prominence plus agreement with the other places
of the document and the outlet's country) in ``geo.resolve``, the records in
``geo.place``. Every mention becomes a Place, with its ``role`` kept, because which places
an event happened in is decided later by the events stage: a country named as an
adjective ("Iranian officials") is not where a protest took place. This stage is the glue:
the report's country from its outlet or its known actors (the actor list), the places
onto the context, one warning.
"""

from __future__ import annotations

from according.geo.gazetteer import Gazetteer, open_gazetteer
from according.geo.place import country_in_name, places_in, prepare
from according.pipeline.context import Context
from according.settings import Settings


class PlacesStage:
    name = "according.places.v1"
    needs = frozenset({"ner", "entity_ruler"})
    reads = frozenset({"doc", "document", "actors"})
    # The known actors' country is the report's when its outlet gives none.
    reads_if_run = frozenset({"entities"})
    writes = frozenset({"places"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Read when the setting exists; the default path otherwise.
        self.gazetteer_path: str | None = settings.gazetteer_path

    @property
    def gazetteer(self) -> Gazetteer:
        return open_gazetteer(self.gazetteer_path)

    def prepare(self) -> None:
        prepare(self.gazetteer)

    def __call__(self, ctx: Context) -> None:
        gazetteer = self.gazetteer
        # The report's country, for names the text does not place: its outlet's, else
        # the one country of the known actors it names.
        country = _outlet_country(ctx, gazetteer) or _actors_country(ctx)
        places = places_in(ctx.doc, ctx.text, gazetteer, country, _provinces(ctx))
        ctx.places = places
        unplaced = sorted(
            {p.text for p in places if p.lat is None and getattr(p, "role", None) != "attribute"}
        )
        if unplaced:
            # Said once per report: a user mapping the events must know what is missing.
            ctx.warnings.append("places with no point: " + ", ".join(unplaced))


def _provinces(ctx: Context) -> frozenset[tuple[str, str]]:
    """(country, province) pairs the report's outlet, or a known outlet it names,
    reports from (``provinces`` in data/outlets.csv): "the OSCE SMM observed explosions
    near Vesele" is about the Vesele in Donetsk or Luhansk, not the larger one elsewhere
    in Ukraine."""
    names = [ctx.document.outlet.name] if ctx.document.outlet else []
    names += [e.name for e in ctx.entities if e.id]
    found: set[tuple[str, str]] = set()
    for name in names:
        entry = ctx.actors.lookup(name)
        if entry is not None and entry.country:
            found.update((entry.country, province) for province in entry.provinces)
    return frozenset(found)


def _actors_country(ctx: Context) -> str | None:
    """The one country the known actors of the report belong to ("NAF" is Ukraine's,
    "QSD" Syria's), when the outlet gives none; None when they belong to several."""
    found = set()
    for entity in ctx.entities:
        entry = ctx.actors.lookup(entity.name) if entity.id else None
        if entry is not None and entry.country:
            found.add(entry.country)
    return found.pop() if len(found) == 1 else None


def _outlet_country(ctx: Context, gazetteer: Gazetteer) -> str | None:
    outlet = ctx.document.outlet
    if outlet is None:
        return None
    entry = ctx.actors.lookup(outlet.name)
    if entry is not None and entry.country:
        return entry.country
    return country_in_name(outlet.name, gazetteer)
