"""Commands of ``according``. Each one calls the Python API and formats what it returns.

Errors a user can cause (a bad file, a bad date, a missing model) are printed as one
line naming the input and the reason, with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from according.errors import AccordingError, UsageError

app = typer.Typer(
    name="according",
    help="Structured, checkable records of political events: who did what, to whom, "
    "where and when, according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True, soft_wrap=True)
DEFAULT_DB = "sqlite:///according.db"
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[str, typer.Option("--db", help="Database URL or SQLite file path.")]


def friendly_errors(func: F) -> F:
    """Turn expected failures into one line on stderr and exit status 1 (130 on Ctrl-C)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AccordingError as err:
            # Escaped: a file name like "[b]report.txt" is a name, not markup.
            err_console.print(f"[red]error:[/red] {escape(str(err))}", highlight=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


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
    from according.cli.show import ingest_with_progress
    from according.store import Store

    if engine not in ("local", "dask"):
        raise UsageError(f"--engine must be local or dask, not {engine!r}")
    with Store(db) as store:
        if engine == "dask":
            from according.batch import ingest as run_ingest

            summary = run_ingest(
                store, paths, workers=workers, engine="dask", scheduler=scheduler,
                out_dir=out_dir, retry_failed=retry_failed,
            )  # fmt: skip
        else:
            summary = ingest_with_progress(
                store, paths, workers, err_console, out_dir=out_dir, retry_failed=retry_failed
            )
    err_console.print(summary.describe(), highlight=False, markup=False)
    if summary.interrupted:
        raise typer.Exit(130)


def _query_command(kind: str) -> Callable[..., None]:
    @friendly_errors
    def command(
        db: DbOption = DEFAULT_DB,
        since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
        until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
        category: Annotated[
            str | None, typer.Option(help="PLOVER category, e.g. PROTEST (events only).")
        ] = None,
        actor: Annotated[str | None, typer.Option(help="Actor or speaker name.")] = None,
        place: Annotated[str | None, typer.Option(help="Place name or country code.")] = None,
        outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
        limit: Annotated[int | None, typer.Option(help="At most this many records.")] = None,
        format: Annotated[
            str,
            typer.Option("--format", help="table, json, jsonl, csv, acled, geojson or parquet."),
        ] = "table",
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write to this file.")
        ] = None,
        clustered: Annotated[
            bool,
            typer.Option(
                "--clustered",
                help="Events only: each happening once, with its outlets, their sides "
                "and conflicting counts (table, json or jsonl).",
            ),
        ] = False,
    ) -> None:
        from according.exports import write_records
        from according.store import Store

        filters: dict[str, Any] = {
            "since": check_iso_date(since, "--since"),
            "until": check_iso_date(until, "--until"),
            "actor": actor,
            "place": place,
            "outlet": outlet,
            "limit": limit,
        }
        if kind == "events":
            filters["category"] = category
        elif category is not None:
            raise UsageError(f"--category applies to events, not {kind}")
        if clustered:
            from according.store.clusters import CLUSTER_FORMATS, write_clusters

            if kind != "events":
                raise UsageError(f"--clustered applies to events, not {kind}")
            if format not in CLUSTER_FORMATS:
                raise UsageError(
                    f"--clustered supports {', '.join(CLUSTER_FORMATS)}, not {format!r}"
                )
            with Store(db, access="auto") as store:
                write_clusters(store.clusters(**filters), format, output)
            return
        # "auto": a store that cannot be written (a read-only file or folder) is read
        # without writing to it; one that can is migrated first, as ever.
        with Store(db, access="auto") as store:
            records = getattr(store, kind)(**filters)
            write_records(records, kind, format, output)

    command.__doc__ = f"""Query the {kind} in the store, filtered, in the format you need.

    Examples:

      according {kind} --since 2020-07-01 --place IR

      according {kind} --format csv -o {kind}.csv

      according events --clustered --since 2024-05-01 --place IR   (events only)
    """
    return command


for _kind in ("events", "quotes", "claims"):
    app.command(name=_kind)(_query_command(_kind))


@app.command()
@friendly_errors
def summary(db: DbOption = DEFAULT_DB) -> None:
    """What the store holds: documents, events by category, status and country, quotes,
    claims, date conflicts, and how the last ingests ended.

    Example: according summary --db according.db
    """
    from according.cli.show import print_summary
    from according.store import Store

    with Store(db, access="auto") as store:
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
    """List the registered pipeline stages and the default order."""
    from according.pipeline.registry import registered
    from according.settings import DEFAULT_SETTINGS

    for name in registered():
        mark = "*" if name in DEFAULT_SETTINGS.stages else " "
        typer.echo(f"{mark} {name}")


def main() -> None:
    import according.cli.evaluate  # noqa: F401  (registers the `eval` commands)

    app()
