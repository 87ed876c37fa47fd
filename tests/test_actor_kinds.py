"""The actor list's kinds are record entity kinds, checked when the list is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.actors import ActorRegistry, default_registry
from according.errors import SetupError
from according.records import ENTITY_KINDS, is_entity_kind

HEADER = "id,name,kind,actor_type,side,country,aliases\n"


def _files(tmp_path: Path, actor_row: str) -> tuple[Path, Path]:
    actors = tmp_path / "actors.csv"
    actors.write_text(HEADER + actor_row + "\n", encoding="utf-8")
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("id,name,kind,side,country,aliases,domains\n", encoding="utf-8")
    return actors, outlets


def test_a_misspelt_kind_fails_when_the_list_is_read(tmp_path: Path) -> None:
    actors, outlets = _files(tmp_path, "x,Example Front,armed-group,rebels,opposition,YE,EF")
    with pytest.raises(SetupError, match="unknown entity kind 'armed-group' for 'x'"):
        ActorRegistry.from_files(actors, outlets)


def test_a_known_kind_is_kept(tmp_path: Path) -> None:
    actors, outlets = _files(tmp_path, "x,Example Front,armed_group,rebels,opposition,YE,EF")
    (entry,) = ActorRegistry.from_files(actors, outlets).entries
    assert entry.kind == "armed_group"


def test_every_shipped_actor_has_an_entity_kind() -> None:
    kinds = {entry.kind for entry in default_registry().entries}
    assert kinds <= set(ENTITY_KINDS)
    assert "media" in kinds  # the outlets


def test_is_entity_kind_accepts_only_the_record_kinds() -> None:
    assert all(is_entity_kind(kind) for kind in ENTITY_KINDS)
    assert not is_entity_kind("armed-group")
    assert not is_entity_kind("")
