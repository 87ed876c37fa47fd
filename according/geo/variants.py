"""Spelling variants: a name the gazetteer lacks, found under another transliteration.

Why: ACLED's coders and local outlets write "Hadramawt", "Galgaduud", "As-Sweida",
"Kiev City" where GeoNames has "Hadhramaut", "Galguduud", "Sweida", "Kyiv". An exact key
misses them and the place falls back to its unit or to nothing. A spelling key folds the
differences transliterations make: article words left out (data/places/spellings.yaml),
an "h" after d, t, k, s, g dropped (dh, th, kh, sh, gh), q read as k, w as u, y as i,
doubled letters single, and every run of vowels one vowel. Such keys collide across the
world ("Gordi" and "Guarda"), so a variant is only taken where the report already is:
in one of the countries its other places or its outlet are in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from according.geo.gazetteer import Candidate, Gazetteer
from according.geo.recognise import Mention
from according.geo.resolve import Choice
from according.geo.spans import SPELLINGS_PATH, articles

__all__ = ["SPELLINGS_PATH", "Variants", "spelling_key", "with_variants"]
# Provinces, districts and towns of this size are indexed: enough for the names a report
# gives as units or as towns, few enough that the index builds in about a second.
MIN_POPULATION = 50_000
MIN_KEY = 5  # shorter keys ("sVd") match too much

_FOLD: tuple[tuple[str, str], ...] = (
    ("dh", "d"), ("th", "t"), ("kh", "k"), ("sh", "s"), ("gh", "g"), ("q", "k"), ("w", "u"),
    ("y", "i"),
)  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]+")


def spelling_key(key: str) -> str:
    """The folded form of a normalised name (``according.geo.normalise``)."""
    words = [w for w in key.split() if w not in articles()]
    folded = "".join(words)
    for a, b in _FOLD:
        folded = folded.replace(a, b)
    return _VOWELS.sub("a", _DOUBLE.sub(r"\1", folded))


class Variants:
    """The spelling-key index of one gazetteer, built on first use."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._index: dict[str, list[Candidate]] | None = None

    def lookup(self, key: str, countries: set[str]) -> tuple[Candidate, ...]:
        """Entries whose primary name has ``key``'s spelling key, in ``countries``; the
        name without its article first ("As-Sweida" is "Sweida")."""
        if not countries:
            return ()
        bare = " ".join(w for w in key.split() if w not in articles())
        if bare and bare != key:
            exact = [c for c in self.gazetteer.lookup(bare) if c.country in countries]
            if exact:
                return tuple(exact)
        folded = spelling_key(key)
        if len(folded) < MIN_KEY:
            return ()
        return tuple(c for c in self.index().get(folded, ()) if c.country in countries)

    def index(self) -> dict[str, list[Candidate]]:
        """The spelling-key index, built on the first call (about two seconds)."""
        if self._index is None:
            self._index = self._build()
        return self._index

    def _build(self) -> dict[str, list[Candidate]]:
        index: dict[str, list[Candidate]] = defaultdict(list)
        for key, candidate in self.gazetteer.primary_names(MIN_POPULATION):
            folded = spelling_key(key)
            if len(folded) >= MIN_KEY:
                index[folded].append(candidate)
        return dict(index)


def with_variants(
    mentions: list[Mention],
    choices: list[Choice],
    variants: Variants,
    outlet_country: str | None,
) -> list[Mention] | None:
    """``mentions`` with entries found by spelling for those that had none, or None when
    no name gained any. The report's countries are those of the places it resolved and
    its outlet's."""
    countries = {
        c.candidate.country
        for c in choices
        if c.candidate is not None and not c.fallback and c.candidate.country
    }
    if outlet_country:
        countries.add(outlet_country)
    changed = False
    out = []
    for mention in mentions:
        if not mention.candidates:
            found = variants.lookup(mention.key, countries)
            if found:
                mention = replace(mention, candidates=found)
                changed = True
        out.append(mention)
    return out if changed else None
