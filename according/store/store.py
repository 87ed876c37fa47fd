"""The record store: reports in, filtered events / quotes / claims out, plus the ingest ledger.

SQLAlchemy Core over SQLite by default, kept portable to PostgreSQL (generic types, no
dialect-specific SQL outside the SQLite connection setup). Opening a store migrates it to
the newest schema, so a database written by an older version keeps working.

SQLite notes: WAL lets exports read while an ingest writes; writes start with
``BEGIN IMMEDIATE`` so two ingest processes queue on the busy timeout instead of
failing half-way when a read lock cannot be upgraded to a write lock. A store opened
read-only (``access``, ``according.store.sqlite``) writes nothing at all, not even that.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from according.errors import StoreError, StoreNotFound, UsageError
from according.records.model import Claim, Event, Quote, Report
from according.store import queries as q
from according.store import rows, sqlite
from according.store import schema as t

DEFAULT_URL = "sqlite:///according.db"
LEDGER_STATUSES = ("done", "skipped", "failed")
_MIGRATIONS = Path(__file__).with_name("migrations")
_IN_CHUNK = 500  # ids per IN (...): well under SQLite's bound-parameter limit
_WRITE = sqlite.WRITE_OPTION
_NO_STORE = "no according store here; `according ingest FILES --db ...` creates one"
_GENERATION = sa.select(t.store_state.c.value).where(t.store_state.c.name == "generation")


def to_url(target: str | os.PathLike[str]) -> str:
    """A bare path (``data/iran.db``) means a SQLite file; anything with ``://`` is a URL."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser())


def _one_line(exc: BaseException) -> str:
    """DBAPI errors carry the SQL and a help link on further lines; users need the cause."""
    cause = getattr(exc, "orig", None) or exc
    text = str(cause).strip().splitlines()
    return text[0] if text else type(cause).__name__


