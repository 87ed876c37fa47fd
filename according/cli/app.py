"""Commands of ``according``. Each one calls the Python API and formats what it returns.

Errors a user can cause (a bad file, a bad date, a missing model) are printed as one
line naming the input and the reason, with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from according.cli.common import err_console, friendly_errors
from according.cli.evaluate import eval_app
from according.errors import UsageError
from according.records.model import CATEGORIES

app = typer.Typer(
    name="according",
    help="Structured, checkable records of political events: who did what, to whom, "
    "where and when, according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
DEFAULT_DB = "sqlite:///according.db"

DbOption = Annotated[str, typer.Option("--db", help="Database URL or SQLite file path.")]


def check_iso_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


@app.command()
@friendly_errors
def read(
    source: Annotated[str, typer.Argument(help="A file, an http(s) URL, or - for stdin.")],
    page_date: Annotated[
        str | None, typer.Option(help="The page's date (YYYY-MM-DD), if the page lacks one.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet that published it.")] = None,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Read one report and print what it says: events, quotes, claims, places, dates.

    Examples:

      according read report.html

      according read report.txt --page-date 2024-07-27 --format json > report.json

      curl -s https://example.org/a.html | according read - --outlet "Example News"
    """
    from according.cli.show import print_report
    from according.pipeline.core import read_location

    if format not in ("table", "json"):
        raise UsageError(f"--format must be table or json, not {format!r}")
    page_date = check_iso_date(page_date, "--page-date")
    report = read_location(source, page_date, outlet)
    if format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_report(report, Console())


@app.command()
@friendly_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (read recursively).")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: one per core).")
    ] = None,
    engine: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address; default: a local cluster of --workers."),
    ] = None,
    out_dir: Annotated[
        str | None,
        typer.Option(
            "--out-dir",
            help="Shard output folder or URL shared by the workers and this machine "
            "(required with --scheduler).",
        ),
    ] = None,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Also retry inputs recorded as failed (a worker ran out of memory or "
            "time on them twice); a plain rerun leaves them alone.",
        ),
    ] = False,
) -> None:
    """Read files and folders (.txt, .html, RSS/Atom feeds, WARC) into the store.

    Safe to stop and rerun: finished files are skipped, no document is stored twice.

    Examples:

      according ingest reports/ --db according.db

      according ingest crawl-2024-07.warc.gz feeds/*.xml --workers 2

      according ingest 's3://bucket/cc-news/*.warc.gz' --engine dask
      --scheduler tcp://host:8786 --out-dir s3://bucket/shards
    """
    from contextlib import nullcontext

    from according.batch import ingest as run_ingest
    from according.cli.show import progress_bar
    from according.store import Store

    if engine not in ("local", "dask"):
        raise UsageError(f"--engine must be local or dask, not {engine!r}")
    # A bar for the local engine; cluster jobs usually log to files, so the Dask engine
    # writes a plain status line now and then instead (dask_engine.StderrStatus).
    progress = progress_bar(err_console) if engine == "local" else nullcontext(None)
    with Store(db) as store, progress as hook:
        summary = run_ingest(
            store, paths, engine=engine, workers=workers, out_dir=out_dir,
            retry_failed=retry_failed, progress=hook,
            scheduler=scheduler if engine == "dask" else None,  # the local engine ignores it
        )  # fmt: skip
    err_console.print(summary.describe(), highlight=False, markup=False)
    if summary.interrupted:
        raise typer.Exit(130)


SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
PlaceOption = Annotated[
    str | None,
    typer.Option(
        help="A town, a province, or a country by name or code (Iran = IR: everything "
        "located in it). Quotes and claims: from reports with an event there."
    ),
]
OutletOption = Annotated[str | None, typer.Option(help="Outlet name.")]
LimitOption = Annotated[int | None, typer.Option(help="At most this many records.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (says what it wrote).")
]


def _filters(
    since: str | None, until: str | None, actor: str | None, place: str | None,
    outlet: str | None, limit: int | None,
) -> dict[str, Any]:  # fmt: skip
    return {
        "since": check_iso_date(since, "--since"),
        "until": check_iso_date(until, "--until"),
        "actor": actor,
        "place": place,
        "outlet": outlet,
        "limit": limit,
    }


def _said_what(n: int, what: str, output: Path | None) -> None:
    """One line on stderr for ``-o FILE``: the file is written, so say what is in it."""
    if output is not None and str(output) != "-":
        noun = what if n != 1 else what[:-1]
        err_console.print(f"wrote {n:,} {noun} to {output}", highlight=False, markup=False)


