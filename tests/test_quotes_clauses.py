"""Cues outside the main clause ("and plans to", "..., hoping to", "who opposes"), the
subject they share, relative-pronoun speakers and passives with an agent, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import attributions, pipeline_of


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # conjoined verb: the subject is shared
        (
            "The governor cut the budget and wants to sell the old airport.",
            "to sell the old airport",
            "The governor",
            "wants",
        ),
        # adverbial participle: "..., hoping to"
        (
            "The senator flew to Iowa on Monday, hoping to win the caucus.",
            "to win the caucus",
            "The senator",
            "hoping",
        ),
        # "by" + gerund
        (
            "The union ended the strike by praising the new offer.",
            "the new offer",
            "The union",
            "praising",
        ),
        # (not "arrested X for backing": that alleges a stance, it is not X's; issue 14,
        # tests/test_speakers_can_speak.py)
        # infinitive: "voted to oppose"
        (
            "The council voted to oppose the harbour plan.",
            "the harbour plan",
            "The council",
            "oppose",
        ),
        # relative clause: the relative pronoun is the source PolNeAR marks
        (
            "The mayor met Ana Ruiz, who opposes the new stadium.",
            "the new stadium",
            "who",
            "opposes",
        ),
        # passive with an agent: the agent speaks, the subject is what it is about
        (
            "The new tax was criticized by the farmers' union.",
            "The new tax",
            "the farmers' union",
            "criticized",
        ),
    ],
)
def test_cue_outside_main_clause(text: str, content: str, speaker: str, cue: str) -> None:
    assert (content, speaker, cue) in attributions(text)


def test_relative_pronoun_speaker_is_named_after_its_noun() -> None:
    from according.readers.source import SourceDocument

    text = "Voters cheered for Senator Maria Lopez, who opposes the new pipeline."
    pipeline = pipeline_of("according.entities.v1", "according.quotes.v1")
    quotes = pipeline(SourceDocument(text=text, origin="test")).quotes
    (quote,) = [q for q in quotes if q.cue == "opposes"]
    assert quote.text == "the new pipeline"
    assert quote.speaker is not None
    assert quote.speaker.text == "who"
    assert "Maria Lopez" in quote.speaker.name
    assert quote.source[-1].name == quote.speaker.name


@pytest.mark.parametrize(
    "text",
    [
        # a stance inside a complement clause is someone else's view
        "It is clear that the minister wants a second term.",
        # a participle modifying a thing holds no stance
        "The ads calling the deal a mistake ran for a week.",
        # no one holds "it shows"
        "It shows how little time is left.",
    ],
)
def test_embedded_stance_without_holder_is_left_out(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # "seem/appear": the whole clause, no one cited but the writer
        (
            "The race seemed to be tightening in Ohio.",
            "The race seemed to be tightening in Ohio",
            None,
            "seemed",
        ),
        # ... unless the complement is a cue of its own
        ("Obama seemed to recognize the danger.", "the danger", "Obama", "recognize"),
        # an adjective between subject and cue: "were more likely to say"
        (
            "Young voters were more likely to say the economy was weak.",
            "the economy was weak",
            "Young voters",
            "say",
        ),
        # a counted group speaks
        (
            "Only one in five voters said the plan was fair.",
            "the plan was fair",
            "Only one in five voters",
            "said",
        ),
    ],
)
def test_appearance_and_subjects(text: str, content: str, speaker: str | None, cue: str) -> None:
    found = attributions(text)
    assert (content, speaker, cue) in found, found
    if cue != "seemed":
        assert not [f for f in found if f[2] in ("seemed", "seems")]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a cue noun after a light verb: the verb's subject is the source
        (
            "The mayor issued a call for an independent inquiry and praised the builders.",
            "an independent inquiry",
            "The mayor",
            "call",
        ),
        # a cue noun with a that-clause: its possessor is the source
        (
            "Her claim that the vote was rigged has angered many voters, who want a recount.",
            "that the vote was rigged",
            "Her",
            "claim",
        ),
    ],
)
def test_cue_nouns(text: str, content: str, speaker: str, cue: str) -> None:
    found = attributions(text)
    assert (content, speaker, cue) in found, found


def test_possessive_noun_phrase_is_not_read_on_its_own() -> None:
    # "his comments about X" is what "defended" attributes, not an attribution itself
    text = "The governor defended his comments about the judge."
    found = attributions(text)
    assert ("his comments about the judge", "The governor", "defended") in found
    assert not [f for f in found if f[2] == "comments"]


def test_counted_speaker_keeps_its_of_phrase() -> None:
    import spacy
    from spacy.tokens import Doc

    from according.attribution.spans import np_span

    words = ["Three", "in", "10", "said", "no"]
    deps = ["nsubj", "prep", "pobj", "ROOT", "dobj"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[3, 0, 1, 3, 3], deps=deps)
    start, end = np_span(doc[0])
    assert doc.text[start:end] == "Three in 10"
