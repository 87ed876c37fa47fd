"""Names and reasons as one printable line, whatever bytes they came from.

File names on POSIX are bytes: Python hands undecodable ones over as lone surrogates
(``surrogateescape``), which UTF-8 encoders (orjson, SQLite, a terminal) refuse, and a
name may hold a newline that would forge a second line in a log or an error list. Every
name shown or stored goes through ``printable``: undecodable bytes become ``\\xNN``,
control and bidi-override characters their escapes, so one error stays one line and
reads the same in every viewer.
"""

from __future__ import annotations

import re

# C0/C1 controls, DEL, lone surrogates (undecodable bytes of a file name), and the
# bidi embedding/override/isolate controls that reorder how a line is displayed.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could break or disguise a line escaped."""
    return _UNPRINTABLE.sub(_escape, text)


def path_bytes(path: str) -> bytes:
    """The file name as the operating system knows it (for hashing, never for display)."""
    return path.encode("utf-8", "surrogateescape")
