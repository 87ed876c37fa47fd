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
KM_PER_DEGREE = 111.0  # of latitude, a lower bound of the distance (the earth: 111.19)
OUTLET_WEIGHT = 3.5
# A namesake in a province the outlet reports from (data/outlets.csv ``provinces``): more
# than the population of a village against a town's (a factor of 100).
PROVINCE_WEIGHT = 2.0
# A province in the country that most of the document is about, whose name is also a
# country's (Georgia in a report on Atlanta), means the province. Only against a country:
# a report on America still names Washington the city and Manchester in England.
DOMINANT_WEIGHT = 2.0
DOMINANT_SHARE = 0.5
# What a mention that only qualifies something ("Ethiopian") counts for in the report's
# countries, against 1 for a place named as a place and 0 for a currency ("US dollar").
ATTRIBUTE_WEIGHT = 0.5
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
    # Set when the mention is placed at the unit the text puts it in ("Kakomero
    # (Rutshuru, Nord-Kivu)" with no Kakomero known): ACLED's precision for that unit.
    precision: int | None = None
    # How a fallback was placed: "unit" (the text's unit), "context" (the document's
    # main place) or "country" (the outlet's or actors' country, the text resolving none).
    via: str = "context"


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


def _outlet_bonus(
    c: Candidate, country: str | None, provinces: frozenset[tuple[str, str]]
) -> float:
    """What being where the outlet reports from adds to an entry's score."""
    bonus = OUTLET_WEIGHT if country and c.country == country else 0.0
    if provinces and c.admin1 and c.country and (c.country, c.admin1) in provinces:
        bonus += PROVINCE_WEIGHT
    return bonus


def _located(c: Candidate) -> bool:
    return c.lat is not None and c.lon is not None


def resolve(
    keys: Sequence[str],
    candidates: Sequence[tuple[Candidate, ...]],
    outlet_country: str | None = None,
    rounds: int = 2,
    hints: Sequence[Hint] | None = None,
    weights: Sequence[float] | None = None,
    outlet_place: Candidate | None = None,
    provinces: frozenset[tuple[str, str]] = frozenset(),
) -> list[Choice]:
    """One Choice per mention (``keys[i]`` normalised, ``candidates[i]`` its entries).

    ``hints`` (``according.geo.context``) let a single mention depart from the choice
    made for its name elsewhere in the document ("Buffalo, New York" is the state even
    where "New York" alone is the city). ``weights[i]`` is what mention i says about
    where the report is: 1 (the default) for a place named as a place,
    ``ATTRIBUTE_WEIGHT`` for one that only qualifies something ("an Ethiopian convoy"),
    0 for a currency ("the US dollar exchange rate" says nothing of where); a name without
    an entry is put at a place named as a place, else at a qualifier, never at a currency.
    ``outlet_place`` (the report's country: its outlet's, else its actors') is where
    such a name goes when the text names no place it resolves (qualifiers aside): "near
    Holubivske" in an OSCE SMM-Ukraine report is in Ukraine (precision 3), not nowhere.
    ``provinces`` ((country, province) pairs the outlet reports from) favour namesakes
    there: the OSCE SMM's "near Vesele" is the Vesele of Donetsk oblast."""
    weight: dict[str, float] = {}
    for i, key in enumerate(keys):
        w = weights[i] if weights is not None else 1.0
        weight[key] = max(weight.get(key, 0.0), w)
    pools = [tuple(c for c in cands if _located(c)) for cands in candidates]

    demoted = {c.id for pool in pools for c in _shadowed_divisions(pool)}
    twins = {
        c.id
        for pool in pools
        if any(x.feature == "country" for x in pool)
        for c in pool
        if c.feature == "admin1"
    }

    base = _scorer(outlet_country, provinces, demoted)

    picks: dict[str, Candidate] = {}
    for key, pool in zip(keys, pools, strict=True):
        if pool and key not in picks:
            picks[key] = max(pool, key=base)
    for _ in range(rounds):
        new: dict[str, Candidate] = {}
        for key, pool in zip(keys, pools, strict=True):
            if pool and key not in new:
                others = _Others.of([(p, weight[k]) for k, p in picks.items() if k != key])

                def score(c: Candidate, o: _Others = others) -> float:
                    return base(c) + _coherence(c, o, twins)

                new[key] = max(pool, key=score)
        if new == picks:
            break
        picks = new
    # A name without an entry goes to the main place among places named as places, else
    # to the report's country, else among qualifiers ("the Ukrainian Forces fired at
    # Mineralne": in Ukraine).
    # The report's country (``outlet_place``) comes before a qualifier: "the US dollar
    # exchange rate" in a Lebanese outlet's report puts nothing in the United States.
    named = _main_place([picks[k] for k in keys if k in picks and weight[k] == 1.0])
    main = named or (
        None
        if outlet_place is not None
        else _main_place([picks[k] for k in keys if k in picks and weight[k] > 0])
    )
    local = _local(keys, pools, picks, hints, base) if hints else {}
    units = _units(keys, pools, picks, local, hints, base) if hints else {}
    out = []
    pick: Candidate | None
    for i, key in enumerate(keys):
        if i in units:
            pick, inside = units[i]
            if inside:
                out.append(Choice(pick, base(pick)))
            else:
                out.append(
                    Choice(pick, 0.0, fallback=True, precision=unit_precision(pick), via="unit")
                )
            continue
        pick = local.get(i) or picks.get(key)
        if pick is not None:
            out.append(Choice(pick, base(pick)))
        elif main is None and outlet_place is not None:
            out.append(Choice(outlet_place, 0.0, fallback=True, precision=3, via="country"))
        else:
            out.append(Choice(main, 0.0, fallback=main is not None))
    return out


