"""The HTTP API over a store of generated reports: filters, pagination, formats, errors.

Every expectation is computed from the generated reports themselves (``sample.generate``),
so the tests say what the API must return without hard-coding counts.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from according.records.model import Report  # noqa: E402
from according.server import create_app  # noqa: E402
from according.server.sample import generate  # noqa: E402
from tests.conftest import stored_reports_url  # noqa: E402

PROBLEM = "application/problem+json"
REPORTS = list(generate(40))
EVENTS = [ev for r in REPORTS for ev in r.events]


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored_reports_url(tmp_path_factory, "server", REPORTS)


@pytest.fixture(scope="module", params=[64, 0], ids=["cached", "uncached"])
def client(db_url: str, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """Every test runs with the response cache and without it: a cached answer must be
    the computed one, and the computed path must stand on its own."""
    with TestClient(create_app(db_url, cache_mb=request.param)) as c:
        yield c


def all_items(client: TestClient, path: str, **params: object) -> list[dict]:
    """Follow ``next`` to the end: what a client paging through a result sees."""
    items: list[dict] = []
    params = {"limit": 7, **params}
    for _ in range(1000):
        r = client.get(path, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        if body["next"] is None:
            assert "link" not in r.headers
            return items
        assert 'rel="next"' in r.headers["link"]
        params = {**params, "cursor": body["next"]}
    raise AssertionError("pagination did not end")


def ids(items: list[dict]) -> set[str]:
    return {i["id"] for i in items}


def test_pagination_visits_every_event_once_in_date_order(client: TestClient) -> None:
    items = all_items(client, "/api/events")
    assert len(items) == len(EVENTS) == len(ids(items))
    days = [i["when"]["start"] for i in items]
    assert days == sorted(days)
    assert all(i["document_id"].startswith("sha256:") and i["outlet"] for i in items)


def test_link_header_points_at_the_next_page(client: TestClient) -> None:
    r = client.get("/api/events", params={"limit": 5, "category": "PROTEST"})
    link = r.headers["link"]
    url = link[1 : link.index(">")]
    assert "category=PROTEST" in url and f"cursor={r.json()['next']}" in url
    second = client.get(url)
    assert second.status_code == 200
    assert not ids(second.json()["items"]) & ids(r.json()["items"])


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"category": "protest"}, lambda e: e.category == "PROTEST"),
        ({"category": "PROTEST,COERCE"}, lambda e: e.category in ("PROTEST", "COERCE")),
        ({"status": "denied"}, lambda e: e.status == "denied"),
        ({"country": "iq"}, lambda e: e.places[0].country == "IQ"),
        ({"place": "Shiraz"}, lambda e: e.places[0].name == "Shiraz"),
        ({"place": "Iraq"}, lambda e: e.places[0].country == "IQ"),  # a country by name
        ({"actor": "security"}, lambda e: e.actors[0].name == "Security forces"),
        ({"outlet": "farda"}, lambda e: "Farda" in e.source[-1].name),
        ({"bbox": "44,29,48,34"}, lambda e: e.places[0].country == "IQ"),
        ({"bbox": "170,-40,-60,0"}, lambda e: e.places[0].name in ("Suva", "Santiago")),
        ({"since": "2019-12-01", "until": "2019-12-10"},
         lambda e: date(2019, 12, 1) <= date.fromisoformat(e.when.start) <= date(2019, 12, 10)),
    ],
)  # fmt: skip
def test_filters_keep_exactly_the_matching_events(client: TestClient, params, keep) -> None:
    expected = {e.id for e in EVENTS if keep(e)}
    assert expected, "the sample must exercise this filter"
    assert ids(all_items(client, "/api/events", **params)) == expected


def test_full_text_matches_words_of_the_document(client: TestClient) -> None:
    """Every word must occur as a word of the text (FTS5 on SQLite), ignoring case."""
    import re

    words = ["dispatch", "17", "reuters"]
    expected = {
        e.id
        for r in REPORTS
        if set(words) <= set(re.findall(r"\w+", r.document.text.lower()))
        for e in r.events
    }
    assert expected
    assert ids(all_items(client, "/api/events", q="Dispatch 17 REUTERS")) == expected
    assert all_items(client, "/api/events", q="nosuchwordanywhere") == []
    # FTS5 syntax in user input is searched for, not interpreted
    assert all_items(client, "/api/events", q='reuters OR "x" NEAR(a b) *') == []


def test_geojson_is_one_point_per_event_place_in_lon_lat_order(client: TestClient) -> None:
    r = client.get("/api/events", params={"format": "geojson", "country": "CL", "limit": 1000})
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    body = r.json()
    assert body["type"] == "FeatureCollection"
    chile = [e for e in EVENTS if e.places[0].country == "CL"]
    assert len(body["features"]) == len(chile)
    for feature in body["features"]:
        assert feature["geometry"]["coordinates"] == [-70.64827, -33.45694]


def test_acled_csv_pages_through_every_event(client: TestClient) -> None:
    """format=acled: ACLED's columns as CSV, a page at a time; following the Link header
    to the end gives one row per event place, and the total is in a header."""
    import csv
    import io
    import re

    from according.exports.acled import EVENT_COLUMNS

    rows: list[dict[str, str]] = []
    params: dict[str, object] = {"format": "acled", "limit": 7}
    for _ in range(100):
        r = client.get("/api/events", params=params)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert r.headers["x-total-count"] == str(len(EVENTS))
        reader = csv.DictReader(io.StringIO(r.text))
        assert tuple(reader.fieldnames or ()) == EVENT_COLUMNS
        rows += list(reader)
        if "link" not in r.headers:
            break
        params = {**params, "cursor": re.search(r"cursor=([^&>]+)", r.headers["link"])[1]}
    assert len(rows) == sum(len(e.places) for e in EVENTS)
    chile = [row for row in rows if row["country"] == "Chile"]
    assert len(chile) == sum(1 for e in EVENTS if e.places[0].country == "CL")
    assert {(row["latitude"], row["longitude"]) for row in chile} == {("-33.45694", "-70.64827")}


def test_quotes_and_claims_endpoints(client: TestClient) -> None:
    quotes = all_items(client, "/api/quotes")
    assert len(quotes) == len(REPORTS) and all(q["text"] == "We will not stop" for q in quotes)
    lebanon = {r.document.id for r in REPORTS if any(e.places[0].country == "LB" for e in r.events)}
    got = all_items(client, "/api/quotes", country="LB")
    assert {q["document_id"] for q in got} == lebanon
    assert client.get("/api/claims").json()["items"] == []


def test_timeline_counts_add_up(client: TestClient) -> None:
    for interval in ("day", "week"):
        body = client.get("/api/timeline", params={"interval": interval}).json()
        assert sum(sum(v) for v in body["series"].values()) == len(EVENTS)
        assert body["buckets"] == sorted(body["buckets"])
    week = client.get("/api/timeline", params={"interval": "week", "category": "ASSAULT"}).json()
    assert list(week["series"]) == ["ASSAULT"]
    assert all(date.fromisoformat(b).weekday() == 0 for b in week["buckets"])


def test_document_has_text_and_evidence_spans(client: TestClient) -> None:
    report: Report = REPORTS[3]
    r = client.get(f"/api/documents/{report.document.id}")
    assert r.status_code == 200
    body = r.json()
    text = body["text"]
    assert text == report.document.text and body["outlet"] == report.document.outlet.name
    assert [e["id"] for e in body["events"]] == [e.id for e in report.events]
    for ev in body["events"]:
        for s in ev["evidence"]:
            assert text[s["start"] : s["end"]] == s["text"]
    assert body["quotes"][0]["id"].startswith("q:")


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "yesterday"}, "since"),
        ({"since": "2019-12-01", "until": "2019-11-01"}, "after"),
        ({"category": "RIOT"}, "category"),
        ({"status": "rumoured"}, "status"),
        ({"country": "Iran"}, "country"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "0,10,1,5"}, "bbox"),
        ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"bbox": "-200,0,1,1"}, "bbox"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"format": "xml"}, "format"),
        ({"cursor": "garbage!"}, "cursor"),
        ({"actor": "   "}, "actor"),
        ({"actor": "x" * 500}, "actor"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_bad_parameters_are_400_problems(client: TestClient, params: dict, words: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == 400 and body["title"] == "Bad Request"
    assert words in body["detail"]


def test_cursor_of_another_endpoint_is_refused(client: TestClient) -> None:
    token = client.get("/api/quotes", params={"limit": 1}).json()["next"]
    r = client.get("/api/events", params={"cursor": token})
    assert r.status_code == 400 and "cursor" in r.json()["detail"]


def test_geojson_for_quotes_is_refused(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"format": "geojson"})
    assert r.status_code in (200, 400)  # quotes take no format parameter at all
    assert client.get("/api/quotes", params={"format": "geojson"}).json().get("type") != (
        "FeatureCollection"
    )


def test_unknown_path_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM


def test_write_is_refused_on_a_read_only_server(client: TestClient) -> None:
    r = client.post("/api/documents", content=b"Protesters rallied.")
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    assert "read-only" in r.json()["detail"]


def test_write_needs_the_right_token(db_url: str) -> None:
    with TestClient(create_app(db_url, token="s3cret-token")) as c:
        r = c.post("/api/documents", content=b"Protesters rallied.")
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        r = c.post("/api/documents", content=b"x", headers={"Authorization": "Bearer nope"})
        assert r.status_code == 403
        r = c.post("/api/documents", content=b"x", headers={"Authorization": "Basic s3cret-token"})
        assert r.status_code == 401
        before = c.get("/api/events", params={"limit": 1000}).json()["count"]
        assert before == len(EVENTS)


def test_a_posted_document_is_stored_through_the_ingest_path(tmp_path) -> None:
    """POST /api/documents goes the way every ingest goes: the store's rows, the ledger
    entry for the upload, and an answer per document saying whether it was new."""
    from according.pipeline.core import get_pipeline
    from according.readers.source import SourceDocument
    from according.settings import DEFAULT_SETTINGS
    from according.store import Store

    token = "a-long-enough-token-for-tests"
    text = b"Police detained 40 activists in Minsk on Sunday, the interior ministry said."
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}
    url = f"sqlite:///{tmp_path / 'post.db'}"
    # The pipeline (and its gazetteer connection) used first in this thread, as by the
    # CLI or an earlier test: the server's threads must be able to use it too.
    get_pipeline(DEFAULT_SETTINGS)(SourceDocument(text=text.decode(), origin="warm-up"))
    with TestClient(create_app(url, token=token)) as c:
        first = c.post("/api/documents", content=text, headers=auth, params={"outlet": "Reuters"})
        again = c.post("/api/documents", content=text, headers=auth, params={"outlet": "Reuters"})
        binary = c.post("/api/documents", content=b"\x00\x01binary\x00", headers=auth)
    assert first.status_code == 201, first.text
    ((stored,),) = [first.json()["documents"]]
    assert stored["new"] is True and stored["events"] >= 1 and stored["id"].startswith("sha256:")
    assert again.json()["documents"] == [{**stored, "new": False}]
    assert binary.status_code == 400 and binary.json()["detail"].startswith("binary content")
    with Store(url, create=False) as store:
        counts = store.counts()
        assert store.document(stored["id"]).document.outlet.name == "Reuters"
    assert counts["documents"] == 1 and counts["ledger_done"] == 1
    assert counts["ledger_skipped"] == 1  # the binary body, with its reason


def test_short_tokens_are_refused(db_url: str) -> None:
    from according.errors import UsageError

    with pytest.raises(UsageError):
        create_app(db_url, token="abc")


def test_docs_load_swagger_from_the_package(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/static/vendor/swagger-ui-dist/{asset}").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/quotes", "/api/claims", "/api/documents/{document_id}"} <= set(
        spec["paths"]
    )
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "category", "bbox", "status", "q", "cursor", "format"} <= names


def test_page_and_its_assets_are_served(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "https://" not in r.text and "http://" not in r.text
    for asset in ("leaflet/leaflet.js", "world-atlas/countries-110m.json", "MANIFEST.json"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200


@pytest.mark.parametrize(
    ("path", "model"),
    [("/api/events", "EventPage"), ("/api/quotes", "QuotePage"), ("/api/claims", "ClaimPage")],
)
def test_openapi_names_the_real_response_schemas(client: TestClient, path: str, model: str):
    from according.server import schemas

    spec = client.get("/openapi.json").json()
    responses = spec["paths"][path]["get"]["responses"]
    assert "422" not in responses  # a bad parameter is a 400 problem, as the server answers
    assert "application/problem+json" in responses["400"]["content"]
    ref = responses["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/" + model)
    fields = spec["components"]["schemas"][model]["properties"]
    assert {"items", "count", "total", "next"} <= set(fields)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    # what the server sends is what the schema says
    body = client.get(path, params={"limit": 3}).json()
    getattr(schemas, model).model_validate(body)
    assert client.get(path, params={"limit": "x"}).status_code == 400


def test_lists_carry_the_total_and_no_next_on_the_last_or_an_empty_page(client: TestClient):
    body = client.get("/api/events", params={"limit": 5}).json()
    assert body["total"] == len(EVENTS) and body["count"] == 5 and body["next"]
    assert client.get("/api/events", params={"limit": len(EVENTS)}).json()["next"] is None
    iraq = [e for e in EVENTS if e.places[0].country == "IQ"]
    page = client.get("/api/events", params={"country": "IQ", "limit": 2}).json()
    assert page["total"] == len(iraq) and page["count"] == min(2, len(iraq))
    geo = client.get("/api/events", params={"country": "IQ", "format": "geojson"}).json()
    assert geo["total"] == len(iraq)
    empty = client.get("/api/events", params={"since": "2100-01-01"}).json()
    assert empty == {"items": [], "count": 0, "total": 0, "next": None}
    # a page that ends exactly at the last record: the next one would be empty, so no cursor
    last = client.get("/api/claims", params={"limit": 1000}).json()
    assert last["next"] is None and last["count"] == last["total"]


def test_quotes_are_speech_unless_another_kind_is_asked(client: TestClient):
    quotes = [q for r in REPORTS for q in r.quotes]
    speech = client.get("/api/quotes", params={"limit": 1000}).json()
    assert speech["total"] == sum(q.kind == "speech" for q in quotes)
    assert all(item["kind"] == "speech" for item in speech["items"])
    every = client.get("/api/quotes", params={"limit": 1000, "kind": "all"}).json()
    assert every["total"] == len(quotes)
    r = client.get("/api/quotes", params={"kind": "gossip"})
    assert r.status_code == 400 and "kind" in r.json()["detail"]
