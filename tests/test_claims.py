"""Claims: counted numbers, hedges, what they count, and the non-claims."""

from __future__ import annotations

import pytest

from according.attribution.build import build_claims
from according.attribution.claims import find_claims, parse_number
from according.records import Entity, Hop, Quote, Span


@pytest.mark.parametrize(
    ("text", "value", "bound", "unit"),
    [
        ("The protests, with over 1,500 martyrs, shook the country.", 1500, "lower", "martyrs"),
        ("The crisis has resulted in nearly 70,000 deaths.", 70000, "approx", "deaths"),
        ("Police detained at least 30 protesters.", 30, "lower", "protesters arrested"),
        ("Up to 5,000 people marched downtown.", 5000, "upper", "people"),
        ("More than 200 workers went on strike.", 200, "lower", "workers"),
        ("Some 300 demonstrators gathered at the square.", 300, "approx", "demonstrators"),
        ("Dozens of students were injured in the clashes.", 24, "lower", "students injured"),
        ("Hundreds of farmers blocked the road.", 200, "lower", "farmers"),
        ("Twenty-five activists were jailed last week.", 25, "exact", "activists arrested"),
        ("Nearly 2.5 million people voted.", 2500000, "approx", "people"),
    ],
)
def test_claim_hedges(text: str, value: int, bound: str, unit: str) -> None:
    claims = find_claims(text)
    assert [(c.value, c.bound, c.unit) for c in claims] == [(value, bound, unit)]


def test_students_along_with_others() -> None:
    text = (
        "The regime has recently arrested two elite students for allegedly supporting "
        "the group, along with 18 others."
    )
    got = [(c.value, c.unit) for c in find_claims(text)]
    assert got == [(2, "elite students arrested"), (18, "people arrested")]


@pytest.mark.parametrize(
    "text",
    [
        "The COVID-19 pandemic spread quickly.",
        "Article 5 of the treaty was invoked.",
        "He spent 10 years in prison.",
        "Unemployment rose by 5 percent.",
        "Turnout reached 42% in the capital.",
        "In 2019 protests spread to the provinces.",
        "It was the first time in three decades.",
        "The meeting lasted two hours.",
    ],
)
def test_non_claims(text: str) -> None:
    assert find_claims(text) == []


def test_dates_excluded_by_span() -> None:
    text = "On November 17 officials spoke."
    assert find_claims(text, exclude=[(3, 14)]) == []


@pytest.mark.parametrize(("word", "value"), [("1,500", 1500), ("seventy", 70), ("twenty-one", 21)])
def test_parse_number(word: str, value: int) -> None:
    assert parse_number(word) == value


def test_claim_takes_the_source_of_its_quote() -> None:
    text = "\u201cWe arrested 40 rioters,\u201d the commander said. Over 100 people died."
    doc_hop = Hop(kind="document", name="page")
    speaker = Entity(
        text="the commander", name="Ali Rezaei", kind="person", span=Span.of(text, 26, 39)
    )
    quote = Quote(
        text="We arrested 40 rioters,",
        direct=True,
        speaker=speaker,
        source=[doc_hop, Hop(kind="person", name="Ali Rezaei")],
        span=Span.of(text, 1, 24),
    )
    claims = build_claims(text, [quote], [], [], [(0, 46), (47, len(text))], doc_hop, "d")
    assert [(c.value, [h.name for h in c.source]) for c in claims] == [
        (40, ["page", "Ali Rezaei"]),
        (100, ["page"]),
    ]
