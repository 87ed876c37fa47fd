"""The geoparser's word lists (according/data/places) and the chains of units they
let the places stage read: "X village (District, Province)", "X, Province state"."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from according.errors import RulesError
from according.events.lexicon import OTHER_RULE_DIRS, RULES_DIR, rules_hash
from according.geo.rules import CONTEXT_PATH, place_words
from according.geo.variants import SPELLINGS_PATH
from according.pipeline.core import get_pipeline
from according.readers.source import SourceDocument
from according.rulefiles import word_lists
from according.settings import DEFAULT_SETTINGS

WORDS = place_words()


@pytest.mark.parametrize("entry", WORDS.entries, ids=lambda e: f"{e.section}:{e.word}")
def test_every_word_is_shown_at_work_in_its_example(entry) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(entry.word)}\b", entry.example), entry


def test_a_malformed_file_is_refused_with_its_name(tmp_path: Path) -> None:
    bad = tmp_path / "context.yaml"
    bad.write_text("settlement_nouns:\n  - word: village\n")
    with pytest.raises(RulesError) as err:
        place_words(bad)
    assert str(bad) in str(err.value.source)


def test_the_rules_hash_covers_the_place_words(tmp_path: Path) -> None:
    shutil.copytree(RULES_DIR, tmp_path / "events")
    for folder in OTHER_RULE_DIRS:
        shutil.copytree(RULES_DIR.parent / folder, tmp_path / folder)
    assert rules_hash(tmp_path / "events") == rules_hash()
    target = tmp_path / "places" / CONTEXT_PATH.name
    target.write_text(target.read_text() + "\n# a comment\n")
    assert rules_hash(tmp_path / "events") != rules_hash()


def _places(text: str) -> dict[str, object]:
    report = get_pipeline(DEFAULT_SETTINGS)(
        SourceDocument(text=text, origin="test", page_date="2020-05-03")
    )
    return {p.text: p for p in report.mentions.places}


def test_a_village_the_gazetteer_lacks_is_placed_at_its_unit() -> None:
    places = _places(
        "On 1 May 2020, the RDF clashed with the FDLR in Kakomero (Rutshuru, Nord-Kivu)."
    )
    village, territory = places["Kakomero"], places["Rutshuru"]
    assert (village.country, village.admin1) == ("CD", "Nord-Kivu")
    assert (village.lat, village.lon) == (territory.lat, territory.lon)
    assert village.precision == 2 and village.resolved == "unit"
    assert places["Nord-Kivu"].role == "location"  # the unit closing the chain too


def test_a_chain_keeps_a_name_inside_its_province() -> None:
    places = _places(
        "On 2 May 2020, police found bombs in Lalpur village of Bhagabanpur area "
        "(East Midnapore district, West Bengal)."
    )
    assert places["Lalpur"].admin1 == "West Bengal"  # not Lalpur in Gujarat
    assert places["Bhagabanpur"].admin1 == "West Bengal"


def test_a_town_named_with_its_state_is_not_a_namesake_abroad() -> None:
    places = _places("On 29 April 2020, in Rio Claro, Lara state, residents protested.")
    assert places["Rio Claro"].country == "VE"  # not Rio Claro, Sao Paulo
    assert places["Rio Claro"].precision == 3  # placed at the state: no entry there


def test_names_before_a_bracket_of_units_are_places() -> None:
    places = _places(
        "On 28 April 2020, the brigade took the Burkan and Dhi Masal areas "
        "(Mukayras, Al Bayda) from pro-Houthi forces."
    )
    assert {"Burkan", "Dhi Masal", "Mukayras"} <= set(places)
    assert all(places[n].country == "YE" for n in ("Burkan", "Dhi Masal", "Mukayras"))


def test_a_list_of_towns_is_no_chain() -> None:
    places = _places("The band was due to play in Copenhagen, Hamburg and Mannheim this month.")
    assert places["Copenhagen"].country == "DK"
    assert places["Copenhagen"].resolved == "gazetteer"


def test_a_currency_is_no_place_where_anything_happened() -> None:
    places = _places(
        "Protesters blocked the road in Taalabaya over the high US dollar exchange rate."
    )
    assert places["US"].role == "attribute"


def test_unit_words_do_not_make_places_of_common_words() -> None:
    places = _places("Instead county law enforcement now claims to be defending the state.")
    assert "Instead" not in places
    places = _places("Tourism officials approached British Airways (BA) about flights.")
    assert "BA" not in places


def test_a_district_the_text_names_is_found_and_towns_carry_their_district() -> None:
    places = _places("On 27 April 2020, Taliban attacked checkpoints in Zhari district, Kandahar.")
    district = places["Zhari"]
    assert (district.feature, district.country, district.precision) == ("admin2", "AF", 2)
    assert district.admin1 == places["Kandahar"].admin1
    assert places["Kandahar"].admin2  # the town's own district, from the gazetteer


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("On 2 May 2020, protesters gathered in Beirut-Rmeil.", "Beirut-Rmeil"),
        ("On 2 May 2020, rioters threw stones in Beirut's Hamra district.", "Beirut's Hamra"),
    ],
)
def test_a_town_and_its_quarter_are_placed_in_the_town(sentence: str, written: str) -> None:
    places = _places(sentence)
    assert (places[written].country, places[written].name) == ("LB", "Beirut")


def test_an_article_joined_by_a_hyphen_is_no_town() -> None:
    from according.geo.gazetteer import Gazetteer
    from according.geo.spans import hyphen_head

    assert hyphen_head("al-Bab", Gazetteer()) == ()
    # Capitalised too: "Al" is an article, though Norway has a town Ål.
    assert hyphen_head("Al-Hamra", Gazetteer()) == ()
    assert hyphen_head("Aleppo-Hamra", Gazetteer())


def test_a_big_city_stays_in_its_country_against_a_foreign_unit() -> None:
    """The gazetteer calls Cameroon's region "North-West"; its only "Nord-Ouest" is
    Haiti's. Bamenda, a city of 400,000, is not moved to Haiti by the bracket; a small
    town with no entry still is placed at its unit."""
    places = _places("On 3 May 2020, traders protested in Bamenda town (Mezam, Nord-Ouest).")
    assert places["Bamenda"].country == "CM"
    small = _places("On 3 May 2020, traders protested in Nkwen town (Mezam, Nord-Ouest).")
    assert small["Nkwen"].country == "HT"  # no Cameroonian entry: the unit decides


def test_the_outlets_country_comes_before_a_currency_qualifier() -> None:
    text = (
        "On 28 April 2020, protesters angry at the US dollar exchange rate blocked the "
        "road in the town of Kfar Zebdine."
    )
    source = SourceDocument(text=text, origin="test", page_date="2020-04-29", outlet="El Nashra")
    places = {p.text: p for p in get_pipeline(DEFAULT_SETTINGS)(source).mentions.places}
    assert places["US"].role == "attribute"
    unknown = [p for p in places.values() if p.role != "attribute"]
    assert unknown and all(p.country == "LB" for p in unknown), unknown


def test_a_place_with_no_point_is_said_in_a_warning() -> None:
    report = get_pipeline(DEFAULT_SETTINGS)(
        SourceDocument(text="Gunmen attacked Qwertyville village on Monday.", origin="t")
    )
    assert any("Qwertyville" in w for w in report.warnings)


def test_a_town_and_its_country_tagged_as_one_name_are_two_places() -> None:
    places = _places("On 2 May 2020, workers protested in Nis, Serbia over unpaid wages.")
    assert (places["Nis"].country, places["Nis"].precision) == ("RS", 1)
    assert places["Serbia"].feature == "country"


def test_the_rules_hash_covers_the_attribution_words(tmp_path: Path) -> None:
    shutil.copytree(RULES_DIR, tmp_path / "events")
    for folder in OTHER_RULE_DIRS:
        shutil.copytree(RULES_DIR.parent / folder, tmp_path / folder)
    assert rules_hash(tmp_path / "events") == rules_hash()
    target = next((tmp_path / "attribution").glob("*.yaml"))
    target.write_text(target.read_text() + "\n# a comment\n")
    assert rules_hash(tmp_path / "events") != rules_hash()


def test_a_report_that_resolves_no_place_falls_back_to_its_outlets_country() -> None:
    text = "Monitors recorded 40 explosions near the village of Vyshkarivka overnight."
    source = SourceDocument(
        text=text, origin="test", page_date="2020-05-03", outlet="OSCE SMM-Ukraine"
    )
    (place,) = get_pipeline(DEFAULT_SETTINGS)(source).mentions.places
    assert (place.country, place.precision, place.resolved) == ("UA", 3, "country")
    # without an outlet that names a country, the village stays without a point
    source = SourceDocument(text=text, origin="test", page_date="2020-05-03")
    alone = get_pipeline(DEFAULT_SETTINGS)(source)
    assert alone.mentions.places[0].lat is None


@pytest.mark.parametrize(
    ("written", "country", "gazetteer_name"),
    [
        ("Hadramawt", "YE", "Hadhramaut"),
        ("Galgaduud", "SO", "Galguduud"),
        ("Lower Shabelle", "SO", "Lower Shebelle"),
        ("Al Jabal Al Gharbi", "LY", "Jabal al Gharbi"),
        ("As-Sweida", "SY", "As-Suwayda"),
    ],
)
def test_a_transliteration_is_found_in_the_reports_country(written, country, gazetteer_name):
    from according.geo.gazetteer import Gazetteer
    from according.geo.normalise import normalise
    from according.geo.variants import Variants

    variants = Variants(Gazetteer())
    key = normalise(written)
    assert not Gazetteer().lookup(key)  # the exact key misses it
    assert gazetteer_name in {c.name for c in variants.lookup(key, {country})}
    assert not variants.lookup(key, {"BR"})  # never outside the report's countries


def test_the_places_stage_takes_a_variant_in_the_outlets_country() -> None:
    text = "Gunmen attacked a checkpoint in Hadramawt governorate on Monday."
    source = SourceDocument(
        text=text, origin="test", page_date="2020-05-04", outlet="Saba News Agency"
    )
    places = {p.text: p for p in get_pipeline(DEFAULT_SETTINGS)(source).mentions.places}
    assert (places["Hadramawt"].name, places["Hadramawt"].country) == ("Hadhramaut", "YE")


@pytest.mark.parametrize("entry", word_lists(SPELLINGS_PATH, ("articles",)), ids=lambda e: e.word)
def test_every_article_stands_before_a_name_in_its_example(entry) -> None:
    assert re.search(rf"\b{entry.word}\s+[A-Z]", entry.example, re.IGNORECASE), entry


def test_without_an_outlet_the_known_actors_country_places_an_unknown_village() -> None:
    text = "Houthi fighters shelled the village of Bayt Qarwan on Monday."
    source = SourceDocument(text=text, origin="test", page_date="2020-05-04")
    report = get_pipeline(DEFAULT_SETTINGS)(source)
    (village,) = [p for p in report.mentions.places if p.text == "Bayt Qarwan"]
    assert (village.country, village.precision, village.resolved) == ("YE", 3, "country")
