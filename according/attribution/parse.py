"""Dependency parses for just the sentences that contain a speech cue.

Why a second, small spaCy pipeline: the parser costs about as much as NER over a whole
text, but only the sentences with "said", "told", "according to" ... need it, typically
a fifth to a quarter of a news article. Parsing those alone keeps the quotes stage well
under its share of the pipeline's time. The pipeline is loaded once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Parsed:
    """One sentence's parse; token offsets are relative to ``start`` in the document."""

    start: int
    end: int
    doc: Doc

    def char(self, offset: int) -> int:
        return self.start + offset


@lru_cache(maxsize=2)
def parser_nlp(model: str = "auto") -> Language:
    from according.pipeline.nlp import load_nlp

    return load_nlp(model, frozenset({"parser"}))


def parse_sentences(
    text: str, sentences: Sequence[tuple[int, int]], model: str = "auto"
) -> list[Parsed]:
    """Parse the given (start, end) sentence spans of ``text`` in one batch."""
    if not sentences:
        return []
    nlp = parser_nlp(model)
    docs = nlp.pipe((text[s:e] for s, e in sentences), batch_size=32)
    return [Parsed(s, e, doc) for (s, e), doc in zip(sentences, docs, strict=True)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A plain rule splitter for callers without a spaCy Doc (tests, tools).

    Splits after . ! ? (optionally followed by a closing quotation mark) before a
    capital or an opening mark, and at paragraph breaks.
    """
    import re

    spans: list[tuple[int, int]] = []
    start = 0
    pattern = re.compile(r"(?<=[.!?])[\"\u201d\u2019]?\s+(?=[\"\u201cA-Z0-9])|\n\s*\n")
    for match in pattern.finditer(text):
        end = match.start() if text[match.start()] == "\n" else match.start() + (
            1 if text[match.start()] in "\"\u201d\u2019" else 0
        )
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