def _unit(kind: str, fmt: str) -> str:
    """What ``write_records`` counts for a format: rows of a table, features, records."""
    if fmt in ("csv", "acled", "parquet"):
        return "rows"
    return "features" if fmt == "geojson" else kind


def _write(kind: str, filters: dict[str, Any], db: str, fmt: str, output: Path | None) -> None:
    from according.exports import check_request, write_records
    from according.store import Store

    check_request(kind, fmt)
    with Store(db, create=False, access="auto") as store:
        n = write_records(getattr(store, kind)(**filters), kind, fmt, output)  # type: ignore[arg-type]
    _said_what(n, _unit(kind, fmt), output)


@app.command()
@friendly_errors
def events(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    category: Annotated[
        str | None, typer.Option(help=f"PLOVER category: {', '.join(CATEGORIES)}.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name.")] = None,
    place: PlaceOption = None,
    outlet: OutletOption = None,
    limit: LimitOption = None,
    format: Annotated[
        str, typer.Option("--format", help="table, json, jsonl, csv, acled, geojson or parquet.")
    ] = "table",
    output: OutputOption = None,
    clustered: Annotated[
        bool,
        typer.Option(
            "--clustered",
            help="Each happening once, with its outlets, their sides and conflicting counts "
            "(table, json or jsonl).",
        ),
    ] = False,
    require_place: Annotated[
        bool,
        typer.Option(
            "--require-place", help="Leave out events, and ACLED rows, without coordinates."
        ),
    ] = False,
) -> None:
    """Query the events in the store, filtered, in the format you need.

    The store must exist (`according ingest` makes one). As csv, one row per event with
    our field names; as acled, ACLED's columns, one row per event and place.

    Examples:

      according events --since 2020-07-01 --place Iran

      according events --format acled --require-place -o events.csv

      according events --clustered --since 2024-05-01 --place IR
    """
    from according.exports import check_request, write_records
    from according.store import Store
    from according.store.queries import one_of

    filters = _filters(since, until, actor, place, outlet, limit)
    filters["category"] = one_of("category", category, CATEGORIES) if category else None
    if clustered:
        from according.analysis.clusters import clusters_from_store
        from according.exports.clusters import CLUSTER_FORMATS, write_clusters

        if format not in CLUSTER_FORMATS:
            raise UsageError(f"--clustered supports {', '.join(CLUSTER_FORMATS)}, not {format!r}")
        if require_place:
            raise UsageError("--require-place is for exports, not --clustered")
        with Store(db, create=False, access="auto") as store:
            n = write_clusters(clusters_from_store(store, **filters), format, output)
        _said_what(n, "happenings", output)
        return
    check_request("events", format, require_place)
    with Store(db, create=False, access="auto") as store:
        n = write_records(
            store.events(**filters), "events", format, output, require_place=require_place
        )
    _said_what(n, _unit("events", format), output)


@app.command()
@friendly_errors
def quotes(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[str | None, typer.Option(help="Speaker name.")] = None,
    place: PlaceOption = None,
    outlet: OutletOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="speech, stance, perception or all. Default: speech in the table, all in "
            "the other formats."
        ),
    ] = None,
    limit: LimitOption = None,
    format: Annotated[
        str, typer.Option("--format", help="table, json, jsonl, csv or parquet.")
    ] = "table",
    output: OutputOption = None,
) -> None:
    """Query the quotes in the store: what was said (speech), and on request the views
    held (stance) and what was found or shown (perception).

    The store must exist (`according ingest` makes one). The table shows speech unless
    --kind says otherwise; json, jsonl, csv and parquet keep every kind, each quote
    with its `kind`.

    Examples:

      according quotes --actor Khamenei

      according quotes --kind stance --since 2024-05-01

      according quotes --format jsonl -o quotes.jsonl
    """
    filters = _filters(since, until, actor, place, outlet, limit)
    filters["kind"] = kind if kind is not None else ("speech" if format == "table" else "all")
    _write("quotes", filters, db, format, output)


@app.command()
@friendly_errors
def claims(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[
        str | None, typer.Option(help="A name in the chain of attribution (who says so).")
    ] = None,
    place: PlaceOption = None,
    outlet: OutletOption = None,
    limit: LimitOption = None,
    format: Annotated[
        str, typer.Option("--format", help="table, json, jsonl, csv or parquet.")
    ] = "table",
    output: OutputOption = None,
) -> None:
    """Query the claims in the store: numbers someone asserts, with their hedge and who
    says so.

    The store must exist (`according ingest` makes one).

    Examples:

      according claims --outlet Reuters --format csv

      according claims --since 2023-03-01 -o claims.csv
    """
    _write("claims", _filters(since, until, actor, place, outlet, limit), db, format, output)


