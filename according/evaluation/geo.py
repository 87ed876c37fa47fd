"""``according eval geo``: recognition and resolution scored on EUPEG-format gold sets.

The format and the metrics are those of the EUPEG benchmark and Gritta et al. (2018),
so our numbers sit beside the published tables (``shared/eval/README.md``):

- a line of the gold file per text (``<texts>/<line number>``), toponyms separated by
  ``||``, fields by ``,,``: ``gazetteer_name,,surface,,lat,,lon,,start,,end``;
- recognition: a predicted mention matches a gold toponym when the surface strings are
  equal ignoring case and the span midpoints are less than 10 characters apart (one to
  one, nearest first);
- resolution, over matched toponyms: the share within 161 km, the AUC of the sorted
  ln(1 + error km) / ln(20039) curve (lower is better), mean and median error in km. A
  matched mention with no coordinates counts as the largest error, 20039 km.

The real pipeline runs on each text (entities and places stages), with the raw text
passed unchanged so that offsets agree with the gold.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from according.geo.resolve import haversine_km

MAX_KM = 20039.0


@dataclass(frozen=True, slots=True)
class Toponym:
    surface: str
    start: int
    end: int
    lat: float | None
    lon: float | None

    @property
    def mid(self) -> float:
        return (self.start + self.end) / 2


def read_gold(path: Path, offset_shift: int = 0) -> list[list[Toponym]]:
    """One list of gold toponyms per text, in file order."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if lines and not lines[-1].strip():
        lines.pop()
    for line in lines:
        items = []
        for chunk in line.strip().split("||"):
            fields = chunk.split(",,")
            if len(fields) < 6:
                continue
            items.append(
                Toponym(
                    surface=fields[1],
                    start=int(fields[4]) + offset_shift,
                    end=int(fields[5]) + offset_shift,
                    lat=float(fields[2]),
                    lon=float(fields[3]),
                )
            )
        docs.append(items)
    return docs


def match(gold: list[Toponym], predicted: list[Toponym]) -> list[tuple[Toponym, Toponym]]:
    """EUPEG's rule, one to one: same surface ignoring case, midpoints under 10 apart."""
    pairs = []
    for g in gold:
        for p in predicted:
            gap = abs(g.mid - p.mid)
            if gap < 10 and g.surface.lower() == p.surface.lower():
                pairs.append((gap, g, p))
    pairs.sort(key=lambda t: t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in pairs:
        if id(g) not in used_g and id(p) not in used_p:
            used_g.add(id(g))
            used_p.add(id(p))
            out.append((g, p))
    return out


def error_km(g: Toponym, p: Toponym) -> float:
    if p.lat is None or p.lon is None or g.lat is None or g.lon is None:
        return MAX_KM
    return haversine_km(g.lat, g.lon, p.lat, p.lon)


def scores(n_gold: int, n_pred: int, errors: list[float]) -> dict[str, float | int]:
    """The published metrics from counts and the matched toponyms' errors."""
    n_match = len(errors)
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ordered = sorted(errors)
    if len(ordered) > 1:
        curve = [math.log(1 + e) / math.log(MAX_KM) for e in ordered]
        area = sum((a + b) / 2 for a, b in pairwise(curve))
        auc = area / (len(curve) - 1)
    else:
        auc = math.log(1 + ordered[0]) / math.log(MAX_KM) if ordered else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "acc161": round(sum(e < 161 for e in errors) / n_match, 4) if n_match else 0.0,
        "auc": round(auc, 4),
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "gold": n_gold,
        "predicted": n_pred,
        "matched": n_match,
    }


def predict(texts: Iterable[str], demonyms: bool = True) -> Iterable[list[Toponym]]:
    """The places stage's mentions of each text, as toponyms; without the adjectives
    ("Iranian", role "attribute") when ``demonyms`` is false."""
    from according.pipeline.core import Pipeline
    from according.readers.source import SourceDocument
    from according.settings import Settings

    pipeline = Pipeline(Settings(stages=("according.entities.v1", "according.places.v1")))
    sources = (SourceDocument(text=t, origin=f"<eval {i}>") for i, t in enumerate(texts))
    for report in pipeline.pipe(sources):
        yield [
            Toponym(p.text, p.span.start, p.span.end, p.lat, p.lon)
            for p in report.mentions.places
            if p.span is not None and (demonyms or getattr(p, "role", None) != "attribute")
        ]


def evaluate_eupeg(
    gold: Path,
    texts: Path,
    offset_shift: int = 0,
    select: range | None = None,
    demonyms: bool = True,
) -> dict[str, float | int]:
    """Score the places stage on one EUPEG gold file and its folder of texts.

    ``offset_shift`` is added to every gold offset (GeoVirus needs -1); ``select`` limits
    the run to some texts (by line number), for split-half checks; ``demonyms=False``
    scores against gold sets whose guidelines leave adjectives out (GeoVirus does,
    GeoWebNews counts "Iranian" as a mention of Iran)."""
    gold_docs = read_gold(Path(gold), offset_shift)
    wanted = [i for i in (select or range(len(gold_docs))) if i < len(gold_docs)]
    raw = []
    for i in wanted:
        with open(Path(texts) / str(i), encoding="utf-8", newline="") as handle:
            raw.append(handle.read())
    n_gold = n_pred = 0
    errors: list[float] = []
    for i, predicted in zip(wanted, predict(raw, demonyms), strict=True):
        n_gold += len(gold_docs[i])
        n_pred += len(predicted)
        errors.extend(error_km(g, p) for g, p in match(gold_docs[i], predicted))
    return {**scores(n_gold, n_pred, errors), "documents": len(wanted)}
