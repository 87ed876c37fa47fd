"""The API's response cache: it answers repeated requests, never with data the store no
longer holds, and gives browsers ETags to revalidate with. Also the ``since`` bound that
lets a page walk the date index (``query.earliest_start``), which must drop no event."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402
from starlette.datastructures import URL  # noqa: E402

from according.records.model import TimeSpan  # noqa: E402
from according.server import create_app  # noqa: E402
from according.server.cache import Kept, ResponseCache, request_key  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

REPORTS = list(generate(30, seed=5))
LATER = list(generate(3, seed=6, start=date(2021, 3, 1)))


def kept(body: bytes) -> Kept:
    return Kept(body, "application/json", (), '"x"')


def test_the_cache_keeps_recent_responses_within_its_bytes() -> None:
    cache = ResponseCache(max_bytes=400)
    for name in "abcd":
        cache.put(name, 1, kept(b"x" * 100))
    assert len(cache) == 4
    assert cache.get("a", 1) is not None  # a is now the most recently used
    cache.put("e", 1, kept(b"x" * 100))
    assert cache.get("b", 1) is None  # the least recently used went
    assert cache.get("a", 1) is not None and cache.get("e", 1) is not None
    cache.put("huge", 1, kept(b"x" * 101))  # over a quarter of the budget: never kept
    assert cache.get("huge", 1) is None


def test_a_new_generation_empties_the_cache_and_an_old_one_is_ignored() -> None:
    cache = ResponseCache(max_bytes=10_000)
    cache.put("a", 1, kept(b"one"))
    assert cache.get("a", 2) is None  # the store changed: nothing from before counts
    cache.put("a", 2, kept(b"two"))
    cache.put("a", 1, kept(b"late"))  # a request that began before the change, ending late
    assert cache.get("a", 1) is None
    hit = cache.get("a", 2)
    assert hit is not None and hit.body == b"two"


def test_an_empty_cache_keeps_nothing() -> None:
    cache = ResponseCache(max_bytes=0)
    cache.put("a", 1, kept(b"body"))
    assert cache.get("a", 1) is None


def test_the_key_ignores_parameter_order_but_not_values_or_host() -> None:
    one = request_key(URL("http://h:1/api/events?b=2&a=1&a=0"))
    assert one == request_key(URL("http://h:1/api/events?a=1&b=2&a=0"))
    assert one != request_key(URL("http://h:1/api/events?a=0&b=2&a=1"))  # a's own order counts
    assert one != request_key(URL("http://other:1/api/events?a=1&b=2&a=0"))
    assert one != request_key(URL("http://h:1/api/events?a=1&b=3&a=0"))


@pytest.fixture
def store_url(tmp_path) -> Iterator[str]:
    url = "sqlite:///" + str(tmp_path / "store.db")
    with Store(url) as store:
        store.save_reports(REPORTS)
    yield url


def test_repeated_requests_are_answered_from_the_cache_until_the_store_changes(store_url) -> None:
    app = create_app(store_url)
    with TestClient(app) as client:
        first = client.get("/api/events", params={"limit": 1000, "category": "PROTEST"})
        again = client.get("/api/events", params={"category": "PROTEST", "limit": 1000})
        assert first.status_code == again.status_code == 200
        assert again.content == first.content
        assert app.state.cache.hits == 1
        assert first.headers["etag"] == again.headers["etag"]
        assert first.headers["content-security-policy"]  # security headers on hits too

        with Store(store_url) as writer:  # another process's ingest, as far as the app knows
            assert writer.save_reports(LATER) == len(LATER)
        fresh = client.get("/api/events", params={"limit": 1000, "category": "PROTEST"})
        expected = sum(ev.category == "PROTEST" for r in REPORTS + LATER for ev in r.events)
        assert fresh.json()["count"] == expected > first.json()["count"]
        assert fresh.headers["etag"] != first.headers["etag"]


def test_a_client_holding_the_etag_gets_a_304(store_url) -> None:
    with TestClient(create_app(store_url)) as client:
        r = client.get("/api/timeline")
        tag = r.headers["etag"]
        assert r.headers["cache-control"] == "no-cache"
        again = client.get("/api/timeline", headers={"If-None-Match": f'"other", W/{tag}'})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == tag
        assert client.get("/api/timeline", headers={"If-None-Match": '"other"'}).status_code == 200


def test_errors_are_not_kept(store_url) -> None:
    app = create_app(store_url)
    with TestClient(app) as client:
        for _ in range(2):
            r = client.get("/api/events", params={"since": "yesterday"})
            assert r.status_code == 400
        assert len(app.state.cache) == 0


def test_without_a_cache_every_request_is_computed_and_still_validated(store_url) -> None:
    app = create_app(store_url, cache_mb=0)
    with TestClient(app) as client:
        a = client.get("/api/events")
        b = client.get("/api/events", headers={"If-None-Match": a.headers["etag"]})
        assert b.status_code == 304 and len(app.state.cache) == 0 and app.state.cache.hits == 0


def test_a_bad_cache_size_is_refused() -> None:
    from according.errors import UsageError

    with pytest.raises(UsageError, match="cache"):
        create_app("sqlite:///unused.db", cache_mb=-1)


def test_since_keeps_an_event_that_began_long_before_it(tmp_path) -> None:
    """The walk starts at ``since`` minus the longest span in the store; a months-long
    event that began before ``since`` and still runs must be on the page."""
    long_one = LATER[0].model_copy(deep=True)
    event = long_one.events[0]
    event.when = TimeSpan(text="since January", start="2021-01-05", end="2021-06-30")
    url = "sqlite:///" + str(tmp_path / "long.db")
    with Store(url) as store:
        store.save_reports([long_one, *REPORTS])
    with TestClient(create_app(url)) as client:
        for since in ("2021-03-01", "2021-06-30"):
            got = client.get("/api/events", params={"since": since, "limit": 1000}).json()
            assert event.id in {i["id"] for i in got["items"]}, since
        after = client.get("/api/events", params={"since": "2021-07-01", "limit": 1000}).json()
        assert event.id not in {i["id"] for i in after["items"]}
