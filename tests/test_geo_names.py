"""What a place name is doing: qualifying an organisation, naming a virus, or a union of
states acting (``according.geo.refine``); sentences written for these tests."""

from __future__ import annotations

import pytest

import according
from according.geo.refine import named_after, pathogen_names, person_names
from according.readers.source import SourceDocument
from tests.conftest import places_in, places_pipeline


@pytest.mark.parametrize(
    ("sentence", "place", "name"),
    [
        ("A spokesman for the Lagos Water Corporation said supplies would resume.", "Lagos",
         "Lagos Water Corporation"),
        ("According to China Daily, the dam held.", "China", "China Daily"),
        ("The Washington Post said the talks had failed.", "Washington", "Washington Post"),
    ],
)  # fmt: skip
def test_a_place_opening_an_organisation_name_only_qualifies_it(
    sentence: str, place: str, name: str
) -> None:
    found = places_in(sentence)[place]
    assert found.role == "attribute" and found.qualifies == name  # type: ignore[attr-defined]


def test_an_abbreviated_country_before_an_agency_is_the_country() -> None:
    # "U.S." is the writer's shorthand saying whose survey it is, not part of its name.
    found = places_in("Officials at the U.S. Geological Survey measured the quake.")["U.S."]
    assert found.country == "US" and found.role != "attribute"


def test_a_place_owning_an_institution_is_no_qualifier() -> None:
    found = places_in("Kenya's health ministry said the clinic had closed.")["Kenya"]
    assert found.role != "attribute"


def test_a_country_tagged_as_an_adjective_is_the_country() -> None:
    found = places_in("Aid reached Chad and the Central African Republic.")
    assert found["Central African Republic"].role != "attribute"


def test_an_event_at_a_named_site_happens_in_its_town() -> None:
    report = according.read("Students protested at Cairo University on Tuesday.")
    (event,) = report.events
    assert [p.name for p in event.places] == ["Cairo"]


def test_an_outlet_is_not_where_the_event_happened() -> None:
    report = according.read("Police arrested ten protesters, the Washington Post reported.")
    assert all(p.name != "Washington" for e in report.events for p in e.places)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Ten people died of Lassa fever in Ondo last month.", {"Ondo"}),
        ("Rift Valley fever was found in cattle in Kenya.", {"Kenya"}),
        ("Birds carried West Nile virus; no human case of West Nile was seen in Ohio.", {"Ohio"}),
        ("The lab confirmed H7N9 in Shanghai.", {"Shanghai"}),
    ],
)
def test_disease_and_pathogen_names_are_noplaces_in(sentence: str, kept: set[str]) -> None:
    assert set(places_in(sentence)) == kept


def test_a_province_before_flu_stays_a_place() -> None:
    assert "Texas" in places_in("The Texas flu season peaked in Dallas.")


def test_the_town_a_virus_is_named_after_is_a_place_after_in() -> None:
    text = "The Marburg virus was first described in Marburg, Germany, in 1967."
    report = places_pipeline()(SourceDocument(text=text, origin="<test>"))
    places = list(report.mentions.places)
    assert [(p.text, p.span.start) for p in places if p.text == "Marburg"] == [  # type: ignore[union-attr]
        ("Marburg", text.rindex("Marburg"))
    ]


def test_pathogen_names_rule_on_spans() -> None:
    text = "Cases of Reston ebolavirus rose; Reston pigs were culled near Reston."
    spans = [(9, 15, "reston", False), (33, 39, "reston", False), (62, 68, "reston", False)]
    assert pathogen_names(text, spans) == {0, 1}


def test_a_union_of_states_acting_is_an_organisation() -> None:
    assert places_in("The EU imposed new tariffs on steel.")["EU"].role == "attribute"
    assert places_in("Poland is the largest country in the EU by area.")["EU"].role == "location"


def test_named_after_needs_a_head_noun() -> None:
    doc = places_pipeline().nlp("Kenya Red Cross Society staff toured the Kenya Highlands.")
    assert named_after(doc, 1) == 4  # "Red Cross Society"
    assert named_after(doc, 8) is None  # "Highlands" is part of a place


def _spans(text: str, word: str, strong: bool = False) -> list[tuple[int, int, bool]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word), strong))
        at = text.find(word, at + 1)
    return out


def test_a_surname_used_for_a_person_is_no_place() -> None:
    text = "Anna Barstow toured the plant. Later, Barstow left. She grew up in Barstow."
    doc = places_pipeline().nlp(text)
    spans = _spans(text, "Barstow")[1:]  # the full name is the model's PERSON
    assert person_names(doc, spans) == {0}  # "in Barstow" stays a place


@pytest.mark.parametrize(
    "text",
    [
        "Kendal, who chairs the board, disagreed with the plan.",
        "Kendal said the plan had failed.",
        "According to Kendal, the plan failed.",
    ],
)
def test_a_name_that_speaks_is_a_person(text: str) -> None:
    doc = places_pipeline().nlp(text)
    assert person_names(doc, _spans(text, "Kendal")) == {0}
    assert person_names(doc, _spans(text, "Kendal", strong=True)) == set()


def test_a_name_inside_an_unknown_full_name_is_a_person() -> None:
    text = "Lena Kendal was treated in hospital. Kendal was nine."
    doc = places_pipeline().nlp(text)
    assert person_names(doc, _spans(text, "Kendal")[1:], named={"Lena", "Kendal"}) == {0}
    # the full name itself, unknown to the gazetteer, goes with its surname
    spans = [(0, 11, False, False), *_spans(text, "Kendal")[1:]]
    assert person_names(doc, spans, named={"Lena", "Kendal"}) == {0, 1}


def test_a_place_noun_ending_the_previous_sentence_is_no_evidence() -> None:
    assert places_in("Officials visited the region. But the report came late.") == {}


@pytest.mark.parametrize(
    ("sentence", "place", "attribute"),
    [
        ("Researchers at the University of Leeds found the gene.", "Leeds", True),
        ("The Foreign Ministry of Peru said so.", "Peru", False),
    ],
)
def test_a_place_after_of_belongs_to_ministries_not_universities(
    sentence: str, place: str, attribute: bool
) -> None:
    assert (places_in(sentence)[place].role == "attribute") is attribute


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Police in Sydney said the NSW government would act.", {"Sydney", "NSW"}),
        ("The NSW fund gained two percent on Friday.", set()),  # no report on Australia
        ("Most refugees returned to southern DRC last year.", {"DRC"}),
        ("Rain fell across KwaZulu-Natal (KZN) on Monday. Roads in KZN closed.",
         {"KwaZulu-Natal", "KZN"}),
    ],
)  # fmt: skip
def test_abbreviations_need_capitals_and_a_report_on_their_country(
    sentence: str, found: set[str]
) -> None:
    assert set(places_in(sentence)) == found
