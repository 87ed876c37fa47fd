"""The place a report was filed from, as its news dateline gives it.

Why apart from recognition: a dateline writes its town in capitals ("TBILISI, May 1
(Reuters) -") where spaCy's tagger, trained on mixed case, often sees no name, and the
town is where the reporter was, not where the story happened: its mention gets the role
``filing``, which the events stage does not read as an event's place. The state or
country after the town ("KYIV, Ukraine", "ORLANDO, Fla.") keeps the town in it through
the usual chain of units.
"""

from __future__ import annotations

from according.dates.dateline import find_dateline
from according.geo.gazetteer import Gazetteer
from according.geo.normalise import normalise
from according.geo.recognise import Mention


def with_filing_place(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, where: tuple[int, int] | None
) -> list[Mention]:
    """``mentions`` with the dateline's town added when recognition missed it; ``where``
    is the dateline's place (``filing_span``)."""
    if where is None:
        return mentions
    start, end = where
    comma = text.find(",", start, end)
    town_end = comma if comma >= 0 else end
    if any(m.start < town_end and start < m.end for m in mentions):
        return mentions
    name = text[start:town_end]
    key = normalise(name)
    candidates = gazetteer.lookup(key)
    if not candidates:
        return mentions
    town = Mention(start, town_end, name, key, "DATELINE", candidates)
    return sorted([*mentions, town], key=lambda m: m.start)


def filing_span(text: str) -> tuple[int, int] | None:
    """Where the dateline's place is written, if the text has a dateline."""
    parts = find_dateline(text)
    return parts.place if parts is not None else None
