"""The one loader: shard outputs into the store, then the shard into the ledger.

Every ingest ends here, whatever ran the shard (a process pool, a Dask cluster, the HTTP
API's thread): a shard output is Reports in JSON Lines, and the store turns each into
its rows (``Store.save_report_data``, ``according.store.rows``). Only the process that
owns the store calls this (SQLite has one writer). The order is what makes any crash
safe: reports are committed first and the shard is marked after, so a shard is either
in the ledger with all its reports stored, or is processed again on the next run, when
the store, which keys documents by content hash, keeps the reports it already has and
adds only the rest. The same document in two shards is stored once for the same reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from according.batch.shards import Shard, ShardResult, open_output, remove_output
from according.store.rows import NotAReport, read_report

if TYPE_CHECKING:
    from according.batch.ingest import IngestSummary
    from according.store import Store

SAVE_BATCH = 200  # reports per transaction: few commits, bounded memory


class OutputMissing(Exception):
    """A shard's output is gone or differs from what its worker reported: run it again."""


@dataclass(frozen=True)
class StoredReport:
    """What became of one loaded report (``ingest(..., outcomes=True)``): the HTTP API
    answers an upload with these."""

    id: str
    new: bool
    events: int
    quotes: int
    claims: int

    @classmethod
    def of(cls, report: Mapping[str, Any], new: bool) -> StoredReport:
        return cls(
            id=report["document"]["id"], new=new, events=len(report.get("events", ())),
            quotes=len(report.get("quotes", ())), claims=len(report.get("claims", ())),
        )  # fmt: skip


def check_output(result: ShardResult) -> None:
    """Check the output against the worker's own hash and count, reading it in pieces.

    A worker that died after renaming, a rerun that replaced the file, or a shared disk
    that lost it would otherwise turn into reports silently missing from the store.
    """
    digest = hashlib.sha256()
    count = 0
    try:
        with open_output(result.output, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                count += chunk.count(b"\n")
    except FileNotFoundError:
        raise OutputMissing(f"{result.output}: output file is missing") from None
    if digest.hexdigest() != result.sha256:
        raise OutputMissing(f"{result.output}: output file differs from the worker's")
    if count != result.documents:
        raise OutputMissing(f"{result.output}: {count} reports, expected {result.documents}")


def iter_batches(result: ShardResult, size: int) -> Iterator[list[bytes]]:
    """The output's lines, ``size`` at a time (a large shard is never held whole)."""
    batch: list[bytes] = []
    with open_output(result.output, "rb") as handle:
        for line in handle:
            batch.append(line.rstrip(b"\n"))
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def load_shard(
    store: Store,
    shard: Shard,
    result: ShardResult,
    summary: IngestSummary,
    *,
    ledger_key: str,
    remove: bool,
) -> int:
    """Store the shard's reports and mark it in the ledger; return how many were new.

    A complete output that this version cannot read (written by a worker running another
    version of according) marks the shard failed with the reason: running it again on the
    same cluster would not help, and the reports already loaded stay (a rerun after the
    workers are updated adds the rest)."""
    check_output(result)
    stored = 0
    for lines in iter_batches(result, SAVE_BATCH):
        try:
            batch = [read_report(line) for line in lines]
            new = store.save_report_data(batch)
        except NotAReport as err:
            reason = f"{shard.label}: output {result.output} cannot be loaded ({err})"
            summary.documents_stored += stored
            mark_failed(store, shard, reason, summary, ledger_key=ledger_key)
            return stored
        stored += sum(new)
        if summary.outcomes is not None:
            summary.outcomes.extend(map(StoredReport.of, batch, new))
    documents = result.documents  # what check_output counted
    summary.documents_read += documents
    summary.documents_stored += stored
    summary.duplicates += documents - stored
    summary.skipped.extend((shard.label, reason) for reason in result.errors)
    if result.errors and not documents:
        store.ledger_mark(ledger_key, "skipped", reason=result.errors[0])
    else:
        note: str | None = None
        if result.errors:
            note = f"{len(result.errors)} unreadable: {result.errors[0]}"
        store.ledger_mark(ledger_key, "done", reason=note, documents=documents)
    if remove:
        remove_output(result.output)
    return stored


def mark_failed(
    store: Store, shard: Shard, reason: str, summary: IngestSummary, *, ledger_key: str
) -> None:
    """A shard that could not be processed at all: reported apart from bad input, and
    retried by ``according ingest --retry-failed``."""
    summary.failures.append((shard.label, reason))
    summary.failed += 1
    store.ledger_mark(ledger_key, "failed", reason=reason)
