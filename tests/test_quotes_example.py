"""The worked example end to end through the Pipeline, read from the shared folder."""

from __future__ import annotations

import json

import pytest

from according.pipeline.core import Pipeline
from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument
from according.records import Quote, Report
from according.settings import Settings
from tests.conftest import worked_example


@pytest.fixture(scope="module")
def report() -> Report:
    text = normalise_text(worked_example().read_text(encoding="utf-8"))
    pipeline = Pipeline(
        Settings(
            stages=(
                "according.entities.v1",
                "according.dates.v1",
                "according.quotes.v1",
                "according.claims.v1",
            )
        )
    )
    return pipeline(SourceDocument(text=text, origin="example", page_date="2024-07-27"))


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(worked_example(".expected.json").read_text(encoding="utf-8"))


def _find(report: Report, spec: dict) -> Quote:
    found = [q for q in report.quotes if spec["text_contains"] in q.text]
    assert found, spec["key"]
    return found[0]


def _names(q: Quote) -> list[str]:
    return [q.speaker.name.lower(), q.speaker.text.lower()] if q.speaker else []


def test_five_quotes_speaker_role_venue_relay(report: Report, expected: dict) -> None:
    for spec in expected["quotes"]:
        q = _find(report, spec)
        assert q.direct
        assert any(a.lower() in n for a in spec["speaker_any"] for n in _names(q)), spec["key"]
        if "role_any" in spec:
            assert q.speaker.role and any(r in q.speaker.role for r in spec["role_any"])
        if "venue_any" in spec:
            assert q.venue and any(v in q.venue for v in spec["venue_any"])
        if "via_any" in spec:
            relays = [h.name for h in q.source[1:-1]]
            assert any(v in r for v in spec["via_any"] for r in relays), q.source
        assert q.source[0].kind in ("document", "outlet")
        assert q.source[-1].name == q.speaker.name


def test_quote_dates(report: Report, expected: dict) -> None:
    for spec in expected["quotes"]:
        q = _find(report, spec)
        assert q.when is not None and q.when.start == spec["date"], spec["key"]


def test_quote_clause_dates_are_the_clause_dates(report: Report) -> None:
    """Whatever year the dates stage resolves, the clause's own date is the one chosen."""
    by_text = {
        "Our investigations show": "November 17",
        "The detainees are": "November 20",
        "I am worried": "March 7",
        "Do not allow your protests": "May 17",
    }
    for start, day in by_text.items():
        q = next(q for q in report.quotes if q.text.startswith(start))
        assert q.when is not None and day in q.when.text


def test_claims(report: Report, expected: dict) -> None:
    for spec in expected["claims"]:
        found = [c for c in report.claims if c.value == spec["value"] and c.bound == spec["bound"]]
        assert found, spec["key"]
        assert any(a in (found[0].unit or "") for a in spec["about_any"])
        assert len(found[0].source) == 1


def test_arrest_counts(report: Report) -> None:
    counts = {(c.value, c.unit) for c in report.claims if "arrested" in (c.unit or "")}
    assert {v for v, _ in counts} >= {2, 18}
