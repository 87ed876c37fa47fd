"""Alembic environment: run by ``Store`` on open, and by the ``alembic`` CLI for authors.

``Store`` hands over its own open connection (``config.attributes["connection"]``), so
the migration runs inside the caller's write lock and with its SQLite pragmas. The CLI
path builds an engine from ``sqlalchemy.url`` instead. SQLite cannot ALTER most things,
so batch mode is on: later migrations can use ``op.batch_alter_table`` on both backends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from according.store.schema import metadata

config = context.config


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


def run_offline() -> None:
    """Emit the SQL as text, for a DBA who applies schema changes by hand."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
