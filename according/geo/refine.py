"""Second readings of recognised names: what a place name is doing in its sentence.

A name the gazetteer knows is not always a mention of that place:

- it may only qualify a named organisation, outlet or site: "China Daily", "Kenya Red
  Cross Society", "The Washington Post", "Aberdeen University". The place is still
  output (some annotation guidelines count it, and a user may want it), but marked
  ``qualifies``, so that the events stage and users can tell it is no location;
- it may be part of a disease or pathogen name: "West Nile virus", "Marburg
  haemorrhagic fever", "Reston ebolavirus", "Lyme disease", "H5N1". Those are no place
  mentions at all: the report is about the virus, wherever the name came from, and a
  name the report uses for a virus means the virus in its other uses too ("cases of
  West Nile", "imported Marburg") unless a locative word says otherwise ("in Marburg").

The words are general English: newspaper, agency and institution heads, disease nouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Head nouns of organisation, outlet and institution names ("Ohio State University",
# "Los Angeles Times", "Kenya Red Cross", "Cornwall Council"). Words that are parts of
# place names themselves (City, County, State, Valley, Park, District, Airport) are not
# here: "Mexico City" and "Orange County" are places.
ORG_HEADS = frozenset(
    """
    daily times post herald tribune journal gazette telegraph chronicle observer examiner
    courier news newspaper magazine broadcasting television tv radio press star sun mail
    express department ministry minister ministers secretary bureau agency service
    services office council commission commissioner committee authority board society
    association institute institution university college school academy hospital clinic
    zoo museum library police army navy guard party bank corporation company inc ltd
    limited group foundation trust federation league club cartel church cathedral
    airlines airways cross crescent exchange court parliament assembly senate congress
    embassy consulate laboratory laboratories
    """.split()
)
# Institutions that are also sites: "at Aberdeen University" says where something
# happened, even though the town only qualifies the university's name.
SITE_HEADS = frozenset(
    "university college school academy hospital clinic zoo museum library church "
    "cathedral laboratory laboratories embassy consulate court".split()
)
# Institutions whose names carry a place without belonging to it: "University of
# Manchester", "Peanut Corporation of America", "Times of India" (whereas a ministry,
# embassy or hospital "of" a place is that place's).
NAMED_INSTITUTIONS = frozenset(
    "university college institute school academy corporation corp company times bank "
    "foundation society association club museum league federation voice".split()
)
# Words that may sit inside an organisation name between capitalised words.
_NAME_GLUE = frozenset({"of", "and", "for", "&", "'s", "\u2019s", "-"})

# After a name: the pathogen noun that makes it a disease name ("Marburg virus"). The
# weaker nouns (flu, disease) make one only of a name that is no country or province:
# "Lyme disease" and "Swine flu", but "Texas flu season" and "the Ohio disease count".
PATHOGEN_AFTER = re.compile(
    r"(?:[\s-]+|\s*\[)(?:virus(?:es)?|ebolavirus|fever|encephalitis|h(?:a)?emorrhagic)\b",
    re.IGNORECASE,
)
DISEASE_AFTER = re.compile(
    r"(?:[\s-]+|\s*\[)(?:flu|influenza|disease|syndrome|strain)\b", re.IGNORECASE
)
# Before a name: a pathogen it is the strain of ("Ebola-Reston", "Ebola Reston").
PATHOGEN_BEFORE = re.compile(r"\b(?:ebola|virus)[\s-]+$", re.IGNORECASE)
# Influenza subtypes (H5N1, H1N1) and words shaped like medical terms.
_SUBTYPE = re.compile(r"^H\d{1,2}N\d{1,2}$")
_MEDICAL = re.compile(r"(?:itis|virus|viridae|iasis|osis)$", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|around|across|of the town of|of the city of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def named_after(doc: Doc, end: int) -> int | None:
    """Token index just past the organisation name that the words from ``end`` on
    complete ("Red Cross Society" after "Kenya"), or None when they name nothing: a run
    of capitalised words (with "of", "and", "for" inside) that holds a head noun."""
    last = None
    i = end
    while i < len(doc) and i < end + 6:
        token = doc[i]
        if token.lower_ in _NAME_GLUE and i > end:
            i += 1
            continue
        if not (token.is_title or token.is_upper) or not token.is_alpha:
            break
        if token.lower_ in ORG_HEADS:
            last = i + 1
        i += 1
    return last


def is_site(name: str) -> bool:
    """A named institution that is also a site ("Aberdeen University")."""
    words = name.lower().rstrip("'\u2019s").split()
    return bool(words) and any(w in SITE_HEADS for w in words[1:])


def pathogen_use(text: str, start: int, end: int, division: bool = False) -> bool:
    """The name at ``start:end`` is part of a disease or pathogen name here;
    ``division``: the name is that of a country or province."""
    surface = text[start:end]
    if _SUBTYPE.match(surface) or (" " not in surface and _MEDICAL.search(surface)):
        return True
    if PATHOGEN_AFTER.match(text, end) or PATHOGEN_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    return not division and DISEASE_AFTER.match(text, end) is not None


def pathogen_names(text: str, spans: Iterable[tuple[int, int, str, bool]]) -> set[int]:
    """Indices of the mentions (start, end, key, is a country or province) that are
    pathogen names: each one used as such, and every other use of a key the document
    uses for a pathogen, unless a locative word comes before it."""
    spans = list(spans)
    direct = {i for i, (s, e, _, div) in enumerate(spans) if pathogen_use(text, s, e, div)}
    keys = {spans[i][2] for i in direct}
    out = set(direct)
    for i, (s, _, key, _) in enumerate(spans):
        if key in keys and not _LOCATIVE_BEFORE.search(text[max(0, s - 25) : s]):
            out.add(i)
    return out


# A person's name in the sentence: the word before or after says it is someone.
_SPEAKS_AFTER = re.compile(
    r"\s*(?:,\s*who\b|(?:said|says|told|commented|added|explained|indicated|stated|"
    r"noted|recalled|argued|believes|wrote)\b)",
    re.IGNORECASE,
)
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|according to)\s+$", re.IGNORECASE)
_PLACED_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|outside|(?:residents?|natives?|mayor|outskirts|"
    r"suburbs?|inhabitants|people|citizens) of)|\d, of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _with_known(
    span: tuple[int, int, bool] | tuple[int, int, bool, bool],
) -> tuple[int, int, bool, bool]:
    """A mention with its fourth item: a caller that gives three means "known"."""
    if len(span) == 4:
        return span
    start, end, strong = span
    return start, end, strong, True


def person_names(
    doc: Doc,
    spans: Iterable[tuple[int, int, bool] | tuple[int, int, bool, bool]],
    named: Iterable[str] = (),
    text: str | None = None,
    ents: Sequence[Span] | None = None,
) -> set[int]:
    """Indices of the one-word mentions (start, end, strong gazetteer evidence) that
    name a person: a word the document also uses inside a person's full name ("Yulia"
    and "Skripal" after "Yulia Skripal"; ``named`` adds the words of multi-word
    mentions the gazetteer does not know, such as "Maya Harden"), or one that speaks
    ("Hadad, who", "Mahecic commented", "according to Bruschke"). Only for a weak
    match (no country, province or town of 100,000 of that name), and not after a
    locative word ("in Riverdale", but not "in Modi's cabinet"). A fourth item, False
    for a mention the gazetteer does not know at all, lets a full name go too ("Maya
    Harden" when "Harden" is a person). ``text`` is ``doc.text`` and ``ents``
    ``doc.ents``, when the caller has them (spaCy builds both anew on each access)."""
    text = doc.text if text is None else text
    ents = doc.ents if ents is None else ents
    people = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    words = people | set(named)
    rows = [_with_known(s) for s in spans]
    out = set()
    for i, (start, end, strong, _) in enumerate(rows):
        surface = text[start:end]
        if strong or " " in surface or not surface[:1].isupper():
            continue
        before = text[max(0, start - 20) : start]
        genitive = text.startswith(("'s", "\u2019s"), end)
        placed = _PLACED_BEFORE.search(before) and not before.lower().endswith("according to ")
        if placed and not genitive:
            continue
        if surface in words or _SPEAKS_AFTER.match(text, end) or _SPEAKS_BEFORE.search(before):
            out.add(i)
    surnames = people | {text[rows[i][0] : rows[i][1]] for i in out}
    for i, (start, end, _, known) in enumerate(rows):
        parts = text[start:end].split()
        if not known and 2 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts):
            if parts[-1] in surnames and text[start:end] not in people:
                out.add(i)
    return out
