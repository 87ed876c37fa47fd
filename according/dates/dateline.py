"""News datelines: "TBILISI, May 1 (Reuters) -", "BEIJING, March 22 (Xinhua) --",
"KHARTOUM, January 18, 2022 —", "KYIV, Ukraine (AP) —".

Why it matters: a dateline opens the first paragraph, so without it being known the
filing place is read as where the story happened, the agency as the subject of the
first sentence ("BEIJING ... criticized" made BEIJING a speaker), the dateline as part
of the first quote, and the date of filing, which dates the whole text, is missed when
it shares a line with the story. One parser finds it; the pipeline uses its parts:
the dates stage takes its date as the content date, the places stage records its place
with the role ``filing``, sentences start after it, and no speaker comes from it.

The shape: a place (a word in capitals, or capitalised words, optionally with a state or
country after a comma), then a date and/or an agency in brackets, then a dash or colon.
A place in capitals alone before a dash ("KHARTOUM —") is a dateline too; a capitalised
place alone is not ("Paris - the city" is too common in prose). It must open the text
or a line within the first ``WITHIN`` characters (titles and bylines come first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from according.dates.lexicon import DAY, MONTH, YEAR4
from according.records import Dateline, Span
from according.rulefiles import word_lists

if TYPE_CHECKING:
    from according.actors import ActorRegistry

WITHIN = 600
LABELS_PATH = Path(__file__).resolve().parent.parent / "data" / "dates" / "datelines.yaml"

# A word of the place: a dot only closes an abbreviation of two letters ("ST. LOUIS"),
# so that "By Nate Raymond. BOSTON (Reuters) -" starts the place at BOSTON.
_WORD = r"[A-Z](?:[A-Za-z'\u2019-]*|[A-Za-z]?\.)"
_STATE_WORD = r"[A-Z][A-Za-z.'\u2019-]*"
_CAPS_WORD = r"[A-Z][A-Z.'\u2019-]+"
_DATE = rf"(?:(?:{MONTH})\s+{DAY}(?:,?\s+{YEAR4})?|{DAY}\s+(?:{MONTH})(?:,?\s+{YEAR4})?)"
_PATTERN = re.compile(
    rf"""(?:^|(?<=\n)|(?<=[a-z]{{2}}\.[ ]))[ \t]*
    (?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}
        (?:,[ ](?!(?:{MONTH})[ ]\d)(?!\d){_STATE_WORD}(?:[ ]{_STATE_WORD}){{0,2}})?)
    (?:,?[ ](?P<date>{_DATE}))?
    (?:[ ]?\((?P<agency>[A-Z][\w.&'\u2019 -]{{0,40}}?)\))?
    [ ]?(?P<dash>\u2014|\u2013|--|-|:)[ ]""",
    re.VERBOSE,
)
# A date alone before the dash ("March 12, 2023 - Nurses protested ..."): no place.
_DATE_ONLY = re.compile(rf"(?:^|(?<=\n))[ \t]*(?P<date>{_DATE})[ ]?(?P<dash>\u2014|\u2013|--|-)[ ]")
_ALL_CAPS_PLACE = re.compile(rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}(?:,.*)?")


@dataclass(frozen=True, slots=True)
class DatelineParts:
    """Where each part of a dateline is, as (start, end) offsets into the text."""

    span: tuple[int, int]
    place: tuple[int, int] | None
    date: tuple[int, int] | None
    agency: tuple[int, int] | None
    body: int  # where the story itself starts


def find_dateline(text: str) -> DatelineParts | None:
    """The text's news dateline, if it has one near the top."""
    return _find(text[:WITHIN])


@lru_cache(maxsize=256)
def _find(head: str) -> DatelineParts | None:
    found = [p for p in (_with_place(head), _date_only(head)) if p is not None]
    return min(found, key=lambda p: p.span[0]) if found else None


def _with_place(head: str) -> DatelineParts | None:
    for m in _PATTERN.finditer(head):
        date, agency = m.span("date"), m.span("agency")
        has_date, has_agency = m.group("date") is not None, m.group("agency") is not None
        caps = _ALL_CAPS_PLACE.fullmatch(m.group("place")) is not None
        if m.group("dash") == ":" and not has_date:
            continue  # "Iran: Protests continue" is a headline, "LONDON: ..." too rare
        if not (has_date or has_agency or caps) or m.group("place").upper() in labels():
            continue
        if not (has_date or has_agency) and m.start() and head[m.start() - 1] != "\n":
            continue  # after a byline ("By Jane Doe. BOSTON (Reuters) -") only with more
        return DatelineParts(
            span=(m.start("place"), m.start("dash") + len(m.group("dash"))),
            place=m.span("place"),
            date=date if has_date else None,
            agency=agency if has_agency else None,
            body=m.end(),
        )
    return None


def _date_only(head: str) -> DatelineParts | None:
    m = _DATE_ONLY.search(head)
    if m is None:
        return None
    end = m.start("dash") + len(m.group("dash"))
    return DatelineParts((m.start("date"), end), None, m.span("date"), None, m.end())


@lru_cache(maxsize=1)
def labels() -> frozenset[str]:
    """Words in capitals that open a story but name no place ("EXCLUSIVE -")."""
    return frozenset(e.word for e in word_lists(LABELS_PATH, ("labels",), lower=False))


def read_dateline(text: str, registry: ActorRegistry | None = None) -> Dateline | None:
    """The record of the text's dateline (its date is filled by the dates stage); the
    agency under the name ``registry`` gives it ("AP" is "Associated Press")."""
    parts = find_dateline(text)
    if parts is None:
        return None
    agency = text[slice(*parts.agency)] if parts.agency else None
    if agency and registry is not None:
        known = registry.lookup(agency)
        agency = known.name if known else agency
    return Dateline(
        text=text[slice(*parts.span)],
        place=text[slice(*parts.place)] if parts.place else None,
        agency=agency,
        span=Span.of(text, *parts.span),
    )


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``start..end`` lies inside the text's dateline (with the space after it)."""
    parts = find_dateline(text)
    return parts is not None and parts.span[0] <= start and end <= parts.body
