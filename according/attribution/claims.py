"""Claims: numbers someone asserts, with what they count and how they are hedged.

Why a grammar of "hedge + number + counted noun" rather than every number: a count is
only a claim when it counts something ("over 1,500 martyrs"); dates, durations,
ordinals, bare percentages and numbers inside names ("COVID-19", "Article 5") are not
claims and would flood the events' counts with noise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from according.attribution.lexicon import ARREST_WORDS, INJURE_WORDS, KILL_WORDS
from according.intervals import Intervals
from according.numbers import NUMBER_WORDS
from according.records import Bound

HEDGES: dict[str, Bound] = {
    "over": "lower",
    "more than": "lower",
    "at least": "lower",
    "upwards of": "lower",
    "no fewer than": "lower",
    "in excess of": "lower",
    "as many as": "upper",
    "nearly": "approx",
    "almost": "approx",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "roughly": "approx",
    "approximately": "approx",
    "an estimated": "approx",
    "close to": "approx",
    "estimated": "approx",
    "up to": "upper",
    "at most": "upper",
    "fewer than": "upper",
    "less than": "upper",
    "under": "upper",
    "no more than": "upper",
}
_UNITS = NUMBER_WORDS
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: the smallest number the word can mean, as a lower bound.
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20000,
    "hundreds of thousands": 200000,
    "millions": 2_000_000,
}
_NOT_COUNTED = frozenset(
    "year years month months week weeks day days night nights hour hours minute minutes "
    "second seconds decade decades century centuries percent per cent times time "
    "o'clock am pm a.m. p.m. of and or to the in on at for by with from a an is are was "
    "were have has had years-old year-old point points km miles kilometers kilometres "
    "meters metres dollars euros cents million billion thousand hundred as his its this us "
    "has was is news times".split()
)
_HEDGE = "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True))
_WORDNUM = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True))
_CLAIM = re.compile(
    rf"(?<![\w$\u20ac\u00a3#./-])(?:(?P<hedge>{_HEDGE})\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})\s+of|(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
    rf"(?:\s+(?:million|billion|thousand))?|(?:{_WORDNUM})(?:[\s-]+(?:{_WORDNUM}))?"
    rf"(?:\s+(?:hundred|thousand|million))?))"
    r"(?![\w%-]|\.\d|,\d)"
    r"\s+(?:(?:of\s+)?(?:the\s+)?)?(?P<unit>(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)\b",
    re.IGNORECASE,
)
_PEOPLE_PLURAL = re.compile(
    r"(?:[a-z]{2,}[^su\W]s|people|men|women|children|police|dead|personnel|staff)$"
)


_NAMED_NUMBER = re.compile(r"(?:article|no\.|number|section|chapter|page|paragraph|resolution)\s*$")


@dataclass(frozen=True)
class FoundClaim:
    text: str
    value: int | float
    bound: Bound
    unit: str
    start: int
    end: int


def parse_number(token: str) -> int | float | None:
    """ "1,500" -> 1500, "seventy" -> 70, "2.5 million" -> 2500000, "twenty-five" -> 25."""
    token = token.lower().strip()
    parts = token.split()
    scale = 1
    if parts and parts[-1] in _SCALES and len(parts) > 1:
        scale = _SCALES[parts.pop()]
    body = " ".join(parts)
    digits = body.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        value = float(digits) * scale
        return int(value) if value.is_integer() else value
    if body in _UNITS:
        return _UNITS[body] * scale
    pieces = re.split(r"[\s-]+", body)
    if all(p in _UNITS for p in pieces):
        return sum(_UNITS[p] for p in pieces) * scale
    return None


def _nearest_kind(sentence: str, pos: int) -> str | None:
    """ "arrested", "killed" or "injured": whichever word stands nearest the number."""
    best: tuple[int, str] | None = None
    kinds = ((ARREST_WORDS, "arrested"), (KILL_WORDS, "killed"), (INJURE_WORDS, "injured"))
    for regex, kind in kinds:
        for match in regex.finditer(sentence):
            distance = min(abs(match.start() - pos), abs(match.end() - pos))
            if distance <= 80 and (best is None or distance < best[0]):
                best = (distance, kind)
    return best[1] if best else None


def _unit(words: str, sentence: str, pos: int = 0) -> tuple[str, int] | None:
    """What is counted: the noun phrase after the number, ending in a plural head
    ("elite students"); with "arrested"/"killed"/"injured" appended when the sentence
    says so, which is what the events stage keys counts on."""
    tokens = words.split()
    while tokens and not _PEOPLE_PLURAL.search(tokens[-1].lower()):
        tokens.pop()
    if not tokens or any(t.lower() in _NOT_COUNTED for t in tokens):
        return None
    kept = len(tokens)
    unit = " ".join(tokens)
    head = tokens[-1].lower()
    if head in ("others", "more"):
        unit = "people"
    people = head in (
        "people",
        "others",
        "more",
        "civilians",
        "protesters",
        "students",
        "demonstrators",
        "activists",
        "men",
        "women",
        "children",
        "persons",
    )
    kind = _nearest_kind(sentence, pos) if people else None
    return (f"{unit} {kind}" if kind else unit), kept


def find_claims(
    text: str,
    exclude: Sequence[tuple[int, int]] = (),
    sentences: Sequence[tuple[int, int]] = (),
) -> list[FoundClaim]:
    """Every counted number in ``text``; ``exclude`` holds spans that are not counts
    (dates found by the dates stage, entity names such as "COVID-19")."""
    found: list[FoundClaim] = []
    excluded = Intervals(exclude)  # indexed once: a scan per number grew quadratically
    in_order = all(a <= b for a, b in itertools.pairwise(sentences))
    by_start = Intervals(sentences) if in_order else None
    for match in _CLAIM.finditer(text):
        start, end = match.span()
        num_start = match.start("vague") if match.group("vague") else match.start("num")
        num_end = match.end("vague") if match.group("vague") else match.end("num")
        if excluded.overlaps(num_start, num_end):
            continue
        before = text[max(0, num_start - 12) : num_start].lower()
        if _NAMED_NUMBER.search(before):
            continue
        raw = match.group("num") or ""
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", raw):
            continue  # a year, not a count
        holding = (
            by_start.containing(start)
            if by_start is not None
            else next(((s, e) for s, e in sentences if s <= start < e), None)
        )
        s_start, s_end = holding or (max(0, start - 200), end + 200)
        counted = _unit(match.group("unit"), text[s_start:s_end], start - s_start)
        if counted is None:
            continue
        unit, kept = counted
        hedge = (match.group("hedge") or "").lower()
        if match.group("vague"):
            value: int | float | None = _VAGUE[match.group("vague").lower()]
            bound = HEDGES.get(hedge, "lower")
        else:
            value = parse_number(raw)
            bound = HEDGES.get(hedge, "exact")
        if value is None:
            continue
        unit_end = match.start("unit") + len(" ".join(match.group("unit").split()[:kept]))
        found.append(FoundClaim(text[start:unit_end], value, bound, unit, start, unit_end))
    return found
