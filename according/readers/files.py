"""The one way a file becomes input: opened safely, read with a cap, never whole by trust.

``according read`` and every ingest worker read files through ``open_input``, so the
same bounds hold everywhere: a named pipe would block a reader forever, a character
device (a symlink to /dev/zero) never ends, and a sparse file reports gigabytes it
does not hold; none of them may cost more than a stat. Web archives are the one input
larger than the page limit by design (a CC-NEWS WARC is a gigabyte of pages): they are
handed over as an open file and streamed record by record, bounded inside by
``settings.max_decompressed_bytes`` and, per page, by ``settings.max_input_bytes``.
"""

from __future__ import annotations

import os
import stat
from typing import IO

from according.errors import InputError, InputNotFound, InputTooLarge
from according.readers.warc import is_archive
from according.settings import Settings

# Enough to recognise a web archive, gzipped or not, without reading the file.
HEAD_BYTES = 4096

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ('a named pipe (FIFO)'), or None."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def open_input(path: str, origin: str, settings: Settings) -> bytes | IO[bytes]:
    """The file's bytes, or, for a web archive, the open file positioned at its start.

    ``path`` is what the operating system needs (undecodable bytes as surrogates);
    ``origin`` is how errors name it. The caller closes a returned file. Refused without
    reading (beyond a few KB to recognise an archive): special files, with what they
    are (A106), and non-archives larger than ``settings.max_input_bytes`` (A105).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputNotFound("no such file", source=origin) from None
    except OSError as exc:
        raise InputNotFound(f"cannot be opened ({exc.strerror or exc})", source=origin) from None
    _refuse_special(info.st_mode, origin)
    handle = _open_regular(path, origin)
    try:
        head = handle.read(HEAD_BYTES)
        if is_archive(head):
            handle.seek(0)
            return handle
        size = os.fstat(handle.fileno()).st_size
        if size > settings.max_input_bytes:
            raise InputTooLarge(too_large(size, settings), source=origin)
        # Capped even so: a file that grows while we read has no trustworthy size.
        data = head + handle.read(settings.max_input_bytes + 1 - len(head))
    except OSError as exc:
        handle.close()
        raise InputError(f"cannot be read ({exc.strerror or exc})", source=origin) from None
    except BaseException:
        handle.close()
        raise
    handle.close()
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(too_large(None, settings), source=origin)
    return data


def too_large(size: int | None, settings: Settings) -> str:
    """``size`` None: the input was cut off at the limit, its full size is unknown."""
    limit = settings.max_input_bytes
    found = f"{size} bytes" if size is not None else f"more than {limit} bytes"
    return f"{found}, larger than the limit of {limit} bytes (settings.max_input_bytes)"


def _refuse_special(mode: int, origin: str) -> None:
    kind = special_kind(mode)
    if kind == "a folder":
        raise InputNotFound("is a folder, not a file", source=origin)
    if kind is not None:
        raise InputNotFound(f"is {kind}, not a regular file: skipped", source=origin)


def _open_regular(path: str, origin: str) -> IO[bytes]:
    """Open without blocking (a FIFO swapped in after the stat would block a plain open),
    check again on the open file, then read normally."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputNotFound("no such file", source=origin) from None
    except OSError as exc:
        raise InputNotFound(f"cannot be opened ({exc.strerror or exc})", source=origin) from None
    try:
        _refuse_special(os.fstat(fd).st_mode, origin)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")
