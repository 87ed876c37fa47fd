"""Scoring the whole pipeline's event records against ACLED, for `according eval acled`.

Each ACLED note is a coder's short description of an event; the other columns of its
row are ACLED's coding of it, i.e. the record a reader of that text should produce. So
every note is read as one report by the real pipeline, and its ACLED-typed events are
compared with the rows coded from it (``acled_read`` reads the CSV).

How predictions meet gold, and why:

- Each gold row is aligned to the report's best-matching predicted event (same
  sub-type, then same type, then nearest to the gold point, then same date). Several
  rows may share one predicted event: ACLED splits one happening by town or day where
  a report often tells it once.
- Every gold row counts. A report with no ACLED-typed event leaves its rows wrong on
  every field, so recall is in every number.
- A field the gold row leaves open is not scored for that row (a sub-type the
  pre-2019 type does not fix, a blank admin1, a row without coordinates); the
  denominators are in ``n_scored``.
- Actors are matched leniently: a gold actor (or one of ACLED's associated actors)
  is matched by a predicted actor sharing a distinctive word, and ACLED's generic
  actors ("Protesters (Kenya)", "Military Forces of Syria (2000-)") by any predicted
  actor of the same class (``according.events.acled_actors.actor_class``).

The scoring functions take gold rows and compact predicted-event dicts
(``event_summary``), so they are tested without spaCy; ``predict`` runs the pipeline on
a process pool and returns those dicts.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import lru_cache
from pathlib import Path
from typing import Any

from according.evaluation.acled_read import (
    GoldEvent,
    GoldReport,
    GoldSet,
    country_names,
    fold,
    read_acled,
)
from according.settings import DEFAULT_SETTINGS, Settings

Predicted = dict[str, Any]  # see event_summary
ProgressHook = Callable[[int, int], None]  # (notes done, notes in all)
Scores = dict[str, bool | None]  # metric -> right, wrong, or None (not scored)
_Row = tuple[GoldReport, GoldEvent, Predicted | None, Scores]

METRICS: tuple[str, ...] = tuple(
    "detected event_type sub_event_type date_exact country admin1 loc_25km loc_161km "
    "actor1 actor2 fatalities_exact fatalities_exact_nonzero all_fields".split()
)
CHUNK = 50
FAILURE_SAMPLE = 20

# Words that name no one in particular: shared only by them, two actors are not the same.
_GENERIC_WORDS = frozenset(
    "a an and the of in on for to at by with from its their his her "
    "forces force military police army armed security group groups unidentified "
    "protesters protestors demonstrators rioters civilians civilian people residents "
    "communal militia militias faction men gunmen members supporters unknown "
    "government state national local some several".split()
)
_ADMIN_WORDS = frozenset(
    "province provincia region state governorate oblast department departamento district "
    "prefecture county division municipality territory autonomous city of the "
    "al el ad ar as ash at az an".split()  # Arabic articles, written or dropped at will
)
_PAREN = re.compile(r"\([^)]*\)?")
_POSSESSIVE = re.compile(r"['\u2019]s\b")  # "Haftar's forces" names Haftar


# --- predicted events --------------------------------------------------------------


def event_summary(event: Any) -> Predicted:
    """What scoring needs of one Event, small enough to send between processes.

    ``fatalities``: the events stage may set a ``fatalities`` attribute (its ACLED
    figure); else the largest fatality count the event carries (ACLED codes the most
    conservative report of one happening, and several counts of it are not a sum)."""
    fatalities = getattr(event, "fatalities", None)
    if not isinstance(fatalities, int | float):
        values = [q.value for q in event.counts if q.kind == "fatalities"]
        fatalities = max(values) if values else 0
    return {
        "event_type": event.acled.event_type if event.acled else None,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "date": (event.when.start or "")[:10] if event.when and event.when.start else None,
        "places": [
            {
                "name": p.name,
                "country": p.country,
                "admin1": p.admin1,
                "feature": p.feature,
                "lat": p.lat,
                "lon": p.lon,
            }
            for p in event.places
        ],
        "actors": [_entity(e) for e in event.actors],
        "targets": [_entity(e) for e in event.targets],
        "fatalities": int(fatalities),
    }


def _entity(entity: Any) -> dict[str, Any]:
    return {
        "name": entity.name,
        "text": entity.text,
        "acled_name": getattr(entity, "acled_name", None),
        "inter": getattr(entity, "inter", None),
    }


def report_summary(report: Any) -> list[Predicted]:
    """The report's events that have an ACLED type, in report order."""
    return [event_summary(e) for e in report.events if e.acled is not None]


