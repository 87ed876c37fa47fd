"""The event rules, read from ``according/data/events/lexicon.yaml``: one loader for them all.

The trigger lexicon (weighted cue patterns per CASE 2021 / ACLED label, and the context
patterns some cues need), the labels' precedence, and the PLOVER trigger and protest-mode
words live in that YAML file rather than in Python, so that a rule can be read, reviewed
and changed as data, each with an example sentence that a test fires it on, and so that
a record can say which rules made it (``rules_hash``, stamped beside the config hash).
The reasoning behind the rules is in the YAML comments.

This module reads the file once, checks it (an unknown label, a pattern that does not
compile or an entry without an example stops the program with a ``RulesError`` naming
the file and the entry, rather than silently classifying with half a lexicon) and
exposes the tables under the names the code used when they were Python:

- ``CONTEXTS``: context name → pattern;
- ``LEXICON``: label → ``[(pattern, weight, context), ...]`` (``Cue``), in file order;
- ``PRIORITY``: the labels, most specific first (ties go to the earlier one);
- ``PLOVER_TRIGGERS``: ``(category, mode, compiled pattern)``, checked in order;
- ``PROTEST_MODES``: ``(mode, compiled pattern)``, checked in order.

Cue and context patterns stay strings: ``classify`` compiles them, as whole words in any
case (``word_pattern``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from according.errors import RulesError

Cue = tuple[str, float, str | None]

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
LEXICON_PATH = RULES_DIR / "lexicon.yaml"

# yaml.safe_load's loader, in C when libyaml is there: the pure-Python one takes a quarter
# of a second on this file, at the start of every process (CLI, each batch worker).
SAFE_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)

# PLOVER's 16 event types (shared/design/records.md): what a PLOVER trigger may name.
PLOVER_CATEGORIES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)

# The fields each section's entries have, no more and no fewer: a misspelt key
# ("contxt") would otherwise be ignored and the cue would lose its context.
_FIELDS: dict[str, frozenset[str]] = {
    "contexts": frozenset({"name", "pattern", "example"}),
    "cues": frozenset({"label", "pattern", "weight", "context", "example"}),
    "plover_triggers": frozenset({"category", "mode", "pattern", "example"}),
    "protest_modes": frozenset({"mode", "pattern", "example"}),
}
_SECTIONS = frozenset({*_FIELDS, "priority"})


def word_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` as cues, contexts and PLOVER triggers are matched: whole words, any case."""
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


