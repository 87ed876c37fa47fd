"""Coreference of speaker mentions: pronouns and descriptions to earlier named speakers."""

from __future__ import annotations

import pytest

from according.attribution import attribute_text
from according.attribution.build import build_quotes
from according.attribution.coref import needs_resolution, resolve
from according.records import Entity, Hop, Span

TEXT = "Ali Rezaei, the commander of the police, spoke. The Interior Ministry agreed. x"


def _people() -> list[Entity]:
    return [
        Entity(
            text="Ali Rezaei",
            name="Ali Rezaei",
            kind="person",
            role="commander of the police",
            span=Span.of(TEXT, 0, 10),
        ),
        Entity(
            text="Interior Ministry",
            name="Interior Ministry",
            kind="organization",
            span=Span.of(TEXT, 52, 69),
        ),
    ]


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("he", "Ali Rezaei"),
        ("She", "Ali Rezaei"),
        ("the commander", "Ali Rezaei"),
        ("the police commander", "Ali Rezaei"),
        ("the official", "Ali Rezaei"),
        ("they", "Interior Ministry"),
        ("a source", None),
        ("an official", None),
        ("sources", None),
    ],
)
def test_resolve(mention: str, expected: str | None) -> None:
    found = resolve(mention, len(TEXT), _people())
    assert (found.name if found else None) == expected


def test_nothing_before_is_unresolved() -> None:
    assert resolve("he", 0, _people()) is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("he", True),
        ("the official", True),
        ("the regime\u2019s officials", True),
        ("Ahmad Naderi", False),
        ("a source", False),
    ],
)
def test_needs_resolution(mention: str, expected: bool) -> None:
    assert needs_resolution(mention) is expected


def test_pronoun_speaker_through_quotes() -> None:
    text = (
        "Maria Lopez, a union leader, spoke at the rally. \u201cWe will strike on Monday "
        "if nothing changes,\u201d she said."
    )
    ents = [
        Entity(text="Maria Lopez", name="Maria Lopez", kind="person", span=Span.of(text, 0, 11))
    ]
    atts = attribute_text(text, mentions=[(0, 11)])
    quotes = build_quotes(text, atts, ents, [], Hop(kind="document", name="t"), "doc")
    assert quotes[0].speaker.name == "Maria Lopez"
    assert quotes[0].speaker.text == "she"
    assert quotes[0].speaker.role == "union leader"
