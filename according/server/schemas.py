"""The API's response shapes, as pydantic models, for the OpenAPI document.

Why models that the routes do not return: a listing sends each record as stored (see
``listing.record_dict``), not through pydantic, which would cost ~0.1 ms a record for
no change. These models say what that JSON is, so ``/openapi.json`` and ``/docs`` show
real schemas rather than ``{}``; ``tests/test_server.py`` validates real responses
against them, so the two cannot drift apart. Error responses are problem+json
(``Problem``) with status 400 for a bad parameter, never FastAPI's 422.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from according.records.model import Claim, Event, Quote


class Listed(BaseModel):
    """What every listed record carries besides its own fields: its document's."""

    document_id: str = Field(description="The document the record was read from.")
    origin: str | None = Field(None, description="Its URL or file name.")
    outlet: str | None = Field(None, description="Its outlet, where known.")
    document_date: str | None = Field(None, description="Its content date, else page date.")
    ingested_at: str = Field(description="When it was stored (UTC).")


class EventItem(Event, Listed):
    """An event (record format v1) with its document's fields."""


class QuoteItem(Quote, Listed):
    """A quote (record format v1) with its document's fields."""

    id: str  # the store lends one to a quote stored without


class ClaimItem(Claim, Listed):
    """A claim (record format v1) with its document's fields."""

    id: str


class Page(BaseModel):
    count: int = Field(description="Records on this page.")
    total: int = Field(description="Records matching the filters, on all pages.")
    next: str | None = Field(
        None, description="Cursor of the next page; null on the last (or an empty) page."
    )


class EventPage(Page):
    items: list[EventItem]


class QuotePage(Page):
    items: list[QuoteItem]


class ClaimPage(Page):
    items: list[ClaimItem]


class Feature(BaseModel):
    type: str = "Feature"
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class EventFeatures(BaseModel):
    """``format=geojson``: one feature per event and located place."""

    type: str = "FeatureCollection"
    features: list[Feature]
    count: int = Field(description="Events on this page.")
    total: int = Field(description="Events matching the filters, on all pages.")
    next: str | None = None


class Timeline(BaseModel):
    interval: str = Field(description="day or week")
    buckets: list[str] = Field(description="The days (or weeks' Mondays), oldest first.")
    series: dict[str, list[int]] = Field(description="Per category, a count per bucket.")


class OutletCount(BaseModel):
    name: str
    documents: int


class Outlets(BaseModel):
    items: list[OutletCount]


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class DocumentEvent(BaseModel):
    id: str
    category: str
    status: str
    evidence: list[SpanOut | None]


class DocumentQuote(BaseModel):
    id: str
    speaker: str | None
    span: SpanOut | None


class DocumentClaim(BaseModel):
    id: str
    text: str
    span: SpanOut | None


class DocumentBody(BaseModel):
    id: str
    origin: str | None
    outlet: str | None
    title: str | None
    language: str
    page_date: str | None
    text: str
    events: list[DocumentEvent]
    quotes: list[DocumentQuote]
    claims: list[DocumentClaim]


class StoredDocument(BaseModel):
    id: str
    new: bool
    events: int
    quotes: int
    claims: int


class Stored(BaseModel):
    documents: list[StoredDocument]


class ProblemBody(BaseModel):
    """RFC 9457 problem details, as every error is sent."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None


def problem(description: str) -> dict[str, Any]:
    """An OpenAPI response entry for an error sent as problem+json."""
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ProblemBody.model_json_schema()}},
    }


def ok(model: type[BaseModel], media_type: str = "application/json") -> dict[str, Any]:
    """An OpenAPI 200 entry for ``model`` sent as ``media_type``."""
    return {"model": model, "content": {media_type: {}}}


BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: problem("A bad query parameter: `detail` names it and says why.")
}

__all__ = [
    "BAD_REQUEST",
    "ClaimPage",
    "DocumentBody",
    "EventFeatures",
    "EventPage",
    "Outlets",
    "QuotePage",
    "Stored",
    "Timeline",
    "ok",
    "problem",
]
