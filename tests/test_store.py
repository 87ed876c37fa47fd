"""The store: reports saved once, read back exactly, filtered the way the CLI promises.

The reports are built by hand from two short dispatches (Iran, November 2019; Iraq,
December 2019) so every expected result below can be checked by reading the text.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import given, settings
from hypothesis import strategies as st

from according.errors import StoreError, StoreNotFound, UsageError
from according.records import (
    AcledType,
    Claim,
    Document,
    Entity,
    Event,
    Hop,
    Outlet,
    PipelineStamp,
    Place,
    Quantity,
    Quote,
    Report,
    Span,
    TimeSpan,
)
from according.store import Store, alembic_config, schema, to_url

IRAN_TEXT = (
    "TEHRAN, November 20, 2019 (Fars) - Protesters blocked roads in Tehran and Shiraz on "
    "Saturday, November 16, after the government raised petrol prices.\n\n"
    "Security forces arrested about 1,000 people in Tehran, Mashhad and Isfahan between "
    "November 17 and 19, Hossein Ashtari, Commander of the Law Enforcement Force, told "
    "reporters.\n\n"
    '"Those who set fire to banks will be dealt with firmly," Ashtari said.\n\n'
    "Amnesty International said over 100 protesters were killed."
)
IRAQ_TEXT = (
    "BAGHDAD, December 2, 2019 (Radio Farda) - Three protesters were killed when Iraqi "
    "security forces opened fire near Tahrir Square in Baghdad on Sunday, December 1, "
    "medics said. Émigré students rallied in a village near Nasiriyah."
)

TEHRAN = {"name": "Tehran", "country": "IR", "admin1": "Tehran", "lat": 35.69439, "lon": 51.42151,
          "geonames_id": 112931}  # fmt: skip
SHIRAZ = {"name": "Shiraz", "country": "IR", "admin1": "Fars", "lat": 29.61031, "lon": 52.53113,
          "geonames_id": 115019}  # fmt: skip
MASHHAD = {"name": "Mashhad", "country": "IR", "admin1": "Razavi Khorasan", "lat": 36.29807,
           "lon": 59.60567, "geonames_id": 124665}  # fmt: skip
ISFAHAN = {"name": "Isfahan", "country": "IR", "admin1": "Isfahan", "lat": 32.65246,
           "lon": 51.67462, "geonames_id": 418863}  # fmt: skip
BAGHDAD = {"name": "Baghdad", "country": "IQ", "admin1": "Baghdad", "lat": 33.34058,
           "lon": 44.40088, "geonames_id": 98182}  # fmt: skip


def doc_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def place(text: str, info: dict, needle: str | None = None, nth: int = 0) -> Place:
    return Place(text=needle or info["name"], feature="city", precision=1,
                 span=span(text, needle or info["name"], nth), **info)  # fmt: skip


def day(text: str, needle: str, start: str, end: str | None = None, **kw) -> TimeSpan:
    return TimeSpan(text=needle, start=start, end=end or start, span=span(text, needle), **kw)


def iran_report(text: str = IRAN_TEXT) -> Report:
    """Fars: a protest in 2 towns, arrests in 3, one direct quote, one claim."""
    did = doc_id(text)
    fars = Hop(kind="document", name="Fars News Agency")
    ashtari = Entity(text="Hossein Ashtari", name="Hossein Ashtari", kind="person",
                     role="Commander of the Law Enforcement Force",
                     affiliation="Law Enforcement Force of the Islamic Republic of Iran",
                     span=span(text, "Hossein Ashtari"))  # fmt: skip
    protest = Event(
        id=f"ev:{did[7:23]}:1", category="PROTEST", mode="demo",
        acled=AcledType(event_type="Protests", sub_event_type="Peaceful protest"),
        actors=[Entity(text="Protesters", name="protesters", kind="group",
                       span=span(text, "Protesters"))],
        places=[place(text, TEHRAN), place(text, SHIRAZ)],
        when=day(text, "Saturday, November 16", "2019-11-16", method="weekday"),
        source=[fars],
        evidence=[span(text, "Protesters blocked roads in Tehran and Shiraz")],
        confidence=0.9,
    )  # fmt: skip
    arrests = Event(
        id=f"ev:{did[7:23]}:2", category="COERCE", mode="arrest",
        acled=AcledType(event_type="Strategic developments", sub_event_type="Arrests"),
        actors=[Entity(text="Security forces", kind="state",
                       name="Law Enforcement Force of the Islamic Republic of Iran")],
        targets=[Entity(text="people", name="protesters", kind="group")],
        places=[place(text, TEHRAN, nth=1), place(text, MASHHAD), place(text, ISFAHAN)],
        when=day(text, "between November 17 and 19", "2019-11-17", "2019-11-19"),
        counts=[Quantity(kind="arrested", value=1000, bound="approx", text="about 1,000 people",
                         span=span(text, "about 1,000 people"))],
        source=[fars, Hop(kind="person", name="Hossein Ashtari", cue="told")],
        evidence=[span(text, "Security forces arrested about 1,000 people")],
        confidence=0.8,
    )  # fmt: skip
    quote = Quote(
        text="Those who set fire to banks will be dealt with firmly", direct=True,
        speaker=ashtari, cue="said",
        source=[fars, Hop(kind="person", name="Hossein Ashtari", cue="said")],
        span=span(text, "Those who set fire to banks will be dealt with firmly"),
    )  # fmt: skip
    claim = Claim(
        text="over 100 protesters were killed", value=100, bound="lower",
        unit="protesters killed", about="the November 2019 protests",
        source=[fars, Hop(kind="organization", name="Amnesty International", cue="said")],
        span=span(text, "over 100 protesters were killed"),
    )  # fmt: skip
    return Report(
        pipeline=PipelineStamp(version="0.1.0", config_hash="sha256:0123456789abcdef"),
        document=Document(
            id=did,
            origin="https://www.farsnews.ir/news/13980829000123",
            outlet=Outlet(name="Fars News Agency", kind="news_agency"),
            title="Rioters arrested",
            text=text,
            page_date="2019-11-20",
            content_date=day(text, "November 20, 2019", "2019-11-20", method="explicit"),
        ),
        events=[protest, arrests],
        quotes=[quote],
        claims=[claim],
        warnings=[],
    )


def iraq_report(text: str = IRAQ_TEXT) -> Report:
    """Radio Farda: deaths in Baghdad; a rally at a place the gazetteer could not pin."""
    did = doc_id(text)
    farda = Hop(kind="document", name="Radio Farda")
    medics = Hop(kind="organization", name="medics", cue="said")
    shooting = Event(
        id=f"ev:{did[7:23]}:1", category="ASSAULT", mode="firearms",
        acled=AcledType(event_type="Violence against civilians", sub_event_type="Attack"),
        actors=[Entity(text="Iraqi security forces", name="Iraqi security forces", kind="state")],
        targets=[Entity(text="protesters", name="protesters", kind="group")],
        places=[place(text, BAGHDAD)],
        when=day(text, "Sunday, December 1", "2019-12-01", method="weekday"),
        counts=[Quantity(kind="fatalities", value=3, text="Three protesters")],
        source=[farda, medics],
        evidence=[span(text, "Three protesters were killed")],
    )  # fmt: skip
    rally = Event(
        id=f"ev:{did[7:23]}:2", category="PROTEST", mode="demo",
        actors=[Entity(text="Émigré students", name="Émigré students", kind="group")],
        places=[Place(text="a village near Nasiriyah", name="Nasiriyah", country="IQ",
                      admin1="Dhi Qar", precision=2)],
        source=[farda],
        evidence=[span(text, "Émigré students rallied")],
    )  # fmt: skip
    claim = Claim(
        text="Three protesters were killed", value=3, unit="protesters killed",
        source=[farda, medics], span=span(text, "Three protesters were killed"),
    )  # fmt: skip
    return Report(
        pipeline=PipelineStamp(version="0.1.0", config_hash="sha256:0123456789abcdef"),
        document=Document(
            id=did,
            origin="https://www.radiofarda.com/a/30302000.html",
            outlet=Outlet(name="Radio Farda"),
            text=text,
            page_date="2019-12-03",
            content_date=day(text, "December 2, 2019", "2019-12-02"),
        ),
        events=[shooting, rally],
        claims=[claim],
    )


IRAN, IRAQ = iran_report(), iraq_report()
E1, E2 = (e.id for e in IRAN.events)  # protest (11-16), arrests (11-17..19)
E3, E4 = (e.id for e in IRAQ.events)  # shooting (12-01), rally (undated: doc 12-02)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "according.db") as s:
        assert s.save_reports([IRAN, IRAQ]) == 2
        yield s


def ids(records) -> list[str]:
    return [r.id for r in records]


# -- saving ---------------------------------------------------------------------------


def test_saving_the_same_document_again_changes_nothing(store):
    before = store.counts()
    assert before["documents"] == 2 and before["events"] == 4 and before["event_places"] == 7
    assert before["quotes"] == 1 and before["claims"] == 2
    assert store.save_report(IRAN) is False
    assert store.save_reports([IRAQ, IRAN, IRAQ]) == 0
    assert store.counts() == before


def test_a_shard_line_gives_the_rows_the_report_gives():
    """A worker writes the Report as one JSON line; the loader's ``read_report`` and the
    rows made from it must be exactly those of the Report saved from Python."""
    from according.store.rows import read_report, report_rows

    for report in (IRAN, IRAQ):
        rows = report_rows(report.model_dump(mode="json"))
        again = report_rows(read_report(report.to_json(indent=None).encode()))
        assert again == rows
        assert rows.events and isinstance(again.events[0]["date_start"], date)
        assert again.document["report"] == report.model_dump(mode="json")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"document": {}}', "format None"),
        (b'{"format": "according/2", "document": {}}', "format 'according/2'"),
    ],
)
def test_a_line_that_is_not_a_report_of_this_format_is_refused(line, why):
    from according.store.rows import NotAReport, read_report

    with pytest.raises(NotAReport, match=why):
        read_report(line)


def test_a_report_without_the_fields_the_rows_need_is_refused_before_writing(store):
    from according.store.rows import NotAReport

    broken = iran_report(IRAN_TEXT + " Broken.").model_dump(mode="json")
    del broken["pipeline"]
    before = store.counts()
    with pytest.raises(NotAReport, match="KeyError: 'pipeline'"):
        store.save_report_data([iraq_report(IRAQ_TEXT + " Fine.").model_dump(mode="json"), broken])
    assert store.counts() == before


def test_saving_report_data_says_which_were_new_in_order(store):
    fresh = iraq_report(IRAQ_TEXT + " Fresh.").model_dump(mode="json")
    batch = [IRAN.model_dump(mode="json"), fresh, fresh]
    assert store.save_report_data(batch) == [False, True, False]
    assert store.document(fresh["document"]["id"]) is not None


def test_the_generation_moves_with_every_change_to_documents_and_only_then(store):
    """The API's response cache trusts this number: equal means the same data."""
    first = store.generation()
    assert store.save_reports([IRAN, IRAQ]) == 0
    store.ledger_mark("some/input.txt", "done", documents=0)
    assert store.generation() == first
    assert store.save_report(iran_report(IRAN_TEXT + " A later line.")) is True
    second = store.generation()
    assert second > first
    with store._write() as conn:  # a writer of its own: a deletion by hand
        conn.execute(sa.delete(schema.documents).where(schema.documents.c.id == doc_id(IRAQ_TEXT)))
    assert store.generation() > second
    assert store.counts()["documents"] == 2


