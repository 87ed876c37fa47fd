"""A happening retold in one report is one event; different towns, days or voices are not."""

from __future__ import annotations

import according
from according.events.merge import merge_duplicates, same_happening
from according.records import Event, Hop, Place, Span, TimeSpan

TEXT = "x" * 200


def event(
    i: int, *, places=("Nairobi",), start="2024-06-20", method="explicit", status="reported",
    source="Daily Nation",
) -> Event:  # fmt: skip
    return Event(
        id=f"ev:{i}",
        category="PROTEST",
        mode="demo",
        places=[Place(text=p, name=p) for p in places],
        when=TimeSpan(text=start, start=start, end=start, method=method),
        status=status,
        source=[Hop(kind="outlet", name=source)],
        evidence=[Span.of(TEXT, i * 10, i * 10 + 5)],
    )


def test_a_headline_and_its_lede_become_one_event_with_both_evidences():
    headline = event(0, method="document")
    lede = event(1)
    (merged,) = merge_duplicates([headline, lede])
    assert merged.id == "ev:0"
    assert merged.when.method == "explicit"
    assert [s.start for s in merged.evidence] == [0, 10]


def test_a_later_mention_without_places_joins_the_event():
    assert len(merge_duplicates([event(0), event(1, places=())])) == 1


def test_other_towns_days_statuses_and_voices_stay_apart():
    base = event(0)
    assert not same_happening(base, event(1, places=("Mombasa",)))
    assert not same_happening(base, event(1, start="2024-06-25"))
    assert not same_happening(base, event(1, status="planned"))
    assert not same_happening(base, event(1, source="State House"))
    assert len(merge_duplicates([base, event(1, places=("Mombasa", "Kisumu"))])) == 2


def test_a_report_that_retells_its_protest_gives_one_event():
    text = (
        "Police fire tear gas at protesters in Nairobi\n\n"
        "NAIROBI, June 20, 2024 - Police fired tear gas at thousands of protesters in "
        "Nairobi on Thursday. Demonstrations also took place in Mombasa and Kisumu."
    )
    events = according.read(text, page_date="2024-06-21").events
    nairobi = [e for e in events if any(p.name == "Nairobi" for p in e.places)]
    assert len(nairobi) == 1 and len(nairobi[0].evidence) == 2
    assert any(p.name == "Mombasa" for e in events for p in e.places if e is not nairobi[0])
