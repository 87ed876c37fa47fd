"""A large feed is ingested in parts of entries: progress per part, the parts spread over
workers, and a run stopped in the middle resumes inside the feed, storing what a clean
run stores and nothing twice. Every feed is built in the test's temporary folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import according.batch.feed_split as feed_split
from according.batch import ingest
from according.batch.shards import file_key, plan_shards
from according.readers.feeds import read_feed
from according.store import Store

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    "<title>Lakeside Wire</title><link>https://wire.example/</link>"
    "<language>en-gb</language>\n"
)
TAIL = "</channel></rss>\n"


def item(i: int, *, link: bool = True, text: bool = True) -> str:
    body = (
        f"Police detained {i + 2} protesters outside the parliament in Nairobi on Monday, "
        f"June {1 + i % 28}, 2024, the interior ministry said. (Dispatch {i}.)"
    )
    return (
        f"<item><title>Dispatch {i} &amp; more</title>"
        + (f"<link>https://wire.example/{i}</link>" if link else "")
        + f"<pubDate>Mon, {1 + i % 28:02d} Jun 2024 08:00:00 GMT</pubDate>"
        + (f"<description>{escape(body)}</description>" if text else "")
        + "</item>\n"
    )


def feed(n: int, **odd: set[int]) -> bytes:
    """``n`` entries; those in ``odd["unlinked"]`` have no link, in ``odd["empty"]`` no text."""
    items = [
        item(i, link=i not in odd.get("unlinked", set()), text=i not in odd.get("empty", set()))
        for i in range(n)
    ]
    return (HEAD + "".join(items) + TAIL).encode("utf-8")


def test_entries_are_found_past_comments_cdata_and_nesting() -> None:
    data = (
        b"<rss><channel><title>T</title><items/>\n<item>a<![CDATA[ </item> <item> ]]></item>"
        b"\n<!-- <item> not one </item> -->\n<item/>\n<item><x><item>inner</item></x></item>"
        b"</channel></rss>"
    )
    ranges = feed_split.entry_ranges(data)
    assert ranges is not None
    assert [data[a:b][:8] for a, b in ranges] == [b"<item>a<", b"<item/>", b"<item><x"]
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:lang="en"></entry>'
    atom += b'<atom:entry a=">"/></feed>'
    ranges = feed_split.entry_ranges(atom)
    assert ranges is not None
    assert [atom[a:b] for a, b in ranges] == [
        b'<entry xml:lang="en"></entry>',
        b'<atom:entry a=">"/>',
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><item>a</item><title>between</title><item>b</item></channel></rss>",
        b"<rss><channel><item>a</item><item>b</channel></rss>",
        b"<rss><channel><item>a</entry></channel></rss>",
        b'<!DOCTYPE rss [<!ENTITY e "<item>x</item>">]><rss><channel>&e;</channel></rss>',
        b"<rss><channel><item>a<!-- cut off </item></channel></rss>",
        "<rss><channel><item>a</item></channel></rss>".encode("utf-16"),
        b"<rss><channel><title>no entries</title></channel></rss>",
    ],
    ids=["text-between", "unclosed", "mismatched", "dtd-subset", "open-comment", "utf16", "none"],
)
def test_a_feed_whose_entries_are_not_certain_is_not_cut(data: bytes) -> None:
    assert feed_split.entry_ranges(data) is None


def test_parts_read_as_the_whole_feed_reads() -> None:
    data = feed(40, unlinked={3, 17, 18}, empty={5, 21})
    whole = read_feed(data, "wire.xml")
    assert len(whole) == 38
    ranges = feed_split.entry_ranges(data)
    assert ranges is not None and len(ranges) == 40
    parts = []
    for first in range(0, 40, 7):
        last = min(first + 7, 40)
        piece = feed_split.read_part(data, "wire.xml", first, last)
        parts += read_feed(piece, "wire.xml", entries_before=first)
    assert parts == whole  # same texts, titles, dates, outlet, language and origins
    assert [d.origin for d in whole if d.url is None] == [
        "wire.xml#4", "wire.xml#18", "wire.xml#19"
    ]  # fmt: skip
    # A part whose entries have no text is no error; a whole feed without text is.
    empty = feed(3, empty={0, 1, 2})
    assert read_feed(empty, "e.xml", entries_before=6) == []
    with pytest.raises(Exception, match="no entries with text"):
        read_feed(empty, "e.xml")


def test_a_large_feed_is_planned_in_parts_and_a_small_one_is_not(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(feed_split, "SCAN_BYTES", 1000)
    monkeypatch.setattr(feed_split, "PART_ENTRIES", 25)
    (tmp_path / "big.xml").write_bytes(feed(60))
    (tmp_path / "small.xml").write_bytes(feed(25))
    (tmp_path / "page.html").write_bytes(b"<html><body>" + b"<p>x</p>" * 500 + b"</body></html>")
    shards = plan_shards([tmp_path])
    big = [s for s in shards if s.paths[0].endswith("big.xml")]
    assert [(s.unit, s.start, s.end) for s in big] == [
        ("entries", 0, 25), ("entries", 25, 50), ("entries", 50, 60)
    ]  # fmt: skip
    assert big[1].label.endswith("big.xml (entries 26-50)") and "#entries=25-50" in big[1].key
    others = [s for s in shards if not s.paths[0].endswith("big.xml")]
    assert [s.unit for s in others] == ["", ""]
    assert plan_shards([tmp_path]) == shards  # the same plan every time
    monkeypatch.setattr(feed_split, "SCAN_BYTES", 10**9)  # too small to be looked into
    assert len(plan_shards([tmp_path / "big.xml"])) == 1


def test_a_feed_stored_whole_before_counts_as_done_in_parts(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(feed_split, "SCAN_BYTES", 1000)
    monkeypatch.setattr(feed_split, "PART_ENTRIES", 25)
    path = tmp_path / "big.xml"
    path.write_bytes(feed(60))
    with Store(tmp_path / "s.db") as store:
        store.ledger_mark(file_key(path), "done", documents=60)  # as an older version did
        summary = ingest(store, [path], workers=1)
    assert summary.shards == 3 and summary.parts_done == 3 and summary.documents_read == 0
    assert "1 files done before, 3 parts of large files done before" in summary.describe()


def store_rows(db: Path) -> dict[str, list[tuple]]:
    """What a store holds, row by row, without the times of ingest."""
    with sqlite3.connect(db) as con:
        return {
            "documents": con.execute(
                "select id, origin, title, outlet, page_date from documents order by id"
            ).fetchall(),
            "events": con.execute(
                "select id, document_id, category from events order by id"
            ).fetchall(),
            "quotes": con.execute("select count(*) from quotes").fetchall(),
            "claims": con.execute("select count(*) from claims").fetchall(),
        }


@pytest.mark.slow
def test_a_feed_stopped_after_one_part_resumes_to_the_clean_store(tmp_path, monkeypatch) -> None:
    entries = 240
    monkeypatch.setattr(feed_split, "SCAN_BYTES", 1000)
    monkeypatch.setattr(feed_split, "PART_ENTRIES", 60)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.xml").write_bytes(feed(entries, unlinked={7, 130}, empty={61}))
    stored = entries - 1

    with Store(tmp_path / "clean.db") as store:
        clean = ingest(store, [folder], workers=2)
        assert clean.shards == 4 and clean.documents_stored == stored and not clean.skipped

    seen: list[tuple[int, int, int]] = []

    def stop_after_one(done: int, total: int, docs: int) -> None:
        seen.append((done, total, docs))
        raise KeyboardInterrupt  # as Ctrl-C after the first part is stored and marked

    with Store(tmp_path / "resumed.db") as store:
        first = ingest(store, [folder], workers=1, progress=stop_after_one)
        assert first.interrupted and seen == [(1, 4, 60)]
        assert store.counts()["documents"] == 60
        again = ingest(store, [folder], workers=1, progress=lambda *a: seen.append(a))
        assert again.parts_done == 1 and not again.interrupted and not again.skipped
        assert [s[:2] for s in seen[1:]] == [(1, 3), (2, 3), (3, 3)]
        assert again.documents_stored == stored - 60 and again.duplicates == 0
        keys = store.ledger_keys(status="done")
    assert sorted(k.rsplit("#", 1)[1] for k in keys) == [
        "entries=0-60", "entries=120-180", "entries=180-240", "entries=60-120"
    ]  # fmt: skip
    expected = store_rows(tmp_path / "clean.db")
    assert len(expected["events"]) >= stored  # every entry tells of detentions
    assert store_rows(tmp_path / "resumed.db") == expected
    origins = [row[1] for row in expected["documents"]]
    assert len(origins) == len(set(origins)) == stored
    assert {f"{folder / 'wire.xml'}#8", f"{folder / 'wire.xml'}#131"} <= set(origins)