# --- fields ------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def distance_km(gold: GoldEvent, pred: Predicted) -> float | None:
    """Distance from the gold point to the nearest place of the event that has one."""
    if gold.lat is None or gold.lon is None:
        return None
    found = [
        haversine_km(gold.lat, gold.lon, p["lat"], p["lon"])
        for p in pred["places"]
        if p.get("lat") is not None and p.get("lon") is not None
    ]
    return min(found) if found else None


def admin1_key(name: str | None) -> str:
    """Admin1 names compared without case, accents, hyphens, apostrophes or the words
    Province/Region/State/..., which sources and gazetteers add or drop at will."""
    words = [w for w in fold(name or "").split() if w not in _ADMIN_WORDS]
    return "".join(words)


def admin1_match(gold: GoldEvent, pred: Predicted) -> bool:
    """Any place of the event in the gold admin1, by its ``admin1`` or, for a place that
    is itself a first-level division, its name."""
    target = admin1_key(gold.admin1)
    if not target:
        return False
    for place in pred["places"]:
        if _same_admin1(admin1_key(place.get("admin1")), target):
            return True
        if place.get("feature") == "admin1" and _same_admin1(admin1_key(place.get("name")), target):
            return True
    return False


def _same_admin1(key: str, target: str) -> bool:
    """Equal keys, or one letter apart past the first: transliterations differ by a vowel
    ("Idleb"/"Idlib", "Dar'a"/"Daraa"), while neighbouring divisions differ by a word
    ("East"/"West Azerbaijan" are two letters apart). A changed letter needs names of
    five letters or more ("Kano" is not "Kanu"), a letter more or less four."""
    if not key:
        return False
    if key == target:
        return True
    shortest = 5 if len(key) == len(target) else 4
    if min(len(key), len(target)) < shortest or key[0] != target[0]:
        return False
    return abs(len(key) - len(target)) <= 1 and _within_one_edit(key, target)


def _within_one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


@lru_cache(maxsize=1)
def _actor_class_function() -> Callable[[str], str | None] | None:
    """The events stage's ACLED actor classes, imported when first needed (another
    module's work; scoring without it only loses the generic-actor matches)."""
    try:
        from according.events.acled_actors import actor_class
    except ImportError:
        return None
    return actor_class


@lru_cache(maxsize=20000)
def actor_class(name: str) -> str | None:
    function = _actor_class_function()
    return function(name) if function is not None and name else None


def _words(name: str, iso2: str | None, *, gold: bool = True) -> set[str]:
    """Distinctive words of an actor name: no generic or stop words, no numbers, no
    words of the gold country's names; in ACLED's names no parentheses either (they
    hold a nationality or years: "Civilians (Russia)" is still generic civilians)."""
    skip: set[str] = set()
    for country in country_names().get(iso2 or "", ()):
        skip.update(country.split())
    text = _POSSESSIVE.sub("", _PAREN.sub(" ", name) if gold else name)
    return {
        w
        for w in fold(text).split()
        if len(w) > 1 and w not in _GENERIC_WORDS and w not in skip and not w.isdigit()
    }


def _bare(name: str) -> str:
    """A name without its parentheses, folded: "Rioters (India)" is "rioters"."""
    return fold(_PAREN.sub(" ", name))


def _is_generic(name: str, iso2: str | None) -> bool:
    """ACLED's class-like actors: nothing distinctive left in the name. A named faction
    of state forces ("Military Forces of Libya (2014-) Haftar Faction") is not generic:
    a class match would make a country's rival armies interchangeable."""
    return not _words(name, iso2)


def actor_match(
    gold_names: Sequence[str], candidates: Sequence[dict[str, Any]], iso2: str | None
) -> bool:
    """Whether any gold name (actor or associated actor) is matched by any candidate:
    the same name, a shared distinctive word, or (for ACLED's generic actors) a class."""
    named = [n for n in gold_names if n.strip()]
    if not named:
        return not candidates
    for entity in candidates:
        texts = [t for t in (entity.get("acled_name"), entity.get("name"), entity.get("text")) if t]
        words = set().union(*(_words(t, iso2, gold=False) for t in texts)) if texts else set()
        classes = {actor_class(t) for t in texts} - {None}
        same = {_bare(t) for t in texts}
        for gold in named:
            # A name of generic words only ("National Police Forces", a Syrian group)
            # has no distinctive word to share, but is matched by itself.
            if _bare(gold) in same or _words(gold, iso2) & words:
                return True
            if _is_generic(gold, iso2) and actor_class(gold) in classes:
                return True
    return False