def _scorer(
    outlet_country: str | None, provinces: frozenset[tuple[str, str]], demoted: set[int]
) -> Callable[[Candidate], float]:
    """An entry's score before coherence (prominence, the outlet's country and
    provinces, a shadowed province's penalty), kept per entry and kind of match: the
    rounds of ``resolve`` ask for it again and again."""
    scored: dict[tuple[int, str], float] = {}

    def base(c: Candidate) -> float:
        value = scored.get((c.id, c.kind))
        if value is None:
            bonus = _outlet_bonus(c, outlet_country, provinces)
            value = prior(c) + bonus - (SHADOW_PENALTY if c.id in demoted else 0.0)
            scored[(c.id, c.kind)] = value
        return value

    return base


# Size order of features: a unit contains only what is smaller than itself.
_RANK = {"continent": 6, "region": 5, "country": 4, "admin1": 3, "admin2": 2}
# How far a place named "near" or inside a town's district may lie from the town.
UNIT_KM = 60.0


def _rank(c: Candidate) -> int:
    return _RANK.get(c.feature, 1)


def _prominent(c: Candidate) -> bool:
    """A capital or a city of 100,000: a bare comma after it starts a list more often
    than it names the province ("Copenhagen, Hamburg"; but "Tuzla, Istanbul")."""
    return c.feature == "capital" or c.population >= 100_000


def _smaller(place: Candidate, unit: Candidate) -> bool:
    """A unit holds smaller features, and a town may hold a village ("Zhari, Kandahar")."""
    return _rank(place) < _rank(unit) or _rank(place) == _rank(unit) == 1


def unit_precision(unit: Candidate) -> int:
    """ACLED's precision for an event placed at a unit that contains its place: 2 for a
    town or district ("near X", "part of a region"), 3 for a province or country."""
    return 2 if _rank(unit) <= 2 else 3


def inside(place: Candidate, unit: Candidate) -> bool:
    """Whether ``place`` can lie in ``unit``: its country, its province, its district
    (by name), or within ``UNIT_KM`` of a town or of a district whose towns are not
    known."""
    if not _smaller(place, unit) or place.country != unit.country:
        return False
    if unit.feature == "country":
        return True
    if unit.feature == "admin1":
        return bool(place.admin1_code) and place.admin1_code == unit.admin1_code
    if unit.feature == "admin2" and place.admin2 and unit.admin2:
        return place.admin2 == unit.admin2
    if place.lat is None or place.lon is None or unit.lat is None or unit.lon is None:
        return False
    return haversine_km(place.lat, place.lon, unit.lat, unit.lon) <= UNIT_KM


