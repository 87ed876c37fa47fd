"""A large archive is ingested in parts: progress per part, and a run stopped in the
middle resumes inside the file instead of starting it again. A per-record gzipped archive
is cut into byte ranges, one gzipped as a single stream (or not gzipped) into windows of
records."""

from __future__ import annotations

import gzip
import itertools

import pytest

import according.batch.split as split
from according.batch import ingest
from according.batch.shards import plan_shards
from according.readers.warc import read_warc
from according.settings import DEFAULT_SETTINGS
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
    # One gzip stream for the whole file cannot be cut into archives: it is read in
    # windows of records instead (see the tests below).
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(warc(PAGES, gzipped=False)))
    assert split.part_ranges(str(whole), part_bytes=100) == [(0, whole.stat().st_size)]
    monkeypatch.setattr(split, "PART_BYTES", len(data) // 5)
    shards = plan_shards([path, whole])
    assert [s.unit for s in shards[: len(ranges)]] == ["bytes"] * len(ranges)
    assert shards[1].label.endswith(f"(bytes {ranges[1][0]}-{ranges[1][1]})")
    windows = [s for s in shards if s.paths == (str(whole),)]
    assert len(windows) >= 2 and {s.unit for s in windows} == {"records"}
    assert windows[-1].end is None and windows[-1].key.endswith("-")


def _origins(path, window=None):
    with open(path, "rb") as handle:
        docs, errors = read_warc(handle, "archive", DEFAULT_SETTINGS, window)
    return [d.origin for d in docs], [str(e) for e in errors]


@pytest.mark.parametrize("gzipped", [True, False], ids=["one-gzip-stream", "uncompressed"])
def test_windows_of_records_hold_every_page_once(tmp_path, gzipped):
    raw = warc(PAGES, gzipped=False)
    path = tmp_path / ("whole.warc.gz" if gzipped else "plain.warc")
    path.write_bytes(gzip.compress(raw) if gzipped else raw)
    whole, errors = _origins(path)
    assert len(whole) == len(PAGES) and not errors
    planned = split.record_windows(str(path), part_bytes=path.stat().st_size // 4)
    assert len(planned) >= 4 and planned[0][0] == 0 and planned[-1][1] is None
    # Any cut points partition the records, not only the planned ones: a record belongs
    # to the window it starts in, so a bad guess of the inflated size loses nothing.
    cuts = [0, 1, 700, 701, 5000, len(raw) // 2, len(raw) + 10, None]
    for windows in (planned, list(itertools.pairwise(cuts))):
        read = [_origins(path, w) for w in windows]
        assert [e for _, errs in read for e in errs] == []
        assert [o for origins, _ in read for o in origins] == whole


def test_a_cut_off_archive_in_windows_reports_the_damage_once(tmp_path):
    raw = warc(PAGES, gzipped=False)
    data = gzip.compress(raw)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    whole, errors = _origins(path)
    assert 0 < len(whole) < len(PAGES) and len(errors) == 1
    windows = split.record_windows(str(path), part_bytes=path.stat().st_size // 5)
    read = [_origins(path, w) for w in windows]
    assert [o for origins, _ in read for o in origins] == whole
    assert [e for _, errs in read for e in errs] == errors


@pytest.mark.parametrize("gzipped", ["per-record", "one-stream"])
def test_an_interrupted_ingest_resumes_inside_the_archive(tmp_path, monkeypatch, gzipped):
    path = tmp_path / "in" / "big.warc.gz"
    path.parent.mkdir()
    data = warc(PAGES)
    if gzipped == "one-stream":  # read in windows of records: resumes the same way
        data = gzip.compress(warc(PAGES, gzipped=False))
    path.write_bytes(data)
    monkeypatch.setattr(split, "PART_BYTES", len(data) // 4)
    seen: list[tuple[int, int, int]] = []

    def stop_after_two(done: int, total: int, stored: int) -> None:
        seen.append((done, total, stored))
        if done == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "a.db") as store:
        first = ingest(store, [path.parent], workers=1, progress=stop_after_two)
        assert first.interrupted and 0 < first.documents_stored < len(PAGES)
        total_parts = seen[0][1]
        assert total_parts >= 4
        again = ingest(store, [path.parent], workers=1)
        assert again.parts_done == 2 and not again.skipped
        assert first.documents_stored + again.documents_stored == len(PAGES)
        assert store.counts()["documents"] == len(PAGES)
        keys = store.ledger_keys(status="done")
    mark = "#bytes=" if gzipped == "per-record" else "#records="
    assert len(keys) == total_parts and all(mark in k for k in keys)
