"""process_shard and the loader on their own: no cluster, one process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from according.batch.ingest import IngestSummary, ingest
from according.batch.loader import OutputMissing, load_shard
from according.batch.shards import Shard, file_key, plan_shards, process_shard
from according.settings import DEFAULT_SETTINGS
from according.store import Store
from benchmarks.scale import article_html, write_warc

GOOD = [
    "Police detained 40 activists in Minsk on Sunday, the interior ministry said. "
    "Protesters had gathered outside the parliament building.",
    "The defence minister resigned on Tuesday after a vote of no confidence, "
    "according to state television.",
]
BROKEN = b"<html><body><script>var x = 1;</script></body></html>"


@pytest.fixture()
def warc(tmp_path: Path) -> Path:
    pages = [
        (f"https://news.example/{i}", article_html(f"Story {i}", t)) for i, t in enumerate(GOOD)
    ]
    pages.insert(1, ("https://news.example/broken", BROKEN))
    return write_warc(tmp_path / "a.warc.gz", pages)


def test_a_warc_shard_becomes_jsonl_and_a_ledger_entry(warc: Path, tmp_path: Path) -> None:
    shard = plan_shards([warc])[0]
    result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
    assert result.key == file_key(warc) and result.files == 1
    assert result.documents == 2 and len(result.document_ids) == 2
    lines = Path(result.output).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == result.document_ids
    assert all(i.startswith("sha256:") for i in result.document_ids)
    (reason,) = result.errors
    assert "news.example/broken" in reason and "without readable text" in reason
    assert "\n" not in reason
    assert not list((tmp_path / "out").glob("*.part"))


def test_fsspec_url_reads_the_same_documents(warc: Path, tmp_path: Path) -> None:
    (shard,) = plan_shards([f"file://{warc}"])
    assert shard.paths == (f"file://{warc}",)
    by_url = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "u")
    by_path = process_shard(plan_shards([warc])[0], DEFAULT_SETTINGS, tmp_path / "p")
    assert by_url.document_ids == by_path.document_ids


def test_small_files_are_grouped_and_archives_stand_alone(warc: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"{GOOD[0]} Dispatch {i}.", encoding="utf-8")
    os.link(warc, folder / "z.warc.gz")
    shards = plan_shards([folder], files_per_shard=2)
    assert [len(s.paths) for s in shards] == [2, 2, 1, 1]
    assert [s.paths for s in shards if s.paths[0].endswith(".warc.gz")] == [
        (str(folder / "z.warc.gz"),)
    ]
    assert [s.key for s in plan_shards([folder], files_per_shard=2)] == [s.key for s in shards]
    (folder / "0.txt").write_text("changed", encoding="utf-8")
    assert plan_shards([folder], files_per_shard=2)[0].key != shards[0].key


def test_unreadable_file_is_a_reason_not_an_exception(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = process_shard(Shard(key="k", paths=(str(empty), str(tmp_path / "gone.txt"))),
                           DEFAULT_SETTINGS, tmp_path / "out")  # fmt: skip
    assert result.documents == 0 and len(result.errors) == 2
    assert "empty.txt" in result.errors[0] and "gone.txt" in result.errors[1]


def test_loader_refuses_a_torn_output_and_stores_each_document_once(
    warc: Path, tmp_path: Path
) -> None:
    shard = plan_shards([warc])[0]
    result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
    with Store(tmp_path / "s.db") as store:
        summary = IngestSummary()
        Path(result.output).write_text("", encoding="utf-8")
        with pytest.raises(OutputMissing):
            load_shard(store, shard, result, summary, ledger_key="x", remove=False)
        result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
        load_shard(store, shard, result, summary, ledger_key="x", remove=False)
        load_shard(store, shard, result, summary, ledger_key="x", remove=True)
        assert summary.documents_stored == 2 and summary.duplicates == 2
        assert store.ledger_status("x") == "done" and not Path(result.output).exists()


def test_an_output_of_another_version_fails_its_shard_with_the_reason(
    warc: Path, tmp_path: Path
) -> None:
    """A worker on another according version writes Reports of a format this store does
    not read: the shard is marked failed, saying why, and nothing half-read is stored."""
    import hashlib

    shard = plan_shards([warc])[0]
    result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
    reports = [json.loads(line) for line in Path(result.output).read_text("utf-8").splitlines()]
    reports[-1]["format"] = "according/2"
    body = "".join(json.dumps(r) + "\n" for r in reports).encode()
    Path(result.output).write_bytes(body)
    result.sha256 = hashlib.sha256(body).hexdigest()
    with Store(tmp_path / "v.db") as store:
        summary = IngestSummary()
        assert load_shard(store, shard, result, summary, ledger_key="x", remove=False) == 0
        assert store.ledger_status("x") == "failed" and store.counts()["documents"] == 0
    ((_label, reason),) = summary.failures  # listed apart from bad input
    assert not summary.skipped
    assert "cannot be loaded" in reason and "according/2" in reason and summary.failed == 1


def test_a_shard_output_is_reports_in_record_format(warc: Path, tmp_path: Path) -> None:
    """The shard format is the record format, not the store's tables: each line reads
    back as the Report the pipeline made."""
    from according.records import Report

    result = process_shard(plan_shards([warc])[0], DEFAULT_SETTINGS, tmp_path / "out")
    lines = Path(result.output).read_text("utf-8").splitlines()
    reports = [Report.from_json(line) for line in lines]
    assert [r.document.id for r in reports] == result.document_ids
    assert all(r.format == "according/1" for r in reports) and reports[0].events


def test_local_engine_reports_each_bad_archive_page(warc: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "l.db") as store:
        summary = ingest(store, [warc], workers=1)
        again = ingest(store, [warc], workers=1)
    assert summary.documents_stored == 2 and len(summary.skipped) == 1
    assert again.already_done == 1 and again.documents_read == 0
