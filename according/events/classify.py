"""Which kind of event a text reports: one of CASE 2021's 30 labels, by weighted cues.

One function, ``classify``, serves both the pipeline (on a sentence) and the CASE 2021
evaluation (on a snippet), so the score we publish is the score of the categorisation
the pipeline actually uses. Rules rather than a trained model: it runs offline at the
pipeline's speed, each decision can be explained by the cues that fired (``explain``),
and it does not depend on the few hundred dev snippets (the held-out half is scored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from according.events.lexicon import CONTEXTS, LEXICON, PRIORITY

LABELS: tuple[str, ...] = tuple(sorted(LEXICON))

# Protest variants build on the protest itself: a snippet about a dispersed rally
# scores its rally words *and* its intervention words, so the more specific type wins.
_INHERITS: dict[str, str] = {
    "PROTEST_WITH_INTER": "PEACE_PROTEST",
    "FORCE_AGAINST_PROTEST": "PEACE_PROTEST",
    "VIOL_DEMONSTR": "PEACE_PROTEST",
}
_FALLBACK = "OTHER"


@dataclass(frozen=True)
class Cue:
    """One fired cue: which label it supports, how much, and where in the text."""

    label: str
    weight: float
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _compiled() -> tuple[
    dict[str, re.Pattern[str]], list[tuple[str, float, str | None, re.Pattern[str]]]
]:
    contexts = {
        name: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for name, p in CONTEXTS.items()
    }
    cues = [
        (label, weight, ctx, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
        for label, entries in LEXICON.items()
        for pattern, weight, ctx in entries
    ]
    return contexts, cues


def find_cues(text: str) -> list[Cue]:
    """Every cue that fires in ``text`` (first occurrence of each pattern), in text order.

    A pattern counts once however often it occurs: repetition in a long snippet says
    more about style than about the kind of event."""
    contexts, cues = _compiled()
    present = {name: bool(p.search(text)) for name, p in contexts.items()}
    found: list[Cue] = []
    for label, weight, ctx, pattern in cues:
        if ctx is not None and not present[ctx]:
            continue
        match = pattern.search(text)
        if match:
            found.append(Cue(label, weight, match.start(), match.end(), match.group(0)))
    found.sort(key=lambda c: c.start)
    return found


def scores(text: str, cues: list[Cue] | None = None) -> dict[str, float]:
    """Label → summed cue weight, with protest variants inheriting the protest score."""
    cues = find_cues(text) if cues is None else cues
    total: dict[str, float] = {}
    for cue in cues:
        total[cue.label] = total.get(cue.label, 0.0) + cue.weight
    for child, parent in _INHERITS.items():
        if total.get(child, 0.0) > 0 and parent in total:
            total[child] += total[parent]
    return total


def _rank(label: str) -> int:
    return PRIORITY.index(label) if label in PRIORITY else len(PRIORITY)


def classify(text: str) -> tuple[str, float]:
    """The CASE 2021 label for ``text`` and a confidence in 0..1.

    The label with the highest summed weight wins; ties go to the more specific type
    (``PRIORITY``). Confidence grows with the winning score and its margin over the
    runner-up, so callers can ask for a minimum before making an event of it. Text with
    no cue at all is ``OTHER`` with confidence 0."""
    total = scores(text)
    if not total:
        return _FALLBACK, 0.0
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], _rank(kv[0])))
    label, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    strength = min(1.0, best / 4.0)
    margin = (best - second) / best if best else 0.0
    return label, round(0.5 * strength + 0.5 * strength * (0.5 + 0.5 * margin), 3)


def explain(text: str) -> list[str]:
    """The fired cues as ``LABEL:+weight 'words'`` strings, for debugging a decision."""
    return [f"{c.label}:+{c.weight:g} {c.text!r}" for c in find_cues(text)]
