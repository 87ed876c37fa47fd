"""The offline gazetteer: a read-only SQLite file of GeoNames places and their names.

Why SQLite: every worker process opens the same file and the OS shares its pages, so the
place stage stays far under its memory budget (a Python dict of 235,000 places with
their alternate names costs over a gigabyte per process). Lookups are by normalised key
(``according.geo.normalise``) on an index; a small per-process cache keeps repeated names
("U.S.", "Tehran") off the disk.

The file is built once by ``scripts/build_gazetteer.py`` from GeoNames data carried by
PyPI packages (GeoNames, CC BY 4.0), never downloaded at run time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from according.errors import SetupError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,      -- the GeoNames id where there is one, else negative
    geonames_id INTEGER,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    country TEXT,                -- ISO 3166-1 alpha-2
    admin1_code TEXT,            -- GeoNames admin1 code, joins cities to their province
    admin1 TEXT,                 -- the province's name
    lat REAL, lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    admin2 TEXT                  -- the district's name (GeoNames admin2), where known
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, kind TEXT NOT NULL,
                   PRIMARY KEY (key, place)) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to, with how the name matched it.

    ``kind`` is "name" (its main name), "alt" (an alternate name or transliteration),
    "abbr" (an abbreviation such as "U.S."), "demonym" ("Iranian" for Iran) or
    "landmark" (a building or site in the place: "White House" for Washington)."""

    id: int
    geonames_id: int | None
    name: str
    # continent, region, country, admin1, admin2, capital (a city that is a national
    # capital) or city
    feature: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    admin2: str | None = None
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A row to write: what ``scripts/build_gazetteer.py`` and tests feed the writer."""

    id: int
    name: str
    # continent, region, country, admin1, admin2, capital (a city that is a national
    # capital) or city
    feature: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    geonames_id: int | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None


_SELECT = (
    "SELECT p.id, p.geonames_id, p.name, p.feature, p.country, p.admin1_code, p.admin1, "
    "p.lat, p.lon, p.population, p.admin2, n.kind FROM name n JOIN place p ON p.id = n.place "
)


# Keys per prefetch query: below SQLite's smallest limit on bound parameters (999).
_IN_CHUNK = 900


class Gazetteer:
    """Read-only access to a built gazetteer file; one instance per process."""

    def __init__(self, path: Path | str | None = None, cache_size: int = 50_000) -> None:
        self.path = Path(path) if path is not None else DEFAULT_PATH
        if not self.path.is_file():
            raise SetupError(
                f"gazetteer not built: run `make setup` (expected {self.path})",
                source=str(self.path),
            )
        # Shared by the threads of a process (the HTTP API's run the pipeline): the file
        # is opened read-only and SQLite serialises use of a connection (threadsafety 3).
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA mmap_size = 268435456")
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        if int(meta.get("schema", 0)) != SCHEMA_VERSION:
            raise SetupError(
                "gazetteer built by another version: run `make setup`", source=str(self.path)
            )
        self.meta = meta
        self.max_words = int(meta.get("max_words", 4))
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._cache_size = cache_size
        self._countries: dict[str, Candidate] | None = None
        self._admin1: dict[tuple[str, str], Candidate] | None = None

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Every place the normalised ``key`` names, in no particular order."""
        hit = self._cache.get(key)
        if hit is None:
            rows = self._db.execute(_SELECT + "WHERE n.key = ?", (key,)).fetchall()
            hit = tuple(Candidate(*row) for row in rows)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def prefetch(self, keys: Iterable[str]) -> None:
        """Look up many keys in one query (a query per key was a tenth of the places
        stage's time); ``lookup`` then answers them from the cache, in the same order."""
        missing = sorted({k for k in keys if k and k not in self._cache})
        for at in range(0, len(missing), _IN_CHUNK):
            chunk = missing[at : at + _IN_CHUNK]
            found: dict[str, list[Candidate]] = {k: [] for k in chunk}
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT n.key, " + _SELECT.removeprefix("SELECT ") + f"WHERE n.key IN ({marks})",
                chunk,
            )
            for row in rows:
                found[row[0]].append(Candidate(*row[1:]))
            if len(self._cache) + len(found) > self._cache_size:
                self._cache.clear()
            self._cache.update((k, tuple(v)) for k, v in found.items())

    def prepare(self) -> None:
        """Read the country and province tables now rather than on the first lookup."""
        self.country("")
        self.admin1("", "")

    def country(self, code: str) -> Candidate | None:
        """The country with this ISO code (coherence and outlet priors use it)."""
        if self._countries is None:
            rows = self._db.execute(
                _SELECT + "WHERE p.feature = 'country' AND n.kind = 'name'"
            ).fetchall()
            self._countries = {row[4]: Candidate(*row) for row in rows}
        return self._countries.get(code)

    def admin1(self, country: str, code: str) -> Candidate | None:
        """The first-level division a city's admin1 code points to."""
        if self._admin1 is None:
            rows = self._db.execute(
                _SELECT + "WHERE p.feature = 'admin1' AND n.kind = 'name'"
            ).fetchall()
            self._admin1 = {(row[4], row[5]): Candidate(*row) for row in rows if row[5]}
        return self._admin1.get((country, code))

    def primary_names(self, min_population: int) -> list[tuple[str, Candidate]]:
        """``(key, entry)`` of every province and district, and of every place of at
        least ``min_population`` people, under its primary name (for spelling variants)."""
        rows = self._db.execute(
            "SELECT n.key, "
            + _SELECT.removeprefix("SELECT ")
            + "WHERE n.kind = 'name' AND (p.feature IN ('admin1', 'admin2') "
            "OR p.population >= ?)",
            (min_population,),
        ).fetchall()
        return [(row[0], Candidate(*row[1:])) for row in rows]

    def close(self) -> None:
        self._db.close()


def write_gazetteer(
    path: Path | str,
    places: Iterable[PlaceRow],
    names: Iterable[tuple[str, int, str]],
    meta: dict[str, object] | None = None,
) -> None:
    """Write a gazetteer file from scratch: places, then (key, place id, kind) names.

    Written to a temporary file and renamed, so a reader never sees half a gazetteer."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        db.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.id,
                    p.geonames_id,
                    p.name,
                    p.feature,
                    p.country,
                    p.admin1_code,
                    p.admin1,
                    p.lat,
                    p.lon,
                    p.population,
                    p.admin2,
                )
                for p in places
            ),
        )
        max_words = 1
        seen: set[tuple[str, int]] = set()
        rows = []
        for key, place, kind in names:
            if not key or (key, place) in seen:
                continue
            seen.add((key, place))
            rows.append((key, place, kind))
            max_words = max(max_words, key.count(" ") + 1)
        db.executemany("INSERT INTO name VALUES (?,?,?)", rows)
        info = {"schema": SCHEMA_VERSION, "max_words": max_words, **(meta or {})}
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            ((k, v if isinstance(v, str) else json.dumps(v)) for k, v in info.items()),
        )
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    tmp.replace(path)


@lru_cache(maxsize=4)
def open_gazetteer(path: str | None = None) -> Gazetteer:
    """One read-only connection per process and file (workers share the OS page cache)."""
    return Gazetteer(Path(path) if path else None)