def prefix_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` as protest modes are matched: from the start of a word, any case, so
    that a stem ("vandal", "barricad") covers its inflections."""
    return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One pattern as written in the file, kept with its example for the integrity test.

    ``where`` says where it is ("cues[12] PEACE_PROTEST") for messages and test ids;
    ``context`` is the context a cue needs (or None); ``prefix`` is True where the
    pattern is matched from the start of a word only (protest modes)."""

    where: str
    section: str
    key: str
    pattern: str
    example: str
    context: str | None = None
    prefix: bool = False


@dataclass(frozen=True)
class Rules:
    """Everything one rules file says, checked."""

    contexts: dict[str, str]
    lexicon: dict[str, list[Cue]]
    priority: tuple[str, ...]
    plover_triggers: tuple[tuple[str, str | None, str], ...]
    protest_modes: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]


@lru_cache(maxsize=4)
def load_rules(path: Path = LEXICON_PATH) -> Rules:
    """Read and check the rules file once per process (``path``: another file, for tests)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"cannot read the event rules: {err.strerror}", source=str(path)) from err
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)  # the safe loader, as safe_load
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).replace("\n", " ")
        raise RulesError(f"not valid YAML{at}: {problem}", source=str(path)) from err
    return _Checker(path, text).rules(data)


class _Checker:
    """Turns the parsed YAML into ``Rules``, failing on the first entry it cannot use."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, reason: str, section: str | None = None, index: int | None = None) -> RulesError:
        """An error naming the file, the entry (section, index, line) and the reason."""
        where = ""
        if section is not None:
            where = f"{section}[{index}]" if index is not None else section
            line = self._line(section, index)
            where += f" (line {line})" if line else ""
            where += ": "
        return RulesError(where + reason, source=str(self.path))

    def _line(self, section: str, index: int | None) -> int | None:
        """The 1-based line of an entry, found again only when there is an error to report."""
        try:
            root = yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(root, yaml.MappingNode):
            return None
        for key, value in root.value:
            if key.value == section:
                if index is None or not isinstance(value, yaml.SequenceNode):
                    return value.start_mark.line + 1
                if 0 <= index < len(value.value):
                    return value.value[index].start_mark.line + 1
        return None

    def rules(self, data: object) -> Rules:
        if not isinstance(data, dict):
            raise self.fail("expected a mapping of sections " + ", ".join(sorted(_SECTIONS)))
        unknown = sorted(set(data) - _SECTIONS)
        missing = sorted(_SECTIONS - set(data))
        if unknown or missing:
            raise self.fail(f"sections: unknown {unknown}, missing {missing}")
        priority = self.priority(data["priority"])
        entries: list[Entry] = []
        contexts: dict[str, str] = {}
        for i, item in self.items(data, "contexts"):
            name = self.word(item, "name", "contexts", i)
            if name in contexts:
                raise self.fail(f"context {name!r} defined twice", "contexts", i)
            contexts[name] = self.pattern(item, "contexts", i, name)
            entries.append(self.entry(item, "contexts", i, name))
        lexicon: dict[str, list[Cue]] = {}
        for i, item in self.items(data, "cues"):
            label = self.word(item, "label", "cues", i)
            if label not in priority:
                raise self.fail(f"unknown label {label!r} (not in priority)", "cues", i)
            weight = item["weight"]
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                raise self.fail(f"{label}: weight must be a positive number", "cues", i)
            context = item["context"]
            if context is not None and context not in contexts:
                raise self.fail(f"{label}: unknown context {context!r}", "cues", i)
            pattern = self.pattern(item, "cues", i, label)
            lexicon.setdefault(label, []).append((pattern, weight, context))
            entries.append(self.entry(item, "cues", i, label, context=context))
        without = [label for label in priority if label not in lexicon]
        if without:
            raise self.fail(f"labels without any cue: {', '.join(without)}", "priority")
        triggers: list[tuple[str, str | None, str]] = []
        for i, item in self.items(data, "plover_triggers"):
            category = self.word(item, "category", "plover_triggers", i)
            if category not in PLOVER_CATEGORIES:
                raise self.fail(f"unknown PLOVER category {category!r}", "plover_triggers", i)
            mode = item["mode"]
            if mode is not None and not isinstance(mode, str):
                raise self.fail(f"{category}: mode must be a word or null", "plover_triggers", i)
            triggers.append((category, mode, self.pattern(item, "plover_triggers", i, category)))
            entries.append(self.entry(item, "plover_triggers", i, category))
        modes: list[tuple[str, str]] = []
        for i, item in self.items(data, "protest_modes"):
            mode = self.word(item, "mode", "protest_modes", i)
            modes.append((mode, self.pattern(item, "protest_modes", i, mode, prefix=True)))
            entries.append(self.entry(item, "protest_modes", i, mode, prefix=True))
        return Rules(contexts, lexicon, priority, tuple(triggers), tuple(modes), tuple(entries))

    def priority(self, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("expected a list of labels", "priority")
        seen: list[str] = []
        for i, label in enumerate(value):
            if not isinstance(label, str) or not label.strip():
                raise self.fail("a label must be a word", "priority", i)
            if label in seen:
                raise self.fail(f"label {label!r} listed twice", "priority", i)
            seen.append(label)
        return tuple(seen)

    def items(self, data: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """The section's entries, each a mapping with exactly the section's fields, checked
        as they are reached so that the first bad entry in the file is the one reported."""
        value = data[section]
        if not isinstance(value, list):
            raise self.fail("expected a list of entries", section)
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail("expected a mapping", section, i)
            unknown = sorted(set(item) - _FIELDS[section])
            missing = sorted(_FIELDS[section] - set(item))
            if unknown or missing:
                what = [f"unknown fields {unknown}"] if unknown else []
                what += [f"missing {', '.join(missing)}"] if missing else []
                raise self.fail("; ".join(what), section, i)
            yield i, item

    def word(self, item: dict[str, Any], field: str, section: str, index: int) -> str:
        value = item[field]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{field} must be a word", section, index)
        return value

    def pattern(
        self, item: dict[str, Any], section: str, index: int, key: str, *, prefix: bool = False
    ) -> str:
        """The entry's pattern, compiled as it will be used to be sure it can be."""
        value = item["pattern"]
        if not isinstance(value, str) or not value:
            raise self.fail(f"{key}: pattern must be a non-empty string", section, index)
        try:
            prefix_pattern(value) if prefix else word_pattern(value)
        except re.error as err:
            raise self.fail(f"{key}: bad regex '{value}': {err}", section, index) from err
        return value

    def entry(
        self,
        item: dict[str, Any],
        section: str,
        index: int,
        key: str,
        *,
        context: str | None = None,
        prefix: bool = False,
    ) -> Entry:
        example = item["example"]
        if not isinstance(example, str) or not example.strip():
            raise self.fail(f"{key}: example must be a sentence", section, index)
        where = f"{section}[{index}] {key}"
        return Entry(where, section, key, item["pattern"], example, context, prefix)


def rules_hash(directory: Path | None = None) -> str:
    """``sha256:`` and 16 hex digits of every rule data file (``*.yaml``) in ``directory``
    (by default the installed ``according/data/events``) and in the ``places``,
    ``attribution`` and ``dates`` folders beside it, taken in name order, each as
    its name, its length and its bytes, so a record can say which rules made it. The
    installed rules are hashed once per process, like they are read once."""
    if directory is None:
        return _installed_hash()
    siblings = [directory.parent / name for name in OTHER_RULE_DIRS]
    return _hash_files(directory, *[d for d in siblings if d.is_dir()])


# Rule folders beside ``events`` that a report's records also depend on: the
# geoparser's word lists, the attribution's cue kinds and speaker words, and the words
# that are no dateline.
OTHER_RULE_DIRS = ("places", "attribution", "dates")


@lru_cache(maxsize=1)
def _installed_hash() -> str:
    # The events' rules and the geoparser's word lists (``according/data/places``).
    return _hash_files(RULES_DIR, *(RULES_DIR.parent / name for name in OTHER_RULE_DIRS))


def _hash_files(*directories: Path) -> str:
    digest = hashlib.sha256()
    paths = [p for d in directories for p in d.glob("*.yaml")]
    for path in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        data = path.read_bytes()
        digest.update(b"%s\0%d\0" % (path.name.encode("utf-8"), len(data)))
        digest.update(data)
    return "sha256:" + digest.hexdigest()[:16]


_RULES = load_rules()
CONTEXTS: dict[str, str] = _RULES.contexts
LEXICON: dict[str, list[Cue]] = _RULES.lexicon
PRIORITY: tuple[str, ...] = _RULES.priority
PLOVER_TRIGGERS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (category, mode, word_pattern(pattern)) for category, mode, pattern in _RULES.plover_triggers
)
PROTEST_MODES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (mode, prefix_pattern(pattern)) for mode, pattern in _RULES.protest_modes
)
