"""Decompression bombs in web archives: bounded memory and time, pages before the bomb kept,
the bound reported as what it is (A105), and nothing of warcio's on stderr."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from according.batch import ingest
from according.errors import InputTooLarge
from according.readers import read_input
from according.readers.warc import read_warc
from according.settings import DEFAULT_SETTINGS
from tests.hostile import ARTICLE, nul_gzip_member, page, record_bomb, warc

PAGES = [
    (f"https://news.example.org/{i}", page(f"Report {i}", f"{ARTICLE} Dispatch {i}."))
    for i in range(3)
]


def measured(func):
    """(result, seconds, peak MB of Python allocations)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, time.perf_counter() - started, peak / 1e6


@pytest.mark.slow  # a bound on time at scale: measured where nothing else runs (CI)
def test_nuls_after_the_last_record_stop_at_the_bound_and_keep_the_pages(tmp_path, capfd):
    # 256 MiB of NULs from a quarter-megabyte gzip member: before the bound this took
    # 1.4 GB and 6 s, and printed the NULs to stderr as a warcio warning.
    bomb = warc(PAGES) + nul_gzip_member(256 << 20)
    assert len(bomb) < 400_000
    (docs, errors), seconds, peak_mb = measured(lambda: read_warc(bomb, "bomb.warc.gz"))
    assert [d.origin for d in docs] == [uri for uri, _ in PAGES]
    assert len(errors) == 1 and isinstance(errors[0], InputTooLarge)
    assert str(errors[0]).startswith("bomb.warc.gz: decompressed size over 1 MB")
    assert str(errors[0]).endswith("[A105]")
    assert seconds < 5 and peak_mb < 40
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_whole_file_gzip_bomb_is_bounded_too(tmp_path):
    import gzip

    plain = warc(PAGES, gzipped=False)
    bomb = gzip.compress(plain + bytes(64 << 20), compresslevel=9)
    (docs, errors), seconds, peak_mb = measured(lambda: read_warc(bomb, "whole.warc.gz"))
    assert len(docs) == 3
    assert [e.code for e in errors] == ["A105"]
    assert seconds < 5 and peak_mb < 40


def test_file_bound_stops_inside_a_huge_record_and_keeps_what_came_before():
    settings = DEFAULT_SETTINGS.replace(max_decompressed_bytes=8_000_000)
    after = warc([("https://news.example.org/after", page("After"))])
    bomb = warc(PAGES[:2]) + record_bomb("https://news.example.org/video", 40 << 20) + after
    (docs, errors), _, peak_mb = measured(lambda: read_warc(bomb, "big.warc.gz", settings))
    assert [d.origin for d in docs] == [uri for uri, _ in PAGES[:2]]
    assert [str(e) for e in errors] == [
        "big.warc.gz: decompressed size over 8 MB (settings.max_decompressed_bytes); "
        "the pages before it are kept [A105]"
    ]
    assert peak_mb < 40
    # Under the default bound the same record is read past, and the page after it too.
    docs, errors = read_warc(bomb, "big.warc.gz")
    assert [d.origin for d in docs][-1] == "https://news.example.org/after" and not errors


def test_huge_page_record_is_refused_alone_and_reading_goes_on():
    settings = DEFAULT_SETTINGS.replace(max_input_bytes=1_000_000)
    huge = record_bomb("https://news.example.org/huge", 5 << 20, "text/html")
    data = warc(PAGES[:1]) + huge + warc(PAGES[1:2])
    docs, errors = read_warc(data, "mixed.warc.gz", settings)
    assert [d.origin for d in docs] == [PAGES[0][0], PAGES[1][0]]
    assert [(e.code, e.source) for e in errors] == [("A105", "https://news.example.org/huge")]


def test_archive_that_is_only_a_bomb_is_too_large_not_damaged(tmp_path):
    path = tmp_path / "only.warc.gz"
    path.write_bytes(record_bomb("https://news.example.org/video", 32 << 20))
    settings = DEFAULT_SETTINGS.replace(max_decompressed_bytes=4_000_000)
    with pytest.raises(InputTooLarge) as caught:
        read_input(path, settings=settings)
    assert "decompressed size over 4 MB" in str(caught.value)


def test_warcio_warnings_stay_off_stderr(capfd):
    data = warc(PAGES[:1], gzipped=False) + b"garbage that is no record\r\n\r\n"
    docs, errors = read_warc(data, "junk.warc")
    assert len(docs) == 1 and len(errors) == 1
    assert "\n" not in str(errors[0])
    assert capfd.readouterr().err == ""


def test_ingest_stores_the_pages_before_a_bomb(tmp_path):
    from according.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.warc.gz").write_bytes(warc(PAGES) + nul_gzip_member(64 << 20))
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        summary = ingest(store, [folder], workers=1)
    assert summary.documents_stored == 3
    assert len(summary.skipped) == 1 and "[A105]" in summary.skipped[0][1]
