"""process_shard and the loader on their own: no cluster, one process."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from according.batch import Upload, ingest
from according.batch.ingest import IngestSummary
from according.batch.loader import OutputMissing, load_shard
from according.batch.shards import Shard, file_key, plan_shards, process_shard
from according.errors import EmptyInput
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


def test_an_upload_is_a_shard_of_its_own_and_read_from_memory(tmp_path: Path) -> None:
    upload = Upload(GOOD[0].encode(), "api:upload", content_type="text/plain", outlet="Reuters")
    shards = plan_shards([upload])
    assert [s.upload for s in shards] == [upload] and shards[0].key == upload.key
    assert upload.key != Upload(GOOD[0].encode(), "api:upload").key  # what was said counts
    result = process_shard(shards[0], DEFAULT_SETTINGS, tmp_path / "out")
    ((line,),) = [Path(result.output).read_text("utf-8").splitlines()]
    assert json.loads(line)["document"]["outlet"]["name"] == "Reuters"
    assert result.documents == 1 and not result.errors


def test_an_unreadable_upload_is_a_reason_or_with_strict_its_error(tmp_path: Path) -> None:
    (shard,) = plan_shards([Upload(b"", "api:upload")])
    result = process_shard(shard, DEFAULT_SETTINGS, tmp_path / "out")
    assert result.documents == 0 and "[A101]" in result.errors[0]
    with pytest.raises(EmptyInput):
        process_shard(shard, DEFAULT_SETTINGS, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()  # nothing written


def test_uploads_are_ingested_with_the_ledger_and_their_outcomes(tmp_path: Path) -> None:
    """The HTTP API's way in: read whatever the ledger says (the sender waits for the
    records), marked in the ledger, and each report's fate listed in order."""
    upload = Upload(GOOD[0].encode(), "api:upload")
    with Store(tmp_path / "u.db") as store:
        first = ingest(store, [upload], workers=1, errors="raise", outcomes=True)
        again = ingest(store, [upload], workers=1, errors="raise", outcomes=True)
        assert store.ledger_status(upload.key) == "done"
        assert store.counts()["ledger_done"] == 1 and store.counts()["documents"] == 1
        with pytest.raises(EmptyInput):
            ingest(store, [Upload(b"", "api:empty")], workers=1, errors="raise")
        assert store.ledger_status(Upload(b"", "api:empty").key) == "skipped"
    ((stored,),) = [first.outcomes]
    assert stored.new and stored.events >= 1 and stored.id.startswith("sha256:")
    assert again.outcomes == [replace(stored, new=False)]
    assert first.documents_stored == 1 and again.duplicates == 1
    assert ingest.__module__ == "according.batch.ingest"


def test_errors_raise_needs_the_local_engine(tmp_path: Path) -> None:
    from according.errors import UsageError

    with Store(tmp_path / "e.db") as store:
        with pytest.raises(UsageError, match="errors='raise' needs engine='local'"):
            ingest(store, [], engine="dask", errors="raise")
        with pytest.raises(UsageError, match="errors must be one of skip, raise"):
            ingest(store, [], errors="ignore")


def test_local_engine_reports_each_bad_archive_page(warc: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "l.db") as store:
        summary = ingest(store, [warc], workers=1)
        again = ingest(store, [warc], workers=1)
    assert summary.documents_stored == 2 and len(summary.skipped) == 1
    assert again.already_done == 1 and again.documents_read == 0
