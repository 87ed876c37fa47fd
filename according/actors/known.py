"""The list of known actors and outlets: canonical names, kinds, sides and aliases.

Adding an actor is one CSV line in ``according/data/actors.csv`` (or ``outlets.csv``);
aliases are separated by ``|``. The registry feeds an entity ruler that runs ahead of
spaCy's statistical NER, so a known name is never split or mislabelled by the model, and
it answers "which side does this outlet stand on" for clustering and display.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from according.errors import SetupError
from according.records import EntityKind, is_entity_kind

if TYPE_CHECKING:
    from spacy.pipeline.entityruler import PatternType

_KIND_TO_LABEL = {
    "person": "PERSON",
    "organization": "ORG",
    "armed_group": "ORG",
    "state": "ORG",
    "media": "ORG",
    "group": "NORP",
}


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    kind: EntityKind  # record-format entity kind: person, organization, armed_group, media ...
    actor_type: str  # finer: state_forces, opposition, news_agency, civil_society ...
    side: str  # government, state, opposition, independent, neutral
    country: str | None
    aliases: tuple[str, ...]
    # Provinces (GeoNames' first-level names) an outlet reports from: a monitoring
    # mission's or a regional paper's. Its namesake places there are preferred.
    provinces: tuple[str, ...] = ()

    @property
    def is_outlet(self) -> bool:
        return self.kind == "media"


def alias_key(text: str) -> str:
    """Lookup key: case, curly apostrophes, a leading "the" and a trailing "'s" ignored."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", text)


class ActorRegistry:
    def __init__(self, entries: list[ActorEntry]) -> None:
        self.entries = entries
        self._by_alias: dict[str, ActorEntry] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                self._by_alias.setdefault(alias_key(alias), entry)

    @classmethod
    def from_files(cls, actors: Path | str, outlets: Path | str) -> ActorRegistry:
        return cls(_read_actors(Path(actors)) + _read_outlets(Path(outlets)))

    def lookup(self, text: str) -> ActorEntry | None:
        return self._by_alias.get(alias_key(text))

    def ruler_patterns(self) -> list[PatternType]:
        """EntityRuler patterns, matched case-sensitively as written (names are proper)."""
        patterns: list[PatternType] = []
        for entry in self.entries:
            label = _KIND_TO_LABEL.get(entry.kind, "ORG")
            for alias in {entry.name, *entry.aliases}:
                if len(alias) < 2:
                    continue
                patterns.append({"label": label, "pattern": alias, "id": entry.id})
                if "'" in alias:
                    patterns.append(
                        {"label": label, "pattern": alias.replace("'", "\u2019"), "id": entry.id}
                    )
        return patterns


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as err:
        raise SetupError(f"cannot read registry file: {err.strerror}", source=str(path)) from err


def _read_actors(path: Path) -> list[ActorEntry]:
    return [
        ActorEntry(
            id=row["id"],
            name=row["name"],
            kind=_kind(row, path),
            actor_type=row["actor_type"],
            side=row["side"],
            country=row["country"] or None,
            aliases=_split(row["aliases"]),
        )
        for row in _rows(path)
    ]


def _kind(row: dict[str, str], path: Path) -> EntityKind:
    kind = row["kind"]
    if not is_entity_kind(kind):
        raise SetupError(f"unknown entity kind {kind!r} for {row['id']!r}", source=str(path))
    return kind


def _read_outlets(path: Path) -> list[ActorEntry]:
    return [
        ActorEntry(
            id=row["id"],
            name=row["name"],
            kind="media",
            actor_type=row["kind"],
            side=row["side"],
            country=row["country"] or None,
            aliases=_split(row["aliases"]),
            provinces=_split(row.get("provinces")),
        )
        for row in _rows(path)
    ]


@lru_cache(maxsize=1)
def default_registry() -> ActorRegistry:
    data = resources.files("according") / "data"
    return ActorRegistry.from_files(Path(str(data / "actors.csv")), Path(str(data / "outlets.csv")))
