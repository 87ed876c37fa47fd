"""The places stage on real text with the real gazetteer (built by `make setup`)."""

from __future__ import annotations

import pytest

from according.pipeline.core import Pipeline
from according.readers.source import SourceDocument
from according.records import Report
from tests.conftest import places_pipeline, worked_example

CITIES = {
    "Tehran": 112931,
    "Isfahan": 418863,
    "Shiraz": 115019,
    "Qom": 119208,
    "Ahvaz": 144448,
    "Gorgan": 132892,
    "Andimeshk": 143420,
    "Khorramabad": 127349,
    "Nishapur": 122285,
    "Amol": 143534,
    "Qazvin": 119505,
    "Karaj": 128747,
    "Hamadan": 132144,
}


def _pipeline() -> Pipeline:
    return places_pipeline()


def _read(text: str, outlet: str | None = None) -> Report:
    return _pipeline()(SourceDocument(text=text, origin="<test>", outlet=outlet))


def test_worked_example_resolves_all_thirteen_cities() -> None:
    text = worked_example().read_text(encoding="utf-8")
    places = _read(text).mentions.places
    found = {p.text: p.geonames_id for p in places if p.text in CITIES}
    assert found == CITIES
    for place in places:
        assert place.span is not None and text[place.span.start : place.span.end] == place.text
    nishapur = next(p for p in places if p.text == "Nishapur")
    assert (nishapur.country, nishapur.feature, nishapur.precision) == ("IR", "city", 1)
    assert nishapur.admin1 == "Razavi Khorasan"
    iranian = next(p for p in places if p.text == "Iranian")
    assert (iranian.name, iranian.country, iranian.role) == ("Iran", "IR", "attribute")


def test_roles_and_demonyms() -> None:
    places = _read("Protesters gathered in Karaj on Friday, Iranian media said.").mentions.places
    by_text = {p.text: p for p in places}
    assert by_text["Karaj"].role == "location" and by_text["Karaj"].geonames_id == 128747
    assert by_text["Iranian"].country == "IR"


@pytest.mark.parametrize(
    "sentence",
    [
        "Will Smith met Mr. Paris at the Apple store.",
        "She said March would be hard. May was worse.",
    ],
)
def test_common_words_and_people_are_not_places(sentence: str) -> None:
    assert [p.text for p in _read(sentence).mentions.places] == []


def test_document_coherence_picks_the_us_state() -> None:
    text = "Storms hit Atlanta and Savannah. Georgia declared an emergency."
    places = {p.text: p for p in _read(text).mentions.places}
    assert places["Georgia"].country == "US"
