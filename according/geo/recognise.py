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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from according.geo.gazetteer import Candidate, Gazetteer
from according.geo.joins import join_names, split_pairs
from according.geo.mention import Mention
from according.geo.normalise import normalise
from according.geo.orgs import demonym_head, owner_tail, place_opens_name
from according.geo.refine import (
    named_after,
    pathogen_names,
    person_names,
)
from according.geo.rules import place_words
from according.geo.spans import (
    GENITIVE,
    STOP,
    abbreviation,
    case_fits,
    county_tail,
    hyphen_head,
    names_region,
    reduced,
    trim,
    trim_generic,
    unplaced_county,
    without_article,
)
from according.geo.tokens import Tokens
from according.geo.units import unit_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ADMIN = frozenset({"country", "admin1", "continent", "region", "capital"})


def _windows(tokens: Tokens, i: int, max_words: int) -> Iterator[tuple[int, bool, str]]:
    """(size, abbreviation, surface) of the names that may start at untagged capitalised
    token ``i``, longest first: capitalised words, or one abbreviation."""
    first = tokens.text(i)
    short = abbreviation(first) and len(first) > 1
    if not (tokens.title[i] or short):
        return
    for size in range(min(max_words, 4), 0, -1) if not short else (1,):
        end = i + size
        if end > len(tokens) or not all(tokens.name_part[i:end]):
            continue
        if not tokens.wordlike[end - 1]:
            continue
        if tokens.sentence_start[i] and not short and size == 1:
            continue  # "But", "Since", "More" open sentences; "New South Wales" may
        if not (tokens.title[end - 1] or short):
            continue
        yield size, short, tokens.surface(i, end)


def strong_hit(cands: tuple[Candidate, ...], min_population: int) -> bool:
    return any(c.feature in _ADMIN or c.population >= min_population for c in cands)


