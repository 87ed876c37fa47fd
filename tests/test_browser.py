"""The page in a real browser: Debian's chromium driven by Playwright, fully offline.

A uvicorn server on a free loopback port serves a store of generated reports. The checks
are what a user sees: markers on the map, a filter that changes them, the evidence of a
clicked event highlighted in its report, and no request to any host but this server.
"""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright_api.expect
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")
if not CHROMIUM.exists():
    from tests.conftest import missing_service

    missing_service("Debian's chromium is missing: apt-get install -y chromium")

warnings.filterwarnings("ignore", message=".*httpx2.*")
from according.server import create_app  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("browser") / "page.db")
    with Store(url) as store:
        store.save_reports(generate(30))
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
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[tuple[object, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg, requests
    context.close()
    assert not errors, errors


COUNTRIES_DRAWN = (
    "document.querySelectorAll('.leaflet-overlay-pane path:not(.ev-marker)').length > 100"
)


def outside(requests: list[str], base_url: str) -> list[str]:
    """Requests to anything but this server (data: URLs never leave the page)."""
    return [u for u in requests if not u.startswith(base_url + "/") and not u.startswith("data:")]


def markers(pg) -> list[str]:
    return pg.eval_on_selector_all("path.ev-marker", "els => els.map(e => e.getAttribute('class'))")


def test_markers_filter_evidence_and_no_outside_requests(page, base_url: str) -> None:
    pg, requests = page
    pg.goto(base_url + "/")
    pg.wait_for_selector("path.ev-marker", state="attached")
    pg.wait_for_selector("#timeline canvas")
    pg.wait_for_function(
        "document.querySelectorAll('path.leaflet-interactive, svg path').length > 50"
    )
    before = markers(pg)
    assert len(before) > 5
    assert len({c.split()[1] for c in before if len(c.split()) > 1}) > 1  # several categories
    items_before = pg.locator("#list li").count()

    pg.select_option("select[name=category]", "PROTEST")
    expect(pg.locator("path.ev-marker:not(.cat-PROTEST)")).to_have_count(0)
    after = markers(pg)
    assert 0 < len(after) < len(before)
    assert pg.locator("#list li").count() < items_before

    first = pg.locator("#list li").first
    event_id = first.get_attribute("data-id")
    first.click()
    pg.wait_for_selector("#doc-text mark:not(.other)")
    marked = pg.locator("#doc-text mark:not(.other)").all_inner_texts()
    events = pg.evaluate(
        "async () => (await (await fetch('/api/events?category=PROTEST&limit=1000')).json()).items"
    )
    event = next(e for e in events if e["id"] == event_id)
    assert marked == [s["text"] for s in event["evidence"]]
    assert "PROTEST" in pg.locator("#d-title").inner_text()
    assert pg.locator("#d-chain").inner_text().startswith("according to")

    outside = [
        u for u in requests if not u.startswith(base_url + "/") and not u.startswith("data:")
    ]
    assert outside == [], outside
    assert any("/static/vendor/world-atlas/" in u for u in requests)


def test_page_fits_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(base_url + "/")
    pg.wait_for_selector("path.ev-marker", state="attached")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert pg.locator("#map").bounding_box()["height"] > 200
    pg.locator("#list li").first.click()
    pg.wait_for_selector("#doc-text mark")
    context.close()


def test_docs_page_renders_offline(browser, base_url: str) -> None:
    context = browser.new_context()
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(base_url + "/docs")
    pg.get_by_text("/api/events", exact=True).first.wait_for()
    assert outside(requests, base_url) == []
    context.close()
