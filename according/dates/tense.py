"""Sentence bounds and the tense around an expression, from cheap regexes.

Why not spaCy: the date stage must be fast (no parser), and all the resolver needs is
whether the words next to an expression speak of the past or the future ("will be held
on July 17" versus "said on Friday").
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

Tense = Literal["past", "future"] | None

# A sentence ends at . ! ? (plus closing quotes) before a capital letter, or at a newline.
# Digits after the stop do not start a sentence: "Nov. 17" stays whole.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z])|\n""")

_FUTURE = (
    r"(?i:will|won't|shall|'ll|going\s+to|plans?\s+to|plann(?:ed|ing)\s+to|scheduled"
    r"|expected\s+to|expects?|due\s+to|set\s+to|is\s+to|are\s+to|to\s+be\s+held|upcoming"
    r"|intends?\s+to|would|next(?!\s+to)|hopes?\s+to|aims?\s+to|as\s+(?:soon|early)\s+as"
    r"|is\s+expected|are\s+expected)"
)
_PAST = (
    r"was|were|had|did|said|told|wrote|ago|last|has|have|began|came|met|took|gave|made"
    r"|saw|went|fought|according|[a-z]{2,}ed"
)
# Words in -ed that are no past verbs are no cue: negated participles are adjectives ("an
# unspecified date"), and "hundred", "indeed", "need", "proceed" are no participles at all
# (past "agreed" and "freed" are lost with them: rarer in news than "hundred").
_NOT_PAST_ED = re.compile(
    r"un(?:specifi|identifi|disclos|nam|precedent|expect|employ|arm|mann|confirm|solv|relat"
    r"|limit|resolv|authoriz|schedul)ed|(?:hun|kin|hat)dred|[a-z]*eed"
)
# Present tense: no clue to the year, so the nearest year is taken.
_NEUTRAL = r"(?:is|are|am|says|say)\b(?!\s+(?:expected|scheduled|due|set)\b)"
# One pass finds every cue. At one position the more specific reading wins, so future
# comes first: "is to" and "scheduled" are future cues, not the present "is" or a past
# verb in -ed.
_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})\b|(?P<past>{_PAST})\b|(?P<neutral>{_NEUTRAL}))")
# A participle or adjective in -ed is no past-tense verb: "is expected", "the reduced";
# after a determiner, a possessive or a degree adverb it is an adjective ("a still
# unspecified date", "their newly elected").
_NOT_VERB = re.compile(
    r"\b(?:be|being|been|is|are|the|a|an|to\s+be|its|their|his|her|our|this|these|those"
    r"|more|most|less|very|well|newly|still|already|so|too)\s+(?:[a-z]+ly\s+)?$",
    re.IGNORECASE,
)
# "had been scheduled to expire Friday": a plan made before a past time, for a time that
# is past too; the future cue then reads as past.
_HAD = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|till|through|before)\s+$", re.IGNORECASE)
# A deadline or the dates of a dividend notice name a time still to come: "by Dec. 15",
# "until March 6", "payable Dec. 7 to stock of record Nov. 22", "effective Feb. 1".
# ("through" is left out: "through Oct. 19" often closes a period already past.)
_AHEAD = re.compile(
    r"\b(?:by|until|till|payable|record|effective)\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE
)


class Sentences:
    """Sentence index over one text: which sentence an offset is in, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BOUNDARY.finditer(text)]
        # The tense of a span does not depend on the reference date: the second pass of
        # ``date_text`` (and rules that ask twice) reuse the first answer.
        self._tenses: dict[tuple[int, int, int, int], Tense] = {}
        # per sentence (by its start), its tense cues: (start, end, label), in text order
        self._cues_of: dict[int, list[tuple[int, int, Tense]]] = {}

    def bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def tense(self, start: int, end: int, *, left: int = 80, right: int = 100) -> Tense:
        """The tense of the nearest cue word: first looking left of the expression within
        its sentence (the verb that governs "on Friday" usually comes first in English
        news), then right of it ("On Friday, police arrested ..."). A present-tense or
        infinitive cue, or a deadline preposition ("by Dec. 15"), gives None: no clue."""
        key = (start, end, left, right)
        if key not in self._tenses:
            self._tenses[key] = self._tense(start, end, left, right)
        return self._tenses[key]

    def _tense(self, start: int, end: int, left: int, right: int) -> Tense:
        s_start, s_end = self.bounds(start)
        if _DEADLINE.search(self.text, max(s_start, start - 12), start):
            return None
        cues = self._cues_of.get(s_start)
        if cues is None:
            cues = self._cues_of[s_start] = self._find_cues(s_start, s_end)
        # the last cue wholly inside the left window, else the first wholly inside the right
        lo = max(s_start, start - left)
        for at, stop, label in reversed(cues):
            if at < lo:
                break
            if stop <= start:
                return label
        hi = min(s_end, end + right)
        for at, stop, label in cues:
            if at >= end:
                return label if stop <= hi else None
        return None

    def ahead(self, start: int) -> bool:
        """Whether a deadline word ("by", "until", "payable", "effective") comes right
        before ``start``: the date it names lies ahead of the writing."""
        return _AHEAD.search(self.text, max(0, start - 20), start) is not None

    def _find_cues(self, s_start: int, s_end: int) -> list[tuple[int, int, Tense]]:
        """Every tense cue of one sentence, from one regex pass over it (not one per
        expression and window): where it starts and ends, and what it says."""
        text = self.text
        found: list[tuple[int, int, Tense]] = []
        for m in _CUE.finditer(text, s_start, s_end):
            label: Tense = None
            context = max(s_start, m.start() - 40)
            if m.lastgroup == "future":
                # "had been due to expire": a plan for a time now past
                label = "past" if _HAD.search(text, context, m.start()) else "future"
            elif m.lastgroup == "past":
                word = m.group()
                if word.endswith("ed") and (
                    _NOT_PAST_ED.fullmatch(word) or _NOT_VERB.search(text, context, m.start())
                ):
                    continue  # "will be held", "is expected", "the reduced dividend"
                label = "past"
            found.append((m.start(), m.end(), label))
        return found
