"""Resolution rules added for landmarks, provinces named like countries and the data
fixes in demonyms.csv / landmarks.csv (sentences and entries written for these tests)."""

from __future__ import annotations

import pytest

from according.geo.gazetteer import DEFAULT_PATH, Candidate, Gazetteer
from according.geo.normalise import normalise
from according.geo.resolve import resolve


def _cand(
    pid: int,
    name: str,
    feature: str,
    country: str,
    pop: int,
    lat: float,
    lon: float,
    kind: str = "name",
    admin1: str | None = None,
) -> Candidate:
    return Candidate(
        id=pid,
        geonames_id=pid,
        name=name,
        feature=feature,
        country=country,
        admin1_code=admin1,
        admin1=admin1,
        lat=lat,
        lon=lon,
        population=pop,
        kind=kind,
    )


WASHINGTON = _cand(1, "Washington", "capital", "US", 689_545, 38.9, -77.0, "landmark", "DC")
HEATHROW_FL = _cand(2, "Heathrow", "city", "US", 5_896, 28.8, -81.4)
LONDON = _cand(3, "London", "capital", "GB", 8_961_989, 51.5, -0.1, "landmark")
GEORGIA_US = _cand(4, "Georgia", "admin1", "US", 4_634_099, 32.3, -83.1, admin1="GA")
GEORGIA_GE = _cand(5, "Georgia", "country", "GE", 3_704_500, 42.0, 43.5)
ATLANTA = _cand(6, "Atlanta", "city", "US", 463_878, 33.7, -84.4, admin1="GA")
SAVANNAH = _cand(7, "Savannah", "city", "US", 147_780, 32.1, -81.1, admin1="GA")
TEXAS = _cand(8, "Texas", "admin1", "US", 25_000_000, 31.0, -100.0, admin1="TX")


def test_landmark_beats_a_town_of_the_same_name() -> None:
    # "The plane was searched at Heathrow airport on Friday."
    choice = resolve(["heathrow"], [(HEATHROW_FL, LONDON)])[0]
    assert choice.candidate is LONDON


def test_landmark_holds_against_the_documents_country() -> None:
    # "Agents met at the White House, then flew to Orlando and on to Heathrow."
    keys = ["white house", "heathrow", "orlando"]
    orlando = _cand(9, "Orlando", "city", "US", 307_573, 28.5, -81.4)
    choices = resolve(keys, [(WASHINGTON,), (HEATHROW_FL, LONDON), (orlando,)])
    assert choices[0].candidate is WASHINGTON
    assert choices[1].candidate is LONDON


def test_province_named_like_a_country_in_a_report_on_its_country() -> None:
    # "Storms hit Atlanta and Savannah on Monday; Georgia declared an emergency, as did
    # Texas."
    keys = ["atlanta", "savannah", "georgia", "texas"]
    pools = [(ATLANTA,), (SAVANNAH,), (GEORGIA_GE, GEORGIA_US), (TEXAS,)]
    assert resolve(keys, pools)[2].candidate is GEORGIA_US


def test_country_named_like_a_province_in_a_report_abroad() -> None:
    # "Russia and Georgia fought a war in 2008, Moscow says."
    russia = _cand(10, "Russia", "country", "RU", 144_000_000, 60.0, 100.0)
    moscow = _cand(11, "Moscow", "capital", "RU", 10_381_222, 55.8, 37.6)
    keys = ["russia", "georgia", "moscow"]
    pools = [(russia,), (GEORGIA_GE, GEORGIA_US), (moscow,)]
    assert resolve(keys, pools)[1].candidate is GEORGIA_GE


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    if not DEFAULT_PATH.is_file():
        pytest.skip("gazetteer not built")
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("White House", "Washington"),
        ("Heathrow", "London"),
        ("Trump Tower", "New York City"),
        ("Kremlin", "Moscow"),
        ("Fort Detrick", "Frederick"),
    ],
)
def test_landmarks_are_names_of_their_city(gazetteer: Gazetteer, name: str, city: str) -> None:
    found = [c for c in gazetteer.lookup(normalise(name)) if c.kind == "landmark"]
    assert [c.name for c in found] == [city]


def test_new_york_state_is_on_its_geonames_centre(gazetteer: Gazetteer) -> None:
    state = next(c for c in gazetteer.lookup("new york") if c.feature == "admin1")
    assert state.lat == pytest.approx(43.0, abs=0.1)
    assert state.lon == pytest.approx(-75.5, abs=0.1)


def test_english_names_of_indonesian_provinces(gazetteer: Gazetteer) -> None:
    found = [c for c in gazetteer.lookup("west java") if c.feature == "admin1"]
    assert found and found[0].country == "ID"
