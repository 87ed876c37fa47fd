"""Exports: every format parsed back, ACLED columns exact, coordinates in the right order."""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from according.errors import UsageError
from according.exports import (
    ACLED_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    FORMATS,
    QUOTE_COLUMNS,
    country_name,
    write_records,
)
from according.exports.acled import event_rows
from according.store import Store
from tests.test_store import E1, E2, E3, E4, IRAN, IRAQ

# Pinned here, not imported: the test is the contract in shared/design/records.md.
ACLED_NAMES = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
NOTE = "Protesters blocked roads in Tehran and Shiraz"
OUR_NAMES = ["plover_category", "plover_mode", "status", "document_id", "origin", "evidence"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("exports") / "x.db") as s:
        s.save_reports([IRAN, IRAQ])
        yield s


@pytest.fixture
def events(store):
    return list(store.events())


def export(records, kind: str, fmt: str) -> str:
    buffer = io.StringIO()
    write_records(records, kind, fmt, buffer)
    return buffer.getvalue()


def pick(row: dict[str, str], *columns: str) -> tuple[str, ...]:
    return tuple(row[column] for column in columns)


def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["event_id_cnty"]: row for row in rows}


@pytest.mark.parametrize("fmt", ["acled", "csv"])
def test_acled_has_acleds_columns_and_one_row_per_event_and_place(events, fmt):
    reader = csv.DictReader(io.StringIO(export(events, "events", fmt)))
    assert reader.fieldnames == ACLED_NAMES + OUR_NAMES
    rows = by_id(list(reader))
    assert sorted(rows) == sorted(
        [f"{E1}-1", f"{E1}-2", f"{E2}-1", f"{E2}-2", f"{E2}-3", E3, E4]
    )  # 2 + 3 places, 1 place, and a place without coordinates

    tehran = rows[f"{E1}-1"]
    assert pick(tehran, "location", "admin1", "country") == ("Tehran", "Tehran", "Iran")
    assert pick(tehran, "latitude", "longitude") == ("35.69439", "51.42151")
    assert pick(tehran, "event_date", "year", "time_precision") == ("2019-11-16", "2019", "1")
    assert pick(tehran, "event_type", "sub_event_type") == ("Protests", "Peaceful protest")
    assert pick(tehran, "plover_category", "plover_mode") == ("PROTEST", "demo")
    assert pick(tehran, "status", "inter1", "source") == ("reported", "6", "Fars News Agency")
    assert tehran["notes"] == NOTE
    assert tehran["document_id"] == IRAN.document.id
    assert tehran["origin"] == IRAN.document.origin
    start = IRAN.document.text.index(NOTE)
    assert tehran["evidence"] == f"{start}-{start + len(NOTE)}"
    assert int(tehran["timestamp"]) > 1_700_000_000  # when it was stored

    mashhad = rows[f"{E2}-2"]
    assert pick(mashhad, "location", "admin1") == ("Mashhad", "Razavi Khorasan")
    assert mashhad["time_precision"] == "2"  # 17-19 November
    assert mashhad["actor1"] == "Law Enforcement Force of the Islamic Republic of Iran"
    assert pick(mashhad, "inter1", "actor2") == ("1", "protesters")
    assert mashhad["tags"] == "arrested=about 1,000 people"

    baghdad = rows[E3]
    assert pick(baghdad, "country", "fatalities", "geo_precision") == ("Iraq", "3", "1")
    assert baghdad["source"] == "Radio Farda"

    rally = rows[E4]  # undated: the report's date, coarsely
    assert pick(rally, "event_date", "time_precision") == ("2019-12-02", "3")
    assert pick(rally, "latitude", "longitude", "geo_precision") == ("", "", "2")


def test_fatalities_are_not_multiplied_by_places(events):
    shooting = next(e for e in events if e.id == E3)
    two_towns = shooting.model_copy(update={"places": shooting.places * 2})
    assert [row["fatalities"] for row in event_rows(two_towns)] == [3, 0]


def test_csv_for_events_is_the_acled_export(events):
    assert export(events, "events", "csv") == export(events, "events", "acled")
    assert list(EVENT_COLUMNS) == ACLED_NAMES + OUR_NAMES and list(ACLED_COLUMNS) == ACLED_NAMES


