"""Sharded ingest on Dask: documents per second with one worker and with two, one run.

The corpus is generated: gzipped WARC files (written with warcio) of HTML articles made
from the bundled samples, ``--per-shard`` articles to a file. Each side gets its own
LocalCluster of single-threaded worker processes, warmed up (pipeline loaded) before the
clock starts, and its own empty store; the time is end to end, from the first submit to
the last shard committed by the loader (which runs in this process, on the same cores).
With ``--repeat N`` the two sides alternate N times and each keeps its fastest run, as
``timeit`` does: on a machine shared with other work, the fastest run is the one least
disturbed, and alternating spreads any drift over both sides.

    python benchmarks/scale.py [--articles 120] [--per-shard 10] [--repeat 3] [--format json]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def article_html(title: str, text: str) -> bytes:
    """A news page as a CMS would serve it: chrome around one article."""
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>© News</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes]], gzip: bool = True) -> Path:
    """One response record per (url, body) page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, body in pages:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return path


def make_corpus(folder: Path, articles: int, per_shard: int, words: int) -> list[Path]:
    from benchmarks.corpus import articles as make_articles

    folder.mkdir(parents=True, exist_ok=True)
    texts = make_articles(articles, words=words)
    files = []
    for start in range(0, len(texts), per_shard):
        pages = [
            (f"https://news.example/{i}", article_html(f"Report {i}", texts[i]))
            for i in range(start, min(start + per_shard, len(texts)))
        ]
        files.append(write_warc(folder / f"shard-{start // per_shard:04d}.warc.gz", pages))
    return files


def measure(files: list[Path], workers: int, scratch: Path, run: int = 0) -> dict[str, float]:
    from distributed import Client

    from according.batch.dask_engine import ShardProgress, local_cluster, run_dask, warm_up
    from according.batch.ingest import IngestSummary
    from according.batch.shards import plan_shards
    from according.settings import DEFAULT_SETTINGS
    from according.store import Store

    shards = plan_shards(files)
    results = []
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.run(warm_up, DEFAULT_SETTINGS)
        with Store(scratch / f"w{workers}-{run}.db") as store:
            summary = IngestSummary()
            start = time.perf_counter()
            run_dask(
                store, shards, summary, settings=DEFAULT_SETTINGS, client=client,
                out_dir=scratch / f"out{workers}", status=results.append,
            )  # fmt: skip
            elapsed = time.perf_counter() - start
    if summary.skipped:
        raise SystemExit(f"benchmark corpus had errors: {summary.skipped[:3]}")
    last: ShardProgress = results[-1]
    return {"documents": last.documents, "seconds": elapsed}


def measure_loader(files: list[Path], scratch: Path) -> float:
    """Documents per second the single writer commits, from outputs already on disk
    (left by the two-worker run): the ceiling of one store, whatever the cluster."""
    from according.batch.ingest import IngestSummary
    from according.batch.loader import load_shard
    from according.batch.shards import ShardResult, plan_shards
    from according.store import Store

    shards = plan_shards(files)
    results = []
    for shard in shards:
        output = scratch / "out2" / f"{shard.digest}.jsonl"
        body = output.read_bytes()
        results.append(
            ShardResult(
                key=shard.key,
                output=str(output),
                documents=len(body.splitlines()),
                sha256=hashlib.sha256(body).hexdigest(),
            )
        )
    summary = IngestSummary()
    with Store(scratch / "loader.db") as store:
        start = time.perf_counter()
        for shard, result in zip(shards, results, strict=True):
            load_shard(store, shard, result, summary, ledger_key=shard.key, remove=False)
        elapsed = time.perf_counter() - start
    return summary.documents_stored / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--per-shard", type=int, default=10)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; fastest kept")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="according-scale-") as tmp:
        scratch = Path(tmp)
        files = make_corpus(scratch / "corpus", args.articles, args.per_shard, args.words)
        ones, twos = [], []
        for run in range(max(1, args.repeat)):
            ones.append(measure(files, 1, scratch, run))
            twos.append(measure(files, 2, scratch, run))
        one = min(ones, key=lambda m: m["seconds"])
        two = min(twos, key=lambda m: m["seconds"])
        loader = measure_loader(files, scratch)
    rate_1 = one["documents"] / one["seconds"]
    rate_2 = two["documents"] / two["seconds"]
    result = {
        "articles": args.articles,
        "shards": len(files),
        "words_per_article": args.words,
        "cores": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "docs_per_s_1": round(rate_1, 2),
        "docs_per_s_2": round(rate_2, 2),
        "speedup": round(rate_2 / rate_1, 2),
        "seconds_1": round(one["seconds"], 2),
        "seconds_2": round(two["seconds"], 2),
        "runs": len(ones),
        "all_seconds_1": [round(m["seconds"], 2) for m in ones],
        "all_seconds_2": [round(m["seconds"], 2) for m in twos],
        "loader_docs_per_s": round(loader, 1),
    }
    print(
        f"{result['articles']} articles of ~{args.words} words in {len(files)} WARC shards, "
        f"{result['cores']} cores, load average {result['load_average_before']} before, "
        f"fastest of {len(ones)} runs each\n"
        f"1 worker:  {rate_1:6.2f} docs/s ({one['seconds']:.1f} s)\n"
        f"2 workers: {rate_2:6.2f} docs/s ({two['seconds']:.1f} s)\n"
        f"speedup:   {result['speedup']:.2f}x\n"
        f"loader (one store writer): {loader:.0f} docs/s"
    )
    if args.format == "json":
        print(json.dumps(result))


if __name__ == "__main__":
    main()
