"""Exports: every format parsed back, ACLED columns exact, coordinates in the right order."""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from according.analysis.clusters import cluster_events
from according.errors import UsageError
from according.events import acled_actors
from according.exports import (
    ACLED_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    EVENT_TABLE_COLUMNS,
    FORMATS,
    QUOTE_COLUMNS,
    country_name,
    write_records,
)
from according.exports.acled import event_rows, interaction_text
from according.exports.clusters import write_clusters
from according.exports.tables import PIPED_WIDTH, table_width
from according.readers import read_input
from according.records import AcledType, Entity, Event, Place, Span
from according.store import Store
from tests.conftest import SAMPLES
from tests.test_store import E1, E2, E3, E4, IRAN, IRAQ

# Pinned here, not imported: ACLED's current columns, in its order and spelling (the 31
# columns of its API, as acledR's tests list them), then ours.
ACLED_NAMES = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
NOTE = "Protesters blocked roads in Tehran and Shiraz"
OUR_NAMES = [
    "plover_category", "plover_mode", "status", "document_id", "origin", "evidence",
    "event_id", "inter1_code", "inter2_code", "interaction_code",
]  # fmt: skip


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


def export_with(events, fmt: str, **options) -> str:
    buffer = io.StringIO()
    write_records(events, "events", fmt, buffer, **options)
    return buffer.getvalue()


def pick(row: dict[str, str], *columns: str) -> tuple[str, ...]:
    return tuple(row[column] for column in columns)


def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["event_id_cnty"]: row for row in rows}


def test_acled_has_acleds_columns_and_one_row_per_event_and_place(events):
    reader = csv.DictReader(io.StringIO(export(events, "events", "acled")))
    assert reader.fieldnames == ACLED_NAMES + OUR_NAMES
    rows = by_id(list(reader))
    assert sorted(rows) == sorted(
        [f"{E1}-1", f"{E1}-2", f"{E2}-1", f"{E2}-2", f"{E2}-3", E3, E4]
    )  # 2 + 3 places, 1 place, and a place without coordinates

    tehran = rows[f"{E1}-1"]
    assert pick(tehran, "location", "admin1", "country") == ("Tehran", "Tehran", "Iran")
    assert pick(tehran, "iso", "region") == ("364", "Middle East")  # ISO 3166 numeric of Iran
    assert pick(tehran, "admin2", "admin3") == ("", "")
    assert pick(tehran, "latitude", "longitude") == ("35.69439", "51.42151")
    assert pick(tehran, "event_date", "year", "time_precision") == ("2019-11-16", "2019", "1")
    assert pick(tehran, "event_type", "sub_event_type") == ("Protests", "Peaceful protest")
    assert tehran["disorder_type"] == "Demonstrations"
    assert pick(tehran, "plover_category", "plover_mode") == ("PROTEST", "demo")
    # Protesters alone: ACLED's type 6, and a one-sided interaction.
    assert pick(tehran, "inter1", "inter2", "interaction") == ("Protesters", "", "Protesters only")
    assert pick(tehran, "inter1_code", "inter2_code", "interaction_code") == ("6", "0", "60")
    assert pick(tehran, "status", "source") == ("reported", "Fars News Agency")
    assert tehran["source_scale"] == "National"  # Fars is an Iranian agency (outlets.csv)
    assert tehran["notes"] == NOTE
    assert tehran["document_id"] == IRAN.document.id and tehran["event_id"] == E1
    assert tehran["origin"] == IRAN.document.origin
    start = IRAN.document.text.index(NOTE)
    assert tehran["evidence"] == f"{start}-{start + len(NOTE)}"
    assert int(tehran["timestamp"]) > 1_700_000_000  # when it was stored

    mashhad = rows[f"{E2}-2"]
    assert pick(mashhad, "location", "admin1") == ("Mashhad", "Razavi Khorasan")
    assert mashhad["time_precision"] == "2"  # 17-19 November
    assert mashhad["disorder_type"] == "Strategic developments"
    assert mashhad["actor1"] == "Law Enforcement Force of the Islamic Republic of Iran"
    # Police arresting protesters: state forces (1) against protesters (6), lower first.
    assert pick(mashhad, "inter1", "actor2") == ("State forces", "protesters")
    assert mashhad["inter2"] == "Protesters"
    assert pick(mashhad, "interaction", "interaction_code") == ("State forces-Protesters", "16")
    assert mashhad["civilian_targeting"] == ""
    assert mashhad["tags"] == "arrested=about 1,000 people"

    baghdad = rows[E3]
    assert pick(baghdad, "country", "iso", "fatalities") == ("Iraq", "368", "3")
    assert baghdad["disorder_type"] == "Political violence"
    assert baghdad["civilian_targeting"] == ""  # the victims are protesters, not civilians
    assert baghdad["source"] == "Radio Farda"

    rally = rows[E4]  # undated: the report's date, coarsely; a town without coordinates
    assert pick(rally, "event_date", "time_precision") == ("2019-12-02", "3")
    assert pick(rally, "location", "country") == ("Nasiriyah", "Iraq")
    assert pick(rally, "latitude", "longitude", "geo_precision") == ("", "", "")


