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
from according.geo.spans import county_tail, reduced, trim, trim_generic, unplaced_county

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


def recognise(doc: Doc, gazetteer: Gazetteer, min_population: int = 20_000) -> list[Mention]:
    """Place mentions of ``doc`` in text order, none overlapping."""
    text = doc.text
    found: dict[int, Mention] = {}  # by start token
    span_end: dict[int, int] = {}  # end token of each, by start token
    taken = [False] * len(doc)
    ends: set[int] = set()  # last token of each accepted mention
    pending: list[tuple[Span, str, tuple[Candidate, ...]]] = []

    def accept(
        span: Span,
        label: str,
        cands: tuple[Candidate, ...],
        qualifies: tuple[int, int] | None = None,
    ) -> None:
        start, end = trim_generic(text, *trim(text, span.start_char, span.end_char), gazetteer)
        if end <= start:
            return
        genitive = span[-1].lower_ in _GENITIVE or (
            span.end < len(doc) and doc[span.end].lower_ in _GENITIVE
        )  # "Hong Kong's Princess Margaret Hospital": the place owns it
        if qualifies is None and label != "NORP" and not genitive and not _abbreviation(span.text):
            after = named_after(doc, span.end)
            if after is not None:
                qualifies = (start, doc[after - 1].idx + len(doc[after - 1]))
        end, cands = county_tail(text, start, end, gazetteer, cands)
        key = normalise(text[start:end])
        if key != normalise(span.text):
            cands = gazetteer.lookup(key)
        if not cands:
            cands = reduced(key, gazetteer)
        elif any(c.feature == "admin2" and c.lat is None for c in cands):
            cands = unplaced_county(key, cands, gazetteer)
        found[span.start] = Mention(start, end, text[start:end], key, label, cands, qualifies)
        span_end[span.start] = span.end
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
                _owner_tail(ent, gazetteer, accept)

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
    _join_names(doc, found, span_end, gazetteer)
    _split_pairs(doc, found, span_end, gazetteer)
    mentions = [found[k] for k in sorted(found)]
    dropped = pathogen_names(
        text, ((m.start, m.end, m.key, _division(m.candidates)) for m in mentions)
    )
    return [m for i, m in enumerate(mentions) if i not in dropped]


def _join_names(
    doc: Doc, found: dict[int, Mention], span_end: dict[int, int], gazetteer: Gazetteer
) -> None:
    """ "Guinea-Bissau", "Democratic Republic of the Congo", "People's Republic of China":
    a name the model split at a hyphen or an "of" is one mention when the gazetteer has
    the whole."""
    for a in sorted(found):
        if a not in found:
            continue
        b = span_end[a]
        best = None
        for i in range(a, max(a - 6, -1), -1):  # from the left edge, then further left
            if i < a and not _joinable(doc, i):
                break
            for j in range(b, min(b + 5, len(doc)) + 1):
                if j > b and not _joinable(doc, j - 1):
                    break
                if not doc[i].is_title or doc[i].lower_ == "the" or not doc[j - 1].is_alpha:
                    continue
                if doc[j - 1].lower_ in ("of", "the") or (i == a and j == b):
                    continue
                if i < a and doc[a - 1].lower_ not in ("of", "the", "-") and j == b:
                    continue
                if j > b and doc[b].lower_ not in ("of", "-"):
                    continue
                key = normalise(doc[i:j].text)
                cands = tuple(c for c in gazetteer.lookup(key) if c.kind != "alt")
                if cands and (best is None or j - i > best[1] - best[0]):
                    best = (i, j, cands)
        if best is None:
            continue
        i, j, cands = best
        m = found[a]
        for k in [k for k in found if k < j and span_end[k] > i]:
            del found[k]
            span_end.pop(k, None)
        start = m.start if i == a else doc[i].idx
        end = doc[j - 1].idx + len(doc[j - 1])
        surface = doc.text[start:end]
        found[i] = replace(
            m, start=start, end=end, text=surface, key=normalise(surface), candidates=cands
        )
        span_end[i] = j


def _joinable(doc: Doc, k: int) -> bool:
    """Token ``k`` can sit inside a name joined across tokens: a capitalised word,
    "of", "the", a possessive, or a hyphen written without spaces."""
    t = doc[k]
    if t.text == "-":
        return k > 0 and not doc[k - 1].whitespace_ and not t.whitespace_
    return t.lower_ in ("of", "the", "'s", "\u2019s") or ((t.is_title or t.is_upper) and t.is_alpha)


def _split_pairs(
    doc: Doc, found: dict[int, Mention], span_end: dict[int, int], gazetteer: Gazetteer
) -> None:
    """ "Asia-Pacific", "Russia-Ukraine": a hyphenated name the gazetteer lacks whose
    parts are each a country, continent or region is two mentions."""
    for a, m in list(found.items()):
        if m.candidates or "-" not in m.text or " " in m.text:
            continue
        left, _, right = m.text.partition("-")
        parts = [(left, m.start), (right, m.start + len(left) + 1)]
        looked = [gazetteer.lookup(normalise(w)) for w, _ in parts]
        if not all(
            w[:1].isupper() and _names_region(c, ("name",))
            for (w, _), c in zip(parts, looked, strict=True)
        ):
            continue
        del found[a]
        for (word, start), cands in zip(parts, looked, strict=True):
            token = doc.char_span(start, start + len(word), alignment_mode="expand")
            at = token.start if token is not None else a
            found[at if at not in found else a] = replace(
                m,
                start=start,
                end=start + len(word),
                text=word,
                key=normalise(word),
                candidates=cands,
            )


def _division(cands: tuple[Candidate, ...]) -> bool:
    return any(c.feature in ("country", "admin1") and c.kind != "alt" for c in cands)


def _abbreviation(surface: str) -> bool:
    """ "U.S.", "UK", "NSW": a short all-capitals name, dots allowed."""
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5


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


def _owner_tail(ent: Span, gazetteer: Gazetteer, accept: object) -> None:
    """ "Ministry of Health of Uganda", "Bank of America", "Taco Bell Canada": a country
    (or, after "of", a province or a city of 100,000) closing an organisation's name
    says whose it is, as a genitive does: a mention of the place, not a qualifier."""
    if len(ent) < 2:
        return
    of = max((i for i, t in enumerate(ent) if t.lower_ == "of"), default=None)
    first = of + 1 if of is not None else len(ent) - 1
    if first < len(ent) and ent[first].lower_ == "the":
        first += 1
    tail = ent[first:]
    if not len(tail) or not all(t.is_title or t.is_upper for t in tail if t.is_alpha):
        return
    cands = _case_fits(tail.text, gazetteer.lookup(normalise(tail.text)))
    owners = ("country", "admin1", "continent") if of is not None else ("country",)
    if any(
        c.kind in ("name", "abbr")
        and (
            c.feature in owners
            or (of is not None and c.feature in _TOWNS and c.population >= 100_000)
        )
        for c in cands
    ):
        accept(tail, "ORG", cands, None)  # type: ignore[operator]


_TOWNS = ("city", "capital")


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