def test_a_batch_with_the_same_text_twice_stores_it_once(tmp_path):
    with Store(tmp_path / "db.sqlite") as s:
        assert s.save_reports([IRAN, IRAN, IRAQ]) == 2
        assert s.save_report(iran_report(IRAN_TEXT + " Updated.")) is True
        assert s.counts()["documents"] == 3


def test_the_stored_report_round_trips_exactly(store):
    assert store.has_document(IRAN.document.id)
    again = store.document(IRAN.document.id)
    assert again == IRAN
    assert again.to_json() == IRAN.to_json()
    assert store.document("sha256:" + "0" * 64) is None
    assert not store.has_document("x' OR 1=1 --")


def test_duplicate_event_ids_in_one_report_are_refused_before_writing(store):
    broken = iran_report(IRAN_TEXT + " Again.")
    broken.events[1] = broken.events[1].model_copy(update={"id": broken.events[0].id})
    with pytest.raises(StoreError, match="occurs twice"):
        store.save_report(broken)
    assert not store.has_document(broken.document.id)


def test_an_event_id_taken_by_another_document_names_the_document(store):
    clash = iran_report(IRAN_TEXT + " Clash.")
    clash.events[0] = clash.events[0].model_copy(update={"id": E3})
    with pytest.raises(StoreError, match=f"events.id.*document {clash.document.id}"):
        store.save_report(clash)
    assert not store.has_document(clash.document.id)
    fresh = iraq_report(IRAQ_TEXT + " New.")
    with pytest.raises(StoreError, match="one of 2 documents"):
        store.save_reports([fresh, clash])
    assert not store.has_document(fresh.document.id)  # one transaction: all or nothing


