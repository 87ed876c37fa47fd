"""A speaker is someone who can speak: not a count, an abstract noun, a cut-off name,
or a group an arrest report says supported someone. Sentences written for these tests,
and each example of according/data/attribution/speakers.yaml."""

from __future__ import annotations

import pytest

from according.attribution.speaker_rules import speaker_words
from according.errors import RulesError
from tests.conftest import attributions

ENTRIES = speaker_words().entries


def _speakers(text: str) -> list[str | None]:
    return [speaker for _, speaker, _ in attributions(text)]


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e.section == "quantities"],
    ids=lambda e: e.word,
)
def test_a_count_is_never_the_speaker_the_counted_people_are(entry):
    found = attributions(entry.example)
    assert found, entry.example
    for _, speaker, _ in found:
        assert speaker is not None and entry.word not in speaker.lower()
        # the people counted: the noun after "of" ("farmers", "young Iraqis", "workers")
        assert speaker in entry.example.split(" of ", 1)[1].split(",")[0]


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e.section == "abstract"], ids=lambda e: e.word
)
def test_an_abstract_noun_is_never_a_speaker(entry):
    for speaker in _speakers(entry.example):
        assert speaker is None or entry.word not in speaker.lower().split()


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e.section == "imposed"], ids=lambda e: e.word
)
def test_a_stance_alleged_by_an_arrest_or_charge_is_not_the_objects(entry):
    for content, speaker, cue in attributions(entry.example):
        # nothing is attributed to the people arrested, charged or kept from it
        assert not (cue and cue.startswith(("support", "back"))), (content, speaker, cue)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("The three had reported on the protests that followed the election.", "three"),
        ("Thousands marched through the capital, demanding new elections.", "Thousands"),
        ("A glance at some remarks of the officials confirms the group's influence.", "glance"),
        ("Reports and footage from Iran indicate the units are growing.", "Reports"),
        ("The most recent remarks, confirming the party's role, belong to the leader.", "remarks"),
    ],
)
def test_sentences_whose_subject_cannot_speak(text, refused):
    for content, speaker, _ in attributions(text):
        assert speaker is None or refused.lower() not in speaker.lower()
        # and the object after the cue is the content, never taken for the speaker
        assert speaker is None or speaker not in content


def test_a_share_of_a_group_still_speaks():
    (found,) = attributions("Three in 10 voters said the economy was their main worry.")
    assert found[1] is not None and found[1].startswith("Three")


ARREST = (
    "The regime has recently arrested two elite students for allegedly supporting the MEK, "
    "along with 18 others, who were identified by the MEK on May 5."
)
CROWD = (
    "Hundreds of farmers gathered at the Khaju bridge in Isfahan on Friday, demanding a "
    "share of the water of the Zayandeh Rud river."
)


def test_the_pipeline_names_no_quantity_and_gives_no_count_to_its_subject(pipeline):
    from according.readers.source import SourceDocument

    report = pipeline(SourceDocument(text=ARREST + "\n\n" + CROWD + "\n", origin="<test>"))
    speakers = [q.speaker.name for q in report.quotes if q.speaker is not None]
    assert speakers == ["farmers"]
    assert not any(q.cue and q.cue.startswith("support") for q in report.quotes)
    by_text = {c.text: [h.name for h in c.source] for c in report.claims}
    # counts are the report's own: not the students', not the farmers' about themselves
    assert by_text["two elite students"] == ["this report"]
    assert by_text["18 others"] == ["this report"]
    assert by_text["Hundreds of farmers"] == ["this report"]


def test_a_name_cut_after_of_is_completed(pipeline):
    from according.readers.source import SourceDocument

    text = (
        "The Venezuelan Observatory of Social Conflict said at least 13 people were killed "
        "during the day's unrest.\n"
    )
    report = pipeline(SourceDocument(text=text, origin="<test>"))
    names = {e.name for e in report.mentions.entities}
    assert not any(n.split()[-1] in ("of", "for", "and") for n in names), names
    (quote,) = report.quotes
    assert quote.speaker is not None
    assert quote.speaker.name == "Venezuelan Observatory of Social Conflict"
    (claim,) = report.claims
    assert claim.source[-1].name == "Venezuelan Observatory of Social Conflict"


def test_a_malformed_speaker_file_stops_with_a_rules_error(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text("quantities: []\nabstract: []\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        speaker_words(path)
    assert "sections" in str(err.value)
    path.write_text(
        "quantities:\n  - {word: hundreds}\nabstract: []\nimposed: []\n", encoding="utf-8"
    )
    with pytest.raises(RulesError) as err:
        speaker_words(path)
    assert "quantities[0]" in str(err.value) and "keys" in str(err.value)
