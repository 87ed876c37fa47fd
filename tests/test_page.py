"""The map page's views in Chromium (Playwright), as a user meets them: a view kept in the
URL, an event's own link, counts beside the filter choices, totals, downloads of the
current filter, a map fitted to its events with counted markers and a legend, month bins
over long spans, the codebook, a phone's tap, and names from documents shown as text.

Screenshots at desktop and phone width are kept in ``test-artifacts/`` (git-ignored; set
``ACCORDING_TEST_ARTIFACTS`` to put them elsewhere) for a reviewer to look at.
"""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.test_browser import ARGS, CHROMIUM, free_port, outside

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright_api.expect
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from according.events.mapping import mapping_table  # noqa: E402
from according.records.model import CATEGORIES  # noqa: E402
from according.server import create_app  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("ACCORDING_TEST_ARTIFACTS", ROOT / "test-artifacts"))
HOSTILE = '<img src=x id=pwned onerror="document.title=1">Town'


def _reports() -> list:
    """Sample reports over two years (so the timeline defaults to months), one of them in
    a town whose name is markup."""
    reports = list(generate(40, start=date(2019, 1, 1), days=700))
    first = reports[0]
    ev = first.events[0]
    place = ev.places[0].model_copy(update={"name": HOSTILE, "lat": 10.5, "lon": 10.5})
    first.events[0] = ev.model_copy(update={"places": [place]})
    return reports


def _serve(url: str) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("page") / "page.db")
    with Store(url) as store:
        store.save_reports(_reports())
    yield from _serve(url)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors
    assert outside(requests, base_url) == []


def loaded(pg) -> None:
    pg.wait_for_selector("path.ev-marker", state="attached")
    until(pg, "() => document.querySelector('#totals').textContent.includes('shown')")


def until(pg, predicate: str, seconds: float = 15) -> None:
    """Poll a JavaScript predicate with ``evaluate``: Playwright's ``wait_for_function``
    polls with ``eval``, which the page's CSP (no 'unsafe-eval') refuses."""
    deadline = time.monotonic() + seconds
    while not pg.evaluate(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds} s: {predicate}")
        time.sleep(0.05)


def api(pg, path: str) -> dict:
    return pg.evaluate(f"async () => (await fetch({path!r})).json()")


def test_view_is_in_the_url_and_each_event_has_a_link(page, base_url: str, browser) -> None:
    pg = page
    pg.goto(base_url + "/?category=PROTEST&status=reported")
    loaded(pg)
    assert pg.input_value("select[name=category]") == "PROTEST"
    assert pg.input_value("select[name=status]") == "reported"
    expect(pg.locator("path.ev-marker:not(.cat-PROTEST)")).to_have_count(0)
    want = api(pg, "/api/events?category=PROTEST&status=reported&limit=1000")["items"]
    expect(pg.locator("#list li")).to_have_count(len(want))

    pg.select_option("select[name=status]", "")  # a change is written back to the URL
    until(pg, "() => !location.search.includes('status=')")
    assert "category=PROTEST" in pg.url
    pg.go_back()  # and history brings the previous view back
    until(pg, "() => location.search.includes('status=reported')")
    expect(pg.locator("select[name=status]")).to_have_value("reported")

    first = pg.locator("#list li").first
    event_id = first.get_attribute("data-id")
    first.click()
    until(pg, "() => location.hash.startsWith('#event=')")
    link = pg.locator("#d-link").get_attribute("href")
    assert event_id in link or event_id.replace(":", "%3A") in link

    # The link alone opens the event, with its filters, in a fresh browser context.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    other = context.new_page()
    other.goto(base_url + link)
    other.wait_for_selector("#doc-text mark:not(.other)")
    assert other.locator("#detail").is_visible()
    assert "PROTEST" in other.locator("#d-title").inner_text()
    assert other.locator("#list li.selected").get_attribute("data-id") == event_id
    context.close()


