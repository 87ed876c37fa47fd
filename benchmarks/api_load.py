"""Load test of /api/events: 50 concurrent clients on loopback against 100,000 events.

    python benchmarks/api_load.py                       # SQLite, cached in /tmp
    python benchmarks/api_load.py --db postgresql+psycopg://postgres@127.0.0.1:54329/bench

The server runs in its own processes (uvicorn, --workers of them, each with the app from
``according.server.app:from_environment``) so the clients' event loop does not compete
with it for the GIL. Bounded: at most --requests requests and --seconds of load. Prints
p50/p99 latency under load (the target is p99 under 200 ms), then the latency of single
requests sent one at a time, and the server's CPU time per request: on a shared machine
the load numbers move with the neighbours, the last two much less.

Two workloads. By default the clients pick among eight filtered queries, as people
opening the map page with common filters do; after the first of each, the server's
response cache (``according/server/cache.py``) answers. ``--distinct`` gives every
request its own dates, limit, box and categories, so nearly every one is computed:
the server's worst case. ``--cache-mb 0`` turns the cache off for either.
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
from datetime import date, timedelta
from pathlib import Path

import aiohttp
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
uvicorn.run("according.server.app:from_environment", factory=True, host="127.0.0.1",
            port=int(sys.argv[1]), workers=int(sys.argv[2]), log_level="warning",
            access_log=False)
"""
CATEGORY_SETS = ["PROTEST", "COERCE,ASSAULT", "ACCUSE", "PROTEST,REQUEST", "ASSAULT"]
SINGLE_ROUNDS = 5  # single requests: each query this many times, one at a time
TICKS = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children still running (Linux /proc).

    uvicorn's workers are children of the supervisor; their time is what serving costs.
    """
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        pending += [int(c) for c in children]
    return total


def distinct_query(rng: random.Random) -> str:
    """One of the QUERIES' shapes with its own values: a new cache key nearly every time."""
    day = date(2019, 6, 1) + timedelta(days=rng.randrange(365))
    until = day + timedelta(days=rng.randrange(3, 60))
    lon, lat = rng.uniform(40, 50), rng.uniform(27, 33)
    shapes = [
        f"category={rng.choice(CATEGORY_SETS)}&since={day}&until={until}",
        f"country={rng.choice(['IQ', 'IR', 'LB'])}&limit={rng.randrange(20, 101)}&since={day}",
        f"category={rng.choice(CATEGORY_SETS)}&status=claimed&since={day}",
        f"bbox={lon:.2f},{lat:.2f},{lon + 4:.2f},{lat + 5:.2f}&since={day}",
        f"outlet=reuters&category={rng.choice(CATEGORY_SETS)}&until={until}",
        f"place={rng.choice(['Tehran', 'Basra', 'Shiraz'])}&until={until}",
        f"actor=students&status=reported&limit={rng.randrange(10, 60)}&since={day}",
        f"since={day}&until={day + timedelta(days=rng.randrange(2, 9))}&format=geojson",
    ]
    return rng.choice(shapes)


async def single(base: str, rounds: int) -> list[float]:
    """Latency of requests sent one at a time: the server's own cost, no queueing."""
    out = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                r = await http.get("/api/events?" + query)
                out.append(time.perf_counter() - started)
                r.raise_for_status()
    return out


def percentile(ms: list[float], p: float) -> float:
    ms = sorted(ms)
    return ms[min(len(ms) - 1, int(len(ms) * p))]


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


async def load(
    base: str, clients: int, total: int, seconds: float, distinct: bool = False
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    sent = 0
    stop_at = time.monotonic() + seconds
    # aiohttp rather than httpx for the load: httpx spends ~3 ms of CPU a request, so at
    # a few hundred requests a second the clients, not the server, would fill a core.
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as http:

        async def client(n: int) -> None:
            nonlocal sent, failures
            rng = random.Random(n)
            while sent < total and time.monotonic() < stop_at:
                sent += 1
                query = distinct_query(rng) if distinct else rng.choice(QUERIES)
                started = time.perf_counter()
                try:
                    async with http.get("/api/events?" + query) as r:
                        await r.read()
                        failures += r.status != 200
                except (aiohttp.ClientError, TimeoutError) as exc:  # counted: see server log
                    failures += 1
                    print(f"transport error: {exc!r}", file=sys.stderr)
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:////tmp/according-bench-100k.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="route threads per worker")
    parser.add_argument("--cache-mb", type=float, default=64, help="response cache per worker")
    parser.add_argument("--distinct", action="store_true", help="every request its own query")
    args = parser.parse_args()
    fill(args.db, args.events)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ACCORDING_SERVER_DB": args.db,
        "ACCORDING_SERVER_THREADS": str(args.threads),
        "ACCORDING_SERVER_CACHE_MB": str(args.cache_mb),
    }
    env.pop("ACCORDING_SERVER_TOKEN", None)  # the benchmark server is read-only
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_up(base, time.monotonic() + 60))
        asyncio.run(load(base, args.clients, min(200, args.requests), 10))  # warm-up
        cpu_before = cpu_seconds(server.pid)
        started = time.monotonic()
        latencies, failures = asyncio.run(
            load(base, args.clients, args.requests, args.seconds, args.distinct)
        )
        elapsed = time.monotonic() - started
        cpu_per_request = (cpu_seconds(server.pid) - cpu_before) / max(1, len(latencies))
        alone = [x * 1000 for x in asyncio.run(single(base, SINGLE_ROUNDS))]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # requests still queued in its thread pool
            server.kill()
            server.wait()
    ms = [x * 1000 for x in latencies]
    p50, p99 = statistics.median(ms), percentile(ms, 0.99)
    workload = "distinct queries" if args.distinct else "8 repeated queries"
    print(f"{len(ms)} requests ({workload}, cache {args.cache_mb:g} MB), {args.clients} "
          f"clients, {args.workers} workers x {args.threads} threads, "
          f"{failures} failed, {len(ms) / elapsed:.0f} req/s, load average "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"/api/events with filters: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
          f"({'meets' if p99 < 200 else 'misses'} the 200 ms target)")  # fmt: skip
    print(f"single requests ({len(alone)}, one at a time): p50 {statistics.median(alone):.1f} "
          f"ms, p99 {percentile(alone, 0.99):.1f} ms; server CPU "
          f"{cpu_per_request * 1000:.1f} ms per request under load")  # fmt: skip
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
