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
from collections.abc import Sequence
from dataclasses import dataclass

from according.geo.gazetteer import Candidate

# How much more likely a name means a place of this kind than a town of equal population.
FEATURE_BONUS = {
    "continent": 4.0, "region": 3.5, "country": 3.5, "capital": 2.5, "admin1": 0.3,
    "city": 0.0,
}
KIND_BONUS = {"name": 0.0, "abbr": 0.5, "demonym": 0.5, "alt": -1.0}
COUNTRY_WEIGHT = 3.0
ADMIN1_WEIGHT = 1.0
NEAR_WEIGHT = 1.0
NEAR_KM = 150.0
OUTLET_WEIGHT = 3.5
SHADOW_PENALTY = 3.0
# ACLED geo_precision: 1 the town itself, 2 near it or part of a region, 3 a region.
PRECISION = {"city": 1, "capital": 1, "admin1": 3, "country": 3, "region": 3, "continent": 3}


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
) -> list[Choice]:
    """One Choice per mention (``keys[i]`` normalised, ``candidates[i]`` its entries)."""
    pools = [tuple(c for c in cands if _located(c)) for cands in candidates]

    demoted = {c.id for pool in pools for c in _shadowed_divisions(pool)}

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
                new[key] = max(pool, key=lambda c, o=others: base(c) + _coherence(c, o))
        if new == picks:
            break
        picks = new
    scores = {k: base(c) for k, c in picks.items()}
    main = _main_place([picks[k] for k in keys if k in picks])
    out = []
    for key in keys:
        pick = picks.get(key)
        if pick is not None:
            out.append(Choice(pick, scores[key]))
        else:
            out.append(Choice(main, 0.0, fallback=main is not None))
    return out


def _shadowed_divisions(pool: tuple[Candidate, ...]) -> list[Candidate]:
    """Provinces named after a sizeable city inside them (Isfahan, Qom, New York): the
    name means the city far more often, as in ACLED's coding of the same reports."""
    cities = [c for c in pool if c.feature in ("city", "capital")]
    return [
        d for d in pool
        if d.feature == "admin1" and any(
            c.country == d.country and c.admin1_code == d.admin1_code
            and c.population >= 0.05 * d.population for c in cities
        )
    ]


def _coherence(c: Candidate, others: list[Candidate]) -> float:
    if not others:
        return 0.0
    countries = Counter(o.country for o in others if o.country)
    total = sum(countries.values())
    score = COUNTRY_WEIGHT * countries[c.country] / total if total and c.country else 0.0
    if c.feature in ("city", "capital", "admin1") and c.admin1_code:
        if any(
            o.country == c.country and o.admin1_code == c.admin1_code and o.id != c.id
            for o in others if o.feature in ("city", "capital", "admin1")
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
