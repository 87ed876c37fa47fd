"""Human-readable views for the terminal: a Report as tables, ingest progress."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from according.batch.ingest import ProgressHook
from according.exports.formats import according_to
from according.records import Report, TimeSpan


def when_text(span: TimeSpan | None) -> str:
    if span is None or span.start is None:
        return ""
    return span.start if span.end in (None, span.start) else f"{span.start} – {span.end}"


def print_report(report: Report, console: Console) -> None:
    doc = report.document
    console.print(f"[bold]{doc.title or doc.origin}[/bold]")
    console.print(
        f"outlet: {doc.outlet.name if doc.outlet else '?'}   page date: {doc.page_date or '?'}"
        f"   content date: {when_text(doc.content_date) or '?'}   id: {doc.id[:19]}…",
        highlight=False,
    )
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)

    events = Table(title=f"Events ({len(report.events)})", show_lines=False)
    for column in ("category", "when", "places", "actors", "counts", "status"):
        events.add_column(column)
    for ev in report.events:
        events.add_row(
            f"{ev.category}/{ev.mode}" if ev.mode else ev.category,
            when_text(ev.when),
            ", ".join(p.name for p in ev.places),
            ", ".join(dict.fromkeys(a.name for a in ev.actors)),
            ", ".join(q.text for q in ev.counts),
            ev.status,
        )
    console.print(events)

    # What was said; views and findings are in the JSON (``kind`` says which is which).
    said = [q for q in report.quotes if q.kind == "speech"]
    others = len(report.quotes) - len(said)
    quotes = Table(
        title=f"Quotes ({len(said)})",
        caption=f"and {others} stance or perception, in --format json" if others else None,
    )
    for column in ("speaker", "when", "according to", "words"):
        quotes.add_column(column)
    for q in said:
        words = q.text if len(q.text) < 90 else q.text[:87] + "…"
        speaker = q.speaker.name if q.speaker else "?"
        quotes.add_row(speaker, when_text(q.when), according_to(q), words)
    console.print(quotes)

    claims = Table(title=f"Claims ({len(report.claims)})")
    for column in ("value", "bound", "unit", "text", "according to"):
        claims.add_column(column)
    for c in report.claims:
        claims.add_row(str(c.value), c.bound, c.unit or "", c.text, according_to(c))
    console.print(claims)


def print_summary(
    counts: dict[str, int], breakdown: dict[str, list[tuple[str, int]]], console: Console
) -> None:
    totals = Table(title="The store", show_header=False)
    totals.add_column("what")
    totals.add_column("count", justify="right")
    for label, key in (
        ("documents", "documents"), ("events", "events"), ("quotes", "quotes"),
        ("claims", "claims"), ("inputs read", "ledger_done"), ("inputs skipped", "ledger_skipped"),
    ):  # fmt: skip
        totals.add_row(label, f"{counts.get(key, 0):,}")
    console.print(totals)
    for name, rows in breakdown.items():
        if not rows:
            continue
        table = Table(title=f"Events by {name}" if name != "date conflict" else "Documents")
        table.add_column(name)
        table.add_column("count", justify="right")
        for key, n in rows:
            table.add_row(key, f"{n:,}")
        console.print(table)


@contextmanager
def progress_bar(console: Console) -> Iterator[ProgressHook]:
    """A progress bar on ``console`` for the length of the block; the hook ``ingest``
    calls after each shard moves it."""
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        # Shards: files, and parts of large archives and feeds (each a few hundred
        # documents), so a single large file still shows progress.
        TextColumn("shards · {task.fields[docs]} documents stored"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingesting", total=None, docs=0)

        def hook(done: int, total: int, docs: int) -> None:
            bar.update(task, completed=done, total=total, docs=docs)

        yield hook
