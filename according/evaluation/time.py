"""TempEval-3 Task A scoring of the date stage on TimeML files.

``evaluate_timeml(path_or_paths)`` reads ``.tml`` files (a ``<DCT>`` TIMEX3 and a
``<TEXT>`` with inline ``<TIMEX3 type value>`` tags), strips the tags to get the plain
text and the gold offsets, runs ``according.dates.date_text`` with the DCT as page date
(exactly what the pipeline stage runs) and scores as the TempEval-3 scorer does:

- strict recognition: a system expression matches a gold one with the same span;
- relaxed recognition: the spans overlap;
  precision = matched system / system, recall = matched gold / gold;
- value (and type) F1: the relaxed matches whose normalised value is also equal, with
  precision over system and recall over gold expressions. This equals relaxed F1 x value
  accuracy (accuracy over relaxed matches), the TE3 script's "attribute F1".

A range the stage joins ("July 1 to July 4") is scored through its two parts, as TimeML
annotates them.
"""

from __future__ import annotations

import time as _time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from according.dates import date_text, flatten


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    type: str | None
    text: str


def read_timeml(path: Path) -> tuple[str, date | None, list[Timex]]:
    """Plain text of the TEXT element, the DCT, and the gold TIMEX3s with offsets."""
    root = ET.parse(path).getroot()
    dct: date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = (timex.get("value") or "")[:10]
            try:
                dct = date.fromisoformat(value)
            except ValueError:
                dct = None
            break
    text_el = root.find(".//TEXT")
    if text_el is None:
        return "", dct, []
    chunks: list[str] = []
    gold: list[Timex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            chunks.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                chunks.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3":
            surface = "".join(chunks)[start:length]
            gold.append(Timex(start, length, el.get("value"), el.get("type"), surface))

    walk(text_el)
    return "".join(chunks), dct, gold


def system_timexes(text: str, dct: date | None) -> list[Timex]:
    result = date_text(text, dct)
    out: list[Timex] = []
    for t in flatten(result.dates):
        if t.span is None:
            continue
        out.append(Timex(t.span.start, t.span.end, t.timex, getattr(t, "timex_type", None), t.text))
    return out


def _norm(value: str | None) -> str:
    return (value or "").strip().upper()


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(pairs: list[tuple[list[Timex], list[Timex]]]) -> dict[str, float | int]:
    """TempEval-3 Task A numbers over (gold, system) lists, one pair per document."""
    n_gold = n_sys = strict_g = strict_s = relaxed_g = relaxed_s = 0
    value_g = value_s = type_g = type_s = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)

        def overlaps(a: Timex, b: Timex) -> bool:
            return a.start < b.end and b.start < a.end

        for g in gold:
            hits = [s for s in system if overlaps(g, s)]
            strict_g += any(s.start == g.start and s.end == g.end for s in hits)
            relaxed_g += bool(hits)
            value_g += any(_norm(s.value) == _norm(g.value) for s in hits)
            type_g += any(s.type == g.type for s in hits)
        for s in system:
            hits = [g for g in gold if overlaps(g, s)]
            strict_s += any(s.start == g.start and s.end == g.end for g in hits)
            relaxed_s += bool(hits)
            value_s += any(_norm(s.value) == _norm(g.value) for g in hits)
            type_s += any(s.type == g.type for g in hits)
    out: dict[str, float | int] = {"gold": n_gold, "system": n_sys}
    for name, g_hits, s_hits in (
        ("strict", strict_g, strict_s),
        ("relaxed", relaxed_g, relaxed_s),
        ("value", value_g, value_s),
        ("type", type_g, type_s),
    ):
        p, r = _ratio(s_hits, n_sys), _ratio(g_hits, n_gold)
        out |= {
            f"{name}_precision": round(p, 4),
            f"{name}_recall": round(r, 4),
            f"{name}_f1": round(_f1(p, r), 4),
            f"{name}_matched_gold": g_hits,
            f"{name}_matched_system": s_hits,
        }
    out["value_accuracy"] = round(_ratio(value_g, relaxed_g), 4)
    return out


def _tml_files(paths: list[Path] | Path) -> list[Path]:
    items = [paths] if isinstance(paths, Path | str) else list(paths)
    files: list[Path] = []
    for item in map(Path, items):
        files.extend(sorted(item.rglob("*.tml")) if item.is_dir() else [item])
    return files


def evaluate_timeml(paths: list[Path] | Path, *, errors: bool = False) -> dict[str, object]:
    """Score the date stage on every ``.tml`` file under ``paths`` (files or folders).

    Returns a JSON-ready dict: ``strict_f1``, ``relaxed_f1``, ``value_f1`` (with their
    precision and recall), ``value_accuracy``, ``type_f1``, the counts, the number of
    documents and the seconds spent in the date stage. ``errors=True`` adds up to 200
    value mismatches, misses and spurious expressions, each with its context."""
    pairs: list[tuple[list[Timex], list[Timex]]] = []
    mistakes: list[dict[str, object]] = []
    seconds = 0.0
    files = _tml_files(paths)
    for path in files:
        text, dct, gold = read_timeml(path)
        began = _time.perf_counter()
        system = system_timexes(text, dct)
        seconds += _time.perf_counter() - began
        pairs.append((gold, system))
        if errors and len(mistakes) < 200:
            mistakes.extend(_mistakes(path, dct, gold, system, text))
    result: dict[str, object] = dict(score(pairs))
    result |= {"documents": len(files), "seconds": round(seconds, 3)}
    if errors:
        result["errors"] = mistakes[:200]
    return result


def _context(text: str, start: int, end: int, chars: int = 60) -> str:
    """The expression in its sentence, marked [[like this]]: most value errors are
    decided by the words around it (a tense cue, a comparison, an earlier date)."""
    return (
        text[max(0, start - chars) : start]
        + "[["
        + text[start:end]
        + "]]"
        + text[end : end + chars]
    ).replace("\n", " ")


def _mistakes(
    path: Path, dct: date | None, gold: list[Timex], system: list[Timex], text: str = ""
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for g in gold:
        hits = [s for s in system if g.start < s.end and s.start < g.end]
        if not hits:
            out.append(
                {
                    "doc": path.name,
                    "dct": str(dct),
                    "kind": "missed",
                    "gold": g.text,
                    "value": g.value,
                    "context": _context(text, g.start, g.end),
                }
            )
        elif not any(_norm(s.value) == _norm(g.value) for s in hits):
            out.append(
                {
                    "doc": path.name,
                    "dct": str(dct),
                    "kind": "value",
                    "gold": g.text,
                    "value": g.value,
                    "system": hits[0].text,
                    "got": hits[0].value,
                    "context": _context(text, g.start, g.end),
                }
            )
    for s in system:
        if not any(g.start < s.end and s.start < g.end for g in gold):
            out.append(
                {
                    "doc": path.name,
                    "dct": str(dct),
                    "kind": "spurious",
                    "system": s.text,
                    "got": s.value,
                    "context": _context(text, s.start, s.end),
                }
            )
    return out
