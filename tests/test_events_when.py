"""Which date an event takes: its own, not the dateline's or a later clause's."""

from __future__ import annotations

import pytest

import according
from according.events.extract import detect


@pytest.mark.parametrize(
    ("text", "page_date", "start"),
    [
        (
            "TEHRAN, March 12, 2023 — Hundreds of retired teachers gathered outside the "
            "parliament on Saturday, March 11, demanding pensions unpaid since January.",
            "2023-03-12", "2023-03-11",
        ),
        (
            "March 12, 2023 - Nurses protested in Tabriz on Friday, March 10, over wages "
            "that have been late since December.",
            "2023-03-12", "2023-03-10",
        ),
        (
            "Police arrested 40 students in Dhaka on Tuesday, October 31, 2023.",
            "2023-11-01", "2023-10-31",
        ),
    ],
)  # fmt: skip
def test_an_event_is_dated_by_its_own_clause(text, page_date, start):
    report = according.read(text, page_date=page_date)
    assert report.events, "no event found"
    assert report.events[0].when.start == start


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of farmers gathered at the bridge in Isfahan, demanding water.",
        "Workers assembled outside the ministry to demand unpaid wages.",
        "Residents took to the streets of Beirut against the new tax.",
    ],
)
def test_a_crowd_gathering_to_demand_is_a_protest(sentence):
    found = detect(sentence)
    assert found is not None and found.category == "PROTEST"


@pytest.mark.parametrize(
    "sentence",
    ["Family members gathered for the funeral on Sunday.", "Fans gathered to watch the final."],
)
def test_a_gathering_alone_is_no_protest(sentence):
    assert detect(sentence) is None
