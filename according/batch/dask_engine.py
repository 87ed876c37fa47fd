"""``process_shard`` on a Dask distributed cluster, loaded into the store by this process.

Workers only compute: each shard becomes a JSON Lines file in ``out_dir``, which must be
a folder or fsspec URL that the workers and this process both reach. This process is
the single writer: it loads each finished shard (``according.batch.loader``) and marks
it ``shard:<key>`` in the ledger, so a rerun skips it.

A worker that dies takes its running shard with it; the scheduler moves that shard to
another worker (and gives up on one that kills three workers in a row). A shard that
raises is retried twice by Dask (``retries=2``); a shard whose output file is missing or
torn when we come to load it is submitted again, up to ``MAX_ATTEMPTS`` in all. Loading
is idempotent (documents are keyed by content hash), so a shard done twice is stored once.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from according.batch.loader import OutputMissing, load_shard, mark_failed
from according.batch.shards import Shard, ShardResult, process_shard
from according.errors import StoreError, UsageError
from according.settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

    from according.batch.ingest import IngestSummary, ProgressHook
    from according.store import Store

MAX_ATTEMPTS = 3  # submissions of one shard, each with Dask's own retries=2
TASK_RETRIES = 2


@dataclass
class ShardProgress:
    """What a status line shows: shards done of total, throughput, errors so far."""

    done: int
    total: int
    documents: int
    errors: int
    elapsed_s: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.elapsed_s if self.elapsed_s > 0 else 0.0


StatusHook = Callable[[ShardProgress], None]


class StderrStatus:
    """A plain line at most every ``interval`` seconds, and always at the end.

    Plain lines rather than a redrawn bar, because cluster jobs usually log to files.
    """

    def __init__(self, stream: TextIO | None = None, interval: float = 2.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self._last = float("-inf")

    def __call__(self, p: ShardProgress) -> None:
        now = time.monotonic()
        if p.done < p.total and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write(
            f"ingest: {p.done:,}/{p.total:,} shards · {p.documents:,} documents · "
            f"{p.docs_per_s:,.1f} docs/s · {p.errors:,} errors\n"
        )
        self.stream.flush()


def warm_up(settings: Settings) -> None:
    """Load the pipeline on a worker before the clock starts (``client.run(warm_up, s)``):
    the first shard on each worker otherwise pays the model loading and what the stages
    load lazily (``Pipeline.prepare``), about six seconds in all."""
    from according.pipeline.core import get_pipeline

    get_pipeline(settings).prepare()


# Dask's defaults suit interactive work: each worker samples its own stack every 10 ms
# for the dashboard's profile, and monitors poll every half second. A batch of
# CPU-bound shards has no dashboard, and on a small machine those cycles come out of the
# workers' share (issue 8). Applied to the clusters we start; a user's own cluster keeps
# its configuration.
BATCH_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def local_cluster(workers: int | None) -> Any:
    """A LocalCluster of single-threaded worker processes: spaCy holds the GIL, so
    threads would not add throughput, and a process can be killed and restarted alone."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(BATCH_CONFIG):
        return LocalCluster(
            n_workers=max(1, workers or os.cpu_count() or 1),
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


def run_dask(
    store: Store,
    pending: list[Shard],
    summary: IngestSummary,
    *,
    settings: Settings,
    workers: int | None = None,
    scheduler: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    progress: ProgressHook | None = None,
    status: StatusHook | None = None,
    client: Client | None = None,
) -> None:
    """Process ``pending`` on a cluster and load every result; ``summary`` is updated.

    ``client``: an existing client (tests, benchmarks, notebooks); otherwise one is made
    for ``scheduler``, or for a LocalCluster of ``workers`` processes that is closed at
    the end. ``status`` gets a ``ShardProgress`` after each shard; by default a throttled
    line on stderr, or ``progress`` in the local engine's form when that is given.
    """
    if scheduler is not None and out_dir is None:
        raise UsageError(
            "with a scheduler address, give an output folder (out_dir) that the workers "
            "and this machine share, e.g. a shared mount or s3://bucket/prefix"
        )
    if status is None:
        status = _adapt(progress, summary) if progress is not None else StderrStatus()
    if not pending:
        return
    with ExitStack() as stack:
        if client is None:
            from distributed import Client

            if scheduler is not None:
                client = stack.enter_context(Client(scheduler))
            else:
                cluster = stack.enter_context(local_cluster(workers))
                client = stack.enter_context(Client(cluster))
        remove = out_dir is None
        if out_dir is None:
            try:
                scratch = tempfile.TemporaryDirectory(prefix="according-shards-")
            except OSError as exc:
                raise StoreError(
                    f"{tempfile.gettempdir()}: no scratch folder can be made there "
                    f"({exc.strerror or exc}); set TMPDIR to a writable folder or use --out-dir"
                ) from None
            out_dir = stack.enter_context(scratch)
        _Run(store, client, settings, os.fspath(out_dir), summary, status, remove).run(pending)


def _adapt(progress: ProgressHook, summary: IngestSummary) -> StatusHook:
    def hook(p: ShardProgress) -> None:
        progress(p.done, p.total, summary.documents_stored)

    return hook


class _Run:
    """One pass over the pending shards: a bounded window of futures, loaded as they end."""

    def __init__(
        self,
        store: Store,
        client: Client,
        settings: Settings,
        out_dir: str,
        summary: IngestSummary,
        status: StatusHook,
        remove: bool,
    ) -> None:
        self.store = store
        self.client = client
        self.settings = settings
        self.out_dir = out_dir
        self.summary = summary
        self.status = status
        self.remove = remove
        self.attempts: dict[str, int] = {}
        self.shards: dict[str, Shard] = {}
        self.errors = 0
        self.documents = 0

    def submit(self, shard: Shard) -> Future:
        attempt = self.attempts.get(shard.key, 0) + 1
        self.attempts[shard.key] = attempt
        key = f"according-shard-{shard.digest}-{attempt}"
        self.shards[key] = shard
        return self.client.submit(
            process_shard, shard, self.settings, self.out_dir,
            key=key, retries=TASK_RETRIES, pure=False,
        )  # fmt: skip

    def run(self, pending: list[Shard]) -> None:
        from distributed import as_completed

        started = time.monotonic()
        total = len(pending)
        queue = deque(pending)
        threads = sum(self.client.nthreads().values())
        window = max(16, 4 * threads)  # a cluster may scale up: keep some work queued
        running = as_completed()
        while queue and running.count() < window:
            running.add(self.submit(queue.popleft()))
        done = 0
        try:
            for future in running:
                shard = self.shards.pop(future.key)
                if self._finish(shard, future):
                    done += 1
                    self.status(
                        ShardProgress(
                            done, total, self.documents, self.errors, time.monotonic() - started
                        )
                    )
                else:
                    running.add(self.submit(shard))
                future.release()
                if queue:
                    running.add(self.submit(queue.popleft()))
        except BaseException:
            running.clear()
            raise

    def _finish(self, shard: Shard, future: Future) -> bool:
        """Load a finished shard; False means "submit it again"."""
        ledger_key = f"shard:{shard.key}"
        try:
            result: ShardResult = future.result()
        except Exception as err:  # noqa: BLE001 - KilledWorker, or the task's own error
            reason = f"{shard.label}: processing failed ({type(err).__name__}: {_line(err)})"
            return self._give_up_or_retry(shard, reason, ledger_key)
        try:
            load_shard(
                self.store, shard, result, self.summary, ledger_key=ledger_key, remove=self.remove
            )
        except OutputMissing as err:
            return self._give_up_or_retry(shard, f"{shard.label}: {err}", ledger_key)
        self.errors += len(result.errors)
        self.documents += result.documents
        return True

    def _give_up_or_retry(self, shard: Shard, reason: str, ledger_key: str) -> bool:
        if self.attempts.get(shard.key, 0) < MAX_ATTEMPTS:
            logging.getLogger(__name__).warning("%s; submitting it again", reason)
            return False
        self.errors += 1
        mark_failed(self.store, shard, reason, self.summary, ledger_key=ledger_key)
        return True


def _line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
