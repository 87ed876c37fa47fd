"""Finding place mentions: spaCy's entities checked and completed by the gazetteer.

The small English model finds most countries and big cities (GPE, LOC, FAC) and the
nationality adjectives (NORP), but tags many less familiar towns as PERSON or ORG, or
misses them ("Shiraz", "Qazvin", "Karaj" as PERSON, "Qom" as nothing). Those are
recovered only with two kinds of evidence together, so that people and common words
that happen to be village names stay out:

- the gazetteer: the words name a sizeable place (a country, a province, or a town of
  ``min_population`` people or more; fewer when the context is strong), and
- the context: a locative word before it ("in", "near", "outside") or a list whose
  other items are places ("cities including: Isfahan, Shiraz, Qom").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from according.geo.gazetteer import Candidate, Gazetteer
from according.geo.normalise import normalise
from according.geo.refine import ORG_HEADS, named_after, pathogen_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "from",
        "to",
        "across",
        "around",
        "towards",
        "toward",
        "into",
        "throughout",
        "via",
        "between",
        "inside",
        "within",
    }
)
PLACE_NOUNS = frozenset(
    {
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "villages",
        "province",
        "provinces",
        "country",
        "countries",
        "region",
        "regions",
        "capital",
        "district",
        "districts",
        "state",
        "states",
        "county",
        "port",
        "island",
        "islands",
    }
)
_LIST_GLUE = frozenset({",", "and", "or", ";", ":", "&"})
_ADMIN = frozenset({"country", "admin1", "continent", "region", "capital"})
# Words that are place names somewhere but almost never one in English news text.
_STOP = frozenset(
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


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in the text: where, what it looks up as, and why we took it."""

    start: int
    end: int
    text: str
    key: str
    label: str  # the spaCy label it came with, or "GAZ" when found by the gazetteer alone
    candidates: tuple[Candidate, ...]
    # (start, end) of the organisation, outlet or site name the place only qualifies
    # ("Kenya" in "Kenya Red Cross Society"): see ``according.geo.refine``.
    qualifies: tuple[int, int] | None = None


