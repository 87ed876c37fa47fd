"""Document dating, the worked example end to end, timespan_for and the pipeline stage."""

from __future__ import annotations

from datetime import date

import pytest

from according.dates import date_document, date_text, find_time_expressions, timespan_for
from according.records import Document, TimeSpan
from tests.conftest import worked_example


def _by_text(dates: list[TimeSpan], surface: str) -> list[TimeSpan]:
    return [t for t in dates if t.text == surface]


@pytest.fixture(scope="module")
def example() -> tuple[str, object]:
    text = worked_example().read_text(encoding="utf-8")
    return text, date_text(text, date(2024, 7, 27))


def test_example_is_dated_2020_with_a_conflict(example: tuple[str, object]) -> None:
    _, result = example
    assert result.conflict is True  # type: ignore[attr-defined]
    assert result.content_date.start.startswith("2020")  # type: ignore[attr-defined]
    assert "2024-07-27" in result.reason  # type: ignore[attr-defined]
    assert result.reference.year == 2020  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "surface,start,end,method",
    [
        ("Wednesday, July 1, to Saturday, July 4", "2020-07-01", "2020-07-04", "weekday"),
        ("Sunday, May 17", "2020-05-17", "2020-05-17", "weekday"),
        ("March 7", "2020-03-07", "2020-03-07", "inferred"),
        ("November 17", "2019-11-17", "2019-11-17", "inferred"),
        ("November 20", "2019-11-20", "2019-11-20", "inferred"),
        ("July 17", "2020-07-17", "2020-07-17", "inferred"),
        ("November 2019", "2019-11-01", "2019-11-30", "explicit"),
        ("January 2020", "2020-01-01", "2020-01-31", "explicit"),
        ("May 5", "2020-05-05", "2020-05-05", "inferred"),
    ],
)
def test_example_dates(
    example: tuple[str, object], surface: str, start: str, end: str, method: str
) -> None:
    _, result = example
    found = _by_text(result.dates, surface)  # type: ignore[attr-defined]
    assert found, surface
    assert all((t.start, t.end, t.method) == (start, end, method) for t in found)


def test_example_summit_is_future(example: tuple[str, object]) -> None:
    _, result = example
    (summit,) = _by_text(result.dates, "July 17")  # type: ignore[attr-defined]
    assert summit.tense == "future"  # type: ignore[attr-defined]


def test_example_durations_stay_durations(example: tuple[str, object]) -> None:
    _, result = example
    (forty,) = _by_text(result.dates, "40 years")  # type: ignore[attr-defined]
    assert (forty.precision, forty.timex, forty.start) == ("duration", "P40Y", None)
    assert not _by_text(result.dates, "1,500")  # type: ignore[attr-defined]
    assert not any("COVID" in t.text for t in result.dates)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "anchor,expected",
    [
        ("Do not allow your protests", "2020-05-17"),
        ("I am worried", "2020-03-07"),
        ("In the course of such incidents", "2019-11-17"),
        ("Our investigations show", "2019-11-17"),
        ("The detainees are", "2019-11-20"),
        ("organized activities in Tehran", "2020-07-01"),
        ("will be held", "2020-07-17"),
    ],
)
def test_example_timespan_for(example: tuple[str, object], anchor: str, expected: str) -> None:
    text, result = example
    start = text.index(anchor)
    found = timespan_for(start, start + len(anchor), result.dates, text)  # type: ignore[attr-defined]
    assert found is not None and found.start == expected


def test_page_date_agreeing_with_text_is_the_content_date() -> None:
    text = "Police said on Friday, July 3, that two people died. The vote is next week."
    result = date_text(text, date(2020, 7, 5))
    assert not result.conflict and result.content_date is not None
    assert result.content_date.start == "2020-07-05"
    assert result.content_date.method == "document"


def test_dateline_disagreeing_with_page_date_is_a_conflict() -> None:
    text = "Published: March 3, 2019\n\nPolice said on Friday that the march was peaceful."
    result = date_text(text, date(2024, 5, 1))
    assert result.conflict and result.content_date is not None
    assert result.content_date.start == "2019-03-03"
    friday = _by_text(result.dates, "Friday")[0]
    assert friday.start == "2019-03-01"


def test_no_page_date_uses_latest_past_date_in_text() -> None:
    text = "The rally took place on June 3, 2019. Police said yesterday they made arrests."
    result = date_text(text, None)
    assert result.content_date is not None and result.content_date.start == "2019-06-03"
    assert _by_text(result.dates, "yesterday")[0].start == "2019-06-02"


def test_no_dates_at_all() -> None:
    content, conflict, reason = date_document("No dates here.", [], None)
    assert (content, conflict, reason) == (None, False, None)


def test_recent_weekday_pair_is_no_conflict() -> None:
    # Two months before the page date: an article may well speak of it.
    text = "On Sunday, May 17, the leader spoke."
    exprs = find_time_expressions(text, date(2020, 7, 20))
    content, conflict, _ = date_document(text, exprs, date(2020, 7, 20))
    assert not conflict and content is not None and content.start == "2020-07-20"


def test_timespan_for_ignores_durations_and_other_sentences() -> None:
    text = "He spoke on March 7. For 40 years, the regime ruled."
    dates = find_time_expressions(text, date(2020, 7, 5))
    start = text.index("the regime")
    assert timespan_for(start, start + 10, dates, text) is None


def _stage_ctx(text: str, page_date: str | None):  # type: ignore[no-untyped-def]
    from according.pipeline.context import Context
    from according.settings import Settings

    document = Document(id="t", text=text, page_date=page_date)
    return Context(document=document, settings=Settings(), actors=None, doc=None)  # type: ignore[arg-type]


def test_stage_on_example() -> None:
    from according.pipeline.stages.dates import DatesStage
    from according.settings import Settings

    ctx = _stage_ctx(worked_example().read_text(encoding="utf-8"), "2024-07-27")
    stage = DatesStage(Settings())
    assert stage.name == "according.dates.v1" and stage.needs == frozenset()
    stage(ctx)
    doc = ctx.document
    assert doc.date_conflict and doc.date_conflict_reason
    assert doc.content_date is not None and doc.content_date.start.startswith("2020")
    assert any("date conflict" in w for w in ctx.warnings)
    assert ctx.reference_date is not None and ctx.reference_date.year == 2020
    assert any(t.start == "2020-07-01" and t.end == "2020-07-04" for t in ctx.dates)


def test_stage_registered_and_tolerates_bad_page_date() -> None:
    from according.pipeline import registry
    from according.pipeline.stages.dates import DatesStage
    from according.settings import Settings

    assert registry.factory_for("according.dates.v1") is DatesStage
    ctx = _stage_ctx("He left yesterday.", "not a date")
    DatesStage(Settings())(ctx)
    assert ctx.warnings and ctx.dates[0].start is None


def test_timespan_json_round_trip() -> None:
    (t,) = find_time_expressions("From July 1 to July 4, 2020, they marched.", date(2020, 7, 5))
    again = TimeSpan.model_validate_json(t.model_dump_json())
    assert again.start == "2020-07-01" and again.end == "2020-07-04"
    assert again.parts[1]["timex"] == "2020-07-04"  # type: ignore[attr-defined]
