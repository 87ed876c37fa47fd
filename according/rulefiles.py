"""Reading and checking the rule data files (``according/data/*/*.yaml``).

Why one reader: each file is a reviewed list of words or cues, each entry with an
example sentence a test reads; a malformed file must stop the program the same way
(``RulesError`` naming the file and the entry) whichever list it is. The attribution's
cue kinds and speaker words and the geoparser's unit words are read through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from according.errors import RulesError


@dataclass(frozen=True, slots=True)
class WordEntry:
    """One word of a word list, kept with its example for the integrity test."""

    section: str
    word: str
    example: str


def read_sections(path: Path, sections: tuple[str, ...]) -> dict[str, list[Any]]:
    """The file's sections, exactly ``sections``, each a list; else a ``RulesError``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise RulesError(f"cannot read the rules: {err.strerror}", source=str(path)) from err
    except yaml.YAMLError as err:
        raise RulesError(f"not valid YAML: {err}".replace("\n", " "), source=str(path)) from err
    if not isinstance(data, dict) or set(data) != set(sections):
        raise RulesError(f"expected exactly the sections {', '.join(sections)}", source=str(path))
    for section in sections:
        if not isinstance(data[section], list):
            raise RulesError(f"{section}: expected a list", source=str(path))
    return data


def checked_entry(path: Path, where: str, item: Any, keys: frozenset[str]) -> dict[str, str]:
    """An entry with exactly ``keys``, each a non-empty text; else a ``RulesError``."""
    if not isinstance(item, dict) or set(item) != keys:
        raise RulesError(f"{where}: expected the keys {', '.join(sorted(keys))}", source=str(path))
    for key in sorted(keys):
        if not isinstance(item[key], str) or not item[key].strip():
            raise RulesError(f"{where}: {key} must be a non-empty text", source=str(path))
    return item


def word_lists(
    path: Path, sections: tuple[str, ...], *, lower: bool = True
) -> tuple[WordEntry, ...]:
    """Entries ``{word, example}`` of each section, none repeated; words in lower case
    unless ``lower`` is False (the geoparser's "LGA" is matched as written)."""
    data = read_sections(path, sections)
    entries: list[WordEntry] = []
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for index, item in enumerate(data[section]):
            where = f"{section}[{index}]"
            entry = checked_entry(path, where, item, frozenset({"word", "example"}))
            word = entry["word"].strip()
            word = word.lower() if lower else word
            if (section, word) in seen:
                raise RulesError(f"{where}: {word!r} is repeated", source=str(path))
            seen.add((section, word))
            entries.append(WordEntry(section, word, entry["example"]))
    return tuple(entries)
