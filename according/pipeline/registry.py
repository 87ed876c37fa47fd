"""Stages are registered under versioned names, as spaCy registers its components.

A name such as ``according.dates.v1`` is a promise: its behaviour changes only under a
new version, so a record stamped with the stage list can be reproduced later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from according.errors import UnknownStage

if TYPE_CHECKING:
    from according.pipeline.context import Context
    from according.settings import Settings


class Stage(Protocol):
    """A pipeline step: reads what earlier stages put on the context and adds its part."""

    name: str
    # spaCy components the stage needs to have run ("ner", "sentencizer", "parser", ...).
    needs: frozenset[str]

    def __call__(self, ctx: Context) -> None: ...


StageFactory = Callable[["Settings"], Stage]
_FACTORIES: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    def add(factory: StageFactory) -> StageFactory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"stage {name!r} registered twice")
        _FACTORIES[name] = factory
        return factory

    return add


def create(name: str, settings: Settings) -> Stage:
    _load_builtin_stages()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise UnknownStage(f"no stage named {name!r}; known stages: {known}") from None
    return factory(settings)


def registered() -> list[str]:
    _load_builtin_stages()
    return sorted(_FACTORIES)


def _load_builtin_stages() -> None:
    # Importing the package runs each module's @register; done lazily to keep imports cheap.
    import according.pipeline.stages  # noqa: F401
