"""Take the README's picture of the page: the bundled samples in a fresh store, served,
and shown in Debian's Chromium at desktop width.

Run after changing the page or the samples:

    .venv/bin/python scripts/screenshot_page.py            # writes docs/page.png
    .venv/bin/python scripts/screenshot_page.py -o x.png --width 390 --height 844

Needs the `dev` extra (Playwright) and /usr/bin/chromium (`apt-get install chromium`);
nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from according.batch import ingest
from according.server import create_app
from according.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "according" / "data" / "samples"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "docs" / "page.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    args.out = args.out.resolve()
    os.chdir(ROOT)
    if not CHROMIUM.exists():
        raise SystemExit(f"error: {CHROMIUM} is missing: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        with Store(url) as store:
            ingest(store, [SAMPLES.relative_to(ROOT)])  # origins as a user's would read
        server, base = _serve(url)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                page.goto(base + "/")
                page.wait_for_selector("#list li")
                page.locator("#list li").first.click()
                time.sleep(0.5)  # the map's fly-to animation
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.should_exit = True
    print(f"wrote {args.out}")


def _serve(url: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("error: the server did not start")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


if __name__ == "__main__":
    main()
