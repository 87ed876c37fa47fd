"""Whole-pipeline throughput against a baseline measured in the same run.

Baseline: spaCy en_core_web_sm with all its components plus dateparser.search_dates on
each article (roughly what a GDELT-style system does). Each side runs in its own child
process, one core each in turn, on the same articles, so the ratio is honest and the
peak memory is that side's alone.

    python benchmarks/throughput.py --articles 40 [--format json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _ours(texts: list[str], queue: mp.Queue) -> None:
    from according.pipeline.core import get_pipeline
    from according.readers.normalise import normalise_text
    from according.readers.source import SourceDocument

    pipeline = get_pipeline()
    sources = [
        SourceDocument(text=normalise_text(t), origin=f"bench:{i}") for i, t in enumerate(texts)
    ]
    list(pipeline.pipe(sources[:2]))  # warm-up outside the clock
    start = time.perf_counter()
    reports = list(pipeline.pipe(sources))
    elapsed = time.perf_counter() - start
    queue.put((len(reports) / elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _baseline(texts: list[str], queue: mp.Queue) -> None:
    import dateparser.search
    import spacy

    from according.nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name("auto"))
    nlp(texts[0])
    dateparser.search.search_dates(texts[0], languages=["en"])
    start = time.perf_counter()
    for doc, text in zip(nlp.pipe(texts, batch_size=8), texts, strict=True):
        _ = doc.ents
        dateparser.search.search_dates(text, languages=["en"])
    elapsed = time.perf_counter() - start
    queue.put((len(texts) / elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(target, texts: list[str]) -> tuple[float, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(texts, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    from benchmarks.corpus import articles, source_name

    texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts) / len(texts)
    ours, ours_rss = measure(_ours, texts)
    base, base_rss = measure(_baseline, texts)
    result = {
        "corpus": source_name(),
        "articles": len(texts),
        "words_per_article": round(words),
        "articles_per_s_per_core": round(ours, 2),
        "baseline_articles_per_s": round(base, 2),
        "baseline_ratio": round(ours / base, 2),
        "peak_rss_mb": round(ours_rss),
        "baseline_peak_rss_mb": round(base_rss),
    }
    if args.format == "json":
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}: {value}")


if __name__ == "__main__":
    main()
