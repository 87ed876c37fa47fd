"""Bytes to text, for plain-text reports and for every other reader that needs a string.

News archives hold decades of files in whatever encoding the newsroom used, so decoding
must never guess silently wrong on the common cases (UTF-8, UTF-16 with a BOM,
Windows-1252) and must refuse, with a reason, what is not text at all: a PDF or an image
handed over by mistake should stop here, not turn into a report full of mojibake.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from according.errors import BinaryInput, EmptyInput, UndecodableInput
from according.readers.normalise import normalise_text
from according.readers.source import SourceDocument

# Longest BOM first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats people hand over by mistake; named so the error says what it was.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

# C0 controls except tab, newline, vertical tab, form feed, carriage return and ESC;
# DEL too. Text editors never write these; binary formats are full of them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 65_536
# Legacy single-byte encodings that charset-normalizer often ties with another codepage
# on short texts; when tied, the one the web and newsrooms actually used wins.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")
# Non-ASCII characters of Western European text as Windows-1252 writes them: Latin-1
# letters (not × and ÷), œ, and the typographic marks and symbols newsrooms use.
_WESTERN = frozenset(
    [chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷"]
    + list("œŒ‘’‚“”„–—…•€™«»°£§©®¢¥¿¡·½¼¾ªº²³µ\u00a0")
)
# WHATWG: a page that says latin-1 means windows-1252 (smart quotes live in 0x80-0x9F).
_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode ``data`` or raise a coded error naming ``source``.

    Order matters: a BOM is proof, valid UTF-8 is near-proof (legacy text is almost never
    valid UTF-8 by accident), a charset the container declares is a strong hint but is
    often wrong about UTF-8 pages, and charset-normalizer is the last resort.
    Empty and whitespace-only input is refused here so no reader has to re-check it.
    """
    if not data.strip():
        raise EmptyInput("empty input (no bytes or only whitespace)", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start + len(bom)})",
                    source=source,
                ) from None
            return _checked(text, source, encoding)
    bomless = _bomless_utf16(data)
    if bomless:
        try:
            return _checked(data.decode(bomless), source, bomless)
        except UnicodeDecodeError:
            pass
    _refuse_binary(data, source)
    try:
        return _checked(data.decode("utf-8"), source, "utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec_name(declared)
    if codec:
        try:
            return _checked(data.decode(codec), source, codec)
        except (UnicodeDecodeError, BinaryInput):
            pass
    return _checked(_guess(data, source), source, "detected encoding")


def read_text(data: bytes, origin: str, *, declared: str | None = None) -> SourceDocument:
    """A plain-text report: the whole decoded file is the text, nothing is known about it."""
    return text_document(decode_bytes(data, origin, declared=declared), origin)


def text_document(text: str, origin: str) -> SourceDocument:
    """Normalised text as a document; a URL origin is also the document's URL."""
    text = normalise_text(text)
    if not text:
        raise EmptyInput("no text left after normalisation", source=origin)
    url = origin if origin.lower().startswith(("http://", "https://")) else None
    return SourceDocument(text=text, origin=origin, url=url, page_date=header_date(text))


def header_date(text: str) -> str | None:
    """The page date of a saved page: a first line that is a full date and nothing else.

    Pages copied to text often keep the site's date banner ("Saturday, July 27, 2024")
    as their first line. That is the page's date, not necessarily when the report was
    written; the dates stage compares it with the text's own dates.
    """
    from according.dates import find_time_expressions

    first = text.split("\n", 1)[0].strip()
    if not first or len(first) > 60:
        return None
    found = find_time_expressions(first, None)
    if len(found) != 1 or found[0].precision != "day" or found[0].method != "explicit":
        return None
    span = found[0].span
    rest = (first[: span.start] + first[span.end :]) if span else first
    if rest.strip(" ,.-–—|") or not found[0].start:
        return None
    return found[0].start


def split_content_type(value: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset="UTF-8"'; Nones for what is absent."""
    if not value:
        return None, None
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'")
    return mime.strip().lower() or None, charset


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, as some Windows tools write it, recognised by its NUL pattern:
    mostly-Latin text has a NUL in every other byte and nowhere else."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, source: str) -> None:
    """Refuse files that are not text before any decoder turns them into mojibake.

    Only called when there is no BOM: UTF-16/32 text is full of NUL bytes.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"binary content ({what}), not text", source=source)
    # The whole file, not a sample: a NUL at byte 70,000 must not let through what a NUL
    # at byte 10 refuses (one search over 20 MB is a few milliseconds).
    if b"\x00" in data:
        raise BinaryInput("binary content (contains NUL bytes), not text", source=source)
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInput(
            f"binary content ({controls / len(sample):.0%} control bytes), not text",
            source=source,
        )


def _checked(text: str, source: str, encoding: str) -> str:
    """A decode that 'succeeds' into control characters was the wrong decode."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        raise EmptyInput("empty input (only whitespace)", source=source)
    bad = len(_CONTROL_CHARS.findall(sample))
    if bad / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInput(
            f"binary content ({bad} control or replacement characters when read as "
            f"{encoding}), not text",
            source=source,
        )
    return text


def _guess(data: bytes, source: str) -> str:
    """charset-normalizer's answer, corrected towards Windows-1252 where it has no evidence.

    On short texts it has no language signal (coherence 0) and picks among dozens of
    codepages that all decode the bytes; Western European text in Windows-1252 is by far
    the most common legacy case, and is recognisable: mostly ASCII letters, and outside
    ASCII only Latin-1 letters and the usual typographic punctuation.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        western = _western_cp1252(data)
        if western is not None:
            return western
        raise UndecodableInput("not UTF-8 and no known text encoding fits the bytes", source=source)
    best = matches[0]
    tied = [
        m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.02
    ]
    for preferred in _PREFERRED:
        for match in tied:
            if match.encoding == preferred:
                return str(match)
    if best.coherence < 0.01:
        western = _western_cp1252(data)
        if western is not None:
            return western
    return str(best)


def _western_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not all(ord(c) < 0x80 or c in _WESTERN for c in text):
        return None
    # Cyrillic (cp1251) and Greek bytes also land on Latin-1 letters, but then nearly every
    # letter is one; in Western languages most letters are plain ASCII.
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) >= 0x80)
    return text if accented <= 0.4 * len(letters) else None


def _codec_name(declared: str | None) -> str | None:
    """Python's codec name for a declared charset, or None if Python does not know it."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    name = name.replace("-", "_")
    return _ALIASES.get(name, name)
