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


def test_a_list_mostly_of_provinces_makes_provinces_of_the_rest() -> None:
    # "Cases in four US towns ...; in Canada, in British Columbia, Alberta, Ontario and
    # New Brunswick." The towns pull Ontario and New Brunswick (California) south, and
    # each of the two sees the other as a town neighbour.
    from according.geo.context import Hint

    towns = [_cand(30 + i, f"T{i}", "city", "US", 500_000, 40.0 + i, -90.0, "name", "CA")
             for i in range(4)]  # fmt: skip
    bc = _cand(22, "British Columbia", "admin1", "CA", 5_000_000, 53.7, -127.6, admin1="02")
    alberta = _cand(23, "Alberta", "admin1", "CA", 4_000_000, 55.0, -115.0, admin1="01")
    ontario_us = _cand(24, "Ontario", "city", "US", 175_000, 34.1, -117.7, admin1="CA")
    ontario = _cand(25, "Ontario", "admin1", "CA", 100_000, 50.0, -85.0, admin1="08")
    brunswick_us = _cand(26, "New Brunswick", "city", "US", 56_000, 40.5, -74.5, admin1="CA")
    brunswick = _cand(27, "New Brunswick", "admin1", "CA", 30_000, 46.5, -66.2, admin1="04")
    keys = ["t0", "t1", "t2", "t3", "british columbia", "alberta", "ontario", "new brunswick"]
    pools = [(t,) for t in towns] + [(bc,), (alberta,), (ontario_us, ontario),
                                     (brunswick_us, brunswick)]  # fmt: skip
    links = [(), (), (), (), (5,), (4, 6), (5, 7), (6,)]
    choices = resolve(keys, pools, hints=[Hint(neighbours=n) for n in links])
    assert choices[6].candidate is ontario and choices[7].candidate is brunswick


def test_a_governor_after_the_name_asks_for_the_state() -> None:
    from according.geo.context import hints

    text = "New York Governor Jane Doe declared an emergency."
    assert hints(text, [(0, 8)])[0].prefer == "admin1"