# -- filters --------------------------------------------------------------------------


def test_events_come_oldest_first_with_their_document(store):
    events = list(store.events())
    assert ids(events) == [E1, E2, E3, E4]
    first = events[0]
    assert first.document_id == IRAN.document.id
    assert first.origin == "https://www.farsnews.ir/news/13980829000123"
    assert first.outlet == "Fars News Agency"
    assert first.document_date == "2019-11-20"
    assert first.places[0].lat == 35.69439


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"category": "PROTEST"}, [E1, E4]),
        ({"category": "protest"}, [E1, E4]),
        ({"category": "SANCTION"}, []),
        ({"place": "IR"}, [E1, E2]),
        ({"place": "iq"}, [E3, E4]),
        ({"place": "tehran"}, [E1, E2]),
        ({"place": "Mashhad"}, [E2]),
        ({"place": "Fars"}, [E1]),  # Shiraz's province
        ({"place": "Nasiriyah"}, [E4]),
        ({"place": "Tehr"}, []),  # places match whole names, not substrings
        ({"place": "Iran"}, [E1, E2]),  # a country's name is its code: all its towns
        ({"place": "IRAQ"}, [E3, E4]),
        ({"place": "Persia"}, [E1, E2]),  # the gazetteer's other names of a country
        ({"place": "Iranian"}, []),  # a demonym is not a place
        ({"actor": "law enforcement"}, [E2]),
        ({"actor": "Security Forces"}, [E2, E3]),  # E2 by its mention, E3 by name
        ({"actor": "émigré"}, [E4]),  # casefolded in Python: SQLite's lower() is ASCII-only
        ({"outlet": "farda"}, [E3, E4]),
        ({"outlet": "FARS NEWS"}, [E1, E2]),
        ({"since": "2019-11-18"}, [E2, E3, E4]),  # E2 runs 11-17..19: overlaps
        ({"until": "2019-11-16"}, [E1]),
        ({"since": "2019-11", "until": "2019-11"}, [E1, E2]),
        ({"since": "2019-12-02"}, [E4]),  # undated event: its document's date
        ({"since": "2020"}, []),
        ({"category": "PROTEST", "place": "IR"}, [E1]),
        ({"category": "PROTEST", "since": "2019-12-01", "outlet": "radio"}, [E4]),
        ({"place": "Tehran", "actor": "protesters", "until": "2019-11-30"}, [E1]),
        ({"limit": 1}, [E1]),
        ({"limit": 0}, []),
        ({"place": "IR", "limit": 5}, [E1, E2]),
    ],
)
def test_event_filters(store, filters, expected):
    assert ids(store.events(**filters)) == expected


