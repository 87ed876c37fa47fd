"""The indexed lookups that keep long documents linear give the answers the plain scans
gave (the scans are kept here as the reference), and the benchmark runs."""

from __future__ import annotations

import random

import pytest

from according.attribution.speakers import _overlapping
from according.dates import timespan_for
from according.dates.tense import Sentences
from according.records import Entity, Span, TimeSpan


def scan_timespan_for(start, end, dates, text):
    """The linear scan ``timespan_for`` was before issue 15."""
    sentences = Sentences(text)
    s_start, s_end = sentences.bounds(start)
    s_end = max(s_end, sentences.bounds(max(start, end - 1))[1])
    inside, before, after = [], [], []
    for t in dates:
        if not (
            t.span
            and t.start
            and t.precision != "duration"
            and not (t.timex or "").endswith("_REF")
        ):
            continue
        if start <= t.span.start < end:
            inside.append(t)
        elif s_start <= t.span.start < start:
            before.append(t)
        elif end <= t.span.start < s_end:
            after.append(t)
    if before:
        return max(before, key=lambda t: t.span.start)
    if inside:
        return inside[0]
    if after:
        return min(after, key=lambda t: t.span.start)
    return None


@pytest.mark.parametrize("seed", range(5))
def test_timespan_for_matches_the_scan(seed):
    rng = random.Random(seed)
    words = [rng.choice(["said", "Monday", "police", "on", "the", "march"]) for _ in range(400)]
    text = " ".join(w + ("." if rng.random() < 0.1 else "") for w in words)
    dates = []
    for _ in range(60):
        a = rng.randrange(len(text) - 10)
        day = f"2024-03-0{rng.randrange(1, 9)}"
        dates.append(
            TimeSpan(
                text=text[a : a + 6], span=Span(start=a, end=a + 6, text=text[a : a + 6]),
                start=day, precision=rng.choice(["day", "day", "duration"]),
                timex=rng.choice([None, "PAST_REF"]),
            )
        )  # fmt: skip
    dates.sort(key=lambda t: t.span.start)
    for _ in range(200):
        a = rng.randrange(len(text) - 40)
        b = a + rng.randrange(1, 40)
        assert timespan_for(a, b, list(dates), text) is scan_timespan_for(a, b, dates, text)


def scan_overlapping(entities, start, end):
    best = None
    for ent in entities:
        if ent.span is None or ent.span.end <= start or ent.span.start >= end:
            continue
        if ent.kind in ("person", "media", "organization", "state", "armed_group", "group"):
            if best is None or (ent.kind == "person") > (best.kind == "person"):
                best = ent
    return best


@pytest.mark.parametrize("seed", range(5))
def test_overlapping_matches_the_scan(seed):
    rng = random.Random(seed)
    kinds = ["person", "organization", "other", "media", "group"]
    entities = []
    for i in range(80):
        a = rng.randrange(2000)
        entities.append(
            Entity(text=f"e{i}", name=f"e{i}", kind=rng.choice(kinds),
                   span=Span(start=a, end=a + rng.randrange(1, 30), text="x"))
        )  # fmt: skip
    if seed % 2:
        entities.sort(key=lambda e: e.span.start)
    for _ in range(300):
        a = rng.randrange(2000)
        b = a + rng.randrange(1, 25)
        assert _overlapping(entities, a, b) is scan_overlapping(entities, a, b)
