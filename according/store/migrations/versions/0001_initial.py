"""Initial schema: documents, events and their places, quotes, claims, the ingest ledger.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-25

Frozen: describe the tables as they are at this revision, never import the live schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _owned_by_document(name: str, *columns: sa.Column) -> None:
    """Events, quotes and claims share the id / document / ordinal / record frame."""
    op.create_table(
        name,
        sa.Column("id", sa.String, nullable=False),
        sa.Column("document_id", sa.String, nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        *columns,
        sa.Column("record", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=f"fk_{name}_document_id_documents",
            ondelete="CASCADE",
        ),
    )
    op.create_index(f"ix_{name}_document_id", name, ["document_id"])
    op.create_index(f"ix_{name}_date_start", name, ["date_start"])


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("outlet_key", sa.Text),
        sa.Column("outlet_kind", sa.String),
        sa.Column("title", sa.Text),
        sa.Column("language", sa.String),
        sa.Column("page_date", sa.Date),
        sa.Column("content_date_start", sa.Date),
        sa.Column("content_date_end", sa.Date),
        sa.Column("date_conflict", sa.Boolean, nullable=False),
        sa.Column("pipeline_version", sa.String),
        sa.Column("config_hash", sa.String),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_outlet_key", "documents", ["outlet_key"])
    op.create_index("ix_documents_content_date_start", "documents", ["content_date_start"])
    op.create_index("ix_documents_page_date", "documents", ["page_date"])

    _owned_by_document(
        "events",
        sa.Column("category", sa.String, nullable=False),
        sa.Column("mode", sa.String),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("actors_text", sa.Text),
        sa.Column("actors_key", sa.Text),
        sa.Column("source_text", sa.Text),
        sa.Column("confidence", sa.Float),
    )
    op.create_index("ix_events_category", "events", ["category"])
    op.create_index("ix_events_date_end", "events", ["date_end"])

    op.create_table(
        "event_places",
        sa.Column("event_id", sa.String, nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("country", sa.String),
        sa.Column("admin1", sa.Text),
        sa.Column("admin1_key", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonames_id", sa.Integer),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name="pk_event_places"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name="fk_event_places_event_id_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_event_places_name_key", "event_places", ["name_key"])
    op.create_index("ix_event_places_country", "event_places", ["country"])
    op.create_index("ix_event_places_admin1_key", "event_places", ["admin1_key"])

    _owned_by_document(
        "quotes",
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_key", sa.Text),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
    )
    _owned_by_document(
        "claims",
        sa.Column("value", sa.Float),
        sa.Column("unit", sa.Text),
        sa.Column("claimant", sa.Text),
        sa.Column("source_key", sa.Text),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
    )

    op.create_table(
        "ledger",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_ledger"),
    )
    op.create_index("ix_ledger_status", "ledger", ["status"])


def downgrade() -> None:
    for table in ("ledger", "claims", "quotes", "event_places", "events", "documents"):
        op.drop_table(table)
