"""Casualty counts: the data file's examples, a table of constructions, and linear time.

Every sentence here was written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from according.events.casualties import KINDS, Casualty, casualties, fatalities, load_data, toll


def _examples() -> list[tuple[str, dict[str, Any]]]:
    """Every example sentence of the data file, named by where it sits."""
    data = load_data()
    found: list[tuple[str, dict[str, Any]]] = []

    def add(where: str, examples: list[dict[str, Any]]) -> None:
        found.extend((f"{where}[{i}]", example) for i, example in enumerate(examples))

    add("numbers", data["numbers"]["examples"])
    add("persons", data["persons"]["examples"])
    for kind in KINDS:
        add(f"kinds.{kind}", data["kinds"][kind]["examples"])
    for template in data["templates"]:
        add(f"templates.{template['name']}", template["examples"])
    add("zero", data["zero"]["examples"])
    add("background", data["background_examples"])
    add("uncertain", data["uncertain_examples"])
    return found


def test_every_class_and_template_has_examples() -> None:
    data = load_data()
    assert all(t.get("examples") for t in data["templates"])
    assert all(data["kinds"][k].get("examples") for k in KINDS)
    for section in ("numbers", "persons", "zero"):
        assert data[section]["examples"], section
    for where, example in _examples():
        assert set(example) <= {"text", "bound", *KINDS}, where
    names = [t["name"] for t in data["templates"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("where", "example"), _examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_data_file_examples(where: str, example: dict[str, Any]) -> None:
    text = example["text"]
    checked = [k for k in KINDS if k in example]
    assert checked, f"{where}: example says nothing to check"
    for kind in checked:
        got = toll(text, kind)
        want = example[kind]
        assert (got.value if got else None) == want, f"{where}: {kind} of {text!r}: {got}"
    if "bound" in example:
        got = fatalities(text)
        assert got is not None and got.bound == example["bound"], f"{where}: {got}"


TABLE = [
    # sentence, kind, value, bound
    ("Four LNA soldiers were killed when their post was shelled.", "fatalities", 4, "exact"),
    ("The drone hit a pickup truck, killing five.", "fatalities", 5, "exact"),
    ("5 people were killed and several houses burned.", "fatalities", 5, "exact"),
    ("Soldiers shot dead two men at the roadblock.", "fatalities", 2, "exact"),
    ("The roadside bomb left 3 dead.", "fatalities", 3, "exact"),
    ("The collapse claimed the lives of 12 miners.", "fatalities", 12, "exact"),
    ("Nine were killed on Sunday; the death toll rose to 14 on Monday.", "fatalities", 14, "exact"),
    ("Two journalists were found dead in their car.", "fatalities", 2, "exact"),
    ("Villagers recovered the bodies of 3 herders.", "fatalities", 3, "exact"),
    ("A corporal died of his wounds two days later.", "fatalities", 1, "exact"),
    ("A man was shot to death outside a bakery.", "fatalities", 1, "exact"),
    ("Gunmen on motorbikes killed a civilian near the market.", "fatalities", 1, "exact"),
    ("The rebels killed two soldiers and five militiamen.", "fatalities", 7, "exact"),
    ("Two soldiers and five militiamen were killed in the ambush.", "fatalities", 7, "exact"),
    ("An explosion ripped through the bus, killing 3 and injuring 4.", "fatalities", 3, "exact"),
    ("An explosion ripped through the bus, killing 3 and injuring 4.", "injured", 4, "exact"),
    ("At least 10 killed as militants storm a village.", "fatalities", 10, "lower"),
    ("Dozens killed in overnight raids on the camps.", "fatalities", 12, "lower"),
    ("A soldier was killed and two were wounded at the checkpoint.", "fatalities", 1, "exact"),
    ("One of the attackers was killed by the guards.", "fatalities", 1, "exact"),
    ("Two guards died and one of the attackers was killed.", "fatalities", 3, "exact"),
    ("Eleven people were killed, including 2 children.", "fatalities", 11, "exact"),
    ("Shells fell on farmland east of the town. No casualties reported.", "fatalities", 0, "exact"),
    ("There were no injuries or fatalities.", "fatalities", 0, "exact"),
    ("Six guards were wounded in the attack.", "injured", 6, "exact"),
    ("Three bystanders were hurt by flying glass.", "injured", 3, "exact"),
    ("Police arrested 12 people after the clashes.", "arrested", 12, "exact"),
    ("Four students were detained at the gate.", "arrested", 4, "exact"),
    ("Eight strikers were taken into custody.", "arrested", 8, "exact"),
    ("Armed men abducted a priest from his parish.", "abducted", 1, "exact"),
    ("Seven pupils were kidnapped from their school.", "abducted", 7, "exact"),
    ("Three gunmen killed 2 soldiers at a checkpoint.", "fatalities", 2, "exact"),
    ("Two suicide bombers killed at least 9 people at a market.", "fatalities", 9, "lower"),
    ("A bomb at a bus station in the north killed at least 7 people.", "fatalities", 7, "lower"),
    ("Twelve guards (all reservists) and a driver were abducted.", "abducted", 13, "exact"),
    ("A 25-year-old man was killed by a stray bullet.", "fatalities", 1, "exact"),
    ("Troops killed 4 rebels and destroyed 3 vehicles and 2 houses.", "fatalities", 4, "exact"),
    ("Around 40 militants were killed in the air strikes.", "fatalities", 40, "approx"),
    ("Up to 30 people died in the fighting.", "fatalities", 30, "upper"),
    (
        "The ambush killed 2 soldiers. Later, 3 more soldiers died of their wounds.",
        "fatalities",
        5,
        "exact",
    ),
    ("Between 8 and 10 civilians were killed.", "fatalities", 8, "lower"),
    ("Police said 20-25 protesters were injured.", "injured", 20, "lower"),
    ("Unknown gunmen shot and killed a teacher and his wife.", "fatalities", 2, "exact"),
    (
        "Five soldiers killed in ambush. Five soldiers were killed when rebels attacked.",
        "fatalities",
        5,
        "exact",
    ),
    ("Seven killed in blast. Seven traders were killed when a bomb hit.", "fatalities", 7, "exact"),
    (
        "Two guards were killed at the gate. Two other guards were killed later.",
        "fatalities",
        4,
        "exact",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "value", "bound"), TABLE)
def test_constructions(sentence: str, kind: str, value: int, bound: str) -> None:
    got = toll(sentence, kind)
    assert got is not None, sentence
    assert (got.value, got.bound) == (value, bound), got


NOT_CASUALTIES = [
    "On 2 May 2020, hundreds of protesters marched to the ministry. [size=around 50]",
    "A 25-year-old student addressed the crowd of 300 people.",
    "Militants fired 12 rockets and 40 mortar shells at the base.",
    "The army seized 20 rifles and 3 vehicles.",
    "About 150 houses were burned in the attack.",
    "Rioters burned 15 cars and 4 shops.",
]


@pytest.mark.parametrize("sentence", NOT_CASUALTIES)
def test_numbers_that_are_not_casualties(sentence: str) -> None:
    assert casualties(sentence) == []
    assert fatalities(sentence) is None


def test_offsets_and_stretch() -> None:
    text = "Rain fell. Gunmen killed 3 farmers. Police arrested 2 suspects."
    found = casualties(text, start=11)
    assert [(c.kind, c.value) for c in found] == [("fatalities", 3), ("arrested", 2)]
    for c in found:
        assert text[c.start : c.end] == c.text
    assert fatalities(text, 0, 10) is None
    assert fatalities(text, 11, 35) == Casualty("fatalities", 3, "exact", 25, 34, "3 farmers")


FILLER = [
    "The ministry said the talks would resume in the capital next week.",
    "Opposition leaders called for an independent inquiry into the tender.",
    "Prices of bread and fuel have doubled since the start of the year.",
    "The governor met tribal elders on Sunday to discuss the water dispute.",
]


def _timed(text: str) -> tuple[float, int]:
    """Seconds to read a text never read before (results are cached per stretch)."""
    began = time.perf_counter()
    found = casualties(text)
    return time.perf_counter() - began, len(found)


@pytest.mark.slow  # 200k characters, read twice
def test_linear_time_on_a_long_text() -> None:
    """200k characters of news-like text (a casualty sentence in every other one): twice
    the text takes about twice the time, not four times. No absolute bound: the machine
    may be shared (speed itself is measured by benchmarks/)."""
    sentences = [sentence for sentence, *_ in TABLE] + NOT_CASUALTIES
    mixed = [s for pair in zip(sentences, FILLER * len(sentences), strict=False) for s in pair]
    paragraph = " ".join(mixed)
    text = ((paragraph + " ") * (200_000 // len(paragraph) + 1))[:200_000]
    fatalities(text[:1000])  # build the matcher outside the timing
    (whole, found), (half, _) = _timed(text), _timed(text[:100_000])
    assert found > 1000
    assert whole < 3 * half + 0.05, (whole, half)
    # A text built to make a backtracking grammar explode costs no more than real text.
    pathological = "killed " + "a " * 50_000 + "killed " + "1, " * 30_000 + "the " * 20_000
    assert _timed(pathological)[0] < max(1.0, 2 * whole)
