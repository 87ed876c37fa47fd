"""Which countries a place filter names: ``--place Iran`` is ``--place IR``.

Why: stored places carry an ISO country code, and an event in Tehran has no place
called "Iran". A filter naming a country must keep everything located inside it, so a
country's name is turned into its code, from the names the gazetteer already knows for
countries (its main, alternate and abbreviated names: "Iran", "Persia", "UK"). Demonyms
("Iranian") are not place names and are not taken.
"""

from __future__ import annotations

from functools import lru_cache

from according.geo import Gazetteer, normalise

_COUNTRY_NAME_KINDS = frozenset({"name", "alt", "abbr"})


def countries_named(text: str) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes of the countries ``text`` names: a two-letter code as
    given, or a country's name in the gazetteer; empty for a town or region."""
    value = text.strip()
    codes = [value.upper()] if len(value) == 2 and value.isalpha() else []
    codes += _codes_for_key(normalise(value))
    return tuple(dict.fromkeys(codes))


@lru_cache(maxsize=1024)
def _codes_for_key(key: str) -> tuple[str, ...]:
    """Cached by name; the gazetteer is opened per miss (its SQLite connection cannot be
    shared by the server's threads, and a filter's name repeats far more than it varies)."""
    if not key:
        return ()
    gazetteer = Gazetteer()
    try:
        found = gazetteer.lookup(key)
    finally:
        gazetteer.close()
    return tuple(
        sorted(
            {
                c.country
                for c in found
                if c.feature == "country" and c.kind in _COUNTRY_NAME_KINDS and c.country
            }
        )
    )
