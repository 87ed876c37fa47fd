"""An event no sentence of its own places is put where the report says its incident
was, when that is one place or one chain of places in one country."""

from __future__ import annotations

from according.events.arguments import REPORTED_AT_MAX, reported_at
from according.records import Place


def place(name: str, country: str, role: str, lat: float | None = 9.0) -> Place:
    return Place(text=name, name=name, country=country, role=role, precision=2, lat=lat,
                 lon=None if lat is None else 11.0)  # fmt: skip


def test_a_chain_in_one_country_places_the_event() -> None:
    chain = [place("Jen", "NG", "location"), place("Karim-Lamido LGA", "NG", "location"),
             place("Taraba", "NG", "location"), place("Nigerian", "NG", "attribute")]  # fmt: skip
    assert [p.name for p in reported_at(chain)] == ["Jen", "Karim-Lamido LGA", "Taraba"]


def test_places_in_two_countries_or_without_points_place_nothing() -> None:
    assert reported_at([place("Beirut", "LB", "location"), place("Homs", "SY", "near")]) == []
    assert reported_at([place("Laboue", "LB", "location", lat=None)]) == []
    named_only = [place("Tehran", "IR", "mention"), place("Iranian", "IR", "attribute")]
    assert reported_at(named_only) == []


def test_a_wave_over_many_towns_places_no_unplaced_event() -> None:
    towns = [place(f"Town {i}", "IR", "location") for i in range(REPORTED_AT_MAX + 1)]
    assert reported_at(towns) == []
    assert len(reported_at(towns[:REPORTED_AT_MAX])) == REPORTED_AT_MAX
