"""The evaluation data the quality gates read, and its pinned SHA-256 digests.

A quality baseline means something only on the data it was recorded on: a file of
../shared/eval edited, added or removed would move a score with no change of code, and a
gate could pass or fail on data nobody meant to change. So, as trafilatura pins its
evaluation data, every file a gate reads is pinned in ``tests/quality_data.sha256`` (the
``sha256sum`` format, paths relative to ../shared, so ``cd ../shared && sha256sum -c
../according/tests/quality_data.sha256`` checks it too), and
``test_quality_baselines.py`` fails when the data is not the pinned data.

When the data changes on purpose, re-pin it and re-record the baselines in one commit:
``python -m tests.quality_data`` rewrites the pin file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import ROOT, SHARED

PINS = ROOT / "tests" / "quality_data.sha256"

# Each gate of quality_baselines.json: the files and folders under ../shared/eval it reads.
GATE_DATA: dict[str, tuple[str, ...]] = {
    "time_tbaq": ("time/TBAQ-cleaned",),
    "geo_geowebnews": ("geo/GeoWebNews_gold.txt", "geo/corpora/GeoWebNews"),
    "geo_geovirus": ("geo/GeoVirus_gold.txt", "geo/corpora/GeoVirus"),
    "quotes_polnear_dev": ("quotes/polnear/dev",),
    "events_case_dev": ("events/case2021-task2-dev.tsv",),
    "events_acled_dev": ("events/acled-2020-dev.csv",),
}


def data_files(shared: Path = SHARED) -> list[str]:
    """Every file the gates read, as a path relative to ``shared``, sorted. A folder
    counts with all the files under it: a file added there would be scored too."""
    files: set[str] = set()
    for parts in GATE_DATA.values():
        for part in parts:
            path = shared / "eval" / part
            found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            files.update(p.relative_to(shared).as_posix() for p in found)
    return sorted(files)


def digests(shared: Path = SHARED) -> dict[str, str]:
    """SHA-256 of each file the gates read, by its path relative to ``shared``."""
    return {
        name: hashlib.sha256((shared / name).read_bytes()).hexdigest()
        for name in data_files(shared)
    }


def pinned() -> dict[str, str]:
    """The digests recorded in the pin file (``<sha256>  <path>`` a line)."""
    pins = {}
    for line in PINS.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        pins[name] = digest
    return pins


def write_pins(shared: Path = SHARED) -> int:
    """Record the digests of the data as it is now; returns the number of files."""
    found = digests(shared)
    PINS.write_text("".join(f"{d}  {name}\n" for name, d in found.items()), encoding="utf-8")
    return len(found)


if __name__ == "__main__":
    print(f"pinned {write_pins()} files in {PINS.relative_to(ROOT)}")
