"""A large per-record gzipped archive is ingested in parts: progress per part, and a run
stopped in the middle resumes inside the file instead of starting it again."""

from __future__ import annotations

import gzip
import itertools

import according.batch.split as split
from according.batch.shards import plan_shards
from according.store import Store
from tests.hostile import ARTICLE, page, warc

PAGES = [
    (f"https://news.example.org/{i}", page(f"Report {i}", f"{ARTICLE} Dispatch number {i}."))
    for i in range(24)
]


def test_parts_are_whole_archives_cut_at_record_members(tmp_path, monkeypatch):
    path = tmp_path / "big.warc.gz"
    data = warc(PAGES)
    path.write_bytes(data)
    ranges = split.part_ranges(str(path), part_bytes=len(data) // 5)
    assert len(ranges) >= 4
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    for start, end in ranges:  # each part is a complete archive of its own
        assert gzip.decompress(data[start:end]).startswith(b"WARC/")
    # One gzip stream for the whole file cannot be cut: it stays one shard.
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(warc(PAGES, gzipped=False)))
    assert split.part_ranges(str(whole), part_bytes=100) == [(0, whole.stat().st_size)]
    monkeypatch.setattr(split, "PART_BYTES", len(data) // 5)
    shards = plan_shards([path, whole])
    assert len(shards) == len(ranges) + 1
    assert shards[1].label.endswith(f"(bytes {ranges[1][0]}-{ranges[1][1]})")


def test_an_interrupted_ingest_resumes_inside_the_archive(tmp_path, monkeypatch):
    path = tmp_path / "in" / "big.warc.gz"
    path.parent.mkdir()
    data = warc(PAGES)
    path.write_bytes(data)
    monkeypatch.setattr(split, "PART_BYTES", len(data) // 4)
    seen: list[tuple[int, int, int]] = []

    def stop_after_two(done: int, total: int, stored: int) -> None:
        seen.append((done, total, stored))
        if done == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "a.db") as store:
        first = store.ingest([path.parent], workers=1, progress=stop_after_two)
        assert first.interrupted and 0 < first.documents_stored < len(PAGES)
        total_parts = seen[0][1]
        assert total_parts >= 4
        again = store.ingest([path.parent], workers=1)
        assert again.parts_done == 2 and not again.skipped
        assert first.documents_stored + again.documents_stored == len(PAGES)
        assert store.counts()["documents"] == len(PAGES)
        keys = store.ledger_keys(status="done")
    assert len(keys) == total_parts and all("#bytes=" in k for k in keys)
