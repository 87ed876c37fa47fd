"""ACLED's generic actors, actor-type ("inter") codes, interaction codes and countries.

Why this exists: ACLED names most actors generically ("Protesters (Kenya)", "Military
Forces of Syria (2000-)", "Unidentified Armed Group (Nigeria)") and types each with an
"inter" code 1-8; a report says "soldiers", "the army", "unknown gunmen". To export
ACLED-shaped rows, and to score our actors against ACLED's, both kinds of name must land
in the same small set of classes. The classes, their ACLED name templates, inter codes
and word patterns are data (``according/data/events/actor_classes.yaml``), so a missing
word is a one-line change with an example sentence that the tests check.

Classes, in the order they are tried (first match wins; see the YAML for each):
``external``, ``private_security``, ``police``, ``military``, ``government``,
``ethnic_militia``, ``communal_militia``, ``unidentified_armed_group``, ``gang``,
``rebels``, ``political_militia``, ``rioters``, ``protesters``, ``labour``,
``civilians``. A named organisation ("Taliban", "PKK: Kurdistan Workers Party",
"Boko Haram militants") has no class: ``actor_class`` returns None and the registry
(``according/data/actors.csv``) types it.

Countries: ``according/data/acled_countries.csv`` (built by
``scripts/build_acled_countries.py``) gives ISO codes with ACLED's spelling and region.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from according.actors.known import default_registry

_DATA = Path(str(resources.files("according") / "data"))
CLASSES_YAML = _DATA / "events" / "actor_classes.yaml"
COUNTRIES_CSV = _DATA / "acled_countries.csv"

# ACLED's actor-type codes, and the names its later data files use for them.
STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8
INTER_NAMES: dict[int, str] = {
    STATE_FORCES: "State forces",
    REBELS: "Rebel group",
    POLITICAL_MILITIA: "Political militia",
    IDENTITY_MILITIA: "Identity militia",
    RIOTERS: "Rioters",
    PROTESTERS: "Protesters",
    CIVILIANS: "Civilians",
    EXTERNAL: "External/Other forces",
}

# The registry's ``actor_type`` values (data/actors.csv, outlets.csv, events/extract.py)
# and record ``kind`` values. Only types that imply one ACLED code are mapped: an
# opposition organisation or a civil-society group may march (6), be attacked (7) or arm
# itself (3); the event decides, so they give 0 ("no code"), as ACLED does for a missing
# actor. A political party is 3 because ACLED codes party members who fight as a
# political militia ("BJP: Bharatiya Janata Party", inter 3); the UN and other
# international bodies are external (8).
_ACTOR_TYPE_INTER: dict[str, int] = {
    "state_forces": STATE_FORCES,
    "state": STATE_FORCES,
    "government": STATE_FORCES,
    "military": STATE_FORCES,
    "police": STATE_FORCES,
    "rebels": REBELS,
    "rebel": REBELS,
    "political_party": POLITICAL_MILITIA,
    "political_militia": POLITICAL_MILITIA,
    "militia": POLITICAL_MILITIA,
    "identity_militia": IDENTITY_MILITIA,
    "rioters": RIOTERS,
    "protesters": PROTESTERS,
    "civilians": CIVILIANS,
    "international": EXTERNAL,
    "external": EXTERNAL,
}

# Countries whose name takes "the" in ACLED's "Military Forces of ..." and
# "Police Forces of ..." names (never inside the parentheses: "Protesters (Philippines)").
_WITH_THE = frozenset(
    {
        "Bahamas", "Central African Republic", "Comoros", "Czech Republic",
        "Democratic Republic of Congo", "Dominican Republic", "Gambia", "Maldives",
        "Marshall Islands", "Netherlands", "Philippines", "Republic of Congo",
        "Solomon Islands", "United Arab Emirates", "United Kingdom", "United States",
    }
)  # fmt: skip


# --------------------------------------------------------------------------- classes


@dataclass(frozen=True)
class Pattern:
    """One regex of a class with the example the tests require it to match."""

    regex: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class ActorClass:
    """A generic actor class: ACLED's name template and inter code, and its patterns."""

    name: str
    inter: int
    template: str
    description: str
    acled: tuple[Pattern, ...]
    words: tuple[Pattern, ...]
    acts_as: str | None = None
    fallback_template: str | None = None


