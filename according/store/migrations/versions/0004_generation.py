"""A generation number that changes whenever documents (and so records) change.

Revision ID: 0004_generation
Revises: 0003_walk_index
Create Date: 2026-12-01

The HTTP API keeps finished responses for as long as the store holds the same data;
one small row it can read per request tells it when that stops being true. Triggers on
``documents`` keep it, so every writer moves it (ours, a migration, someone's own SQL),
and the new value becomes visible at the same commit as the rows that changed it: a
reader never pairs a new generation with old data. Records only ever change with their
document (inserted in the same transaction, deleted by cascade), so ``documents`` is the
one table to watch.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_generation"
down_revision: str | None = "0003_walk_index"
branch_labels: str | None = None
depends_on: str | None = None

BUMP = "UPDATE store_state SET value = value + 1 WHERE name = 'generation'"


def upgrade() -> None:
    state = op.create_table(
        "store_state",
        sa.Column("name", sa.String, nullable=False),
        sa.Column("value", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_store_state"),
    )
    op.bulk_insert(state, [{"name": "generation", "value": 0}])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER documents_generation_{action.lower()} AFTER {action} "
                f"ON documents BEGIN {BUMP}; END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION according_bump_generation() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER documents_generation AFTER INSERT OR UPDATE OR DELETE "
            "ON documents FOR EACH STATEMENT EXECUTE FUNCTION according_bump_generation()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_generation_{action}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS documents_generation ON documents")
        op.execute("DROP FUNCTION IF EXISTS according_bump_generation()")
    op.drop_table("store_state")
