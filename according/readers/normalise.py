"""The normalised text every offset points into, and the document id derived from it.

Normalisation must be idempotent and cheap: the document id is the hash of its result,
so the same report read from a .txt, an HTML page or a WARC record is stored once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Zero-width spaces, word joiners, byte-order marks, soft hyphens and C0 control
# characters (NUL among them, which PostgreSQL refuses in text) carry no meaning for a
# reader. ZWNJ and ZWJ (U+200C, U+200D) are kept: they are part of how words are spelt
# in Persian, Kurdish, Urdu and Hindi (نکرده‌ایم) and join emoji sequences, so removing
# them would make stored evidence differ from the source.
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed:
# they change the order in which text is displayed without changing what it says, so a
# quote could be shown to a reader in another order than it was stored ("Trojan
# Source"). The marks U+200E/U+200F stay: they only set the direction of neutrals.
_BIDI = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060\u00ad" + _BIDI + _CONTROLS), None)
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
