"""Typed records of format v1 (``shared/design/records.md``).

The field names are a public contract: users, exports and outside checks read them.
Add fields freely; renaming or removing one needs ``according/2`` and a CHANGELOG note.
Models are pydantic so that the JSON round trip is validated, not hand-written.
"""

from __future__ import annotations

from typing import Final, Literal, TypeGuard, get_args

from pydantic import BaseModel, ConfigDict, Field

FORMAT: Final = "according/1"

EntityKind = Literal["person", "organization", "state", "armed_group", "media", "group", "other"]
Precision = Literal["day", "week", "month", "year", "decade", "duration"]
DateMethod = Literal["explicit", "weekday", "relative", "document", "inferred"]
HopKind = Literal["document", "outlet", "person", "organization"]
Bound = Literal["exact", "lower", "upper", "approx"]
Status = Literal["reported", "claimed", "planned", "denied", "hypothetical"]
ENTITY_KINDS: tuple[EntityKind, ...] = get_args(EntityKind)
QuantityKind = Literal["fatalities", "arrested", "injured", "participants", "other"]
# What a quote attributes: words said or written, a view held, or a finding.
QuoteKind = Literal["speech", "stance", "perception"]
QUOTE_KINDS: tuple[str, ...] = ("speech", "stance", "perception")
# How a chain names the page it is read from when its outlet is unknown (not its path).
THIS_REPORT = "this report"
# PLOVER's 16 event types, the values of ``Event.category``: a filter names one of these,
# and anything else is a typo to refuse, not a query to answer with nothing.
CATEGORIES: tuple[str, ...] = tuple(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)


def is_entity_kind(value: str) -> TypeGuard[EntityKind]:
    """Whether ``value``, read from a data file (the actor list), is an entity kind:
    checked where it is read, so a misspelt kind fails there and not in a stage."""
    return value in ENTITY_KINDS


class Record(BaseModel):
    """Base: unknown keys are kept, so a v1 reader tolerates fields added later."""

    model_config = ConfigDict(extra="allow", validate_assignment=False)


class Span(Record):
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span whose ``text`` is always ``text[start:end]`` (evidence can't drift)."""
        return cls(start=start, end=end, text=text[start:end])


class TimeSpan(Record):
    text: str
    start: str | None = None
    end: str | None = None
    precision: Precision = "day"
    method: DateMethod = "explicit"
    span: Span | None = None
    timex: str | None = None
    confidence: float = 1.0


class Outlet(Record):
    name: str
    kind: str | None = None


class Entity(Record):
    text: str
    name: str
    kind: EntityKind = "other"
    role: str | None = None
    affiliation: str | None = None
    id: str | None = None
    span: Span | None = None


class Place(Record):
    text: str
    name: str
    geonames_id: int | None = None
    feature: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 1
    span: Span | None = None


class Hop(Record):
    """One link of an attribution chain, outermost (the document) first."""

    kind: HopKind
    name: str
    role: str | None = None
    cue: str | None = None
    when: TimeSpan | None = None


class Quantity(Record):
    kind: QuantityKind = "other"
    value: float | int
    bound: Bound = "exact"
    text: str
    span: Span | None = None


class AcledType(Record):
    event_type: str
    sub_event_type: str


class Event(Record):
    id: str
    category: str
    mode: str | None = None
    acled: AcledType | None = None
    actors: list[Entity] = Field(default_factory=list)
    targets: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    when: TimeSpan | None = None
    counts: list[Quantity] = Field(default_factory=list)
    status: Status = "reported"
    source: list[Hop] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5


class Quote(Record):
    text: str
    direct: bool
    # speech ("said", "according to"), stance ("believes", "supports") or perception
    # ("shows", "confirms"): readers mostly want speech; the cue decides (attribution.kinds).
    kind: QuoteKind = "speech"
    speaker: Entity | None = None
    cue: str | None = None
    venue: str | None = None
    when: TimeSpan | None = None
    source: list[Hop] = Field(default_factory=list)
    span: Span


class Claim(Record):
    text: str
    value: float | int
    bound: Bound = "exact"
    unit: str | None = None
    about: Span | str | None = None
    source: list[Hop] = Field(default_factory=list)
    span: Span


class Dateline(Record):
    """A news dateline ("TBILISI, May 1 (Reuters) -"): where and when the report was filed
    and by which agency. Its place is where the reporter was, not where events happened."""

    text: str
    place: str | None = None
    agency: str | None = None  # the agency's name as the outlet list knows it
    date: TimeSpan | None = None
    span: Span


class Document(Record):
    id: str
    origin: str | None = None
    outlet: Outlet | None = None
    title: str | None = None
    language: str = "en"
    text: str
    page_date: str | None = None
    content_date: TimeSpan | None = None
    date_conflict: bool = False
    date_conflict_reason: str | None = None
    dateline: Dateline | None = None


class PipelineStamp(Record):
    version: str
    config_hash: str
    stages: list[str] = Field(default_factory=list)
    # Hash of the rule data files (according/data/events/*.yaml): two reports made under
    # different rules never carry the same stamp, even with equal settings.
    rules_hash: str | None = None


class Mentions(Record):
    places: list[Place] = Field(default_factory=list)
    dates: list[TimeSpan] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)


class Report(Record):
    format: Literal["according/1"] = FORMAT
    pipeline: PipelineStamp
    document: Document
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    mentions: Mentions = Field(default_factory=Mentions)
    warnings: list[str] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        return cls.model_validate_json(data)
