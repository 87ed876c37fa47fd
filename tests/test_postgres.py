"""The store's own tests, run again on PostgreSQL 15 through psycopg 3; nothing mocked.

The test functions are imported from ``test_store`` and collected here, where the ``store``
and ``shared_store`` fixtures open a PostgreSQL database instead of a SQLite file: one
definition of the expected behaviour, two backends. Behaviour that is SQLite's by nature
(PRAGMAs, file paths, WAL locking) stays in ``test_store`` only.

Start a server with ``export ACCORDING_PG_URL=$(scripts/pg_test_server.sh)``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

PG_URL = os.environ.get("ACCORDING_PG_URL")
if not PG_URL:
    from tests.conftest import missing_service

    missing_service(
        "ACCORDING_PG_URL is unset; run: export ACCORDING_PG_URL=$(scripts/pg_test_server.sh)"
    )

import test_store as base  # noqa: E402  (the SQLite suite: same tests, other backend)

from according.errors import StoreError, StoreNotFound, UsageError  # noqa: E402
from according.store import Store, schema  # noqa: E402

pytestmark = pytest.mark.slow


def reset(url: str) -> None:
    """An empty database: the store must build its schema by migrating, as on first use."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture
def store() -> Iterator[Store]:
    reset(PG_URL)
    with Store(PG_URL) as s:
        assert s.save_reports([base.IRAN, base.IRAQ]) == 2
        yield s


@pytest.fixture(scope="module")
def shared_store() -> Iterator[Store]:
    reset(PG_URL)
    with Store(PG_URL) as s:
        s.save_reports([base.IRAN, base.IRAQ])
        yield s


# Collected here with the fixtures above: the store's behaviour, on PostgreSQL.
test_saving_the_same_document_again_changes_nothing = (
    base.test_saving_the_same_document_again_changes_nothing
)
test_the_stored_report_round_trips_exactly = base.test_the_stored_report_round_trips_exactly
test_the_generation_moves_with_every_change_to_documents_and_only_then = (
    base.test_the_generation_moves_with_every_change_to_documents_and_only_then
)
test_duplicate_event_ids_in_one_report_are_refused_before_writing = (
    base.test_duplicate_event_ids_in_one_report_are_refused_before_writing
)
test_events_come_oldest_first_with_their_document = (
    base.test_events_come_oldest_first_with_their_document
)
test_event_filters = base.test_event_filters
test_injection_and_wildcards_match_nothing = base.test_injection_and_wildcards_match_nothing
test_bad_filters_fail_at_the_call = base.test_bad_filters_fail_at_the_call
test_quote_filters = base.test_quote_filters
test_claim_filters = base.test_claim_filters
test_an_unknown_category_is_refused_with_the_valid_ones = (
    base.test_an_unknown_category_is_refused_with_the_valid_ones
)


def test_a_reader_does_not_make_a_store_of_an_empty_database() -> None:
    """``create=False`` on a database without according's tables: A301, and no tables."""
    reset(PG_URL)
    with pytest.raises(StoreNotFound, match="no according store"):
        Store(PG_URL, create=False)
    engine = sa.create_engine(PG_URL)
    try:
        assert sa.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    with Store(PG_URL) as s:  # a writer makes one, and then a reader opens it
        s.save_report(base.IRAQ)
    with Store(PG_URL, create=False) as s:
        assert base.ids(s.events()) == [base.E3, base.E4]


@settings(max_examples=60, deadline=None)
@given(value=st.text(min_size=1, max_size=30).filter(lambda v: v.strip() and "\x00" not in v))
def test_any_filter_text_is_data_not_sql(shared_store: Store, value: str) -> None:
    """test_store's property minus NUL, which PostgreSQL refuses in text (see below)."""
    before = shared_store.counts()  # test_any_text_round_trips adds reports to this store
    every = set(base.ids(shared_store.events()))
    for field in ("actor", "place", "outlet"):
        assert set(base.ids(shared_store.events(**{field: value}))) <= every
    try:
        assert set(base.ids(shared_store.events(category=value))) <= every
    except UsageError:
        pass  # not one of PLOVER's categories: refused before any SQL
    assert shared_store.counts() == before


