"""Writing events, quotes and claims out of the store, in the formats users ask for.

Records are streamed: nothing but the terminal table holds a whole export in memory, so
``according export`` of a large store runs in constant space. Files are written to a
``.part`` sibling and renamed at the end, so a failed export never leaves a truncated
file that looks complete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, TypeGuard, TypeVar, cast

from rich.table import Table
from rich.text import Text

import according.exports.acled as acled
from according.errors import UsageError
from according.exports.tables import table_console
from according.records.model import THIS_REPORT, Claim, Event, Hop, Quote

Kind = Literal["events", "quotes", "claims"]
Out = str | os.PathLike[str] | IO[str] | IO[bytes] | None

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "acled", "geojson", "parquet")
_EVENTS_ONLY = frozenset({"acled", "geojson"})
_MODELS: dict[str, type[Event | Quote | Claim]] = {
    "events": Event,
    "quotes": Quote,
    "claims": Claim,
}
_PARQUET_BATCH = 10_000

# Our own flat table of events (``--format csv``): one row per event, record format v1's
# field names (``shared/design/records.md``), nested fields as ``field_part`` and lists
# joined with "; " (place lists stay aligned: the n-th name, country and coordinates
# are of one place).
EVENT_TABLE_COLUMNS: tuple[str, ...] = (
    "id", "when_start", "when_end", "when_precision", "when_text", "category", "mode",
    "acled_event_type", "acled_sub_event_type", "actors", "targets", "places",
    "places_admin1", "places_country", "places_lat", "places_lon", "places_precision",
    "fatalities", "counts", "status", "confidence", "source", "evidence", "evidence_text",
    "document_id", "origin", "outlet", "document_date",
)  # fmt: skip
QUOTE_COLUMNS: tuple[str, ...] = (
    "id", "date", "speaker", "speaker_kind", "speaker_role", "affiliation", "kind", "direct",
    "cue", "venue", "text", "source", "document_id", "origin", "outlet", "span_start", "span_end",
)  # fmt: skip
CLAIM_COLUMNS: tuple[str, ...] = (
    "id", "date", "value", "bound", "unit", "text", "about", "claimant", "source",
    "document_id", "origin", "outlet", "span_start", "span_end",
)  # fmt: skip
# The columns of each flat (kind, format); parquet carries ACLED's rows for events.
COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("events", "csv"): EVENT_TABLE_COLUMNS,
    ("events", "acled"): acled.EVENT_COLUMNS,
    ("events", "parquet"): acled.EVENT_COLUMNS,
    ("quotes", "csv"): QUOTE_COLUMNS,
    ("quotes", "parquet"): QUOTE_COLUMNS,
    ("claims", "csv"): CLAIM_COLUMNS,
    ("claims", "parquet"): CLAIM_COLUMNS,
}


def check_request(kind: str, fmt: str, require_place: bool = False) -> None:
    """Refuse a bad (kind, format, option) with a ``UsageError``, before a store is opened
    or anything is written: a typo in ``--format`` must not look like a missing store."""
    if kind not in _MODELS:
        raise UsageError(f"unknown record kind {kind!r}; expected one of: events, quotes, claims")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    if fmt in _EVENTS_ONLY and kind != "events":
        raise UsageError(f"--format {fmt} is for events only (places are needed), not {kind}")
    if require_place and kind != "events":
        raise UsageError(f"--require-place applies to events, not {kind}")


def write_records(
    records: Iterable[Any],
    kind: Kind,
    fmt: str,
    out: Out = None,
    *,
    require_place: bool = False,
) -> int:
    """Write ``records`` of one ``kind`` as ``fmt`` to a path, a stream, or stdout (``None``/``-``).

    ``require_place`` (events only) leaves out what has no coordinates: events without a
    located place, and in the ACLED-shaped formats (acled, parquet, geojson) each row
    of an event's place without coordinates. Returns what was written: rows for
    csv/acled/parquet, features for geojson, records otherwise. Bad combinations raise
    ``UsageError`` before anything is written.
    """
    check_request(kind, fmt, require_place)
    checked = _checked(records, kind, require_place)
    if fmt == "parquet":
        with _binary_out(out) as sink:
            return _write_parquet(_rows(checked, kind, fmt, require_place), kind, sink)
    with _text_out(out) as stream:
        if fmt in ("csv", "acled"):
            return _write_csv(_rows(checked, kind, fmt, require_place), COLUMNS[kind, fmt], stream)
        writer = {
            "table": _write_table,
            "json": _write_json,
            "jsonl": _write_jsonl,
            "geojson": _write_geojson,
        }[fmt]
        return writer(checked, kind, stream)


def _checked(records: Iterable[Any], kind: Kind, require_place: bool) -> Iterator[Any]:
    """A quote handed to the events writer would fail deep inside; say so plainly. With
    ``require_place``, events with no place that has coordinates stop here."""
    model = _MODELS[kind]
    for record in records:
        if not isinstance(record, model):
            raise UsageError(f"expected {kind}, got a {type(record).__name__}")
        # Only events have places (check_request refuses require_place for the others).
        if require_place and isinstance(record, Event):
            if not any(acled.located(place) for place in record.places):
                continue
        yield record


# -- destinations ---------------------------------------------------------------------


def _is_stdout(out: Out) -> bool:
    return out is None or (isinstance(out, str) and out == "-")


def _text_file(path: Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="")


def _binary_file(path: Path) -> BinaryIO:
    return open(path, "wb")


_Handle = TypeVar("_Handle", TextIO, BinaryIO)


@contextmanager
def _atomic_path(
    path: str | os.PathLike[str], opener: Callable[[Path], _Handle]
) -> Iterator[_Handle]:
    """A file opened by ``opener`` on ``path.part``, renamed to ``path`` when complete."""
    final = Path(path)
    part = final.with_name(final.name + ".part")
    try:
        with opener(part) as handle:
            yield handle
        os.replace(part, final)
    except OSError as exc:
        raise UsageError(f"cannot write {final}: {exc.strerror or exc}") from exc
    finally:
        part.unlink(missing_ok=True)


def _is_text_stream(out: object) -> TypeGuard[TextIO]:
    """io's text streams, and anything with an encoding (a test's capture, a wrapper)."""
    return isinstance(out, io.TextIOBase) or hasattr(out, "encoding")


@contextmanager
def _text_out(out: Out) -> Iterator[TextIO]:
    if _is_stdout(out):
        yield sys.stdout
    elif isinstance(out, (str, os.PathLike)):
        with _atomic_path(out, _text_file) as handle:
            yield handle
    elif _is_text_stream(out):
        yield out
    else:  # a binary stream (the only other kind of Out): wrap it, hand it back unclosed
        wrapper = io.TextIOWrapper(cast(IO[bytes], out), encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


@contextmanager
def _binary_out(out: Out) -> Iterator[Any]:
    """Parquet is binary: a path, a binary stream, or stdout redirected to a file."""
    stream = sys.stdout if _is_stdout(out) else out
    if isinstance(stream, (str, os.PathLike)):
        with _atomic_path(stream, _binary_file) as handle:
            yield handle
        return
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        raise UsageError("parquet is binary: give an output file, or redirect stdout to one")
    if isinstance(stream, io.TextIOBase) or hasattr(stream, "encoding"):
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise UsageError(
                "parquet is binary and cannot go to a text stream: give an output file"
            )
        stream.flush()  # type: ignore[union-attr]
        yield buffer
        buffer.flush()
        return
    yield stream


# -- flat rows ------------------------------------------------------------------------


def hop_name(hop: Hop, outlet: str | None = None) -> str:
    """A hop as a reader names it: the page by its outlet, else "this report" (never a
    file path, which stores made before ``THIS_REPORT`` hold); others by their name."""
    if hop.kind == "document":
        return outlet or THIS_REPORT
    return hop.name


def source_names(record: Any) -> list[str]:
    """The chain of attribution of an event, quote or claim, outermost first, named as
    ``hop_name`` names each hop (the record's ``outlet`` extra names the page)."""
    outlet = getattr(record, "outlet", None)
    return [hop_name(hop, outlet if isinstance(outlet, str) else None) for hop in record.source]


def according_to(record: Any) -> str:
    """The tables' "according to": the page (its outlet, or "this report") and any relay,
    ", quoting " between them. A quote's speaker has a column of its own, so its last
    hop (the speaker's) is left out; an event's or a claim's chain is shown whole."""
    names = source_names(record)
    if isinstance(record, Quote) and record.speaker is not None and len(names) > 1:
        names = names[:-1]
    return ", quoting ".join(names)


def _chain(record: Any) -> str:
    return " > ".join(source_names(record))


def _date(record: Any) -> str:
    when = getattr(record, "when", None)
    if when is not None and getattr(when, "start", None):
        return str(when.start)[:10]
    fallback = getattr(record, "document_date", None)
    return str(fallback)[:10] if fallback else ""


def _common(record: Quote | Claim) -> dict[str, Any]:
    return {
        "id": getattr(record, "id", None) or "",
        "date": _date(record),
        "source": _chain(record),
        "document_id": getattr(record, "document_id", None) or "",
        "origin": getattr(record, "origin", None) or "",
        "outlet": getattr(record, "outlet", None) or "",
        "span_start": record.span.start,
        "span_end": record.span.end,
    }


def _joined(values: Iterable[Any]) -> str:
    return "; ".join("" if v is None else str(v) for v in values)


def event_row(event: Event) -> dict[str, Any]:
    """One event as our own flat row: ``EVENT_TABLE_COLUMNS``, places joined."""
    when = event.when
    places = event.places
    row = {
        "id": event.id,
        "when_start": (when.start or "") if when else "",
        "when_end": (when.end or "") if when else "",
        "when_precision": when.precision if when else "",
        "when_text": when.text if when else "",
        "category": event.category,
        "mode": event.mode or "",
        "acled_event_type": event.acled.event_type if event.acled else "",
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else "",
        "actors": _joined(dict.fromkeys(a.name for a in event.actors)),
        "targets": _joined(dict.fromkeys(a.name for a in event.targets)),
        "places": _joined(p.name for p in places),
        "places_admin1": _joined(p.admin1 for p in places),
        "places_country": _joined(p.country for p in places),
        "places_lat": _joined(p.lat for p in places),
        "places_lon": _joined(p.lon for p in places),
        "places_precision": _joined(p.precision for p in places),
        "fatalities": acled.fatalities(event),
        "counts": _joined(f"{q.kind}={q.value:g} ({q.text})" for q in event.counts),
        "status": event.status,
        "confidence": event.confidence,
        "source": _chain(event),
        "evidence": ";".join(f"{span.start}-{span.end}" for span in event.evidence),
        "evidence_text": " … ".join(span.text for span in event.evidence),
        "document_id": getattr(event, "document_id", None) or "",
        "origin": getattr(event, "origin", None) or "",
        "outlet": getattr(event, "outlet", None) or "",
        "document_date": getattr(event, "document_date", None) or "",
    }
    return {column: row[column] for column in EVENT_TABLE_COLUMNS}


def quote_row(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    row = {
        **_common(quote),
        "speaker": speaker.name if speaker else "",
        "speaker_kind": speaker.kind if speaker else "",
        "speaker_role": (speaker.role or "") if speaker else "",
        "affiliation": (speaker.affiliation or "") if speaker else "",
        "kind": quote.kind,
        "direct": quote.direct,
        "cue": quote.cue or "",
        "venue": quote.venue or "",
        "text": quote.text,
    }
    return {column: row[column] for column in QUOTE_COLUMNS}


def claim_row(claim: Claim) -> dict[str, Any]:
    about = claim.about
    row = {
        **_common(claim),
        "value": claim.value,
        "bound": claim.bound,
        "unit": claim.unit or "",
        "text": claim.text,
        "about": about if isinstance(about, str) else (about.text if about else ""),
        "claimant": source_names(claim)[-1] if claim.source else "",
    }
    return {column: row[column] for column in CLAIM_COLUMNS}


def _rows(
    records: Iterable[Any], kind: Kind, fmt: str, require_place: bool
) -> Iterator[dict[str, Any]]:
    for record in records:
        if kind == "events" and fmt == "csv":
            yield event_row(record)
        elif kind == "events":
            yield from acled.event_rows(record, require_place)
        elif kind == "quotes":
            yield quote_row(record)
        else:
            yield claim_row(record)


# -- writers --------------------------------------------------------------------------


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def _dump(record: Any) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def _write_jsonl(records: Iterable[Any], kind: Kind, stream: TextIO) -> int:
    n = 0
    for record in records:
        stream.write(_dump(record) + "\n")
        n += 1
    return n


def _write_json(records: Iterable[Any], kind: Kind, stream: TextIO) -> int:
    """A JSON array written item by item, so a million events need no million-item list."""
    return _write_array(map(_dump, records), stream, "[", "]\n")


def _write_geojson(records: Iterable[Event], kind: Kind, stream: TextIO) -> int:
    features = (
        json.dumps(feature, ensure_ascii=False)
        for event in records
        for feature in acled.geojson_features(event)
    )
    return _write_array(features, stream, '{"type": "FeatureCollection", "features": [', "]}\n")


def _write_array(items: Iterable[str], stream: TextIO, head: str, tail: str) -> int:
    stream.write(head)
    n = 0
    for item in items:
        stream.write(("," if n else "") + "\n" + item)
        n += 1
    stream.write(("\n" if n else "") + tail)
    return n


def _parquet_schema(kind: Kind) -> Any:
    import pyarrow as pa  # heavy; only parquet exports pay for it

    def typed(column: str) -> Any:
        if column in acled.INT_COLUMNS or column in ("span_start", "span_end"):
            return pa.int64()
        if column in acled.FLOAT_COLUMNS or column == "value":
            return pa.float64()
        if column == "direct":
            return pa.bool_()
        return pa.string()

    return pa.schema([(column, typed(column)) for column in COLUMNS[kind, "parquet"]])


def _write_parquet(rows: Iterator[dict[str, Any]], kind: Kind, sink: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(kind)
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _table_columns(kind: Kind) -> list[tuple[str, Callable[[Any], str]]]:
    """A few columns that fit a terminal; the other formats carry everything."""
    if kind == "events":
        return [
            ("date", acled.event_date),
            ("category", lambda e: e.category + (f"/{e.mode}" if e.mode else "")),
            ("actors", lambda e: "; ".join(a.name for a in e.actors)),
            ("targets", lambda e: "; ".join(a.name for a in e.targets)),
            ("places", lambda e: "; ".join(p.name for p in e.places)),
            ("status", lambda e: e.status),
            ("according to", according_to),
        ]
    if kind == "quotes":
        return [
            ("date", _date),
            ("speaker", lambda q: q.speaker.name if q.speaker else ""),
            ("kind", lambda q: q.kind),
            ("quote", lambda q: _clip(q.text) if q.direct else f"({_clip(q.text)})"),
            ("according to", according_to),
        ]
    return [
        ("date", _date),
        ("claim", lambda c: c.text),
        ("value", lambda c: f"{c.bound} {c.value:g}" + (f" {c.unit}" if c.unit else "")),
        ("according to", according_to),
    ]


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write_table(records: Iterable[Any], kind: Kind, stream: TextIO) -> int:
    columns = _table_columns(kind)
    table = Table(*(name for name, _ in columns), show_lines=False)
    n = 0
    for record in records:
        # Text(), not str: a "[b]" in a news headline is content, not rich markup.
        table.add_row(*(Text(get(record)) for _, get in columns))
        n += 1
    table.caption = f"{n} {kind if n != 1 else kind[:-1]}"
    table_console(stream, os.environ).print(table)
    return n
