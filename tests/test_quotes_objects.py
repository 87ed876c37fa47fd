"""Speech verbs without a clause (their object, infinitive or prepositional object is
what they attribute) and medial cues, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import attributions, pipeline_of


@pytest.mark.parametrize(
    ("text", "names", "content", "speaker", "cue"),
    [
        (
            "Senator Ruth Keller accused the governor of hiding the audit.",
            ("Ruth Keller",),
            "the governor of hiding the audit",
            "Senator Ruth Keller",
            "accused",
        ),
        (
            "The mayor described the new stadium as a waste of money.",
            (),
            "the new stadium as a waste of money",
            "The mayor",
            "described",
        ),
        (
            "Union leaders criticized the pension plan for its hidden costs.",
            (),
            "the pension plan for its hidden costs",
            "Union leaders",
            "criticized",
        ),
        (
            "Reporters asked about the missing ballots.",
            (),
            "the missing ballots",
            "Reporters",
            "asked",
        ),
        (
            "The coach asked the players to stay calm.",
            (),
            "the players to stay calm",
            "The coach",
            "asked",
        ),
        (
            "The company announced record profits for the quarter.",
            (),
            "record profits for the quarter",
            "The company",
            "announced",
        ),
        (
            "Mr. Dale Porter responded to the falling crime figures.",
            ("Dale Porter",),
            "the falling crime figures",
            "Dale Porter",
            "responded",
        ),
    ],
)
def test_speech_verb_object_is_content(
    text: str, names: tuple[str, ...], content: str, speaker: str, cue: str
) -> None:
    assert (content, speaker, cue) in attributions(text, names)


@pytest.mark.parametrize(
    "text",
    [
        # the person addressed, a time, the medium: not what was said
        "The minister told reporters nothing new.",
        "The minister spoke to reporters on Sunday.",
        "The senator posted on Twitter late at night.",
        # no speaker, nothing attributed
        "Criticized for years, the bridge finally closed.",
    ],
)
def test_addressee_time_and_medium_are_not_content(text: str) -> None:
    assert attributions(text) == []


def test_medial_cue_takes_both_sides() -> None:
    text = "If the vote is close, the campaign said, it will go to court."
    assert attributions(text) == [(text[:-1], "the campaign", "said")]


def test_medial_cue_text_leaves_out_the_cue() -> None:
    from according.readers.source import SourceDocument

    text = "The new bridge, the engineers said, will open in the spring."
    pipeline = pipeline_of("according.entities.v1", "according.quotes.v1")
    (quote,) = pipeline(SourceDocument(text=text, origin="test")).quotes
    assert quote.span.text == text[:-1]
    assert quote.text == "The new bridge will open in the spring"
    assert not quote.direct
    assert quote.speaker is not None and quote.speaker.text == "the engineers"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # base and -s forms select their sentence too, not only past and -ing forms
        ("New polls show that the race is tied.", "that the race is tied", "New polls", "show"),
        ("Senator Hall calls the plan a disaster.", "the plan a disaster", "Senator Hall", "calls"),
        (
            "The two rivals insist the debate will go ahead.",
            "the debate will go ahead",
            "The two rivals",
            "insist",
        ),
        (
            "The senator pointed to the falling crime figures.",
            "the falling crime figures",
            "The senator",
            "pointed",
        ),
    ],
)
def test_every_verb_form_is_read(text: str, content: str, speaker: str, cue: str) -> None:
    assert (content, speaker, cue) in attributions(text)


@pytest.mark.parametrize(
    "text",
    [
        # a base or -s form after a determiner or preposition is a noun
        "The calls for a recount grew louder in the evening.",
        "Thousands marched in support of the workers.",
        # forms news mostly writes as nouns do not select a sentence on their own
        "The state passed a budget in June.",
    ],
)
def test_noun_forms_select_nothing(text: str) -> None:
    from according.attribution import cue_sentences, split_sentences

    assert cue_sentences(text, split_sentences(text)) == []


def test_capitalised_opening_participle() -> None:
    text = "Asked about the delay, the mayor said the budget was tight."
    found = attributions(text)
    # "Asked": what was asked, by no one named; the mayor answers
    assert ("the delay", None, "asked") in found
    assert ("the budget was tight", "the mayor", "said") in found
