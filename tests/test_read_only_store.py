"""A store that must not change is read and served without writing a byte.

Tests run as root, for whom chmod stops no write, so "read-only" is made real where it
can be: through SQLite's own ``mode=ro`` and ``immutable=1`` (SQLite refuses the write,
whoever asks), and for the commands that pick read-only access when they cannot write,
by telling them (``os.access``) what a user without write permission would be told.
Every test checks the file's bytes, its modification time and its folder's listing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from according.errors import StoreError, UsageError  # noqa: E402
from according.server import create_app  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

REPORTS = list(generate(12))
EVENTS = sum(len(r.events) for r in REPORTS)
QUOTES = sum(len(r.quotes) for r in REPORTS)
CLAIMS = sum(len(r.claims) for r in REPORTS)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("original") / "store.db"
    with Store(path) as store:
        store.save_reports(REPORTS)
    return path


@pytest.fixture()
def db(original: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the store alone in a folder of its own, left read-only (as far as
    root's permissions go) while the test runs."""
    folder = tmp_path / "published"
    folder.mkdir()
    path = folder / "store.db"
    shutil.copyfile(original, path)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(os.listdir(path.parent)),
    )


def uri(path: Path, query: str) -> str:
    return f"sqlite:///file:{path}?{query}&uri=true"


def test_serve_immutable_answers_every_endpoint_and_writes_nothing(db: Path) -> None:
    before = snapshot(db)
    with TestClient(create_app(str(db), immutable=True)) as client:
        events = client.get("/api/events", params={"limit": 1000})
        assert events.status_code == 200, events.text
        assert events.json()["count"] == EVENTS
        assert client.get("/api/quotes", params={"limit": 1000}).json()["count"] == QUOTES
        assert client.get("/api/claims", params={"limit": 1000}).json()["count"] == CLAIMS
        geo = client.get("/api/events", params={"format": "geojson", "limit": 5})
        assert geo.status_code == 200 and geo.json()["features"]
        assert client.get("/api/timeline").json()
        assert client.get("/api/outlets").json()["items"]
        doc = events.json()["items"][0]["document_id"]
        assert client.get(f"/api/documents/{doc}").json()["text"]
        again = client.get("/api/events", params={"limit": 1000},
                           headers={"If-None-Match": events.headers["etag"]})  # fmt: skip
        assert again.status_code == 304
        refused = client.post("/api/documents", content=b"Police detained 3 people.")
        assert refused.status_code == 403
        assert client.app.state.reader.store.access == "immutable"
        # While it serves, too: a store opened for writing has its -wal and -shm
        # beside it until it closes.
        assert snapshot(db) == before
    assert snapshot(db) == before  # no -wal, no -shm, not a byte of the file


def test_a_read_only_uri_is_served_and_a_write_through_it_fails(db: Path) -> None:
    before = snapshot(db)
    for query in ("mode=ro", "immutable=1"):
        app = create_app(uri(db, query))
        with TestClient(app) as client:
            assert client.get("/api/events", params={"limit": 1000}).json()["count"] == EVENTS
            store: Store = client.app.state.reader.store
            assert store.read_only
            with pytest.raises(StoreError, match="read-only"):
                store.save_reports(REPORTS[:1])
            with pytest.raises(StoreError, match="readonly database"), store.read() as conn:
                # past the store's own guard, SQLite refuses it
                conn.exec_driver_sql("UPDATE store_state SET value = value + 1")
    assert snapshot(db)[:2] == before[:2]
    with pytest.raises(UsageError, match="no --token"):
        create_app(str(db), token="long enough token", immutable=True)
    with pytest.raises(UsageError, match="cannot take documents"):
        create_app(uri(db, "mode=ro"), token="long enough token")


@pytest.fixture()
def unwritable(monkeypatch: pytest.MonkeyPatch, db: Path) -> Path:
    """What ``os.access`` tells a user who may not write the folder or the file."""
    real = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(os.fspath(path)).resolve().is_relative_to(db.parent):
            return False
        return real(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return db


def test_query_commands_read_an_unwritable_store_without_writing(unwritable: Path) -> None:
    from according.cli.app import app

    before = snapshot(unwritable)
    runner = CliRunner()
    counts = {}
    for kind in ("events", "quotes", "claims"):
        out = runner.invoke(app, [kind, "--db", str(unwritable), "--format", "jsonl"])
        assert out.exit_code == 0, out.output
        counts[kind] = len([json.loads(line) for line in out.stdout.splitlines()])
    assert counts == {"events": EVENTS, "quotes": QUOTES, "claims": CLAIMS}
    clustered = runner.invoke(app, ["events", "--db", str(unwritable), "--clustered"])
    assert clustered.exit_code == 0, clustered.output
    summary = runner.invoke(app, ["summary", "--db", str(unwritable)])
    assert summary.exit_code == 0 and "documents" in summary.stdout
    # The store was written in WAL mode and has no -shm beside it in a folder that
    # cannot be written: SQLite's mode=ro cannot open that, so it is read immutable.
    with Store(unwritable, access="auto") as store:
        assert store.access == "immutable"
    # Writing commands still say plainly that they cannot write.
    with pytest.raises(StoreError, match="not writable"):
        Store(unwritable)
    assert snapshot(unwritable) == before


def test_an_older_schema_open_read_only_says_how_to_upgrade(original: Path, tmp_path) -> None:
    from alembic import command

    from according.store.store import alembic_config

    old = tmp_path / "old.db"
    shutil.copyfile(original, old)
    command.downgrade(alembic_config(str(old)), "0004_generation")
    before = snapshot(old)
    with pytest.raises(StoreError, match=r"older schema .*0004_generation.*open it once"):
        Store(old, access="read")
    assert snapshot(old)[:2] == before[:2]
    with Store(old) as store:  # writable: migrated, as ever
        assert store.counts()["documents"] == len(REPORTS)


def test_immutable_is_for_sqlite_files() -> None:
    with pytest.raises(UsageError, match="SQLite"):
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none", access="immutable")
    with pytest.raises(UsageError, match="not memory"):
        Store("sqlite://", access="read")
