"""Cost of one long document against its length: should be linear.

    python benchmarks/long_document.py [--sizes 50000,100000,200000,400000] [--format json]

Each size runs in a fresh process (so peak memory is that document's), on real news
text (the PolNeAR articles in ../shared/eval where present, else the bundled samples;
the printed source says which). Prints seconds and peak MB per size, and the ratio of
the largest to the smallest cost per character: at or under 1.5 the cost is linear
enough (target of issue 15; before it, 100k characters took 11 s and 500k 173 s).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def long_text(chars: int) -> str:
    from benchmarks.corpus import articles

    text = "\n\n".join(articles(1, words=chars // 5 + 200)[0].split("\n\n"))
    return text[:chars].rsplit(" ", 1)[0]


def child(chars: int) -> dict[str, float]:
    """One measurement, in this process: the pipeline on a text of ``chars`` characters."""
    from according.pipeline.core import get_pipeline
    from according.readers.normalise import normalise_text
    from according.readers.source import SourceDocument

    pipeline = get_pipeline()
    pipeline(SourceDocument(text="Police said on Monday that 40 people were held.", origin="w"))
    text = normalise_text(long_text(chars))
    started = time.perf_counter()
    report = pipeline(SourceDocument(text=text, origin="long", page_date="2016-10-01"))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak),
        "quotes": len(report.quotes),
        "events": len(report.events),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,100000,200000,400000")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    from benchmarks.corpus import source_name

    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if args.format == "text":
            r = rows[-1]
            print(
                f"{r['chars']:>8,} chars  {r['seconds']:7.2f} s  {r['peak_mb']:6,} MB  "
                f"{1e6 * r['seconds'] / r['chars']:6.1f} µs/char  "
                f"({r['quotes']} quotes, {r['events']} events)",
                flush=True,
            )
    per_char = [r["seconds"] / r["chars"] for r in rows]
    ratio = max(per_char) / min(per_char)
    if args.format == "json":
        print(json.dumps({"source": source_name(), "sizes": rows, "ratio": round(ratio, 2)}))
    else:
        print(f"source: {source_name()}; largest/smallest cost per character: {ratio:.2f}")


if __name__ == "__main__":
    main()
