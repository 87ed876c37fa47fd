"""The event classifier and its PLOVER/ACLED mapping on sentences written for these tests."""

from __future__ import annotations

import pytest

from according.events.classify import LABELS, classify, explain
from according.events.extract import detect
from according.events.mapping import KINDS, kind_of, mapping_table, protest_mode
from according.events.status import status_of

CASES = [
    ("Police arrested 14 opposition activists in the capital on Tuesday.", "ARREST"),
    (
        "Thousands of teachers rallied peacefully outside parliament demanding higher pay.",
        "PEACE_PROTEST",
    ),
    ("Rioters torched cars and hurled stones at shops after the verdict.", "VIOL_DEMONSTR"),
    (
        "Police fired tear gas to disperse hundreds of protesters who gathered in the square.",
        "PROTEST_WITH_INTER",
    ),
    (
        "Security forces opened fire on peaceful protesters, killing six people.",
        "FORCE_AGAINST_PROTEST",
    ),
    (
        "Government troops clashed with rebels near the border town, leaving ten fighters dead.",
        "ARMED_CLASH",
    ),
    ("Warplanes carried out airstrikes on the village, killing four civilians.", "AIR_STRIKE"),
    ("A suicide bomber blew himself up at a checkpoint in the city.", "SUIC_BOMB"),
    ("A roadside bomb exploded as a police vehicle passed, wounding two officers.", "REM_EXPLOS"),
    ("Militants fired mortar shells at the military base overnight.", "ART_MISS_ATTACK"),
    ("Unidentified gunmen shot dead a village chief and his son.", "ATTACK"),
    ("Gunmen abducted three aid workers on the road to the camp.", "ABDUCT_DISSAP"),
    ("The two sides signed a ceasefire agreement in the capital on Sunday.", "AGREEMENT"),
    (
        "The army recaptured the town from the militants after a week of fighting.",
        "GOV_REGAINS_TERIT",
    ),
    ("Turkish forces set up a new observation post in the province.", "HQ_ESTABLISHED"),
    (
        "A magnitude 6.1 earthquake struck the region, destroying hundreds of homes.",
        "NATURAL_DISASTER",
    ),
    ("A man threw a grenade into the crowded market.", "GRENADE"),
    ("Soldiers defused an explosive device found near the bridge.", "DISR_WEAP"),
    ("Islamic State claimed responsibility for the bombing.", "ATTRIB"),
    ("Police said two men robbed a bank and stole cash from the vault.", "ORG_CRIME"),
    # ACLED distinctions added for issue 6 (sentences written for these tests)
    (
        "Police arrested three men and seized heroin and counterfeit banknotes in the port.",
        "ORG_CRIME",
    ),
    ("Police arrested three opposition activists accused of fraud.", "ARREST"),
    ("Riot police beat an anti-austerity protester outside the ministry.", "FORCE_AGAINST_PROTEST"),
    ("Rifles, pistols and 300 rounds of ammunition were seized at a farm on Friday.", "DISR_WEAP"),
    ("Insurgents raided an army outpost near the river, killing four soldiers.", "ARMED_CLASH"),
    ("Rebel fighters entered the town at dawn and met no resistance.", "NON_VIOL_TERRIT_TRANSFER"),
    ("Forty rebels surrendered to government forces near the border.", "AGREEMENT"),
    ("A gas leak at a chemical factory left two workers dead.", "MAN_MADE_DISASTER"),
    ("The government announced sanctions and expelled two diplomats over corruption.", "DIPLO"),
    ("Two attackers detonated explosives, killing themselves at the gate.", "SUIC_BOMB"),
]


@pytest.mark.parametrize(("text", "label"), CASES)
def test_classify_real_sentences(text: str, label: str) -> None:
    got, score = classify(text)
    assert got == label, explain(text)
    assert 0 < score <= 1


def test_no_cue_is_other_with_zero_confidence() -> None:
    assert classify("The weather was mild and the markets opened on time.") == ("OTHER", 0.0)


def test_every_label_maps_and_table_covers_all() -> None:
    assert set(LABELS) == set(KINDS)
    assert len(LABELS) == 30
    assert {row[0] for row in mapping_table()} == set(LABELS)
    assert kind_of("ARREST").category == "COERCE" and kind_of("ARREST").mode == "arrest"
    assert kind_of("AIR_STRIKE").sub_event_type == "Air/drone strike"
    assert kind_of("NATURAL_DISASTER").category is None


@pytest.mark.parametrize(
    ("trigger", "mode"),
    [
        ("hunger strike", "hunger"),
        ("general strike", "strike"),
        ("boycott", "boycott"),
        ("rally", "demo"),
    ],
)
def test_protest_modes(trigger: str, mode: str) -> None:
    assert protest_mode(trigger, "demo") == mode


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("The Free Iran summit will be held on July 17 in Paris.", "summit", "planned"),
        ("The interior ministry denied that any protesters were arrested.", "arrested", "denied"),
        ("If the workers strike again, the factory would close.", "strike", "hypothetical"),
        (
            "Do not allow your protests to be viewed as protests against the system.",
            "protests",
            "hypothetical",
        ),
        ("The agency said police arrested twelve students on Monday.", "arrested", "claimed"),
        ("Police arrested twelve students on Monday.", "arrested", "reported"),
    ],
)
def test_status(sentence: str, trigger: str, status: str) -> None:
    start = sentence.index(trigger)
    assert status_of(sentence, start, start + len(trigger), in_quote=False) == status


def test_status_in_quote_is_claimed() -> None:
    sentence = "Police arrested twelve students on Monday."
    assert status_of(sentence, 7, 15, in_quote=True) == "claimed"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Leaders met with the envoy at a summit in Geneva.", "CONSULT"),
        ("The minister threatened to close the border.", "THREATEN"),
        ("Police arrested 14 activists in the capital.", "COERCE"),
    ],
)
def test_detect_categories(sentence: str, category: str) -> None:
    det = detect(sentence)
    assert det is not None and det.category == category


def test_detect_ignores_weak_mentions() -> None:
    assert detect("The soldiers returned home for the holidays.") is None
