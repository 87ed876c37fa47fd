"""Where a place name starts and ends (``according.geo.spans``, the joins and splits in
``according.geo.recognise``); sentences written for these tests."""

from __future__ import annotations

from functools import lru_cache

import pytest

from according.pipeline.core import Pipeline
from according.readers.source import SourceDocument
from according.records import Place
from according.settings import Settings


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline(Settings(stages=("according.entities.v1", "according.places.v1")))


def _places(text: str) -> dict[str, Place]:
    report = _pipeline()(SourceDocument(text=text, origin="<test>"))
    return {p.text: p for p in report.mentions.places}


@pytest.mark.parametrize(
    "sentence",
    [
        "Flooding displaced thousands in Tanzania, east Africa, this week.",
        "Aid will reach sub-Saharan Africa by June.",
        "Sub-Saharan Africa needs more doctors.",
    ],
)
def test_a_lower_case_word_before_a_name_is_no_part_of_it(sentence: str) -> None:
    assert "Africa" in _places(sentence)


def test_a_lower_case_division_noun_after_a_name_is_no_part_of_it() -> None:
    place = _places("Two farms in Hubei province reported cases.")["Hubei"]
    assert place.feature == "admin1"


def test_a_capitalised_direction_stays_part_of_the_name() -> None:
    assert "West Africa" in _places("Rains returned to West Africa in July.")


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
    places = _places(sentence)
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
    found = _places(sentence)[place]
    assert found.role != "attribute"


def test_a_name_split_at_and_is_one_mention() -> None:
    places = _places("Floods hit Trinidad and Tobago on Sunday.")
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
    assert _places(sentence)[name].country == country


def test_an_adjective_tagged_word_shaped_like_one_is_no_province() -> None:
    assert _places("Western officials met on Monday.") == {}