def _compile(items: list[dict[str, str]] | None, *, acled: bool) -> tuple[Pattern, ...]:
    """ACLED names: anchored at the start, case as written (they are fixed strings).
    Words: whole words anywhere, any case (texts write "Soldiers" and "soldiers")."""
    out = []
    for item in items or ():
        if acled:
            regex = re.compile(rf"(?:{item['pattern']})")
        else:
            regex = re.compile(rf"(?<![\w-])(?:{item['pattern']})(?![\w-])", re.IGNORECASE)
        out.append(Pattern(regex, item["example"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    with CLASSES_YAML.open(encoding="utf-8") as f:
        loaded: dict[str, Any] = yaml.safe_load(f)
    return loaded


@lru_cache(maxsize=1)
def classes() -> tuple[ActorClass, ...]:
    """All classes in the order they are tried (read once from the YAML file)."""
    out = []
    for name, spec in _config()["classes"].items():
        out.append(
            ActorClass(
                name=name,
                inter=int(spec["inter"]),
                template=spec["template"],
                description=" ".join(str(spec.get("description", "")).split()),
                acled=_compile(spec.get("acled"), acled=True),
                words=_compile(spec.get("words"), acled=False),
                acts_as=spec.get("acts_as"),
                fallback_template=spec.get("fallback_template"),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, ActorClass]:
    return {c.name: c for c in classes()}


def class_names() -> tuple[str, ...]:
    """The class names, in the order ``actor_class`` tries them."""
    return tuple(c.name for c in classes())


# "ABBR: Full Name" is how ACLED writes a named organisation ("PKK: Kurdistan Workers
# Party", "CPI (Maoist): Communist Party of India (Maoist)").
_NAMED_ORG = re.compile(r"^[^\s:]+(?:\s\([^)]*\))?:\s")
_TOKEN = re.compile(r"[\w'\u2019.-]+")
_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "del", "al", "el", "la", "du", "des"})


@lru_cache(maxsize=1)
def _neutral_capitals() -> frozenset[str]:
    """Capitalised words that may stand next to a generic noun without making it a
    proper name: country names, demonyms ("Syrian regime forces") and the YAML's
    ``modifiers`` ("Islamist militants", "Maoist rebels")."""
    words: set[str] = {"the", "a", "an", "some", "unknown", "unidentified", "suspected"}
    for row in _country_rows():
        for cell in (row["name"], row["demonyms"]):
            for part in cell.split("|"):
                words.update(_fold(t) for t in _TOKEN.findall(part))
    words.update(_fold(m) for m in _config().get("modifiers", ()))
    return frozenset(words)


def _is_proper(token: str) -> bool:
    """A capitalised word, or a hyphenated one with a capitalised part ("al-Shabaab"),
    that is no country, demonym or modifier."""
    capitalised = any(part[:1].isupper() for part in token.split("-"))
    return capitalised and _fold(token) not in _neutral_capitals()


def _inside_proper_name(text: str, start: int, end: int) -> bool:
    """Whether a word match is part of an organisation's own name: a capitalised word
    that is no country, demonym or modifier stands right next to it ("Donbass People's
    Militia", "Boko Haram militants", "Children of Fire"), or the match itself is
    capitalised in the middle of a capitalised name ("Sharqiya Army")."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    before = [t for t in tokens if t[1] <= start]
    after = [t for t in tokens if t[0] >= end]
    # Walk outwards over connectors ("of", "al") to the nearest content word each side.
    for side in (reversed(before), iter(after)):
        for _s, _e, token in side:
            if token.lower() in _CONNECTORS and not token[:1].isupper():
                continue
            if _is_proper(token):
                return True
            break
    return False


def actor_class(name: str) -> str | None:
    """The generic class of an actor name, ACLED's or a text's; None for a named
    organisation or a name no pattern knows.

    ACLED's own names are tried first against every class (they are unambiguous and
    start the name: "Police Forces of India (2014-) Prison Guards" is police, although
    it names guards); then "ABBR: Name" organisations are None; then the words, class by
    class in the YAML order, skipping a match that is part of a proper name.
    """
    text = " ".join((name or "").split())
    if not text:
        return None
    for cls in classes():
        if any(p.regex.match(text) for p in cls.acled):
            return cls.name
    if _NAMED_ORG.match(text):
        return None
    for cls in classes():
        for pattern in cls.words:
            for match in pattern.regex.finditer(text):
                if not _inside_proper_name(text, match.start(), match.end()):
                    return cls.name
    return None


def primary_class(cls: str) -> str:
    """The class ACLED puts in the actor slot for ``cls``: a labour group alone is coded
    as Protesters (X) with the group as associated actor; other classes are themselves."""
    found = _by_name().get(cls)
    return found.acts_as or cls if found else cls


def acled_name(cls: str, country: str | None, group: str | None = None) -> str:
    """ACLED's generic name for a class in a country ("Military Forces of Syria"),
    without the regime-year suffix a text cannot tell.

    ``country`` may be an ISO2/ISO3 code or any name ``iso2_for_country_name`` knows; it
    is written in ACLED's spelling ("Ivory Coast", "Democratic Republic of Congo"), with
    "the" where ACLED writes it ("Military Forces of the Philippines"). An unknown
    country is kept as given; None leaves the country out. ``group`` fills
    ``{group}`` (an ethnic militia's ethnicity); without it the class's fallback template
    is used, as ACLED does ("Unidentified Communal Militia (Nigeria)").
    """
    found = _by_name().get(cls)
    if found is None:
        raise KeyError(f"unknown actor class: {cls!r}; known: {', '.join(class_names())}")
    template = found.template
    if "{group}" in template and not group:
        template = found.fallback_template or template.replace("{group} ", "")
    country_name = _acled_country_name(country) if country else None
    if country_name is None:
        template = re.sub(r"\s*\(\{country\}\)|\s+of \{country\}", "", template)
        return template.format(group=group or "").strip()
    if " of {country}" in template and country_name in _WITH_THE:
        country_name = "the " + country_name
    return template.format(country=country_name, group=group or "")


def _acled_country_name(country: str) -> str:
    code = country.upper() if len(country) == 2 and country.isalpha() else None
    if code is None:
        code = iso2_for_country_name(country)
    found = acled_country(code) if code else None
    return found.name if found else country


# ----------------------------------------------------------------------- inter codes


def inter_code(cls_or_actor_type: str | None) -> int:
    """ACLED's inter code (1-8) for a class, a registry ``actor_type``, a record kind,
    ACLED's own type name ("Rebel group") or a digit; 0 (ACLED's "no actor") when the
    type implies no single code."""
    if cls_or_actor_type is None:
        return 0
    key = cls_or_actor_type.strip()
    if key.isdigit():
        code = int(key)
        return code if 0 <= code <= 8 else 0
    found = _by_name().get(key)
    if found is not None:
        return found.inter
    low = key.lower()
    for code, label in INTER_NAMES.items():
        if label.lower() == low:
            return code
    return _ACTOR_TYPE_INTER.get(low.replace(" ", "_").replace("-", "_"), 0)


# ACLED's names of state actors carry their country: "Military Forces of Turkey (2016-)",
# "Police Forces of the Philippines (2016-) Presidential Guard", "Government of Iran".
_STATE_NAME = re.compile(
    r"^(?:Military Forces|Police Forces|Government) of (?:the )?(?P<country>.+?)"
    r"(?:\s+\(\d{4}-(?:\d{4})?\).*)?$"
)


def actor_country(name: str) -> str | None:
    """ISO2 of the state an ACLED state-actor name belongs to ("Military Forces of
    Turkey (2016-)" -> "TR"); None for any other name."""
    match = _STATE_NAME.match(" ".join((name or "").split()))
    return iso2_for_country_name(match.group("country")) if match else None


def actor_inter(name: str, event_country: str | None = None) -> int:
    """ACLED's inter code for one actor name, as ACLED would code it in an event.

    The generic class decides (``actor_class``); a named organisation falls back on the
    registry's ``actor_type`` (data/actors.csv); 0 when neither knows it. State forces
    acting outside their own country are "External/Other forces" (8), as ACLED codes
    Turkey's army in Syria: so when ``event_country`` (ISO2 or any country name) is given
    and differs from the state named in ``name``, the code is 8.
    """
    cls = actor_class(name)
    if cls is not None:
        code = inter_code(cls)
    else:
        entry = default_registry().lookup(name)
        code = inter_code(entry.actor_type) if entry is not None else 0
    if code == STATE_FORCES and event_country:
        home = actor_country(name)
        where = event_country.upper() if len(event_country) == 2 else None
        where = where or iso2_for_country_name(event_country)
        if home and where and home != where:
            return EXTERNAL
    return code


def interaction(inter1: int, inter2: int = 0) -> int:
    """ACLED's interaction code: the two inter codes as one two-digit number, smaller
    first (military vs protesters: 16, either way round); an event with one actor is
    its code followed by 0 (protesters alone: 60). 0 when neither side has a code."""
    codes = sorted(c for c in (inter1 or 0, inter2 or 0) if c)
    if not codes:
        return 0
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


# ------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class AcledCountry:
    """One country as ACLED writes it, with its ISO codes and ACLED region."""

    iso2: str
    iso3: str
    iso_numeric: int
    name: str
    region: str


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("Côte d'Ivoire" = "cote divoire")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['\u2019.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=1)
def _country_rows() -> tuple[dict[str, str], ...]:
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _countries() -> dict[str, AcledCountry]:
    return {
        row["iso2"]: AcledCountry(
            iso2=row["iso2"],
            iso3=row["iso3"],
            iso_numeric=int(row["iso_numeric"]),
            name=row["name"],
            region=row["region"],
        )
        for row in _country_rows()
    }


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    """Folded name -> ISO2. ACLED's names and ISO3 codes first, then aliases, so an
    alias never takes over an official name."""
    keys: dict[str, str] = {}
    rows = _country_rows()
    for row in rows:
        keys.setdefault(_fold(row["name"]), row["iso2"])
        keys.setdefault(_fold(row["iso3"]), row["iso2"])
    for row in rows:
        for alias in row["aliases"].split("|"):
            if _fold(alias):
                keys.setdefault(_fold(alias), row["iso2"])
    return keys


def acled_country(iso2: str) -> AcledCountry | None:
    """The country for an ISO 3166 alpha-2 code (and XK for Kosovo, as ACLED uses it)."""
    return _countries().get((iso2 or "").strip().upper())


def acled_countries() -> tuple[AcledCountry, ...]:
    """Every country in the table, in ISO2 order."""
    return tuple(sorted(_countries().values(), key=lambda c: c.iso2))


def country_forms(iso2: str) -> tuple[str, ...]:
    """Every way the table writes a country: ACLED's name, then its aliases."""
    for row in _country_rows():
        if row["iso2"] == (iso2 or "").strip().upper():
            return (row["name"], *(a for a in row["aliases"].split("|") if a.strip()))
    return ()


def iso2_for_country_name(name: str) -> str | None:
    """ISO2 for ACLED's country name or a common name/alias ("DRC", "Côte d'Ivoire",
    "Burma", "Swaziland"), ignoring case and accents; None when unknown."""
    if not name:
        return None
    return _country_keys().get(_fold(name))
