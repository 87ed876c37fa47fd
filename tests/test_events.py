"""The events stage through the real pipeline: short reports and the worked example."""

from __future__ import annotations

import json
import math

import pytest

from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument
from according.records import Event, Report
from tests.conftest import worked_example


def _read(pipeline, text: str, page_date: str = "2021-03-10") -> Report:  # type: ignore[no-untyped-def]
    source = SourceDocument(text=normalise_text(text), origin="<test>", page_date=page_date)
    return pipeline(source)


def _only(report: Report, category: str) -> Event:
    found = [e for e in report.events if e.category == category]
    assert found, [(e.category, e.evidence[0].text) for e in report.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "category", "mode", "sub_event"),
    [
        (
            "Police arrested 14 opposition activists in Nairobi on Tuesday.",
            "COERCE",
            "arrest",
            "Arrests",
        ),
        (
            "Thousands of teachers protested in Santiago on Monday, demanding higher pay.",
            "PROTEST",
            "demo",
            "Peaceful protest",
        ),
        (
            "Rioters torched cars and hurled stones at police in Lagos on Friday.",
            "PROTEST",
            "riot",
            "Violent demonstration",
        ),
        (
            "Dock workers went on strike in Rotterdam on Monday over pay.",
            "PROTEST",
            "strike",
            "Peaceful protest",
        ),
        (
            "Government troops clashed with rebels near Goma on Sunday.",
            "ASSAULT",
            "firearms",
            "Armed clash",
        ),
        (
            "Warplanes carried out airstrikes on Idlib on Thursday, killing four civilians.",
            "ASSAULT",
            "aerial",
            "Air/drone strike",
        ),
    ],
)
def test_event_kinds(pipeline, text: str, category: str, mode: str, sub_event: str) -> None:  # type: ignore[no-untyped-def]
    event = _only(_read(pipeline, text), category)
    assert event.mode == mode
    assert event.acled is not None and event.acled.sub_event_type == sub_event
    assert event.status == "reported"
    assert event.places, "the town of the sentence is the event's place"


def test_arrest_arguments_and_counts(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(pipeline, "Police arrested 14 opposition activists in Nairobi on Tuesday.")
    event = _only(report, "COERCE")
    # the actor as written, and as ACLED names it in the event's country
    assert [(a.text, a.acled_name, a.inter) for a in event.actors] == [
        ("Police", "Police Forces of Kenya", 1)
    ]
    assert event.acled.sub_event_type == "Arrests"
    assert [(c.kind, c.value) for c in event.counts if c.kind == "arrested"] == [("arrested", 14)]
    assert any(p.name.lower().startswith("nairobi") for p in event.places)
    assert event.when is not None and event.when.start is not None
    assert event.evidence[0].text.startswith("Police arrested")


def test_airstrike_fatalities(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(
        pipeline, "Warplanes carried out airstrikes on Idlib on Thursday, killing four civilians."
    )
    event = _only(report, "ASSAULT")
    assert all(q.kind in ("fatalities", "other") for q in event.counts)


def test_planned_summit(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(pipeline, "The annual summit of the alliance will be held on July 17 in Paris.")
    event = _only(report, "CONSULT")
    assert event.status == "planned"


def test_denied_arrests(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(
        pipeline,
        "The interior ministry denied that police arrested any students in Tehran on Monday.",
    )
    assert _only(report, "COERCE").status == "denied"


def test_hypothetical_protest(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(
        pipeline,
        "If the government raises fuel prices, the unions would protest in Lagos on Monday.",
    )
    assert _only(report, "PROTEST").status == "hypothetical"


def test_background_is_not_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(pipeline, "Forty years of protests and repression have shaped the country.")
    assert not report.events


def test_no_event_in_plain_prose(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = _read(pipeline, "The minister opened a new library in the city on Monday.")
    assert not [e for e in report.events if e.category in ("PROTEST", "COERCE", "ASSAULT")]


# --- the worked example, as check_report.py matches it ----------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _matches(want: dict, ev: dict, check_dates: bool) -> bool:  # type: ignore[type-arg]
    if "category" in want and ev["category"] != want["category"]:
        return False
    if "mode_any" in want and ev.get("mode") not in want["mode_any"]:
        return False
    if "actor_any" in want:
        texts = " | ".join(
            str(a.get(k) or "").lower() for a in ev["actors"] for k in ("text", "name")
        )
        if not any(alias.lower() in texts for alias in want["actor_any"]):
            return False
    if "status_any" in want and ev["status"] not in want["status_any"]:
        return False
    if "count_any" in want and not any(q["value"] in want["count_any"] for q in ev["counts"]):
        return False
    if (
        "country" in want
        and ev["places"]
        and not any(p.get("country") == want["country"] for p in ev["places"])
    ):
        return False
    if "places" in want:
        hits = sum(
            any(
                p.get("lat") is not None and _km(w["lat"], w["lon"], p["lat"], p["lon"]) <= 25
                for p in ev["places"]
            )
            for w in want["places"]
        )
        if hits < math.ceil(0.9 * len(want["places"])):
            return False
    if check_dates:
        when = ev.get("when") or {}
        if "start" in want and when.get("start") != want["start"]:
            return False
        if "end" in want and when.get("end") != want["end"]:
            return False
        if "start_prefix" in want and not str(when.get("start") or "").startswith(
            want["start_prefix"]
        ):
            return False
    return True


_KEYS = ["units-activities", "student-arrests", "november-2019-protests", "summit"]


# the expected events that give a date (student-arrests gives none)
_DATED = ["units-activities", "november-2019-protests", "summit"]


def _wanted(key: str) -> dict:
    expected = json.loads(worked_example(".expected.json").read_text(encoding="utf-8"))
    return next(w for w in expected["events"] if w["key"] == key)


@pytest.mark.parametrize("key", _KEYS)
def test_worked_example_event(example_report, key: str) -> None:  # type: ignore[no-untyped-def]
    events = [e.model_dump() for e in example_report.events]
    assert any(_matches(_wanted(key), ev, check_dates=False) for ev in events), key


@pytest.mark.parametrize("key", _DATED)
def test_worked_example_event_dates(example_report, key: str) -> None:  # type: ignore[no-untyped-def]
    want = _wanted(key)
    assert {"start", "end", "start_prefix"} & set(want), f"{key} gives no date to check"
    events = [e.model_dump() for e in example_report.events]
    assert any(_matches(want, ev, check_dates=True) for ev in events), key


def test_worked_example_precision(example_report) -> None:  # type: ignore[no-untyped-def]
    events = example_report.events
    assert len(events) <= 8, [(e.category, e.evidence[0].text[:60]) for e in events]
    # Khamenei's speech about protests gives at most one, hypothetical or claimed, protest
    in_speech = [e for e in events if "Do not allow" in e.evidence[0].text]
    assert len(in_speech) <= 1
    assert all(e.status in ("hypothetical", "claimed") for e in in_speech)
    # background is not an event
    assert not any("40 years of plundering" in e.evidence[0].text for e in events)
    units = next(e for e in events if e.category == "PROTEST" and len(e.places) >= 12)
    assert not any(p.text == "Iranian" for p in units.places)
    assert any(a.id == "mek" for a in units.actors)