def test_counts_totals_and_downloads_follow_the_filter(page, base_url: str) -> None:
    pg = page
    pg.goto(base_url + "/?category=COERCE")
    loaded(pg)
    facets = api(pg, "/api/facets?category=COERCE")
    store = facets["store"]
    assert pg.locator("#totals").inner_text().startswith(f"{store} events, {facets['total']} shown")
    assert 0 < facets["total"] < store

    for value, n in facets["category"].items():
        assert pg.locator(f"select[name=category] option[value={value}]").inner_text() == (
            f"{value} ({n})"
        )
    empty = [c for c in CATEGORIES if c not in facets["category"]]
    assert empty
    for value in empty:  # no events: greyed and not selectable
        option = pg.locator(f"select[name=category] option[value={value}]")
        assert option.inner_text() == f"{value} (0)"
        assert option.is_disabled()
        assert "empty" in option.get_attribute("class")
    for value, n in facets["status"].items():  # statuses counted under the category
        assert pg.locator(f"select[name=status] option[value={value}]").inner_text() == (
            f"{value} ({n})"
        )

    events = api(pg, "/api/events?category=COERCE&limit=1000")["items"]
    hrefs = {f: pg.locator(f"#dl-{f}").get_attribute("href") for f in ("acled", "geojson", "json")}
    for fmt, href in hrefs.items():
        assert "category=COERCE" in href and f"format={fmt}" in href
    got = pg.request.get(base_url + hrefs["acled"])
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text())))
    assert rows and list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]
    assert {r["event_id_cnty"] for r in rows} == {e["id"] for e in events}
    geo = pg.request.get(base_url + hrefs["geojson"]).json()
    assert {f["id"] for f in geo["features"]} == {e["id"] for e in events}
    as_json = pg.request.get(base_url + hrefs["json"]).json()
    assert [e["id"] for e in as_json] == [e["id"] for e in events]


