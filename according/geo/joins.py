"""Mentions joined or split after recognition, when the gazetteer knows better than
the model where a name starts and ends.

"Guinea-Bissau", "Democratic Republic of the Congo", "Jammu and Kashmir": the model
splits a name at a hyphen, an "of" or an "and", and the whole is one place. "Asia-Pacific",
"Russia-Ukraine": a hyphenated name the gazetteer lacks is two places.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from according.geo.gazetteer import Gazetteer
from according.geo.mention import Mention
from according.geo.normalise import normalise
from according.geo.spans import names_region
from according.geo.tokens import GLUE, Tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc


def join_names(
    tokens: Tokens, found: dict[int, Mention], span_end: dict[int, int], gazetteer: Gazetteer
) -> None:
    """A name the model split is one mention when the gazetteer has the whole (not
    under an alternate name only); the mentions inside it go."""
    n = len(tokens)
    for a in sorted(found):
        if a not in found:
            continue
        b = span_end[a]
        best = None
        for i in range(a, max(a - 6, -1), -1):  # from the left edge, then further left
            if i < a and not tokens.joinable(i):
                break
            for j in range(b, min(b + 5, n) + 1):
                if j > b and not tokens.joinable(j - 1):
                    break
                if not tokens.title[i] or tokens.lower(i) == "the" or not tokens.alpha[j - 1]:
                    continue
                if tokens.lower(j - 1) in GLUE or (i == a and j == b):
                    continue
                if i < a and tokens.lower(a - 1) not in GLUE and j == b:
                    continue
                if j > b and tokens.lower(b) not in GLUE and not tokens.title[b]:
                    continue
                key = normalise(tokens.surface(i, j))
                cands = tuple(c for c in gazetteer.lookup(key) if c.kind != "alt")
                if cands and (best is None or j - i > best[1] - best[0]):
                    best = (i, j, cands)
        if best is None:
            continue
        i, j, cands = best
        m = found[a]
        for k in [k for k in found if k < j and span_end[k] > i]:
            del found[k]
            span_end.pop(k, None)
        start = m.start if i == a else tokens.start[i]
        end = tokens.end(j - 1)
        surface = tokens.doc_text[start:end]
        found[i] = replace(
            m, start=start, end=end, text=surface, key=normalise(surface), candidates=cands
        )
        span_end[i] = j


def split_pairs(
    doc: Doc, found: dict[int, Mention], span_end: dict[int, int], gazetteer: Gazetteer
) -> None:
    """ "Asia-Pacific", "Russia-Ukraine": a hyphenated name the gazetteer lacks whose
    parts are each a country, continent or region is two mentions."""
    for a, m in list(found.items()):
        if m.candidates or "-" not in m.text or " " in m.text:
            continue
        left, _, right = m.text.partition("-")
        parts = [(left, m.start), (right, m.start + len(left) + 1)]
        looked = [gazetteer.lookup(normalise(w)) for w, _ in parts]
        if not all(
            w[:1].isupper() and names_region(c, ("name",))
            for (w, _), c in zip(parts, looked, strict=True)
        ):
            continue
        del found[a]
        for (word, start), cands in zip(parts, looked, strict=True):
            token = doc.char_span(start, start + len(word), alignment_mode="expand")
            at = token.start if token is not None else a
            found[at if at not in found else a] = replace(
                m,
                start=start,
                end=start + len(word),
                text=word,
                key=normalise(word),
                candidates=cands,
            )
