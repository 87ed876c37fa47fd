"""Belief, evidence, evaluation and headline attributions, and the parser's quote mask,
on sentences written for these tests."""

from __future__ import annotations

import pytest

from according.attribution import find_quoted
from according.attribution.parse import STAND_IN, mask_quotes
from tests.conftest import attributions


@pytest.mark.parametrize(
    ("text", "names", "content", "speaker", "cue"),
    [
        # belief and intention: a clause or an infinitive
        (
            "Governor Mark Ellis believes the budget will pass next month.",
            ("Mark Ellis",),
            "the budget will pass next month",
            "Governor Mark Ellis",
            "believes",
        ),
        (
            "The union expects that the strike will end by Friday.",
            (),
            "that the strike will end by Friday",
            "The union",
            "expects",
        ),
        (
            "Mayor Jane Ortiz wants to rebuild the old harbour bridge.",
            ("Jane Ortiz",),
            "to rebuild the old harbour bridge",
            "Mayor Jane Ortiz",
            "wants",
        ),
        (
            "Most farmers hoped that the rain would return soon.",
            (),
            "that the rain would return soon",
            "Most farmers",
            "hoped",
        ),
        # evidence and perception
        (
            "A new poll showed that the senator led by six points.",
            (),
            "that the senator led by six points",
            "A new poll",
            "showed",
        ),
        (
            "The inquiry found that the guards had ignored the warnings.",
            (),
            "that the guards had ignored the warnings",
            "The inquiry",
            "found",
        ),
        # evaluation: the object, or the object of "for"
        (
            "Senator Paul Grant praised the new trade agreement with Canada.",
            ("Paul Grant",),
            "the new trade agreement with Canada",
            "Senator Paul Grant",
            "praised",
        ),
        (
            "The opposition called for an independent inquiry into the fire.",
            (),
            "an independent inquiry into the fire",
            "The opposition",
            "called",
        ),
    ],
)
def test_stance_cues(
    text: str, names: tuple[str, ...], content: str, speaker: str, cue: str
) -> None:
    assert (content, speaker, cue) in attributions(text, names)


@pytest.mark.parametrize(
    "text",
    [
        "It seems that the road will stay closed.",  # no source: the writer's view
        "The report that polls show a tie was wrong, the editor said.",  # nested stance
    ],
)
def test_no_stance_without_a_main_clause_source(text: str) -> None:
    found = attributions(text)
    assert all(cue in (None, "said", "says") or who is None for _, who, cue in found)


def test_stance_inside_reported_speech_is_not_a_second_attribution() -> None:
    text = "The minister said that voters want lower taxes and better roads."
    found = attributions(text)
    assert [c for _, _, c in found] == ["said"]


def test_headline_colon() -> None:
    text = "Ali Rezaei: Bridge Will Be Rebuilt Before Winter\n\nThe rest of the story."
    found = attributions(text, ("Ali Rezaei",))
    assert ("Bridge Will Be Rebuilt Before Winter", "Ali Rezaei", ":") in found


def test_headline_colon_needs_a_named_mention() -> None:
    text = "Update: Bridge Will Be Rebuilt Before Winter\n\nThe rest of the story."
    assert attributions(text) == []


def test_mask_maps_offsets_back() -> None:
    text = 'He said: "We will rebuild the bridge before the winter comes." Then he left.'
    quoted = find_quoted(text)
    masked, _pieces = mask_quotes(text, 0, len(text), quoted)
    assert STAND_IN in masked and "bridge" not in masked
    found = attributions(text)
    assert ("We will rebuild the bridge before the winter comes.", "He", "said") in found


def test_cue_inside_a_quotation_alone_is_not_parsed() -> None:
    text = '"We said that we would never give up on this town."'
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "The governor touted the new jobs report.",
            "the new jobs report",
            "The governor",
            "touted",
        ),
        (
            "The company reiterated that the plant would stay open.",
            "that the plant would stay open",
            "The company",
            "reiterated",
        ),
        (
            "Critics portrayed the deal as a giveaway.",
            "the deal as a giveaway",
            "Critics",
            "portrayed",
        ),
    ],
)
def test_cue_verbs_chosen_on_train(text: str, content: str, speaker: str, cue: str) -> None:
    assert (content, speaker, cue) in attributions(text)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Local farmers were worried that the river would flood again.",
            "that the river would flood again",
            "Local farmers",
            "worried",
        ),
        (
            "The senator was critical of the new tariffs.",
            "the new tariffs",
            "The senator",
            "critical",
        ),
    ],
)
def test_stance_adjectives(text: str, content: str, speaker: str, cue: str) -> None:
    from according.attribution.grammar import find_attributions
    from according.attribution.parse import parse_sentences, split_sentences

    # adjectives never select a sentence for the parser; read them in a parsed one
    parsed = parse_sentences(text, split_sentences(text))
    found = [
        (text[a.content[0] : a.content[1]], text[a.speaker[0] : a.speaker[1]], a.cue_word)
        for a in find_attributions(text, parsed)
        if a.speaker
    ]
    assert (content, speaker, cue) in found
