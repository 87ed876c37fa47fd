"""Reading many inputs: shards processed by a process pool or a Dask cluster, one store writer."""

from according.batch.ingest import IngestSummary, ingest
from according.batch.shards import Shard, ShardResult, plan_shards, process_shard

__all__ = ["IngestSummary", "Shard", "ShardResult", "ingest", "plan_shards", "process_shard"]
