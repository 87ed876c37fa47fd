"""Where a place name starts and ends (``according.geo.spans``, the joins and splits in
``according.geo.recognise``); sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import places_in


@pytest.mark.parametrize(
    "sentence",
    [
        "Flooding displaced thousands in Tanzania, east Africa, this week.",
        "Aid will reach sub-Saharan Africa by June.",
        "Sub-Saharan Africa needs more doctors.",
    ],
)
def test_a_lower_case_word_before_a_name_is_no_part_of_it(sentence: str) -> None:
    assert "Africa" in places_in(sentence)


def test_a_lower_case_division_noun_after_a_name_is_no_part_of_it() -> None:
    place = places_in("Two farms in Hubei province reported cases.")["Hubei"]
    assert place.feature == "admin1"


def test_a_capitalised_direction_stays_part_of_the_name() -> None:
    assert "West Africa" in places_in("Rains returned to West Africa in July.")


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Rains hit Senegal, Guinea, Guinea-Bissau and Gambia.", "Guinea-Bissau", "GW"),
        (
            "Measles spread in Burundi and the Democratic Republic of the Congo, officials said.",
            "Democratic Republic of the Congo",
            "CD",
        ),
    ],
)
def test_a_name_split_at_a_hyphen_or_of_is_one_mention(
    sentence: str, name: str, country: str
) -> None:
    places = places_in(sentence)
    assert places[name].country == country
    assert not {"Bissau", "Congo", "Democratic Republic"} & set(places)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("A spokesman for the Education Ministry of Ghana said schools would close.", "Ghana"),
        ("Acme Foods Canada recalled its frozen peas.", "Canada"),
    ],
)
def test_a_country_closing_an_organisation_name_is_its_owner(sentence: str, place: str) -> None:
    found = places_in(sentence)[place]
    assert found.role != "attribute"


def test_a_name_split_at_and_is_one_mention() -> None:
    places = places_in("Floods hit Trinidad and Tobago on Sunday.")
    assert places["Trinidad and Tobago"].country == "TT"
    assert not {"Trinidad", "Tobago"} & set(places)


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        # an untagged province of several words may open a sentence
        ("New South Wales is second, with 74 infections.", "New South Wales", "AU"),
        # a province tagged as an adjective; a word shaped like one is no province
        ("Thousands fled parts of the Punjab province of Pakistan.", "Punjab", "PK"),
        # a capital tagged as an organisation
        ("State media said most of Harare was without water.", "Harare", "ZW"),
        # a town after "mayor of" and after a person's age
        ("The mayor of Kendal said the bridge would reopen.", "Kendal", "GB"),
        ("Mark Smith, 54, of Tyler said he was not worried.", "Tyler", "US"),
    ],
)
def test_places_the_model_tags_otherwise(sentence: str, name: str, country: str) -> None:
    assert places_in(sentence)[name].country == country


def test_an_adjective_tagged_word_shaped_like_one_is_no_province() -> None:
    assert places_in("Western officials met on Monday.") == {}
