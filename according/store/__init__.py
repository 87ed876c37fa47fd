"""Where reports are kept: a SQL database (SQLite by default) queried by filters.

``Store`` is the entry point; ``alembic_config`` is for whoever writes the next migration.
The schema and the migrations themselves are implementation.
"""

from according.store.store import DEFAULT_URL, LEDGER_STATUSES, Store, alembic_config, to_url

__all__ = ["DEFAULT_URL", "LEDGER_STATUSES", "Store", "alembic_config", "to_url"]