@pytest.mark.parametrize("field", ["actor", "place", "outlet"])
@pytest.mark.parametrize("value", ["x' OR 1=1 --", "'; DROP TABLE events; --", "%", "_"])
def test_injection_and_wildcards_match_nothing(store, field, value):
    assert list(store.events(**{field: value})) == []
    assert store.counts()["events"] == 4


@pytest.mark.parametrize("value", ["FOO", "RIOT", "x' OR 1=1 --", "%"])
def test_an_unknown_category_is_refused_with_the_valid_ones(store, value):
    """A typo is not a query that finds nothing: the error lists PLOVER's categories."""
    with pytest.raises(UsageError, match="category: unknown") as err:
        store.events(category=value)
    assert all(name in str(err.value) for name in ("PROTEST", "ASSAULT", "AGREE"))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "last week"}, "since"),
        ({"until": "2019-13-01"}, "until"),
        ({"since": "2019-12-01", "until": "2019-11-01"}, "after"),
        ({"actor": "  "}, "actor"),
        ({"limit": -1}, "limit"),
        ({"since": 2019}, "since"),
    ],
)
def test_bad_filters_fail_at_the_call(store, filters, message):
    with pytest.raises(UsageError, match=message):
        store.events(**filters)  # not iterated: the check must not wait for next()


def test_quote_filters(store):
    (quote,) = store.quotes()
    assert quote.speaker.name == "Hossein Ashtari"
    assert quote.document_id == IRAN.document.id and quote.outlet == "Fars News Agency"
    assert quote.id.startswith("q:") and quote.id == next(store.quotes()).id  # stable
    assert [q.text for q in store.quotes(actor="ashtari")] == [quote.text]
    assert len(list(store.quotes(actor="law enforcement force"))) == 1  # by affiliation
    assert list(store.quotes(since="2019-11-21")) == []  # undated: document is 11-20
    assert len(list(store.quotes(until="2019-11-20", outlet="fars"))) == 1
    assert list(store.quotes(outlet="farda")) == []
    assert list(store.quotes(actor="x' OR 1=1 --")) == []
    assert len(list(store.quotes(place="Isfahan"))) == 1  # from a report with an event there
    assert list(store.quotes(place="IQ")) == []


