"""One large feed ingested whole and in parts: time, memory, progress, shards.

    python benchmarks/large_feed.py [--entries 20000] [--workers 2] [--format json]

Builds an RSS feed of ``--entries`` items (a news paragraph each, about 250 characters:
the PolNeAR articles in ../shared/eval where present, else the bundled samples) in a
temporary folder and ingests it into an empty store twice, each time in a fresh
process: once as one shard (how every feed was read before issue 15), once cut into
parts of ``--part-entries`` entries. Prints for each: seconds, shards, documents
stored, seconds until the first progress report, the number of progress reports, and
CPU seconds and peak memory of the ingesting process and its workers (sampled every
0.2 s with psutil; memory resident, of the largest single process and of all together).
On a shared machine the CPU seconds move less than the wall time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_feed(path: Path, entries: int) -> int:
    from benchmarks.corpus import articles

    paragraphs = [p for a in articles(max(1, entries // 40), words=800) for p in a.split("\n\n")]
    items = [
        f"<item><title>Dispatch {i}</title><link>https://feed.example.org/{i}</link>"
        f"<pubDate>Mon, {1 + i % 28:02d} Jul 2024 08:00:00 GMT</pubDate>"
        f"<description>{escape(paragraphs[i % len(paragraphs)])} (Dispatch {i}.)"
        "</description></item>\n"
        for i in range(entries)
    ]
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>Big Feed</title><link>https://feed.example.org/</link>\n"
        + "".join(items)
        + "</channel></rss>\n"
    ).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def child(feed: str, db: str, workers: int, part_entries: int) -> dict[str, float]:
    """One ingest, in this process; ``part_entries`` 0 reads the feed as one shard."""
    import according.batch.feed_split as feed_split
    from according.batch import ingest
    from according.store import Store

    feed_split.SCAN_BYTES = 0
    feed_split.PART_ENTRIES = part_entries or 10**9
    reports: list[float] = []
    started = time.perf_counter()
    with Store(db) as store:
        summary = ingest(
            store, [feed], workers=workers, progress=lambda *_: reports.append(time.perf_counter())
        )
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "shards": summary.shards,
        "documents": summary.documents_stored,
        "first_progress_s": round(reports[0] - started, 1) if reports else None,
        "progress_reports": len(reports),
    }


def measured(command: list[str]) -> tuple[str, dict[str, int]]:
    """Run ``command``; its output and the peak resident memory of its process tree."""
    import psutil

    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    top = psutil.Process(proc.pid)
    largest = total = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        sizes = []
        for p in [top, *_children(top)]:
            try:
                sizes.append(p.memory_info().rss)
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            except psutil.Error:
                continue
        if sizes:
            largest, total = max(largest, max(sizes)), max(total, sum(sizes))
        time.sleep(0.2)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"ingest failed with status {proc.returncode}")
    return out, {
        "cpu_s": round(sum(cpu.values())),
        "peak_mb_process": largest >> 20,
        "peak_mb_all": total >> 20,
    }


def _children(process: Any) -> list[Any]:
    try:
        return list(process.children(recursive=True))
    except Exception:  # noqa: BLE001 - gone between two samples
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--part-entries", type=int, default=500)
    parser.add_argument("--only", choices=("whole", "parts"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        feed, db, part = args.child
        print(json.dumps(child(feed, db, args.workers, int(part))))
        return
    results: dict[str, object] = {"entries": args.entries, "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="according-feed-bench-") as tmp:
        feed = Path(tmp) / "feed.xml"
        results["feed_bytes"] = write_feed(feed, args.entries)
        runs = {"whole": 0, "parts": args.part_entries}
        for name, part in runs.items():
            if args.only and name != args.only:
                continue
            out, memory = measured(
                [sys.executable, __file__, "--workers", str(args.workers),
                 "--child", str(feed), str(Path(tmp) / f"{name}.db"), str(part)]
            )  # fmt: skip
            results[name] = json.loads(out.strip().splitlines()[-1]) | memory
    if args.format == "json":
        print(json.dumps(results, indent=2))
        return
    print(f"{args.entries:,} entries, {results['feed_bytes']:,} bytes, {args.workers} workers")
    for name in runs:
        if name in results:
            print(f"  {name:6} {results[name]}")


if __name__ == "__main__":
    main()
