"""Ingest files and folders into a Store: parallel, resumable, never losing work.

Workers read and run the pipeline; only the parent writes to the store (SQLite has one
writer). Each input file has a ledger key made of its path, size and modification time.
A file is marked done only after its reports are committed, and a document already
stored is never stored again, so an ingest killed at any point resumes with nothing lost
and nothing twice: the file in flight is simply read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from according.errors import AccordingError
from according.records import Report
from according.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from according.store import Store

# Called after each file: (files done, files total, documents stored so far).
ProgressHook = Callable[[int, int, int], None]


@dataclass
class IngestSummary:
    files: int = 0
    already_done: int = 0
    documents_read: int = 0
    documents_stored: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

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


def ledger_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def read_file_reports(path: str, settings: Settings) -> tuple[str, list[str] | None, str | None]:
    """Worker task: one input file to Reports (as JSON, cheap to send between processes).

    Returns (path, reports, None) or (path, None, one-line reason). Never raises for bad
    input, so one bad file cannot stop a batch.
    """
    from according.pipeline.core import get_pipeline
    from according.readers import read_input

    try:
        sources = read_input(path, settings=settings)
        reports = [r.to_json(indent=None) for r in get_pipeline(settings).pipe(sources)]
    except AccordingError as err:
        return path, None, str(err)
    except Exception as err:  # noqa: BLE001 - a batch reports and goes on, whatever broke
        return path, None, f"{path}: unexpected {type(err).__name__}: {err} [A999]"
    return path, reports, None


def ingest(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    workers: int | None = None,
    progress: ProgressHook | None = None,
) -> IngestSummary:
    from according.readers.walk import iter_input_files

    summary = IngestSummary()
    done_keys = store.ledger_keys(status="done") | store.ledger_keys(status="skipped")
    pending: list[tuple[str, str]] = []
    for file in iter_input_files(paths):
        summary.files += 1
        key = ledger_key(file)
        if key in done_keys:
            summary.already_done += 1
        else:
            pending.append((str(file), key))
    keys = dict(pending)
    total = len(pending)
    workers = max(1, min(workers or os.cpu_count() or 1, total or 1))
    finished = 0
    try:
        for path, reports, error in _run(pending, settings, workers):
            _record(store, summary, path, keys[path], reports, error)
            finished += 1
            if progress is not None:
                progress(finished, total, summary.documents_stored)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _record(
    store: Store,
    summary: IngestSummary,
    path: str,
    key: str,
    reports: list[str] | None,
    error: str | None,
) -> None:
    if error is not None or reports is None:
        reason = error or f"{path}: no reports"
        summary.skipped.append((path, reason))
        store.ledger_mark(key, "skipped", reason=reason)
        return
    parsed = [Report.from_json(r) for r in reports]
    stored = store.save_reports(parsed)
    summary.documents_read += len(parsed)
    summary.documents_stored += stored
    summary.duplicates += len(parsed) - stored
    store.ledger_mark(key, "done", documents=len(parsed))


def _run(
    pending: list[tuple[str, str]], settings: Settings, workers: int
) -> Iterator[tuple[str, list[str] | None, str | None]]:
    if workers == 1:
        for path, _ in pending:
            yield read_file_reports(path, settings)
        return
    # Bounded in flight, so a folder of 100,000 files does not queue 100,000 futures.
    queue = iter(pending)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running: set[Future[tuple[str, list[str] | None, str | None]]] = set()
        try:
            while True:
                while len(running) < workers * 4:
                    item = next(queue, None)
                    if item is None:
                        break
                    running.add(pool.submit(read_file_reports, item[0], settings))
                if not running:
                    return
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
