"""Shards: the unit of work every ingest engine schedules, and the one function that does it.

A shard is a list of small files, or one file, or a part of one large file (a web archive
or a feed, cut by ``according.batch.split`` and ``according.batch.feed_split``), or one
``Upload`` (a document sent to the HTTP API). ``process_shard`` turns one into a JSON
Lines file of Reports (record format v1, one a line) plus a ledger entry, and touches
nothing else: no store, no globals beyond the per-process pipeline cache. That is what
lets a local process pool, a Dask cluster and the API's own thread run the very same
code, retry it anywhere, and let one loader on the client be the only writer.

Paths with a scheme (``s3://``, ``gs://``, ``https://``, ``file://``) are opened with
fsspec, so a cluster can read CC-NEWS WARC files straight from object storage.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import orjson

from according.batch.budget import DocumentTimeout, time_budget
from according.errors import AccordingError, InputNotFound, InputTooLarge, MalformedInput
from according.printable import printable
from according.readers.source import SourceDocument
from according.records import Report
from according.settings import DEFAULT_SETTINGS, Settings
from according.store.rows import check_storable

# Failures of the machine, not of the input: they propagate out of process_shard so the
# engine can retry the shard elsewhere instead of recording the input as bad.
RESOURCE_ERRORS: tuple[type[BaseException], ...] = (MemoryError, DocumentTimeout)

if TYPE_CHECKING:
    from according.pipeline.core import Pipeline

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")
# Documents per ``pipe`` call in a shard: spaCy batches within it (settings.batch_size);
# only this many Reports are held at a time.
PIPE_CHUNK = 64
_ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def has_scheme(path: str) -> bool:
    """Whether a path is a URL for fsspec rather than a local file name."""
    return bool(_SCHEME.match(path))


@dataclass(frozen=True)
class Upload:
    """A document sent rather than named (the HTTP API's POST body), with what its sender
    said of it. Read from memory as ``according read`` reads a file's bytes. Its ledger
    key is its content and those words, so the same upload sent twice is one entry."""

    data: bytes = field(repr=False)
    origin: str
    content_type: str | None = None
    page_date: str | None = None
    outlet: str | None = None

    @property
    def key(self) -> str:
        digest = hashlib.sha256(self.data)
        said = (self.origin, self.content_type, self.page_date, self.outlet)
        digest.update(repr(said).encode("utf-8", "backslashreplace"))
        return f"upload:{digest.hexdigest()[:32]}"


# What ``ingest`` reads: files, folders, globs and URLs by name, or uploaded documents.
Input = str | os.PathLike[str] | Upload


@dataclass(frozen=True)
class Shard:
    """Files processed together. ``key`` changes when any member's content may have
    changed (path, size and modification time or ETag), so a rerun skips exactly the
    shards whose inputs are as they were."""

    key: str
    paths: tuple[str, ...]
    # A part of one large file: ``unit`` says what start and end count. "bytes": a byte
    # range of a per-record gzipped archive, an archive of its own; "records": the
    # records of another archive that start at these offsets of its inflated stream
    # (end None: to the end); "entries": a feed's entries, counted from 0, end excluded.
    start: int = 0
    end: int | None = None
    unit: str = ""
    # The one document of an upload shard (``paths`` then holds its origin, for messages).
    upload: Upload | None = None

    @property
    def is_part(self) -> bool:
        return bool(self.unit)

    @property
    def file_key(self) -> str:
        """The key of the whole file a part is cut from (a part's key is it plus
        ``#<part>``; a file name may hold "#", the part never does)."""
        return self.key.rsplit("#", 1)[0] if self.is_part else self.key

    @property
    def label(self) -> str:
        """A short name for messages: the first file, and how many follow (or which part)."""
        more = f" (+{len(self.paths) - 1} files)" if len(self.paths) > 1 else ""
        if self.unit == "bytes":
            more = f" (bytes {self.start}-{self.end})"
        elif self.unit == "records":
            upto = f" to {self.end}" if self.end is not None else ""
            more = f" (records from inflated byte {self.start}{upto})"
        elif self.unit == "entries":
            more = f" (entries {self.start + 1}-{self.end})"
        return f"{printable(self.paths[0])}{more}" if self.paths else self.key

    @property
    def digest(self) -> str:
        """File-name-safe and stable: the output of a retried shard replaces the first."""
        return hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:20]


@dataclass
class ShardResult:
    """The ledger entry of a processed shard: where its Reports are and what went wrong.

    ``document_ids`` are the content hashes of the reports, in file order; ``sha256`` is
    the output file's, so the loader can tell a complete output from a stale or torn one.
    """

    key: str
    output: str
    documents: int
    errors: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    sha256: str = ""
    files: int = 0
    seconds: float = 0.0


# -- planning -----------------------------------------------------------------------------


def file_key(path: Path) -> str:
    """Path, size and mtime: the ledger key the local ingest has always used for a file."""
    stat = path.stat()
    # Printable: the key goes into the ledger (UTF-8 text), the name may not be UTF-8.
    return f"{printable(str(path.resolve()))}|{stat.st_size}|{stat.st_mtime_ns}"


def plan_shards(
    inputs: Iterable[Input],
    files_per_shard: int = 1,
    settings: Settings | None = None,
) -> list[Shard]:
    """Shards for the files under ``inputs``, in a stable order; an ``Upload`` is a shard
    of its own, ahead of the files.

    Archives are always a shard of their own (one CC-NEWS WARC is thousands of pages), or
    several when large, and so are feeds of more entries than a part holds; other files
    are grouped ``files_per_shard`` at a time, because one scheduler task per small page
    costs more in overhead than the page does in work. Every path is checked before
    anything runs, so a typo fails at once. ``settings``: the size limit a feed must be
    under to be looked into (the default settings' when None).
    """
    from according.readers.walk import iter_input_files

    local: list[str | os.PathLike[str]] = []
    remote: list[str] = []
    uploads: list[Shard] = []
    for p in inputs:
        if isinstance(p, Upload):
            uploads.append(Shard(key=p.key, paths=(printable(p.origin),), upload=p))
            continue
        text = os.fspath(p)
        if has_scheme(text):
            remote.append(text)
        else:
            local.append(p)
    files: list[tuple[str, str]] = [(str(f), file_key(f)) for f in iter_input_files(local)]
    for url in remote:
        files.extend(_remote_files(url))
    return uploads + list(_group(files, max(1, files_per_shard), settings or DEFAULT_SETTINGS))


def _group(files: list[tuple[str, str]], size: int, settings: Settings) -> Iterator[Shard]:
    run: list[tuple[str, str]] = []
    for path, key in files:
        if path.lower().endswith(_ARCHIVE_SUFFIXES):
            yield from _archive_shards(path, key)
            continue
        parts = [] if has_scheme(path) else _feed_shards(path, key, settings)
        if parts:
            yield from parts
            continue
        run.append((path, key))
        if len(run) >= size:
            yield _shard_of(run)
            run = []
    if run:
        yield _shard_of(run)


def _archive_shards(path: str, key: str) -> Iterator[Shard]:
    """One shard per part of a large archive (each resumable on its own): byte ranges of
    a per-record gzipped one, else windows of records; a small archive is one shard.
    Remote archives are not split."""
    from according.batch import split

    if has_scheme(path):
        yield Shard(key=key, paths=(path,))
        return
    try:
        parts = split.part_ranges(path, split.PART_BYTES)
        windows = split.record_windows(path, split.PART_BYTES) if len(parts) == 1 else []
    except OSError:
        parts, windows = [(0, 0)], []
    if len(parts) > 1:
        for start, end in parts:
            yield Shard(f"{key}#bytes={start}-{end}", (path,), start, end, unit="bytes")
    elif len(windows) > 1:
        for start, upto in windows:
            yield Shard(f"{key}#records={start}-{'' if upto is None else upto}", (path,),
                        start, upto, unit="records")  # fmt: skip
    else:
        yield Shard(key=key, paths=(path,))


def _feed_shards(path: str, key: str, settings: Settings) -> list[Shard]:
    """One shard per part of a feed of many entries; none for any other file."""
    from according.batch import feed_split

    return [
        Shard(f"{key}#entries={first}-{last}", (path,), first, last, unit="entries")
        for first, last in feed_split.entry_parts(path, settings)
    ]


def _shard_of(members: list[tuple[str, str]]) -> Shard:
    if len(members) == 1:
        path, key = members[0]
        return Shard(key=key, paths=(path,))
    blob = "\n".join(key for _, key in members).encode("utf-8")
    key = f"group:{hashlib.sha256(blob).hexdigest()[:32]}|{len(members)} files"
    return Shard(key=key, paths=tuple(path for path, _ in members))


def _remote_files(url: str) -> list[tuple[str, str]]:
    """(url, key) for a URL or a glob of URLs; the key carries size and ETag or mtime."""
    import fsspec

    fs, _ = fsspec.core.url_to_fs(url)
    protocol = url.split("://", 1)[0]
    if _GLOB.search(url.split("://", 1)[1]):
        found: dict[str, Any] = fs.glob(url, detail=True)
        if not found:
            raise InputNotFound("no files match", source=url)
        infos = sorted(found.items())
    else:
        try:
            infos = [(url, fs.info(url))]
        except (FileNotFoundError, OSError) as exc:
            raise InputNotFound(f"cannot be opened ({exc})", source=url) from None
    out = []
    for name, info in infos:
        full = name if has_scheme(name) else f"{protocol}://{name}"
        stamp = (
            info.get("ETag") or info.get("etag") or info.get("mtime") or info.get("LastModified")
        )
        out.append((full, f"{full}|{info.get('size')}|{stamp}"))
    return out


# -- processing ---------------------------------------------------------------------------


def process_shard(
    shard: Shard, settings: Settings, out_dir: str | os.PathLike[str], *, strict: bool = False
) -> ShardResult:
    """Read every file of the shard, run the pipeline, write ``<digest>.jsonl`` to ``out_dir``:
    a line per report, the Report itself in record format v1 (``Report.to_json`` on one
    line). Turning it into rows is the store's business (``according.store.rows``).

    Never raises for bad input: an unreadable file, archive record or document becomes a
    one-line reason in ``errors`` and the rest of the shard stands. The output is written
    to ``.part`` and renamed, so it either is complete or does not exist, whichever worker
    wrote it and however often. ``strict``: the first thing that cannot be read raises
    its error instead and nothing is written (a caller who answers the sender of an
    upload, as the HTTP API does, wants the error, not a reason).
    """
    started = time.perf_counter()
    sources: list[SourceDocument] = []
    errors: list[str] = []
    for path in shard.paths:
        docs, problems = _read_input(path, shard, settings, strict)
        sources.extend(docs)
        errors.extend(problems)
    ids: list[str] = []
    output = _join(os.fspath(out_dir), f"{shard.digest}.jsonl")
    # Written as the reports come, not held: a shard may be thousands of documents.
    lines = _collect(_run_pipeline(sources, settings, strict), ids, errors)
    digest = _write_atomically(output, lines)
    return ShardResult(
        key=shard.key,
        output=output,
        documents=len(ids),
        errors=errors,
        document_ids=ids,
        sha256=digest,
        files=len(shard.paths),
        seconds=time.perf_counter() - started,
    )


def _collect(
    results: Iterator[tuple[bytes, str, str | None]], ids: list[str], errors: list[str]
) -> Iterator[bytes]:
    """The report lines of ``results``; their ids and the problems go to the lists."""
    for line, doc_id, problem in results:
        if problem is not None:
            errors.append(problem)
        else:
            ids.append(doc_id)
            yield line


def _read_input(
    path: str, shard: Shard, settings: Settings, strict: bool = False
) -> tuple[list[SourceDocument], list[str]]:
    """Documents of one file of the shard (or of the part of it the shard is, or of its
    upload), and one line per thing that could not be read (``strict``: raised)."""
    origin = printable(path)
    try:
        if shard.upload is not None:
            return _read_upload(shard.upload, settings), []
        return _read_path(path, origin, settings, shard if shard.is_part else None)
    except AccordingError as err:
        if strict:
            raise
        return [], [str(err)]
    except RESOURCE_ERRORS:
        raise  # not the input's fault: the engine retries the shard in a fresh worker
    except Exception as err:
        if strict:
            raise
        return [], [_unexpected(origin, err)]


def _read_upload(upload: Upload, settings: Settings) -> list[SourceDocument]:
    from according.readers import read_bytes

    return read_bytes(
        upload.data, upload.origin, settings=settings, content_type=upload.content_type,
        page_date=upload.page_date, outlet=upload.outlet,
    )  # fmt: skip


def _read_path(
    path: str, origin: str, settings: Settings, part: Shard | None = None
) -> tuple[list[SourceDocument], list[str]]:
    """Documents of one file (or of the ``part`` of it), and the pages of an archive that
    could not be read; anything else that cannot be read raises.

    Read through the same capped opener as ``according read`` (special files refused,
    the size checked before reading, archives streamed); the file is named in documents
    and errors by its printable form (``origin``), while the raw name (undecodable bytes
    and all) is what opens it.
    """
    from according.readers import read_bytes
    from according.readers.files import open_input

    opened = _open_remote(path, origin, settings) if has_scheme(path) else None
    if opened is None:
        opened = open_input(path, origin, settings)
    if isinstance(opened, bytes):
        if part is not None and part.unit == "entries":
            return _read_feed_part(opened, origin, part), []
        return read_bytes(opened, origin, settings=settings), []
    window = None
    if part is not None and part.unit == "bytes":  # an archive of its own
        from according.batch.split import FileSlice

        # A raw byte stream: it reads as the IO[bytes] the archive readers take.
        opened = cast(IO[bytes], FileSlice(opened, part.start, part.end or 0))
    elif part is not None and part.unit == "records":
        window = (part.start, part.end)
    with opened:
        return _read_archive(opened, origin, settings, window, whole=part is None)


def _read_archive(
    handle: IO[bytes],
    origin: str,
    settings: Settings,
    window: tuple[int, int | None] | None = None,
    *,
    whole: bool = True,
) -> tuple[list[SourceDocument], list[str]]:
    """read_bytes would keep only the good pages and log the rest; a batch wants each
    lost page reported. The size limit applies per page inside. A part without pages is
    no error (requests and metadata may fill it; the archive has pages elsewhere)."""
    from according.readers.warc import read_warc

    docs, problems = read_warc(handle, origin, settings, window)
    reasons = [str(p) for p in problems]
    if not docs and not problems and whole:
        reasons.append(
            str(MalformedInput("web archive holds no HTML or text pages", source=origin))
        )
    return docs, reasons


def _read_feed_part(data: bytes, origin: str, part: Shard) -> list[SourceDocument]:
    """The documents of entries ``part.start`` to ``part.end`` of a feed."""
    from according.batch.feed_split import read_part
    from according.readers.feeds import read_feed

    piece = read_part(data, origin, part.start, part.end or 0)
    try:
        return read_feed(piece, origin, entries_before=part.start)
    except AccordingError:
        raise
    except Exception as exc:  # as read_bytes: feedparser raises anything on bad bytes
        detail = " ".join(str(exc).split())[:200]
        raise MalformedInput(
            f"unreadable feed ({type(exc).__name__}: {detail})", source=origin
        ) from exc


def _open_remote(path: str, origin: str, settings: Settings) -> bytes | IO[bytes]:
    """As ``open_input``, through fsspec: an archive stays an open (seekable) file."""
    import fsspec

    from according.readers import is_archive
    from according.readers.files import HEAD_BYTES, too_large

    try:
        handle = fsspec.open(path, "rb").open()
    except FileNotFoundError:
        raise InputNotFound("no such file", source=origin) from None
    head = handle.read(HEAD_BYTES)
    if is_archive(head):
        handle.seek(0)
        return handle
    with handle:
        data = head + handle.read(settings.max_input_bytes + 1 - len(head))
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(too_large(None, settings), source=origin)
    return data


def _run_pipeline(
    sources: list[SourceDocument], settings: Settings, strict: bool = False
) -> Iterator[tuple[bytes, str, str | None]]:
    """(Report JSON, document id, None) or (b"", "", reason) per source, in order.

    The whole list goes through ``pipe`` for spaCy's batching; if any document breaks
    it, they are run one at a time so only that document is lost (``strict``: the
    first error raises).
    """
    from according.pipeline.core import get_pipeline

    if not sources:
        return
    pipeline = get_pipeline(settings)
    runnable = []
    for source in sources:
        try:
            runnable.append(pipeline.check(source))
        except AccordingError as err:  # too long: refused alone, before the batch runs
            if strict:
                raise
            yield b"", "", str(err)
    for at in range(0, len(runnable), PIPE_CHUNK):
        yield from _run_chunk(pipeline, runnable[at : at + PIPE_CHUNK], settings, strict)


def _run_chunk(
    pipeline: Pipeline, sources: list[SourceDocument], settings: Settings, strict: bool = False
) -> Iterator[tuple[bytes, str, str | None]]:
    """One chunk through ``pipe`` (a feed of 100,000 entries held every Report at once);
    if a document breaks it, or it runs over its time, one document at a time."""
    budget = settings.document_time_budget_s
    try:
        with time_budget(budget * len(sources) if budget else None, "batch"):
            reports = list(pipeline.pipe(sources))
    except Exception:
        if strict:
            raise
        reports = None
    if reports is not None:
        for report, source in zip(reports, sources, strict=True):
            yield _report_line(report, source.origin, strict)
        return
    for source in sources:
        try:
            with time_budget(budget, printable(source.origin)):
                (report,) = list(pipeline.pipe([source]))
        except AccordingError as err:
            yield b"", "", f"{source.origin}: {err}"
        except RESOURCE_ERRORS:
            raise
        except Exception as err:  # noqa: BLE001
            yield b"", "", _unexpected(source.origin, err)
        else:
            yield _report_line(report, source.origin)


def _report_line(
    report: Report, origin: str, strict: bool = False
) -> tuple[bytes, str, str | None]:
    """The report as one JSON line, if the store will take it (``rows.check_storable``):
    a report it would refuse is one lost document here, not a failed load later."""
    data = report.model_dump(mode="json")
    try:
        check_storable(data)
    except AccordingError as err:  # an event id twice
        if strict:
            raise
        return b"", "", f"{origin}: {err}"
    return orjson.dumps(data), report.document.id, None


def _unexpected(where: str, err: BaseException) -> str:
    detail = " ".join(str(err).split())[:200]
    return f"{where}: unexpected {type(err).__name__}: {detail} [A999]"


# -- output files -------------------------------------------------------------------------


def _join(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}" if has_scheme(folder) else os.path.join(folder, name)


def open_output(path: str, mode: str) -> IO[Any]:
    """Open a shard output, local or fsspec; the loader reads with the same function."""
    if has_scheme(path):
        import fsspec

        return fsspec.open(path, mode).open()
    return open(path, mode)


def _write_atomically(output: str, lines: Iterable[bytes]) -> str:
    """Write the lines to ``output.part`` as they come, then rename; return the content's
    sha256 (computed on the way, so nothing is held)."""
    digest = hashlib.sha256()
    part = output + ".part"
    if has_scheme(output):
        import fsspec

        fs, _ = fsspec.core.url_to_fs(output)
        with fs.open(part, "wb") as handle:
            for line in lines:
                digest.update(line + b"\n")
                handle.write(line + b"\n")
        fs.mv(part, output)
    else:
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
        with open(part, "wb") as handle:
            for line in lines:
                digest.update(line + b"\n")
                handle.write(line + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, output)
    return digest.hexdigest()


def remove_output(path: str) -> None:
    """Delete a loaded output; a missing one is fine (a rerun may have removed it)."""
    if has_scheme(path):
        import fsspec

        fs, _ = fsspec.core.url_to_fs(path)
        if fs.exists(path):
            fs.rm(path)
        return
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
