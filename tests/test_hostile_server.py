"""The server against hostile requests: huge cursors, huge headers, idle connections,
rebound DNS names, and markup where a name is expected."""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from according.server import create_app  # noqa: E402
from according.server.app import CSP, UVICORN_LIMITS, default_allowed_hosts  # noqa: E402

STATIC = Path(__file__).resolve().parent.parent / "according" / "server" / "static"


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('hostile-server') / 'empty.db'}"


def cursor(ordinal: int) -> str:
    raw = json.dumps(["events", None, "sha256:" + "0" * 64, ordinal]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("ordinal", [2**63, 2**63 + 5, 10**30])
def test_cursor_ordinal_beyond_64_bits_is_a_400(db_url, ordinal):
    with TestClient(create_app(db_url)) as client:
        r = client.get("/api/events", params={"cursor": cursor(ordinal)})
        assert r.status_code == 400 and "cursor" in r.json()["detail"]
        assert client.get("/api/events", params={"cursor": cursor(2**63 - 1)}).status_code == 200


def test_host_header_must_be_one_the_server_answers_to(db_url):
    hosts = default_allowed_hosts("127.0.0.1")
    with TestClient(create_app(db_url, allowed_hosts=hosts)) as client:
        r = client.get("/api/events", headers={"Host": "attacker.example"})
        assert r.status_code == 400
        for name in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
            assert client.get("/api/events", headers={"Host": name}).status_code == 200, name
    assert default_allowed_hosts("0.0.0.0") is None
    assert default_allowed_hosts("10.0.0.5") == ["10.0.0.5"]


def test_no_inline_script_is_allowed_or_needed(db_url):
    script_src = re.search(r"script-src ([^;]*)", CSP).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    with TestClient(create_app(db_url)) as client:
        for path in ("/", "/docs"):
            r = client.get(path)
            assert r.headers["content-security-policy"] == CSP
            scripts = re.findall(r"<script([^>]*)>(.*?)</script>", r.text, re.DOTALL)
            assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
        assert client.get("/static/docs.js").status_code == 200


def test_the_map_never_hands_text_to_leaflet_as_html():
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js
    for call in re.findall(r"\.(?:bindTooltip|bindPopup|setContent)\(([^)]*)\)", js):
        assert call.strip() == "tipText", call  # an element with a text node, never a string


@pytest.fixture(scope="module")
def live_server(db_url) -> Iterator[int]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(db_url), host="127.0.0.1", port=port, log_level="critical", **UVICORN_LIMITS
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


def exchange(port: int, request: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(request)
        return conn.recv(65_536)


def test_oversized_request_line_and_headers_are_refused(live_server):
    ok = exchange(live_server, b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 200")
    big_header = b"X-Junk: " + b"a" * 40_000 + b"\r\n"
    answer = exchange(
        live_server, b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big_header + b"\r\n"
    )
    assert answer.split(b" ", 2)[1] == b"431"
    long_line = b"GET /api/events?q=" + b"a" * 40_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert exchange(live_server, long_line).split(b" ", 2)[1] == b"431"


@pytest.mark.slow  # waits out the keep-alive timeout
def test_idle_keep_alive_connection_is_closed(live_server):
    with socket.create_connection(("127.0.0.1", live_server), timeout=15) as conn:
        conn.sendall(b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert conn.recv(65_536).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        assert conn.recv(1) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < UVICORN_LIMITS["timeout_keep_alive"] + 3


@pytest.mark.slow  # waits out the keep-alive timeout
def test_connection_that_never_sends_a_request_is_closed(live_server):
    with socket.create_connection(("127.0.0.1", live_server), timeout=15) as conn:
        started = time.monotonic()
        assert conn.recv(1) == b""
        assert time.monotonic() - started < UVICORN_LIMITS["timeout_keep_alive"] + 3