def field_scores(gold: GoldEvent, pred: Predicted | None, detected: bool) -> dict[str, bool | None]:
    """Each metric for one gold row against its aligned event (None: not scored)."""
    has_point = gold.lat is not None and gold.lon is not None
    if pred is None:
        scores: dict[str, bool | None] = dict.fromkeys(METRICS, False)
        scores["detected"] = detected
    else:
        dist = distance_km(gold, pred)
        scores = {
            "detected": detected,
            "event_type": pred["event_type"] in gold.event_types,
            "sub_event_type": pred["sub_event_type"] == gold.sub_event_type,
            "date_exact": pred["date"] == gold.date,
            "country": gold.iso2 is not None
            and any(p.get("country") == gold.iso2 for p in pred["places"]),
            "admin1": admin1_match(gold, pred),
            "loc_25km": dist is not None and dist <= 25,
            "loc_161km": dist is not None and dist <= 161,
            "actor1": actor_match([gold.actor1, *gold.assoc1], pred["actors"], gold.iso2),
            "actor2": actor_match(
                [gold.actor2, *gold.assoc2] if gold.actor2 else [],
                pred["targets"] + pred["actors"][1:],
                gold.iso2,
            ),
            "fatalities_exact": pred["fatalities"] == gold.fatalities,
            "fatalities_exact_nonzero": pred["fatalities"] == gold.fatalities,
        }
        required = ["detected", "event_type", "date_exact", "actor1", "fatalities_exact"]
        if gold.sub_event_type is not None:
            required.append("sub_event_type")
        if has_point:
            required.append("loc_161km")
        scores["all_fields"] = all(scores[k] for k in required)
    if gold.sub_event_type is None:
        scores["sub_event_type"] = None
    if not gold.admin1:
        scores["admin1"] = None
    if not has_point:
        scores["loc_25km"] = scores["loc_161km"] = None
    if gold.fatalities == 0:
        scores["fatalities_exact_nonzero"] = None
    return scores


# --- alignment and aggregation -----------------------------------------------------


def align(gold: GoldEvent, predicted: Sequence[Predicted]) -> Predicted | None:
    """The predicted event that best matches a gold row: same sub-type, then same type,
    then nearest to the gold point, then same date (first in report order on ties)."""
    best: Predicted | None = None
    best_key: tuple[bool, bool, float, bool] | None = None
    for pred in predicted:
        dist = distance_km(gold, pred)
        key = (
            gold.sub_event_type is not None and pred["sub_event_type"] == gold.sub_event_type,
            pred["event_type"] in gold.event_types,
            -(dist if dist is not None else math.inf),
            pred["date"] == gold.date,
        )
        if best_key is None or key > best_key:
            best, best_key = pred, key
    return best


def _rate(values: Sequence[bool | None]) -> float:
    scored = [v for v in values if v is not None]
    return round(sum(scored) / len(scored), 4) if scored else 0.0


def _metrics(rows: list[dict[str, bool | None]]) -> dict[str, float]:
    return {name: _rate([r[name] for r in rows]) for name in METRICS}


def _scored_rows(
    gold: Sequence[GoldReport], predicted: Sequence[Sequence[Predicted]], first_only: bool
) -> list[_Row]:
    rows = []
    for report, preds in zip(gold, predicted, strict=True):
        pool = list(preds[:1]) if first_only else list(preds)
        for event in report.events:
            match = align(event, pool)
            rows.append((report, event, match, field_scores(event, match, bool(preds))))
    return rows