def test_quotes_and_claims_csv(store):
    (quote,) = csv.DictReader(io.StringIO(export(store.quotes(), "quotes", "csv")))
    assert list(quote) == list(QUOTE_COLUMNS)
    assert quote["speaker"] == "Hossein Ashtari" and quote["direct"] == "True"
    assert quote["text"] == "Those who set fire to banks will be dealt with firmly"
    assert quote["date"] == "2019-11-20" and quote["outlet"] == "Fars News Agency"
    assert quote["source"] == "Fars News Agency > Hossein Ashtari"
    claims = list(csv.DictReader(io.StringIO(export(store.claims(), "claims", "csv"))))
    assert list(claims[0]) == list(CLAIM_COLUMNS)
    assert [(c["value"], c["bound"], c["claimant"]) for c in claims] == [
        ("100", "lower", "Amnesty International"),
        ("3", "exact", "medics"),
    ]


def test_geojson_points_are_lon_lat(events):
    data = json.loads(export(events, "events", "geojson"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    features = data["features"]
    assert len(features) == 6  # the Nasiriyah rally has no coordinates
    assert {f["geometry"]["type"] for f in features} == {"Point"}
    tehran = next(f for f in features if f["id"] == f"{E1}-1")
    assert tehran["geometry"]["coordinates"] == [51.42151, 35.69439]
    assert tehran["properties"]["location"] == "Tehran"
    assert tehran["properties"]["event_id"] == E1
    assert "latitude" not in tehran["properties"]


def test_json_and_jsonl_carry_whole_records_and_their_document(events):
    array = json.loads(export(events, "events", "json"))
    assert [e["id"] for e in array] == [E1, E2, E3, E4]
    assert array[0]["document_id"] == IRAN.document.id
    assert array[1]["places"][2]["name"] == "Isfahan"
    lines = export(events, "events", "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [E1, E2, E3, E4]
    assert json.loads(export([], "events", "json")) == []
    assert json.loads(export([], "events", "geojson"))["features"] == []


def test_parquet_rows_like_csv(events, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_records(events, "events", "parquet", path) == 7
    table = pq.read_table(path)
    assert table.num_rows == 7
    assert table.column_names == ACLED_NAMES + OUR_NAMES
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("fatalities").type == pa.int64()
    assert sorted(table.column("location").to_pylist()) == sorted(
        ["Tehran", "Shiraz", "Tehran", "Mashhad", "Isfahan", "Baghdad", "Nasiriyah"]
    )
    assert not list(tmp_path.glob("*.part"))


def test_parquet_to_a_binary_stream_and_for_quotes(store):
    buffer = io.BytesIO()
    assert write_records(store.quotes(), "quotes", "parquet", buffer) == 1
    table = pq.read_table(pa.BufferReader(buffer.getvalue()))
    assert table.column("speaker").to_pylist() == ["Hossein Ashtari"]
    assert table.schema.field("direct").type == pa.bool_()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_parquet_refuses_a_terminal(events):
    with pytest.raises(UsageError, match="parquet"):
        write_records(events, "events", "parquet", Terminal())


def test_table_shows_categories_and_keeps_brackets_literal(events):
    out = export(events, "events", "table")
    assert "PROTEST" in out and "COERCE" in out and "Tehran" in out
    odd = events[0].model_copy(update={"mode": "[red]demo[/red]"})
    assert "[red]demo[/red]" in export([odd], "events", "table")
    assert "Hossein Ashtari" in export(iter(IRAN.quotes), "quotes", "table")


def test_files_are_written_whole(events, tmp_path):
    path = tmp_path / "out.csv"
    assert write_records(events, "events", "csv", path) == 7
    assert path.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")
    assert not list(tmp_path.glob("*.part"))


def test_a_binary_stream_gets_utf8(events):
    buffer = io.BytesIO()
    write_records(events, "events", "jsonl", buffer)
    assert "Émigré students" in buffer.getvalue().decode("utf-8")
    assert not buffer.closed


@pytest.mark.parametrize(
    ("kind", "fmt", "message"),
    [
        ("events", "xlsx", "table, json, jsonl, csv, acled, geojson, parquet"),
        ("quotes", "acled", "events only"),
        ("claims", "geojson", "events only"),
        ("people", "json", "unknown record kind"),
    ],
)
def test_bad_requests_are_usage_errors(events, kind, fmt, message):
    with pytest.raises(UsageError, match=message):
        write_records(events, kind, fmt, io.StringIO())


def test_records_of_the_wrong_kind_are_refused(store):
    with pytest.raises(UsageError, match="expected events"):
        export(store.quotes(), "events", "csv")


def test_all_formats_accept_records_not_from_the_store():
    """A fresh pipeline result has no document_id extras; exports must not need them."""
    for fmt in FORMATS:
        if fmt != "parquet":
            assert export(IRAN.events, "events", fmt)


def test_country_names():
    assert country_name("IR") == "Iran" and country_name("iq") == "Iraq"
    assert country_name("XX") == "XX" and country_name(None) == ""
