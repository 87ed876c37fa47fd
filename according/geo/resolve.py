"""Choosing the GeoNames entry each mention refers to (pure functions, no I/O).

A name alone is ambiguous (London, Ontario; Georgia the state or the country), so each
candidate is scored by its prominence (population, feature class, how the name matched)
and by its agreement with the rest of the document: the share of the other mentions
that resolve to the same country, a shared province, other places within 150 km, and
the outlet's country. Two rounds are enough for the choices to settle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

from according.geo.context import Hint
from according.geo.gazetteer import Candidate

# How much more likely a name means a place of this kind than a town of equal population.
FEATURE_BONUS = {
    "continent": 4.0,
    "region": 3.5,
    "country": 3.5,
    "capital": 2.5,
    "admin1": 0.3,
    "admin2": 0.3,
    "city": 0.0,
}
# A landmark ("the White House") names its city far more often than a same-named town.
KIND_BONUS = {"name": 0.0, "abbr": 0.5, "demonym": 0.5, "alt": -1.0, "landmark": 3.0}
COUNTRY_WEIGHT = 3.0
ADMIN1_WEIGHT = 1.0
NEAR_WEIGHT = 1.0
NEAR_KM = 150.0
OUTLET_WEIGHT = 3.5
# A province in the country that most of the document is about, whose name is also a
# country's (Georgia in a report on Atlanta), means the province. Only against a country:
# a report on America still names Washington the city and Manchester in England.
DOMINANT_WEIGHT = 2.0
DOMINANT_SHARE = 0.5
SHADOW_PENALTY = 3.0
# ACLED geo_precision: 1 the town itself, 2 near it or part of a region, 3 a region.
PRECISION = {
    "city": 1,
    "capital": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 3,
    "region": 3,
    "continent": 3,
}


@dataclass(frozen=True, slots=True)
class Choice:
    """The entry chosen for one mention; ``fallback`` when no entry matched and the
    point is the document's main place (ACLED's "near", precision 2)."""

    candidate: Candidate | None
    score: float
    fallback: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def prior(c: Candidate) -> float:
    """Prominence alone: log population plus what the feature and the match say."""
    return (
        math.log10(c.population + 10)
        + FEATURE_BONUS.get(c.feature, 0.0)
        + KIND_BONUS.get(c.kind, 0.0)
    )


def _located(c: Candidate) -> bool:
    return c.lat is not None and c.lon is not None


def resolve(
    keys: Sequence[str],
    candidates: Sequence[tuple[Candidate, ...]],
    outlet_country: str | None = None,
    rounds: int = 2,
    hints: Sequence[Hint] | None = None,
) -> list[Choice]:
    """One Choice per mention (``keys[i]`` normalised, ``candidates[i]`` its entries).

    ``hints`` (``according.geo.context``) let a single mention depart from the choice
    made for its name elsewhere in the document ("Buffalo, New York" is the state even
    where "New York" alone is the city)."""
    pools = [tuple(c for c in cands if _located(c)) for cands in candidates]

    demoted = {c.id for pool in pools for c in _shadowed_divisions(pool)}
    twins = {
        c.id
        for pool in pools
        if any(x.feature == "country" for x in pool)
        for c in pool
        if c.feature == "admin1"
    }

    def base(c: Candidate) -> float:
        bonus = OUTLET_WEIGHT if outlet_country and c.country == outlet_country else 0.0
        return prior(c) + bonus - (SHADOW_PENALTY if c.id in demoted else 0.0)

    picks: dict[str, Candidate] = {}
    for key, pool in zip(keys, pools, strict=True):
        if pool and key not in picks:
            picks[key] = max(pool, key=base)
    for _ in range(rounds):
        new: dict[str, Candidate] = {}
        for key, pool in zip(keys, pools, strict=True):
            if pool and key not in new:
                others = [p for k, p in picks.items() if k != key]
                new[key] = max(pool, key=lambda c, o=others: base(c) + _coherence(c, o, twins))
        if new == picks:
            break
        picks = new
    main = _main_place([picks[k] for k in keys if k in picks])
    local = _local(keys, pools, picks, hints, base) if hints else {}
    out = []
    for i, key in enumerate(keys):
        pick = local.get(i) or picks.get(key)
        if pick is not None:
            out.append(Choice(pick, base(pick)))
        else:
            out.append(Choice(main, 0.0, fallback=main is not None))
    return out


_TOWN = ("city", "capital")
# What can sit inside a province: "Buffalo, New York" and "Cuyahoga County, Ohio".
_LOCAL = ("city", "capital", "admin2")


def _kind(c: Candidate) -> str:
    return "town" if c.feature in _TOWN else c.feature


def _local(
    keys: Sequence[str],
    pools: list[tuple[Candidate, ...]],
    picks: dict[str, Candidate],
    hints: Sequence[Hint],
    base: Callable[[Candidate], float],
) -> dict[int, Candidate]:
    """Per-mention choices from local context, strongest last so that it wins: list
    neighbours of one kind, then a division noun, then an "X, Y" containment pair."""
    chosen: dict[int, Candidate] = {}
    named: dict[str, Candidate] = {}  # names an "X, Y" pair settled

    def current(i: int) -> Candidate | None:
        return chosen.get(i) or picks.get(keys[i])

    # A list of three or more whose majority are provinces of one country (or
    # countries) makes provinces (countries) of the rest: "British Columbia, Alberta,
    # Manitoba, Ontario and New Brunswick" in a report that also names US towns.
    for items in _lists(hints):
        picked = [picks.get(keys[j]) for j in items]
        kinds = Counter(
            (_kind(c), c.country if c.feature == "admin1" else None) for c in picked if c
        )
        if not kinds:
            continue
        (kind, country), n = kinds.most_common(1)[0]
        if kind not in ("admin1", "country") or 2 * n < len(items):
            continue
        for j in items:
            pick = picks.get(keys[j])
            if pick is not None and _kind(pick) == kind:
                continue
            fits = [
                c for c in pools[j] if _kind(c) == kind and (not country or c.country == country)
            ]
            if fits:
                chosen[j] = max(fits, key=base)

    for i, hint in enumerate(hints):
        # Only towards a division: a town among provinces is a misread province, and so
        # is a country among one country's provinces (Georgia among Alabama, Tennessee).
        near = [picks.get(keys[j]) for j in hint.neighbours]
        near = [c for c in near if c is not None]
        pick = picks.get(keys[i])
        if not near or pick is None:
            continue
        kinds = {_kind(c) for c in near}
        if len(kinds) != 1 or "town" in kinds or _kind(pick) in kinds:
            continue
        kind = kinds.pop()
        if not (_kind(pick) == "town" or (_kind(pick) == "country" and kind == "admin1")):
            continue
        countries = {c.country for c in near}
        fits = [
            c
            for c in pools[i]
            if _kind(c) == kind
            and (kind in ("country", "continent", "region") or c.country in countries)
        ]
        if fits:
            chosen[i] = max(fits, key=base)
    for i, hint in enumerate(hints):
        if hint.prefer:
            fits = [c for c in pools[i] if c.feature == hint.prefer]
            pick = current(i)
            if fits and (pick is None or pick.feature != hint.prefer):
                chosen[i] = max(fits, key=base)
    for i, hint in enumerate(hints):
        j = hint.contains
        head = current(j) if j is not None else None
        if j is None or head is None or head.feature not in _LOCAL:
            continue
        if i + 1 in hint.neighbours or j - 1 in hints[j].neighbours:
            continue  # "Washington, New York and Boston" is a list, not a place in a state
        pairs = [
            (x, y)
            for y in pools[i]
            if y.feature in ("admin1", "country")
            for x in pools[j]
            if x.feature in _LOCAL
            and x.kind != "alt"
            and x.country == y.country
            and (y.feature == "country" or (x.admin1_code and x.admin1_code == y.admin1_code))
        ]
        if pairs:
            x, y = max(pairs, key=lambda p: base(p[0]) + base(p[1]))
            chosen[j], chosen[i] = x, y
            named[keys[j]] = x
    # A county the writer placed once ("Scott County, Indiana") is that county wherever
    # the document names it again ("cases in Scott County"); towns keep per-mention
    # readings, as "Washington, Pennsylvania" says nothing of a later "Washington".
    for k, key in enumerate(keys):
        x = named.get(key)
        if x is not None and x.feature == "admin2" and k not in chosen and x in pools[k]:
            chosen[k] = x
    return chosen


def _lists(hints: Sequence[Hint]) -> list[list[int]]:
    """The lists of three or more mentions that the hints' neighbour links make."""
    out, seen = [], set()
    for i in range(len(hints)):
        if i in seen or not hints[i].neighbours:
            continue
        items, todo = [], [i]
        while todo:
            j = todo.pop()
            if j in seen:
                continue
            seen.add(j)
            items.append(j)
            todo.extend(hints[j].neighbours)
        if len(items) >= 3:
            out.append(sorted(items))
    return out


