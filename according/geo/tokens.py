"""What the recogniser asks of the tokens around a name, read once per document.

spaCy makes a Token object on every ``doc[i]`` and joins the tokens again on every
``Span.text``; the recogniser asks about each name's neighbours many times (is the word
before it locative, is the word after a hyphen), and those objects were most of the
places stage's time. ``Tokens`` reads spaCy's attribute arrays once and answers from
plain lists, slicing words out of the text only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from according.geo.spans import DOTTED, abbreviation

if TYPE_CHECKING:
    from spacy.tokens import Doc

LOCATIVE = frozenset(
    "in at near outside from to across around towards toward into throughout via between "
    "inside within".split()
)
PLACE_NOUNS = frozenset(
    "city cities town towns village villages province provinces country countries region "
    "regions capital district districts state states county port island islands".split()
)
LIST_GLUE = frozenset({",", "and", "or", ";", ":", "&"})
# Words that may sit inside a name the model split: "Democratic Republic of the Congo".
GLUE = frozenset({"of", "the", "and", "&", "-", "'s", "\u2019s"})
# Nouns whose "of" complement is a place.
_OF_PLACE = frozenset(
    "resident residents native natives mayor outskirts suburb suburbs inhabitants "
    "people citizens population".split()
)
_SENTENCE_END = frozenset({".", "!", "?"})


@dataclass(frozen=True)
class Tokens:
    """Per-token facts of one Doc, as lists indexed by token."""

    doc: Doc
    doc_text: str
    start: list[int]  # character offset
    length: list[int]
    capital: list[bool]  # untagged, and title-cased or an abbreviation ("DRC", "U.S.")
    title: list[bool]
    upper: list[bool]
    alpha: list[bool]
    lower_case: list[bool]  # spaCy's is_lower: cased letters, all lower case
    space: list[bool]  # followed by whitespace
    wordlike: list[bool]  # a word, or an abbreviation with dots ("U.S.")
    name_part: list[bool]  # wordlike and untagged, or a hyphen with no space around it
    sentence_start: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str) -> Tokens:
        columns = _columns(doc)
        start, length, iob, alpha, title, space, sent, upper, lower = columns
        untagged = (iob == 0) | (iob == 2)  # 0 no tag set, 2 outside an entity
        capital = untagged & (title == 1)
        wordlike = alpha == 1
        # Only all-capitals words can be abbreviations ("DRC", "U.S."): the other
        # tokens are never sliced out of the text.
        for k in _positions(upper == 1):
            word = text[start[k] : start[k] + length[k]]
            if untagged[k] and len(word) > 1 and abbreviation(word):
                capital[k] = True
            if not wordlike[k] and DOTTED.match(word) is not None:
                wordlike[k] = True
        name_part = untagged & wordlike
        # A hyphen written without spaces joins a name ("Kalynove-Borshchuvate").
        for k in _positions((length == 1) & ~wordlike & untagged):
            if text[start[k]] == "-":
                name_part[k] = k > 0 and not space[k] and not space[k - 1]
        sentence_start = (sent == 1).tolist()
        if sentence_start:
            sentence_start[0] = bool(doc[0].is_sent_start)
        return cls(
            doc=doc,
            doc_text=text,
            start=start.tolist(),
            length=length.tolist(),
            capital=capital.tolist(),
            title=(title == 1).tolist(),
            upper=(upper == 1).tolist(),
            alpha=(alpha == 1).tolist(),
            lower_case=(lower == 1).tolist(),
            space=(space == 1).tolist(),
            wordlike=wordlike.tolist(),
            name_part=name_part.tolist(),
            sentence_start=sentence_start,
        )

    def __len__(self) -> int:
        return len(self.start)

    def end(self, k: int) -> int:
        return self.start[k] + self.length[k]

    def text(self, k: int) -> str:
        return self.doc_text[self.start[k] : self.end(k)]

    def lower(self, k: int) -> str:
        return self.text(k).lower()

    def surface(self, i: int, j: int) -> str:
        """The text of tokens ``i`` to ``j`` (exclusive), as ``doc[i:j].text``."""
        return self.doc_text[self.start[i] : self.end(j - 1)]

    def locative(self, start: int) -> bool:
        """Whether the words before token ``start`` place what follows: "in", "near"
        (not "according to"), "a resident of", "in northern", a place noun just before."""
        if start == 0:
            return False
        prev = self.lower(start - 1)
        if prev == "to" and start >= 2 and self.lower(start - 2) == "according":
            return False  # "according to Yap": a source
        if prev in LOCATIVE:
            return True
        # "a resident of Torun", "the mayor of Dogubayazit", "Mark Smith, 54, of Tyler"
        if prev == "of" and start >= 3:
            owner = self.lower(start - 2)
            if owner in _OF_PLACE or (owner == "," and self.doc[start - 3].like_num):
                return True
        # "in northern Iran", "in the city of Karaj"
        if start >= 2 and self.lower_case[start - 1] and self.lower(start - 2) in LOCATIVE:
            return True
        # "cities including: Isfahan", "the province of Fars", "capital, Tehran"; not a
        # place noun ending the sentence before ("in the region. But hog specimens")
        window = [self.lower(k) for k in range(max(0, start - 3), start)]
        while any(w in _SENTENCE_END for w in window):
            window.pop(0)
        return any(w in PLACE_NOUNS for w in window)

    def joinable(self, k: int) -> bool:
        """Token ``k`` can sit inside a name joined across tokens: a capitalised word,
        "of", "the", "and", a possessive, or a hyphen written without spaces."""
        word = self.text(k)
        if word == "-":
            return k > 0 and not self.space[k - 1] and not self.space[k]
        return word.lower() in GLUE or ((self.title[k] or self.upper[k]) and self.alpha[k])

    def list_glue(self, k: int) -> bool:
        return self.text(k) in LIST_GLUE


def _positions(mask: Any) -> list[int]:
    import numpy as np

    return list(np.flatnonzero(mask).tolist())


def _columns(doc: Doc) -> Any:
    """spaCy's attribute columns for ``doc`` (an empty Doc gives empty columns)."""
    import numpy as np

    attrs = _attrs()
    return doc.to_array(list(attrs)).reshape(-1, len(attrs)).astype(np.int64).T


@lru_cache(maxsize=1)
def _attrs() -> tuple[int, ...]:
    from spacy.attrs import (
        ENT_IOB,
        IDX,
        IS_ALPHA,
        IS_LOWER,
        IS_TITLE,
        IS_UPPER,
        LENGTH,
        SENT_START,
        SPACY,
    )

    return (IDX, LENGTH, ENT_IOB, IS_ALPHA, IS_TITLE, SPACY, SENT_START, IS_UPPER, IS_LOWER)