def score(gold: Sequence[GoldReport], predicted: Sequence[Sequence[Predicted]]) -> dict[str, Any]:
    """All metrics (module doc) for gold reports and, per report, its predicted events."""
    rows = _scored_rows(gold, predicted, first_only=False)
    scores = [s for *_, s in rows]
    golds = [g for _, g, _, _ in rows]
    result: dict[str, Any] = dict(_metrics(scores))
    result["n_scored"] = {m: sum(s[m] is not None for s in scores) for m in METRICS}
    result["n_gold_events"] = len(golds)
    result["n_reports"] = len(gold)
    result["events_per_report"] = (
        round(sum(len(p) for p in predicted) / len(predicted), 4) if predicted else 0.0
    )
    first = _scored_rows(gold, predicted, first_only=True)
    result["first_event"] = _metrics([s for *_, s in first])
    types = Counter(g.event_type for g in golds)
    subs = Counter(g.sub_event_type for g in golds if g.sub_event_type)
    n = len(golds) or 1
    result["baseline_majority_type"] = round(types.most_common(1)[0][1] / n, 4) if types else 0.0
    result["baseline_majority_sub_type"] = (
        round(subs.most_common(1)[0][1] / max(1, sum(subs.values())), 4) if subs else 0.0
    )
    result["baseline_zero_fatalities"] = round(sum(g.fatalities == 0 for g in golds) / n, 4)
    result["by_event_type"] = _by_type(rows)
    result["confusion_sub_event_type"] = _confusion(rows)
    halves = []
    for start in (0, 1):
        part = _scored_rows(gold[start::2], predicted[start::2], first_only=False)
        part_scores = [s for *_, s in part]
        halves.append({k: _rate([s[k] for s in part_scores]) for k in ("all_fields", "event_type")})
    result["halves"] = halves
    result["failures"] = _failures(rows)
    return result


def _by_type(rows: list[_Row]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, bool | None]]] = defaultdict(list)
    for _, event, _, scores in rows:
        groups[event.event_type].append(scores)
    return {
        name: {
            "n": len(group),
            "detected": _rate([s["detected"] for s in group]),
            "event_type": _rate([s["event_type"] for s in group]),
        }
        for name, group in sorted(groups.items())
    }


