"""Benchmark articles: ~800-word reports assembled from the bundled sample corpus.

Deterministic (seeded) so two runs measure the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "according" / "data" / "samples"


def paragraphs() -> list[str]:
    from according.readers import read_input

    found: list[str] = []
    for path in sorted(SAMPLES.iterdir()):
        for source in read_input(path):
            found += [p for p in source.text.split("\n\n") if len(p.split()) > 15]
    return found


def articles(n: int, words: int = 800, seed: int = 13) -> list[str]:
    pool = paragraphs()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = [f"Report {i}"]
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(pool))
        out.append("\n\n".join(parts))
    return out
