"""What one stage adds to the pipeline's time per article, measured in one process.

The issue's budget for the quotes stage is a share of the pipeline's time ("at most
20% more per article"), which throughput.py cannot show: it times the whole pipeline
against a spaCy + dateparser baseline. Here the same articles go through the default
pipeline and through the pipeline without the stage, in alternating rounds (so both
see the same machine load), and the stage's own calls are timed too.

    python benchmarks/stage_share.py --articles 40 [--stage according.quotes.v1] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(stage: object, spent: list[float]) -> object:
    """The stage, with the wall time of each call added to ``spent``."""

    def call(ctx: object) -> None:
        start = time.perf_counter()
        stage(ctx)  # type: ignore[operator]
        spent[0] += time.perf_counter() - start

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--stage", default="according.quotes.v1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    from according.pipeline.core import Pipeline
    from according.readers.normalise import normalise_text
    from according.readers.source import SourceDocument
    from according.settings import DEFAULT_SETTINGS
    from benchmarks.corpus import articles, source_name

    texts = articles(args.articles)
    sources = [
        SourceDocument(text=normalise_text(t), origin=f"bench:{i}") for i, t in enumerate(texts)
    ]
    full = Pipeline(DEFAULT_SETTINGS)
    spent = [0.0]
    full.stages = [
        _timed(s, spent) if getattr(s, "name", "") == args.stage else s for s in full.stages
    ]
    # Built whole, then the stage taken out: the stages after it run on what it would
    # have written left empty. (Built from settings without it, the order check would
    # refuse a pipeline whose later stages read what it writes; no stage has spaCy
    # components of its own, so the model is the same either way.)
    without = Pipeline(DEFAULT_SETTINGS)
    without.stages = [s for s in without.stages if getattr(s, "name", "") != args.stage]
    for pipe in (full, without):
        list(pipe.pipe(sources[:2]))  # warm-up (model load, parser load) outside the clock
    spent[0] = 0.0
    with_s = without_s = 0.0
    for _ in range(args.rounds):
        start = time.perf_counter()
        list(full.pipe(sources))
        with_s += time.perf_counter() - start
        start = time.perf_counter()
        list(without.pipe(sources))
        without_s += time.perf_counter() - start
    n = args.rounds * len(sources)
    result = {
        "corpus": source_name(),
        "articles": len(sources),
        "rounds": args.rounds,
        "stage": args.stage,
        "ms_per_article_with": round(1000 * with_s / n, 1),
        "ms_per_article_without": round(1000 * without_s / n, 1),
        "stage_ms_per_article": round(1000 * spent[0] / n, 1),
        # The budget's measure: how much longer an article takes with the stage.
        "added_share": round((with_s - without_s) / without_s, 3),
        "stage_share_of_rest": round(spent[0] / (with_s - spent[0]), 3),
    }
    if args.format == "json":
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
