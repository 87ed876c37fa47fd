"""Reading many inputs: shards processed by a process pool or a Dask cluster, one store writer.

``ingest(store, inputs, engine=...)`` is the one way documents reach a store: the CLI,
the Python API and the HTTP API all call it.
"""

from according.batch.ingest import IngestSummary, ingest
from according.batch.loader import StoredReport
from according.batch.shards import Shard, ShardResult, Upload, plan_shards, process_shard

__all__ = [
    "IngestSummary",
    "Shard",
    "ShardResult",
    "StoredReport",
    "Upload",
    "ingest",
    "plan_shards",
    "process_shard",
]
