"""Where words were said: "told the state-run Resalat daily", "in a video conference".

Why apart from the grammar: the venue is read off the cue's object and the attribution
clause's words once the attribution is made; no rule depends on it.
"""

from __future__ import annotations

import re

from according.attribution.cues import Cue
from according.attribution.lexicon import OUTLET_WORDS, VENUE_NOUNS
from according.attribution.spans import np_span

_VENUE_IN = re.compile(
    r"\b(?:in|during|at|on)\s+((?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}(?:"
    + "|".join(sorted(VENUE_NOUNS, key=len, reverse=True))
    + r"))\b",
    re.IGNORECASE,
)
_TOLD_OUTLET = re.compile(
    r"\b(?:told|tells|telling|tell)\s+((?:the\s+)?(?:[\w\u2019'-]+\s+){0,4}?(?:"
    + "|".join(sorted(OUTLET_WORDS, key=len, reverse=True))
    + r"))\b",
    re.IGNORECASE,
)


def venue_for(text: str, cue: Cue, clause: tuple[int, int]) -> str | None:
    """The outlet a "told" cue names as its object, else the occasion in the clause."""
    doc = cue.tok.doc
    if cue.word in ("told", "tells", "tell", "telling"):
        for child in cue.tok.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                s, e = np_span(child)
                phrase = doc.text[s:e]
                words = {w.lower().strip(",.") for w in phrase.split()}
                if words & OUTLET_WORDS:
                    return phrase
    if cue.word.startswith("tel") or cue.word == "told":
        told = _TOLD_OUTLET.match(text, cue.start)
        if told is not None:
            return told.group(1)
    return venue_in(text, clause)


def venue_in(text: str, clause: tuple[int, int]) -> str | None:
    """The last "in a statement" / "at a press conference" in the attribution clause."""
    venues = list(_VENUE_IN.finditer(text, *clause))
    return venues[-1].group(1) if venues else None


__all__ = ["venue_for", "venue_in"]
