"""The event rules file (according/data/events/lexicon.yaml) checked entry by entry.

The rules are data, so nothing but these tests says that a pattern still matches what
its example says it matches, that every label is one the classifier and the mapping
know, and that the loader refuses a broken file instead of classifying with part of it.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from according.events import lexicon
from according.events.classify import LABELS
from according.events.lexicon import (
    CONTEXTS,
    LEXICON,
    LEXICON_PATH,
    OTHER_RULE_DIRS,
    PLOVER_CATEGORIES,
    PRIORITY,
    RULES_DIR,
    SAFE_LOADER,
    RulesError,
    load_rules,
    rules_hash,
)
from according.events.mapping import KINDS, PLOVER_TRIGGERS, plover_trigger, protest_mode

RULES = load_rules()

Change = Callable[[dict[str, Any]], object]


def _compiled(pattern: str, *, prefix: bool = False) -> re.Pattern[str]:
    """Compiled as classify and mapping compile them (written out here, not imported, so a
    change to the loader's compilation cannot hide a broken example)."""
    if prefix:
        return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


@pytest.mark.parametrize("entry", RULES.entries, ids=lambda e: e.where)
def test_example_fires_its_pattern(entry: lexicon.Entry) -> None:
    assert _compiled(entry.pattern, prefix=entry.prefix).search(entry.example), entry.example
    if entry.context is not None:
        context = _compiled(CONTEXTS[entry.context])
        assert context.search(entry.example), f"context {entry.context!r}: {entry.example}"


def test_every_pattern_has_an_entry_and_the_tables_match_the_file() -> None:
    sections = [e.section for e in RULES.entries]
    assert sections.count("contexts") == len(CONTEXTS)
    assert sections.count("cues") == sum(len(cues) for cues in LEXICON.values())
    assert sections.count("plover_triggers") == len(PLOVER_TRIGGERS)
    assert sections.count("protest_modes") == len(RULES.protest_modes)
    assert load_rules() is RULES  # read once


def test_labels_are_known_labels() -> None:
    assert len(PRIORITY) == len(set(PRIORITY))
    assert set(PRIORITY) == set(KINDS)  # the mapping gives every label a meaning
    assert set(LEXICON) == set(PRIORITY)
    assert tuple(sorted(PRIORITY)) == LABELS
    for cues in LEXICON.values():
        for _pattern, weight, context in cues:
            assert weight > 0
            assert context is None or context in CONTEXTS
    assert {category for category, _mode, _p in PLOVER_TRIGGERS} <= PLOVER_CATEGORIES


def test_plover_and_protest_mode_examples_pick_their_own_entry() -> None:
    """Checked in order, the first match wins: each example must reach its own entry."""
    for entry in RULES.entries:
        if entry.section == "plover_triggers":
            found = plover_trigger(entry.example)
            assert found is not None and found[0] == entry.key, entry.example
        elif entry.section == "protest_modes":
            assert protest_mode(entry.example, None) == entry.key, entry.example


def test_c_and_python_yaml_loaders_read_the_same_rules() -> None:
    """The loader uses libyaml when it is installed; without it, the rules must not change."""
    text = LEXICON_PATH.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=SAFE_LOADER) == yaml.safe_load(text)


def test_rules_hash_is_stable_and_follows_the_bytes(tmp_path: Path) -> None:
    installed = rules_hash()
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", installed)
    assert rules_hash() == installed
    copy = tmp_path / "events"
    shutil.copytree(RULES_DIR, copy)
    for folder in OTHER_RULE_DIRS:
        shutil.copytree(RULES_DIR.parent / folder, tmp_path / folder)
    assert rules_hash(copy) == installed  # the bytes, not where they are
    assert rules_hash(copy) == rules_hash(copy)
    target = copy / LEXICON_PATH.name
    target.write_bytes(target.read_bytes() + b"\n")
    assert rules_hash(copy) != installed


@lru_cache(maxsize=1)
def _lexicon_data() -> dict[str, Any]:
    """The rules file as YAML data, parsed once (PyYAML in pure Python takes a second)."""
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


def _broken(tmp_path: Path, change: Change) -> Path:
    """A copy of the rules file with one change made to its data."""
    data = copy.deepcopy(_lexicon_data())
    change(data)
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["cues"][0].update(pattern="protest(?:s|ed"),
            r"cues\[0\] \(line \d+\): PEACE_PROTEST: bad regex",
        ),
        (lambda d: d["cues"][1].update(label="PEACEFUL_PROTEST"), r"cues\[1\].*unknown label"),
        (lambda d: d["cues"][2].pop("example"), r"cues\[2\].*missing example"),
        (lambda d: d["cues"][3].update(example=" "), r"cues\[3\].*example must be a sentence"),
        (lambda d: d["cues"][4].update(context="protests"), r"cues\[4\].*unknown context"),
        (lambda d: d["cues"][5].update(contxt=None), r"cues\[5\].*unknown fields \['contxt'\]"),
        (lambda d: d["plover_triggers"][0].update(category="PUNISH"), r"unknown PLOVER category"),
        (lambda d: d["priority"].append("OTHER"), r"priority\[30\].*listed twice"),
    ],
)
def test_a_broken_file_is_refused_naming_file_and_entry(
    tmp_path: Path, change: Change, message: str
) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(RulesError, match=message) as caught:
        load_rules(path)
    assert str(caught.value).startswith(f"{path}: ")
