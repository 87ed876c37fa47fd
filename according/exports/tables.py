"""The console a table is printed through, so every table in the CLI is as wide the same way.

On a terminal the table takes the terminal's width (rich asks the terminal). Piped to a
file or a pager there is no terminal to ask: ``$COLUMNS`` is what a user sets to say how
wide (``COLUMNS=120 according events | less``), and without it the table gets
``PIPED_WIDTH`` rather than rich's 80, which would wrap every row of seven columns into
several lines and make the output useless to ``grep``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from rich.console import Console

PIPED_WIDTH = 160


def table_width(stream: TextIO, environ: Mapping[str, str]) -> int | None:
    """None (the terminal's own width) on a terminal; else ``$COLUMNS``, else ``PIPED_WIDTH``."""
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        return None
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return PIPED_WIDTH


def table_console(stream: TextIO, environ: Mapping[str, str]) -> Console:
    """A console that writes tables to ``stream`` at ``table_width``, with no colouring of
    numbers or names (a table of news text is content, not markup)."""
    return Console(file=stream, width=table_width(stream, environ), highlight=False)
