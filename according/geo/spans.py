"""Where a place name starts and ends, and what is left of a name the gazetteer lacks.

The model's entity spans are not the gold sets' (nor a reader's) idea of the name: a
leading "the" and a trailing possessive are no part of it, nor is a lower-case word
before or after it ("east Africa" names Africa, "Henan province" names Henan, as both
published sets annotate); "Pike county" is the county when the gazetteer has one. A
name still unknown is read without its generic parts ("South Venezuela", "Oaxaca
State", "Salinas Valley") before the resolver falls back to the document's main place.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from according.geo.gazetteer import Candidate, Gazetteer
from according.geo.normalise import normalise
from according.rulefiles import word_lists

SPELLINGS_PATH = Path(__file__).resolve().parent.parent / "data" / "places" / "spellings.yaml"


@lru_cache(maxsize=1)
def articles() -> frozenset[str]:
    """The article words a transliterated name may open with ("al", "ar", "el", ...)."""
    return frozenset(e.word for e in word_lists(SPELLINGS_PATH, ("articles",)))


def without_article(key: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Entries for a name the gazetteer lacks as written, under the name without its
    article: "Ar-Raqqa", "al-Zawiya", "As-Sweida" are Raqqa, Zawiya, Sweida. GeoNames
    often keeps the article in one spelling only ("Ar Raqqah", with "Raqqa" an alternate),
    and the writer's hyphen or transliteration differs from it."""
    first, _, rest = key.partition(" ")
    if not rest or first not in articles():
        return ()
    return tuple(c for c in gazetteer.lookup(rest) if c.kind != "demonym")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive, as the gold sets do, and what
    follows an opening bracket: "Yerevan (Yerevan, Armenia" tagged as one name is Yerevan
    (the bracket's units are mentions of their own)."""
    bracket = text.find("(", start, end)
    if bracket > start:
        end = bracket
        while end > start and text[end - 1].isspace():
            end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    if text[start:end].endswith(("'s", "\u2019s")):
        end -= 2
    while end > start and text[end - 1] in ",;:)\"'\u2019":
        end -= 1
    return start, end


# Lower-case nouns after a name that are no part of it: "Henan province", "Pingliang
# city", "the Artibonite region". ("Pike county" is kept: see ``county_tail``.)
_GENERIC_TAILS = frozenset(
    "province provinces region regions city state prefecture governorate district "
    "area municipality".split()
)
_SUB_PREFIX = re.compile(r"^sub-\S+\s+", re.IGNORECASE)
_DIVISION_OF = re.compile(r"^(?:City|Town|Village|State|Province|County|Municipality) of ")


def trim_generic(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """Drop lower-case words before the name ("east Africa", "sub-Saharan Africa",
    "northern Sumatra") and a lower-case generic noun after it ("Henan province"), unless
    the whole is itself a name ("Mexico city"). "Sub-Saharan Africa" opening a sentence
    is Africa too: "sub-" makes an adjective of a part of it; "the City of Santa Ana" and
    "the State of Tamil Nadu" name the town and the state."""
    surface = text[start:end]
    lead = _SUB_PREFIX.match(surface)
    if lead is None and not gazetteer.lookup(normalise(surface)):
        lead = _DIVISION_OF.match(surface)
    if lead and surface[lead.end() :][:1].isupper():
        start += lead.end()
    while True:
        first, _, rest = text[start:end].partition(" ")
        if not (rest and first[:1].islower() and rest[:1].isupper()):
            break
        start += len(first) + 1
    head, _, tail = text[start:end].rpartition(" ")
    if head and tail in _GENERIC_TAILS and not gazetteer.lookup(normalise(text[start:end])):
        end = start + len(head)
    return start, end


_DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
    }
)
_GENERIC_HEADS = {
    "state": "admin1",
    "province": "admin1",
    "prefecture": "admin1",
    "region": "admin1",
    "governorate": "admin1",
    "oblast": "admin1",
    "district": None,
    "county": None,
    "city": None,
    "valley": None,
    "island": None,
    "peninsula": None,
    "area": None,
}


