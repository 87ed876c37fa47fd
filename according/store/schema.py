"""The relational layout of the store, as SQLAlchemy Core tables.

The full records live in JSON columns, so the format can grow without a migration; the
plain columns exist only to filter and sort on. Filter keys (``*_key``) are casefolded in
Python because SQLite's ``lower()`` only folds ASCII, and a Persian or accented name must
match the same way on SQLite and PostgreSQL. Strings carry no length: PostgreSQL would
enforce one, and reject an id or a mode that a later pipeline makes longer.

This module describes the *current* schema (used by autogenerate and by tests that check
the migrations arrive at it). The migrations under ``migrations/versions`` are frozen
copies: never make them import from here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String, primary_key=True),  # "sha256:" + 64 hex
    sa.Column("origin", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("outlet_key", sa.Text),
    sa.Column("outlet_kind", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("language", sa.String),
    sa.Column("page_date", sa.Date),
    sa.Column("content_date_start", sa.Date),
    sa.Column("content_date_end", sa.Date),
    sa.Column("date_conflict", sa.Boolean, nullable=False, default=False),
    sa.Column("pipeline_version", sa.String),
    sa.Column("config_hash", sa.String),
    sa.Column("ingested_at", sa.DateTime, nullable=False),  # UTC, naive
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("report", sa.JSON, nullable=False),
    sa.Index(None, "outlet_key"),
    sa.Index(None, "content_date_start"),
    sa.Index(None, "page_date"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column(
        "document_id",
        sa.String,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),  # position in the report
    sa.Column("category", sa.String, nullable=False),
    sa.Column("mode", sa.String),
    sa.Column("status", sa.String, nullable=False),
    # The event's own dates, else the document's: what since/until compare against.
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("actors_text", sa.Text),  # readable, "; "-joined canonical names
    sa.Column("actors_key", sa.Text),  # casefolded names and mentions, one a line
    sa.Column("source_text", sa.Text),  # attribution chain, outermost first
    sa.Column("confidence", sa.Float),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index(None, "document_id"),
    sa.Index(None, "category"),
    sa.Index(None, "date_start"),
    sa.Index(None, "date_end"),
    # 0002/0003: the API's keyset pages walk (date_start, document_id, ordinal) in order,
    # checking date_end from the index.
    sa.Index(None, "date_start", "document_id", "ordinal", "date_end"),
    sa.Index(None, "category", "date_start"),
)

event_places = sa.Table(
    "event_places",
    metadata,
    sa.Column(
        "event_id",
        sa.String,
        sa.ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("ordinal", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.Text, nullable=False),
    sa.Column("country", sa.String),  # ISO 3166-1 alpha-2, upper case
    sa.Column("admin1", sa.Text),
    sa.Column("admin1_key", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.Integer),
    sa.Index(None, "name_key"),
    sa.Index(None, "country"),
    sa.Index(None, "admin1_key"),
    sa.Index(None, "country", "event_id"),  # 0002
    sa.Index(None, "lat", "lon", "event_id"),  # 0005: bounding boxes
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column(
        "document_id",
        sa.String,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_key", sa.Text),  # casefolded name, mention and affiliation
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index(None, "document_id"),
    sa.Index(None, "date_start"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column(
        "document_id",
        sa.String,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.Text),
    sa.Column("claimant", sa.Text),  # innermost hop: who asserts the number
    sa.Column("source_key", sa.Text),  # casefolded hop names, one a line
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Index(None, "document_id"),
    sa.Index(None, "date_start"),
)

ledger = sa.Table(
    "ledger",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),  # input path, URL or archive member
    sa.Column("status", sa.String, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("documents", sa.Integer, nullable=False, default=0),
    sa.Column("finished_at", sa.DateTime, nullable=False),  # UTC, naive
    sa.Index(None, "status"),
)

# One row, ("generation", n): moved by triggers on documents (migration 0004), read by
# the HTTP API to know when its finished responses are out of date.
store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

TABLES: tuple[sa.Table, ...] = (documents, events, event_places, quotes, claims, ledger)
