"""The one loader: shard outputs into the store, then the shard into the ledger.

Only the process that owns the store calls this (SQLite has one writer). The order is
what makes any crash safe: reports are committed first and the shard is marked after,
so a shard is either in the ledger with all its reports stored, or is processed again on
the next run, when the store, which keys documents by content hash, keeps the reports
it already has and adds only the rest. The same document in two shards is stored once
for the same reason.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from according.batch.shards import Shard, ShardResult, open_output, remove_output
from according.store.queries import ReportRows

if TYPE_CHECKING:
    from according.batch.ingest import IngestSummary
    from according.store import Store

SAVE_BATCH = 200  # reports per transaction: few commits, bounded memory


class OutputMissing(Exception):
    """A shard's output is gone or differs from what its worker reported: run it again."""


def read_output(result: ShardResult) -> list[bytes]:
    """The output's lines, after checking them against the worker's own hash.

    A worker that died after renaming, a rerun that replaced the file, or a shared disk
    that lost it would otherwise turn into reports silently missing from the store.
    """
    try:
        with open_output(result.output, "rb") as handle:
            body = handle.read()
    except FileNotFoundError:
        raise OutputMissing(f"{result.output}: output file is missing") from None
    if hashlib.sha256(body).hexdigest() != result.sha256:
        raise OutputMissing(f"{result.output}: output file differs from the worker's")
    lines = body.splitlines()
    if len(lines) != result.documents:
        raise OutputMissing(f"{result.output}: {len(lines)} reports, expected {result.documents}")
    return lines


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
    lines = read_output(result)
    stored = 0
    for start in range(0, len(lines), SAVE_BATCH):
        try:
            batch = [ReportRows.from_json(line) for line in lines[start : start + SAVE_BATCH]]
        except (ValueError, TypeError, AttributeError) as err:  # JSONDecodeError is a ValueError
            reason = f"{shard.label}: output {result.output} cannot be loaded ({err})"
            summary.documents_stored += stored
            mark_failed(store, shard, reason, summary, ledger_key=ledger_key)
            return stored
        stored += store.save_rows(batch)
    summary.documents_read += len(lines)
    summary.documents_stored += stored
    summary.duplicates += len(lines) - stored
    summary.skipped.extend((shard.label, reason) for reason in result.errors)
    if result.errors and not lines:
        store.ledger_mark(ledger_key, "skipped", reason=result.errors[0])
    else:
        reason = None
        if result.errors:
            reason = f"{len(result.errors)} unreadable: {result.errors[0]}"
        store.ledger_mark(ledger_key, "done", reason=reason, documents=len(lines))
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
