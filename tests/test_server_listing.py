"""The fast paths of the record listings (issue 7) answer exactly what the slow ones did.

Records are sent as stored instead of through pydantic, and SQLite pages walk the date
index with a bound and a fallback; each is checked here against the plain answer.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from according.errors import UsageError  # noqa: E402
from according.server import create_app, listing  # noqa: E402
from according.server.app import STORE_ENV, from_environment  # noqa: E402
from according.server.reader import Reader  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402
from according.store import queries as q  # noqa: E402
from tests.conftest import stored_reports_url  # noqa: E402

REPORTS = list(generate(30))
EVENTS = [ev for r in REPORTS for ev in r.events]
FILTERS = [
    {},
    {"category": "PROTEST,COERCE"},
    {"country": "IQ"},
    {"bbox": "170,-40,-60,0"},
    {"status": "claimed", "since": "2019-11-20"},
    {"outlet": "reuters", "until": "2019-12-31"},
    {"place": "Tehran", "actor": "students"},
]


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored_reports_url(tmp_path_factory, "listing", REPORTS)


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    """No response cache: each request here must take the path the test sets up."""
    with TestClient(create_app(db_url, cache_mb=0)) as c:
        yield c


def pages(client: TestClient, limit: int, **params: str) -> list[dict]:
    items: list[dict] = []
    params = {"limit": str(limit), **params}
    for _ in range(500):
        body = client.get("/api/events", params=params).json()
        items += body["items"]
        if body["next"] is None:
            return items
        params = {**params, "cursor": body["next"]}
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("kind", ["events", "quotes", "claims"])
def test_stored_records_are_sent_as_pydantic_would_send_them(db_url: str, kind: str) -> None:
    """Same keys, same order, same values: the JSON text is identical."""
    with Store(db_url) as store:
        rows, _ = listing.page_rows(Reader(store), kind, {}, 1000)
    assert rows or kind == "claims"
    for row in rows:
        fast = json.dumps(listing.record_dict(kind, row), ensure_ascii=False)
        slow = json.dumps(q.BUILDERS[kind](row).model_dump(mode="json"), ensure_ascii=False)
        assert fast == slow


def test_a_record_missing_a_field_gets_its_default_through_pydantic(db_url: str) -> None:
    with Store(db_url) as store:
        rows, _ = listing.page_rows(Reader(store), "events", {}, 1)
    row = rows[0]
    old = {k: v for k, v in row.record.items() if k != "confidence"}  # as an older model wrote
    legacy = SimpleNamespace(**{**row._asdict(), "record": old})
    assert listing.record_dict("events", legacy)["confidence"] == 0.5  # type: ignore[arg-type]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(p) or "all")
def test_bounded_walk_and_its_fallback_give_the_same_pages(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, params: dict[str, str]
) -> None:
    """A bound of 3 index entries makes most walks fall back, 40 few, 10**6 none; a
    country or box is walked too (GATHER_PLACES 0) and, at the end, always gathered."""
    monkeypatch.setattr(listing, "GATHER_PLACES", 0)
    monkeypatch.setattr(listing, "WALK_ROWS", 10**6)
    unbounded = pages(client, 4, **params)
    monkeypatch.setattr(listing, "WALK_ROWS", 3)
    assert pages(client, 4, **params) == unbounded
    monkeypatch.setattr(listing, "WALK_ROWS", 40)  # bounded walks that fill most pages
    assert pages(client, 4, **params) == unbounded
    monkeypatch.setattr(listing, "WALK_ROWS", 1)
    assert pages(client, 1000, **params) == unbounded
    monkeypatch.setattr(listing, "GATHER_PLACES", 10**9)
    assert pages(client, 4, **params) == unbounded
    assert len({e["id"] for e in unbounded}) == len(unbounded)
    starts = [e["when"]["start"] for e in unbounded]
    assert starts == sorted(starts)


def test_security_headers_are_on_api_answers_and_problems(client: TestClient) -> None:
    for path in ("/api/events?limit=1", "/api/events?since=nonsense", "/no/such/path"):
        r = client.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"], path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_app_factory_reads_the_store_from_the_environment(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``uvicorn --factory --workers N`` calls in each worker."""
    monkeypatch.setenv(STORE_ENV, db_url)
    with TestClient(from_environment()) as c:
        assert len(c.get("/api/events", params={"limit": 1000}).json()["items"]) == len(EVENTS)
    monkeypatch.delenv(STORE_ENV)
    with pytest.raises(UsageError):
        from_environment()


def test_thread_count_must_be_positive(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError):
        create_app(db_url, threads=0)
    monkeypatch.setenv(STORE_ENV, db_url)
    monkeypatch.setenv("ACCORDING_SERVER_THREADS", "many")
    with pytest.raises(UsageError):
        from_environment()