def _units(
    keys: Sequence[str],
    pools: list[tuple[Candidate, ...]],
    picks: dict[str, Candidate],
    local: dict[int, Candidate],
    hints: Sequence[Hint],
    base: Callable[[Candidate], float],
) -> dict[int, tuple[Candidate, bool]]:
    """Choices from chains of units ("X village (District, Province)"), outermost unit
    first: each name is read inside the unit after it. The value is (entry, True) for
    an entry of the name inside the unit, (unit, False) when the name has none there and
    is placed at the unit. A bare comma or "in" ("Paris, London"; "Ara in As-Sweida")
    counts only towards a province or country, and not inside a list."""
    out: dict[int, tuple[Candidate, bool]] = {}
    unit_of: dict[int, Candidate] = {}  # the unit each placed mention was read in
    for i in range(len(keys) - 1, -1, -1):
        hint = hints[i]
        j = hint.within
        if j is None or (
            not hint.strong and (i - 1 in hint.neighbours or j + 1 in hints[j].neighbours)
        ):
            continue  # "Paris, London, Rome" is a list, not a town in a town
        picked = out[j][0] if j in out else (local.get(j) or picks.get(keys[j]))
        if picked is None:
            continue
        options = _unit_options(picked, pools[j], hint.strong)
        if not options:
            continue
        own = local.get(i) or picks.get(keys[i])
        # Unless an entry of the name lies in the unit ("La Libertad, Arequipa" is the
        # town in that province): "Iran in Geneva" and "Syria, Idlib" are no place in a
        # unit, and "in Copenhagen, Hamburg and Mannheim" is a list.
        # A city of 100,000 whose name is found in no other country outweighs a unit
        # of another country: "Bamenda town (Mezam, Nord-Ouest)" stays in Cameroon when
        # the gazetteer knows only Haiti's Nord-Ouest (Cameroon's region is "North-West"
        # there); "Rio Claro, Lara state" is read in Lara.
        doubtful = own is not None and (
            own.feature == "country"
            or not _smaller(own, options[0])
            or (not hint.strong and _prominent(own))
            or (
                own.kind == "name"
                and _prominent(own)
                and {c.country for c in pools[i] if c.kind == "name"} == {own.country}
                and own.country != options[0].country
            )
        )
        if doubtful and not any(inside(c, u) for u in options for c in pools[i]):
            continue
        unit_of[i] = options[0]
        _place_in(i, options, own, pools, hints, base, out)
    # "Burkan and Dhi Masal areas (Mukayras, Al Bayda)": the items of a list before a
    # unit are in it too.
    for i in range(len(keys) - 2, -1, -1):
        k = i + 1
        if i in out or k not in unit_of or k not in hints[i].neighbours:
            continue
        own = local.get(i) or picks.get(keys[i])
        if own is None or own.feature != "country":
            unit_of[i] = unit_of[k]
            _place_in(i, [unit_of[k]], own, pools, hints, base, out)
    return out


def _unit_options(picked: Candidate, pool: tuple[Candidate, ...], strong: bool) -> list[Candidate]:
    """The units a mention may be read in: the entry picked for the unit's name and,
    as that name may also be its province's ("Tuzla, Istanbul"), the name's provinces
    and countries in the same country; only provinces and countries after a bare comma
    or "in" (``strong`` False)."""
    options = [picked] + [
        c
        for c in pool
        if c.feature in ("admin1", "country") and c.country == picked.country and c != picked
    ]
    if not strong:
        options = [c for c in options if c.feature in ("admin1", "country")]
    return options