def alembic_config(url: str | None = None) -> Config:
    """Alembic settings without an ini file, for ``Store`` and for migration authors:

    cfg = alembic_config("sqlite:///dev.db")
    command.revision(cfg, message="add x", rev_id="0002_add_x", autogenerate=True)
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", to_url(url).replace("%", "%%"))  # ini escaping
    return cfg


def _check_status(status: str) -> None:
    if status not in LEDGER_STATUSES:
        choices = ", ".join(LEDGER_STATUSES)
        raise UsageError(f"ledger status must be one of {choices}, not {status!r}")


def _json_text(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def _check_exists(database: str, shown: str) -> None:
    """A reader's store must be there already: a plain path that does not exist is
    ``StoreNotFound`` (a ``file:`` URI or memory is left to SQLite)."""
    if database and database != ":memory:" and not database.startswith("file:"):
        if not Path(database).exists():
            raise StoreNotFound(_NO_STORE, source=shown)


def _utcnow() -> datetime:
    """Naive UTC: SQLite's DATETIME has no zone, and the two backends must agree."""
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A database of reports. Use as a context manager, or call ``close()``.

    ``create=False`` is for callers that only read: a store that does not exist (no
    SQLite file, or a database without according's tables) raises ``StoreNotFound``
    and nothing is created, so a mistyped ``--db`` is not answered with "0 events".

    ``access``: "write" (the default: migrated to the newest schema on opening),
    "read" (nothing written, not even a migration; every write refused), "immutable"
    (read-only, and SQLite takes no locks: for a file nothing changes while it is open)
    or "auto" (write when the SQLite file can be written, else read). See
    ``according.store.sqlite``. A ``file:`` URI with ``mode=ro`` or ``immutable=1`` is
    read-only whatever ``access`` says.
    """

    def __init__(
        self,
        url: str | os.PathLike[str] = DEFAULT_URL,
        *,
        create: bool = True,
        access: str = "write",
    ) -> None:
        self.url = to_url(url)
        self._shown = self.url
        try:
            parsed = sa.make_url(self.url)
            self._shown = parsed.render_as_string(hide_password=True)
        except (sa.exc.ArgumentError, ValueError) as exc:
            raise StoreError(f"not a database URL ({_one_line(exc)})", source=self._shown) from exc
        if parsed.get_backend_name() == "sqlite":
            if not create and parsed.database:
                self._shown = parsed.database  # the path, as a user reading one gave it
                _check_exists(parsed.database, self._shown)
            parsed, self.access = sqlite.resolve_access(parsed, access, self._shown)
        elif access == "immutable":
            raise UsageError("immutable is for SQLite files; on PostgreSQL, read as a role "
                             "that may only SELECT")  # fmt: skip
        else:
            self.access = "read" if access == "read" else "write"
        try:
            self._engine: sa.Engine | None = sa.create_engine(
                parsed,
                # orjson: a page of 100 stored records decodes in a fifth of the time.
                json_serializer=_json_text,
                json_deserializer=orjson.loads,
            )
        except (sa.exc.SQLAlchemyError, ImportError) as exc:
            raise StoreError(
                f"cannot use this database ({_one_line(exc)})", source=self._shown
            ) from exc
        if parsed.get_backend_name() == "sqlite":
            sqlite.configure(self._engine, writable=not self.read_only)
        elif self.read_only:
            _read_only_sessions(self._engine)
        try:
            self._migrate(create)
        except BaseException:
            self._engine.dispose()
            raise

    @property
    def read_only(self) -> bool:
        return self.access != "write"

    def _migrate(self, create: bool = True) -> None:
        """Upgrade to head, taking the write lock only when there is something to do.

        A reader (an export) must not queue behind a running ingest just to learn that
        the schema is already current. Without ``create``, a database with no schema at
        all is not a store: it is left as it is. A read-only store is never migrated: an
        older schema is an error that says how to upgrade it.
        """
        cfg = alembic_config()
        scripts = ScriptDirectory.from_config(cfg)
        head = scripts.get_current_head()
        with self._read() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if current is None and not create:
            raise StoreNotFound(_NO_STORE, source=self._shown)
        if self.read_only:
            known = {rev.revision for rev in scripts.walk_revisions()}
            why = (
                "was written by a newer version of according"
                if current is not None and current not in known
                else f"has an older schema ({current or 'none'}; this version reads {head})"
            )
            raise StoreError(
                f"the store {why} and is open read-only, so it cannot be upgraded; open it "
                "once where it can be written (any according command) to upgrade it",
                source=self._shown,
            )
        try:
            with self._write() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except CommandError as exc:
            raise StoreError(
                f"cannot bring the schema up to date ({_one_line(exc)}); "
                "was it written by a newer version of according?",
                source=self._shown,
            ) from exc

    # -- plumbing ---------------------------------------------------------------------

    @property
    def _db(self) -> sa.Engine:
        if self._engine is None:
            raise StoreError("the store is closed", source=self._shown)
        return self._engine

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction; database errors become a one-line ``StoreError``."""
        if self.read_only:
            raise StoreError(f"the store is open read-only ({self.access})", source=self._shown)
        try:
            with self._db.connect() as conn:
                conn.execution_options(**{_WRITE: True})
                with conn.begin():
                    yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(_one_line(exc), source=self._shown) from exc

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql": for the few queries each database does its own way."""
        return self._db.dialect.name

    def read(self) -> AbstractContextManager[sa.Connection]:
        """A read-only connection for queries of your own (the HTTP API uses it)."""
        return self._read()

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self._db.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(_one_line(exc), source=self._shown) from exc

    def generation(self) -> int:
        """A number that changes whenever documents are stored, changed or deleted, by
        anyone: equal numbers mean the same data (``server.cache`` relies on it)."""
        with self._read() as conn:
            return int(conn.scalar(_GENERATION) or 0)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._shown!r})"

    # -- documents --------------------------------------------------------------------

    def save_report(self, report: Report) -> bool:
        """Store one report; ``False`` (and nothing written) if its document is known."""
        return self.save_reports([report]) == 1

    def save_reports(self, reports: Iterable[Report]) -> int:
        """Store many reports in one transaction; returns how many were new.

        The document id is a hash of the normalised text, so "already stored" means the
        very same text: re-ingesting it must change nothing, not even ``ingested_at``.
        """
        return sum(self.save_report_data([report.model_dump(mode="json") for report in reports]))

    def save_report_data(self, reports: Sequence[Mapping[str, Any]]) -> list[bool]:
        """``save_reports`` for reports in their JSON form (``Report.model_dump(mode="json")``,
        or a shard output's line read by ``rows.read_report``): whether each was new, in
        order. Every document is stamped ``ingested_at`` now.

        The rows are made here (``according.store.rows``) before the transaction starts;
        a report this version cannot store raises ``rows.NotAReport`` and none is written.
        """
        return self._save_rows([rows.report_rows(report) for report in reports])

    def _save_rows(self, batch: list[rows.ReportRows]) -> list[bool]:
        if not batch:
            return []
        now = _utcnow()
        try:
            with self._write() as conn:
                return self._insert_new(conn, batch, now)
        except StoreError as exc:
            if not isinstance(exc.__cause__, sa.exc.IntegrityError):
                raise
            # Either another writer stored one of these documents between our check and
            # our insert (possible on PostgreSQL; SQLite's write lock rules it out), or a
            # record clashes for real. Only the race is retried, one report at a time.
            if any(self.has_document(r.document["id"]) for r in batch):
                return [new for one in batch for new in self._save_rows([one])]
            first = batch[0].document["id"]
            where = f"document {first}" if len(batch) == 1 else f"one of {len(batch)} documents"
            raise StoreError(f"{exc.reason} ({where})", source=self._shown) from exc.__cause__

    def _insert_new(
        self, conn: sa.Connection, batch: list[rows.ReportRows], now: datetime
    ) -> list[bool]:
        ids = [r.document["id"] for r in batch]
        known = self._known_ids(conn, ids)
        new: list[bool] = []
        fresh: list[rows.ReportRows] = []
        for r in batch:
            new.append(r.document["id"] not in known)
            if new[-1]:
                known.add(r.document["id"])  # the same text twice in one batch
                fresh.append(r)
        if not fresh:
            return new
        conn.execute(sa.insert(t.documents), [{**r.document, "ingested_at": now} for r in fresh])
        for table, attr in (
            (t.events, "events"),
            (t.event_places, "places"),
            (t.quotes, "quotes"),
            (t.claims, "claims"),
        ):
            values = [row for r in fresh for row in getattr(r, attr)]
            if values:
                conn.execute(sa.insert(table), values)
        return new

    @staticmethod
    def _known_ids(conn: sa.Connection, ids: list[str]) -> set[str]:
        known: set[str] = set()
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            known.update(
                conn.scalars(sa.select(t.documents.c.id).where(t.documents.c.id.in_(chunk)))
            )
        return known

    def has_document(self, document_id: str) -> bool:
        with self._read() as conn:
            stmt = sa.select(t.documents.c.id).where(t.documents.c.id == document_id)
            return conn.execute(stmt).first() is not None

    def document(self, document_id: str) -> Report | None:
        """The report exactly as saved (validated again, so a corrupt row fails loudly)."""
        with self._read() as conn:
            stmt = sa.select(t.documents.c.report).where(t.documents.c.id == document_id)
            data = conn.scalar(stmt)
        return None if data is None else Report.model_validate(data)

    # -- ledger -----------------------------------------------------------------------

    def ledger_status(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(sa.select(t.ledger.c.status).where(t.ledger.c.key == key))

    def ledger_mark(
        self, key: str, status: str, reason: str | None = None, documents: int = 0
    ) -> None:
        """Record how an input ended, so an interrupted ingest resumes where it stopped."""
        _check_status(status)
        values = {
            "status": status,
            "reason": reason,
            "documents": documents,
            "finished_at": _utcnow(),
        }
        with self._write() as conn:
            # UPDATE then INSERT is the portable upsert; the write lock makes it race-free.
            updated = conn.execute(sa.update(t.ledger).where(t.ledger.c.key == key).values(values))
            if updated.rowcount == 0:
                conn.execute(sa.insert(t.ledger).values(key=key, **values))

    def ledger_keys(self, status: str | None = None) -> set[str]:
        if status is not None:
            _check_status(status)
        stmt = sa.select(t.ledger.c.key)
        if status is not None:
            stmt = stmt.where(t.ledger.c.status == status)
        with self._read() as conn:
            return set(conn.scalars(stmt))

    # -- records ----------------------------------------------------------------------

    def events(
        self,
        since: str | date | None = None,
        until: str | date | None = None,
        category: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Events, oldest first; each carries ``document_id``, ``origin``, ``outlet`` extras.

        ``since``/``until`` keep events whose dates overlap the range (the event's own
        date, else its document's). ``category`` is one of PLOVER's
        (``according.records.CATEGORIES``; another is a ``UsageError``). ``actor`` is a
        substring of an actor's name or mention; ``place`` an exact place or admin1
        name, or a country by ISO code or name ("IR", "Iran": every place in it);
        ``outlet`` a substring of the document's outlet. All text matches ignore case.
        """
        f = q.make_filters(
            since=since, until=until, category=category, actor=actor, place=place,
            outlet=outlet, limit=limit,
        )  # fmt: skip
        return self._stream("events", f)

    def quotes(
        self,
        since: str | date | None = None,
        until: str | date | None = None,
        actor: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        kind: str | None = None,
    ) -> Iterator[Quote]:
        """Quotes; ``actor`` matches the speaker's name, mention or affiliation.

        ``place`` keeps those from reports with an event at that place (see ``events``).
        ``kind`` keeps one kind ("speech", "stance", "perception"); None or "all" keeps
        every kind (the table and the HTTP API ask for speech unless told otherwise).
        """
        f = q.make_filters(
            since=since, until=until, actor=actor, place=place, outlet=outlet, limit=limit,
            kind=kind,
        )  # fmt: skip
        return self._stream("quotes", f)

    def claims(
        self,
        since: str | date | None = None,
        until: str | date | None = None,
        actor: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Claim]:
        """Claims; ``actor`` matches any name in the attribution chain (who says so).

        ``place`` keeps those from reports with an event at that place (see ``events``).
        """
        f = q.make_filters(
            since=since, until=until, actor=actor, place=place, outlet=outlet, limit=limit
        )
        return self._stream("claims", f)

    def _stream(self, kind: q.Kind, f: q.Filters) -> Iterator[Any]:
        """Filters are checked by the caller now; rows are fetched lazily, in chunks."""
        stmt = q.select_records(kind, f)
        build = q.BUILDERS[kind]
        engine = self._db

        def rows() -> Iterator[Any]:
            try:
                with engine.connect() as conn:
                    for row in conn.execution_options(yield_per=500).execute(stmt):
                        yield build(row)
            except sa.exc.SQLAlchemyError as exc:
                raise StoreError(_one_line(exc), source=self._shown) from exc

        return rows()

    def counts(self) -> dict[str, int]:
        """Rows per table, plus the ledger by status: what a summary line needs."""
        result: dict[str, int] = {}
        with self._read() as conn:
            for table in t.TABLES:
                result[table.name] = conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0
            result.update(dict.fromkeys((f"ledger_{s}" for s in LEDGER_STATUSES), 0))
            by_status = sa.select(t.ledger.c.status, sa.func.count()).group_by(t.ledger.c.status)
            for status, n in conn.execute(by_status):
                result[f"ledger_{status}"] = n
        return result

    def breakdown(self) -> dict[str, list[tuple[str, int]]]:
        """Events by category, by status and by country, and documents whose page date
        disagrees with their text: the overview a first look at a store wants."""
        e, p, d = t.events, t.event_places, t.documents
        queries = {
            "category": sa.select(e.c.category, sa.func.count()).group_by(e.c.category),
            "status": sa.select(e.c.status, sa.func.count()).group_by(e.c.status),
            "country": sa.select(p.c.country, sa.func.count(sa.distinct(p.c.event_id)))
            .where(p.c.country.is_not(None))
            .group_by(p.c.country),
            "date conflict": sa.select(
                sa.case((d.c.date_conflict, "page date disagrees with text"), else_="agrees"),
                sa.func.count(),
            ).group_by(d.c.date_conflict),
        }
        with self._read() as conn:
            return {
                name: sorted(((str(k), n) for k, n in conn.execute(q)), key=lambda kv: -kv[1])
                for name, q in queries.items()
            }


def _read_only_sessions(engine: sa.Engine) -> None:
    """PostgreSQL refuses every write of a session set so (the store refuses first)."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        finally:
            cursor.close()
        dbapi_conn.commit()
