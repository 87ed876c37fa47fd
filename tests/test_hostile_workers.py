"""Resource failures are not bad input: retried once alone, then ``failed`` (A500), left
alone by a rerun and retried by --retry-failed; workers die with their parent; scratch
folders of dead runs go; an unwritable output folder is one A300 line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import according.batch.shards as shards
from according.batch import ingest
from according.batch.workers import SCRATCH_PREFIX, remove_stale_scratch
from according.errors import StoreError
from according.store import Store
from tests.conftest import cli

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Police detained {n} protesters in Isfahan on Sunday, officials said.\n"


def corpus(folder: Path, n: int, bombs: tuple[str, ...] = ()) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(TEXT.format(n=i + 2), encoding="utf-8")
    for name in bombs:
        (folder / name).write_text(TEXT.format(n=99), encoding="utf-8")
    return folder


@pytest.fixture
def hostile_reader(monkeypatch):
    """Files named oom-* raise MemoryError in the worker, kill-* kill it (as the OOM killer
    does). Workers are forked, so they inherit the patch."""
    real = shards._read_path

    def read_path(path: str, *args):
        name = os.path.basename(path)
        if name.startswith("oom-"):
            raise MemoryError
        if name.startswith("kill-"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args)

    monkeypatch.setattr(shards, "_read_path", read_path)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("workers", [1, 2])
def test_memory_error_is_retried_alone_then_failed_not_skipped(tmp_path, hostile_reader, workers):
    folder = corpus(tmp_path / "in", 4, bombs=("oom-1.txt",))
    with Store(tmp_path / "a.db") as store:
        summary = ingest(store, [folder], workers=workers)
        assert summary.documents_stored == 4 and not summary.skipped
        ((label, reason),) = summary.failures
        assert label.endswith("oom-1.txt") and "out of memory, twice" in reason
        assert reason.endswith("[A500]") and "failed (not bad input)" in summary.describe()
        statuses = {store.ledger_status(k) for k in store.ledger_keys()}
        assert statuses == {"done", "failed"}
        again = ingest(store, [folder], workers=workers)
        assert again.failed_before == 1 and not again.failures and again.already_done == 4
        retried = ingest(store, [folder], workers=workers, retry_failed=True)
        assert len(retried.failures) == 1 and retried.failed_before == 0


@pytest.mark.timeout(300)
def test_a_killed_worker_costs_its_neighbours_nothing(tmp_path, hostile_reader):
    folder = corpus(tmp_path / "in", 6, bombs=("kill-1.txt",))
    with Store(tmp_path / "a.db") as store:
        summary = ingest(store, [folder], workers=2)
    assert summary.documents_stored == 6
    ((label, reason),) = summary.failures
    assert label.endswith("kill-1.txt") and "worker process died" in reason


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_workers_exit_when_the_ingest_is_killed(tmp_path):
    folder = corpus(tmp_path / "in", 60)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    parent = subprocess.Popen(
        [sys.executable, "-m", "according", "ingest", str(folder), "--db",
         f"sqlite:///{tmp_path / 'a.db'}", "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.2)
            workers = children_of(parent.pid)
        assert len(workers) >= 2, "the pool never started"
        assert any(n.startswith(SCRATCH_PREFIX) for n in os.listdir(tmp_path))
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(pid) for pid in workers), "workers outlived their parent"
    finally:
        for pid in workers | children_of(parent.pid) | {parent.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    # The killed run's scratch folder is left behind; the next run removes it.
    assert remove_stale_scratch(str(tmp_path))
    assert not any(n.startswith(SCRATCH_PREFIX) for n in os.listdir(tmp_path))


def test_scratch_of_a_live_run_is_kept(tmp_path):
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-abc"
    live.mkdir()
    dead_pid = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
    dead = tmp_path / f"{SCRATCH_PREFIX}{dead_pid}-xyz"
    (dead / "sub").mkdir(parents=True)
    assert remove_stale_scratch(str(tmp_path)) == [dead.name]
    assert live.exists() and not dead.exists()


def test_unwritable_out_dir_is_one_a300_line(tmp_path):
    folder = corpus(tmp_path / "in", 1)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with Store(tmp_path / "a.db") as store, pytest.raises(StoreError) as caught:
        ingest(store, [folder], workers=1, out_dir=blocker / "out")
    assert str(caught.value).startswith(f"--out-dir {blocker / 'out'}: cannot be written")
    done = cli("ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'b.db'}",
               "--workers", "1", "--out-dir", str(blocker / "o"))  # fmt: skip
    assert done.exit_code == 1
    assert done.stderr.strip().splitlines()[-1].endswith("[A300]")
    assert "Traceback" not in done.stderr


def test_unwritable_scratch_and_full_disk_are_a300(tmp_path, monkeypatch):
    import errno
    import tempfile

    folder = corpus(tmp_path / "in", 1)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing" / "tmp"))
    with Store(tmp_path / "a.db") as store, pytest.raises(StoreError) as caught:
        ingest(store, [folder], workers=1)
    assert "no scratch folder can be made" in str(caught.value)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def full(output, lines):
        raise OSError(errno.ENOSPC, "No space left on device", output)

    monkeypatch.setattr(shards, "_write_atomically", full)
    with Store(tmp_path / "b.db") as store, pytest.raises(StoreError) as caught:
        ingest(store, [folder], workers=1)
    assert "No space left on device" in str(caught.value)


@pytest.mark.slow  # the runaway shard is retried alone in a fresh worker process
@pytest.mark.timeout(300)
def test_a_runaway_document_over_its_time_budget_is_a_retryable_failure(tmp_path, monkeypatch):
    from according.pipeline.core import Pipeline
    from according.settings import DEFAULT_SETTINGS

    real = Pipeline.pipe

    def pipe(self, sources):
        sources = list(sources)
        if any("slow" in s.origin for s in sources):
            time.sleep(30)
        return real(self, sources)

    monkeypatch.setattr(Pipeline, "pipe", pipe)
    folder = corpus(tmp_path / "in", 2, bombs=("slow.txt",))
    settings = DEFAULT_SETTINGS.replace(document_time_budget_s=0.5)
    started = time.monotonic()
    with Store(tmp_path / "a.db") as store:
        summary = ingest(store, [folder], workers=1, settings=settings)
    assert time.monotonic() - started < 60
    assert summary.documents_stored == 2
    ((label, reason),) = summary.failures
    assert label.endswith("slow.txt") and "over the time budget of 0.5 s" in reason
    assert reason.endswith("[A500]")


def test_a_shard_is_written_and_loaded_in_pieces(tmp_path, monkeypatch):
    """Reports go to the output as they come and are loaded a batch at a time: a feed of
    many entries is never held whole (100,000 entries took 3.9 GB)."""
    import according.batch.loader as loader
    from according.batch.shards import plan_shards, process_shard
    from according.settings import DEFAULT_SETTINGS

    monkeypatch.setattr(shards, "PIPE_CHUNK", 3)
    monkeypatch.setattr(loader, "SAVE_BATCH", 4)
    items = "".join(
        f"<item><title>R{i}</title><link>https://news.example.org/{i}</link>"
        f"<description>{TEXT.format(n=i + 2)}</description></item>"
        for i in range(10)
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    f"{items}</channel></rss>", encoding="utf-8")  # fmt: skip
    chunks: list[int] = []
    real_pipe = shards._run_chunk

    def run_chunk(pipeline, sources, *args):
        chunks.append(len(sources))
        return real_pipe(pipeline, sources, *args)

    monkeypatch.setattr(shards, "_run_chunk", run_chunk)
    (shard,) = plan_shards([feed])
    result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
    assert chunks == [3, 3, 3, 1] and result.documents == 10
    batches = [len(b) for b in loader.iter_batches(result, loader.SAVE_BATCH)]
    assert batches == [4, 4, 2]
    with Store(tmp_path / "a.db") as store:
        summary = ingest(store, [feed], workers=1)
        assert summary.documents_stored == 10 and store.counts()["documents"] == 10
