"""The Dask engine on a two-worker LocalCluster: a clean run, a rerun, and a worker killed
in the middle. Killing must change nothing: the same documents, each stored once, and the
same malformed pages reported."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from according.batch import ingest
from according.store import Store
from benchmarks.corpus import articles
from benchmarks.scale import article_html, write_warc

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

SHARDS = 6
PER_SHARD = 5  # 4 good pages and 1 without readable text
BROKEN = b"<html><body><script>var x = 1;</script></body></html>"
# Shard 5 repeats shard 0's first article (stored once), shard 3 is cut off in its last
# page (a sixth, which is lost and reported), so 6 * 4 - 1 documents are stored.
EXPECTED_DOCUMENTS = SHARDS * (PER_SHARD - 1) - 1
EXPECTED_REASONS = SHARDS + 1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    texts = articles(SHARDS * PER_SHARD + 1, words=100)
    for s in range(SHARDS):
        pages = [
            (f"https://news.example/{s}/{i}", article_html(f"Report {s}.{i}", texts[s * 5 + i]))
            for i in range(PER_SHARD - 1)
        ]
        pages.insert(2, (f"https://news.example/{s}/broken", BROKEN))
        if s == SHARDS - 1:
            pages[0] = ("https://news.example/again", article_html("Report 0.0", texts[0]))
        if s == 3:
            pages.append(("https://news.example/3/cut", article_html("Cut", texts[-1])))
        path = write_warc(folder / f"{s:02d}.warc", pages, gzip=False)
        if s == 3:
            data = path.read_bytes()
            path.write_bytes(data[: len(data) - 300])
    return folder


@pytest.fixture(scope="module")
def cluster():
    from according.batch.dask_engine import local_cluster

    with local_cluster(2) as running, distributed.Client(running) as client:
        yield running, client


def _reasons(summary) -> list[str]:
    return sorted(reason for _, reason in summary.skipped)


def _dask(store: Store, corpus: Path, cluster, out: Path, **kwargs):
    return ingest(
        store, [corpus], engine="dask", scheduler=cluster[0].scheduler_address,
        out_dir=out, files_per_shard=1, **kwargs,
    )  # fmt: skip


def test_clean_run_then_rerun_skips_every_shard(corpus, cluster, tmp_path, capsys) -> None:
    with Store(tmp_path / "clean.db") as store:
        summary = _dask(store, corpus, cluster, tmp_path / "out")
        counts = store.counts()
        again = _dask(store, corpus, cluster, tmp_path / "out")
        assert store.counts() == counts
    assert summary.documents_stored == EXPECTED_DOCUMENTS == counts["documents"]
    assert summary.duplicates == 1 and summary.shards == SHARDS
    reasons = _reasons(summary)
    assert len(reasons) == EXPECTED_REASONS
    assert sum("without readable text" in r for r in reasons) == SHARDS
    assert any("03.warc" in where and "cut off" in r for where, r in summary.skipped)
    assert counts["ledger_done"] == SHARDS
    assert again.already_done == SHARDS and again.documents_read == 0
    status = capsys.readouterr().err
    assert f"{SHARDS}/{SHARDS} shards" in status and "docs/s" in status and "errors" in status

    with Store(tmp_path / "local.db") as local:
        by_pool = ingest(local, [corpus], workers=1)
        assert local.counts()["documents"] == counts["documents"]
    assert _reasons(by_pool) == reasons


def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(
    corpus, cluster, tmp_path
) -> None:
    _, client = cluster
    with Store(tmp_path / "reference.db") as store:
        reference = _dask(store, corpus, cluster, tmp_path / "ref", progress=lambda *a: None)
        expected = store.counts()

    killed: list[tuple[int, int, int, bool]] = []

    def kill_a_busy_worker(done: int, total: int, stored: int) -> None:
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        targets = busy or list(client.scheduler_info()["workers"])
        pid = client.run(os.getpid, workers=targets[:1])[targets[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append((pid, done, total, bool(busy)))

    with Store(tmp_path / "killed.db") as store:
        summary = _dask(store, corpus, cluster, tmp_path / "out", progress=kill_a_busy_worker)
        assert store.counts() == expected
    assert killed, "no worker was killed"
    (_, done_then, total, had_work) = killed[0]
    assert done_then < total and had_work, "the worker was not killed in the middle of a shard"
    assert summary.documents_stored == EXPECTED_DOCUMENTS and summary.failed == 0
    assert _reasons(summary) == _reasons(reference)


def test_a_lost_output_file_is_processed_again(corpus, cluster, tmp_path, monkeypatch) -> None:
    from according.batch import dask_engine

    real = dask_engine.load_shard
    lost: list[str] = []

    def lose_the_first_output(store, shard, result, summary, **kwargs):
        if not lost:
            lost.append(result.output)
            os.remove(result.output)
        return real(store, shard, result, summary, **kwargs)

    monkeypatch.setattr(dask_engine, "load_shard", lose_the_first_output)
    with Store(tmp_path / "lost.db") as store:
        summary = _dask(store, corpus, cluster, tmp_path / "out", progress=lambda *a: None)
        assert store.counts()["ledger_done"] == SHARDS
    assert lost and summary.documents_stored == EXPECTED_DOCUMENTS and summary.failed == 0


def test_undecodable_file_name_is_stored_under_its_escaped_name(cluster, tmp_path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Police detained forty protesters in Isfahan on Sunday, officials said.\n")
    with Store(tmp_path / "names.db") as store:
        summary = _dask(store, folder, cluster, tmp_path / "out", progress=lambda *a: None)
        again = _dask(store, folder, cluster, tmp_path / "out", progress=lambda *a: None)
    assert summary.documents_stored == 1 and not summary.skipped
    assert again.already_done == 1
