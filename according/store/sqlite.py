"""Opening a SQLite store: for writing, or read-only without writing a byte.

A store that is only read (a copy on a read-only share, a file someone chmod'ed, a
database published with the site that serves it) must be readable without changing
it. The default way in writes before the first query: ``PRAGMA journal_mode=WAL``
rewrites the header of a database not yet in WAL mode, a WAL database gets ``-wal`` and
``-shm`` files beside it, and an older schema is migrated. Read-only access skips all
three and opens the file with SQLite's ``mode=ro`` (every write refused by SQLite
itself), or ``immutable=1``: no locks and no ``-shm`` at all, for a file that nothing
changes while it is open (as datasette's ``--immutable``).

Accesses:

- ``write``: as always; an unwritable file or folder is an A300 error.
- ``read``: ``mode=ro``. Others may write meanwhile; SQLite's locks keep reads whole.
- ``immutable``: ``mode=ro&immutable=1``. Reads are wrong if the file changes.
- ``auto``: ``write`` when the file and its folder can be written, else ``read``; and
  ``immutable`` for a WAL database in a folder that cannot be written and has no
  ``-shm`` file, which SQLite cannot open with ``mode=ro`` (it must create the
  ``-shm``). No ``-shm`` means no connection has it open, so no one is writing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from according.errors import StoreError, UsageError

ACCESSES = ("write", "read", "immutable", "auto")
_BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "according_write"
_WAL_HEADER = 2  # byte 18 of the database header: 1 rollback journal, 2 WAL


def url_access(url: sa.URL) -> str:
    """ "read" or "immutable" when a ``file:`` URI already says so (``mode=ro``,
    ``immutable=1``), else "write"."""
    if not (url.database or "").startswith("file:"):
        return "write"
    if str(url.query.get("immutable", "")).lower() in ("1", "true", "yes", "on"):
        return "immutable"
    return "read" if url.query.get("mode") == "ro" else "write"


def resolve_access(url: sa.URL, access: str, shown: str) -> tuple[sa.URL, str]:
    """The URL to open and the access it gives: ``access`` applied to a plain path,
    a ``file:`` URI taken at its word (and made read-only when asked)."""
    if access not in ACCESSES:
        raise UsageError(f"store access must be one of {', '.join(ACCESSES)}, not {access!r}")
    database = url.database or ""
    if database.startswith("file:"):
        given = url_access(url)
        wanted = "write" if access == "auto" else access
        if given != "write" or wanted == "write":
            return url, given
        query = {**url.query, "mode": "ro", "uri": "true"}
        if wanted == "immutable":
            query["immutable"] = "1"
        return url.set(query=query), wanted
    if not database or database == ":memory:":
        if access in ("read", "immutable"):
            raise UsageError("a read-only store needs a database file, not memory")
        return url, "write"
    path = Path(database)
    if access == "auto":
        access = _auto(path)
    if access == "write":
        check_writable(path, shown)
        return url, "write"
    if not path.is_file():
        raise StoreError(f"{path} does not exist (a read-only store is not created)", source=shown)
    params = {"mode": "ro", "uri": "true"} | ({"immutable": "1"} if access == "immutable" else {})
    uri = "file:" + quote(str(path.resolve()))
    return sa.URL.create("sqlite", database=uri, query=params), access


def _auto(path: Path) -> str:
    parent = path.parent if str(path.parent) else Path(".")
    if not path.is_file() or (os.access(parent, os.W_OK) and os.access(path, os.W_OK)):
        return "write"  # a new file is made, as ever; an error then says why it cannot be
    shm = Path(f"{path}-shm")
    if not os.access(parent, os.W_OK) and not shm.exists() and _is_wal(path):
        return "immutable"
    return "read"


def _is_wal(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == _WAL_HEADER


def check_writable(path: Path, shown: str) -> None:
    """sqlite3 says only "unable to open database file"; say which part is wrong."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file", source=shown)
    if not parent.is_dir():
        raise StoreError(f"directory {parent} does not exist", source=shown)
    # WAL keeps -wal and -shm files next to the database, so the directory must be writable.
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StoreError(
            f"{path} is not writable (the commands that only read open it read-only)",
            source=shown,
        )


def configure(engine: sa.Engine, *, writable: bool) -> None:
    """Pragmas on every new connection; our own BEGIN so writes can take the lock first.
    A read-only connection leaves the journal mode alone: setting it is a write."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # sqlite3 must not open transactions behind us
        cursor = dbapi_conn.cursor()
        try:
            if writable:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS:d}")
            # With WAL, NORMAL survives an application crash; a power cut may drop the last
            # commits but never corrupts, and the ledger lives in the same file, so it
            # cannot claim an input is done whose documents were lost.
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