def test_map_fits_counts_markers_has_a_legend_and_months(page, base_url: str) -> None:
    pg = page
    pg.goto(base_url + "/")
    loaded(pg)
    # Two years of events: the timeline starts in months; weeks are offered.
    expect(pg.locator("#interval")).to_have_value("month")
    expect(pg.locator("#timeline")).to_have_attribute("data-interval", "month")
    buckets = int(pg.locator("#timeline").get_attribute("data-buckets"))
    assert 12 <= buckets <= 25
    pg.select_option("#interval", "week")
    expect(pg.locator("#timeline")).to_have_attribute("data-interval", "week")
    assert "interval=week" in pg.url

    # A marker per (town, category), or per cluster of nearby towns, with the number of
    # events it stands for: the numbers add up to every event in every town.
    events = api(pg, "/api/events?limit=1000")["items"]
    by_spot: dict[tuple[str, str], int] = {}
    for e in events:
        for p in e["places"]:
            key = (f"{p['lat']:.3f},{p['lon']:.3f}", e["category"])
            by_spot[key] = by_spot.get(key, 0) + 1
    counts = [int(c) for c in pg.locator(".ev-count").all_inner_texts()]
    markers = pg.locator("path.ev-marker").count()
    assert counts and all(c > 1 for c in counts)
    assert sum(counts) + (markers - len(counts)) == sum(by_spot.values())
    assert markers < len(by_spot)  # the world view clusters the Middle East's towns
    cluster = pg.locator("path.ev-cluster").first
    zoom = pg.evaluate("map.getZoom()")
    b = cluster.bounding_box()  # a cluster zooms in until its towns come apart
    pg.mouse.click(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
    until(pg, f"() => map.getZoom() > {zoom}")
    pg.wait_for_timeout(500)  # let the zoom animation end
    # Baghdad and Basra, far apart at zoom 10: no cluster is left.
    pg.evaluate("map.setView([33, 47], 10, { animate: false }) && true")
    until(pg, "() => map.getZoom() === 10")
    assert pg.locator("path.ev-cluster").count() == 0
    legend = pg.locator("#legend li[data-category]").evaluate_all(
        "els => els.map(e => e.dataset.category)"
    )
    assert legend == sorted({e["category"] for e in events})

    # The map fits what is shown: Chile alone puts Santiago in view, far from the world view.
    chile = api(pg, "/api/facets?country=CL")["total"]
    assert 0 < chile < len(events)
    pg.fill("input[name=country]", "cl")
    pg.click("#filters button[type=submit]")
    until(pg, "() => location.search.includes('country=CL')")
    expect(pg.locator("#list li")).to_have_count(chile)
    pg.wait_for_timeout(500)  # fitBounds animates
    box = pg.locator("#map").bounding_box()
    for marker in pg.locator("path.ev-marker").all():
        b = marker.bounding_box()
        assert box["x"] <= b["x"] <= box["x"] + box["width"]
        assert box["y"] <= b["y"] <= box["y"] + box["height"]
    assert pg.evaluate("map.getZoom()") >= 5


def test_place_names_from_documents_are_text(page, base_url: str) -> None:
    pg = page
    pg.goto(base_url + "/")
    loaded(pg)
    assert pg.locator("#list").get_by_text(HOSTILE).count() >= 1
    tips = []
    for marker in pg.locator("path.ev-marker").all():  # every tooltip, as Leaflet opens it
        marker.dispatch_event("mouseover")
        tips.append(pg.locator(".leaflet-tooltip").last.inner_text())
        marker.dispatch_event("mouseout")
    assert any(HOSTILE in tip for tip in tips)
    assert pg.locator("#pwned").count() == 0
    pg.locator("#list li", has_text=HOSTILE).first.click()
    pg.wait_for_selector("#doc-text mark")
    assert HOSTILE in pg.locator("#d-fields").inner_text()
    assert pg.locator("#pwned").count() == 0
    assert pg.title() != "1"


def test_codebook_explains_statuses_categories_and_chains(page, base_url: str) -> None:
    pg = page
    pg.goto(base_url + "/")
    pg.click("#codebook-link")
    pg.wait_for_url("**/codebook")
    text = pg.locator("body").inner_text()
    for status in ("reported", "claimed", "planned", "denied", "hypothetical"):
        assert pg.locator("#statuses + p + table code", has_text=status).count() == 1
    for category in CATEGORIES:
        assert category in text
    table = pg.locator("#plover-acled").inner_text()
    for _label, category, _mode, event_type, sub_type in mapping_table():
        if category != "-" and event_type != "-" and sub_type != "Other":
            assert event_type in table and sub_type in table, (category, sub_type)
    assert "(?)" in pg.locator("#uncertain").inner_text()
    assert "according to" in pg.locator("#chain + p + blockquote").inner_text()


def test_phone_tap_shows_fields_first_and_screenshots(browser, base_url: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = desktop.new_page()
    pg.goto(base_url + "/?category=PROTEST")
    loaded(pg)
    pg.wait_for_selector("#timeline canvas")
    pg.locator("#list li").first.click()
    pg.wait_for_selector("#doc-text mark")
    pg.screenshot(path=str(ARTIFACTS / "page-desktop.png"))
    desktop.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)  # fmt: skip
    pg = phone.new_page()
    pg.goto(base_url + "/")
    loaded(pg)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    pg.screenshot(path=str(ARTIFACTS / "page-phone.png"))
    pg.locator("#list li").first.tap()
    pg.wait_for_selector("#doc-text mark")
    fields = pg.locator("#d-fields").bounding_box()
    text = pg.locator("#doc-text").bounding_box()
    assert 0 <= fields["y"] < 300 and fields["y"] < text["y"]  # fields first, in view
    assert pg.locator("#d-fields dt").first.is_visible()
    pg.screenshot(path=str(ARTIFACTS / "page-phone-event.png"))
    pg.click("#close-detail")
    expect(pg.locator("#detail")).to_be_hidden()
    assert "#event=" not in pg.url
    phone.close()
    for name in ("page-desktop.png", "page-phone.png", "page-phone-event.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000
