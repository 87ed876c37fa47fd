"""Who can be a speaker: a person, an organisation, an outlet or a group of people.

Why: the parse offers the subject of a cue verb, and news puts counts and abstract
nouns there too ("Hundreds of farmers gathered, demanding ...", "A glance at the
figures confirms ...", "The three had reported on ..."). Named as speakers they read
as nonsense ("Hundreds said", "glance said") and the numbers in their sentence were
attributed to them. The words are data, ``according/data/attribution/speakers.yaml``
(read through ``rules.word_lists``), each with an example sentence a test reads.

- ``speaking_token``: the token that names who speaks, given the parse's subject: the
  counted noun of "Hundreds of farmers", nothing for a bare count or an abstract noun.
- ``imposed``: a verb whose object does not hold the stance it alleges ("arrested X
  for supporting Y": the charge is the arresting side's, not X's stance).
- ``cannot_speak``: the same test on a word, for the rules that settle a sentence
  without a parse (``shapes``), so both paths agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.lex_attrs import like_num
from spacy.tokens import Token

from according.attribution.lexicon import _forms
from according.attribution.rules import RULES_DIR, WordEntry, word_lists

SPEAKERS_PATH = RULES_DIR / "speakers.yaml"
SECTIONS = ("quantities", "abstract", "imposed")
# Irregular forms of the imposed verbs (regular ones come from ``lexicon._forms``).
_IRREGULAR = {"sentence": ("sentence", "sentences", "sentenced", "sentencing")}


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    quantities: frozenset[str]
    abstract: frozenset[str]
    imposed: frozenset[str]  # every inflected form
    entries: tuple[WordEntry, ...]


@lru_cache(maxsize=4)
def speaker_words(path: Path = SPEAKERS_PATH) -> SpeakerWords:
    """Read and check the file once per process (``path``: another file, for tests)."""
    entries = word_lists(path, SECTIONS)

    def words(section: str) -> frozenset[str]:
        return frozenset(e.word for e in entries if e.section == section)

    imposed = frozenset(f for w in words("imposed") for f in _IRREGULAR.get(w) or _forms(w))
    return SpeakerWords(words("quantities"), words("abstract"), imposed, entries)


def is_count(word: str) -> bool:
    """A number or a word that counts ("three", "14", "Thousands")."""
    return like_num(word) or word.lower() in speaker_words().quantities


def cannot_speak(word: str) -> bool:
    """A head word that names no speaker on its own: a count or an abstract noun."""
    return is_count(word) or word.lower() in speaker_words().abstract


def speaking_token(tok: Token | None) -> Token | None:
    """Who speaks, given the parse's subject ``tok``: the counted noun of "Hundreds of
    farmers" (through "tens of thousands of"), ``tok`` itself for a share with its
    group ("three in 10 said"), else None for a bare count or an abstract noun."""
    if tok is None or tok.lower_ in speaker_words().abstract:
        return None
    if not is_count(tok.text):
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            counted = [c for c in prep.children if c.dep_ == "pobj"]
            if counted:
                return speaking_token(counted[0])
    if any(c.dep_ == "prep" and c.i > tok.i for c in tok.children):
        return tok  # "three in 10", a share of a group the sentence names
    return None


def imposed(verb: Token) -> bool:
    """A verb whose object is charged with, or kept from, a stance ("arrested X for
    supporting Y", "prevent youth from supporting Y"): not the object's own."""
    return verb.lower_ in speaker_words().imposed


__all__ = [
    "SpeakerWords",
    "cannot_speak",
    "imposed",
    "is_count",
    "speaker_words",
    "speaking_token",
]