@settings(max_examples=25, deadline=None)
@given(extra=st.text(min_size=1, max_size=200).filter(lambda v: "\x00" not in v))
def test_any_text_round_trips(shared_store: Store, extra: str) -> None:
    """test_store's property minus NUL, which PostgreSQL cannot keep in text (see below)."""
    report = base.iran_report(base.IRAN_TEXT + extra)
    shared_store.save_report(report)
    assert shared_store.document(report.document.id) == report


def test_a_nul_in_the_text_is_a_clear_store_error(store: Store) -> None:
    """Readers strip NUL (normalise_text), so only a hand-made Report can carry one;
    PostgreSQL cannot keep it in text, and says so in one line instead of a traceback."""
    from according.errors import StoreError

    report = base.iran_report(base.IRAN_TEXT + " a\x00b")
    with pytest.raises(StoreError):
        store.save_report(report)
    assert not store.has_document(report.document.id)


def test_a_nul_in_a_filter_is_a_usage_error(store: Store) -> None:
    """SQLite matches nothing, PostgreSQL raises; the API refuses NUL before the store."""
    with pytest.raises(UsageError):
        list(store.events(actor="a\x00b"))


def test_it_is_really_postgresql_15_or_newer(store: Store) -> None:
    with store._db.connect() as conn:
        assert conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"
        assert conn.dialect.server_version_info >= (15,)


def test_an_event_id_taken_by_another_document_is_refused_whole(store: Store) -> None:
    """As in test_store, minus the wording: PostgreSQL names the constraint, not the column."""
    from according.errors import StoreError

    clash = base.iran_report(base.IRAN_TEXT + " Clash.")
    clash.events[0] = clash.events[0].model_copy(update={"id": base.E3})
    with pytest.raises(StoreError, match=f"document {clash.document.id}"):
        store.save_report(clash)
    fresh = base.iraq_report(base.IRAQ_TEXT + " New.")
    with pytest.raises(StoreError, match="one of 2 documents"):
        store.save_reports([fresh, clash])
    assert not store.has_document(fresh.document.id)  # one transaction: all or nothing


def test_a_batch_with_the_same_text_twice_stores_it_once(store: Store) -> None:
    assert store.save_reports([base.IRAN, base.IRAN, base.IRAQ]) == 0
    assert store.save_report(base.iran_report(base.IRAN_TEXT + " Updated.")) is True
    assert store.counts()["documents"] == 3


def test_ledger_upserts(store: Store) -> None:
    store.ledger_mark("a.txt", "failed", reason="a.txt: not UTF-8")
    store.ledger_mark("a.txt", "done", documents=3)
    store.ledger_mark("b.html", "skipped", reason="empty")
    assert store.ledger_status("a.txt") == "done"
    assert store.ledger_keys() == {"a.txt", "b.html"}
    assert store.counts()["ledger_done"] == 1
    with pytest.raises(UsageError, match="ledger status"):
        store.ledger_mark("d", "finished")


def test_foreign_keys_are_enforced(store: Store) -> None:
    with store._db.connect() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.execute(sa.insert(schema.event_places).values(event_id="nope", ordinal=0,
                                                          name="X", name_key="x"))  # fmt: skip


def test_reopening_a_current_store_does_not_migrate_again(store: Store) -> None:
    with Store(PG_URL) as again:
        assert again.counts() == store.counts()


def test_concurrent_writers_of_the_same_documents_store_each_once(store: Store) -> None:
    """PostgreSQL has no database-wide write lock: the store's retry path must hold."""
    reports = [base.iran_report(base.IRAN_TEXT + f" Copy {n}.") for n in range(4)]
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with Store(PG_URL) as s:
                s.save_reports(reports)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.counts()["documents"] == 2 + len(reports)


def test_a_read_only_store_reads_and_postgresql_refuses_its_writes(store: Store) -> None:
    with Store(PG_URL, access="read") as reader:
        assert reader.read_only and reader.counts() == store.counts()
        assert len(list(reader.events())) == len(list(store.events()))
        with pytest.raises(StoreError, match="read-only"):
            reader.save_reports([base.iran_report(base.IRAN_TEXT + " Again.")])
        with pytest.raises(StoreError, match="read-only transaction"), reader.read() as conn:
            conn.exec_driver_sql("UPDATE store_state SET value = value + 1")
    with pytest.raises(UsageError, match="SQLite"):
        Store(PG_URL, access="immutable")
