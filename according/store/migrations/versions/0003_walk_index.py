"""The API's date walk reads date_end from the index instead of every row before since.

Revision ID: 0003_walk_index
Revises: 0002_search
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision: str = "0003_walk_index"
down_revision: str | None = "0002_search"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_date_start_document_id_ordinal_date_end", "events",
        ["date_start", "document_id", "ordinal", "date_end"],
    )  # fmt: skip
    op.drop_index("ix_events_date_start_document_id_ordinal", "events")


def downgrade() -> None:
    op.create_index(
        "ix_events_date_start_document_id_ordinal", "events",
        ["date_start", "document_id", "ordinal"],
    )  # fmt: skip
    op.drop_index("ix_events_date_start_document_id_ordinal_date_end", "events")
