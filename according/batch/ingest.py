"""The one way into a Store: ``ingest(store, inputs, engine=...)``, resumable, never losing work.

The CLI (``according ingest``), the Python API and the HTTP API (``POST /api/documents``)
all call ``ingest``. Everything is a shard (see ``according.batch.shards``):
``process_shard`` reads and runs the pipeline and writes Reports (JSON Lines),
``load_shard`` is the only writer and marks every shard in the ledger. The local engine
(default) runs one file per shard in a process pool (in this thread with one worker),
keyed in the ledger by path, size and modification time as it always was;
``engine="dask"`` runs the same function on a Dask cluster
(``according.batch.dask_engine``). A shard is marked done only after its reports are
committed, and a document already stored is never stored again, so an ingest killed at
any point resumes with nothing lost and nothing twice: the shard in flight is read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from according.batch.loader import StoredReport, load_shard, mark_failed
from according.batch.shards import Input, Shard, ShardResult, plan_shards, process_shard
from according.batch.workers import ResourceFailure, describe, make_scratch, run_shards
from according.errors import AccordingError, UsageError
from according.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from according.store import Store

# Called after each shard: (shards done, shards total, documents stored so far). With the
# local engine a shard is one file, or one part of a large archive or feed.
ProgressHook = Callable[[int, int, int], None]

ENGINES = ("local", "dask")
ERRORS = ("skip", "raise")
DASK_FILES_PER_SHARD = 50


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
    # Not bad input: a worker out of memory or time twice, or a shard that could not be
    # loaded. Listed apart, kept as ``failed`` in the ledger, retried by --retry-failed.
    failures: list[tuple[str, str]] = field(default_factory=list)
    failed_before: int = 0
    # Parts of large archives and feeds already in the ledger (a rerun resumes inside
    # the file).
    parts_done: int = 0
    # One entry a report loaded, in order, when ``ingest(..., outcomes=True)`` asked.
    outcomes: list[StoredReport] | None = None

    def describe(self) -> str:
        parts = [
            f"{self.documents_read:,} read",
            f"{self.documents_stored:,} stored",
            f"{self.duplicates:,} already in the store",
        ]
        if self.already_done:
            parts.append(f"{self.already_done:,} files done before")
        if self.parts_done:
            parts.append(f"{self.parts_done:,} parts of large files done before")
        line = ", ".join(parts) + f", {len(self.skipped):,} skipped"
        if self.skipped:
            shown = "; ".join(reason for _, reason in self.skipped[:3])
            more = f" (+{len(self.skipped) - 3} more)" if len(self.skipped) > 3 else ""
            line += f": {shown}{more}"
        if self.failures:
            shown = "; ".join(reason for _, reason in self.failures[:3])
            more = f" (+{len(self.failures) - 3} more)" if len(self.failures) > 3 else ""
            line += f"; {len(self.failures):,} failed (not bad input): {shown}{more}"
        if self.failed_before:
            line += (
                f"; {self.failed_before:,} failed before and left alone "
                "(--retry-failed retries them)"
            )
        if self.interrupted:
            line += " — interrupted; run the same command again to resume"
        return line


def shard_ledger_key(shard: Shard, engine: str) -> str:
    """The local engine keeps the bare file key (old stores resume as before); a cluster
    shard is ``shard:<key>``. Either one marks the shard done for both engines."""
    return shard.key if engine == "local" else f"shard:{shard.key}"


def ingest(
    store: Store,
    inputs: Iterable[Input],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    workers: int | None = None,
    progress: ProgressHook | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    files_per_shard: int | None = None,
    retry_failed: bool = False,
    errors: str = "skip",
    outcomes: bool = False,
) -> IngestSummary:
    """Read ``inputs`` (files, folders, fsspec URLs or globs, or ``Upload``s) into ``store``.

    ``engine="dask"`` runs on the cluster at ``scheduler``, or on a LocalCluster of
    ``workers`` processes; ``out_dir`` is where workers write shard outputs (required
    with a remote scheduler: it must be a path or URL that workers and this process
    share). Without ``progress`` the Dask engine prints a throttled status line on stderr.

    Inputs the ledger holds as ``failed`` (a worker ran out of memory or time on them
    twice) are left alone unless ``retry_failed``: a bomb would otherwise cost every
    rerun its time again. An ``Upload`` is read whatever the ledger says (its sender is
    waiting for its records) and marked there like any input.

    ``errors="raise"`` (local engine): shards run one by one in this thread and the
    first input that cannot be read raises its error, after the ledger has it as
    skipped; by default it is a reason in the summary. ``outcomes``: list what became
    of each report (``IngestSummary.outcomes``).
    """
    if engine not in ENGINES:
        raise UsageError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise UsageError("a scheduler address needs engine='dask'")
    if errors not in ERRORS:
        raise UsageError(f"errors must be one of {', '.join(ERRORS)}, not {errors!r}")
    if errors == "raise" and engine != "local":
        raise UsageError("errors='raise' needs engine='local'")
    per_shard = files_per_shard or (1 if engine == "local" else DASK_FILES_PER_SHARD)
    summary = IngestSummary(outcomes=[] if outcomes else None)
    pending = _pending(store, plan_shards(inputs, per_shard, settings), summary, retry_failed)
    try:
        if engine == "dask":
            from according.batch.dask_engine import run_dask

            run_dask(
                store, pending, summary, settings=settings, workers=workers,
                scheduler=scheduler, out_dir=out_dir, progress=progress,
            )  # fmt: skip
        else:
            strict = errors == "raise"
            _run_local(store, pending, summary, settings, workers, progress, out_dir, strict)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _pending(
    store: Store, shards: list[Shard], summary: IngestSummary, retry_failed: bool
) -> list[Shard]:
    """The shards still to run, counting the rest in ``summary``. The ledger is read only
    when there are files to look up in it (an upload to a large store does not load it)."""
    named = [shard for shard in shards if shard.upload is None]
    done_keys: set[str] = set()
    failed_keys: set[str] = set()
    if named:
        done_keys = store.ledger_keys(status="done") | store.ledger_keys(status="skipped")
        failed_keys = set() if retry_failed else store.ledger_keys(status="failed")
    pending: list[Shard] = []
    for shard in shards:
        files = len(shard.paths) if shard.start == 0 else 0  # a file's later parts
        summary.files += files
        summary.shards += 1
        # A part is done when it is, or when its whole file was (read before it was cut).
        keys = (shard.key, shard.file_key)
        if shard.upload is not None:
            pending.append(shard)
        elif any(k in done_keys or f"shard:{k}" in done_keys for k in keys):
            summary.already_done += files
            summary.parts_done += shard.is_part
        elif shard.key in failed_keys or f"shard:{shard.key}" in failed_keys:
            summary.failed_before += len(shard.paths)
        else:
            pending.append(shard)
    return pending


def _run_local(
    store: Store,
    pending: list[Shard],
    summary: IngestSummary,
    settings: Settings,
    workers: int | None,
    progress: ProgressHook | None,
    out_dir: str | os.PathLike[str] | None,
    strict: bool = False,
) -> None:
    total = len(pending)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    target, scratch = make_scratch(os.fspath(out_dir) if out_dir is not None else None)
    try:
        by_key = {shard.key: shard for shard in pending}
        results = (
            _one_by_one(store, pending, settings, target)
            if strict
            else run_shards(pending, settings, target, workers)
        )
        for finished, result in enumerate(results, 1):
            shard = by_key[result.key]
            ledger_key = shard_ledger_key(shard, "local")
            if isinstance(result, ResourceFailure):
                mark_failed(store, shard, result.reason, summary, ledger_key=ledger_key)
            else:
                load_shard(
                    store, shard, result, summary, ledger_key=ledger_key, remove=out_dir is None
                )
            if progress is not None:
                progress(finished, total, summary.documents_stored)
    finally:
        if scratch is not None:
            scratch.cleanup()


def _one_by_one(
    store: Store, pending: list[Shard], settings: Settings, out_dir: str
) -> Iterator[ShardResult]:
    """``errors="raise"``: each shard in this thread; the first that cannot be read is
    marked in the ledger (skipped for bad input, failed for anything else) and raises."""
    for shard in pending:
        try:
            result = process_shard(shard, settings, out_dir, strict=True)
        except AccordingError as err:
            store.ledger_mark(shard_ledger_key(shard, "local"), "skipped", reason=str(err))
            raise
        except Exception as err:
            reason = f"{shard.label}: {describe(err)}"
            store.ledger_mark(shard_ledger_key(shard, "local"), "failed", reason=reason)
            raise
        yield result
