"""The local engine's worker processes: what they do when things go wrong around them.

Bad input is the shard's own business (``process_shard`` turns it into reasons). This
module handles what is not the input's fault and must not be recorded as if it were:

- a worker that runs out of memory or time, or is killed (the OOM killer), takes every
  shard it was running with it, bombs and innocent neighbours alike. Each such shard is
  run once more alone, in a fresh process; only if it fails there too is it ``failed``
  (``ResourceFailure``, A500), which ``according ingest --retry-failed`` retries.
- a parent killed with SIGKILL cannot shut its pool down: every worker watches its
  parent and exits when it is gone, instead of holding a loaded model for ever.
- scratch folders of runs that were killed are removed by the next run.
- a scratch folder or ``--out-dir`` that cannot be written is one A300 line, not a
  traceback per shard.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from according.batch.shards import Shard, ShardResult, process_shard
from according.errors import AccordingError, StoreError
from according.settings import Settings

log = logging.getLogger(__name__)

SCRATCH_PREFIX = "according-ingest-"
_WATCH_SECONDS = 1.0
# A full or read-only disk is not the shard's fault and retrying will not help.
_STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT})


@dataclass
class ResourceFailure:
    """A shard that failed twice for want of memory or time, or because its worker died."""

    key: str
    reason: str


def _watch_parent(parent: int) -> None:
    """Exit this worker once its parent is gone (it is re-parented to init or a reaper)."""
    while True:
        time.sleep(_WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def worker_init(parent: int) -> None:
    """Pool initializer: start the parent watch (a daemon thread, so it never blocks)."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, initializer=worker_init, initargs=(os.getpid(),)
    )


def run_shards(
    pending: list[Shard], settings: Settings, out_dir: str, workers: int
) -> Iterator[ShardResult | ResourceFailure]:
    """Results as shards finish; shards whose worker failed come last, retried alone."""
    retry: list[tuple[Shard, BaseException]] = []
    if workers == 1:
        for shard in pending:
            try:
                yield process_shard(shard, settings, out_dir)
            except AccordingError:
                raise
            except Exception as err:  # noqa: BLE001 - MemoryError, the time budget, ...
                retry.append((shard, storage_error(err)))
    else:
        yield from _pooled(pending, settings, out_dir, workers, retry)
    for shard, first in retry:
        yield _alone(shard, settings, out_dir, first)


def _pooled(
    pending: list[Shard],
    settings: Settings,
    out_dir: str,
    workers: int,
    retry: list[tuple[Shard, BaseException]],
) -> Iterator[ShardResult]:
    # Bounded in flight, so a folder of 100,000 files does not queue 100,000 futures.
    queue = iter(pending)
    pool = new_pool(workers)
    running: dict[Future[ShardResult], Shard] = {}
    try:
        while True:
            while len(running) < workers * 4:
                shard = next(queue, None)
                if shard is None:
                    break
                running[pool.submit(process_shard, shard, settings, out_dir)] = shard
            if not running:
                return
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                shard = running.pop(future)
                try:
                    result = future.result()
                except AccordingError:
                    raise
                except BrokenProcessPool as err:
                    broken = True
                    retry.append((shard, err))
                except Exception as err:  # noqa: BLE001 - a resource error in the worker
                    retry.append((shard, storage_error(err)))
                else:
                    yield result
            if broken:
                # Every shard still running went down with the pool: each gets its retry.
                retry.extend(
                    (shard, BrokenProcessPool("worker died")) for shard in running.values()
                )
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool(workers)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _alone(
    shard: Shard, settings: Settings, out_dir: str, first: BaseException
) -> ShardResult | ResourceFailure:
    """The second and last attempt: alone in a fresh process, so nothing else shares it."""
    log.warning("%s: %s; running it again alone", shard.label, describe(first))
    with new_pool(1) as solo:
        try:
            return solo.submit(process_shard, shard, settings, out_dir).result()
        except AccordingError:
            raise
        except Exception as err:  # noqa: BLE001 - failed twice: recorded, not retried now
            failure = storage_error(err)
            reason = (
                f"{shard.label}: {describe(failure)}, twice (the second time alone); "
                "recorded as failed, `according ingest --retry-failed` retries it [A500]"
            )
            return ResourceFailure(shard.key, reason)


def describe(err: BaseException) -> str:
    if isinstance(err, BrokenProcessPool):
        return "its worker process died (killed, or out of memory)"
    if isinstance(err, MemoryError):
        return "out of memory"
    detail = " ".join(str(err).split())[:200]
    return f"{type(err).__name__}: {detail}" if detail else type(err).__name__


def storage_error(err: BaseException) -> BaseException:
    """A full or unwritable disk as the StoreError (A300) it is; anything else as is."""
    if isinstance(err, OSError) and err.errno in _STORAGE_ERRNOS:
        where = f"{err.filename}: " if err.filename else ""
        raise StoreError(
            f"{where}cannot write the shard output ({err.strerror or err}); free space or "
            "choose another --out-dir / TMPDIR"
        ) from None
    return err


def make_scratch(out_dir: str | None) -> tuple[str, tempfile.TemporaryDirectory[str] | None]:
    """The folder shard outputs go to: ``out_dir``, or a scratch folder named after this
    process (so a later run can tell it is dead). Unwritable either way: A300."""
    remove_stale_scratch()
    if out_dir is not None:
        try:
            os.makedirs(out_dir, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".according-probe-")
            probe.close()
        except OSError as exc:
            raise StoreError(
                f"--out-dir {out_dir}: cannot be written ({exc.strerror or exc})"
            ) from None
        return out_dir, None
    try:
        scratch = tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
    except OSError as exc:
        raise StoreError(
            f"{tempfile.gettempdir()}: no scratch folder can be made there "
            f"({exc.strerror or exc}); set TMPDIR to a writable folder or use --out-dir"
        ) from None
    return scratch.name, scratch


def remove_stale_scratch(folder: str | None = None) -> list[str]:
    """Remove scratch folders whose run is dead (its process id no longer exists)."""
    folder = folder or tempfile.gettempdir()
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(SCRATCH_PREFIX):
            continue
        pid = name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
        removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
