"""Writing event clusters (``according.analysis.clusters``) as a table, JSON or JSON Lines."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from according.analysis.clusters import EventCluster
from according.errors import UsageError
from according.exports.tables import table_console

CLUSTER_FORMATS = ("table", "json", "jsonl")


def describe_counts(cluster: EventCluster) -> str:
    """ "fatalities: over 1,500 protesters (Iran International, opposition) | two (...) !" """
    parts = []
    for kind, comp in cluster.counts_by_source.items():
        shown = " | ".join(
            f"{v.text} ({', '.join(x for x in (v.outlet, v.side) if x) or '?'})"
            for v in comp.values
        )
        parts.append(f"{kind}{' CONFLICT' if comp.conflict else ''}: {shown}")
    return "; ".join(parts)


def cluster_row(cluster: EventCluster) -> dict[str, str | int]:
    """A flat row for tables and CSV; json keeps everything."""
    return {
        "date": cluster.when.text if cluster.when else "",
        "category": cluster.category + (f"/{cluster.mode}" if cluster.mode else ""),
        "places": "; ".join(p.name for p in cluster.places),
        "outlets": cluster.n_outlets,
        "sides": "; ".join(f"{o.name} ({o.side or '?'})" for o in cluster.outlets),
        "reports": cluster.n_documents,
        "counts": describe_counts(cluster),
        "status": "/".join(cluster.statuses),
        "id": cluster.id,
    }


def write_clusters(
    clusters: Iterable[EventCluster], fmt: str, out: TextIO | str | os.PathLike[str] | None = None
) -> int:
    """table, json or jsonl to a stream, stdout (``None``/``-``) or a file written via a
    ``.part`` sibling (a failed export leaves no truncated file); returns the count."""
    if fmt not in CLUSTER_FORMATS:
        choices = ", ".join(CLUSTER_FORMATS)
        raise UsageError(f"clusters can be written as {choices}, not {fmt!r}")
    if out is None or out == "-":
        return write_clusters(clusters, fmt, sys.stdout)
    if isinstance(out, (str, os.PathLike)):
        final = Path(out)
        part = final.with_name(final.name + ".part")
        try:
            with part.open("w", encoding="utf-8") as handle:
                n = write_clusters(clusters, fmt, handle)
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
        return n
    stream = out
    items = list(clusters)
    if fmt == "json":
        stream.write(json.dumps([c.model_dump(mode="json") for c in items], ensure_ascii=False))
        stream.write("\n")
    elif fmt == "jsonl":
        for c in items:
            stream.write(json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n")
    elif fmt == "table":
        from rich.table import Table
        from rich.text import Text

        columns = ["date", "category", "places", "outlets", "sides", "counts", "status"]
        table = Table(*columns)
        for c in items:
            row = cluster_row(c)
            table.add_row(*(Text(str(row[k])) for k in columns))
        table.caption = f"{len(items)} cluster{'s' if len(items) != 1 else ''}"
        table_console(stream, os.environ).print(table)
    return len(items)
