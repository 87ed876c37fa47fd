"""Who said what, and through whom it reached the page.

Public API (functions over text, sentence spans and entity spans; no pipeline needed):

- ``find_quoted(text)``: stretches between quotation marks.
- ``attribute_text(text, sentences, mentions)``: Attributions (content, speaker mention,
  cue, relay, venue, clause) for direct quotes and reported speech.
- ``build_quotes(...)`` / ``build_claims(...)``: records with source chains.
- ``find_claims(text, exclude, sentences)``: counted numbers with hedges.
- ``coref.resolve(mention, start, candidates)``: pronoun and description resolution.
"""

from __future__ import annotations

from collections.abc import Sequence

from according.attribution.claims import find_claims
from according.attribution.grammar import Attribution, cue_sentences, find_attributions
from according.attribution.marks import Quoted, find_quoted
from according.attribution.parse import parse_sentences, split_sentences
from according.attribution.shapes import settle_sentences


def attribute_text(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    mentions: Sequence[tuple[int, int]] = (),
    model: str = "auto",
    rules: bool = True,
) -> list[Attribution]:
    """Attributions in ``text``: settle the plain cue sentences by rule (``shapes``),
    parse the rest, then apply the grammar. ``rules=False`` parses every cue sentence
    (the reference the rules are tested against)."""
    spans = list(sentences) if sentences is not None else split_sentences(text)
    quoted = find_quoted(text)
    cued = cue_sentences(text, spans, quoted)
    settled: list[Attribution] = []
    if rules:
        settled, cued = settle_sentences(text, cued, mentions)
    parsed = parse_sentences(text, cued, model, quoted)
    return find_attributions(text, parsed, quoted, mentions=mentions, settled=settled)


__all__ = [
    "Attribution",
    "Quoted",
    "attribute_text",
    "cue_sentences",
    "find_attributions",
    "find_claims",
    "find_quoted",
    "parse_sentences",
    "split_sentences",
]
