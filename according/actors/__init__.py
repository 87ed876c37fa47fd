"""Known actors and outlets, kept as one-line-per-entry CSV files in ``according/data``.

(Named ``actors``, not ``registry``: the stage registry is ``according.pipeline.registry``.)
"""

from according.actors.known import ActorEntry, ActorRegistry, default_registry

__all__ = ["ActorEntry", "ActorRegistry", "default_registry"]
