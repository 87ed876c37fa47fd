"""Which files in the folders a user names are reports.

The order is sorted and therefore the same on every machine and every run, so a batch's
output and its resume point are reproducible. Hidden files (editor backups, .git, macOS
metadata) and files whose extension says they are not reports are skipped; files without
an extension are kept, since scraped archives often store pages under bare ids or dates.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from according.errors import InputNotFound
from according.printable import printable

log = logging.getLogger(__name__)

READABLE_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".xml", ".rss", ".atom", ".warc", ".arc"}
)
# Compressed archives are read; other compressed files are not reports.
READABLE_DOUBLE_SUFFIXES: frozenset[str] = frozenset({".warc.gz", ".arc.gz"})


def is_readable_name(name: str) -> bool:
    """Whether a file met while walking a folder looks like a report, by its name alone."""
    if name.startswith("."):
        return False
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    if not any("a" <= c <= "z" for c in suffix):
        return True  # no extension, or a number or date after the dot ("report.2024-03-05")
    if suffix in READABLE_SUFFIXES:
        return True
    return any(lower.endswith(double) for double in READABLE_DOUBLE_SUFFIXES)


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files under ``paths``: a named file as is, a named folder walked recursively.

    A file named explicitly is always yielded, whatever its name: the user asked for it.
    Every path is checked before the first file is yielded, so a typo fails at once
    instead of after hours of work; a missing path raises InputNotFound.
    """
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise InputNotFound("no such file or directory", source=str(root))
    return _walk_all(roots)


def _walk_all(roots: list[Path]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if root.is_dir():
            yield from _walk(root, seen)
        else:
            yield root


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Depth-first, each folder's entries sorted by name; symlink loops are walked once."""
    try:
        stat = folder.stat()
    except OSError:
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        # One unreadable folder must not end a batch over thousands of others.
        log.warning(
            "%s: folder skipped, cannot be listed (%s)",
            printable(str(folder)), exc.strerror or exc,
        )  # fmt: skip
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(Path(entry.path), seen)
        elif is_readable_name(entry.name):
            yield Path(entry.path)