def test_an_export_loads_with_acleds_columns(events, tmp_path):
    """What a researcher does first: load the file with a CSV reader (pandas is not a
    dependency; pyarrow's reader types the columns as pandas would) and compare."""
    path = tmp_path / "events.csv"
    write_records(events, "events", "acled", path)
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header[: len(ACLED_NAMES)] == ACLED_NAMES
    assert header[len(ACLED_NAMES) :] == OUR_NAMES
    table = pa_csv.read_csv(path)
    assert table.column_names[: len(ACLED_NAMES)] == ACLED_NAMES
    assert table.num_rows == 7
    assert pa.types.is_floating(table.schema.field("latitude").type)
    assert pa.types.is_integer(table.schema.field("iso").type)
    assert sum(table.column("fatalities").to_pylist()) == 3


def test_a_row_without_a_location_says_so_and_require_place_leaves_it_out(events):
    shooting = next(e for e in events if e.id == E3)
    nowhere = shooting.model_copy(update={"places": []})
    (row,) = event_rows(nowhere)
    assert row["event_id_cnty"] == E3 and row["fatalities"] == 3
    assert [row[c] for c in ("location", "country", "latitude", "longitude", "geo_precision")] == [
        "", "", None, None, None,
    ]  # fmt: skip
    assert event_rows(nowhere, require_place=True) == []

    rows = list(csv.DictReader(io.StringIO(export_with(events, "acled", require_place=True))))
    assert sorted(r["event_id_cnty"] for r in rows) == sorted(
        [f"{E1}-1", f"{E1}-2", f"{E2}-1", f"{E2}-2", f"{E2}-3", E3]
    )  # the Nasiriyah rally has no coordinates
    assert all(r["latitude"] and r["geo_precision"] for r in rows)
    flat = list(csv.DictReader(io.StringIO(export_with(events, "csv", require_place=True))))
    assert [r["id"] for r in flat] == [E1, E2, E3]
    assert json.loads(export_with(events, "jsonl", require_place=True).splitlines()[-1])["id"] == E3


def test_fatalities_are_not_multiplied_by_places(events):
    shooting = next(e for e in events if e.id == E3)
    two_towns = shooting.model_copy(update={"places": shooting.places * 2})
    assert [row["fatalities"] for row in event_rows(two_towns)] == [3, 0]
    unpinned = shooting.places[0].model_copy(update={"lat": None, "lon": None})
    first_unpinned = shooting.model_copy(update={"places": [unpinned, *shooting.places]})
    kept = event_rows(first_unpinned, require_place=True)
    assert [(r["event_id_cnty"], r["fatalities"]) for r in kept] == [(f"{E3}-2", 3)]


def _event(event_type: str, sub_type: str, actors: list[Entity], targets: list[Entity],
           place: dict) -> Event:  # fmt: skip
    text = "x"
    return Event(
        id="ev:test:1", category="ASSAULT",
        acled=AcledType(event_type=event_type, sub_event_type=sub_type),
        actors=actors, targets=targets,
        places=[Place(text=place["name"], feature="city", **place)],
        evidence=[Span.of(text, 0, 1)],
    )  # fmt: skip


