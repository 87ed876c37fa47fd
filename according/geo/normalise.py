"""One normal form for place names, shared by the gazetteer build and every lookup.

Transliterations of one name differ mostly in diacritics, apostrophes, hyphens and dots
(Neyshābūr / Neyshabur, Côte d'Ivoire / Cote dIvoire, U.S. / US), so the key drops all
of them; lookups and the index then agree without a fuzzy matcher.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[\u2019\u2018'`\u02bb\u02bc\u02be\u02bf.]")
_SPACE = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^the ")
# Latin letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"}
)
# ASCII letters only after normalising: alternate names in other scripts are not keys.
_LATIN = re.compile(r"^[a-z0-9 ]+$")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower-case ASCII key: accents stripped, apostrophes and dots dropped, other
    punctuation made a space, a leading "the" removed ("the Gambia" = "Gambia")."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _DROP.sub("", stripped.casefold().translate(_LETTERS))
    spaced = _SPACE.sub(" ", lowered).strip()
    return _ARTICLE.sub("", spaced)


def is_latin_name(name: str) -> bool:
    """True when every letter of ``name`` is Latin: names in other scripts would lose
    their letters in ``normalise`` and leave misleading fragments ("워싱턴 DC" -> "dc")."""
    for ch in name:
        latin = unicodedata.name(ch, "").startswith(("LATIN", "MODIFIER LETTER"))
        if ch.isalpha() and not (ch.isascii() or latin):
            return False
    key = normalise(name)
    return bool(key) and _LATIN.match(key) is not None and any(c.isalpha() for c in key)
