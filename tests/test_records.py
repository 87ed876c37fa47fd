"""The record format: names from records.md, and a lossless JSON round trip."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from according.records import Report, Span


def test_report_json_round_trip_is_lossless(example_report):
    text = example_report.to_json()
    again = Report.from_json(text)
    # Fields a stage adds beyond the format come back as plain JSON values, so compare data.
    assert again.model_dump() == example_report.model_dump()
    assert again.to_json() == text


def test_report_has_record_format_v1_fields(example_report):
    data = json.loads(example_report.to_json())
    assert data["format"] == "according/1"
    assert set(data) >= {
        "format",
        "pipeline",
        "document",
        "events",
        "quotes",
        "claims",
        "mentions",
        "warnings",
    }
    assert set(data["pipeline"]) >= {"version", "config_hash"}
    assert set(data["document"]) >= {
        "id",
        "origin",
        "outlet",
        "title",
        "language",
        "text",
        "page_date",
        "content_date",
        "date_conflict",
        "date_conflict_reason",
    }
    assert set(data["mentions"]) == {"places", "dates", "entities"}


def test_every_evidence_span_points_into_the_text(example_report):
    text = example_report.document.text
    spans = [e.span for e in example_report.mentions.entities]
    spans += [p.span for p in example_report.mentions.places]
    spans += [q.span for q in example_report.quotes] + [c.span for c in example_report.claims]
    spans += [s for ev in example_report.events for s in ev.evidence]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_unknown_fields_survive_and_wrong_types_are_refused(example_report):
    data = json.loads(example_report.to_json())
    data["document"]["added_later"] = {"x": 1}
    assert Report.model_validate(data).document.added_later == {"x": 1}
    data["format"] = "according/2"
    with pytest.raises(ValidationError):
        Report.model_validate(data)


def test_span_of_takes_its_text_from_the_document():
    assert Span.of("in Tehran today", 3, 9).text == "Tehran"
