"""Benchmark articles of about 800 words, the same in every run.

Real news where it is at hand: the PolNeAR articles in ../shared/eval (2016 US election
coverage from seven outlets), joined in file order until each article reaches the word
count. Without them, paragraphs of the bundled sample reports, shuffled with a fixed
seed; those repeat a few dozen sentences, which flatters anything that caches, so the
printed source says which corpus was measured.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "according" / "data" / "samples"
POLNEAR = ROOT.parent / "shared" / "eval" / "quotes" / "polnear"


def _news_texts() -> list[str]:
    """Paragraphs of the news articles, in file order."""
    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) if POLNEAR.exists() else []
    return [
        p.strip()
        for f in files
        for p in f.read_text(encoding="utf-8").split("\n")
        if len(p.split()) > 5
    ]


def _sample_paragraphs() -> list[str]:
    from according.readers import read_input

    found: list[str] = []
    for path in sorted(SAMPLES.iterdir()):
        for source in read_input(path):
            found += [p for p in source.text.split("\n\n") if len(p.split()) > 15]
    return found


def source_name() -> str:
    return "polnear-train" if _news_texts() else "bundled-samples"


def articles(n: int, words: int = 800, seed: int = 13) -> list[str]:
    news = _news_texts()
    out: list[str] = []
    if news:
        pool = iter(news * (1 + n * words // max(1, sum(len(t.split()) for t in news))))
        for _ in range(n):
            parts: list[str] = []
            while sum(len(p.split()) for p in parts) < words:
                parts.append(next(pool))
            out.append("\n\n".join(parts))
        return out
    pool_paragraphs = _sample_paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        parts = [f"Report {i}"]
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(pool_paragraphs))
        out.append("\n\n".join(parts))
    return out