def test_claim_filters(store):
    assert [c.value for c in store.claims()] == [100, 3]
    assert [c.text for c in store.claims(actor="amnesty")] == ["over 100 protesters were killed"]
    assert [c.value for c in store.claims(actor="MEDICS")] == [3]
    assert [c.value for c in store.claims(since="2019-12-01")] == [3]
    assert [c.outlet for c in store.claims(outlet="radio")] == ["Radio Farda"]
    assert [c.value for c in store.claims(place="Baghdad")] == [3]
    assert [c.value for c in store.claims(place="ir", since="2019-11-01", limit=5)] == [100]


# -- ledger ---------------------------------------------------------------------------


def test_ledger_marks_persist_across_reopen(tmp_path):
    db = tmp_path / "ledger.db"
    with Store(db) as s:
        assert s.ledger_status("a.txt") is None
        s.ledger_mark("a.txt", "failed", reason="a.txt: not UTF-8")
        s.ledger_mark("a.txt", "done", documents=3)
        s.ledger_mark("b.html", "skipped", reason="empty")
        s.ledger_mark("c.warc", "failed", reason="truncated")
    with Store(f"sqlite:///{db}") as s:
        assert s.ledger_status("a.txt") == "done"
        assert s.ledger_keys() == {"a.txt", "b.html", "c.warc"}
        assert s.ledger_keys(status="done") == {"a.txt"}
        assert s.ledger_keys("failed") == {"c.warc"}
        counts = s.counts()
        assert counts["ledger"] == 3 and counts["ledger_done"] == 1
        with pytest.raises(UsageError, match="ledger status"):
            s.ledger_mark("d", "finished")
    with sqlite3.connect(db) as con:
        row = con.execute("select status, reason, documents from ledger where key='a.txt'")
        assert row.fetchone() == ("done", None, 3)


# -- opening and migrating ------------------------------------------------------------


def test_migrations_build_the_schema_on_an_empty_file_and_are_idempotent(tmp_path):
    db = tmp_path / "fresh.db"
    db.touch()  # an empty file is a valid, empty SQLite database
    for _ in range(2):
        with Store(db) as s:
            assert s.counts()["documents"] == 0
    with sqlite3.connect(db) as con:
        assert con.execute("select version_num from alembic_version").fetchall() == [
            ("0005_place_box_index",)
        ]
        assert con.execute("pragma journal_mode").fetchone() == ("wal",)
    engine = sa.create_engine(to_url(db))
    with engine.connect() as conn:  # the migration and the live schema agree exactly
        # The full-text index (FTS5 table, its shadow tables, triggers) lives outside the
        # metadata on purpose: it is SQLite's own, written by migration 0002 alone.
        context = MigrationContext.configure(
            conn,
            opts={"include_name": lambda name, kind, _: not str(name).startswith("documents_fts")},
        )
        assert compare_metadata(context, schema.metadata) == []
    engine.dispose()


def test_an_old_database_is_brought_up_to_date(tmp_path):
    db = tmp_path / "old.db"
    Store(db).close()
    command.downgrade(alembic_config(db), "base")
    with sqlite3.connect(db) as con:
        tables = con.execute("select name from sqlite_master where type='table'").fetchall()
    assert tables == [("alembic_version",)]
    with Store(db) as s:
        assert s.save_report(IRAN) is True


def test_a_database_from_a_newer_version_is_refused_clearly(tmp_path):
    db = tmp_path / "newer.db"
    Store(db).close()
    with sqlite3.connect(db) as con:
        con.execute("update alembic_version set version_num = '0099_future'")
    with pytest.raises(StoreError, match="newer version"):
        Store(db)