def recognise(
    doc: Doc,
    gazetteer: Gazetteer,
    min_population: int = 20_000,
    text: str | None = None,
    home: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Place mentions of ``doc`` in text order, none overlapping.

    In passes over one set of accepted mentions: spaCy's entities are taken, or set aside
    to wait for evidence (``_entity_pass``); so are capitalised words the model left
    untagged (``_untagged_pass``); what waits is taken on the evidence of a locative word
    or a list of places around it (``_evidence_pass``); then the names unit words make
    places, abbreviations the text defines, names the model split, hyphenated pairs; last,
    names that turn out to be a pathogen's or a person's are dropped.
    """
    # ``doc.text`` joins every token again on each access (5 ms in a long article): the
    # caller that holds the text passes it.
    found = _Found(
        doc,
        doc.text if text is None else text,
        gazetteer,
        taken=[False] * len(doc),
        home=home,
        ents=tuple(doc.ents),
    )
    pending = _entity_pass(found)
    pending += _untagged_pass(found)
    _evidence_pass(found, pending, min_population)
    text = found.text
    _unit_mentions(doc, text, found.found, found.span_end, found.taken, gazetteer, found.accept)
    _defined_abbreviations(doc, text, found.found, found.taken, found.accept)
    join_names(found.tokens, found.found, found.span_end, gazetteer)
    split_pairs(doc, found.found, found.span_end, gazetteer)
    mentions = [found.found[k] for k in sorted(found.found)]
    return _without_pathogens_and_people(doc, text, mentions, found.ents)


Pending = list[tuple["Span", str, tuple[Candidate, ...]]]


@dataclass
class _Found:
    """The mentions accepted so far and the tokens they cover: what every pass reads,
    and adds to through ``accept``."""

    doc: Doc
    text: str  # spaCy joins every token on each access: read once, passed on
    gazetteer: Gazetteer
    taken: list[bool]
    home: frozenset[str] = frozenset()  # the report's countries, as far as known before
    ents: tuple[Span, ...] = ()  # doc.ents, which spaCy builds anew on each access
    tokens: Tokens = field(init=False)
    found: dict[int, Mention] = field(default_factory=dict)  # by start token
    span_end: dict[int, int] = field(default_factory=dict)  # end token of each, by start
    ends: set[int] = field(default_factory=set)  # last token of each accepted mention

    def __post_init__(self) -> None:
        self.tokens = Tokens.of(self.doc, self.text)

    def accept(
        self,
        span: Span,
        label: str,
        cands: tuple[Candidate, ...],
        qualifies: tuple[int, int] | None = None,
    ) -> None:
        """Take ``span`` as a mention: trimmed, with what it qualifies, looked up again
        if trimming changed it."""
        doc, text, gazetteer = self.doc, self.text, self.gazetteer
        start, end = trim_generic(text, *trim(text, span.start_char, span.end_char), gazetteer)
        if end <= start:
            return
        genitive = span[-1].lower_ in GENITIVE or (
            span.end < len(doc) and doc[span.end].lower_ in GENITIVE
        )  # "Hong Kong's Princess Margaret Hospital": the place owns it
        surface = text[span.start_char : span.end_char]
        if qualifies is None and label != "NORP" and not genitive and not abbreviation(surface):
            after = named_after(doc, span.end)
            if after is not None:
                qualifies = (start, doc[after - 1].idx + len(doc[after - 1]))
        end, cands = county_tail(text, start, end, gazetteer, cands)
        key = normalise(text[start:end])
        if key != normalise(surface):
            cands = gazetteer.lookup(key)
        if not cands:
            cands = (
                reduced(key, gazetteer)
                or without_article(key, gazetteer)
                or hyphen_head(text[start:end], gazetteer)
            )
        elif any(c.feature == "admin2" and c.lat is None for c in cands):
            cands = unplaced_county(key, cands, gazetteer)
        self.found[span.start] = Mention(start, end, text[start:end], key, label, cands, qualifies)
        self.span_end[span.start] = span.end
        for i in range(span.start, span.end):
            self.taken[i] = True
        self.ends.add(span.end - 1)


def _entity_pass(found: _Found) -> Pending:
    """spaCy's entities: place entities taken (a "town, country" pair as two); NORP,
    organisation and person entities taken when the gazetteer makes them places beyond
    doubt; other names that look up set aside for evidence."""
    pending: Pending = []
    parts = list(_entity_parts(found))
    # ``Span.text`` joins the tokens again on each access: the text is sliced once.
    surfaces = [found.text[ent.start_char : ent.end_char] for ent in parts]
    found.gazetteer.prefetch(normalise(surface) for surface in surfaces)
    for ent, surface in zip(parts, surfaces, strict=True):
        key = normalise(surface)
        cands = _lookup(found.gazetteer, key)
        if ent.label_ in PLACE_LABELS:
            _place_entity(found, ent, key, cands)
        elif ent.label_ == "NORP":
            _norp_entity(found, ent, surface, cands, pending)
        else:
            _named_entity(found, ent, surface, cands, pending)
    return pending


# Tokens that cannot be inside a name the gazetteer lacks: the model's "Qoqfin in
# Idleb", "Surman (Azzawya" are two names.
_SEPARATORS = frozenset({"(", ")", "in", "near"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_SEPARATED = re.compile(r"[()]|\b(?:in|near)\b")


def _entity_parts(found: _Found) -> Iterator[Span]:
    """spaCy's entities, each cut at a bracket or a locative word inside it when the
    gazetteer lacks the whole: the parts keep the entity's label, and a part after "in"
    has its locative word before it."""
    from spacy.tokens import Span

    doc, text = found.doc, found.text
    for ent in found.ents:
        if ent.label_ in _NUMERIC_LABELS:
            continue  # "3 May", "two": never a place's name, never looked up
        if not _SEPARATED.search(text, ent.start_char + 1, ent.end_char) or _lookup(
            found.gazetteer, normalise(text[ent.start_char : ent.end_char])
        ):
            yield ent
            continue
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].text in _SEPARATORS:
                if i > start:
                    yield Span(doc, start, i, label=ent.label_)
                start = i + 1


def _place_entity(found: _Found, ent: Span, key: str, cands: tuple[Candidate, ...]) -> None:
    """A GPE, LOC or FAC entity: a place, unless the gazetteer lacks it and it opens an
    organisation's name (``orgs.place_opens_name`` takes what is a place in it)."""
    gazetteer, accept = found.gazetteer, found.accept
    if not cands and any(t.text == "," for t in ent):
        # "Nis, Serbia" tagged as one name: a town and its country, two mentions.
        for part in _comma_parts(ent):
            part_key = normalise(part.text)
            if part_key and part_key not in STOP:
                accept(part, ent.label_, gazetteer.lookup(part_key))
        return
    if key and key not in STOP and not cands and place_opens_name(ent, gazetteer, accept):
        return
    if key and key not in STOP:
        accept(ent, ent.label_, cands)


def _norp_entity(
    found: _Found, ent: Span, surface: str, cands: tuple[Candidate, ...], pending: Pending
) -> None:
    """ "Iranian" is a country mention; "Iranians" (people) is not, in the gold sets. A
    town's name the model takes for a nationality ("near Shyrokyne", "the Halba
    highway") waits for evidence like an untagged name."""
    if names_region(cands, ("name",)) or (
        any(c.feature == "admin1" and c.kind == "name" for c in cands)
        and not surface.isupper()
        and not surface.lower().endswith(_ADJECTIVE_ENDINGS)
    ):
        found.accept(ent, "GPE", cands)  # "Central African Republic", "Punjab": places
    elif names_region(cands) and not surface.endswith("s"):
        found.accept(ent, ent.label_, cands)
    elif not surface.endswith("s") and not any(c.kind == "demonym" for c in cands):
        towns = tuple(c for c in case_fits(surface, cands) if c.kind == "name")
        if towns:
            pending.append((ent, "GAZ", towns))


def _named_entity(
    found: _Found, ent: Span, surface: str, cands: tuple[Candidate, ...], pending: Pending
) -> None:
    """An organisation, person or work the gazetteer knows: taken when it can only be
    the place, set aside for evidence when it may be; places inside an organisation's
    name found (``orgs``)."""
    gazetteer, accept = found.gazetteer, found.accept
    if ent.label_ in ("ORG", "PERSON") and names_region(cands, ("name", "abbr")):
        accept(ent, ent.label_, cands)  # "EU", "US", "Malta" tagged as organisations
    elif (
        ent.label_ == "ORG"
        and len(ent) > 1
        and any(c.feature == "admin1" and c.kind == "name" for c in cands)
    ):
        accept(ent, ent.label_, cands)  # "Tamil Nadu said": a state speaking
    elif ent.label_ == "ORG" and _big_town(case_fits(surface, cands)):
        accept(ent, ent.label_, cands)  # "most of Harare", "Melbourne's carnival"
    elif ent.label_ == "PERSON" and not cands and _unit_named(surface, gazetteer):
        # "Rakhine State", "Sittwe District" tagged as people: a name with a
        # capitalised division noun is its unit.
        accept(ent, "GPE", ())
    elif ent.label_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART"):
        cands = case_fits(surface, cands)
        if cands and not (ent.label_ == "PERSON" and len(ent) > 1 and not _big_town(cands)):
            # A person's full name that is also a place's is the person ("Jordan
            # Peterson"), unless the place is a capital or a city of a million under its
            # own name ("in Leon de los Aldama", tagged a person): the words around decide.
            pending.append((ent, ent.label_, cands))
        elif ent.label_ == "ORG":
            demonym_head(ent, gazetteer, accept)
            owner_tail(ent, gazetteer, accept)
    if not cands and _unknown_near(found, ent):
        accept(ent, "NEAR", ())


def _untagged_pass(found: _Found) -> Pending:
    """Capitalised words spaCy left untagged: an abbreviation, continent, or a country's
    or province's name of several words taken; other gazetteer names set aside for the
    same evidence test. An all-capitals abbreviation ("DRC", "U.S.", "NSW") may open a
    sentence."""
    doc, gazetteer, taken = found.doc, found.gazetteer, found.taken
    pending: Pending = []
    tokens = found.tokens
    starts = [k for k, capital in enumerate(tokens.capital) if capital and not taken[k]]
    windows = {i: list(_windows(tokens, i, gazetteer.max_words)) for i in starts}
    gazetteer.prefetch(normalise(w[2]) for ws in windows.values() for w in ws)
    after = 0  # the first token after the last name found
    for i in starts:
        if i < after:
            continue
        for size, short, surface in windows[i]:
            end = i + size
            cands = case_fits(surface, _lookup(gazetteer, normalise(surface)))
            if not cands:
                continue
            span = doc[i:end]
            if (
                (short and names_region(cands, ("abbr",)))
                or any(c.feature == "continent" and c.kind == "name" for c in cands)
                or (
                    size > 1
                    and any(c.feature in ("country", "admin1") and c.kind == "name" for c in cands)
                )
            ):
                # "DRC", "UAE": as when tagged an organisation; a continent's name
                # ("to sub-Saharan Africa") and a country's or province's of several
                # words ("New South Wales is second") are places wherever they stand
                found.accept(span, "GAZ", cands)
            else:
                pending.append((span, "GAZ", cands))
            after = end
            break
    return pending


def _evidence_pass(found: _Found, pending: Pending, min_population: int) -> None:
    """What waits for evidence: locative words first, then lists anchored on accepted
    places (repeated, so that a list grows from any accepted member in both directions),
    and province abbreviations in a document about their country."""
    doc = found.doc
    for _ in range(4):
        before = len(found.found)
        rest = []
        named = _countries_named(found.found.values()) | found.home
        for span, label, cands in pending:
            if found.tokens.locative(span.start) and (
                strong_hit(cands, min_population) or _near_at_home(doc, span, cands, named)
            ):
                found.accept(span, label, cands)
            elif _in_list(found, span) and strong_hit(cands, 1_000):
                found.accept(span, label, cands)
            elif _abbreviated_province(span.text, cands, named):
                found.accept(span, label, cands)
            else:
                rest.append((span, label, cands))
        pending = rest
        if len(found.found) == before:
            break


def _unknown_near(found: _Found, ent: Span) -> bool:
    """ "observed explosions near Bohuslavske" in a report whose country is known: a
    name the gazetteer lacks right after "near" is a place there (the mission's villages
    are mostly missing), placed at that country when nothing closer is known."""
    doc = found.doc
    return (
        bool(found.home)
        and ent.start > 0
        and doc[ent.start - 1].lower_ == "near"
        and len(ent) <= 3
        and all(t.is_title or t.text == "-" for t in ent)
    )


# The locative words that place what follows (not "from", "to": "a letter to Sumy").
_PLACING = frozenset("in near outside around inside".split())


def _near_at_home(doc: Doc, span: Span, cands: tuple[Candidate, ...], home: set[str]) -> bool:
    """ "near Kruta Balka", "in Qoqfin" in a report about Ukraine or Syria: a village
    under a word that places ("in", "near"), in a country the report is about (its
    outlet's, or one it names), is a place however small."""
    return (
        span.start > 0
        and doc[span.start - 1].lower_ in _PLACING
        and any(c.kind == "name" and c.country in home for c in cands)
    )


def _without_pathogens_and_people(
    doc: Doc, text: str, mentions: list[Mention], ents: tuple[Span, ...]
) -> list[Mention]:
    """The mentions less those that name a pathogen ("Ebola", "Zika virus") or, by the
    words around them, a person; a name a unit noun or a bracket of units makes a place
    is no person's."""
    dropped = pathogen_names(
        text, ((m.start, m.end, m.key, _division(m.candidates)) for m in mentions)
    )
    unknown = {w for m in mentions if not m.candidates and " " in m.text for w in m.text.split()}
    people = person_names(
        doc,
        (
            (m.start, m.end, strong_hit(_named(m.candidates), 100_000), bool(m.candidates))
            for m in mentions
        ),
        unknown,
        text=text,
        ents=ents,
    )
    dropped |= {i for i in people if mentions[i].label != "UNIT"}
    return [m for i, m in enumerate(mentions) if i not in dropped]


# Endings of English adjectives ("Western", "Somali", "Jewish", "Texan"): a province of
# that name is rarely what an adjective-tagged word means ("Punjab" is the province).
_ADJECTIVE_ENDINGS = ("ern", "an", "ish", "ese", "ic", "i")


def _unit_named(surface: str, gazetteer: Gazetteer) -> bool:
    """Whether ``surface`` is a known name and a capitalised division noun after it
    ("Rakhine State", "Sittwe District", "Kunar Province"): a noun of the data's
    ``division_nouns`` that ``reduced`` reads as the unit's."""
    words = surface.split()
    if len(words) < 2 or not words[-1][:1].isupper() or not words[0][:1].isupper():
        return False
    return words[-1].lower() in place_words().division and bool(
        reduced(normalise(surface), gazetteer)
    )


def _big_town(cands: tuple[Candidate, ...]) -> bool:
    """A capital or a city of a million by its own name: what an organisation-tagged
    word most often is ("Harare", "Melbourne"; clubs named after them too)."""
    return any(
        c.kind == "name"
        and (c.feature == "capital" or (c.feature == "city" and c.population >= 1_000_000))
        for c in cands
    )


def _comma_parts(ent: Span) -> list[Span]:
    """The comma-separated parts of an entity ("Nis", "Serbia" of "Nis, Serbia")."""
    parts, start = [], ent.start
    for token in ent:
        if token.text == ",":
            if token.i > start:
                parts.append(ent.doc[start : token.i])
            start = token.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return parts


def _unit_mentions(
    doc: Doc,
    text: str,
    found: dict[int, Mention],
    span_end: dict[int, int],
    taken: list[bool],
    gazetteer: Gazetteer,
    accept: Callable[..., None],
) -> None:
    """Names the unit words make places (``according.geo.units``): taken with or
    without an entry, replacing a shorter mention inside them ("Nawa" of "Nawa-e
    Barakzayi district", "Mayo-" of "(Mayo-Sava, Extreme-Nord)")."""
    tagged = doc.has_annotation("POS")
    for start, end in unit_names(text, gazetteer):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        inside = [k for k in found if k < span.end and span_end[k] > span.start]
        if any(k < span.start or span_end[k] > span.end for k in inside):
            continue  # overlaps a longer or other mention: that reading stands
        if any(k == span.start and span_end[k] == span.end for k in inside):
            continue
        for k in inside:
            del found[k]
            span_end.pop(k, None)
        for i in range(span.start, span.end):
            taken[i] = False
        key = normalise(text[start:end])
        cands = case_fits(span.text, gazetteer.lookup(key))
        if not cands and (
            (tagged and not any(t.pos_ == "PROPN" for t in span))
            or (len(span) == 1 and span[0].is_sent_start)
        ):
            continue  # "Instead county law enforcement": a capital letter, not a name
        accept(span, "UNIT", cands)


def _lookup(gazetteer: Gazetteer, key: str) -> tuple[Candidate, ...]:
    """Entries for a name as written, else without its article ("Ar-Raqqa")."""
    if not key or key in STOP:
        return ()
    return gazetteer.lookup(key) or without_article(key, gazetteer)


def _countries_named(mentions: Iterable[Mention]) -> set[str]:
    """Countries the document names by a country, a province or a town of 100,000."""
    return {
        c.country
        for m in mentions
        for c in m.candidates
        if c.country
        and c.kind == "name"
        and (c.feature in ("country", "admin1") or c.population >= 100_000)
    }


def _abbreviated_province(surface: str, cands: tuple[Candidate, ...], named: set[str]) -> bool:
    """ "NSW", "QLD" in a report that names Australia or Sydney: a province's
    abbreviation of three letters or more, in capitals, in a document about its
    country. (Two letters, "WA", "PA", "MD", need a locative word: they are also other
    things.)"""
    letters = surface.replace(".", "")
    return (
        len(letters) >= 3
        and abbreviation(surface)
        and any(c.kind == "abbr" and c.feature == "admin1" and c.country in named for c in cands)
    )


_DEFINED = re.compile(r"\s*\(([A-Z][A-Z.]{1,6})\)")


def _defined_abbreviations(
    doc: Doc, text: str, found: dict[int, Mention], taken: list[bool], accept: object
) -> None:
    """ "KwaZulu-Natal (KZN)", "New South Wales (NSW)": an abbreviation in brackets after
    a place, made of the capitals of its name, names that place wherever the document
    uses it."""
    defined: dict[str, tuple[Candidate, ...]] = {}
    for m in list(found.values()):
        bracket = _DEFINED.match(text, m.end)
        capitals = "".join(ch for ch in m.text if ch.isupper())
        if bracket and m.candidates and bracket.group(1).replace(".", "") == capitals:
            defined[bracket.group(1).replace(".", "")] = m.candidates
    if not defined:
        return
    for token in doc:
        cands = defined.get(token.text.replace(".", ""))
        if cands and not taken[token.i]:
            accept(doc[token.i : token.i + 1], "ABBR", cands)  # type: ignore[operator]


def _named(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.kind in ("name", "abbr", "demonym"))


def _division(cands: tuple[Candidate, ...]) -> bool:
    return any(c.feature in ("country", "admin1") and c.kind != "alt" for c in cands)


def _in_list(found: _Found, span: Span) -> bool:
    """A neighbour across a comma or "and" is an accepted place mention."""
    tokens = found.tokens
    i = span.start - 1
    while i >= 0 and tokens.list_glue(i):
        i -= 1
    if 0 <= i < span.start - 1 and i in found.ends:
        return True
    j = span.end
    while j < len(tokens) and tokens.list_glue(j):
        j += 1
    return span.end < j < len(tokens) and j in found.found