def _confusion(rows: list[_Row]) -> dict[str, dict[str, int]]:
    """Gold sub-type -> predicted sub-type -> count; a gold row whose type fixes no
    sub-type is keyed by its type in parentheses, a missed row predicts "(none)"."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for _, event, pred, _ in rows:
        gold_label = event.sub_event_type or f"({event.type_label})"
        table[gold_label][(pred or {}).get("sub_event_type") or "(none)"] += 1
    return {g: dict(c.most_common()) for g, c in sorted(table.items())}


def _failures(rows: list[_Row]) -> list[dict[str, Any]]:
    sample = []
    for report, event, pred, scores in rows:
        if scores["all_fields"]:
            continue
        sample.append(
            {
                "note": report.note[:200],
                "wrong": [k for k in METRICS if scores[k] is False],
                "gold": {
                    "event_type": event.event_type,
                    "sub_event_type": event.sub_event_type,
                    "date": event.date,
                    "country": event.iso2,
                    "admin1": event.admin1,
                    "location": event.location,
                    "actor1": event.actor1,
                    "actor2": event.actor2,
                    "fatalities": event.fatalities,
                },
                "predicted": None
                if pred is None
                else {
                    "event_type": pred["event_type"],
                    "sub_event_type": pred["sub_event_type"],
                    "date": pred["date"],
                    "places": [p["name"] for p in pred["places"]],
                    "actors": [a["acled_name"] or a["name"] for a in pred["actors"]],
                    "targets": [a["acled_name"] or a["name"] for a in pred["targets"]],
                    "fatalities": pred["fatalities"],
                },
            }
        )
        if len(sample) >= FAILURE_SAMPLE:
            break
    return sample


# --- running the pipeline ----------------------------------------------------------

_Item = tuple[str, str, str | None, str]  # text, origin, outlet, page date


def _predict_chunk(items: list[_Item], settings: Settings) -> list[list[Predicted]]:
    """Worker side: the pipeline is loaded once per process (``get_pipeline`` caches it)
    and only the compact event dicts travel back, not whole Reports."""
    from according.pipeline.core import get_pipeline
    from according.readers.normalise import normalise_text
    from according.readers.source import SourceDocument

    pipeline = get_pipeline(settings)
    sources = [
        SourceDocument(text=normalise_text(t), origin=o, outlet=out, page_date=d)
        for t, o, out, d in items
    ]
    try:
        return [report_summary(r) for r in pipeline.pipe(sources)]
    except Exception:  # noqa: BLE001 - one bad note must not lose its 49 neighbours
        out: list[list[Predicted]] = []
        for source in sources:
            try:
                out.append(report_summary(pipeline(source)))
            except Exception:  # noqa: BLE001 - scored as a report with no event
                out.append([])
        return out


def predict(
    reports: Sequence[GoldReport],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    workers: int | None = None,
    page_date_offset: int = 0,
    progress: ProgressHook | None = None,
    chunk_size: int = CHUNK,
) -> list[list[Predicted]]:
    """Predicted ACLED-typed events of each note, in input order, on ``workers``
    processes (default: one per core) fed chunks of ``chunk_size`` notes."""
    items: list[_Item] = [
        (r.note, r.origin, r.outlet, r.page_date(page_date_offset)) for r in reports
    ]
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    workers = max(1, min(workers or os.cpu_count() or 1, len(chunks) or 1))
    results: list[list[list[Predicted]] | None] = [None] * len(chunks)
    done = 0
    if progress is not None:
        progress(0, len(items))
    if workers == 1:
        for i, chunk in enumerate(chunks):
            results[i] = _predict_chunk(chunk, settings)
            done += len(chunk)
            if progress is not None:
                progress(done, len(items))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            running: dict[Future[list[list[Predicted]]], int] = {
                pool.submit(_predict_chunk, chunk, settings): i for i, chunk in enumerate(chunks)
            }
            try:
                while running:
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        i = running.pop(future)
                        results[i] = future.result()
                        done += len(chunks[i])
                        if progress is not None:
                            progress(done, len(items))
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    return [preds for chunk in results for preds in (chunk or [])]


def evaluate_acled(
    path: Path,
    *,
    page_date_offset: int = 0,
    limit: int | None = None,
    workers: int | None = None,
    progress: ProgressHook | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """Read an ACLED export, run the pipeline on its notes and score it (module doc)."""
    gold = read_acled(Path(path), limit=limit)
    return evaluate_gold(
        gold, page_date_offset=page_date_offset, workers=workers, progress=progress,
        settings=settings,
    )  # fmt: skip


def evaluate_gold(
    gold: GoldSet,
    *,
    page_date_offset: int = 0,
    workers: int | None = None,
    progress: ProgressHook | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """``evaluate_acled`` for a file already read (the CLI reads first, so a bad file
    fails before any worker starts)."""
    predicted = predict(
        gold.reports,
        settings=settings,
        workers=workers,
        page_date_offset=page_date_offset,
        progress=progress,
    )
    result = score(gold.reports, predicted)
    result["page_date_offset"] = page_date_offset
    result["rows_without_notes"] = gold.rows_without_notes
    result["unknown_countries"] = gold.unknown_countries
    if _actor_class_function() is None:
        result["warnings"] = ["according.events.acled_actors is missing: generic actors unmatched"]
    return result


def format_text(result: dict[str, Any]) -> str:
    """The human summary the CLI prints: metrics (all events and first event only),
    baselines, per-type detection and the commonest sub-type confusions."""
    first = result["first_event"]
    lines = [
        f"reports {result['n_reports']}   gold events {result['n_gold_events']}   "
        f"events per report {result['events_per_report']:.2f}",
        "",
        f"{'metric':26} {'all events':>10} {'first only':>10} {'scored':>7}",
    ]
    for name in METRICS:
        lines.append(
            f"{name:26} {result[name]:10.3f} {first[name]:10.3f} {result['n_scored'][name]:7d}"
        )
    lines += [
        "",
        f"baseline majority type      {result['baseline_majority_type']:.3f}",
        f"baseline majority sub-type  {result['baseline_majority_sub_type']:.3f}",
        f"baseline zero fatalities    {result['baseline_zero_fatalities']:.3f}",
        "halves (all_fields, event_type)  "
        + "  ".join(f"{h['all_fields']:.3f}/{h['event_type']:.3f}" for h in result["halves"]),
        "",
        f"{'gold event type':34} {'n':>5} {'detected':>9} {'type ok':>8}",
    ]
    for name, row in result["by_event_type"].items():
        lines.append(f"{name:34} {row['n']:5d} {row['detected']:9.3f} {row['event_type']:8.3f}")
    confusions = sorted(
        (
            (n, g, p)
            for g, row in result["confusion_sub_event_type"].items()
            for p, n in row.items()
            if p != g
        ),
        reverse=True,
    )[:12]
    lines += ["", "commonest sub-type confusions (gold -> predicted)"]
    lines += [f"{n:5d}  {g} -> {p}" for n, g, p in confusions]
    for warning in result.get("warnings", []):
        lines.append(f"warning: {warning}")
    return "\n".join(lines)
