"""Generated reports for tests, the browser check and the load benchmark.

Real pipeline output is slow to produce in bulk; these reports are built directly from the
record models, with evidence spans that point at real words of their text, so the page's
highlighting and the API's filters can be checked against known answers.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta

from according.records.model import (
    Document,
    Entity,
    Event,
    Hop,
    Outlet,
    PipelineStamp,
    Place,
    Quantity,
    Quote,
    Report,
    Span,
    Status,
    TimeSpan,
)

# name, admin1, country, lat, lon
PLACES = [
    ("Tehran", "Tehran", "IR", 35.69439, 51.42151),
    ("Shiraz", "Fars", "IR", 29.61031, 52.53113),
    ("Mashhad", "Razavi Khorasan", "IR", 36.29807, 59.60567),
    ("Baghdad", "Baghdad", "IQ", 33.34058, 44.40088),
    ("Basra", "Basra", "IQ", 30.50852, 47.7804),
    ("Beirut", "Beirut", "LB", 33.89332, 35.50157),
    ("Santiago", "Santiago Metropolitan", "CL", -33.45694, -70.64827),
    ("Suva", "Central", "FJ", -18.14161, 178.44149),
]
OUTLETS = ["Fars News Agency", "Radio Farda", "Reuters", "Al Jazeera", "IRNA"]
ACTORS = ["Protesters", "Security forces", "Students", "Police", "Workers"]
VERBS = {
    "PROTEST": ("rallied in", "demo"),
    "COERCE": ("arrested people in", "arrest"),
    "ASSAULT": ("opened fire in", None),
    "ACCUSE": ("accused officials in", None),
    "REQUEST": ("demanded help in", None),
}
STATUSES: list[Status] = ["reported", "reported", "reported", "claimed", "denied"]
STAMP = PipelineStamp(version="sample", config_hash="0" * 12)


def _event_id(doc_id: str, start: int, end: int) -> str:
    return "ev:" + hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def make_report(rng: random.Random, n: int, start: date, days: int, events: int = 3) -> Report:
    """One report of ``events`` sentences, each an event; plus one quote."""
    outlet = OUTLETS[n % len(OUTLETS)]
    day0 = start + timedelta(days=rng.randrange(days))
    plan = []
    parts = [f"Dispatch {n} ({outlet}). "]
    for _ in range(events):
        category = rng.choice(list(VERBS))
        actor = rng.choice(ACTORS)
        place = rng.choice(PLACES)
        day = day0 + timedelta(days=rng.randrange(3))
        count = rng.randrange(2, 500)
        sentence = f"{actor} {VERBS[category][0]} {place[0]} on {day:%B %-d}, {count} people."
        offset = sum(map(len, parts))
        plan.append((category, actor, place, day, count, offset, sentence))
        parts.append(sentence + " ")
    quote_at = sum(map(len, parts)) + 1
    parts.append('"We will not stop," a spokesman said.')
    text = "".join(parts)
    doc_id = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    evs = []
    for category, actor, (name, admin1, cc, lat, lon), day, count, off, sentence in plan:
        end = off + len(sentence) - 1
        pos = off + sentence.index(name)
        cpos = off + sentence.index(str(count))
        evs.append(
            Event(
                id=_event_id(doc_id, off, end),
                category=category,
                mode=VERBS[category][1],
                actors=[Entity(text=actor, name=actor, kind="group",
                               span=Span.of(text, off, off + len(actor)))],
                places=[Place(text=name, name=name, admin1=admin1, country=cc, lat=lat, lon=lon,
                              feature="city", span=Span.of(text, pos, pos + len(name)))],
                when=TimeSpan(text=f"{day:%B %-d}", start=day.isoformat(), end=day.isoformat()),
                counts=[Quantity(kind="participants", value=count, text=str(count),
                                 span=Span.of(text, cpos, cpos + len(str(count))))],
                status=rng.choice(STATUSES),
                source=[Hop(kind="document", name=f"Dispatch {n}"),
                        Hop(kind="outlet", name=outlet, cue="according to")],
                evidence=[Span.of(text, off, end)],
                confidence=0.8,
            )
        )  # fmt: skip
    quote_end = quote_at + len("We will not stop,") - 1
    quote = Quote(
        text=text[quote_at:quote_end],
        direct=True,
        speaker=Entity(text="a spokesman", name="spokesman", kind="person"),
        cue="said",
        source=[Hop(kind="document", name=f"Dispatch {n}"), Hop(kind="person", name="spokesman")],
        span=Span.of(text, quote_at, quote_end),
    )
    document = Document(
        id=doc_id, origin=f"sample://{n}", outlet=Outlet(name=outlet, kind="agency"),
        title=f"Dispatch {n}", text=text, page_date=day0.isoformat(),
    )  # fmt: skip
    return Report(pipeline=STAMP, document=document, events=evs, quotes=[quote])


def generate(
    documents: int, *, seed: int = 7, start: date = date(2019, 11, 1), days: int = 60,
    events: int = 3,
) -> Iterator[Report]:  # fmt: skip
    """``documents`` reports, reproducible for a given seed."""
    rng = random.Random(seed)
    for n in range(documents):
        yield make_report(rng, n, start, days, events)
