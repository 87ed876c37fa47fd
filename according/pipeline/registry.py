"""Stages are registered under versioned names, as spaCy registers its components.

A name such as ``according.dates.v1`` is a promise: its behaviour changes only under a
new version, so a record stamped with the stage list can be reproduced later.

Registration happens in one place, here: the built-in stages are listed in
``BUILTIN``, and other packages declare theirs as entry points in the
``according.stages`` group (``name = "module:factory"`` in their pyproject.toml). Entry
points are found in every process that imports according, so a third-party stage reaches
ingest workers and Dask workers without anyone importing its module there. ``register``
adds one by hand, in the current process only (a notebook, a test).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from according.errors import UnknownStage

if TYPE_CHECKING:
    from according.pipeline.stage import Stage
    from according.settings import Settings

ENTRY_POINT_GROUP = "according.stages"
StageFactory = Callable[["Settings"], "Stage"]

# name -> "module:attribute" of the factory, imported only when the stage is used.
BUILTIN: dict[str, str] = {
    "according.entities.v1": "according.pipeline.stages.entities:EntitiesStage",
    "according.dates.v1": "according.pipeline.stages.dates:DatesStage",
    "according.places.v1": "according.pipeline.stages.places:PlacesStage",
    "according.quotes.v1": "according.pipeline.stages.quotes:QuotesStage",
    "according.claims.v1": "according.pipeline.stages.claims:ClaimsStage",
    "according.events.v1": "according.pipeline.stages.events:EventsStage",
    "according.events.v2": "according.pipeline.stages.events:EventsV2Stage",
}
_ADDED: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Add a stage factory under ``name`` in this process (entry points reach workers)."""

    def add(factory: StageFactory) -> StageFactory:
        known = _ADDED.get(name)
        if name in BUILTIN or (known is not None and known is not factory):
            raise ValueError(f"stage {name!r} registered twice")
        _ADDED[name] = factory
        return factory

    return add


def _entry_points() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _load(target: str) -> StageFactory:
    module, _, attribute = target.partition(":")
    factory: StageFactory = getattr(import_module(module), attribute)
    return factory


def factory_for(name: str) -> StageFactory:
    if name in BUILTIN:
        return _load(BUILTIN[name])
    if name in _ADDED:
        return _ADDED[name]
    target = _entry_points().get(name)
    if target is None:
        known = ", ".join(registered())
        raise UnknownStage(f"no stage named {name!r}; known stages: {known}")
    return _load(target)


def create(name: str, settings: Settings) -> Stage:
    return factory_for(name)(settings)


def registered() -> list[str]:
    return sorted({*BUILTIN, *_ADDED, *_entry_points()})
