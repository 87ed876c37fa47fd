"""Places: the offline GeoNames gazetteer, mention recognition and resolution.

Public API:

- ``Gazetteer(path=None)``: read-only lookups in the built SQLite file
  (``according/data/gazetteer.sqlite`` unless a path is given); ``SetupError`` if missing.
- ``normalise(name)``: the key every name is indexed and looked up by.
- ``recognise(doc, gazetteer)``: place mentions of a spaCy Doc.
- ``resolve(keys, candidates, outlet_country=None)``: one ``Choice`` per mention.
- ``places_in(doc, text, gazetteer, outlet_country)``: the three above, with each
  mention's role in its sentence, as Place records (what the places stage runs).
- ``write_gazetteer(path, places, names)``: write a gazetteer (the build script, tests).
"""

from according.geo.gazetteer import DEFAULT_PATH, Candidate, Gazetteer, PlaceRow, write_gazetteer
from according.geo.normalise import normalise
from according.geo.place import places_in
from according.geo.recognise import Mention, recognise
from according.geo.resolve import Choice, haversine_km, resolve

__all__ = [
    "DEFAULT_PATH",
    "Candidate",
    "Choice",
    "Gazetteer",
    "Mention",
    "PlaceRow",
    "haversine_km",
    "normalise",
    "places_in",
    "recognise",
    "resolve",
    "write_gazetteer",
]
