"""Known actors and outlets, kept as one-line-per-entry CSV files in ``according/data``."""

from according.registry.actors import ActorEntry, ActorRegistry, default_registry

__all__ = ["ActorEntry", "ActorRegistry", "default_registry"]
