"""The dates stage against ``dateparser.search_dates`` on the same articles, same run.

    python benchmarks/dates.py --articles 40 [--format json]

Target (dates issue): at least 10x faster than search_dates.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()

    from dateparser.search import search_dates

    from according.dates import date_text
    from benchmarks.corpus import articles, source_name

    texts = articles(args.articles)
    page_date = date(2024, 7, 27)
    date_text(texts[0], page_date)
    search_dates("warm up on July 1, 2020", languages=["en"])

    start = time.perf_counter()
    found = sum(len(date_text(t, page_date).dates) for t in texts)
    ours = time.perf_counter() - start

    base = datetime(2024, 7, 27)
    start = time.perf_counter()
    for text in texts:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
    theirs = time.perf_counter() - start

    result = {
        "corpus": source_name(),
        "articles": len(texts),
        "expressions_found": found,
        "dates_stage_s": round(ours, 4),
        "search_dates_s": round(theirs, 4),
        "speedup": round(theirs / ours, 1),
    }
    print(
        json.dumps(result)
        if args.format == "json"
        else "\n".join(f"{k:>18}: {v}" for k, v in result.items())
    )


if __name__ == "__main__":
    main()
