"""The normalised text every offset points into, and the document id derived from it.

Normalisation must be idempotent and cheap: the document id is the hash of its result,
so the same report read from a .txt, an HTML page or a WARC record is stored once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Zero-width marks, soft hyphens and C0 control characters (NUL among them, which
# PostgreSQL refuses in text) carry no meaning for a reader.
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad" + _CONTROLS), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, one kind of newline and space, no invisible characters, no ragged blank runs.

    Quotation marks and dashes are kept as written: the quote stage needs them, and
    evidence shown to a user must look like the source.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def document_id(normalised: str) -> str:
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()
