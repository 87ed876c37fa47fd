"""US counties: how they are derived, and how "X County" is read (sentences written for
these tests; counts and points come from the built gazetteer's package data)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from according.geo.counties import derive
from according.geo.gazetteer import DEFAULT_PATH, Gazetteer
from according.geo.resolve import PRECISION, haversine_km
from according.pipeline.core import Pipeline
from according.readers.source import SourceDocument
from according.records import Place
from tests.conftest import places_pipeline


def _pipeline() -> Pipeline:
    return places_pipeline()


def _places(text: str) -> list[Place]:
    return list(_pipeline()(SourceDocument(text=text, origin="<test>")).mentions.places)


def _first(text: str, surface: str) -> Place:
    return next(p for p in _places(text) if p.text == surface)


def _town(name: str, county_id: int, lat: float, lon: float) -> dict[str, object]:
    return {"name": name, "county_id": county_id, "latitude": lat, "longitude": lon}


def test_ids_in_order_are_the_counties_in_name_order() -> None:
    counties = [
        {"name": "Beta County", "state": "ZZ", "fips": "99002"},
        {"name": "Alpha County", "state": "ZZ", "fips": "99001"},
    ]
    towns = {
        "ZZ": [
            _town("Bigtown", 7, 10.0, 20.0),
            _town("Smalltown", 7, 12.0, 20.0),
            _town("Other", 9, 30.0, 40.0),
        ]
    }
    pops = {"Bigtown": 3000, "Smalltown": 1000}
    found = derive(counties, towns, lambda state, name, lat, lon: pops.get(name, 0))
    by_name = {c.name: c for c in found.counties}
    # id 7 < id 9, so 7 is Alpha; its point leans towards the town with more people.
    assert by_name["Alpha County"].lat == pytest.approx(10.5)
    assert by_name["Alpha County"].population == 4000
    assert by_name["Beta County"].lat == 30.0


def test_a_state_with_a_county_missing_is_skipped_not_guessed() -> None:
    counties = [
        {"name": "Alpha County", "state": "ZZ", "fips": "99001"},
        {"name": "Beta County", "state": "ZZ", "fips": "99002"},
    ]
    found = derive(counties, {"ZZ": [_town("Only", 3, 1.0, 1.0)]}, lambda *_: 0)
    assert found.counties == [] and "ZZ" in found.skipped
    assert [c["name"] for c in found.unplaced] == ["Alpha County", "Beta County"]


def test_a_state_whose_order_depends_on_spelling_is_skipped() -> None:
    # By code point "ñ" sorts after "u"; spelt "Dona Ana" it sorts before "Douglas".
    counties = [
        {"name": "Doña Ana County", "state": "ZZ", "fips": "99001"},
        {"name": "Douglas County", "state": "ZZ", "fips": "99002"},
    ]
    towns = {"ZZ": [_town("A", 1, 1.0, 1.0), _town("B", 2, 2.0, 2.0)]}
    found = derive(counties, towns, lambda *_: 0)
    assert found.skipped == {"ZZ": "order depends on spelling"} and found.counties == []


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer(DEFAULT_PATH)


@pytest.mark.parametrize(
    ("name", "state", "lat", "lon"),
    [
        ("cuyahoga county", "Ohio", 41.5, -81.7),  # Cleveland's county
        ("franklin county", "Ohio", 40.0, -83.0),  # Columbus's
        ("summit county", "Ohio", 41.1, -81.5),  # Akron's
    ],
)
def test_ohio_counties_sit_on_their_cities(name: str, state: str, lat: float, lon: float) -> None:
    county = next(
        c for c in _gazetteer().lookup(name) if c.feature == "admin2" and c.admin1 == state
    )
    assert haversine_km(county.lat, county.lon, lat, lon) < 30  # type: ignore[arg-type]


def test_a_bare_name_is_never_a_county() -> None:
    assert not any(c.feature == "admin2" for c in _gazetteer().lookup("pike"))
    assert any(c.feature == "admin2" for c in _gazetteer().lookup("pike county"))


def test_county_with_its_state_is_that_county_with_precision_two() -> None:
    place = _first("Deputies in Cuyahoga County, Ohio found the car on Tuesday.", "Cuyahoga County")
    assert (place.feature, place.admin1, place.precision) == ("admin2", "Ohio", 2)
    assert PRECISION["admin2"] == 2


def test_lower_case_county_is_a_county() -> None:
    place = _first("Schools in Summit county, Ohio stayed closed.", "Summit county")
    assert (place.feature, place.admin1) == ("admin2", "Ohio")


def test_a_county_placed_once_keeps_its_state_for_the_rest_of_the_report() -> None:
    text = (
        "The outbreak began in Crawford County, Pennsylvania last spring. "
        "Nurses in Crawford County now test every week."
    )
    counties = [p for p in _places(text) if p.text == "Crawford County"]
    assert len(counties) == 2
    assert {p.admin1 for p in counties} == {"Pennsylvania"}


def test_a_town_called_like_a_county_stays_a_town() -> None:
    place = _first("She grew up in Akron and moved to Chicago.", "Akron")
    assert place.feature in ("city", "capital")
