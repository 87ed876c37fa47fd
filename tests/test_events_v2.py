"""The v2 events stage: rule data integrity, ACLED precedence, arguments from the parse,
episodes, and whole records from real-looking reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from according.errors import RulesError
from according.events.facts import decide, fact_rules, find_facts
from according.events.lexicon import OTHER_RULE_DIRS, RULES_DIR, rules_hash


def _facts(text: str) -> set[str]:
    return {h.fact for h in find_facts(text)}


# --- the data file: every pattern fires in its example, every rule decides its example


@pytest.mark.parametrize("entry", fact_rules().patterns, ids=lambda p: f"{p.fact}:{p.example[:30]}")
def test_every_fact_pattern_fires_in_its_example(entry) -> None:
    assert entry.pattern.search(entry.example), (entry.fact, entry.example)


@pytest.mark.parametrize("rule", fact_rules().rules, ids=lambda r: f"{r.label}:{r.example[:30]}")
def test_every_rule_decides_its_example(rule) -> None:
    assert decide(_facts(rule.example)) == rule.label


def test_a_broken_rules_file_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text("facts:\n  kill:\n    - pattern: 'kill(ed'\n      example: x\n")
    with pytest.raises(RulesError) as err:
        fact_rules(str(bad))
    assert "facts.kill[0]" in str(err.value) and "[A201]" in str(err.value)
    bad.write_text("facts:\n  kill:\n    - pattern: 'killed'\n")
    with pytest.raises(RulesError, match="no example"):
        fact_rules(str(bad))
    bad.write_text(
        "facts:\n  kill:\n    - pattern: 'killed'\n      example: they killed\n"
        "rules:\n  - label: ATTACK\n    all: [kiled]\n    example: they killed\n"
    )
    with pytest.raises(RulesError, match="unknown facts"):
        fact_rules(str(bad))


def test_rules_hash_covers_the_facts_file(tmp_path) -> None:
    copy = tmp_path / "events"
    shutil.copytree(RULES_DIR, copy)
    for folder in OTHER_RULE_DIRS:
        shutil.copytree(RULES_DIR.parent / folder, tmp_path / folder)
    before = rules_hash(copy)
    assert before == rules_hash(copy) == rules_hash()
    (copy / "facts.yaml").write_text((copy / "facts.yaml").read_text() + "\n# one more line\n")
    assert rules_hash(copy) != before


def test_the_pipeline_stamp_carries_the_rules_hash(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.stamp.rules_hash == rules_hash()
    assert "according.events.v2" in pipeline.stamp.stages


# --- ACLED's precedence, on sentences written for these tests


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Hundreds of nurses marched through the city centre demanding higher pay.",
            "PEACE_PROTEST",
        ),
        ("Residents protested against the arrest of their imam.", "PEACE_PROTEST"),
        (
            "Protesters gathered in the square; police fired tear gas to disperse them.",
            "PROTEST_WITH_INTER",
        ),
        ("Demonstrators hurled stones at police and set fire to a bus.", "VIOL_DEMONSTR"),
        ("Soldiers opened fire on demonstrators, killing three of them.", "FORCE_AGAINST_PROTEST"),
        ("A mob lynched a man accused of stealing a goat.", "MOB_VIOL"),
        ("Rebels shelled the army barracks with mortars overnight.", "ART_MISS_ATTACK"),
        ("A drone strike hit a vehicle carrying two commanders.", "AIR_STRIKE"),
        ("A roadside bomb struck a police truck, wounding four officers.", "REM_EXPLOS"),
        ("Gunmen shot dead a trader in the market.", "ATTACK"),
        ("Troops and militants exchanged fire for two hours near the border.", "ARMED_CLASH"),
        ("Unknown men kidnapped a priest on his way home.", "ABDUCT_DISSAP"),
        ("Police arrested the opposition leader at his home.", "ARREST"),
        ("Engineers defused a bomb found under the bridge.", "DISR_WEAP"),
    ],
)
def test_acled_precedence(text: str, label: str) -> None:
    assert decide(_facts(text)) == label


def test_what_a_protest_is_about_is_not_what_happened() -> None:
    facts = _facts("Journalists protested against the killing of a colleague by gunmen.")
    assert "protest" in facts and "kill" not in facts


# --- whole records through the pipeline


def _events(text: str, page_date: str = "2021-03-05"):
    import according

    return according.read(text, page_date=page_date).events


def test_attack_with_passive_victim_and_agent() -> None:
    (event,) = _events(
        "On 3 March 2021, a farmer was shot to death by two armed men near Maiduguri, Nigeria."
    )
    assert event.acled.sub_event_type == "Attack"
    assert event.when.start == "2021-03-03"
    assert event.fatalities == 1
    assert "armed men" in event.actors[0].text
    assert event.actors[0].acled_name == "Unidentified Armed Group (Nigeria)"
    assert any(t.acled_name == "Civilians (Nigeria)" for t in event.targets)


def test_deaths_told_in_the_next_sentence_belong_to_the_event() -> None:
    events = _events(
        "On Tuesday, militants ambushed an army patrol near Gao, Mali. "
        "Four soldiers were killed and two others were wounded."
    )
    acled = [e for e in events if e.acled]
    assert len(acled) == 1
    event = acled[0]
    assert event.acled.sub_event_type == "Armed clash"
    assert event.fatalities == 4
    assert event.when.start == "2021-03-02"  # the Tuesday before the page date
    assert [c.value for c in event.counts if c.kind == "injured"] == [2]


def test_protest_actor_is_protesters_and_police_intervene() -> None:
    (event,) = [
        e
        for e in _events(
            "On 4 March 2021, students marched in Nairobi, Kenya, demanding lower fees. "
            "Police fired tear gas to disperse them."
        )
        if e.acled
    ]
    assert event.acled.sub_event_type == "Protest with intervention"
    assert event.actors[0].acled_name == "Protesters (Kenya)"
    assert event.actors[0].inter == 6
    assert event.targets and event.targets[0].acled_name == "Police Forces of Kenya"
    assert event.targets[0].inter == 1


def test_two_days_two_events_and_no_casualties_is_zero() -> None:
    events = [
        e
        for e in _events(
            "On 1 March 2021, rebels attacked a military post in Kidal, Mali. "
            "No casualties were reported. "
            "On 3 March 2021, a mob burned a police station in Gao, Mali."
        )
        if e.acled
    ]
    assert [e.when.start for e in events] == ["2021-03-01", "2021-03-03"]
    assert events[0].fatalities == 0
    assert events[1].acled.event_type == "Riots"


def test_actor_country_is_the_one_most_places_are_in() -> None:
    from according.events.record import _country
    from according.records import Place

    def place(name: str, country: str) -> Place:
        return Place(text=name, name=name, country=country)

    towns = [place("Ayn Zarah", "LY"), place("Tripoli", "LB"), place("Misrata", "LY")]
    assert _country(towns, None) == "LY"
    # a tie goes to the report's own country, else to the first place
    assert _country([place("Rio Claro", "BR"), place("Lara", "VE")], "VE") == "VE"
    assert _country([place("Rio Claro", "BR"), place("Lara", "VE")], None) == "BR"
    assert _country([], "KE") == "KE"


# --- event words added from issue 13's error analysis (sentences written for the test)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Youths barricaded roads with burning tyres in the township, demanding water.",
            "VIOL_DEMONSTR",
        ),
        (
            "Traders burned tyres outside the market to demand the reopening of stalls.",
            "VIOL_DEMONSTR",
        ),
        ("Nurses gathered at the clinic to demonstrate against unpaid wages.", "PEACE_PROTEST"),
        ("A mortar shell landed in the courtyard of the school.", "ART_MISS_ATTACK"),
        ("The air force targeted a fuel convoy outside the town.", "AIR_STRIKE"),
        ("Fighters dropped two grenades from a drone on army trenches.", "AIR_STRIKE"),
        ("Unidentified arsonists set fire to a delivery van overnight.", "PROPERTY_DISTRUCT"),
        ("Settlers cut down dozens of old olive trees in the valley.", "PROPERTY_DISTRUCT"),
        ("A body with signs of torture was left by the roadside.", "ATTACK"),
        (
            "Party supporters were assaulted by unknown men in a politically motivated attack.",
            "ATTACK",
        ),
    ],
)
def test_event_words_from_the_acled_error_analysis(text: str, label: str) -> None:
    assert decide(_facts(text)) == label, _facts(text)


def test_shell_the_company_is_no_shelling() -> None:
    assert "shelling" not in _facts("Shell reported higher profits from its refineries.")
