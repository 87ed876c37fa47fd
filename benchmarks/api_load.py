"""Load test of /api/events: 50 concurrent clients on loopback against 100,000 events.

    python benchmarks/api_load.py                       # SQLite, cached in /tmp
    python benchmarks/api_load.py --db postgresql+psycopg://postgres@127.0.0.1:54329/bench

The server runs in its own process (uvicorn, one worker) so the clients' event loop does
not compete with it for the GIL. Bounded: at most --requests requests and --seconds of
load. Prints p50/p99 latency; the target is p99 under 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

EVENTS_PER_DOC = 5
QUERIES = [
    "category=PROTEST&since=2019-11-10&until=2019-11-30",
    "country=IQ&limit=50",
    "category=COERCE,ASSAULT&status=claimed",
    "bbox=44,29,48,34&since=2019-12-01",
    "outlet=reuters&category=ACCUSE",
    "place=Tehran&until=2019-12-31",
    "actor=students&status=reported&limit=20",
    "since=2020-03-01&until=2020-03-07&format=geojson",
]
SERVER = """
import sys, uvicorn
from according.server import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


def fill(url: str, events: int) -> None:
    """Generate the store once; a cached SQLite file with enough events is reused."""
    with Store(url) as store:
        have = store.counts()["events"]
        if have >= events:
            print(f"store has {have} events; reusing it")
            return
        docs = events // EVENTS_PER_DOC
        started = time.monotonic()
        batch = []
        for report in generate(docs, seed=11, days=365, events=EVENTS_PER_DOC):
            batch.append(report)
            if len(batch) == 1000:
                store.save_reports(batch)
                batch = []
        store.save_reports(batch)
        print(f"stored {store.counts()['events']} events in {time.monotonic() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_up(base: str, deadline: float) -> None:
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(base + "/api/events?limit=1")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not start")


async def load(base: str, clients: int, total: int, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:

        async def client(n: int) -> None:
            nonlocal sent, failures
            rng = random.Random(n)
            while sent < total and time.monotonic() < stop_at:
                sent += 1
                started = time.perf_counter()
                r = await http.get("/api/events?" + rng.choice(QUERIES))
                latencies.append(time.perf_counter() - started)
                failures += r.status_code != 200

        await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:////tmp/according-bench-100k.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    fill(args.db, args.events)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-c", SERVER, args.db, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_up(base, time.monotonic() + 60))
        asyncio.run(load(base, args.clients, min(200, args.requests), 10))  # warm-up
        started = time.monotonic()
        latencies, failures = asyncio.run(load(base, args.clients, args.requests, args.seconds))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # requests still queued in its thread pool
            server.kill()
            server.wait()
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"{len(ms)} requests, {args.clients} clients, {failures} failed, "
          f"{len(ms) / elapsed:.0f} req/s")  # fmt: skip
    print(f"/api/events with filters: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
          f"({'meets' if p99 < 200 else 'misses'} the 200 ms target)")  # fmt: skip
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
