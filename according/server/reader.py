"""The app's handle on the store, in a module of its own: the routes and the modules they
call (``listing``, ``documents``, ``page``) all take a Reader, and importing it from
``app.py``, which imports them, was an import cycle."""

from __future__ import annotations

import sqlalchemy as sa

import according.server.query as rq
from according.store import Store
from according.store import queries as q


class Reader:
    """The app's handle on the store: one place that knows how to borrow a connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dialect = store.dialect
        self._spans: dict[q.Kind, tuple[int, float | None]] = {}
        # An immutable store never changes: its generation is read once, not per request.
        self._fixed = store.generation() if store.access == "immutable" else None

    def rows(self, stmt: sa.Executable) -> list[sa.Row]:
        with self.store.read() as conn:
            return list(conn.execute(stmt))

    def generation(self) -> int:
        return self._fixed if self._fixed is not None else self.store.generation()

    def longest_span(self, kind: q.Kind, generation: int) -> float | None:
        """``query.longest_span``, read once per store ``generation`` (the request's): a
        scan of the table, too dear for every request, and it changes only when
        documents do."""
        known = self._spans.get(kind)
        if known is None or known[0] != generation:
            span = self.rows(rq.longest_span(kind, self.dialect))[0][0]
            known = (generation, None if span is None else float(span))
            self._spans[kind] = known
        return known[1]