@app.command()
@friendly_errors
def summary(db: DbOption = DEFAULT_DB) -> None:
    """What the store holds: documents, events by category, status and country, quotes,
    claims, date conflicts, and how the last ingests ended.

    Example: according summary --db according.db
    """
    from according.cli.show import print_summary
    from according.store import Store

    with Store(db, create=False, access="auto") as store:
        print_summary(store.counts(), store.breakdown(), Console())


@app.command()
@friendly_errors
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="ACCORDING_TOKEN",
            help="Allow POST /api/documents to requests carrying this bearer token. "
            "Without it the server is read-only.",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="uvicorn worker processes; each opens the store.")
    ] = 1,
    threads: Annotated[
        int | None, typer.Option(min=1, help="Route threads per worker (4 suits 2 cores).")
    ] = None,
    cache_mb: Annotated[
        float,
        typer.Option(
            min=0,
            help="Memory per worker for finished responses, reused until the store changes; "
            "0 computes every request.",
        ),
    ] = 64,
    host_allow: Annotated[
        list[str] | None,
        typer.Option(
            "--host-allow",
            help="A Host header to answer (repeat for more; '*' for any). Default: the "
            "loopback names on 127.0.0.1, the address itself on a specific one, any on "
            "0.0.0.0. Others get 400 (DNS rebinding).",
        ),
    ] = None,
    immutable: Annotated[
        bool,
        typer.Option(
            "--immutable",
            help="Serve a SQLite file that nothing changes while it is served (read-only "
            "media, a published copy): opened read-only without locks, never written.",
        ),
    ] = False,
) -> None:
    """Serve the HTTP API (/api/...), the map-and-timeline page (/) and its docs (/docs).

    The store must exist, unless --token lets the server take documents into a new one.

    Examples:

      according serve --db according.db

      ACCORDING_TOKEN=s3cret according serve --host 0.0.0.0 --port 8080

      according serve --workers 2 --threads 4   (several processes on one store)

      according serve --cache-mb 0              (no response cache: every request computed)

      according serve --db /srv/ro/according.db --immutable   (nothing written, ever)

    Without --token a store that cannot be written is served read-only.
    """
    import os

    import uvicorn

    from according.server import create_app
    from according.server.app import (
        CACHE_ENV,
        HOSTS_ENV,
        IMMUTABLE_ENV,
        STORE_ENV,
        THREADS_ENV,
        TOKEN_ENV,
        UVICORN_LIMITS,
        default_allowed_hosts,
    )
    from according.store import Store

    if token is None:  # read-only: a missing store is a mistyped --db, not a new store
        Store(db, create=False, access="immutable" if immutable else "auto").close()
    hosts = list(host_allow) if host_allow else default_allowed_hosts(host)
    if workers == 1:
        app = create_app(db, token=token, threads=threads, cache_mb=cache_mb,
                         allowed_hosts=hosts, immutable=immutable)  # fmt: skip
        uvicorn.run(app, host=host, port=port, **UVICORN_LIMITS)
        return
    # Fail fast on a bad --db or --token before forking.
    create_app(db, token=token, immutable=immutable)
    if hosts:
        os.environ[HOSTS_ENV] = ",".join(hosts)
    if immutable:
        os.environ[IMMUTABLE_ENV] = "1"
    os.environ[CACHE_ENV] = str(cache_mb)
    os.environ[STORE_ENV] = db
    if token:
        os.environ[TOKEN_ENV] = token
    if threads:
        os.environ[THREADS_ENV] = str(threads)
    uvicorn.run(
        "according.server.app:from_environment", factory=True, host=host, port=port,
        workers=workers, **UVICORN_LIMITS,
    )  # fmt: skip


@app.command()
@friendly_errors
def stages() -> None:
    """List the pipeline stages in the order they run (numbered), then the other
    registered stages, which run only when settings name them.

    Example: according stages
    """
    from according.pipeline.registry import registered
    from according.settings import DEFAULT_SETTINGS

    for n, name in enumerate(DEFAULT_SETTINGS.stages, 1):
        typer.echo(f"{n}. {name}")
    others = [name for name in registered() if name not in DEFAULT_SETTINGS.stages]
    if others:
        typer.echo("not run by default: " + ", ".join(others))


app.add_typer(eval_app, name="eval")


def main() -> None:
    app()
