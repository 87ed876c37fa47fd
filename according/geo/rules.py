"""The geoparser's word lists, read from ``according/data/places/context.yaml``.

The nouns that may stand between a place and the unit containing it ("Lalpur village
of Bhagabanpur block (Purba Medinipur district, West Bengal)") and the currency nouns
that make a country's name a qualifier ("US dollar") are data, each with an example
sentence a test checks, and hashed into the rules hash a report is stamped with. A
malformed file stops the program with a ``RulesError`` naming the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from according.rulefiles import WordEntry, word_lists

PLACES_RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
CONTEXT_PATH = PLACES_RULES_DIR / "context.yaml"
SECTIONS = ("settlement_nouns", "division_nouns", "currency_nouns")


@dataclass(frozen=True, slots=True)
class PlaceWords:
    settlement: tuple[str, ...]
    division: tuple[str, ...]
    currency: tuple[str, ...]
    entries: tuple[WordEntry, ...]

    def alternation(self, *sections: str) -> str:
        """A regex alternation of the sections' words, longest first (so "sub-district"
        is tried before "district")."""
        words = {e.word for e in self.entries if e.section in sections}
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=4)
def place_words(path: Path = CONTEXT_PATH) -> PlaceWords:
    """Read and check the word lists once per process (``path``: another file, for tests)."""
    entries = word_lists(path, SECTIONS, lower=False)
    by = {s: tuple(e.word for e in entries if e.section == s) for s in SECTIONS}
    return PlaceWords(by["settlement_nouns"], by["division_nouns"], by["currency_nouns"], entries)