def _shadowed_divisions(pool: tuple[Candidate, ...]) -> list[Candidate]:
    """Provinces named after a sizeable city inside them (Isfahan, Qom, New York): the
    name means the city far more often, as in ACLED's coding of the same reports."""
    cities = [c for c in pool if c.feature in ("city", "capital")]
    return [
        d
        for d in pool
        if d.feature == "admin1"
        and any(
            c.country == d.country
            and c.admin1_code == d.admin1_code
            and c.population >= 0.05 * d.population
            for c in cities
        )
    ]


def _coherence(c: Candidate, others: list[Candidate], twins: Set[int] = frozenset()) -> float:
    if not others:
        return 0.0
    countries = Counter(o.country for o in others if o.country)
    total = sum(countries.values())
    share = countries[c.country] / total if total and c.country else 0.0
    score = COUNTRY_WEIGHT * share
    if share > DOMINANT_SHARE and c.id in twins:
        score += DOMINANT_WEIGHT
    if c.feature in ("city", "capital", "admin1", "admin2") and c.admin1_code:
        if any(
            o.country == c.country and o.admin1_code == c.admin1_code and o.id != c.id
            for o in others
            if o.feature in ("city", "capital", "admin1", "admin2")
        ):
            score += ADMIN1_WEIGHT
    if c.feature in ("city", "capital"):
        for o in others:
            if o.feature in ("city", "capital") and o.id != c.id:
                if haversine_km(c.lat, c.lon, o.lat, o.lon) < NEAR_KM:  # type: ignore[arg-type]
                    score += NEAR_WEIGHT
                    break
    return score


def _main_place(picks: list[Candidate]) -> Candidate | None:
    """The document's most specific frequent place: its most common town, else province,
    else country; where places that match no entry are put (a street, a building)."""
    for features in (("city", "capital"), ("admin1",), ("country",)):
        pool = [p for p in picks if p.feature in features]
        if pool:
            counts = Counter(p.id for p in pool)
            best = max(pool, key=lambda p: (counts[p.id], p.population))
            return best
    return None
