"""Scoring the quotes stage on PolNeAR (brat standoff), for `according eval quotes`.

What is compared, and why:

- Content spans, matched one-to-one in text order, by overlap (any shared character)
  and exactly (same span after trimming quotation marks, spaces and edge punctuation,
  since PolNeAR's contents keep the marks and ours, by the record format, do not).
- Source accuracy over matched contents: the predicted speaker's span overlaps the
  gold Source span. PolNeAR makes the outlet the Source of a relay ("Fars quoted X as
  saying"); we name X as speaker and the outlet as a relay hop, so a prediction counts
  as right when the speaker or the relay hop overlaps the gold Source.
- Gold attributions without a Source span are scored for content only.
- PolNeAR annotates every attribution, including opinion and perception cues ("think",
  "seemed", "wants"). ``content_*_speech`` scores recall against the subset whose cue
  is a speech cue (say, tell, write, according to, ...), the relations the stage is
  for; precision there counts a prediction right when it overlaps any gold content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from according.attribution.lexicon import SPEECH_FORMS, WEAK_CUES
from according.records import Hop

_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019.,:;!?"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: str


@dataclass
class Predicted:
    content: tuple[int, int]
    sources: list[tuple[int, int]] = field(default_factory=list)


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations of one .ann file (discontinuous spans are joined)."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            numbers = [int(n) for n in re.findall(r"\d+", offsets)]
            if numbers:
                spans[parts[0]] = (label, min(numbers), max(numbers))
        elif parts[0].startswith("E"):
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        cue = spans.get(rel.get("Cue", ""))
        gold.append(
            GoldAttribution(
                (content[1], content[2]),
                (source[1], source[2]) if source else None,
                rel.get("Cue", "") if cue is None else f"{cue[1]}:{cue[2]}",
            )
        )
    return gold


def articles(root: Path) -> Iterator[tuple[str, Path, Path]]:
    """(stem, text file, the lexicographically first annotator's .ann) per article."""
    chosen: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = _ANNOTATOR.sub("", ann.stem)
        chosen.setdefault(stem, ann)
    for stem, ann in sorted(chosen.items()):
        text = root / "text" / f"{stem}.txt"
        if text.exists():
            yield stem, text, ann


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _exact_in(text: str) -> Callable[[tuple[int, int], tuple[int, int]], bool]:
    def same(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return _trimmed(text, a) == _trimmed(text, b)

    return same


def _is_speech(text: str, gold: GoldAttribution) -> bool:
    if ":" not in gold.cue:
        return False
    start, end = (int(n) for n in gold.cue.split(":"))
    # Words, not whitespace-separated pieces: a cue span often ends in punctuation
    # ("said,", "said:", "says—").
    words = _WORD.findall(text[start:end].lower())
    if "according" in words:
        return True
    return any(w in SPEECH_FORMS and SPEECH_FORMS[w] not in WEAK_CUES for w in words)


def _match(
    preds: list[Predicted],
    golds: list[GoldAttribution],
    same: Callable[[tuple[int, int], tuple[int, int]], bool],
) -> list[tuple[Predicted, GoldAttribution]]:
    pairs = []
    free = list(golds)
    for pred in preds:
        for gold in free:
            if same(pred.content, gold.content):
                pairs.append((pred, gold))
                free.remove(gold)
                break
    return pairs


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predictions(texts: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[Predicted]]]:
    """Run the entities, dates and quotes stages on raw texts (offsets unchanged)."""
    from according.pipeline.core import Pipeline
    from according.readers.source import SourceDocument
    from according.settings import Settings

    pipeline = Pipeline(
        Settings(stages=("according.entities.v1", "according.dates.v1", "according.quotes.v1"))
    )
    items = list(texts)
    reports = pipeline.pipe(SourceDocument(text=t, origin=name) for name, t in items)
    for (name, _), report in zip(items, reports, strict=True):
        preds = []
        for q in report.quotes:
            spans = [offsets for h in q.source if (offsets := _hop_offsets(h)) is not None]
            if q.speaker is not None and q.speaker.span is not None:
                spans.insert(0, (q.speaker.span.start, q.speaker.span.end))
            preds.append(Predicted((q.span.start, q.span.end), spans))
        yield name, preds


def _hop_offsets(hop: Hop) -> tuple[int, int] | None:
    """A hop's evidence offsets: ``span`` is an extra key of Hop, a Span when the hop was
    built in this process and a dict after a JSON round trip."""
    span = getattr(hop, "span", None)
    if span is None:
        return None
    if isinstance(span, dict):
        return span["start"], span["end"]
    return span.start, span.end


def evaluate_brat(root: Path, limit: int | None = None) -> dict[str, float | int]:
    """Scores over every article under ``root`` (text/*.txt, attributions/*.ann)."""
    chosen = list(articles(Path(root)))[:limit]
    texts = {stem: path.read_text(encoding="utf-8") for stem, path, _ in chosen}
    golds = {stem: read_ann(ann) for stem, _, ann in chosen}
    totals = dict.fromkeys(
        (
            "pred",
            "gold",
            "tp_overlap",
            "tp_exact",
            "sourced",
            "source_ok",
            "speech_gold",
            "speech_tp",
            "pred_any_tp",
        ),
        0,
    )
    for stem, preds in predictions(texts.items()):
        text, gold = texts[stem], golds[stem]
        totals["pred"] += len(preds)
        totals["gold"] += len(gold)
        matched = _match(preds, gold, _overlap)
        totals["tp_overlap"] += len(matched)
        totals["tp_exact"] += len(_match(preds, gold, _exact_in(text)))
        for pred, g in matched:
            if g.source is not None:
                totals["sourced"] += 1
                totals["source_ok"] += any(_overlap(s, g.source) for s in pred.sources)
        speech = [g for g in gold if _is_speech(text, g)]
        totals["speech_gold"] += len(speech)
        totals["speech_tp"] += len(_match(preds, speech, _overlap))
        totals["pred_any_tp"] += sum(
            any(_overlap(p.content, g.content) for g in gold) for p in preds
        )
    t = totals
    p, r, f = _prf(t["tp_overlap"], t["pred"], t["tp_overlap"], t["gold"])
    pe, re_, fe = _prf(t["tp_exact"], t["pred"], t["tp_exact"], t["gold"])
    ps, rs, fs = _prf(t["pred_any_tp"], t["pred"], t["speech_tp"], t["speech_gold"])
    return {
        "articles": len(chosen),
        "predicted": t["pred"],
        "gold": t["gold"],
        "content_precision": round(p, 4),
        "content_recall": round(r, 4),
        "content_f1": round(f, 4),
        "content_precision_exact": round(pe, 4),
        "content_recall_exact": round(re_, 4),
        "content_f1_exact": round(fe, 4),
        "content_precision_speech": round(ps, 4),
        "content_recall_speech": round(rs, 4),
        "content_f1_speech": round(fs, 4),
        "source_accuracy": round(t["source_ok"] / t["sourced"], 4) if t["sourced"] else 0.0,
        "sourced_matches": t["sourced"],
    }


def format_text(scores: dict[str, float | int]) -> str:
    """Plain-text table for the CLI's default output."""
    return "\n".join(f"{key:28} {value}" for key, value in scores.items())
