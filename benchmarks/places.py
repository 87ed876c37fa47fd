"""Benchmark: mentions resolved per second per core (recognised mentions replayed).

``python benchmarks/places.py [N]``: runs spaCy once over the GeoWebNews texts to collect
mentions (not timed), then times gazetteer lookup and resolution over N passes with the
lookup cache cleared each pass, so every pass reads SQLite again.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from according.geo import Gazetteer, recognise, resolve

TEXTS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo" / "corpora" / "GeoWebNews"


def main(passes: int = 5) -> None:
    from according.nlp import load_nlp

    gazetteer = Gazetteer()
    nlp = load_nlp("auto", frozenset({"ner"}))
    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.iterdir())][:100]
    docs = [[(m.key, m.text) for m in recognise(d, gazetteer)] for d in nlp.pipe(texts)]
    total = 0
    started = time.perf_counter()
    for _ in range(passes):
        gazetteer._cache.clear()
        for mentions in docs:
            keys = [k for k, _ in mentions]
            resolve(keys, [gazetteer.lookup(k) for k in keys])
            total += len(keys)
    took = time.perf_counter() - started
    print(f"{total} mentions in {took:.2f} s: {total / took:.0f} mentions resolved/s (one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