def strong_hit(cands: tuple[Candidate, ...], min_population: int) -> bool:
    return any(c.feature in _ADMIN or c.population >= min_population for c in cands)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive, as the gold sets do."""
    if text[start:end].lower().startswith("the "):
        start += 4
    if text[start:end].endswith(("'s", "\u2019s")):
        end -= 2
    while end > start and text[end - 1] in ",;:)\"'\u2019":
        end -= 1
    return start, end


def recognise(doc: Doc, gazetteer: Gazetteer, min_population: int = 20_000) -> list[Mention]:
    """Place mentions of ``doc`` in text order, none overlapping."""
    text = doc.text
    found: dict[int, Mention] = {}  # by start token
    taken = [False] * len(doc)
    ends: set[int] = set()  # last token of each accepted mention
    pending: list[tuple[Span, str, tuple[Candidate, ...]]] = []

    def accept(
        span: Span,
        label: str,
        cands: tuple[Candidate, ...],
        qualifies: tuple[int, int] | None = None,
    ) -> None:
        start, end = _trim(text, span.start_char, span.end_char)
        if end <= start:
            return
        genitive = span[-1].lower_ in _GENITIVE or (
            span.end < len(doc) and doc[span.end].lower_ in _GENITIVE
        )  # "Hong Kong's Princess Margaret Hospital": the place owns it
        if qualifies is None and label != "NORP" and not genitive and not _abbreviation(span.text):
            after = named_after(doc, span.end)
            if after is not None:
                qualifies = (start, doc[after - 1].idx + len(doc[after - 1]))
        end, cands = _county_tail(text, start, end, gazetteer, cands)
        key = normalise(text[start:end])
        if key != normalise(span.text):
            cands = gazetteer.lookup(key)
        if not cands:
            cands = _reduced(key, gazetteer)
        elif any(c.feature == "admin2" and c.lat is None for c in cands):
            cands = _unplaced_county(key, cands, gazetteer)
        found[span.start] = Mention(start, end, text[start:end], key, label, cands, qualifies)
        for i in range(span.start, span.end):
            taken[i] = True
        ends.add(span.end - 1)

    for ent in doc.ents:
        key = normalise(ent.text)
        cands = gazetteer.lookup(key) if key and key not in _STOP else ()
        if ent.label_ in PLACE_LABELS:
            if key and key not in _STOP and not cands and _place_opens_name(ent, gazetteer, accept):
                continue
            if key and key not in _STOP:
                accept(ent, ent.label_, cands)
        elif ent.label_ == "NORP":
            # "Iranian" is a country mention; "Iranians" (people) is not, in the gold sets.
            if _names_region(cands, ("name",)):
                accept(ent, "GPE", cands)  # "Central African Republic" is the country
            elif _names_region(cands) and not ent.text.endswith("s"):
                accept(ent, ent.label_, cands)
        elif ent.label_ in ("ORG", "PERSON") and _names_region(cands, ("name", "abbr")):
            accept(ent, ent.label_, cands)  # "EU", "US", "Malta" tagged as organisations
        elif (
            ent.label_ == "ORG"
            and len(ent) > 1
            and any(c.feature == "admin1" and c.kind == "name" for c in cands)
        ):
            accept(ent, ent.label_, cands)  # "Tamil Nadu said": a state speaking
        elif ent.label_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART"):
            cands = _case_fits(ent.text, cands)
            if cands and not (ent.label_ == "PERSON" and len(ent) > 1):
                pending.append((ent, ent.label_, cands))
            elif ent.label_ == "ORG":
                _demonym_head(ent, gazetteer, accept)

    # Capitalised words spaCy left untagged: candidates for the same evidence test.
    i = 0
    while i < len(doc):
        token = doc[i]
        if taken[i] or token.ent_type_ or not token.is_title or token.is_sent_start:
            i += 1
            continue
        for size in range(min(gazetteer.max_words, 4), 0, -1):
            span = doc[i : i + size]
            if span.end > len(doc) or any(t.ent_type_ or not t.is_alpha for t in span):
                continue
            if not span[-1].is_title:
                continue
            key = normalise(span.text)
            cands = _case_fits(span.text, gazetteer.lookup(key)) if key not in _STOP else ()
            if cands:
                pending.append((span, "GAZ", cands))
                i += size - 1
                break
        i += 1

    # Evidence: locative words first, then lists anchored on accepted places (repeated,
    # so that a list grows from any accepted member in both directions).
    for _ in range(4):
        before = len(found)
        rest = []
        for span, label, cands in pending:
            if _locative(doc, span) and strong_hit(cands, min_population):
                accept(span, label, cands)
            elif _in_list(doc, span, found, ends) and strong_hit(cands, 1_000):
                accept(span, label, cands)
            else:
                rest.append((span, label, cands))
        pending = rest
        if len(found) == before:
            break
    mentions = [found[k] for k in sorted(found)]
    dropped = pathogen_names(
        text, ((m.start, m.end, m.key, _division(m.candidates)) for m in mentions)
    )
    return [m for i, m in enumerate(mentions) if i not in dropped]


def _division(cands: tuple[Candidate, ...]) -> bool:
    return any(c.feature in ("country", "admin1") and c.kind != "alt" for c in cands)


def _abbreviation(surface: str) -> bool:
    """ "U.S.", "UK", "NSW": a short all-capitals name, dots allowed."""
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5


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


def _reduced(key: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
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


_COUNTY_TAIL = re.compile(r" (county|parish)\b", re.IGNORECASE)


def _county_tail(
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


def _unplaced_county(
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
        for c in _reduced(key, gazetteer)
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


def _names_region(
    cands: tuple[Candidate, ...], kinds: tuple[str, ...] = ("demonym", "name", "abbr")
) -> bool:
    return any(c.kind in kinds and c.feature in ("country", "continent", "region") for c in cands)


def _case_fits(surface: str, cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """An all-capitals word ("NATO", "AI") is a place only as a known abbreviation."""
    if surface.isupper() and len(surface) <= 5:
        return tuple(c for c in cands if c.kind == "abbr")
    return cands


_BIG_TOWN = 1_000_000
# Words that open organisation names as adjectives ("Central Committee", "United Front",
# "Northern Alliance") and are also the names of some province somewhere.
_ORG_ADJECTIVES = frozenset(
    "central united northern southern eastern western general supreme royal independent "
    "democratic popular free union high grand upper lower".split()
)


def _demonym_head(ent: Span, gazetteer: Gazetteer, accept: object) -> None:
    """ "Iranian Resistance", "Russian Embassy": the adjective is a country mention;
    "The Washington Post", "US Trade Representative", "New York Police Department": an
    organisation named after a country, province or big city names that place."""
    start = 1 if ent[0].lower_ == "the" else 0
    first = ent[start]
    if len(ent) - start < 2 or not (first.is_title or first.is_upper):
        return
    for size in range(min(3, len(ent) - start - 1), 0, -1):
        head = ent[start : start + size]
        if not all(t.is_alpha or t.text in ".-" or _DOTTED.match(t.text) for t in head):
            continue
        key = normalise(head.text)
        if key in _STOP or (size == 1 and key in _ORG_ADJECTIVES):
            continue
        cands = _case_fits(head.text, gazetteer.lookup(key))
        if size == 1 and any(c.kind == "demonym" for c in cands):
            accept(head, "NORP", cands)  # type: ignore[operator]
            return
        if any(
            c.kind in ("name", "abbr")
            and (
                c.feature in ("country", "admin1", "continent")
                or (c.feature in ("capital", "city") and c.population >= _BIG_TOWN)
            )
            for c in cands
        ):
            # "U.S. Army", "UK Secretary of Health": an abbreviation is the writer's
            # shorthand for the country, whose army or minister it is; a name spelt out
            # ("United States Department of Agriculture", "China Daily") is the
            # organisation's own, the place in it only qualifies it.
            rest = ent[start + size :]
            named = (
                (head.start_char, ent.end_char)
                if not _abbreviation(head.text)
                and rest[0].lower_ not in _GENITIVE
                and any(t.lower_ in ORG_HEADS for t in rest)
                else None
            )
            accept(head, "ORG", cands, named)  # type: ignore[operator]
            return


_DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")
_GENITIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


def _place_opens_name(ent: Span, gazetteer: Gazetteer, accept: object) -> bool:
    """ "Santa Ana City Council", "Buffalo Science Magnet School", "Dresden Zoo": a
    place entity the gazetteer does not know as a whole, whose first words are a place
    and whose rest names an institution. The place is a mention that qualifies it."""
    first = 1 if ent[0].lower_ == "the" else 0
    heads = [
        i for i in range(first + 1, len(ent)) if ent[i].lower_ in ORG_HEADS and ent[i].is_title
    ]
    if not heads:
        return False
    for size in range(min(4, heads[0] - first), 0, -1):
        head = ent[first : first + size]
        key = normalise(head.text)
        if key in _STOP or not all(t.is_title or t.is_upper for t in head):
            continue
        cands = _case_fits(head.text, gazetteer.lookup(key))
        if any(c.kind in ("name", "abbr") for c in cands):
            accept(head, ent.label_, cands, (head.start_char, ent.end_char))  # type: ignore[operator]
            return True
    return False


def _locative(doc: Doc, span: Span) -> bool:
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.lower_ in LOCATIVE:
        return True
    # "in northern Iran", "in the city of Karaj"
    if span.start >= 2 and prev.is_lower and doc[span.start - 2].lower_ in LOCATIVE:
        return True
    # "cities including: Isfahan", "the province of Fars", "capital, Tehran"
    window = doc[max(0, span.start - 3) : span.start]
    return any(t.lower_ in PLACE_NOUNS for t in window)


def _in_list(doc: Doc, span: Span, found: dict[int, Mention], ends: set[int]) -> bool:
    """A neighbour across a comma or "and" is an accepted place mention."""
    i = span.start - 1
    while i >= 0 and doc[i].text in _LIST_GLUE:
        i -= 1
    if 0 <= i < span.start - 1 and i in ends:
        return True
    j = span.end
    while j < len(doc) and doc[j].text in _LIST_GLUE:
        j += 1
    return span.end < j < len(doc) and j in found