def _place_in(
    i: int,
    options: list[Candidate],
    own: Candidate | None,
    pools: list[tuple[Candidate, ...]],
    hints: Sequence[Hint],
    base: Callable[[Candidate], float],
    out: dict[int, tuple[Candidate, bool]],
) -> None:
    """Record in ``out`` where mention ``i`` lies: its best entry inside the first of
    ``options`` that holds one, else a pair of entries of it and its unit's name that
    fit, else its unit's own placing, else the first option itself."""
    j = hints[i].within
    fits: list[Candidate] = []
    for unit in options:
        fits = [c for c in pools[i] if inside(c, unit)]
        if fits:
            break
    if not fits and j is not None and j not in out and own is not None:
        # The unit's name may be the ambiguous one: a pair of entries that fits.
        kinds = {c.feature for c in options}
        pairs = [(x, y) for y in pools[j] if y.feature in kinds for x in pools[i] if inside(x, y)]
        if pairs:
            x, y = max(pairs, key=lambda p: base(p[0]) + base(p[1]))
            out[i], out[j] = (x, True), (y, True)
            return
    if fits:
        out[i] = (max(fits, key=base), True)
    elif j is not None and j in out and not out[j][1]:
        out[i] = out[j]  # the unit itself is placed at its own unit
    else:
        out[i] = (options[0], False)


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
    r = _Reading(keys, pools, picks, hints, base)
    chosen: dict[int, Candidate] = {}
    _list_majority(r, chosen)
    _towards_division(r, chosen)
    _preferred(r, chosen)
    named = _contained(r, chosen)
    # A county the writer placed once ("Scott County, Indiana") is that county wherever
    # the document names it again ("cases in Scott County"); towns keep per-mention
    # readings, as "Washington, Pennsylvania" says nothing of a later "Washington".
    for k, key in enumerate(keys):
        county = named.get(key)
        if county is not None and county.feature == "admin2" and k not in chosen:
            if county in pools[k]:
                chosen[k] = county
    return chosen


@dataclass(frozen=True)
class _Reading:
    """What the local passes read: the mentions' keys, entries and picks, their hints,
    and the score of an entry."""

    keys: Sequence[str]
    pools: list[tuple[Candidate, ...]]
    picks: dict[str, Candidate]
    hints: Sequence[Hint]
    base: Callable[[Candidate], float]

    def current(self, i: int, chosen: dict[int, Candidate]) -> Candidate | None:
        return chosen.get(i) or self.picks.get(self.keys[i])


def _list_majority(r: _Reading, chosen: dict[int, Candidate]) -> None:
    """A list of three or more whose majority are provinces of one country (or
    countries) makes provinces (countries) of the rest: "British Columbia, Alberta,
    Manitoba, Ontario and New Brunswick" in a report that also names US towns."""
    for items in _lists(r.hints):
        picked = [r.picks.get(r.keys[j]) for j in items]
        kinds = Counter(
            (_kind(c), c.country if c.feature == "admin1" else None) for c in picked if c
        )
        if not kinds:
            continue
        (kind, country), n = kinds.most_common(1)[0]
        if kind not in ("admin1", "country") or 2 * n < len(items):
            continue
        for j in items:
            pick = r.picks.get(r.keys[j])
            if pick is not None and _kind(pick) == kind:
                continue
            fits = [
                c for c in r.pools[j] if _kind(c) == kind and (not country or c.country == country)
            ]
            if fits:
                chosen[j] = max(fits, key=r.base)


def _towards_division(r: _Reading, chosen: dict[int, Candidate]) -> None:
    """Neighbours of one kind of division make one of a town among them: a town among
    provinces is a misread province, and so is a country among one country's provinces
    (Georgia among Alabama, Tennessee). Only towards a division."""
    for i, hint in enumerate(r.hints):
        near = [c for j in hint.neighbours if (c := r.picks.get(r.keys[j])) is not None]
        pick = r.picks.get(r.keys[i])
        if not near or pick is None:
            continue
        near_kinds = {_kind(c) for c in near}
        if len(near_kinds) != 1 or "town" in near_kinds or _kind(pick) in near_kinds:
            continue
        kind = near_kinds.pop()
        if not (_kind(pick) == "town" or (_kind(pick) == "country" and kind == "admin1")):
            continue
        countries = {c.country for c in near}
        fits = [
            c
            for c in r.pools[i]
            if _kind(c) == kind
            and (kind in ("country", "continent", "region") or c.country in countries)
        ]
        if fits:
            chosen[i] = max(fits, key=r.base)


