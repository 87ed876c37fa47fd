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

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|plann(?:ed|ing)\s+to|scheduled|expected\s+to|expects?"
    r"|due\s+to|set\s+to|is\s+to|are\s+to|to\s+be\s+held|upcoming|intends?\s+to|would"
    r"|next(?!\s+to)|hopes?\s+to|aims?\s+to|as\s+(?:soon|early)\s+as|is\s+expected"
    r"|are\s+expected)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|wrote|ago|last|has|have|began|came|met|took|gave|made"
    r"|saw|went|fought|according|(?!" + "|".join((
        r"un(?:specifi|identifi|disclos|nam|precedent|expect|employ|arm|mann|confirm|solv"
        r"|relat|limit|resolv|authoriz|schedul)ed\b", r"(?:hun|kin|hat)dred\b", r"[a-z]*eed\b"))
    + r")[a-z]{2,}ed)\b"
)
# Present tense: no clue to the year, so the nearest year is taken.
_NEUTRAL = re.compile(r"\b(?:is|are|am|says|say)\b(?!\s+(?:expected|scheduled|due|set)\b)")
# A participle or adjective in -ed is no past-tense verb: "is expected", "the reduced".
# Words in -ed that are no past verbs: negated participles are adjectives ("an
# unspecified date"), and "hundred", "indeed", "need", "proceed" are no participles at all
# (past "agreed" and "freed" are lost with them: rarer in news than "hundred").
# After a determiner, a possessive or a degree adverb an -ed word is an adjective too.
_NOT_VERB = re.compile(
    r"\b(?:be|being|been|is|are|the|a|an|to\s+be|its|their|his|her|our|this|these|those"
    r"|more|most|less|very|well|newly|still|already|so|too)\s+(?:[a-z]+ly\s+)?$",
    re.IGNORECASE)
_HAD = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|until|till|through|before)\s+$", re.IGNORECASE)
# A deadline or the dates of a dividend notice name a time still to come: "by Dec. 15",
# "until March 6", "payable Dec. 7 to stock of record Nov. 22", "effective Feb. 1".
# ("through" is left out: "through Oct. 19" often closes a period already past.)
_AHEAD = re.compile(r"\b(?:by|until|till|payable|record|effective)\s+(?:(?:early|late|mid)[\s-]+)?$",
                    re.IGNORECASE)


class Sentences:
    """Sentence index over one text: which sentence an offset is in, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BOUNDARY.finditer(text)]
        # The tense of a span does not depend on the reference date: the second pass of
        # ``date_text`` (and rules that ask twice) reuse the first answer.
        self._tenses: dict[tuple[int, int, int, int], Tense] = {}

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
        window = self.text[max(s_start, start - left):start]
        cues = self._cues(window)
        if cues:
            return cues[-1][1]
        cues = self._cues(self.text[end:min(s_end, end + right)])
        return cues[0][1] if cues else None

    def ahead(self, start: int) -> bool:
        """Whether a deadline word ("by", "until", "payable", "effective") comes right
        before ``start``: the date it names lies ahead of the writing."""
        return _AHEAD.search(self.text, max(0, start - 20), start) is not None

    @staticmethod
    def _cues(window: str) -> list[tuple[int, Tense]]:
        found: list[tuple[int, Tense]] = []
        for rx, label in ((_FUTURE, "future"), (_PAST, "past"), (_NEUTRAL, None)):
            for m in rx.finditer(window):
                if label == "past" and m.group().endswith("ed") and _NOT_VERB.search(
                        window, 0, m.start()):
                    continue  # "will be held", "is expected", "the reduced dividend"
                if label == "future" and _HAD.search(window, 0, m.start()):
                    # "had been scheduled to expire Friday": a plan made before a past
                    # time, for a time now past too
                    found.append((m.start(), "past"))
                    continue
                found.append((m.start(), label))  # type: ignore[arg-type]
        # At one position the more specific reading wins: "is to" and "scheduled" are
        # future cues, not the present "is" or a past verb in -ed; the sort is stable
        # and future cues are found first, so the first cue at a position is kept.
        found.sort(key=lambda c: c[0])
        return [c for i, c in enumerate(found) if i == 0 or found[i - 1][0] != c[0]]