def reduced(key: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Entries for a name the gazetteer lacks, read without its generic parts: "South
    Venezuela" and "Western US" are in that country, "Oaxaca State" and "Akita
    Prefecture" are the province, "Norwich City" and "Salinas Valley" are at the town.
    Better than the document's main place, which may be in another country."""
    words = key.split()
    if len(words) < 2:
        return ()
    want: str | None = None
    if words[-1] in _GENERIC_HEADS:
        want = _GENERIC_HEADS[words[-1]]
        words = words[:-1]
    elif words[0] in _DIRECTIONS:
        words = words[1:]
    else:
        return ()
    cands = gazetteer.lookup(" ".join(words)) if words else ()
    if want:
        cands = tuple(c for c in cands if c.feature == want) or cands
    return tuple(c for c in cands if c.kind != "demonym")


_HEAD = re.compile(r"(?<! )-(?=[A-Z])|['\u2019]s (?=[A-Z])")


def hyphen_head(surface: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """ "Mogadishu-Hodan", "Beirut-Rmeil", "Aleppo-Salah Eddin", "Beirut's Hamra": a town
    and one of its districts joined by a hyphen or a possessive, as reports and ACLED
    write them. When the gazetteer lacks the whole, the first part's towns stand for it
    (the district lies in them)."""
    joint = _HEAD.search(surface)
    if joint is None:
        return ()
    head = surface[: joint.start()]
    if not head[:1].isupper() or normalise(head) in articles():
        return ()  # "al-Bab", "Al-Hawatem": an article, not a town
    return tuple(
        c
        for c in gazetteer.lookup(normalise(head))
        if c.feature in ("city", "capital") and c.kind != "alt"
    )


_COUNTY_TAIL = re.compile(r" (county|parish)\b", re.IGNORECASE)


def county_tail(
    text: str, start: int, end: int, gazetteer: Gazetteer, cands: tuple[Candidate, ...]
) -> tuple[int, tuple[Candidate, ...]]:
    """ "Pike county": the model often tags only "Pike"; the division word after it makes
    the mention the county when the gazetteer has one of that name (a bare "Pike" never
    is). Returns the mention's end and, when extended, the county's entries."""
    tail = _COUNTY_TAIL.match(text, end)
    if tail is None:
        return end, cands
    longer = gazetteer.lookup(normalise(text[start : tail.end()]))
    if any(c.feature == "admin2" for c in longer):
        return tail.end(), longer
    return end, cands


def unplaced_county(
    key: str, cands: tuple[Candidate, ...], gazetteer: Gazetteer
) -> tuple[Candidate, ...]:
    """ "Orange County" where some Orange County has no point (its state's counties could
    not be placed, see ``according.geo.counties``): the state's town called Orange
    stands in for that county, at the town's point, so that the placed county in
    Florida does not win by being the only located entry. The stand-in is a county
    (feature ``admin2``, no GeoNames id) as prominent as its town."""
    unplaced = {c.admin1_code: c for c in cands if c.feature == "admin2" and c.lat is None}
    towns = [
        c
        for c in reduced(key, gazetteer)
        if c.feature in ("city", "capital")
        and c.kind == "name"
        and c.country == "US"
        and c.admin1_code in unplaced
    ]
    best: dict[str | None, Candidate] = {}
    for town in towns:
        if town.population > best.get(town.admin1_code, town).population or (
            town.admin1_code not in best
        ):
            best[town.admin1_code] = town
    stand_ins = tuple(
        replace(t, geonames_id=None, name=unplaced[code].name, feature="admin2")
        for code, t in best.items()
    )
    return cands + stand_ins


# Words that are place names somewhere but almost never one in English news text.
STOP = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "governor",
        "god",
        "allah",
        "march",
        "may",
        "june",
        "july",
        "august",
        "friday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "saturday",
        "january",
        "february",
        "april",
        "september",
        "october",
        "november",
        "december",
        "internet",
        "covid 19",
        "coronavirus",
        "ebola",
        "man",
        "police",
        "university",
        "parliament",
        "government",
        "congress",
        "senate",
        "national",
        "federal",
        "republic",
        "state",
        "city",
        "north",
        "south",
        "east",
        "west",
        "centre",
        "center",
    }
)

# Abbreviations written with dots ("U.S.") and the genitive tokens.
DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")
GENITIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


def abbreviation(surface: str) -> bool:
    """ "U.S.", "UK", "NSW": a short all-capitals name, dots allowed."""
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5


def names_region(
    cands: tuple[Candidate, ...], kinds: tuple[str, ...] = ("demonym", "name", "abbr")
) -> bool:
    return any(c.kind in kinds and c.feature in ("country", "continent", "region") for c in cands)


def case_fits(surface: str, cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """An all-capitals word ("NATO", "AI") is a place only as a known abbreviation."""
    if surface.isupper() and len(surface) <= 5:
        return tuple(c for c in cands if c.kind == "abbr")
    return cands
