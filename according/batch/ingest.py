"""Ingest files and folders into a Store: parallel, resumable, never losing work.

Everything is a shard (see ``according.batch.shards``): ``process_shard`` reads and runs
the pipeline, ``load_shard`` is the only writer. The local engine (default) runs one
file per shard in a process pool, keyed in the ledger by path, size and modification
time as it always was; ``engine="dask"`` runs the same function on a Dask cluster
(``according.batch.dask_engine``). A shard is marked done only after its reports are
committed, and a document already stored is never stored again, so an ingest killed at
any point resumes with nothing lost and nothing twice: the shard in flight is read again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from according.batch.loader import load_shard
from according.batch.shards import Shard, ShardResult, file_key, plan_shards, process_shard
from according.errors import UsageError
from according.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from according.store import Store

# Called after each shard: (shards done, shards total, documents stored so far). With the
# local engine a shard is one file, so this counts files as it always has.
ProgressHook = Callable[[int, int, int], None]

ENGINES = ("local", "dask")
DASK_FILES_PER_SHARD = 50

# Kept for callers of the old name: a file's ledger key.
ledger_key = file_key


@dataclass
class IngestSummary:
    files: int = 0
    already_done: int = 0
    documents_read: int = 0
    documents_stored: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    shards: int = 0
    failed: int = 0

    def describe(self) -> str:
        parts = [
            f"{self.documents_read:,} read",
            f"{self.documents_stored:,} stored",
            f"{self.duplicates:,} already in the store",
        ]
        if self.already_done:
            parts.append(f"{self.already_done:,} files done before")
        line = ", ".join(parts) + f", {len(self.skipped):,} skipped"
        if self.skipped:
            shown = "; ".join(reason for _, reason in self.skipped[:3])
            more = f" (+{len(self.skipped) - 3} more)" if len(self.skipped) > 3 else ""
            line += f": {shown}{more}"
        if self.interrupted:
            line += " — interrupted; run the same command again to resume"
        return line


def shard_ledger_key(shard: Shard, engine: str) -> str:
    """The local engine keeps the bare file key (old stores resume as before); a cluster
    shard is ``shard:<key>``. Either one marks the shard done for both engines."""
    return shard.key if engine == "local" else f"shard:{shard.key}"


def ingest(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    workers: int | None = None,
    progress: ProgressHook | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    files_per_shard: int | None = None,
) -> IngestSummary:
    """Read ``paths`` (files, folders, fsspec URLs or globs) into ``store``.

    ``engine="dask"`` runs on the cluster at ``scheduler``, or on a LocalCluster of
    ``workers`` processes; ``out_dir`` is where workers write shard outputs (required
    with a remote scheduler: it must be a path or URL that workers and this process
    share). Without ``progress`` the Dask engine prints a throttled status line on stderr.
    """
    if engine not in ENGINES:
        raise UsageError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise UsageError("a scheduler address needs engine='dask'")
    per_shard = files_per_shard or (1 if engine == "local" else DASK_FILES_PER_SHARD)
    summary = IngestSummary()
    done_keys = store.ledger_keys(status="done") | store.ledger_keys(status="skipped")
    pending: list[Shard] = []
    for shard in plan_shards(paths, per_shard):
        summary.files += len(shard.paths)
        summary.shards += 1
        if shard.key in done_keys or f"shard:{shard.key}" in done_keys:
            summary.already_done += len(shard.paths)
        else:
            pending.append(shard)
    try:
        if engine == "dask":
            from according.batch.dask_engine import run_dask

            run_dask(
                store, pending, summary, settings=settings, workers=workers,
                scheduler=scheduler, out_dir=out_dir, progress=progress,
            )  # fmt: skip
        else:
            _run_local(store, pending, summary, settings, workers, progress, out_dir)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _run_local(
    store: Store,
    pending: list[Shard],
    summary: IngestSummary,
    settings: Settings,
    workers: int | None,
    progress: ProgressHook | None,
    out_dir: str | os.PathLike[str] | None,
) -> None:
    total = len(pending)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    with tempfile.TemporaryDirectory(prefix="according-ingest-") as scratch:
        target = os.fspath(out_dir) if out_dir is not None else scratch
        by_key = {shard.key: shard for shard in pending}
        for finished, result in enumerate(_results(pending, settings, target, workers), 1):
            shard = by_key[result.key]
            load_shard(
                store, shard, result, summary,
                ledger_key=shard_ledger_key(shard, "local"), remove=out_dir is None,
            )  # fmt: skip
            if progress is not None:
                progress(finished, total, summary.documents_stored)


def _results(
    pending: list[Shard], settings: Settings, out_dir: str, workers: int
) -> Iterator[ShardResult]:
    if workers == 1:
        for shard in pending:
            yield process_shard(shard, settings, out_dir)
        return
    # Bounded in flight, so a folder of 100,000 files does not queue 100,000 futures.
    queue = iter(pending)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running: set[Future[ShardResult]] = set()
        try:
            while True:
                while len(running) < workers * 4:
                    shard = next(queue, None)
                    if shard is None:
                        break
                    running.add(pool.submit(process_shard, shard, settings, out_dir))
                if not running:
                    return
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
