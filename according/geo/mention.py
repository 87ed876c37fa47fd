"""A place name found in a text, before resolution: the record the recogniser's passes
share, and what resolution, roles and the dateline read."""

from __future__ import annotations

from dataclasses import dataclass

from according.geo.gazetteer import Candidate


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in the text: where, what it looks up as, and why we took it."""

    start: int
    end: int
    text: str
    key: str
    # The spaCy label it came with, or how it was found without one: "GAZ" (by the
    # gazetteer, on evidence), "UNIT" (a unit word), "ABBR" (an abbreviation the text
    # defines), "NEAR" (a name with no entry after "near" in a report whose country is
    # known).
    label: str
    candidates: tuple[Candidate, ...]
    # (start, end) of the organisation, outlet or site name the place only qualifies
    # ("Kenya" in "Kenya Red Cross Society"): see ``according.geo.refine``.
    qualifies: tuple[int, int] | None = None
