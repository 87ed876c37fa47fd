"""The gazetteer file format, normal forms and resolution rules, on a handful of rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.errors import SetupError
from according.geo import Candidate, Gazetteer, PlaceRow, normalise, resolve, write_gazetteer
from according.geo.normalise import is_latin_name

ROWS = [
    PlaceRow(
        id=130758,
        geonames_id=130758,
        name="Iran",
        feature="country",
        country="IR",
        lat=32.0,
        lon=53.0,
        population=81_800_000,
    ),
    PlaceRow(
        id=614540,
        geonames_id=614540,
        name="Georgia",
        feature="country",
        country="GE",
        lat=42.0,
        lon=43.5,
        population=3_700_000,
    ),
    PlaceRow(
        id=4197000,
        geonames_id=4197000,
        name="Georgia",
        feature="admin1",
        country="US",
        lat=32.75,
        lon=-83.5,
        population=4_800_000,
        admin1_code="GA",
        admin1="Georgia",
    ),
    PlaceRow(
        id=4180439,
        geonames_id=4180439,
        name="Atlanta",
        feature="city",
        country="US",
        lat=33.749,
        lon=-84.388,
        population=463_000,
        admin1_code="GA",
        admin1="Georgia",
    ),
    PlaceRow(
        id=-1,
        name="Isfahan",
        feature="admin1",
        country="IR",
        lat=33.3,
        lon=52.0,
        population=4_000_000,
        admin1_code="28",
        admin1="Isfahan",
    ),
    PlaceRow(
        id=418863,
        geonames_id=418863,
        name="Isfahan",
        feature="city",
        country="IR",
        lat=32.652,
        lon=51.675,
        population=1_547_000,
        admin1_code="28",
        admin1="Isfahan",
    ),
    PlaceRow(
        id=122285,
        geonames_id=122285,
        name="Neyshābūr",
        feature="city",
        country="IR",
        lat=36.213,
        lon=58.796,
        population=220_929,
        admin1_code="42",
        admin1="Razavi Khorasan",
    ),
]
ROWS += [
    PlaceRow(
        id=2210247,
        geonames_id=2210247,
        name="Tripoli",
        feature="capital",
        country="LY",
        lat=32.887,
        lon=13.191,
        population=1_150_989,
    ),
    PlaceRow(
        id=266826,
        geonames_id=266826,
        name="Tripoli",
        feature="city",
        country="LB",
        lat=34.437,
        lon=35.850,
        population=229_398,
    ),
]
NAMES = [
    ("tripoli", 2210247, "name"),
    ("tripoli", 266826, "name"),
    ("iran", 130758, "name"),
    ("iranian", 130758, "demonym"),
    ("georgia", 614540, "name"),
    ("georgia", 4197000, "name"),
    ("atlanta", 4180439, "name"),
    ("isfahan", -1, "name"),
    ("isfahan", 418863, "name"),
    ("neyshabur", 122285, "name"),
    ("nishapur", 122285, "alt"),
]


@pytest.fixture()
def small(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "gaz.sqlite"
    write_gazetteer(path, ROWS, NAMES)
    return Gazetteer(path)


def test_normalise_folds_transliterations() -> None:
    assert normalise("Neyshābūr") == normalise("Neyshabur") == "neyshabur"
    assert normalise("U.S.") == "us"
    assert normalise("the Gambia") == "gambia"
    assert normalise("Côte d’Ivoire") == normalise("Cote d'Ivoire")
    assert normalise("Winston-Salem") == "winston salem"
    assert not is_latin_name("워싱턴 DC")  # would leave a misleading "dc"
    assert is_latin_name("Łódź")


def test_lookup_returns_all_entries_with_match_kind(small: Gazetteer) -> None:
    hits = small.lookup("georgia")
    assert {c.feature for c in hits} == {"country", "admin1"}
    (nishapur,) = small.lookup(normalise("Nishapur"))
    assert nishapur.geonames_id == 122285 and nishapur.kind == "alt"
    assert small.lookup("nowhere") == ()
    assert small.country("IR").name == "Iran"
    assert small.admin1("IR", "28").name == "Isfahan"
    assert small.max_words == 1


def test_missing_gazetteer_is_a_setup_error(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="gazetteer not built: run `make setup`"):
        Gazetteer(tmp_path / "missing.sqlite")


def _pick(small: Gazetteer, *names: str, outlet: str | None = None) -> list[Candidate | None]:
    keys = [normalise(n) for n in names]
    return [c.candidate for c in resolve(keys, [small.lookup(k) for k in keys], outlet)]


def test_prominence_then_coherence(small: Gazetteer) -> None:
    # Alone, Georgia is the country; beside Atlanta it is the US state.
    assert _pick(small, "Georgia")[0].feature == "country"
    assert _pick(small, "Atlanta", "Georgia")[1].feature == "admin1"
    # The outlet's country tips a close balance.
    assert _pick(small, "Tripoli")[0].country == "LY"
    assert _pick(small, "Tripoli", outlet="LB")[0].country == "LB"


def test_city_named_like_its_province_is_the_city(small: Gazetteer) -> None:
    assert _pick(small, "Isfahan")[0].geonames_id == 418863


def test_unmatched_mention_falls_back_to_main_place(small: Gazetteer) -> None:
    choices = resolve(["isfahan", "imam square"], [small.lookup("isfahan"), ()])
    assert choices[1].fallback and choices[1].candidate.geonames_id == 418863
    assert resolve(["nowhere"], [()])[0].candidate is None


def test_prefetch_answers_as_lookup_does_in_the_same_order() -> None:
    """The recogniser prefetches a document's keys in one query; resolution breaks ties
    by candidate order, so the answers must be the very tuples ``lookup`` gives."""
    from according.geo.gazetteer import Gazetteer

    one, many = Gazetteer(), Gazetteer()
    keys = [
        row[0]
        for row in one._db.execute("SELECT key FROM name ORDER BY key LIMIT 2000 OFFSET 5000")
    ]
    keys += ["san jose", "springfield", "tripoli", "odessa", "no such place anywhere", ""]
    many.prefetch(keys + keys[:10])
    assert many._cache["no such place anywhere"] == ()
    assert sum(1 for k in keys if len(one.lookup(k)) > 1) > 10  # names with namesakes
    for key in keys:
        if key:
            assert many._cache[key] == one.lookup(key), key