def test_inter_codes_follow_the_actor_type():
    """ACLED's codebook: civilians are 7 and their being the target is civilian
    targeting; a state's forces abroad are external (8); what the events stage coded
    (``inter``, ``acled_name``) is taken as it is."""
    soldiers = Entity(text="Turkish soldiers", name="Military Forces of Turkey", kind="state")
    villagers = Entity(text="villagers", name="villagers", kind="group")
    in_syria = {"name": "Afrin", "country": "SY", "admin1": "Aleppo", "lat": 36.5, "lon": 36.9}
    (row,) = event_rows(
        _event("Violence against civilians", "Attack", [soldiers], [villagers], in_syria)
    )
    assert pick(row, "inter1", "inter2") == ("External/Other forces", "Civilians")
    assert pick(row, "interaction", "interaction_code") == ("External/Other forces-Civilians", 78)
    assert pick(row, "civilian_targeting", "disorder_type", "region") == (
        "Civilian targeting", "Political violence", "Middle East",
    )  # fmt: skip

    in_turkey = {**in_syria, "name": "Ankara", "country": "TR"}
    (home,) = event_rows(
        _event("Violence against civilians", "Attack", [soldiers], [villagers], in_turkey)
    )
    assert pick(home, "inter1", "interaction") == ("State forces", "State forces-Civilians")

    coded = Entity(text="crowd", name="crowd", kind="group", acled_name="Protesters (Kenya)",
                   inter=6)  # fmt: skip
    police = Entity(text="police", name="police", kind="state", acled_name="Police Forces of Kenya",
                    inter=1)  # fmt: skip
    nairobi = {"name": "Nairobi", "country": "KE", "lat": -1.28, "lon": 36.82}
    (protest,) = event_rows(
        _event("Protests", "Protest with intervention", [coded], [police], nairobi)
    )
    assert pick(protest, "actor1", "actor2") == ("Protesters (Kenya)", "Police Forces of Kenya")
    assert pick(protest, "interaction", "disorder_type") == (
        "State forces-Protesters", "Demonstrations",
    )  # fmt: skip
    assert protest["civilian_targeting"] == ""
    (force,) = event_rows(
        _event("Protests", "Excessive force against protesters", [coded], [police], nairobi)
    )
    assert force["disorder_type"] == "Political violence; Demonstrations"


@pytest.mark.parametrize(
    ("inter1", "inter2", "code", "text"),
    [
        (6, 1, 16, "State forces-Protesters"),  # either way round: smaller type first
        (1, 6, 16, "State forces-Protesters"),
        (2, 0, 20, "Rebel group only"),  # one-sided: the second digit is 0
        (0, 7, 70, "Civilians only"),
        (3, 3, 33, "Political militia-Political militia"),
        (8, 7, 78, "External/Other forces-Civilians"),  # ACLED names civilians last
        (0, 0, 0, ""),
    ],
)
def test_interaction_is_derived_from_both_inter_codes(inter1, inter2, code, text):
    """ACLED's codebook: the two types as one number, the smaller first; its current
    files write the types' names joined by a hyphen, or "X only"."""
    assert acled_actors.interaction(inter1, inter2) == code
    assert interaction_text(code) == text


def test_acled_rows_of_a_report_read_from_a_sample(pipeline):
    """A real report: police firing tear gas at protesters in Nairobi is ACLED's protest
    with intervention, protesters as actor 1 and the police as actor 2."""
    (source,) = read_input(SAMPLES / "03-nairobi-finance-bill.txt")
    report = pipeline(source)
    rows = [row for event in report.events for row in event_rows(event)]
    nairobi = next(r for r in rows if r["location"] == "Nairobi")
    assert nairobi["sub_event_type"] == "Protest with intervention"
    assert nairobi["actor1"].startswith("Protesters") and nairobi["actor2"].startswith("Police")
    assert pick(nairobi, "inter1", "inter2", "interaction") == (
        "Protesters", "State forces", "State forces-Protesters",
    )  # fmt: skip
    assert pick(nairobi, "country", "iso", "region") == ("Kenya", 404, "Eastern Africa")
    for row in rows:
        assert (row["latitude"] is None) == (row["geo_precision"] is None)