def _preferred(r: _Reading, chosen: dict[int, Candidate]) -> None:
    """A division noun asks for its feature ("Zhari district": the district)."""
    for i, hint in enumerate(r.hints):
        if hint.prefer:
            fits = [c for c in r.pools[i] if c.feature == hint.prefer]
            pick = r.current(i, chosen)
            if fits and (pick is None or pick.feature != hint.prefer):
                chosen[i] = max(fits, key=r.base)


def _contained(r: _Reading, chosen: dict[int, Candidate]) -> dict[str, Candidate]:
    """An "X, Y" with Y a province or country that holds an entry of X: both read so. The
    names so settled are returned."""
    named: dict[str, Candidate] = {}
    for i, hint in enumerate(r.hints):
        town = hint.contains
        head = r.current(town, chosen) if town is not None else None
        if town is None or head is None or head.feature not in _LOCAL:
            continue
        if i + 1 in hint.neighbours or town - 1 in r.hints[town].neighbours:
            continue  # "Washington, New York and Boston" is a list, not a place in a state
        pairs = [
            (x, y)
            for y in r.pools[i]
            if y.feature in ("admin1", "country")
            for x in r.pools[town]
            if x.feature in _LOCAL
            and x.kind != "alt"
            and x.country == y.country
            and (y.feature == "country" or (x.admin1_code and x.admin1_code == y.admin1_code))
        ]
        if pairs:
            x, y = max(pairs, key=lambda p: r.base(p[0]) + r.base(p[1]))
            chosen[town], chosen[i] = x, y
            named[r.keys[town]] = x
    return named


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


@dataclass(frozen=True, slots=True)
class _Others:
    """The other mentions' picks as ``_coherence`` reads them, summed once for all the
    candidates of one mention rather than once per candidate."""

    countries: dict[str, float]  # the weight of each country among the others
    total: float
    provinces: dict[tuple[str | None, str], set[int]]  # (country, admin1 code) -> ids
    towns: list[Candidate]

    @classmethod
    def of(cls, weighted: list[tuple[Candidate, float]]) -> _Others:
        countries: dict[str, float] = {}
        provinces: dict[tuple[str | None, str], set[int]] = {}
        towns = []
        for o, w in weighted:
            if o.country:
                countries[o.country] = countries.get(o.country, 0) + w
            if o.feature in ("city", "capital", "admin1", "admin2") and o.admin1_code:
                provinces.setdefault((o.country, o.admin1_code), set()).add(o.id)
            if o.feature in ("city", "capital"):
                towns.append(o)
        return cls(countries, sum(countries.values()), provinces, towns)


def _coherence(c: Candidate, others: _Others, twins: Set[int] = frozenset()) -> float:
    if not others.total and not others.provinces and not others.towns:
        return 0.0
    total = others.total
    share = others.countries.get(c.country, 0) / total if total and c.country else 0.0
    score = COUNTRY_WEIGHT * share
    if share > DOMINANT_SHARE and c.id in twins:
        score += DOMINANT_WEIGHT
    if c.feature in ("city", "capital", "admin1", "admin2") and c.admin1_code:
        ids = others.provinces.get((c.country, c.admin1_code), set())
        if ids - {c.id}:
            score += ADMIN1_WEIGHT
    if c.feature in ("city", "capital") and c.lat is not None:
        for o in others.towns:
            # A degree of latitude is 111 km everywhere: most pairs are ruled out
            # without the great-circle distance.
            if o.lat is None or abs(o.lat - c.lat) * KM_PER_DEGREE > NEAR_KM or o.id == c.id:
                continue
            if _km(c, o) < NEAR_KM:
                score += NEAR_WEIGHT
                break
    return score


def _km(a: Candidate, b: Candidate) -> float:
    """Distance between two towns (every GeoNames town has a point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        raise ValueError(f"a town without a point: {a.name if a.lat is None else b.name}")
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


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
