"""A time budget per document, so one runaway document cannot hold a worker for hours.

A pathological text (a million names in a row, a quote that never closes) can cost far
more than its length suggests. Past ``Settings.document_time_budget_s`` the run is
interrupted with DocumentTimeout, a resource failure like MemoryError: the engine
retries the shard alone in a fresh worker and then records it as ``failed`` (A500), for
``according ingest --retry-failed`` with a larger budget.

The interruption is SIGALRM, so it only works in a process's main thread (a pool worker,
or an ingest with one worker); elsewhere (the API's threads) the budget does not apply.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(Exception):
    """The run went over its time budget (not the input's fault: retryable)."""


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Raise DocumentTimeout in this block after ``seconds`` (None or 0: no budget)."""
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTimeout(
            f"{what}: over the time budget of {seconds:g} s (settings.document_time_budget_s)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