def test_csv_for_events_is_our_flat_table(events):
    reader = csv.DictReader(io.StringIO(export(events, "events", "csv")))
    assert reader.fieldnames == list(EVENT_TABLE_COLUMNS)
    assert "event_id_cnty" not in reader.fieldnames  # no longer a copy of the ACLED export
    rows = {row["id"]: row for row in reader}
    assert list(rows) == [E1, E2, E3, E4]  # one row per event, not per place
    arrests = rows[E2]
    assert pick(arrests, "when_start", "when_end", "when_precision") == (
        "2019-11-17", "2019-11-19", "day",
    )  # fmt: skip
    assert pick(arrests, "category", "mode") == ("COERCE", "arrest")
    assert arrests["places"] == "Tehran; Mashhad; Isfahan"
    assert arrests["places_country"] == "IR; IR; IR"
    assert arrests["places_admin1"] == "Tehran; Razavi Khorasan; Isfahan"
    assert len(arrests["places_lat"].split("; ")) == 3
    assert arrests["actors"] == "Law Enforcement Force of the Islamic Republic of Iran"
    assert arrests["source"] == "Fars News Agency > Hossein Ashtari"
    assert arrests["counts"] == "arrested=1000 (about 1,000 people)"
    assert pick(rows[E3], "fatalities", "outlet") == ("3", "Radio Farda")
    rally = rows[E4]
    assert pick(rally, "when_start", "document_date") == ("", "2019-12-02")
    assert pick(rally, "places", "places_lat") == ("Nasiriyah", "")
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
    assert tehran["properties"]["inter1"] == "Protesters"
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
    assert table.schema.field("iso").type == pa.int64()
    assert table.column("interaction").to_pylist()[0] == "Protesters only"
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


def widest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_piped_tables_follow_columns(events, monkeypatch):
    """Piped output has no terminal to ask: $COLUMNS says how wide, for events tables
    (formats.py) and cluster tables (clusters.py) alike."""
    lines = {}
    for columns in (60, 100, 240):
        monkeypatch.setenv("COLUMNS", str(columns))
        clusters = io.StringIO()
        write_clusters(cluster_events(events), "table", clusters)
        out = export(events, "events", "table")
        assert widest_line(out) <= columns and widest_line(clusters.getvalue()) <= columns
        lines[columns] = len(out.splitlines())
    assert lines[60] > lines[100] > lines[240]  # narrower wraps more


def test_piped_tables_without_columns_are_160_wide(events, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    out = export(events, "events", "table")
    assert 80 < widest_line(out) <= PIPED_WIDTH == 160
    stream = io.StringIO()
    assert table_width(stream, {"COLUMNS": "abc"}) == PIPED_WIDTH  # not a number: ignored
    assert table_width(stream, {"COLUMNS": "0"}) == PIPED_WIDTH


def test_a_terminal_table_takes_the_terminals_width():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert table_width(Tty(), {"COLUMNS": "90"}) is None  # rich asks the terminal


def test_files_are_written_whole(events, tmp_path):
    path = tmp_path / "out.csv"
    assert write_records(events, "events", "acled", path) == 7  # rows: one per place
    assert path.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,")
    assert write_records(events, "events", "csv", path) == 4  # rows: one per event
    assert path.read_text(encoding="utf-8").startswith("id,when_start,")
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


def test_require_place_is_for_events_only(store):
    with pytest.raises(UsageError, match="--require-place applies to events"):
        write_records(store.quotes(), "quotes", "csv", io.StringIO(), require_place=True)


def test_records_of_the_wrong_kind_are_refused(store):
    with pytest.raises(UsageError, match="expected events"):
        export(store.quotes(), "events", "csv")


def test_all_formats_accept_records_not_from_the_store():
    """A fresh pipeline result has no document_id extras; exports must not need them."""
    for fmt in FORMATS:
        if fmt != "parquet":
            assert export(IRAN.events, "events", fmt)


def test_country_names_are_acleds():
    assert country_name("IR") == "Iran" and country_name("iq") == "Iraq"
    assert country_name("CD") == "Democratic Republic of Congo"  # ACLED's spelling
    assert country_name("XX") == "XX" and country_name(None) == ""
