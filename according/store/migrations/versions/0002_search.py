"""Indexes for the HTTP API's pages and filters, and full-text search over documents.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-25

Full text is each database's own: on SQLite an FTS5 table over documents' title and
text, kept in step by triggers (external content, so the text is stored once); on
PostgreSQL a GIN index on the very expression the API searches with.
"""

from __future__ import annotations

from alembic import op

revision: str = "0002_search"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None

PG_VECTOR = "to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    op.create_index(
        "ix_events_date_start_document_id_ordinal", "events",
        ["date_start", "document_id", "ordinal"],
    )  # fmt: skip
    op.create_index("ix_events_category_date_start", "events", ["category", "date_start"])
    op.create_index("ix_event_places_country_event_id", "event_places", ["country", "event_id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='rowid')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) "
            "VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) "
            "VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_documents_fts ON documents USING gin ({PG_VECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
    op.drop_index("ix_event_places_country_event_id", "event_places")
    op.drop_index("ix_events_category_date_start", "events")
    op.drop_index("ix_events_date_start_document_id_ordinal", "events")
