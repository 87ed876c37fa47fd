"""An index that answers a bounding box from event_places without reading every row.

Revision ID: 0005_place_box_index
Revises: 0004_generation
Create Date: 2026-12-01

``/api/events?bbox=...`` (the map page's view) tested every place's lat and lon: a scan
of the table, 10 ms at 100,000 places, and the API could not tell a box with a handful
of events from one with thousands before choosing how to read the page. With
(lat, lon, event_id) the box is a range on lat with lon checked in the index, and the
event ids come from the index too.
"""

from __future__ import annotations

from alembic import op

revision: str = "0005_place_box_index"
down_revision: str | None = "0004_generation"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_event_places_lat_lon_event_id", "event_places", ["lat", "lon", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_places_lat_lon_event_id", "event_places")
