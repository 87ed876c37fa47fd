"""Exports of stored records: table, json, jsonl, csv, acled, geojson, parquet."""

from according.exports.acled import ACLED_COLUMNS, EVENT_COLUMNS, OWN_COLUMNS, country_name
from according.exports.formats import (
    CLAIM_COLUMNS,
    EVENT_TABLE_COLUMNS,
    FORMATS,
    QUOTE_COLUMNS,
    check_request,
    write_records,
)

__all__ = [
    "ACLED_COLUMNS",
    "CLAIM_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_TABLE_COLUMNS",
    "FORMATS",
    "OWN_COLUMNS",
    "QUOTE_COLUMNS",
    "check_request",
    "country_name",
    "write_records",
]
