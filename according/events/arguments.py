"""An event's arguments from the other stages' findings in its sentence.

Without a parser (the pipeline runs spaCy's rule sentencizer and NER only, for speed),
positions stand in for syntax: who acts is named before the trigger (English is
subject-verb-object; passives like "were arrested by police" are handled by the "by"
phrase), the target after it, up to the next clause break. Places are those the places
stage found in the sentence in a locative role, plus every place of a list that
continues a locative one ("in Tehran and numerous other cities including: Isfahan,
Shiraz, ..." is one event in all of them), because list items lose the "in" before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from according.dates.dateline import in_dateline
from according.records import Claim, Entity, Place, Quantity, Span, TimeSpan

# Places named as origin ("from Iran"), attribute ("Iranian", "China Daily") or
# destination are not where the event happened; a town that names a site the sentence
# places the event at ("at Tehran University": ``site_role``) is.
_EVENT_ROLES = frozenset({"location", "near", "mention", None})
_SITE_ROLES = frozenset({"location", "near"})
_LIST_GAP = re.compile(
    r"^[\s,;:]*(?:(?:and|or|as well as|including|such as|like|the|other|numerous|several|"
    r"many|some|cities|towns|villages|provinces|regions|districts|areas|of|in|at|"
    r"cities of|city of)[\s,;:]*)*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:who|which|while|after|before|as|but)\b|\b(?:for|"
    r"because|after|over|in order to)\b",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"\bby\s+$", re.IGNORECASE)
_COUNT_KIND: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{p})", re.IGNORECASE))
    for kind, p in (
        ("arrested", r"arrest|detain|detention|custody|prisoners|students|others|activists"),
        ("fatalities", r"martyr|death|dead|died|kill|fatalit|bodies|lives|murdered"),
        ("injured", r"injur|wound|hurt|hospitali"),
        (
            "participants",
            r"protesters|demonstrators|people|participants|marchers|workers|"
            r"supporters|residents|strikers|thousands|hundreds",
        ),
    )
)
# A count of the events themselves ("two nationwide protests") is not a quantity of one.
_EVENT_NOUN = re.compile(
    r"\b(?:protests?|demonstrations?|attacks?|strikes?|clashes|"
    r"incidents?|rallies|events?|evils?)\b",
    re.IGNORECASE,
)


def inside(span: Span | None, start: int, end: int) -> bool:
    return span is not None and start <= span.start and span.end <= end


def _overlaps(a: Span | None, spans: Sequence[Span]) -> bool:
    return a is not None and any(a.start < b.end and b.start < a.end for b in spans)


def _dedupe(entities: list[Entity], limit: int) -> list[Entity]:
    seen: set[str] = set()
    out: list[Entity] = []
    for e in entities:
        key = e.id or e.name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out[:limit]


def actors_and_targets(
    entities: Sequence[Entity],
    places: Sequence[Place],
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
) -> tuple[list[Entity], list[Entity]]:
    """Actors named before the trigger (nearest first) and targets after it, within the
    clause. Media are sources, not actors; entities that are really places (NER calls
    "Shiraz" a person) are left to the places."""
    s_start, s_end = sentence
    t_start, t_end = trigger
    place_spans = [p.span for p in places if p.span is not None]
    place_names = {n.lower() for p in places for n in (p.text, p.name)}
    usable = [
        e
        for e in entities
        if inside(e.span, s_start, s_end)
        and e.kind != "media"
        and (
            e.id is not None
            or not (_overlaps(e.span, place_spans) or e.text.lower() in place_names)
        )
    ]
    before = [e for e in usable if e.span and e.span.end <= t_start]
    after = [e for e in usable if e.span and e.span.start >= t_end]
    clause_end = s_end
    match = _CLAUSE_BREAK.search(text, t_end, s_end)
    if match:
        clause_end = match.start()
    targets = [e for e in after if e.span and e.span.start < clause_end]
    # passive: "were arrested by police" — the agent follows the trigger
    agents = [e for e in targets if e.span and _BY_AGENT.search(text[t_end : e.span.start])]
    if agents:
        targets = [e for e in targets if e not in agents]
        return _dedupe(agents, 3), _dedupe(before[::-1], 3)
    return _dedupe(before[::-1], 3), _dedupe(targets, 3)


def event_places(places: Sequence[Place], text: str, start: int, end: int) -> list[Place]:
    """Places of the sentence ``start..end`` where the event happened (see module doc)."""
    ordered = sorted(
        (p for p in places if inside(p.span, start, end)),
        key=lambda p: p.span.start,  # type: ignore[union-attr]
    )
    chosen: list[Place] = []
    previous: Place | None = None
    for place in ordered:
        role = getattr(place, "role", None)
        continues_list = (
            previous is not None
            and previous.span is not None
            and place.span is not None
            and _LIST_GAP.match(text[previous.span.end : place.span.start]) is not None
        )
        if (
            role in _EVENT_ROLES
            or getattr(place, "site_role", None) in _SITE_ROLES
            or continues_list
        ):
            chosen.append(place)
            previous = place
        else:
            previous = None
    seen: set[tuple[object, ...]] = set()
    unique: list[Place] = []
    for p in chosen:
        key = (p.geonames_id or p.name, p.lat, p.lon)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    # "Iran" next to "Tehran, Isfahan": the country adds nothing when its towns are named
    towns = [p for p in unique if p.feature not in ("country", "PCLI") and p.precision == 1]
    if towns:
        countries = {p.country for p in towns}
        unique = [p for p in unique if p in towns or p.country not in countries]
    return unique


def filed_at(places: Sequence[Place]) -> list[Place]:
    """The dateline's town, for an event the report places nowhere else: the report was
    filed there ("TBILISI, May 1 (Reuters) - Georgian police detained ..."), so the event
    is near it (precision 2) as long as the report's other places, adjectives included,
    are in the same country or there are none. A report filed from Beirut about Syria
    places nothing in Beirut."""
    filing = [p for p in places if getattr(p, "role", None) == "filing" and p.lat is not None]
    if not filing:
        return []
    town = filing[0]
    others = {p.country for p in places if p.country and getattr(p, "role", None) != "filing"}
    if others and others != {town.country}:
        return []
    return [town.model_copy(update={"precision": max(2, town.precision)})]


# A report that says where its incident was in more places than this is about several
# (a wave of protests over 13 cities): an event none of its sentences place is not put
# at all of them.
REPORTED_AT_MAX = 3


def reported_at(places: Sequence[Place]) -> list[Place]:
    """The places the report says something happened at, for an event whose own sentences
    place it nowhere: a note on one incident says where once ("residents of Jen
    (Karim-Lamido LGA, Taraba) burnt tyres ... Soldiers responded with gunshots. 4 people
    were killed"). Only when there are at most ``REPORTED_AT_MAX`` such places, all with
    a point and in one country."""
    where = [p for p in places if getattr(p, "role", None) in ("location", "near")]
    if not where or len(where) > REPORTED_AT_MAX or any(p.lat is None for p in where):
        return []
    return where if len({p.country for p in where}) == 1 else []


def located(places: Sequence[Place]) -> bool:
    """Whether any of ``places`` is where something happened ("in Nairobi", "near Gao",
    "at Cairo University"), not only a name's qualifier or an origin."""
    return any(
        "location" in (getattr(p, "role", None), getattr(p, "site_role", None))
        or getattr(p, "role", None) == "near"
        for p in places
    )


def event_counts(
    claims: Sequence[Claim], start: int, end: int, owner: tuple[int, int] | None = None
) -> list[Quantity]:
    """Counts from the claims of ``start..end`` ("over 1,500 martyrs" in the same sentence
    as "protests"), typed by their unit words. ``owner`` limits them to the stretch that
    belongs to one trigger when a sentence has several."""
    lo, hi = owner if owner else (start, end)
    out: list[Quantity] = []
    for claim in claims:
        if not inside(claim.span, lo, hi):
            continue
        unit = claim.unit or ""
        if _EVENT_NOUN.search(unit) and not any(p.search(unit) for _, p in _COUNT_KIND[:3]):
            continue
        kind = next((k for k, p in _COUNT_KIND if p.search(unit)), "other")
        out.append(
            Quantity(
                kind=kind,  # type: ignore[arg-type]
                value=claim.value,
                bound=claim.bound,
                text=claim.text,
                span=claim.span,
            )
        )
    return out


def _usable(t: TimeSpan) -> bool:
    return t.span is not None and t.start is not None and t.precision != "duration"


def _timespan_for(start: int, end: int, dates: list[TimeSpan], text: str) -> TimeSpan | None:
    """The dates stage's own choice of governing date when it offers one."""
    try:
        from according.dates import timespan_for
    except ImportError:  # pragma: no cover - older dates stage
        return None
    return timespan_for(start, end, dates, text)


_ATTACHED = re.compile(r"^\s*(?:[\w'\u2019-]+\s+){0,3}?(?:in|on|during|of)\s+$", re.IGNORECASE)


def is_dateline(date: TimeSpan, text: str) -> bool:
    """ "NAIROBI, June 20, 2024 — Police fired ...": the date a report was filed, which
    opens its first paragraph before a dash, not the date of what the paragraph tells."""
    return date.span is not None and in_dateline(text, date.span.start, date.span.end)


def event_when(
    dates: Sequence[TimeSpan], text: str, sentence: tuple[int, int], trigger: tuple[int, int]
) -> TimeSpan | None:
    """The date of the event: a date attached to the trigger ("protests in November 2019",
    "summit will be held on July 17"), else the dates stage's governing date for the
    trigger, else the first usable date of the sentence. None: the caller falls back to
    the document's date."""
    s_start, s_end = sentence
    t_start, t_end = trigger
    dates = [d for d in dates if not is_dateline(d, text)]
    in_sentence = [d for d in dates if _usable(d) and inside(d.span, s_start, s_end)]
    following = sorted(
        (d for d in in_sentence if d.span and d.span.start >= t_end),
        key=lambda d: d.span.start,  # type: ignore[union-attr]
    )
    if following and _ATTACHED.match(text[t_end : following[0].span.start]):  # type: ignore[union-attr]
        return following[0]
    chosen = _timespan_for(t_start, t_end, list(dates), text)
    if chosen is None or not _usable(chosen):
        chosen = in_sentence[0] if in_sentence else None
    if (
        chosen is not None
        and chosen.span is not None
        and chosen.span.start >= t_end
        and _CLAUSE_BREAK.search(text, t_end, chosen.span.start)
    ):
        # "arrested ..., who were identified on May 5": that date is another clause's
        return None
    return chosen
