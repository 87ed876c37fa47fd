"""Rules from issue 4's error analysis, each on sentences written for the test."""

from __future__ import annotations

from according.geo.context import hints
from tests.conftest import places_in


def test_hints_read_pairs_lists_and_division_nouns() -> None:
    text = "Buffalo, New York and Ohio; the state of Georgia"
    spans = [(0, 7), (9, 17), (22, 26), (41, 48)]
    found = hints(text, spans)
    assert found[1].contains == 0 and found[1].neighbours == (0, 2)
    assert found[3].prefer == "admin1"


def test_second_name_of_a_pair_is_the_containing_state() -> None:
    places = places_in("The bakery in Tacoma, Washington reopened after the storm.")
    assert (places["Washington"].feature, places["Washington"].country) == ("admin1", "US")
    assert places["Tacoma"].admin1 == "Washington"


def test_a_division_noun_asks_for_the_province() -> None:
    places = places_in("Flooding closed roads across New York state on Monday.")
    assert places["New York"].feature == "admin1"


def test_a_list_of_states_keeps_georgia_in_the_united_states() -> None:
    places = places_in("Cases were confirmed in Alabama, Georgia and Tennessee this week.")
    assert (places["Georgia"].feature, places["Georgia"].country) == ("admin1", "US")


def test_ap_state_abbreviation_is_the_state() -> None:
    places = places_in("The fair opened in Helena, Mont. on Sunday.")
    assert (places["Mont."].feature, places["Mont."].admin1) == ("admin1", "Montana")


def test_name_with_a_generic_part_resolves_to_its_core() -> None:
    places = places_in("Fighting spread to villages in South Venezuela last year.")
    assert places["South Venezuela"].country == "VE"


def test_organisation_named_after_a_place_names_it() -> None:
    places = places_in("A reporter for The Washington Post called the mayor of Boston.")
    assert "Washington" in places


def test_former_country_name_is_in_the_gazetteer() -> None:
    places = places_in("The missile was designed in the Soviet Union decades ago.")
    assert places["Soviet Union"].country == "RU"


def test_a_name_written_with_its_article_is_found_without_it() -> None:
    """GeoNames has "Ar Raqqah" (and "Raqqa" as an alternate), "Zawiya", "As-Suwayda":
    the article joined by a hyphen, tagged as an organisation or not tagged at all, must
    not lose the place."""
    raqqa = places_in("Gunmen shot a civilian from al Hunaydah in Mansura in Ar-Raqqa.")
    assert (raqqa["Ar-Raqqa"].country, raqqa["Ar-Raqqa"].feature) == ("SY", "city")
    zawiya = places_in("Clashes erupted in al-Zawiya city, west of Tripoli.")
    assert zawiya["al-Zawiya"].country == "LY" and zawiya["al-Zawiya"].lat is not None
    sweida = places_in("Protesters gathered in As-Sweida city to demand the release of detainees.")
    assert sweida["As-Sweida"].country == "SY"


def test_a_name_tagged_with_its_bracket_is_the_name_alone() -> None:
    places = places_in("About 10 people protested in Yerevan (Yerevan, Armenia) on Tuesday.")
    assert "Yerevan (Yerevan" not in places
    assert (places["Yerevan"].country, places["Yerevan"].lat is not None) == ("AM", True)


def test_a_currency_does_not_place_the_report() -> None:
    """Nothing in the text says where Laboue is; "the US dollar exchange rate" must not
    put it in the United States."""
    places = places_in(
        "Protesters angry at the high US dollar exchange rate blocked roads in the town of Laboue."
    )
    assert places["Laboue"].country is None and places["Laboue"].lat is None


def test_a_village_placed_in_an_oblast_by_its_alternate_name() -> None:
    """ "near X, Luhansk": GeoNames calls the oblast Luhanska; Luhansk is its alternate
    name, and the unknown village X is placed in the oblast, not nowhere."""
    places = places_in("Rebel forces fired mortars at positions near Novozvanivka, Luhansk.")
    village = places["Novozvanivka"]
    assert (village.country, village.admin1, village.resolved) == ("UA", "Luhanska", "unit")


def test_a_city_tagged_as_a_person_is_a_place_after_in() -> None:
    """The model tags "Leon de los Aldama" (León, 1.6 million people) as a person; after
    "in" it is the city. A person's full name that is a small place's stays a person."""
    places = places_in("On 1 May 2020, in Leon de los Aldama, Guanajuato, 150 drivers protested.")
    assert (places["Leon de los Aldama"].country, places["Leon de los Aldama"].feature) == (
        "MX",
        "city",
    )
    assert "Jordan Peterson" not in places_in("In Toronto, Jordan Peterson spoke on Monday.")


def test_the_province_closing_in_town_comma_province_is_a_place() -> None:
    """ "in X, Sonora": the model tags Sonora as an organisation; after a town and a
    comma, a province's name is the province, and the unknown town lies in it."""
    places = places_in("On 29 April 2020, in San Carlos Nuevo Guaymas, Sonora, two men were found.")
    assert (places["Sonora"].feature, places["Sonora"].country) == ("admin1", "MX")
    town = places["San Carlos Nuevo Guaymas"]
    assert (town.country, town.admin1, town.resolved) == ("MX", "Sonora", "unit")


def test_a_state_tagged_as_a_person_is_the_state() -> None:
    places = places_in("A landmine exploded near Thar Si Gone village, Rakhine State, on Monday.")
    assert (places["Rakhine State"].feature, places["Rakhine State"].country) == ("admin1", "MM")


def test_in_the_area_of_a_village_comma_province() -> None:
    """OSCE-style "in the area of X, Donetsk": the village the gazetteer lacks is placed
    in the oblast named after it."""
    places = places_in(
        "Forces fired grenade launchers at positions in the area of Shakhta Trudovskaya, Donetsk."
    )
    village = places["Shakhta Trudovskaya"]
    assert (village.country, village.admin1) == ("UA", "Donetska")


def test_an_outlet_reporting_from_provinces_picks_the_namesake_there() -> None:
    """Ukraine has several villages called Vesele; the OSCE SMM's reports are about the
    ones in Donetsk and Luhansk oblasts (data/outlets.csv ``provinces``). Without the
    outlet, the largest Vesele is taken, in another oblast."""
    text = "On 2 May 2020, the OSCE SMM observed 6 projectiles near Vesele."
    assert places_in(text)["Vesele"].admin1 in ("Donetska", "Luhanska")
    assert places_in("Six projectiles were observed near Vesele, Ukraine.")[
        "Vesele"
    ].admin1 not in (
        "Donetska",
        "Luhanska",
    )


def test_every_outlet_province_is_a_province_of_its_country() -> None:
    from according.actors import default_registry
    from according.geo.gazetteer import open_gazetteer
    from according.geo.normalise import normalise

    gazetteer = open_gazetteer(None)
    with_provinces = [e for e in default_registry().entries if e.provinces]
    assert with_provinces  # the OSCE SMM at least
    for entry in with_provinces:
        for province in entry.provinces:
            found = gazetteer.lookup(normalise(province))
            assert any(
                c.feature == "admin1" and c.country == entry.country and c.admin1 == province
                for c in found
            ), (entry.id, province)
