"""News datelines: the agency, the place of filing and the date of the report, never a
speaker, a quote or the place where the story happened."""

from __future__ import annotations

import pytest

from according.dates.dateline import LABELS_PATH, find_dateline, labels
from according.pipeline.core import get_pipeline
from according.readers.source import SourceDocument
from according.rulefiles import word_lists
from according.settings import DEFAULT_SETTINGS


def _parts(text: str) -> tuple[str | None, ...] | None:
    parts = find_dateline(text)
    if parts is None:
        return None
    found = [parts.span, parts.place, parts.date, parts.agency]
    return (*[text[slice(*w)] if w else None for w in found], text[parts.body : parts.body + 5])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TBILISI, May 1 (Reuters) - Georgian police detained 20 people.",
            ("TBILISI, May 1 (Reuters) -", "TBILISI", "May 1", "Reuters", "Georg"),
        ),
        (
            "BEIJING, March 22 (Xinhua) -- Chinese officials criticized the sanctions.",
            ("BEIJING, March 22 (Xinhua) --", "BEIJING", "March 22", "Xinhua", "Chine"),
        ),
        (
            "KHARTOUM, January 18, 2022 \u2014 Security forces killed seven protesters.",
            ("KHARTOUM, January 18, 2022 \u2014", "KHARTOUM", "January 18, 2022", None, "Secur"),
        ),
        (
            "KYIV, Ukraine (AP) \u2014 Russian forces shelled the city overnight.",
            ("KYIV, Ukraine (AP) \u2014", "KYIV, Ukraine", None, "AP", "Russi"),
        ),
        (
            "Gaza City, 12 March 2024 (AFP) - Strikes hit two houses.",
            ("Gaza City, 12 March 2024 (AFP) -", "Gaza City", "12 March 2024", "AFP", "Strik"),
        ),
        (
            "Army quits border town\nNAIROBI, June 20, 2024 \u2014 Police fired tear gas.",
            ("NAIROBI, June 20, 2024 \u2014", "NAIROBI", "June 20, 2024", None, "Polic"),
        ),
        (
            "By Jane Doe. BOSTON (Reuters) - A judge ruled on Monday.",
            ("BOSTON (Reuters) -", "BOSTON", None, "Reuters", "A jud"),
        ),
        (
            "ST. LOUIS \u2014 Hundreds marched downtown.",
            ("ST. LOUIS \u2014", "ST. LOUIS", None, None, "Hundr"),
        ),
        (
            "CAMBRIDGE, Mass., Dec. 11 (UPI) \u2014 Students rallied.",
            (
                "CAMBRIDGE, Mass., Dec. 11 (UPI) \u2014", "CAMBRIDGE, Mass.", "Dec. 11", "UPI",
                "Stude",
            ),
        ),
        (
            "March 12, 2023 - Nurses protested in Tabriz.",
            ("March 12, 2023 -", None, "March 12, 2023", None, "Nurse"),
        ),
    ],
)  # fmt: skip
def test_a_dateline_is_read_into_its_parts(text: str, expected: tuple[str | None, ...]) -> None:
    assert _parts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Paris - the city where the treaty was signed - hosted the talks.",
        "Iran: Protests continue for a third day",
        "Police said on Friday that two people died. BERLIN - the capital - was calm.",
        "Protesters gathered in the square on Monday.",
        "Mr. Smith - the mayor - resigned.",
        "x" * 700 + "\nLONDON (Reuters) - too far down to be the report's dateline.",
    ],
)
def test_text_without_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "entry", word_lists(LABELS_PATH, ("labels",), lower=False), ids=lambda e: e.word
)
def test_every_label_opens_its_example_and_makes_no_dateline(entry) -> None:
    assert entry.example.startswith(entry.word)
    assert find_dateline(entry.example) is None
    assert entry.word in labels()


def _read(text: str, page_date: str = "2022-06-01", outlet: str | None = None):
    source = SourceDocument(text=text, origin="test", page_date=page_date, outlet=outlet)
    return get_pipeline(DEFAULT_SETTINGS)(source)


REUTERS = (
    "TBILISI, May 1 (Reuters) - Georgian police detained at least 20 protesters outside "
    "parliament on Saturday, the interior ministry said, after thousands rallied "
    "against a draft law on foreign agents.\n\n"
    '"We will not allow violence," Interior Minister Vakhtang Gomelauri told reporters.'
)


def test_the_dateline_dates_the_report_against_a_later_page_date() -> None:
    report = _read(REUTERS)
    document = report.document
    assert document.dateline is not None
    assert (document.dateline.place, document.dateline.agency) == ("TBILISI", "Reuters")
    assert document.dateline.date is not None and document.dateline.date.start == "2022-05-01"
    assert document.content_date is not None and document.content_date.start == "2022-05-01"
    assert document.date_conflict
    assert 'dateline "TBILISI, May 1 (Reuters) -"' in (document.date_conflict_reason or "")
    # "on Saturday" is read against the dateline's day, not the page date
    assert [e.when.start for e in report.events if e.when] == ["2022-04-30"]


def test_a_dateline_is_no_quote_and_its_agency_no_speaker() -> None:
    report = _read(REUTERS)
    assert report.quotes, "no quote found"
    for quote in report.quotes:
        assert "TBILISI" not in quote.text and "Reuters" not in quote.text
        assert quote.speaker is None or quote.speaker.name != "Reuters"
    said = next(q for q in report.quotes if q.text.startswith("Georgian police"))
    assert said.speaker is not None and "interior ministry" in said.speaker.name


def test_the_agency_is_the_outlet_only_when_none_is_known() -> None:
    assert _read(REUTERS).document.outlet.name == "Reuters"
    given = _read(REUTERS, outlet="The Guardian").document
    assert given.outlet.name == "The Guardian" and given.dateline.agency == "Reuters"


def test_the_filing_town_is_a_place_of_filing_not_of_the_event() -> None:
    report = _read(REUTERS)
    filing = [p for p in report.mentions.places if p.role == "filing"]
    assert [(p.text, p.country) for p in filing] == [("TBILISI", "GE")]
    # no place of its own: the event is near the town the report was filed from
    (event,) = report.events
    assert [(p.name, p.precision) for p in event.places] == [("Tbilisi", 2)]


def test_an_event_elsewhere_is_not_placed_at_the_filing_town() -> None:
    text = (
        "BEIRUT, March 3 (Reuters) - Syrian government forces shelled the town of "
        "Saraqeb in Idlib province on Monday, killing four civilians, a monitor said."
    )
    report = _read(text, page_date="2020-03-04")
    assert report.events
    for event in report.events:
        assert all(p.country == "SY" for p in event.places), event.places
        assert "Beirut" not in [p.name for p in event.places]
