"""Pipeline stages from a read document to a Report."""

from according.pipeline.core import Pipeline, get_pipeline, read
from according.pipeline.registry import register, registered
from according.pipeline.stage import Stage

__all__ = ["Pipeline", "Stage", "get_pipeline", "read", "register", "registered"]