@pytest.mark.timeout(10)
def test_opening_a_current_store_does_not_wait_for_a_writer(tmp_path):
    """An export must not queue behind a running ingest just to check the schema."""
    db = tmp_path / "busy.db"
    with Store(db) as s:
        s.save_report(IRAN)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with Store(db) as s:
            assert ids(s.events(place="Shiraz")) == [E1]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_foreign_keys_are_enforced(store):
    with store._db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.insert(schema.event_places).values(event_id="nope", ordinal=0,
                                                              name="X", name_key="x"))  # fmt: skip


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nosuchdb://host/x", "not a database URL|cannot use"),
        ("{tmp}/missing/dir/x.db", "does not exist"),
        ("{tmp}", "is a directory"),
        ("{tmp}/notes.txt", "not a database"),
    ],
)
def test_bad_targets_fail_with_one_line_naming_the_url(tmp_path, target, message):
    (tmp_path / "notes.txt").write_text("this is not a database, just some notes\n" * 50)
    target = target.format(tmp=tmp_path)
    with pytest.raises(StoreError, match=message) as err:
        Store(target)
    assert "\n" not in str(err.value)
    assert str(err.value).startswith(to_url(target))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_directory_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store(folder / "x.db")
    finally:
        folder.chmod(0o755)


def test_a_reader_does_not_create_a_missing_store(tmp_path):
    """``create=False`` (the read-only commands): a mistyped path is an error naming it,
    and no empty store is left behind to answer "0 events" next time."""
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreNotFound) as err:
        Store(missing, create=False)
    assert str(err.value).startswith(f"{missing}: ") and str(err.value).endswith("[A301]")
    assert "\n" not in str(err.value)
    assert not missing.exists() and list(tmp_path.iterdir()) == []

    empty = tmp_path / "empty.db"  # a SQLite file, but not a store: it is not made one
    sqlite3.connect(empty).close()
    with pytest.raises(StoreNotFound):
        Store(empty, create=False)
    with sqlite3.connect(empty) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)

    with Store(tmp_path / "real.db") as s:
        s.save_report(IRAQ)
    with Store(tmp_path / "real.db", create=False) as s:
        assert ids(s.events()) == [E3, E4]


def test_a_password_in_the_url_is_not_shown(tmp_path):
    with pytest.raises(StoreError) as err:
        Store("nosuchdb://user:hunter2@localhost/according")
    assert "hunter2" not in str(err.value)


def test_a_bare_path_is_a_sqlite_file(tmp_path):
    assert to_url("data/x.db") == "sqlite:///data/x.db"
    assert to_url("/srv/x.db") == "sqlite:////srv/x.db"
    assert to_url("postgresql://h/db") == "postgresql://h/db"
    with Store(str(tmp_path / "bare.db")) as s:
        s.save_report(IRAQ)
    assert (tmp_path / "bare.db").exists()


def test_a_closed_store_says_so(tmp_path):
    s = Store(tmp_path / "c.db")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.counts()


def test_two_writers_on_one_file_lose_nothing(tmp_path):
    """Two ingest processes may share a database: BEGIN IMMEDIATE makes them queue."""
    db = tmp_path / "shared.db"
    Store(db).close()
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            with Store(db) as s:
                for i in range(15):
                    text = IRAN_TEXT + f" Dispatch {worker}-{i}."
                    s.save_report(iran_report(text))
                    s.ledger_mark(f"{worker}-{i}", "done", documents=1)
                    list(s.events(limit=3))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(db) as s:
        assert s.counts()["documents"] == 30 and s.counts()["events"] == 60
        assert len(s.ledger_keys("done")) == 30


# -- properties -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("prop") / "p.db") as s:
        s.save_reports([IRAN, IRAQ])
        yield s


@settings(max_examples=60, deadline=None)
@given(value=st.text(min_size=1, max_size=30).filter(lambda v: v.strip() and "\x00" not in v))
def test_any_filter_text_is_data_not_sql(shared_store, value):
    for field in ("actor", "place", "outlet"):
        found = ids(shared_store.events(**{field: value}))
        assert set(found) <= {E1, E2, E3, E4}
    try:
        found = ids(shared_store.events(category=value))
    except UsageError:
        found = []  # not one of PLOVER's categories
    assert set(found) <= {E1, E2, E3, E4}
    assert shared_store.counts()["events"] == 4


def test_a_nul_in_a_filter_is_a_usage_error(shared_store):
    with pytest.raises(UsageError, match="NUL"):
        shared_store.events(actor="a\x00b")


@settings(max_examples=25, deadline=None)
@given(extra=st.text(min_size=1, max_size=200))
def test_any_text_round_trips(shared_store, extra):
    report = iran_report(IRAN_TEXT + extra)
    shared_store.save_report(report)
    assert shared_store.document(report.document.id) == report
