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

The published sets annotate different things, so what is compared is a choice (the
``convention``); the stage's output is the same either way. GeoWebNews counts
adjectives ("Russian") and places that only qualify an organisation or outlet ("The
Washington Post", "China Daily"); GeoVirus counts neither. Under "all" every mention is
scored; under "literal" mentions whose role is ``attribute`` (exactly those two kinds)
are left out; "auto" reads the gold file: a set that marks no demonym at all is scored
"literal", any other "all".

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


CONVENTIONS = ("auto", "all", "literal")
# A gold set whose demonym surfaces are under this share of its toponyms marks none on
# purpose (one slip in a held-out file should not flip the convention).
_DEMONYM_SHARE = 0.005


@dataclass(frozen=True, slots=True)
class Toponym:
    surface: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    role: str | None = None  # predictions only: the places stage's role

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


def gold_convention(gold_docs: list[list[Toponym]]) -> str:
    """ "literal" when the gold marks no demonym (a surface the gazetteer knows as a
    country's or region's adjective: "Russian", "European"), else "all"."""
    from according.geo.gazetteer import open_gazetteer
    from according.geo.normalise import normalise

    gazetteer = open_gazetteer()
    total = demonyms = 0
    for doc in gold_docs:
        for toponym in doc:
            total += 1
            cands = gazetteer.lookup(normalise(toponym.surface))
            demonyms += any(c.kind == "demonym" for c in cands)
    return "literal" if total and demonyms / total < _DEMONYM_SHARE else "all"


def predict(texts: Iterable[str]) -> Iterable[list[Toponym]]:
    """The places stage's mentions of each text, as toponyms carrying their role."""
    from according.pipeline.core import Pipeline
    from according.readers.source import SourceDocument
    from according.settings import Settings

    pipeline = Pipeline(Settings(stages=("according.entities.v1", "according.places.v1")))
    sources = (SourceDocument(text=t, origin=f"<eval {i}>") for i, t in enumerate(texts))
    for report in pipeline.pipe(sources):
        yield [
            Toponym(p.text, p.span.start, p.span.end, p.lat, p.lon, getattr(p, "role", None))
            for p in report.mentions.places
            if p.span is not None
        ]


def scored(predicted: list[Toponym], convention: str) -> list[Toponym]:
    """The predictions a convention compares with the gold ("all" or "literal")."""
    if convention == "literal":
        return [p for p in predicted if p.role != "attribute"]
    return predicted


def evaluate_eupeg(
    gold: Path,
    texts: Path,
    offset_shift: int = 0,
    select: range | None = None,
    convention: str = "auto",
) -> dict[str, float | int | str]:
    """Score the places stage on one EUPEG gold file and its folder of texts.

    ``offset_shift`` is added to every gold offset (GeoVirus needs -1); ``select`` limits
    the run to some texts (by line number), for split-half checks; ``convention`` is
    "auto", "all" or "literal" (module doc). The result holds the scores under the
    convention used (named in ``convention``) and F1 under both (``f1_all``,
    ``f1_literal``)."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {', '.join(CONVENTIONS)}, not {convention!r}")
    gold_docs = read_gold(Path(gold), offset_shift)
    wanted = [i for i in (select or range(len(gold_docs))) if i < len(gold_docs)]
    if convention == "auto":
        convention = gold_convention(gold_docs)
    raw = []
    for i in wanted:
        with open(Path(texts) / str(i), encoding="utf-8", newline="") as handle:
            raw.append(handle.read())
    n_gold = 0
    n_pred = {"all": 0, "literal": 0}
    errors: dict[str, list[float]] = {"all": [], "literal": []}
    for i, predicted in zip(wanted, predict(raw), strict=True):
        n_gold += len(gold_docs[i])
        for name in n_pred:
            mine = scored(predicted, name)
            n_pred[name] += len(mine)
            errors[name].extend(error_km(g, p) for g, p in match(gold_docs[i], mine))
    both = {name: scores(n_gold, n_pred[name], errors[name]) for name in n_pred}
    return {
        **both[convention],
        "convention": convention,
        "f1_all": both["all"]["f1"],
        "f1_literal": both["literal"]["f1"],
        "documents": len(wanted),
    }
