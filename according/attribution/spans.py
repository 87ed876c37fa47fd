"""Character spans of parsed phrases: a speaker's noun phrase, its appositive, a
clause's subtree, and the edges a clause boundary leaves behind.

Why apart: every rule that reads a parse (speech, stance, and the no-parse shapes that
must copy it) cuts spans the same way, so the cutting lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

_SPEAKER_KEEP = frozenset(
    {
        "compound",
        "det",
        "amod",
        "poss",
        "nmod",
        "nummod",
        "flat",
        "case",
        "quantmod",
        "prep",
        "pobj",
    }
)


def np_span(head: Token) -> tuple[int, int]:
    """Character span of a noun phrase: the head and its modifiers, not appositives or
    relative clauses ("Ahmad Naderi, one of the officials, who ..." -> "Ahmad Naderi")."""
    left = head.i
    right = head.i
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod"):
            continue
        if (
            child.dep_ in ("prep",)
            and child.i > head.i
            and not head.like_num  # "three in 10", "one of them"
            and head.lower_
            not in (
                "one",
                "some",
                "many",
                "each",
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "member",
                "members",
                "head",
                "chief",
                "leader",
                "director",
            )
        ):
            continue
        if child.dep_ not in _SPEAKER_KEEP:
            continue
        sub = list(child.subtree)
        left = min(left, sub[0].i)
        right = max(right, sub[-1].i)
    doc = head.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def appositive(head: Token) -> tuple[int, int] | None:
    for child in head.children:
        if child.dep_ == "appos":
            sub = list(child.subtree)
            end_tok = sub[-1]
            while end_tok.i > sub[0].i and end_tok.is_punct and end_tok.text not in ")":
                end_tok = head.doc[end_tok.i - 1]
            return sub[0].idx, end_tok.idx + len(end_tok)
    return None


def subtree_chars(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    skip = {t.i for t in exclude}
    toks = [t for t in tok.subtree if t.i not in skip]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, commas and colons a clause boundary leaves behind."""
    while start < end and (text[start].isspace() or text[start] in ",:;\u2014-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;\u2014-"):
        end -= 1
    return start, end


def strip_end(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in ".!? \n":
        end -= 1
    return start, end


__all__ = ["appositive", "np_span", "strip_end", "subtree_chars", "trim"]
