"""Built-in stages; importing this package registers them."""

from according.pipeline.stages import (  # noqa: F401
    claims,
    dates,
    entities,
    events,
    places,
    quotes,
)
