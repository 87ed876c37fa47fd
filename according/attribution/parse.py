"""Dependency parses for just the attribution clauses of the sentences with a cue.

Why a second, small spaCy pipeline: the parser costs about as much as NER over a whole
text, but only the sentences with "said", "told", "according to" ... need it. On
quote-heavy news that is most sentences, so two more savings matter:

- The quoted words never need parsing: who said them and where they stop is decided by
  the quotation marks and the words outside them. Each long quoted stretch is replaced,
  for the parser only, by a two-word stand-in clause ("we won"), and the parse's
  offsets are mapped back to the text. A sentence whose only cue lies inside quotation
  marks is not parsed at all (the cue is the quoted speaker's, not an attribution of
  this sentence's words).
- The pipeline is loaded once per process and batches every sentence of a document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from according.attribution.marks import Quoted

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Quoted stretches shorter than this are parsed as they are: masking them saves nothing
# and a short quote is often a name or a phrase the clause's grammar needs.
MASK_MIN_WORDS = 5
STAND_IN = "we won"


@dataclass(frozen=True)
class Piece:
    """A stretch of the parsed string and the text stretch it stands for."""

    doc_start: int
    doc_end: int
    text_start: int
    text_end: int

    @property
    def masked(self) -> bool:
        return self.doc_end - self.doc_start != self.text_end - self.text_start


@dataclass(frozen=True)
class Parsed:
    """One sentence's parse. Token offsets are offsets into the parsed string, which is
    the sentence with long quotations replaced by a stand-in; ``char`` maps them back."""

    start: int
    end: int
    doc: Doc
    pieces: tuple[Piece, ...] = ()

    def char(self, offset: int) -> int:
        """The text offset of a parsed-string offset (a start or an exclusive end)."""
        if not self.pieces:
            return self.start + offset
        for piece in self.pieces:
            if piece.doc_start <= offset < piece.doc_end or (
                offset == piece.doc_end and piece is self.pieces[-1]
            ):
                if not piece.masked:
                    return piece.text_start + offset - piece.doc_start
                return piece.text_start if offset == piece.doc_start else piece.text_end
        return self.end


def mask_quotes(
    text: str, start: int, end: int, quoted: Sequence[Quoted]
) -> tuple[str, tuple[Piece, ...]]:
    """The sentence ``text[start:end]`` with long quoted stretches replaced by STAND_IN."""
    pieces: list[Piece] = []
    parts: list[str] = []
    at, length = start, 0
    for q in quoted:
        q_start, q_end = max(q.start, start), min(q.end, end)
        if q_end <= q_start or q_start < at or len(text[q_start:q_end].split()) < MASK_MIN_WORDS:
            continue
        if q_start > at:
            pieces.append(Piece(length, length + q_start - at, at, q_start))
            parts.append(text[at:q_start])
            length += q_start - at
        pieces.append(Piece(length, length + len(STAND_IN), q_start, q_end))
        parts.append(STAND_IN)
        length += len(STAND_IN)
        at = q_end
    if at < end:
        pieces.append(Piece(length, length + end - at, at, end))
        parts.append(text[at:end])
    return "".join(parts), tuple(pieces)


def outside_quotes(pieces: Sequence[Piece]) -> list[tuple[int, int]]:
    """Text spans of the sentence that are not masked quotations."""
    return [(p.text_start, p.text_end) for p in pieces if not p.masked]


@lru_cache(maxsize=2)
def parser_nlp(model: str = "auto") -> Language:
    from according.nlp import load_nlp

    return load_nlp(model, frozenset({"parser"}))


def parse_sentences(
    text: str,
    sentences: Sequence[tuple[int, int]],
    model: str = "auto",
    quoted: Sequence[Quoted] = (),
) -> list[Parsed]:
    """Parse the given (start, end) sentence spans of ``text`` in one batch, with long
    quotations masked (see the module docstring)."""
    if not sentences:
        return []
    masked = [mask_quotes(text, s, e, near) for (s, e), near in near_quotes(sentences, quoted)]
    nlp = parser_nlp(model)
    docs = nlp.pipe((m[0] for m in masked), batch_size=64)
    return [
        Parsed(s, e, doc, pieces)
        for (s, e), (_, pieces), doc in zip(sentences, masked, docs, strict=True)
    ]


def near_quotes(
    sentences: Sequence[tuple[int, int]], quoted: Sequence[Quoted]
) -> list[tuple[tuple[int, int], Sequence[Quoted]]]:
    """Each sentence with the quotations that can overlap it, in their order: only those
    are looked at, so masking costs per sentence what its neighbourhood holds, not the
    whole document's quotations (which grew with the square of a long document)."""
    starts = [q.start for q in quoted]
    if any(a > b for a, b in itertools.pairwise(starts)):
        return [(sentence, quoted) for sentence in sentences]  # not in text order
    longest = max((q.end - q.start for q in quoted), default=0)
    out = []
    for s, e in sentences:
        lo = bisect.bisect_left(starts, s - longest)
        out.append(((s, e), quoted[lo : bisect.bisect_left(starts, e)]))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A plain rule splitter for callers without a spaCy Doc (tests, tools).

    Splits after . ! ? (optionally followed by a closing quotation mark) before a
    capital or an opening mark, and at paragraph breaks.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    pattern = re.compile(r"(?<=[.!?])[\"\u201d\u2019]?\s+(?=[\"\u201cA-Z0-9])|\n\s*\n")
    for match in pattern.finditer(text):
        end = (
            match.start()
            if text[match.start()] == "\n"
            else match.start() + (1 if text[match.start()] in '"\u201d\u2019' else 0)
        )
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
