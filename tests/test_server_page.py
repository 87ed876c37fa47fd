"""The page's routes without a browser: facet counts agree with the listing, downloads are
the exports' own files for the filter, one event by id, month bins, the codebook."""

from __future__ import annotations

import csv
import io
import os
import warnings
from collections import Counter
from collections.abc import Iterator

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from according.exports import acled  # noqa: E402
from according.server import create_app  # noqa: E402
from according.server.app import CSP  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

PG_URL = os.environ.get("ACCORDING_PG_URL")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[TestClient]:
    """The same checks on both backends: the facets group and count in SQL, which each
    dialect plans its own way."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("page-api") / "page.db")
    elif PG_URL:
        from tests.test_postgres import reset

        url = PG_URL
        reset(url)
    else:
        from tests.conftest import missing_service

        missing_service(
            "ACCORDING_PG_URL is unset; run: export ACCORDING_PG_URL=$(scripts/pg_test_server.sh)"
        )
    with Store(url) as store:
        store.save_reports(generate(30))
    with TestClient(create_app(url)) as c:
        yield c


def events(client: TestClient, **params: str) -> list[dict]:
    return client.get("/api/events", params={"limit": 1000, **params}).json()["items"]


def test_facets_count_what_the_listing_returns(client: TestClient) -> None:
    body = client.get("/api/facets", params={"category": "PROTEST"}).json()
    protests = events(client, category="PROTEST")
    everything = events(client)
    assert body["store"] == len(everything)
    assert body["total"] == len(protests) > 0
    # a facet ignores its own filter: categories are counted over every event ...
    assert body["category"] == dict(Counter(e["category"] for e in everything))
    # ... and the others under it
    assert body["status"] == dict(Counter(e["status"] for e in protests))
    assert body["outlet"] == dict(Counter(e["outlet"] for e in protests))
    assert body["first"] == min(e["when"]["start"] for e in protests)
    assert body["last"] == max(e["when"]["end"] for e in protests)


def test_bad_filter_is_a_problem_everywhere(client: TestClient) -> None:
    for path in ("/api/facets", "/api/export"):
        r = client.get(path, params={"category": "NOPE"})
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
    assert client.get("/api/export", params={"format": "parquet"}).status_code == 400


def test_downloads_are_the_exports_of_the_filter(client: TestClient) -> None:
    wanted = events(client, category="COERCE", status="reported")
    params = {"category": "COERCE", "status": "reported"}
    r = client.get("/api/export", params={**params, "format": "acled"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="events-acled.csv"'
    reader = csv.DictReader(io.StringIO(r.text))
    assert tuple(reader.fieldnames or ())[: len(acled.EVENT_COLUMNS)] == acled.EVENT_COLUMNS
    assert sorted(row["event_id_cnty"] for row in reader) == sorted(e["id"] for e in wanted)
    geo = client.get("/api/export", params={**params, "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == sum(len(e["places"]) for e in wanted)
    body = client.get("/api/export", params={**params, "format": "json"}).json()
    assert [e["id"] for e in body] == [e["id"] for e in wanted]


def test_download_walks_every_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from according.server import page

    monkeypatch.setattr(page, "EXPORT_PAGE", 7)  # many pages, none lost or repeated
    body = client.get("/api/export", params={"format": "json"}).json()
    assert [e["id"] for e in body] == [e["id"] for e in events(client)]


def test_one_event_by_id(client: TestClient) -> None:
    first = events(client)[0]
    assert client.get(f"/api/events/{first['id']}").json() == first
    assert client.get("/api/events/ev:0000000000000000").status_code == 404
    assert client.get("/api/events/a%20b").status_code == 400


def test_timeline_by_month_adds_up(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"interval": "month"}).json()
    assert body["buckets"] == ["2019-11-01", "2019-12-01"]
    total = sum(sum(series) for series in body["series"].values())
    assert total == sum(1 for e in events(client) if e["when"])


def test_codebook_is_served_under_the_csp(client: TestClient) -> None:
    r = client.get("/codebook")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "<script" not in r.text  # nothing for the CSP to refuse
    assert 'href="/codebook"' in client.get("/").text
