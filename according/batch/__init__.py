"""Reading many inputs: a process pool of pipeline workers feeding one store writer."""

from according.batch.ingest import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
